//! What the Rust decoder makes of each file given, printed exactly as
//! `tests/c/decode_test.c` prints what the C library made of it: the two
//! outputs must be identical (`ffi/tests/run.sh` compares them).
//!
//! `cargo run -p eventstream-ffi --example canonical -- FILE...`

use eventstream_core::lambda::{Malformed, ResponseEvent, StreamError};
use eventstream_core::{Decoder, HeaderValue, MessageKind, MessageRef, Status};
use eventstream_ffi::{
    ES_ERR_EXCEPTION, ES_ERR_MALFORMED, ES_ERR_SERVICE_ERROR, ES_ERR_TRUNCATED, ES_KIND_ERROR,
    ES_KIND_EVENT, ES_KIND_EXCEPTION, ES_LAMBDA_INVOKE_COMPLETE, ES_LAMBDA_PAYLOAD_CHUNK,
    ES_LAMBDA_UNKNOWN, decode_code,
};
use std::fmt::Write;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

fn value(value: HeaderValue<'_>) -> String {
    match value {
        HeaderValue::ByteArray(bytes) => hex(bytes),
        HeaderValue::String(text) => hex(text.as_bytes()),
        HeaderValue::Uuid(uuid) => hex(&uuid),
        HeaderValue::Bool(b) => i64::from(b).to_string(),
        HeaderValue::Byte(v) => v.to_string(),
        HeaderValue::Int16(v) => v.to_string(),
        HeaderValue::Int32(v) => v.to_string(),
        HeaderValue::Int64(v) | HeaderValue::Timestamp(v) => v.to_string(),
    }
}

fn views(out: &mut String, message: MessageRef<'_>) {
    let _ = match message.kind() {
        Ok(MessageKind::Event { event_type }) => {
            writeln!(
                out,
                "  kind {ES_KIND_EVENT} {} ",
                hex(event_type.as_bytes())
            )
        }
        Ok(MessageKind::Exception { exception_type }) => {
            let said = eventstream_core::exception_message(message.payload());
            writeln!(
                out,
                "  kind {ES_KIND_EXCEPTION} {} {}",
                hex(exception_type.as_bytes()),
                said.map_or(String::new(), |m| hex(m.raw().as_bytes()))
            )
        }
        Ok(MessageKind::Error { code, message }) => writeln!(
            out,
            "  kind {ES_KIND_ERROR} {} {}",
            hex(code.as_bytes()),
            hex(message.unwrap_or_default().as_bytes())
        ),
        Err(error) => writeln!(out, "  kind error {}", decode_code(&error)),
    };
    let json = |s: Option<eventstream_core::lambda::JsonStr<'_>>| {
        s.map_or(String::new(), |s| hex(s.raw().as_bytes()))
    };
    let _ = match ResponseEvent::from_message(message) {
        Ok(ResponseEvent::PayloadChunk(_)) => {
            writeln!(
                out,
                "  lambda {ES_LAMBDA_PAYLOAD_CHUNK} {}   ",
                hex(b"PayloadChunk")
            )
        }
        Ok(ResponseEvent::InvokeComplete(done)) => writeln!(
            out,
            "  lambda {ES_LAMBDA_INVOKE_COMPLETE} {} {} {} {}",
            hex(b"InvokeComplete"),
            json(done.error_code()),
            json(done.error_details()),
            json(done.log_result())
        ),
        Ok(ResponseEvent::Unknown { event_type, .. }) => {
            writeln!(
                out,
                "  lambda {ES_LAMBDA_UNKNOWN} {}   ",
                hex(event_type.as_bytes())
            )
        }
        Err(StreamError::Exception { .. }) => writeln!(out, "  lambda error {ES_ERR_EXCEPTION}"),
        Err(StreamError::Error { .. }) => writeln!(out, "  lambda error {ES_ERR_SERVICE_ERROR}"),
        Err(StreamError::Malformed {
            reason: Malformed::Kind(error),
            ..
        }) => writeln!(out, "  lambda error {}", decode_code(&error)),
        Err(_) => writeln!(out, "  lambda error {ES_ERR_MALFORMED}"),
    };
}

fn main() {
    for path in std::env::args().skip(1) {
        let input = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let name = path.rsplit('/').next().unwrap_or(&path);
        let mut out = format!("file {name}\n");
        let mut decoder = Decoder::new();
        let mut rest = &input[..];
        loop {
            if rest.is_empty() {
                out.push_str("end\n");
                break;
            }
            match decoder.decode(rest) {
                Ok(Status::Complete(message)) => {
                    let _ = writeln!(out, "frame {}", message.len());
                    for header in message.headers() {
                        let _ = writeln!(
                            out,
                            "  header {} {} {}",
                            hex(header.name.as_bytes()),
                            header.value.type_byte(),
                            value(header.value)
                        );
                    }
                    let _ = writeln!(out, "  payload {}", hex(message.payload()));
                    views(&mut out, message);
                    rest = &rest[message.len()..];
                }
                Ok(Status::Incomplete { .. }) => {
                    let _ = writeln!(out, "error {ES_ERR_TRUNCATED}");
                    break;
                }
                Err(error) => {
                    let _ = writeln!(out, "error {}", decode_code(&error));
                    break;
                }
            }
        }
        print!("{out}");
    }
}
