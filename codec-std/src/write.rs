//! Writing frames to a blocking `std::io::Write`, with one vectored write per
//! frame (head, payload, CRC trailer) so a large payload is never copied.

use crate::Error;
use eventstream_core::{Header, TRAILER_LEN, encode_head, head_len};
use std::io::{self, IoSlice, Write};

/// Writes frames to a `std::io::Write`.
///
/// ```
/// use eventstream::{Header, HeaderValue, Reader, Writer};
///
/// let mut writer = Writer::new(Vec::new());
/// writer.write_message(&[Header::new(":event-type", HeaderValue::String("Chunk"))], b"hello")?;
/// let bytes = writer.into_inner();
/// let mut reader = Reader::new(&bytes[..]);
/// assert_eq!(reader.read_message()?.unwrap().payload(), b"hello");
/// # Ok::<(), eventstream::Error>(())
/// ```
#[derive(Debug)]
pub struct Writer<W> {
    inner: W,
    head: FrameHead,
}

impl<W: Write> Writer<W> {
    /// A writer over `inner`. Frames go out as they are written: wrap `inner`
    /// in a `BufWriter` when writing many small frames to a file or socket.
    ///
    /// ```
    /// let writer = eventstream::Writer::new(Vec::new());
    /// assert!(writer.into_inner().is_empty());
    /// ```
    pub fn new(inner: W) -> Self {
        Writer {
            inner,
            head: FrameHead::default(),
        }
    }

    /// Encodes and writes one frame.
    ///
    /// ```
    /// let mut writer = eventstream::Writer::new(Vec::new());
    /// writer.write_message(&[], &vec![0u8; 1 << 20]).unwrap(); // the payload is not copied
    /// assert_eq!(writer.into_inner().len(), 16 + (1 << 20));
    /// ```
    pub fn write_message(&mut self, headers: &[Header<'_>], payload: &[u8]) -> Result<(), Error> {
        let mut slices = self.head.encode(headers, payload)?;
        write_all_vectored(&mut self.inner, &mut slices)?;
        Ok(())
    }

    /// Flushes the underlying writer.
    ///
    /// ```
    /// eventstream::Writer::new(Vec::new()).flush().unwrap();
    /// ```
    pub fn flush(&mut self) -> Result<(), Error> {
        self.inner.flush()?;
        Ok(())
    }
}

impl<W> Writer<W> {
    /// The underlying writer.
    ///
    /// ```
    /// let bytes: Vec<u8> = eventstream::Writer::new(Vec::new()).into_inner();
    /// assert!(bytes.is_empty());
    /// ```
    pub fn into_inner(self) -> W {
        self.inner
    }
}

/// A reusable buffer for a frame's head (prelude and headers) and its trailer.
#[derive(Debug, Default)]
pub(crate) struct FrameHead {
    head: Vec<u8>,
    trailer: [u8; TRAILER_LEN],
}

impl FrameHead {
    /// Encodes the head and trailer of a frame; returns head, payload and trailer as slices.
    pub(crate) fn encode<'a>(
        &'a mut self,
        headers: &[Header<'_>],
        payload: &'a [u8],
    ) -> Result<[IoSlice<'a>; 3], Error> {
        self.head.resize(head_len(headers)?, 0);
        let encoded = encode_head(headers, payload, &mut self.head)?;
        // The buffer was sized by the same rule: the head fills it exactly
        // (`encode_head` fails rather than write past it). Never a frame
        // without its head, even if that ever changed.
        debug_assert_eq!(encoded.head_len, self.head.len());
        self.head.truncate(encoded.head_len);
        self.trailer = encoded.trailer;
        Ok([
            IoSlice::new(&self.head),
            IoSlice::new(payload),
            IoSlice::new(&self.trailer),
        ])
    }
}

/// What one vectored write did to the slices still to write: `Ok(true)` when all are written.
pub(crate) fn advance(
    written: io::Result<usize>,
    slices: &mut &mut [IoSlice<'_>],
) -> io::Result<bool> {
    match written {
        Ok(0) => Err(io::Error::new(
            io::ErrorKind::WriteZero,
            "the writer accepted no bytes of the frame",
        )),
        Ok(n) => {
            IoSlice::advance_slices(slices, n);
            Ok(slices.is_empty())
        }
        Err(error) if error.kind() == io::ErrorKind::Interrupted => Ok(false),
        Err(error) => Err(error),
    }
}

/// `write_all` for vectored writes (`Write::write_all_vectored` is not stable).
fn write_all_vectored(writer: &mut impl Write, mut slices: &mut [IoSlice<'_>]) -> io::Result<()> {
    IoSlice::advance_slices(&mut slices, 0);
    while !slices.is_empty() {
        if advance(writer.write_vectored(slices), &mut slices)? {
            break;
        }
    }
    Ok(())
}
