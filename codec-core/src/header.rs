//! Headers: the typed name/value pairs between the prelude and the payload.
//!
//! ```text
//! header := u8 name_len | name (UTF-8, 1..=255 bytes) | u8 type | value
//! ```
//!
//! The header block is validated once, when a frame is decoded; after that
//! [`Headers`] walks it without being able to fail.

use crate::Error;
use crate::error::HeaderField;
use core::fmt;

/// Longest string or byte-array value the encoder writes (the spec's bound).
/// The decoder accepts up to 65535, everything the length field can say.
pub const MAX_ENCODED_VALUE_LEN: usize = i16::MAX as usize;
/// Longest header name, in bytes.
pub const MAX_NAME_LEN: usize = u8::MAX as usize;

/// The wire's type bytes, in order.
pub(crate) mod type_byte {
    pub(crate) const TRUE: u8 = 0;
    pub(crate) const FALSE: u8 = 1;
    pub(crate) const BYTE: u8 = 2;
    pub(crate) const INT16: u8 = 3;
    pub(crate) const INT32: u8 = 4;
    pub(crate) const INT64: u8 = 5;
    pub(crate) const BYTE_ARRAY: u8 = 6;
    pub(crate) const STRING: u8 = 7;
    pub(crate) const TIMESTAMP: u8 = 8;
    pub(crate) const UUID: u8 = 9;
}

/// One header: a name and a typed value, both borrowed from the frame.
///
/// ```
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
    /// ```
    /// use eventstream_core::{Header, HeaderValue};
    /// let header = Header::new(":message-type", HeaderValue::String("event"));
    /// assert_eq!(header.name, ":message-type");
    /// ```
    pub const fn new(name: &'a str, value: HeaderValue<'a>) -> Self {
        Header { name, value }
    }

    /// Bytes this header takes on the wire.
    ///
    /// ```
    /// use eventstream_core::{Header, HeaderValue};
    /// assert_eq!(Header::new("n", HeaderValue::Int32(7)).encoded_len(), 1 + 1 + 1 + 4);
    /// ```
    pub const fn encoded_len(&self) -> usize {
        1 + self.name.len() + self.value.encoded_len()
    }
}

/// A header value: the wire has ten types (true and false are two of them).
///
/// ```
/// use eventstream_core::HeaderValue;
/// let value = HeaderValue::Timestamp(1_700_000_000_000);
/// assert_eq!((value.type_byte(), value.type_name()), (8, "timestamp"));
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

    /// A short lower-case name for the type, as the Smithy spec writes it.
    ///
    /// ```
    /// use eventstream_core::HeaderValue;
    /// assert_eq!(HeaderValue::ByteArray(b"x").type_name(), "byte_array");
    /// ```
    pub const fn type_name(&self) -> &'static str {
        match self {
            HeaderValue::Bool(_) => "boolean",
            HeaderValue::Byte(_) => "byte",
            HeaderValue::Int16(_) => "short",
            HeaderValue::Int32(_) => "integer",
            HeaderValue::Int64(_) => "long",
            HeaderValue::ByteArray(_) => "byte_array",
            HeaderValue::String(_) => "string",
            HeaderValue::Timestamp(_) => "timestamp",
            HeaderValue::Uuid(_) => "uuid",
        }
    }

    /// Bytes this value takes on the wire, its type byte included.
    ///
    /// ```
    /// use eventstream_core::HeaderValue;
    /// assert_eq!(HeaderValue::String("abc").encoded_len(), 1 + 2 + 3);
    /// ```
    pub const fn encoded_len(&self) -> usize {
        1 + match self {
            HeaderValue::Bool(_) => 0,
            HeaderValue::Byte(_) => 1,
            HeaderValue::Int16(_) => 2,
            HeaderValue::Int32(_) => 4,
            HeaderValue::Int64(_) | HeaderValue::Timestamp(_) => 8,
            HeaderValue::ByteArray(bytes) => 2 + bytes.len(),
            HeaderValue::String(text) => 2 + text.len(),
            HeaderValue::Uuid(_) => 16,
        }
    }

    /// The text of a `String` value.
    ///
    /// ```
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

    /// The bytes of a `ByteArray` or `String` value.
    ///
    /// ```
    /// use eventstream_core::HeaderValue;
    /// assert_eq!(HeaderValue::ByteArray(b"\x01").as_bytes(), Some(&b"\x01"[..]));
    /// ```
    pub const fn as_bytes(&self) -> Option<&'a [u8]> {
        match self {
            HeaderValue::ByteArray(bytes) => Some(bytes),
            HeaderValue::String(text) => Some(text.as_bytes()),
            _ => None,
        }
    }

    /// Any integer value (byte, short, integer, long, timestamp) widened to i64.
    ///
    /// ```
    /// use eventstream_core::HeaderValue;
    /// assert_eq!(HeaderValue::Int16(-2).as_i64(), Some(-2));
    /// ```
    pub const fn as_i64(&self) -> Option<i64> {
        match *self {
            HeaderValue::Byte(v) => Some(v as i64),
            HeaderValue::Int16(v) => Some(v as i64),
            HeaderValue::Int32(v) => Some(v as i64),
            HeaderValue::Int64(v) | HeaderValue::Timestamp(v) => Some(v),
            _ => None,
        }
    }

    /// Writes the type byte and the value; `out` must hold [`encoded_len`](Self::encoded_len) bytes.
    pub(crate) fn write(&self, out: &mut Cursor<'_>) {
        out.put(&[self.type_byte()]);
        match self {
            HeaderValue::Bool(_) => {}
            HeaderValue::Byte(v) => out.put(&v.to_be_bytes()),
            HeaderValue::Int16(v) => out.put(&v.to_be_bytes()),
            HeaderValue::Int32(v) => out.put(&v.to_be_bytes()),
            HeaderValue::Int64(v) | HeaderValue::Timestamp(v) => out.put(&v.to_be_bytes()),
            HeaderValue::ByteArray(bytes) => out.put_prefixed(bytes),
            HeaderValue::String(text) => out.put_prefixed(text.as_bytes()),
            HeaderValue::Uuid(uuid) => out.put(uuid),
        }
    }
}

impl fmt::Display for HeaderValue<'_> {
    /// Numbers as decimal, strings as they are, byte arrays as hex, UUIDs in the 8-4-4-4-12 form.
    ///
    /// ```
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

/// The headers of a decoded frame, in wire order.
///
/// The header block was validated when the frame was decoded, so iterating
/// cannot fail.
///
/// ```
/// use eventstream_core::{Decoder, Header, HeaderValue, Status};
///
/// let frame = eventstream_core::encode_to_vec(
///     &[Header::new("a", HeaderValue::Int32(1)), Header::new("b", HeaderValue::Bool(true))],
///     b"",
/// ).unwrap();
/// let Status::Complete(msg) = Decoder::new().decode(&frame).unwrap() else { unreachable!() };
/// let names: Vec<&str> = msg.headers().map(|h| h.name).collect();
/// assert_eq!(names, ["a", "b"]);
/// ```
#[derive(Clone)]
pub struct Headers<'a> {
    rest: &'a [u8],
}

impl<'a> Headers<'a> {
    /// Headers over a header block that has already passed [`validate`].
    pub(crate) fn new(block: &'a [u8]) -> Self {
        Headers { rest: block }
    }

    /// The raw header bytes not yet iterated.
    ///
    /// ```
    /// # use eventstream_core::{Decoder, Header, HeaderValue, Status};
    /// # let frame = eventstream_core::encode_to_vec(&[Header::new("a", HeaderValue::Bool(true))], b"").unwrap();
    /// # let Status::Complete(msg) = Decoder::new().decode(&frame).unwrap() else { unreachable!() };
    /// assert_eq!(msg.headers().as_bytes(), &[1, b'a', 0]);
    /// ```
    pub fn as_bytes(&self) -> &'a [u8] {
        self.rest
    }
}

impl<'a> Iterator for Headers<'a> {
    type Item = Header<'a>;

    #[inline]
    fn next(&mut self) -> Option<Header<'a>> {
        if self.rest.is_empty() {
            return None;
        }
        // The block was validated at decode, so this cannot fail; if it ever
        // did, ending the iteration is the only answer that cannot panic.
        match split_header(self.rest, 0) {
            Ok((header, rest)) => {
                self.rest = rest;
                Some(header)
            }
            Err(_) => {
                self.rest = &[];
                None
            }
        }
    }
}

impl core::iter::FusedIterator for Headers<'_> {}

impl fmt::Debug for Headers<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

/// Checks every header of a block; `offset` is the block's position in the frame.
/// Returns the number of headers.
#[inline]
pub(crate) fn validate(mut block: &[u8], mut offset: usize) -> Result<usize, Error> {
    let mut count = 0;
    while !block.is_empty() {
        let (_, rest) = split_header(block, offset)?;
        offset += block.len() - rest.len();
        block = rest;
        count += 1;
    }
    Ok(count)
}

/// The value of the first header named `name`, comparing raw name bytes so
/// that only the matching header's value is converted.
#[inline]
pub(crate) fn find<'a>(mut block: &'a [u8], name: &str) -> Option<HeaderValue<'a>> {
    while !block.is_empty() {
        let raw = split_raw(block, 0).ok()?;
        if raw.name == name.as_bytes() {
            return raw.value(0).ok();
        }
        block = raw.rest;
    }
    None
}

/// Splits one header off the front of `block`; `offset` is `block`'s position in the frame.
#[inline]
pub(crate) fn split_header(block: &[u8], offset: usize) -> Result<(Header<'_>, &[u8]), Error> {
    let raw = split_raw(block, offset)?;
    let name_offset = offset + 1;
    let name = core::str::from_utf8(raw.name).map_err(|e| Error::HeaderNameNotUtf8 {
        offset: name_offset,
        valid_up_to: e.valid_up_to(),
    })?;
    let value = raw.value(name_offset + raw.name.len())?;
    Ok((Header { name, value }, raw.rest))
}

/// A header cut out of the block but not yet converted: no UTF-8 check done.
struct RawHeader<'a> {
    name: &'a [u8],
    type_byte: u8,
    value: &'a [u8],
    rest: &'a [u8],
}

impl<'a> RawHeader<'a> {
    /// Converts the value bytes; `type_offset` is the type byte's position in the frame.
    #[inline]
    fn value(&self, type_offset: usize) -> Result<HeaderValue<'a>, Error> {
        use type_byte::*;
        let v = self.value;
        Ok(match self.type_byte {
            TRUE => HeaderValue::Bool(true),
            FALSE => HeaderValue::Bool(false),
            BYTE => HeaderValue::Byte(i8::from_be_bytes(fixed(v)?)),
            INT16 => HeaderValue::Int16(i16::from_be_bytes(fixed(v)?)),
            INT32 => HeaderValue::Int32(i32::from_be_bytes(fixed(v)?)),
            INT64 => HeaderValue::Int64(i64::from_be_bytes(fixed(v)?)),
            TIMESTAMP => HeaderValue::Timestamp(i64::from_be_bytes(fixed(v)?)),
            UUID => HeaderValue::Uuid(fixed(v)?),
            BYTE_ARRAY => HeaderValue::ByteArray(v),
            STRING => HeaderValue::String(core::str::from_utf8(v).map_err(|e| {
                Error::HeaderStringNotUtf8 {
                    offset: type_offset + 3,
                    valid_up_to: e.valid_up_to(),
                }
            })?),
            type_byte => {
                return Err(Error::UnknownHeaderType {
                    offset: type_offset,
                    type_byte,
                });
            }
        })
    }
}

/// The value bytes as an array; `split_raw` already cut exactly `N` bytes.
#[inline]
fn fixed<const N: usize>(bytes: &[u8]) -> Result<[u8; N], Error> {
    bytes.try_into().map_err(|_| Error::Truncated {
        available: bytes.len(),
        needed: N,
    })
}

/// Bytes a value of `type_byte` takes after the type byte, for fixed-size types.
#[inline]
fn fixed_len(type_byte: u8) -> Option<usize> {
    use type_byte::*;
    match type_byte {
        TRUE | FALSE => Some(0),
        BYTE => Some(1),
        INT16 => Some(2),
        INT32 => Some(4),
        INT64 | TIMESTAMP => Some(8),
        UUID => Some(16),
        _ => None,
    }
}

/// Cuts the name, type byte and value bytes of one header, checking only lengths and the type.
#[inline]
fn split_raw(block: &[u8], offset: usize) -> Result<RawHeader<'_>, Error> {
    let truncated = |rest: &[u8], field, needed| Error::HeaderTruncated {
        offset: offset + (block.len() - rest.len()),
        field,
        needed,
        available: rest.len(),
    };
    let Some((&name_len, rest)) = block.split_first() else {
        return Err(truncated(block, HeaderField::NameLength, 1));
    };
    if name_len == 0 {
        return Err(Error::HeaderNameEmpty { offset });
    }
    let Some((name, rest)) = rest.split_at_checked(name_len as usize) else {
        return Err(truncated(rest, HeaderField::Name, name_len as usize));
    };
    let Some((&type_byte, rest)) = rest.split_first() else {
        return Err(truncated(rest, HeaderField::Type, 1));
    };
    let value_len = match fixed_len(type_byte) {
        Some(len) => len,
        None if type_byte == type_byte::BYTE_ARRAY || type_byte == type_byte::STRING => {
            let Some((len, after)) = rest.split_first_chunk::<2>() else {
                return Err(truncated(rest, HeaderField::ValueLength, 2));
            };
            let len = u16::from_be_bytes(*len) as usize;
            let Some((value, after)) = after.split_at_checked(len) else {
                return Err(truncated(after, HeaderField::Value, len));
            };
            return Ok(RawHeader {
                name,
                type_byte,
                value,
                rest: after,
            });
        }
        None => {
            return Err(Error::UnknownHeaderType {
                offset: offset + 1 + name.len(),
                type_byte,
            });
        }
    };
    let Some((value, rest)) = rest.split_at_checked(value_len) else {
        return Err(truncated(rest, HeaderField::Value, value_len));
    };
    Ok(RawHeader {
        name,
        type_byte,
        value,
        rest,
    })
}

/// A write position in an output buffer that the caller has sized beforehand.
///
/// Writes past the end are dropped rather than panicking; the encoder checks
/// the size first, so none happen.
pub(crate) struct Cursor<'a> {
    buf: &'a mut [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(buf: &'a mut [u8]) -> Self {
        Cursor { buf, pos: 0 }
    }

    #[inline]
    pub(crate) fn put(&mut self, bytes: &[u8]) {
        let end = self.pos + bytes.len();
        if let Some(dst) = self.buf.get_mut(self.pos..end) {
            dst.copy_from_slice(bytes);
        }
        self.pos = end;
    }

    /// Writes a u16 length and the bytes; the caller checked the length fits.
    #[inline]
    pub(crate) fn put_prefixed(&mut self, bytes: &[u8]) {
        self.put(&(bytes.len() as u16).to_be_bytes());
        self.put(bytes);
    }

    pub(crate) fn position(&self) -> usize {
        self.pos
    }
}
