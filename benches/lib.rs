//! What the criterion benches (`benches/decode.rs`) and the instruction
//! counter (`examples/instructions.rs`, run by `callgrind.sh`) both decode:
//! one definition of each workload's frame, and of the decode loops both
//! time, in Rust, through the C ABI and through the AWS SDK's receiver.

use eventstream_core::{
    Decoder, Event, Header, HeaderValue, MessageRef, Status, StreamDecoder, encode_to_vec,
};

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

/// A Lambda `PayloadChunk` frame: [`small_headers`] and `payload`.
pub fn payload_chunk(payload: &[u8]) -> Vec<u8> {
    encode_to_vec(&small_headers(), payload).unwrap()
}

/// A Lambda `InvokeComplete` frame with the JSON body `json`.
pub fn invoke_complete(json: &str) -> Vec<u8> {
    let headers = [
        Header::new(":event-type", HeaderValue::String("InvokeComplete")),
        Header::new(":content-type", HeaderValue::String("application/json")),
        Header::new(":message-type", HeaderValue::String("event")),
    ];
    encode_to_vec(&headers, json.as_bytes()).unwrap()
}

/// The frames of a stream held whole, in order, until the first that does
/// not decode (the benches' streams all do).
#[inline]
pub fn frames(stream: &[u8]) -> impl Iterator<Item = MessageRef<'_>> {
    let mut decoder = Decoder::new();
    let mut rest = stream;
    std::iter::from_fn(move || match decoder.decode(rest) {
        Ok(Status::Complete(message)) => {
            rest = &rest[message.len()..];
            Some(message)
        }
        _ => None,
    })
}

/// The payload sizes of a Lambda response stream's `PayloadChunk`s, in
/// turn: what a function's writes produce, a few bytes to a few KiB.
pub const LAMBDA_CHUNK_SIZES: [usize; 8] = [17, 230, 64, 1024, 512, 3, 4096, 128];

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

/// What a benchmark reads of a header, so that decoding it cannot be
/// skipped: its name's length and its value (a text's or bytes' length).
#[inline(always)]
pub fn touch(header: Header<'_>) -> usize {
    header.name.len()
        + match header.value {
            HeaderValue::ByteArray(bytes) => bytes.len(),
            HeaderValue::String(text) => text.len(),
            other => usize::from(other.type_byte()),
        }
}

/// Our `Decoder` over a stream of frames: every header and the payload of
/// each frame touched when `read_headers`, else one `decode` call per frame.
#[inline] // into each caller, with `read_headers` a constant there
pub fn decode_all(stream: &[u8], read_headers: bool) -> usize {
    let mut decoder = Decoder::new();
    let mut rest = stream;
    let mut touched = 0;
    while let Ok(Status::Complete(message)) = decoder.decode(rest) {
        if read_headers {
            for header in message.headers() {
                touched += touch(header);
            }
        }
        touched += message.payload().len();
        rest = &rest[message.len()..];
    }
    touched
}

/// [`decode_all`] through the C ABI (`es_decode`, `es_header_iter_fill`),
/// as C calls it: what the boundary costs over the Rust `Decoder`.
#[allow(unsafe_code)] // calls the C ABI, as C does
#[inline] // as `decode_all`
pub fn c_abi_decode_all(stream: &[u8], read_headers: bool) -> usize {
    use eventstream_ffi::*;
    // SAFETY: storage zeroed then filled by the library, as C would hold it
    // on its stack; the input outlives every view.
    unsafe {
        let mut decoder: es_decoder = std::mem::zeroed();
        let mut message: es_message = std::mem::zeroed();
        let mut iter: es_header_iter = std::mem::zeroed();
        let mut headers: [es_header; 32] = std::mem::zeroed();
        es_decoder_init(&mut decoder);
        let (mut at, mut touched) = (0, 0);
        let none = std::ptr::null_mut();
        while es_decode(
            &mut decoder,
            stream[at..].as_ptr(),
            stream.len() - at,
            &mut message,
            none,
        ) == ES_OK
        {
            if read_headers {
                es_message_headers(&message, &mut iter);
                loop {
                    let filled = es_header_iter_fill(&mut iter, headers.as_mut_ptr(), 32);
                    for header in headers.iter().take(filled.max(0) as usize) {
                        let value = header.value;
                        touched +=
                            header.name.len + 1 + value.bytes.len + usize::from(value.type_byte);
                    }
                    if filled <= 0 {
                        break;
                    }
                }
            }
            touched += es_message_payload(&message).len;
            at += es_message_len(&message);
        }
        touched
    }
}

/// Our streaming decoder fed 16 KiB chunks, touching every header and payload
/// segment, as `decode_all` touches them.
pub fn stream_decode_all(stream: &[u8]) -> usize {
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
                            touched += touch(header);
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

/// What an SDK caller reads of a message: every header name, and the payload.
pub fn touch_sdk_message(message: &aws_smithy_types::event_stream::Message) -> usize {
    let names: usize = message
        .headers()
        .iter()
        .map(|h| h.name().as_str().len())
        .sum();
    names + message.payload().len()
}

/// The AWS SDK's receiver loop on `$krate`'s `MessageFrameDecoder`: a
/// body's `Bytes` chunks pushed into a `SegmentedBuf`, `decode_frame` until
/// `Incomplete`, every header name and payload touched.
macro_rules! sdk_receiver {
    ($(#[$doc:meta])* $name:ident, $krate:ident) => {
        $(#[$doc])*
        pub fn $name(chunks: &[bytes::Bytes]) -> usize {
            let mut decoder = $krate::frame::MessageFrameDecoder::new();
            let mut buffer = bytes_utils::SegmentedBuf::new();
            let mut touched = 0;
            for chunk in chunks {
                buffer.push(chunk.clone());
                while let $krate::frame::DecodedFrame::Complete(message) =
                    decoder.decode_frame(&mut buffer).expect("the workloads are valid")
                {
                    touched += $crate::touch_sdk_message(&message);
                }
            }
            touched
        }
    };
}
sdk_receiver!(
    /// The receiver on the real `aws-smithy-eventstream`.
    smithy_sdk_receiver,
    aws_smithy_eventstream
);
sdk_receiver!(
    /// The receiver on our drop-in (`compat/`).
    compat_sdk_receiver,
    compat
);

/// `read_message_from` on `$krate`, frame after frame of one `Bytes`
/// holding the whole stream, every header name and payload touched.
macro_rules! sdk_reader {
    ($(#[$doc:meta])* $name:ident, $krate:ident) => {
        $(#[$doc])*
        pub fn $name(stream: &bytes::Bytes) -> usize {
            let mut buf = stream.clone(); // a reference count, not a copy
            let mut touched = 0;
            while !buf.is_empty() {
                let message = $krate::frame::read_message_from(&mut buf)
                    .expect("the workloads are valid");
                touched += $crate::touch_sdk_message(&message);
            }
            touched
        }
    };
}
sdk_reader!(
    /// `read_message_from` on the real `aws-smithy-eventstream`.
    smithy_read_message_from,
    aws_smithy_eventstream
);
sdk_reader!(
    /// `read_message_from` on our drop-in (`compat/`).
    compat_read_message_from,
    compat
);
