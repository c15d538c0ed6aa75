//! Lambda `InvokeWithResponseStream`: the JSON reader, the typed views and
//! the HTTP-integration prelude splitter, over frames spelled out from their
//! headers as Lambda sends them.

use eventstream_core::lambda::*;
use eventstream_core::{Decoder, Error, Header, HeaderValue, MessageRef, encode_to_vec};
use proptest::prelude::*;

fn decode(frame: &[u8]) -> MessageRef<'_> {
    Decoder::new().decode(frame).unwrap().complete().unwrap()
}

/// A frame with these string headers and `payload`.
fn frame(headers: &[(&str, &str)], payload: &[u8]) -> Vec<u8> {
    let headers: Vec<Header<'_>> = headers
        .iter()
        .map(|&(name, value)| Header::new(name, HeaderValue::String(value)))
        .collect();
    encode_to_vec(&headers, payload).unwrap()
}

/// An event frame of `event_type`, as Lambda sends `PayloadChunk` and `InvokeComplete`.
fn event(event_type: &str, payload: &[u8]) -> Vec<u8> {
    frame(
        &[(":event-type", event_type), (":message-type", "event")],
        payload,
    )
}

#[test]
fn typed_views_are_as_tolerant_as_the_sdks() {
    // Header order, unknown headers, no :message-type, no :content-type.
    let frame = encode_to_vec(
        &[
            Header::new("x-custom", HeaderValue::Int32(1)),
            Header::new(":event-type", HeaderValue::String("PayloadChunk")),
        ],
        b"data",
    )
    .unwrap();
    assert!(
        matches!(ResponseEvent::from_message(decode(&frame)), Ok(ResponseEvent::PayloadChunk(c)) if c.payload() == b"data")
    );

    let frame = encode_to_vec(
        &[
            Header::new(":event-type", HeaderValue::String("SomethingNew")),
            Header::new(":message-type", HeaderValue::String("event")),
        ],
        b"?",
    )
    .unwrap();
    assert!(matches!(
        ResponseEvent::from_message(decode(&frame)),
        Ok(ResponseEvent::Unknown {
            event_type: "SomethingNew",
            ..
        })
    ));

    for payload in [
        &b""[..],
        b"{}",
        b"  \n",
        br#"{"ErrorCode":null,"Other":[1,2]}"#,
    ] {
        let frame = encode_to_vec(
            &[
                Header::new(":event-type", HeaderValue::String("InvokeComplete")),
                Header::new(":content-type", HeaderValue::String("application/json")),
                Header::new(":message-type", HeaderValue::String("event")),
            ],
            payload,
        )
        .unwrap();
        let Ok(ResponseEvent::InvokeComplete(done)) = ResponseEvent::from_message(decode(&frame))
        else {
            panic!()
        };
        assert_eq!(
            (done.error_code(), done.error_details(), done.log_result()),
            (None, None, None)
        );
    }
}

#[test]
fn exceptions_errors_and_malformed_frames_are_stream_errors() {
    let exception = frame(
        &[
            (":exception-type", "ResourceNotReadyException"),
            (":message-type", "exception"),
        ],
        br#"{"message":"not \"ready\""}"#,
    );
    match ResponseEvent::from_message(decode(&exception)) {
        Err(StreamError::Exception {
            exception_type,
            message,
            ..
        }) => {
            assert_eq!(exception_type, "ResourceNotReadyException");
            assert_eq!(message.unwrap().to_string(), "not \"ready\"");
        }
        other => panic!("{other:?}"),
    }
    let error = frame(
        &[
            (":error-code", "InternalFailure"),
            (":error-message", "oops"),
            (":message-type", "error"),
        ],
        b"",
    );
    assert!(matches!(
        ResponseEvent::from_message(decode(&error)),
        Err(StreamError::Error {
            code: "InternalFailure",
            message: Some("oops")
        })
    ));

    let broken_json = encode_to_vec(
        &[
            Header::new(":event-type", HeaderValue::String("InvokeComplete")),
            Header::new(":content-type", HeaderValue::String("application/json")),
            Header::new(":message-type", HeaderValue::String("event")),
        ],
        b"{\"ErrorCode\":",
    )
    .unwrap();
    let err = ResponseEvent::from_message(decode(&broken_json)).unwrap_err();
    assert!(matches!(
        err,
        StreamError::Malformed {
            reason: Malformed::InvokeCompleteJson(_),
            ..
        }
    ));
    assert!(
        err.to_string()
            .starts_with("malformed frame: InvokeComplete payload: invalid JSON at byte 13"),
        "{err}"
    );

    let no_type = encode_to_vec(
        &[Header::new(":message-type", HeaderValue::String("event"))],
        b"",
    )
    .unwrap();
    assert!(matches!(
        ResponseEvent::from_message(decode(&no_type)),
        Err(StreamError::Malformed {
            reason: Malformed::Kind(Error::MissingHeader {
                name: ":event-type"
            }),
            ..
        })
    ));
    let odd_type =
        encode_to_vec(&[Header::new(":message-type", HeaderValue::Int32(1))], b"").unwrap();
    assert!(matches!(
        ResponseEvent::from_message(decode(&odd_type)),
        Err(StreamError::Malformed {
            reason: Malformed::Kind(Error::HeaderWrongType {
                name: ":message-type",
                expected: 7,
                found: 4
            }),
            ..
        })
    ));
}

#[test]
fn log_result_decodes_with_escaped_slashes_and_reports_bad_base64() {
    let done = InvokeComplete::parse(br#"{"LogResult":"Pz8\/Pw=="}"#).unwrap();
    assert_eq!(
        done.decode_log_result(&mut [0; 8]).unwrap(),
        Some(&b"????"[..])
    );
    assert_eq!(
        done.decode_log_result(&mut [0; 2]),
        Err(JsonError::BufferTooSmall { needed: 6 })
    );
    let odd = InvokeComplete::parse(br#"{"LogResult":"abc"}"#).unwrap();
    assert_eq!(
        odd.decode_log_result(&mut [0; 8]),
        Err(JsonError::Shape {
            expected: "an object whose LogResult is base64"
        })
    );
}

/// The metadata a split yields: status, headers, cookies.
type Metadata = (Option<u16>, Vec<(String, String)>, Vec<String>);

fn split_all<const N: usize>(
    payload: &[u8],
    chunks: &[usize],
) -> Result<(Option<Metadata>, Vec<u8>), HttpPreludeError> {
    let mut splitter = HttpPreludeSplitter::<N>::new();
    let (mut meta, mut body) = (None, Vec::new());
    let mut at = 0;
    let mut sizes = chunks.iter().cycle();
    while at < payload.len() {
        let end = (at + sizes.next().unwrap().max(&1)).min(payload.len());
        let mut rest = &payload[at..end];
        while let (used, Some(part)) = splitter.push(rest)? {
            rest = &rest[used..];
            match part {
                HttpPart::Metadata(m) => {
                    meta = Some((
                        m.status_code(),
                        m.headers()
                            .map(|(k, v)| (k.to_string(), v.to_string()))
                            .collect(),
                        m.cookies().map(|c| c.to_string()).collect(),
                    ))
                }
                HttpPart::Body(bytes) => body.extend_from_slice(bytes),
            }
        }
        at = end;
    }
    splitter.finish()?;
    Ok((meta, body))
}

#[test]
fn http_prelude_errors_are_clear() {
    assert_eq!(
        split_all::<64>(b"{\"statusCode\":200}\0\0\0x", &[100]).unwrap_err(),
        HttpPreludeError::BadDelimiter { offset: 21 }
    );
    assert!(matches!(
        split_all::<64>(b"not json\0\0\0\0\0\0\0\0", &[3]),
        Err(HttpPreludeError::Json(_))
    ));
    assert_eq!(
        split_all::<64>(b"{\"statusCode\":200}", &[4]).unwrap_err(),
        HttpPreludeError::Incomplete { received: 18 }
    );
}

proptest! {
    #[test]
    fn http_prelude_splits_the_same_in_any_chunking(
        status in 100u16..600,
        headers in proptest::collection::vec(("[a-z-]{1,12}", "\\PC{0,20}"), 0..4),
        body in proptest::collection::vec(any::<u8>(), 0..300),
        chunks in proptest::collection::vec(1usize..40, 1..6),
    ) {
        let headers_json: Vec<String> = headers.iter().map(|(k, v)| format!("{}:{}", json_string(k), json_string(v))).collect();
        let meta = format!("{{\"statusCode\":{status},\"headers\":{{{}}},\"cookies\":[\"a=1\"]}}", headers_json.join(","));
        let payload = [meta.as_bytes(), &[0; 8], &body].concat();
        let (got_meta, got_body) = split_all::<1024>(&payload, &chunks).unwrap();
        let (got_status, got_headers, got_cookies) = got_meta.unwrap();
        prop_assert_eq!(got_status, Some(status));
        prop_assert_eq!(got_headers, headers);
        prop_assert_eq!(got_cookies, vec!["a=1".to_string()]);
        prop_assert_eq!(got_body, body);
    }

    /// Any payload, and any text in each `InvokeComplete` member, escaped as
    /// JSON may escape it: the views give back exactly what was written.
    #[test]
    fn any_payload_and_invoke_complete_text_is_read_back(
        payload in proptest::collection::vec(any::<u8>(), 0..2000),
        texts in proptest::array::uniform3(proptest::option::of("\\PC*|[\"\\\\\u{0}-\u{1f}]{0,8}|[A-Za-z0-9+/]{0,40}")),
    ) {
        let frame = event("PayloadChunk", &payload);
        let ResponseEvent::PayloadChunk(chunk) = ResponseEvent::from_message(decode(&frame)).unwrap() else { panic!() };
        prop_assert_eq!(chunk.payload(), &payload[..]);

        let keys = ["ErrorCode", "ErrorDetails", "LogResult"];
        let members: Vec<String> = keys
            .iter()
            .zip(&texts)
            .filter_map(|(key, text)| Some(format!("\"{key}\":{}", json_string(text.as_deref()?))))
            .collect();
        let frame = event("InvokeComplete", format!("{{{}}}", members.join(",")).as_bytes());
        let ResponseEvent::InvokeComplete(done) = ResponseEvent::from_message(decode(&frame)).unwrap() else { panic!() };
        let read = [done.error_code(), done.error_details(), done.log_result()];
        prop_assert_eq!(read.map(|text| text.map(|s| s.to_string())), texts);
    }
}

fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
