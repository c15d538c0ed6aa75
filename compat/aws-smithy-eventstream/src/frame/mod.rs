//! Event-stream frames for the SDK: reading and writing them, the streaming
//! decoder its receiver runs, the (un)marshalling traits its generated code
//! implements, and the signers of input streams.

mod marshall;
mod read;
mod signer;
mod write;

pub use aws_smithy_types::event_stream::{DeferredSignerSender, SignMessage, SignMessageError};
pub use marshall::{MarshallMessage, UnmarshallMessage, UnmarshalledMessage};
pub use read::{DecodedFrame, MessageFrameDecoder, read_message_from};
pub use signer::{DeferredSigner, NoOpSigner};
pub use write::{write_headers_to, write_message_to};
