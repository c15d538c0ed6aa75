//! The traits the SDK's generated code implements for each event stream:
//! a modelled input type into a message, a message into an event or error.

use crate::error::Error;
use aws_smithy_types::event_stream::Message;
use std::fmt;

/// Converts a Smithy-modelled event-stream input into a [`Message`].
///
/// ```
/// use aws_smithy_eventstream::{error::Error, frame::MarshallMessage};
/// use aws_smithy_types::event_stream::Message;
///
/// #[derive(Debug)]
/// struct Audio;
/// impl MarshallMessage for Audio {
///     type Input = Vec<u8>;
///     fn marshall(&self, input: Vec<u8>) -> Result<Message, Error> {
///         Ok(Message::new(input))
///     }
/// }
/// assert_eq!(Audio.marshall(b"pcm".to_vec()).unwrap().payload().as_ref(), b"pcm");
/// ```
pub trait MarshallMessage: fmt::Debug {
    /// The modelled type to convert from.
    type Input;

    /// The message for `input`.
    fn marshall(&self, input: Self::Input) -> Result<Message, Error>;
}

/// A message read as one of the stream's modelled events, or as one of its
/// modelled errors.
///
/// ```
/// use aws_smithy_eventstream::frame::UnmarshalledMessage;
/// let event: UnmarshalledMessage<&str, ()> = UnmarshalledMessage::Event("chunk");
/// assert!(matches!(event, UnmarshalledMessage::Event("chunk")));
/// ```
#[derive(Debug)]
pub enum UnmarshalledMessage<T, E> {
    /// One of the stream's events.
    Event(T),
    /// One of the operation's modelled errors (an `exception` frame).
    Error(E),
}

/// Converts a [`Message`] into a Smithy-modelled event or error.
///
/// ```
/// use aws_smithy_eventstream::error::Error;
/// use aws_smithy_eventstream::frame::{UnmarshallMessage, UnmarshalledMessage};
/// use aws_smithy_types::event_stream::Message;
///
/// #[derive(Debug)]
/// struct Payloads;
/// impl UnmarshallMessage for Payloads {
///     type Output = bytes::Bytes;
///     type Error = ();
///     fn unmarshall(&self, message: &Message) -> Result<UnmarshalledMessage<bytes::Bytes, ()>, Error> {
///         Ok(UnmarshalledMessage::Event(message.payload().clone()))
///     }
/// }
/// let message = Message::new(&b"hi"[..]);
/// assert!(matches!(Payloads.unmarshall(&message), Ok(UnmarshalledMessage::Event(p)) if p == "hi"));
/// ```
pub trait UnmarshallMessage: fmt::Debug {
    /// The modelled event type.
    type Output;
    /// The modelled error type.
    type Error;

    /// The event or error `message` stands for.
    fn unmarshall(
        &self,
        message: &Message,
    ) -> Result<UnmarshalledMessage<Self::Output, Self::Error>, Error>;
}
