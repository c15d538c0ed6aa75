//! The std layer of the AWS event-stream codec (`application/vnd.amazon.eventstream`),
//! built on [`eventstream_core`]: no wire logic is written here.
//!
//! - [`Reader`] / [`Writer`] over `std::io`, reading straight into one reusable buffer;
//! - [`tokio::AsyncReader`] / [`tokio::AsyncWriter`] (feature `tokio`) and
//!   [`futures::AsyncReader`] / [`futures::AsyncWriter`] (feature `futures-io`),
//!   sharing the reader's buffer and state machine, cancel-safe;
//! - [`Message`], an owned frame backed by `bytes::Bytes`, and [`EventStreamCodec`]
//!   for `tokio_util::codec` (feature `tokio`);
//! - [`MessageStream`] (feature `stream`), decoding an HTTP response body given
//!   as a `Stream` of `Bytes` chunks, as hyper and reqwest hand it out;
//! - [`Events`]: any service's events over any of the readers, `exception`
//!   and `error` frames as one [`ServiceError`];
//! - [`lambda`]: typed Lambda `InvokeWithResponseStream` events over any of the readers.
//!
//! # Features
//!
//! None is on by default: without features the crate is the blocking
//! [`Reader`] and [`Writer`], [`Message`], and [`lambda`], over
//! `eventstream-core` and `bytes`.
//!
//! | feature | turns on | pulls in |
//! |---|---|---|
//! | `tokio` | [`tokio::AsyncReader`], [`tokio::AsyncWriter`], and `EventStreamCodec` as a `tokio_util::codec::{Decoder, Encoder}` (implies `stream`) | tokio, tokio-util |
//! | `futures-io` | [`futures::AsyncReader`], [`futures::AsyncWriter`] (implies `stream`) | futures-io |
//! | `stream` | [`MessageStream`] over a `Stream` of `Bytes` (hyper, reqwest), and the readers as `Stream`s | futures-core |
//! | `sigv4` | [`sigv4`]: signing and verifying SigV4-signed event streams | hmac, sha2, hex |
//!
//! ```
//! use eventstream::{Header, HeaderValue, Reader, Writer};
//!
//! let mut writer = Writer::new(Vec::new());
//! writer.write_message(&[Header::new(":event-type", HeaderValue::String("Chunk"))], b"hi")?;
//! let bytes = writer.into_inner();
//!
//! let mut reader = Reader::new(&bytes[..]);
//! let message = reader.read_message()?.expect("one frame");
//! assert_eq!(message.header(":event-type"), Some(HeaderValue::String("Chunk")));
//! assert_eq!(message.payload(), b"hi");
//! assert!(reader.read_message()?.is_none());
//! # Ok::<(), eventstream::Error>(())
//! ```
#![cfg_attr(
    not(feature = "tokio"),
    doc = "[`tokio::AsyncReader`]: https://docs.rs/eventstream/latest/eventstream/tokio/struct.AsyncReader.html\n\
           [`tokio::AsyncWriter`]: https://docs.rs/eventstream/latest/eventstream/tokio/struct.AsyncWriter.html\n\
           [`EventStreamCodec`]: https://docs.rs/eventstream/latest/eventstream/struct.EventStreamCodec.html"
)]
#![cfg_attr(
    not(feature = "futures-io"),
    doc = "[`futures::AsyncReader`]: https://docs.rs/eventstream/latest/eventstream/futures/struct.AsyncReader.html\n\
           [`futures::AsyncWriter`]: https://docs.rs/eventstream/latest/eventstream/futures/struct.AsyncWriter.html"
)]
#![cfg_attr(
    not(feature = "stream"),
    doc = "[`MessageStream`]: https://docs.rs/eventstream/latest/eventstream/struct.MessageStream.html"
)]
#![cfg_attr(
    not(feature = "sigv4"),
    doc = "[`sigv4`]: https://docs.rs/eventstream/latest/eventstream/sigv4/index.html"
)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::panic))]

#[cfg(any(feature = "tokio", feature = "futures-io"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "tokio", feature = "futures-io"))))]
pub mod async_io;
#[cfg(feature = "stream")]
mod body;
#[cfg(feature = "tokio")]
mod codec;
mod error;
mod events;
mod frame_buffer;
#[cfg(feature = "futures-io")]
#[cfg_attr(docsrs, doc(cfg(feature = "futures-io")))]
pub mod futures;
pub mod lambda;
mod read;
#[cfg(feature = "sigv4")]
#[cfg_attr(docsrs, doc(cfg(feature = "sigv4")))]
pub mod sigv4;
#[cfg(feature = "tokio")]
#[cfg_attr(docsrs, doc(cfg(feature = "tokio")))]
pub mod tokio;
mod write;

#[cfg(feature = "stream")]
#[cfg_attr(docsrs, doc(cfg(feature = "stream")))]
pub use body::MessageStream;
#[cfg(feature = "tokio")]
#[cfg_attr(docsrs, doc(cfg(feature = "tokio")))]
pub use codec::EventStreamCodec;
pub use error::{Error, LooksLike};
pub use events::{EventRef, Events, ServiceError};
pub use eventstream_core::Error as DecodeError;
pub use eventstream_core::{
    Decoder, EncodeError, EncodedHead, Event, HEADER_TYPE_NAMES, Header, HeaderField, HeaderValue,
    Headers, Limits, Message, MessageKind, MessageRef, OwnedHeader, OwnedHeaderValue, OwnedMessage,
    PRELUDE_LEN, Prelude, Status, StreamDecoder, TRAILER_LEN, encode, encode_head, encode_to_vec,
    encoded_len, head_len,
};
pub use read::Reader;
#[cfg(feature = "tokio")]
#[cfg_attr(docsrs, doc(cfg(feature = "tokio")))]
pub use tokio::{AsyncReader, AsyncWriter};
pub use write::Writer;
