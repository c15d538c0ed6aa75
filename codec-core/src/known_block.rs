//! The header block a decoder validated last, so that a repeat skips the walk.
//!
//! Every event of one type in a stream carries the same header block: a
//! Lambda stream's `PayloadChunk`s, a Transcribe stream's `TranscriptEvent`s,
//! a Bedrock stream's `chunk`s. Validation is a function of the block's bytes
//! alone, so a block equal to one that passed passes too; comparing about a
//! hundred bytes costs less than walking three headers again. Where the
//! block's `:event-type` is goes with it, so that typed events skip their
//! walk too.

use crate::Error;
use crate::header::{self, ValidBlock};
use crate::kind;

/// Longest header block remembered: AWS events' three headers take about 90 bytes.
const CAPACITY: usize = 128;

/// The last header block of at most [`CAPACITY`] bytes that passed validation.
#[derive(Debug, Clone)]
pub(crate) struct KnownBlock {
    len: usize,
    bytes: [u8; CAPACITY],
    /// [`kind::event_type_at`] of the block.
    event_type_at: Option<(u8, u8)>,
}

impl KnownBlock {
    /// Knows the empty block, which is valid.
    pub(crate) const fn new() -> Self {
        KnownBlock {
            len: 0,
            bytes: [0; CAPACITY],
            event_type_at: None,
        }
    }

    /// [`header::validate`] of a frame's header block, unless `block` holds
    /// the same bytes as the last block that passed; a block that passes is
    /// remembered if it fits.
    #[inline]
    pub(crate) fn validate<'a>(&mut self, block: &'a [u8]) -> Result<ValidBlock<'a>, Error> {
        if self.bytes.get(..self.len) == Some(block) {
            return Ok(header::already_valid(block).with_event_type_at(self.event_type_at));
        }
        let valid = header::validate(block, crate::PRELUDE_LEN)?;
        let Some(copy) = self.bytes.get_mut(..block.len()) else {
            return Ok(valid);
        };
        copy.copy_from_slice(block);
        self.len = block.len();
        self.event_type_at = kind::event_type_at(valid);
        Ok(valid.with_event_type_at(self.event_type_at))
    }
}
