//! Decoding an HTTP response body, delivered as a `Stream` of `Bytes` chunks
//! (what hyper's bodies give through http-body-util's `BodyExt::into_data_stream()`, and reqwest's `bytes_stream()`), into
//! a `Stream` of [`Message`]s: event streams without an SDK.

use crate::frame_buffer::{AsyncFrames, Framer, read_message};
use crate::{Error, Message, MessageRef};
use bytes::{Buf, Bytes, BytesMut};
use eventstream_core::{Limits, TRAILER_LEN};
use futures_core::Stream;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Frames decoded from a stream of body chunks; see [`MessageStream::new`].
///
/// A frame that lies inside one chunk is handed out as a slice of that
/// chunk, without copying; only a frame split across chunks is gathered
/// into a buffer of its own.
///
/// ```
/// use bytes::Bytes;
/// use eventstream::MessageStream;
/// use futures_core::Stream;
///
/// let frame = Bytes::from(eventstream::encode_to_vec(&[], b"hello").unwrap());
/// // Three chunks splitting the frame anywhere, as a network would.
/// let chunks = vec![Ok::<_, std::io::Error>(frame.slice(..5)), Ok(frame.slice(5..20)), Ok(frame.slice(20..))];
/// # struct Iter<I>(I);
/// # impl<I: Iterator + Unpin> Stream for Iter<I> {
/// #     type Item = I::Item;
/// #     fn poll_next(mut self: std::pin::Pin<&mut Self>, _: &mut std::task::Context<'_>) -> std::task::Poll<Option<I::Item>> {
/// #         std::task::Poll::Ready(self.0.next())
/// #     }
/// # }
/// let mut messages = MessageStream::new(Iter(chunks.into_iter()));
/// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// rt.block_on(async {
///     let next = std::future::poll_fn(|cx| std::pin::Pin::new(&mut messages).poll_next(cx)).await;
///     assert_eq!(next.unwrap().unwrap().payload(), "hello");
/// });
/// ```
#[derive(Debug)]
pub struct MessageStream<S> {
    body: S,
    // Storage of its own (chunks kept whole, so that frames inside one are
    // zero-copy slices of it); every framing decision is the core's
    // (`Decoder::needed` and `decode`, through `framer`).
    /// What is left of the last chunk.
    chunk: Bytes,
    /// A frame gathered across chunks; empty while frames come from `chunk`.
    partial: BytesMut,
    /// The message CRC of the frame in `partial`, hashed as it is gathered.
    gathered: GatheredCrc,
    framer: Framer,
    /// Stream offset of the next frame.
    position: u64,
    /// Bytes of the frame [`read_message`](Self::read_message) lent last,
    /// still at the front of `partial`, or of `chunk` when `partial` is empty.
    lent: usize,
    done: bool,
}

impl<S> MessageStream<S> {
    /// Decodes the chunks of `body` with the spec's limits. A chunk error
    /// ends the stream with [`Error::Io`]; a body that ends inside a frame
    /// with [`Error::UnexpectedEof`].
    pub fn new(body: S) -> Self {
        MessageStream::with_limits(body, Limits::default())
    }

    /// As [`new`](Self::new), with the given limits.
    ///
    /// ```
    /// use eventstream::{Limits, MessageStream};
    /// # struct Never;
    /// let _stream = MessageStream::with_limits(Never, Limits { max_message_len: 1 << 20, max_headers_len: 1024 });
    /// ```
    pub fn with_limits(body: S, limits: Limits) -> Self {
        MessageStream {
            body,
            chunk: Bytes::new(),
            partial: BytesMut::new(),
            gathered: GatheredCrc::default(),
            framer: Framer::new(limits),
            position: 0,
            lent: 0,
            done: false,
        }
    }

    /// Stream offset of the next frame; after an error, of the frame that failed.
    pub fn position(&self) -> u64 {
        self.position
    }

    /// The body stream, for example to read trailers once the messages are done.
    pub fn into_inner(self) -> S {
        self.body
    }

    /// The next frame, borrowed from the chunk it lies in (or from the
    /// buffer a frame split across chunks was gathered into): no reference
    /// count, no copy. The fastest way through a body; `None` at its end.
    /// Cancel-safe: every chunk received is kept.
    ///
    /// ```
    /// # use bytes::Bytes;
    /// # use eventstream::MessageStream;
    /// # struct Iter<I>(I);
    /// # impl<I: Iterator + Unpin> futures_core::Stream for Iter<I> {
    /// #     type Item = I::Item;
    /// #     fn poll_next(mut self: std::pin::Pin<&mut Self>, _: &mut std::task::Context<'_>) -> std::task::Poll<Option<I::Item>> {
    /// #         std::task::Poll::Ready(self.0.next())
    /// #     }
    /// # }
    /// let mut body = eventstream::encode_to_vec(&[], b"one").unwrap();
    /// body.extend(eventstream::encode_to_vec(&[], b"two").unwrap());
    /// let chunks = vec![Ok::<_, std::io::Error>(Bytes::from(body))];
    /// let mut messages = MessageStream::new(Iter(chunks.into_iter()));
    /// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    /// rt.block_on(async {
    ///     let mut payloads = Vec::new();
    ///     while let Some(message) = messages.read_message().await.unwrap() {
    ///         payloads.push(message.payload().to_vec());
    ///     }
    ///     assert_eq!(payloads, [b"one", b"two"]);
    /// });
    /// ```
    pub fn read_message<E>(&mut self) -> impl Future<Output = Result<Option<MessageRef<'_>>, Error>>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        read_message(self)
    }
}

impl<S, E> AsyncFrames for MessageStream<S>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    /// Polls until a whole frame is at the front of `partial`, or of
    /// `chunk` when `partial` is empty (`true`), or the body ended cleanly
    /// between frames (`false`). A frame lent before is dropped first.
    fn poll_frame(&mut self, cx: &mut Context<'_>) -> Poll<Result<bool, Error>> {
        self.release_lent();
        loop {
            if self.done {
                return Poll::Ready(Ok(false));
            }
            match self.frame_ready() {
                Ok(true) => return Poll::Ready(Ok(true)),
                Ok(false) => {}
                Err(error) => return self.fail(error),
            }
            match std::task::ready!(Pin::new(&mut self.body).poll_next(cx)) {
                Some(Ok(chunk)) => {
                    // `frame_ready` gathered any partial frame: nothing is left of the chunk.
                    let rest = std::mem::replace(&mut self.chunk, chunk);
                    self.partial.extend_from_slice(&rest);
                }
                Some(Err(error)) => {
                    return self.fail(Error::Io(std::io::Error::other(error)));
                }
                None if self.buffered() == 0 => self.done = true,
                None => {
                    let buffered = self.buffered();
                    self.partial
                        .extend_from_slice(&std::mem::take(&mut self.chunk));
                    return match self.framer.needed(&self.partial) {
                        Ok(needed) => self.fail(Error::UnexpectedEof { buffered, needed }),
                        Err(error) => self.fail(error),
                    };
                }
            }
        }
    }

    /// The frame at the front of `partial`, or of `chunk`, borrowed.
    #[inline]
    fn lend(&mut self) -> Result<MessageRef<'_>, Error> {
        let lent = match self.partial.is_empty() {
            true => self.framer.lend(&self.chunk),
            // A gathered frame was hashed as it arrived.
            false => self
                .framer
                .lend_with_crc(&self.partial, self.gathered.crc32()),
        };
        match lent {
            Ok(message) => {
                self.lent = message.len();
                self.position += message.len() as u64;
                Ok(message)
            }
            Err(error) => {
                self.done = true;
                Err(error)
            }
        }
    }

    /// [`poll_frame`](Self::poll_frame), then the frame split off as an owned message.
    fn poll_message(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Message, Error>>> {
        self.release_lent();
        // A frame inside the chunk: one decode splits it off, no poll.
        if !self.done && self.partial.is_empty() {
            match self.framer.split_whole(&mut self.chunk) {
                Ok(Some(message)) => return Poll::Ready(Some(Ok(self.handed_out(message)))),
                Ok(None) => {}
                Err(error) => {
                    let error = self.sniffed(error);
                    return Poll::Ready(Some(Err(self.failed(error))));
                }
            }
        }
        match std::task::ready!(self.poll_frame(cx)) {
            Ok(true) => {}
            Ok(false) => return Poll::Ready(None),
            Err(error) => return Poll::Ready(Some(Err(error))),
        }
        let len = self.framer.frame_len();
        let taken = match self.partial.is_empty() {
            // A frame inside the chunk is a slice of it.
            true => self
                .framer
                .take(self.chunk.split_to(len.min(self.chunk.len()))),
            // A gathered one was hashed as it arrived.
            false => {
                let frame = self.partial.split_to(len.min(self.partial.len())).freeze();
                self.framer.take_with_crc(frame, self.gathered.crc32())
            }
        };
        match taken {
            Ok(message) => Poll::Ready(Some(Ok(self.handed_out(message)))),
            Err(error) => {
                self.done = true;
                Poll::Ready(Some(Err(error)))
            }
        }
    }
}

impl<S> MessageStream<S> {
    /// Bytes received but not yet handed out as frames.
    fn buffered(&self) -> usize {
        self.chunk.len() + self.partial.len() - self.lent
    }

    /// Counts `message` as handed out.
    #[inline]
    fn handed_out(&mut self, message: Message) -> Message {
        self.position += message.as_ref().len() as u64;
        message
    }

    /// Drops the frame [`read_message`](Self::read_message) lent last.
    #[inline]
    fn release_lent(&mut self) {
        let lent = std::mem::take(&mut self.lent);
        match self.partial.is_empty() {
            true => self.chunk.advance(lent.min(self.chunk.len())),
            false => self.partial.advance(lent.min(self.partial.len())),
        }
    }

    /// Whether a whole frame is at the front of what has arrived: of the
    /// chunk while no frame is being gathered, else of `partial`, into
    /// which exactly the bytes of a frame split across chunks are copied.
    #[inline]
    fn frame_ready(&mut self) -> Result<bool, Error> {
        if self.partial.is_empty() {
            match self.framer.needed(&self.chunk) {
                Ok(0) => return Ok(true),
                Ok(_) => {}
                Err(error) => return Err(self.sniffed(error)),
            }
        }
        loop {
            match self.framer.needed(&self.partial) {
                Ok(0) => return Ok(true),
                Ok(_) if self.chunk.is_empty() => return Ok(false),
                Ok(needed) => {
                    // Room for the rest of the frame at once: growing by
                    // doubling would copy a large frame's first pieces again.
                    self.partial.reserve(needed);
                    let take = needed.min(self.chunk.len());
                    let start = self.partial.len();
                    self.partial.extend_from_slice(&self.chunk[..take]);
                    let frame_len = self.framer.frame_len();
                    self.gathered.hash(&self.partial, start, frame_len);
                    self.chunk.advance(take);
                }
                Err(error) => return Err(self.sniffed(error)),
            }
        }
    }

    fn sniffed(&self, error: Error) -> Error {
        let head = (self.position == 0).then_some(match self.partial.is_empty() {
            true => &self.chunk[..],
            false => &self.partial[..],
        });
        Error::from_decode(error, head)
    }

    /// Ends the stream with `error`.
    fn fail<T>(&mut self, error: Error) -> Poll<Result<T, Error>> {
        Poll::Ready(Err(self.failed(error)))
    }

    /// Ends the stream; `error` is what ended it.
    fn failed(&mut self, error: Error) -> Error {
        self.done = true;
        error
    }
}

impl<S, E> Stream for MessageStream<S>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Item = Result<Message, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.poll_message(cx)
    }
}

/// The message CRC of a frame gathered across chunks, hashed piece by piece
/// as the pieces are copied in (while they are in the cache), not after.
#[derive(Debug, Default)]
struct GatheredCrc {
    crc: u32,
    hashed: usize,
}

impl GatheredCrc {
    /// Hashes what `frame[start..]`, just appended, adds to what the
    /// message CRC covers: every byte but a frame's last 4, once its
    /// prelude gave `frame_len` (0 before: the prelude's bytes are covered).
    fn hash(&mut self, frame: &[u8], start: usize, frame_len: usize) {
        let covered = frame_len.checked_sub(TRAILER_LEN).unwrap_or(usize::MAX);
        if let Some(piece) = frame.get(start..frame.len().min(covered)) {
            self.crc = eventstream_core::crc32(self.crc, piece);
            self.hashed += piece.len();
        }
    }

    /// The CRC the decoder asks for, of the gathered frame's covered bytes;
    /// the next frame starts afresh.
    fn crc32(&mut self) -> impl FnOnce(&[u8]) -> u32 + use<> {
        let GatheredCrc { crc, hashed } = std::mem::take(self);
        move |covered: &[u8]| match covered.len() == hashed {
            true => crc,
            // Every covered byte is hashed as it is gathered.
            false => {
                debug_assert!(false, "hashed {hashed} of {} bytes", covered.len());
                eventstream_core::crc32(0, covered)
            }
        }
    }
}
