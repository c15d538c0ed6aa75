//! Memory behaviour of the Reader and the MessageStream, measured with a
//! counting allocator: no allocation per frame in steady state, and a
//! hostile length never makes the Reader grow its buffer.

#[path = "../../codec-core/tests/common/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::{CountingAllocator, allocations, largest_allocation, reset_largest};
use eventstream::{Error, Header, HeaderValue, Reader};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

#[test]
fn memory() {
    // One test function: the allocator is global, so the measurements must not run in parallel.
    the_counter_counts_this_threads_allocations_only();
    steady_state_reading_allocates_nothing_per_frame();
    an_over_limit_prelude_fails_after_twelve_bytes_without_growing_the_buffer();
    message_stream_frames_inside_chunks_allocate_nothing();
}

/// The counter is what the other checks stand on: it sees an allocation
/// here, and none made by another thread meanwhile.
fn the_counter_counts_this_threads_allocations_only() {
    let before = allocations();
    let here = std::hint::black_box(vec![1u8; 64]);
    assert_eq!(allocations() - before, 1);
    let before = allocations();
    let child = std::thread::spawn(|| {
        (0..1000)
            .map(|i| std::hint::black_box(vec![i as u8; 64]).len())
            .sum::<usize>()
    });
    assert_eq!(child.join().unwrap(), 64_000);
    let seen = allocations() - before;
    assert!(
        seen < 100,
        "{seen}: the other thread's 1000 were counted here"
    );
    drop(here);
}

fn steady_state_reading_allocates_nothing_per_frame() {
    let headers = [Header::new(
        ":event-type",
        HeaderValue::String("PayloadChunk"),
    )];
    let frame = eventstream::encode_to_vec(&headers, &[b'x'; 300]).unwrap();
    let stream = frame.repeat(10_000);
    let mut reader = Reader::new(&stream[..]);
    assert!(reader.read_message().unwrap().is_some());
    let before = allocations();
    let mut frames = 1;
    while let Some(message) = reader.read_message().unwrap() {
        assert_eq!(message.payload().len(), 300);
        frames += 1;
    }
    assert_eq!(frames, 10_000);
    assert_eq!(
        allocations() - before,
        0,
        "allocations after the first frame"
    );
}

fn an_over_limit_prelude_fails_after_twelve_bytes_without_growing_the_buffer() {
    let mut prelude = [0xFF, 0xFF, 0xFF, 0xF0, 0, 0, 0, 0, 0, 0, 0, 0];
    let crc = crc32fast::hash(&prelude[..8]);
    prelude[8..].copy_from_slice(&crc.to_be_bytes());
    // Then an endless source of zeros: a reader that trusted the length would try to buffer 4 GiB.
    let source = std::io::Read::chain(&prelude[..], std::io::repeat(0));
    reset_largest();
    let mut reader = Reader::new(source);
    match reader.read_message() {
        Err(Error::Decode(eventstream_core::Error::MessageTooLong {
            total_len: 0xFFFF_FFF0,
            ..
        })) => {}
        other => panic!("{other:?}"),
    }
    let largest = largest_allocation();
    assert!(
        largest <= 8 * 1024,
        "the reader allocated {largest} bytes at once"
    );
    assert!(reader.read_message().unwrap().is_none());
}

/// A body of shared chunks, as hyper hands them out.
struct Body(std::vec::IntoIter<bytes::Bytes>);

impl futures_core::Stream for Body {
    type Item = Result<bytes::Bytes, std::io::Error>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(self.0.next().map(Ok))
    }
}

/// Frames that lie inside a chunk, lent by `read_message` or handed out
/// owned by the `Stream`, cost no allocation (frames split across chunks
/// are gathered into one reused buffer, counted apart).
fn message_stream_frames_inside_chunks_allocate_nothing() {
    use futures_core::Stream;
    use std::future::Future;
    use std::task::{Context, Poll, Waker};

    let frame = eventstream::encode_to_vec(&[], &[b'x'; 100]).unwrap();
    // 7 frames of 116 bytes per 812-byte chunk: none crosses a chunk.
    let stream = bytes::Bytes::from(frame.repeat(7 * 1000));
    let chunks = || -> Vec<bytes::Bytes> {
        (0..1000)
            .map(|i| stream.slice(i * 812..(i + 1) * 812))
            .collect()
    };
    let mut cx = Context::from_waker(Waker::noop());

    let mut lending = eventstream::MessageStream::new(Body(chunks().into_iter()));
    let before = allocations();
    let mut frames = 0;
    while let Poll::Ready(Ok(Some(message))) = std::pin::pin!(lending.read_message()).poll(&mut cx)
    {
        assert_eq!(message.payload().len(), 100);
        frames += 1;
    }
    assert_eq!((frames, allocations() - before), (7000, 0), "read_message");

    let mut owned = eventstream::MessageStream::new(Body(chunks().into_iter()));
    let before = allocations();
    let mut frames = 0;
    while let Poll::Ready(Some(message)) = std::pin::Pin::new(&mut owned).poll_next(&mut cx) {
        assert_eq!(message.unwrap().payload().len(), 100);
        frames += 1;
    }
    assert_eq!(
        (frames, allocations() - before),
        (7000, 0),
        "the owned Stream"
    );
}
