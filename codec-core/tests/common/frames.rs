//! The frames of a buffer held whole, for the integration tests and the fuzz
//! targets (`fuzz/fuzz_targets/shared.rs` includes this file): what every
//! other decoder is compared with.

use eventstream_core::{Decoder, Error, MessageRef, Status};

/// The frames of `input`, in order: the first error ends them, and a buffer
/// that ends inside a frame ends with [`Error::Truncated`].
pub fn frames(input: &[u8]) -> impl Iterator<Item = Result<MessageRef<'_>, Error>> {
    let (mut decoder, mut rest) = (Decoder::new(), input);
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let error = match decoder.decode(rest) {
            Ok(Status::Complete(message)) => {
                rest = &rest[message.len()..];
                return Some(Ok(message));
            }
            Ok(Status::Incomplete { needed }) => Error::Truncated {
                available: rest.len(),
                needed,
            },
            Err(error) => error,
        };
        rest = &[];
        Some(Err(error))
    })
}
