// ESM entry for browsers, Deno and edge runtimes: `await init()` first. It
// fetches `eventstream.wasm` from beside this file unless given where the
// module is: a URL, a Response, bytes or a compiled WebAssembly.Module.
import browser from './lib/browser.js';

export const { initSync, EventStreamCodec, EventStreamError, Int64, EventStreamMarshaller, eventStreamSerdeProvider } = browser;

export function init(source = new URL('./eventstream.wasm', import.meta.url)) {
  return browser.init(source);
}
