//! The whole-frame decoder: one contiguous buffer in, borrowed frames out.

use crate::message::{KnownBlock, MessageRef};
use crate::prelude::Prelude;
use crate::wire::PRELUDE_LEN;
use crate::{Error, Limits};

/// Whether a complete frame was available.
///
/// ```
/// use eventstream_core::{Decoder, Status};
/// assert!(matches!(Decoder::new().decode(&[0, 0]), Ok(Status::Incomplete { needed: 10 })));
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
/// Keep one decoder for a stream: it holds a CRC hasher set up once, the
/// checked prelude of a frame still arriving (so a buffer refilled between
/// calls has its prelude checked once), and the last header block of up to
/// 128 bytes that passed validation. Every event of one type in a stream
/// carries byte-identical headers, so a frame whose block equals that one
/// skips the header walk (a fresh decoder gives the same answer for every
/// frame, only slower).
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
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
    /// The checked prelude of the frame at the front of the input, while
    /// that frame is incomplete.
    pending: Option<Prelude>,
}

/// What is at the front of a decoder's input.
enum Front<'a> {
    /// A whole frame, exactly its prelude's length, the prelude checked.
    Frame(Prelude, &'a [u8]),
    /// This many more bytes before a whole frame is there.
    Needs(usize),
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder::new()
    }
}

impl Decoder {
    /// A decoder with the spec's limits.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// let frame = eventstream_core::encode_to_vec(&[], b"x").unwrap();
    /// assert!(eventstream_core::Decoder::new().decode(&frame).is_ok());
    /// ```
    pub fn new() -> Self {
        Decoder::with_limits(Limits::default())
    }

    /// A decoder with the given limits.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// use eventstream_core::{Decoder, Limits};
    /// let mut decoder = Decoder::with_limits(Limits { max_message_len: 1024, max_headers_len: 256 });
    /// let frame = eventstream_core::encode_to_vec(&[], &[0; 1024]).unwrap();
    /// assert!(matches!(decoder.decode(&frame), Err(eventstream_core::Error::MessageTooLong { max: 1024, .. })));
    /// ```
    pub fn with_limits(limits: Limits) -> Self {
        Decoder {
            limits,
            hasher: crc32fast::Hasher::new(),
            known_block: KnownBlock::new(),
            pending: None,
        }
    }

    /// Decodes the frame at the front of `input` (which starts at the first
    /// unconsumed byte); on `Complete` the caller consumes `msg.len()` bytes.
    ///
    /// The prelude is checked once, as soon as its 12 bytes are in: while
    /// the rest of the frame is arriving, the decoder keeps it, and a later
    /// call whose input starts with the same 12 bytes is not checked again.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// use eventstream_core::{Decoder, Status};
    /// let frame = eventstream_core::encode_to_vec(&[], b"hello").unwrap();
    /// let mut decoder = Decoder::new();
    /// assert_eq!(decoder.decode(&frame[..15]).unwrap(), Status::Incomplete { needed: 6 });
    /// assert_eq!(decoder.decode(&frame).unwrap().complete().unwrap().payload(), b"hello");
    /// ```
    #[inline(always)]
    pub fn decode<'a>(&mut self, input: &'a [u8]) -> Result<Status<MessageRef<'a>>, Error> {
        let crc32 = self.own_crc32();
        self.decode_with_crc(input, crc32)
    }

    /// The message CRC as `decode` computes it: this crate's hasher, fresh.
    #[inline(always)]
    pub(crate) fn own_crc32(&self) -> impl FnOnce(&[u8]) -> u32 + use<> {
        let mut hasher = self.hasher.clone();
        move |covered| {
            hasher.update(covered);
            hasher.finalize()
        }
    }

    /// [`decode`](Self::decode), with the message CRC computed by `crc32`:
    /// for hosts with a faster CRC-32 than this crate's portable one, such
    /// as WebAssembly under Node.js, whose zlib has one. `crc32` is called
    /// at most once, on every byte of the frame but the last 4, and must
    /// return their CRC-32 (IEEE, as `crc32fast::hash`); every other check
    /// is the decoder's own.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// use eventstream_core::{Decoder, Error};
    /// let frame = eventstream_core::encode_to_vec(&[], b"hello").unwrap();
    /// let mut decoder = Decoder::new();
    /// assert!(decoder.decode_with_crc(&frame, crc32fast::hash).is_ok());
    /// let wrong = decoder.decode_with_crc(&frame, |_| 0);
    /// assert!(matches!(wrong, Err(Error::MessageChecksum { computed: 0, .. })));
    /// ```
    #[inline(always)]
    pub fn decode_with_crc<'a>(
        &mut self,
        input: &'a [u8],
        crc32: impl FnOnce(&[u8]) -> u32,
    ) -> Result<Status<MessageRef<'a>>, Error> {
        match self.front(input)? {
            Front::Frame(prelude, frame) => {
                MessageRef::validate(frame, prelude, crc32, &mut self.known_block)
                    .map(Status::Complete)
            }
            Front::Needs(needed) => Ok(Status::Incomplete { needed }),
        }
    }

    /// Bytes still needed before a whole frame is at the front of `input`:
    /// 0 once it is there. What a buffer that fills from pieces asks before
    /// it decodes, and how much it should read next. The prelude is checked
    /// as soon as its 12 bytes are in, and then kept, as by
    /// [`decode`](Self::decode): neither call checks it again.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// let frame = eventstream_core::encode_to_vec(&[], b"hello").unwrap();
    /// let mut decoder = eventstream_core::Decoder::new();
    /// assert_eq!(decoder.needed(&frame[..5]).unwrap(), 7);
    /// assert_eq!(decoder.needed(&frame[..15]).unwrap(), 6);
    /// assert_eq!(decoder.needed(&frame).unwrap(), 0);
    /// let mut corrupt = frame.clone();
    /// corrupt[0] ^= 1;
    /// assert!(eventstream_core::Decoder::new().needed(&corrupt[..12]).is_err());
    /// ```
    pub fn needed(&mut self, input: &[u8]) -> Result<usize, Error> {
        Ok(match self.front(input)? {
            Front::Frame(prelude, _) => {
                self.pending = Some(prelude);
                0
            }
            Front::Needs(needed) => needed,
        })
    }

    /// The frame at the front of `input` with its checked prelude, or how
    /// many more bytes it needs: the one place the prelude is checked, and
    /// kept while its frame is incomplete.
    #[inline(always)]
    fn front<'a>(&mut self, input: &'a [u8]) -> Result<Front<'a>, Error> {
        let Some(head) = input.first_chunk::<PRELUDE_LEN>() else {
            return Ok(Front::Needs(PRELUDE_LEN - input.len()));
        };
        let prelude = match self.pending.take() {
            Some(prelude) if *head == prelude.to_bytes() => prelude,
            _ => Prelude::parse_hashing(head, &self.limits, &mut self.hasher.clone())?,
        };
        let total_len = prelude.total_len() as usize;
        match input.get(..total_len) {
            Some(frame) => Ok(Front::Frame(prelude, frame)),
            None => {
                self.pending = Some(prelude);
                Ok(Front::Needs(total_len - input.len()))
            }
        }
    }

    /// The prelude of the frame the decoder is waiting for: checked, and
    /// kept since the last call said `Incomplete` with its 12 bytes in (or
    /// [`needed`](Self::needed) said 0).
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// let frame = eventstream_core::encode_to_vec(&[], b"hello").unwrap();
    /// let mut decoder = eventstream_core::Decoder::new();
    /// assert!(decoder.decode(&frame[..14]).unwrap().complete().is_none());
    /// assert_eq!(decoder.pending().unwrap().total_len(), 21);
    /// ```
    pub fn pending(&self) -> Option<Prelude> {
        self.pending
    }
}
