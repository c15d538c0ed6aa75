//! Every name DESIGN.md marks as contract, called exactly as written there:
//! tests outside the project depend on these signatures.

mod common;

use eventstream::{
    EventStreamCodec, Header, HeaderValue, Limits, Message, MessageRef, Reader, Writer, lambda,
};
use eventstream_core::{Decoder, Error, Status, encode, encode_to_vec, encoded_len};

#[test]
fn core_contract() {
    let limits: Limits = Limits {
        max_message_len: 1 << 20,
        max_headers_len: 1 << 10,
    };
    let _default: Limits = Limits::default();
    let headers = [
        Header {
            name: "b",
            value: HeaderValue::Bool(true),
        },
        Header {
            name: "i8",
            value: HeaderValue::Byte(-1),
        },
        Header {
            name: "i16",
            value: HeaderValue::Int16(-2),
        },
        Header {
            name: "i32",
            value: HeaderValue::Int32(-3),
        },
        Header {
            name: "i64",
            value: HeaderValue::Int64(-4),
        },
        Header {
            name: "bytes",
            value: HeaderValue::ByteArray(b"\x00\x01"),
        },
        Header {
            name: "s",
            value: HeaderValue::String("text"),
        },
        Header {
            name: "t",
            value: HeaderValue::Timestamp(1_700_000_000_000),
        },
        Header {
            name: "u",
            value: HeaderValue::Uuid([9; 16]),
        },
    ];
    let len: usize = encoded_len(&headers, 3).unwrap();
    let mut out = vec![0u8; len];
    let written: usize = encode(&headers, b"abc", &mut out).unwrap();
    let vec: Vec<u8> = encode_to_vec(&headers, b"abc").unwrap();
    assert_eq!((written, &out), (len, &vec));

    let mut decoder = Decoder::with_limits(limits);
    let _plain = Decoder::new();
    let status: Result<Status<MessageRef<'_>>, Error> = decoder.decode(&vec[..5]);
    assert!(matches!(status, Ok(Status::Incomplete { needed: 7 })));
    let Ok(Status::Complete(msg)) = decoder.decode(&vec) else {
        panic!()
    };
    let copy: MessageRef<'_> = msg; // Copy
    assert_eq!(copy.len(), vec.len());
    assert_eq!(msg.as_bytes(), &vec[..]);
    assert_eq!(msg.headers().count(), 9);
    assert_eq!(msg.header("s"), Some(HeaderValue::String("text")));
    assert_eq!(msg.payload(), b"abc");
    let error: Error = decoder.decode(&[0xff; 12]).unwrap_err();
    let _: &dyn core::error::Error = &error;
    let _ = format!("{error}");
}

#[test]
fn lambda_contract() {
    let frame = common::invoke_complete(r#"{"ErrorCode":"E"}"#);
    let message = Decoder::new().decode(&frame).unwrap().complete().unwrap();
    let event: Result<lambda::ResponseEvent<'_>, lambda::StreamError<'_>> =
        lambda::ResponseEvent::from_message(message);
    match event.unwrap() {
        lambda::ResponseEvent::InvokeComplete(done) => {
            let code: Option<lambda::JsonStr<'_>> = done.error_code();
            let raw: &str = code.unwrap().raw();
            assert_eq!((raw, code.unwrap().to_string()), ("E", "E".to_string()));
            assert!(done.error_details().is_none() && done.log_result().is_none());
        }
        lambda::ResponseEvent::PayloadChunk(chunk) => {
            let _: &[u8] = chunk.payload();
        }
        lambda::ResponseEvent::Unknown {
            event_type,
            message,
        } => {
            let _: (&str, MessageRef<'_>) = (event_type, message);
        }
    }
}

#[test]
fn std_contract() {
    let mut writer = Writer::new(Vec::new());
    let result: Result<(), eventstream::Error> =
        writer.write_message(&[Header::new("n", HeaderValue::Int32(1))], b"x");
    result.unwrap();
    let bytes = writer.into_inner();
    let mut reader = Reader::new(&bytes[..]);
    let _limited = Reader::with_limits(&bytes[..], Limits::default());
    let message: Result<Option<MessageRef<'_>>, eventstream::Error> = reader.read_message();
    assert_eq!(message.unwrap().unwrap().payload(), b"x");
    assert!(reader.read_message().unwrap().is_none());

    let owned = Decoder::new()
        .decode_bytes(&mut bytes::Bytes::from(bytes.clone()))
        .unwrap()
        .complete()
        .unwrap();
    let _: &Message = &owned;
    let view: MessageRef<'_> = owned.as_ref();
    let payload: bytes::Bytes = owned.payload();
    assert_eq!((view.payload(), &payload[..]), (&b"x"[..], &b"x"[..]));

    fn is_codec<
        C: tokio_util::codec::Decoder<Item = Message, Error = eventstream::Error>
            + tokio_util::codec::Encoder<Message>,
    >(
        _: &C,
    ) {
    }
    is_codec(&EventStreamCodec::new());
}

#[tokio::test]
async fn async_contract() {
    let bytes = encode_to_vec(&[], b"y").unwrap();
    let mut reader = eventstream::AsyncReader::new(&bytes[..]);
    let message: Result<Option<MessageRef<'_>>, eventstream::Error> = reader.read_message().await;
    assert_eq!(message.unwrap().unwrap().payload(), b"y");
}

/// The contract additions of 2026-11-25, called exactly as DESIGN.md writes them.
#[test]
fn contract_additions() {
    use eventstream::{DecodeError, EncodedHead, MessageKind, head_len};
    use eventstream_core::MessageKind as CoreKind;

    let exception = encode_to_vec(
        &[
            Header::new(":message-type", HeaderValue::String("exception")),
            Header::new(
                ":exception-type",
                HeaderValue::String("ThrottlingException"),
            ),
        ],
        b"{}",
    )
    .unwrap();
    let message = Decoder::new()
        .decode(&exception)
        .unwrap()
        .complete()
        .unwrap();
    let kind: Result<CoreKind<'_>, Error> = message.kind();
    match kind.unwrap() {
        MessageKind::Event { event_type } => panic!("{event_type}"),
        MessageKind::Exception { exception_type } => {
            assert_eq!(exception_type, "ThrottlingException")
        }
        MessageKind::Error { code, message } => panic!("{code} {message:?}"),
    }
    let _: Option<DecodeError> = None;
    let len: usize = head_len(&[]).unwrap();
    let mut head = vec![0u8; len];
    let encoded: EncodedHead = eventstream::encode_head(&[], b"", &mut head).unwrap();
    assert_eq!(encoded.head_len, 12);

    let body = common::invoke_complete("{}");
    let mut reader = lambda::ResponseReader::new(&body[..]);
    let event: Result<Option<lambda::ResponseEvent<'_>>, lambda::Error> = reader.read_event();
    assert!(matches!(
        event,
        Ok(Some(lambda::ResponseEvent::InvokeComplete(_)))
    ));
    assert!(reader.read_event().unwrap().is_none());

    fn encodes<'a, C>(_: &C)
    where
        C: tokio_util::codec::Encoder<MessageRef<'a>, Error = eventstream::Error>
            + tokio_util::codec::Encoder<(&'a [Header<'a>], &'a [u8]), Error = eventstream::Error>,
    {
    }
    encodes(&EventStreamCodec::new());
}

/// `MessageStream::new(S)` for `S: Stream<Item = Result<Bytes, E>>` is a
/// `Stream<Item = Result<Message, Error>>`.
#[test]
fn message_stream_contract() {
    struct Body(Option<bytes::Bytes>);
    impl futures_core::Stream for Body {
        type Item = Result<bytes::Bytes, std::io::Error>;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            std::task::Poll::Ready(self.0.take().map(Ok))
        }
    }
    fn is_message_stream<S: futures_core::Stream<Item = Result<Message, eventstream::Error>>>(
        _: &S,
    ) {
    }
    let stream = eventstream::MessageStream::new(Body(Some(bytes::Bytes::from(
        encode_to_vec(&[], b"z").unwrap(),
    ))));
    is_message_stream(&stream);
}
