//! For tests of signed input streams (feature `test-util`): two bodies
//! compared frame by frame, each frame's payload read as the message it
//! wraps.

use crate::frame::{DecodedFrame, MessageFrameDecoder, read_message_from};
use aws_smithy_types::event_stream::{HeaderValue, Message};
use std::collections::{BTreeMap, BTreeSet};
use std::error::Error as StdError;

/// Asserts that `actual_body` carries the messages `expected_body` does:
/// per frame, the same header names on the signed wrapper (signatures and
/// dates differ run to run), and for a wrapper with a payload, the same
/// headers and payload in the message it wraps. With `full_stream`, also
/// the same number of frames. Panics where they differ, as `assert_eq!`
/// does; a body that does not decode is an `Err`.
///
/// ```
/// use aws_smithy_eventstream::{frame::write_message_to, test_util::validate_body};
/// use aws_smithy_types::event_stream::Message;
///
/// let mut inner = Vec::new();
/// write_message_to(&Message::new(&b"audio"[..]), &mut inner).unwrap();
/// let mut body = Vec::new();
/// write_message_to(&Message::new(inner), &mut body).unwrap();
/// validate_body(&body, &body, true).unwrap();
/// ```
pub fn validate_body(
    expected_body: &[u8],
    actual_body: &[u8],
    full_stream: bool,
) -> Result<(), Box<dyn StdError>> {
    let expected = frames(expected_body)?;
    let actual = frames(actual_body)?;
    if full_stream {
        assert_eq!(
            expected.len(),
            actual.len(),
            "frame count differs.\nexpected: {expected:?}\nactual:   {actual:?}"
        );
    }
    for ((expected_wrapper, expected_inner), (actual_wrapper, actual_inner)) in
        expected.iter().zip(&actual)
    {
        assert_eq!(header_names(expected_wrapper), header_names(actual_wrapper));
        if let Some(expected_inner) = expected_inner {
            let actual_inner = actual_inner
                .as_ref()
                .ok_or("a frame expected to wrap a message has an empty payload")?;
            assert_eq!(header_map(expected_inner), header_map(actual_inner));
            assert_eq!(expected_inner.payload(), actual_inner.payload());
        }
    }
    Ok(())
}

/// Each whole frame of `body`, with the message its payload wraps (`None`
/// for an empty payload, as the end-of-stream frame has).
type Wrapped = (Message, Option<Message>);

fn frames(mut body: &[u8]) -> Result<Vec<Wrapped>, Box<dyn StdError>> {
    let mut decoder = MessageFrameDecoder::new();
    let mut frames = Vec::new();
    while let DecodedFrame::Complete(wrapper) = decoder.decode_frame(&mut body)? {
        let inner = match wrapper.payload().is_empty() {
            true => None,
            false => Some(read_message_from(wrapper.payload().clone())?),
        };
        frames.push((wrapper, inner));
    }
    Ok(frames)
}

fn header_names(message: &Message) -> BTreeSet<&str> {
    message
        .headers()
        .iter()
        .map(|h| h.name().as_str())
        .collect()
}

fn header_map(message: &Message) -> BTreeMap<&str, &HeaderValue> {
    message
        .headers()
        .iter()
        .map(|h| (h.name().as_str(), h.value()))
        .collect()
}
