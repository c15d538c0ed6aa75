// Speed against @smithy/eventstream-codec, in one process: `node bench.mjs`
// (after `bash build.sh` and `npm ci`). The frames are the Rust benches'
// (benches/benches/decode.rs): three string headers with 32 B, 1 KiB and
// 64 KiB of payload, twenty headers of every type, and the recorded
// Transcribe stream; and small frames whose header blocks all differ. Each decoder reads every header and the body, as a
// caller would. Rounds alternate between the decoders, and the table gives
// the median of each one's rounds, so a busy moment of a shared machine
// hits both; the ratios are what to quote.
import { EventStreamCodec, Int64 } from './index.mjs';
import { EventStreamCodec as SmithyCodec } from '@smithy/eventstream-codec';
import { getChunkedStream } from '@smithy/core/event-streams';
import { toUtf8, fromUtf8 } from '@smithy/util-utf8';
import fs from 'node:fs';
import zlib from 'node:zlib';

const rounds = Number(process.env.ROUNDS ?? 15);
const roundMillis = Number(process.env.ROUND_MS ?? 100);

const small = {
  ':message-type': { type: 'string', value: 'event' },
  ':event-type': { type: 'string', value: 'PayloadChunk' },
  ':content-type': { type: 'string', value: 'application/octet-stream' },
};
const heavy = {};
for (let i = 0; i < 20; i++) {
  const name = `h${String(i).padStart(2, '0')}`;
  heavy[name] = [
    { type: 'boolean', value: true },
    { type: 'boolean', value: false },
    { type: 'byte', value: -3 },
    { type: 'short', value: 300 },
    { type: 'integer', value: 70000 },
    { type: 'long', value: Int64.fromNumber(2 ** 40) },
    { type: 'binary', value: new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]) },
    { type: 'string', value: 'some header value' },
    { type: 'timestamp', value: new Date(1700000000000) },
    { type: 'uuid', value: 'abababab-abab-abab-abab-abababababab' },
  ][i % 10];
}
const encoder = new EventStreamCodec();
const frame = (headers, size) => encoder.encode({ headers, body: new Uint8Array(size).fill(120) });
const transcribe = new Uint8Array(
  fs.readFileSync(new URL('../testdata/smithy-rs/recorded/transcribestreaming_success.response.bin', import.meta.url)),
);

/** Reads what a caller reads: every header's value and the body's length. */
function touch(message) {
  let n = message.body.byteLength;
  for (const name in message.headers) n += name.length + (message.headers[name].value ? 1 : 0);
  return n;
}

// One whole frame per decode call, each decoder as its callers use it.
const single = (bytes) => ({
  frames: 1,
  bytes: bytes.length,
  ours: (codec) => touch(codec.decode(bytes)),
  smithy: (codec) => touch(codec.decode(bytes)),
});

// Whole frames whose header blocks all differ (a per-frame id), in turn:
// what nothing can be reused for.
function distinct(frames) {
  let i = 0;
  const next = () => frames[i++ & (frames.length - 1)];
  return {
    frames: 1,
    bytes: frames[0].length,
    ours: (codec) => touch(codec.decode(next())),
    smithy: (codec) => touch(codec.decode(next())),
  };
}

// A stream in 16 KiB chunks: ours through `feed`, smithy's through the
// chunker its marshaller uses (its `feed` takes whole frames only).
function stream(bytes, frames) {
  const chunks = [];
  for (let at = 0; at < bytes.length; at += 16384) chunks.push(bytes.subarray(at, at + 16384));
  return {
    frames,
    bytes: bytes.length,
    async: true,
    ours: (codec) => {
      let n = 0;
      for (const chunk of chunks) {
        codec.feed(chunk);
        for (const m of codec.getAvailableMessages().getMessages()) n += touch(m);
      }
      return n;
    },
    smithy: async (codec) => {
      let n = 0;
      for await (const f of getChunkedStream(iterate(chunks))) n += touch(codec.decode(f));
      return n;
    },
  };
}

async function* iterate(chunks) {
  yield* chunks;
}

const workloads = {
  small_32B: single(frame(small, 32)),
  payload_1KiB: single(frame(small, 1024)),
  payload_64KiB: single(frame(small, 65536)),
  header_heavy_20: single(frame(heavy, 32)),
  small_distinct_blocks: distinct(
    Array.from({ length: 256 }, (_, i) => frame({ ...small, id: { type: 'string', value: `req-${1000 + i}` } }, 32)),
  ),
  transcribe_recorded_stream: stream(transcribe, 35),
};

/** Nanoseconds per frame over one round of about `roundMillis`. */
async function round(work, fn, codec) {
  let calls = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(roundMillis * 1e6);
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 16; i++) work.async ? await fn(codec) : fn(codec);
    calls += 16;
    now = process.hrtime.bigint();
  }
  return Number(now - start) / (calls * work.frames);
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

console.log(`@smithy/eventstream-codec ${JSON.parse(fs.readFileSync(new URL('./node_modules/@smithy/eventstream-codec/package.json', import.meta.url))).version}, node ${process.version}, ${rounds} rounds each`);
console.log('| workload | ours ns/frame | smithy ns/frame | ours is |');
console.log('|---|---:|---:|---:|');
for (const [name, work] of Object.entries(workloads)) {
  const ours = new EventStreamCodec();
  const theirs = new SmithyCodec(toUtf8, fromUtf8);
  if ((await work.ours(ours)) !== (await work.smithy(theirs))) throw new Error(`${name}: the decoders disagree`);
  const times = { ours: [], smithy: [] };
  for (let r = 0; r < rounds; r++) {
    times.ours.push(await round(work, work.ours, ours));
    times.smithy.push(await round(work, work.smithy, theirs));
  }
  const [a, b] = [median(times.ours), median(times.smithy)];
  console.log(`| ${name} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(b / a).toFixed(2)}x |`);
}
// The ceiling at 64 KiB: both decoders hash the frame with Node's zlib, so
// no decoder can beat smithy by more than smithy's time over that CRC's.
if (typeof zlib.crc32 === 'function') {
  const big = workloads.payload_64KiB;
  const bytes = frame(small, 65536);
  const covered = bytes.subarray(0, bytes.length - 4);
  const theirs = new SmithyCodec(toUtf8, fromUtf8);
  const crcOnly = { frames: 1, crc: () => zlib.crc32(covered) };
  const times = { crc: [], smithy: [] };
  for (let r = 0; r < rounds; r++) {
    times.crc.push(await round(crcOnly, crcOnly.crc, null));
    times.smithy.push(await round(big, big.smithy, theirs));
  }
  const [crc, smithy] = [median(times.crc), median(times.smithy)];
  console.log(`\nlimit at 64 KiB: zlib.crc32 over the frame alone ${crc.toFixed(0)} ns, smithy ${smithy.toFixed(0)} ns: at most ${(smithy / crc).toFixed(2)}x for any decoder that hashes with zlib`);
}
const wasm = fs.statSync(new URL('./eventstream.wasm', import.meta.url)).size;
console.log(`\neventstream.wasm: ${wasm} bytes (${(wasm / 1024).toFixed(1)} KiB)`);
