//! The wire's fixed facts: the frame's fixed parts, its checksum, and the table of header
//! value types (the type bytes, their names, what follows each one). A leaf:
//! the prelude, the header grammar, the encoder and the errors all read it,
//! and it reads nothing of theirs.

/// Bytes in the prelude.
pub const PRELUDE_LEN: usize = 12;
/// Bytes in the message CRC that ends every frame.
pub const TRAILER_LEN: usize = 4;
/// Bytes in the smallest frame: a prelude and a message CRC.
pub(crate) const MIN_MESSAGE_LEN: usize = PRELUDE_LEN + TRAILER_LEN;

/// The CRC-32 (IEEE) both of a frame's checksums are, of `bytes`,
/// continuing from `crc`: 0 to start, or the CRC of the bytes before them,
/// for a frame hashed piece by piece as it arrives. For code that checks a
/// frame's bytes itself; the decoder needs no help.
///
/// ```
/// use eventstream_core::crc32;
/// assert_eq!(crc32(0, b"123456789"), 0xcbf4_3926);
/// assert_eq!(crc32(crc32(0, b"1234"), b"56789"), 0xcbf4_3926);
/// ```
pub fn crc32(crc: u32, bytes: &[u8]) -> u32 {
    let mut hasher = crc32fast::Hasher::new_with_initial(crc);
    hasher.update(bytes);
    hasher.finalize()
}

/// Longest string or byte-array value the encoder writes (the spec's bound).
/// The decoder accepts up to 65535, everything the length field can say.
pub(crate) const MAX_ENCODED_VALUE_LEN: usize = i16::MAX as usize;
/// Longest header name, in bytes.
pub(crate) const MAX_NAME_LEN: usize = u8::MAX as usize;

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
/// or `PREFIXED` for the two types with a u16 length first. The one table
/// of the value layout, for decoding and encoding.
pub(crate) const WIDTHS: [u8; 10] = [0, 0, 1, 2, 4, 8, PREFIXED, PREFIXED, 8, 16];
/// In `WIDTHS`: a value with a u16 length prefix (byte array, string).
pub(crate) const PREFIXED: u8 = u8::MAX;

/// Bytes a value of a fixed-size type takes after its type byte; `None` for
/// the two length-prefixed types and for unknown types.
#[inline(always)]
pub(crate) const fn fixed_width(type_byte: u8) -> Option<usize> {
    match type_byte as usize {
        i if i < WIDTHS.len() && WIDTHS[i] != PREFIXED => Some(WIDTHS[i] as usize),
        _ => None,
    }
}

/// The header types' names, indexed by type byte: the Smithy names, which
/// the tool's JSON and the Python package's `(type, value)` pairs use too.
/// Both `true` (0) and `false` (1) are `boolean`.
///
/// ```
/// use eventstream_core::{HEADER_TYPE_NAMES, HeaderValue};
/// assert_eq!(HEADER_TYPE_NAMES[HeaderValue::Timestamp(0).type_byte() as usize], "timestamp");
/// assert_eq!(HEADER_TYPE_NAMES.iter().position(|&name| name == "uuid"), Some(9));
/// ```
pub const HEADER_TYPE_NAMES: [&str; 10] = [
    "boolean",
    "boolean",
    "byte",
    "short",
    "integer",
    "long",
    "byte_array",
    "string",
    "timestamp",
    "uuid",
];

/// The name of a type byte, `unknown` for bytes above 9.
pub(crate) const fn type_name(type_byte: u8) -> &'static str {
    match type_byte as usize {
        i if i < HEADER_TYPE_NAMES.len() => HEADER_TYPE_NAMES[i],
        _ => "unknown",
    }
}

/// Bytes of the length prefix of byte-array and string values.
pub(crate) const PREFIX_LEN: usize = 2;
