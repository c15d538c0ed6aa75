//! Any service's stream read as events, through every reader: `exception`
//! and `error` frames become `Error::Service` carrying the type or code,
//! the message and the frame; `initial-response` as botocore reads it.

use bytes::Bytes;
use eventstream::{Error, Header, HeaderValue, Message, MessageStream, Reader};
use futures_core::Stream;
use std::pin::Pin;
use std::task::{Context, Poll};

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
    eventstream::encode_to_vec(
        &[
            Header::new(":message-type", HeaderValue::String("exception")),
            Header::new(
                ":exception-type",
                HeaderValue::String("ThrottlingException"),
            ),
        ],
        br#"{"message":"Too many requests, please wait"}"#,
    )
    .unwrap()
}

fn error_frame() -> Vec<u8> {
    eventstream::encode_to_vec(
        &[
            Header::new(":message-type", HeaderValue::String("error")),
            Header::new(":error-code", HeaderValue::String("InternalFailure")),
            Header::new(":error-message", HeaderValue::String("try again")),
        ],
        b"",
    )
    .unwrap()
}

/// A Bedrock-style body: two chunks, then the service's error frame.
fn body(last: Vec<u8>) -> Vec<u8> {
    [
        event("chunk", br#"{"bytes":"eyJ0eXBlIjoiY29udGVudCJ9"}"#),
        event("chunk", br#"{"bytes":"e30="}"#),
        last,
    ]
    .concat()
}

/// What a reader saw: event types, then how it ended.
fn check(seen: Vec<String>, end: Result<(), Error>, is_exception: bool) {
    assert_eq!(seen, ["chunk", "chunk"]);
    let Err(Error::Service(error)) = end else {
        panic!("{end:?}")
    };
    if is_exception {
        assert_eq!(error.exception_type(), Some("ThrottlingException"));
        assert_eq!(error.error_code(), None);
        assert_eq!(error.message(), Some("Too many requests, please wait"));
        assert_eq!(error.frame().as_bytes(), &Bytes::from(exception()));
        assert_eq!(
            error.to_string(),
            "ThrottlingException: Too many requests, please wait"
        );
    } else {
        assert_eq!(error.error_code(), Some("InternalFailure"));
        assert_eq!(error.message(), Some("try again"));
        assert_eq!(error.to_string(), "InternalFailure: try again");
    }
}

#[test]
fn blocking_reader_borrowed_and_owned() {
    for (last, is_exception) in [(exception(), true), (error_frame(), false)] {
        let bytes = body(last);
        let mut reader = Reader::new(&bytes[..]);
        let mut seen = Vec::new();
        let end = loop {
            match reader.read_event() {
                Ok(Some(event)) => seen.push(event.event_type.to_string()),
                Ok(None) => break Ok(()),
                Err(error) => break Err(error),
            }
        };
        check(seen, end, is_exception);

        let mut reader = Reader::new(&bytes[..]);
        let mut seen = Vec::new();
        let end = loop {
            match reader.next_event() {
                Ok(Some(message)) => seen.push(kind_name(&message)),
                Ok(None) => break Ok(()),
                Err(error) => break Err(error),
            }
        };
        check(seen, end, is_exception);
    }
}

fn kind_name(message: &Message) -> String {
    match message.as_ref().kind().unwrap() {
        eventstream::MessageKind::Event { event_type } => event_type.to_string(),
        other => panic!("{other}"),
    }
}

#[tokio::test]
async fn tokio_and_futures_readers() {
    for (last, is_exception) in [(exception(), true), (error_frame(), false)] {
        let bytes = body(last);
        let mut reader = eventstream::tokio::AsyncReader::new(&bytes[..]);
        let mut seen = Vec::new();
        let end = loop {
            match reader.read_event().await {
                Ok(Some(event)) => seen.push(event.event_type.to_string()),
                Ok(None) => break Ok(()),
                Err(error) => break Err(error),
            }
        };
        check(seen, end, is_exception);

        let reader = eventstream::futures::AsyncReader::new(Slice(&bytes));
        let (seen, end) = drain(reader.events()).await;
        check(seen, end, is_exception);
    }
}

#[tokio::test]
async fn message_stream_events() {
    for (last, is_exception) in [(exception(), true), (error_frame(), false)] {
        let bytes = Bytes::from(body(last));
        let chunks = || Chunks(vec![Ok(bytes.slice(..100)), Ok(bytes.slice(100..))].into_iter());
        let (seen, end) = drain(MessageStream::new(chunks()).events()).await;
        check(seen, end, is_exception);

        let mut stream = MessageStream::new(chunks());
        let mut seen = Vec::new();
        let end = loop {
            match stream.read_event().await {
                Ok(Some(event)) => seen.push(event.event_type.to_string()),
                Ok(None) => break Ok(()),
                Err(error) => break Err(error),
            }
        };
        check(seen, end, is_exception);

        let mut stream = MessageStream::new(chunks());
        let mut seen = Vec::new();
        let end = loop {
            match stream.next_event().await {
                Ok(Some(message)) => seen.push(kind_name(&message)),
                Ok(None) => break Ok(()),
                Err(error) => break Err(error),
            }
        };
        check(seen, end, is_exception);
    }
    // An RPC-style body starts with `initial-response`.
    let rpc = [event("initial-response", b"{}"), event("chunk", b"x")].concat();
    let mut stream = MessageStream::new(Chunks(vec![Ok(Bytes::from(rpc))].into_iter()));
    assert_eq!(
        stream.read_initial_response().await.unwrap().payload(),
        b"{}"
    );
    assert_eq!(
        stream.read_event().await.unwrap().unwrap().event_type,
        "chunk"
    );
}

#[test]
fn initial_response_as_botocore_reads_it() {
    let rpc = [
        event("initial-response", br#"{"ConversationId":"c-1"}"#),
        event("chunk", b"{}"),
    ]
    .concat();
    let mut reader = Reader::new(&rpc[..]);
    let initial = reader.read_initial_response().unwrap();
    assert_eq!(initial.payload(), br#"{"ConversationId":"c-1"}"#);
    assert_eq!(reader.read_event().unwrap().unwrap().event_type, "chunk");

    let no_initial = event("chunk", b"{}");
    let mut reader = Reader::new(&no_initial[..]);
    assert!(matches!(
        reader.read_initial_response(),
        Err(Error::NoInitialResponse { event_type: Some(ref t) }) if t == "chunk"
    ));
    assert!(matches!(
        Reader::new(&b""[..]).read_initial_response(),
        Err(Error::NoInitialResponse { event_type: None })
    ));
    let bytes = exception();
    assert!(matches!(
        Reader::new(&bytes[..]).read_initial_response(),
        Err(Error::Service(_))
    ));
}

async fn drain<S: Stream<Item = Result<Message, Error>> + Unpin>(
    mut stream: S,
) -> (Vec<String>, Result<(), Error>) {
    let mut seen = Vec::new();
    loop {
        match std::future::poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
            Some(Ok(message)) => seen.push(kind_name(&message)),
            None => return (seen, Ok(())),
            Some(Err(error)) => {
                let after = std::future::poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await;
                assert!(after.is_none(), "the stream ends after the error");
                return (seen, Err(error));
            }
        }
    }
}

struct Chunks(std::vec::IntoIter<Result<Bytes, std::io::Error>>);

impl Stream for Chunks {
    type Item = Result<Bytes, std::io::Error>;
    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.0.next())
    }
}

struct Slice<'a>(&'a [u8]);

impl futures_io::AsyncRead for Slice<'_> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<std::io::Result<usize>> {
        let n = buf.len().min(self.0.len()).min(7);
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Poll::Ready(Ok(n))
    }
}
