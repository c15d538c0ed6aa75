//! Standard output, flushed after every frame so that a pipe sees frames as they arrive.

use crate::input::Failure;
use std::io::{self, Write};

pub(crate) struct Output {
    out: io::BufWriter<io::StdoutLock<'static>>,
}

impl Output {
    pub(crate) fn new() -> Self {
        Output {
            out: io::BufWriter::new(io::stdout().lock()),
        }
    }

    pub(crate) fn writer(&mut self) -> &mut impl Write {
        &mut self.out
    }

    /// Ends a frame's output: flush it out now.
    pub(crate) fn frame_done(&mut self) -> Result<(), Failure> {
        self.out.flush().map_err(Failure::output)
    }
}
