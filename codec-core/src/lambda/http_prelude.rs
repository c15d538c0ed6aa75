//! The HTTP-integration prelude: functions that stream an HTTP response for
//! function URLs (Node's `awslambda.HttpResponseStream.from`, Lambda Web
//! Adapter, Rust `lambda_http` streaming) start their payload with a JSON
//! metadata object (status code, headers, cookies) and 8 NUL bytes. The SDKs
//! hand it to callers as payload; this splitter takes it off, opt-in.

use crate::fixed::FixedBuf;
use crate::json::{JsonError, JsonObject, JsonStr, JsonValue};
use core::fmt;

/// The delimiter after the metadata.
const DELIMITER_LEN: usize = 8;

/// What the splitter yields: the metadata once (borrowed from the splitter),
/// then the body in pieces (borrowed from the input only, so they can be
/// kept across later calls).
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::lambda::{HttpPart, HttpPreludeSplitter};
///
/// let payload = b"{\"statusCode\":201,\"headers\":{\"x\":\"1\"}}\0\0\0\0\0\0\0\0body";
/// let mut splitter = HttpPreludeSplitter::<256>::new();
/// let mut body: Vec<&[u8]> = Vec::new(); // slices of `payload`, kept
/// for chunk in payload.chunks(5) {
///     let mut rest = &chunk[..];
///     while let (used, Some(part)) = splitter.push(rest)? {
///         rest = &rest[used..];
///         match part {
///             HttpPart::Metadata(meta) => assert_eq!(meta.status_code(), Some(201)),
///             HttpPart::Body(bytes) => body.push(bytes),
///         }
///     }
/// }
/// assert_eq!(body.concat(), b"body");
/// # Ok::<(), eventstream_core::lambda::HttpPreludeError>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub enum HttpPart<'meta, 'input> {
    /// The metadata object (borrowed from the splitter's buffer).
    Metadata(HttpMetadata<'meta>),
    /// A piece of the body, borrowed from the input.
    Body(&'input [u8]),
}

/// The metadata: status code, headers and cookies of the HTTP response.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::lambda::HttpPart;
/// let payload = br#"{"statusCode":200,"headers":{"a":"b"},"cookies":["c=d"]}"#;
/// let mut splitter = eventstream_core::lambda::HttpPreludeSplitter::<256>::new();
/// let (_, Some(HttpPart::Metadata(meta))) = splitter.push(&[&payload[..], &[0; 8]].concat()).unwrap() else { panic!() };
/// assert_eq!(meta.headers().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>(), [("a".into(), "b".into())]);
/// assert_eq!(meta.cookies().map(|c| c.to_string()).collect::<Vec<_>>(), ["c=d"]);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct HttpMetadata<'a> {
    object: JsonObject<'a>,
}

impl<'a> HttpMetadata<'a> {
    /// Parses the metadata JSON.
    pub(crate) fn parse(json: &'a [u8]) -> Result<Self, JsonError> {
        Ok(HttpMetadata {
            object: JsonObject::parse_bytes(json)?,
        })
    }

    /// `statusCode`, when it is an integer that fits an HTTP status.
    pub fn status_code(&self) -> Option<u16> {
        self.object.get("statusCode")?.as_number()?.parse().ok()
    }

    /// `headers`: name and value pairs whose value is a string.
    pub fn headers(&self) -> impl Iterator<Item = (JsonStr<'a>, JsonStr<'a>)> + 'a {
        let headers = match self.object.get("headers") {
            Some(JsonValue::Object(headers)) => Some(headers.members()),
            _ => None,
        };
        headers
            .into_iter()
            .flatten()
            .filter_map(|(name, value)| Some((name, value.as_str()?)))
    }

    /// `cookies`: the strings of the array.
    pub fn cookies(&self) -> impl Iterator<Item = JsonStr<'a>> + 'a {
        let cookies = match self.object.get("cookies") {
            Some(JsonValue::Array(cookies)) => Some(cookies.values()),
            _ => None,
        };
        cookies
            .into_iter()
            .flatten()
            .filter_map(|value| value.as_str())
    }
}

/// Why the HTTP-integration prelude could not be split off.
///
/// ```
/// use eventstream_core::lambda::{HttpPreludeError, HttpPreludeSplitter};
/// let mut splitter = HttpPreludeSplitter::<8>::new();
/// assert_eq!(splitter.push(b"{\"statusCode\":200}").unwrap_err(), HttpPreludeError::TooLarge { capacity: 8 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum HttpPreludeError {
    /// The metadata is longer than the splitter's capacity.
    TooLarge {
        /// The capacity, in bytes.
        capacity: usize,
    },
    /// The metadata is not a JSON object.
    Json(JsonError),
    /// A run of NUL bytes shorter than the 8-byte delimiter.
    BadDelimiter {
        /// Offset in the payload of the byte that broke the run.
        offset: usize,
    },
    /// The payload ended before the delimiter.
    Incomplete {
        /// Bytes of metadata received.
        received: usize,
    },
}

impl fmt::Display for HttpPreludeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HttpPreludeError::TooLarge { capacity } => {
                write!(f, "HTTP metadata longer than {capacity} bytes")
            }
            HttpPreludeError::Json(error) => write!(f, "HTTP metadata: {error}"),
            HttpPreludeError::BadDelimiter { offset } => {
                write!(
                    f,
                    "HTTP metadata delimiter broken at payload byte {offset}: expected 8 NUL bytes"
                )
            }
            HttpPreludeError::Incomplete { received } => {
                write!(
                    f,
                    "the payload ended inside the HTTP metadata ({received} bytes received)"
                )
            }
        }
    }
}

impl core::error::Error for HttpPreludeError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Metadata { zeros: usize },
    Body,
    Failed(HttpPreludeError),
}

/// Splits the HTTP-integration prelude off a response payload fed in pieces
/// of any size, in at most `CAPACITY` bytes of buffer (by default 8 KiB).
///
/// ```
/// use eventstream_core::lambda::{HttpPart, HttpPreludeSplitter};
/// let mut splitter = HttpPreludeSplitter::<1024>::new();
/// let input = b"{\"statusCode\":200}\0\0\0\0\0\0\0\0body";
/// let (used, Some(HttpPart::Metadata(meta))) = splitter.push(input).unwrap() else { panic!() };
/// assert_eq!(meta.status_code(), Some(200));
/// assert!(matches!(splitter.push(&input[used..]).unwrap(), (4, Some(HttpPart::Body(b"body")))));
/// ```
#[derive(Debug, Clone)]
pub struct HttpPreludeSplitter<const CAPACITY: usize = 8192> {
    metadata: FixedBuf<CAPACITY>,
    state: State,
    offset: usize,
}

impl<const CAPACITY: usize> Default for HttpPreludeSplitter<CAPACITY> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const CAPACITY: usize> HttpPreludeSplitter<CAPACITY> {
    /// A splitter waiting for the metadata.
    pub fn new() -> Self {
        HttpPreludeSplitter {
            metadata: FixedBuf::new(),
            state: State::Metadata { zeros: 0 },
            offset: 0,
        }
    }

    /// Consumes `input` up to the next part; `None` means all of it was
    /// consumed and more is needed. Call again with the rest after every part.
    pub fn push<'meta, 'input>(
        &'meta mut self,
        input: &'input [u8],
    ) -> Result<(usize, Option<HttpPart<'meta, 'input>>), HttpPreludeError> {
        let mut used = 0;
        loop {
            match self.state {
                State::Failed(error) => return Err(error),
                State::Body if input.is_empty() => return Ok((0, None)),
                State::Body => {
                    self.offset += input.len();
                    return Ok((input.len(), Some(HttpPart::Body(input))));
                }
                State::Metadata { zeros } => {
                    let Some(&byte) = input.get(used) else {
                        return Ok((used, None));
                    };
                    if zeros == 0 && byte != 0 {
                        // Take the run up to the next NUL in one copy.
                        let (_, rest) = input.split_at(used);
                        let run = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
                        let (text, _) = rest.split_at(run);
                        if !self.metadata.extend_from_slice(text) {
                            return self.fail(HttpPreludeError::TooLarge { capacity: CAPACITY });
                        }
                        used += run;
                        self.offset += run;
                        continue;
                    }
                    if byte != 0 {
                        return self.fail(HttpPreludeError::BadDelimiter {
                            offset: self.offset,
                        });
                    }
                    used += 1;
                    self.offset += 1;
                    if zeros + 1 < DELIMITER_LEN {
                        self.state = State::Metadata { zeros: zeros + 1 };
                        continue;
                    }
                    if let Err(error) = JsonObject::parse_bytes(self.metadata.as_slice()) {
                        return self.fail(HttpPreludeError::Json(error));
                    }
                    self.state = State::Body;
                    let metadata = HttpMetadata::parse(self.metadata.as_slice())
                        .map_err(HttpPreludeError::Json)?;
                    return Ok((used, Some(HttpPart::Metadata(metadata))));
                }
            }
        }
    }

    /// Call at the end of the payload: an error if it ended inside the metadata.
    ///
    /// ```
    /// let mut splitter = eventstream_core::lambda::HttpPreludeSplitter::<64>::new();
    /// splitter.push(b"{\"statusCode\"").unwrap();
    /// assert!(splitter.finish().is_err());
    /// ```
    pub fn finish(&self) -> Result<(), HttpPreludeError> {
        match self.state {
            State::Body => Ok(()),
            State::Failed(error) => Err(error),
            State::Metadata { .. } => Err(HttpPreludeError::Incomplete {
                received: self.offset,
            }),
        }
    }

    fn fail<T>(&mut self, error: HttpPreludeError) -> Result<T, HttpPreludeError> {
        self.state = State::Failed(error);
        Err(error)
    }
}
