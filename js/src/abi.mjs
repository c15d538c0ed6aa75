// The C ABI's numbers as the WebAssembly build (wasm32) has them, from
// `ffi/include/eventstream.h`: test/abi.test.mjs reads the header and fails
// on any difference.

// Storage sizes: `uint64_t _opaque[N]` of each opaque struct.
export const DECODER_SIZE = 384; // es_decoder: uint64_t[48]
export const MESSAGE_SIZE = 128; // es_message: uint64_t[16]
export const ITER_SIZE = 64; // es_header_iter: uint64_t[8]

// es_header on wasm32: its name {ptr, len}, then es_header_value's type
// byte, integer (an int64_t, 8-aligned), bytes {ptr, len} and UUID.
export const HEADER_SIZE = 48;
export const H_TYPE = 8;
export const H_INTEGER = 16;
export const H_BYTES = 24;
export const H_UUID = 32;

export const ES_OK = 0;
export const ES_INCOMPLETE = 1;

// The errors JavaScript code matches on, by `ES_ERR_*` code: each name is
// the constant's, in CamelCase (ES_ERR_PRELUDE_CHECKSUM: PreludeChecksum).
export const ERROR_NAMES = {
  [-10]: 'PreludeChecksum',
  [-11]: 'MessageTooShort',
  [-12]: 'MessageTooLong',
  [-13]: 'HeadersExceedFrame',
  [-14]: 'HeadersTooLong',
  [-15]: 'MessageChecksum',
  [-16]: 'HeaderTruncated',
  [-17]: 'HeaderNameEmpty',
  [-18]: 'HeaderNameNotUtf8',
  [-19]: 'UnknownHeaderType',
  [-20]: 'HeaderStringNotUtf8',
  [-25]: 'TrailingBytes',
  [-26]: 'Truncated',
  [-30]: 'EncodeNameEmpty',
  [-31]: 'EncodeNameTooLong',
  [-32]: 'EncodeValueTooLong',
  [-33]: 'EncodeHeadersTooLong',
  [-34]: 'EncodeMessageTooLong',
};
