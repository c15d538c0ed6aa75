//! A 16 MiB payload through a streaming decoder whose whole state is under
//! 4 KiB, with no heap allocation.

mod common;

use common::counting_alloc::{CountingAllocator, allocations};
use eventstream_core::{Event, StreamDecoder, encode_head, head_len};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

#[test]
fn sixteen_mib_payload_in_fixed_memory_without_allocating() {
    assert!(size_of::<StreamDecoder>() < 4096);
    let payload: Vec<u8> = (0..16 * 1024 * 1024u32)
        .map(|i| ((i * 31) >> 3) as u8)
        .collect();
    let mut head = vec![0; head_len(&[]).unwrap()];
    let encoded = encode_head(&[], &payload, &mut head).unwrap();

    let before = allocations();
    let mut decoder: StreamDecoder = StreamDecoder::new();
    let mut seen = 0usize;
    let mut check = 0u64;
    let mut ended = false;
    // Head, then the payload in 1500-byte "packets", then the trailer.
    let chunks = std::iter::once(&head[..encoded.head_len])
        .chain(payload.chunks(1500))
        .chain(std::iter::once(&encoded.trailer[..]));
    for chunk in chunks {
        let mut rest = chunk;
        loop {
            let (used, event) = decoder.decode(rest).unwrap();
            rest = &rest[used..];
            match event {
                None => break,
                Some(Event::Payload(segment)) => {
                    seen += segment.len();
                    check = check.wrapping_add(segment.iter().map(|&b| b as u64).sum::<u64>());
                }
                Some(Event::End { .. }) => ended = true,
                Some(_) => {}
            }
        }
    }
    let after = allocations();
    assert!(ended);
    assert_eq!(seen, payload.len());
    assert_eq!(check, payload.iter().map(|&b| b as u64).sum::<u64>());
    assert_eq!(after - before, 0, "the streaming decoder allocated");
}
