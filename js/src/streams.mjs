// The stream classes of @smithy/eventstream-codec, with its options and
// behaviour: async iterables in, async iterables out. They work with any
// codec of smithy's shape, this package's or smithy's own.

/**
 * Whole frames in (`inputStream`, one frame per chunk, as smithy's
 * `getChunkedStream` gives them), messages out through `decoder.decode`.
 */
export class MessageDecoderStream {
  constructor(options) {
    this.options = options;
  }

  async *[Symbol.asyncIterator]() {
    for await (const bytes of this.options.inputStream) yield this.options.decoder.decode(bytes);
  }
}

/**
 * Messages in (`messageStream`), frames out through `encoder.encode`; with
 * `includeEndFrame`, an empty chunk last, as signed streams end.
 */
export class MessageEncoderStream {
  constructor(options) {
    this.options = options;
  }

  async *[Symbol.asyncIterator]() {
    for await (const message of this.options.messageStream) yield this.options.encoder.encode(message);
    if (this.options.includeEndFrame) yield new Uint8Array(0);
  }
}

/** Messages in, what `deserializer` makes of each out; `undefined` is skipped. */
export class SmithyMessageDecoderStream {
  constructor(options) {
    this.options = options;
  }

  async *[Symbol.asyncIterator]() {
    for await (const message of this.options.messageStream) {
      const event = await this.options.deserializer(message);
      if (event !== undefined) yield event;
    }
  }
}

/** Events in (`inputStream`), the messages `serializer` makes of them out. */
export class SmithyMessageEncoderStream {
  constructor(options) {
    this.options = options;
  }

  async *[Symbol.asyncIterator]() {
    for await (const event of this.options.inputStream) yield this.options.serializer(event);
  }
}
