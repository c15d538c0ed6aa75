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
//! while let Some(event) = reader.next_event()? {
//!     match event {
//!         ResponseEvent::PayloadChunk(chunk) => assert_eq!(chunk.payload(), b"Hello"),
//!         ResponseEvent::InvokeComplete(done) => assert!(done.error_code().is_none()),
//!         ResponseEvent::Unknown { .. } => {}
//!     }
//! }
//! # Ok::<(), eventstream::lambda::Error>(())
//! ```

use crate::{Message, Reader};
use bytes::Bytes;
pub use eventstream_core::lambda::*;
use std::fmt;
use std::io::Read;

/// Why reading a response stream failed: the bytes, or an error the service sent.
///
/// ```
/// use eventstream::lambda::{encode_error_to_vec, Error, ResponseReader};
/// let body = encode_error_to_vec("InternalFailure", "try again").unwrap();
/// let err = ResponseReader::new(&body[..]).next_event().unwrap_err();
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
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read(error) => Some(error),
            _ => None,
        }
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
                message: message.to_string(),
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
    pub fn from_view(done: &InvokeComplete<'_>) -> Self {
        InvokeSummary {
            error_code: done.error_code().map(|s| s.to_string()),
            error_details: done.error_details().map(|s| s.to_string()),
            log_result: done.log_result().map(|s| s.to_string()),
        }
    }

    /// `LogResult` decoded from base64 (empty when absent).
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
    pub fn from_message(message: Message) -> Result<OwnedEvent, Error> {
        let event = match ResponseEvent::from_message(message.as_ref())? {
            ResponseEvent::PayloadChunk(_) => {
                return Ok(OwnedEvent::PayloadChunk(message.payload()));
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

/// Typed events from a blocking `Read` (an HTTP response body, a file).
#[derive(Debug)]
pub struct ResponseReader<R> {
    reader: Reader<R>,
}

impl<R: Read> ResponseReader<R> {
    /// A reader of the response body `inner`.
    pub fn new(inner: R) -> Self {
        ResponseReader {
            reader: Reader::new(inner),
        }
    }

    /// The next event, borrowed from the reader's buffer; `Ok(None)` at the
    /// end of the stream. Exception and error frames are errors.
    pub fn next_event(&mut self) -> Result<Option<ResponseEvent<'_>>, Error> {
        match self.reader.read_message()? {
            None => Ok(None),
            Some(message) => Ok(Some(ResponseEvent::from_message(message)?)),
        }
    }

    /// The next event, owned (its payload shares the reader's buffer).
    pub fn next_owned_event(&mut self) -> Result<Option<OwnedEvent>, Error> {
        self.reader
            .next_message()?
            .map(OwnedEvent::from_message)
            .transpose()
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

/// Typed events from a tokio `AsyncRead` (feature `tokio`).
#[cfg(feature = "tokio")]
#[derive(Debug)]
pub struct AsyncResponseReader<R> {
    reader: crate::tokio::AsyncReader<R>,
}

#[cfg(feature = "tokio")]
impl<R: ::tokio::io::AsyncRead + Unpin> AsyncResponseReader<R> {
    /// A reader of the response body `inner`.
    pub fn new(inner: R) -> Self {
        AsyncResponseReader {
            reader: crate::tokio::AsyncReader::new(inner),
        }
    }

    /// The next event, borrowed; cancel-safe like [`AsyncReader::read_message`](crate::tokio::AsyncReader::read_message).
    pub async fn next_event(&mut self) -> Result<Option<ResponseEvent<'_>>, Error> {
        match self.reader.read_message().await? {
            None => Ok(None),
            Some(message) => Ok(Some(ResponseEvent::from_message(message)?)),
        }
    }

    /// The next event, owned.
    pub async fn next_owned_event(&mut self) -> Result<Option<OwnedEvent>, Error> {
        self.reader
            .next_message()
            .await?
            .map(OwnedEvent::from_message)
            .transpose()
    }
}

/// Owned events from a `Stream` of body chunks (feature `stream`): what a
/// hyper or reqwest client gets. Ends after the first error.
#[cfg(feature = "stream")]
#[derive(Debug)]
pub struct ResponseEventStream<S> {
    messages: crate::MessageStream<S>,
    done: bool,
}

#[cfg(feature = "stream")]
impl<S> ResponseEventStream<S> {
    /// Events of the response body `body`.
    pub fn new(body: S) -> Self {
        ResponseEventStream {
            messages: crate::MessageStream::new(body),
            done: false,
        }
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
        let next = std::task::ready!(std::pin::Pin::new(&mut self.messages).poll_next(cx));
        let event = next.map(|message| {
            message
                .map_err(Error::from)
                .and_then(OwnedEvent::from_message)
        });
        self.done = !matches!(event, Some(Ok(_)));
        std::task::Poll::Ready(event)
    }
}
