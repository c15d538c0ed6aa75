//! Instructions per frame, for `benches/callgrind.sh`: decodes `FRAMES`
//! frames of one workload inside `measure`, the only function callgrind
//! counts. Instruction counts do not depend on what else the machine runs,
//! so they compare across machines and runs where times do not.
//!
//! Usage: `instructions WORKLOAD` with WORKLOAD one of the names in `main`.

use eventstream_benches::{header_heavy, small_headers};
use eventstream_core::lambda::{ResponseEvent, encode_payload_chunk_to_vec};
use eventstream_core::{Decoder, Event, Status, StreamDecoder, encode_to_vec};
use std::hint::black_box;

/// Frames decoded per run: enough that setup and the first frame vanish in the mean.
const FRAMES: usize = 10_000;

fn small_frame() -> Vec<u8> {
    encode_to_vec(&small_headers(), &[b'x'; 32]).unwrap()
}

fn header_heavy_frame() -> Vec<u8> {
    encode_to_vec(&header_heavy(), &[b'x'; 32]).unwrap()
}

/// Every header and the payload of each frame touched, one decoder for the stream
/// (`fresh`: a new decoder per frame).
fn decode_all(stream: &[u8], fresh: bool) -> usize {
    let mut decoder = Decoder::new();
    let mut rest = stream;
    let mut touched = 0;
    loop {
        if fresh {
            decoder = Decoder::new();
        }
        let Ok(Status::Complete(message)) = decoder.decode(rest) else {
            break;
        };
        for header in message.headers() {
            touched += header.name.len() + header.value.encoded_len();
        }
        touched += message.payload().len();
        rest = &rest[message.len()..];
    }
    touched
}

fn typed_lambda(stream: &[u8]) -> usize {
    let mut touched = 0;
    for message in Decoder::new().frames(stream) {
        if let Ok(ResponseEvent::PayloadChunk(chunk)) =
            ResponseEvent::from_message(message.unwrap())
        {
            touched += chunk.payload().len();
        }
    }
    touched
}

fn stream_decoder(stream: &[u8]) -> usize {
    let mut decoder: StreamDecoder = StreamDecoder::new();
    let mut touched = 0;
    for chunk in stream.chunks(16 * 1024) {
        let mut rest = chunk;
        while let (used, Some(event)) = decoder.decode(rest).unwrap() {
            rest = &rest[used..];
            match event {
                Event::Headers => {
                    if let Some(headers) = decoder.headers() {
                        for header in headers {
                            touched += header.name.len() + header.value.encoded_len();
                        }
                    }
                }
                Event::Payload(segment) => touched += segment.len(),
                Event::Prelude(_) | Event::End { .. } => {}
            }
        }
    }
    touched
}

#[inline(never)]
fn measure(workload: &str, stream: &[u8]) -> usize {
    match workload {
        "small" => decode_all(stream, false),
        "header_heavy" => decode_all(stream, false),
        "header_heavy_fresh" => decode_all(stream, true),
        "small_fresh" => decode_all(stream, true),
        "typed_lambda" => typed_lambda(stream),
        "stream_small" => stream_decoder(stream),
        "crc_small" => stream
            .chunks(small_frame().len())
            .map(|frame| crc32fast::hash(&frame[..frame.len() - 4]) as usize)
            .sum(),
        other => panic!("unknown workload {other}"),
    }
}

fn main() {
    let workload = std::env::args()
        .nth(1)
        .expect("usage: instructions WORKLOAD");
    let frame = match workload.as_str() {
        "header_heavy" | "header_heavy_fresh" => header_heavy_frame(),
        "typed_lambda" => encode_payload_chunk_to_vec(&[b'x'; 32]).unwrap(),
        _ => small_frame(),
    };
    let stream = frame.repeat(FRAMES);
    println!("{}", black_box(measure(&workload, black_box(&stream))));
}
