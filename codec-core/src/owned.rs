//! An owned frame, for building messages, tests, fuzzing and property tests.

#[cfg(feature = "bytes")]
use crate::header::ProvenFrame;
use crate::{EncodeError, Header, HeaderValue, MessageRef};
#[cfg(feature = "bytes")]
use crate::{Error, Status, bytes::Buf, bytes::Bytes, message::Found};
use alloc::string::String;
use alloc::vec::Vec;

/// A frame whose headers and payload are owned.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::{Decoder, OwnedHeader, OwnedHeaderValue, OwnedMessage, Status};
///
/// let mut msg = OwnedMessage { headers: Vec::new(), payload: b"payload".to_vec() };
/// msg.headers.push(OwnedHeader { name: "count".into(), value: OwnedHeaderValue::Int32(3) });
/// let bytes = msg.encode().unwrap();
/// let decoded = Decoder::new().decode(&bytes).unwrap().complete().unwrap();
/// assert_eq!(OwnedMessage::from(decoded), msg);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct OwnedMessage {
    /// Headers, in wire order.
    pub headers: Vec<OwnedHeader>,
    /// The payload.
    pub payload: Vec<u8>,
}

/// An owned header.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::{OwnedHeader, OwnedHeaderValue};
/// let header = OwnedHeader { name: "n".into(), value: OwnedHeaderValue::Bool(true) };
/// assert_eq!(header.name, "n");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OwnedHeader {
    /// The header name.
    pub name: String,
    /// The value.
    pub value: OwnedHeaderValue,
}

/// An owned header value; see [`HeaderValue`].
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::{HeaderValue, OwnedHeaderValue};
/// assert_eq!(OwnedHeaderValue::from(HeaderValue::String("x")), OwnedHeaderValue::String("x".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // the variants mirror `HeaderValue`
pub enum OwnedHeaderValue {
    Bool(bool),
    Byte(i8),
    Int16(i16),
    Int32(i32),
    Int64(i64),
    ByteArray(Vec<u8>),
    String(String),
    Timestamp(i64),
    Uuid([u8; 16]),
}

impl OwnedMessage {
    /// Borrowed views of the headers, as the encoder takes them.
    fn header_refs(&self) -> Vec<Header<'_>> {
        self.headers.iter().map(Header::from).collect()
    }

    /// Encodes the message into a new `Vec`.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// assert_eq!(eventstream_core::OwnedMessage::default().encode().unwrap().len(), 16);
    /// ```
    pub fn encode(&self) -> Result<Vec<u8>, EncodeError> {
        crate::encode_to_vec(&self.header_refs(), &self.payload)
    }
}

/// A borrowed view of an owned header, as the encoder takes headers.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::{Header, HeaderValue, OwnedHeader, OwnedHeaderValue};
/// let owned = OwnedHeader { name: "n".into(), value: OwnedHeaderValue::Int32(7) };
/// assert_eq!(Header::from(&owned), Header::new("n", HeaderValue::Int32(7)));
/// ```
impl<'a> From<&'a OwnedHeader> for Header<'a> {
    fn from(header: &'a OwnedHeader) -> Self {
        Header {
            name: &header.name,
            value: header.value.as_value(),
        }
    }
}

impl OwnedHeaderValue {
    /// A borrowed view of this value.
    pub(crate) fn as_value(&self) -> HeaderValue<'_> {
        match self {
            OwnedHeaderValue::Bool(v) => HeaderValue::Bool(*v),
            OwnedHeaderValue::Byte(v) => HeaderValue::Byte(*v),
            OwnedHeaderValue::Int16(v) => HeaderValue::Int16(*v),
            OwnedHeaderValue::Int32(v) => HeaderValue::Int32(*v),
            OwnedHeaderValue::Int64(v) => HeaderValue::Int64(*v),
            OwnedHeaderValue::ByteArray(v) => HeaderValue::ByteArray(v),
            OwnedHeaderValue::String(v) => HeaderValue::String(v),
            OwnedHeaderValue::Timestamp(v) => HeaderValue::Timestamp(*v),
            OwnedHeaderValue::Uuid(v) => HeaderValue::Uuid(*v),
        }
    }
}

impl From<HeaderValue<'_>> for OwnedHeaderValue {
    fn from(value: HeaderValue<'_>) -> Self {
        match value {
            HeaderValue::Bool(v) => OwnedHeaderValue::Bool(v),
            HeaderValue::Byte(v) => OwnedHeaderValue::Byte(v),
            HeaderValue::Int16(v) => OwnedHeaderValue::Int16(v),
            HeaderValue::Int32(v) => OwnedHeaderValue::Int32(v),
            HeaderValue::Int64(v) => OwnedHeaderValue::Int64(v),
            HeaderValue::ByteArray(v) => OwnedHeaderValue::ByteArray(v.into()),
            HeaderValue::String(v) => OwnedHeaderValue::String(v.into()),
            HeaderValue::Timestamp(v) => OwnedHeaderValue::Timestamp(v),
            HeaderValue::Uuid(v) => OwnedHeaderValue::Uuid(v),
        }
    }
}

impl From<Header<'_>> for OwnedHeader {
    fn from(header: Header<'_>) -> Self {
        OwnedHeader {
            name: header.name.into(),
            value: header.value.into(),
        }
    }
}

impl From<MessageRef<'_>> for OwnedMessage {
    fn from(message: MessageRef<'_>) -> Self {
        OwnedMessage {
            headers: message.headers().map(OwnedHeader::from).collect(),
            payload: message.payload().into(),
        }
    }
}

/// Any encodable message: names of 1..=255 bytes, values of at most 32767
/// bytes, every one of the ten header types.
#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for OwnedMessage {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let header_count = u.int_in_range(0..=16)?;
        let mut headers = Vec::with_capacity(header_count);
        for _ in 0..header_count {
            headers.push(OwnedHeader::arbitrary(u)?);
        }
        let payload = Vec::<u8>::arbitrary(u)?;
        Ok(OwnedMessage { headers, payload })
    }
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for OwnedHeader {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let mut name = bounded_string(u, crate::wire::MAX_NAME_LEN)?;
        if name.is_empty() {
            name.push(':');
        }
        let value = match u.int_in_range(0u8..=9)? {
            0 => OwnedHeaderValue::Bool(true),
            1 => OwnedHeaderValue::Bool(false),
            2 => OwnedHeaderValue::Byte(u.arbitrary()?),
            3 => OwnedHeaderValue::Int16(u.arbitrary()?),
            4 => OwnedHeaderValue::Int32(u.arbitrary()?),
            5 => OwnedHeaderValue::Int64(u.arbitrary()?),
            6 => {
                let len = u.int_in_range(0..=crate::wire::MAX_ENCODED_VALUE_LEN.min(u.len()))?;
                OwnedHeaderValue::ByteArray(u.bytes(len)?.into())
            }
            7 => OwnedHeaderValue::String(bounded_string(u, crate::wire::MAX_ENCODED_VALUE_LEN)?),
            8 => OwnedHeaderValue::Timestamp(u.arbitrary()?),
            _ => OwnedHeaderValue::Uuid(u.arbitrary()?),
        };
        Ok(OwnedHeader { name, value })
    }
}

/// An arbitrary string cut to at most `max` bytes on a character boundary.
#[cfg(feature = "arbitrary")]
fn bounded_string(u: &mut arbitrary::Unstructured<'_>, max: usize) -> arbitrary::Result<String> {
    let mut text: String = u.arbitrary()?;
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    Ok(text)
}

/// A verified frame that owns its bytes (feature `bytes`): cheap to clone and
/// to send across tasks, its payload a slice of the frame (no copy).
///
/// It keeps what decoding learned: reading its headers walks no header block
/// and hashes nothing again. Made by [`Decoder::decode_bytes`](crate::Decoder::decode_bytes)
/// and the std readers without a copy, or from a [`MessageRef`] by copying.
/// Its headers and lengths are its [`as_ref`](Message::as_ref) view's.
///
#[cfg_attr(feature = "bytes", doc = "```")]
#[cfg_attr(not(feature = "bytes"), doc = "```ignore")]
/// use bytes::Bytes;
/// use eventstream_core::{Decoder, Header, HeaderValue, Status};
///
/// let frame = eventstream_core::encode_to_vec(&[Header::new(":event-type", HeaderValue::String("Chunk"))], b"data").unwrap();
/// let Status::Complete(message) = Decoder::new().decode_bytes(&mut Bytes::from(frame))? else { panic!() };
/// assert_eq!(message.as_ref().header(":event-type"), Some("Chunk".into()));
/// assert_eq!(message.payload(), Bytes::from_static(b"data"));
/// # Ok::<(), eventstream_core::Error>(())
/// ```
#[cfg(feature = "bytes")]
#[cfg_attr(docsrs, doc(cfg(feature = "bytes")))]
#[derive(Clone)]
pub struct Message {
    /// Exactly the frame `found.prelude` describes, validated by this crate,
    /// with the proof of its header block.
    frame: ProvenFrame,
    /// What decoding found, kept so that nothing is checked again.
    found: Found,
}

#[cfg(feature = "bytes")]
impl Message {
    /// The frame `view` was decoded from, shared from `buf` (which starts
    /// with it) without a copy. Every accessor relies on `view` being
    /// verified: a valid prelude has `12 + headers_len + payload_len + 4 ==
    /// total_len`, so the parts they cut are in bounds.
    #[inline]
    pub(crate) fn verified(buf: &Bytes, view: MessageRef<'_>) -> Self {
        let proven = view.proven_block();
        let frame = ProvenFrame::share(buf, view.len(), proven)
            // Not `buf`'s memory after all (it is, for every caller): a copy.
            .unwrap_or_else(|| ProvenFrame::copy(view.as_bytes(), proven));
        Message {
            frame,
            found: view.found(),
        }
    }

    /// Where the payload lies in the frame.
    fn payload_range(&self) -> core::ops::Range<usize> {
        let prelude = self.found.prelude;
        crate::message::payload_range(prelude.total_len() as usize, prelude.headers_len() as usize)
    }

    /// A borrowed view: headers, payload and lengths, without copying or
    /// checking anything again.
    ///
    #[cfg_attr(feature = "bytes", doc = "```")]
    #[cfg_attr(not(feature = "bytes"), doc = "```ignore")]
    /// # use bytes::Bytes;
    /// let mut frame = Bytes::from(eventstream_core::encode_to_vec(&[], b"x").unwrap());
    /// let message = eventstream_core::Decoder::new().decode_bytes(&mut frame).unwrap().complete().unwrap();
    /// assert_eq!(message.as_ref().payload(), b"x");
    /// ```
    #[allow(clippy::should_implement_trait)] // `AsRef` must return a reference; this returns a view
    #[inline]
    pub fn as_ref(&self) -> MessageRef<'_> {
        MessageRef::from_proven_frame(&self.frame, self.found)
    }

    /// The payload, as a slice of the frame's bytes (a reference count, no copy).
    ///
    #[cfg_attr(feature = "bytes", doc = "```")]
    #[cfg_attr(not(feature = "bytes"), doc = "```ignore")]
    /// # use bytes::Bytes;
    /// let mut frame = Bytes::from(eventstream_core::encode_to_vec(&[], b"abc").unwrap());
    /// let message = eventstream_core::Decoder::new().decode_bytes(&mut frame).unwrap().complete().unwrap();
    /// assert_eq!(message.payload(), "abc");
    /// ```
    #[inline]
    pub fn payload(&self) -> Bytes {
        self.frame.bytes().slice(self.payload_range())
    }
}

/// The whole frame as it was on the wire, without a copy.
///
#[cfg_attr(feature = "bytes", doc = "```")]
#[cfg_attr(not(feature = "bytes"), doc = "```ignore")]
/// # use bytes::Bytes;
/// let frame = Bytes::from(eventstream_core::encode_to_vec(&[], b"abc").unwrap());
/// let message = eventstream_core::Decoder::new().decode_bytes(&mut frame.clone()).unwrap().complete().unwrap();
/// assert_eq!(Bytes::from(message), frame);
/// ```
#[cfg(feature = "bytes")]
impl From<Message> for Bytes {
    fn from(message: Message) -> Self {
        message.frame.into_bytes()
    }
}

/// Owned messages from a decoder (feature `bytes`): here rather than in
/// `decoder.rs`, so that the decoder knows nothing of [`Message`].
#[cfg(feature = "bytes")]
#[cfg_attr(docsrs, doc(cfg(feature = "bytes")))]
impl crate::Decoder {
    /// The frame at the front of `buf`, split off as an owned [`Message`]
    /// that shares `buf`'s memory (feature `bytes`). On `Incomplete` and on
    /// errors `buf` is left as it was.
    ///
    #[cfg_attr(feature = "bytes", doc = "```")]
    #[cfg_attr(not(feature = "bytes"), doc = "```ignore")]
    /// use bytes::Bytes;
    /// use eventstream_core::{Decoder, Status};
    /// let mut frames = eventstream_core::encode_to_vec(&[], b"one").unwrap();
    /// frames.extend(eventstream_core::encode_to_vec(&[], b"two").unwrap());
    /// let mut buf = Bytes::from(frames);
    /// let mut decoder = Decoder::new();
    /// let Status::Complete(first) = decoder.decode_bytes(&mut buf).unwrap() else { panic!() };
    /// assert_eq!((first.payload(), buf.len()), (Bytes::from_static(b"one"), 19));
    /// ```
    #[inline]
    pub fn decode_bytes(&mut self, buf: &mut Bytes) -> Result<Status<Message>, Error> {
        let crc32 = self.own_crc32();
        self.decode_bytes_with_crc(buf, crc32)
    }

    /// [`decode_bytes`](Self::decode_bytes), with the message CRC computed
    /// by `crc32`, as [`decode_with_crc`](Self::decode_with_crc): for a
    /// reader that hashed a frame's pieces as they arrived.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// let mut buf = bytes::Bytes::from(eventstream_core::encode_to_vec(&[], b"x").unwrap());
    /// let message = eventstream_core::Decoder::new().decode_bytes_with_crc(&mut buf, crc32fast::hash).unwrap();
    /// assert_eq!(message.complete().unwrap().payload(), "x");
    /// ```
    #[inline]
    pub fn decode_bytes_with_crc(
        &mut self,
        buf: &mut Bytes,
        crc32: impl FnOnce(&[u8]) -> u32,
    ) -> Result<Status<Message>, Error> {
        let view = match self.decode_with_crc(buf, crc32)? {
            Status::Complete(view) => view,
            Status::Incomplete { needed } => return Ok(Status::Incomplete { needed }),
        };
        // The bytes just validated, shared unchanged: `Bytes` is immutable.
        let len = view.len();
        let message = Message::verified(buf, view);
        Buf::advance(buf, len);
        Ok(Status::Complete(message))
    }
}

/// Two messages are equal when their frames' bytes are: all else is cut from them.
#[cfg(feature = "bytes")]
impl PartialEq for Message {
    fn eq(&self, other: &Self) -> bool {
        self.frame.bytes() == other.frame.bytes()
    }
}

#[cfg(feature = "bytes")]
impl Eq for Message {}

#[cfg(feature = "bytes")]
impl core::hash::Hash for Message {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.frame.bytes().hash(state);
    }
}

#[cfg(feature = "bytes")]
impl core::fmt::Debug for Message {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(&self.as_ref(), f)
    }
}

/// A copy of a borrowed frame: its bytes passed the decoder, and a copy of
/// them needs no second check.
///
#[cfg_attr(feature = "bytes", doc = "```")]
#[cfg_attr(not(feature = "bytes"), doc = "```ignore")]
/// use eventstream_core::{Decoder, Message};
/// let frame = eventstream_core::encode_to_vec(&[], b"x").unwrap();
/// let view = Decoder::new().decode(&frame).unwrap().complete().unwrap();
/// assert_eq!(Message::from(view).as_ref(), view);
/// ```
#[cfg(feature = "bytes")]
impl From<MessageRef<'_>> for Message {
    fn from(view: MessageRef<'_>) -> Self {
        let proven = view.proven_block();
        Message {
            frame: ProvenFrame::copy(view.as_bytes(), proven),
            found: view.found(),
        }
    }
}

/// The owned parts of a frame.
///
#[cfg_attr(feature = "bytes", doc = "```")]
#[cfg_attr(not(feature = "bytes"), doc = "```ignore")]
/// use eventstream_core::{Decoder, Message, OwnedMessage};
/// let frame = eventstream_core::encode_to_vec(&[], b"x").unwrap();
/// let message = Message::from(Decoder::new().decode(&frame).unwrap().complete().unwrap());
/// assert_eq!(OwnedMessage::from(&message).payload, b"x");
/// ```
#[cfg(feature = "bytes")]
impl From<&Message> for OwnedMessage {
    fn from(message: &Message) -> Self {
        OwnedMessage::from(message.as_ref())
    }
}
