//! Reading any AWS service's event stream as events: `exception` and `error`
//! frames become a typed [`ServiceError`], for every reader, the way the
//! SDKs' unmarshallers (and botocore's `EventStream`) treat them.
//!
//! ```
//! use eventstream::{Error, Header, HeaderValue, Reader, ServiceError};
//!
//! let mut body = eventstream::encode_to_vec(&[Header::new(":event-type", HeaderValue::String("chunk"))], b"{}").unwrap();
//! body.extend(eventstream::encode_to_vec(&[
//!     Header::new(":message-type", HeaderValue::String("exception")),
//!     Header::new(":exception-type", HeaderValue::String("ThrottlingException")),
//! ], br#"{"message":"slow down"}"#).unwrap());
//!
//! let mut reader = Reader::new(&body[..]);
//! assert_eq!(reader.read_event()?.unwrap().event_type, "chunk");
//! match reader.read_event() {
//!     Err(Error::Service(error)) => {
//!         assert_eq!(error.exception_type(), Some("ThrottlingException"));
//!         assert_eq!(error.to_string(), "ThrottlingException: slow down");
//!     }
//!     other => panic!("{other:?}"),
//! }
//! # Ok::<(), eventstream::Error>(())
//! ```

use crate::{Error, Message};
use eventstream_core::{MessageKind, MessageRef};
use std::fmt;

/// The `:event-type` of the first event of RPC-style streams, which carries
/// the operation's response rather than an event.
pub const INITIAL_RESPONSE: &str = "initial-response";

/// An event frame: its `:event-type` and the frame, borrowed.
///
/// ```
/// use eventstream::{Header, HeaderValue, Reader};
/// let frame = eventstream::encode_to_vec(&[Header::new(":event-type", HeaderValue::String("Records"))], b"a,b\n").unwrap();
/// let mut reader = Reader::new(&frame[..]);
/// let event = reader.read_event().unwrap().unwrap();
/// assert_eq!((event.event_type, event.message.payload()), ("Records", &b"a,b\n"[..]));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventRef<'a> {
    /// The `:event-type` header.
    pub event_type: &'a str,
    /// The whole frame.
    pub message: MessageRef<'a>,
}

/// An `exception` or `error` frame a service sent instead of an event.
///
/// ```
/// use eventstream::{Header, HeaderValue, Message, ServiceError};
/// let frame = eventstream::encode_to_vec(&[
///     Header::new(":message-type", HeaderValue::String("error")),
///     Header::new(":error-code", HeaderValue::String("InternalFailure")),
/// ], b"").unwrap();
/// let message = Message::decode(frame.into()).unwrap();
/// let error = ServiceError::from_message(message).unwrap();
/// assert_eq!((error.error_code(), error.message()), (Some("InternalFailure"), None));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    kind: Kind,
    message: Option<String>,
    frame: Message,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Exception(String),
    Error(String),
}

impl ServiceError {
    /// The error an `exception` or `error` frame stands for; `None` for an
    /// event, and for a frame that is neither (its [`kind`](MessageRef::kind)
    /// says why).
    pub fn from_message(frame: Message) -> Option<ServiceError> {
        match classify_owned(frame) {
            Ok(Err(error)) => Some(error),
            Ok(Ok(_)) | Err(_) => None,
        }
    }

    /// `:exception-type`, for an `exception` frame: a modelled error
    /// (`ThrottlingException`, `ValidationException`, ...).
    pub fn exception_type(&self) -> Option<&str> {
        match &self.kind {
            Kind::Exception(exception_type) => Some(exception_type),
            Kind::Error(_) => None,
        }
    }

    /// `:error-code`, for an `error` frame: an error outside the model.
    pub fn error_code(&self) -> Option<&str> {
        match &self.kind {
            Kind::Error(code) => Some(code),
            Kind::Exception(_) => None,
        }
    }

    /// The message: `message` (or `Message`) of an exception's JSON body, or
    /// an error's `:error-message`.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The whole frame, for what the service put in its payload.
    pub fn frame(&self) -> &Message {
        &self.frame
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match &self.kind {
            Kind::Exception(name) | Kind::Error(name) => name,
        };
        match &self.message {
            Some(message) => write!(f, "{name}: {message}"),
            None => f.write_str(name),
        }
    }
}

impl std::error::Error for ServiceError {}

/// What a frame is, by its [`kind`](MessageRef::kind): an event, or the
/// parts of the error it stands for (owned, so the frame can move on).
enum Classified<'a> {
    Event(&'a str),
    Service(Kind, Option<String>),
}

/// The one place that reads a frame as an event or a service error.
fn classify(view: MessageRef<'_>) -> Result<Classified<'_>, crate::DecodeError> {
    Ok(match view.kind()? {
        MessageKind::Event { event_type } => Classified::Event(event_type),
        MessageKind::Exception { exception_type } => Classified::Service(
            Kind::Exception(exception_type.to_string()),
            eventstream_core::exception_message(view.payload()).map(|m| m.to_string()),
        ),
        MessageKind::Error { code, message } => {
            Classified::Service(Kind::Error(code.to_string()), message.map(str::to_string))
        }
    })
}

/// An owned frame as an event (`Ok(frame)`) or the service error it stands for.
fn classify_owned(frame: Message) -> Result<Result<Message, ServiceError>, crate::DecodeError> {
    let service = match classify(frame.as_ref())? {
        Classified::Event(_) => None,
        Classified::Service(kind, message) => Some((kind, message)),
    };
    Ok(match service {
        None => Ok(frame),
        Some((kind, message)) => Err(ServiceError {
            kind,
            message,
            frame,
        }),
    })
}

/// A borrowed frame as an event, or the error it stands for.
pub(crate) fn event_ref(view: MessageRef<'_>) -> Result<EventRef<'_>, Error> {
    match classify(view)? {
        Classified::Event(event_type) => Ok(EventRef {
            event_type,
            message: view,
        }),
        Classified::Service(kind, message) => Err(Error::Service(ServiceError {
            kind,
            message,
            frame: Message::from(view),
        })),
    }
}

/// An owned frame as an event, or the error it stands for.
pub(crate) fn event(frame: Message) -> Result<Message, Error> {
    classify_owned(frame)?.map_err(Error::Service)
}

/// The first event of an RPC-style stream, which must be `initial-response`.
pub(crate) fn initial_response(event: Option<EventRef<'_>>) -> Result<MessageRef<'_>, Error> {
    match event {
        Some(event) if event.event_type == INITIAL_RESPONSE => Ok(event.message),
        other => Err(Error::NoInitialResponse {
            event_type: other.map(|event| event.event_type.to_string()),
        }),
    }
}

/// Events from a `Stream` of owned messages ([`MessageStream`](crate::MessageStream),
/// or an `AsyncReader` as a `Stream`): `exception` and `error` frames end it
/// with [`Error::Service`] (feature `stream`).
///
/// ```
/// use eventstream::{Events, MessageStream};
/// # struct Body;
/// # impl futures_core::Stream for Body {
/// #     type Item = Result<bytes::Bytes, std::io::Error>;
/// #     fn poll_next(self: std::pin::Pin<&mut Self>, _: &mut std::task::Context<'_>) -> std::task::Poll<Option<Self::Item>> { std::task::Poll::Ready(None) }
/// # }
/// let events = Events::new(MessageStream::new(Body));
/// # let _ = events;
/// ```
#[cfg(feature = "stream")]
#[cfg_attr(docsrs, doc(cfg(feature = "stream")))]
#[derive(Debug)]
pub struct Events<S> {
    messages: S,
    done: bool,
}

#[cfg(feature = "stream")]
impl<S> Events<S> {
    /// The events of `messages`.
    pub fn new(messages: S) -> Self {
        Events {
            messages,
            done: false,
        }
    }

    /// The message stream underneath.
    pub fn into_inner(self) -> S {
        self.messages
    }
}

#[cfg(feature = "stream")]
impl<S> futures_core::Stream for Events<S>
where
    S: futures_core::Stream<Item = Result<Message, Error>> + Unpin,
{
    type Item = Result<Message, Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        if self.done {
            return std::task::Poll::Ready(None);
        }
        let next = std::task::ready!(std::pin::Pin::new(&mut self.messages).poll_next(cx));
        let next = next.map(|message| message.and_then(event));
        self.done = !matches!(next, Some(Ok(_)));
        std::task::Poll::Ready(next)
    }
}
