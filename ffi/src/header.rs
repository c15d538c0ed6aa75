//! Headers across the boundary: a tagged value for all ten wire types, and
//! an iterator over a frame's headers in wire order.

use crate::{
    ES_ERR_HEADER_STRING_NOT_UTF8, ES_ERR_LENGTH, ES_ERR_NAME_NOT_UTF8, ES_ERR_NULL,
    ES_ERR_UNINITIALIZED, ES_ERR_VALUE_TYPE,
};
use crate::{borrowed, es_bytes, out};
use core::ffi::c_int;
use eventstream_core::{Header, HeaderValue, Headers};

/// Type 0: the boolean true (`integer` is 1).
pub const ES_TYPE_TRUE: u8 = 0;
/// Type 1: the boolean false (`integer` is 0).
pub const ES_TYPE_FALSE: u8 = 1;
/// Type 2: a signed byte, in `integer`.
pub const ES_TYPE_BYTE: u8 = 2;
/// Type 3: a 16-bit integer, in `integer`.
pub const ES_TYPE_INT16: u8 = 3;
/// Type 4: a 32-bit integer, in `integer`.
pub const ES_TYPE_INT32: u8 = 4;
/// Type 5: a 64-bit integer, in `integer`.
pub const ES_TYPE_INT64: u8 = 5;
/// Type 6: bytes, in `bytes`.
pub const ES_TYPE_BYTE_ARRAY: u8 = 6;
/// Type 7: UTF-8 text (not NUL-terminated), in `bytes`.
pub const ES_TYPE_STRING: u8 = 7;
/// Type 8: milliseconds since the Unix epoch, in `integer`.
pub const ES_TYPE_TIMESTAMP: u8 = 8;
/// Type 9: 16 bytes, in `uuid`.
pub const ES_TYPE_UUID: u8 = 9;

/// A header value, tagged by its wire type byte (`ES_TYPE_*`): booleans,
/// integers and timestamps in `integer`, byte arrays and strings in `bytes`,
/// UUIDs in `uuid`. The fields a type does not use are zero.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct es_header_value {
    /// The wire type byte, `ES_TYPE_TRUE` .. `ES_TYPE_UUID`.
    pub type_byte: u8,
    /// Booleans (0 or 1), the four integer types, timestamps.
    pub integer: i64,
    /// Byte arrays and strings: a view into the frame.
    pub bytes: es_bytes,
    /// UUIDs.
    pub uuid: [u8; 16],
}

/// One header: its name (UTF-8, not NUL-terminated) and value, views into the frame.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct es_header {
    /// The name.
    pub name: es_bytes,
    /// The value.
    pub value: es_header_value,
}

impl es_header {
    /// The C form of a decoded header: views of its name and value.
    pub(crate) fn of(header: Header<'_>) -> Self {
        es_header {
            name: es_bytes::of(header.name.as_bytes()),
            value: es_header_value::of(header.value),
        }
    }

    /// The header to encode, checked: views, UTF-8 name and string value,
    /// type byte.
    ///
    /// # Safety
    /// The views must be valid, as `crate::borrowed` requires.
    pub(crate) unsafe fn as_core(&self) -> Result<Header<'_>, i32> {
        // SAFETY: the caller's views, as documented.
        let (name, value) =
            unsafe { (borrowed(self.name.ptr, self.name.len)?, self.value.value()?) };
        let name = core::str::from_utf8(name).map_err(|_| ES_ERR_NAME_NOT_UTF8)?;
        Ok(Header::new(name, value))
    }

    /// [`as_core`](Self::as_core) without its checks, for a header it
    /// accepted whose views have not changed since: the encoder walks the
    /// headers twice (to size, to write), and the checks need doing once.
    ///
    /// # Safety
    /// `as_core` returned `Ok` for this header, and the bytes its views
    /// point to are unchanged since.
    pub(crate) unsafe fn as_core_checked(&self) -> Header<'_> {
        // SAFETY: `as_core` accepted these views and their text as UTF-8,
        // and they are unchanged since, as the caller promises.
        unsafe {
            let name = core::slice::from_raw_parts(self.name.ptr, self.name.len);
            Header::new(
                core::str::from_utf8_unchecked(name),
                self.value.value_checked(),
            )
        }
    }
}

impl es_header_value {
    /// The C form of a decoded value.
    pub(crate) fn of(value: HeaderValue<'_>) -> Self {
        let mut out = es_header_value {
            type_byte: value.type_byte(),
            integer: 0,
            bytes: es_bytes::EMPTY,
            uuid: [0; 16],
        };
        match value {
            HeaderValue::Bool(b) => out.integer = i64::from(b),
            HeaderValue::ByteArray(bytes) => out.bytes = es_bytes::of(bytes),
            HeaderValue::String(text) => out.bytes = es_bytes::of(text.as_bytes()),
            HeaderValue::Uuid(uuid) => out.uuid = uuid,
            HeaderValue::Byte(v) => out.integer = i64::from(v),
            HeaderValue::Int16(v) => out.integer = i64::from(v),
            HeaderValue::Int32(v) => out.integer = i64::from(v),
            HeaderValue::Int64(v) | HeaderValue::Timestamp(v) => out.integer = v,
        }
        out
    }

    /// The value to encode. Integers out of their type's range are cut to it
    /// as C casts do; strings must be UTF-8.
    ///
    /// # Safety
    /// `bytes` must be a valid view, as `crate::borrowed` requires.
    pub(crate) unsafe fn value(&self) -> Result<HeaderValue<'_>, i32> {
        // SAFETY: the caller's view, as documented.
        unsafe {
            self.value_with(|bytes| {
                core::str::from_utf8(bytes).map_err(|_| ES_ERR_HEADER_STRING_NOT_UTF8)
            })
        }
    }

    /// [`value`](Self::value) for a value it accepted, unchanged since:
    /// its text is not checked again.
    ///
    /// # Safety
    /// `value` returned `Ok` for it, and its bytes are unchanged since.
    pub(crate) unsafe fn value_checked(&self) -> HeaderValue<'_> {
        // SAFETY: the view and its text were accepted by `value`, unchanged
        // since, as the caller promises: valid, and UTF-8 for a string.
        let value = unsafe { self.value_with(|bytes| Ok(core::str::from_utf8_unchecked(bytes))) };
        value.unwrap_or(HeaderValue::Bool(false)) // accepted before: never the default
    }

    /// The value, its text made `&str` by `text`.
    ///
    /// # Safety
    /// As [`value`](Self::value).
    unsafe fn value_with<'a>(
        &'a self,
        text: impl FnOnce(&'a [u8]) -> Result<&'a str, i32>,
    ) -> Result<HeaderValue<'a>, i32> {
        // SAFETY: the caller's view, as documented.
        let bytes = || unsafe { borrowed(self.bytes.ptr, self.bytes.len) };
        Ok(match self.type_byte {
            ES_TYPE_TRUE => HeaderValue::Bool(true),
            ES_TYPE_FALSE => HeaderValue::Bool(false),
            ES_TYPE_BYTE => HeaderValue::Byte(self.integer as i8),
            ES_TYPE_INT16 => HeaderValue::Int16(self.integer as i16),
            ES_TYPE_INT32 => HeaderValue::Int32(self.integer as i32),
            ES_TYPE_INT64 => HeaderValue::Int64(self.integer),
            ES_TYPE_BYTE_ARRAY => HeaderValue::ByteArray(bytes()?),
            ES_TYPE_STRING => HeaderValue::String(text(bytes()?)?),
            ES_TYPE_TIMESTAMP => HeaderValue::Timestamp(self.integer),
            ES_TYPE_UUID => HeaderValue::Uuid(self.uuid),
            _ => return Err(ES_ERR_VALUE_TYPE),
        })
    }
}

/// An iterator over a frame's headers: opaque storage in the caller's
/// memory, filled by `es_message_headers` or `es_stream_decoder_headers`.
/// Its views are valid while the frame's bytes are.
#[repr(C)]
pub struct es_header_iter {
    _opaque: [u64; 8],
}

/// What an `es_header_iter` holds.
#[repr(C)]
struct IterState {
    magic: u64,
    headers: Headers<'static>,
}

const ITER_MAGIC: u64 = u64::from_be_bytes(*b"es:iter\0");

const _: () = assert!(size_of::<IterState>() <= size_of::<es_header_iter>());
const _: () = assert!(align_of::<IterState>() <= align_of::<es_header_iter>());

/// Fills `iter` with `headers`, whose bytes the caller keeps valid.
///
/// # Safety
/// `iter` must be NULL or point to writable storage for an `es_header_iter`.
pub(crate) unsafe fn start(iter: *mut es_header_iter, headers: Headers<'_>) -> c_int {
    // SAFETY: NULL and alignment are checked by `out`; the storage is the caller's.
    let Ok(storage) = (unsafe { out(iter) }) else {
        return ES_ERR_NULL;
    };
    // SAFETY: the views' lifetime is the C contract (valid while the frame's
    // bytes are); `Headers` has no destructor, so forgetting it is fine.
    let headers = unsafe { core::mem::transmute::<Headers<'_>, Headers<'static>>(headers) };
    let state = IterState {
        magic: ITER_MAGIC,
        headers,
    };
    // SAFETY: the storage is large and aligned enough for an `IterState` (the
    // assertions above) and the caller's to overwrite.
    unsafe { core::ptr::write((storage as *mut es_header_iter).cast::<IterState>(), state) };
    crate::ES_OK
}

/// Writes the next header into `*header`: 1 when there was one, 0 at the
/// end, a negative code for NULL pointers or an iterator never filled.
///
/// # Safety
/// `iter` must be NULL or an `es_header_iter` the library filled; `header`
/// NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_header_iter_next(
    iter: *mut es_header_iter,
    header: *mut es_header,
) -> c_int {
    // SAFETY: the caller's pointers, as documented: one writable header.
    unsafe { fill(iter, header, 1) as c_int }
}

/// Writes up to `capacity` next headers into `headers[0..]`, in wire
/// order: how many it wrote (0 at the end), or a negative code for NULL
/// pointers, an iterator never filled or a `capacity` too large to be an
/// array. What `es_header_iter_next` does, in one call for many headers.
///
/// # Safety
/// `iter` must be NULL or an `es_header_iter` the library filled; `headers`
/// NULL or writable for `capacity` `es_header`s.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_header_iter_fill(
    iter: *mut es_header_iter,
    headers: *mut es_header,
    capacity: usize,
) -> isize {
    // SAFETY: the caller's pointers, as documented.
    unsafe { fill(iter, headers, capacity) }
}

/// The body of `es_header_iter_next` and `es_header_iter_fill`.
///
/// # Safety
/// As `es_header_iter_fill`.
#[inline(always)]
unsafe fn fill(iter: *mut es_header_iter, headers: *mut es_header, capacity: usize) -> isize {
    // SAFETY: checked for NULL and alignment by `out`; the caller's memory.
    let Ok(storage) = (unsafe { out(iter) }) else {
        return ES_ERR_NULL as isize;
    };
    if headers.is_null() || !headers.is_aligned() {
        return ES_ERR_NULL as isize;
    }
    if storage._opaque[0] != ITER_MAGIC {
        return ES_ERR_UNINITIALIZED as isize;
    }
    if capacity > isize::MAX as usize / size_of::<es_header>() {
        return ES_ERR_LENGTH as isize;
    }
    // SAFETY: the magic says `start` wrote an `IterState` here.
    let state = unsafe { &mut *(storage as *mut es_header_iter).cast::<IterState>() };
    let mut filled = 0;
    while filled < capacity
        && let Some(next) = state.headers.next()
    {
        // SAFETY: `filled < capacity`, and the caller's array holds
        // `capacity` writable `es_header`s; written, never read, so
        // memory not yet initialised is fine.
        unsafe { headers.add(filled).write(es_header::of(next)) };
        filled += 1;
    }
    filled as isize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ES_OK, es_decode, es_decoder, es_decoder_init, es_message, es_message_headers};

    #[test]
    #[allow(unsafe_code)] // the C ABI, called as C calls it
    fn fill_batches_what_next_gives_and_refuses_bad_arguments() {
        let headers: Vec<Header<'_>> = (0..7)
            .map(|i| {
                Header::new(
                    ["a", "b", "c", "d", "e", "f", "g"][i],
                    HeaderValue::Int32(i as i32),
                )
            })
            .collect();
        let frame = eventstream_core::encode_to_vec(&headers, b"x").unwrap();
        // SAFETY: zeroed storage filled by the library, as C holds it; the
        // frame outlives every view.
        unsafe {
            let mut decoder: es_decoder = core::mem::zeroed();
            let mut message: es_message = core::mem::zeroed();
            let mut iter: es_header_iter = core::mem::zeroed();
            let mut out: [es_header; 3] = core::mem::zeroed();
            assert_eq!(
                es_header_iter_fill(&mut iter, out.as_mut_ptr(), 3),
                ES_ERR_UNINITIALIZED as isize
            );
            es_decoder_init(&mut decoder);
            let none = core::ptr::null_mut();
            assert_eq!(
                es_decode(
                    &mut decoder,
                    frame.as_ptr(),
                    frame.len(),
                    &mut message,
                    none
                ),
                ES_OK
            );
            es_message_headers(&message, &mut iter);
            assert_eq!(
                es_header_iter_fill(none.cast(), out.as_mut_ptr(), 3),
                ES_ERR_NULL as isize
            );
            assert_eq!(
                es_header_iter_fill(&mut iter, none.cast(), 3),
                ES_ERR_NULL as isize
            );
            assert_eq!(
                es_header_iter_fill(&mut iter, out.as_mut_ptr(), usize::MAX),
                ES_ERR_LENGTH as isize
            );
            let mut integers = Vec::new();
            for expected in [3, 3, 1, 0] {
                let filled = es_header_iter_fill(&mut iter, out.as_mut_ptr(), 3);
                assert_eq!(filled, expected);
                integers.extend(out[..filled as usize].iter().map(|h| h.value.integer));
            }
            assert_eq!(integers, [0, 1, 2, 3, 4, 5, 6]);
            assert_eq!(es_header_iter_next(&mut iter, out.as_mut_ptr()), 0);
        }
    }
}
