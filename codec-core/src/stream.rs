//! The streaming decoder: frames of any size in fixed memory, input chunks of
//! any size, payload handed out as borrowed slices of the caller's chunks.
//!
//! Use [`Decoder`](crate::Decoder) when whole frames fit in a buffer (the
//! common case: it is simpler and hands out complete, verified frames). Use
//! [`StreamDecoder`] when they may not: embedded targets with a few KiB of
//! RAM, or proxies forwarding payloads of many MiB without holding them.

use crate::header::{Headers, ProvenBuf};
use crate::message::check_message_crc;
use crate::prelude::Prelude;
use crate::wire::{PRELUDE_LEN, TRAILER_LEN};
use crate::{Error, Limits};

/// What the streaming decoder saw, in wire order, per frame:
/// `Prelude`, `Headers`, zero or more `Payload` segments, `End`.
///
/// Events borrow only the input chunk, never the decoder: payload segments
/// can be kept until `End` while the decoder goes on.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::{Event, StreamDecoder};
///
/// let frame = eventstream_core::encode_to_vec(&[], b"hi").unwrap();
/// let mut decoder = StreamDecoder::<64>::new();
/// let (_, event) = decoder.decode(&frame).unwrap();
/// assert!(matches!(event, Some(Event::Prelude(p)) if p.payload_len() == 2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event<'input> {
    /// The 12-byte prelude passed: lengths and prelude CRC are valid.
    Prelude(Prelude),
    /// The whole header block arrived and is valid: read it with
    /// [`StreamDecoder::headers`] until the next frame begins.
    Headers,
    /// A slice of the payload, borrowed from the input chunk, never copied.
    ///
    /// **Unverified**: the message CRC is checked only at [`Event::End`].
    /// Act on payload bytes only once `End` arrives, or be ready to undo.
    Payload(&'input [u8]),
    /// The message CRC matched: the frame's headers and payload are verified.
    End {
        /// The message CRC from the wire.
        message_crc: u32,
    },
}

/// Where the decoder is within a frame. Small, as it is matched on every
/// call: the frame's prelude and an error are fields of the decoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before a frame, or inside its 12-byte prelude.
    Prelude,
    /// The prelude passed; the header block is arriving.
    Headers,
    /// The header block passed; `left` payload bytes to go.
    Payload { left: u32 },
    /// Inside the 4-byte message CRC.
    Trailer,
}

/// A push decoder in fixed memory: the 12-byte prelude, a header buffer of
/// `HEADER_CAPACITY` bytes, the running CRC and a few counters. No allocation.
/// The default capacity, 2 KiB, is far above what the AWS services send
/// (about 100 bytes) and small enough for embedded RAM.
///
/// Feed it input chunks of any size, down to one byte. Each call consumes
/// input up to the next [`Event`] and says how many bytes it took; `None`
/// means it took the whole chunk and needs more. Validation is the same as
/// [`Decoder`](crate::Decoder)'s, with the same [`Error`] values, reported at
/// the earliest byte that shows them. After an error it stays failed (a
/// stream resumes only with a new decoder, at a frame boundary the caller
/// knows). A stream may end cleanly only after an
/// [`Event::End`] (or before any byte): that is the caller's to check.
///
/// After each event, call again with the rest of the same chunk
/// (`&chunk[used..]`, here or copied elsewhere), and with the next chunk
/// once one is used up. A frame whose bytes all arrive in one chunk is
/// hashed there once, when its prelude is read, as the `Decoder` hashes it;
/// its [`Event::End`] vouches for the bytes that chunk held, so the rest
/// passed afterwards must be those bytes.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::{Event, Header, HeaderValue, StreamDecoder};
///
/// let frame = eventstream_core::encode_to_vec(&[Header::new(":event-type", HeaderValue::String("Chunk"))], b"payload").unwrap();
/// let mut decoder = StreamDecoder::<256>::new();
/// let (mut payload, mut ended) = (Vec::new(), false);
/// for chunk in frame.chunks(3) {
///     let mut rest = chunk;
///     loop {
///         let (used, event) = decoder.decode(rest)?;
///         rest = &rest[used..];
///         match event {
///             None => break,
///             Some(Event::Headers) => assert_eq!(decoder.headers().unwrap().next().unwrap().name, ":event-type"),
///             Some(Event::Payload(segment)) => payload.extend_from_slice(segment),
///             Some(Event::End { .. }) => ended = true,
///             Some(Event::Prelude(_)) => ended = false,
///         }
///     }
/// }
/// assert!(ended, "the input ends between frames");
/// assert_eq!(payload, b"payload");
/// # Ok::<(), eventstream_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct StreamDecoder<const HEADER_CAPACITY: usize = 2048> {
    limits: Limits,
    state: State,
    /// The current frame's prelude, once it passed (from `Headers` to `Trailer`).
    prelude: Prelude,
    /// What stopped the decoder: it answers with it until `reset`.
    error: Option<Error>,
    /// A fresh hasher, cloned per frame: CPU feature detection happens once.
    fresh: crc32fast::Hasher,
    /// The running message CRC of the current frame.
    hasher: crc32fast::Hasher,
    /// The frame came whole in one input, and `hasher` already covers all
    /// of it: its pieces are not hashed again as they are handed out.
    frame_hashed: bool,
    /// The current frame's prelude bytes, then its trailer's.
    small: [u8; PRELUDE_LEN],
    small_len: usize,
    /// The current frame's header block, `headers_filled` bytes of it in;
    /// also the memo of the last block validated: a block equal to the
    /// last one arrives over the same bytes, and is not validated again.
    headers: ProvenBuf<HEADER_CAPACITY>,
    headers_filled: usize,
}

impl<const HEADER_CAPACITY: usize> Default for StreamDecoder<HEADER_CAPACITY> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const HEADER_CAPACITY: usize> StreamDecoder<HEADER_CAPACITY> {
    /// A decoder with the spec's limits (header blocks beyond `HEADER_CAPACITY`
    /// are still refused, with [`Error::HeadersExceedCapacity`]).
    ///
    /// ```
    /// let decoder = eventstream_core::StreamDecoder::<512>::new();
    /// assert!(decoder.headers().is_none());
    /// ```
    pub fn new() -> Self {
        Self::with_limits(Limits::default())
    }

    /// A decoder with the given limits.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// use eventstream_core::{Limits, StreamDecoder};
    /// let mut decoder = StreamDecoder::<512>::with_limits(Limits { max_message_len: 1024, max_headers_len: 512 });
    /// let frame = eventstream_core::encode_to_vec(&[], &[0; 1024]).unwrap();
    /// assert!(matches!(decoder.decode(&frame), Err(eventstream_core::Error::MessageTooLong { max: 1024, .. })));
    /// ```
    pub fn with_limits(limits: Limits) -> Self {
        let fresh = crc32fast::Hasher::new();
        StreamDecoder {
            limits,
            state: State::Prelude,
            prelude: Prelude::EMPTY,
            error: None,
            hasher: fresh.clone(),
            frame_hashed: false,
            fresh,
            small: [0; PRELUDE_LEN],
            small_len: 0,
            headers: ProvenBuf::new(),
            headers_filled: 0,
        }
    }

    /// The headers of the current frame, once [`Event::Headers`] said they
    /// arrived and are valid, until the next frame's prelude; `None` before.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// use eventstream_core::{Event, Header, HeaderValue, StreamDecoder};
    /// let frame = eventstream_core::encode_to_vec(&[Header::new("n", HeaderValue::Int32(7))], b"").unwrap();
    /// let mut decoder = StreamDecoder::<64>::new();
    /// let (used, _) = decoder.decode(&frame).unwrap(); // the prelude
    /// assert!(decoder.headers().is_none());
    /// let (_, event) = decoder.decode(&frame[used..]).unwrap();
    /// assert_eq!(event, Some(Event::Headers));
    /// let header = decoder.headers().unwrap().next().unwrap();
    /// assert_eq!((header.name, header.value), ("n", HeaderValue::Int32(7)));
    /// ```
    pub fn headers(&self) -> Option<Headers<'_>> {
        match self.state {
            _ if self.error.is_some() => None,
            State::Payload { .. } | State::Trailer => {
                // The block in the buffer passed validation for this frame.
                Some(Headers::new(self.headers.proven()?))
            }
            _ => None,
        }
    }

    /// Consumes `input` up to the next event. Returns the bytes consumed and
    /// the event; `None` means all of `input` was consumed and more is needed.
    /// Call again with the rest of the chunk (the same bytes) after every
    /// event.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// use eventstream_core::{Event, StreamDecoder};
    /// let frame = eventstream_core::encode_to_vec(&[], b"xyz").unwrap();
    /// let mut decoder = StreamDecoder::<64>::new();
    /// let (used, event) = decoder.decode(&frame[..5]).unwrap();
    /// assert_eq!((used, event.is_none()), (5, true));
    /// let (used, event) = decoder.decode(&frame[5..]).unwrap();
    /// assert_eq!(used, 7);
    /// assert!(matches!(event, Some(Event::Prelude(_))));
    /// ```
    #[inline]
    pub fn decode<'input>(
        &mut self,
        input: &'input [u8],
    ) -> Result<(usize, Option<Event<'input>>), Error> {
        if let Some(error) = self.error {
            return Err(error);
        }
        match self.state {
            State::Prelude => self.read_prelude(input),
            State::Headers => self.read_headers(input),
            State::Payload { left } => self.read_payload(input, left),
            State::Trailer => self.read_trailer(input),
        }
    }

    /// [`decode`](Self::decode) between frames: the prelude, once its 12 bytes are in.
    #[inline(always)]
    fn read_prelude<'input>(
        &mut self,
        input: &'input [u8],
    ) -> Result<(usize, Option<Event<'input>>), Error> {
        let mut rest = input;
        let Some(prelude) = self.take_small::<PRELUDE_LEN>(&mut rest) else {
            return Ok((input.len(), None));
        };
        // Taken whole from `input`, the prelude starts it, and so may the frame.
        let frame_start = (rest.len() + PRELUDE_LEN == input.len()).then_some(input);
        let prelude = self.start_frame(prelude, frame_start)?;
        Ok((input.len() - rest.len(), Some(Event::Prelude(prelude))))
    }

    /// [`decode`](Self::decode) in the header block: buffered until whole,
    /// then validated.
    #[inline(always)]
    fn read_headers<'input>(
        &mut self,
        input: &'input [u8],
    ) -> Result<(usize, Option<Event<'input>>), Error> {
        let headers_len = self.prelude.headers_len() as usize;
        let filled = self.headers_filled;
        let (chunk, after) = input.split_at((headers_len - filled).min(input.len()));
        // start_frame readied the buffer for headers_len bytes: the chunk fits.
        if !self.headers.fill(filled, chunk) {
            return self.fail(self.capacity_error(headers_len));
        }
        self.headers_filled += chunk.len();
        self.hash(chunk);
        if self.headers_filled < headers_len {
            return Ok((input.len(), None));
        }
        if let Err(error) = self.headers.check(PRELUDE_LEN) {
            return self.fail(error);
        }
        let left = self.prelude.payload_len();
        self.state = State::Payload { left };
        Ok((input.len() - after.len(), Some(Event::Headers)))
    }

    /// [`decode`](Self::decode) in the payload: as much of it as `input` holds.
    #[inline(always)]
    fn read_payload<'input>(
        &mut self,
        input: &'input [u8],
        left: u32,
    ) -> Result<(usize, Option<Event<'input>>), Error> {
        if left == 0 {
            self.state = State::Trailer;
            return self.read_trailer(input);
        }
        if input.is_empty() {
            return Ok((0, None));
        }
        let (segment, _) = input.split_at(input.len().min(left as usize));
        self.hash(segment);
        self.state = State::Payload {
            left: left - segment.len() as u32,
        };
        Ok((segment.len(), Some(Event::Payload(segment))))
    }

    /// [`decode`](Self::decode) at the message CRC: checked once its 4 bytes are in.
    #[inline(always)]
    fn read_trailer<'input>(
        &mut self,
        input: &'input [u8],
    ) -> Result<(usize, Option<Event<'input>>), Error> {
        let mut rest = input;
        let Some(trailer) = self.take_small::<TRAILER_LEN>(&mut rest) else {
            return Ok((input.len(), None));
        };
        let offset = self.prelude.total_len() as usize - TRAILER_LEN;
        let message_crc = self.end_frame(u32::from_be_bytes(trailer), offset)?;
        Ok((input.len() - rest.len(), Some(Event::End { message_crc })))
    }

    /// The next `N` bytes (a prelude or a trailer), taken from `rest` and
    /// what earlier calls buffered; `None` when `rest` ran out first, all of
    /// it buffered. Taken straight from `rest` when it holds them all.
    #[inline]
    fn take_small<const N: usize>(&mut self, rest: &mut &[u8]) -> Option<[u8; N]> {
        if self.small_len == 0 {
            if let Some((bytes, after)) = rest.split_first_chunk::<N>() {
                *rest = after;
                return Some(*bytes);
            }
        }
        let take = N.saturating_sub(self.small_len).min(rest.len());
        let (head, after) = rest.split_at(take);
        *rest = after;
        let buffered = self.small.get_mut(self.small_len..self.small_len + take)?;
        buffered.copy_from_slice(head);
        self.small_len += take;
        if self.small_len < N {
            return None;
        }
        self.small_len = 0;
        self.small.first_chunk::<N>().copied()
    }

    /// Adds a piece of the frame to the running CRC, unless the whole
    /// frame was hashed at its prelude.
    #[inline(always)]
    fn hash(&mut self, piece: &[u8]) {
        if !self.frame_hashed {
            self.hasher.update(piece);
        }
    }

    /// Validates a frame's prelude and sets up the frame. When `frame_start`
    /// (the input the prelude began) holds the whole frame, the CRC covers
    /// it at once: one hash call instead of one per piece, as the
    /// [`Decoder`](crate::Decoder) makes.
    #[inline(always)]
    fn start_frame(
        &mut self,
        bytes: [u8; PRELUDE_LEN],
        frame_start: Option<&[u8]>,
    ) -> Result<Prelude, Error> {
        let mut hasher = self.fresh.clone();
        let prelude = match Prelude::parse_hashing(&bytes, &self.limits, &mut hasher) {
            Ok(prelude) => prelude,
            Err(error) => return self.fail(error),
        };
        let headers_len = prelude.headers_len() as usize;
        if !self.headers.begin(headers_len) {
            return self.fail(self.capacity_error(headers_len));
        }
        let total_len = prelude.total_len() as usize;
        // The whole frame hashed from its first byte, not on from the
        // prelude's CRC: the two hashes do not wait on each other.
        let covered = frame_start.and_then(|input| input.get(..total_len - TRAILER_LEN));
        match covered {
            Some(covered) => {
                hasher = self.fresh.clone();
                hasher.update(covered);
            }
            None => hasher.update(&bytes[PRELUDE_LEN - 4..]),
        }
        self.frame_hashed = covered.is_some();
        self.hasher = hasher;
        self.headers_filled = 0;
        self.prelude = prelude;
        self.state = State::Headers;
        Ok(prelude)
    }

    /// Checks the message CRC on the wire against the running CRC and
    /// readies the next frame.
    #[inline(always)]
    fn end_frame(&mut self, on_wire: u32, offset: usize) -> Result<u32, Error> {
        if let Err(error) = check_message_crc(self.hasher.clone().finalize(), on_wire, offset) {
            return self.fail(error);
        }
        self.state = State::Prelude;
        Ok(on_wire)
    }

    #[cold]
    fn capacity_error(&self, headers_len: usize) -> Error {
        Error::HeadersExceedCapacity {
            headers_len: headers_len as u32,
            capacity: HEADER_CAPACITY,
        }
    }

    #[cold]
    fn fail<T>(&mut self, error: Error) -> Result<T, Error> {
        self.error = Some(error);
        Err(error)
    }
}
