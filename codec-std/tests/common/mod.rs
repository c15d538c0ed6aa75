//! Lambda's response frames, spelled out from their headers: what the
//! service (and `eventstream serve`) sends, for the readers to read. The
//! codec decodes Lambda events; it does not pretend to be Lambda.
#![allow(dead_code)] // each test file uses some of them

use eventstream::{Header, HeaderValue, encode_to_vec};

/// A `PayloadChunk` event carrying `payload`.
pub(crate) fn payload_chunk(payload: &[u8]) -> Vec<u8> {
    event("PayloadChunk", "application/octet-stream", payload)
}

/// An `InvokeComplete` event with the JSON body `json` (`{}`: success).
pub(crate) fn invoke_complete(json: &str) -> Vec<u8> {
    event("InvokeComplete", "application/json", json.as_bytes())
}

/// An `exception` frame: `:exception-type`, and `message` in a JSON body.
pub(crate) fn exception(exception_type: &str, message: &str) -> Vec<u8> {
    let body = serde_json::json!({ "message": message }).to_string();
    let headers = [
        Header::new(":exception-type", HeaderValue::String(exception_type)),
        Header::new(":content-type", HeaderValue::String("application/json")),
        Header::new(":message-type", HeaderValue::String("exception")),
    ];
    encode_to_vec(&headers, body.as_bytes()).unwrap()
}

/// An `error` frame: `:error-code` and `:error-message`, no body.
pub(crate) fn error(code: &str, message: &str) -> Vec<u8> {
    let headers = [
        Header::new(":error-code", HeaderValue::String(code)),
        Header::new(":error-message", HeaderValue::String(message)),
        Header::new(":message-type", HeaderValue::String("error")),
    ];
    encode_to_vec(&headers, b"").unwrap()
}

fn event(event_type: &str, content_type: &str, payload: &[u8]) -> Vec<u8> {
    let headers = [
        Header::new(":event-type", HeaderValue::String(event_type)),
        Header::new(":content-type", HeaderValue::String(content_type)),
        Header::new(":message-type", HeaderValue::String("event")),
    ];
    encode_to_vec(&headers, payload).unwrap()
}
