'use strict';
// The entry point for browsers, Deno and edge runtimes: the module is loaded
// once, before the first codec, by `await init()` (which fetches
// `eventstream.wasm` from beside this file, or takes a URL, a Response,
// bytes or a compiled module) or `initSync(moduleOrBytes)` where the runtime
// gives the module at import (Cloudflare Workers). The CRC is the module's own.
const codec = require('./codec.js');
const { EventStreamMarshaller } = require('./marshaller.js');

/** Loads the module from a URL, a `Response` (or its promise), bytes or a compiled module. */
async function init(source) {
  let input = source;
  if (input === undefined) {
    throw new TypeError("init() needs the module's URL from CommonJS: the ESM entry defaults to the file beside it");
  }
  if (input instanceof WebAssembly.Module) return initSync(input);
  if (typeof input === 'string' || input instanceof URL) input = fetch(input);
  input = await input;
  const module =
    typeof Response !== 'undefined' && input instanceof Response
      ? await WebAssembly.compile(await input.arrayBuffer())
      : await WebAssembly.compile(input);
  codec.setModule(module, undefined);
}

/** Loads the module from bytes or a compiled module (Workers give one at import). */
function initSync(source) {
  codec.setModule(source instanceof WebAssembly.Module ? source : new WebAssembly.Module(source), undefined);
}

module.exports = {
  init,
  initSync,
  EventStreamCodec: codec.EventStreamCodec,
  EventStreamError: codec.EventStreamError,
  Int64: codec.Int64,
  EventStreamMarshaller,
  eventStreamSerdeProvider: (options) => new EventStreamMarshaller(options),
};
