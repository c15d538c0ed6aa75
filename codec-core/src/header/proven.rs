//! Block validation and its proof: the crate's one `unsafe` block.
//!
//! Names and string values must reach users as `&str`. The validator checks
//! every one of them as UTF-8 when a frame is decoded; making the `&str` a
//! second time with `from_utf8` measured ~45% of a small frame's decode. So
//! the validator hands out a [`Proven`] token, and only a token leads to
//! [`text`], the one `from_utf8_unchecked`. The argument, in full:
//!
//! 1. A `Proven<'a>` holds a block that [`Proven::validate`] accepted: walked
//!    from its first byte with the grammar ([`RawHeaders`]), every name and
//!    every string value checked with `from_utf8` (or found ASCII). Its field
//!    is private to this module, and only three things here make one:
//!    `validate`; a [`ProvenBuf`] whose bytes are unchanged since they passed
//!    `validate` (the header-block memo, which compares a new block with
//!    them byte for byte); a `ProvenFrame` (feature `bytes`), which owns
//!    immutable `Bytes` whose block is the memory of a proven block, or a
//!    copy made here of a proven block's bytes.
//! 2. The `&'a [u8]` a token holds cannot change while it lives: it is a
//!    shared borrow, and `ProvenBuf` and `ProvenFrame` lend theirs only
//!    through `&self`.
//! 3. [`ProvenWalk`] walks a token's block from its first byte with the same
//!    grammar. The grammar is a function of the bytes alone, so it yields the
//!    very fields the validator checked, and [`text`] is called only on the
//!    bytes of a name or a string value among them.
//!
//! Under `debug_assertions` or `fuzzing`, [`text`] checks again with
//! `from_utf8` and panics on a mismatch: every test and fuzz target checks
//! the proof, and CI runs the core's tests under Miri.

use super::grammar::{Fault, RawHeader, RawHeaders, RawValue, fixed_value};
use super::value::{Header, HeaderValue};
use crate::Error;
#[cfg(feature = "bytes")]
use crate::PRELUDE_LEN;
use crate::fixed::FixedBuf;

/// A header block that passed validation; see the module's argument.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Proven<'a> {
    block: &'a [u8],
}

impl<'a> Proven<'a> {
    /// The validator: walks `block` with the grammar and checks every name
    /// and string value as UTF-8. `offset` is the block's position in the
    /// frame, for errors. Out of line, so that the decode loop around it
    /// stays small enough to inline.
    #[inline(never)]
    pub(crate) fn validate(block: &'a [u8], offset: usize) -> Result<Self, Error> {
        let fault = Fault { block, offset };
        for raw in RawHeaders::new(block, offset) {
            let raw = raw?;
            if !is_utf8(raw.name) {
                return Err(fault.not_utf8(raw.name, raw.name_start, true));
            }
            if let RawValue::Text(value) = raw.value {
                if !is_utf8(value) {
                    return Err(fault.not_utf8(value, raw.value_start, false));
                }
            }
        }
        Ok(Proven { block })
    }

    /// The block's bytes.
    #[inline(always)]
    pub(crate) fn bytes(&self) -> &'a [u8] {
        self.block
    }

    /// The headers, in wire order, with their text.
    #[inline(always)]
    pub(crate) fn walk(self) -> ProvenWalk<'a> {
        ProvenWalk {
            raw: RawHeaders::new(self.block, 0),
        }
    }
}

/// Equal when the bytes are.
impl PartialEq for Proven<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.block == other.block
    }
}

impl Eq for Proven<'_> {}

impl core::hash::Hash for Proven<'_> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.block.hash(state);
    }
}

/// Whether a name or string value is UTF-8: ASCII, the common case, in one
/// pass that vectorises, without a call.
#[inline(always)]
fn is_utf8(field: &[u8]) -> bool {
    field.iter().fold(0, |all, &b| all | b) < 0x80 || core::str::from_utf8(field).is_ok()
}

/// The headers of a [`Proven`] block, in wire order.
#[derive(Debug, Clone)]
pub(crate) struct ProvenWalk<'a> {
    raw: RawHeaders<'a>,
}

impl<'a> Iterator for ProvenWalk<'a> {
    type Item = ProvenHeader<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<ProvenHeader<'a>> {
        let typed = self.raw.next()?.ok().and_then(|raw| {
            let value = match raw.value {
                RawValue::Text(bytes) => HeaderValue::String(text(bytes)),
                RawValue::Bytes(bytes) => HeaderValue::ByteArray(bytes),
                RawValue::Fixed(bytes) => fixed_value(raw.type_byte, bytes)?,
            };
            Some(ProvenHeader { raw, value })
        });
        // The block passed the same grammar, which checked every width:
        // `None` here cannot happen. Ending the walk is all a decoder that
        // never panics can do.
        if typed.is_none() {
            debug_assert!(false, "a proven header block failed the grammar");
            self.raw = RawHeaders::new(&[], 0);
        }
        typed
    }
}

/// One header of a [`Proven`] block: its raw parts, and its text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ProvenHeader<'a> {
    raw: RawHeader<'a>,
    value: HeaderValue<'a>,
}

impl<'a> ProvenHeader<'a> {
    /// The parts as the grammar read them (positions, type byte, bytes).
    #[inline(always)]
    pub(crate) fn raw(&self) -> &RawHeader<'a> {
        &self.raw
    }

    /// The name.
    #[inline(always)]
    pub(crate) fn name(&self) -> &'a str {
        text(self.raw.name)
    }

    /// The typed value.
    #[inline(always)]
    pub(crate) fn value(&self) -> HeaderValue<'a> {
        self.value
    }

    /// Name and value.
    #[inline(always)]
    pub(crate) fn header(&self) -> Header<'a> {
        Header {
            name: self.name(),
            value: self.value(),
        }
    }
}

/// The bytes of a name or string value of a proven block, as text.
/// Private: only [`ProvenHeader`] calls it, on fields of a [`ProvenWalk`].
#[allow(unsafe_code)] // the crate's one exception: see the module's argument
#[inline(always)]
fn text(bytes: &[u8]) -> &str {
    #[cfg(any(debug_assertions, fuzzing))]
    #[allow(clippy::panic)] // the proof's check: a mismatch is a bug to stop at
    if let Err(error) = core::str::from_utf8(bytes) {
        panic!("proven header text is not UTF-8: {error}");
    }
    // SAFETY: `bytes` is a name or a string value that `ProvenWalk` found in
    // a `Proven` block, walking it from its first byte with the grammar that
    // `Proven::validate` walked it with; the bytes have not changed since
    // (a shared borrow, or a `ProvenBuf`/`ProvenFrame` lending through
    // `&self`), and `validate` found every such field to be UTF-8.
    unsafe { core::str::from_utf8_unchecked(bytes) }
}

/// A header block in fixed memory, with whether its bytes, unchanged since,
/// passed [`Proven::validate`]. The decoder's memo of the last block it
/// validated (every event of one type in a stream carries the same block,
/// and comparing a hundred bytes costs less than a walk), and the streaming
/// decoder's block buffer, which is its own memo (`begin`, `fill`, `check`).
#[derive(Debug, Clone)]
pub(crate) struct ProvenBuf<const N: usize> {
    bytes: FixedBuf<N>,
    /// True only while `bytes` are a block that passed validation.
    proven: bool,
}

impl<const N: usize> ProvenBuf<N> {
    /// Empty, nothing proven.
    pub(crate) const fn new() -> Self {
        ProvenBuf {
            bytes: FixedBuf::new(),
            proven: false,
        }
    }

    /// The proof of `block`, if it holds the bytes of the block proven here.
    #[inline]
    pub(crate) fn recall<'a>(&self, block: &'a [u8]) -> Option<Proven<'a>> {
        (self.proven && self.bytes.as_slice() == block).then_some(Proven { block })
    }

    /// Keeps a copy of a proven block, if it fits (true then): a later
    /// block with the same bytes is [`recall`](Self::recall)ed, not
    /// validated. One that does not fit leaves the memo as it was.
    #[inline]
    pub(crate) fn remember(&mut self, proven: Proven<'_>) -> bool {
        if proven.block.len() > N {
            return false;
        }
        self.bytes.clear();
        self.proven = self.bytes.extend_from_slice(proven.block);
        self.proven
    }

    /// Readies the buffer for a block of `len` bytes, to be filled with
    /// [`fill`](Self::fill); false if it does not fit. Bytes already there
    /// stay, so that a block equal to the last needs no validation.
    pub(crate) fn begin(&mut self, len: usize) -> bool {
        if len != self.bytes.len() {
            self.proven = false;
            if !self.bytes.resize(len) {
                return false;
            }
        }
        true
    }

    /// Puts `chunk` at `at` (inside the length given to `begin`); the proof
    /// stays only if the bytes there were the same. False if out of bounds.
    pub(crate) fn fill(&mut self, at: usize, chunk: &[u8]) -> bool {
        let Some(room) = self.bytes.as_mut_slice().get_mut(at..at + chunk.len()) else {
            return false;
        };
        if room != chunk {
            room.copy_from_slice(chunk);
            self.proven = false;
        }
        true
    }

    /// Validates the buffer's block, unless it is proven already.
    pub(crate) fn check(&mut self, offset: usize) -> Result<(), Error> {
        if !self.proven {
            Proven::validate(self.bytes.as_slice(), offset)?;
            self.proven = true;
        }
        Ok(())
    }

    /// The block, if it passed validation and is unchanged since.
    pub(crate) fn proven(&self) -> Option<Proven<'_>> {
        self.proven.then_some(Proven {
            block: self.bytes.as_slice(),
        })
    }
}

/// An owned frame whose header block (after its prelude) passed validation
/// (feature `bytes`): `Bytes` never change once made, so the proof lasts as
/// long as they do.
#[cfg(feature = "bytes")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ProvenFrame {
    frame: bytes::Bytes,
    /// The proven block is `frame[PRELUDE_LEN..][..block_len]`.
    block_len: u32,
}

#[cfg(feature = "bytes")]
impl ProvenFrame {
    /// The first `len` bytes of `buf`, shared (no copy), whose block is the
    /// very memory `proven` holds; `None` if it is not.
    #[inline]
    pub(crate) fn share(buf: &bytes::Bytes, len: usize, proven: Proven<'_>) -> Option<Self> {
        let block_len = u32::try_from(proven.block.len()).ok()?;
        let same = buf
            .get(..len)?
            .get(PRELUDE_LEN..PRELUDE_LEN + proven.block.len())?;
        core::ptr::eq(same.as_ptr(), proven.block.as_ptr()).then(|| ProvenFrame {
            frame: buf.slice(..len),
            block_len,
        })
    }

    /// A copy of `frame`, whose block is `proven`'s. The block's bytes are
    /// copied from `proven` itself, so the proof carries over whatever
    /// `frame` holds.
    pub(crate) fn copy(frame: &[u8], proven: Proven<'_>) -> Self {
        let end = PRELUDE_LEN + proven.block.len();
        let mut copy = alloc::vec::Vec::with_capacity(frame.len());
        copy.extend_from_slice(frame.get(..PRELUDE_LEN).unwrap_or_default());
        copy.extend_from_slice(proven.block);
        copy.extend_from_slice(frame.get(end..).unwrap_or_default());
        ProvenFrame {
            frame: bytes::Bytes::from(copy),
            // A header block is at most `u32::MAX` bytes: its length is a u32 on the wire.
            block_len: proven.block.len() as u32,
        }
    }

    /// The frame's bytes.
    #[inline(always)]
    pub(crate) fn bytes(&self) -> &bytes::Bytes {
        &self.frame
    }

    /// The frame's bytes, given up.
    #[inline(always)]
    pub(crate) fn into_bytes(self) -> bytes::Bytes {
        self.frame
    }

    /// The header block's proof.
    #[inline(always)]
    pub(crate) fn proven(&self) -> Proven<'_> {
        let block = PRELUDE_LEN..PRELUDE_LEN + self.block_len as usize;
        Proven {
            // In bounds: both constructors put the block inside `frame`.
            block: self.frame.get(block).unwrap_or_default(),
        }
    }
}
