// Against @smithy/eventstream-codec: every file of testdata, whole and in
// small chunks, gives the same messages; the negative vectors are errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import { EventStreamCodec, EventStreamError } from '../index.mjs';
import { files, smithy, smithyStream, plain, randomSizes } from './support.mjs';

const singleFrames = [...files('encoded/positive'), ...files('smithy-rs/test_data').filter(([n]) => n.includes('/valid_'))];
const badFrames = [...files('encoded/negative'), ...files('smithy-rs/test_data').filter(([n]) => n.includes('/invalid_'))];
const streams = [...files('lambda').filter(([n]) => !n.endsWith('truncated.bin')), ...files('smithy-rs/recorded')];

for (const [name, bytes] of singleFrames) {
  test(`decode ${name} as smithy does`, () => {
    assert.deepStrictEqual(plain(new EventStreamCodec().decode(bytes)), plain(smithy().decode(bytes)));
  });
}

test('the valid vectors are all here', () => {
  assert.equal(singleFrames.length, 8);
  assert.equal(badFrames.length, 12);
  assert.ok(streams.length >= 9);
});

for (const [name, bytes] of badFrames) {
  test(`decode ${name} is an error that says where`, () => {
    assert.throws(
      () => new EventStreamCodec().decode(bytes),
      (error) => {
        assert.ok(error instanceof EventStreamError, String(error));
        assert.match(error.code, /^[A-Z][A-Za-z]+$/);
        assert.ok(Number.isInteger(error.offset) && error.offset >= 0 && error.offset <= bytes.length, `offset ${error.offset}`);
        assert.match(error.message, /byte \d+/);
        return true;
      },
    );
    // Fed, the same bytes fail on feed or at the end, never silently.
    const codec = new EventStreamCodec();
    assert.throws(() => {
      codec.feed(bytes);
      codec.endOfStream();
    }, EventStreamError);
  });
}

for (const [name, bytes] of streams) {
  test(`feed ${name} whole, byte by byte and in random chunks, as smithy's chunker does`, async () => {
    const expected = (await smithyStream(bytes)).map(plain);
    assert.ok(expected.length > 0);
    for (const sizes of [[bytes.length], [1], randomSizes(bytes.length, 64, 40)]) {
      const codec = new EventStreamCodec();
      const got = [];
      for (let at = 0, i = 0; at < bytes.length; i++) {
        codec.feed(bytes.subarray(at, at + sizes[i % sizes.length]));
        at += sizes[i % sizes.length];
        got.push(...codec.getAvailableMessages().getMessages());
      }
      codec.endOfStream();
      assert.deepStrictEqual(got.map(plain), expected, `chunks of ${sizes.slice(0, 3)}...`);
      // Fed bodies are copies: nothing later overwrites them.
      assert.deepStrictEqual(got.map(plain), expected);
    }
  });
}

test('a stream cut inside a frame is an error at its end, as smithy\'s chunker says', async () => {
  const [[, bytes]] = files('lambda').filter(([n]) => n.endsWith('truncated.bin'));
  await assert.rejects(smithyStream(bytes), /Truncated/);
  const codec = new EventStreamCodec();
  codec.feed(bytes);
  assert.equal(codec.getAvailableMessages().getMessages().length, 2);
  assert.throws(() => codec.endOfStream(), { name: 'EventStreamError', code: 'Truncated' });
});

test('getMessage and isEndOfStream behave as smithy\'s', () => {
  const [[, a], [, b]] = singleFrames;
  const ours = new EventStreamCodec();
  const theirs = smithy();
  for (const codec of [ours, theirs]) {
    codec.feed(a);
    codec.feed(b);
  }
  assert.deepStrictEqual(plain(ours.getMessage().getMessage()), plain(theirs.getMessage().getMessage()));
  ours.endOfStream();
  theirs.endOfStream();
  const [x, y] = [ours.getAvailableMessages(), theirs.getAvailableMessages()];
  assert.deepStrictEqual(x.getMessages().map(plain), y.getMessages().map(plain));
  assert.equal(x.isEndOfStream(), y.isEndOfStream());
  assert.equal(ours.getMessage().getMessage(), undefined);
});

test('decode gives views of its input, as smithy does', () => {
  const [, bytes] = singleFrames.find(([n]) => n.endsWith('payload_no_headers'));
  const message = new EventStreamCodec().decode(bytes);
  assert.equal(message.body.buffer, bytes.buffer);
});

test('decode takes one frame: trailing bytes and a short input are errors', () => {
  const [, bytes] = singleFrames.find(([n]) => n.endsWith('payload_no_headers'));
  const two = new Uint8Array([...bytes, ...bytes]);
  assert.throws(() => new EventStreamCodec().decode(two), { code: 'TrailingBytes', offset: bytes.length });
  assert.throws(() => new EventStreamCodec().decode(bytes.subarray(0, 20)), { code: 'Truncated', offset: 20 });
  assert.throws(() => new EventStreamCodec().decode(bytes.subarray(0, 3)), { code: 'Truncated', offset: 3 });
});

test('large frames, whose CRC the host computes, decode as smithy\'s and fail as they should', () => {
  for (const size of [4000, 4096, 65536, 1 << 20]) {
    const body = new Uint8Array(size).map((_, i) => (i * 31) & 255);
    const bytes = smithy().encode({ headers: { ':event-type': { type: 'string', value: 'Big' } }, body });
    assert.deepStrictEqual(plain(new EventStreamCodec().decode(bytes)), plain(smithy().decode(bytes)));
    // The payload of a large frame is hashed where it is, not copied in:
    // a flipped bit anywhere, in it or around it, is still found.
    for (const at of [bytes.length - 100, 13, bytes.length - 2]) {
      const corrupt = bytes.slice();
      corrupt[at] ^= 0x40;
      assert.throws(() => new EventStreamCodec().decode(corrupt), { code: 'MessageChecksum', offset: bytes.length - 4 }, `byte ${at}`);
    }
    const longer = new Uint8Array(bytes.length + 3);
    longer.set(bytes);
    assert.throws(() => new EventStreamCodec().decode(longer), { code: 'TrailingBytes' });
  }
});
