//! Reading frames from a blocking `std::io::Read`.

use crate::frame_buffer::{DEFAULT_READ_SIZE, FrameBuffer};
use crate::{Error, Message};
use eventstream_core::{Limits, MessageRef};
use std::io::Read;

/// Reads frames from a `std::io::Read`, straight into one reusable buffer.
///
/// [`read_message`](Self::read_message) lends each frame (no copy, no
/// allocation once the buffer has grown to the largest frame); as an
/// `Iterator` it yields owned [`Message`]s instead.
///
/// ```
/// use eventstream::Reader;
///
/// let mut stream = eventstream::encode_to_vec(&[], b"one").unwrap();
/// stream.extend(eventstream::encode_to_vec(&[], b"two").unwrap());
///
/// let mut reader = Reader::new(&stream[..]);
/// while let Some(message) = reader.read_message()? {
///     println!("{} bytes of payload", message.payload().len());
/// }
/// assert_eq!(reader.position(), 2 * 19);
/// # Ok::<(), eventstream::Error>(())
/// ```
#[derive(Debug)]
pub struct Reader<R> {
    inner: R,
    buffer: FrameBuffer,
}

impl<R: Read> Reader<R> {
    /// A reader with the spec's limits.
    ///
    /// ```
    /// let reader = eventstream::Reader::new(std::io::empty());
    /// assert_eq!(reader.position(), 0);
    /// ```
    pub fn new(inner: R) -> Self {
        Reader::with_limits(inner, Limits::default())
    }

    /// A reader with the given limits: a prelude declaring more is an error
    /// after its 12 bytes, before anything is reserved for the frame.
    ///
    /// ```
    /// use eventstream::{Limits, Reader};
    /// let reader = Reader::with_limits(std::io::empty(), Limits { max_message_len: 1 << 20, max_headers_len: 4096 });
    /// # let _ = reader;
    /// ```
    pub fn with_limits(inner: R, limits: Limits) -> Self {
        Reader {
            inner,
            buffer: FrameBuffer::new(limits, DEFAULT_READ_SIZE),
        }
    }

    /// The next frame, borrowed from the reader's buffer until the next call.
    ///
    /// `Ok(None)` at a clean end of stream between frames (and after a decode
    /// error was returned once: a reader never resynchronises on garbage);
    /// [`Error::UnexpectedEof`] at an end inside a frame. Reads interrupted by
    /// a signal are retried; other I/O errors are returned, and a later call
    /// continues where this one stopped if the source recovers.
    ///
    /// ```
    /// let frame = eventstream::encode_to_vec(&[], b"x").unwrap();
    /// let mut reader = eventstream::Reader::new(&frame[..frame.len() - 1]);
    /// assert!(matches!(reader.read_message(), Err(eventstream::Error::UnexpectedEof { buffered: 16, needed: 1 })));
    /// ```
    pub fn read_message(&mut self) -> Result<Option<MessageRef<'_>>, Error> {
        let Reader { inner, buffer } = self;
        if !buffer.fill(|buf| inner.read(buf))? {
            return Ok(None);
        }
        buffer.lend().map(Some)
    }
}

impl<R> Reader<R> {
    /// Stream offset of the next frame; after an error, of the frame that failed.
    ///
    /// ```
    /// let frame = eventstream::encode_to_vec(&[], b"x").unwrap();
    /// let mut reader = eventstream::Reader::new(&frame[..]);
    /// reader.read_message().unwrap();
    /// reader.read_message().unwrap();
    /// assert_eq!(reader.position(), 17);
    /// ```
    pub fn position(&self) -> u64 {
        self.buffer.position()
    }

    /// The underlying reader; buffered bytes not yet handed out are lost.
    ///
    /// ```
    /// let reader = eventstream::Reader::new(std::io::empty());
    /// let _inner: std::io::Empty = reader.into_inner();
    /// ```
    pub fn into_inner(self) -> R {
        self.inner
    }
}

/// A reader is an iterator of owned messages, each sharing the reader's
/// buffer (zero-copy). After a decode error it yields nothing more; an I/O
/// error is yielded and the next call reads on, as `std::io::Lines` does.
///
/// ```
/// let frame = eventstream::encode_to_vec(&[], b"x").unwrap();
/// let stream = frame.repeat(3);
/// for message in eventstream::Reader::new(&stream[..]) {
///     assert_eq!(message?.payload(), "x");
/// }
/// # Ok::<(), eventstream::Error>(())
/// ```
impl<R: Read> Iterator for Reader<R> {
    type Item = Result<Message, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let Reader { inner, buffer } = self;
        match buffer.fill(|buf| inner.read(buf)) {
            Ok(true) => Some(buffer.take()),
            Ok(false) => None,
            Err(error) => Some(Err(error)),
        }
    }
}
