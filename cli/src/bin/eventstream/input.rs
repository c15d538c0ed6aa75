//! Opening FILE or standard input, and reading its frames with errors that
//! name the file, the frame index and the byte offset.

use crate::cli::{FilterArgs, InputArgs, MessageType};
use eventstream::{LooksLike, MessageRef, Reader};
use eventstream_cli::terminal::escape;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, IsTerminal, Read, Write};
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
    if path.is_dir() {
        return Err(Failure::new(format!(
            "{}: is a directory: give a file, or - for standard input",
            path.display()
        )));
    }
    File::open(path)
        .map(|file| Box::new(file) as Box<dyn Read>)
        .map_err(|error| Failure::new(format!("{}: {error}", path.display())))
}

/// The input of a command: FILE or standard input, with a `curl -i`
/// capture's HTTP headers skipped when asked.
pub(crate) fn open_input(args: &InputArgs) -> Result<Box<dyn Read>, Failure> {
    let input = open(&args.file)?;
    if !args.skip_http_headers {
        return Ok(input);
    }
    let mut input = io::BufReader::new(input);
    let mut skipped = false;
    loop {
        let starts_with_status = input
            .fill_buf()
            .map_err(|e| Failure::new(format!("{}: {e}", display_name(&args.file))))?
            .starts_with(b"HTTP/");
        if !starts_with_status {
            break;
        }
        // A status line and headers, up to the empty line; again after a
        // `100 Continue` or a proxy's answer.
        let mut line = Vec::new();
        loop {
            line.clear();
            let read = input
                .read_until(b'\n', &mut line)
                .map_err(|e| Failure::new(format!("{}: {e}", display_name(&args.file))))?;
            if read == 0 || line == b"\r\n" || line == b"\n" {
                break;
            }
        }
        skipped = true;
    }
    if !skipped {
        return Err(Failure::new(format!(
            "{}: --skip-http-headers: the input does not start with an HTTP status line",
            display_name(&args.file)
        )));
    }
    Ok(Box::new(input))
}

/// Which frames a command shows, from `--event-type` and `--message-type`.
impl FilterArgs {
    /// Whether `message` is shown, judged by its `:message-type` (none is an
    /// event) and `:event-type` headers as `dump` shows them.
    pub(crate) fn keeps(&self, message: MessageRef<'_>) -> bool {
        if self.event_type.is_none() && self.message_type.is_none() {
            return true;
        }
        let (message_type, event_type) = (
            message.header(":message-type"),
            message.header(":event-type"),
        );
        let event_type = event_type.and_then(|value| value.as_str());
        match message_type.map(|value| value.as_str()) {
            None | Some(Some("event")) => self.keeps_kind(MessageType::Event, event_type),
            Some(Some("exception")) => self.keeps_kind(MessageType::Exception, None),
            Some(Some("error")) => self.keeps_kind(MessageType::Error, None),
            Some(_) => false,
        }
    }

    /// After `read` frames of which `shown` passed: a failure when a filter
    /// matched none of them, as grep and ripgrep exit 1 when nothing matched.
    pub(crate) fn check_matched(&self, name: &str, read: u64, shown: u64) -> Result<(), Failure> {
        if shown > 0 {
            return Ok(());
        }
        let mut given = Vec::new();
        if let Some(event_type) = &self.event_type {
            given.push(format!("--event-type {}", escape(event_type)));
        }
        if let Some(message_type) = self.message_type {
            given.push(format!("--message-type {message_type:?}").to_lowercase());
        }
        match given.is_empty() {
            true => Ok(()),
            false => Err(Failure::new(format!(
                "{name}: no frame matched {} ({read} frame{} read)",
                given.join(" "),
                if read == 1 { "" } else { "s" }
            ))),
        }
    }

    /// Whether a frame of this message type (and event type, for events) is shown.
    pub(crate) fn keeps_kind(&self, kind: MessageType, event_type: Option<&str>) -> bool {
        self.message_type.is_none_or(|wanted| wanted == kind)
            && self
                .event_type
                .as_deref()
                .is_none_or(|wanted| event_type == Some(wanted))
    }
}

/// Progress on standard error, for inputs over 100 MB when it is a terminal.
pub(crate) struct Progress {
    total: u64,
    shown: u64,
}

impl Progress {
    const THRESHOLD: u64 = 100 * 1000 * 1000;
    const STEP: u64 = 32 * 1000 * 1000;

    pub(crate) fn for_file(path: &Path) -> Option<Progress> {
        let total = std::fs::metadata(path).ok()?.len();
        (total > Progress::THRESHOLD && io::stderr().is_terminal())
            .then_some(Progress { total, shown: 0 })
    }

    pub(crate) fn update(&mut self, position: u64) {
        if position >= self.shown + Progress::STEP {
            self.shown = position;
            let mut stderr = io::stderr();
            let _ = write!(
                stderr,
                "\r{:.0} of {:.0} MB ({:.0}%)",
                position as f64 / 1e6,
                self.total as f64 / 1e6,
                position as f64 * 100.0 / self.total as f64
            );
        }
    }

    pub(crate) fn done(&self) {
        if self.shown > 0 {
            let _ = writeln!(io::stderr(), "\r{:>40}\r", "");
        }
    }
}

/// Frames of FILE in order, with where each starts.
pub(crate) struct Frames {
    name: String,
    reader: Reader<Box<dyn Read>>,
    /// Frames read so far.
    index: u64,
    progress: Option<Progress>,
}

impl Frames {
    pub(crate) fn open(args: &InputArgs) -> Result<Self, Failure> {
        Ok(Frames {
            name: display_name(&args.file),
            reader: Reader::new(open_input(args)?),
            index: 0,
            progress: Progress::for_file(&args.file),
        })
    }

    /// The next frame with its index and stream offset; `None` at a clean end.
    pub(crate) fn next(&mut self) -> Result<Option<(u64, u64, MessageRef<'_>)>, Failure> {
        let index = self.index;
        let offset = self.reader.position();
        if let Some(progress) = &mut self.progress {
            progress.update(offset);
        }
        match self.reader.read_message() {
            Ok(Some(message)) => {
                self.index += 1;
                Ok(Some((index, offset, message)))
            }
            Ok(None) if index == 0 && offset == 0 => Err(Failure::new(format!(
                "{}: empty input: no frames",
                self.name
            ))),
            Ok(None) => {
                if let Some(progress) = &self.progress {
                    progress.done();
                }
                Ok(None)
            }
            Err(error) => Err(describe(&self.name, index, offset, error)),
        }
    }

    /// Bytes consumed so far.
    pub(crate) fn position(&self) -> u64 {
        self.reader.position()
    }
}

/// An error while reading frame `index`, which starts at byte `at` of the
/// stream: the frame's index and one offset, in the stream.
/// A decoding error of the frame at byte `at`, its offset counted from the
/// stream's start rather than the frame's, as the core counts.
pub(crate) fn counted_from_stream(error: &eventstream::DecodeError, at: u64) -> String {
    let in_frame = format!("at byte {}", error.offset());
    let in_stream = format!("at byte {}", at + error.offset() as u64);
    let text = error.to_string();
    match text.contains(&in_frame) {
        true => text.replacen(&in_frame, &in_stream, 1),
        false => format!("{text} ({in_stream} of the stream)"),
    }
}

pub(crate) fn describe(name: &str, index: u64, at: u64, error: eventstream::Error) -> Failure {
    match &error {
        eventstream::Error::NotEventStream {
            looks_like: LooksLike::HttpResponse,
            starts_with,
            error,
        } => Failure::new(format!(
            "{name}: not an event stream: it starts with \"{starts_with}\", an HTTP response \
             with its status line and headers; pass --skip-http-headers, or capture it \
             without curl's -i ({error})"
        )),
        eventstream::Error::Decode(decode) => Failure::new(format!(
            "{name}: frame {index}: {}",
            counted_from_stream(decode, at)
        )),
        other => Failure::new(format!("{name}: frame {index} at byte {at}: {other}")),
    }
}
