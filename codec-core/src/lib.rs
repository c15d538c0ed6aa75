//! A zero-copy, `no_std`, sans-IO codec for the AWS event-stream wire format
//! (`application/vnd.amazon.eventstream`): the binary framing of Lambda
//! `InvokeWithResponseStream`, Bedrock, Transcribe and S3 Select streams.
//! (Not Server-Sent Events, `text/event-stream`: a different format.)
//!
//! ```text
//! u32 total_len | u32 headers_len | u32 prelude_crc        12-byte prelude
//! headers[headers_len] | payload | u32 message_crc         CRC-32/IEEE, big-endian
//! ```
//!
//! [`Decoder`] decodes whole frames from a contiguous buffer into borrowed
//! [`MessageRef`] views: both CRCs and every header are checked before a view
//! exists, nothing is copied or allocated, and no input can make it panic or do
//! more than linear work. The prelude is validated as soon as its 12 bytes are
//! in, so a corrupted length is an error at once, never a wait for gigabytes.
//!
#![cfg_attr(feature = "alloc", doc = "```")]
#![cfg_attr(not(feature = "alloc"), doc = "```ignore")]
//! use eventstream_core::{Decoder, Header, HeaderValue, Status};
//!
//! let headers = [
//!     Header::new(":message-type", HeaderValue::String("event")),
//!     Header::new(":event-type", HeaderValue::String("PayloadChunk")),
//! ];
//! let frame = eventstream_core::encode_to_vec(&headers, b"hello").unwrap();
//!
//! let mut decoder = Decoder::new();
//! match decoder.decode(&frame)? {
//!     Status::Complete(msg) => {
//!         assert_eq!(msg.header(":event-type"), Some(HeaderValue::String("PayloadChunk")));
//!         assert_eq!(msg.payload(), b"hello");
//!     }
//!     Status::Incomplete { needed } => unreachable!("needs {needed} more bytes"),
//! }
//! # Ok::<(), eventstream_core::Error>(())
//! ```
//!
//! # Which decoder
//!
//! - [`Decoder`]: whole frames from one contiguous buffer. Use it whenever a
//!   frame fits in memory (up to 16 MiB + 128 KiB by the spec): it is the
//!   fastest, and it hands out only complete, CRC-verified frames. Keep one
//!   per stream: it remembers the last short header block it validated, and
//!   a stream's events of one type all carry the same one.
//! - [`StreamDecoder`]: frames of any size in fixed memory (about 2 KiB by
//!   default). It yields the prelude, the headers, then the payload as
//!   borrowed slices of your input chunks as they arrive, then `End` once the
//!   CRC matched. For embedded targets and for proxies that forward large
//!   payloads without holding them.
//!
#![cfg_attr(feature = "alloc", doc = "```")]
#![cfg_attr(not(feature = "alloc"), doc = "```ignore")]
//! use eventstream_core::{Event, StreamDecoder};
//!
//! let frame = eventstream_core::encode_to_vec(&[], &[7u8; 10_000]).unwrap();
//! let mut decoder = StreamDecoder::<256>::new(); // 256 bytes of header buffer
//! let mut forwarded = 0;
//! for packet in frame.chunks(1500) {
//!     let mut rest = packet;
//!     while let (used, Some(event)) = decoder.decode(rest)? {
//!         rest = &rest[used..];
//!         match event {
//!             Event::Payload(segment) => forwarded += segment.len(), // unverified until End
//!             Event::End { .. } => assert_eq!(forwarded, 10_000),
//!             _ => {}
//!         }
//!     }
//! }
//! # Ok::<(), eventstream_core::Error>(())
//! ```
//!
//! Both decoders validate the same way and return the same [`Error`] values,
//! in wire order: the prelude as soon as its 12 bytes are in, then the header
//! block, then the message CRC.
//!
//! # Unsafe code
//!
//! One block, audited: header text that the validator checked is made
//! `&str` with `from_utf8_unchecked` rather than checked a second time
//! (which cost ~45% of a small frame). It lives in one private module, the
//! crate's only exception to `deny(unsafe_code)`, reachable only through a token that
//! only the validator (or a memo of a block it validated) can make; under
//! `debug_assertions` and `--cfg fuzzing` the text is checked again, and CI
//! runs the tests under Miri.
//!
//! Features: `alloc` (`encode_to_vec`, [`OwnedMessage`]), `bytes` (implies
//! `alloc`), `std` (runtime SIMD detection in `crc32fast`: turn it on wherever
//! `std` exists, it is several times faster), `arbitrary` (fuzzing support).
#![no_std]
// One audited exception, in `header/proven.rs`: see its module docs.
#![deny(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod decoder;
mod encoder;
mod error;
mod fixed;
mod header;
mod json;
mod kind;
pub mod lambda;
mod limits;
mod message;
#[cfg(feature = "alloc")]
mod owned;
mod prelude;
mod stream;
mod wire;

#[cfg(feature = "bytes")]
pub use bytes;
pub use decoder::{Decoder, Status};
#[cfg(feature = "alloc")]
pub use encoder::encode_to_vec;
pub use encoder::{
    EncodedHead, encode, encode_head, encode_head_from, encoded_len, encoded_len_from, head_len,
};
pub use error::{EncodeError, Error, HeaderField};
pub use header::{Header, HeaderValue, Headers};
pub use kind::{MessageKind, exception_message};
pub use limits::Limits;
pub use message::MessageRef;
#[cfg(feature = "bytes")]
pub use owned::Message;
#[cfg(feature = "alloc")]
pub use owned::{OwnedHeader, OwnedHeaderValue, OwnedMessage};
pub use prelude::Prelude;
pub use stream::{Event, StreamDecoder};
pub use wire::{HEADER_TYPE_NAMES, PRELUDE_LEN, TRAILER_LEN, crc32};
