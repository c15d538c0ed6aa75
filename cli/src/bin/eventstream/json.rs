//! `json`: one JSON object per frame, in the shape of the AWS test vectors'
//! `decoded/` files: lengths, CRCs as signed 32-bit integers, headers with
//! their type byte, and base64 for strings, byte arrays, UUIDs and the payload.

use crate::cli::JsonArgs;
use crate::input::{Failure, Frames};
use crate::output::Output;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use eventstream::{HeaderValue, MessageRef};
use serde_json::{Value, json};
use std::io::Write;

pub(crate) fn run(args: &JsonArgs) -> Result<(), Failure> {
    let mut frames = Frames::open(&args.input.file)?;
    let mut output = Output::new();
    while let Some((_, _, message)) = frames.next()? {
        let value = to_json(message);
        let out = output.writer();
        let written = if args.pretty {
            serde_json::to_writer_pretty(&mut *out, &value)
        } else {
            serde_json::to_writer(&mut *out, &value)
        };
        written.map_err(|e| Failure::output(e.into()))?;
        writeln!(out).map_err(Failure::output)?;
        output.frame_done()?;
    }
    Ok(())
}

/// A frame as the test vectors write it.
pub(crate) fn to_json(message: MessageRef<'_>) -> Value {
    let headers: Vec<Value> = message
        .headers()
        .map(|header| {
            let value = match header.value {
                HeaderValue::Bool(v) => json!(v),
                HeaderValue::Byte(v) => json!(v),
                HeaderValue::Int16(v) => json!(v),
                HeaderValue::Int32(v) => json!(v),
                HeaderValue::Int64(v) | HeaderValue::Timestamp(v) => json!(v),
                HeaderValue::ByteArray(v) => json!(BASE64.encode(v)),
                HeaderValue::String(v) => json!(BASE64.encode(v)),
                HeaderValue::Uuid(v) => json!(BASE64.encode(v)),
            };
            json!({ "name": header.name, "type": header.value.type_byte(), "value": value })
        })
        .collect();
    let prelude = message.prelude();
    json!({
        "total_length": prelude.total_len(),
        "headers_length": prelude.headers_len(),
        "prelude_crc": prelude.crc() as i32,
        "headers": headers,
        "payload": BASE64.encode(message.payload()),
        "message_crc": message.message_crc() as i32,
    })
}
