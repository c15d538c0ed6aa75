// ESM entry for Node.js: the CommonJS build (`node.cjs`, made from
// `src/node.mjs`), re-exported by name, so that `import` and `require`
// share one instance.
import node from './node.cjs';

export const {
  init,
  initSync,
  EventStreamCodec,
  EventStreamError,
  HeaderMarshaller,
  Int64,
  EventStreamMarshaller,
  eventStreamSerdeProvider,
  MessageDecoderStream,
  MessageEncoderStream,
  SmithyMessageDecoderStream,
  SmithyMessageEncoderStream,
  splitHttpPrelude,
} = node;
