//! The crate's one error type, as the real crate's: made by the decoder,
//! the encoder, and the SDK's marshallers and unmarshallers.

use aws_smithy_types::DateTime;
use std::fmt;

/// Why a frame could not be read or written, or a message could not be
/// marshalled or unmarshalled.
///
/// ```
/// use aws_smithy_eventstream::error::Error;
/// let error = Error::unmarshalling("no such event");
/// assert_eq!(error.to_string(), "failed to unmarshall message: no such event");
/// assert!(!error.is_invalid_message());
/// ```
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Debug)]
pub(crate) enum ErrorKind {
    /// Bytes that are not a valid frame: what and where, from the core.
    Decode(eventstream_core::Error),
    /// A buffer that ends inside the frame `read_message_from` was given.
    Truncated {
        available: usize,
        frame_len: usize,
    },
    /// A message the format cannot carry.
    Encode(eventstream_core::EncodeError),
    /// A timestamp header outside the format's milliseconds (an `i64`).
    TimestampValueTooLarge(DateTime),
    Marshalling(String),
    Unmarshalling(String),
}

impl Error {
    /// An error marshalling a Smithy shape into a message.
    ///
    /// ```
    /// let error = aws_smithy_eventstream::error::Error::marshalling("bad shape");
    /// assert!(error.is_invalid_message());
    /// ```
    pub fn marshalling(message: impl Into<String>) -> Self {
        ErrorKind::Marshalling(message.into()).into()
    }

    /// An error unmarshalling a message into a Smithy shape.
    ///
    /// ```
    /// let error = aws_smithy_eventstream::error::Error::unmarshalling("unknown event");
    /// assert!(error.to_string().contains("unknown event"));
    /// ```
    pub fn unmarshalling(message: impl Into<String>) -> Self {
        ErrorKind::Unmarshalling(message.into()).into()
    }

    /// Whether the error came from making a message (one the format cannot
    /// carry, or a shape that could not be marshalled), not from reading one.
    ///
    /// ```
    /// use aws_smithy_eventstream::frame::read_message_from;
    /// assert!(!read_message_from(&b"not a frame, not at all"[..]).unwrap_err().is_invalid_message());
    /// ```
    pub fn is_invalid_message(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Encode(_) | ErrorKind::TimestampValueTooLarge(_) | ErrorKind::Marshalling(_)
        )
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error { kind }
    }
}

impl From<eventstream_core::Error> for Error {
    fn from(error: eventstream_core::Error) -> Self {
        ErrorKind::Decode(error).into()
    }
}

impl From<eventstream_core::EncodeError> for Error {
    fn from(error: eventstream_core::EncodeError) -> Self {
        ErrorKind::Encode(error).into()
    }
}

/// The whole story in one line: `source()` is `None`, as the real crate's.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Decode(error) => write!(f, "invalid event stream frame: {error}"),
            ErrorKind::Truncated {
                available,
                frame_len,
            } => write!(
                f,
                "invalid message length: the buffer ends inside the frame ({available} of its {frame_len} bytes)"
            ),
            ErrorKind::Encode(error) => write!(f, "cannot encode the message: {error}"),
            ErrorKind::TimestampValueTooLarge(time) => write!(
                f,
                "timestamp value {time:?} is too large to fit into an i64"
            ),
            ErrorKind::Marshalling(error) => write!(f, "failed to marshall message: {error}"),
            ErrorKind::Unmarshalling(error) => write!(f, "failed to unmarshall message: {error}"),
        }
    }
}

impl std::error::Error for Error {}
