//! Both decoders remember the last header block they validated (the proof
//! of its text) and skip the walk for the same bytes. Here one frame (made
//! valid in its lengths and CRCs, so the fuzzer reaches the headers) is
//! decoded alternately with copies whose header block differs in one byte,
//! by one shared decoder and by a fresh decoder each time, and by one shared
//! streaming decoder: the answers (headers, payload and kind) must be the
//! same. Under `--cfg fuzzing` every header text is re-checked against the
//! proof, so a proof wrongly carried over is a crash.
#![no_main]

use eventstream_core::{
    Decoder, Error, Event, Header, MessageKind, OwnedHeader, Status, StreamDecoder,
};
use libfuzzer_sys::fuzz_target;

/// Leading input bytes read as (position, byte) edits of the header block.
const EDIT_BYTES: usize = 8;

fuzz_target!(|data: &[u8]| {
    if data.len() < EDIT_BYTES + 16 {
        return;
    }
    let (edits, body) = data.split_at(EDIT_BYTES);
    let base = valid_frame(body);
    let headers_len = u32::from_be_bytes([base[4], base[5], base[6], base[7]]) as usize;
    let mut shared = Decoder::new();
    let mut frames = vec![base.clone()];
    for edit in edits.chunks_exact(2) {
        if headers_len == 0 {
            break;
        }
        let mut frame = base.clone();
        frame[12 + edit[0] as usize % headers_len] = edit[1];
        fix_crcs(&mut frame);
        frames.push(frame);
        frames.push(base.clone());
    }
    let mut streaming: StreamDecoder<256> = StreamDecoder::new();
    for frame in &frames {
        let fresh = answer(&mut Decoder::new(), frame);
        assert_eq!(answer(&mut shared, frame), fresh);
        let fresh_headers = fresh.as_ref().ok().map(|(headers, _, _)| {
            headers
                .iter()
                .map(|h| OwnedHeader::from(*h))
                .collect::<Vec<_>>()
        });
        match stream_headers(&mut streaming, frame) {
            // A block larger than its buffer: the one refusal the whole-frame decoder has not.
            Err(Error::HeadersExceedCapacity { .. }) => {}
            streamed => assert_eq!(streamed.ok(), fresh_headers),
        }
    }
});

/// What a decoder says of one frame: its headers, payload and kind, or the error.
type Answer<'a> = (Vec<Header<'a>>, &'a [u8], Result<MessageKind<'a>, Error>);

fn answer<'a>(decoder: &mut Decoder, frame: &'a [u8]) -> Result<Answer<'a>, Error> {
    match decoder.decode(frame)? {
        Status::Complete(message) => Ok((
            message.headers().collect(),
            message.payload(),
            message.kind(),
        )),
        Status::Incomplete { .. } => panic!("a whole frame reported incomplete"),
    }
}

/// The headers a shared streaming decoder reads from `frame`, or its error
/// (after which it is replaced by a new one, as a caller would).
fn stream_headers(
    decoder: &mut StreamDecoder<256>,
    frame: &[u8],
) -> Result<Vec<OwnedHeader>, Error> {
    let mut rest = frame;
    let mut headers = Vec::new();
    loop {
        match decoder.decode(rest) {
            Ok((used, Some(event))) => {
                rest = &rest[used..];
                match event {
                    Event::Headers => {
                        headers = decoder
                            .headers()
                            .into_iter()
                            .flatten()
                            .map(OwnedHeader::from)
                            .collect()
                    }
                    Event::End { .. } => return Ok(headers),
                    _ => {}
                }
            }
            Ok((_, None)) => panic!("a whole frame reported incomplete"),
            Err(error) => {
                *decoder = StreamDecoder::new();
                return Err(error);
            }
        }
    }
}

/// The input as a frame: its own length, a header length that fits, right CRCs.
fn valid_frame(data: &[u8]) -> Vec<u8> {
    let mut frame = data.to_vec();
    let total = frame.len() as u32;
    let headers_len = u32::from_be_bytes([frame[4], frame[5], frame[6], frame[7]]) % (total - 15);
    frame[..4].copy_from_slice(&total.to_be_bytes());
    frame[4..8].copy_from_slice(&headers_len.to_be_bytes());
    fix_crcs(&mut frame);
    frame
}

fn fix_crcs(frame: &mut [u8]) {
    let prelude_crc = crc32fast::hash(&frame[..8]);
    frame[8..12].copy_from_slice(&prelude_crc.to_be_bytes());
    let end = frame.len() - 4;
    let message_crc = crc32fast::hash(&frame[..end]);
    frame[end..].copy_from_slice(&message_crc.to_be_bytes());
}
