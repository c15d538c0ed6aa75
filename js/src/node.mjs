// The Node.js entry point, built into `node.cjs` at the package's root
// (`scripts/dist.mjs`; `index.mjs` re-exports it for `import`, so both
// module systems share one instance). It loads `eventstream.wasm` from
// beside it at load time, with zlib's CRC-32 as the host's (Node.js 20.15
// and later; older versions use the module's own).
import fs from 'node:fs';
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { EventStreamCodec, EventStreamError, HeaderMarshaller, Int64, setModule, splitHttpPrelude } from './codec.mjs';
import { EventStreamMarshaller } from './marshaller.mjs';

export { EventStreamCodec, EventStreamError, HeaderMarshaller, Int64, splitHttpPrelude };
export { MessageDecoderStream, MessageEncoderStream, SmithyMessageDecoderStream, SmithyMessageEncoderStream } from './streams.mjs';

const hostCrc32 = typeof zlib.crc32 === 'function' ? zlib.crc32 : undefined;
// `import.meta.url` is the built file's, at the package's root.
setModule(new WebAssembly.Module(fs.readFileSync(new URL('./eventstream.wasm', import.meta.url))), hostCrc32);

/** Already loaded here; with a module or its bytes, uses that one instead. */
export function initSync(source) {
  if (source !== undefined) {
    setModule(source instanceof WebAssembly.Module ? source : new WebAssembly.Module(source), hostCrc32);
  }
}

/** As `initSync`, for code written for the browser entry's `await init()`. */
export async function init(source) {
  initSync(source instanceof WebAssembly.Module || ArrayBuffer.isView(source) || source instanceof ArrayBuffer ? source : undefined);
}

/** As smithy's Node.js marshaller: request streams are `Readable`s. */
class NodeEventStreamMarshaller extends EventStreamMarshaller {
  serialize(input, serializer) {
    return Readable.from(super.serialize(input, serializer));
  }
}

export { NodeEventStreamMarshaller as EventStreamMarshaller };
export const eventStreamSerdeProvider = (options) => new NodeEventStreamMarshaller(options);
