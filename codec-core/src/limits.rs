//! The bounds a decoder enforces on declared lengths.

/// Largest header block the spec allows: 128 KiB.
pub(crate) const MAX_HEADERS_LEN: u32 = 128 * 1024;
/// Largest payload the spec allows: 24 MiB.
const MAX_PAYLOAD_LEN: u32 = 24 * 1024 * 1024;
/// Largest frame the spec allows: prelude and CRC, header block and payload at their maxima.
pub(crate) const MAX_MESSAGE_LEN: u32 = 16 + MAX_HEADERS_LEN + MAX_PAYLOAD_LEN;

/// Bounds checked against the prelude, before any frame bytes are buffered.
///
/// The default is the spec's maximum, so every valid frame decodes. Lower them
/// to bound the memory a peer can make you reserve.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::{Decoder, Limits};
///
/// let limits = Limits { max_message_len: 64 * 1024, ..Limits::default() };
/// let mut decoder = Decoder::with_limits(limits);
/// let frame = eventstream_core::encode_to_vec(&[], &[0; 64 * 1024]).unwrap();
/// assert!(decoder.decode(&frame).is_err()); // 64 KiB of payload and 16 bytes of frame
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limits {
    /// Largest accepted `total_length`, in bytes.
    pub max_message_len: u32,
    /// Largest accepted `headers_length`, in bytes.
    pub max_headers_len: u32,
}

/// The spec's maxima: 128 KiB of headers, 16 + 128 KiB + 24 MiB per frame.
impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_message_len: MAX_MESSAGE_LEN,
            max_headers_len: MAX_HEADERS_LEN,
        }
    }
}
