//! An owned frame backed by `bytes::Bytes`: cheap to clone and to send across
//! tasks, its payload a slice of the frame (no copy).

use bytes::Bytes;
use eventstream_core::{HeaderValue, Headers, MessageRef, PRELUDE_LEN, TRAILER_LEN};
use std::fmt;

/// A verified frame that owns its bytes.
///
/// ```
/// use bytes::Bytes;
/// use eventstream::{Header, HeaderValue, Message};
///
/// let frame = eventstream::encode_to_vec(&[Header::new(":event-type", HeaderValue::String("Chunk"))], b"data").unwrap();
/// let message = Message::decode(Bytes::from(frame))?;
/// assert_eq!(message.header(":event-type"), Some(HeaderValue::String("Chunk")));
/// assert_eq!(message.payload(), Bytes::from_static(b"data"));
/// # Ok::<(), eventstream::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Message {
    frame: Bytes,
    headers_len: u32,
}

impl Message {
    /// Wraps bytes that hold exactly one frame that already passed the decoder.
    pub(crate) fn from_verified(frame: Bytes, headers_len: u32) -> Self {
        Message { frame, headers_len }
    }

    /// Decodes and verifies `bytes`, which must hold exactly one frame.
    ///
    /// ```
    /// use bytes::Bytes;
    /// let frame = eventstream::encode_to_vec(&[], b"x").unwrap();
    /// assert!(eventstream::Message::decode(Bytes::from(frame)).is_ok());
    /// assert!(eventstream::Message::decode(Bytes::from_static(&[0; 16])).is_err());
    /// ```
    pub fn decode(bytes: Bytes) -> Result<Message, crate::Error> {
        let mut decoder = eventstream_core::Decoder::new();
        match decoder.decode(&bytes)? {
            eventstream_core::Status::Complete(message) if message.len() == bytes.len() => {
                let headers_len = message.prelude().headers_len();
                Ok(Message::from_verified(bytes, headers_len))
            }
            eventstream_core::Status::Complete(message) => {
                Err(crate::Error::Decode(eventstream_core::Error::Truncated {
                    available: message.len(),
                    needed: 0,
                }))
            }
            eventstream_core::Status::Incomplete { needed } => Err(crate::Error::UnexpectedEof {
                buffered: bytes.len(),
                needed,
            }),
        }
    }

    /// A borrowed view: headers, payload and lengths, without copying.
    ///
    /// ```
    /// use bytes::Bytes;
    /// let message = eventstream::Message::decode(Bytes::from(eventstream::encode_to_vec(&[], b"x").unwrap())).unwrap();
    /// assert_eq!(message.as_ref().payload(), b"x");
    /// ```
    #[allow(clippy::should_implement_trait)] // `AsRef` must return a reference; this returns a view
    pub fn as_ref(&self) -> MessageRef<'_> {
        match MessageRef::from_verified_frame(&self.frame) {
            Ok(message) => message,
            // Unreachable: a `Message` only ever holds a frame that passed the
            // decoder. Answering with an empty frame keeps this panic-free.
            Err(_) => empty_frame(),
        }
    }

    /// The headers, in wire order.
    ///
    /// ```
    /// use bytes::Bytes;
    /// use eventstream::{Header, HeaderValue, Message};
    /// let frame = eventstream::encode_to_vec(&[Header::new("a", HeaderValue::Bool(true))], b"").unwrap();
    /// assert_eq!(Message::decode(Bytes::from(frame)).unwrap().headers().count(), 1);
    /// ```
    pub fn headers(&self) -> Headers<'_> {
        self.as_ref().headers()
    }

    /// The value of the first header called `name`.
    ///
    /// ```
    /// use bytes::Bytes;
    /// use eventstream::{Header, HeaderValue, Message};
    /// let frame = eventstream::encode_to_vec(&[Header::new("a", HeaderValue::Int32(3))], b"").unwrap();
    /// assert_eq!(Message::decode(Bytes::from(frame)).unwrap().header("a"), Some(HeaderValue::Int32(3)));
    /// ```
    pub fn header(&self, name: &str) -> Option<HeaderValue<'_>> {
        self.as_ref().header(name)
    }

    /// The payload, as a slice of the frame's bytes (a reference count, no copy).
    ///
    /// ```
    /// use bytes::Bytes;
    /// let message = eventstream::Message::decode(Bytes::from(eventstream::encode_to_vec(&[], b"abc").unwrap())).unwrap();
    /// assert_eq!(message.payload(), "abc");
    /// ```
    pub fn payload(&self) -> Bytes {
        let start = PRELUDE_LEN + self.headers_len as usize;
        let end = self.frame.len().saturating_sub(TRAILER_LEN).max(start);
        self.frame.slice(start.min(end)..end)
    }

    /// Bytes in the whole frame.
    ///
    /// ```
    /// use bytes::Bytes;
    /// let message = eventstream::Message::decode(Bytes::from(eventstream::encode_to_vec(&[], b"abc").unwrap())).unwrap();
    /// assert_eq!(message.len(), 19);
    /// ```
    #[allow(clippy::len_without_is_empty)] // a frame is never empty
    pub fn len(&self) -> usize {
        self.frame.len()
    }

    /// The whole frame as it was on the wire.
    ///
    /// ```
    /// use bytes::Bytes;
    /// let frame = Bytes::from(eventstream::encode_to_vec(&[], b"abc").unwrap());
    /// assert_eq!(eventstream::Message::decode(frame.clone()).unwrap().into_bytes(), frame);
    /// ```
    pub fn into_bytes(self) -> Bytes {
        self.frame
    }
}

impl fmt::Debug for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.as_ref(), f)
    }
}

/// A valid 16-byte frame with no headers and no payload (the shared vector `empty_message`).
const EMPTY_FRAME: [u8; 16] = [
    0, 0, 0, 16, 0, 0, 0, 0, 0x05, 0xc2, 0x48, 0xeb, 0x7d, 0x98, 0xc8, 0xff,
];

/// The view of [`EMPTY_FRAME`]; its validity is a constant, proven by a unit test.
fn empty_frame() -> MessageRef<'static> {
    #[allow(clippy::expect_used)]
    // depends on no input: the constant is checked by `empty_frame_is_valid`
    MessageRef::from_verified_frame(&EMPTY_FRAME).expect("EMPTY_FRAME is a valid frame")
}

#[cfg(test)]
mod tests {
    #[test]
    fn empty_frame_is_valid() {
        let decoded = eventstream_core::Decoder::new()
            .decode(&super::EMPTY_FRAME)
            .unwrap();
        assert_eq!(decoded.complete().map(|m| m.len()), Some(16));
        assert_eq!(super::empty_frame().len(), 16);
    }
}
