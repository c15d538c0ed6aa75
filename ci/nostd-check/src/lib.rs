//! A `no_std` static library exercising the decoder and encoder, so that the
//! link step proves `eventstream-core` needs neither `std` nor (by default) `alloc`.
#![no_std]

use eventstream_core::{Decoder, Event, Header, HeaderValue, Status, StreamDecoder, encode};

/// The README's Decode example, as written there: it must build without `std`.
pub mod readme_decode;

/// Encodes a frame into `out` and decodes it back; returns the payload length or -1.
#[unsafe(no_mangle)]
pub extern "C" fn eventstream_roundtrip(out: *mut u8, len: usize) -> isize {
    let _ = (out, len);
    let mut buf = [0u8; 128];
    let headers = [Header::new(
        ":event-type",
        HeaderValue::String("PayloadChunk"),
    )];
    let Ok(written) = encode(&headers, b"hello", &mut buf) else {
        return -1;
    };
    match Decoder::new().decode(&buf[..written]) {
        Ok(Status::Complete(message)) => message.payload().len() as isize,
        _ => -1,
    }
}

/// Feeds `len` bytes at `input` to a streaming decoder; returns the payload bytes seen or -1.
#[unsafe(no_mangle)]
pub extern "C" fn eventstream_stream_payload(input: &[u8; 64]) -> isize {
    let mut decoder = StreamDecoder::<128>::new();
    let mut rest = &input[..];
    let mut payload = 0;
    loop {
        match decoder.decode(rest) {
            Ok((used, Some(event))) => {
                rest = rest.get(used..).unwrap_or_default();
                if let Event::Payload(segment) = event {
                    payload += segment.len() as isize;
                }
            }
            Ok((_, None)) => return payload,
            Err(_) => return -1,
        }
    }
}

#[cfg(feature = "alloc")]
mod heap {
    extern crate alloc;

    /// An allocator that never succeeds: this library only links, it never runs.
    struct NoHeap;

    // SAFETY: returning null is always a valid answer from `alloc`.
    unsafe impl core::alloc::GlobalAlloc for NoHeap {
        unsafe fn alloc(&self, _: core::alloc::Layout) -> *mut u8 {
            core::ptr::null_mut()
        }
        unsafe fn dealloc(&self, _: *mut u8, _: core::alloc::Layout) {}
    }

    #[global_allocator]
    static HEAP: NoHeap = NoHeap;

    /// Encodes with `encode_to_vec`, so the `alloc` path is linked too.
    #[unsafe(no_mangle)]
    pub extern "C" fn eventstream_encoded_len() -> usize {
        eventstream_core::encode_to_vec(&[], b"x").map_or(0, |v| v.len())
    }
}

/// Decodes into an owned `Message`, so the `bytes` path is linked too.
#[cfg(feature = "bytes")]
#[unsafe(no_mangle)]
pub extern "C" fn eventstream_owned_payload_len() -> usize {
    let frame = eventstream_core::encode_to_vec(&[], b"x").unwrap_or_default();
    let mut bytes = eventstream_core::bytes::Bytes::from(frame);
    match Decoder::new().decode_bytes(&mut bytes) {
        Ok(Status::Complete(message)) => message.payload().len(),
        _ => 0,
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}
