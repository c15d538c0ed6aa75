//! The Lambda response streams in `testdata/lambda/`: how they are made (and
//! kept up to date), and that every typed reader gives their expected events.
//!
//! Each scenario's bytes come from our encoders and its expectation is written
//! from the same inputs, independently of any decoder. Regenerate the files
//! with `EVENTSTREAM_UPDATE_TESTDATA=1 cargo test -p eventstream --all-features --test lambda_streams`.
//! The boto3 interop test (`tests/interop/boto3_lambda.py`) reads the same files.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
mod common;

use eventstream::lambda::{OwnedEvent, ResponseEvent, ResponseReader};
use eventstream::{Header, HeaderValue};
use serde_json::{Value, json};
use std::io::Read;
use std::path::{Path, PathBuf};

struct Scenario {
    name: &'static str,
    description: &'static str,
    bytes: Vec<u8>,
    expected: Value,
}

fn chunk(payload: &[u8]) -> (Vec<u8>, Value) {
    (
        common::payload_chunk(payload),
        json!({ "PayloadChunk": { "Payload": BASE64.encode(payload) } }),
    )
}

/// An InvokeComplete event in the expectations' shape: only the members present.
fn complete_json(
    error_code: Option<&str>,
    error_details: Option<&str>,
    log_result: Option<&str>,
) -> Value {
    let members: serde_json::Map<String, Value> = [
        ("ErrorCode", error_code),
        ("ErrorDetails", error_details),
        ("LogResult", log_result),
    ]
    .into_iter()
    .filter_map(|(key, value)| Some((key.to_string(), json!(value?))))
    .collect();
    json!({ "InvokeComplete": members })
}

/// The members of an `InvokeComplete` to send.
#[derive(Default)]
struct Fields<'a> {
    error_code: Option<&'a str>,
    error_details: Option<&'a str>,
    log_result: Option<&'a str>,
}

fn complete(fields: Fields<'_>) -> (Vec<u8>, Value) {
    let event = complete_json(fields.error_code, fields.error_details, fields.log_result);
    (
        common::invoke_complete(&event["InvokeComplete"].to_string()),
        event,
    )
}

fn scenario(
    name: &'static str,
    description: &'static str,
    parts: Vec<(Vec<u8>, Value)>,
    end: Value,
) -> Scenario {
    let bytes = parts.iter().flat_map(|(frame, _)| frame.clone()).collect();
    let events: Vec<Value> = parts
        .into_iter()
        .map(|(_, event)| event)
        .filter(|e| !e.is_null())
        .collect();
    Scenario {
        name,
        description,
        bytes,
        expected: json!({ "description": description, "events": events, "end": end }),
    }
}

fn scenarios() -> Vec<Scenario> {
    let text = "Streaming responses let a function send its output as it is produced: \
                the first bytes reach the caller long before the last are written. ";
    let cuts = [0, 7, 19, 20, 41, 60, 61, 90, 111, 130, text.len()];
    let mut text_parts: Vec<_> = cuts
        .windows(2)
        .map(|w| chunk(&text.as_bytes()[w[0]..w[1]]))
        .collect();
    text_parts.push(complete(Fields::default()));

    let binary: Vec<u8> = (0..=255u8).chain([0, 0, 0, 0xff, 0xfe]).collect();
    let log = "START RequestId: 6d1a7e1c-0000-4c4e-9f1e-2b6a0c1d2e3f Version: $LATEST\n\
               2026-11-24T12:00:00.000Z\tERROR\tUncaught Exception\t{\"errorType\":\"Error\",\"errorMessage\":\"boom\"}\n\
               END RequestId: 6d1a7e1c-0000-4c4e-9f1e-2b6a0c1d2e3f\n";
    let log_b64 = BASE64.encode(log);

    let metadata = r#"{"statusCode":201,"headers":{"content-type":"text/plain","x-custom":"yes"},"cookies":["session=abc; Secure"]}"#;
    let prelude_payload = [metadata.as_bytes(), &[0; 8], b"Hello from a function URL"].concat();
    let http_cuts = [
        0,
        20,
        metadata.len() + 3,
        metadata.len() + 14,
        prelude_payload.len(),
    ];
    let mut http_parts: Vec<_> = http_cuts
        .windows(2)
        .map(|w| chunk(&prelude_payload[w[0]..w[1]]))
        .collect();
    http_parts.push(complete(Fields::default()));
    let mut http = scenario(
        "http_integration_prelude",
        "An HTTP response for a function URL: JSON metadata and 8 NUL bytes split across three chunks, then the body.",
        http_parts,
        json!({ "kind": "complete" }),
    );
    http.expected["http"] = json!({
        "statusCode": 201,
        "headers": { "content-type": "text/plain", "x-custom": "yes" },
        "cookies": ["session=abc; Secure"],
        "body": BASE64.encode("Hello from a function URL"),
    });

    let unknown = encode_eventstream(
        &[
            Header::new(":event-type", HeaderValue::String("FutureEvent")),
            Header::new(":content-type", HeaderValue::String("application/json")),
            Header::new(":message-type", HeaderValue::String("event")),
        ],
        b"{\"added\":\"later\"}",
    );

    let mut truncated = scenario(
        "truncated",
        "The connection drops inside the last frame: the stream must not end silently.",
        vec![
            chunk(b"first "),
            chunk(b"second "),
            complete(Fields::default()),
        ],
        json!({ "kind": "truncated" }),
    );
    truncated.bytes.truncate(truncated.bytes.len() - 5);
    truncated.expected["events"].as_array_mut().unwrap().pop();

    vec![
        scenario(
            "text_in_chunks",
            "A text response written in ten pieces of uneven size, then a clean InvokeComplete.",
            text_parts,
            json!({ "kind": "complete" }),
        ),
        scenario(
            "binary_payload",
            "Binary output, every byte value, NUL and 0xFF included, in three chunks.",
            vec![
                chunk(&binary[..100]),
                chunk(&binary[100..]),
                chunk(&[0; 16]),
                complete(Fields::default()),
            ],
            json!({ "kind": "complete" }),
        ),
        scenario(
            "function_error",
            "The function wrote some output, then threw: InvokeComplete carries ErrorCode, ErrorDetails and the log tail (LogType Tail).",
            vec![
                chunk(b"partial output\n"),
                complete(Fields {
                    error_code: Some("Unhandled"),
                    error_details: Some("{\"errorType\":\"Error\",\"errorMessage\":\"boom\"}"),
                    log_result: Some(&log_b64),
                }),
            ],
            json!({ "kind": "complete" }),
        ),
        http,
        scenario(
            "exception_mid_stream",
            "After one chunk the service sends an exception frame.",
            vec![
                chunk(b"working..."),
                (
                    common::exception(
                        "ServiceException",
                        "Lambda was unable to complete the stream",
                    ),
                    Value::Null,
                ),
            ],
            json!({ "kind": "exception", "type": "ServiceException", "message": "Lambda was unable to complete the stream" }),
        ),
        scenario(
            "error_mid_stream",
            "After one chunk the service sends an unmodelled error frame.",
            vec![
                chunk(b"working..."),
                (
                    common::error("InternalFailure", "An internal error occurred"),
                    Value::Null,
                ),
            ],
            json!({ "kind": "error", "code": "InternalFailure", "message": "An internal error occurred" }),
        ),
        scenario(
            "unknown_event_type",
            "An event type added after this reader was written sits between two chunks: it is passed on, not an error.",
            vec![
                chunk(b"before "),
                (
                    unknown,
                    json!({ "Unknown": { "event_type": "FutureEvent" } }),
                ),
                chunk(b"after"),
                complete(Fields::default()),
            ],
            json!({ "kind": "complete" }),
        ),
        truncated,
    ]
}

fn encode_eventstream(headers: &[Header<'_>], payload: &[u8]) -> Vec<u8> {
    eventstream::encode_to_vec(headers, payload).unwrap()
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/lambda")
}

#[test]
fn testdata_lambda_files_are_up_to_date() {
    let update = std::env::var_os("EVENTSTREAM_UPDATE_TESTDATA").is_some();
    for scenario in scenarios() {
        let bin = dir().join(format!("{}.bin", scenario.name));
        let expected = dir().join(format!("{}.json", scenario.name));
        let json = serde_json::to_string_pretty(&scenario.expected).unwrap() + "\n";
        if update {
            std::fs::write(&bin, &scenario.bytes).unwrap();
            std::fs::write(&expected, &json).unwrap();
        }
        assert_eq!(
            std::fs::read(&bin).unwrap(),
            scenario.bytes,
            "{} is stale: regenerate it",
            bin.display()
        );
        assert_eq!(
            std::fs::read_to_string(&expected).unwrap(),
            json,
            "{} is stale",
            expected.display()
        );
        let _ = scenario.description;
    }
}

/// What a typed reader saw, in the expectation's shape.
fn observe(
    mut next: impl FnMut() -> Result<Option<OwnedEvent>, eventstream::Error>,
) -> (Vec<Value>, Value) {
    let mut events = Vec::new();
    loop {
        match next() {
            Ok(Some(OwnedEvent::PayloadChunk(payload))) => {
                events.push(json!({ "PayloadChunk": { "Payload": BASE64.encode(&payload) } }))
            }
            Ok(Some(OwnedEvent::InvokeComplete(summary))) => {
                events.push(complete_json(
                    summary.error_code.as_deref(),
                    summary.error_details.as_deref(),
                    summary.log_result.as_deref(),
                ));
            }
            Ok(Some(OwnedEvent::Unknown { event_type, .. })) => {
                events.push(json!({ "Unknown": { "event_type": event_type } }))
            }
            Ok(None) => return (events, json!({ "kind": "complete" })),
            Err(eventstream::Error::Service(error)) => {
                let end = match error.kind() {
                    eventstream::MessageKind::Exception { exception_type } => {
                        json!({ "kind": "exception", "type": exception_type, "message": error.message() })
                    }
                    eventstream::MessageKind::Error { code, .. } => {
                        json!({ "kind": "error", "code": code, "message": error.message() })
                    }
                    event => panic!("a service error that is an event: {event:?}"),
                };
                return (events, end);
            }
            Err(eventstream::Error::UnexpectedEof { .. }) => {
                return (events, json!({ "kind": "truncated" }));
            }
            Err(other) => panic!("unexpected error {other}"),
        }
    }
}

fn testdata_scenarios() -> Vec<(String, Vec<u8>, Value)> {
    let mut names: Vec<_> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 8);
    names
        .into_iter()
        .map(|bin| {
            let expected: Value =
                serde_json::from_slice(&std::fs::read(bin.with_extension("json")).unwrap())
                    .unwrap();
            (
                bin.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&bin).unwrap(),
                expected,
            )
        })
        .collect()
}

/// One byte per read, the worst a network can do.
struct OneByte<'a>(&'a [u8]);

impl Read for OneByte<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.0.len()).min(1);
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn the_typed_reader_gives_the_expected_events_for_every_lambda_stream() {
    for (name, bytes, expected) in testdata_scenarios() {
        let mut reader = ResponseReader::new(&bytes[..]);
        let (events, end) = observe(|| reader.next().transpose());
        assert_eq!(
            events,
            expected["events"].as_array().unwrap().clone(),
            "{name}"
        );
        assert_eq!(end, expected["end"], "{name}");

        let mut slow = ResponseReader::new(OneByte(&bytes));
        assert_eq!(
            observe(|| slow.next().transpose()),
            (events, end),
            "{name} read one byte at a time"
        );
    }
}

#[test]
fn borrowed_events_match_the_owned_ones() {
    for (name, bytes, expected) in testdata_scenarios() {
        let mut reader = ResponseReader::new(&bytes[..]);
        let mut count = 0;
        while let Ok(Some(event)) = reader.read_event() {
            if let ResponseEvent::PayloadChunk(chunk) = event {
                assert_eq!(
                    BASE64.encode(chunk.payload()),
                    expected["events"][count]["PayloadChunk"]["Payload"],
                    "{name}"
                );
            }
            count += 1;
        }
        assert_eq!(
            count,
            expected["events"].as_array().unwrap().len(),
            "{name}"
        );
    }
}

#[test]
fn the_http_prelude_is_split_off_the_payload_chunks() {
    use eventstream::lambda::{HttpPart, HttpPreludeSplitter};
    let (_, bytes, expected) = testdata_scenarios()
        .into_iter()
        .find(|(n, _, _)| n == "http_integration_prelude")
        .unwrap();
    let mut reader = ResponseReader::new(&bytes[..]);
    let mut splitter = HttpPreludeSplitter::<1024>::new();
    let (mut status, mut headers, mut cookies, mut body) =
        (None, serde_json::Map::new(), Vec::new(), Vec::new());
    while let Some(event) = reader.read_event().unwrap() {
        let ResponseEvent::PayloadChunk(chunk) = event else {
            continue;
        };
        let mut rest = chunk.payload();
        while let (used, Some(part)) = splitter.push(rest).unwrap() {
            rest = &rest[used..];
            match part {
                HttpPart::Metadata(meta) => {
                    status = meta.status_code();
                    headers.extend(
                        meta.headers()
                            .map(|(k, v)| (k.to_string(), json!(v.to_string()))),
                    );
                    cookies.extend(meta.cookies().map(|c| c.to_string()));
                }
                HttpPart::Body(bytes) => body.extend_from_slice(bytes),
            }
        }
    }
    splitter.finish().unwrap();
    let got = json!({ "statusCode": status, "headers": headers, "cookies": cookies, "body": BASE64.encode(&body) });
    assert_eq!(got, expected["http"]);
}

/// `?` in `main` prints an error's `Debug`: short, and what a reader needs
/// (the service's type or code and message), not the frame's bytes.
#[test]
fn debug_of_a_service_error_is_short_and_says_what_the_service_said() {
    for (file, expected) in [
        (
            "exception_mid_stream.bin",
            r#"Service(ServiceError { exception_type: "ServiceException", message: Some("Lambda was unable to complete the stream"), frame_len: "#,
        ),
        (
            "error_mid_stream.bin",
            r#"Service(ServiceError { error_code: "InternalFailure", message: Some("An internal error occurred"), frame_len: "#,
        ),
    ] {
        let body = std::fs::read(dir().join(file)).unwrap();
        let mut reader = ResponseReader::new(&body[..]);
        let error = loop {
            match reader.read_event() {
                Ok(Some(_)) => continue,
                Ok(None) => panic!("{file}: no error"),
                Err(error) => break error,
            }
        };
        let debug = format!("{error:?}");
        assert!(debug.starts_with(expected), "{file}: {debug}");
        assert!(debug.len() < 160, "{file}: {debug}");
    }
    let frame = common::exception("ThrottlingException", "slow down");
    let message = eventstream::Decoder::new()
        .decode(&frame)
        .unwrap()
        .complete()
        .unwrap();
    let error = ResponseEvent::from_message(message).unwrap_err();
    assert_eq!(
        format!("{error:?}"),
        r#"Exception { exception_type: "ThrottlingException", message: Some("slow down"), payload_len: 23 }"#
    );
}
