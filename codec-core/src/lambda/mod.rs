//! Lambda `InvokeWithResponseStream`: typed, zero-copy views of the response
//! stream's events, and the HTTP-integration prelude.
//!
//! Each event is a frame with `:message-type` `event` and `:event-type`
//! `PayloadChunk` (raw bytes) or `InvokeComplete` (a JSON object with
//! optional `ErrorCode`, `ErrorDetails` and `LogResult`). Errors mid-stream
//! are `exception` or `error` frames, read as a [`StreamError`].
//!
#![cfg_attr(feature = "alloc", doc = "```")]
#![cfg_attr(not(feature = "alloc"), doc = "```ignore")]
//! use eventstream_core::lambda::ResponseEvent;
//! use eventstream_core::{Decoder, Header, HeaderValue, Status, encode_to_vec};
//!
//! // What Lambda sends (`eventstream serve` sends the same).
//! let event = |event_type, payload: &[u8]| {
//!     encode_to_vec(&[Header::new(":event-type", HeaderValue::String(event_type))], payload).unwrap()
//! };
//! let body = [event("PayloadChunk", b"Hello, "), event("PayloadChunk", b"world"), event("InvokeComplete", b"{}")].concat();
//!
//! let (mut decoder, mut rest, mut text) = (Decoder::new(), &body[..], Vec::new());
//! while let Status::Complete(frame) = decoder.decode(rest).unwrap() {
//!     rest = &rest[frame.len()..];
//!     match ResponseEvent::from_message(frame) {
//!         Ok(ResponseEvent::PayloadChunk(chunk)) => text.extend_from_slice(chunk.payload()),
//!         Ok(ResponseEvent::InvokeComplete(done)) => assert!(done.error_code().is_none()),
//!         Ok(ResponseEvent::Unknown { .. }) => {}
//!         Err(stream_error) => panic!("{stream_error}"),
//!     }
//! }
//! assert_eq!(text, b"Hello, world");
//! ```

mod event;
mod http_prelude;

pub use crate::json::{JsonError, JsonStr};
pub use event::{InvokeComplete, Malformed, PayloadChunk, ResponseEvent, StreamError, decode_log};
pub use http_prelude::{HttpMetadata, HttpPart, HttpPreludeError, HttpPreludeSplitter};
