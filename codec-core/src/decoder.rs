//! The whole-frame decoder: one contiguous buffer in, borrowed frames out.

use crate::known_block::KnownBlock;
use crate::prelude::{PRELUDE_LEN, Prelude};
use crate::{Error, Limits, MessageRef};

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
    #[inline]
    pub fn decode<'a>(&mut self, input: &'a [u8]) -> Result<Status<MessageRef<'a>>, Error> {
        let Some(prelude) = input.first_chunk::<PRELUDE_LEN>() else {
            return Ok(Status::Incomplete {
                needed: PRELUDE_LEN - input.len(),
            });
        };
        let prelude = Prelude::parse_hashing(prelude, &self.limits, &mut self.hasher.clone())?;
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

    /// Checks only the prelude and says whether the whole frame is in `input`:
    /// `Complete(total_len)` or `Incomplete { needed }`. For readers that fill
    /// a buffer until a frame is complete, then [`decode`](Self::decode) it.
    ///
    /// ```
    /// use eventstream_core::{Decoder, Status};
    /// let frame = eventstream_core::encode_to_vec(&[], b"hello").unwrap();
    /// let mut decoder = Decoder::new();
    /// assert_eq!(decoder.frame_len(&frame[..14]), Ok(Status::Incomplete { needed: 7 }));
    /// assert_eq!(decoder.frame_len(&frame), Ok(Status::Complete(21)));
    /// ```
    #[inline]
    pub fn frame_len(&mut self, input: &[u8]) -> Result<Status<usize>, Error> {
        let Some(prelude) = input.first_chunk::<PRELUDE_LEN>() else {
            return Ok(Status::Incomplete {
                needed: PRELUDE_LEN - input.len(),
            });
        };
        let mut hasher = self.hasher.clone();
        let total_len =
            Prelude::parse_hashing(prelude, &self.limits, &mut hasher)?.total_len() as usize;
        Ok(match input.len().checked_sub(total_len) {
            Some(_) => Status::Complete(total_len),
            None => Status::Incomplete {
                needed: total_len - input.len(),
            },
        })
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
                self.rest = self.rest.get(message.len()..).unwrap_or_default();
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
