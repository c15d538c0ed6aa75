//! Lambda `InvokeWithResponseStream` over `std::io`, tokio and HTTP body
//! streams: typed events from [`eventstream_core::lambda`], read as they arrive.
//!
//! ```
//! use eventstream::lambda::{ResponseEvent, ResponseReader};
//! use eventstream::{Header, HeaderValue, encode_to_vec};
//!
//! // What Lambda sends (and `eventstream serve`): a chunk, then the end.
//! let event = |event_type, payload: &[u8]| {
//!     encode_to_vec(&[Header::new(":event-type", HeaderValue::String(event_type))], payload).unwrap()
//! };
//! let body = [event("PayloadChunk", b"Hello"), event("InvokeComplete", b"{}")].concat();
//!
//! let mut reader = ResponseReader::new(&body[..]); // e.g. an HTTP response body
//! while let Some(event) = reader.read_event()? {
//!     match event {
//!         ResponseEvent::PayloadChunk(chunk) => assert_eq!(chunk.payload(), b"Hello"),
//!         ResponseEvent::InvokeComplete(done) => assert!(done.error_code().is_none()),
//!         ResponseEvent::Unknown { .. } => {}
//!     }
//! }
//! # Ok::<(), eventstream::Error>(())
//! ```

#[cfg(feature = "stream")]
use crate::frame_buffer::{AsyncFrames, read_message};
use crate::{Message, MessageRef, Reader};
use bytes::Bytes;
pub use eventstream_core::lambda::*;
use std::io::Read;

/// The one error of this crate, under the name Lambda code has used:
/// `exception` and `error` frames are [`Error::Service`], a response that
/// ends before `InvokeComplete` is [`Error::MissingInvokeComplete`].
pub use crate::Error;

/// The error a frame [`ResponseEvent::from_message`] refused stands for:
/// the same [`Error::Service`] every reader gives for `exception` and
/// `error` frames, or why the frame is not an event.
fn refused(error: StreamError<'_>, message: MessageRef<'_>) -> Error {
    match error {
        StreamError::Malformed {
            reason: Malformed::Kind(error),
            ..
        } => Error::Decode(error),
        StreamError::Malformed { reason, .. } => Error::MalformedEvent(reason),
        StreamError::Exception { .. } | StreamError::Error { .. } => {
            match crate::events::event_ref(message) {
                Err(error) => error,
                // `from_message` and `kind` read the same headers: an
                // exception or error to one is one to the other.
                Ok(_) => {
                    debug_assert!(false, "an exception or error that is not a service error");
                    Error::Decode(eventstream_core::Error::MissingHeader {
                        name: ":message-type",
                    })
                }
            }
        }
    }
}

/// The typed event of `message`, or the error it stands for.
fn typed(message: MessageRef<'_>) -> Result<ResponseEvent<'_>, Error> {
    ResponseEvent::from_message(message).map_err(|error| refused(error, message))
}

/// An owned response event, for `Stream` users and for keeping events around.
///
/// ```
/// use bytes::Bytes;
/// use eventstream::lambda::{OwnedEvent, ResponseReader};
/// let body = eventstream::encode_to_vec(&[eventstream::Header::new(":event-type", eventstream::HeaderValue::String("PayloadChunk"))], b"x").unwrap();
/// let event = ResponseReader::new(&body[..]).next().unwrap().unwrap();
/// assert_eq!(event, OwnedEvent::PayloadChunk(Bytes::from_static(b"x")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnedEvent {
    /// A piece of the response: a slice of the frame, not a copy.
    PayloadChunk(Bytes),
    /// How the invocation ended.
    InvokeComplete(InvokeSummary),
    /// An event type this version does not know.
    Unknown {
        /// Its `:event-type`.
        event_type: String,
        /// The whole frame.
        message: Message,
    },
}

/// The members of `InvokeComplete`, unescaped.
///
/// ```
/// let summary = eventstream::lambda::InvokeSummary { error_code: Some("Unhandled".into()), ..Default::default() };
/// assert!(summary.log_result.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InvokeSummary {
    /// `ErrorCode`, when the function failed.
    pub error_code: Option<String>,
    /// `ErrorDetails`.
    pub error_details: Option<String>,
    /// `LogResult`: base64 of the last 4 KB of the log.
    pub log_result: Option<String>,
}

/// The summary of a borrowed `InvokeComplete`.
///
/// ```
/// use eventstream::lambda::{InvokeComplete, InvokeSummary};
/// let done = InvokeComplete::parse(br#"{"ErrorCode":"Unhandled"}"#).unwrap();
/// assert_eq!(InvokeSummary::from(&done).error_code.as_deref(), Some("Unhandled"));
/// ```
impl From<&InvokeComplete<'_>> for InvokeSummary {
    fn from(done: &InvokeComplete<'_>) -> Self {
        InvokeSummary {
            error_code: done.error_code().map(|s| s.to_string()),
            error_details: done.error_details().map(|s| s.to_string()),
            log_result: done.log_result().map(|s| s.to_string()),
        }
    }
}

impl OwnedEvent {
    /// Interprets an owned frame, as [`ResponseEvent::from_message`] does.
    fn from_message(message: Message) -> Result<OwnedEvent, Error> {
        let event = match typed(message.as_ref())? {
            ResponseEvent::PayloadChunk(_) => {
                return Ok(OwnedEvent::PayloadChunk(message.payload()));
            }
            ResponseEvent::InvokeComplete(done) => {
                OwnedEvent::InvokeComplete(InvokeSummary::from(&done))
            }
            ResponseEvent::Unknown { event_type, .. } => OwnedEvent::Unknown {
                event_type: event_type.to_string(),
                message: message.clone(),
            },
        };
        Ok(event)
    }
}

/// Whether a response stream may end: only after `InvokeComplete`.
#[derive(Debug, Default)]
struct Completion {
    chunks: u64,
    complete: bool,
    /// The `Iterator` or `Stream` ended (after its first error).
    done: bool,
}

impl Completion {
    /// The event of the next frame (`None`: the frames ended cleanly), noted.
    fn next<T: IsComplete>(&mut self, frame: Option<Result<T, Error>>) -> Result<Option<T>, Error> {
        match frame {
            None if self.complete => Ok(None),
            None => Err(Error::MissingInvokeComplete {
                chunks: self.chunks,
            }),
            Some(event) => {
                let event = event?;
                match event.is_complete() {
                    Some(true) => self.complete = true,
                    Some(false) => self.chunks += 1,
                    None => {}
                }
                Ok(Some(event))
            }
        }
    }
}

impl Completion {
    /// The owned event of the next frame, for the `Iterator` and the
    /// `Stream`: after the first error, they end.
    fn owned(
        &mut self,
        frame: Option<Result<Message, Error>>,
    ) -> Option<Result<OwnedEvent, Error>> {
        let event = self
            .next(frame.map(|message| message.and_then(OwnedEvent::from_message)))
            .transpose();
        self.done = !matches!(event, Some(Ok(_)));
        event
    }
}

/// Which events end a response (`Some(true)`) or carry its payload (`Some(false)`).
trait IsComplete {
    fn is_complete(&self) -> Option<bool>;
}

impl IsComplete for ResponseEvent<'_> {
    fn is_complete(&self) -> Option<bool> {
        match self {
            ResponseEvent::InvokeComplete(_) => Some(true),
            ResponseEvent::PayloadChunk(_) => Some(false),
            ResponseEvent::Unknown { .. } => None,
        }
    }
}

impl IsComplete for OwnedEvent {
    fn is_complete(&self) -> Option<bool> {
        match self {
            OwnedEvent::InvokeComplete(_) => Some(true),
            OwnedEvent::PayloadChunk(_) => Some(false),
            OwnedEvent::Unknown { .. } => None,
        }
    }
}

/// Typed response events over any frame reader: a [`Reader`], an
/// `AsyncReader` (tokio or futures-io) or a
/// `MessageStream`.
///
/// `read_event` lends each event from the reader's buffer; as an
/// `Iterator` (a [`Reader`]) or a `Stream` (async readers) it yields owned
/// events. All end with `Ok(None)` only after `InvokeComplete` and a clean
/// end of the stream; `exception` and `error` frames are [`Error::Service`].
///
/// ```
/// use eventstream::lambda::{Error, ResponseReader};
/// let chunk = eventstream::encode_to_vec(&[eventstream::Header::new(":event-type", eventstream::HeaderValue::String("PayloadChunk"))], b"partial").unwrap();
/// let mut cut_short = ResponseReader::new(&chunk[..]);
/// assert!(cut_short.read_event().unwrap().is_some());
/// assert!(matches!(cut_short.read_event(), Err(Error::MissingInvokeComplete { chunks: 1 })));
///
/// let done = eventstream::encode_to_vec(&[eventstream::Header::new(":event-type", eventstream::HeaderValue::String("InvokeComplete"))], b"{}").unwrap();
/// let mut complete = ResponseReader::new(&done[..]);
/// assert!(complete.next().unwrap().is_ok());
/// assert!(complete.next().is_none());
/// ```
#[derive(Debug)]
pub struct ResponseEvents<F> {
    frames: F,
    completion: Completion,
}

/// Typed events from a blocking `Read` (an HTTP response body, a file).
pub type ResponseReader<R> = ResponseEvents<Reader<R>>;

/// Typed events from a tokio `AsyncRead` (feature `tokio`).
#[cfg(feature = "tokio")]
#[cfg_attr(docsrs, doc(cfg(feature = "tokio")))]
pub type AsyncResponseReader<R> = ResponseEvents<crate::tokio::AsyncReader<R>>;

/// Typed events from a `Stream` of body chunks (feature `stream`): what a
/// hyper or reqwest client gets.
#[cfg(feature = "stream")]
#[cfg_attr(docsrs, doc(cfg(feature = "stream")))]
pub type ResponseEventStream<S> = ResponseEvents<crate::MessageStream<S>>;

impl<F> ResponseEvents<F> {
    /// The events of the frames `frames` reads: any reader, with any limits.
    ///
    /// ```
    /// use eventstream::{Limits, Reader, lambda::ResponseEvents};
    /// let limits = Limits { max_message_len: 1 << 20, max_headers_len: 4096 };
    /// let events = ResponseEvents::from_frames(Reader::with_limits(std::io::empty(), limits));
    /// # let _ = events;
    /// ```
    pub fn from_frames(frames: F) -> Self {
        ResponseEvents {
            frames,
            completion: Completion::default(),
        }
    }

    /// The frame reader underneath, for its
    /// [`position`](crate::Reader::position).
    ///
    /// ```
    /// let reader = eventstream::lambda::ResponseReader::new(std::io::empty());
    /// assert_eq!(reader.get_ref().position(), 0);
    /// ```
    pub fn get_ref(&self) -> &F {
        &self.frames
    }

    /// The frame reader underneath.
    ///
    /// ```
    /// let frames = eventstream::lambda::ResponseReader::new(std::io::empty()).into_inner();
    /// let _source: std::io::Empty = frames.into_inner();
    /// ```
    pub fn into_inner(self) -> F {
        self.frames
    }
}

impl<R: Read> ResponseEvents<Reader<R>> {
    /// Typed events of the response body `inner`, with the spec's limits.
    ///
    /// ```
    /// let reader = eventstream::lambda::ResponseReader::new(std::io::empty());
    /// # let _ = reader;
    /// ```
    pub fn new(inner: R) -> Self {
        ResponseEvents::from_frames(Reader::new(inner))
    }

    /// The next event, borrowed from the reader's buffer until the next
    /// call. Exception and error frames are errors; `Ok(None)` only after
    /// `InvokeComplete` was read and the stream ended cleanly.
    ///
    /// ```
    /// use eventstream::lambda::{Error, ResponseReader};
    /// use eventstream::{Header, HeaderValue};
    /// let body = eventstream::encode_to_vec(&[
    ///     Header::new(":message-type", HeaderValue::String("error")),
    ///     Header::new(":error-code", HeaderValue::String("InternalFailure")),
    ///     Header::new(":error-message", HeaderValue::String("try again")),
    /// ], b"").unwrap();
    /// let err = ResponseReader::new(&body[..]).read_event().unwrap_err();
    /// assert!(matches!(err, Error::Service(ref e) if e.kind() == eventstream::MessageKind::Error { code: "InternalFailure", message: Some("try again") }));
    /// ```
    pub fn read_event(&mut self) -> Result<Option<ResponseEvent<'_>>, Error> {
        let ResponseEvents { frames, completion } = self;
        completion.next(frames.read_message()?.map(typed))
    }
}

/// Owned events (their payloads share the reader's buffer); ends after the
/// first error, and a body that ends before `InvokeComplete` with
/// [`Error::MissingInvokeComplete`].
///
/// ```
/// let body = eventstream::encode_to_vec(&[eventstream::Header::new(":event-type", eventstream::HeaderValue::String("PayloadChunk"))], b"x").unwrap();
/// let mut events = eventstream::lambda::ResponseReader::new(&body[..]);
/// assert!(matches!(events.next(), Some(Ok(eventstream::lambda::OwnedEvent::PayloadChunk(_)))));
/// assert!(matches!(events.next(), Some(Err(eventstream::Error::MissingInvokeComplete { chunks: 1 }))));
/// assert!(events.next().is_none());
/// ```
impl<R: Read> Iterator for ResponseEvents<Reader<R>> {
    type Item = Result<OwnedEvent, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let ResponseEvents { frames, completion } = self;
        if completion.done {
            return None;
        }
        completion.owned(frames.next())
    }
}

#[cfg(feature = "tokio")]
impl<R: ::tokio::io::AsyncRead + Unpin> ResponseEvents<crate::tokio::AsyncReader<R>> {
    /// Typed events of the tokio response body `inner`, with the spec's limits.
    ///
    /// ```
    /// let reader = eventstream::lambda::AsyncResponseReader::new(tokio::io::empty());
    /// # let _ = reader;
    /// ```
    pub fn new(inner: R) -> Self {
        ResponseEvents::from_frames(crate::tokio::AsyncReader::new(inner))
    }
}

#[cfg(feature = "stream")]
impl<S> ResponseEvents<crate::MessageStream<S>> {
    /// Typed events of the response body `body`, a `Stream` of chunks, with the spec's limits.
    ///
    /// ```
    /// # struct Body;
    /// let events = eventstream::lambda::ResponseEventStream::new(Body);
    /// # let _ = events;
    /// ```
    pub fn new(body: S) -> Self {
        ResponseEvents::from_frames(crate::MessageStream::new(body))
    }
}

#[cfg(feature = "stream")]
impl<F: AsyncFrames> ResponseEvents<F> {
    /// The next event, borrowed; as the blocking `read_event`. Cancel-safe.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let body = eventstream::encode_to_vec(&[eventstream::Header::new(":event-type", eventstream::HeaderValue::String("PayloadChunk"))], b"x").unwrap();
    /// let mut reader = eventstream::lambda::AsyncResponseReader::new(&body[..]);
    /// assert!(reader.read_event().await.unwrap().is_some());
    /// assert!(matches!(reader.read_event().await, Err(eventstream::Error::MissingInvokeComplete { chunks: 1 })));
    /// # }
    /// ```
    pub async fn read_event(&mut self) -> Result<Option<ResponseEvent<'_>>, Error> {
        let ResponseEvents { frames, completion } = self;
        completion.next(read_message(frames).await?.map(typed))
    }
}

/// Owned events; ends after the first error, and a body that ends before
/// `InvokeComplete` with [`Error::MissingInvokeComplete`].
#[cfg(feature = "stream")]
impl<F: AsyncFrames + Unpin> futures_core::Stream for ResponseEvents<F> {
    type Item = Result<OwnedEvent, Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        let ResponseEvents { frames, completion } = &mut *self;
        if completion.done {
            return std::task::Poll::Ready(None);
        }
        let frame = std::task::ready!(frames.poll_message(cx));
        std::task::Poll::Ready(completion.owned(frame))
    }
}
