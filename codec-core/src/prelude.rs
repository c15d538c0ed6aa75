//! The 12-byte prelude: total length, header-block length and their CRC.
//!
//! The prelude is validated as soon as its 12 bytes are present, before any
//! further byte of the frame is buffered, so a corrupted or hostile length can
//! never make a reader wait for, or reserve, more than the limits allow.

use crate::wire::{MIN_MESSAGE_LEN, PRELUDE_LEN};
use crate::{Error, Limits};

/// A validated prelude.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// let frame = eventstream_core::encode_to_vec(&[], b"hi").unwrap();
/// let message = eventstream_core::Decoder::new().decode(&frame).unwrap().complete().unwrap();
/// let prelude = message.prelude();
/// assert_eq!((prelude.total_len(), prelude.headers_len(), prelude.payload_len()), (18, 0, 2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Prelude {
    total_len: u32,
    headers_len: u32,
    crc: u32,
}

impl Prelude {
    /// The smallest frame's lengths, with no CRC: a placeholder for a
    /// decoder that has not read a prelude yet, never handed out.
    pub(crate) const EMPTY: Prelude = Prelude {
        total_len: MIN_MESSAGE_LEN as u32,
        headers_len: 0,
        crc: 0,
    };

    /// The prelude of a frame this crate verified, from its fields.
    #[inline]
    pub(crate) const fn verified(total_len: u32, headers_len: u32, crc: u32) -> Prelude {
        Prelude {
            total_len,
            headers_len,
            crc,
        }
    }

    /// Checks the prelude CRC, then the lengths against each other and
    /// `limits`, with the caller's hasher, which must be fresh; on success
    /// it holds the CRC of the first 8 bytes.
    #[inline]
    pub(crate) fn parse_hashing(
        bytes: &[u8; PRELUDE_LEN],
        limits: &Limits,
        hasher: &mut crc32fast::Hasher,
    ) -> Result<Prelude, Error> {
        let [t0, t1, t2, t3, h0, h1, h2, h3, c0, c1, c2, c3] = *bytes;
        hasher.update(&[t0, t1, t2, t3, h0, h1, h2, h3]);
        let computed = hasher.clone().finalize();
        let total_len = u32::from_be_bytes([t0, t1, t2, t3]);
        let headers_len = u32::from_be_bytes([h0, h1, h2, h3]);
        let on_wire = u32::from_be_bytes([c0, c1, c2, c3]);
        if computed != on_wire {
            return Err(Error::PreludeChecksum { computed, on_wire });
        }
        if (total_len as usize) < MIN_MESSAGE_LEN {
            return Err(Error::MessageTooShort { total_len });
        }
        if total_len > limits.max_message_len {
            return Err(Error::MessageTooLong {
                total_len,
                max: limits.max_message_len,
            });
        }
        let max_in_frame = total_len - MIN_MESSAGE_LEN as u32;
        if headers_len > max_in_frame {
            return Err(Error::HeadersExceedFrame {
                headers_len,
                max: max_in_frame,
            });
        }
        if headers_len > limits.max_headers_len {
            return Err(Error::HeadersTooLong {
                headers_len,
                max: limits.max_headers_len,
            });
        }
        Ok(Prelude {
            total_len,
            headers_len,
            crc: on_wire,
        })
    }

    /// The 12 bytes of this prelude as they are on the wire.
    #[inline]
    pub(crate) fn to_bytes(self) -> [u8; PRELUDE_LEN] {
        let [t0, t1, t2, t3] = self.total_len.to_be_bytes();
        let [h0, h1, h2, h3] = self.headers_len.to_be_bytes();
        let [c0, c1, c2, c3] = self.crc.to_be_bytes();
        [t0, t1, t2, t3, h0, h1, h2, h3, c0, c1, c2, c3]
    }

    /// Bytes in the whole frame, prelude and message CRC included.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// # let frame = eventstream_core::encode_to_vec(&[], b"hi").unwrap();
    /// # let prelude = eventstream_core::Decoder::new().decode(&frame).unwrap().complete().unwrap().prelude();
    /// assert_eq!(prelude.total_len(), 18);
    /// ```
    #[inline]
    pub fn total_len(&self) -> u32 {
        self.total_len
    }

    /// Bytes in the header block.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// # let frame = eventstream_core::encode_to_vec(&[], b"hi").unwrap();
    /// # let prelude = eventstream_core::Decoder::new().decode(&frame).unwrap().complete().unwrap().prelude();
    /// assert_eq!(prelude.headers_len(), 0);
    /// ```
    #[inline]
    pub fn headers_len(&self) -> u32 {
        self.headers_len
    }

    /// Bytes in the payload: `total_len - headers_len - 16`.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// # let frame = eventstream_core::encode_to_vec(&[], b"hi").unwrap();
    /// # let prelude = eventstream_core::Decoder::new().decode(&frame).unwrap().complete().unwrap().prelude();
    /// assert_eq!(prelude.payload_len(), 2);
    /// ```
    #[inline]
    pub fn payload_len(&self) -> u32 {
        // Cannot underflow: `parse` checked headers_len <= total_len - 16.
        self.total_len - self.headers_len - MIN_MESSAGE_LEN as u32
    }

    /// The prelude CRC (bytes 8..12), which is also the running CRC of the
    /// frame's first 8 bytes.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// # let frame = eventstream_core::encode_to_vec(&[], b"hi").unwrap();
    /// # let prelude = eventstream_core::Decoder::new().decode(&frame).unwrap().complete().unwrap().prelude();
    /// assert_eq!(prelude.crc(), crc32fast::hash(&frame[..8]));
    /// ```
    #[inline]
    pub fn crc(&self) -> u32 {
        self.crc
    }
}
