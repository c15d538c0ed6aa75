//! What the criterion benches (`benches/decode.rs`) and the instruction
//! counter (`examples/instructions.rs`, run by `callgrind.sh`) both decode:
//! one definition of each workload's frame.

use eventstream_core::{Header, HeaderValue};

/// The headers of a Lambda `PayloadChunk`-sized frame: three strings.
pub fn small_headers() -> [Header<'static>; 3] {
    [
        Header::new(":message-type", HeaderValue::String("event")),
        Header::new(":event-type", HeaderValue::String("PayloadChunk")),
        Header::new(
            ":content-type",
            HeaderValue::String("application/octet-stream"),
        ),
    ]
}

/// Twenty headers, two of each of the ten value types.
pub fn header_heavy() -> Vec<Header<'static>> {
    let names: [&'static str; 20] = [
        "h00", "h01", "h02", "h03", "h04", "h05", "h06", "h07", "h08", "h09", "h10", "h11", "h12",
        "h13", "h14", "h15", "h16", "h17", "h18", "h19",
    ];
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let value = match i % 10 {
                0 => HeaderValue::Bool(true),
                1 => HeaderValue::Bool(false),
                2 => HeaderValue::Byte(-3),
                3 => HeaderValue::Int16(300),
                4 => HeaderValue::Int32(70_000),
                5 => HeaderValue::Int64(1 << 40),
                6 => HeaderValue::ByteArray(b"\x00\x01\x02\x03\x04\x05\x06\x07"),
                7 => HeaderValue::String("some header value"),
                8 => HeaderValue::Timestamp(1_700_000_000_000),
                _ => HeaderValue::Uuid([0xab; 16]),
            };
            Header::new(name, value)
        })
        .collect()
}
