//! Return codes: `ES_OK`, `ES_INCOMPLETE`, and one negative code per way a
//! call can fail, named by `es_strerror`.

use core::ffi::{c_char, c_int};
use eventstream_core::{EncodeError, Error};

/// Success.
pub const ES_OK: i32 = 0;
/// The input holds part of a frame: more bytes are needed.
pub const ES_INCOMPLETE: i32 = 1;

/// A NULL or misaligned pointer where one is required.
pub const ES_ERR_NULL: i32 = -1;
/// Decoder or message storage that its `_init` (or a decode) never filled.
pub const ES_ERR_UNINITIALIZED: i32 = -2;
/// A length larger than any object can be (`> PTRDIFF_MAX`).
pub const ES_ERR_LENGTH: i32 = -3;
/// A header name given to the encoder or a lookup that is not UTF-8.
pub const ES_ERR_NAME_NOT_UTF8: i32 = -5;
/// A value of an unknown type given to the encoder.
pub const ES_ERR_VALUE_TYPE: i32 = -7;

/// The prelude CRC does not match its 8 bytes.
pub const ES_ERR_PRELUDE_CHECKSUM: i32 = -10;
/// `total_length` is below 16.
pub const ES_ERR_MESSAGE_TOO_SHORT: i32 = -11;
/// `total_length` is above the decoder's limit.
pub const ES_ERR_MESSAGE_TOO_LONG: i32 = -12;
/// `headers_length` does not fit in the frame.
pub const ES_ERR_HEADERS_EXCEED_FRAME: i32 = -13;
/// `headers_length` is above the decoder's limit.
pub const ES_ERR_HEADERS_TOO_LONG: i32 = -14;
/// The message CRC does not match the frame.
pub const ES_ERR_MESSAGE_CHECKSUM: i32 = -15;
/// A header runs past the end of the header block.
pub const ES_ERR_HEADER_TRUNCATED: i32 = -16;
/// A header name of length 0.
pub const ES_ERR_HEADER_NAME_EMPTY: i32 = -17;
/// A header name that is not UTF-8.
pub const ES_ERR_HEADER_NAME_NOT_UTF8: i32 = -18;
/// A header value type byte above 9.
pub const ES_ERR_UNKNOWN_HEADER_TYPE: i32 = -19;
/// A string header value that is not UTF-8.
pub const ES_ERR_HEADER_STRING_NOT_UTF8: i32 = -20;
/// A header block larger than the streaming decoder's buffer.
pub const ES_ERR_HEADERS_EXCEED_CAPACITY: i32 = -21;
/// A header the message kind needs is missing.
pub const ES_ERR_MISSING_HEADER: i32 = -22;
/// A header the message kind needs is not a string.
pub const ES_ERR_HEADER_WRONG_TYPE: i32 = -23;
/// A `:message-type` other than event, exception or error.
pub const ES_ERR_UNKNOWN_MESSAGE_TYPE: i32 = -24;
/// Bytes after the one frame expected.
pub const ES_ERR_TRAILING_BYTES: i32 = -25;
/// The input ends inside a frame.
pub const ES_ERR_TRUNCATED: i32 = -26;
/// Another decoding error (a newer library's).
pub const ES_ERR_DECODE: i32 = -29;

/// The encoder was given a header name of length 0.
pub const ES_ERR_ENCODE_NAME_EMPTY: i32 = -30;
/// The encoder was given a header name over 255 bytes.
pub const ES_ERR_ENCODE_NAME_TOO_LONG: i32 = -31;
/// The encoder was given a string or byte value over 32767 bytes.
pub const ES_ERR_ENCODE_VALUE_TOO_LONG: i32 = -32;
/// The headers would take more than 128 KiB.
pub const ES_ERR_ENCODE_HEADERS_TOO_LONG: i32 = -33;
/// The frame would exceed the spec's largest.
pub const ES_ERR_ENCODE_MESSAGE_TOO_LONG: i32 = -34;
/// The output buffer is too small for the frame.
pub const ES_ERR_BUFFER_TOO_SMALL: i32 = -35;
/// Another encoding error (a newer library's).
pub const ES_ERR_ENCODE: i32 = -39;

/// The frame is an exception the service sent (see `es_message_kind`).
pub const ES_ERR_EXCEPTION: i32 = -40;
/// The frame is an error the service sent (see `es_message_kind`).
pub const ES_ERR_SERVICE_ERROR: i32 = -41;
/// A Lambda `InvokeComplete` whose JSON payload is malformed.
pub const ES_ERR_MALFORMED: i32 = -42;
/// A Lambda function's output that does not start with a function URL's
/// HTTP-integration prelude (a JSON object, then 8 NUL bytes).
pub const ES_ERR_HTTP_PRELUDE: i32 = -43;

/// The code of a decoding error: what the C functions return for it (for
/// Rust code that compares with them, such as `examples/canonical.rs`).
pub fn decode_code(error: &Error) -> c_int {
    match error {
        Error::PreludeChecksum { .. } => ES_ERR_PRELUDE_CHECKSUM,
        Error::MessageTooShort { .. } => ES_ERR_MESSAGE_TOO_SHORT,
        Error::MessageTooLong { .. } => ES_ERR_MESSAGE_TOO_LONG,
        Error::HeadersExceedFrame { .. } => ES_ERR_HEADERS_EXCEED_FRAME,
        Error::HeadersTooLong { .. } => ES_ERR_HEADERS_TOO_LONG,
        Error::MessageChecksum { .. } => ES_ERR_MESSAGE_CHECKSUM,
        Error::HeaderTruncated { .. } => ES_ERR_HEADER_TRUNCATED,
        Error::HeaderNameEmpty { .. } => ES_ERR_HEADER_NAME_EMPTY,
        Error::HeaderNameNotUtf8 { .. } => ES_ERR_HEADER_NAME_NOT_UTF8,
        Error::UnknownHeaderType { .. } => ES_ERR_UNKNOWN_HEADER_TYPE,
        Error::HeaderStringNotUtf8 { .. } => ES_ERR_HEADER_STRING_NOT_UTF8,
        Error::HeadersExceedCapacity { .. } => ES_ERR_HEADERS_EXCEED_CAPACITY,
        Error::MissingHeader { .. } => ES_ERR_MISSING_HEADER,
        Error::HeaderWrongType { .. } => ES_ERR_HEADER_WRONG_TYPE,
        Error::UnknownMessageType { .. } => ES_ERR_UNKNOWN_MESSAGE_TYPE,
        Error::TrailingBytes { .. } => ES_ERR_TRAILING_BYTES,
        Error::Truncated { .. } => ES_ERR_TRUNCATED,
        _ => ES_ERR_DECODE,
    }
}

/// The code of an encoding error, as the C functions return it.
pub fn encode_code(error: &EncodeError) -> c_int {
    match error {
        EncodeError::HeaderNameEmpty { .. } => ES_ERR_ENCODE_NAME_EMPTY,
        EncodeError::HeaderNameTooLong { .. } => ES_ERR_ENCODE_NAME_TOO_LONG,
        EncodeError::HeaderValueTooLong { .. } => ES_ERR_ENCODE_VALUE_TOO_LONG,
        EncodeError::HeadersTooLong { .. } => ES_ERR_ENCODE_HEADERS_TOO_LONG,
        EncodeError::MessageTooLong { .. } => ES_ERR_ENCODE_MESSAGE_TOO_LONG,
        EncodeError::BufferTooSmall { .. } => ES_ERR_BUFFER_TOO_SMALL,
        _ => ES_ERR_ENCODE,
    }
}

/// What a return code means, as a NUL-terminated string that lives as long
/// as the library; `"unknown error code"` for a code it does not know.
#[unsafe(no_mangle)]
pub extern "C" fn es_strerror(code: i32) -> *const c_char {
    let text: &'static str = match code {
        ES_OK => "ok\0",
        ES_INCOMPLETE => "incomplete: more bytes are needed\0",
        ES_ERR_NULL => "a required pointer is NULL or misaligned\0",
        ES_ERR_UNINITIALIZED => "the storage was never initialised\0",
        ES_ERR_LENGTH => "a length is larger than any object\0",
        ES_ERR_NAME_NOT_UTF8 => "a header name is not UTF-8\0",
        ES_ERR_VALUE_TYPE => "a header value type above 9\0",
        ES_ERR_PRELUDE_CHECKSUM => "prelude checksum mismatch\0",
        ES_ERR_MESSAGE_TOO_SHORT => "total length below the 16-byte minimum\0",
        ES_ERR_MESSAGE_TOO_LONG => "total length above the limit\0",
        ES_ERR_HEADERS_EXCEED_FRAME => "headers length does not fit in the frame\0",
        ES_ERR_HEADERS_TOO_LONG => "headers length above the limit\0",
        ES_ERR_MESSAGE_CHECKSUM => "message checksum mismatch\0",
        ES_ERR_HEADER_TRUNCATED => "a header runs past the header block\0",
        ES_ERR_HEADER_NAME_EMPTY => "a header name is empty\0",
        ES_ERR_HEADER_NAME_NOT_UTF8 => "a header name is not UTF-8\0",
        ES_ERR_UNKNOWN_HEADER_TYPE => "unknown header value type\0",
        ES_ERR_HEADER_STRING_NOT_UTF8 => "a string header value is not UTF-8\0",
        ES_ERR_HEADERS_EXCEED_CAPACITY => "header block larger than the decoder's buffer\0",
        ES_ERR_MISSING_HEADER => "a header the message kind needs is missing\0",
        ES_ERR_HEADER_WRONG_TYPE => "a header the message kind needs is not a string\0",
        ES_ERR_UNKNOWN_MESSAGE_TYPE => "unknown :message-type\0",
        ES_ERR_TRAILING_BYTES => "bytes after the frame\0",
        ES_ERR_TRUNCATED => "the input ends inside a frame\0",
        ES_ERR_DECODE => "decoding error\0",
        ES_ERR_ENCODE_NAME_EMPTY => "cannot encode an empty header name\0",
        ES_ERR_ENCODE_NAME_TOO_LONG => "cannot encode a header name over 255 bytes\0",
        ES_ERR_ENCODE_VALUE_TOO_LONG => "cannot encode a header value over 32767 bytes\0",
        ES_ERR_ENCODE_HEADERS_TOO_LONG => "cannot encode headers over 128 KiB\0",
        ES_ERR_ENCODE_MESSAGE_TOO_LONG => "cannot encode a frame over the spec's maximum\0",
        ES_ERR_BUFFER_TOO_SMALL => "the output buffer is too small\0",
        ES_ERR_ENCODE => "encoding error\0",
        ES_ERR_EXCEPTION => "the service sent an exception\0",
        ES_ERR_SERVICE_ERROR => "the service sent an error\0",
        ES_ERR_MALFORMED => "malformed event payload\0",
        ES_ERR_HTTP_PRELUDE => {
            "not a function URL's HTTP prelude (a JSON object, then 8 NUL bytes)\0"
        }
        _ => "unknown error code\0",
    };
    text.as_ptr().cast()
}
