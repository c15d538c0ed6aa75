//! Lambda's response frames as `eventstream serve` sends them: a
//! `PayloadChunk` for each piece of a function's output, then one
//! `InvokeComplete`. The codec decodes them; what a Lambda frame holds is
//! the endpoint's to say, so it is said here, once.

use eventstream::lambda::InvokeSummary;
use eventstream::{EncodeError, Header, HeaderValue, encode_to_vec};

/// A `PayloadChunk` frame carrying `payload`.
///
/// ```
/// let frame = eventstream_cli::frames::payload_chunk(b"hi").unwrap();
/// let view = eventstream::Decoder::new().decode(&frame).unwrap().complete().unwrap();
/// assert_eq!(view.header(":event-type"), Some("PayloadChunk".into()));
/// ```
pub fn payload_chunk(payload: &[u8]) -> Result<Vec<u8>, EncodeError> {
    event("PayloadChunk", "application/octet-stream", payload)
}

/// The `InvokeComplete` frame for `summary`: a JSON body with the members
/// that are set, in Lambda's order (`ErrorCode`, `ErrorDetails`, `LogResult`).
///
/// ```
/// use eventstream::lambda::InvokeSummary;
/// let summary = InvokeSummary { error_code: Some("Unhandled".into()), ..Default::default() };
/// let frame = eventstream_cli::frames::invoke_complete(&summary).unwrap();
/// let view = eventstream::Decoder::new().decode(&frame).unwrap().complete().unwrap();
/// assert_eq!(view.payload(), br#"{"ErrorCode":"Unhandled"}"#);
/// ```
pub fn invoke_complete(summary: &InvokeSummary) -> Result<Vec<u8>, EncodeError> {
    let members = [
        ("ErrorCode", &summary.error_code),
        ("ErrorDetails", &summary.error_details),
        ("LogResult", &summary.log_result),
    ];
    let body: serde_json::Map<String, serde_json::Value> = members
        .into_iter()
        .filter_map(|(key, value)| Some((key.to_string(), value.clone()?.into())))
        .collect();
    let body = serde_json::Value::Object(body).to_string();
    event("InvokeComplete", "application/json", body.as_bytes())
}

/// An event frame, its headers in Lambda's order.
fn event(event_type: &str, content_type: &str, payload: &[u8]) -> Result<Vec<u8>, EncodeError> {
    let headers = [
        (":event-type", event_type),
        (":content-type", content_type),
        (":message-type", "event"),
    ]
    .map(|(name, value)| Header::new(name, HeaderValue::String(value)));
    encode_to_vec(&headers, payload)
}

#[cfg(test)]
mod tests {
    use super::*;
    use eventstream::lambda::ResponseEvent;
    use proptest::prelude::*;

    fn decode(frame: &[u8]) -> eventstream::MessageRef<'_> {
        eventstream::Decoder::new()
            .decode(frame)
            .unwrap()
            .complete()
            .unwrap()
    }

    #[test]
    fn frames_carry_exactly_lambdas_headers() {
        let string = |name, value| Header::new(name, HeaderValue::String(value));
        let frame = payload_chunk(b"x").unwrap();
        assert_eq!(
            decode(&frame).headers().collect::<Vec<_>>(),
            [
                string(":event-type", "PayloadChunk"),
                string(":content-type", "application/octet-stream"),
                string(":message-type", "event"),
            ]
        );
        let frame = invoke_complete(&InvokeSummary::default()).unwrap();
        assert_eq!(
            decode(&frame).headers().collect::<Vec<_>>(),
            [
                string(":event-type", "InvokeComplete"),
                string(":content-type", "application/json"),
                string(":message-type", "event"),
            ]
        );
        assert_eq!(decode(&frame).payload(), b"{}");
    }

    proptest! {
        /// What the endpoint encodes, the core's typed views read back.
        #[test]
        fn any_payload_and_invoke_complete_strings_round_trip(
            payload in proptest::collection::vec(any::<u8>(), 0..2000),
            code in proptest::option::of("\\PC*|[\"\\\\\u{0}-\u{1f}]{0,8}"),
            details in proptest::option::of(any::<String>()),
            log in proptest::option::of("[A-Za-z0-9+/]{0,40}"),
        ) {
            let frame = payload_chunk(&payload).unwrap();
            let Ok(ResponseEvent::PayloadChunk(chunk)) = ResponseEvent::from_message(decode(&frame)) else { panic!() };
            prop_assert_eq!(chunk.payload(), &payload[..]);

            let summary = InvokeSummary { error_code: code.clone(), error_details: details.clone(), log_result: log.clone() };
            let frame = invoke_complete(&summary).unwrap();
            let Ok(ResponseEvent::InvokeComplete(done)) = ResponseEvent::from_message(decode(&frame)) else { panic!() };
            prop_assert_eq!(done.error_code().map(|s| s.to_string()), code);
            prop_assert_eq!(done.error_details().map(|s| s.to_string()), details);
            prop_assert_eq!(done.log_result().map(|s| s.to_string()), log);
        }
    }
}
