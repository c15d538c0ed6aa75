// The codec: `EventStreamCodec` and `HeaderMarshaller`, shaped as
// @smithy/eventstream-codec's, over the WebAssembly build of the C ABI
// (`ffi/`, `eventstream.h`). Every wire rule is the Rust core's; this file
// moves bytes in and out of the module's memory and builds smithy's
// `Message` shape. It imports nothing but the ABI's numbers, so it runs
// wherever WebAssembly does: the entry points load the module.
import {
  DECODER_SIZE,
  ERROR_NAMES,
  ES_INCOMPLETE,
  ES_OK,
  H_BYTES,
  H_INTEGER,
  H_TYPE,
  H_UUID,
  HEADER_SIZE,
  ITER_SIZE,
  MESSAGE_SIZE,
} from './abi.mjs';

// --- The module's memory ----------------------------------------------------

const SCRATCH_SIZE = 64; // es_bytes returned by pointer, `needed`, `written`
const TEXT_SIZE = 512; // an error's message
const PAGE = 65536;

/** One instance of the module: one decoder, and the memory around it. */
class Native {
  /**
   * @param {WebAssembly.Module} module the compiled `eventstream.wasm`
   * @param {((bytes: Uint8Array) => number) | undefined} hostCrc32 the host's
   *   CRC-32, used for frames of 4 KiB and more (`ffi/src/wasm.rs`)
   */
  constructor(module, hostCrc32) {
    const imports = {
      eventstream: {
        host_crc32: (ptr, len) => hostCrc32(this.hashed(ptr, len)),
      },
    };
    const exports = new WebAssembly.Instance(module, imports).exports;
    this.ex = exports;
    this.memory = exports.memory;
    this.decodeCall = hostCrc32 ? exports.es_decode_host_crc : exports.es_decode;
    // Frames whose covered bytes reach this are hashed by the host: their
    // payloads need not be copied in (see `putFrame`).
    this.hostCrcMin = hostCrc32 ? exports.es_host_crc_min() : Infinity;
    this.outside = null; // { source, at }: the frame at `at` is `source`'s bytes
    const base = (exports.__heap_base.value + 15) & ~15;
    this.decoder = base;
    this.message = this.decoder + DECODER_SIZE;
    this.iter = this.message + MESSAGE_SIZE;
    this.header = this.iter + ITER_SIZE;
    this.scratch = this.header + HEADER_SIZE;
    this.text = this.scratch + SCRATCH_SIZE;
    this.data = this.text + TEXT_SIZE; // input, or what encode writes
    this.views();
    exports.es_decoder_init(this.decoder);
  }

  views() {
    const buffer = this.memory.buffer;
    this.size = buffer.byteLength;
    this.u8 = new Uint8Array(buffer);
    this.u32 = new Uint32Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.dv = new DataView(buffer);
  }

  /** Makes the module's memory reach `end`. */
  reserve(end) {
    if (end > this.size) {
      this.memory.grow(Math.ceil((end - this.size) / PAGE));
      this.views();
    }
  }

  /** Copies `bytes` into the module's memory at `at`. */
  put(bytes, at) {
    this.reserve(at + bytes.byteLength);
    this.u8.set(bytes, at);
  }

  /**
   * Puts the one frame `bytes` should hold at `at` for a decode. A frame the
   * host will hash has only its prelude, header block and trailer copied
   * in: the core reads no other byte, and `hashed` gives the host the
   * caller's bytes, so the payload is never copied. Others are copied whole.
   * The decode that follows clears `outside`.
   */
  putFrame(bytes, at) {
    const len = bytes.byteLength;
    this.outside = null;
    if (len - 4 < this.hostCrcMin) {
      this.put(bytes, at);
      return;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, len);
    if (view.getUint32(0, false) !== len) {
      this.put(bytes, at);
      return;
    }
    const headEnd = Math.min(len - 4, 12 + view.getUint32(4, false));
    this.reserve(at + len);
    this.u8.set(bytes.subarray(0, headEnd), at);
    this.u8.set(bytes.subarray(len - 4), at + len - 4);
    this.outside = { source: bytes, at };
  }

  /** The bytes the host hashes: the module's memory, or the caller's for a frame left outside. */
  hashed(ptr, len) {
    const outside = this.outside;
    if (outside === null) return new Uint8Array(this.memory.buffer, ptr, len);
    return outside.source.subarray(ptr - outside.at, ptr - outside.at + len);
  }

  /** The module's NUL-terminated static string at `ptr`. */
  cString(ptr) {
    let end = ptr;
    while (this.u8[end] !== 0) end++;
    return utf8.decode(this.u8.subarray(ptr, end));
  }
}

// Text as the wire has it: a leading U+FEFF is a character of the text, not
// a byte-order mark to drop.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Out = new TextEncoder();

// --- Errors --------------------------------------------------------------------

/**
 * What was wrong with a frame, and where: `code` names the rule broken (as
 * the C ABI's `ES_ERR_*` do), `offset` is the byte it was found at, counted
 * from the start of the input given to `decode`, or of the stream given to
 * `feed`. The message says what was expected and what was found.
 */
export class EventStreamError extends Error {
  constructor(message, code, offset) {
    super(message);
    this.name = 'EventStreamError';
    this.code = code;
    this.offset = offset;
  }
}

function codeName(rc) {
  return ERROR_NAMES[rc] ?? `Error${rc}`;
}

/** The decoder's last error, its offset counted from `streamOffset`. */
function decodeError(native, rc, streamOffset) {
  const { ex, decoder, text } = native;
  const len = ex.es_decoder_error_message(decoder, text, TEXT_SIZE);
  const message = utf8.decode(native.u8.subarray(text, text + Math.min(len, TEXT_SIZE - 1)));
  const inFrame = Number(ex.es_decoder_error_offset(decoder));
  const offset = streamOffset + inFrame;
  // The core counts from the frame's start; say where in the stream, once.
  const said = `at byte ${inFrame}`;
  const what = streamOffset === 0 ? message : message.includes(said) ? message.replace(said, `at byte ${offset}`) : `${message} (at byte ${offset} of the stream)`;
  return new EventStreamError(what, codeName(rc), offset);
}

// --- Header values ---------------------------------------------------------------

const TYPE_NAMES = ['boolean', 'boolean', 'byte', 'short', 'integer', 'long', 'binary', 'string', 'timestamp', 'uuid'];
const TYPE_LIST = [...new Set(TYPE_NAMES)].join(', ');

/**
 * A 64-bit integer as smithy's `Int64`: its 8 big-endian bytes, with
 * `valueOf()` a number and `toString()` its decimal text.
 */
export class Int64 {
  constructor(bytes) {
    if (bytes.byteLength !== 8) {
      throw new RangeError(`an Int64 is 8 bytes, not ${bytes.byteLength}`);
    }
    this.bytes = bytes;
  }

  /** The Int64 of an integer number or a bigint. */
  static fromNumber(number) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setBigInt64(0, toBigInt64(number, 'an Int64'), false);
    return new Int64(bytes);
  }

  /** The value as a bigint: exact, where `valueOf()` rounds past 2^53. */
  toBigInt() {
    return new DataView(this.bytes.buffer, this.bytes.byteOffset, 8).getBigInt64(0, false);
  }

  valueOf() {
    return Number(this.toBigInt());
  }

  toString() {
    return String(this.toBigInt());
  }
}

function toBigInt64(value, what) {
  const number = typeof value === 'bigint' ? value : Number.isInteger(value) ? BigInt(value) : null;
  if (number === null || number !== BigInt.asIntN(64, number)) {
    throw new RangeError(`${what} must be a 64-bit integer, not ${String(value)}`);
  }
  return number;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function uuidText(u8, at) {
  let text = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) text += '-';
    text += HEX[u8[at + i]];
  }
  return text;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// --- Decoding --------------------------------------------------------------------

/**
 * The headers of the last header block, as read from it: a frame whose
 * block is the same bytes has the same headers, so they are not read
 * again, only made afresh (callers may change them). Streams repeat their
 * blocks (the same `:event-type` and `:content-type` in every frame), and
 * comparing a block costs far less than making its strings: `js/bench.mjs`
 * measures it. Blocks over 2 KiB are read every time.
 */
class BlockMemo {
  constructor() {
    const buffer = new ArrayBuffer(BlockMemo.MAX);
    this.bytes = new Uint8Array(buffer);
    this.words = new Uint32Array(buffer);
    this.len = -1;
    this.entries = [];
    this.shape = null;
  }

  /** Whether the block at `ptr` is the one remembered. */
  holds(native, ptr, len) {
    if (len !== this.len) return false;
    const { u8, u32 } = native;
    let i = 0;
    if ((ptr & 3) === 0) {
      const { words } = this;
      const base = ptr >> 2;
      for (const n = len >> 2; i < n; i++) if (u32[base + i] !== words[i]) return false;
      i <<= 2;
    }
    for (const { bytes } = this; i < len; i++) if (u8[ptr + i] !== bytes[i]) return false;
    return true;
  }

  remember(native, ptr, len, entries) {
    if (len > BlockMemo.MAX) {
      this.len = -1;
      return;
    }
    this.bytes.set(native.u8.subarray(ptr, ptr + len));
    this.len = len;
    this.entries = entries;
    this.shape = null;
  }

  /**
   * An object with the block's header names as keys, made at the block's
   * first repeat: copying it and then filling it is twice as fast as adding
   * the keys one by one. Its own `__proto__` key, if any, is a plain
   * property, so that header is kept.
   */
  keys() {
    this.shape ??= Object.fromEntries(this.entries.map(([name]) => [name, null]));
    return { ...this.shape };
  }
}
BlockMemo.MAX = 2048;

/**
 * What the C ABI says of each header `native.iter` holds: [name, type,
 * value]. A name the last block had at the same position is that string
 * again: blocks whose values change usually keep their names, and a new
 * string costs V8 a decode and then a hash to become a property key.
 */
function readHeaders(native, blockPtr, lastEntries) {
  const { ex, iter, header } = native;
  const entries = [];
  const h = header >> 2;
  while (ex.es_header_iter_next(iter, header) === 1) {
    const { u8, u32 } = native;
    const last = lastEntries[entries.length];
    const namePtr = u32[h];
    const nameLen = u32[h + 1];
    const name = last !== undefined && sameAscii(last[0], u8, namePtr, nameLen) ? last[0] : text(u8, namePtr, nameLen);
    const type = u8[header + H_TYPE];
    entries.push([name, type, readValue(native, type, blockPtr)]);
  }
  return entries;
}

/** The value of `native.header`, of wire type `type`, as kept in a memo entry. */
function readValue(native, type, blockPtr) {
  const { u8, u32, i32, dv, header } = native;
  switch (type) {
    case 0:
      return true;
    case 1:
      return false;
    case 2:
    case 3:
    case 4:
      return i32[(header + H_INTEGER) >> 2]; // the i64's low half, sign and all
    case 5: {
      const value = new Uint8Array(8); // big-endian, as on the wire
      new DataView(value.buffer).setBigInt64(0, dv.getBigInt64(header + H_INTEGER, true), false);
      return value;
    }
    case 6: // where, to view in each frame
      return [u32[(header + H_BYTES) >> 2] - blockPtr, u32[(header + H_BYTES + 4) >> 2]];
    case 7:
      return text(u8, u32[(header + H_BYTES) >> 2], u32[(header + H_BYTES + 4) >> 2]);
    case 8:
      return Number(dv.getBigInt64(header + H_INTEGER, true));
    default:
      return uuidText(u8, header + H_UUID);
  }
}

/** Whether `text` is ASCII and the `len` bytes at `ptr` are its bytes. */
function sameAscii(text, u8, ptr, len) {
  if (text.length !== len) return false;
  for (let i = 0; i < len; i++) {
    const char = text.charCodeAt(i);
    if (char !== u8[ptr + i] || char > 127) return false;
  }
  return true;
}

/** UTF-8 the core has checked, as a string; ASCII without a TextDecoder call. */
function text(u8, ptr, len) {
  const end = ptr + len;
  let any = 0;
  for (let i = ptr; i < end; i++) any |= u8[i];
  if (any > 127) return utf8.decode(u8.subarray(ptr, end));
  const char = String.fromCharCode;
  let out = '';
  let i = ptr;
  for (; i + 8 <= end; i += 8) {
    out += char(u8[i], u8[i + 1], u8[i + 2], u8[i + 3], u8[i + 4], u8[i + 5], u8[i + 6], u8[i + 7]);
  }
  for (; i < end; i++) out += char(u8[i]);
  return out;
}

/**
 * The headers of a block: `entries` as `readHeaders` gave them, made into
 * smithy's `{ [name]: { type, value } }`, on `headers` (an empty object, or
 * the memo's keys). Byte values are views of `source` when given (it sits
 * at `origin` in the module's memory), copies otherwise.
 */
function makeHeaders(native, headers, entries, blockPtr, source, origin) {
  for (let i = 0; i < entries.length; i++) {
    const [name, type, value] = entries[i];
    let made = value;
    if (type === 5) made = new Int64(value.slice());
    else if (type === 6) made = bytesOf(native, blockPtr + value[0], value[1], source, origin);
    else if (type === 8) made = new Date(value);
    const entry = { type: TYPE_NAMES[type], value: made };
    if (name === '__proto__' && !Object.hasOwn(headers, name)) {
      // A plain assignment would set the object's prototype and lose the header.
      Object.defineProperty(headers, name, { value: entry, enumerable: true, writable: true, configurable: true });
    } else {
      headers[name] = entry;
    }
  }
  return headers;
}

/**
 * The message the module's `es_message` describes. `source`, when given,
 * is the caller's input, which sits at `origin` in the module's memory:
 * the body and byte values are views of it, as smithy's are of its input.
 * Without it they are copies, since the module's memory is reused.
 */
function readMessage(native, memo, source, origin) {
  const { ex, message, scratch, iter } = native;
  const s = scratch >> 2;
  ex.es_message_header_block(scratch, message);
  const blockPtr = native.u32[s];
  const blockLen = native.u32[s + 1];
  let headers;
  if (memo.holds(native, blockPtr, blockLen)) {
    headers = makeHeaders(native, memo.keys(), memo.entries, blockPtr, source, origin);
  } else {
    ex.es_message_headers(message, iter);
    const entries = readHeaders(native, blockPtr, memo.entries);
    memo.remember(native, blockPtr, blockLen, entries);
    headers = makeHeaders(native, {}, entries, blockPtr, source, origin);
  }
  ex.es_message_payload(scratch, message);
  const body = bytesOf(native, native.u32[s], native.u32[s + 1], source, origin);
  return { headers, body };
}

function bytesOf(native, ptr, len, source, origin) {
  if (source !== null) return source.subarray(ptr - origin, ptr - origin + len);
  return native.u8.slice(ptr, ptr + len);
}

// --- Encoding --------------------------------------------------------------------

/** The own headers of `headers`, as [name, { type, value }], in order. */
function headerEntries(headers) {
  const entries = [];
  for (const name in headers) {
    if (Object.prototype.hasOwnProperty.call(headers, name)) entries.push([name, headers[name]]);
  }
  return entries;
}

/** Bytes the table and text of `entries` can take at most (UTF-8: 3 per UTF-16 unit). */
function tableRoom(entries) {
  let room = entries.length * HEADER_SIZE;
  for (const [name, header] of entries) {
    const value = header?.value;
    room += 3 * name.length + 16 + (typeof value === 'string' ? 3 * value.length : (value?.byteLength ?? 0));
  }
  return room;
}

/**
 * Writes `headers` as `es_header`s at `table`, their bytes after them;
 * returns where the table is, how many headers, and where its bytes end.
 */
function writeHeaders(native, headers, table) {
  const entries = headerEntries(headers);
  native.reserve(table + tableRoom(entries));
  const out = { native, free: table + entries.length * HEADER_SIZE };
  entries.forEach(([name, header], i) => {
    const at = table + i * HEADER_SIZE;
    native.u8.fill(0, at, at + HEADER_SIZE);
    const [namePtr, nameLen] = putText(out, name);
    native.u32[at >> 2] = namePtr;
    native.u32[(at >> 2) + 1] = nameLen;
    native.u8[at + H_TYPE] = writeValue(out, at, name, header ?? {});
  });
  return { table, count: entries.length, end: out.free };
}

/** Copies `bytes` to the free room; where they are. */
function putBytes(out, bytes) {
  const at = out.free;
  out.native.u8.set(bytes, at);
  out.free += bytes.byteLength;
  return [at, bytes.byteLength];
}

/** Writes `text` as UTF-8 in the free room; where it is. */
function putText(out, text) {
  const at = out.free;
  const { written } = utf8Out.encodeInto(text, out.native.u8.subarray(at));
  out.free += written;
  return [at, written];
}

/** Writes the value of header `name` into the `es_header` at `at`; its wire type byte. */
function writeValue(out, at, name, { type, value }) {
  const { u8, u32, dv } = out.native;
  const fail = (why) => new TypeError(`header ${JSON.stringify(name)}: ${why}`);
  const integer = (min, max) => {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw fail(`a ${type} is an integer from ${min} to ${max}, not ${String(value)}`);
    }
    dv.setBigInt64(at + H_INTEGER, BigInt(value), true);
  };
  const bytes = ([ptr, len]) => {
    u32[(at + H_BYTES) >> 2] = ptr;
    u32[(at + H_BYTES + 4) >> 2] = len;
  };
  switch (type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw fail(`a boolean is true or false, not ${String(value)}`);
      return value ? 0 : 1;
    case 'byte':
      integer(-128, 127);
      return 2;
    case 'short':
      integer(-32768, 32767);
      return 3;
    case 'integer':
      integer(-2147483648, 2147483647);
      return 4;
    case 'long': {
      const long = value?.bytes?.byteLength === 8 ? new Int64(value.bytes).toBigInt() : toBigInt64(value, `header ${JSON.stringify(name)}: a long`);
      dv.setBigInt64(at + H_INTEGER, long, true);
      return 5;
    }
    case 'binary':
      if (!ArrayBuffer.isView(value)) throw fail('a binary value is a Uint8Array');
      bytes(putBytes(out, new Uint8Array(value.buffer, value.byteOffset, value.byteLength)));
      return 6;
    case 'string':
      if (typeof value !== 'string') throw fail('a string value is a string');
      bytes(putText(out, value));
      return 7;
    case 'timestamp': {
      const millis = value instanceof Date || typeof value === 'number' ? Math.round(value.valueOf()) : NaN;
      if (!Number.isSafeInteger(millis)) throw fail(`a timestamp is a Date or milliseconds, not ${String(value)}`);
      dv.setBigInt64(at + H_INTEGER, BigInt(millis), true);
      return 8;
    }
    case 'uuid':
      if (typeof value !== 'string' || !UUID_PATTERN.test(value)) {
        throw fail(`a uuid is 32 hex digits as 8-4-4-4-12, not ${JSON.stringify(value)}`);
      }
      value
        .replace(/-/g, '')
        .match(/../g)
        .forEach((pair, j) => {
          u8[at + H_UUID + j] = parseInt(pair, 16);
        });
      return 9;
    default:
      throw fail(`unknown header type ${JSON.stringify(type)}: one of ${TYPE_LIST}`);
  }
}

/** The frame of `message`, built in the module's memory from `at` on. */
function encode(native, message, at) {
  const { headers = {}, body = new Uint8Array(0) } = message ?? {};
  if (!ArrayBuffer.isView(body)) throw new TypeError('a message body is a Uint8Array');
  const { table, count, end } = writeHeaders(native, headers, at);
  const payload = end;
  const out = payload + body.byteLength;
  native.put(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), payload);
  const { ex, scratch } = native;
  let rc = ex.es_encoded_len(table, count, body.byteLength, scratch);
  if (rc === ES_OK) {
    const len = native.u32[scratch >> 2];
    native.reserve(out + len);
    rc = ex.es_encode(table, count, payload, body.byteLength, out, len, scratch);
  }
  if (rc !== ES_OK) {
    throw new EventStreamError(`cannot encode: ${native.cString(ex.es_strerror(rc))}`, codeName(rc), 0);
  }
  return native.u8.slice(out, out + native.u32[scratch >> 2]);
}

/** The header block alone (what a frame holds after its prelude) for `headers`. */
function formatHeaders(native, headers, at) {
  const frame = encode(native, { headers, body: new Uint8Array(0) }, at);
  return frame.slice(12, frame.byteLength - 4);
}

// --- The codec -------------------------------------------------------------------

/** A Uint8Array of any typed array, DataView or Buffer's bytes. */
function asBytes(input) {
  if (input instanceof Uint8Array) return input;
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError(`event-stream bytes are a Uint8Array, not ${input === null ? 'null' : typeof input}`);
}

let compiled = null;
let hostCrc = undefined;

/** Sets the module every new codec instantiates (the entry points call it). */
export function setModule(module, crc32) {
  compiled = module;
  hostCrc = crc32;
}

function instantiate() {
  if (compiled === null) {
    throw new Error('eventstream: the WebAssembly module is not loaded; call `await init()` (or `initSync`) first');
  }
  return new Native(compiled, hostCrc);
}

/**
 * Encodes and decodes event-stream frames, as @smithy/eventstream-codec's
 * `EventStreamCodec` does, with the same methods and `Message` shape:
 * `{ headers: { [name]: { type, value } }, body: Uint8Array }`.
 *
 * `feed` takes chunks of any size, not only whole frames, and
 * `endOfStream` fails when a frame was left unfinished.
 */
export class EventStreamCodec {
  /**
   * The arguments are smithy's, accepted so that code written for it runs
   * unchanged; text is decoded by the module, which has already checked it.
   */
  constructor(toUtf8, fromUtf8) {
    void toUtf8;
    void fromUtf8;
    this.native = instantiate();
    this.memo = new BlockMemo();
    this.messageBuffer = [];
    this.isEndOfStream = false;
    // The module has no allocator, so the partial frame's bytes are kept
    // in its memory here; every decision about them is the core's.
    this.pending = 0; // bytes of an unfinished frame at `native.data`
    this.consumed = 0; // stream bytes before them, for error offsets
  }

  /** The one frame `bytes` holds: its body and byte values are views of `bytes`. */
  decode(input) {
    const bytes = asBytes(input);
    const native = this.native;
    const at = native.data + this.pending; // after what `feed` holds
    const len = bytes.byteLength;
    native.putFrame(bytes, at);
    const needed = native.scratch;
    const rc = native.decodeCall(native.decoder, at, len, native.message, needed);
    native.outside = null;
    if (rc === ES_OK) {
      const frameLen = native.ex.es_message_len(native.message);
      if (frameLen !== len) {
        throw new EventStreamError(
          `${len - frameLen} bytes after the ${frameLen}-byte frame at byte ${frameLen}: decode takes exactly one frame`,
          'TrailingBytes',
          frameLen,
        );
      }
      return readMessage(native, this.memo, bytes, at);
    }
    if (rc === ES_INCOMPLETE) {
      const more = native.u32[needed >> 2];
      throw new EventStreamError(`the input ends inside a frame at byte ${len}: ${more} more bytes expected`, 'Truncated', len);
    }
    throw decodeError(native, rc, 0);
  }

  /** Takes the next bytes of a stream: any size; whole frames become messages. */
  feed(input) {
    const chunk = asBytes(input);
    const native = this.native;
    const start = this.pending;
    native.put(chunk, native.data + start);
    native.outside = null; // every byte the host hashes is in the module here
    const end = start + chunk.byteLength;
    let at = 0;
    while (at < end) {
      const rc = native.decodeCall(native.decoder, native.data + at, end - at, native.message, native.scratch);
      if (rc === ES_INCOMPLETE) break;
      if (rc !== ES_OK) {
        const error = decodeError(native, rc, this.consumed + at);
        this.pending = 0;
        native.ex.es_decoder_init(native.decoder);
        throw error;
      }
      this.messageBuffer.push(readMessage(native, this.memo, null, 0));
      at += native.ex.es_message_len(native.message);
    }
    if (at > 0) native.u8.copyWithin(native.data, native.data + at, native.data + end);
    this.consumed += at;
    this.pending = end - at;
  }

  /** Marks the stream's end: an error if it ends inside a frame. */
  endOfStream() {
    this.isEndOfStream = true;
    if (this.pending !== 0) {
      const held = this.pending;
      this.pending = 0;
      this.native.ex.es_decoder_init(this.native.decoder);
      throw new EventStreamError(`the stream ends inside a frame: ${held} bytes of it at byte ${this.consumed}`, 'Truncated', this.consumed + held);
    }
  }

  /** As smithy's: the most recently decoded message (taken off the end). */
  getMessage() {
    const message = this.messageBuffer.pop();
    const isEndOfStream = this.isEndOfStream;
    return {
      getMessage: () => message,
      isEndOfStream: () => isEndOfStream,
    };
  }

  /** Every message decoded since the last call, in stream order. */
  getAvailableMessages() {
    const messages = this.messageBuffer;
    this.messageBuffer = [];
    const isEndOfStream = this.isEndOfStream;
    return {
      getMessages: () => messages,
      isEndOfStream: () => isEndOfStream,
    };
  }

  /** The frame of `message`, byte for byte what smithy's `encode` gives. */
  encode(message) {
    return encode(this.native, message, this.free());
  }

  /** The header block of `headers`, byte for byte what smithy's `formatHeaders` gives. */
  formatHeaders(headers) {
    return formatHeaders(this.native, headers, this.free());
  }

  /** Where the module's memory is free: after what `feed` holds. */
  free() {
    return (this.native.data + this.pending + 15) & ~15;
  }
}

/**
 * A function URL's HTTP-integration prelude, split off a Lambda function's
 * output (its `PayloadChunk`s joined) by the core's splitter: `{ metadata,
 * body }`, the metadata's JSON object (`statusCode`, `headers`, `cookies`)
 * and the body, a view of `output`; `null` when the output does not start
 * with one.
 */
export function splitHttpPrelude(output) {
  const bytes = asBytes(output);
  const native = instantiate();
  native.put(bytes, native.data);
  const s = native.scratch;
  const rc = native.ex.es_lambda_http_prelude(native.data, bytes.byteLength, s, s + 4);
  if (rc !== ES_OK) return null;
  const [metadataLen, bodyStart] = [native.u32[s >> 2], native.u32[(s >> 2) + 1]];
  return { metadata: JSON.parse(utf8.decode(bytes.subarray(0, metadataLen))), body: bytes.subarray(bodyStart) };
}

/**
 * Header blocks on their own, as @smithy/eventstream-codec's
 * `HeaderMarshaller`: `format` writes one, `parse` reads one (a `DataView`
 * of the bytes between a frame's prelude and its payload), checked by the
 * core as a frame's block is. Byte values are copies.
 */
export class HeaderMarshaller {
  /** smithy's arguments, accepted and not needed. */
  constructor(toUtf8, fromUtf8) {
    void toUtf8;
    void fromUtf8;
    this.native = instantiate();
  }

  /** The header block of `headers`. */
  format(headers) {
    return formatHeaders(this.native, headers, this.native.data);
  }

  /** The headers of the block `view` holds; an `EventStreamError` saying where it is wrong. */
  parse(view) {
    const block = asBytes(view);
    const native = this.native;
    native.put(block, native.data);
    const rc = native.ex.es_headers_parse(native.decoder, native.data, block.byteLength, native.iter);
    if (rc !== ES_OK) throw decodeError(native, rc, 0);
    const entries = readHeaders(native, native.data, []);
    return makeHeaders(native, {}, entries, native.data, null, 0);
  }
}
