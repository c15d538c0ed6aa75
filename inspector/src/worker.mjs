// Decodes a whole body off the page's thread, with the JavaScript package's
// browser entry, and sends back an index of its frames (no payloads: the
// page reads a frame's bytes again when it is shown), progress as it goes,
// the Lambda output when the stream is a Lambda response, and the error
// that stopped it, if any. Memory: the body, the index, one piece at a time.
import { init, EventStreamCodec } from '../pkg/browser.mjs';
import { frameSummary } from './view.mjs';

const PIECE = 1 << 20; // bytes fed per step, between progress reports
const MAX_OUTPUT = 16 << 20; // Lambda output kept for its view

const loaded = init();

// The body and its index, kept for searches.
let kept = null;

self.onmessage = async ({ data }) => {
  if (data.search !== undefined) {
    self.postMessage({ type: 'found', frames: search(data.search) });
    return;
  }
  try {
    await loaded;
    const body = new Uint8Array(data.bytes);
    const result = decode(body);
    kept = { body, index: result.index };
    self.postMessage({ type: 'done', ...result });
  } catch (error) {
    self.postMessage({ type: 'failed', message: String(error?.message ?? error) });
  }
};

/** The frames with a header whose name or value holds `query` (case-insensitive). */
function search(query) {
  if (kept === null) return [];
  const needle = query.toLowerCase();
  const { body, index } = kept;
  const codec = new EventStreamCodec();
  const found = [];
  for (let i = 0; i < index.count; i++) {
    const { headers } = codec.decode(body.subarray(index.offset[i], index.offset[i] + index.length[i]));
    for (const [name, { value }] of Object.entries(headers)) {
      const text = value instanceof Uint8Array ? '' : value instanceof Date ? (Number.isNaN(value.getTime()) ? '' : value.toISOString()) : String(value);
      if (name.toLowerCase().includes(needle) || text.toLowerCase().includes(needle)) {
        found.push(i);
        break;
      }
    }
  }
  return found;
}

/** Every frame of `body`, indexed; where and why decoding stopped. */
function decode(body) {
  const codec = new EventStreamCodec();
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const strings = new Map();
  const id = (text) => {
    if (!strings.has(text)) strings.set(text, strings.size);
    return strings.get(text);
  };
  const frames = { offset: [], length: [], payload: [], messageType: [], type: [], contentType: [] };
  const lambda = { chunks: [], size: 0, complete: null, isLambda: false };
  let next = 0; // where the next frame starts
  let error = null;
  let reported = 0;
  const take = (messages) => {
    for (const message of messages) {
      // The frame decoded whole: its first 4 bytes are its length, checked.
      const length = view.getUint32(next, false);
      const summary = frameSummary(message);
      frames.offset.push(next);
      frames.length.push(length);
      frames.payload.push(message.body.byteLength);
      frames.messageType.push(id(summary.messageType));
      frames.type.push(id(summary.type));
      frames.contentType.push(id(summary.contentType));
      keepLambda(lambda, summary, message);
      next += length;
    }
  };
  try {
    for (let at = 0; at < body.length; at += PIECE) {
      codec.feed(body.subarray(at, at + PIECE));
      take(codec.getAvailableMessages().getMessages());
      if (performance.now() - reported > 50) {
        reported = performance.now();
        self.postMessage({ type: 'progress', done: Math.min(at + PIECE, body.length), total: body.length });
      }
    }
    codec.endOfStream();
  } catch (caught) {
    take(codec.getAvailableMessages().getMessages());
    error = { message: caught.message, code: caught.code ?? 'Error', offset: caught.offset ?? next, frameStart: next };
  }
  return {
    index: {
      count: frames.offset.length,
      offset: Float64Array.from(frames.offset),
      length: Uint32Array.from(frames.length),
      payload: Uint32Array.from(frames.payload),
      messageType: Uint32Array.from(frames.messageType),
      type: Uint32Array.from(frames.type),
      contentType: Uint32Array.from(frames.contentType),
    },
    strings: [...strings.keys()],
    error,
    lambda: lambda.isLambda ? lambdaOutput(lambda) : null,
    length: body.length,
  };
}

/** Lambda `InvokeWithResponseStream` events: the output's pieces, and `InvokeComplete`. */
function keepLambda(lambda, summary, message) {
  if (summary.messageType !== 'event') return;
  if (summary.type === 'PayloadChunk') {
    lambda.isLambda = true;
    if (lambda.size < MAX_OUTPUT) lambda.chunks.push(message.body.slice(0, MAX_OUTPUT - lambda.size));
    lambda.size += message.body.byteLength;
  } else if (summary.type === 'InvokeComplete') {
    lambda.isLambda = true;
    lambda.complete = message.body.slice();
  }
}

function lambdaOutput({ chunks, size, complete }) {
  const kept = chunks.reduce((n, c) => n + c.byteLength, 0);
  const output = new Uint8Array(kept);
  let at = 0;
  for (const chunk of chunks) {
    output.set(chunk, at);
    at += chunk.byteLength;
  }
  return { output, size, complete };
}
