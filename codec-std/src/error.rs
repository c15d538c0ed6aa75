//! Errors of the std layer: I/O, decoding, encoding and a stream that ends inside a frame.

use std::fmt;
use std::io;

/// Why reading or writing a stream failed.
///
/// ```
/// use eventstream::Error;
/// let err = Error::UnexpectedEof { buffered: 5, needed: 11 };
/// assert_eq!(err.to_string(), "stream ended inside a frame: 5 bytes buffered, at least 11 more needed");
/// let io: std::io::Error = err.into();
/// assert_eq!(io.kind(), std::io::ErrorKind::UnexpectedEof);
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The underlying reader or writer failed.
    Io(io::Error),
    /// The bytes are not a valid frame (see [`eventstream_core::Error`] for what and where).
    Decode(eventstream_core::Error),
    /// A frame could not be encoded.
    Encode(eventstream_core::EncodeError),
    /// The stream ended inside a frame: nothing is silently dropped.
    UnexpectedEof {
        /// Bytes of the partial frame that were buffered.
        buffered: usize,
        /// Further bytes the frame needed, at least.
        needed: usize,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(error) => write!(f, "I/O error: {error}"),
            Error::Decode(error) => write!(f, "invalid frame: {error}"),
            Error::Encode(error) => write!(f, "cannot encode frame: {error}"),
            Error::UnexpectedEof { buffered, needed } => write!(
                f,
                "stream ended inside a frame: {buffered} bytes buffered, at least {needed} more needed"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(error) => Some(error),
            Error::Decode(error) => Some(error),
            Error::Encode(error) => Some(error),
            Error::UnexpectedEof { .. } => None,
        }
    }
}

impl From<io::Error> for Error {
    fn from(error: io::Error) -> Self {
        Error::Io(error)
    }
}

impl From<eventstream_core::Error> for Error {
    fn from(error: eventstream_core::Error) -> Self {
        Error::Decode(error)
    }
}

impl From<eventstream_core::EncodeError> for Error {
    fn from(error: eventstream_core::EncodeError) -> Self {
        Error::Encode(error)
    }
}

impl From<Error> for io::Error {
    fn from(error: Error) -> Self {
        match error {
            Error::Io(error) => error,
            Error::UnexpectedEof { .. } => io::Error::new(io::ErrorKind::UnexpectedEof, error),
            Error::Decode(_) | Error::Encode(_) => {
                io::Error::new(io::ErrorKind::InvalidData, error)
            }
        }
    }
}
