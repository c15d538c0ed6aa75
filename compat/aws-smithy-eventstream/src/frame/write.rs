//! Writing frames: the core's encoder, with the SDK's headers borrowed.

use crate::convert::core_headers;
use crate::error::Error;
use aws_smithy_types::event_stream::{Header, Message};
use bytes::BufMut;
use eventstream_core::{EncodeError, PRELUDE_LEN, encode_head};

/// Writes `message` as one frame to `buffer`: the head, the payload (copied
/// once, into `buffer`), and the message CRC. On an error nothing is
/// written.
///
/// ```
/// use aws_smithy_eventstream::frame::{read_message_from, write_message_to};
/// use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
///
/// let message = Message::new(&b"hello"[..])
///     .add_header(Header::new(":event-type", HeaderValue::String("Chunk".into())));
/// let mut frame = Vec::new();
/// write_message_to(&message, &mut frame).unwrap();
/// assert_eq!(read_message_from(&frame[..]).unwrap(), message);
/// ```
pub fn write_message_to(message: &Message, buffer: &mut dyn BufMut) -> Result<(), Error> {
    let headers = core_headers(message.headers())?;
    let payload = message.payload();
    with_head(&headers, payload, |head, trailer| {
        buffer.put_slice(head);
        buffer.put_slice(payload);
        buffer.put_slice(&trailer);
    })
}

/// Encodes the head (prelude and header block) of the frame for `headers`
/// and `payload` and hands it, with the frame's 4-byte trailer, to `write`:
/// on the stack when it fits in 512 bytes (every frame of the AWS services
/// does: three or four short headers), else in a buffer of its size.
fn with_head(
    headers: &[eventstream_core::Header<'_>],
    payload: &[u8],
    write: impl FnOnce(&[u8], [u8; 4]),
) -> Result<(), Error> {
    let mut stack = [0u8; 512];
    let mut heap;
    let (encoded, head) = match encode_head(headers, payload, &mut stack) {
        Ok(encoded) => (encoded, &stack[..]),
        Err(EncodeError::BufferTooSmall { needed, .. }) => {
            heap = vec![0; needed];
            (encode_head(headers, payload, &mut heap)?, &heap[..])
        }
        Err(error) => return Err(error.into()),
    };
    write(&head[..encoded.head_len], encoded.trailer);
    Ok(())
}

/// Writes `headers` as a frame's header block (no prelude) to `buffer`, as
/// signed input streams need. On an error nothing is written.
///
/// ```
/// use aws_smithy_eventstream::frame::write_headers_to;
/// use aws_smithy_types::event_stream::{Header, HeaderValue};
///
/// let mut block = Vec::new();
/// write_headers_to(&[Header::new("n", HeaderValue::Bool(true))], &mut block).unwrap();
/// assert_eq!(block, [1, b'n', 0]);
/// ```
pub fn write_headers_to<B: BufMut>(headers: &[Header], mut buffer: B) -> Result<(), Error> {
    let headers = core_headers(headers)?;
    with_head(&headers, &[], |head, _| {
        buffer.put_slice(&head[PRELUDE_LEN..])
    })
}
