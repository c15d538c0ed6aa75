//! What more than one target needs: the frames a whole-buffer decode finds,
//! and data rewritten into valid-looking frames.

#![allow(dead_code)] // each target uses some of it

use eventstream_core::{Decoder, Error, MessageRef, OwnedMessage, Status};

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

/// The frames of `data`, a buffer held whole, in order: the first error
/// ends them, and a buffer that ends inside a frame ends with
/// [`Error::Truncated`].
pub fn whole(data: &[u8]) -> impl Iterator<Item = Result<MessageRef<'_>, Error>> {
    let (mut decoder, mut rest) = (Decoder::new(), data);
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let error = match decoder.decode(rest) {
            Ok(Status::Complete(message)) => {
                rest = &rest[message.len()..];
                return Some(Ok(message));
            }
            Ok(Status::Incomplete { needed }) => Error::Truncated {
                available: rest.len(),
                needed,
            },
            Err(error) => error,
        };
        rest = &[];
        Some(Err(error))
    })
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
