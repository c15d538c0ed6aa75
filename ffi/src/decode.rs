//! Whole frames: `es_decoder`, `es_decode` and the `es_message` it fills,
//! with lookups and kinds.

use crate::errors::*;
use crate::header::{es_header_iter, es_header_value};
use crate::{borrowed, es_bytes, es_limits, header, out};
use core::ffi::{CStr, c_char, c_int};
use eventstream_core::{Decoder, Error, Limits, MessageKind, MessageRef, Status};

/// A whole-frame decoder: opaque storage in the caller's memory (the stack
/// is fine), filled by `es_decoder_init`. It keeps a checked prelude between
/// calls, the last header block it validated, and its last error.
#[repr(C)]
pub struct es_decoder {
    _opaque: [u64; 48],
}

/// One decoded frame: opaque storage in the caller's memory, filled by
/// `es_decode`. A view into the caller's input, valid while that input is.
#[repr(C)]
pub struct es_message {
    _opaque: [u64; 16],
}

#[repr(C)]
struct DecoderState {
    magic: u64,
    decoder: Decoder,
    last_error: Option<Error>,
}

#[repr(C)]
struct MessageState {
    magic: u64,
    message: MessageRef<'static>,
}

const DECODER_MAGIC: u64 = u64::from_be_bytes(*b"es:decod");
const MESSAGE_MAGIC: u64 = u64::from_be_bytes(*b"es:messg");

const _: () = assert!(size_of::<DecoderState>() <= size_of::<es_decoder>());
const _: () = assert!(align_of::<DecoderState>() <= align_of::<es_decoder>());
const _: () = assert!(size_of::<MessageState>() <= size_of::<es_message>());
const _: () = assert!(align_of::<MessageState>() <= align_of::<es_message>());
// Storage is overwritten without dropping what it held: the decoders own
// no memory beyond themselves (fixed buffers of bytes), so nothing leaks.

/// The decoder state in `decoder`'s storage, if `es_decoder_init` filled it.
///
/// # Safety
/// `decoder` must be NULL or point to an `es_decoder` nothing else uses now.
unsafe fn state<'a>(decoder: *mut es_decoder) -> Result<&'a mut DecoderState, i32> {
    // SAFETY: checked for NULL and alignment; the caller's storage.
    let storage = unsafe { out(decoder)? };
    if storage._opaque[0] != DECODER_MAGIC {
        return Err(ES_ERR_UNINITIALIZED);
    }
    // SAFETY: the magic says `es_decoder_init` wrote a `DecoderState` here.
    Ok(unsafe { &mut *(storage as *mut es_decoder).cast::<DecoderState>() })
}

/// The frame in `message`'s storage, if `es_decode` filled it.
///
/// # Safety
/// `message` must be NULL or point to an `es_message`.
pub(crate) unsafe fn message<'a>(message: *const es_message) -> Result<&'a MessageRef<'a>, i32> {
    if message.is_null() || !message.is_aligned() {
        return Err(ES_ERR_NULL);
    }
    // SAFETY: not NULL, aligned: the caller's `es_message`.
    let storage = unsafe { &*message };
    if storage._opaque[0] != MESSAGE_MAGIC {
        return Err(ES_ERR_UNINITIALIZED);
    }
    // SAFETY: the magic says `es_decode` wrote a `MessageState` here; its
    // views are valid while the caller's input is (the C contract).
    Ok(unsafe { &(*(message as *const MessageState)).message })
}

/// Fills `decoder` with a decoder at the spec's limits (frames up to
/// 16 + 128 KiB + 24 MiB, header blocks up to 128 KiB). NULL is ignored.
///
/// # Safety
/// `decoder` must be NULL or point to writable storage for an `es_decoder`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_decoder_init(decoder: *mut es_decoder) {
    // SAFETY: the caller's storage, as documented.
    let _ = unsafe { init(decoder, Limits::default()) };
}

/// Fills `decoder` with a decoder at `limits`; `ES_ERR_NULL` for NULL.
///
/// # Safety
/// `decoder` must be NULL or point to writable storage for an `es_decoder`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_decoder_init_with_limits(
    decoder: *mut es_decoder,
    limits: es_limits,
) -> c_int {
    // SAFETY: the caller's storage, as documented.
    unsafe { init(decoder, limits.into()) }
}

/// # Safety
/// As `es_decoder_init`.
unsafe fn init(decoder: *mut es_decoder, limits: Limits) -> c_int {
    // SAFETY: checked for NULL and alignment; the caller's storage.
    let Ok(storage) = (unsafe { out(decoder) }) else {
        return ES_ERR_NULL;
    };
    let state = DecoderState {
        magic: DECODER_MAGIC,
        decoder: Decoder::with_limits(limits),
        last_error: None,
    };
    // SAFETY: large and aligned enough (the assertions above), the
    // caller's to overwrite, and what it held needs no drop.
    unsafe { core::ptr::write((storage as *mut es_decoder).cast::<DecoderState>(), state) };
    ES_OK
}

/// Decodes the frame at the front of `input`. `ES_OK`: `*message` holds it,
/// and the caller consumes `es_message_len(message)` bytes. `ES_INCOMPLETE`:
/// `*needed` is at least how many more bytes it takes (exact once the
/// 12-byte prelude is in). Negative: an error; `es_decoder_error_offset` and
/// `es_decoder_error_message` tell where and what. A bad prelude is an
/// error at once, never `ES_INCOMPLETE`. `needed` may be NULL.
///
/// # Safety
/// `decoder` must be initialised; `input` must point to `input_len`
/// readable bytes (or be NULL with 0); `message` writable; `needed` NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_decode(
    decoder: *mut es_decoder,
    input: *const u8,
    input_len: usize,
    message: *mut es_message,
    needed: *mut usize,
) -> c_int {
    // SAFETY: the caller's pointers, as `es_decode` documents.
    unsafe { decode_with(decoder, input, input_len, message, needed, Decoder::decode) }
}

/// `es_decode`'s body, with the core's decode call given: `es_decode`'s
/// own, or the WebAssembly build's with the host's CRC.
///
/// # Safety
/// As `es_decode`.
#[inline(always)]
pub(crate) unsafe fn decode_with(
    decoder: *mut es_decoder,
    input: *const u8,
    input_len: usize,
    message: *mut es_message,
    needed: *mut usize,
    decode: impl for<'a> FnOnce(&mut Decoder, &'a [u8]) -> Result<Status<MessageRef<'a>>, Error>,
) -> c_int {
    // SAFETY: the caller's pointers, as documented.
    let (state, bytes, storage) =
        match unsafe { (state(decoder), borrowed(input, input_len), out(message)) } {
            (Ok(state), Ok(bytes), Ok(storage)) => (state, bytes, storage),
            (Err(code), _, _) | (_, Err(code), _) | (_, _, Err(code)) => return code,
        };
    match decode(&mut state.decoder, bytes) {
        Ok(Status::Complete(decoded)) => {
            if state.last_error.is_some() {
                state.last_error = None;
            }
            // SAFETY: the view's lifetime is the C contract (valid while
            // the input is); `MessageRef` has no destructor.
            let decoded =
                unsafe { core::mem::transmute::<MessageRef<'_>, MessageRef<'static>>(decoded) };
            let filled = MessageState {
                magic: MESSAGE_MAGIC,
                message: decoded,
            };
            // SAFETY: large and aligned enough (the assertions above), the caller's.
            unsafe {
                core::ptr::write((storage as *mut es_message).cast::<MessageState>(), filled)
            };
            ES_OK
        }
        Ok(Status::Incomplete { needed: more }) => {
            state.last_error = None;
            // SAFETY: NULL, or the caller's writable `size_t`.
            if let Ok(needed) = unsafe { out(needed) } {
                *needed = more;
            }
            ES_INCOMPLETE
        }
        Err(error) => {
            state.last_error = Some(error);
            decode_code(&error)
        }
    }
}

/// Where the decoder's last error was found, in bytes from the start of
/// the frame it was decoding; -1 when its last call did not fail.
///
/// # Safety
/// `decoder` must be NULL or initialised.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_decoder_error_offset(decoder: *mut es_decoder) -> i64 {
    // SAFETY: the caller's decoder, as documented.
    match unsafe { state(decoder) } {
        Ok(DecoderState {
            last_error: Some(error),
            ..
        }) => i64::try_from(error.offset()).unwrap_or(i64::MAX),
        _ => -1,
    }
}

/// Writes the decoder's last error in full ("message checksum mismatch at
/// byte 25: ...") into `buf`, NUL-terminated and cut to `cap` bytes; returns
/// the length of the whole text (0 when the last call did not fail), as
/// `snprintf` does.
///
/// # Safety
/// `decoder` must be NULL or initialised; `buf` must point to `cap`
/// writable bytes (or be NULL with 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_decoder_error_message(
    decoder: *mut es_decoder,
    buf: *mut c_char,
    cap: usize,
) -> usize {
    // SAFETY: the caller's decoder, as documented.
    let Ok(DecoderState {
        last_error: Some(error),
        ..
    }) = (unsafe { state(decoder) })
    else {
        return 0;
    };
    // SAFETY: the caller's buffer, as documented.
    unsafe { write_text(&error, buf, cap) }
}

/// Writes `text` into `buf` as `snprintf` would, NUL-terminated and cut to
/// fit; returns the whole text's length. Nothing is allocated: the text is
/// formatted straight into the caller's buffer.
///
/// # Safety
/// `buf` must point to `cap` writable bytes, or be NULL with `cap` 0.
pub(crate) unsafe fn write_text(
    text: &dyn core::fmt::Display,
    buf: *mut c_char,
    cap: usize,
) -> usize {
    use core::fmt::Write;
    let room = if buf.is_null() || cap == 0 || cap > isize::MAX as usize {
        &mut [][..]
    } else {
        // SAFETY: `buf` holds `cap` writable bytes that nothing else uses
        // during this call, as the caller promises.
        unsafe { core::slice::from_raw_parts_mut(buf.cast::<u8>(), cap) }
    };
    let mut out = Truncating { room, len: 0 };
    // `Truncating` never fails, and the core's `Display` impls only forward.
    let _ = write!(out, "{text}");
    if let Some(last) = out.room.len().checked_sub(1) {
        out.room[out.len.min(last)] = 0;
    }
    out.len
}

/// A `snprintf`-shaped writer: keeps what fits before the last byte
/// (the NUL's), counts everything.
struct Truncating<'a> {
    room: &'a mut [u8],
    len: usize,
}

impl core::fmt::Write for Truncating<'_> {
    fn write_str(&mut self, text: &str) -> core::fmt::Result {
        let fits = self.room.len().saturating_sub(1);
        if self.len < fits {
            let n = text.len().min(fits - self.len);
            self.room[self.len..self.len + n].copy_from_slice(&text.as_bytes()[..n]);
        }
        self.len += text.len();
        Ok(())
    }
}

/// Bytes in the whole frame: what the caller consumes after `ES_OK`; 0 for
/// a NULL or unfilled message.
///
/// # Safety
/// `message` must be NULL or an `es_message` (whose input is still valid).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_message_len(message: *const es_message) -> usize {
    // SAFETY: the caller's message, as documented.
    unsafe { self::message(message) }.map_or(0, |m| m.len())
}

/// The payload, a view into the input; empty for a NULL or unfilled message.
///
/// # Safety
/// As `es_message_len`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_message_payload(message: *const es_message) -> es_bytes {
    // SAFETY: the caller's message, as documented.
    unsafe { self::message(message) }.map_or(es_bytes::EMPTY, |m| es_bytes::of(m.payload()))
}

/// The whole frame as it was on the wire, a view into the input.
///
/// # Safety
/// As `es_message_len`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_message_frame(message: *const es_message) -> es_bytes {
    // SAFETY: the caller's message, as documented.
    unsafe { self::message(message) }.map_or(es_bytes::EMPTY, |m| es_bytes::of(m.as_bytes()))
}

/// The header block as it was on the wire, a view into the input: for
/// callers that keep what they built from a block and reuse it when the
/// next frame's block is the same bytes (the JavaScript package does).
///
/// # Safety
/// As `es_message_len`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_message_header_block(message: *const es_message) -> es_bytes {
    // SAFETY: the caller's message, as documented.
    unsafe { self::message(message) }.map_or(es_bytes::EMPTY, |m| es_bytes::of(m.header_block()))
}

/// Fills `iter` with the message's headers, in wire order (read them with
/// `es_header_iter_next`).
///
/// # Safety
/// `message` must be NULL or an `es_message`; `iter` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_message_headers(
    message: *const es_message,
    iter: *mut es_header_iter,
) -> c_int {
    // SAFETY: the caller's message, as documented.
    match unsafe { self::message(message) } {
        // SAFETY: the caller's iterator storage, as documented.
        Ok(message) => unsafe { header::start(iter, message.headers()) },
        Err(code) => code,
    }
}

/// Checks a header block on its own (the bytes between a frame's prelude
/// and payload) as `es_decode` checks a frame's, and fills `iter` with its
/// headers: `ES_OK`, or the error it has, whose text and byte offset
/// (counted from the block's start) `decoder` then gives, as after
/// `es_decode`. The views point into `block`, valid while it is.
///
/// # Safety
/// `decoder` must be NULL or an `es_decoder`; `block` must point to `len`
/// readable bytes (or be NULL with 0) that do not change while the headers
/// are read; `iter` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_headers_parse(
    decoder: *mut es_decoder,
    block: *const u8,
    len: usize,
    iter: *mut es_header_iter,
) -> c_int {
    // SAFETY: the caller's decoder and bytes, as documented.
    let (state, block) = match unsafe { (state(decoder), borrowed(block, len)) } {
        (Ok(state), Ok(block)) => (state, block),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    match eventstream_core::Headers::parse(block) {
        Ok(headers) => {
            state.last_error = None;
            // SAFETY: the caller's iterator storage, as documented.
            unsafe { header::start(iter, headers) }
        }
        Err(error) => {
            state.last_error = Some(error);
            decode_code(&error)
        }
    }
}

/// The value of the first header called `name` (NUL-terminated): 1 and
/// `*value` set when there is one, 0 when not, negative for bad arguments.
///
/// # Safety
/// `message` must be NULL or an `es_message`; `name` NULL or a
/// NUL-terminated string; `value` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_message_header(
    message: *const es_message,
    name: *const c_char,
    value: *mut es_header_value,
) -> c_int {
    // SAFETY: the caller's pointers, as documented.
    let found = match unsafe { lookup(message, name) } {
        Ok(found) => found,
        Err(code) => return code,
    };
    // SAFETY: NULL, or the caller's writable value.
    let Ok(value) = (unsafe { out(value) }) else {
        return ES_ERR_NULL;
    };
    match found {
        Some(found) => {
            *value = es_header_value::of(found);
            1
        }
        None => 0,
    }
}

/// The text of the first header called `name` (NUL-terminated), if it is a
/// string: 1 and `*value` set, else 0 (absent, or of another type).
///
/// # Safety
/// As `es_message_header`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_message_header_string(
    message: *const es_message,
    name: *const c_char,
    value: *mut es_bytes,
) -> c_int {
    // SAFETY: the caller's pointers, as documented.
    let found = match unsafe { lookup(message, name) } {
        Ok(found) => found,
        Err(code) => return code,
    };
    // SAFETY: NULL, or the caller's writable view.
    let Ok(value) = (unsafe { out(value) }) else {
        return ES_ERR_NULL;
    };
    match found.and_then(|v| v.as_str()) {
        Some(text) => {
            *value = es_bytes::of(text.as_bytes());
            1
        }
        None => 0,
    }
}

/// The lookup behind both header functions.
///
/// # Safety
/// As `es_message_header`.
unsafe fn lookup<'a>(
    message: *const es_message,
    name: *const c_char,
) -> Result<Option<eventstream_core::HeaderValue<'a>>, i32> {
    // SAFETY: the caller's message, as documented.
    let message = unsafe { self::message(message)? };
    if name.is_null() {
        return Err(ES_ERR_NULL);
    }
    // SAFETY: not NULL: the caller's NUL-terminated string.
    let name = unsafe { CStr::from_ptr(name) }
        .to_str()
        .map_err(|_| ES_ERR_NAME_NOT_UTF8)?;
    Ok(message.header(name))
}

/// An event: `name` is its `:event-type`.
pub const ES_KIND_EVENT: i32 = 1;
/// A modelled exception: `name` is its `:exception-type`, `message` the
/// `message` (or `Message`) of its JSON payload, a raw JSON string view
/// (`es_json_unescape` decodes it; empty when absent).
pub const ES_KIND_EXCEPTION: i32 = 2;
/// An error outside the model: `name` is its `:error-code`, `message` its
/// `:error-message` (empty when absent).
pub const ES_KIND_ERROR: i32 = 3;

/// What kind of message a frame is, for any AWS service.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct es_kind {
    /// `ES_KIND_EVENT`, `ES_KIND_EXCEPTION` or `ES_KIND_ERROR`.
    pub kind: i32,
    /// The event type, exception type or error code: a view into the frame.
    pub name: es_bytes,
    /// An error's `:error-message`, or an exception's JSON `message` (raw:
    /// see `ES_KIND_EXCEPTION`); empty for events and when absent.
    pub message: es_bytes,
}

/// The frame's kind, by its `:message-type`: `ES_OK` and `*kind` set, or a
/// negative code naming what does not fit (`ES_ERR_MISSING_HEADER`, ...).
///
/// # Safety
/// `message` must be NULL or an `es_message`; `kind` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn es_message_kind(message: *const es_message, kind: *mut es_kind) -> c_int {
    // SAFETY: the caller's pointers, as documented.
    let (message, kind) = match unsafe { (self::message(message), out(kind)) } {
        (Ok(message), Ok(kind)) => (message, kind),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let text = |t: &str| es_bytes::of(t.as_bytes());
    *kind = match message.kind() {
        Ok(MessageKind::Event { event_type }) => es_kind {
            kind: ES_KIND_EVENT,
            name: text(event_type),
            message: es_bytes::EMPTY,
        },
        Ok(MessageKind::Exception { exception_type }) => es_kind {
            kind: ES_KIND_EXCEPTION,
            name: text(exception_type),
            message: eventstream_core::exception_message(message.payload())
                .map_or(es_bytes::EMPTY, |m| text(m.raw())),
        },
        Ok(MessageKind::Error { code, message }) => es_kind {
            kind: ES_KIND_ERROR,
            name: text(code),
            message: message.map_or(es_bytes::EMPTY, text),
        },
        Err(error) => return decode_code(&error),
    };
    ES_OK
}
