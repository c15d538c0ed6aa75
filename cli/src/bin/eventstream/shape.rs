//! The two JSON shapes of a frame, both ways: what `json` writes and what
//! `encode` reads. One definition of each.
//!
//! - **readable** (the default): strings as strings, the payload as text
//!   when it is printable UTF-8 (`payload`), else base64 (`payload_base64`),
//!   or embedded when it is compact JSON and that was asked for
//!   (`payload_json`);
//!   byte arrays base64, UUIDs in their 8-4-4-4-12 form, timestamps in
//!   milliseconds with their RFC 3339 `time` beside; type names as the
//!   Smithy spec writes them; CRCs as hex strings, as `dump` shows them.
//! - **vectors**: the AWS test vectors' `decoded/` files: strings, byte
//!   arrays, UUIDs and the payload base64, type bytes, CRCs as signed
//!   32-bit integers.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use eventstream::{
    HEADER_TYPE_NAMES, HeaderValue, MessageRef, OwnedHeader, OwnedHeaderValue, OwnedMessage,
};
use serde_json::{Map, Value, json};

/// Which shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Shape {
    /// Strings as text, the payload as text (or JSON) when it is, base64 only for bytes.
    Readable,
    /// The AWS test vectors' shape: base64 for every string and the payload.
    Vectors,
}

/// A frame in `shape`; with `embed_json`, a JSON payload is embedded (readable only).
pub(crate) fn to_json(message: MessageRef<'_>, shape: Shape, embed_json: bool) -> Value {
    let prelude = message.prelude();
    let headers: Vec<Value> = message
        .headers()
        .map(|header| header_json(header.name, header.value, shape))
        .collect();
    let mut object = Map::new();
    object.insert("total_length".into(), json!(prelude.total_len()));
    object.insert("headers_length".into(), json!(prelude.headers_len()));
    object.insert("prelude_crc".into(), crc(prelude.crc(), shape));
    object.insert("headers".into(), Value::Array(headers));
    let payload = message.payload();
    let (key, value) = match shape {
        Shape::Vectors => ("payload", json!(BASE64.encode(payload))),
        Shape::Readable => {
            // Only JSON that `encode` writes back byte for byte (compact,
            // as services send it): the round trip stays exact.
            let embedded = embed_json
                .then(|| serde_json::from_slice::<Value>(payload).ok())
                .flatten()
                .filter(|value| serde_json::to_vec(value).is_ok_and(|bytes| bytes == payload));
            match (embedded, printable(payload)) {
                (Some(value), _) => ("payload_json", value),
                (None, Some(text)) => ("payload", json!(text)),
                (None, None) => ("payload_base64", json!(BASE64.encode(payload))),
            }
        }
    };
    object.insert(key.into(), value);
    object.insert("message_crc".into(), crc(message.message_crc(), shape));
    Value::Object(object)
}

/// UTF-8 without control characters other than tab, newline and carriage return.
pub(crate) fn printable(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok().filter(|text| {
        text.chars()
            .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
    })
}

fn crc(value: u32, shape: Shape) -> Value {
    match shape {
        Shape::Readable => json!(format!("{value:#010x}")),
        Shape::Vectors => json!(value as i32),
    }
}

fn header_json(name: &str, value: HeaderValue<'_>, shape: Shape) -> Value {
    let readable = shape == Shape::Readable;
    let json_value = match value {
        HeaderValue::Bool(v) => json!(v),
        HeaderValue::Byte(v) => json!(v),
        HeaderValue::Int16(v) => json!(v),
        HeaderValue::Int32(v) => json!(v),
        HeaderValue::Int64(v) | HeaderValue::Timestamp(v) => json!(v),
        HeaderValue::ByteArray(v) => json!(BASE64.encode(v)),
        HeaderValue::String(v) if readable => json!(v),
        HeaderValue::String(v) => json!(BASE64.encode(v)),
        HeaderValue::Uuid(_) if readable => json!(value.to_string()),
        HeaderValue::Uuid(v) => json!(BASE64.encode(v)),
    };
    let mut object = Map::new();
    object.insert("name".into(), json!(name));
    object.insert(
        "type".into(),
        match shape {
            Shape::Readable => json!(type_name(value)),
            Shape::Vectors => json!(value.type_byte()),
        },
    );
    object.insert("value".into(), json_value);
    if let (true, HeaderValue::Timestamp(millis)) = (readable, value) {
        object.insert("time".into(), json!(rfc3339(millis)));
    }
    Value::Object(object)
}

/// Milliseconds since the epoch as `2023-11-14T22:13:20.000Z`.
pub(crate) fn rfc3339(millis: i64) -> String {
    let nanos = i128::from(millis) * 1_000_000;
    match time::OffsetDateTime::from_unix_timestamp_nanos(nanos) {
        Ok(t) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            t.millisecond()
        ),
        Err(_) => "(out of range)".to_string(),
    }
}

/// The keys of a frame object, in either shape: anything else is a typo or
/// not a frame (an AWS error body), and is refused rather than ignored.
const FRAME_KEYS: [&str; 8] = [
    "headers",
    "payload",
    "payload_base64",
    "payload_json",
    "total_length",
    "headers_length",
    "prelude_crc",
    "message_crc",
];

/// The keys of a header object (`time` is what `json` writes beside a timestamp).
const HEADER_KEYS: [&str; 4] = ["name", "type", "value", "time"];

/// A message from a JSON object: in `forced` shape, else in the one its
/// markers say (a header type or a CRC written as a string, a
/// `payload_base64` or `payload_json`: readable; a CRC written as a number:
/// vectors), else in the one it fits. An object that fits both, differently,
/// is an error that names both: nothing is guessed.
pub(crate) fn from_json(object: &Value, forced: Option<Shape>) -> Result<OwnedMessage, String> {
    let Value::Object(map) = object else {
        return Err(format!(
            "{} is not a frame: a frame is an object with \"headers\" and a payload",
            what_json(object)
        ));
    };
    if let Some(key) = map.keys().find(|key| !FRAME_KEYS.contains(&key.as_str())) {
        return Err(format!(
            "unknown key {key:?}: a frame's keys are {}",
            FRAME_KEYS.join(", ")
        ));
    }
    if !FRAME_KEYS[..4].iter().any(|key| map.contains_key(*key)) {
        return Err(
            "neither \"headers\" nor a payload: not a frame (an empty frame is {\"headers\": []})"
                .into(),
        );
    }
    let Some(shape) = forced.or_else(|| marked(object)) else {
        return match (
            parse(object, Shape::Readable),
            parse(object, Shape::Vectors),
        ) {
            (Ok(readable), Ok(vectors)) if readable != vectors => Err(
                "fits both shapes, differently: its strings and payload are text as readable, \
                 base64 as vectors; say which with --format readable or --format vectors"
                    .into(),
            ),
            (Ok(message), _) | (_, Ok(message)) => Ok(message),
            (Err(readable), Err(vectors)) if readable == vectors => Err(readable),
            (Err(readable), Err(vectors)) => Err(format!(
                "fits neither shape: as readable, {readable}; as vectors, {vectors}"
            )),
        };
    };
    parse(object, shape)
}

/// The shape an object's own markers say, if they say one.
fn marked(object: &Value) -> Option<Shape> {
    let string_type = object
        .get("headers")
        .and_then(Value::as_array)
        .is_some_and(|headers| {
            headers
                .iter()
                .any(|h| h.get("type").is_some_and(Value::is_string))
        });
    let crcs = ["prelude_crc", "message_crc"].map(|key| object.get(key));
    let readable_payload =
        object.get("payload_base64").is_some() || object.get("payload_json").is_some();
    if string_type || readable_payload || crcs.iter().flatten().any(|v| v.is_string()) {
        Some(Shape::Readable)
    } else if crcs.iter().flatten().any(|v| v.is_number()) {
        Some(Shape::Vectors)
    } else {
        None
    }
}

/// What a JSON value is, for an error message.
fn what_json(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A frame object (keys already checked) read in `shape`.
fn parse(object: &Value, shape: Shape) -> Result<OwnedMessage, String> {
    let payload = match (
        shape,
        object.get("payload_json"),
        object.get("payload_base64"),
    ) {
        (Shape::Readable, Some(value), _) => {
            serde_json::to_vec(value).map_err(|e| e.to_string())?
        }
        (Shape::Readable, None, Some(text)) => base64_of(text, "payload_base64")?,
        (Shape::Readable, None, None) => match object.get("payload") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::String(text)) => text.clone().into_bytes(),
            Some(other) => return Err(format!("payload is {}, not text", what_json(other))),
        },
        (Shape::Vectors, Some(_), _) | (Shape::Vectors, None, Some(_)) => {
            return Err("payload_json and payload_base64 are the readable shape's".into());
        }
        (Shape::Vectors, None, None) => match object.get("payload") {
            None | Some(Value::Null) => Vec::new(),
            Some(text) => base64_of(text, "payload")?,
        },
    };
    let headers = match object.get("headers") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(headers)) => headers
            .iter()
            .enumerate()
            .map(|(i, h)| header(h, shape).map_err(|e| format!("header {i}: {e}")))
            .collect::<Result<_, _>>()?,
        Some(other) => return Err(format!("headers is {}, not an array", what_json(other))),
    };
    Ok(OwnedMessage { headers, payload })
}

fn base64_of(value: &Value, what: &str) -> Result<Vec<u8>, String> {
    let text = value
        .as_str()
        .ok_or(format!("{what} must be a base64 string"))?;
    BASE64
        .decode(text)
        .map_err(|e| format!("{what} is not base64: {e}"))
}

fn header(value: &Value, shape: Shape) -> Result<OwnedHeader, String> {
    let Value::Object(map) = value else {
        return Err(format!("is {}, not an object", what_json(value)));
    };
    if let Some(key) = map.keys().find(|key| !HEADER_KEYS.contains(&key.as_str())) {
        return Err(format!(
            "unknown key {key:?}: a header's keys are {}",
            HEADER_KEYS.join(", ")
        ));
    }
    let name = value
        .get("name")
        .and_then(Value::as_str)
        .ok_or("needs a string `name`")?;
    let v = value.get("value").unwrap_or(&Value::Null);
    let type_byte = match value.get("type") {
        Some(Value::Number(n)) => n.as_u64().ok_or("type must be 0..=9")?,
        Some(Value::String(text)) => HEADER_TYPE_NAMES
            .iter()
            .position(|name| name == text)
            .map(|byte| byte as u64)
            .ok_or_else(|| {
                // `boolean` once: it names type bytes 0 and 1.
                let names = HEADER_TYPE_NAMES.get(1..).unwrap_or_default();
                format!("unknown header type {text:?}: one of {}", names.join(", "))
            })?,
        _ => return Err("needs a `type` (a name, or 0..=9)".into()),
    };
    // A boolean's type byte is its value (0 true, 1 false): a `value` given
    // beside it must agree, and the name `boolean` needs one.
    let named = value.get("type").is_some_and(Value::is_string);
    let boolean = match (type_byte, v) {
        (0 | 1, Value::Bool(b)) if named || *b == (type_byte == 0) => *b,
        (0 | 1, Value::Null) if !named => type_byte == 0,
        (0 | 1, other) => {
            return Err(format!(
                "value {other} does not fit type {}: a boolean's value is true or false{}",
                value.get("type").unwrap_or(&Value::Null),
                if named {
                    ""
                } else {
                    ", and type 0 is true, 1 false"
                }
            ));
        }
        _ => false,
    };
    let int = |min: i64, max: i64| -> Result<i64, String> {
        v.as_i64()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| format!("value must be an integer in {min}..={max}"))
    };
    let text = || {
        v.as_str()
            .ok_or_else(|| "value must be a string".to_string())
    };
    let value = match type_byte {
        0 | 1 => OwnedHeaderValue::Bool(boolean),
        2 => OwnedHeaderValue::Byte(int(i8::MIN.into(), i8::MAX.into())? as i8),
        3 => OwnedHeaderValue::Int16(int(i16::MIN.into(), i16::MAX.into())? as i16),
        4 => OwnedHeaderValue::Int32(int(i32::MIN.into(), i32::MAX.into())? as i32),
        5 => OwnedHeaderValue::Int64(int(i64::MIN, i64::MAX)?),
        6 => OwnedHeaderValue::ByteArray(base64_of(v, "value")?),
        7 if shape == Shape::Readable => OwnedHeaderValue::String(text()?.to_string()),
        7 => OwnedHeaderValue::String(
            String::from_utf8(base64_of(v, "value")?).map_err(|_| "string value is not UTF-8")?,
        ),
        8 => OwnedHeaderValue::Timestamp(int(i64::MIN, i64::MAX)?),
        9 if shape == Shape::Readable => OwnedHeaderValue::Uuid(uuid(text()?)?),
        9 => OwnedHeaderValue::Uuid(
            base64_of(v, "value")?
                .try_into()
                .map_err(|_| "a uuid is 16 bytes")?,
        ),
        other => return Err(format!("unknown header type {other} (expected 0..=9)")),
    };
    Ok(OwnedHeader {
        name: name.to_string(),
        value,
    })
}

/// `8-4-4-4-12` hex digits as 16 bytes.
fn uuid(text: &str) -> Result<[u8; 16], String> {
    let digits: String = text.chars().filter(|&c| c != '-').collect();
    let bytes: Option<Vec<u8>> = (0..digits.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(digits.get(i..i + 2)?, 16).ok())
        .collect();
    bytes
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| format!("{text:?} is not a UUID (8-4-4-4-12 hex digits)"))
}

/// The type's name, as the Smithy spec writes it (`byte_array`, `uuid`...),
/// from the core's table.
pub(crate) fn type_name(value: HeaderValue<'_>) -> &'static str {
    HEADER_TYPE_NAMES
        .get(usize::from(value.type_byte()))
        .copied()
        .unwrap_or("unknown")
}
