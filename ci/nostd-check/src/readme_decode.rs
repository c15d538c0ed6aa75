//! The README's no_std Decode example, built here in a `#![no_std]` crate.
//! The README holds this file's text after these lines (codec-std/tests/readme.rs checks it).

use eventstream_core::{Decoder, Error, HeaderValue, Status};

/// Calls `on_event` with each event's payload, a slice of `input` (no copy),
/// and returns the rest of `input`: the start of a frame still arriving.
pub fn for_each_event<'a>(
    mut input: &'a [u8],
    mut on_event: impl FnMut(&'a [u8]),
) -> Result<&'a [u8], Error> {
    let mut decoder = Decoder::new();
    while let Status::Complete(message) = decoder.decode(input)? {
        if message.header(":message-type") == Some(HeaderValue::String("event")) {
            on_event(message.payload());
        }
        input = &input[message.len()..];
    }
    Ok(input)
}
