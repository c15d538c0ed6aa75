//! Lambda `InvokeWithResponseStream` over `std::io`, tokio and HTTP body
//! streams: typed events from [`eventstream_core::lambda`], read as they arrive.
//!
//! ```
//! use eventstream::lambda::{encode_invoke_complete_to_vec, encode_payload_chunk_to_vec, InvokeCompleteFields, ResponseEvent, ResponseReader};
//!
//! let mut body = encode_payload_chunk_to_vec(b"Hello").unwrap();
//! body.extend(encode_invoke_complete_to_vec(&InvokeCompleteFields::default()).unwrap());
//!
//! let mut reader = ResponseReader::new(&body[..]); // e.g. an HTTP response body
//! while let Some(event) = reader.read_event()? {
//!     match event {
//!         ResponseEvent::PayloadChunk(chunk) => assert_eq!(chunk.payload(), b"Hello"),
//!         ResponseEvent::InvokeComplete(done) => assert!(done.error_code().is_none()),
//!         ResponseEvent::Unknown { .. } => {}
//!     }
//! }
//! # Ok::<(), eventstream::lambda::Error>(())
//! ```

use crate::{Limits, Message, Reader};
use bytes::Bytes;
pub use eventstream_core::lambda::*;
use std::fmt;
use std::io::Read;

/// Why reading a response stream failed: the bytes, an error the service
/// sent, or a stream that ended before `InvokeComplete`.
///
/// `Display` says everything, the cause included; `source()` is `None`.
///
/// ```
/// use eventstream::lambda::{encode_error_to_vec, Error, ResponseReader};
/// let body = encode_error_to_vec("InternalFailure", "try again").unwrap();
/// let err = ResponseReader::new(&body[..]).read_event().unwrap_err();
/// assert!(matches!(err, Error::ServiceError { ref code, .. } if code == "InternalFailure"));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Reading or decoding the frames failed.
    Read(crate::Error),
    /// An `exception` frame: a modelled error, by `:exception-type`.
    Exception {
        /// The exception type (`ServiceException`, for example).
        exception_type: String,
        /// Its message.
        message: String,
    },
    /// An `error` frame: an unmodelled error.
    ServiceError {
        /// `:error-code`.
        code: String,
        /// `:error-message`.
        message: String,
    },
    /// A frame that is not a response event.
    Malformed(String),
    /// The stream ended cleanly between frames but before `InvokeComplete`:
    /// the response was cut short (botocore ends silently here; this does not).
    MissingInvokeComplete {
        /// `PayloadChunk` events read before the end.
        chunks: u64,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read(error) => error.fmt(f),
            Error::Exception {
                exception_type,
                message,
            } => write!(f, "{exception_type}: {message}"),
            Error::ServiceError { code, message } => write!(f, "{code}: {message}"),
            Error::Malformed(what) => write!(f, "malformed response stream: {what}"),
            Error::MissingInvokeComplete { chunks } => write!(
                f,
                "the response stream ended without InvokeComplete, after {chunks} PayloadChunk events: it was cut short"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// So that `?` on `File::open` and other I/O works in a function that
/// returns a Lambda [`Error`].
///
/// ```
/// fn first_chunk(path: &str) -> Result<usize, eventstream::lambda::Error> {
///     let file = std::fs::File::open(path)?;
///     let mut reader = eventstream::lambda::ResponseReader::new(file);
///     Ok(reader.read_event()?.map_or(0, |_| 1))
/// }
/// assert!(matches!(first_chunk("/no/such/file"), Err(eventstream::lambda::Error::Read(eventstream::Error::Io(_)))));
/// ```
impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Self {
        Error::Read(crate::Error::Io(error))
    }
}

impl From<crate::Error> for Error {
    fn from(error: crate::Error) -> Self {
        Error::Read(error)
    }
}

impl From<StreamError<'_>> for Error {
    fn from(error: StreamError<'_>) -> Self {
        match error {
            StreamError::Exception {
                exception_type,
                message,
                payload,
            } => Error::Exception {
                exception_type: exception_type.to_string(),
                message: message.map_or_else(
                    || String::from_utf8_lossy(payload).into_owned(),
                    |m| m.to_string(),
                ),
            },
            StreamError::Error { code, message } => Error::ServiceError {
                code: code.to_string(),
                message: message.unwrap_or_default().to_string(),
            },
            StreamError::Malformed { reason, .. } => Error::Malformed(reason.to_string()),
        }
    }
}

/// An owned response event, for `Stream` users and for keeping events around.
///
/// ```
/// use bytes::Bytes;
/// use eventstream::lambda::{encode_payload_chunk_to_vec, OwnedEvent};
/// let message = eventstream::Message::decode(Bytes::from(encode_payload_chunk_to_vec(b"x").unwrap())).unwrap();
/// assert_eq!(OwnedEvent::from_message(message).unwrap(), OwnedEvent::PayloadChunk(Bytes::from_static(b"x")));
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
/// let summary = eventstream::lambda::InvokeSummary { log_result: Some("aGk=".into()), ..Default::default() };
/// assert_eq!(summary.decoded_log().unwrap(), b"hi");
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

impl InvokeSummary {
    /// The summary of a borrowed `InvokeComplete`.
    ///
    /// ```
    /// use eventstream::lambda::{InvokeComplete, InvokeSummary};
    /// let done = InvokeComplete::parse(br#"{"ErrorCode":"Unhandled"}"#).unwrap();
    /// assert_eq!(InvokeSummary::from_view(&done).error_code.as_deref(), Some("Unhandled"));
    /// ```
    pub fn from_view(done: &InvokeComplete<'_>) -> Self {
        InvokeSummary {
            error_code: done.error_code().map(|s| s.to_string()),
            error_details: done.error_details().map(|s| s.to_string()),
            log_result: done.log_result().map(|s| s.to_string()),
        }
    }

    /// `LogResult` decoded from base64 (empty when absent).
    ///
    /// ```
    /// assert!(eventstream::lambda::InvokeSummary::default().decoded_log().unwrap().is_empty());
    /// ```
    pub fn decoded_log(&self) -> Result<Vec<u8>, LogResultError> {
        use base64::Engine;
        let Some(log) = &self.log_result else {
            return Ok(Vec::new());
        };
        base64::engine::general_purpose::STANDARD
            .decode(log)
            .map_err(|_| LogResultError::NotBase64)
    }
}

impl OwnedEvent {
    /// Interprets an owned frame, as [`ResponseEvent::from_message`] does.
    ///
    /// ```
    /// use bytes::Bytes;
    /// use eventstream::lambda::{encode_exception_to_vec, OwnedEvent};
    /// let message = eventstream::Message::decode(Bytes::from(encode_exception_to_vec("ServiceException", "x").unwrap())).unwrap();
    /// assert!(OwnedEvent::from_message(message).is_err());
    /// ```
    pub fn from_message(message: Message) -> Result<OwnedEvent, Error> {
        let event = match ResponseEvent::from_message(message.as_ref())? {
            ResponseEvent::PayloadChunk(_) => {
                return Ok(OwnedEvent::PayloadChunk(message.into_payload()));
            }
            ResponseEvent::InvokeComplete(done) => {
                OwnedEvent::InvokeComplete(InvokeSummary::from_view(&done))
            }
            ResponseEvent::Unknown { event_type, .. } => OwnedEvent::Unknown {
                event_type: event_type.to_string(),
                message: message.clone(),
            },
        };
        Ok(event)
    }
}

/// Whether a response stream may end: only after `InvokeComplete`. Shared by
/// every Lambda reader.
#[derive(Debug, Default)]
struct Completion {
    chunks: u64,
    complete: bool,
}

impl Completion {
    /// Notes an event on its way out.
    fn saw(&mut self, event: impl IsComplete) {
        match event.is_complete() {
            Some(true) => self.complete = true,
            Some(false) => self.chunks += 1,
            None => {}
        }
    }

    /// The clean end of the frames: the end of the events too, or an error.
    fn end<T>(&self) -> Result<Option<T>, Error> {
        match self.complete {
            true => Ok(None),
            false => Err(Error::MissingInvokeComplete {
                chunks: self.chunks,
            }),
        }
    }
}

/// Which events end a response (`Some(true)`) or carry its payload (`Some(false)`).
trait IsComplete {
    fn is_complete(&self) -> Option<bool>;
}

impl IsComplete for &ResponseEvent<'_> {
    fn is_complete(&self) -> Option<bool> {
        match self {
            ResponseEvent::InvokeComplete(_) => Some(true),
            ResponseEvent::PayloadChunk(_) => Some(false),
            ResponseEvent::Unknown { .. } => None,
        }
    }
}

impl IsComplete for &OwnedEvent {
    fn is_complete(&self) -> Option<bool> {
        match self {
            OwnedEvent::InvokeComplete(_) => Some(true),
            OwnedEvent::PayloadChunk(_) => Some(false),
            OwnedEvent::Unknown { .. } => None,
        }
    }
}

/// Typed events from a blocking `Read` (an HTTP response body, a file).
///
/// [`read_event`](Self::read_event) lends each event from the reader's
/// buffer; [`next_event`](Self::next_event) gives owned ones. Both end with
/// `Ok(None)` only after `InvokeComplete` and a clean end of the stream.
///
/// ```
/// use eventstream::lambda::{encode_invoke_complete_to_vec, encode_payload_chunk_to_vec, Error, InvokeCompleteFields, ResponseReader};
/// let chunk = encode_payload_chunk_to_vec(b"partial").unwrap();
/// let mut cut_short = ResponseReader::new(&chunk[..]);
/// assert!(cut_short.read_event().unwrap().is_some());
/// assert!(matches!(cut_short.read_event(), Err(Error::MissingInvokeComplete { chunks: 1 })));
///
/// let done = encode_invoke_complete_to_vec(&InvokeCompleteFields::default()).unwrap();
/// let mut complete = ResponseReader::new(&done[..]);
/// assert!(complete.next_event().unwrap().is_some());
/// assert!(complete.next_event().unwrap().is_none());
/// ```
#[derive(Debug)]
pub struct ResponseReader<R> {
    reader: Reader<R>,
    completion: Completion,
}

impl<R: Read> ResponseReader<R> {
    /// A reader of the response body `inner`, with the spec's limits.
    pub fn new(inner: R) -> Self {
        ResponseReader::with_limits(inner, Limits::default())
    }

    /// A reader of the response body `inner`, with the given limits.
    ///
    /// ```
    /// let reader = eventstream::lambda::ResponseReader::with_limits(std::io::empty(), eventstream::Limits::default());
    /// # let _ = reader;
    /// ```
    pub fn with_limits(inner: R, limits: Limits) -> Self {
        ResponseReader {
            reader: Reader::with_limits(inner, limits),
            completion: Completion::default(),
        }
    }

    /// The next event, borrowed from the reader's buffer until the next
    /// call. Exception and error frames are errors; `Ok(None)` only after
    /// `InvokeComplete` was read and the stream ended cleanly.
    pub fn read_event(&mut self) -> Result<Option<ResponseEvent<'_>>, Error> {
        let ResponseReader { reader, completion } = self;
        match reader.read_message()? {
            None => completion.end(),
            Some(message) => {
                let event = ResponseEvent::from_message(message)?;
                completion.saw(&event);
                Ok(Some(event))
            }
        }
    }

    /// The next event, owned (its payload shares the reader's buffer);
    /// otherwise as [`read_event`](Self::read_event).
    pub fn next_event(&mut self) -> Result<Option<OwnedEvent>, Error> {
        match self.reader.next_message()? {
            None => self.completion.end(),
            Some(message) => {
                let event = OwnedEvent::from_message(message)?;
                self.completion.saw(&event);
                Ok(Some(event))
            }
        }
    }

    /// The frame reader underneath.
    pub fn get_ref(&self) -> &Reader<R> {
        &self.reader
    }

    /// The source.
    pub fn into_inner(self) -> R {
        self.reader.into_inner()
    }
}

/// Typed events from a tokio `AsyncRead` (feature `tokio`); as [`ResponseReader`].
#[cfg(feature = "tokio")]
#[cfg_attr(docsrs, doc(cfg(feature = "tokio")))]
#[derive(Debug)]
pub struct AsyncResponseReader<R> {
    reader: crate::tokio::AsyncReader<R>,
    completion: Completion,
}

#[cfg(feature = "tokio")]
impl<R: ::tokio::io::AsyncRead + Unpin> AsyncResponseReader<R> {
    /// A reader of the response body `inner`, with the spec's limits.
    pub fn new(inner: R) -> Self {
        AsyncResponseReader::with_limits(inner, Limits::default())
    }

    /// A reader of the response body `inner`, with the given limits.
    pub fn with_limits(inner: R, limits: Limits) -> Self {
        AsyncResponseReader {
            reader: crate::tokio::AsyncReader::with_limits(inner, limits),
            completion: Completion::default(),
        }
    }

    /// The next event, borrowed; cancel-safe like [`AsyncReader::read_message`](crate::tokio::AsyncReader::read_message).
    pub async fn read_event(&mut self) -> Result<Option<ResponseEvent<'_>>, Error> {
        let AsyncResponseReader { reader, completion } = self;
        match reader.read_message().await? {
            None => completion.end(),
            Some(message) => {
                let event = ResponseEvent::from_message(message)?;
                completion.saw(&event);
                Ok(Some(event))
            }
        }
    }

    /// The next event, owned.
    pub async fn next_event(&mut self) -> Result<Option<OwnedEvent>, Error> {
        match self.reader.next_message().await? {
            None => self.completion.end(),
            Some(message) => {
                let event = OwnedEvent::from_message(message)?;
                self.completion.saw(&event);
                Ok(Some(event))
            }
        }
    }

    /// The frame reader underneath.
    pub fn get_ref(&self) -> &crate::tokio::AsyncReader<R> {
        &self.reader
    }
}

/// Owned events from a `Stream` of body chunks (feature `stream`): what a
/// hyper or reqwest client gets. Ends after the first error; a body that ends
/// before `InvokeComplete` ends with [`Error::MissingInvokeComplete`].
#[cfg(feature = "stream")]
#[cfg_attr(docsrs, doc(cfg(feature = "stream")))]
#[derive(Debug)]
pub struct ResponseEventStream<S> {
    messages: crate::MessageStream<S>,
    completion: Completion,
    done: bool,
}

#[cfg(feature = "stream")]
impl<S> ResponseEventStream<S> {
    /// Events of the response body `body`, with the spec's limits.
    pub fn new(body: S) -> Self {
        ResponseEventStream::with_limits(body, Limits::default())
    }

    /// Events of the response body `body`, with the given limits.
    pub fn with_limits(body: S, limits: Limits) -> Self {
        ResponseEventStream {
            messages: crate::MessageStream::with_limits(body, limits),
            completion: Completion::default(),
            done: false,
        }
    }

    /// The message stream underneath.
    pub fn get_ref(&self) -> &crate::MessageStream<S> {
        &self.messages
    }
}

#[cfg(feature = "stream")]
impl<S, E> futures_core::Stream for ResponseEventStream<S>
where
    S: futures_core::Stream<Item = Result<Bytes, E>> + Unpin,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Item = Result<OwnedEvent, Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        if self.done {
            return std::task::Poll::Ready(None);
        }
        let this = &mut *self;
        let next = std::task::ready!(std::pin::Pin::new(&mut this.messages).poll_next(cx));
        let event = match next {
            None => this.completion.end().transpose(),
            Some(message) => Some(message.map_err(Error::from).and_then(|message| {
                let event = OwnedEvent::from_message(message)?;
                this.completion.saw(&event);
                Ok(event)
            })),
        };
        this.done = !matches!(event, Some(Ok(_)));
        std::task::Poll::Ready(event)
    }
}
