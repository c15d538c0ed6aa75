//! Reading frames: `read_message_from` for a buffer that holds one, and the
//! streaming `MessageFrameDecoder` the SDK's receiver feeds a body's chunks
//! to. The core checks every byte; this file only moves them out of the
//! `Buf` as the real crate does.

use crate::convert::{HeaderMemo, to_message};
use crate::error::{Error, ErrorKind};
use aws_smithy_types::event_stream::Message;
use bytes::{Buf, BufMut, Bytes, BytesMut};
use eventstream_core::{Decoder, PRELUDE_LEN, Status};

/// Reads the frame at the front of `buffer` and consumes it. A buffer that
/// ends inside the frame is an error (use [`MessageFrameDecoder`] for
/// streams); a frame that is not valid is an error saying what and where.
///
/// ```
/// use aws_smithy_eventstream::frame::{read_message_from, write_message_to};
/// use aws_smithy_types::event_stream::Message;
///
/// let mut frame = Vec::new();
/// write_message_to(&Message::new(&b"hi"[..]), &mut frame).unwrap();
/// assert_eq!(read_message_from(&frame[..]).unwrap().payload().as_ref(), b"hi");
/// assert!(read_message_from(&frame[..10]).is_err());
/// ```
pub fn read_message_from<B: Buf>(mut buffer: B) -> Result<Message, Error> {
    let available = buffer.remaining();
    let mut decoder = MessageFrameDecoder::new();
    match decoder.decode(&mut buffer, Remember::Nothing)? {
        DecodedFrame::Complete(message) => Ok(message),
        DecodedFrame::Incomplete => Err(ErrorKind::Truncated {
            available,
            frame_len: decoder.prelude.map_or(PRELUDE_LEN, |p| frame_len(&p)),
        }
        .into()),
    }
}

/// What [`MessageFrameDecoder::decode_frame`] found.
///
/// ```
/// use aws_smithy_eventstream::frame::{DecodedFrame, MessageFrameDecoder};
/// assert!(matches!(MessageFrameDecoder::new().decode_frame(&b"\0\0"[..]), Ok(DecodedFrame::Incomplete)));
/// ```
#[derive(Debug)]
pub enum DecodedFrame {
    /// The buffer does not hold the rest of the frame yet.
    Incomplete,
    /// A whole, verified frame.
    Complete(Message),
}

/// Decodes frames from a buffer that fills as a stream arrives: call
/// [`decode_frame`](Self::decode_frame) again with more data each time it
/// says `Incomplete`.
///
/// What it consumes is the real crate's: the 12-byte prelude as soon as it
/// is in (kept here until the rest arrives), then the rest of the frame
/// when all of it is in, and nothing else. Unlike the real crate, it checks
/// the prelude then (its CRC, and the lengths against the format's maxima),
/// so a hostile length is an error at its 12th byte, not a wait for the
/// gigabytes it declares. After an error it starts afresh at the buffer's
/// position: the frame's bytes consumed (its prelude, or all of it when
/// only its CRC or headers were wrong) stay consumed.
///
/// ```
/// use aws_smithy_eventstream::frame::{write_message_to, DecodedFrame, MessageFrameDecoder};
/// use aws_smithy_types::event_stream::Message;
///
/// let mut frame = Vec::new();
/// write_message_to(&Message::new(&b"hello"[..]), &mut frame).unwrap();
/// let (first, rest) = frame.split_at(14);
///
/// let mut decoder = MessageFrameDecoder::new();
/// let mut buffer = bytes::BytesMut::from(first);
/// assert!(matches!(decoder.decode_frame(&mut buffer), Ok(DecodedFrame::Incomplete)));
/// assert_eq!(buffer.len(), 2, "the prelude is consumed");
/// buffer.extend_from_slice(rest);
/// let Ok(DecodedFrame::Complete(message)) = decoder.decode_frame(&mut buffer) else { panic!() };
/// assert_eq!(message.payload().as_ref(), b"hello");
/// ```
#[non_exhaustive]
#[derive(Debug, Default)]
pub struct MessageFrameDecoder {
    decoder: Decoder,
    /// The prelude of the frame still arriving: consumed and checked.
    prelude: Option<[u8; PRELUDE_LEN]>,
    last_headers: HeaderMemo,
}

/// Whether a decode remembers header blocks for the frames after it: not
/// for `read_message_from`, which decodes one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Remember {
    HeaderBlocks,
    Nothing,
}

impl MessageFrameDecoder {
    /// A decoder with the format's limits.
    ///
    /// ```
    /// let decoder = aws_smithy_eventstream::frame::MessageFrameDecoder::new();
    /// # drop(decoder);
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Decodes the next frame from `buffer`, consuming what it reads (see
    /// [`MessageFrameDecoder`]).
    ///
    /// ```
    /// use aws_smithy_eventstream::frame::{DecodedFrame, MessageFrameDecoder};
    /// let hostile = [0xff, 0xff, 0xff, 0xf0, 0, 0, 0, 0, 0x5c, 0x43, 0x0f, 0x62];
    /// let error = MessageFrameDecoder::new().decode_frame(&hostile[..]).unwrap_err();
    /// assert!(error.to_string().contains("prelude"), "{error}");
    /// ```
    pub fn decode_frame<B: Buf>(&mut self, buffer: B) -> Result<DecodedFrame, Error> {
        self.decode(buffer, Remember::HeaderBlocks)
    }

    fn decode<B: Buf>(&mut self, mut buffer: B, remember: Remember) -> Result<DecodedFrame, Error> {
        let prelude = match self.prelude {
            Some(prelude) => prelude,
            None if buffer.remaining() < PRELUDE_LEN => return Ok(DecodedFrame::Incomplete),
            None => {
                if let Some(head) = buffer.chunk().first_chunk::<PRELUDE_LEN>().copied() {
                    let len = self
                        .check(&head)
                        .inspect_err(|_| buffer.advance(PRELUDE_LEN))?;
                    if buffer.chunk().len() >= len {
                        // All in one piece: for `Bytes` (and the SDK's
                        // segmented buffer of them), a slice, not a copy.
                        return self.verify(buffer.copy_to_bytes(len), remember);
                    }
                }
                let mut head = [0; PRELUDE_LEN];
                buffer.copy_to_slice(&mut head);
                self.check(&head)?;
                self.prelude = Some(head);
                head
            }
        };
        let rest = frame_len(&prelude) - PRELUDE_LEN;
        if buffer.remaining() < rest {
            return Ok(DecodedFrame::Incomplete);
        }
        self.prelude = None;
        let mut frame = BytesMut::with_capacity(PRELUDE_LEN + rest);
        frame.put_slice(&prelude);
        frame.put((&mut buffer).take(rest));
        self.verify(frame.freeze(), remember)
    }

    /// Checks a prelude; the frame's length.
    fn check(&mut self, head: &[u8; PRELUDE_LEN]) -> Result<usize, Error> {
        self.decoder.decode(head)?;
        // Twelve bytes are never a whole frame: a sound prelude stays pending.
        Ok(self
            .decoder
            .pending()
            .map_or(PRELUDE_LEN, |prelude| prelude.total_len() as usize))
    }

    /// The whole frame, checked by the core, as the SDK's message.
    fn verify(&mut self, frame: Bytes, remember: Remember) -> Result<DecodedFrame, Error> {
        let decoder = &mut self.decoder;
        let memo = (remember == Remember::HeaderBlocks).then_some(&mut self.last_headers);
        let message = to_message(frame, memo, |bytes| match decoder.decode(bytes)? {
            Status::Complete(view) => Ok(view),
            // Cannot happen: the frame holds the length its checked prelude declares.
            Status::Incomplete { needed } => Err(Error::from(ErrorKind::Truncated {
                available: bytes.len(),
                frame_len: bytes.len() + needed,
            })),
        })?;
        Ok(DecodedFrame::Complete(message))
    }
}

/// The frame length a checked prelude declares.
fn frame_len(prelude: &[u8; PRELUDE_LEN]) -> usize {
    let [a, b, c, d, ..] = *prelude;
    u32::from_be_bytes([a, b, c, d]) as usize
}
