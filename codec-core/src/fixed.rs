//! Bytes in fixed memory: up to `N`, with a length. The decoders' header
//! buffers and the HTTP-prelude splitter's metadata live in one, so that
//! nothing allocates. (heapless's `Vec` did this until its 0.9 stopped
//! building on Rust 1.85, and its 0.8 copies a byte at a time.)

/// Up to `N` bytes, the first `len` of `bytes` in use.
#[derive(Debug, Clone)]
pub(crate) struct FixedBuf<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> FixedBuf<N> {
    /// Empty.
    pub(crate) const fn new() -> Self {
        FixedBuf {
            bytes: [0; N],
            len: 0,
        }
    }

    /// The bytes in use.
    #[inline]
    pub(crate) fn as_slice(&self) -> &[u8] {
        // `len` is never over `N`; the `min` lets the compiler see it.
        &self.bytes[..self.len.min(N)]
    }

    /// The bytes in use, to change in place.
    #[inline]
    pub(crate) fn as_mut_slice(&mut self) -> &mut [u8] {
        &mut self.bytes[..self.len.min(N)]
    }

    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub(crate) fn clear(&mut self) {
        self.len = 0;
    }

    /// Appends `more`; false, and nothing changed, if it does not fit.
    #[inline]
    pub(crate) fn extend_from_slice(&mut self, more: &[u8]) -> bool {
        let end = self.len + more.len();
        let Some(room) = self.bytes.get_mut(self.len..end) else {
            return false;
        };
        room.copy_from_slice(more);
        self.len = end;
        true
    }

    /// Makes `len` bytes in use, keeping those that were, zeros after them;
    /// false, and nothing changed, if `len` is over `N`.
    #[inline]
    pub(crate) fn resize(&mut self, len: usize) -> bool {
        if len > N {
            return false;
        }
        if let Some(grown) = self.bytes.get_mut(self.len..len) {
            grown.fill(0);
        }
        self.len = len;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::FixedBuf;

    #[test]
    fn holds_up_to_its_capacity_and_refuses_more_unchanged() {
        let mut buf = FixedBuf::<4>::new();
        assert!(buf.extend_from_slice(b"ab"));
        assert!(!buf.extend_from_slice(b"cde"));
        assert_eq!(buf.as_slice(), b"ab");
        assert!(buf.resize(4));
        assert_eq!(buf.as_slice(), b"ab\0\0");
        buf.as_mut_slice()[3] = b'z';
        assert!(!buf.resize(5));
        assert!(buf.resize(1));
        assert_eq!((buf.as_slice(), buf.len()), (&b"a"[..], 1));
        buf.clear();
        assert!(buf.as_slice().is_empty());
    }
}
