// What the tests share: the repository's test data, smithy's codec, and a
// plain form of messages so that ours and smithy's compare with deepStrictEqual
// (their Int64 classes differ; the bytes must not).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventStreamCodec as SmithyCodec } from '@smithy/eventstream-codec';
import { getChunkedStream } from '@smithy/core/event-streams';
import { toUtf8, fromUtf8 } from '@smithy/util-utf8';

export const testdata = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'testdata');

/** Every file under `dir` of testdata, as [relative name, bytes]. */
export function files(dir) {
  const root = path.join(testdata, dir);
  return fs
    .readdirSync(root)
    .filter((name) => !name.endsWith('.json'))
    .sort()
    .map((name) => [`${dir}/${name}`, new Uint8Array(fs.readFileSync(path.join(root, name)))]);
}

export const smithy = () => new SmithyCodec(toUtf8, fromUtf8);
export { toUtf8, fromUtf8 };

/** smithy's messages of a whole stream: its chunker, then its decoder. */
export async function smithyStream(bytes, chunkSizes) {
  const codec = smithy();
  const out = [];
  for await (const frame of getChunkedStream(chunksOf(bytes, chunkSizes))) out.push(codec.decode(frame));
  return out;
}

/** An async iterable of `bytes` in pieces of the sizes given, cycled. */
export async function* chunksOf(bytes, sizes = [bytes.length]) {
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length]);
    yield bytes.slice(at, at + size);
    at += size;
  }
}

export { plain } from './plain.mjs';

/** Random chunk sizes from 1 to `max`, the same for every run of a seed. */
export function randomSizes(seed, count, max) {
  let x = seed;
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return 1 + (x % max);
  });
}
