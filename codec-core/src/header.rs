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
    #[inline]
    pub(crate) fn write(&self, out: &mut Cursor<'_>) {
        let type_byte = self.type_byte();
        match self {
            HeaderValue::ByteArray(bytes) => out.put_prefixed(type_byte, bytes),
            HeaderValue::String(text) => out.put_prefixed(type_byte, text.as_bytes()),
            HeaderValue::Bool(_) => out.put(&[type_byte]),
            HeaderValue::Byte(v) => out.put(&[type_byte, v.to_be_bytes()[0]]),
            HeaderValue::Int16(v) => out.put_typed(type_byte, &v.to_be_bytes()),
            HeaderValue::Int32(v) => out.put_typed(type_byte, &v.to_be_bytes()),
            HeaderValue::Int64(v) | HeaderValue::Timestamp(v) => {
                out.put_typed(type_byte, &v.to_be_bytes())
            }
            HeaderValue::Uuid(uuid) => out.put_typed(type_byte, uuid),
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
    block: Block<'a>,
    pos: usize,
}

impl<'a> Headers<'a> {
    /// Headers over a header block that has already passed [`validate`].
    pub(crate) fn new(block: Block<'a>) -> Self {
        Headers { block, pos: 0 }
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
        self.block.bytes.get(self.pos..).unwrap_or_default()
    }

    /// The value of the first header called `name` among those not yet iterated.
    ///
    /// ```
    /// # use eventstream_core::{Decoder, Header, HeaderValue, Status};
    /// # let frame = eventstream_core::encode_to_vec(&[Header::new("a", HeaderValue::Int32(5))], b"").unwrap();
    /// # let Status::Complete(msg) = Decoder::new().decode(&frame).unwrap() else { unreachable!() };
    /// assert_eq!(msg.headers().get("a"), Some(HeaderValue::Int32(5)));
    /// ```
    pub fn get(&self, name: &str) -> Option<HeaderValue<'a>> {
        let rest = Block {
            bytes: self.as_bytes(),
            text: self.block.text.and_then(|t| t.get(self.pos..)),
        };
        find(&rest, name)
    }
}

impl<'a> Iterator for Headers<'a> {
    type Item = Header<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<Header<'a>> {
        if self.pos >= self.block.bytes.len() {
            return None;
        }
        // The block was validated at decode, so this cannot fail; if it ever
        // did, ending the iteration is the only answer that cannot panic.
        let split = match self.block.text {
            Some(text) => fast_split(&Block::known_text(text), self.pos),
            None => fast_split(&self.block, self.pos),
        };
        match split {
            Some((header, next)) => {
                self.pos = next;
                Some(header)
            }
            None => {
                self.pos = usize::MAX;
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

/// A header block, with a text view of it when the whole block is valid UTF-8.
///
/// Names and string values are then taken from the text view with
/// `str::get`, which checks two char boundaries instead of re-validating the
/// bytes: one UTF-8 pass per block (the fast ASCII path, as length and type
/// bytes are ASCII too) instead of one per string, at decode and again at
/// every iteration. Blocks holding non-UTF-8 bytes (binary values, large
/// integers) fall back to checking each string on its own.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Block<'a> {
    bytes: &'a [u8],
    text: Option<&'a str>,
}

impl<'a> Block<'a> {
    #[inline]
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Block {
            bytes,
            text: core::str::from_utf8(bytes).ok(),
        }
    }

    /// A block known to be text: passed to an inlined walk, the compiler
    /// drops the checks that only a block holding non-UTF-8 bytes needs.
    #[inline(always)]
    fn known_text(text: &'a str) -> Self {
        Block {
            bytes: text.as_bytes(),
            text: Some(text),
        }
    }

    #[inline]
    pub(crate) fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The text of bytes `start..end` of the block, if they are UTF-8.
    #[inline(always)]
    fn str_in(&self, start: usize, end: usize) -> Option<&'a str> {
        match self.text {
            // Inside valid UTF-8, a range is valid exactly when both ends are char boundaries.
            Some(text) => text.get(start..end),
            None => core::str::from_utf8(self.bytes.get(start..end)?).ok(),
        }
    }

    /// Whether bytes `start..end` of the block exist and are UTF-8.
    #[inline(always)]
    fn is_text(&self, start: usize, end: usize) -> bool {
        self.str_in(start, end).is_some()
    }

    /// The text of `bytes` (a sub-slice of this block starting at `start`).
    #[inline]
    fn str_at(&self, start: usize, bytes: &'a [u8]) -> Result<&'a str, core::str::Utf8Error> {
        if let Some(text) = self.text.and_then(|t| t.get(start..start + bytes.len())) {
            return Ok(text);
        }
        core::str::from_utf8(bytes)
    }
}

/// Checks every header of a block; `offset` is the block's position in the frame.
/// Returns the number of headers. Out of line: the whole-frame decoder calls
/// it only for blocks it has not just seen ([`KnownBlock`](crate::known_block::KnownBlock)),
/// and keeping it out of the decode loop leaves that loop small enough to inline.
#[inline(never)]
pub(crate) fn validate(block: &Block<'_>, offset: usize) -> Result<usize, Error> {
    let mut pos = 0;
    let mut count = 0;
    while pos < block.bytes.len() {
        pos = match fast_skip(block, pos) {
            Some(next) => next,
            None => precise_split(block, pos, offset)?.1,
        };
        count += 1;
    }
    Ok(count)
}

/// Checks the header at `pos` as [`fast_split`] does, without building it:
/// lengths, the type byte, and that names and strings are UTF-8.
#[inline(always)]
fn fast_skip(block: &Block<'_>, pos: usize) -> Option<usize> {
    let bytes = block.bytes;
    let name_len = *bytes.get(pos)? as usize;
    let type_pos = pos + 1 + name_len;
    if name_len == 0 || !block.is_text(pos + 1, type_pos) {
        return None;
    }
    let type_byte = *bytes.get(type_pos)?;
    let at = type_pos + 1;
    let end = match type_byte {
        type_byte::STRING | type_byte::BYTE_ARRAY => {
            let len = u16::from_be_bytes(*bytes.get(at..)?.first_chunk::<2>()?) as usize;
            let (start, end) = (at + 2, at + 2 + len);
            if type_byte == type_byte::STRING && !block.is_text(start, end) {
                return None;
            }
            end
        }
        other => at + fixed_len(other)?,
    };
    (end <= bytes.len()).then_some(end)
}

/// The value of the first header named `name`, comparing raw name bytes so
/// that only the matching header's value is converted.
#[inline]
pub(crate) fn find<'a>(block: &Block<'a>, name: &str) -> Option<HeaderValue<'a>> {
    let mut pos = 0;
    while pos < block.bytes.len() {
        let raw = split_raw(block.bytes.get(pos..)?, 0).ok()?;
        if raw.name == name.as_bytes() {
            let value_pos = pos + 1 + raw.name.len() + 1 + raw.prefix_len();
            return raw.value(block, value_pos, 0).ok();
        }
        pos = block.bytes.len() - raw.rest.len();
    }
    None
}

/// One header, straight-line: every check is a bounds check that returns `None`.
#[inline(always)]
fn fast_split<'a>(block: &Block<'a>, pos: usize) -> Option<(Header<'a>, usize)> {
    use type_byte::*;
    let bytes = block.bytes;
    let name_len = *bytes.get(pos)? as usize;
    if name_len == 0 {
        return None;
    }
    let type_pos = pos + 1 + name_len;
    let name = block.str_in(pos + 1, type_pos)?;
    let type_byte = *bytes.get(type_pos)?;
    let at = type_pos + 1;
    // Strings first, with a plain branch: every service's `:message-type`,
    // `:event-type` and `:content-type` are strings, and a jump table over
    // ten types costs more than this test on the common case.
    if type_byte == STRING || type_byte == BYTE_ARRAY {
        let len = u16::from_be_bytes(*bytes.get(at..)?.first_chunk::<2>()?) as usize;
        let (start, end) = (at + 2, at + 2 + len);
        let value = if type_byte == STRING {
            HeaderValue::String(block.str_in(start, end)?)
        } else {
            HeaderValue::ByteArray(bytes.get(start..end)?)
        };
        return Some((Header { name, value }, end));
    }
    let fixed = |n: usize| bytes.get(at..at + n);
    let (value, end) = match type_byte {
        TRUE => (HeaderValue::Bool(true), at),
        FALSE => (HeaderValue::Bool(false), at),
        BYTE => (
            HeaderValue::Byte(i8::from_be_bytes(fixed(1)?.try_into().ok()?)),
            at + 1,
        ),
        INT16 => (
            HeaderValue::Int16(i16::from_be_bytes(fixed(2)?.try_into().ok()?)),
            at + 2,
        ),
        INT32 => (
            HeaderValue::Int32(i32::from_be_bytes(fixed(4)?.try_into().ok()?)),
            at + 4,
        ),
        INT64 => (
            HeaderValue::Int64(i64::from_be_bytes(fixed(8)?.try_into().ok()?)),
            at + 8,
        ),
        TIMESTAMP => (
            HeaderValue::Timestamp(i64::from_be_bytes(fixed(8)?.try_into().ok()?)),
            at + 8,
        ),
        UUID => (HeaderValue::Uuid(fixed(16)?.try_into().ok()?), at + 16),
        _ => return None,
    };
    Some((Header { name, value }, end))
}

/// The same header as [`fast_split`], field by field, naming the first field
/// that is wrong; `offset` is the block's position in the frame.
#[cold]
#[inline(never)]
fn precise_split<'a>(
    block: &Block<'a>,
    pos: usize,
    offset: usize,
) -> Result<(Header<'a>, usize), Error> {
    let bytes = block.bytes.get(pos..).unwrap_or_default();
    let raw = split_raw(bytes, offset + pos)?;
    let name = block
        .str_at(pos + 1, raw.name)
        .map_err(|e| Error::HeaderNameNotUtf8 {
            offset: offset + pos + 1,
            valid_up_to: e.valid_up_to(),
        })?;
    let value_pos = pos + 1 + raw.name.len() + 1 + raw.prefix_len();
    let value = raw.value(block, value_pos, offset)?;
    Ok((Header { name, value }, block.bytes.len() - raw.rest.len()))
}

/// A header cut out of the block but not yet converted: no UTF-8 check done.
struct RawHeader<'a> {
    name: &'a [u8],
    type_byte: u8,
    value: &'a [u8],
    rest: &'a [u8],
}

impl<'a> RawHeader<'a> {
    /// Bytes of the length prefix before the value: 2 for strings and byte arrays.
    #[inline]
    fn prefix_len(&self) -> usize {
        match self.type_byte {
            type_byte::BYTE_ARRAY | type_byte::STRING => 2,
            _ => 0,
        }
    }

    /// Converts the value bytes, which start at `value_pos` in `block`;
    /// `offset` is the block's position in the frame.
    #[inline]
    fn value(
        &self,
        block: &Block<'a>,
        value_pos: usize,
        offset: usize,
    ) -> Result<HeaderValue<'a>, Error> {
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
            STRING => HeaderValue::String(block.str_at(value_pos, v).map_err(|e| {
                Error::HeaderStringNotUtf8 {
                    offset: offset + value_pos,
                    valid_up_to: e.valid_up_to(),
                }
            })?),
            type_byte => {
                return Err(Error::UnknownHeaderType {
                    offset: offset + value_pos - 1,
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
            copy_short(dst, bytes);
        }
        self.pos = end;
    }

    /// Writes a type byte, a u16 length and the bytes; the caller checked the length fits.
    #[inline]
    pub(crate) fn put_prefixed(&mut self, type_byte: u8, bytes: &[u8]) {
        let [high, low] = (bytes.len() as u16).to_be_bytes();
        self.put(&[type_byte, high, low]);
        self.put(bytes);
    }

    /// Writes a type byte and a fixed-size value.
    #[inline]
    pub(crate) fn put_typed<const N: usize>(&mut self, type_byte: u8, value: &[u8; N]) {
        self.put(&[type_byte]);
        self.put(value);
    }

    pub(crate) fn position(&self) -> usize {
        self.pos
    }
}

/// `dst.copy_from_slice(src)` (equal lengths), without a `memcpy` call for
/// the short names and values headers hold: two overlapping fixed-size
/// moves cover any length from N to 2N.
#[inline(always)]
pub(crate) fn copy_short(dst: &mut [u8], src: &[u8]) {
    fn overlapping<const N: usize>(dst: &mut [u8], src: &[u8]) {
        if let (Some(d), Some(s)) = (dst.first_chunk_mut::<N>(), src.first_chunk::<N>()) {
            *d = *s;
        }
        if let (Some(d), Some(s)) = (dst.last_chunk_mut::<N>(), src.last_chunk::<N>()) {
            *d = *s;
        }
    }
    match src.len() {
        4..=8 => overlapping::<4>(dst, src),
        9..=16 => overlapping::<8>(dst, src),
        17..=32 => overlapping::<16>(dst, src),
        _ => dst.copy_from_slice(src),
    }
}

#[cfg(test)]
mod tests {
    use super::copy_short;

    #[test]
    fn copy_short_copies_every_length() {
        let src: [u8; 64] = core::array::from_fn(|i| i as u8 ^ 0x5a);
        for len in 0..=src.len() {
            let mut dst = [0xffu8; 64];
            copy_short(&mut dst[..len], &src[..len]);
            assert_eq!(dst[..len], src[..len], "length {len}");
            assert!(
                dst[len..].iter().all(|&b| b == 0xff),
                "length {len} wrote past the end"
            );
        }
    }
}
