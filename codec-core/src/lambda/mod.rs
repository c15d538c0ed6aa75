//! Lambda `InvokeWithResponseStream`: typed, zero-copy views of the response
//! stream's events, their encoders, and the HTTP-integration prelude.
//!
//! Each event is a frame with `:message-type` `event` and `:event-type`
//! `PayloadChunk` (raw bytes) or `InvokeComplete` (a JSON object with
//! optional `ErrorCode`, `ErrorDetails` and `LogResult`). Errors mid-stream
//! are `exception` or `error` frames, read as a [`StreamError`].
//!
#![cfg_attr(feature = "alloc", doc = "```")]
#![cfg_attr(not(feature = "alloc"), doc = "```ignore")]
//! use eventstream_core::lambda::{encode_invoke_complete_to_vec, encode_payload_chunk_to_vec, InvokeCompleteFields, ResponseEvent};
//! use eventstream_core::Decoder;
//!
//! let mut body = encode_payload_chunk_to_vec(b"Hello, ").unwrap();
//! body.extend(encode_payload_chunk_to_vec(b"world").unwrap());
//! body.extend(encode_invoke_complete_to_vec(&InvokeCompleteFields::default()).unwrap());
//!
//! let mut text = Vec::new();
//! for frame in Decoder::new().frames(&body) {
//!     match ResponseEvent::from_message(frame.unwrap()) {
//!         Ok(ResponseEvent::PayloadChunk(chunk)) => text.extend_from_slice(chunk.payload()),
//!         Ok(ResponseEvent::InvokeComplete(done)) => assert!(done.error_code().is_none()),
//!         Ok(ResponseEvent::Unknown { .. }) => {}
//!         Err(stream_error) => panic!("{stream_error}"),
//!     }
//! }
//! assert_eq!(text, b"Hello, world");
//! ```

mod encode;
mod event;
mod http_prelude;

pub use crate::json::{JsonError, JsonStr};
pub use encode::InvokeCompleteFields;
#[cfg(feature = "alloc")]
pub use encode::{
    encode_error_to_vec, encode_exception_to_vec, encode_invoke_complete_to_vec,
    encode_payload_chunk_to_vec,
};
pub use event::{
    InvokeComplete, LogResultError, Malformed, PayloadChunk, ResponseEvent, StreamError, decode_log,
};
pub use http_prelude::{HttpMetadata, HttpPart, HttpPreludeError, HttpPreludeSplitter};
