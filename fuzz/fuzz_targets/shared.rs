//! What more than one target needs: the frames a whole-buffer decode finds,
//! and data rewritten into valid-looking frames.

#![allow(dead_code)] // each target uses some of it

use eventstream_core::{Error, OwnedMessage};

#[path = "../../codec-core/tests/common/frames.rs"]
mod frames;
pub use frames::frames as whole;

/// A target's data, rewritten into valid-looking frames when `fix_crcs`
/// says so, with its frames by the core's whole-frame decoder and the error
/// it stopped at: what every target compares its decoder with.
pub fn prepared(mut data: Vec<u8>, fix_crcs: bool) -> (Vec<u8>, Vec<OwnedMessage>, Option<Error>) {
    if fix_crcs {
        fix_frames(&mut data);
    }
    let (whole, error) = whole_frames(&data);
    (data, whole, error)
}

/// The frames of `data` by the core's whole-frame decoder, and the error it stopped at.
fn whole_frames(data: &[u8]) -> (Vec<OwnedMessage>, Option<Error>) {
    let mut frames = Vec::new();
    for frame in whole(data) {
        match frame {
            Ok(message) => frames.push(OwnedMessage::from(message)),
            Err(error) => return (frames, Some(error)),
        }
    }
    (frames, None)
}

/// Rewrites lengths and CRCs so that the data is a sequence of valid-looking frames.
fn fix_frames(data: &mut [u8]) {
    let mut start = 0;
    while data.len() - start >= 16 {
        let frame = &mut data[start..];
        let total = (u32::from_be_bytes([frame[0], frame[1], frame[2], frame[3]]) as usize
            % (frame.len() - 15))
            + 16;
        let frame = &mut frame[..total];
        let headers =
            u32::from_be_bytes([frame[4], frame[5], frame[6], frame[7]]) % (total as u32 - 15);
        frame[..4].copy_from_slice(&(total as u32).to_be_bytes());
        frame[4..8].copy_from_slice(&headers.to_be_bytes());
        let crc = crc32fast::hash(&frame[..8]);
        frame[8..12].copy_from_slice(&crc.to_be_bytes());
        let crc = crc32fast::hash(&frame[..total - 4]);
        frame[total - 4..].copy_from_slice(&crc.to_be_bytes());
        start += total;
    }
}
