//! Instructions per frame, for `benches/callgrind.sh`: decodes `FRAMES`
//! frames of one workload inside `measure`, the only function callgrind
//! counts. Instruction counts do not depend on what else the machine runs,
//! so they compare across machines and runs where times do not.
//!
//! Usage: `instructions WORKLOAD` with WORKLOAD one of the names in `workload`.

use eventstream_benches::{
    LAMBDA_CHUNK_SIZES, c_abi_decode_all, compat_read_message_from, compat_sdk_receiver,
    decode_all, header_heavy, small_headers, smithy_read_message_from, smithy_sdk_receiver,
    stream_decode_all,
};
use eventstream_core::lambda::ResponseEvent;
use eventstream_core::{Decoder, Status, encode_to_vec};
use std::hint::black_box;

/// Frames decoded per run: enough that setup and the first frame vanish in the mean.
const FRAMES: usize = 10_000;

fn small_frame() -> Vec<u8> {
    encode_to_vec(&small_headers(), &[b'x'; 32]).unwrap()
}

fn header_heavy_frame() -> Vec<u8> {
    encode_to_vec(&header_heavy(), &[b'x'; 32]).unwrap()
}

/// Every header and the payload of each frame touched, with a new decoder
/// for each frame: what a decoder reused across frames saves.
fn decode_fresh(stream: &[u8]) -> usize {
    let mut rest = stream;
    let mut touched = 0;
    while let Ok(Status::Complete(message)) = Decoder::new().decode(rest) {
        for header in message.headers() {
            touched += eventstream_benches::touch(header);
        }
        touched += message.payload().len();
        rest = &rest[message.len()..];
    }
    touched
}

fn typed_lambda(stream: &[u8]) -> usize {
    let mut touched = 0;
    for message in eventstream_benches::frames(stream) {
        if let Ok(ResponseEvent::PayloadChunk(chunk)) = ResponseEvent::from_message(message) {
            touched += chunk.payload().len();
        }
    }
    touched
}

/// `MessageStream`'s owned messages over 16 KiB `Bytes` chunks, as hyper
/// hands a body out, each message's headers and payload read.
/// The chunks are made before `measure`, in [`BODY`].
fn message_stream() -> usize {
    let mut messages = eventstream::MessageStream::new(Chunks(body().iter()));
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    let mut touched = 0;
    while let std::task::Poll::Ready(Some(message)) =
        futures_core::Stream::poll_next(std::pin::Pin::new(&mut messages), &mut cx)
    {
        let message = message.unwrap();
        let message = message.as_ref();
        for header in message.headers() {
            touched += eventstream_benches::touch(header);
        }
        touched += message.payload().len();
    }
    touched
}

/// The body `message_stream` and the SDK's receivers read: 16 KiB chunks
/// of one `Bytes`, made in `main` before `measure`.
static BODY: std::sync::OnceLock<Vec<bytes::Bytes>> = std::sync::OnceLock::new();

fn body() -> &'static [bytes::Bytes] {
    BODY.get().expect("made in main")
}

/// The stream as one `Bytes`, for `read_message_from`, made in `main`.
static WHOLE: std::sync::OnceLock<bytes::Bytes> = std::sync::OnceLock::new();

fn whole() -> &'static bytes::Bytes {
    WHOLE.get().expect("made in main")
}

/// A body in memory, as a `Stream` of chunks.
struct Chunks(std::slice::Iter<'static, bytes::Bytes>);

impl futures_core::Stream for Chunks {
    type Item = Result<bytes::Bytes, std::io::Error>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(self.0.next().cloned().map(Ok))
    }
}

/// `write_message_to` of the stream's first message, `FRAMES` times.
macro_rules! sdk_writer {
    ($name:ident, $krate:ident) => {
        fn $name(stream: &[u8]) -> usize {
            let message = aws_smithy_eventstream::frame::read_message_from(stream).unwrap();
            let mut out = Vec::with_capacity(stream.len() / FRAMES + 64);
            (0..FRAMES)
                .map(|_| {
                    out.clear();
                    $krate::frame::write_message_to(black_box(&message), &mut out).unwrap();
                    out.len()
                })
                .sum()
        }
    };
}
sdk_writer!(smithy_writer, aws_smithy_eventstream);
sdk_writer!(compat_writer, compat);

/// One `crc32fast::hash` call per frame, over the whole frame: the limit
/// the typed Lambda bench compares with.
fn crc_per_frame(stream: &[u8]) -> usize {
    let mut rest = stream;
    let mut sum = 0;
    while let Some((len, _)) = rest.split_first_chunk::<4>() {
        let (frame, after) = rest.split_at(u32::from_be_bytes(*len) as usize);
        sum += crc32fast::hash(black_box(frame)) as usize;
        rest = after;
    }
    sum
}

/// The workload called `name`: each its own function, reached through a
/// pointer, so that no workload is inlined into `measure` and a change to
/// one cannot move another's count through shared code.
fn workload(name: &str) -> fn(&[u8]) -> usize {
    match name {
        "small" | "header_heavy" => |stream| decode_all(stream, true),
        "small_fresh" | "header_heavy_fresh" => decode_fresh,
        "typed_lambda" | "typed_lambda_mixed" => typed_lambda,
        "crc_lambda_mixed" => crc_per_frame,
        "c_abi_small" | "c_abi_header_heavy" => |stream| c_abi_decode_all(stream, true),
        "decode_only_small" => |stream| decode_all(stream, false),
        "c_abi_decode_only_small" => |stream| c_abi_decode_all(stream, false),
        "stream_small" => stream_decode_all,
        "message_stream_small" => |_| message_stream(),
        "smithy_small" | "smithy_header_heavy" => |_| smithy_sdk_receiver(body()),
        "compat_small" | "compat_header_heavy" => |_| compat_sdk_receiver(body()),
        "smithy_read_small" | "smithy_read_header_heavy" => |_| smithy_read_message_from(whole()),
        "compat_read_small" | "compat_read_header_heavy" => |_| compat_read_message_from(whole()),
        "smithy_write_small" | "smithy_write_header_heavy" => smithy_writer,
        "compat_write_small" | "compat_write_header_heavy" => compat_writer,
        "crc_small" => |stream| {
            let frame_len = u32::from_be_bytes(stream[..4].try_into().unwrap()) as usize;
            stream
                .chunks(frame_len)
                .map(|frame| crc32fast::hash(&frame[..frame.len() - 4]) as usize)
                .sum()
        },
        other => panic!("unknown workload {other}"),
    }
}

/// What callgrind counts: one run of a workload.
#[inline(never)]
fn measure(run: fn(&[u8]) -> usize, stream: &[u8]) -> usize {
    run(stream)
}

fn main() {
    let name = std::env::args()
        .nth(1)
        .expect("usage: instructions WORKLOAD");
    let stream = match name.as_str() {
        "header_heavy"
        | "header_heavy_fresh"
        | "c_abi_header_heavy"
        | "smithy_header_heavy"
        | "compat_header_heavy"
        | "smithy_read_header_heavy"
        | "compat_read_header_heavy"
        | "smithy_write_header_heavy"
        | "compat_write_header_heavy" => header_heavy_frame().repeat(FRAMES),
        "typed_lambda" => eventstream_benches::payload_chunk(&[b'x'; 32]).repeat(FRAMES),
        // The criterion bench's Lambda stream: `PayloadChunk`s of each size in turn.
        "typed_lambda_mixed" | "crc_lambda_mixed" => LAMBDA_CHUNK_SIZES
            .map(|size| eventstream_benches::payload_chunk(&vec![b'x'; size]))
            .concat()
            .repeat(FRAMES / LAMBDA_CHUNK_SIZES.len()),
        _ => small_frame().repeat(FRAMES),
    };
    let body = bytes::Bytes::copy_from_slice(&stream);
    let chunks = (0..body.len()).step_by(16 * 1024);
    let chunks = chunks.map(|at| body.slice(at..(at + 16 * 1024).min(body.len())));
    BODY.get_or_init(|| chunks.collect());
    WHOLE.get_or_init(|| body.clone());
    println!(
        "{}",
        black_box(measure(black_box(workload(&name)), black_box(&stream)))
    );
}
