//! The whole-frame decoder: one contiguous buffer in, borrowed frames out.

use crate::known_block::KnownBlock;
use crate::prelude::{PRELUDE_LEN, Prelude};
use crate::{Error, Limits, MessageRef};
#[cfg(feature = "bytes")]
use {crate::Message, bytes::Bytes};

/// Whether a complete frame was available.
///
/// ```
/// use eventstream_core::{Decoder, Status};
/// assert_eq!(Decoder::new().decode(&[0, 0]).unwrap().map(|m| m.len()), Status::Incomplete { needed: 10 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status<T> {
    /// A whole frame was decoded.
    Complete(T),
    /// The input holds part of a frame; at least `needed` more bytes are required.
    Incomplete {
        /// Further bytes needed, at least. Exact once the prelude (12 bytes) is in.
        needed: usize,
    },
}

impl<T> Status<T> {
    /// Maps the complete value.
    ///
    /// ```
    /// use eventstream_core::Status;
    /// assert_eq!(Status::Complete(2).map(|n| n * 2), Status::Complete(4));
    /// ```
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Status<U> {
        match self {
            Status::Complete(value) => Status::Complete(f(value)),
            Status::Incomplete { needed } => Status::Incomplete { needed },
        }
    }

    /// The complete value, if any.
    ///
    /// ```
    /// use eventstream_core::Status;
    /// assert_eq!(Status::<u8>::Incomplete { needed: 1 }.complete(), None);
    /// ```
    pub fn complete(self) -> Option<T> {
        match self {
            Status::Complete(value) => Some(value),
            Status::Incomplete { .. } => None,
        }
    }
}

/// Decodes whole frames from the front of a buffer, without copying or allocating.
///
/// Feed it the unconsumed input; on [`Status::Complete`] consume
/// [`MessageRef::len`] bytes. The prelude is checked as soon as 12 bytes are
/// present, so a bad length is an error at once, never a wait.
///
/// Keep one decoder for a stream: it holds a CRC hasher set up once, and the
/// last header block of up to 128 bytes that passed validation. Every event
/// of one type in a stream carries byte-identical headers, so a frame whose
/// block equals that one skips the header walk (a fresh decoder gives the
/// same answer for every frame, only slower).
///
/// ```
/// use eventstream_core::{Decoder, Status};
///
/// let mut input = eventstream_core::encode_to_vec(&[], b"one").unwrap();
/// input.extend(eventstream_core::encode_to_vec(&[], b"two").unwrap());
///
/// let mut decoder = Decoder::new();
/// let mut rest = &input[..];
/// let mut payloads = Vec::new();
/// while let Status::Complete(msg) = decoder.decode(rest).unwrap() {
///     payloads.push(msg.payload());
///     rest = &rest[msg.len()..];
/// }
/// assert_eq!(payloads, [b"one", b"two"]);
/// ```
#[derive(Debug, Clone)]
pub struct Decoder {
    limits: Limits,
    /// A fresh hasher, cloned per frame: CPU feature detection happens once, here.
    hasher: crc32fast::Hasher,
    /// The last header block validated, so that repeats skip the walk.
    known_block: KnownBlock,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder::new()
    }
}

impl Decoder {
    /// A decoder with the spec's limits.
    ///
    /// ```
    /// let decoder = eventstream_core::Decoder::new();
    /// assert_eq!(decoder.limits(), eventstream_core::Limits::default());
    /// ```
    pub fn new() -> Self {
        Decoder::with_limits(Limits::SPEC)
    }

    /// A decoder with the given limits.
    ///
    /// ```
    /// use eventstream_core::{Decoder, Limits};
    /// let decoder = Decoder::with_limits(Limits { max_message_len: 1024, max_headers_len: 256 });
    /// assert_eq!(decoder.limits().max_headers_len, 256);
    /// ```
    pub fn with_limits(limits: Limits) -> Self {
        Decoder {
            limits,
            hasher: crc32fast::Hasher::new(),
            known_block: KnownBlock::new(),
        }
    }

    /// The limits in force.
    ///
    /// ```
    /// assert_eq!(eventstream_core::Decoder::new().limits().max_headers_len, 128 * 1024);
    /// ```
    pub const fn limits(&self) -> Limits {
        self.limits
    }

    /// Decodes the frame at the front of `input` (which starts at the first
    /// unconsumed byte); on `Complete` the caller consumes `msg.len()` bytes.
    ///
    /// ```
    /// use eventstream_core::{Decoder, Status};
    /// let frame = eventstream_core::encode_to_vec(&[], b"hello").unwrap();
    /// let mut decoder = Decoder::new();
    /// assert_eq!(decoder.decode(&frame[..15]).unwrap(), Status::Incomplete { needed: 6 });
    /// assert_eq!(decoder.decode(&frame).unwrap().complete().unwrap().payload(), b"hello");
    /// ```
    #[inline(always)]
    pub fn decode<'a>(&mut self, input: &'a [u8]) -> Result<Status<MessageRef<'a>>, Error> {
        match self.decode_prelude(input)? {
            Status::Complete(prelude) => self.decode_frame(input, prelude),
            Status::Incomplete { needed } => Ok(Status::Incomplete { needed }),
        }
    }

    /// Checks only the prelude at the front of `input`: `Complete(prelude)`
    /// once its 12 bytes are in (its [`total_len`](Prelude::total_len) is what
    /// the whole frame needs), an error at once for a bad one. For readers
    /// that fill a buffer until the frame is in, then finish it with
    /// [`decode_after_prelude`](Self::decode_after_prelude), so that each
    /// prelude is checked once however many reads the frame takes.
    ///
    /// ```
    /// use eventstream_core::{Decoder, Status};
    /// let frame = eventstream_core::encode_to_vec(&[], b"hello").unwrap();
    /// let decoder = Decoder::new();
    /// assert_eq!(decoder.decode_prelude(&frame[..5]), Ok(Status::Incomplete { needed: 7 }));
    /// let prelude = decoder.decode_prelude(&frame[..14]).unwrap().complete().unwrap();
    /// assert_eq!(prelude.total_len(), 21);
    /// ```
    #[inline(always)]
    pub fn decode_prelude(&self, input: &[u8]) -> Result<Status<Prelude>, Error> {
        let Some(prelude) = input.first_chunk::<PRELUDE_LEN>() else {
            return Ok(Status::Incomplete {
                needed: PRELUDE_LEN - input.len(),
            });
        };
        Prelude::parse_hashing(prelude, &self.limits, &mut self.hasher.clone())
            .map(Status::Complete)
    }

    /// [`decode`](Self::decode) of the frame whose prelude
    /// [`decode_prelude`](Self::decode_prelude) returned, without checking the
    /// prelude again: the header block and the message CRC. Input that does
    /// not start with that prelude's bytes is decoded in full instead, so
    /// the answer is always `decode`'s.
    ///
    /// ```
    /// use eventstream_core::{Decoder, Status};
    /// let frame = eventstream_core::encode_to_vec(&[], b"hello").unwrap();
    /// let mut decoder = Decoder::new();
    /// let prelude = decoder.decode_prelude(&frame).unwrap().complete().unwrap();
    /// assert_eq!(decoder.decode_after_prelude(&frame[..20], &prelude).unwrap(), Status::Incomplete { needed: 1 });
    /// let message = decoder.decode_after_prelude(&frame, &prelude).unwrap().complete().unwrap();
    /// assert_eq!(message.payload(), b"hello");
    /// ```
    #[inline]
    pub fn decode_after_prelude<'a>(
        &mut self,
        input: &'a [u8],
        prelude: &Prelude,
    ) -> Result<Status<MessageRef<'a>>, Error> {
        if input.first_chunk::<PRELUDE_LEN>() != Some(&prelude.to_bytes()) {
            return self.decode(input);
        }
        self.decode_frame(input, *prelude)
    }

    /// The frame at the front of `buf`, split off as an owned [`Message`]
    /// that shares `buf`'s memory (feature `bytes`). On `Incomplete` and on
    /// errors `buf` is left as it was.
    ///
    /// ```
    /// use bytes::Bytes;
    /// use eventstream_core::{Decoder, Status};
    /// let mut frames = eventstream_core::encode_to_vec(&[], b"one").unwrap();
    /// frames.extend(eventstream_core::encode_to_vec(&[], b"two").unwrap());
    /// let mut buf = Bytes::from(frames);
    /// let mut decoder = Decoder::new();
    /// let Status::Complete(first) = decoder.decode_bytes(&mut buf).unwrap() else { panic!() };
    /// assert_eq!((first.payload(), buf.len()), (Bytes::from_static(b"one"), 19));
    /// ```
    #[cfg(feature = "bytes")]
    #[cfg_attr(docsrs, doc(cfg(feature = "bytes")))]
    #[inline]
    pub fn decode_bytes(&mut self, buf: &mut Bytes) -> Result<Status<Message>, Error> {
        match self.decode_prelude(buf)? {
            Status::Complete(prelude) => self.decode_bytes_after_prelude(buf, &prelude),
            Status::Incomplete { needed } => Ok(Status::Incomplete { needed }),
        }
    }

    /// [`decode_bytes`](Self::decode_bytes) of the frame whose prelude
    /// [`decode_prelude`](Self::decode_prelude) returned, as
    /// [`decode_after_prelude`](Self::decode_after_prelude) is to `decode`.
    ///
    /// ```
    /// use bytes::Bytes;
    /// use eventstream_core::Decoder;
    /// let mut buf = Bytes::from(eventstream_core::encode_to_vec(&[], b"x").unwrap());
    /// let mut decoder = Decoder::new();
    /// let prelude = decoder.decode_prelude(&buf).unwrap().complete().unwrap();
    /// let message = decoder.decode_bytes_after_prelude(&mut buf, &prelude).unwrap().complete().unwrap();
    /// assert!(buf.is_empty() && message.len() == 17);
    /// ```
    #[cfg(feature = "bytes")]
    #[cfg_attr(docsrs, doc(cfg(feature = "bytes")))]
    #[inline]
    pub fn decode_bytes_after_prelude(
        &mut self,
        buf: &mut Bytes,
        prelude: &Prelude,
    ) -> Result<Status<Message>, Error> {
        let found = match self.decode_after_prelude(buf, prelude)? {
            Status::Complete(view) => view.found(),
            Status::Incomplete { needed } => return Ok(Status::Incomplete { needed }),
        };
        // The bytes just validated, taken off unchanged: `Bytes` is immutable.
        let frame = buf.split_to(found.prelude.total_len() as usize);
        Ok(Status::Complete(Message::verified(frame, found)))
    }

    /// Validates the frame at the front of `input`, whose prelude passed.
    #[inline(always)]
    fn decode_frame<'a>(
        &mut self,
        input: &'a [u8],
        prelude: Prelude,
    ) -> Result<Status<MessageRef<'a>>, Error> {
        let total_len = prelude.total_len() as usize;
        match input.get(..total_len) {
            Some(frame) => {
                MessageRef::validate(frame, prelude, self.hasher.clone(), &mut self.known_block)
                    .map(Status::Complete)
            }
            None => Ok(Status::Incomplete {
                needed: total_len - input.len(),
            }),
        }
    }

    /// An iterator over the frames of a complete buffer. A buffer that ends
    /// inside a frame yields [`Error::Truncated`]; after any error it ends.
    ///
    /// ```
    /// use eventstream_core::Decoder;
    /// let mut input = eventstream_core::encode_to_vec(&[], b"a").unwrap();
    /// input.extend(eventstream_core::encode_to_vec(&[], b"b").unwrap());
    /// let payloads: Result<Vec<_>, _> = Decoder::new().frames(&input).map(|m| m.map(|m| m.payload())).collect();
    /// assert_eq!(payloads.unwrap(), [b"a", b"b"]);
    /// ```
    pub fn frames<'a>(&self, input: &'a [u8]) -> Frames<'a> {
        Frames {
            decoder: self.clone(),
            rest: input,
            offset: 0,
            failed: false,
        }
    }
}

/// Iterator over the frames of a complete buffer; see [`Decoder::frames`].
///
/// ```
/// use eventstream_core::{Decoder, Error};
/// let frame = eventstream_core::encode_to_vec(&[], b"abc").unwrap();
/// let mut frames = Decoder::new().frames(&frame[..frame.len() - 1]);
/// assert_eq!(frames.next(), Some(Err(Error::Truncated { available: 18, needed: 1 })));
/// assert_eq!(frames.offset(), 0);
/// assert_eq!(frames.next(), None);
/// ```
#[derive(Debug, Clone)]
pub struct Frames<'a> {
    decoder: Decoder,
    rest: &'a [u8],
    offset: usize,
    failed: bool,
}

impl<'a> Frames<'a> {
    /// Offset in the input of the next frame: after an error, of the frame that failed.
    ///
    /// ```
    /// let frame = eventstream_core::encode_to_vec(&[], b"abc").unwrap();
    /// let mut frames = eventstream_core::Decoder::new().frames(&frame);
    /// frames.next();
    /// assert_eq!(frames.offset(), frame.len());
    /// ```
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The input not yet consumed.
    ///
    /// ```
    /// let frames = eventstream_core::Decoder::new().frames(b"xy");
    /// assert_eq!(frames.remainder(), b"xy");
    /// ```
    pub fn remainder(&self) -> &'a [u8] {
        self.rest
    }
}

impl<'a> Iterator for Frames<'a> {
    type Item = Result<MessageRef<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.rest.is_empty() {
            return None;
        }
        let result = match self.decoder.decode(self.rest) {
            Ok(Status::Complete(message)) => {
                (_, self.rest) = self.rest.split_at(message.len().min(self.rest.len()));
                self.offset += message.len();
                return Some(Ok(message));
            }
            Ok(Status::Incomplete { needed }) => Error::Truncated {
                available: self.rest.len(),
                needed,
            },
            Err(error) => error,
        };
        self.failed = true;
        Some(Err(result))
    }
}

impl core::iter::FusedIterator for Frames<'_> {}
