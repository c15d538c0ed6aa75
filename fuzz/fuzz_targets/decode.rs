//! Arbitrary bytes into the whole-frame decoder, once and frame after frame:
//! no panic, and whatever decodes re-encodes to exactly the same bytes.
#![no_main]

#[path = "shared.rs"]
mod shared;

use eventstream_core::{Decoder, Header, Status, encode_to_vec};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut decoder = Decoder::new();
    if let Ok(Status::Complete(message)) = decoder.decode(data) {
        let headers: Vec<Header<'_>> = message.headers().collect();
        assert_eq!(
            encode_to_vec(&headers, message.payload()).unwrap(),
            message.as_bytes()
        );
    }
    let mut consumed = 0;
    for frame in shared::whole(data) {
        match frame {
            Ok(message) => {
                let headers: Vec<Header<'_>> = message.headers().collect();
                assert_eq!(
                    encode_to_vec(&headers, message.payload()).unwrap(),
                    message.as_bytes()
                );
                consumed += message.len();
            }
            Err(error) => {
                let _ = error.to_string();
                break;
            }
        }
    }
    assert!(consumed <= data.len());
});
