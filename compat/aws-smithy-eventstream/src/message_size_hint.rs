//! The encoded size of a message before it is encoded, for sizing buffers.

use crate::convert::core_headers;
use aws_smithy_types::event_stream::Message;
use eventstream_core::{PRELUDE_LEN, TRAILER_LEN, encoded_len};

/// The size a message takes encoded, to allocate its buffer once.
///
/// ```
/// use aws_smithy_eventstream::frame::write_message_to;
/// use aws_smithy_eventstream::message_size_hint::MessageSizeHint;
/// use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
///
/// let message = Message::new(&b"hello world"[..])
///     .add_header(Header::new("content-type", HeaderValue::String("text/plain".into())));
/// let mut buffer: Vec<u8> = Vec::with_capacity(message.size_hint());
/// write_message_to(&message, &mut buffer).unwrap();
/// assert_eq!(buffer.len(), message.size_hint());
/// ```
pub trait MessageSizeHint {
    /// Bytes the message takes encoded: exact for every message the format
    /// can carry; for one it cannot (which encoding refuses), the payload
    /// and the frame's fixed 16 bytes.
    fn size_hint(&self) -> usize;
}

impl MessageSizeHint for Message {
    fn size_hint(&self) -> usize {
        let payload_len = self.payload().len();
        core_headers(self.headers())
            .ok()
            .and_then(|headers| encoded_len(&headers, payload_len).ok())
            .unwrap_or(PRELUDE_LEN + TRAILER_LEN + payload_len)
    }
}
