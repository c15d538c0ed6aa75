//! Opening FILE or standard input, and reading its frames with errors that
//! name the file, the frame index and the byte offset.

use eventstream::{MessageRef, Reader};
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Why a command failed, said in full.
#[derive(Debug)]
pub(crate) struct Failure {
    message: String,
    closed_pipe: bool,
}

impl Failure {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            closed_pipe: false,
        }
    }

    /// An output error; a reader that went away (`| head`) is not a failure.
    pub(crate) fn output(error: io::Error) -> Self {
        Failure {
            closed_pipe: error.kind() == io::ErrorKind::BrokenPipe,
            message: format!("writing output: {error}"),
        }
    }

    pub(crate) fn is_closed_pipe(&self) -> bool {
        self.closed_pipe
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A readable name for FILE (`<stdin>` for `-`).
pub(crate) fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// FILE, or standard input for `-`.
pub(crate) fn open(path: &Path) -> Result<Box<dyn Read>, Failure> {
    if path == Path::new("-") {
        return Ok(Box::new(io::stdin().lock()));
    }
    File::open(path)
        .map(|file| Box::new(file) as Box<dyn Read>)
        .map_err(|error| Failure::new(format!("{}: {error}", path.display())))
}

/// Frames of FILE in order, with where each starts.
pub(crate) struct Frames {
    name: String,
    reader: Reader<Box<dyn Read>>,
}

impl Frames {
    pub(crate) fn open(path: &Path) -> Result<Self, Failure> {
        Ok(Frames {
            name: display_name(path),
            reader: Reader::new(open(path)?),
        })
    }

    /// The next frame with its index and stream offset; `None` at a clean end.
    pub(crate) fn next(&mut self) -> Result<Option<(u64, u64, MessageRef<'_>)>, Failure> {
        let index = self.reader.frames_read();
        let offset = self.reader.position();
        match self.reader.read_message() {
            Ok(Some(message)) => Ok(Some((index, offset, message))),
            Ok(None) if index == 0 && offset == 0 => Err(Failure::new(format!(
                "{}: empty input: no frames",
                self.name
            ))),
            Ok(None) => Ok(None),
            Err(error) => Err(describe(&self.name, index, offset, error)),
        }
    }

    /// Bytes consumed so far.
    pub(crate) fn position(&self) -> u64 {
        self.reader.position()
    }
}

/// An error while reading frame `index`, which starts at byte `at` of the stream.
fn describe(name: &str, index: u64, at: u64, error: eventstream::Error) -> Failure {
    let what = match &error {
        eventstream::Error::Decode(decode) => {
            format!(
                "{decode} (byte {} of the stream)",
                at + decode.offset() as u64
            )
        }
        other => other.to_string(),
    };
    Failure::new(format!("{name}: frame {index} at byte {at}: {what}"))
}
