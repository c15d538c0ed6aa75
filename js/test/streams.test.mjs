// The stream classes and HeaderMarshaller against @smithy/eventstream-codec's
// own, on the Lambda streams of testdata/ (in random pieces, through smithy's
// chunker) and on a stream cut inside a frame: the same messages, events,
// frames and errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as ours from '../index.mjs';
import * as theirs from '@smithy/eventstream-codec';
import { getChunkedStream } from '@smithy/core/event-streams';
import { files, smithy, plain, chunksOf, randomSizes, toUtf8, fromUtf8 } from './support.mjs';

const lambda = files('lambda');

/** Everything an async iterable gives, then the error it ended with, if any. */
async function drain(iterable) {
  const items = [];
  try {
    for await (const item of iterable) items.push(item);
  } catch (error) {
    return { items, error };
  }
  return { items, error: null };
}

/** Both packages' decoder streams over the same pieces of `bytes`. */
async function decodeBoth(bytes, seed) {
  const sizes = randomSizes(seed, 64, 200);
  const mine = new ours.MessageDecoderStream({
    inputStream: getChunkedStream(chunksOf(bytes, sizes)),
    decoder: new ours.EventStreamCodec(),
  });
  const smithys = new theirs.MessageDecoderStream({
    inputStream: getChunkedStream(chunksOf(bytes, sizes)),
    decoder: smithy(),
  });
  return [await drain(mine), await drain(smithys)];
}

for (const [name, bytes] of lambda) {
  test(`the four stream classes on ${name}, as smithy's`, async () => {
    const [mine, smithys] = await decodeBoth(bytes, bytes.length);
    assert.deepStrictEqual(mine.items.map(plain), smithys.items.map(plain));
    assert.equal(mine.error === null, smithys.error === null, `${mine.error} / ${smithys.error}`);

    // Events by type, as a client's deserializer makes them; unknown types skipped.
    const deserializer = async (message) => {
      const type = message.headers[':event-type']?.value;
      return type === 'PayloadChunk' || type === 'InvokeComplete' ? { [type]: toUtf8(message.body) } : undefined;
    };
    const events = (Decoder, messages) => drain(new Decoder({ messageStream: toAsync(messages), deserializer }));
    assert.deepStrictEqual(
      await events(ours.SmithyMessageDecoderStream, mine.items),
      await events(theirs.SmithyMessageDecoderStream, smithys.items),
    );

    // And back: events to messages to frames, with the end frame.
    const serializer = (message) => message;
    const encode = async (Encoder, SerializerStream, codec, messages) =>
      drain(new Encoder({
        messageStream: new SerializerStream({ inputStream: toAsync(messages), serializer }),
        encoder: codec,
        includeEndFrame: true,
      }));
    const ourFrames = await encode(ours.MessageEncoderStream, ours.SmithyMessageEncoderStream, new ours.EventStreamCodec(), mine.items);
    const theirFrames = await encode(theirs.MessageEncoderStream, theirs.SmithyMessageEncoderStream, smithy(), smithys.items);
    assert.deepStrictEqual(ourFrames, theirFrames);
    assert.equal(ourFrames.items.at(-1).byteLength, 0, 'the end frame');
    if (mine.error === null) {
      const whole = Buffer.concat(ourFrames.items.map((frame) => Buffer.from(frame)));
      assert.deepStrictEqual(new Uint8Array(whole), bytes, 'the frames are the stream again');
    }
  });
}

test('a stream cut inside a frame: the messages before the cut, then an error, from both', async () => {
  const [, bytes] = lambda.find(([name]) => name.endsWith('text_in_chunks.bin'));
  const cut = bytes.subarray(0, bytes.length - 7);
  const [mine, smithys] = await decodeBoth(cut, 3);
  assert.ok(mine.items.length > 0);
  assert.deepStrictEqual(mine.items.map(plain), smithys.items.map(plain));
  assert.ok(smithys.error !== null && mine.error !== null, 'both fail at the cut');
  // Our decoder given the partial frame says what is missing.
  const partial = new ours.MessageDecoderStream({ inputStream: toAsync([cut.subarray(cut.length - 20)]), decoder: new ours.EventStreamCodec() });
  const { error } = await drain(partial);
  assert.equal(error.name, 'EventStreamError');
});

test("HeaderMarshaller formats and parses header blocks as smithy's, and says where a block is wrong", () => {
  const headers = {
    ':event-type': { type: 'string', value: 'Chunk' },
    n: { type: 'integer', value: -5 },
    b: { type: 'binary', value: new Uint8Array([1, 2, 3]) },
    l: { type: 'long', value: ours.Int64.fromNumber(2 ** 40) },
  };
  const mine = new ours.HeaderMarshaller(toUtf8, fromUtf8);
  const smithys = new theirs.HeaderMarshaller(toUtf8, fromUtf8);
  const withTheirLong = { ...headers, l: { type: 'long', value: theirs.Int64.fromNumber(2 ** 40) } };
  const block = mine.format(headers);
  assert.deepStrictEqual(block, smithys.format(withTheirLong));
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  assert.deepStrictEqual(plain({ headers: mine.parse(view), body: [] }), plain({ headers: smithys.parse(view), body: [] }));
  assert.deepStrictEqual(new ours.EventStreamCodec().formatHeaders(headers), block);
  const cut = new DataView(block.buffer, block.byteOffset, block.byteLength - 2);
  assert.throws(() => mine.parse(cut), (error) => error.name === 'EventStreamError' && error.offset > 0 && error.offset <= cut.byteLength);
});

async function* toAsync(items) {
  yield* items;
}

test("splitHttpPrelude takes a function URL's prelude off a Lambda output, as the core's splitter does", () => {
  const [, bytes] = files('lambda').find(([name]) => name.endsWith('http_integration_prelude.bin'));
  const codec = new ours.EventStreamCodec();
  codec.feed(bytes);
  const chunks = codec.getAvailableMessages().getMessages().filter((m) => m.headers[':event-type'].value === 'PayloadChunk');
  const output = new Uint8Array(Buffer.concat(chunks.map((m) => Buffer.from(m.body))));
  const split = ours.splitHttpPrelude(output);
  assert.equal(typeof split.metadata.statusCode, 'number');
  assert.equal(split.body.buffer, output.buffer, 'the body is a view of the output');
  assert.ok(toUtf8(split.body).length > 0 && !toUtf8(split.body).includes('\u0000'));
  assert.equal(ours.splitHttpPrelude(new TextEncoder().encode('plain output, no prelude')), null);
  assert.equal(ours.splitHttpPrelude(new TextEncoder().encode('not json\0\0\0\0\0\0\0\0body')), null);
});
