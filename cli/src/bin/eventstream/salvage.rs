//! `dump --keep-going`: frames read one by one with a sound prelude as the
//! only requirement, so that a frame whose CRC or headers are wrong is shown
//! (marked corrupt) and reading goes on at the next frame boundary. The
//! library's readers stop at the first bad frame, as they should: this is
//! for looking at damage, not for consuming a stream.

use crate::cli::InputArgs;
use crate::input::{Failure, Progress, describe, display_name, open_input};
use eventstream::{DecodeError, Decoder, MessageRef, PRELUDE_LEN, Prelude, Status};
use std::io::{self, Read};

/// How much of an input that is not an event stream is read to say what it is.
const SNIFF_LEN: usize = 64;

/// A frame as read: sound, or corrupt with what is wrong with it.
pub(crate) enum Salvaged<'a> {
    /// Decoded and verified.
    Sound(MessageRef<'a>),
    /// A sound prelude, then something wrong: `frame` is all its bytes.
    Corrupt {
        frame: &'a [u8],
        prelude: Prelude,
        error: DecodeError,
    },
}

/// Frames of FILE in order, corrupt ones included.
pub(crate) struct Salvage {
    name: String,
    input: Box<dyn Read>,
    decoder: Decoder,
    frame: Vec<u8>,
    position: u64,
    index: u64,
    progress: Option<Progress>,
}

impl Salvage {
    pub(crate) fn open(args: &InputArgs) -> Result<Self, Failure> {
        Ok(Salvage {
            name: display_name(&args.file),
            input: open_input(args)?,
            decoder: Decoder::new(),
            frame: Vec::new(),
            position: 0,
            index: 0,
            progress: Progress::for_file(&args.file),
        })
    }

    /// The next frame with its index and stream offset; `None` at a clean
    /// end, an error where no frame boundary can be found.
    pub(crate) fn next(&mut self) -> Result<Option<(u64, u64, Salvaged<'_>)>, Failure> {
        let (index, at) = (self.index, self.position);
        if let Some(progress) = &mut self.progress {
            progress.update(at);
        }
        let fail = |error: eventstream::Error| describe(&self.name, index, at, error);
        self.frame.resize(PRELUDE_LEN, 0);
        let got = read_full(&mut self.input, &mut self.frame).map_err(|e| fail(e.into()))?;
        if got == 0 {
            if let Some(progress) = &self.progress {
                progress.done();
            }
            return match index {
                0 => Err(Failure::new(format!(
                    "{}: empty input: no frames",
                    self.name
                ))),
                _ => Ok(None),
            };
        }
        // Twelve bytes are never a whole frame: the decoder checks the
        // prelude and keeps it for the rest of the frame.
        let prelude = match self.decoder.decode(&self.frame[..got]) {
            Ok(_) => match self.decoder.pending() {
                Some(prelude) => prelude,
                None => {
                    return Err(fail(eventstream::Error::UnexpectedEof {
                        buffered: got,
                        needed: PRELUDE_LEN - got,
                    }));
                }
            },
            // Without a sound prelude there is no next frame boundary.
            Err(error) if at > 0 => return Err(fail(error.into())),
            Err(error) => {
                // Enough of the input to tell what it looks like, judged as
                // the library's readers judge a first frame.
                self.frame.resize(SNIFF_LEN, 0);
                let more = read_full(&mut self.input, &mut self.frame[got..]).unwrap_or(0);
                let head = &self.frame[..got + more];
                let diagnosis = match eventstream::Reader::new(head).read_message() {
                    Err(diagnosis) => diagnosis,
                    Ok(_) => error.into(),
                };
                return Err(fail(diagnosis));
            }
        };
        let total = prelude.total_len() as usize;
        self.frame.resize(total, 0);
        let got = PRELUDE_LEN
            + read_full(&mut self.input, &mut self.frame[PRELUDE_LEN..])
                .map_err(|e| fail(e.into()))?;
        if got < total {
            return Err(fail(eventstream::Error::UnexpectedEof {
                buffered: got,
                needed: total - got,
            }));
        }
        self.index += 1;
        self.position += total as u64;
        let salvaged = match self.decoder.decode(&self.frame) {
            Ok(Status::Complete(message)) => Salvaged::Sound(message),
            Ok(Status::Incomplete { needed }) => {
                return Err(fail(eventstream::Error::UnexpectedEof {
                    buffered: total,
                    needed,
                }));
            }
            Err(error) => Salvaged::Corrupt {
                frame: &self.frame,
                prelude,
                error,
            },
        };
        Ok(Some((index, at, salvaged)))
    }
}

/// Reads until `buf` is full or the input ends; how many bytes were read.
fn read_full(input: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}
