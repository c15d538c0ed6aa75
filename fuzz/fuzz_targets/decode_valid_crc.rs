//! The input made into a frame whose lengths and CRCs are right, so the
//! fuzzer reaches the header and payload logic (it never guesses a CRC).
#![no_main]

use eventstream_core::{Decoder, Header, Status, encode_to_vec};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 16 {
        return;
    }
    let mut frame = data.to_vec();
    let total = frame.len() as u32;
    let headers_len = u32::from_be_bytes([frame[4], frame[5], frame[6], frame[7]]) % (total - 15);
    frame[..4].copy_from_slice(&total.to_be_bytes());
    frame[4..8].copy_from_slice(&headers_len.to_be_bytes());
    let prelude_crc = crc32(&frame[..8]);
    frame[8..12].copy_from_slice(&prelude_crc.to_be_bytes());
    let end = frame.len() - 4;
    let message_crc = crc32(&frame[..end]);
    frame[end..].copy_from_slice(&message_crc.to_be_bytes());

    match Decoder::new().decode(&frame) {
        Ok(Status::Complete(message)) => {
            assert_eq!(message.len(), frame.len());
            let headers: Vec<Header<'_>> = message.headers().collect();
            for header in &headers {
                assert!(message.header(header.name).is_some());
                let _ = header.value.to_string();
            }
            assert_eq!(encode_to_vec(&headers, message.payload()).unwrap(), frame);
        }
        Ok(Status::Incomplete { .. }) => panic!("a whole frame reported incomplete"),
        Err(error) => assert!(error.offset() < frame.len(), "{error}"),
    }
});

fn crc32(bytes: &[u8]) -> u32 {
    crc32fast::hash(bytes)
}
