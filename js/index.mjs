// ESM entry for Node.js: the CommonJS implementation, re-exported by name.
import node from './lib/node.js';

export const { init, initSync, EventStreamCodec, EventStreamError, Int64, EventStreamMarshaller, eventStreamSerdeProvider } =
  node;
