'use strict';
// The Node.js entry point: loads `eventstream.wasm` from beside this package
// at require time, with zlib's CRC-32 as the host's (Node.js 20.15 and
// later; older versions use the module's own).
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { Readable } = require('node:stream');
const codec = require('./codec.js');
const { EventStreamMarshaller } = require('./marshaller.js');

const hostCrc32 = typeof zlib.crc32 === 'function' ? zlib.crc32 : undefined;
codec.setModule(new WebAssembly.Module(fs.readFileSync(path.join(__dirname, '..', 'eventstream.wasm'))), hostCrc32);

/** Already loaded here; with a module or its bytes, uses that one instead. */
function initSync(source) {
  if (source !== undefined) {
    codec.setModule(source instanceof WebAssembly.Module ? source : new WebAssembly.Module(source), hostCrc32);
  }
}

async function init(source) {
  initSync(source instanceof WebAssembly.Module || ArrayBuffer.isView(source) || source instanceof ArrayBuffer ? source : undefined);
}

/** As smithy's Node.js marshaller: request streams are `Readable`s. */
class NodeEventStreamMarshaller extends EventStreamMarshaller {
  serialize(input, serializer) {
    return Readable.from(super.serialize(input, serializer));
  }
}

module.exports = {
  init,
  initSync,
  EventStreamCodec: codec.EventStreamCodec,
  EventStreamError: codec.EventStreamError,
  Int64: codec.Int64,
  EventStreamMarshaller: NodeEventStreamMarshaller,
  eventStreamSerdeProvider: (options) => new NodeEventStreamMarshaller(options),
};
