//! The buffer and framing state shared by every reader: [`Reader`](crate::Reader),
//! the tokio and futures-io `AsyncReader`s and their owned-message iterators.
//! Written once; each reader only supplies how bytes are read.
//!
//! Bytes are read straight into one reusable buffer (no `BufReader` in
//! front, so no second copy). The prelude is validated before room is made
//! for a frame; room is made by compacting first and growing only to exactly
//! what the frame needs.

use crate::{Error, Message};
use bytes::{Buf, BytesMut};
use eventstream_core::{Decoder, Limits, MessageRef, Status};
use std::io;
use std::task::{Context, Poll};

/// How much a reader reads at once when frames are small, and its initial buffer size.
pub(crate) const DEFAULT_READ_SIZE: usize = 8 * 1024;

/// What the buffer needs next.
enum Ready {
    /// A whole frame is buffered at the front.
    Frame,
    /// More input is needed (room has been made for it).
    Input,
    /// The reader failed earlier; it reports nothing more.
    Finished,
}

/// A read buffer with the decoder's state.
///
/// `buf` is always initialized: data is `buf[start..end]`, and `buf[end..]` is
/// room to read into without zero-filling it again.
#[derive(Debug)]
pub(crate) struct FrameBuffer {
    buf: BytesMut,
    start: usize,
    end: usize,
    decoder: Decoder,
    /// Length of the frame lent by the last `lend`, consumed at the next call.
    lent: usize,
    /// Bytes still needed by the partial frame, when the last check said so.
    needed: usize,
    failed: bool,
    position: u64,
    frames: u64,
}

impl FrameBuffer {
    pub(crate) fn new(limits: Limits, read_size: usize) -> Self {
        FrameBuffer {
            buf: BytesMut::zeroed(read_size.max(eventstream_core::PRELUDE_LEN)),
            start: 0,
            end: 0,
            decoder: Decoder::with_limits(limits),
            lent: 0,
            needed: 0,
            failed: false,
            position: 0,
            frames: 0,
        }
    }

    /// Stream offset of the next frame (after an error: of the frame that failed).
    pub(crate) fn position(&self) -> u64 {
        self.position + self.lent as u64
    }

    /// Frames handed out so far.
    pub(crate) fn frames(&self) -> u64 {
        self.frames
    }

    /// Bytes read but not yet handed out.
    pub(crate) fn buffered(&self) -> usize {
        self.end - self.start - self.lent
    }

    /// Drives `poll_read` until a whole frame is buffered (`true`) or the
    /// stream cleanly ended between frames, or the reader had failed (`false`).
    /// All state lives here, so dropping a pending call loses nothing.
    pub(crate) fn poll_fill(
        &mut self,
        cx: &mut Context<'_>,
        mut poll_read: impl FnMut(&mut Context<'_>, &mut [u8]) -> Poll<io::Result<usize>>,
    ) -> Poll<Result<bool, Error>> {
        loop {
            match self.ready()? {
                Ready::Frame => return Poll::Ready(Ok(true)),
                Ready::Finished => return Poll::Ready(Ok(false)),
                Ready::Input => {
                    let spare = self.buf.get_mut(self.end..).unwrap_or_default();
                    match std::task::ready!(poll_read(cx, spare)) {
                        Ok(0) if self.end == self.start => return Poll::Ready(Ok(false)),
                        Ok(0) => {
                            return Poll::Ready(Err(Error::UnexpectedEof {
                                buffered: self.end - self.start,
                                needed: self.needed,
                            }));
                        }
                        Ok(n) => self.end += n.min(spare_len(&self.buf, self.end)),
                        Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                        Err(error) => return Poll::Ready(Err(Error::Io(error))),
                    }
                }
            }
        }
    }

    /// [`poll_fill`](Self::poll_fill) for a blocking reader.
    pub(crate) fn fill(
        &mut self,
        mut read: impl FnMut(&mut [u8]) -> io::Result<usize>,
    ) -> Result<bool, Error> {
        let mut cx = Context::from_waker(std::task::Waker::noop());
        match self.poll_fill(&mut cx, |_, buf| Poll::Ready(read(buf))) {
            Poll::Ready(result) => result,
            Poll::Pending => Ok(false), // a blocking read never returns Pending
        }
    }

    /// Lends the frame at the front, after a `fill` that returned `true`.
    pub(crate) fn lend(&mut self) -> Result<Option<MessageRef<'_>>, Error> {
        let FrameBuffer {
            buf,
            start,
            end,
            decoder,
            lent,
            failed,
            frames,
            ..
        } = self;
        match decoder.decode(buf.get(*start..*end).unwrap_or_default()) {
            Ok(Status::Complete(message)) => {
                *lent = message.len();
                *frames += 1;
                Ok(Some(message))
            }
            Ok(Status::Incomplete { .. }) => Ok(None),
            Err(error) => {
                *failed = true;
                Err(Error::Decode(error))
            }
        }
    }

    /// Splits the frame at the front off as an owned message, after a `fill`
    /// that returned `true`: zero-copy, the message shares the buffer.
    pub(crate) fn take(&mut self) -> Result<Option<Message>, Error> {
        let (len, headers_len) = match self.lend()? {
            Some(message) => (message.len(), message.prelude().headers_len()),
            None => return Ok(None),
        };
        self.lent = 0;
        let mut frame = self.buf.split_to(self.start + len);
        frame.advance(self.start);
        self.end -= self.start + len;
        self.start = 0;
        self.position += len as u64;
        Ok(Some(Message::from_verified(frame.freeze(), headers_len)))
    }

    /// Consumes the lent frame, then says whether a frame is ready or input is
    /// needed, making exactly the room the next read needs.
    fn ready(&mut self) -> Result<Ready, Error> {
        self.start += self.lent;
        self.position += self.lent as u64;
        self.lent = 0;
        if self.failed {
            return Ok(Ready::Finished);
        }
        if self.start == self.end {
            (self.start, self.end) = (0, 0);
        }
        match self
            .decoder
            .frame_len(self.buf.get(self.start..self.end).unwrap_or_default())
        {
            Ok(Status::Complete(_)) => Ok(Ready::Frame),
            Ok(Status::Incomplete { needed }) => {
                self.needed = needed;
                self.make_room(needed);
                Ok(Ready::Input)
            }
            Err(error) => {
                self.failed = true;
                Err(Error::Decode(error))
            }
        }
    }

    /// Ensures at least `needed` bytes of room after the data: compact first,
    /// then grow to exactly what is needed.
    fn make_room(&mut self, needed: usize) {
        if spare_len(&self.buf, self.end) >= needed {
            return;
        }
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            (self.start, self.end) = (0, self.end - self.start);
        }
        if spare_len(&self.buf, self.end) < needed {
            // Past `end` is scratch: drop it so growing never copies it.
            self.buf.truncate(self.end);
            self.buf.resize(self.end + needed, 0);
        }
    }
}

fn spare_len(buf: &BytesMut, end: usize) -> usize {
    buf.len().saturating_sub(end)
}
