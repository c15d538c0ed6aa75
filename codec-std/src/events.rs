//! Reading any AWS service's event stream as events: `exception` and `error`
//! frames become a typed [`ServiceError`], for every reader, the way the
//! SDKs' unmarshallers (and botocore's `EventStream`) treat them.
//!
//! ```
//! use eventstream::{Error, Events, Header, HeaderValue, MessageKind, Reader};
//!
//! let mut body = eventstream::encode_to_vec(&[Header::new(":event-type", HeaderValue::String("chunk"))], b"{}").unwrap();
//! body.extend(eventstream::encode_to_vec(&[
//!     Header::new(":message-type", HeaderValue::String("exception")),
//!     Header::new(":exception-type", HeaderValue::String("ThrottlingException")),
//! ], br#"{"message":"slow down"}"#).unwrap());
//!
//! let mut reader = Events::new(Reader::new(&body[..]));
//! assert_eq!(reader.read_event()?.unwrap().event_type, "chunk");
//! match reader.read_event() {
//!     Err(Error::Service(error)) => {
//!         assert_eq!(error.kind(), MessageKind::Exception { exception_type: "ThrottlingException" });
//!         assert_eq!(error.to_string(), "ThrottlingException: slow down");
//!     }
//!     other => panic!("{other:?}"),
//! }
//! # Ok::<(), eventstream::Error>(())
//! ```

#[cfg(feature = "stream")]
use crate::frame_buffer::{AsyncFrames, read_message};
use crate::{Error, Message, Reader};
use eventstream_core::{MessageKind, MessageRef};
use std::fmt;
use std::io::Read;

/// The `:event-type` of the first event of RPC-style streams, which carries
/// the operation's response rather than an event.
const INITIAL_RESPONSE: &str = "initial-response";

/// An event frame: its `:event-type` and the frame, borrowed.
///
/// ```
/// use eventstream::{Events, Header, HeaderValue, Reader};
/// let frame = eventstream::encode_to_vec(&[Header::new(":event-type", HeaderValue::String("Records"))], b"a,b\n").unwrap();
/// let mut reader = Events::new(Reader::new(&frame[..]));
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
/// use eventstream::{Error, Events, Header, HeaderValue, Reader};
/// let frame = eventstream::encode_to_vec(&[
///     Header::new(":message-type", HeaderValue::String("error")),
///     Header::new(":error-code", HeaderValue::String("InternalFailure")),
/// ], b"").unwrap();
/// let Err(Error::Service(error)) = Events::new(Reader::new(&frame[..])).read_event() else { panic!() };
/// assert_eq!(error.kind(), eventstream::MessageKind::Error { code: "InternalFailure", message: None });
/// assert_eq!(error.message(), None);
/// ```
#[derive(Clone, PartialEq, Eq)]
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
    /// What the service sent, as the core reads it:
    /// [`MessageKind::Exception`] with its `:exception-type` (a modelled
    /// error: `ThrottlingException`, `ValidationException`, ...) or
    /// [`MessageKind::Error`] with its `:error-code` and `:error-message`
    /// (an error outside the model).
    ///
    /// ```
    /// use eventstream::{Error, Events, Header, HeaderValue, MessageKind, Reader};
    /// let frame = eventstream::encode_to_vec(&[
    ///     Header::new(":message-type", HeaderValue::String("exception")),
    ///     Header::new(":exception-type", HeaderValue::String("ThrottlingException")),
    /// ], b"{}").unwrap();
    /// let Err(Error::Service(error)) = Events::new(Reader::new(&frame[..])).read_event() else { panic!() };
    /// assert_eq!(error.kind(), MessageKind::Exception { exception_type: "ThrottlingException" });
    /// ```
    pub fn kind(&self) -> MessageKind<'_> {
        match &self.kind {
            Kind::Exception(exception_type) => MessageKind::Exception { exception_type },
            Kind::Error(code) => MessageKind::Error {
                code,
                message: self.message.as_deref(),
            },
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

/// Short, for `?` in `main`: what the service said, not the frame's bytes.
///
/// ```
/// # use eventstream::{Error, Events, Header, HeaderValue, Reader};
/// # let frame = eventstream::encode_to_vec(&[
/// #     Header::new(":message-type", HeaderValue::String("exception")),
/// #     Header::new(":exception-type", HeaderValue::String("ThrottlingException")),
/// # ], br#"{"message":"slow down"}"#).unwrap();
/// # let Err(Error::Service(error)) = Events::new(Reader::new(&frame[..])).read_event() else { panic!() };
/// assert_eq!(
///     format!("{error:?}"),
///     r#"ServiceError { exception_type: "ThrottlingException", message: Some("slow down"), frame_len: 103 }"#
/// );
/// ```
impl fmt::Debug for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("ServiceError");
        match &self.kind {
            Kind::Exception(name) => debug.field("exception_type", name),
            Kind::Error(code) => debug.field("error_code", code),
        };
        debug
            .field("message", &self.message)
            .field("frame_len", &self.frame.as_ref().len())
            .finish()
    }
}

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

/// Any service's events over a frame reader ([`Reader`], an `AsyncReader`
/// or a `MessageStream`): `exception` and `error`
/// frames are [`Error::Service`], the first event of an RPC-style stream
/// can be checked to be `initial-response`, and as a `Stream` (async
/// readers) it yields owned events and ends after the first error.
///
/// ```
/// use eventstream::{Events, Header, HeaderValue, Reader};
/// let frame = eventstream::encode_to_vec(&[Header::new(":event-type", HeaderValue::String("Stats"))], b"{}").unwrap();
/// let mut events = Events::new(Reader::new(&frame[..]));
/// assert_eq!(events.read_event()?.unwrap().event_type, "Stats");
/// assert!(events.read_event()?.is_none());
/// # Ok::<(), eventstream::Error>(())
/// ```
#[derive(Debug)]
pub struct Events<F> {
    frames: F,
    /// The `Iterator` or `Stream` ended (after its first error).
    done: bool,
}

impl<F> Events<F> {
    /// The events of the frames `frames` reads.
    ///
    /// ```
    /// let events = eventstream::Events::new(eventstream::Reader::new(std::io::empty()));
    /// # let _ = events;
    /// ```
    pub fn new(frames: F) -> Self {
        Events {
            frames,
            done: false,
        }
    }

    /// The event of the next owned frame, for the `Iterator` and the
    /// `Stream`: after the first error, they end.
    fn owned(&mut self, frame: Option<Result<Message, Error>>) -> Option<Result<Message, Error>> {
        let next = frame.map(|message| message.and_then(event));
        self.done = !matches!(next, Some(Ok(_)));
        next
    }

    /// The frame reader underneath, for its
    /// [`position`](crate::Reader::position).
    ///
    /// ```
    /// let events = eventstream::Events::new(eventstream::Reader::new(std::io::empty()));
    /// assert_eq!(events.get_ref().position(), 0);
    /// ```
    pub fn get_ref(&self) -> &F {
        &self.frames
    }

    /// The frame reader underneath.
    ///
    /// ```
    /// let reader = eventstream::Events::new(eventstream::Reader::new(std::io::empty())).into_inner();
    /// # let _ = reader;
    /// ```
    pub fn into_inner(self) -> F {
        self.frames
    }
}

impl<R: Read> Events<Reader<R>> {
    /// The next event, borrowed from the reader's buffer until the next
    /// call: an `exception` or `error` frame is [`Error::Service`];
    /// `Ok(None)` at a clean end, as [`Reader::read_message`].
    ///
    /// ```
    /// use eventstream::{Error, Events, Header, HeaderValue, Reader};
    /// let frame = eventstream::encode_to_vec(&[
    ///     Header::new(":message-type", HeaderValue::String("error")),
    ///     Header::new(":error-code", HeaderValue::String("InternalFailure")),
    /// ], b"").unwrap();
    /// assert!(matches!(Events::new(Reader::new(&frame[..])).read_event(), Err(Error::Service(_))));
    /// ```
    pub fn read_event(&mut self) -> Result<Option<EventRef<'_>>, Error> {
        self.frames.read_message()?.map(event_ref).transpose()
    }

    /// The first event of an RPC-style stream, which must be an
    /// `initial-response` (the operation's response members), as botocore's
    /// `get_initial_response`: any other first event is consumed and
    /// [`Error::NoInitialResponse`].
    ///
    /// ```
    /// use eventstream::{Events, Header, HeaderValue, Reader};
    /// let mut stream = eventstream::encode_to_vec(&[Header::new(":event-type", HeaderValue::String("initial-response"))], b"{\"SessionId\":\"1\"}").unwrap();
    /// stream.extend(eventstream::encode_to_vec(&[Header::new(":event-type", HeaderValue::String("chunk"))], b"{}").unwrap());
    /// let mut events = Events::new(Reader::new(&stream[..]));
    /// assert_eq!(events.read_initial_response().unwrap().payload(), b"{\"SessionId\":\"1\"}");
    /// assert_eq!(events.read_event().unwrap().unwrap().event_type, "chunk");
    /// ```
    pub fn read_initial_response(&mut self) -> Result<MessageRef<'_>, Error> {
        initial_response(self.read_event()?)
    }
}

/// Owned events, each sharing the reader's buffer: `exception` and `error`
/// frames are [`Error::Service`], and it ends after the first error.
///
/// ```
/// let frame = eventstream::encode_to_vec(&[], b"").unwrap();
/// let mut events = eventstream::Events::new(eventstream::Reader::new(&frame[..]));
/// assert!(matches!(events.next(), Some(Err(eventstream::Error::Decode(_))))); // no :event-type
/// assert!(events.next().is_none());
/// ```
impl<R: Read> Iterator for Events<Reader<R>> {
    type Item = Result<Message, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let next = self.frames.next();
        self.owned(next)
    }
}

#[cfg(feature = "stream")]
impl<F: AsyncFrames> Events<F> {
    /// The next event, borrowed; as the blocking `read_event`. Cancel-safe.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), eventstream::Error> {
    /// use eventstream::{Events, Header, HeaderValue, tokio::AsyncReader};
    /// let frame = eventstream::encode_to_vec(&[Header::new(":event-type", HeaderValue::String("Stats"))], b"{}").unwrap();
    /// let mut events = Events::new(AsyncReader::new(&frame[..]));
    /// assert_eq!(events.read_event().await?.unwrap().event_type, "Stats");
    /// # Ok(())
    /// # }
    /// ```
    pub async fn read_event(&mut self) -> Result<Option<EventRef<'_>>, Error> {
        read_message(&mut self.frames)
            .await?
            .map(event_ref)
            .transpose()
    }

    /// The first event, which must be `initial-response`; as the blocking
    /// `read_initial_response`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mut events = eventstream::Events::new(eventstream::tokio::AsyncReader::new(&b""[..]));
    /// assert!(matches!(events.read_initial_response().await, Err(eventstream::Error::NoInitialResponse { event_type: None })));
    /// # }
    /// ```
    pub async fn read_initial_response(&mut self) -> Result<MessageRef<'_>, Error> {
        initial_response(self.read_event().await?)
    }
}

#[cfg(feature = "stream")]
impl<F: AsyncFrames + Unpin> futures_core::Stream for Events<F> {
    type Item = Result<Message, Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.done {
            return std::task::Poll::Ready(None);
        }
        let next = std::task::ready!(this.frames.poll_message(cx));
        std::task::Poll::Ready(this.owned(next))
    }
}
