//! Headers: the typed name/value pairs between the prelude and the payload.
//!
//! - `value.rs`: the public value types, [`Header`] and [`HeaderValue`]
//!   (the table of type bytes is `../wire.rs`, a leaf);
//! - `grammar.rs`: the grammar and its one raw-header iterator;
//! - `proven.rs`: block validation and its proof (the crate's one `unsafe`);
//! - here: [`Headers`], the public iterator, and the lookups by name, all on
//!   that one iterator.

mod grammar;
mod proven;
mod value;

#[cfg(feature = "bytes")]
pub(crate) use proven::ProvenFrame;
pub(crate) use proven::{Proven, ProvenBuf, ProvenHeader};
pub use value::{Header, HeaderValue};

use core::fmt;

/// The headers of a decoded frame, in wire order.
///
/// The header block was validated when the frame was decoded, so iterating
/// cannot fail.
///
#[cfg_attr(feature = "alloc", doc = "```")]
#[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
/// use eventstream_core::{Decoder, Header, HeaderValue, Status};
///
/// let frame = eventstream_core::encode_to_vec(
///     &[Header::new("a", HeaderValue::Int32(1)), Header::new("b", HeaderValue::Bool(true))],
///     b"",
/// ).unwrap();
/// let Status::Complete(msg) = Decoder::new().decode(&frame).unwrap() else { unreachable!() };
/// let names: Vec<&str> = msg.headers().map(|h| h.name).collect();
/// assert_eq!(names, ["a", "b"]);
/// ```
#[derive(Clone)]
pub struct Headers<'a> {
    walk: proven::ProvenWalk<'a>,
}

impl<'a> Headers<'a> {
    /// The headers of a proven block.
    #[inline(always)]
    pub(crate) fn new(block: Proven<'a>) -> Self {
        Headers { walk: block.walk() }
    }

    /// The headers of a header block on its own (what a frame holds between
    /// its prelude and payload), checked as the decoder checks a frame's;
    /// error offsets count from the block's start. For blocks that travel
    /// without their frame, as in JavaScript's `HeaderMarshaller`.
    ///
    #[cfg_attr(feature = "alloc", doc = "```")]
    #[cfg_attr(not(feature = "alloc"), doc = "```ignore")]
    /// use eventstream_core::{Headers, HeaderValue};
    /// let block = [1, b'n', 4, 0, 0, 0, 7];
    /// let header = Headers::parse(&block).unwrap().next().unwrap();
    /// assert_eq!((header.name, header.value), ("n", HeaderValue::Int32(7)));
    /// assert!(Headers::parse(&block[..5]).is_err());
    /// ```
    pub fn parse(block: &'a [u8]) -> Result<Self, crate::Error> {
        Proven::validate(block, 0).map(Headers::new)
    }

    /// The value of the first header called `name` among those not yet iterated.
    #[inline]
    pub(crate) fn get(&self, name: &str) -> Option<HeaderValue<'a>> {
        let [value] = self.get_each([name]);
        value
    }

    /// The first headers called each of `names`, in one walk that stops once
    /// all are found; names are compared as bytes, and only the values found
    /// are converted.
    #[inline(always)]
    pub(crate) fn find_each<const N: usize>(
        &self,
        names: [&str; N],
    ) -> [Option<ProvenHeader<'a>>; N] {
        let mut found = [None; N];
        let mut missing = N;
        for header in self.walk.clone() {
            for (name, slot) in names.iter().zip(found.iter_mut()) {
                if slot.is_none() && header.raw().name == name.as_bytes() {
                    *slot = Some(header);
                    missing -= 1;
                }
            }
            if missing == 0 {
                break;
            }
        }
        found
    }

    /// The values of [`find_each`](Self::find_each).
    #[inline(always)]
    pub(crate) fn get_each<const N: usize>(
        &self,
        names: [&str; N],
    ) -> [Option<HeaderValue<'a>>; N] {
        self.find_each(names)
            .map(|header| header.map(|h| h.value()))
    }
}

impl<'a> Iterator for Headers<'a> {
    type Item = Header<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<Header<'a>> {
        self.walk.next().map(|header| header.header())
    }
}

impl core::iter::FusedIterator for Headers<'_> {}

impl fmt::Debug for Headers<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}
