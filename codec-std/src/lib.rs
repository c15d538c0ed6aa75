//! The std layer of the AWS event-stream codec (`application/vnd.amazon.eventstream`),
//! built on [`eventstream_core`]: no wire logic is written here.
//!
//! ```
//! use eventstream::{Decoder, Header, HeaderValue, Status};
//!
//! let frame = eventstream::encode_to_vec(&[Header::new("n", HeaderValue::Int32(1))], b"hi").unwrap();
//! let message = Decoder::new().decode(&frame).unwrap().complete().unwrap();
//! assert_eq!(message.payload(), b"hi");
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use eventstream_core::*;

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
