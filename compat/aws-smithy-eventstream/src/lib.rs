//! The AWS SDK for Rust's event-stream crate, `aws-smithy-eventstream`
//! 0.61, with the same public API, decoding and encoding through
//! [`eventstream-core`](eventstream_core): an application adds three lines
//! to its `Cargo.toml` and every `aws-sdk-*` client (Lambda
//! `InvokeWithResponseStream`, Bedrock, Transcribe, S3 Select, Kinesis)
//! runs on the core.
//!
//! ```toml
//! [patch.crates-io]
//! aws-smithy-eventstream = { path = "path/to/eventstream/compat/aws-smithy-eventstream" }
//! ```
//!
//! `cargo tree -i aws-smithy-eventstream` then shows this crate (its path)
//! where the SDK's `aws-smithy-http` asks for it.
//!
//! Messages are [`aws_smithy_types::event_stream::Message`]s, as the SDK
//! expects. Every frame is read and written by the core: its checks, its
//! limits, its one header grammar. A decoded message's header names,
//! string and byte-array values and payload are slices of the frame's
//! bytes (no per-header copy; the frame itself is copied only when the
//! input is not `Bytes` or when it arrived in pieces).
//!
//! # Where this crate is stricter than the real one
//!
//! - The 12-byte prelude is checked as soon as it is in: a wrong prelude
//!   CRC, a length below 16 or above the format's maximum (16 + 128 KiB +
//!   24 MiB), or a header block longer than 128 KiB or than the frame is an
//!   error at once. The real decoder waits for the whole declared frame
//!   first, so a corrupted or hostile length makes it wait for, and buffer,
//!   up to 4 GiB.
//! - Errors say what is wrong and where: the byte offset in the frame, the
//!   expected and found CRC.
//! - Encoding refuses what the format refuses: a header block over 128 KiB,
//!   a frame over the format's maximum (the real encoder writes frames up
//!   to 4 GiB that no decoder of the format accepts).
//!
//! Everything else (what [`frame::MessageFrameDecoder`] consumes from a
//! [`bytes::Buf`], segmented ones included, when it returns `Incomplete`,
//! the messages and the bytes written) is the real crate's.

pub mod error;
pub mod frame;
pub mod message_size_hint;
pub mod smithy;

#[cfg(feature = "derive-arbitrary")]
pub mod arbitrary;
#[cfg(feature = "test-util")]
pub mod test_util;

mod convert;
