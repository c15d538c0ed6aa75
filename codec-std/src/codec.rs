//! The `tokio_util` codec: frames split off a `BytesMut` as zero-copy
//! [`Message`]s, and messages encoded into one.

use crate::frame_buffer::Framer;
use crate::{Error, Message};
use bytes::BytesMut;
use eventstream_core::{Header, Limits, encode, encoded_len};

/// Splits frames off a `BytesMut` as zero-copy [`Message`]s, and encodes
/// messages into one. With the `tokio` feature it is a
/// `tokio_util::codec::{Decoder, Encoder}`, for `FramedRead`/`FramedWrite`;
/// it encodes a [`Message`], a `MessageRef`, an `&OwnedMessage` or a
/// `(&[Header], &[u8])` pair, the last two without an owned copy.
///
/// ```
/// use bytes::BytesMut;
/// use eventstream::EventStreamCodec;
///
/// let frame = eventstream::encode_to_vec(&[], b"hi").unwrap();
/// let mut buf = BytesMut::from(&frame[..10]);
/// let mut codec = EventStreamCodec::new();
/// assert!(codec.decode_from(&mut buf)?.is_none());
/// buf.extend_from_slice(&frame[10..]);
/// assert_eq!(codec.decode_from(&mut buf)?.unwrap().payload(), "hi");
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

    /// Splits the next frame off the front of `buf`, or says `None` and
    /// reserves exactly the room the partial frame still needs. Each prelude
    /// is checked once, when its 12 bytes arrive.
    ///
    /// ```
    /// use bytes::BytesMut;
    /// let mut buf = BytesMut::from(&eventstream::encode_to_vec(&[], &[0; 1000]).unwrap()[..12]);
    /// assert!(eventstream::EventStreamCodec::new().decode_from(&mut buf).unwrap().is_none());
    /// assert!(buf.capacity() >= 1016);
    /// ```
    pub fn decode_from(&mut self, buf: &mut BytesMut) -> Result<Option<Message>, Error> {
        match self.framer.needed(buf)? {
            0 => {
                let frame = buf.split_to(self.framer.frame_len()).freeze();
                self.framer.take(frame).map(Some)
            }
            needed => {
                buf.reserve(needed);
                Ok(None)
            }
        }
    }

    /// As [`decode_from`](Self::decode_from) at the end of input: a partial
    /// frame left over is [`Error::UnexpectedEof`], never dropped silently.
    ///
    /// ```
    /// use bytes::BytesMut;
    /// let mut buf = BytesMut::from(&b"\0\0\0"[..]);
    /// let err = eventstream::EventStreamCodec::new().decode_eof_from(&mut buf).unwrap_err();
    /// assert!(matches!(err, eventstream::Error::UnexpectedEof { buffered: 3, needed: 9 }));
    /// ```
    pub fn decode_eof_from(&mut self, buf: &mut BytesMut) -> Result<Option<Message>, Error> {
        if buf.is_empty() {
            return Ok(None);
        }
        match self.decode_from(buf)? {
            Some(message) => Ok(Some(message)),
            None => Err(Error::UnexpectedEof {
                buffered: buf.len(),
                needed: self.framer.needed(buf)?,
            }),
        }
    }

    /// Appends the frame of `headers` and `payload`, encoded, to `buf`.
    ///
    /// ```
    /// use bytes::BytesMut;
    /// use eventstream::{Header, HeaderValue};
    /// let mut buf = BytesMut::new();
    /// eventstream::EventStreamCodec::new().encode_into(&[Header::new("n", HeaderValue::Bool(true))], b"x", &mut buf).unwrap();
    /// assert_eq!(buf.len(), 16 + 3 + 1);
    /// ```
    pub fn encode_into(
        &mut self,
        headers: &[Header<'_>],
        payload: &[u8],
        buf: &mut BytesMut,
    ) -> Result<(), Error> {
        let len = encoded_len(headers, payload.len())?;
        let start = buf.len();
        buf.resize(start + len, 0);
        encode(headers, payload, buf.get_mut(start..).unwrap_or_default())?;
        Ok(())
    }
}

#[cfg(feature = "tokio")]
mod tokio_util_impls {
    use super::*;
    use eventstream_core::{MessageRef, OwnedMessage};
    use tokio_util::codec::{Decoder, Encoder};

    impl Decoder for EventStreamCodec {
        type Item = Message;
        type Error = Error;

        fn decode(&mut self, src: &mut BytesMut) -> Result<Option<Message>, Error> {
            self.decode_from(src)
        }

        fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<Message>, Error> {
            self.decode_eof_from(src)
        }
    }

    /// Writes a message's frame unchanged.
    impl Encoder<Message> for EventStreamCodec {
        type Error = Error;

        fn encode(&mut self, message: Message, dst: &mut BytesMut) -> Result<(), Error> {
            dst.extend_from_slice(message.as_bytes());
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
            self.encode_into(headers, payload, dst)
        }
    }

    /// Encodes an owned message.
    impl Encoder<&OwnedMessage> for EventStreamCodec {
        type Error = Error;

        fn encode(&mut self, message: &OwnedMessage, dst: &mut BytesMut) -> Result<(), Error> {
            self.encode_into(&message.header_refs(), &message.payload, dst)
        }
    }
}
