//! `encode`: the inverse of `json`. JSON objects in (one per frame, in any
//! layout, either shape), frames out; lengths and CRCs are recomputed, and
//! with `--strict` checked against the ones given. It never invents a
//! frame: an object that is not one (an array, `{}`, an AWS error body, a
//! typo'd key) stops it with the object's line, and nothing is written for
//! that object. Binary never goes to a terminal.

use crate::cli::EncodeArgs;
use crate::input::{Failure, display_name, open};
use crate::output::Output;
use crate::shape::from_json;
use eventstream::Decoder;
use serde_json::Value;
use std::cell::Cell;
use std::fs::File;
use std::io::{BufRead, BufWriter, IsTerminal, Read, Write};
use std::rc::Rc;

/// The most JSON text one frame can take: a 24 MiB payload as base64 or as
/// text with every character escaped twice over, 128 KiB of headers, and
/// room to spare. A bigger object cannot be a frame, and is refused as soon
/// as it gets there, so that memory stays bounded whatever the input.
const MAX_OBJECT_LEN: u64 = 64 * 1024 * 1024;

pub(crate) fn run(args: &EncodeArgs) -> Result<(), Failure> {
    let position = Rc::new(Position::default());
    let mut input = Bounded {
        inner: std::io::BufReader::new(open(&args.file)?),
        position: position.clone(),
    };
    let mut frames = FrameSink {
        name: display_name(&args.file),
        args,
        out: Out::open(args)?,
        position,
        count: 0,
    };
    let starts_with_array = input
        .first_byte()
        .map_err(|e| Failure::new(format!("{}: {e}", frames.name)))?
        == Some(b'[');
    if starts_with_array {
        read_array(input, &mut frames)?;
    } else {
        read_objects(input, &mut frames)?;
    }
    if frames.count == 0 {
        return Err(Failure::new(format!(
            "{}: no JSON objects to encode",
            frames.name
        )));
    }
    Ok(())
}

/// Objects one after another, in any layout (JSON Lines, as `json` writes).
fn read_objects(input: Bounded<impl Read>, frames: &mut FrameSink<'_>) -> Result<(), Failure> {
    let mut objects = serde_json::Deserializer::from_reader(input).into_iter::<Value>();
    loop {
        frames.position.next_object();
        let Some(object) = objects.next() else {
            return Ok(());
        };
        frames
            .position
            .allowed
            .set(objects.byte_offset() as u64 + MAX_OBJECT_LEN);
        frames.encode(object)?;
    }
}

/// One array of objects (as `json --array` writes), read one element at a
/// time, each within the same bound as a lone object.
fn read_array(input: Bounded<impl Read>, frames: &mut FrameSink<'_>) -> Result<(), Failure> {
    let mut json = serde_json::Deserializer::from_reader(input);
    let mut failure = None;
    let elements = Elements {
        frames: &mut *frames,
        failure: &mut failure,
    };
    let read = serde::Deserializer::deserialize_seq(&mut json, elements).and_then(|()| json.end());
    match (failure, read) {
        (Some(failure), _) => Err(failure),
        (None, Ok(())) => Ok(()),
        (None, Err(e)) => Err(frames.fail(format!("not JSON: {e}"))),
    }
}

/// The visitor of the top-level array: encodes each element as it arrives,
/// and keeps the first failure (serde's error type cannot carry it).
struct Elements<'s, 'a> {
    frames: &'s mut FrameSink<'a>,
    failure: &'s mut Option<Failure>,
}

impl<'de> serde::de::Visitor<'de> for Elements<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array of frames")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        loop {
            let position = &self.frames.position;
            position.next_object();
            position.allowed.set(position.read.get() + MAX_OBJECT_LEN);
            let Some(object) = seq.next_element::<Value>()? else {
                return Ok(());
            };
            if let Err(failure) = self.frames.encode(Ok(object)) {
                *self.failure = Some(failure);
                return Err(serde::de::Error::custom("stopped"));
            }
        }
    }
}

/// Encodes each object as it is read and writes its frame.
struct FrameSink<'a> {
    name: String,
    args: &'a EncodeArgs,
    out: Out,
    position: Rc<Position>,
    count: u64,
}

impl FrameSink<'_> {
    /// A failure of the object being read (the `count`th), with its line.
    fn fail(&self, what: String) -> Failure {
        let (name, index, line) = (&self.name, self.count, self.position.object_line.get());
        Failure::new(format!("{name}: object {index} (line {line}): {what}"))
    }

    /// Encodes one object as a frame and writes it.
    fn encode(&mut self, object: Result<Value, serde_json::Error>) -> Result<(), Failure> {
        let object = object.map_err(|e| self.fail(format!("not JSON: {e}")))?;
        let message = from_json(&object, self.args.format).map_err(|e| self.fail(e))?;
        let frame = message.encode().map_err(|e| self.fail(e.to_string()))?;
        if self.args.strict {
            check_given(&object, &frame).map_err(|e| self.fail(e))?;
        }
        self.out.write_frame(&frame)?;
        self.count += 1;
        Ok(())
    }
}
/// Where the frames go: `-o FILE`, or standard output unless it is a terminal.
enum Out {
    File(BufWriter<File>),
    Stdout(Output),
}

impl Out {
    fn open(args: &EncodeArgs) -> Result<Out, Failure> {
        match &args.output {
            Some(path) => File::create(path)
                .map(|file| Out::File(BufWriter::new(file)))
                .map_err(|e| Failure::new(format!("{}: {e}", path.display()))),
            None if std::io::stdout().is_terminal() => Err(Failure::new(
                "encode writes binary frames, and standard output is a terminal: \
                 redirect it to a file or a pipe, or give -o FILE",
            )),
            None => Ok(Out::Stdout(Output::new())),
        }
    }

    /// Writes one frame, and sends it on now: a pipe sees frames as they come.
    fn write_frame(&mut self, frame: &[u8]) -> Result<(), Failure> {
        match self {
            Out::File(file) => file
                .write_all(frame)
                .and_then(|()| file.flush())
                .map_err(Failure::output),
            Out::Stdout(output) => {
                output.writer().write_all(frame).map_err(Failure::output)?;
                output.frame_done()
            }
        }
    }
}

/// How far the JSON reader is: the bytes it may still read, and lines.
struct Position {
    /// Bytes the reader may read from the start, in all.
    allowed: Cell<u64>,
    read: Cell<u64>,
    /// Line of the byte read last (1-based).
    line: Cell<u64>,
    /// Line where the current object starts: its first byte that is not
    /// white space.
    object_line: Cell<u64>,
    /// Whether that first byte is still to come.
    awaiting_object: Cell<bool>,
}

impl Default for Position {
    fn default() -> Self {
        Position {
            allowed: Cell::new(MAX_OBJECT_LEN),
            read: Cell::new(0),
            line: Cell::new(1),
            object_line: Cell::new(1),
            awaiting_object: Cell::new(true),
        }
    }
}

impl Position {
    fn next_object(&self) {
        self.awaiting_object.set(true);
    }

    fn saw(&self, bytes: &[u8]) {
        for &byte in bytes {
            // An array's punctuation comes before its element's first byte.
            let punctuation = byte.is_ascii_whitespace() || byte == b'[' || byte == b',';
            if self.awaiting_object.get() && !punctuation {
                self.awaiting_object.set(false);
                self.object_line.set(self.line.get());
            }
            if byte == b'\n' {
                self.line.set(self.line.get() + 1);
            }
        }
    }
}

/// A reader that fails once more than `allowed` bytes (from its start) are
/// read, and counts lines as the JSON parser reads.
struct Bounded<R> {
    inner: R,
    position: Rc<Position>,
}

impl<R: BufRead> Bounded<R> {
    /// The first byte that is not white space, left unread (the white
    /// space before it is read and counted).
    fn first_byte(&mut self) -> std::io::Result<Option<u8>> {
        loop {
            let buffered = self.inner.fill_buf()?;
            let Some(&first) = buffered.first() else {
                return Ok(None);
            };
            if !first.is_ascii_whitespace() {
                return Ok(Some(first));
            }
            self.position.saw(&[first]);
            self.inner.consume(1);
            self.position.read.set(self.position.read.get() + 1);
        }
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let position = &self.position;
        let room = position.allowed.get().saturating_sub(position.read.get());
        if room == 0 {
            return Err(std::io::Error::other(format!(
                "a JSON object of more than {MAX_OBJECT_LEN} bytes cannot be a frame"
            )));
        }
        let take = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..take])?;
        position.read.set(position.read.get() + n as u64);
        position.saw(&buf[..n]);
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
