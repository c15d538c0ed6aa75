// A generated corpus (the same seed every run): 1,600 valid frames with
// random headers of every type, names and values with non-ASCII text and a
// leading U+FEFF, and frames of over 256 headers; each encoded and decoded
// by this package and by @smithy/eventstream-codec: identical, byte for byte
// and header for header.
import test from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { EventStreamCodec, Int64 } from '../index.mjs';
import { Int64 as SmithyInt64 } from '@smithy/eventstream-codec';
import { smithy, plain } from './support.mjs';

/** A small deterministic generator (xorshift32). */
function generator(seed) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const below = (n) => next() % n;
  return { next, below };
}

const PIECES = ['a', 'Z', '0', ':', '-', '_', ' ', 'é', 'ß', '日本', '😀', '\u0000', '\u00a0', '\ufeff'];

function randomText(rng, max) {
  let text = rng.below(5) === 0 ? '\ufeff' : ''; // a leading U+FEFF, often
  for (let n = rng.below(max); n > 0; n--) text += PIECES[rng.below(PIECES.length)];
  return text;
}

/** A header value of a random type, made with `Long` (ours or smithy's Int64). */
function randomValue(rng, Long) {
  switch (rng.below(10)) {
    case 0:
      return { type: 'boolean', value: true };
    case 1:
      return { type: 'boolean', value: false };
    case 2:
      return { type: 'byte', value: (rng.next() % 256) - 128 };
    case 3:
      return { type: 'short', value: (rng.next() % 65536) - 32768 };
    case 4:
      return { type: 'integer', value: rng.next() | 0 };
    case 5:
      return { type: 'long', value: Long.fromNumber((rng.next() - 2 ** 31) * 2 ** 20 + rng.below(2 ** 20)) };
    case 6:
      return { type: 'binary', value: Uint8Array.from({ length: rng.below(40) }, () => rng.below(256)) };
    case 7:
      return { type: 'string', value: randomText(rng, 12) };
    case 8: // anywhere in Date's range, to the millisecond
      return { type: 'timestamp', value: new Date((rng.next() / 2 ** 32 - 0.5) * 2 * 8.64e15 - (rng.below(1000) - 500)) };
    default: {
      const hex = Array.from({ length: 16 }, () => rng.below(256).toString(16).padStart(2, '0')).join('');
      return { type: 'uuid', value: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` };
    }
  }
}

/** Message `index` of the corpus, twice: with our Int64 and with smithy's. */
function corpusMessage(index) {
  const make = (Long) => {
    const rng = generator(0x5eed + index);
    const count = index % 100 === 0 ? 257 + rng.below(300) : rng.below(12);
    const headers = {};
    for (let i = 0; i < count; i++) {
      let name = randomText(rng, 8) || 'n';
      if (name === '__proto__' || Object.hasOwn(headers, name)) name += `#${i}`;
      headers[name] = randomValue(rng, Long);
    }
    const body = Uint8Array.from({ length: [0, 1, 7, 64, 300][rng.below(5)] }, () => rng.below(256));
    return { headers, body };
  };
  return { ours: make(Int64), theirs: make(SmithyInt64) };
}

const CORPUS = 1600;

test(`${CORPUS} generated frames encode and decode as smithy's codec does`, () => {
  const codec = new EventStreamCodec();
  const theirs = smithy();
  let manyHeaders = 0;
  let withBom = 0;
  for (let index = 0; index < CORPUS; index++) {
    const message = corpusMessage(index);
    const frame = codec.encode(message.ours);
    assert.deepStrictEqual(frame, theirs.encode(message.theirs), `frame ${index} encoded`);
    const decoded = codec.decode(frame);
    assert.deepStrictEqual(plain(decoded), plain(theirs.decode(frame)), `frame ${index} decoded`);
    assert.deepStrictEqual(plain(decoded), plain(message.ours), `frame ${index} round trip`);
    assert.deepStrictEqual(codec.formatHeaders(message.ours.headers), theirs.formatHeaders(message.theirs.headers));
    manyHeaders += Object.keys(message.ours.headers).length > 256 ? 1 : 0;
    withBom += Object.keys(decoded.headers).some((name) => name.startsWith('\ufeff')) ? 1 : 0;
  }
  assert.ok(manyHeaders >= 15, `${manyHeaders} frames of over 256 headers`);
  assert.ok(withBom >= 100, `${withBom} frames with a name that starts with U+FEFF`);
});

test('a leading U+FEFF is text, kept in names and values, as smithy keeps it', () => {
  const message = { headers: { '\ufeffname': { type: 'string', value: '\ufeffval' } }, body: new Uint8Array(0) };
  const frame = smithy().encode(message);
  const decoded = new EventStreamCodec().decode(frame);
  assert.deepStrictEqual(Object.keys(decoded.headers), ['\ufeffname']);
  assert.equal(decoded.headers['\ufeffname'].value, '\ufeffval');
  assert.deepStrictEqual(new EventStreamCodec().encode(message), frame);
});

/** `frame` with its CRCs made right again after a change. */
function resealed(frame) {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  view.setUint32(8, zlib.crc32(frame.subarray(0, 8)));
  view.setUint32(frame.length - 4, zlib.crc32(frame.subarray(0, frame.length - 4)));
  return frame;
}

test('a timestamp outside Date\'s range decodes as an Invalid Date in both; encoding one is refused', () => {
  const frame = new EventStreamCodec().encode({ headers: { t: { type: 'timestamp', value: new Date(0) } }, body: new Uint8Array(0) });
  // The header is 1 + 1 name byte, the type byte, then 8 bytes of milliseconds.
  new DataView(frame.buffer).setBigInt64(12 + 3, 2n ** 62n);
  resealed(frame);
  const ours = new EventStreamCodec().decode(frame).headers.t.value;
  const theirs = smithy().decode(frame).headers.t.value;
  assert.ok(Number.isNaN(ours.getTime()) && Number.isNaN(theirs.getTime()));
  assert.throws(
    () => new EventStreamCodec().encode({ headers: { t: { type: 'timestamp', value: ours } }, body: new Uint8Array(0) }),
    { name: 'TypeError', message: /header "t": a timestamp is a Date or milliseconds, not Invalid Date/ },
  );
});
