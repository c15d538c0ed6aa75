//! What kind of message a frame is, by its `:message-type` header, for any
//! AWS service: an event, a modelled exception, or an unmodelled error.
//!
//! ```text
//! :message-type  event (or absent)  + :event-type                        -> Event
//!                exception          + :exception-type                    -> Exception
//!                error              + :error-code [+ :error-message]     -> Error
//! ```

use crate::header::type_byte;
use crate::{Error, HeaderValue, MessageRef};
use core::fmt;

/// The header that says what kind of message a frame is.
pub const MESSAGE_TYPE: &str = ":message-type";
/// The header that names an event's type.
pub const EVENT_TYPE: &str = ":event-type";
/// The header that names an exception's type.
pub const EXCEPTION_TYPE: &str = ":exception-type";
/// The header that carries an error's code.
pub const ERROR_CODE: &str = ":error-code";
/// The header that carries an error's message.
pub const ERROR_MESSAGE: &str = ":error-message";

/// What kind of message a frame is; see [`MessageRef::kind`].
///
/// ```
/// use eventstream_core::{Decoder, Header, HeaderValue, MessageKind};
/// let frame = eventstream_core::encode_to_vec(&[
///     Header::new(":message-type", HeaderValue::String("exception")),
///     Header::new(":exception-type", HeaderValue::String("ThrottlingException")),
/// ], b"{\"message\":\"slow down\"}").unwrap();
/// let message = Decoder::new().decode(&frame).unwrap().complete().unwrap();
/// assert_eq!(message.kind(), Ok(MessageKind::Exception { exception_type: "ThrottlingException" }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageKind<'a> {
    /// `:message-type` `event`, or absent (as the SDKs tolerate), with its `:event-type`.
    Event {
        /// The `:event-type` header: `chunk`, `PayloadChunk`, `Records`, ...
        event_type: &'a str,
    },
    /// `:message-type` `exception`: an error the service's model declares.
    Exception {
        /// The `:exception-type` header: `ThrottlingException`, ...
        exception_type: &'a str,
    },
    /// `:message-type` `error`: an error outside the model.
    Error {
        /// The `:error-code` header.
        code: &'a str,
        /// The `:error-message` header, when there is one.
        message: Option<&'a str>,
    },
}

impl<'a> MessageRef<'a> {
    /// What kind of message this frame is: an [`Event`](MessageKind::Event)
    /// by its `:event-type`, an [`Exception`](MessageKind::Exception) by its
    /// `:exception-type`, an [`Error`](MessageKind::Error) by its
    /// `:error-code`. A frame that fits none of them is an error naming the
    /// header that is missing or of the wrong type, or the `:message-type`
    /// that is unknown.
    ///
    /// ```
    /// use eventstream_core::{Decoder, Error, Header, HeaderValue, MessageKind};
    /// let frame = eventstream_core::encode_to_vec(&[Header::new(":event-type", HeaderValue::String("chunk"))], b"{}").unwrap();
    /// let message = Decoder::new().decode(&frame).unwrap().complete().unwrap();
    /// assert_eq!(message.kind(), Ok(MessageKind::Event { event_type: "chunk" }));
    ///
    /// let frame = eventstream_core::encode_to_vec(&[Header::new(":message-type", HeaderValue::String("error"))], b"").unwrap();
    /// let message = Decoder::new().decode(&frame).unwrap().complete().unwrap();
    /// assert_eq!(message.kind(), Err(Error::MissingHeader { name: ":error-code" }));
    /// ```
    pub fn kind(&self) -> Result<MessageKind<'a>, Error> {
        let string = |name| match self.header(name) {
            None => Ok(None),
            Some(HeaderValue::String(text)) => Ok(Some(text)),
            Some(other) => Err(Error::HeaderWrongType {
                name,
                expected: type_byte::STRING,
                found: other.type_byte(),
            }),
        };
        let required = |name| string(name)?.ok_or(Error::MissingHeader { name });
        match string(MESSAGE_TYPE)?.unwrap_or("event") {
            "event" => Ok(MessageKind::Event {
                event_type: required(EVENT_TYPE)?,
            }),
            "exception" => Ok(MessageKind::Exception {
                exception_type: required(EXCEPTION_TYPE)?,
            }),
            "error" => Ok(MessageKind::Error {
                code: required(ERROR_CODE)?,
                message: string(ERROR_MESSAGE)?,
            }),
            other => Err(Error::UnknownMessageType {
                len: other.len(),
                offset: self.offset_of(other.as_bytes()),
            }),
        }
    }
}

impl fmt::Display for MessageKind<'_> {
    /// `event PayloadChunk`, `exception ThrottlingException`, `error InternalFailure: message`.
    ///
    /// ```
    /// use eventstream_core::MessageKind;
    /// assert_eq!(MessageKind::Error { code: "E", message: Some("m") }.to_string(), "error E: m");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MessageKind::Event { event_type } => write!(f, "event {event_type}"),
            MessageKind::Exception { exception_type } => write!(f, "exception {exception_type}"),
            MessageKind::Error {
                code,
                message: Some(message),
            } => write!(f, "error {code}: {message}"),
            MessageKind::Error {
                code,
                message: None,
            } => write!(f, "error {code}"),
        }
    }
}
