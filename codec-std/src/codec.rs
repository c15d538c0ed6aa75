//! The `tokio_util` codec (feature `tokio`): frames split off a `BytesMut`
//! as zero-copy [`Message`]s, and messages encoded into one.

use crate::frame_buffer::Framer;
use crate::{Error, Message};
use bytes::BytesMut;
use eventstream_core::{Header, Limits, MessageRef, OwnedMessage, encode, encoded_len};
use tokio_util::codec::{Decoder, Encoder};

/// The `tokio_util::codec::{Decoder, Encoder}` for `FramedRead` and
/// `FramedWrite`: splits frames off a `BytesMut` as zero-copy [`Message`]s,
/// reserving exactly the room a partial frame still needs, and encodes a
/// [`Message`], a `MessageRef`, an `&OwnedMessage` or a `(&[Header], &[u8])`
/// pair, the last two without an owned copy.
///
/// ```
/// use bytes::BytesMut;
/// use eventstream::EventStreamCodec;
/// use tokio_util::codec::Decoder;
///
/// let frame = eventstream::encode_to_vec(&[], b"hi").unwrap();
/// let mut buf = BytesMut::from(&frame[..10]);
/// let mut codec = EventStreamCodec::new();
/// assert!(codec.decode(&mut buf)?.is_none());
/// buf.extend_from_slice(&frame[10..]);
/// assert_eq!(codec.decode(&mut buf)?.unwrap().payload(), "hi");
/// # Ok::<(), eventstream::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct EventStreamCodec {
    framer: Framer,
}

impl Default for EventStreamCodec {
    fn default() -> Self {
        EventStreamCodec::new()
    }
}

impl EventStreamCodec {
    /// A codec with the spec's limits.
    ///
    /// ```
    /// let _codec = eventstream::EventStreamCodec::new();
    /// ```
    pub fn new() -> Self {
        EventStreamCodec::with_limits(Limits::default())
    }

    /// A codec with the given limits.
    ///
    /// ```
    /// let _codec = eventstream::EventStreamCodec::with_limits(eventstream::Limits { max_message_len: 65536, max_headers_len: 1024 });
    /// ```
    pub fn with_limits(limits: Limits) -> Self {
        EventStreamCodec {
            framer: Framer::new(limits),
        }
    }
}

/// Splits the next frame off the front of `src`, or says `None` and
/// reserves exactly the room the partial frame still needs. Each prelude
/// is checked once, when its 12 bytes arrive.
impl Decoder for EventStreamCodec {
    type Item = Message;
    type Error = Error;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<Message>, Error> {
        match self.framer.needed(src)? {
            0 => {
                let frame = src.split_to(self.framer.frame_len()).freeze();
                self.framer.take(frame).map(Some)
            }
            needed => {
                src.reserve(needed);
                Ok(None)
            }
        }
    }

    /// At the end of input, a partial frame left over is
    /// [`Error::UnexpectedEof`], never dropped silently.
    fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<Message>, Error> {
        if src.is_empty() {
            return Ok(None);
        }
        match self.decode(src)? {
            Some(message) => Ok(Some(message)),
            None => Err(Error::UnexpectedEof {
                buffered: src.len(),
                needed: self.framer.needed(src)?,
            }),
        }
    }
}

/// Writes a message's frame unchanged.
impl Encoder<Message> for EventStreamCodec {
    type Error = Error;

    fn encode(&mut self, message: Message, dst: &mut BytesMut) -> Result<(), Error> {
        dst.extend_from_slice(message.as_ref().as_bytes());
        Ok(())
    }
}

/// Writes a borrowed frame unchanged (for forwarding).
impl Encoder<MessageRef<'_>> for EventStreamCodec {
    type Error = Error;

    fn encode(&mut self, message: MessageRef<'_>, dst: &mut BytesMut) -> Result<(), Error> {
        dst.extend_from_slice(message.as_bytes());
        Ok(())
    }
}

/// Encodes headers and a payload, with nothing copied into an owned message first.
impl Encoder<(&[Header<'_>], &[u8])> for EventStreamCodec {
    type Error = Error;

    fn encode(
        &mut self,
        (headers, payload): (&[Header<'_>], &[u8]),
        dst: &mut BytesMut,
    ) -> Result<(), Error> {
        let len = encoded_len(headers, payload.len())?;
        let start = dst.len();
        dst.resize(start + len, 0);
        encode(headers, payload, dst.get_mut(start..).unwrap_or_default())?;
        Ok(())
    }
}

/// Encodes an owned message.
impl Encoder<&OwnedMessage> for EventStreamCodec {
    type Error = Error;

    fn encode(&mut self, message: &OwnedMessage, dst: &mut BytesMut) -> Result<(), Error> {
        let headers: Vec<Header<'_>> = message.headers.iter().map(Header::from).collect();
        self.encode((&headers[..], &message.payload[..]), dst)
    }
}
