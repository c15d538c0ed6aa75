//! Decoding performs no heap allocation: a counting global allocator proves it.

use eventstream_core::{Decoder, Header, HeaderValue, Status, encode_to_vec};
mod common;

use common::counting_alloc::{CountingAllocator, allocations};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

#[test]
fn decoding_ten_thousand_frames_allocates_nothing() {
    let headers = [
        Header::new(":message-type", HeaderValue::String("event")),
        Header::new(":event-type", HeaderValue::String("PayloadChunk")),
        Header::new("id", HeaderValue::Uuid([7; 16])),
        Header::new("n", HeaderValue::Int64(42)),
    ];
    let frame = encode_to_vec(&headers, &[0x5a; 100]).unwrap();
    let input: Vec<u8> = frame
        .iter()
        .copied()
        .cycle()
        .take(frame.len() * 10_000)
        .collect();

    let before = allocations();
    let mut decoder = Decoder::new();
    let mut rest = &input[..];
    let (mut frames, mut header_count, mut payload_bytes) = (0, 0, 0);
    while let Ok(Status::Complete(message)) = decoder.decode(rest) {
        header_count += message.headers().count();
        payload_bytes += message.payload().len();
        assert!(message.header(":event-type").is_some());
        rest = &rest[message.len()..];
        frames += 1;
    }
    let after = allocations();

    assert_eq!(
        (frames, header_count, payload_bytes),
        (10_000, 40_000, 1_000_000)
    );
    assert_eq!(after - before, 0, "decoding allocated");
}
