//! The header block a decoder validated last, so that a repeat skips the walk.
//!
//! Every event of one type in a stream carries the same header block: a
//! Lambda stream's `PayloadChunk`s, a Transcribe stream's `TranscriptEvent`s,
//! a Bedrock stream's `chunk`s. Validation is a function of the block's bytes
//! alone, so a block equal to one that passed passes too; comparing about a
//! hundred bytes costs less than walking three headers again.

use crate::Error;
use crate::header::{self, ValidBlock};

/// Longest header block remembered: AWS events' three headers take about 90 bytes.
const CAPACITY: usize = 128;

/// The last header block of at most [`CAPACITY`] bytes that passed validation.
#[derive(Debug, Clone)]
pub(crate) struct KnownBlock {
    len: usize,
    bytes: [u8; CAPACITY],
}

impl KnownBlock {
    /// Knows the empty block, which is valid.
    pub(crate) const fn new() -> Self {
        KnownBlock {
            len: 0,
            bytes: [0; CAPACITY],
        }
    }

    /// [`header::validate`] of a frame's header block, unless `block` holds
    /// the same bytes as the last block that passed; a block that passes is
    /// remembered if it fits.
    #[inline]
    pub(crate) fn validate<'a>(&mut self, block: &'a [u8]) -> Result<ValidBlock<'a>, Error> {
        if self.bytes.get(..self.len) == Some(block) {
            return Ok(header::already_valid(block));
        }
        let valid = header::validate(block, crate::PRELUDE_LEN)?;
        if let Some(copy) = self.bytes.get_mut(..block.len()) {
            copy.copy_from_slice(block);
            self.len = block.len();
        }
        Ok(valid)
    }
}
