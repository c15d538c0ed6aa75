//! Framing for `bytes::BytesMut` buffers: the `tokio_util` codec, and the
//! logic the HTTP-body adapter shares with it.

use crate::{Error, Message};
use bytes::BytesMut;
use eventstream_core::{Decoder, Limits, OwnedMessage, Status, encode, encoded_len};

/// Splits frames off a `BytesMut` as zero-copy [`Message`]s, and encodes
/// messages into one. With the `tokio` feature it is a
/// `tokio_util::codec::{Decoder, Encoder}`, for `FramedRead`/`FramedWrite`.
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
#[derive(Debug, Clone, Default)]
pub struct EventStreamCodec {
    decoder: Decoder,
}

impl EventStreamCodec {
    /// A codec with the spec's limits.
    ///
    /// ```
    /// let _codec = eventstream::EventStreamCodec::new();
    /// ```
    pub fn new() -> Self {
        EventStreamCodec::default()
    }

    /// A codec with the given limits.
    ///
    /// ```
    /// let _codec = eventstream::EventStreamCodec::with_limits(eventstream::Limits { max_message_len: 65536, max_headers_len: 1024 });
    /// ```
    pub fn with_limits(limits: Limits) -> Self {
        EventStreamCodec {
            decoder: Decoder::with_limits(limits),
        }
    }

    /// Splits the next frame off the front of `buf`, or says `None` and
    /// reserves exactly the room the partial frame still needs.
    ///
    /// ```
    /// use bytes::BytesMut;
    /// let mut buf = BytesMut::from(&eventstream::encode_to_vec(&[], &[0; 1000]).unwrap()[..12]);
    /// assert!(eventstream::EventStreamCodec::new().decode_from(&mut buf).unwrap().is_none());
    /// assert!(buf.capacity() >= 1016);
    /// ```
    pub fn decode_from(&mut self, buf: &mut BytesMut) -> Result<Option<Message>, Error> {
        let len = match self.decoder.frame_len(buf)? {
            Status::Complete(len) => len,
            Status::Incomplete { needed } => {
                buf.reserve(needed);
                return Ok(None);
            }
        };
        let headers_len = match self.decoder.decode(buf)? {
            Status::Complete(message) => message.prelude().headers_len(),
            Status::Incomplete { .. } => return Ok(None),
        };
        Ok(Some(Message::from_verified(
            buf.split_to(len).freeze(),
            headers_len,
        )))
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
        if let Some(message) = self.decode_from(buf)? {
            return Ok(Some(message));
        }
        let needed = match self.decoder.frame_len(buf)? {
            Status::Incomplete { needed } => needed,
            Status::Complete(_) => 0,
        };
        Err(Error::UnexpectedEof {
            buffered: buf.len(),
            needed,
        })
    }

    /// Appends an owned message, encoded, to `buf`.
    ///
    /// ```
    /// use bytes::BytesMut;
    /// let mut buf = BytesMut::new();
    /// eventstream::EventStreamCodec::new().encode_into(&eventstream::OwnedMessage::new(b"x".to_vec()), &mut buf).unwrap();
    /// assert_eq!(buf.len(), 17);
    /// ```
    pub fn encode_into(&mut self, message: &OwnedMessage, buf: &mut BytesMut) -> Result<(), Error> {
        let headers = message.header_refs();
        let len = encoded_len(&headers, message.payload.len())?;
        let start = buf.len();
        buf.resize(start + len, 0);
        encode(
            &headers,
            &message.payload,
            buf.get_mut(start..).unwrap_or_default(),
        )?;
        Ok(())
    }
}

#[cfg(feature = "tokio")]
impl tokio_util::codec::Decoder for EventStreamCodec {
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
#[cfg(feature = "tokio")]
impl tokio_util::codec::Encoder<Message> for EventStreamCodec {
    type Error = Error;

    fn encode(&mut self, message: Message, dst: &mut BytesMut) -> Result<(), Error> {
        dst.extend_from_slice(&message.into_bytes());
        Ok(())
    }
}

/// Encodes an owned message.
#[cfg(feature = "tokio")]
impl tokio_util::codec::Encoder<&OwnedMessage> for EventStreamCodec {
    type Error = Error;

    fn encode(&mut self, message: &OwnedMessage, dst: &mut BytesMut) -> Result<(), Error> {
        self.encode_into(message, dst)
    }
}
