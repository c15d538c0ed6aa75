//! A decoded frame: a validated view borrowing the input.

use crate::header::{Headers, Proven, ProvenBuf};
use crate::kind::KindHint;
use crate::kind::{MessageKind, kind_of};
use crate::prelude::Prelude;
use crate::wire::{PRELUDE_LEN, TRAILER_LEN};
use crate::{Error, HeaderValue};
use core::fmt;

/// One validated frame, borrowed from the input: nothing is copied or allocated.
///
/// Both CRCs passed and every header was checked before this view exists, so
/// its accessors cannot fail.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::{Decoder, Header, HeaderValue, Status};
///
/// let frame = eventstream_core::encode_to_vec(&[Header::new(":event-type", HeaderValue::String("Stats"))], b"{}").unwrap();
/// let Status::Complete(msg) = Decoder::new().decode(&frame).unwrap() else { unreachable!() };
/// assert_eq!(msg.len(), frame.len());
/// assert_eq!(msg.header(":event-type"), Some(HeaderValue::String("Stats")));
/// assert_eq!(msg.payload(), b"{}");
/// ```
#[derive(Clone, Copy)]
pub struct MessageRef<'a> {
    /// The whole frame: exactly its prelude's `total_len` bytes, both CRCs checked.
    frame: &'a [u8],
    /// Its header block, `frame[PRELUDE_LEN..][..block.len()]`, proven.
    /// The prelude, the payload and the message CRC are cut from `frame`
    /// when asked for: a small view is cheaper to hand around than one
    /// that carries every part.
    block: Proven<'a>,
    /// Where the event type is, when the decoder knew the block.
    kind_hint: KindHint,
}

impl<'a> MessageRef<'a> {
    /// Validates a whole frame (exactly `prelude.total_len()` bytes) whose
    /// prelude has passed. Errors are reported in wire order, as the streaming
    /// decoder must: the header block, then the message CRC. No view exists
    /// until both pass. `crc32` computes the message CRC in one pass over
    /// the frame from its first byte rather than as a continuation of the
    /// prelude check's state, so the two CRCs are independent computations
    /// the CPU overlaps (measured faster, though 8 bytes are hashed twice).
    /// `known` lets a header block equal to the last one skip the walk.
    #[inline(always)]
    pub(crate) fn validate(
        frame: &'a [u8],
        prelude: Prelude,
        crc32: impl FnOnce(&[u8]) -> u32,
        known: &mut KnownBlock,
    ) -> Result<Self, Error> {
        let layout = Layout::of(frame, prelude)?;
        let (block, kind_hint) = known.validate(layout.block)?;
        check_message_crc(
            crc32(layout.covered),
            layout.message_crc,
            layout.covered.len(),
        )?;
        Ok(MessageRef {
            frame,
            block,
            kind_hint,
        })
    }

    /// A view of an owned frame this crate verified and found `found` in:
    /// nothing is walked or hashed again. The prelude's own checks put the
    /// parts in bounds.
    #[cfg(feature = "bytes")]
    #[inline]
    pub(crate) fn from_proven_frame(frame: &'a crate::header::ProvenFrame, found: Found) -> Self {
        MessageRef {
            frame: frame.bytes(),
            block: frame.proven(),
            kind_hint: found.kind_hint,
        }
    }

    /// What decoding found in this frame, for an owned message to keep.
    #[cfg(feature = "bytes")]
    #[inline]
    pub(crate) fn found(&self) -> Found {
        Found {
            prelude: self.prelude(),
            kind_hint: self.kind_hint,
        }
    }

    /// The proof of the header block.
    #[cfg(feature = "bytes")]
    #[inline(always)]
    pub(crate) fn proven_block(&self) -> Proven<'a> {
        self.block
    }

    /// Where the event type is, if the decoder knew the block.
    #[inline(always)]
    pub(crate) fn kind_hint(&self) -> KindHint {
        self.kind_hint
    }

    /// Bytes in the whole frame, prelude and message CRC included: what the
    /// caller consumes from its input.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// # use eventstream_core::{Decoder, Status};
    /// # let frame = eventstream_core::encode_to_vec(&[], b"abc").unwrap();
    /// # let Status::Complete(msg) = Decoder::new().decode(&frame).unwrap() else { unreachable!() };
    /// assert_eq!(msg.len(), 16 + 3);
    /// ```
    #[allow(clippy::len_without_is_empty)] // a frame is never empty: 16 bytes at least
    #[inline]
    pub fn len(&self) -> usize {
        self.frame.len()
    }

    /// The whole frame as it was on the wire.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// # use eventstream_core::{Decoder, Status};
    /// # let frame = eventstream_core::encode_to_vec(&[], b"abc").unwrap();
    /// # let Status::Complete(msg) = Decoder::new().decode(&frame).unwrap() else { unreachable!() };
    /// assert_eq!(msg.as_bytes(), &frame[..]);
    /// ```
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.frame
    }

    /// The validated prelude: lengths and prelude CRC.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// # use eventstream_core::{Decoder, Status};
    /// # let frame = eventstream_core::encode_to_vec(&[], b"abc").unwrap();
    /// # let Status::Complete(msg) = Decoder::new().decode(&frame).unwrap() else { unreachable!() };
    /// assert_eq!(msg.prelude().payload_len(), 3);
    /// ```
    #[inline]
    pub fn prelude(&self) -> Prelude {
        let crc = self
            .frame
            .get(8..PRELUDE_LEN)
            .and_then(|crc| crc.first_chunk());
        Prelude::verified(
            self.frame.len() as u32,
            self.block.bytes().len() as u32,
            crc.map_or(0, |crc| u32::from_be_bytes(*crc)),
        )
    }

    /// The message CRC stored in the last 4 bytes (already checked).
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// # use eventstream_core::{Decoder, Status};
    /// # let frame = eventstream_core::encode_to_vec(&[], b"abc").unwrap();
    /// # let Status::Complete(msg) = Decoder::new().decode(&frame).unwrap() else { unreachable!() };
    /// assert_eq!(msg.message_crc(), crc32fast::hash(&frame[..frame.len() - 4]));
    /// ```
    #[inline]
    pub fn message_crc(&self) -> u32 {
        self.frame
            .last_chunk::<TRAILER_LEN>()
            .map_or(0, |crc| u32::from_be_bytes(*crc))
    }

    /// The headers, in wire order. Iterating cannot fail: the block was validated at decode.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// # use eventstream_core::{Decoder, Header, HeaderValue, Status};
    /// # let frame = eventstream_core::encode_to_vec(&[Header::new("n", HeaderValue::Int16(3))], b"").unwrap();
    /// # let Status::Complete(msg) = Decoder::new().decode(&frame).unwrap() else { unreachable!() };
    /// assert_eq!(msg.headers().next(), Some(Header::new("n", HeaderValue::Int16(3))));
    /// ```
    #[inline]
    pub fn headers(&self) -> Headers<'a> {
        Headers::new(self.block)
    }

    /// The value of the first header called `name` (header order carries no
    /// meaning on the wire, and duplicates resolve to the first).
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// # use eventstream_core::{Decoder, Header, HeaderValue, Status};
    /// # let frame = eventstream_core::encode_to_vec(&[Header::new("n", HeaderValue::Int16(3))], b"").unwrap();
    /// # let Status::Complete(msg) = Decoder::new().decode(&frame).unwrap() else { unreachable!() };
    /// assert_eq!(msg.header("n"), Some(HeaderValue::Int16(3)));
    /// assert_eq!(msg.header("missing"), None);
    /// ```
    #[inline]
    pub fn header(&self, name: &str) -> Option<HeaderValue<'a>> {
        self.headers().get(name)
    }

    /// The raw header block (`headers_len` bytes after the prelude).
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// # use eventstream_core::{Decoder, Header, HeaderValue, Status};
    /// # let frame = eventstream_core::encode_to_vec(&[Header::new("n", HeaderValue::Bool(true))], b"").unwrap();
    /// # let Status::Complete(msg) = Decoder::new().decode(&frame).unwrap() else { unreachable!() };
    /// assert_eq!(msg.header_block(), &[1, b'n', 0]);
    /// ```
    #[inline]
    pub fn header_block(&self) -> &'a [u8] {
        self.block.bytes()
    }

    /// The payload: the bytes between the header block and the message CRC.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// # use eventstream_core::{Decoder, Status};
    /// # let frame = eventstream_core::encode_to_vec(&[], b"abc").unwrap();
    /// # let Status::Complete(msg) = Decoder::new().decode(&frame).unwrap() else { unreachable!() };
    /// assert_eq!(msg.payload(), b"abc");
    /// ```
    #[inline]
    pub fn payload(&self) -> &'a [u8] {
        let range = payload_range(self.frame.len(), self.block.bytes().len());
        self.frame.get(range).unwrap_or_default()
    }
}

impl<'a> MessageRef<'a> {
    /// What kind of message this frame is: an [`Event`](MessageKind::Event)
    /// by its `:event-type`, an [`Exception`](MessageKind::Exception) by its
    /// `:exception-type`, an [`Error`](MessageKind::Error) by its
    /// `:error-code`. A frame that fits none of them is an error naming the
    /// header that is missing or of the wrong type, or the `:message-type`
    /// that is unknown.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// use eventstream_core::{Decoder, Error, Header, HeaderValue, MessageKind};
    /// let frame = eventstream_core::encode_to_vec(&[Header::new(":event-type", HeaderValue::String("chunk"))], b"{}").unwrap();
    /// let message = Decoder::new().decode(&frame).unwrap().complete().unwrap();
    /// assert_eq!(message.kind(), Ok(MessageKind::Event { event_type: "chunk" }));
    ///
    /// let frame = eventstream_core::encode_to_vec(&[Header::new(":message-type", HeaderValue::String("error"))], b"").unwrap();
    /// let message = Decoder::new().decode(&frame).unwrap().complete().unwrap();
    /// assert_eq!(message.kind(), Err(Error::MissingHeader { name: ":error-code" }));
    /// ```
    #[inline]
    pub fn kind(&self) -> Result<MessageKind<'a>, Error> {
        if let Some(event_type) = self.known_event_type() {
            // Text the validator proved; made `&str` again safely (it is short).
            if let Ok(event_type) = core::str::from_utf8(event_type) {
                return Ok(MessageKind::Event { event_type });
            }
        }
        kind_of(self.headers()).map(|(kind, _)| kind)
    }

    /// The event type's bytes, when the decoder knew this frame's header
    /// block and it is an event's: for a dispatch that compares it with the
    /// types it knows, without a walk or a `&str`.
    #[inline]
    pub(crate) fn known_event_type(&self) -> Option<&'a [u8]> {
        self.kind_hint().event_type(self.header_block())
    }
}

/// Two views are equal when their frames' bytes are: all else is cut from them.
impl PartialEq for MessageRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.frame == other.frame
    }
}

impl Eq for MessageRef<'_> {}

impl core::hash::Hash for MessageRef<'_> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.frame.hash(state);
    }
}

impl fmt::Debug for MessageRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MessageRef")
            .field("len", &self.len())
            .field("headers", &self.headers())
            .field("payload_len", &self.payload().len())
            .finish()
    }
}

/// The decoder's memo: the last header block validated, if it is at most
/// 128 bytes (AWS events' three headers take about 90), and, once the block
/// came again, where its event type is (see [`KindHint`]).
#[derive(Debug, Clone)]
pub(crate) struct KnownBlock {
    block: ProvenBuf<128>,
    /// The block's kind hint, found at the first repeat: a stream whose
    /// blocks never repeat pays no walk for it.
    hint: Option<KindHint>,
}

impl KnownBlock {
    pub(crate) const fn new() -> Self {
        KnownBlock {
            block: ProvenBuf::new(),
            hint: None,
        }
    }

    /// The proof of a frame's header block, validated unless it repeats the
    /// last one, and its kind hint (empty for a block seen once).
    #[inline(always)]
    pub(crate) fn validate<'a>(
        &mut self,
        block: &'a [u8],
    ) -> Result<(Proven<'a>, KindHint), Error> {
        if let Some(proven) = self.block.recall(block) {
            let hint = *self
                .hint
                .get_or_insert_with(|| KindHint::of(Headers::new(proven)));
            return Ok((proven, hint));
        }
        let proven = Proven::validate(block, PRELUDE_LEN)?;
        if self.block.remember(proven) {
            self.hint = None;
        }
        Ok((proven, KindHint::NONE))
    }
}

/// What decoding found in a frame besides its bytes: what an owned
/// [`Message`](crate::Message) keeps so that its views check nothing again.
#[cfg(feature = "bytes")]
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    pub(crate) prelude: Prelude,
    pub(crate) kind_hint: KindHint,
}

/// The frame layout: where the header block, the payload and the message
/// CRC of a frame are. The one place that cuts a frame into its parts.
#[derive(Clone, Copy)]
struct Layout<'a> {
    /// Everything the message CRC covers: all but the last 4 bytes.
    covered: &'a [u8],
    block: &'a [u8],
    message_crc: u32,
}

impl<'a> Layout<'a> {
    /// Cuts `frame`, which must be exactly `prelude.total_len()` bytes; the
    /// prelude's own checks guarantee the parts fit.
    #[inline(always)]
    fn of(frame: &'a [u8], prelude: Prelude) -> Result<Self, Error> {
        let total_len = prelude.total_len() as usize;
        let parts = frame
            .split_last_chunk::<TRAILER_LEN>()
            .and_then(|(covered, crc)| {
                let (_, rest) = covered.split_at_checked(PRELUDE_LEN)?;
                let (block, _payload) = rest.split_at_checked(prelude.headers_len() as usize)?;
                Some((covered, block, u32::from_be_bytes(*crc)))
            });
        match parts {
            Some((covered, block, message_crc)) if frame.len() == total_len => Ok(Layout {
                covered,
                block,
                message_crc,
            }),
            _ => Err(Error::Truncated {
                available: frame.len(),
                needed: total_len.saturating_sub(frame.len()),
            }),
        }
    }
}

/// Where the payload lies in a verified frame of `frame_len` bytes whose
/// header block is `headers_len` bytes: between the block and the message
/// CRC. The one definition, for borrowed and owned messages alike.
#[inline(always)]
pub(crate) fn payload_range(frame_len: usize, headers_len: usize) -> core::ops::Range<usize> {
    PRELUDE_LEN + headers_len..frame_len.saturating_sub(TRAILER_LEN)
}

/// Compares the computed message CRC with the one on the wire.
#[inline]
pub(crate) fn check_message_crc(computed: u32, on_wire: u32, offset: usize) -> Result<(), Error> {
    if computed != on_wire {
        return Err(Error::MessageChecksum {
            computed,
            on_wire,
            offset,
        });
    }
    Ok(())
}
