// The entry point for browsers, Deno and edge runtimes: ES modules all the
// way down, so a page loads it through an import map with no bundler. The
// module is loaded once, before the first codec, by `await init()`, which
// fetches `eventstream.wasm` from beside this file or takes a URL, a
// Response, bytes or a compiled module; or by `initSync(moduleOrBytes)`
// where the runtime gives the module at import (Cloudflare Workers). For
// no file at all, `eventstream-codec-wasm/inline` has the module inside.
// The CRC-32 is the module's own.
import { EventStreamCodec, EventStreamError, HeaderMarshaller, Int64, setModule, splitHttpPrelude } from './src/codec.mjs';
import { EventStreamMarshaller } from './src/marshaller.mjs';

export { EventStreamCodec, EventStreamError, HeaderMarshaller, Int64, EventStreamMarshaller, splitHttpPrelude };
export { MessageDecoderStream, MessageEncoderStream, SmithyMessageDecoderStream, SmithyMessageEncoderStream } from './src/streams.mjs';
export const eventStreamSerdeProvider = (options) => new EventStreamMarshaller(options);

// Where this file is; none in the CommonJS build (`browser.cjs`).
const here = import.meta.url;

/** Loads the module from a URL, a `Response` (or its promise), bytes or a compiled module. */
export async function init(source) {
  if (source === undefined) {
    if (!here) throw new TypeError("init() needs the module's URL (or bytes) from CommonJS: the ESM entry finds the file beside it");
    source = new URL('./eventstream.wasm', here);
  }
  if (source instanceof WebAssembly.Module) return initSync(source);
  const url = typeof source === 'string' || source instanceof URL ? String(source) : null;
  const input = url === null ? await source : await fetchModule(url);
  const isResponse = typeof Response !== 'undefined' && input instanceof Response;
  const bytes = isResponse ? await wasmBytes(input, url ?? input.url) : checked(input, url);
  setModule(await WebAssembly.compile(bytes), undefined);
}

async function fetchModule(url) {
  try {
    return await fetch(url);
  } catch (error) {
    throw new Error(`eventstream: could not fetch eventstream.wasm from ${url}: ${error.message}`, { cause: error });
  }
}

/** Loads the module from bytes or a compiled module (Workers give one at import). */
export function initSync(source) {
  setModule(source instanceof WebAssembly.Module ? source : new WebAssembly.Module(checked(source, null)), undefined);
}

/** A response's body, if it is the module: else an error naming the URL and what came. */
async function wasmBytes(response, url) {
  const where = url ? ` from ${url}` : '';
  if (!response.ok) {
    throw new Error(`eventstream: could not load eventstream.wasm${where}: HTTP ${response.status} ${response.statusText}`.trim());
  }
  return checked(await response.arrayBuffer(), url);
}

/** `bytes` if they start as a WebAssembly module does; else an error saying what they are. */
function checked(bytes, url) {
  const view = ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
  if (view[0] === 0 && view[1] === 0x61 && view[2] === 0x73 && view[3] === 0x6d) return bytes;
  const start = new TextDecoder().decode(view.subarray(0, 16)).replace(/[^\x20-\x7e]/g, '.');
  const what = /^\s*</.test(start) ? 'an HTML or XML page (a missing file answered with a page?)' : `bytes starting "${start}"`;
  const where = url ? ` from ${url}` : '';
  throw new Error(`eventstream: what was loaded${where} is not eventstream.wasm but ${what}; serve the package's eventstream.wasm there, pass its URL to init(), or import 'eventstream-codec-wasm/inline'`);
}
