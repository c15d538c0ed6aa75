// encode: byte for byte what smithy's gives, and an error where smithy
// would write something else than it was given.
import test from 'node:test';
import assert from 'node:assert/strict';
import { EventStreamCodec, EventStreamError, Int64 } from '../index.mjs';
import { files, smithy, plain } from './support.mjs';
import { Int64 as SmithyInt64 } from '@smithy/eventstream-codec';

const everyType = (LongClass) => ({
  headers: {
    ':message-type': { type: 'string', value: 'event' },
    yes: { type: 'boolean', value: true },
    no: { type: 'boolean', value: false },
    byte: { type: 'byte', value: -7 },
    short: { type: 'short', value: -20000 },
    integer: { type: 'integer', value: 2000000000 },
    long: { type: 'long', value: LongClass.fromNumber(-50000000000) },
    binary: { type: 'binary', value: new Uint8Array([0, 1, 254, 255]) },
    text: { type: 'string', value: 'naïve ✓ 日本' },
    time: { type: 'timestamp', value: new Date(1700000000123) },
    uuid: { type: 'uuid', value: 'b79bc914-de21-4e13-b8b2-bc47e85b7f0b' },
  },
  body: new TextEncoder().encode('some payload'),
});

test('every header type encodes as smithy does, and decodes back', () => {
  const ours = new EventStreamCodec().encode(everyType(Int64));
  const theirs = smithy().encode(everyType(SmithyInt64));
  assert.deepStrictEqual(ours, theirs);
  assert.deepStrictEqual(plain(new EventStreamCodec().decode(ours)), plain(smithy().decode(theirs)));
  assert.equal(new EventStreamCodec().decode(ours).headers.long.value.valueOf(), -50000000000);
});

test('smithy\'s own Int64 and bigints are longs too', () => {
  const withBigInt = everyType(Int64);
  withBigInt.headers.long.value = -50000000000n;
  assert.deepStrictEqual(new EventStreamCodec().encode(withBigInt), smithy().encode(everyType(SmithyInt64)));
  assert.deepStrictEqual(new EventStreamCodec().encode(everyType(SmithyInt64)), smithy().encode(everyType(SmithyInt64)));
});

for (const [name, bytes] of [...files('encoded/positive'), ...files('smithy-rs/test_data').filter(([n]) => n.includes('/valid_'))]) {
  test(`re-encoding ${name} gives its bytes, as smithy's does`, () => {
    const message = smithy().decode(bytes);
    const ours = new EventStreamCodec().encode(message);
    assert.deepStrictEqual(ours, smithy().encode(message));
    assert.deepStrictEqual(ours, bytes);
  });
}

test('encoding after a partial feed leaves the fed bytes alone', () => {
  const codec = new EventStreamCodec();
  const frame = codec.encode(everyType(Int64));
  codec.feed(frame.subarray(0, 30));
  const again = codec.encode(everyType(Int64));
  codec.feed(frame.subarray(30));
  assert.deepStrictEqual(again, frame);
  assert.deepStrictEqual(plain(codec.getMessage().getMessage()), plain(smithy().decode(frame)));
});

test('values that do not fit their type are errors, not wrapped bytes', () => {
  const codec = new EventStreamCodec();
  const one = (header) => () => codec.encode({ headers: { h: header }, body: new Uint8Array(0) });
  assert.throws(one({ type: 'byte', value: 300 }), /header "h": a byte is an integer from -128 to 127, not 300/);
  assert.throws(one({ type: 'short', value: 1.5 }), /a short is an integer/);
  assert.throws(one({ type: 'integer', value: 2 ** 31 }), /an integer from -2147483648 to 2147483647/);
  assert.throws(one({ type: 'long', value: 2n ** 63n }), /64-bit integer/);
  assert.throws(one({ type: 'boolean', value: 'yes' }), /true or false/);
  assert.throws(one({ type: 'string', value: 5 }), /a string value is a string/);
  assert.throws(one({ type: 'binary', value: 'abc' }), /Uint8Array/);
  assert.throws(one({ type: 'timestamp', value: 'today' }), /a Date or milliseconds/);
  assert.throws(one({ type: 'uuid', value: 'not-a-uuid' }), /8-4-4-4-12/);
  assert.throws(
    one({ type: 'int16', value: 1 }),
    /unknown header type "int16": one of boolean, byte, short, integer, long, binary, string, timestamp, uuid/,
  );
  assert.throws(() => codec.encode({ headers: {}, body: 'text' }), /a message body is a Uint8Array/);
});

test('limits of the wire are the core\'s errors', () => {
  const codec = new EventStreamCodec();
  const header = (name, value) => ({ headers: { [name]: { type: 'string', value } }, body: new Uint8Array(0) });
  assert.throws(() => codec.encode(header('x'.repeat(256), 'v')), { name: 'EventStreamError', code: 'EncodeNameTooLong' });
  assert.throws(() => codec.encode(header('', 'v')), { code: 'EncodeNameEmpty' });
  assert.throws(() => codec.encode(header('n', 'v'.repeat(32768))), (e) => e instanceof EventStreamError && e.code === 'EncodeValueTooLong');
  // The largest string value is fine.
  assert.equal(codec.decode(codec.encode(header('n', 'v'.repeat(32767)))).headers.n.value.length, 32767);
});
