//! Typed, zero-copy views of `InvokeWithResponseStream` events.

use crate::exception_message;
use crate::json::{JsonError, JsonObject, JsonStr, JsonValue};
use crate::{MessageKind, MessageRef};
use base64::Engine;
use core::fmt;

/// One event of a Lambda `InvokeWithResponseStream` response.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::lambda::ResponseEvent;
/// use eventstream_core::{Header, HeaderValue};
///
/// let frame = eventstream_core::encode_to_vec(&[Header::new(":event-type", HeaderValue::String("PayloadChunk"))], b"hello").unwrap();
/// let message = eventstream_core::Decoder::new().decode(&frame).unwrap().complete().unwrap();
/// match ResponseEvent::from_message(message) {
///     Ok(ResponseEvent::PayloadChunk(chunk)) => assert_eq!(chunk.payload(), b"hello"),
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Debug, Clone, Copy)]
pub enum ResponseEvent<'a> {
    /// A piece of the function's response stream.
    PayloadChunk(PayloadChunk<'a>),
    /// The last event: how the invocation ended.
    InvokeComplete(InvokeComplete<'a>),
    /// An event type this version does not know: kept, not refused.
    Unknown {
        /// The `:event-type` header.
        event_type: &'a str,
        /// The whole frame.
        message: MessageRef<'a>,
    },
}

/// `PayloadChunk { Payload }`: bytes the function wrote.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// # use eventstream_core::lambda::ResponseEvent;
/// # use eventstream_core::{Header, HeaderValue};
/// # let frame = eventstream_core::encode_to_vec(&[Header::new(":event-type", HeaderValue::String("PayloadChunk"))], b"x").unwrap();
/// # let message = eventstream_core::Decoder::new().decode(&frame).unwrap().complete().unwrap();
/// let ResponseEvent::PayloadChunk(chunk) = ResponseEvent::from_message(message).unwrap() else { panic!() };
/// assert_eq!(chunk.payload(), b"x");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PayloadChunk<'a> {
    payload: &'a [u8],
}

impl<'a> PayloadChunk<'a> {
    /// The bytes, borrowed from the frame.
    pub fn payload(&self) -> &'a [u8] {
        self.payload
    }
}

/// `InvokeComplete { ErrorCode, ErrorDetails, LogResult }`, borrowed from the
/// frame's JSON payload; absent and `null` members are `None`.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::lambda::ResponseEvent;
/// use eventstream_core::{Header, HeaderValue};
///
/// let json = br#"{"ErrorCode":"Unhandled","ErrorDetails":"boom","LogResult":"bG9n"}"#;
/// let frame = eventstream_core::encode_to_vec(&[Header::new(":event-type", HeaderValue::String("InvokeComplete"))], json).unwrap();
/// let message = eventstream_core::Decoder::new().decode(&frame).unwrap().complete().unwrap();
/// let ResponseEvent::InvokeComplete(done) = ResponseEvent::from_message(message).unwrap() else { panic!() };
/// assert_eq!(done.error_code().unwrap().to_string(), "Unhandled");
/// let mut log = [0u8; 16];
/// assert_eq!(done.decode_log_result(&mut log).unwrap(), Some(&b"log"[..]));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InvokeComplete<'a> {
    error_code: Option<JsonStr<'a>>,
    error_details: Option<JsonStr<'a>>,
    log_result: Option<JsonStr<'a>>,
}

impl<'a> InvokeComplete<'a> {
    /// Reads the JSON payload: empty or `{}` mean no fields; unknown members are skipped.
    ///
    /// ```
    /// use eventstream_core::lambda::InvokeComplete;
    /// assert_eq!(InvokeComplete::parse(b"").unwrap(), InvokeComplete::default());
    /// assert!(InvokeComplete::parse(br#"{"ErrorCode": 5}"#).is_err());
    /// ```
    pub fn parse(payload: &'a [u8]) -> Result<Self, JsonError> {
        if payload.iter().all(u8::is_ascii_whitespace) {
            return Ok(InvokeComplete::default());
        }
        let object = JsonObject::parse_bytes(payload)?;
        let field = |name: &str| match object.get(name) {
            None | Some(JsonValue::Null) => Ok(None),
            Some(JsonValue::String(text)) => Ok(Some(text)),
            Some(_) => Err(JsonError::Shape {
                expected: "a string or null in ErrorCode, ErrorDetails and LogResult",
            }),
        };
        Ok(InvokeComplete {
            error_code: field("ErrorCode")?,
            error_details: field("ErrorDetails")?,
            log_result: field("LogResult")?,
        })
    }

    /// `ErrorCode`: set when the function failed (`Unhandled`, for example).
    pub fn error_code(&self) -> Option<JsonStr<'a>> {
        self.error_code
    }

    /// `ErrorDetails`: the error message.
    pub fn error_details(&self) -> Option<JsonStr<'a>> {
        self.error_details
    }

    /// `LogResult`: the last 4 KB of the execution log, base64 (with `LogType: Tail`).
    pub fn log_result(&self) -> Option<JsonStr<'a>> {
        self.log_result
    }

    /// Decodes `LogResult` from base64 into `buf` by [`decode_log`]'s rule;
    /// `Ok(None)` when absent. `buf` needs 3 bytes for every 4 of base64.
    ///
    /// ```
    /// use eventstream_core::lambda::InvokeComplete;
    /// let done = InvokeComplete::parse(br#"{"LogResult":"aGVsbG8="}"#).unwrap();
    /// assert_eq!(done.decode_log_result(&mut [0; 8]).unwrap(), Some(&b"hello"[..]));
    /// ```
    pub fn decode_log_result<'b>(&self, buf: &'b mut [u8]) -> Result<Option<&'b [u8]>, JsonError> {
        self.log_result
            .map(|text| decode_log(text.chars(), buf))
            .transpose()
    }
}

/// What [`decode_log`] says of a `LogResult` that is not base64.
const NOT_BASE64: JsonError = JsonError::Shape {
    expected: "an object whose LogResult is base64",
};

/// Decodes a `LogResult`'s base64 text into `buf`, which needs 3 bytes for
/// every 4 of base64: the one rule for it, which the tool and the C ABI use
/// too. ASCII whitespace is skipped, as MIME decoders do, so that a log
/// re-wrapped at 76 columns by a proxy or a recorded fixture still decodes;
/// any other character outside the standard alphabet, or a length that is
/// not a multiple of 4, is [`JsonError::Shape`]. A `buf` too small is
/// [`JsonError::BufferTooSmall`], with a size that is enough.
///
/// ```
/// use eventstream_core::lambda::{decode_log, JsonError};
/// assert_eq!(decode_log("aGVs\nbG8=".chars(), &mut [0; 8]).unwrap(), b"hello");
/// assert_eq!(decode_log("aGVsbG8=".chars(), &mut [0; 2]), Err(JsonError::BufferTooSmall { needed: 6 }));
/// assert!(matches!(decode_log("not base64!".chars(), &mut [0; 64]), Err(JsonError::Shape { .. })));
/// ```
pub fn decode_log(
    text: impl IntoIterator<Item = char>,
    buf: &mut [u8],
) -> Result<&[u8], JsonError> {
    // Four characters at a time, without a second buffer.
    let mut quad = [0u8; 4];
    let (mut filled, mut written) = (0, 0);
    let mut chars = text.into_iter().filter(|c| !c.is_ascii_whitespace());
    while let Some(c) = chars.next() {
        quad[filled] = u8::try_from(c).map_err(|_| NOT_BASE64)?;
        filled += 1;
        if filled == 4 {
            let out = buf.get_mut(written..).unwrap_or_default();
            written += match base64::engine::general_purpose::STANDARD.decode_slice(quad, out) {
                Ok(len) => len,
                Err(base64::DecodeSliceError::OutputSliceTooSmall) => {
                    // Enough for the rest: 3 bytes for every 4 characters.
                    let needed = written + (4 + chars.count()) / 4 * 3;
                    return Err(JsonError::BufferTooSmall { needed });
                }
                Err(base64::DecodeSliceError::DecodeError(_)) => return Err(NOT_BASE64),
            };
            filled = 0;
        }
    }
    if filled != 0 {
        return Err(NOT_BASE64);
    }
    Ok(buf.get(..written).unwrap_or_default())
}

/// A frame that is not an event: an error the service sent mid-stream, or a
/// frame this reader cannot interpret.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::lambda::ResponseEvent;
/// use eventstream_core::{Header, HeaderValue};
/// let frame = eventstream_core::encode_to_vec(&[
///     Header::new(":message-type", HeaderValue::String("exception")),
///     Header::new(":exception-type", HeaderValue::String("ServiceException")),
/// ], br#"{"message":"try again"}"#).unwrap();
/// let message = eventstream_core::Decoder::new().decode(&frame).unwrap().complete().unwrap();
/// let err = ResponseEvent::from_message(message).unwrap_err();
/// assert_eq!(err.to_string(), "ServiceException: try again");
/// ```
#[derive(Clone, Copy)]
pub enum StreamError<'a> {
    /// `:message-type` `exception`: a modelled error, typed by `:exception-type`.
    Exception {
        /// The `:exception-type` header.
        exception_type: &'a str,
        /// `message` (or `Message`) from the JSON body, when there is one.
        message: Option<JsonStr<'a>>,
        /// The raw body.
        payload: &'a [u8],
    },
    /// `:message-type` `error`: an unmodelled error, from `:error-code` and `:error-message`.
    Error {
        /// The `:error-code` header.
        code: &'a str,
        /// The `:error-message` header, when there is one.
        message: Option<&'a str>,
    },
    /// A frame that cannot be read as an event.
    Malformed {
        /// What is wrong with it.
        reason: Malformed,
        /// The whole frame.
        frame: MessageRef<'a>,
    },
}

/// What is wrong with a [`StreamError::Malformed`] frame.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::lambda::Malformed;
/// use eventstream_core::Error;
/// let reason = Malformed::Kind(Error::MissingHeader { name: ":event-type" });
/// assert_eq!(reason.to_string(), "header :event-type is missing from the header block at byte 12");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Malformed {
    /// The frame is not an event, an exception or an error
    /// ([`MessageRef::kind`] says which header is missing or wrong).
    Kind(crate::Error),
    /// The `InvokeComplete` JSON body is invalid.
    InvokeCompleteJson(JsonError),
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Malformed::Kind(error) => error.fmt(f),
            Malformed::InvokeCompleteJson(error) => write!(f, "InvokeComplete payload: {error}"),
        }
    }
}

impl fmt::Display for StreamError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StreamError::Exception {
                exception_type,
                message: Some(message),
                ..
            } => write!(f, "{exception_type}: {message}"),
            StreamError::Exception {
                exception_type,
                payload,
                ..
            } => {
                write!(
                    f,
                    "{exception_type}: {}",
                    core::str::from_utf8(payload).unwrap_or("(binary payload)")
                )
            }
            StreamError::Error {
                code,
                message: Some(message),
            } => write!(f, "{code}: {message}"),
            StreamError::Error {
                code,
                message: None,
            } => f.write_str(code),
            StreamError::Malformed { reason, .. } => write!(f, "malformed frame: {reason}"),
        }
    }
}

impl core::error::Error for StreamError<'_> {}

/// Short: what the service said and how long the frame is, not its bytes.
impl fmt::Debug for StreamError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StreamError::Exception {
                exception_type,
                message,
                payload,
            } => f
                .debug_struct("Exception")
                .field("exception_type", exception_type)
                .field("message", message)
                .field("payload_len", &payload.len())
                .finish(),
            StreamError::Error { code, message } => f
                .debug_struct("Error")
                .field("code", code)
                .field("message", message)
                .finish(),
            StreamError::Malformed { reason, frame } => f
                .debug_struct("Malformed")
                .field("reason", reason)
                .field("frame_len", &frame.len())
                .finish(),
        }
    }
}

impl<'a> ResponseEvent<'a> {
    /// Interprets a frame by its [`kind`](MessageRef::kind), tolerant the way
    /// the AWS SDKs are: header order does not matter, unknown headers are
    /// ignored, a missing `:message-type` means `event`, `:content-type` is
    /// not required, and an unknown `:event-type` is
    /// [`ResponseEvent::Unknown`], not an error.
    #[allow(clippy::result_large_err)] // the error carries the frame it is about, by value: `Copy`, no allocation
    #[inline]
    pub fn from_message(message: MessageRef<'a>) -> Result<ResponseEvent<'a>, StreamError<'a>> {
        // A block the decoder knew: its event type without a walk, as bytes.
        if let Some(event_type) = message.known_event_type() {
            if let Some(event) = Self::known(message, event_type)? {
                return Ok(event);
            }
        }
        let event_type = match message.kind() {
            Ok(MessageKind::Event { event_type }) => event_type,
            Ok(MessageKind::Exception { exception_type }) => {
                return Err(StreamError::Exception {
                    exception_type,
                    message: exception_message(message.payload()),
                    payload: message.payload(),
                });
            }
            Ok(MessageKind::Error { code, message }) => {
                return Err(StreamError::Error { code, message });
            }
            Err(error) => return Err(malformed(message, Malformed::Kind(error))),
        };
        Ok(match Self::known(message, event_type.as_bytes())? {
            Some(event) => event,
            None => ResponseEvent::Unknown {
                event_type,
                message,
            },
        })
    }

    /// The event of a type this crate knows, `None` for any other.
    #[inline(always)]
    #[allow(clippy::result_large_err)] // as `from_message`
    fn known(message: MessageRef<'a>, event_type: &[u8]) -> Result<Option<Self>, StreamError<'a>> {
        // `==`, not a `match` on byte-string patterns: those compare a byte
        // at a time (24 instructions for `PayloadChunk`), `==` a word at a time.
        Ok(Some(if event_type == b"PayloadChunk" {
            ResponseEvent::PayloadChunk(PayloadChunk {
                payload: message.payload(),
            })
        } else if event_type == b"InvokeComplete" {
            ResponseEvent::InvokeComplete(
                InvokeComplete::parse(message.payload())
                    .map_err(|e| malformed(message, Malformed::InvokeCompleteJson(e)))?,
            )
        } else {
            return Ok(None);
        }))
    }
}

/// The error for a frame that is not a well-formed event.
fn malformed(frame: MessageRef<'_>, reason: Malformed) -> StreamError<'_> {
    StreamError::Malformed { reason, frame }
}
