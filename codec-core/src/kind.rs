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
        // `:message-type` is compared as bytes, never made a `&str`: it is
        // one of three words, or wrong.
        let message_type = match self.header_raw(MESSAGE_TYPE) {
            None => b"event".as_slice(),
            Some((type_byte::STRING, value)) => value,
            Some((found, _)) => {
                return Err(Error::HeaderWrongType {
                    name: MESSAGE_TYPE,
                    expected: type_byte::STRING,
                    found,
                });
            }
        };
        match message_type {
            b"event" => Ok(MessageKind::Event {
                event_type: required(EVENT_TYPE, self.header(EVENT_TYPE))?,
            }),
            b"exception" => Ok(MessageKind::Exception {
                exception_type: required(EXCEPTION_TYPE, self.header(EXCEPTION_TYPE))?,
            }),
            b"error" => {
                let [code, message] = self.header_values([ERROR_CODE, ERROR_MESSAGE]);
                Ok(MessageKind::Error {
                    code: required(ERROR_CODE, code)?,
                    message: string(ERROR_MESSAGE, message)?,
                })
            }
            other => Err(Error::UnknownMessageType {
                len: other.len(),
                offset: self.offset_of(other),
            }),
        }
    }
}

/// The text of a header that must be a string when present.
fn string<'a>(
    name: &'static str,
    value: Option<HeaderValue<'a>>,
) -> Result<Option<&'a str>, Error> {
    match value {
        None => Ok(None),
        Some(HeaderValue::String(text)) => Ok(Some(text)),
        Some(other) => Err(Error::HeaderWrongType {
            name,
            expected: type_byte::STRING,
            found: other.type_byte(),
        }),
    }
}

/// The text of a header that must be there, a string.
fn required<'a>(name: &'static str, value: Option<HeaderValue<'a>>) -> Result<&'a str, Error> {
    string(name, value)?.ok_or(Error::MissingHeader { name })
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
