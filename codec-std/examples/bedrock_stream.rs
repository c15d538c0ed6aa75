//! Reads a Bedrock `InvokeModelWithResponseStream` body the way an SDK does:
//! each `chunk` event's JSON payload carries the model's output as base64 in
//! `bytes`; an `exception` frame (throttling, a model error) ends the stream
//! as a typed error. Here the body is built with frames of the real shape.
//!
//! `cargo run -p eventstream --example bedrock_stream`

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use eventstream::{Error, Events, Header, HeaderValue, Reader};

/// The model's output, chunk by chunk, or the service's error.
fn model_output(body: impl std::io::Read) -> Result<Vec<u8>, Error> {
    let mut reader = Events::new(Reader::new(body));
    let mut output = Vec::new();
    while let Some(event) = reader.read_event()? {
        if event.event_type != "chunk" {
            continue; // events a newer model may add
        }
        // The payload is JSON: an SDK reads it with its JSON parser.
        let chunk: serde_json::Value =
            serde_json::from_slice(event.message.payload()).unwrap_or_default();
        let bytes = chunk["bytes"]
            .as_str()
            .and_then(|base64| BASE64.decode(base64).ok());
        output.extend(bytes.unwrap_or_default());
    }
    Ok(output)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let chunk = |text: &str| {
        let payload = format!(r#"{{"bytes":"{}","p":"abcd"}}"#, BASE64.encode(text));
        let headers = [
            Header::new(":event-type", HeaderValue::String("chunk")),
            Header::new(":content-type", HeaderValue::String("application/json")),
            Header::new(":message-type", HeaderValue::String("event")),
        ];
        eventstream::encode_to_vec(&headers, payload.as_bytes())
    };
    let mut body = chunk(r#"{"type":"content_block_delta","delta":{"text":"Hello"}}"#)?;
    body.extend(chunk(
        r#"{"type":"content_block_delta","delta":{"text":", world"}}"#,
    )?);
    println!("{}", String::from_utf8_lossy(&model_output(&body[..])?));

    body.extend(eventstream::encode_to_vec(
        &[
            Header::new(
                ":exception-type",
                HeaderValue::String("throttlingException"),
            ),
            Header::new(":content-type", HeaderValue::String("application/json")),
            Header::new(":message-type", HeaderValue::String("exception")),
        ],
        br#"{"message":"Too many requests, please wait before trying again."}"#,
    )?);
    match model_output(&body[..]) {
        Err(Error::Service(error)) => println!("stopped: {error}"),
        other => println!("unexpected: {other:?}"),
    }
    Ok(())
}
