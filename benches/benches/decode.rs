//! Decode and encode throughput, side by side with aws-smithy-eventstream and
//! the raw CRC (the physical limit: a validating decoder hashes every byte once).
//!
//! Run: `cargo bench -p eventstream-benches`. Only ratios within one run mean anything.

use aws_smithy_eventstream::frame::{
    DecodedFrame, MessageFrameDecoder, read_message_from, write_message_to,
};
use aws_smithy_types::event_stream::{
    Header as SmithyHeader, HeaderValue as SmithyValue, Message as SmithyMessage,
};
use bytes::Bytes;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use eventstream_benches::{
    LAMBDA_CHUNK_SIZES, c_abi_decode_all, compat_read_message_from, compat_sdk_receiver,
    decode_all, header_heavy, small_headers, smithy_read_message_from, smithy_sdk_receiver,
    stream_decode_all,
};
use eventstream_core::lambda::ResponseEvent;
use eventstream_core::{Decoder, encode, encode_to_vec};
use std::future::Future;
use std::hint::black_box;

/// A workload: a name and a stream of frames.
struct Workload {
    name: &'static str,
    stream: Vec<u8>,
    frames: usize,
}

fn repeat(name: &'static str, frame: Vec<u8>, target_bytes: usize) -> Workload {
    let frames = (target_bytes / frame.len()).max(1);
    Workload {
        name,
        stream: frame.repeat(frames),
        frames,
    }
}

fn workloads() -> Vec<Workload> {
    let transcribe = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../testdata/smithy-rs/recorded/transcribestreaming_success.response.bin"
    ))
    .expect("recorded stream in testdata/");
    vec![
        repeat(
            "small_32B",
            encode_to_vec(&small_headers(), &[b'x'; 32]).unwrap(),
            256 * 1024,
        ),
        repeat(
            "payload_1KiB",
            encode_to_vec(&small_headers(), &[b'x'; 1024]).unwrap(),
            1024 * 1024,
        ),
        repeat(
            "payload_64KiB",
            encode_to_vec(&small_headers(), &vec![b'x'; 64 * 1024]).unwrap(),
            4 * 1024 * 1024,
        ),
        repeat(
            "header_heavy_20",
            encode_to_vec(&header_heavy(), &[b'x'; 32]).unwrap(),
            256 * 1024,
        ),
        Workload {
            name: "transcribe_recorded",
            frames: 35,
            stream: transcribe,
        },
    ]
}

/// Our blocking Reader over an in-memory `Read`, touching every header and the payload.
fn ours_reader(stream: &[u8]) -> usize {
    let mut reader = eventstream::Reader::new(stream);
    let mut touched = 0;
    while let Some(message) = reader.read_message().unwrap() {
        for header in message.headers() {
            touched += eventstream_benches::touch(header);
        }
        touched += message.payload().len();
    }
    touched
}

/// A body as hyper and reqwest hand it out: `Bytes` chunks of 16 KiB.
struct Chunks<'a>(std::slice::Iter<'a, Bytes>);

impl futures_core::Stream for Chunks<'_> {
    type Item = Result<Bytes, std::io::Error>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(self.0.next().cloned().map(Ok))
    }
}

fn chunks_of(stream: &Bytes) -> Vec<Bytes> {
    (0..stream.len())
        .step_by(16 * 1024)
        .map(|at| stream.slice(at..(at + 16 * 1024).min(stream.len())))
        .collect()
}

/// Drains a stream whose items are always ready (in-memory chunks).
fn drain<S: futures_core::Stream + Unpin>(mut stream: S, mut each: impl FnMut(S::Item)) {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    while let std::task::Poll::Ready(Some(item)) =
        std::pin::Pin::new(&mut stream).poll_next(&mut cx)
    {
        each(item);
    }
}

/// Our `MessageStream` over 16 KiB `Bytes` chunks, touching every header and
/// the payload through the message's borrowed view (`payload()` would add a
/// reference count, for a consumer that keeps the payload).
fn ours_message_stream(chunks: &[Bytes]) -> usize {
    let mut touched = 0;
    let body = Chunks(chunks.iter());
    drain(eventstream::MessageStream::new(body), |message| {
        let message = message.unwrap();
        let message = message.as_ref();
        for header in message.headers() {
            touched += eventstream_benches::touch(header);
        }
        touched += message.payload().len();
    });
    touched
}

/// `MessageStream::read_message` over the same chunks: each frame lent from
/// the chunk it lies in, without the owned path's reference count.
fn ours_message_stream_lending(chunks: &[Bytes]) -> usize {
    let mut touched = 0;
    let mut stream = eventstream::MessageStream::new(Chunks(chunks.iter()));
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        // The chunks are in memory: every call completes in one poll.
        let next = std::pin::pin!(stream.read_message()).poll(&mut cx);
        let std::task::Poll::Ready(Ok(Some(message))) = next else {
            break;
        };
        for header in message.headers() {
            touched += eventstream_benches::touch(header);
        }
        touched += message.payload().len();
    }
    touched
}

fn smithy_frame_decoder(stream: &[u8]) -> usize {
    let mut decoder = MessageFrameDecoder::new();
    let mut buffer = bytes::BytesMut::new();
    let mut touched = 0;
    for chunk in stream.chunks(16 * 1024) {
        buffer.extend_from_slice(chunk);
        while let DecodedFrame::Complete(message) = decoder.decode_frame(&mut buffer).unwrap() {
            for header in message.headers() {
                touched += header.name().as_str().len();
            }
            touched += message.payload().len();
        }
    }
    touched
}

/// The frames of a stream, each as its bytes.
fn frames_of(stream: &[u8]) -> Vec<&[u8]> {
    eventstream_benches::frames(stream)
        .map(|f| f.as_bytes())
        .collect()
}

/// The limit for any per-frame checker: one `crc32fast::hash` call per frame.
/// Inlined into the timed closure: out of line it measured 7% slower on small
/// frames, which would flatter every decoder compared with it.
#[inline(always)]
fn crc32fast_per_frame(frames: &[&[u8]]) -> u32 {
    frames
        .iter()
        .map(|f| crc32fast::hash(black_box(f)))
        .fold(0, |a, c| a ^ c)
}

/// Each frame cut where 16 KiB input chunks end, as a decoder fed those
/// chunks sees it.
fn pieces_of<'a>(stream: &'a [u8], frames: &[&[u8]]) -> Vec<Vec<&'a [u8]>> {
    let mut start = 0;
    frames
        .iter()
        .map(|frame| {
            let end = start + frame.len();
            let mut pieces = Vec::new();
            let mut at = start;
            while at < end {
                let chunk_end = (at / (16 * 1024) + 1) * 16 * 1024;
                pieces.push(&stream[at..end.min(chunk_end)]);
                at = end.min(chunk_end);
            }
            start = end;
            pieces
        })
        .collect()
}

/// The limit for a decoder fed 16 KiB chunks that never copies a payload:
/// each frame's CRC computed over the pieces the chunks cut it into.
#[inline(always)]
fn crc32fast_per_piece(frames: &[Vec<&[u8]>]) -> u32 {
    frames
        .iter()
        .map(|pieces| {
            let mut hasher = crc32fast::Hasher::new();
            pieces
                .iter()
                .for_each(|piece| hasher.update(black_box(piece)));
            hasher.finalize()
        })
        .fold(0, |a, c| a ^ c)
}

fn decode_benches(c: &mut Criterion) {
    for workload in workloads() {
        let mut group = c.benchmark_group(format!("decode/{}", workload.name));
        group.throughput(Throughput::Bytes(workload.stream.len() as u64));
        let stream = &workload.stream[..];
        let shared = Bytes::copy_from_slice(stream);
        let frames = frames_of(stream);
        assert_eq!(frames.len(), workload.frames);
        assert_eq!(
            decode_all(stream, true) > 0,
            smithy_read_message_from(&shared) > 0
        );
        assert_eq!(decode_all(stream, true), stream_decode_all(stream));
        group.bench_function("ours/Decoder", |b| {
            b.iter(|| decode_all(black_box(stream), true))
        });
        group.bench_function("ours/C_ABI_es_decode", |b| {
            b.iter(|| c_abi_decode_all(black_box(stream), true))
        });
        assert_eq!(decode_all(stream, false), c_abi_decode_all(stream, false));
        group.bench_function("ours/Decoder_call", |b| {
            b.iter(|| decode_all(black_box(stream), false))
        });
        group.bench_function("ours/C_ABI_es_decode_call", |b| {
            b.iter(|| c_abi_decode_all(black_box(stream), false))
        });
        assert_eq!(decode_all(stream, true), ours_reader(stream));
        group.bench_function("ours/Reader", |b| b.iter(|| ours_reader(black_box(stream))));
        let chunks = chunks_of(&shared);
        assert_eq!(decode_all(stream, true), ours_message_stream(&chunks));
        group.bench_function("ours/MessageStream_16KiB", |b| {
            b.iter(|| ours_message_stream(black_box(&chunks)))
        });
        assert_eq!(
            decode_all(stream, true),
            ours_message_stream_lending(&chunks)
        );
        group.bench_function("ours/MessageStream_read_message_16KiB", |b| {
            b.iter(|| ours_message_stream_lending(black_box(&chunks)))
        });
        group.bench_function("ours/StreamDecoder_16KiB", |b| {
            b.iter(|| stream_decode_all(black_box(stream)))
        });
        group.bench_function("smithy/read_message_from", |b| {
            b.iter(|| smithy_read_message_from(black_box(&shared)))
        });
        group.bench_function("smithy/MessageFrameDecoder_16KiB", |b| {
            b.iter(|| smithy_frame_decoder(black_box(stream)))
        });
        group.bench_function("limit/crc32fast_per_frame", |b| {
            b.iter(|| crc32fast_per_frame(&frames))
        });
        let pieces = pieces_of(stream, &frames);
        group.bench_function("limit/crc32fast_per_16KiB_piece", |b| {
            b.iter(|| crc32fast_per_piece(&pieces))
        });
        // What any `Read`-based reader must do at least: copy each frame out of
        // the source into its own buffer, then hash it.
        let mut scratch = vec![0u8; frames.iter().map(|f| f.len()).max().unwrap_or(0)];
        group.bench_function("limit/copy_then_crc32fast_per_frame", |b| {
            b.iter(|| {
                frames.iter().fold(0, |acc, f| {
                    let copy = &mut scratch[..f.len()];
                    copy.copy_from_slice(black_box(f));
                    acc ^ crc32fast::hash(copy)
                })
            })
        });
        group.bench_function("limit/crc32fast_one_call", |b| {
            b.iter(|| crc32fast::hash(black_box(stream)))
        });
        group.finish();
    }
}

/// A Lambda `InvokeWithResponseStream` body: `PayloadChunk`s of the sizes a
/// function's writes produce (a few bytes to a few KiB), then `InvokeComplete`.
fn lambda_stream() -> (Vec<u8>, usize) {
    let mut stream = Vec::new();
    let mut chunks = 0;
    while stream.len() < 256 * 1024 {
        let size = LAMBDA_CHUNK_SIZES[chunks % LAMBDA_CHUNK_SIZES.len()];
        stream.extend(eventstream_benches::payload_chunk(&vec![b'x'; size]));
        chunks += 1;
    }
    stream.extend(eventstream_benches::invoke_complete(
        r#"{"LogResult":"U1RBUlQgUmVxdWVzdElkOiBleGFtcGxl"}"#,
    ));
    (stream, chunks)
}

/// Our typed reader over an in-memory `Read`: payload bytes and whether the invocation failed.
fn ours_response_reader(stream: &[u8]) -> usize {
    let mut reader = eventstream::lambda::ResponseReader::new(stream);
    let mut touched = 0;
    while let Some(event) = reader.read_event().unwrap() {
        touched += match event {
            ResponseEvent::PayloadChunk(chunk) => chunk.payload().len(),
            ResponseEvent::InvokeComplete(done) => usize::from(done.error_code().is_some()) + 1,
            ResponseEvent::Unknown { .. } => 0,
        };
    }
    touched
}

/// The core typed view over a buffer held whole.
fn ours_typed_decoder(stream: &[u8]) -> usize {
    let mut touched = 0;
    for message in eventstream_benches::frames(stream) {
        touched += match ResponseEvent::from_message(message).unwrap() {
            ResponseEvent::PayloadChunk(chunk) => chunk.payload().len(),
            ResponseEvent::InvokeComplete(done) => usize::from(done.error_code().is_some()) + 1,
            ResponseEvent::Unknown { .. } => 0,
        };
    }
    touched
}

/// Our typed stream over 16 KiB body chunks, as a hyper or reqwest client reads it.
fn ours_response_event_stream(chunks: &[Bytes]) -> usize {
    use eventstream::lambda::OwnedEvent;
    let mut touched = 0;
    let body = Chunks(chunks.iter());
    drain(
        eventstream::lambda::ResponseEventStream::new(body),
        |event| {
            touched += match event.unwrap() {
                OwnedEvent::PayloadChunk(payload) => payload.len(),
                OwnedEvent::InvokeComplete(done) => usize::from(done.error_code.is_some()) + 1,
                OwnedEvent::Unknown { .. } => 0,
            }
        },
    );
    touched
}

/// smithy's decoder with the event-type dispatch an SDK's unmarshaller does
/// first (its JSON parse of `InvokeComplete` is left out, to smithy's favour).
fn smithy_lambda(stream: &Bytes) -> usize {
    let mut buf = stream.clone();
    let mut touched = 0;
    while !buf.is_empty() {
        let message = read_message_from(&mut buf).unwrap();
        let event_type = message
            .headers()
            .iter()
            .find(|h| h.name().as_str() == ":event-type")
            .and_then(|h| h.value().as_string().ok().map(|s| s.as_str().to_owned()));
        touched += match event_type.as_deref() {
            Some("PayloadChunk") => message.payload().len(),
            Some("InvokeComplete") => 1,
            _ => 0,
        };
    }
    touched
}

fn lambda_benches(c: &mut Criterion) {
    let (stream, chunks) = lambda_stream();
    let shared = Bytes::copy_from_slice(&stream);
    let mut group = c.benchmark_group("lambda/response_stream");
    group.throughput(Throughput::Bytes(stream.len() as u64));
    assert_eq!(ours_response_reader(&stream), ours_typed_decoder(&stream));
    assert_eq!(ours_response_reader(&stream), smithy_lambda(&shared));
    assert_eq!(eventstream_benches::frames(&stream).count(), chunks + 1);
    group.bench_function("ours/ResponseReader", |b| {
        b.iter(|| ours_response_reader(black_box(&stream)))
    });
    group.bench_function("ours/Decoder_ResponseEvent", |b| {
        b.iter(|| ours_typed_decoder(black_box(&stream)))
    });
    let chunks = chunks_of(&shared);
    assert_eq!(
        ours_typed_decoder(&stream),
        ours_response_event_stream(&chunks)
    );
    group.bench_function("ours/ResponseEventStream_16KiB", |b| {
        b.iter(|| ours_response_event_stream(black_box(&chunks)))
    });
    group.bench_function("smithy/read_message_from", |b| {
        b.iter(|| smithy_lambda(black_box(&shared)))
    });
    let frames = frames_of(&stream);
    group.bench_function("limit/crc32fast_per_frame", |b| {
        b.iter(|| crc32fast_per_frame(&frames))
    });
    group.finish();
}

/// Looking one header up: in a borrowed view, and in an owned `Message`,
/// which must answer as fast (it keeps what decoding learned).
fn lookup_benches(c: &mut Criterion) {
    let frame = encode_to_vec(&small_headers(), &[b'x'; 32]).unwrap();
    let view = Decoder::new().decode(&frame).unwrap().complete().unwrap();
    let owned = eventstream::Message::from(view);
    let mut group = c.benchmark_group("lookup/event_type");
    group.throughput(Throughput::Elements(1));
    group.bench_function("ours/MessageRef_header", |b| {
        b.iter(|| black_box(&view).header(black_box(":event-type")))
    });
    group.bench_function("ours/Message_header", |b| {
        b.iter(|| black_box(&owned).as_ref().header(black_box(":event-type")))
    });
    group.finish();
}

fn encode_benches(c: &mut Criterion) {
    let headers = small_headers();
    let payload = [b'x'; 32];
    let smithy = SmithyMessage::new_from_parts(
        headers
            .iter()
            .map(|h| {
                SmithyHeader::new(
                    h.name.to_string(),
                    SmithyValue::String(h.value.as_str().unwrap().to_string().into()),
                )
            })
            .collect(),
        Bytes::copy_from_slice(&payload),
    );
    let mut group = c.benchmark_group("encode/small_32B");
    group.throughput(Throughput::Elements(1));
    let mut out = vec![0u8; 256];
    group.bench_function(BenchmarkId::new("ours", "encode"), |b| {
        b.iter(|| encode(black_box(&headers), black_box(&payload), &mut out).unwrap())
    });
    let mut smithy_out = Vec::with_capacity(256);
    group.bench_function(BenchmarkId::new("smithy", "write_message_to"), |b| {
        b.iter(|| {
            smithy_out.clear();
            write_message_to(black_box(&smithy), &mut smithy_out).unwrap();
            smithy_out.len()
        })
    });
    group.finish();
}

/// The real `aws-smithy-eventstream` against the drop-in on our core
/// (`compat/`), on the same frames, as the SDK calls them.
fn compat_benches(c: &mut Criterion) {
    for workload in workloads()
        .into_iter()
        .filter(|w| w.name != "transcribe_recorded")
    {
        let mut group = c.benchmark_group(format!("compat/{}", workload.name));
        group.throughput(Throughput::Bytes(workload.stream.len() as u64));
        let shared = Bytes::from(workload.stream.clone());
        let chunks = chunks_of(&shared);
        assert_eq!(compat_sdk_receiver(&chunks), smithy_sdk_receiver(&chunks));
        assert_eq!(
            compat_read_message_from(&shared),
            smithy_read_message_from(&shared)
        );
        group.bench_function("smithy/decode_frame_SegmentedBuf_16KiB", |b| {
            b.iter(|| smithy_sdk_receiver(black_box(&chunks)))
        });
        group.bench_function("compat/decode_frame_SegmentedBuf_16KiB", |b| {
            b.iter(|| compat_sdk_receiver(black_box(&chunks)))
        });
        group.bench_function("smithy/read_message_from", |b| {
            b.iter(|| smithy_read_message_from(black_box(&shared)))
        });
        group.bench_function("compat/read_message_from", |b| {
            b.iter(|| compat_read_message_from(black_box(&shared)))
        });
        // One frame written per iteration, the SDK's sender's way.
        let message = read_message_from(&mut shared.clone()).unwrap();
        let mut out = Vec::with_capacity(workload.stream.len() / workload.frames + 64);
        group.throughput(Throughput::Elements(1));
        group.bench_function("smithy/write_message_to", |b| {
            b.iter(|| {
                out.clear();
                write_message_to(black_box(&message), &mut out).unwrap();
                out.len()
            })
        });
        group.bench_function("compat/write_message_to", |b| {
            b.iter(|| {
                out.clear();
                compat::frame::write_message_to(black_box(&message), &mut out).unwrap();
                out.len()
            })
        });
        group.finish();
    }
}

/// criterion_group! generates an undocumented `pub fn`; keep it in its own module.
#[allow(missing_docs)]
mod harness {
    use super::*;
    criterion_group!(
        benches,
        decode_benches,
        lambda_benches,
        lookup_benches,
        encode_benches,
        compat_benches
    );
}
criterion_main!(harness::benches);
