//! Errors of the std layer: I/O, decoding, encoding, a stream that ends
//! inside a frame, and input that is not an event stream at all.

use crate::DecodeError;
use std::fmt;
use std::io;

/// Why reading or writing a stream failed.
///
/// `Display` says everything, the cause included, and `source()` is `None`:
/// an error reporter that walks sources prints each cause once.
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
    /// The bytes are not a valid frame (see [`DecodeError`] for what and where).
    Decode(DecodeError),
    /// A frame could not be encoded.
    Encode(eventstream_core::EncodeError),
    /// The stream ended inside a frame: nothing is silently dropped.
    UnexpectedEof {
        /// Bytes of the partial frame that were buffered.
        buffered: usize,
        /// Further bytes the frame needed, at least.
        needed: usize,
    },
    /// An `exception` or `error` frame, read where an event was expected
    /// (by [`Events`](crate::Events) or the Lambda readers).
    Service(crate::ServiceError),
    /// A Lambda response stream ended cleanly between frames but before
    /// `InvokeComplete`: the response was cut short (botocore ends silently
    /// here; this does not).
    MissingInvokeComplete {
        /// `PayloadChunk` events read before the end.
        chunks: u64,
    },
    /// A Lambda event whose payload is not what its type requires (an
    /// `InvokeComplete` that is not a JSON object, say where and why).
    MalformedEvent(eventstream_core::lambda::Malformed),
    /// The first event of the stream is not `initial-response`, or there is
    /// none (`read_initial_response`, as botocore's `get_initial_response`).
    NoInitialResponse {
        /// The `:event-type` of the event read instead, if any.
        event_type: Option<String>,
    },
    /// The stream's first bytes are text, not a frame: an HTTP error body,
    /// a capture with its HTTP headers, base64. Says what it looks like.
    NotEventStream {
        /// What the input looks like.
        looks_like: LooksLike,
        /// The first bytes, as text (at most 32 characters, escaped).
        starts_with: String,
        /// The decode error the first frame got.
        error: DecodeError,
    },
}

/// What input that is not an event stream looks like, judged by its first bytes.
///
/// ```
/// use eventstream::{Error, LooksLike, Reader};
/// let input = b"{\"message\":\"denied\"}";
/// let error = Reader::new(&input[..]).read_message().unwrap_err();
/// assert!(matches!(error, Error::NotEventStream { looks_like: LooksLike::Json, .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LooksLike {
    /// `HTTP/1.1 …`: a response captured with its status line and headers (`curl -i`).
    HttpResponse,
    /// A JSON document, typically an AWS error body.
    Json,
    /// An HTML page.
    Html,
    /// An XML document, typically an AWS error body.
    Xml,
    /// Base64 text, perhaps an event stream encoded once more.
    Base64,
    /// Other printable text.
    Text,
}

impl LooksLike {
    /// Judges the first bytes of an input; `None` when they are not text.
    /// Any frame's first byte is 0 for frames under 16 MiB, so event streams
    /// are never taken for text.
    pub(crate) fn sniff(head: &[u8]) -> Option<LooksLike> {
        let head = &head[..head.len().min(64)];
        let printable = |b: &u8| b.is_ascii_graphic() || b.is_ascii_whitespace();
        if head.len() < 4 || !head.iter().all(printable) {
            return None;
        }
        let text = head.trim_ascii_start();
        let lower = text.to_ascii_lowercase();
        Some(if text.starts_with(b"HTTP/") {
            LooksLike::HttpResponse
        } else if text.starts_with(b"{") || text.starts_with(b"[") {
            LooksLike::Json
        } else if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
            LooksLike::Html
        } else if text.starts_with(b"<") {
            LooksLike::Xml
        } else if text
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"+/=\r\n".contains(&b))
        {
            LooksLike::Base64
        } else {
            LooksLike::Text
        })
    }
}

/// What it is and what to do about it, for an error message.
///
/// ```
/// assert!(eventstream::LooksLike::HttpResponse.to_string().contains("without -i"));
/// ```
impl fmt::Display for LooksLike {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LooksLike::HttpResponse => {
                "an HTTP response with its status line and headers: strip them (curl without -i)"
            }
            LooksLike::Json => {
                "a JSON document, likely an error body: check the HTTP status and content type"
            }
            LooksLike::Html => "an HTML page: check the URL, the HTTP status and content type",
            LooksLike::Xml => {
                "an XML document, likely an error body: check the HTTP status and content type"
            }
            LooksLike::Base64 => "base64 text: decode it first (base64 -d)",
            LooksLike::Text => "text: check the HTTP status and content type",
        })
    }
}

impl Error {
    /// A decode error of a stream whose first bytes were `head` (`None` past
    /// the first frame): [`Error::NotEventStream`] when they are text.
    pub(crate) fn from_decode(error: Error, head: Option<&[u8]>) -> Error {
        match (error, head) {
            (Error::Decode(decode), Some(head)) => Error::from_first_frame(decode, head),
            (error, _) => error,
        }
    }

    /// The error for a stream whose first frame failed to decode, judged by
    /// the stream's first bytes: [`Error::NotEventStream`] when they are
    /// text, [`Error::Decode`] otherwise.
    fn from_first_frame(error: DecodeError, head: &[u8]) -> Error {
        match LooksLike::sniff(head) {
            Some(looks_like) => Error::NotEventStream {
                looks_like,
                starts_with: head
                    .iter()
                    .take(32)
                    .flat_map(|&b| std::ascii::escape_default(b))
                    .map(char::from)
                    .collect(),
                error,
            },
            None => Error::Decode(error),
        }
    }
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
            Error::Service(error) => write!(f, "the service sent an error: {error}"),
            Error::MissingInvokeComplete { chunks } => write!(
                f,
                "the response stream ended without InvokeComplete, after {chunks} PayloadChunk events: it was cut short"
            ),
            Error::MalformedEvent(reason) => write!(f, "malformed event: {reason}"),
            Error::NoInitialResponse { event_type: None } => {
                f.write_str("no initial-response: the stream has no event")
            }
            Error::NoInitialResponse {
                event_type: Some(event_type),
            } => write!(f, "no initial-response: the first event is {event_type}"),
            Error::NotEventStream {
                looks_like,
                starts_with,
                error,
            } => write!(
                f,
                "not an event stream: it starts with \"{starts_with}\", {} ({error})",
                looks_like
            ),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(error: io::Error) -> Self {
        Error::Io(error)
    }
}

impl From<DecodeError> for Error {
    fn from(error: DecodeError) -> Self {
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
            Error::UnexpectedEof { .. } | Error::MissingInvokeComplete { .. } => {
                io::Error::new(io::ErrorKind::UnexpectedEof, error)
            }
            Error::Decode(_)
            | Error::Encode(_)
            | Error::NotEventStream { .. }
            | Error::MalformedEvent(_)
            | Error::NoInitialResponse { .. } => io::Error::new(io::ErrorKind::InvalidData, error),
            Error::Service(_) => io::Error::other(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LooksLike;

    #[test]
    fn sniffs_what_text_looks_like() {
        let cases: [(&[u8], Option<LooksLike>); 8] = [
            (b"HTTP/1.1 200 OK\r\n", Some(LooksLike::HttpResponse)),
            (b"{\"message\":\"denied\"}", Some(LooksLike::Json)),
            (b"<!DOCTYPE html><html>", Some(LooksLike::Html)),
            (b"<Error><Code>", Some(LooksLike::Xml)),
            (b"AAAAPQAAACCJ", Some(LooksLike::Base64)),
            (b"Access denied.", Some(LooksLike::Text)),
            (&[0, 0, 0, 16], None),
            (b"ab", None),
        ];
        for (head, expected) in cases {
            assert_eq!(LooksLike::sniff(head), expected, "{head:?}");
        }
    }
}
