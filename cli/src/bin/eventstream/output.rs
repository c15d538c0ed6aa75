//! Standard output, flushed after every frame so that a pipe sees frames as
//! they arrive. Payload bytes from the wire are written as they are to a
//! pipe or a file, and with control characters escaped to a terminal.

use crate::input::Failure;
use eventstream_cli::terminal::escape_bytes;
use std::io::{self, IsTerminal, Write};

pub(crate) struct Output {
    out: io::BufWriter<io::StdoutLock<'static>>,
    terminal: bool,
    /// The last payload byte written, to end the line before a summary.
    last: Option<u8>,
}

impl Output {
    pub(crate) fn new() -> Self {
        let stdout = io::stdout();
        Output {
            terminal: stdout.is_terminal(),
            out: io::BufWriter::new(stdout.lock()),
            last: None,
        }
    }

    pub(crate) fn writer(&mut self) -> &mut impl Write {
        &mut self.out
    }

    /// Writes payload bytes from the wire and flushes them out.
    pub(crate) fn write_payload(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        let written = match self.terminal {
            true => self.out.write_all(escape_bytes(bytes).as_bytes()),
            false => self.out.write_all(bytes),
        };
        written.map_err(Failure::output)?;
        if let Some(&last) = bytes.last() {
            self.last = Some(last);
        }
        self.frame_done()
    }

    /// On a terminal, ends the payload's last line, so that what follows on
    /// standard error starts a line of its own.
    pub(crate) fn end_line(&mut self) -> Result<(), Failure> {
        if self.terminal && self.last.is_some_and(|b| b != b'\n') {
            self.out.write_all(b"\n").map_err(Failure::output)?;
            self.last = Some(b'\n');
        }
        self.frame_done()
    }

    /// Ends a frame's output: flush it out now.
    pub(crate) fn frame_done(&mut self) -> Result<(), Failure> {
        self.out.flush().map_err(Failure::output)
    }
}
