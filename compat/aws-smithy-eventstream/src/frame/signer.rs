//! Signers of input event streams (Transcribe, Bedrock bidirectional): the
//! SDK wires the real signer in after the HTTP request is signed, through a
//! channel, and a stream without one passes messages through unsigned.

use aws_smithy_types::event_stream::{
    DeferredSignerReceiver, DeferredSignerSender, Message, SignMessage, SignMessageError,
};

/// A signer whose implementation arrives later, through the
/// [`DeferredSignerSender`] made with it: the first message signed takes it
/// from the channel and keeps it (or [`NoOpSigner`], when none was sent).
///
/// ```
/// use aws_smithy_eventstream::frame::{DeferredSigner, NoOpSigner, SignMessage};
/// use aws_smithy_types::event_stream::Message;
///
/// let (mut signer, sender) = DeferredSigner::new();
/// sender.send(Box::new(NoOpSigner {}) as Box<dyn SignMessage + Send + Sync>).unwrap();
/// assert_eq!(signer.sign(Message::new(&b"x"[..])).unwrap(), Message::new(&b"x"[..]));
/// assert!(signer.sign_empty().is_none());
/// ```
#[derive(Debug)]
pub struct DeferredSigner {
    receiver: Option<DeferredSignerReceiver>,
    signer: Option<Box<dyn SignMessage + Send + Sync>>,
}

impl DeferredSigner {
    /// The signer, and the sender its implementation is sent through.
    ///
    /// ```
    /// let (signer, _sender) = aws_smithy_eventstream::frame::DeferredSigner::new();
    /// # drop(signer);
    /// ```
    #[allow(clippy::new_ret_no_self)] // the real crate's signature
    pub fn new() -> (Self, DeferredSignerSender) {
        let (receiver, sender) = DeferredSignerSender::new();
        let signer = DeferredSigner {
            receiver: Some(receiver),
            signer: None,
        };
        (signer, sender)
    }

    /// The implementation: received once, then kept.
    fn signer(&mut self) -> &mut (dyn SignMessage + Send + Sync) {
        let receiver = self.receiver.take();
        let signer = self.signer.get_or_insert_with(|| {
            receiver
                .and_then(|r| r.recv::<Box<dyn SignMessage + Send + Sync>>().ok())
                .unwrap_or_else(|| Box::new(NoOpSigner {}))
        });
        signer.as_mut()
    }
}

impl SignMessage for DeferredSigner {
    fn sign(&mut self, message: Message) -> Result<Message, SignMessageError> {
        self.signer().sign(message)
    }

    fn sign_empty(&mut self) -> Option<Result<Message, SignMessageError>> {
        self.signer().sign_empty()
    }
}

/// A signer that signs nothing: messages pass through, and there is no
/// end-of-stream message.
///
/// ```
/// use aws_smithy_eventstream::frame::{NoOpSigner, SignMessage};
/// assert!(NoOpSigner {}.sign_empty().is_none());
/// ```
#[derive(Debug)]
pub struct NoOpSigner {}

impl SignMessage for NoOpSigner {
    fn sign(&mut self, message: Message) -> Result<Message, SignMessageError> {
        Ok(message)
    }

    fn sign_empty(&mut self) -> Option<Result<Message, SignMessageError>> {
        None
    }
}
