//! Framing for every reader: [`Framer`] finds where frames end, checking each
//! prelude once however many reads a frame takes, and hands frames out
//! borrowed or as owned [`Message`]s. [`FrameBuffer`] is the read buffer of
//! [`Reader`](crate::Reader) and the tokio and futures-io `AsyncReader`s; the
//! codec and [`MessageStream`](crate::MessageStream) use the `Framer` on
//! their own buffers. Written once; each reader only supplies how bytes are read.

use crate::{Error, Message};
use bytes::{Buf, Bytes, BytesMut};
use eventstream_core::{Decoder, Limits, MessageRef, PRELUDE_LEN, Status};
#[cfg(feature = "stream")]
use std::future::poll_fn;
use std::io;
use std::task::{Context, Poll};

/// How much a reader reads at once when frames are small, and its initial buffer size.
pub(crate) const DEFAULT_READ_SIZE: usize = 8 * 1024;

/// The decoder, which keeps the checked prelude of the frame being filled.
#[derive(Debug, Clone)]
pub(crate) struct Framer {
    decoder: Decoder,
}

impl Framer {
    pub(crate) fn new(limits: Limits) -> Self {
        Framer {
            decoder: Decoder::with_limits(limits),
        }
    }

    /// Bytes still needed before a whole frame is at the front of `data`:
    /// 0 when it is there. The core decides ([`Decoder::needed`]), and keeps
    /// the prelude it checked for the decode that follows.
    #[inline]
    pub(crate) fn needed(&mut self, data: &[u8]) -> Result<usize, Error> {
        Ok(self.decoder.needed(data)?)
    }

    /// The frame at the front of `data`, borrowed, once [`needed`](Self::needed) said 0.
    #[inline]
    pub(crate) fn lend<'a>(&mut self, data: &'a [u8]) -> Result<MessageRef<'a>, Error> {
        complete(self.decoder.decode(data)?, data.len())
    }

    /// `frame` (the bytes [`needed`](Self::needed) said make a whole frame,
    /// split off the buffer) as an owned message, without copying.
    pub(crate) fn take(&mut self, mut frame: Bytes) -> Result<Message, Error> {
        let buffered = frame.len();
        complete(self.decoder.decode_bytes(&mut frame)?, buffered)
    }

    /// [`lend`](Self::lend), with the message CRC computed by `crc32`.
    #[cfg(feature = "stream")]
    pub(crate) fn lend_with_crc<'a>(
        &mut self,
        data: &'a [u8],
        crc32: impl FnOnce(&[u8]) -> u32,
    ) -> Result<MessageRef<'a>, Error> {
        complete(self.decoder.decode_with_crc(data, crc32)?, data.len())
    }

    /// [`take`](Self::take), with the message CRC computed by `crc32`.
    #[cfg(feature = "stream")]
    pub(crate) fn take_with_crc(
        &mut self,
        mut frame: Bytes,
        crc32: impl FnOnce(&[u8]) -> u32,
    ) -> Result<Message, Error> {
        let buffered = frame.len();
        complete(
            self.decoder.decode_bytes_with_crc(&mut frame, crc32)?,
            buffered,
        )
    }

    /// The frame at the front of `chunk`, split off it as an owned message
    /// in one decode, when it is all there and no frame is being filled;
    /// `None` otherwise, and then `needed` takes over. `chunk` is left as it
    /// was unless a message is returned.
    #[cfg(feature = "stream")]
    #[inline]
    pub(crate) fn split_whole(&mut self, chunk: &mut Bytes) -> Result<Option<Message>, Error> {
        if self.decoder.pending().is_some() {
            return Ok(None);
        }
        Ok(self.decoder.decode_bytes(chunk)?.complete())
    }

    /// The frame length, once [`needed`](Self::needed) said 0.
    pub(crate) fn frame_len(&self) -> usize {
        self.decoder.pending().map_or(0, |p| p.total_len() as usize)
    }
}

/// A decode of bytes that [`Framer::needed`] said hold a whole frame.
fn complete<T>(decoded: Status<T>, buffered: usize) -> Result<T, Error> {
    match decoded {
        Status::Complete(value) => Ok(value),
        // The prelude said the frame was in: only a caller handing in fewer
        // bytes than `needed` asked for gets here, and hears so.
        Status::Incomplete { needed } => Err(Error::UnexpectedEof { buffered, needed }),
    }
}

/// A source of frames that is polled: the async readers and
/// [`MessageStream`](crate::MessageStream). What the event adapters
/// ([`Events`](crate::Events), [`lambda::ResponseEvents`](crate::lambda::ResponseEvents))
/// are generic over (sealed: its module is private).
#[cfg(feature = "stream")]
pub trait AsyncFrames {
    /// Polls until a whole frame is ready to [`lend`](Self::lend) (`true`),
    /// or the stream ended cleanly between frames (`false`).
    fn poll_frame(&mut self, cx: &mut Context<'_>) -> Poll<Result<bool, Error>>;
    /// The frame [`poll_frame`](Self::poll_frame) made ready, borrowed until the next call.
    fn lend(&mut self) -> Result<MessageRef<'_>, Error>;
    /// The next frame, owned; `None` at a clean end.
    fn poll_message(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Message, Error>>>;
}

/// The next frame of `frames`, borrowed: every `read_message` of an async source.
#[cfg(feature = "stream")]
pub(crate) async fn read_message<F: AsyncFrames>(
    frames: &mut F,
) -> Result<Option<MessageRef<'_>>, Error> {
    if !poll_fn(|cx| frames.poll_frame(cx)).await? {
        return Ok(None);
    }
    frames.lend().map(Some)
}

/// What the buffer needs next.
enum Ready {
    /// A whole frame is buffered at the front.
    Frame,
    /// More input is needed (room has been made for it).
    Input,
    /// The reader failed earlier; it reports nothing more.
    Finished,
}

/// A read buffer with the framing state.
///
/// `buf` is always initialized: data is `buf[start..end]`, and `buf[end..]` is
/// room to read into without zero-filling it again.
#[derive(Debug)]
pub(crate) struct FrameBuffer {
    buf: BytesMut,
    start: usize,
    end: usize,
    framer: Framer,
    /// Length of the frame lent by the last `lend`, consumed at the next call.
    lent: usize,
    /// Bytes still needed by the partial frame, when the last check said so.
    needed: usize,
    failed: bool,
    position: u64,
}

impl FrameBuffer {
    pub(crate) fn new(limits: Limits, read_size: usize) -> Self {
        FrameBuffer {
            buf: BytesMut::zeroed(read_size.max(PRELUDE_LEN)),
            start: 0,
            end: 0,
            framer: Framer::new(limits),
            lent: 0,
            needed: 0,
            failed: false,
            position: 0,
        }
    }

    /// Stream offset of the next frame (after an error: of the frame that failed).
    pub(crate) fn position(&self) -> u64 {
        self.position + self.lent as u64
    }

    /// The first bytes of the stream, while the first frame is unread: for
    /// saying what a stream that is not an event stream looks like.
    fn head(&self) -> Option<&[u8]> {
        (self.position == 0).then(|| self.data())
    }

    /// The bytes read and not yet handed out. `start <= end <= buf.len()`
    /// always holds here; were it broken, the data would be empty (and the
    /// reader would read on), never bytes from the wrong place.
    fn data(&self) -> &[u8] {
        debug_assert!(self.start <= self.end && self.end <= self.buf.len());
        self.buf.get(self.start..self.end).unwrap_or_default()
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
                    if spare.is_empty() {
                        // `make_room` made room for `needed > 0` bytes: an empty
                        // read here would pass for the end of the stream.
                        debug_assert!(false, "no room to read into");
                        self.failed = true;
                        return Poll::Ready(Err(Error::Io(io::Error::other(
                            "eventstream: internal error: no room to read into",
                        ))));
                    }
                    match std::task::ready!(poll_read(cx, spare)) {
                        Ok(0) if self.end == self.start => return Poll::Ready(Ok(false)),
                        Ok(0) => {
                            self.failed = true;
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
    pub(crate) fn lend(&mut self) -> Result<MessageRef<'_>, Error> {
        debug_assert!(self.start <= self.end && self.end <= self.buf.len());
        let data = self.buf.get(self.start..self.end).unwrap_or_default();
        match self.framer.lend(data) {
            Ok(message) => {
                self.lent = message.len();
                Ok(message)
            }
            Err(error) => {
                self.failed = true;
                Err(error)
            }
        }
    }

    /// Splits the frame at the front off as an owned message, after a `fill`
    /// that returned `true`: zero-copy, the message shares the buffer.
    pub(crate) fn take(&mut self) -> Result<Message, Error> {
        let len = self.framer.frame_len().min(self.end - self.start);
        self.buf.advance(self.start);
        self.end -= self.start;
        self.start = 0;
        let frame = self.buf.split_to(len).freeze();
        self.end -= len;
        match self.framer.take(frame) {
            Ok(message) => {
                self.position += len as u64;
                Ok(message)
            }
            Err(error) => {
                self.failed = true;
                Err(error)
            }
        }
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
        debug_assert!(self.start <= self.end && self.end <= self.buf.len());
        let data = self.buf.get(self.start..self.end).unwrap_or_default();
        match self.framer.needed(data) {
            Ok(0) => Ok(Ready::Frame),
            Ok(needed) => {
                self.needed = needed;
                self.make_room(needed);
                Ok(Ready::Input)
            }
            Err(error) => {
                self.failed = true;
                Err(Error::from_decode(error, self.head()))
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
