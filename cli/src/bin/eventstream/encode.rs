//! `encode`: the inverse of `json`. JSON objects in (one per frame, in any
//! layout, either shape), frames out; lengths and CRCs are recomputed, and
//! with `--strict` checked against the ones given.

use crate::cli::EncodeArgs;
use crate::input::{Failure, display_name, open};
use crate::output::Output;
use crate::shape::from_json;
use eventstream::Decoder;
use serde_json::Value;
use std::cell::Cell;
use std::io::{Read, Write};
use std::rc::Rc;

/// The most JSON text one frame can take: a 24 MiB payload as base64 or as
/// text with every character escaped twice over, 128 KiB of headers, and
/// room to spare. A bigger object cannot be a frame, and is refused as soon
/// as it gets there, so that memory stays bounded whatever the input.
const MAX_OBJECT_LEN: u64 = 64 * 1024 * 1024;

pub(crate) fn run(args: &EncodeArgs) -> Result<(), Failure> {
    let name = display_name(&args.file);
    let allowed = Rc::new(Cell::new(MAX_OBJECT_LEN));
    let input = Bounded {
        inner: std::io::BufReader::new(open(&args.file)?),
        read: 0,
        allowed: allowed.clone(),
    };
    let mut objects = serde_json::Deserializer::from_reader(input).into_iter::<Value>();
    let mut output = Output::new();
    let mut count = 0;
    for index in 0.. {
        let Some(object) = objects.next() else { break };
        allowed.set(objects.byte_offset() as u64 + MAX_OBJECT_LEN);
        let fail = |what: String| Failure::new(format!("{name}: object {index}: {what}"));
        let object = object.map_err(|e| fail(format!("not JSON: {e}")))?;
        let message = from_json(&object, args.format).map_err(&fail)?;
        let frame = message.encode().map_err(|e| fail(e.to_string()))?;
        if args.strict {
            check_given(&object, &frame).map_err(&fail)?;
        }
        output.writer().write_all(&frame).map_err(Failure::output)?;
        output.frame_done()?;
        count += 1;
    }
    if count == 0 {
        return Err(Failure::new(format!("{name}: no JSON objects to encode")));
    }
    Ok(())
}

/// A reader that fails once more than `allowed` bytes (from its start) are read.
struct Bounded<R> {
    inner: R,
    read: u64,
    allowed: Rc<Cell<u64>>,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let room = self.allowed.get().saturating_sub(self.read);
        if room == 0 {
            return Err(std::io::Error::other(format!(
                "a JSON object of more than {MAX_OBJECT_LEN} bytes cannot be a frame"
            )));
        }
        let take = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..take])?;
        self.read += n as u64;
        Ok(n)
    }
}

/// With `--strict`: every length and CRC the object gives must match the frame.
fn check_given(object: &Value, frame: &[u8]) -> Result<(), String> {
    let message = Decoder::new()
        .decode(frame)
        .map_err(|e| e.to_string())?
        .complete()
        .ok_or("the frame is incomplete")?;
    let prelude = message.prelude();
    let actual = [
        ("total_length", i64::from(prelude.total_len())),
        ("headers_length", i64::from(prelude.headers_len())),
        ("prelude_crc", i64::from(prelude.crc() as i32)),
        ("message_crc", i64::from(message.message_crc() as i32)),
    ];
    for (key, actual) in actual {
        if let Some(given) = object.get(key) {
            // CRCs are hex strings in the readable shape.
            let hex = given
                .as_str()
                .and_then(|t| i64::from_str_radix(t.trim_start_matches("0x"), 16).ok());
            let given = hex
                .or_else(|| given.as_i64())
                .ok_or(format!("{key} must be an integer or a hex string"))?;
            // CRCs may be written signed (as the AWS vectors do) or unsigned.
            let matches = given == actual
                || (key.ends_with("crc") && given == i64::from(actual as i32 as u32));
            if !matches {
                return Err(format!("{key} is {given} but the frame has {actual}"));
            }
        }
    }
    Ok(())
}
