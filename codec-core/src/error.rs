//! What can go wrong while decoding or encoding a frame, and where.
//!
//! Both error types are `Copy`, format themselves without allocating and carry
//! the byte offset (within the frame) of the field that was wrong, plus the
//! expected and found values.

use core::fmt;

/// Why a frame could not be decoded.
///
/// Every variant says where the problem is, as a byte offset from the start of
/// the frame, and what was expected against what was found.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::{Decoder, Error};
///
/// // A prelude whose CRC (bytes 8..12) is wrong.
/// let bytes = [0, 0, 0, 16, 0, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0];
/// let err = Decoder::new().decode(&bytes).unwrap_err();
/// assert!(matches!(err, Error::PreludeChecksum { on_wire: 0xdeadbeef, .. }));
/// assert!(err.to_string().starts_with("prelude checksum mismatch"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Error {
    /// The prelude CRC (bytes 8..12) does not match the CRC of bytes 0..8.
    PreludeChecksum {
        /// CRC-32 computed over the first 8 bytes.
        computed: u32,
        /// CRC-32 stored in the frame.
        on_wire: u32,
    },
    /// `total_length` is below the 16 bytes every frame needs.
    MessageTooShort {
        /// The declared `total_length`.
        total_len: u32,
    },
    /// `total_length` is above [`Limits::max_message_len`](crate::Limits::max_message_len).
    MessageTooLong {
        /// The declared `total_length`.
        total_len: u32,
        /// The largest length allowed.
        max: u32,
    },
    /// `headers_length` does not fit in the frame: it is larger than
    /// `total_length - 16`, so the payload length would be negative.
    HeadersExceedFrame {
        /// The declared `headers_length`.
        headers_len: u32,
        /// The largest `headers_length` this frame could hold (`total_length - 16`).
        max: u32,
    },
    /// `headers_length` is above [`Limits::max_headers_len`](crate::Limits::max_headers_len).
    HeadersTooLong {
        /// The declared `headers_length`.
        headers_len: u32,
        /// The largest length allowed.
        max: u32,
    },
    /// The message CRC (the last 4 bytes) does not match the CRC of the rest of the frame.
    MessageChecksum {
        /// CRC-32 computed over bytes `0..total_length - 4`.
        computed: u32,
        /// CRC-32 stored in the frame.
        on_wire: u32,
        /// Offset of the stored CRC within the frame (`total_length - 4`).
        offset: usize,
    },
    /// A header field runs past the end of the header block.
    HeaderTruncated {
        /// Offset of the field within the frame.
        offset: usize,
        /// Which field was cut off.
        field: HeaderField,
        /// Bytes the field needs.
        needed: usize,
        /// Bytes left in the header block.
        available: usize,
    },
    /// A header name has length 0.
    HeaderNameEmpty {
        /// Offset of the name-length byte within the frame.
        offset: usize,
    },
    /// A header name is not valid UTF-8.
    HeaderNameNotUtf8 {
        /// Offset of the name within the frame.
        offset: usize,
        /// Length of the valid UTF-8 prefix of the name.
        valid_up_to: usize,
    },
    /// A header value type byte is not one of the ten the wire defines (0..=9).
    UnknownHeaderType {
        /// Offset of the type byte within the frame.
        offset: usize,
        /// The type byte found.
        type_byte: u8,
    },
    /// A string header value is not valid UTF-8.
    HeaderStringNotUtf8 {
        /// Offset of the string bytes within the frame.
        offset: usize,
        /// Length of the valid UTF-8 prefix of the value.
        valid_up_to: usize,
    },
    /// The header block is larger than a [`StreamDecoder`](crate::StreamDecoder)'s
    /// fixed header buffer (its `HEADER_CAPACITY`).
    HeadersExceedCapacity {
        /// The declared `headers_length`.
        headers_len: u32,
        /// The decoder's header capacity, in bytes.
        capacity: usize,
    },
    /// A header that says what kind of message a frame is, missing
    /// ([`MessageRef::kind`](crate::MessageRef::kind)).
    MissingHeader {
        /// The header's name.
        name: &'static str,
    },
    /// A header that says what kind of message a frame is, of the wrong type.
    HeaderWrongType {
        /// The header's name.
        name: &'static str,
        /// The type byte it must have.
        expected: u8,
        /// The type byte it has.
        found: u8,
    },
    /// A `:message-type` other than `event`, `exception` and `error`.
    UnknownMessageType {
        /// Offset of its value within the frame.
        offset: usize,
        /// Its length in bytes.
        len: usize,
    },
    /// Bytes follow a frame where the caller said there was exactly one
    /// (for example a signed frame's payload, which holds one inner frame).
    TrailingBytes {
        /// Bytes of the frame.
        frame_len: usize,
        /// Bytes after it.
        extra: usize,
    },
    /// The input ended inside a frame where the caller said it was complete
    /// (for example a signed frame's payload, or a whole file).
    Truncated {
        /// Bytes of the frame that were present.
        available: usize,
        /// Further bytes needed, at least.
        needed: usize,
    },
}

/// The field of a header that an [`Error::HeaderTruncated`] refers to.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::HeaderField;
/// assert_eq!(HeaderField::Value.to_string(), "value");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HeaderField {
    /// The 1-byte name length.
    NameLength,
    /// The name bytes.
    Name,
    /// The 1-byte value type.
    Type,
    /// The 2-byte length of a string or byte-array value.
    ValueLength,
    /// The value bytes.
    Value,
}

impl fmt::Display for HeaderField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HeaderField::NameLength => "name length",
            HeaderField::Name => "name",
            HeaderField::Type => "value type",
            HeaderField::ValueLength => "value length",
            HeaderField::Value => "value",
        })
    }
}

impl Error {
    /// Offset within the frame of the field that was wrong.
    ///
    /// ```
    /// use eventstream_core::Error;
    /// let err = Error::PreludeChecksum { computed: 1, on_wire: 2 };
    /// assert_eq!(err.offset(), 8);
    /// ```
    pub fn offset(&self) -> usize {
        match *self {
            Error::PreludeChecksum { .. } => 8,
            Error::MessageTooShort { .. } | Error::MessageTooLong { .. } => 0,
            Error::HeadersExceedFrame { .. }
            | Error::HeadersTooLong { .. }
            | Error::HeadersExceedCapacity { .. } => 4,
            Error::MessageChecksum { offset, .. }
            | Error::HeaderTruncated { offset, .. }
            | Error::HeaderNameEmpty { offset }
            | Error::HeaderNameNotUtf8 { offset, .. }
            | Error::UnknownHeaderType { offset, .. }
            | Error::HeaderStringNotUtf8 { offset, .. } => offset,
            Error::Truncated { available, .. } => available,
            Error::TrailingBytes { frame_len, .. } => frame_len,
            Error::UnknownMessageType { offset, .. } => offset,
            Error::MissingHeader { .. } | Error::HeaderWrongType { .. } => crate::wire::PRELUDE_LEN,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Error::PreludeChecksum { computed, on_wire } => write!(
                f,
                "prelude checksum mismatch at byte 8: computed {computed:#010x}, on the wire {on_wire:#010x}"
            ),
            Error::MessageTooShort { total_len } => write!(
                f,
                "total length {total_len} at byte 0 is below the 16-byte minimum frame"
            ),
            Error::MessageTooLong { total_len, max } => write!(
                f,
                "total length {total_len} at byte 0 exceeds the limit of {max} bytes"
            ),
            Error::HeadersExceedFrame { headers_len, max } => write!(
                f,
                "headers length {headers_len} at byte 4 does not fit in the frame (at most {max})"
            ),
            Error::HeadersTooLong { headers_len, max } => write!(
                f,
                "headers length {headers_len} at byte 4 exceeds the limit of {max} bytes"
            ),
            Error::MessageChecksum {
                computed,
                on_wire,
                offset,
            } => write!(
                f,
                "message checksum mismatch at byte {offset}: computed {computed:#010x}, on the wire {on_wire:#010x}"
            ),
            Error::HeaderTruncated {
                offset,
                field,
                needed,
                available,
            } => write!(
                f,
                "header {field} at byte {offset} runs past the header block: needs {needed} bytes, {available} left"
            ),
            Error::HeaderNameEmpty { offset } => {
                write!(f, "header name at byte {offset} is empty")
            }
            Error::HeaderNameNotUtf8 {
                offset,
                valid_up_to,
            } => write!(
                f,
                "header name at byte {offset} is not UTF-8 (valid up to {valid_up_to} bytes)"
            ),
            Error::UnknownHeaderType { offset, type_byte } => write!(
                f,
                "unknown header value type {type_byte} at byte {offset} (expected 0..=9)"
            ),
            Error::HeaderStringNotUtf8 {
                offset,
                valid_up_to,
            } => write!(
                f,
                "header string value at byte {offset} is not UTF-8 (valid up to {valid_up_to} bytes)"
            ),
            Error::HeadersExceedCapacity {
                headers_len,
                capacity,
            } => write!(
                f,
                "headers length {headers_len} at byte 4 exceeds this stream decoder's header capacity of {capacity} bytes"
            ),
            Error::MissingHeader { name } => {
                write!(
                    f,
                    "header {name} is missing from the header block at byte 12"
                )
            }
            Error::HeaderWrongType {
                name,
                expected,
                found,
            } => write!(
                f,
                "header {name} has type {found} ({}), expected {expected} ({})",
                crate::wire::type_name(found),
                crate::wire::type_name(expected)
            ),
            Error::UnknownMessageType { offset, len } => write!(
                f,
                "the {len}-byte :message-type at byte {offset} is not event, exception or error"
            ),
            Error::TrailingBytes { frame_len, extra } => write!(
                f,
                "{extra} bytes follow the {frame_len}-byte frame at byte {frame_len}, where one frame was expected"
            ),
            Error::Truncated { available, needed } => write!(
                f,
                "input ends inside a frame: {available} bytes present, at least {needed} more needed"
            ),
        }
    }
}

impl core::error::Error for Error {}

/// Why a frame could not be encoded.
///
/// ```
/// use eventstream_core::{encode, EncodeError, Header, HeaderValue};
///
/// let headers = [Header { name: "", value: HeaderValue::Bool(true) }];
/// let mut out = [0u8; 64];
/// assert_eq!(encode(&headers, b"", &mut out), Err(EncodeError::HeaderNameEmpty { index: 0 }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EncodeError {
    /// A header name is empty.
    HeaderNameEmpty {
        /// Position of the header in the slice.
        index: usize,
    },
    /// A header name is longer than 255 bytes.
    HeaderNameTooLong {
        /// Position of the header in the slice.
        index: usize,
        /// Length of the name in bytes.
        len: usize,
    },
    /// A string or byte-array value is longer than 32767 bytes (the spec's bound).
    HeaderValueTooLong {
        /// Position of the header in the slice.
        index: usize,
        /// Length of the value in bytes.
        len: usize,
    },
    /// The encoded header block is longer than the limit.
    HeadersTooLong {
        /// Length of the encoded header block.
        len: usize,
        /// The largest length allowed.
        max: u32,
    },
    /// The encoded frame is longer than the limit.
    MessageTooLong {
        /// Length of the encoded frame.
        len: usize,
        /// The largest length allowed.
        max: u32,
    },
    /// The output buffer cannot hold the frame.
    BufferTooSmall {
        /// Bytes the frame needs.
        needed: usize,
        /// Bytes the buffer has.
        available: usize,
    },
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            EncodeError::HeaderNameEmpty { index } => write!(f, "header {index} has an empty name"),
            EncodeError::HeaderNameTooLong { index, len } => {
                write!(f, "header {index} has a name of {len} bytes (at most 255)")
            }
            EncodeError::HeaderValueTooLong { index, len } => write!(
                f,
                "header {index} has a value of {len} bytes (at most {})",
                crate::wire::MAX_ENCODED_VALUE_LEN
            ),
            EncodeError::HeadersTooLong { len, max } => {
                write!(f, "header block of {len} bytes exceeds the limit of {max}")
            }
            EncodeError::MessageTooLong { len, max } => {
                write!(f, "frame of {len} bytes exceeds the limit of {max}")
            }
            EncodeError::BufferTooSmall { needed, available } => write!(
                f,
                "output buffer too small: the frame needs {needed} bytes, the buffer has {available}"
            ),
        }
    }
}

impl core::error::Error for EncodeError {}
