// `eventStreamSerdeProvider`: the AWS SDK for JavaScript v3's event-stream
// marshaller over this package's codec. What it does with each message is
// what @smithy/core's universal marshaller does (events to the client's
// deserializer, exceptions and errors thrown); the bytes are read by the
// core, so a stream that ends inside a frame is an error, never a silent end.

import { EventStreamCodec, EventStreamError } from './codec.mjs';

/** The v3 clients' event-stream marshaller (`eventStreamMarshaller` in their config). */
export class EventStreamMarshaller {
  constructor({ utf8Encoder, utf8Decoder } = {}) {
    this.utf8Encoder = utf8Encoder ?? ((bytes) => new TextDecoder().decode(bytes));
    this.utf8Decoder = utf8Decoder;
  }

  /** The events of a response body: an async iterable (or web stream) of chunks. */
  deserialize(body, deserializer) {
    const toUtf8 = this.utf8Encoder;
    const utf8Decoder = this.utf8Decoder;
    return {
      async *[Symbol.asyncIterator]() {
        const codec = new EventStreamCodec(toUtf8, utf8Decoder); // one per stream
        for await (const chunk of chunks(body)) {
          codec.feed(chunk);
          for (const message of codec.getAvailableMessages().getMessages()) {
            const event = await unmarshal(message, deserializer, toUtf8);
            if (event !== undefined) yield event;
          }
        }
        codec.endOfStream();
      },
    };
  }

  /** The frames of a request's events, ending with the empty end-of-stream chunk. */
  serialize(input, serializer) {
    const codec = new EventStreamCodec(this.utf8Encoder, this.utf8Decoder);
    return {
      async *[Symbol.asyncIterator]() {
        for await (const event of input) yield codec.encode(serializer(event));
        yield new Uint8Array(0);
      },
    };
  }
}

/** A body's chunks: async iterables as they are, web streams through a reader. */
async function* chunks(body) {
  if (typeof body?.[Symbol.asyncIterator] === 'function') {
    yield* body;
    return;
  }
  if (typeof body?.getReader === 'function') {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  throw new TypeError('an event-stream body is an async iterable or a ReadableStream');
}

function stringHeader(message, name) {
  const header = message.headers[name];
  if (header === undefined) {
    throw new EventStreamError(`a message without the ${name} header its :message-type needs`, 'MissingHeader', 0);
  }
  if (header.type !== 'string') {
    throw new EventStreamError(`${name} is a ${header.type}, not a string`, 'HeaderWrongType', 0);
  }
  return header.value;
}

/** One message as the client sees it: an event, or a thrown exception or error. */
async function unmarshal(message, deserializer, toUtf8) {
  const messageType = stringHeader(message, ':message-type');
  if (messageType === 'event') {
    const event = await deserializer({ [stringHeader(message, ':event-type')]: message });
    return event.$unknown ? undefined : event;
  }
  if (messageType === 'exception') {
    const code = stringHeader(message, ':exception-type');
    const exception = await deserializer({ [code]: message });
    if (exception.$unknown) {
      const error = new Error(toUtf8(message.body));
      error.name = code;
      throw error;
    }
    throw exception[code];
  }
  if (messageType === 'error') {
    const error = new Error(message.headers[':error-message']?.value || 'UnknownError');
    error.name = stringHeader(message, ':error-code');
    throw error;
  }
  throw new EventStreamError(`unknown :message-type ${JSON.stringify(messageType)}: not event, exception or error`, 'UnknownMessageType', 0);
}
