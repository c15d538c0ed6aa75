//! Headers: the typed name/value pairs between the prelude and the payload,
//! and the one definition of their grammar.
//!
//! ```text
//! header := u8 name_len | name (UTF-8, 1..=255 bytes) | u8 type | value
//! value  := nothing (0 true, 1 false) | 1, 2, 4, 8 bytes (2 i8, 3 i16, 4 i32, 5 i64)
//!         | u16 len + bytes (6 bytes, 7 UTF-8) | 8 bytes (8 timestamp) | 16 bytes (9 uuid)
//! ```
//!
//! [`read_header`] is that grammar, and the only code that reads a header:
//! validation at decode, iteration, lookup by name and the streaming decoder
//! all call it, so they cannot disagree. A header block is validated once,
//! when its frame is decoded; after that [`Headers`] walks it without being
//! able to fail.

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

/// What follows each type byte, indexed by it: the fixed width of the value,
/// or [`PREFIXED`] for the two types with a u16 length first. The one table
/// of the value layout, for decoding and encoding.
const WIDTHS: [u8; 10] = [0, 0, 1, 2, 4, 8, PREFIXED, PREFIXED, 8, 16];
/// In [`WIDTHS`]: a value with a u16 length prefix (byte array, string).
const PREFIXED: u8 = u8::MAX;

/// Bytes a value of a fixed-size type takes after its type byte; `None` for
/// the two length-prefixed types and for unknown types.
#[inline(always)]
pub(crate) const fn fixed_width(type_byte: u8) -> Option<usize> {
    match type_byte as usize {
        i if i < WIDTHS.len() && WIDTHS[i] != PREFIXED => Some(WIDTHS[i] as usize),
        _ => None,
    }
}

/// The Smithy name of a type byte, `unknown` for bytes above 9.
pub(crate) const fn type_name(type_byte: u8) -> &'static str {
    use type_byte::*;
    match type_byte {
        TRUE | FALSE => "boolean",
        BYTE => "byte",
        INT16 => "short",
        INT32 => "integer",
        INT64 => "long",
        BYTE_ARRAY => "byte_array",
        STRING => "string",
        TIMESTAMP => "timestamp",
        UUID => "uuid",
        _ => "unknown",
    }
}

/// Bytes of the length prefix of byte-array and string values.
const PREFIX_LEN: usize = 2;

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
/// `From` conversions make values from plain Rust ones, so comparisons read
/// naturally:
///
/// ```
/// use eventstream_core::HeaderValue;
/// let value = HeaderValue::Timestamp(1_700_000_000_000);
/// assert_eq!((value.type_byte(), value.type_name()), (8, "timestamp"));
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

    /// A short lower-case name for the type, as the Smithy spec writes it.
    ///
    /// ```
    /// use eventstream_core::HeaderValue;
    /// assert_eq!(HeaderValue::ByteArray(b"x").type_name(), "byte_array");
    /// ```
    pub const fn type_name(&self) -> &'static str {
        type_name(self.type_byte())
    }

    /// Bytes this value takes on the wire, its type byte included.
    ///
    /// ```
    /// use eventstream_core::HeaderValue;
    /// assert_eq!(HeaderValue::String("abc").encoded_len(), 1 + 2 + 3);
    /// ```
    pub const fn encoded_len(&self) -> usize {
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

    /// The value of a `Bool`.
    ///
    /// ```
    /// use eventstream_core::HeaderValue;
    /// assert_eq!(HeaderValue::Bool(true).as_bool(), Some(true));
    /// assert_eq!(HeaderValue::Byte(1).as_bool(), None);
    /// ```
    pub const fn as_bool(&self) -> Option<bool> {
        match *self {
            HeaderValue::Bool(value) => Some(value),
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

    /// A `Timestamp` in milliseconds since the Unix epoch.
    ///
    /// ```
    /// use eventstream_core::HeaderValue;
    /// assert_eq!(HeaderValue::Timestamp(1_700_000_000_000).as_timestamp_millis(), Some(1_700_000_000_000));
    /// assert_eq!(HeaderValue::Int64(5).as_timestamp_millis(), None);
    /// ```
    pub const fn as_timestamp_millis(&self) -> Option<i64> {
        match *self {
            HeaderValue::Timestamp(millis) => Some(millis),
            _ => None,
        }
    }

    /// A `Timestamp` as a `SystemTime` (feature `std`), before the epoch too.
    ///
    /// ```
    /// use eventstream_core::HeaderValue;
    /// use std::time::{Duration, UNIX_EPOCH};
    /// let time = HeaderValue::Timestamp(1_500).as_timestamp().unwrap();
    /// assert_eq!(time, UNIX_EPOCH + Duration::from_millis(1_500));
    /// assert_eq!(HeaderValue::Timestamp(-1).as_timestamp(), UNIX_EPOCH.checked_sub(Duration::from_millis(1)));
    /// ```
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn as_timestamp(&self) -> Option<std::time::SystemTime> {
        let millis = self.as_timestamp_millis()?;
        let offset = core::time::Duration::from_millis(millis.unsigned_abs());
        if millis >= 0 {
            std::time::UNIX_EPOCH.checked_add(offset)
        } else {
            std::time::UNIX_EPOCH.checked_sub(offset)
        }
    }

    /// The 16 bytes of a `Uuid`.
    ///
    /// ```
    /// use eventstream_core::HeaderValue;
    /// assert_eq!(HeaderValue::Uuid([7; 16]).as_uuid(), Some([7; 16]));
    /// ```
    pub const fn as_uuid(&self) -> Option<[u8; 16]> {
        match *self {
            HeaderValue::Uuid(uuid) => Some(uuid),
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
    block: &'a [u8],
    pos: usize,
    text: Text<'a>,
}

impl<'a> Headers<'a> {
    /// Headers over a block that passed [`validate`].
    #[inline]
    pub(crate) fn new(block: ValidBlock<'a>) -> Self {
        Headers {
            block: block.bytes,
            pos: 0,
            text: Text::EMPTY,
        }
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
        let (_, rest) = self.block.split_at(self.pos.min(self.block.len()));
        rest
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
        self.clone()
            .find(|header| header.name == name)
            .map(|h| h.value)
    }
}

impl<'a> Iterator for Headers<'a> {
    type Item = Header<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<Header<'a>> {
        if self.pos >= self.block.len() {
            return None;
        }
        // The block passed `validate`, which is this same function over the
        // same bytes: it cannot fail here. `ok()?` rather than a panic, as a
        // decoder must never panic.
        let (header, next) = read_header(self.block, self.pos, &mut self.text, 0).ok()?;
        self.pos = next;
        Some(header)
    }
}

impl core::iter::FusedIterator for Headers<'_> {}

impl fmt::Debug for Headers<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

/// A header block that passed [`validate`]: reading it cannot fail.
/// Equal when the bytes are.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ValidBlock<'a> {
    bytes: &'a [u8],
    /// Where the value of `:event-type` is, when the block is an event's
    /// and the decoder remembered the block (see `known_block`): what
    /// [`kind`](crate::MessageRef::kind) would find, without its walk.
    event_type_at: Option<(u8, u8)>,
}

impl PartialEq for ValidBlock<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}

impl Eq for ValidBlock<'_> {}

impl core::hash::Hash for ValidBlock<'_> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.bytes.hash(state);
    }
}

impl<'a> ValidBlock<'a> {
    #[inline]
    pub(crate) fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The block, with where its event type is (`start`, `len`), as found
    /// in an identical block before.
    #[inline]
    pub(crate) fn with_event_type_at(self, event_type_at: Option<(u8, u8)>) -> Self {
        ValidBlock {
            event_type_at,
            ..self
        }
    }

    /// Where the `:event-type` value is (`start`, `len`), if known.
    #[cfg(feature = "bytes")]
    #[inline]
    pub(crate) fn event_type_at(&self) -> Option<(u8, u8)> {
        self.event_type_at
    }

    /// The bytes of the `:event-type` value, if the block came with where it is.
    #[inline]
    pub(crate) fn remembered_event_type(&self) -> Option<&'a [u8]> {
        let (start, len) = self.event_type_at?;
        let start = usize::from(start);
        self.bytes.get(start..start + usize::from(len))
    }

    /// Position in the block of `part`, a slice of it.
    pub(crate) fn offset_of(&self, part: &[u8]) -> usize {
        (part.as_ptr() as usize).saturating_sub(self.bytes.as_ptr() as usize)
    }

    /// The value of the first header called `name`.
    #[inline]
    pub(crate) fn find(&self, name: &str) -> Option<HeaderValue<'a>> {
        let [value] = self.find_each([name]);
        value
    }

    /// The values of the first headers with each of `names`, in one walk:
    /// only the values found are converted.
    #[inline]
    pub(crate) fn find_each<const N: usize>(
        &self,
        names: [&str; N],
    ) -> [Option<HeaderValue<'a>>; N] {
        find_raw_each(self.bytes, names)
            .map(|raw| raw.and_then(|raw| raw.value(self.bytes, &mut Field, 0).ok()))
    }

    /// The type byte and value bytes of the first headers with each of
    /// `names`, in one walk, not converted: for comparing a value without
    /// making a `&str` of it.
    #[inline]
    pub(crate) fn find_raw_each<const N: usize>(
        &self,
        names: [&str; N],
    ) -> [Option<(u8, &'a [u8])>; N] {
        find_raw_each(self.bytes, names).map(|raw| raw.map(|raw| (raw.type_byte, raw.value)))
    }
}

/// The first headers of `block` called each of `names`, in one walk that
/// stops once all are found. Names are compared as bytes; nothing is
/// converted.
#[inline(always)]
fn find_raw_each<'a, const N: usize>(
    block: &'a [u8],
    names: [&str; N],
) -> [Option<RawHeader<'a>>; N] {
    let mut found = [None; N];
    let mut missing = N;
    let mut pos = 0;
    while missing > 0 && pos < block.len() {
        // The block passed `validate`: this cannot fail here.
        let Ok(raw) = read_raw(block, pos, 0) else {
            break;
        };
        for (name, slot) in names.iter().zip(found.iter_mut()) {
            if slot.is_none() && raw.name == name.as_bytes() {
                *slot = Some(raw);
                missing -= 1;
            }
        }
        pos = raw.end;
    }
    found
}

/// `bytes`, the value of a string header in a block that passed
/// [`validate`], as text; `offset` is its position, for the error that
/// cannot happen.
#[inline]
pub(crate) fn valid_text(bytes: &[u8], offset: usize) -> Result<&str, Error> {
    core::str::from_utf8(bytes).map_err(|error| Error::HeaderStringNotUtf8 {
        offset,
        valid_up_to: error.valid_up_to(),
    })
}

/// Checks every header of a block; `offset` is the block's position in the
/// frame, for errors. Out of line, so that the decode loop around it stays
/// small enough to inline.
#[inline(never)]
pub(crate) fn validate(bytes: &[u8], offset: usize) -> Result<ValidBlock<'_>, Error> {
    let mut pos = 0;
    while pos < bytes.len() {
        pos = read_header(bytes, pos, &mut Check, offset)?.1;
    }
    Ok(already_valid(bytes))
}

/// [`validate`] for a block known to have passed it before (the same bytes
/// validated by this crate): no walk, and the text is found again lazily as
/// headers are read.
pub(crate) fn already_valid(bytes: &[u8]) -> ValidBlock<'_> {
    ValidBlock {
        bytes,
        event_type_at: None,
    }
}

/// Reads the header at `pos` of `block` and returns it with the position of
/// the next one: [`read_raw`], then [`RawHeader::convert`]. `offset` is the
/// block's position in the frame, for errors.
#[inline(always)]
fn read_header<'a>(
    block: &'a [u8],
    pos: usize,
    strings: &mut impl Strings<'a>,
    offset: usize,
) -> Result<(Header<'a>, usize), Error> {
    let raw = read_raw(block, pos, offset)?;
    Ok((raw.convert(block, strings, offset)?, raw.end))
}

/// One header's parts in its block, before any UTF-8 check.
#[derive(Clone, Copy)]
struct RawHeader<'a> {
    name: &'a [u8],
    name_start: usize,
    type_pos: usize,
    type_byte: u8,
    value: &'a [u8],
    value_start: usize,
    /// The end of the value: where the next header starts.
    end: usize,
}

/// The grammar: the layout of the header at `pos` of `block`. Checks, in
/// wire order, every length against the block and the type byte; `offset`
/// is the block's position in the frame, for errors, which are built out of
/// line so that the straight path stays small.
#[inline(always)]
fn read_raw(block: &[u8], pos: usize, offset: usize) -> Result<RawHeader<'_>, Error> {
    let Some(&name_len) = block.get(pos) else {
        return Err(Fault::truncated(
            block,
            offset,
            pos,
            HeaderField::NameLength,
            1,
        ));
    };
    let name_len = usize::from(name_len);
    if name_len == 0 {
        return Err(Fault::name_empty(offset, pos));
    }
    let name_start = pos + 1;
    let type_pos = name_start + name_len;
    let Some(&type_byte) = block.get(type_pos) else {
        return Err(match block.len() < type_pos {
            true => Fault::truncated(block, offset, name_start, HeaderField::Name, name_len),
            false => Fault::truncated(block, offset, type_pos, HeaderField::Type, 1),
        });
    };
    let mut value_start = type_pos + 1;
    let value_len = match WIDTHS.get(usize::from(type_byte)) {
        Some(&PREFIXED) => {
            let prefix = block.get(value_start..).and_then(<[u8]>::first_chunk);
            let Some(&prefix) = prefix else {
                let field = HeaderField::ValueLength;
                return Err(Fault::truncated(
                    block,
                    offset,
                    value_start,
                    field,
                    PREFIX_LEN,
                ));
            };
            value_start += PREFIX_LEN;
            usize::from(u16::from_be_bytes(prefix))
        }
        Some(&width) => usize::from(width),
        None => return Err(Fault::unknown_type(offset, type_pos, type_byte)),
    };
    let end = value_start + value_len;
    let (Some(name), Some(value)) = (block.get(name_start..type_pos), block.get(value_start..end))
    else {
        let field = HeaderField::Value;
        return Err(Fault::truncated(
            block,
            offset,
            value_start,
            field,
            value_len,
        ));
    };
    Ok(RawHeader {
        name,
        name_start,
        type_pos,
        type_byte,
        value,
        value_start,
        end,
    })
}

impl<'a> RawHeader<'a> {
    /// The header: the name and a string value checked as UTF-8 (the name
    /// first), the value typed.
    #[inline(always)]
    fn convert(
        &self,
        block: &'a [u8],
        strings: &mut impl Strings<'a>,
        offset: usize,
    ) -> Result<Header<'a>, Error> {
        let (start, end) = (self.name_start, self.type_pos);
        let Some(name) = strings.get(block, start, end) else {
            return Err(Fault::not_utf8(block, offset, start, end, true));
        };
        Ok(Header {
            name,
            value: self.value(block, strings, offset)?,
        })
    }

    /// The typed value.
    #[inline(always)]
    fn value(
        &self,
        block: &'a [u8],
        strings: &mut impl Strings<'a>,
        offset: usize,
    ) -> Result<HeaderValue<'a>, Error> {
        use type_byte::*;
        let (start, end) = (self.value_start, self.end);
        // Strings first, with plain branches: every service's `:message-type`,
        // `:event-type` and `:content-type` are strings, and a jump table over
        // ten types costs more than these tests on the common case.
        if self.type_byte == STRING {
            return match strings.get(block, start, end) {
                Some(text) => Ok(HeaderValue::String(text)),
                None => Err(Fault::not_utf8(block, offset, start, end, false)),
            };
        }
        if self.type_byte == BYTE_ARRAY {
            return Ok(HeaderValue::ByteArray(self.value));
        }
        match fixed_value(self.type_byte, self.value) {
            Some(value) => Ok(value),
            None => Err(Fault::truncated(
                block,
                offset,
                start,
                HeaderField::Value,
                end - start,
            )),
        }
    }
}

/// A fixed-width value from its bytes (exactly its width, so never `None`
/// for the types [`fixed_width`] knows).
#[inline(always)]
fn fixed_value(type_byte: u8, bytes: &[u8]) -> Option<HeaderValue<'_>> {
    use type_byte::*;
    Some(match type_byte {
        TRUE => HeaderValue::Bool(true),
        FALSE => HeaderValue::Bool(false),
        BYTE => HeaderValue::Byte(i8::from_be_bytes(*bytes.first_chunk()?)),
        INT16 => HeaderValue::Int16(i16::from_be_bytes(*bytes.first_chunk()?)),
        INT32 => HeaderValue::Int32(i32::from_be_bytes(*bytes.first_chunk()?)),
        INT64 => HeaderValue::Int64(i64::from_be_bytes(*bytes.first_chunk()?)),
        TIMESTAMP => HeaderValue::Timestamp(i64::from_be_bytes(*bytes.first_chunk()?)),
        UUID => HeaderValue::Uuid(*bytes.first_chunk()?),
        _ => return None,
    })
}

/// The errors [`read_header`] reports, built off the straight path; `offset`
/// is the block's position in the frame.
struct Fault;

impl Fault {
    #[cold]
    #[inline(never)]
    fn truncated(
        block: &[u8],
        offset: usize,
        at: usize,
        field: HeaderField,
        needed: usize,
    ) -> Error {
        Error::HeaderTruncated {
            offset: offset + at,
            field,
            needed,
            available: block.len().saturating_sub(at),
        }
    }

    #[cold]
    #[inline(never)]
    fn name_empty(offset: usize, at: usize) -> Error {
        Error::HeaderNameEmpty {
            offset: offset + at,
        }
    }

    #[cold]
    #[inline(never)]
    fn unknown_type(offset: usize, at: usize, type_byte: u8) -> Error {
        Error::UnknownHeaderType {
            offset: offset + at,
            type_byte,
        }
    }

    #[cold]
    #[inline(never)]
    fn not_utf8(block: &[u8], offset: usize, start: usize, end: usize, name: bool) -> Error {
        let field = block.get(start..end).unwrap_or_default();
        let valid_up_to = core::str::from_utf8(field).map_or_else(|e| e.valid_up_to(), str::len);
        let offset = offset + start;
        match name {
            true => Error::HeaderNameNotUtf8 {
                offset,
                valid_up_to,
            },
            false => Error::HeaderStringNotUtf8 {
                offset,
                valid_up_to,
            },
        }
    }
}

/// How [`read_header`] turns the bytes of a name or string value into text:
/// iteration needs the `&str`, validation only whether there is one.
trait Strings<'a> {
    /// `block[start..end]` as text, if it is UTF-8.
    fn get(&mut self, block: &'a [u8], start: usize, end: usize) -> Option<&'a str>;
}

/// For validation: says whether a field is UTF-8 without making a `&str`
/// (it answers `""`), so ASCII, the common case, needs no call at all.
struct Check;

impl<'a> Strings<'a> for Check {
    #[inline(always)]
    fn get(&mut self, block: &'a [u8], start: usize, end: usize) -> Option<&'a str> {
        let field = block.get(start..end)?;
        let ascii = field.iter().fold(0, |all, &b| all | b) < 0x80;
        match ascii || core::str::from_utf8(field).is_ok() {
            true => Some(""),
            false => None,
        }
    }
}

/// For a single lookup: validates just the field.
struct Field;

impl<'a> Strings<'a> for Field {
    #[inline(always)]
    fn get(&mut self, block: &'a [u8], start: usize, end: usize) -> Option<&'a str> {
        core::str::from_utf8(block.get(start..end)?).ok()
    }
}

impl<'a> Strings<'a> for Text<'a> {
    #[inline(always)]
    fn get(&mut self, block: &'a [u8], start: usize, end: usize) -> Option<&'a str> {
        Text::get(self, block, start, end)
    }
}

/// The UTF-8 text of a header block, found one segment at a time.
///
/// Names and string values must be `&str`, and the only safe way to have
/// one is to validate its bytes. Validating each field on its own costs a
/// call per field; instead, the first field read validates from its start to
/// the end of the block, and every later field is cut from that segment
/// with `str::get`, which checks two char boundaries. A block of text
/// headers, the common case, is validated in one pass. A block with a
/// binary value that is not UTF-8 stops that pass there: the text before it
/// is kept as the segment, and fields past it are validated one by one
/// (scanning ahead again would pass over every later binary value twice).
/// Each byte is validated at most twice, so the work stays linear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Text<'a> {
    /// Position of `text` in the block.
    start: usize,
    /// A valid UTF-8 segment of the block.
    text: &'a str,
    /// Whether the block holds bytes that are not UTF-8: fields past the
    /// segment are then validated alone.
    binary: bool,
}

impl<'a> Text<'a> {
    const EMPTY: Text<'static> = Text {
        start: 0,
        text: "",
        binary: false,
    };

    /// `block[start..end]` as text, if it is UTF-8.
    #[inline(always)]
    fn get(&mut self, block: &'a [u8], start: usize, end: usize) -> Option<&'a str> {
        if start >= self.start {
            if let Some(text) = self.text.get(start - self.start..end - self.start) {
                return Some(text);
            }
        }
        match self.binary {
            true => core::str::from_utf8(block.get(start..end)?).ok(),
            false => self.segment_from(block, start, end),
        }
    }

    /// Validates from `start` to the end of the block or its first non-UTF-8
    /// byte, keeps that segment, and cuts `start..end` from it.
    #[inline(never)]
    fn segment_from(&mut self, block: &'a [u8], start: usize, end: usize) -> Option<&'a str> {
        let rest = block.get(start..)?;
        let text = match core::str::from_utf8(rest) {
            Ok(text) => text,
            Err(error) if error.valid_up_to() >= end - start => {
                self.binary = true;
                core::str::from_utf8(rest.get(..error.valid_up_to())?).ok()?
            }
            Err(_) => return None,
        };
        self.start = start;
        self.text = text;
        text.get(..end - start)
    }
}
