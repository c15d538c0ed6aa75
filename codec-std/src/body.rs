//! Decoding an HTTP response body, delivered as a `Stream` of `Bytes` chunks
//! (what hyper's `BodyStream` and reqwest's `bytes_stream()` hand out), into
//! a `Stream` of [`Message`]s: event streams without an SDK.

use crate::{Error, EventStreamCodec, Message};
use bytes::{Bytes, BytesMut};
use futures_core::Stream;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Frames decoded from a stream of body chunks; see [`MessageStream::new`].
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
    buf: BytesMut,
    codec: EventStreamCodec,
    done: bool,
}

impl<S> MessageStream<S> {
    /// Decodes the chunks of `body`. A chunk error ends the stream with
    /// [`Error::Io`]; a body that ends inside a frame with [`Error::UnexpectedEof`].
    pub fn new(body: S) -> Self {
        MessageStream::with_codec(body, EventStreamCodec::new())
    }

    /// As [`new`](Self::new), with a codec configured with limits.
    ///
    /// ```
    /// use eventstream::{EventStreamCodec, Limits, MessageStream};
    /// # struct Never;
    /// let _stream = MessageStream::with_codec(Never, EventStreamCodec::with_limits(Limits { max_message_len: 1 << 20, max_headers_len: 1024 }));
    /// ```
    pub fn with_codec(body: S, codec: EventStreamCodec) -> Self {
        MessageStream {
            body,
            buf: BytesMut::new(),
            codec,
            done: false,
        }
    }

    /// The body stream, for example to read trailers once the messages are done.
    pub fn into_inner(self) -> S {
        self.body
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
            match this.codec.decode_from(&mut this.buf) {
                Ok(Some(message)) => return Poll::Ready(Some(Ok(message))),
                Ok(None) => {}
                Err(error) => return this.finish(Err(error)),
            }
            match std::task::ready!(Pin::new(&mut this.body).poll_next(cx)) {
                Some(Ok(chunk)) => this.append(chunk),
                Some(Err(error)) => {
                    return this.finish(Err(Error::Io(std::io::Error::other(error))));
                }
                None => {
                    // Complete frames were all taken above: only a partial one can be left.
                    this.done = true;
                    return Poll::Ready(this.codec.decode_eof_from(&mut this.buf).transpose());
                }
            }
        }
    }
}

impl<S> MessageStream<S> {
    /// Appends a chunk; when nothing is buffered, takes it over without copying.
    fn append(&mut self, chunk: Bytes) {
        if self.buf.is_empty() {
            self.buf = chunk
                .try_into_mut()
                .unwrap_or_else(|shared| BytesMut::from(&shared[..]));
        } else {
            self.buf.extend_from_slice(&chunk);
        }
    }

    fn finish(&mut self, last: Result<Message, Error>) -> Poll<Option<Result<Message, Error>>> {
        self.done = true;
        Poll::Ready(Some(last))
    }
}
