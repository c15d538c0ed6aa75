//! The async reader and writer, written once for tokio and futures-io.
//!
//! [`AsyncReader`] and [`AsyncWriter`] are generic over a flavour marker
//! (`Tokio`, `FuturesIo`) whose sealed [`ReadFlavour`] and [`WriteFlavour`]
//! impls say how that ecosystem's traits read and write. Everything else,
//! the buffer and framing state included, is shared with the blocking
//! [`Reader`](crate::Reader). Name them by flavour:
//! `eventstream::tokio::AsyncReader` (also `eventstream::AsyncReader`) and
//! `eventstream::futures::AsyncReader`, and the same for the writers.

use crate::frame_buffer::{AsyncFrames, DEFAULT_READ_SIZE, FrameBuffer, read_message};
use crate::write::{FrameHead, advance};
use crate::{Error, Message};
use eventstream_core::{Header, Limits, MessageRef};
use std::future::poll_fn;
use std::io::{self, IoSlice};
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

mod sealed {
    /// Only this crate's flavours read and write.
    pub trait Sealed {}
    #[cfg(feature = "tokio")]
    impl Sealed for super::Tokio {}
    #[cfg(feature = "futures-io")]
    impl Sealed for super::FuturesIo {}
}

/// The tokio flavour (`tokio::io::{AsyncRead, AsyncWrite}`).
#[cfg(feature = "tokio")]
#[derive(Debug)]
pub enum Tokio {}

/// The futures-io flavour (`futures_io::{AsyncRead, AsyncWrite}`).
#[cfg(feature = "futures-io")]
#[derive(Debug)]
pub enum FuturesIo {}

/// How a flavour reads from an `R` (sealed: implemented by `Tokio` and `FuturesIo` only).
pub trait ReadFlavour<R>: sealed::Sealed {
    /// Reads into `buf`, as that flavour's `poll_read` does.
    fn poll_read(reader: &mut R, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>>;
}

/// How a flavour writes to a `W` (sealed: implemented by `Tokio` and `FuturesIo` only).
pub trait WriteFlavour<W>: sealed::Sealed {
    /// One vectored write.
    fn poll_write_vectored(
        writer: &mut W,
        cx: &mut Context<'_>,
        slices: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>>;
    /// Flushes.
    fn poll_flush(writer: &mut W, cx: &mut Context<'_>) -> Poll<io::Result<()>>;
    /// Flushes and closes.
    fn poll_shutdown(writer: &mut W, cx: &mut Context<'_>) -> Poll<io::Result<()>>;
}

/// Reads frames from an async reader, straight into one reusable buffer;
/// named as `tokio::AsyncReader` or
/// `futures::AsyncReader`.
///
/// [`read_message`](Self::read_message) is cancel-safe: every byte read is
/// kept in the reader, so dropping the future mid-frame loses nothing and
/// the next call continues the frame. As a `Stream` it yields owned
/// [`Message`]s and ends after the first error.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), eventstream::Error> {
/// let frame = eventstream::encode_to_vec(&[], b"hello").unwrap();
/// let mut reader = eventstream::tokio::AsyncReader::new(&frame[..]);
/// assert_eq!(reader.read_message().await?.unwrap().payload(), b"hello");
/// assert!(reader.read_message().await?.is_none());
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct AsyncReader<R, F> {
    inner: R,
    buffer: FrameBuffer,
    done: bool,
    flavour: PhantomData<fn() -> F>,
}

impl<R, F: ReadFlavour<R>> AsyncReader<R, F> {
    /// A reader with the spec's limits.
    ///
    /// ```
    /// let reader = eventstream::tokio::AsyncReader::new(tokio::io::empty());
    /// assert_eq!(reader.position(), 0);
    /// ```
    pub fn new(inner: R) -> Self {
        AsyncReader::with_limits(inner, Limits::default())
    }

    /// A reader with the given limits.
    ///
    /// ```
    /// use eventstream::{Limits, tokio::AsyncReader};
    /// let reader = AsyncReader::with_limits(tokio::io::empty(), Limits { max_message_len: 1 << 20, max_headers_len: 4096 });
    /// # let _ = reader;
    /// ```
    pub fn with_limits(inner: R, limits: Limits) -> Self {
        AsyncReader {
            inner,
            buffer: FrameBuffer::new(limits, DEFAULT_READ_SIZE),
            done: false,
            flavour: PhantomData,
        }
    }

    /// The next frame, borrowed from the reader's buffer until the next
    /// call; `Ok(None)` at a clean end between frames, and after a decode
    /// error was returned once. Cancel-safe.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let frame = eventstream::encode_to_vec(&[], b"x").unwrap();
    /// let mut reader = eventstream::tokio::AsyncReader::new(&frame[..frame.len() - 1]);
    /// assert!(matches!(reader.read_message().await, Err(eventstream::Error::UnexpectedEof { .. })));
    /// # }
    /// ```
    pub fn read_message(&mut self) -> impl Future<Output = Result<Option<MessageRef<'_>>, Error>> {
        read_message(self)
    }
}

impl<R, F: ReadFlavour<R>> AsyncFrames for AsyncReader<R, F> {
    fn poll_frame(&mut self, cx: &mut Context<'_>) -> Poll<Result<bool, Error>> {
        let AsyncReader { inner, buffer, .. } = self;
        buffer.poll_fill(cx, |cx, buf| F::poll_read(inner, cx, buf))
    }

    fn lend(&mut self) -> Result<MessageRef<'_>, Error> {
        self.buffer.lend()
    }

    fn poll_message(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Message, Error>>> {
        Poll::Ready(match std::task::ready!(self.poll_frame(cx)) {
            Ok(true) => Some(self.buffer.take()),
            Ok(false) => None,
            Err(error) => Some(Err(error)),
        })
    }
}

impl<R, F> AsyncReader<R, F> {
    /// Stream offset of the next frame; after an error, of the frame that failed.
    ///
    /// ```
    /// assert_eq!(eventstream::tokio::AsyncReader::new(tokio::io::empty()).position(), 0);
    /// ```
    pub fn position(&self) -> u64 {
        self.buffer.position()
    }

    /// The underlying reader; buffered bytes not yet handed out are lost.
    ///
    /// ```
    /// let _inner: tokio::io::Empty = eventstream::tokio::AsyncReader::new(tokio::io::empty()).into_inner();
    /// ```
    pub fn into_inner(self) -> R {
        self.inner
    }
}

impl<R: Unpin, F: ReadFlavour<R>> futures_core::Stream for AsyncReader<R, F> {
    type Item = Result<Message, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.done {
            return Poll::Ready(None);
        }
        let next = std::task::ready!(this.poll_message(cx));
        this.done = !matches!(next, Some(Ok(_)));
        Poll::Ready(next)
    }
}

/// Writes frames to an async writer, one vectored write per frame; named
/// as `tokio::AsyncWriter` or
/// `futures::AsyncWriter`.
///
/// Not cancel-safe: dropping `write_message` mid-frame leaves a partial
/// frame on the writer.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), eventstream::Error> {
/// let mut writer = eventstream::tokio::AsyncWriter::new(Vec::new());
/// writer.write_message(&[], b"hello").await?;
/// assert_eq!(writer.into_inner().len(), 16 + 5);
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct AsyncWriter<W, F> {
    inner: W,
    head: FrameHead,
    flavour: PhantomData<fn() -> F>,
}

impl<W, F: WriteFlavour<W>> AsyncWriter<W, F> {
    /// A writer over `inner`.
    ///
    /// ```
    /// let writer = eventstream::tokio::AsyncWriter::new(Vec::new());
    /// assert!(writer.into_inner().is_empty());
    /// ```
    pub fn new(inner: W) -> Self {
        AsyncWriter {
            inner,
            head: FrameHead::default(),
            flavour: PhantomData,
        }
    }

    /// Encodes and writes one frame; the payload is never copied.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mut writer = eventstream::tokio::AsyncWriter::new(Vec::new());
    /// writer.write_message(&[], &vec![0; 1 << 20]).await.unwrap();
    /// assert_eq!(writer.into_inner().len(), 16 + (1 << 20));
    /// # }
    /// ```
    pub async fn write_message(
        &mut self,
        headers: &[Header<'_>],
        payload: &[u8],
    ) -> Result<(), Error> {
        let AsyncWriter { inner, head, .. } = self;
        write_all::<W, F>(inner, &mut head.encode(headers, payload)?).await
    }

    /// Flushes the underlying writer.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// eventstream::tokio::AsyncWriter::new(Vec::new()).flush().await.unwrap();
    /// # }
    /// ```
    pub async fn flush(&mut self) -> Result<(), Error> {
        poll_fn(|cx| F::poll_flush(&mut self.inner, cx)).await?;
        Ok(())
    }

    /// Flushes and shuts down (closes) the underlying writer.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// eventstream::tokio::AsyncWriter::new(Vec::new()).shutdown().await.unwrap();
    /// # }
    /// ```
    pub async fn shutdown(&mut self) -> Result<(), Error> {
        poll_fn(|cx| F::poll_shutdown(&mut self.inner, cx)).await?;
        Ok(())
    }
}

impl<W, F> AsyncWriter<W, F> {
    /// The underlying writer.
    ///
    /// ```
    /// let _bytes: Vec<u8> = eventstream::tokio::AsyncWriter::new(Vec::new()).into_inner();
    /// ```
    pub fn into_inner(self) -> W {
        self.inner
    }
}

/// Writes all of `slices`, in as few vectored writes as the writer allows.
async fn write_all<W, F: WriteFlavour<W>>(
    inner: &mut W,
    mut slices: &mut [IoSlice<'_>],
) -> Result<(), Error> {
    IoSlice::advance_slices(&mut slices, 0);
    while !slices.is_empty() {
        let written = poll_fn(|cx| F::poll_write_vectored(inner, cx, slices)).await;
        if advance(written, &mut slices)? {
            break;
        }
    }
    Ok(())
}
