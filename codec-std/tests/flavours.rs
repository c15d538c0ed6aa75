//! Every reader flavour over the same streams, in one table: the blocking
//! [`Reader`], tokio's and futures-io's `AsyncReader`, and [`MessageStream`],
//! each read borrowed (`read_event`) and owned (as an `Iterator` for the
//! blocking one, as a `Stream` for the async ones); once as any service's [`Events`] and once as Lambda's
//! typed `ResponseEvents`. Every flavour must see the same events and end
//! with the same error (compared by `Debug`, so offsets and counts too),
//! and the blocking borrowed reader's result is checked against what each
//! stream is known to hold.

use bytes::Bytes;
mod common;

use eventstream::lambda::{
    OwnedEvent, ResponseEvent, ResponseEventStream, ResponseEvents, ResponseReader,
};
use eventstream::{
    Error, Events, Header, HeaderValue, Message, MessageKind, MessageStream, Reader,
};
use futures_core::Stream;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The events a reader gave, then how it ended: `None` cleanly, or the error's `Debug`.
type Outcome = (Vec<String>, Option<String>);

/// Bytes read at most `STEP` at a time, so frames arrive in pieces.
const STEP: usize = 7;

fn event(event_type: &str, payload: &[u8]) -> Vec<u8> {
    eventstream::encode_to_vec(
        &[
            Header::new(":message-type", HeaderValue::String("event")),
            Header::new(":event-type", HeaderValue::String(event_type)),
            Header::new(":content-type", HeaderValue::String("application/json")),
        ],
        payload,
    )
    .unwrap()
}

fn exception() -> Vec<u8> {
    common::exception("ThrottlingException", "Too many requests, please wait")
}

fn error_frame() -> Vec<u8> {
    common::error("InternalFailure", "try again")
}

/// `bytes` with one byte of its `frame`-th frame's payload flipped: a CRC mismatch.
fn corrupt(frames: &[Vec<u8>], frame: usize) -> Vec<u8> {
    let mut frames = frames.to_vec();
    let last = frames[frame].len() - 5;
    frames[frame][last] ^= 0x20;
    frames.concat()
}

/// `bytes` without its last `n` bytes: a stream cut inside a frame.
fn cut(frames: &[Vec<u8>], n: usize) -> Vec<u8> {
    let bytes = frames.concat();
    bytes[..bytes.len() - n].to_vec()
}

/// Any service's streams, and what each must give.
fn service_streams() -> Vec<(&'static str, Vec<u8>, Outcome)> {
    let three = [
        event("chunk", b"{}"),
        event("chunk", b"[1]"),
        event("end", b"{}"),
    ];
    let names = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    vec![
        (
            "valid",
            three.concat(),
            (names(&["chunk", "chunk", "end"]), None),
        ),
        (
            "truncated",
            cut(&three, 5),
            (names(&["chunk", "chunk"]), Some("UnexpectedEof".into())),
        ),
        (
            "corrupt",
            corrupt(&three, 1),
            (names(&["chunk"]), Some("MessageChecksum".into())),
        ),
        (
            "exception mid-stream",
            [three[0].clone(), exception(), three[2].clone()].concat(),
            (names(&["chunk"]), Some("ThrottlingException".into())),
        ),
        (
            "error mid-stream",
            [three[0].clone(), error_frame(), three[2].clone()].concat(),
            (names(&["chunk"]), Some("InternalFailure".into())),
        ),
        (
            "not an event stream",
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n{}".to_vec(),
            (names(&[]), Some("HttpResponse".into())),
        ),
        (
            "no :event-type",
            [
                three[0].clone(),
                eventstream::encode_to_vec(&[], b"{}").unwrap(),
            ]
            .concat(),
            (names(&["chunk"]), Some("MissingHeader".into())),
        ),
    ]
}

/// Lambda's streams, and what each must give.
fn lambda_streams() -> Vec<(&'static str, Vec<u8>, Outcome)> {
    let chunks = [
        common::payload_chunk(b"Hello, "),
        common::payload_chunk(b"world"),
    ];
    let done = common::invoke_complete("{}");
    let valid = [chunks[0].clone(), chunks[1].clone(), done.clone()];
    let names = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let both = names(&["PayloadChunk(Hello, )", "PayloadChunk(world)"]);
    let bad_json = eventstream::encode_to_vec(
        &[
            Header::new(":message-type", HeaderValue::String("event")),
            Header::new(":event-type", HeaderValue::String("InvokeComplete")),
        ],
        b"[not json",
    )
    .unwrap();
    vec![
        (
            "valid",
            valid.concat(),
            (
                names(&[
                    "PayloadChunk(Hello, )",
                    "PayloadChunk(world)",
                    "InvokeComplete(None)",
                ]),
                None,
            ),
        ),
        (
            "without InvokeComplete",
            chunks.concat(),
            (
                both.clone(),
                Some("MissingInvokeComplete { chunks: 2 }".into()),
            ),
        ),
        (
            "truncated",
            cut(&valid, 3),
            (both.clone(), Some("UnexpectedEof".into())),
        ),
        (
            "corrupt",
            corrupt(&valid, 1),
            (
                names(&["PayloadChunk(Hello, )"]),
                Some("MessageChecksum".into()),
            ),
        ),
        (
            "exception mid-stream",
            [chunks[0].clone(), exception(), done.clone()].concat(),
            (
                names(&["PayloadChunk(Hello, )"]),
                Some("ThrottlingException".into()),
            ),
        ),
        (
            "error mid-stream",
            [chunks[0].clone(), error_frame(), done.clone()].concat(),
            (
                names(&["PayloadChunk(Hello, )"]),
                Some("InternalFailure".into()),
            ),
        ),
        (
            "malformed InvokeComplete",
            [chunks[0].clone(), bad_json].concat(),
            (
                names(&["PayloadChunk(Hello, )"]),
                Some("MalformedEvent".into()),
            ),
        ),
    ]
}

/// Reads `$next` (a `Result<Option<T>, Error>`) until the end or an error, naming each item.
macro_rules! drain {
    ($next:expr, $name:expr) => {{
        let mut seen = Vec::new();
        loop {
            match $next {
                Ok(Some(item)) => seen.push($name(item)),
                Ok(None) => break (seen, None),
                Err(error) => break (seen, Some(describe(error))),
            }
        }
    }};
}

/// The error as compared: its `Debug`, except the text a stream that is not
/// an event stream starts with, which is what had arrived when its first
/// prelude failed (12 bytes or more, by how the source delivers them).
fn describe(error: Error) -> String {
    match error {
        Error::NotEventStream {
            looks_like, error, ..
        } => format!("NotEventStream {{ {looks_like:?}, {error:?} }}"),
        error => format!("{error:?}"),
    }
}

/// A `Stream` drained the same way; it must end after its first error.
async fn drain_stream<S, T>(mut stream: S, name: impl Fn(T) -> String) -> Outcome
where
    S: Stream<Item = Result<T, Error>> + Unpin,
{
    let outcome = drain!(next(&mut stream).await.transpose(), &name);
    if outcome.1.is_some() {
        assert!(
            next(&mut stream).await.is_none(),
            "a Stream ends after its first error"
        );
    }
    outcome
}

/// An `Iterator` drained the same way; it must end after its first error.
fn drain_iter<I, T>(mut iter: I, name: impl Fn(T) -> String) -> Outcome
where
    I: Iterator<Item = Result<T, Error>>,
{
    let outcome = drain!(iter.next().transpose(), name);
    if outcome.1.is_some() {
        assert!(
            iter.next().is_none(),
            "an Iterator ends after its first error"
        );
    }
    outcome
}

async fn next<S: Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    std::future::poll_fn(|cx| Pin::new(&mut *stream).poll_next(cx)).await
}

fn event_name(message: Message) -> String {
    match message.as_ref().kind().unwrap() {
        MessageKind::Event { event_type } => event_type.to_string(),
        other => panic!("not an event: {other}"),
    }
}

fn borrowed_event_name(event: eventstream::EventRef<'_>) -> String {
    event.event_type.to_string()
}

fn lambda_name(event: ResponseEvent<'_>) -> String {
    match event {
        ResponseEvent::PayloadChunk(chunk) => {
            format!("PayloadChunk({})", String::from_utf8_lossy(chunk.payload()))
        }
        ResponseEvent::InvokeComplete(done) => {
            format!("InvokeComplete({:?})", done.error_code().map(|c| c.raw()))
        }
        ResponseEvent::Unknown { event_type, .. } => format!("Unknown({event_type})"),
    }
}

fn owned_lambda_name(event: OwnedEvent) -> String {
    match event {
        OwnedEvent::PayloadChunk(payload) => {
            format!("PayloadChunk({})", String::from_utf8_lossy(&payload))
        }
        OwnedEvent::InvokeComplete(done) => format!("InvokeComplete({:?})", done.error_code),
        OwnedEvent::Unknown { event_type, .. } => format!("Unknown({event_type})"),
    }
}

/// Checks one stream's outcomes: the first (the blocking borrowed reader)
/// against what the stream holds, every other flavour against the first.
fn check(name: &str, expected: &Outcome, outcomes: Vec<(&str, Outcome)>) {
    let (_, reference) = &outcomes[0];
    assert_eq!(reference.0, expected.0, "{name}: events");
    match (&reference.1, &expected.1) {
        (None, None) => {}
        (Some(got), Some(want)) => assert!(got.contains(want.as_str()), "{name}: {got}"),
        (got, want) => panic!("{name}: ended with {got:?}, expected {want:?}"),
    }
    for (flavour, outcome) in &outcomes[1..] {
        assert_eq!(
            outcome, reference,
            "{name}: {flavour} differs from the blocking reader"
        );
    }
}

#[tokio::test]
async fn every_reader_gives_the_same_service_events_and_errors() {
    for (name, bytes, expected) in service_streams() {
        let outcomes = vec![
            ("Reader read_event", {
                let mut events = Events::new(Reader::new(Trickle(&bytes)));
                drain!(events.read_event(), borrowed_event_name)
            }),
            ("Reader Iterator", {
                drain_iter(Events::new(Reader::new(Trickle(&bytes))), event_name)
            }),
            ("tokio read_event", {
                let mut events = Events::new(eventstream::tokio::AsyncReader::new(Trickle(&bytes)));
                drain!(events.read_event().await, borrowed_event_name)
            }),
            ("tokio Stream", {
                let events = Events::new(eventstream::tokio::AsyncReader::new(Trickle(&bytes)));
                drain_stream(events, event_name).await
            }),
            ("futures-io read_event", {
                let mut events =
                    Events::new(eventstream::futures::AsyncReader::new(Trickle(&bytes)));
                drain!(events.read_event().await, borrowed_event_name)
            }),
            ("futures-io Stream", {
                let events = Events::new(eventstream::futures::AsyncReader::new(Trickle(&bytes)));
                drain_stream(events, event_name).await
            }),
            ("MessageStream read_event", {
                let mut events = Events::new(MessageStream::new(chunks(&bytes)));
                drain!(events.read_event().await, borrowed_event_name)
            }),
            ("MessageStream Stream", {
                drain_stream(Events::new(MessageStream::new(chunks(&bytes))), event_name).await
            }),
        ];
        check(name, &expected, outcomes);
    }
}

#[tokio::test]
async fn every_reader_gives_the_same_lambda_events_and_errors() {
    for (name, bytes, expected) in lambda_streams() {
        let outcomes = vec![
            ("ResponseReader read_event", {
                let mut events = ResponseReader::new(Trickle(&bytes));
                drain!(events.read_event(), lambda_name)
            }),
            ("ResponseReader Iterator", {
                drain_iter(ResponseReader::new(Trickle(&bytes)), owned_lambda_name)
            }),
            ("tokio read_event", {
                let mut events = eventstream::lambda::AsyncResponseReader::new(Trickle(&bytes));
                drain!(events.read_event().await, lambda_name)
            }),
            ("tokio Stream", {
                let events = eventstream::lambda::AsyncResponseReader::new(Trickle(&bytes));
                drain_stream(events, owned_lambda_name).await
            }),
            ("futures-io read_event", {
                let frames = eventstream::futures::AsyncReader::new(Trickle(&bytes));
                let mut events = ResponseEvents::from_frames(frames);
                drain!(events.read_event().await, lambda_name)
            }),
            ("futures-io Stream", {
                let frames = eventstream::futures::AsyncReader::new(Trickle(&bytes));
                drain_stream(ResponseEvents::from_frames(frames), owned_lambda_name).await
            }),
            ("MessageStream read_event", {
                let mut events = ResponseEventStream::new(chunks(&bytes));
                drain!(events.read_event().await, lambda_name)
            }),
            ("MessageStream Stream", {
                drain_stream(ResponseEventStream::new(chunks(&bytes)), owned_lambda_name).await
            }),
        ];
        check(name, &expected, outcomes);
    }
}

/// The one `ServiceError`: the same from any service's events and from Lambda's.
#[test]
fn lambda_and_service_readers_give_the_same_service_error() {
    for frame in [exception(), error_frame()] {
        let Err(Error::Service(from_events)) = Events::new(Reader::new(&frame[..])).read_event()
        else {
            panic!("not a service error")
        };
        let Err(Error::Service(from_lambda)) = ResponseReader::new(&frame[..]).read_event() else {
            panic!("not a service error")
        };
        assert_eq!(from_events, from_lambda);
        assert_eq!(from_events.frame().as_ref().as_bytes(), &frame[..]);
    }
    let Err(Error::Service(error)) = ResponseReader::new(&exception()[..]).read_event() else {
        panic!()
    };
    assert_eq!(
        error.kind(),
        MessageKind::Exception {
            exception_type: "ThrottlingException"
        }
    );
    assert_eq!(error.message(), Some("Too many requests, please wait"));
    assert_eq!(
        error.to_string(),
        "ThrottlingException: Too many requests, please wait"
    );
    let Err(Error::Service(error)) = ResponseReader::new(&error_frame()[..]).read_event() else {
        panic!()
    };
    assert_eq!(
        (error.kind(), error.message()),
        (
            MessageKind::Error {
                code: "InternalFailure",
                message: Some("try again")
            },
            Some("try again")
        )
    );
}

#[test]
fn initial_response_as_botocore_reads_it() {
    let rpc = [
        event("initial-response", br#"{"ConversationId":"c-1"}"#),
        event("chunk", b"{}"),
    ]
    .concat();
    let mut events = Events::new(Reader::new(&rpc[..]));
    let initial = events.read_initial_response().unwrap();
    assert_eq!(initial.payload(), br#"{"ConversationId":"c-1"}"#);
    assert_eq!(events.read_event().unwrap().unwrap().event_type, "chunk");

    let no_initial = event("chunk", b"{}");
    assert!(matches!(
        Events::new(Reader::new(&no_initial[..])).read_initial_response(),
        Err(Error::NoInitialResponse { event_type: Some(ref t) }) if t == "chunk"
    ));
    assert!(matches!(
        Events::new(Reader::new(&b""[..])).read_initial_response(),
        Err(Error::NoInitialResponse { event_type: None })
    ));
    let bytes = exception();
    assert!(matches!(
        Events::new(Reader::new(&bytes[..])).read_initial_response(),
        Err(Error::Service(_))
    ));
}

#[tokio::test]
async fn initial_response_over_a_body_stream() {
    let rpc = [event("initial-response", b"{}"), event("chunk", b"x")].concat();
    let mut events = Events::new(MessageStream::new(chunks(&rpc)));
    assert_eq!(
        events.read_initial_response().await.unwrap().payload(),
        b"{}"
    );
    assert_eq!(
        events.read_event().await.unwrap().unwrap().event_type,
        "chunk"
    );
}

/// A body as a `Stream` of chunks of 50 bytes: frames whole inside a chunk and split across two.
fn chunks(bytes: &[u8]) -> Chunks {
    let chunks: Vec<_> = bytes
        .chunks(50)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    Chunks(chunks.into_iter())
}

struct Chunks(std::vec::IntoIter<Result<Bytes, std::io::Error>>);

impl Stream for Chunks {
    type Item = Result<Bytes, std::io::Error>;
    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.0.next())
    }
}

/// A source giving at most [`STEP`] bytes per read, for every I/O flavour.
struct Trickle<'a>(&'a [u8]);

impl Trickle<'_> {
    fn give(&mut self, buf: &mut [u8]) -> usize {
        let n = buf.len().min(self.0.len()).min(STEP);
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        n
    }
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        Ok(self.give(buf))
    }
}

impl futures_io::AsyncRead for Trickle<'_> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<std::io::Result<usize>> {
        Poll::Ready(Ok(self.give(buf)))
    }
}

impl tokio::io::AsyncRead for Trickle<'_> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let n = self.give(buf.initialize_unfilled());
        buf.advance(n);
        Poll::Ready(Ok(()))
    }
}
