// Where @smithy/eventstream-codec 4.5.2 goes wrong, this package must not:
// each case is built here, checked to fool smithy, and checked to be an
// error or the right result from ours.
import test from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { EventStreamCodec } from '../index.mjs';
import { smithy, smithyStream } from './support.mjs';

/** A frame of `block` and `payload`, with both CRCs right. */
function frame(block, payload) {
  const total = 16 + block.length + payload.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, total);
  view.setUint32(4, block.length);
  view.setUint32(8, zlib.crc32(out.subarray(0, 8)));
  out.set(block, 12);
  out.set(payload, 12 + block.length);
  view.setUint32(total - 4, zlib.crc32(out.subarray(0, total - 4)));
  return out;
}

const ascii = (text) => [...text].map((c) => c.charCodeAt(0));

test('a header value that runs into the payload is an error, not payload bytes', () => {
  // Header block of 7 bytes: name "s", type 7, length 20: the value's bytes
  // would be the payload's.
  const bytes = frame(new Uint8Array([1, ...ascii('s'), 7, 0, 20]), new Uint8Array(ascii('payload bytes here!!')));
  assert.equal(smithy().decode(bytes).headers.s.value, 'payload bytes here!!'); // smithy's bug
  assert.throws(() => new EventStreamCodec().decode(bytes), (error) => {
    assert.equal(error.code, 'HeaderTruncated');
    assert.match(error.message, /byte 1[0-9]/);
    return true;
  });
});

test('a header named __proto__ is kept as a header', () => {
  const bytes = frame(new Uint8Array([9, ...ascii('__proto__'), 7, 0, 2, ...ascii('hi')]), new Uint8Array(0));
  assert.deepStrictEqual(Object.keys(smithy().decode(bytes).headers), []); // smithy's bug
  const { headers } = new EventStreamCodec().decode(bytes);
  assert.deepStrictEqual(Object.keys(headers), ['__proto__']);
  assert.deepStrictEqual(headers.__proto__, { type: 'string', value: 'hi' });
  assert.equal(Object.getPrototypeOf(headers), Object.prototype);
});

test('a prelude declaring 4 GiB is refused before anything is allocated', () => {
  const prelude = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef]);
  const codec = new EventStreamCodec();
  assert.throws(() => codec.feed(prelude), { code: 'PreludeChecksum', offset: 8 });
  // With its CRC right, it is over the limit: still no allocation.
  const fixed = prelude.slice();
  new DataView(fixed.buffer).setUint32(8, zlib.crc32(fixed.subarray(0, 8)));
  assert.throws(() => new EventStreamCodec().feed(fixed), { code: 'MessageTooLong' });
  const memory = process.memoryUsage().arrayBuffers;
  assert.ok(memory < 2 ** 30, `${memory} bytes of ArrayBuffers`);
});

test('a stream ending with fewer than 4 bytes of a frame is an error, not a clean end', async () => {
  const whole = new EventStreamCodec().encode({ headers: {}, body: new Uint8Array(ascii('one')) });
  const bytes = new Uint8Array([...whole, 0, 0, 0]);
  assert.equal((await smithyStream(bytes)).length, 1); // smithy ends silently
  const codec = new EventStreamCodec();
  codec.feed(bytes);
  assert.equal(codec.getAvailableMessages().getMessages().length, 1);
  assert.throws(() => codec.endOfStream(), { code: 'Truncated', offset: whole.length + 3 });
});

test('an error mid-stream names the byte of the stream it is at', () => {
  const codec = new EventStreamCodec();
  const good = codec.encode({ headers: {}, body: new Uint8Array(ascii('fine')) });
  const bad = codec.encode({ headers: {}, body: new Uint8Array(ascii('soon bad')) });
  bad[20] ^= 1;
  assert.throws(() => codec.feed(new Uint8Array([...good, ...bad])), (error) => {
    assert.equal(error.code, 'MessageChecksum');
    assert.equal(error.offset, good.length + bad.length - 4);
    // The stream's offset, said once: not the frame's as well.
    assert.match(error.message, new RegExp(`^message checksum mismatch at byte ${good.length + bad.length - 4}: `));
    assert.doesNotMatch(error.message, new RegExp(`byte ${bad.length - 4}\\b`));
    return true;
  });
  assert.equal(codec.getAvailableMessages().getMessages().length, 1);
});
