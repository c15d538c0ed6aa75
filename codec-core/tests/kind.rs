//! `MessageRef::kind()` on every frame in `testdata/` and on generated frames
//! of each kind: an event by `:event-type`, an exception by
//! `:exception-type`, an error by `:error-code`; anything else an error that
//! names the header.

mod common;

use eventstream_core::{
    Decoder, Error, Header, HeaderValue, MessageKind, OwnedHeader, OwnedHeaderValue, OwnedMessage,
    encode_to_vec,
};
use proptest::prelude::*;

/// What kind each frame of a file is, in order, as `kind:name` strings.
fn kinds(bytes: &[u8]) -> Vec<String> {
    common::frames(bytes)
        .map_while(Result::ok)
        .map(|message| match message.kind() {
            Ok(MessageKind::Event { event_type }) => format!("event:{event_type}"),
            Ok(MessageKind::Exception { exception_type }) => format!("exception:{exception_type}"),
            Ok(MessageKind::Error { code, .. }) => format!("error:{code}"),
            Err(error) => format!("not a kind: {error}"),
        })
        .collect()
}

#[test]
fn every_recorded_and_lambda_frame_has_the_kind_its_headers_say() {
    let transcribe = common::files("smithy-rs/recorded")
        .into_iter()
        .find(|(name, _)| name == "transcribestreaming_error.response.bin")
        .unwrap();
    let seen = kinds(&transcribe.1);
    assert!(
        seen.iter()
            .take(seen.len() - 1)
            .all(|k| k == "event:TranscriptEvent"),
        "{seen:?}"
    );
    assert_eq!(seen.last().unwrap(), "exception:BadRequestException");

    let lambda: Vec<(String, Vec<String>)> = common::files("lambda")
        .into_iter()
        .filter(|(name, _)| name.ends_with(".bin"))
        .map(|(name, bytes)| (name, kinds(&bytes)))
        .collect();
    for (name, seen) in &lambda {
        assert!(!seen.is_empty(), "{name}");
        let last = seen.last().unwrap();
        let expected_last = match name.as_str() {
            "error_mid_stream.bin" => "error:",
            "exception_mid_stream.bin" => "exception:",
            "truncated.bin" => "event:PayloadChunk",
            "unknown_event_type.bin" => "event:",
            _ => "event:InvokeComplete",
        };
        assert!(last.starts_with(expected_last), "{name}: {seen:?}");
        assert!(
            seen.iter().all(|k| !k.starts_with("not a kind")),
            "{name}: {seen:?}"
        );
    }
    // The shared AWS vectors carry no `:message-type` or `:event-type`: each
    // frame counts as an event whose `:event-type` is missing.
    for (name, bytes) in common::files("encoded/positive") {
        for kind in kinds(&bytes) {
            assert!(
                kind.starts_with("not a kind: header :event-type is missing"),
                "{name}: {kind}"
            );
        }
    }
}

fn frame(headers: &[(&str, HeaderValue<'_>)]) -> Vec<u8> {
    let headers: Vec<Header<'_>> = headers.iter().map(|&(n, v)| Header::new(n, v)).collect();
    encode_to_vec(&headers, b"{\"message\":\"m\"}").unwrap()
}

fn kind_of(bytes: &[u8]) -> Result<MessageKind<'_>, Error> {
    Decoder::new()
        .decode(bytes)
        .unwrap()
        .complete()
        .unwrap()
        .kind()
}

#[test]
fn each_kind_and_each_way_of_being_none_of_them() {
    let s = HeaderValue::String;
    let event = frame(&[(":event-type", s("chunk"))]);
    assert_eq!(
        kind_of(&event),
        Ok(MessageKind::Event {
            event_type: "chunk"
        })
    );
    let event = frame(&[(":message-type", s("event")), (":event-type", s("chunk"))]);
    assert_eq!(
        kind_of(&event),
        Ok(MessageKind::Event {
            event_type: "chunk"
        })
    );
    let exception = frame(&[
        (":exception-type", s("ValidationException")),
        (":message-type", s("exception")),
    ]);
    assert_eq!(
        kind_of(&exception),
        Ok(MessageKind::Exception {
            exception_type: "ValidationException"
        })
    );
    let error = frame(&[
        (":message-type", s("error")),
        (":error-code", s("InternalFailure")),
        (":error-message", s("try again")),
    ]);
    assert_eq!(
        kind_of(&error),
        Ok(MessageKind::Error {
            code: "InternalFailure",
            message: Some("try again")
        })
    );
    let bare_error = frame(&[(":message-type", s("error")), (":error-code", s("E"))]);
    assert_eq!(
        kind_of(&bare_error),
        Ok(MessageKind::Error {
            code: "E",
            message: None
        })
    );

    let missing = frame(&[(":message-type", s("exception"))]);
    assert_eq!(
        kind_of(&missing),
        Err(Error::MissingHeader {
            name: ":exception-type"
        })
    );
    let wrong_type = frame(&[(":message-type", HeaderValue::Int32(1))]);
    let error = kind_of(&wrong_type).unwrap_err();
    assert_eq!(
        error,
        Error::HeaderWrongType {
            name: ":message-type",
            expected: 7,
            found: 4
        }
    );
    assert_eq!(
        error.to_string(),
        "header :message-type has type 4 (integer), expected 7 (string)"
    );
    let event_type_bytes = frame(&[(":event-type", HeaderValue::ByteArray(b"chunk"))]);
    assert!(matches!(
        kind_of(&event_type_bytes),
        Err(Error::HeaderWrongType {
            name: ":event-type",
            found: 6,
            ..
        })
    ));
    let unknown = frame(&[(":message-type", s("warning"))]);
    let error = kind_of(&unknown).unwrap_err();
    assert_eq!(error, Error::UnknownMessageType { offset: 29, len: 7 });
    assert_eq!(&unknown[29..36], b"warning");
    let bad_message = frame(&[
        (":message-type", s("error")),
        (":error-code", s("E")),
        (":error-message", HeaderValue::Bool(true)),
    ]);
    assert!(matches!(
        kind_of(&bad_message),
        Err(Error::HeaderWrongType {
            name: ":error-message",
            ..
        })
    ));
}

proptest! {
    /// Any message: `kind()` never panics, and agrees with looking the
    /// headers up one by one (the first of duplicates counts).
    #[test]
    fn kind_agrees_with_the_headers_looked_up_one_by_one(
        names in proptest::collection::vec(prop_oneof![
            Just(":message-type"), Just(":event-type"), Just(":exception-type"),
            Just(":error-code"), Just(":error-message"), Just(":content-type")
        ], 0..6),
        values in proptest::collection::vec(prop_oneof![
            Just("event"), Just("exception"), Just("error"), Just("chunk"), Just("x")
        ], 6),
        as_int in any::<bool>(),
    ) {
        let mut message = OwnedMessage::default();
        for (i, name) in names.iter().enumerate() {
            let value = if as_int && i == 0 { OwnedHeaderValue::Int32(1) } else { OwnedHeaderValue::String(values[i].into()) };
            message.headers.push(OwnedHeader { name: (*name).into(), value });
        }
        let bytes = message.encode().unwrap();
        let view = Decoder::new().decode(&bytes).unwrap().complete().unwrap();
        let text = |name: &str| view.header(name).and_then(|v| v.as_str());
        match view.kind() {
            Ok(MessageKind::Event { event_type }) => {
                prop_assert!(matches!(text(":message-type"), None | Some("event")));
                prop_assert_eq!(text(":event-type"), Some(event_type));
            }
            Ok(MessageKind::Exception { exception_type }) => {
                prop_assert_eq!(text(":message-type"), Some("exception"));
                prop_assert_eq!(text(":exception-type"), Some(exception_type));
            }
            Ok(MessageKind::Error { code, message }) => {
                prop_assert_eq!(text(":message-type"), Some("error"));
                prop_assert_eq!(text(":error-code"), Some(code));
                prop_assert_eq!(text(":error-message"), message);
            }
            Err(_) => {}
        }
    }
}

/// A decoder remembers where the event type of the last header block is;
/// a frame whose block is the same bytes gets its kind from there. Decoding
/// frames of every kind, each twice in a row and interleaved, with one
/// decoder must give what a fresh decoder gives for each: for events whose
/// block is remembered, for the other kinds, and for blocks too long to be
/// remembered.
#[test]
fn a_remembered_header_block_has_the_same_kind_as_a_fresh_one() {
    let s = HeaderValue::String;
    let long_type = "E".repeat(200);
    let frames = [
        frame(&[(":event-type", s("chunk"))]),
        frame(&[(":message-type", s("event")), (":event-type", s("chunk"))]),
        frame(&[(":event-type", s("chunk")), (":message-type", s("event"))]),
        frame(&[(":event-type", s("other")), (":message-type", s("event"))]),
        frame(&[
            (":event-type", s("chunk")),
            (":message-type", s("exception")),
        ]),
        frame(&[(":event-type", s("chunk")), (":message-type", s("warning"))]),
        frame(&[(":event-type", HeaderValue::ByteArray(b"chunk"))]),
        frame(&[(":message-type", s("event"))]),
        frame(&[(":message-type", s("error")), (":error-code", s("E"))]),
        frame(&[(":event-type", s(&long_type))]),
        frame(&[(":event-type", s("chunk")), ("x", s(&long_type))]),
    ];
    let mut shared = Decoder::new();
    let order = (0..frames.len()).flat_map(|i| [i, i, (i * 7) % frames.len(), i]);
    for index in order {
        let bytes = &frames[index];
        let remembered = shared.decode(bytes).unwrap().complete().unwrap();
        let fresh = Decoder::new().decode(bytes).unwrap().complete().unwrap();
        assert_eq!(remembered.kind(), fresh.kind(), "frame {index}");
        assert_eq!(remembered.kind(), kind_of(bytes), "frame {index}");
        assert_eq!(remembered, fresh);
        // An owned message keeps what its decoder found, the place of the
        // event type included.
        let mut buf = bytes::Bytes::copy_from_slice(bytes);
        let owned = shared.decode_bytes(&mut buf).unwrap().complete().unwrap();
        assert_eq!(owned.as_ref().kind(), fresh.kind(), "frame {index}, owned");
        assert_eq!(
            eventstream_core::Message::from(remembered).as_ref().kind(),
            fresh.kind()
        );
    }
}
