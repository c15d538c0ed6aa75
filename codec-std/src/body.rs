//! Decoding an HTTP response body, delivered as a `Stream` of `Bytes` chunks
//! (what hyper's `BodyStream` and reqwest's `bytes_stream()` hand out), into
//! a `Stream` of [`Message`]s: event streams without an SDK.

use crate::frame_buffer::Framer;
use crate::{Error, Message};
use bytes::{Buf, Bytes, BytesMut};
use eventstream_core::Limits;
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
    /// What is left of the last chunk.
    chunk: Bytes,
    /// A frame gathered across chunks; empty while frames come from `chunk`.
    partial: BytesMut,
    framer: Framer,
    /// Stream offset of the next frame.
    position: u64,
    frames: u64,
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
            framer: Framer::new(limits),
            position: 0,
            frames: 0,
            done: false,
        }
    }

    /// Owned events as a `Stream`: exception and error frames end it with
    /// [`Error::Service`], as an SDK's event receiver does.
    pub fn events(self) -> crate::Events<Self> {
        crate::Events::new(self)
    }

    /// Stream offset of the next frame; after an error, of the frame that failed.
    pub fn position(&self) -> u64 {
        self.position
    }

    /// Frames handed out so far.
    pub fn frames_read(&self) -> u64 {
        self.frames
    }

    /// Bytes received but not yet handed out as frames.
    pub fn buffered(&self) -> usize {
        self.chunk.len() + self.partial.len()
    }

    /// The body stream, for example to read trailers once the messages are done.
    pub fn into_inner(self) -> S {
        self.body
    }

    /// The next whole frame from what has arrived, if there is one.
    fn next_buffered(&mut self) -> Result<Option<Message>, Error> {
        if self.partial.is_empty() {
            // The fast path: frames inside the chunk are slices of it.
            match self.framer.needed(&self.chunk) {
                Ok(0) => {
                    let frame = self.chunk.split_to(self.framer.frame_len());
                    return self.framer.take(frame).map(Some);
                }
                Ok(_) => {}
                Err(error) => return Err(self.sniffed(error)),
            }
        }
        // A frame split across chunks: gather exactly its bytes.
        loop {
            match self.framer.needed(&self.partial) {
                Ok(0) => {
                    let frame = self.partial.split_to(self.framer.frame_len()).freeze();
                    return self.framer.take(frame).map(Some);
                }
                Ok(_) if self.chunk.is_empty() => return Ok(None),
                Ok(needed) => {
                    let take = needed.min(self.chunk.len());
                    self.partial.extend_from_slice(&self.chunk[..take]);
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
}

impl<S, E> Stream for MessageStream<S>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Item = Result<Message, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if this.done {
                return Poll::Ready(None);
            }
            match this.next_buffered() {
                Ok(Some(message)) => {
                    this.position += message.len() as u64;
                    this.frames += 1;
                    return Poll::Ready(Some(Ok(message)));
                }
                Ok(None) => {}
                Err(error) => return this.finish(error),
            }
            match std::task::ready!(Pin::new(&mut this.body).poll_next(cx)) {
                Some(Ok(chunk)) => {
                    // `next_buffered` gathered any partial frame: nothing is left of the chunk.
                    let rest = std::mem::replace(&mut this.chunk, chunk);
                    this.partial.extend_from_slice(&rest);
                }
                Some(Err(error)) => {
                    return this.finish(Error::Io(std::io::Error::other(error)));
                }
                None if this.buffered() == 0 => this.done = true,
                None => {
                    let buffered = this.buffered();
                    this.partial
                        .extend_from_slice(&std::mem::take(&mut this.chunk));
                    let needed = match this.framer.needed(&this.partial) {
                        Ok(needed) => needed,
                        Err(error) => return this.finish(error),
                    };
                    return this.finish(Error::UnexpectedEof { buffered, needed });
                }
            }
        }
    }
}

impl<S> MessageStream<S> {
    fn finish(&mut self, last: Error) -> Poll<Option<Result<Message, Error>>> {
        self.done = true;
        Poll::Ready(Some(Err(last)))
    }
}
