//! The header grammar and its one raw-header iterator.
//!
//! ```text
//! header := u8 name_len | name (UTF-8, 1..=255 bytes) | u8 type | value
//! value  := nothing (0 true, 1 false) | 1, 2, 4, 8 bytes (2 i8, 3 i16, 4 i32, 5 i64)
//!         | u16 len + bytes (6 bytes, 7 UTF-8) | 8 bytes (8 timestamp) | 16 bytes (9 uuid)
//! ```
//!
//! [`read_raw`] is that grammar, and [`RawHeaders`] the only walk over a
//! block: validation, iteration, lookups and message kinds are all built on
//! it, so they cannot disagree. It checks layout only; whether names and
//! string values are UTF-8 is the validator's question (`proven.rs`).

use super::value::HeaderValue;
use crate::Error;
use crate::error::HeaderField;
use crate::wire::{PREFIX_LEN, fixed_width, type_byte};

/// One header's parts, in its block, before any UTF-8 check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawHeader<'a> {
    /// The name's bytes.
    pub(crate) name: &'a [u8],
    /// Where the name starts in the block.
    pub(crate) name_start: usize,
    /// The type byte.
    pub(crate) type_byte: u8,
    /// The value: a string's bytes, or any other value already typed.
    pub(crate) value: RawValue<'a>,
    /// Where the value's bytes start in the block (after a length prefix).
    pub(crate) value_start: usize,
    /// Where the next header starts.
    pub(crate) end: usize,
}

/// A header value as the grammar reads it: its bytes, in bounds, untyped
/// (validation needs only where they are; a walk types them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RawValue<'a> {
    /// The bytes of a string value (type 7), text once proven UTF-8.
    Text(&'a [u8]),
    /// The bytes of a byte-array value (type 6).
    Bytes(&'a [u8]),
    /// The bytes of a fixed-width value, exactly its type's width.
    Fixed(&'a [u8]),
}

/// The headers of a block in wire order, as [`read_raw`] reads them; after
/// an error it ends. `offset` is the block's position in the frame, for errors.
#[derive(Debug, Clone)]
pub(crate) struct RawHeaders<'a> {
    block: &'a [u8],
    pos: usize,
    offset: usize,
}

impl<'a> RawHeaders<'a> {
    /// A walk from the first header of `block`.
    #[inline(always)]
    pub(crate) fn new(block: &'a [u8], offset: usize) -> Self {
        RawHeaders {
            block,
            pos: 0,
            offset,
        }
    }
}

impl<'a> Iterator for RawHeaders<'a> {
    type Item = Result<RawHeader<'a>, Error>;

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.block.len() {
            return None;
        }
        let result = read_raw(self.block, self.pos, self.offset);
        self.pos = match &result {
            Ok(raw) => raw.end,
            Err(_) => self.block.len(),
        };
        Some(result)
    }
}

/// The grammar: the header at `pos` of `block`. Checks, in wire order, every
/// length against the block and the type byte; `offset` is the block's
/// position in the frame, for errors, which are built out of line so that
/// the straight path stays small.
#[inline(always)]
fn read_raw(block: &[u8], pos: usize, offset: usize) -> Result<RawHeader<'_>, Error> {
    let fault = Fault { block, offset };
    let Some(&name_len) = block.get(pos) else {
        return Err(fault.truncated(pos, HeaderField::NameLength, 1));
    };
    let name_len = usize::from(name_len);
    if name_len == 0 {
        return Err(fault.name_empty(pos));
    }
    let name_start = pos + 1;
    let type_pos = name_start + name_len;
    let (Some(name), Some(&type_byte)) = (block.get(name_start..type_pos), block.get(type_pos))
    else {
        return Err(match block.len() < type_pos {
            true => fault.truncated(name_start, HeaderField::Name, name_len),
            false => fault.truncated(type_pos, HeaderField::Type, 1),
        });
    };
    let rest = block.get(type_pos + 1..).unwrap_or_default();
    // Strings first, with plain branches: every service's `:message-type`,
    // `:event-type` and `:content-type` are strings, and a jump table over
    // ten types costs more than these tests on the common case.
    let (value, value_start, end) =
        if type_byte == type_byte::STRING || type_byte == type_byte::BYTE_ARRAY {
            let value_start = type_pos + 1 + PREFIX_LEN;
            let Some((&prefix, rest)) = rest.split_first_chunk::<PREFIX_LEN>() else {
                return Err(fault.truncated(type_pos + 1, HeaderField::ValueLength, PREFIX_LEN));
            };
            let len = usize::from(u16::from_be_bytes(prefix));
            let Some(bytes) = rest.get(..len) else {
                return Err(fault.truncated(value_start, HeaderField::Value, len));
            };
            let value = match type_byte == type_byte::STRING {
                true => RawValue::Text(bytes),
                false => RawValue::Bytes(bytes),
            };
            (value, value_start, value_start + len)
        } else {
            let value_start = type_pos + 1;
            let Some(width) = fixed_width(type_byte) else {
                return Err(fault.unknown_type(type_pos, type_byte));
            };
            let Some(bytes) = rest.get(..width) else {
                return Err(fault.truncated(value_start, HeaderField::Value, width));
            };
            (RawValue::Fixed(bytes), value_start, value_start + width)
        };
    Ok(RawHeader {
        name,
        name_start,
        type_byte,
        value,
        value_start,
        end,
    })
}

/// A fixed-width value from its bytes; `None` when they are too few (or
/// the type is not a fixed-width one).
#[inline(always)]
pub(crate) fn fixed_value(type_byte: u8, bytes: &[u8]) -> Option<HeaderValue<'static>> {
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

/// The errors of [`read_raw`], built off the straight path, with positions
/// in the frame (the block's `offset` added).
#[derive(Clone, Copy)]
pub(crate) struct Fault<'a> {
    pub(crate) block: &'a [u8],
    pub(crate) offset: usize,
}

impl Fault<'_> {
    #[cold]
    #[inline(never)]
    fn truncated(self, at: usize, field: HeaderField, needed: usize) -> Error {
        Error::HeaderTruncated {
            offset: self.offset + at,
            field,
            needed,
            available: self.block.len().saturating_sub(at),
        }
    }

    #[cold]
    #[inline(never)]
    fn name_empty(self, at: usize) -> Error {
        Error::HeaderNameEmpty {
            offset: self.offset + at,
        }
    }

    #[cold]
    #[inline(never)]
    fn unknown_type(self, at: usize, type_byte: u8) -> Error {
        Error::UnknownHeaderType {
            offset: self.offset + at,
            type_byte,
        }
    }

    /// A name (`name`) or string value that is not UTF-8: `field` at `start`.
    #[cold]
    #[inline(never)]
    pub(crate) fn not_utf8(self, field: &[u8], start: usize, name: bool) -> Error {
        let valid_up_to = core::str::from_utf8(field).map_or_else(|e| e.valid_up_to(), str::len);
        let offset = self.offset + start;
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
