//! The async readers (tokio and futures-io), the async writer, the tokio_util
//! codec and the HTTP-body adapter, over sources that return `Pending` and
//! tiny reads; cancel safety; truncation and faults.

use bytes::Bytes;
use eventstream::{Error, EventStreamCodec, Header, HeaderValue, MessageStream, OwnedMessage};
use futures_core::Stream;
use std::future::Future;
use std::io;
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// A source that alternates `Pending` (waking itself) with reads of `step` bytes.
struct Dribble {
    data: Vec<u8>,
    step: usize,
    pending_next: bool,
}

impl Dribble {
    fn new(data: &[u8], step: usize) -> Self {
        Dribble {
            data: data.to_vec(),
            step,
            pending_next: true,
        }
    }

    fn poll(&mut self, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
        self.pending_next = !self.pending_next;
        if !self.pending_next {
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        let n = self.step.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data.drain(..n);
        Poll::Ready(Ok(n))
    }
}

impl tokio::io::AsyncRead for Dribble {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let n = std::task::ready!(self.poll(cx, buf.initialize_unfilled()))?;
        buf.advance(n);
        Poll::Ready(Ok(()))
    }
}

impl futures_io::AsyncRead for Dribble {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        self.poll(cx, buf)
    }
}

fn recorded() -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../testdata/smithy-rs/recorded/transcribestreaming_success.response.bin"),
    )
    .unwrap()
}

fn reference(bytes: &[u8]) -> Vec<OwnedMessage> {
    eventstream::Reader::new(bytes)
        .map(|m| OwnedMessage::from(&m.unwrap()))
        .collect()
}

async fn next<S: Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    std::future::poll_fn(|cx| Pin::new(&mut *stream).poll_next(cx)).await
}

#[tokio::test]
async fn tokio_reader_reads_the_recorded_stream_through_pending_and_tiny_reads() {
    let bytes = recorded();
    for step in [1, 7, 4096] {
        let mut reader = eventstream::tokio::AsyncReader::new(Dribble::new(&bytes, step));
        let mut got = Vec::new();
        while let Some(message) = reader.read_message().await.unwrap() {
            got.push(OwnedMessage::from(message));
        }
        assert_eq!(got, reference(&bytes), "step {step}");
    }
}

#[tokio::test]
async fn futures_reader_reads_the_recorded_stream_as_owned_messages() {
    let bytes = recorded();
    let mut reader = eventstream::futures::AsyncReader::new(Dribble::new(&bytes, 13));
    let mut got = Vec::new();
    while let Some(message) = next(&mut reader).await {
        got.push(OwnedMessage::from(message.unwrap().as_ref()));
    }
    assert_eq!(got, reference(&bytes));
}

#[test]
fn read_message_is_cancel_safe() {
    let bytes = recorded();
    let mut reader = eventstream::tokio::AsyncReader::new(Dribble::new(&bytes, 3));
    let mut cx = Context::from_waker(Waker::noop());
    let mut got = Vec::new();
    let mut polls = 0usize;
    loop {
        // Poll a fresh future a few times, then drop it (usually mid-frame).
        let budget = 1 + polls % 5;
        let mut finished = None;
        {
            let mut future = Box::pin(reader.read_message());
            for _ in 0..budget {
                polls += 1;
                if let Poll::Ready(result) = future.as_mut().poll(&mut cx) {
                    finished = Some(result.unwrap().map(OwnedMessage::from));
                    break;
                }
            }
        }
        match finished {
            Some(Some(message)) => got.push(message),
            Some(None) => break,
            None => {} // dropped mid-frame: nothing may be lost
        }
    }
    assert_eq!(got, reference(&bytes));
    assert!(
        polls > got.len() * 10,
        "the futures were really dropped mid-frame"
    );
}

#[tokio::test]
async fn async_readers_report_truncation_and_fuse_after_decode_errors() {
    let frame = eventstream::encode_to_vec(&[], b"abcdef").unwrap();
    let mut reader = eventstream::tokio::AsyncReader::new(&frame[..frame.len() - 2]);
    assert!(matches!(
        reader.read_message().await,
        Err(Error::UnexpectedEof {
            buffered: 20,
            needed: 2
        })
    ));

    let mut bad = frame.clone();
    bad[13] ^= 0x40;
    let mut reader = eventstream::futures::AsyncReader::new(Dribble::new(&bad, 5));
    assert!(matches!(reader.read_message().await, Err(Error::Decode(_))));
    assert!(reader.read_message().await.unwrap().is_none());
}

/// A tokio writer accepting at most 2 bytes per call.
struct Narrow(Vec<u8>);

impl tokio::io::AsyncWrite for Narrow {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let n = buf.len().min(2);
        self.0.extend_from_slice(&buf[..n]);
        Poll::Ready(Ok(n))
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

#[tokio::test]
async fn async_writer_writes_whole_frames_through_partial_writes() {
    let headers = [Header::new(
        ":event-type",
        HeaderValue::String("PayloadChunk"),
    )];
    let mut writer = eventstream::AsyncWriter::new(Narrow(Vec::new()));
    writer
        .write_message(&headers, b"hello world")
        .await
        .unwrap();
    writer.flush().await.unwrap();
    writer.shutdown().await.unwrap();
    assert_eq!(
        writer.into_inner().0,
        eventstream::encode_to_vec(&headers, b"hello world").unwrap()
    );
}

#[tokio::test]
async fn framed_read_with_the_codec_decodes_and_reports_a_truncated_tail() {
    let bytes = recorded();
    let mut framed =
        tokio_util::codec::FramedRead::new(Dribble::new(&bytes, 700), EventStreamCodec::new());
    let mut got = Vec::new();
    while let Some(message) = next(&mut framed).await {
        got.push(OwnedMessage::from(message.unwrap().as_ref()));
    }
    assert_eq!(got, reference(&bytes));

    let truncated = &bytes[..bytes.len() - 10];
    let mut framed = tokio_util::codec::FramedRead::new(truncated, EventStreamCodec::new());
    let mut last = None;
    while let Some(item) = next(&mut framed).await {
        last = Some(item);
    }
    assert!(
        matches!(last, Some(Err(Error::UnexpectedEof { needed: 10, .. }))),
        "{last:?}"
    );
}

#[tokio::test]
async fn codec_encodes_what_it_decodes() {
    use tokio_util::codec::{Decoder as _, Encoder as _};
    let mut owned = OwnedMessage {
        headers: Vec::new(),
        payload: b"payload".to_vec(),
    };
    owned.headers.push(eventstream::OwnedHeader {
        name: "k".into(),
        value: eventstream::OwnedHeaderValue::Uuid([3; 16]),
    });
    let mut codec = EventStreamCodec::new();
    let mut buf = bytes::BytesMut::new();
    codec.encode(&owned, &mut buf).unwrap();
    let message = codec.decode(&mut buf).unwrap().unwrap();
    assert_eq!(OwnedMessage::from(message.as_ref()), owned);
    codec.encode(message.clone(), &mut buf).unwrap();
    assert_eq!(buf.freeze(), Bytes::from(message));
}

/// A body stream of chunks, possibly ending in an error.
struct Body(std::vec::IntoIter<Result<Bytes, io::Error>>);

impl Stream for Body {
    type Item = Result<Bytes, io::Error>;
    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.0.next())
    }
}

fn chunks(bytes: &[u8], size: usize) -> Vec<Result<Bytes, io::Error>> {
    bytes
        .chunks(size)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect()
}

#[tokio::test]
async fn message_stream_decodes_a_chunked_body_and_reports_faults() {
    let bytes = recorded();
    for size in [1, 100, 5000, bytes.len()] {
        let mut stream = MessageStream::new(Body(chunks(&bytes, size).into_iter()));
        let mut got = Vec::new();
        while let Some(message) = next(&mut stream).await {
            got.push(OwnedMessage::from(message.unwrap().as_ref()));
        }
        assert_eq!(got, reference(&bytes), "chunk size {size}");
    }

    let mut faulty = chunks(&bytes[..1000], 300);
    faulty.push(Err(io::Error::new(
        io::ErrorKind::ConnectionAborted,
        "reset by peer",
    )));
    let mut stream = MessageStream::new(Body(faulty.into_iter()));
    let mut last = None;
    while let Some(item) = next(&mut stream).await {
        last = Some(item);
    }
    assert!(matches!(last, Some(Err(Error::Io(_)))), "{last:?}");

    let mut stream = MessageStream::new(Body(chunks(&bytes[..bytes.len() - 1], 4096).into_iter()));
    let mut last = None;
    while let Some(item) = next(&mut stream).await {
        last = Some(item);
    }
    assert!(
        matches!(last, Some(Err(Error::UnexpectedEof { needed: 1, .. }))),
        "{last:?}"
    );
}

/// A frame that lies inside one body chunk is handed out as a slice of that
/// chunk: its payload points into the chunk's memory. One split across
/// chunks is gathered, and still right.
#[tokio::test]
async fn message_stream_hands_out_frames_inside_a_chunk_without_copying() {
    let frame = eventstream::encode_to_vec(&[], b"zero-copy payload").unwrap();
    let chunk = Bytes::from([&frame[..], &frame[..], &frame[..5]].concat());
    let rest = Bytes::copy_from_slice(&frame[5..]);
    let body = Body(vec![Ok(chunk.clone()), Ok(rest)].into_iter());
    let mut stream = MessageStream::new(body);
    let chunk_memory = chunk.as_ptr_range();
    for index in 0..2 {
        let message = next(&mut stream).await.unwrap().unwrap();
        let payload = message.payload();
        assert!(
            chunk_memory.contains(&payload.as_ptr()),
            "frame {index}: payload copied out of the chunk"
        );
        assert_eq!(payload, "zero-copy payload");
    }
    let gathered = next(&mut stream).await.unwrap().unwrap();
    assert!(!chunk_memory.contains(&gathered.payload().as_ptr()));
    assert_eq!(gathered.payload(), "zero-copy payload");
    assert_eq!(stream.position(), frame.len() as u64 * 3);
    assert!(next(&mut stream).await.is_none());
}

/// `read_message` lends each frame from the chunk it lies in (or from the
/// buffer a split frame was gathered into), gives the same frames as the
/// owned path at every chunk size, mixes with it, and reports the same faults.
#[tokio::test]
async fn message_stream_lends_frames_without_reference_counts() {
    let bytes = recorded();
    for size in [1, 7, 100, 5000, bytes.len()] {
        let mut stream = MessageStream::new(Body(chunks(&bytes, size).into_iter()));
        let mut got = Vec::new();
        while let Some(message) = stream.read_message().await.unwrap() {
            got.push(OwnedMessage::from(message));
        }
        assert_eq!(got, reference(&bytes), "chunk size {size}");
        assert_eq!(stream.position(), bytes.len() as u64);
        assert!(stream.read_message().await.unwrap().is_none());
    }

    // Borrowed and owned calls in turn, over frames inside and across chunks.
    let expected = reference(&bytes);
    let mut stream = MessageStream::new(Body(chunks(&bytes, 777).into_iter()));
    let mut got = Vec::new();
    for index in 0.. {
        let message = match index % 2 {
            0 => stream.read_message().await.unwrap().map(OwnedMessage::from),
            _ => next(&mut stream)
                .await
                .map(|m| OwnedMessage::from(m.unwrap().as_ref())),
        };
        let Some(message) = message else { break };
        got.push(message);
        let read: usize = expected[..got.len()]
            .iter()
            .map(|m| m.encode().unwrap().len())
            .sum();
        assert_eq!(stream.position(), read as u64);
    }
    assert_eq!(got, expected);

    // Lent from the chunk: the payload points into the chunk's memory.
    let frame = eventstream::encode_to_vec(&[], b"lent payload").unwrap();
    let chunk = Bytes::from([&frame[..], &frame[..], &frame[..5]].concat());
    let rest = Bytes::copy_from_slice(&frame[5..]);
    let mut stream = MessageStream::new(Body(vec![Ok(chunk.clone()), Ok(rest)].into_iter()));
    let chunk_memory = chunk.as_ptr_range();
    for index in 0..3 {
        let message = stream.read_message().await.unwrap().unwrap();
        assert_eq!(message.payload(), b"lent payload");
        let inside = chunk_memory.contains(&message.payload().as_ptr());
        assert_eq!(inside, index < 2, "frame {index}");
    }
    assert!(stream.read_message().await.unwrap().is_none());

    // A body cut inside a frame, and a corrupt frame, end it with an error.
    let mut stream = MessageStream::new(Body(chunks(&bytes[..bytes.len() - 1], 4096).into_iter()));
    let last = loop {
        match stream.read_message().await {
            Ok(Some(_)) => {}
            other => break other.map(|m| m.map(|m| m.len())),
        }
    };
    assert!(
        matches!(last, Err(Error::UnexpectedEof { needed: 1, .. })),
        "{last:?}"
    );
    let mut bad = frame.clone();
    bad[20] ^= 1;
    let mut stream = MessageStream::new(Body(chunks(&bad, 4096).into_iter()));
    let first = stream.read_message().await.map(|m| m.map(|m| m.len()));
    assert!(
        matches!(
            first,
            Err(Error::Decode(
                eventstream::DecodeError::MessageChecksum { .. }
            ))
        ),
        "{first:?}"
    );
    assert!(stream.read_message().await.unwrap().is_none());
}

/// Every flipped bit is caught, whether the frame came from inside a chunk
/// or was gathered across chunks.
#[tokio::test]
async fn message_stream_checks_every_frame_on_both_paths() {
    let frame = eventstream::encode_to_vec(
        &[Header::new(":event-type", HeaderValue::String("Chunk"))],
        b"payload",
    )
    .unwrap();
    for byte in 0..frame.len() {
        for chunk_size in [frame.len(), 7] {
            let mut bad = frame.clone();
            bad[byte] ^= 0x10;
            let mut stream = MessageStream::new(Body(chunks(&bad, chunk_size).into_iter()));
            let first = next(&mut stream).await;
            assert!(
                matches!(first, Some(Err(_))),
                "byte {byte} flipped, chunks of {chunk_size}: {first:?}"
            );
        }
    }
}

/// The codec encodes a borrowed frame, a `(headers, payload)` pair, an owned
/// message and a `Message`, all to the same bytes, with no owned copy needed
/// for the first two.
#[test]
fn codec_encodes_borrowed_frames_and_header_payload_pairs() {
    use tokio_util::codec::Encoder;
    let headers = [Header::new(":event-type", HeaderValue::String("Chunk"))];
    let frame = eventstream::encode_to_vec(&headers, b"data").unwrap();
    let view = eventstream::Decoder::new()
        .decode(&frame)
        .unwrap()
        .complete()
        .unwrap();
    let mut codec = EventStreamCodec::new();
    let mut out = bytes::BytesMut::new();
    codec.encode(view, &mut out).unwrap();
    codec
        .encode((&headers[..], &b"data"[..]), &mut out)
        .unwrap();
    codec.encode(&OwnedMessage::from(view), &mut out).unwrap();
    codec
        .encode(eventstream::Message::from(view), &mut out)
        .unwrap();
    assert_eq!(&out[..], frame.repeat(4));
}

/// The async readers and writers have the blocking ones' methods:
/// `position`, `with_limits`, `write_message`.
#[tokio::test]
async fn async_readers_and_writers_match_the_blocking_ones() {
    let frame = eventstream::encode_to_vec(&[], b"forwarded").unwrap();
    let mut writer = eventstream::tokio::AsyncWriter::new(Vec::new());
    writer.write_message(&[], b"forwarded").await.unwrap();
    writer.write_message(&[], b"forwarded").await.unwrap();
    let bytes = writer.into_inner();
    assert_eq!(bytes, frame.repeat(2));

    let limits = eventstream::Limits {
        max_message_len: 64,
        max_headers_len: 16,
    };
    let mut reader = eventstream::tokio::AsyncReader::with_limits(&bytes[..], limits);
    assert_eq!(
        reader.read_message().await.unwrap().unwrap().payload(),
        b"forwarded"
    );
    assert_eq!(reader.position(), frame.len() as u64);
    let mut tight = eventstream::tokio::AsyncReader::with_limits(
        &bytes[..],
        eventstream::Limits {
            max_message_len: 20,
            max_headers_len: 16,
        },
    );
    assert!(matches!(
        tight.read_message().await,
        Err(Error::Decode(
            eventstream::DecodeError::MessageTooLong { .. }
        ))
    ));
}
