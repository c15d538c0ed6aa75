//! Encoding frames: into a caller's buffer, into a `Vec`, or as head + payload
//! + trailer so a large payload is written without being copied.

use crate::limits::{MAX_HEADERS_LEN, MAX_MESSAGE_LEN};
use crate::wire::{MAX_ENCODED_VALUE_LEN, MAX_NAME_LEN};
use crate::wire::{MIN_MESSAGE_LEN, PRELUDE_LEN, TRAILER_LEN};
use crate::{EncodeError, Header, HeaderValue};
use core::borrow::Borrow;

/// Bytes the frame for `headers` and a payload of `payload_len` bytes takes,
/// after checking every header and the spec's limits.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::{encoded_len, Header, HeaderValue};
/// let headers = [Header::new(":message-type", HeaderValue::String("event"))];
/// assert_eq!(encoded_len(&headers, 10).unwrap(), 12 + (1 + 13 + 1 + 2 + 5) + 10 + 4);
/// ```
pub fn encoded_len(headers: &[Header<'_>], payload_len: usize) -> Result<usize, EncodeError> {
    encoded_len_of(headers, payload_len)
}

/// [`encoded_len`] for headers made one at a time, as a C caller's array or
/// a map converts them: any number of them, with nothing collected.
///
/// ```
/// use eventstream_core::{encoded_len, encoded_len_from, Header, HeaderValue};
/// let names = ["a", "b", "c"];
/// let headers = names.iter().map(|name| Header::new(name, HeaderValue::Bool(true)));
/// assert_eq!(encoded_len_from(headers, 2).unwrap(), 16 + 3 * 3 + 2);
/// ```
pub fn encoded_len_from<'h>(
    headers: impl IntoIterator<Item = Header<'h>>,
    payload_len: usize,
) -> Result<usize, EncodeError> {
    encoded_len_of(headers, payload_len)
}

/// The encoder's walks take headers by value (made one at a time) or by
/// reference (a slice's), so that a slice's are never copied; with
/// `put_value` always inlined into them, 11% fewer instructions for 20
/// headers and 7% for three (`bash benches/callgrind.sh
/// compat_write_header_heavy compat_write_small`: 4,026 -> 3,599 and
/// 1,301 -> 1,212 per frame; neither change alone moved them).
fn encoded_len_of<'h, H: Borrow<Header<'h>>>(
    headers: impl IntoIterator<Item = H>,
    payload_len: usize,
) -> Result<usize, EncodeError> {
    let headers_len = headers_len(headers)?;
    let len = MIN_MESSAGE_LEN
        .saturating_add(headers_len)
        .saturating_add(payload_len);
    if len > MAX_MESSAGE_LEN as usize {
        return Err(EncodeError::MessageTooLong {
            len,
            max: MAX_MESSAGE_LEN,
        });
    }
    Ok(len)
}

/// Encodes one frame into `out`, returning the bytes written.
///
/// ```
/// use eventstream_core::{encode, Header, HeaderValue};
/// let mut out = [0u8; 64];
/// let n = encode(&[Header::new("n", HeaderValue::Bool(true))], b"hi", &mut out).unwrap();
/// assert_eq!(n, 16 + 3 + 2);
/// ```
pub fn encode(
    headers: &[Header<'_>],
    payload: &[u8],
    out: &mut [u8],
) -> Result<usize, EncodeError> {
    let len = encoded_len(headers, payload.len())?;
    let available = out.len();
    let Some(out) = out.get_mut(..len) else {
        return Err(EncodeError::BufferTooSmall {
            needed: len,
            available,
        });
    };
    let head_len = len - payload.len() - TRAILER_LEN;
    // `len` is at least head + payload + trailer: the splits are in bounds.
    let (covered, trailer) = out.split_at_mut(len - TRAILER_LEN);
    let (head, payload_out) = covered.split_at_mut(head_len);
    let mut hasher = write_head(headers, head_len, len, head);
    copy_short(payload_out, payload);
    // The frame is contiguous here: one CRC pass over everything after the lengths.
    let (_, after_lengths) = covered.split_at(8);
    hasher.update(after_lengths);
    trailer.copy_from_slice(&hasher.finalize().to_be_bytes());
    Ok(len)
}

/// Encodes one frame into a new `Vec`.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// let frame = eventstream_core::encode_to_vec(&[], b"{}").unwrap();
/// assert_eq!(frame.len(), 18);
/// ```
#[cfg(feature = "alloc")]
pub fn encode_to_vec(
    headers: &[Header<'_>],
    payload: &[u8],
) -> Result<alloc::vec::Vec<u8>, EncodeError> {
    let mut out = alloc::vec![0; encoded_len(headers, payload.len())?];
    encode(headers, payload, &mut out)?;
    Ok(out)
}

/// Bytes of the head (prelude and header block) for `headers`: the size of
/// the buffer [`encode_head`] needs.
///
/// ```
/// use eventstream_core::{head_len, Header, HeaderValue};
/// assert_eq!(head_len(&[Header::new("n", HeaderValue::Bool(true))]).unwrap(), 12 + 3);
/// ```
pub fn head_len(headers: &[Header<'_>]) -> Result<usize, EncodeError> {
    Ok(PRELUDE_LEN + headers_len(headers)?)
}

/// A frame's head written by [`encode_head`]: write `head`, then the payload,
/// then `trailer`, and the frame is complete. The payload is never copied.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::{encode_head, encode_to_vec, head_len};
/// let payload = vec![7u8; 100_000];
/// let mut head = vec![0; head_len(&[]).unwrap()];
/// let encoded = encode_head(&[], &payload, &mut head).unwrap();
/// let frame = [&head[..encoded.head_len], &payload, &encoded.trailer].concat();
/// assert_eq!(frame, encode_to_vec(&[], &payload).unwrap());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EncodedHead {
    /// Bytes written at the start of the head buffer.
    pub head_len: usize,
    /// The message CRC, big-endian: the last 4 bytes of the frame.
    pub trailer: [u8; TRAILER_LEN],
}

/// Writes the prelude and header block into `head` and computes the message CRC
/// over them and `payload`, for vectored writes: see [`EncodedHead`].
///
/// ```
/// use eventstream_core::{encode_head, EncodeError};
/// let mut head = [0u8; 4];
/// assert_eq!(encode_head(&[], b"", &mut head), Err(EncodeError::BufferTooSmall { needed: 12, available: 4 }));
/// ```
pub fn encode_head(
    headers: &[Header<'_>],
    payload: &[u8],
    head: &mut [u8],
) -> Result<EncodedHead, EncodeError> {
    encode_head_of(headers.iter(), payload, head)
}

/// [`encode_head`] for headers made one at a time (see
/// [`encoded_len_from`]): the iterator is walked twice, to size and to write.
///
/// ```
/// use eventstream_core::{encode_head, encode_head_from, Header, HeaderValue};
/// let headers = [Header::new("n", HeaderValue::Int32(7))];
/// let (mut one, mut other) = ([0u8; 64], [0u8; 64]);
/// assert_eq!(
///     encode_head_from(headers.iter().copied(), b"x", &mut one),
///     encode_head(&headers, b"x", &mut other)
/// );
/// assert_eq!(one, other);
/// ```
pub fn encode_head_from<'h, I>(
    headers: I,
    payload: &[u8],
    head: &mut [u8],
) -> Result<EncodedHead, EncodeError>
where
    I: IntoIterator<Item = Header<'h>>,
    I::IntoIter: Clone,
{
    encode_head_of(headers.into_iter(), payload, head)
}

/// [`encode_head_from`] over headers by value or by reference (see [`encoded_len_of`]).
fn encode_head_of<'h, H: Borrow<Header<'h>>>(
    headers: impl Iterator<Item = H> + Clone,
    payload: &[u8],
    head: &mut [u8],
) -> Result<EncodedHead, EncodeError> {
    let len = encoded_len_of(headers.clone(), payload.len())?;
    let head_len = len - payload.len() - TRAILER_LEN;
    let available = head.len();
    let Some(head) = head.get_mut(..head_len) else {
        return Err(EncodeError::BufferTooSmall {
            needed: head_len,
            available,
        });
    };
    let mut hasher = write_head(headers, head_len, len, head);
    let (_, after_lengths) = head.split_at(8); // a head is at least the 12-byte prelude
    hasher.update(after_lengths);
    hasher.update(payload);
    Ok(EncodedHead {
        head_len,
        trailer: hasher.finalize().to_be_bytes(),
    })
}

/// Writes prelude and headers into the first `head_len` bytes of `out` (sized
/// by the caller). Returns the hasher holding the CRC of the first 8 bytes,
/// ready to continue over the rest of the frame.
fn write_head<'h, H: Borrow<Header<'h>>>(
    headers: impl IntoIterator<Item = H>,
    head_len: usize,
    total_len: usize,
    out: &mut [u8],
) -> crc32fast::Hasher {
    let lengths = [
        (total_len as u32).to_be_bytes(),
        ((head_len - PRELUDE_LEN) as u32).to_be_bytes(),
    ];
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(lengths.as_flattened());
    let prelude_crc = hasher.clone().finalize();

    let mut out = Cursor::new(out);
    out.put(lengths.as_flattened());
    out.put(&prelude_crc.to_be_bytes());
    for header in headers {
        let header = header.borrow();
        out.put(&[header.name.len() as u8]);
        out.put(header.name.as_bytes());
        put_value(&mut out, &header.value);
    }
    debug_assert_eq!(out.position(), head_len);
    hasher
}

/// Checks every header and returns the header block's encoded length.
fn headers_len<'h, H: Borrow<Header<'h>>>(
    headers: impl IntoIterator<Item = H>,
) -> Result<usize, EncodeError> {
    let mut len = 0usize;
    for (index, header) in headers.into_iter().enumerate() {
        let header = header.borrow();
        match header.name.len() {
            0 => return Err(EncodeError::HeaderNameEmpty { index }),
            n if n > MAX_NAME_LEN => return Err(EncodeError::HeaderNameTooLong { index, len: n }),
            _ => {}
        }
        if let HeaderValue::ByteArray(value) = header.value {
            check_value_len(index, value.len())?;
        }
        if let HeaderValue::String(value) = header.value {
            check_value_len(index, value.len())?;
        }
        len = len.saturating_add(header.encoded_len());
    }
    if len > MAX_HEADERS_LEN as usize {
        return Err(EncodeError::HeadersTooLong {
            len,
            max: MAX_HEADERS_LEN,
        });
    }
    Ok(len)
}

fn check_value_len(index: usize, len: usize) -> Result<(), EncodeError> {
    if len > MAX_ENCODED_VALUE_LEN {
        return Err(EncodeError::HeaderValueTooLong { index, len });
    }
    Ok(())
}

/// Writes a value's type byte and the value; `out` has room for its
/// [`encoded_len`](HeaderValue::encoded_len).
#[inline(always)]
fn put_value(out: &mut Cursor<'_>, value: &HeaderValue<'_>) {
    let type_byte = value.type_byte();
    match *value {
        HeaderValue::ByteArray(bytes) => out.put_prefixed(type_byte, bytes),
        HeaderValue::String(text) => out.put_prefixed(type_byte, text.as_bytes()),
        HeaderValue::Bool(_) => out.put(&[type_byte]),
        HeaderValue::Byte(v) => out.put(&[type_byte, v.to_be_bytes()[0]]),
        HeaderValue::Int16(v) => out.put_typed(type_byte, &v.to_be_bytes()),
        HeaderValue::Int32(v) => out.put_typed(type_byte, &v.to_be_bytes()),
        HeaderValue::Int64(v) | HeaderValue::Timestamp(v) => {
            out.put_typed(type_byte, &v.to_be_bytes())
        }
        HeaderValue::Uuid(uuid) => out.put_typed(type_byte, &uuid),
    }
}

/// A write position in an output buffer that the caller has sized beforehand.
///
/// Writes past the end are dropped rather than panicking; the encoder checks
/// the size first, so none happen.
struct Cursor<'a> {
    buf: &'a mut [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(buf: &'a mut [u8]) -> Self {
        Cursor { buf, pos: 0 }
    }

    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        let end = self.pos + bytes.len();
        if let Some(dst) = self.buf.get_mut(self.pos..end) {
            copy_short(dst, bytes);
        }
        self.pos = end;
    }

    /// Writes a type byte, a u16 length and the bytes; the caller checked the length fits.
    #[inline]
    fn put_prefixed(&mut self, type_byte: u8, bytes: &[u8]) {
        let [high, low] = (bytes.len() as u16).to_be_bytes();
        self.put(&[type_byte, high, low]);
        self.put(bytes);
    }

    /// Writes a type byte and a fixed-size value.
    #[inline]
    fn put_typed<const N: usize>(&mut self, type_byte: u8, value: &[u8; N]) {
        self.put(&[type_byte]);
        self.put(value);
    }

    fn position(&self) -> usize {
        self.pos
    }
}

/// `dst.copy_from_slice(src)` (equal lengths), without a `memcpy` call for
/// the short names and values headers hold: two overlapping fixed-size
/// moves cover any length from N to 2N.
#[inline(always)]
fn copy_short(dst: &mut [u8], src: &[u8]) {
    fn overlapping<const N: usize>(dst: &mut [u8], src: &[u8]) {
        if let (Some(d), Some(s)) = (dst.first_chunk_mut::<N>(), src.first_chunk::<N>()) {
            *d = *s;
        }
        if let (Some(d), Some(s)) = (dst.last_chunk_mut::<N>(), src.last_chunk::<N>()) {
            *d = *s;
        }
    }
    match src.len() {
        4..=8 => overlapping::<4>(dst, src),
        9..=16 => overlapping::<8>(dst, src),
        17..=32 => overlapping::<16>(dst, src),
        _ => dst.copy_from_slice(src),
    }
}

#[cfg(test)]
mod tests {
    use super::copy_short;

    #[test]
    fn copy_short_copies_every_length() {
        let src: [u8; 64] = core::array::from_fn(|i| i as u8 ^ 0x5a);
        for len in 0..=src.len() {
            let mut dst = [0xffu8; 64];
            copy_short(&mut dst[..len], &src[..len]);
            assert_eq!(dst[..len], src[..len], "length {len}");
            assert!(
                dst[len..].iter().all(|&b| b == 0xff),
                "length {len} wrote past the end"
            );
        }
    }
}
