//! The public value types of headers: [`Header`] and [`HeaderValue`].

use crate::wire::{PREFIX_LEN, fixed_width, type_byte};
use core::fmt;

/// One header: a name and a typed value, both borrowed from the frame.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::{Header, HeaderValue};
/// let header = Header { name: ":event-type", value: HeaderValue::String("PayloadChunk") };
/// assert_eq!(header.value.as_str(), Some("PayloadChunk"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Header<'a> {
    /// The header name (1..=255 bytes of UTF-8).
    pub name: &'a str,
    /// The typed value.
    pub value: HeaderValue<'a>,
}

impl<'a> Header<'a> {
    /// A header from a name and a value.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// use eventstream_core::{Header, HeaderValue};
    /// let header = Header::new(":message-type", HeaderValue::String("event"));
    /// assert_eq!(header.name, ":message-type");
    /// ```
    pub const fn new(name: &'a str, value: HeaderValue<'a>) -> Self {
        Header { name, value }
    }

    /// Bytes this header takes on the wire.
    pub(crate) const fn encoded_len(&self) -> usize {
        1 + self.name.len() + self.value.encoded_len()
    }
}

/// A header value: the wire has ten types (true and false are two of them).
///
/// `From` conversions make values from plain Rust ones, so comparisons read
/// naturally:
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::HeaderValue;
/// let value = HeaderValue::Timestamp(1_700_000_000_000);
/// assert_eq!(eventstream_core::HEADER_TYPE_NAMES[usize::from(value.type_byte())], "timestamp");
/// assert_eq!(Some(HeaderValue::String("chunk")), Some("chunk".into()));
/// assert_eq!(HeaderValue::from(7i32), HeaderValue::Int32(7));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeaderValue<'a> {
    /// Types 0 (true) and 1 (false).
    Bool(bool),
    /// Type 2: a signed byte.
    Byte(i8),
    /// Type 3: a big-endian i16.
    Int16(i16),
    /// Type 4: a big-endian i32.
    Int32(i32),
    /// Type 5: a big-endian i64.
    Int64(i64),
    /// Type 6: bytes with a u16 length prefix.
    ByteArray(&'a [u8]),
    /// Type 7: UTF-8 with a u16 length prefix.
    String(&'a str),
    /// Type 8: milliseconds since the Unix epoch, big-endian i64.
    Timestamp(i64),
    /// Type 9: 16 bytes.
    Uuid([u8; 16]),
}

impl<'a> HeaderValue<'a> {
    /// The type byte written on the wire.
    ///
    /// ```
    /// use eventstream_core::HeaderValue;
    /// assert_eq!(HeaderValue::Bool(false).type_byte(), 1);
    /// ```
    pub const fn type_byte(&self) -> u8 {
        match self {
            HeaderValue::Bool(true) => type_byte::TRUE,
            HeaderValue::Bool(false) => type_byte::FALSE,
            HeaderValue::Byte(_) => type_byte::BYTE,
            HeaderValue::Int16(_) => type_byte::INT16,
            HeaderValue::Int32(_) => type_byte::INT32,
            HeaderValue::Int64(_) => type_byte::INT64,
            HeaderValue::ByteArray(_) => type_byte::BYTE_ARRAY,
            HeaderValue::String(_) => type_byte::STRING,
            HeaderValue::Timestamp(_) => type_byte::TIMESTAMP,
            HeaderValue::Uuid(_) => type_byte::UUID,
        }
    }

    /// Bytes this value takes on the wire, its type byte included.
    pub(crate) const fn encoded_len(&self) -> usize {
        1 + match self {
            HeaderValue::ByteArray(bytes) => PREFIX_LEN + bytes.len(),
            HeaderValue::String(text) => PREFIX_LEN + text.len(),
            other => match fixed_width(other.type_byte()) {
                Some(width) => width,
                None => 0, // every other variant has a fixed width
            },
        }
    }

    /// The text of a `String` value.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// use eventstream_core::HeaderValue;
    /// assert_eq!(HeaderValue::String("event").as_str(), Some("event"));
    /// assert_eq!(HeaderValue::Int32(1).as_str(), None);
    /// ```
    pub const fn as_str(&self) -> Option<&'a str> {
        match self {
            HeaderValue::String(text) => Some(text),
            _ => None,
        }
    }
}

/// Implements `From<$ty>` for `HeaderValue` with the given variant.
macro_rules! value_from {
    ($($ty:ty => $variant:ident),* $(,)?) => {
        $(impl<'a> From<$ty> for HeaderValue<'a> {
            fn from(value: $ty) -> Self {
                HeaderValue::$variant(value)
            }
        })*
    };
}

value_from!(
    bool => Bool,
    i8 => Byte,
    i16 => Int16,
    i32 => Int32,
    i64 => Int64,
    &'a [u8] => ByteArray,
    &'a str => String,
    [u8; 16] => Uuid,
);

impl fmt::Display for HeaderValue<'_> {
    /// Numbers as decimal, strings as they are, byte arrays as hex, UUIDs in the 8-4-4-4-12 form.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// use eventstream_core::HeaderValue;
    /// assert_eq!(HeaderValue::ByteArray(&[0xca, 0xfe]).to_string(), "cafe");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderValue::Bool(v) => write!(f, "{v}"),
            HeaderValue::Byte(v) => write!(f, "{v}"),
            HeaderValue::Int16(v) => write!(f, "{v}"),
            HeaderValue::Int32(v) => write!(f, "{v}"),
            HeaderValue::Int64(v) | HeaderValue::Timestamp(v) => write!(f, "{v}"),
            HeaderValue::String(text) => f.write_str(text),
            HeaderValue::ByteArray(bytes) => bytes.iter().try_for_each(|b| write!(f, "{b:02x}")),
            HeaderValue::Uuid(uuid) => {
                for (i, b) in uuid.iter().enumerate() {
                    if matches!(i, 4 | 6 | 8 | 10) {
                        f.write_str("-")?;
                    }
                    write!(f, "{b:02x}")?;
                }
                Ok(())
            }
        }
    }
}
