// Types of eventstream-codec-wasm: the names and shapes of
// @smithy/eventstream-codec's `EventStreamCodec` and `Message`, so that code
// typed against smithy's compiles against this package unchanged.

/** A 64-bit integer as its 8 big-endian bytes (smithy's `Int64`). */
export declare class Int64 {
  readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array);
  /** The Int64 of an integer number or a bigint. */
  static fromNumber(number: number | bigint): Int64;
  /** The exact value. */
  toBigInt(): bigint;
  /** The value as a number (rounded past 2^53). */
  valueOf(): number;
  toString(): string;
}

/** The value of a header, tagged with its wire type by smithy's names. */
export type MessageHeaderValue =
  | { type: 'boolean'; value: boolean }
  | { type: 'byte'; value: number }
  | { type: 'short'; value: number }
  | { type: 'integer'; value: number }
  | { type: 'long'; value: Int64 }
  | { type: 'binary'; value: Uint8Array }
  | { type: 'string'; value: string }
  | { type: 'timestamp'; value: Date }
  | { type: 'uuid'; value: string };

/** What `encode` takes for a header: also any 8-byte `{ bytes }` or a bigint for longs. */
export type EncodableHeaderValue =
  | Exclude<MessageHeaderValue, { type: 'long' }>
  | { type: 'long'; value: Int64 | { readonly bytes: Uint8Array } | bigint | number };

/** A message's headers by name. */
export type MessageHeaders = Record<string, MessageHeaderValue>;

/** One event-stream message: `{ headers, body }`, as smithy's. */
export interface Message {
  headers: MessageHeaders;
  body: Uint8Array;
}

/** What `encode` takes: a `Message`, or one whose longs are any `{ bytes }` or bigints. */
export interface EncodableMessage {
  headers: Record<string, EncodableHeaderValue>;
  body: Uint8Array;
}

/** What `getMessage` returns, as smithy's. */
export interface AvailableMessage {
  getMessage(): Message | undefined;
  isEndOfStream(): boolean;
}

/** What `getAvailableMessages` returns, as smithy's. */
export interface AvailableMessages {
  getMessages(): Message[];
  isEndOfStream(): boolean;
}

/** Functions between text and UTF-8 bytes, as smithy's `Encoder`/`Decoder`. */
export type Utf8Encoder = (input: Uint8Array) => string;
export type Utf8Decoder = (input: string) => Uint8Array;

/**
 * Encodes and decodes event-stream frames with the Rust core, compiled to
 * WebAssembly. Its methods are smithy's; `feed` also takes partial frames.
 */
export declare class EventStreamCodec {
  /** smithy's arguments, accepted and not needed: the core decodes text. */
  constructor(toUtf8?: Utf8Encoder, fromUtf8?: Utf8Decoder);
  /** The frame of `message`: byte for byte smithy's. */
  encode(message: EncodableMessage): Uint8Array;
  /** The one frame `bytes` holds; its body and byte values view `bytes`. */
  decode(bytes: ArrayBufferView): Message;
  /** The next bytes of a stream, of any size. */
  feed(bytes: ArrayBufferView): void;
  /** The stream's end: throws if it ends inside a frame. */
  endOfStream(): void;
  /** The most recent message, taken off the end (as smithy's). */
  getMessage(): AvailableMessage;
  /** Every message since the last call, in stream order. */
  getAvailableMessages(): AvailableMessages;
  /** The header block alone (what follows a frame's prelude): byte for byte smithy's. */
  formatHeaders(headers: Record<string, EncodableHeaderValue>): Uint8Array;
}

/** Header blocks on their own, as smithy's `HeaderMarshaller`. */
export declare class HeaderMarshaller {
  /** smithy's arguments, accepted and not needed. */
  constructor(toUtf8?: Utf8Encoder, fromUtf8?: Utf8Decoder);
  /** The header block of `headers`. */
  format(headers: Record<string, EncodableHeaderValue>): Uint8Array;
  /** The headers of a block; an `EventStreamError` saying where it is wrong. */
  parse(headers: DataView): MessageHeaders;
}

/** Options of `MessageDecoderStream`, as smithy's; `M` is what `decoder` gives. */
export interface MessageDecoderStreamOptions<M = Message> {
  inputStream: AsyncIterable<Uint8Array>;
  decoder: { decode(message: ArrayBufferView): M };
}

/** Whole frames in (one per chunk), messages out, through any codec of smithy's shape. */
export declare class MessageDecoderStream<M = Message> implements AsyncIterable<M> {
  constructor(options: MessageDecoderStreamOptions<M>);
  [Symbol.asyncIterator](): AsyncIterator<M>;
}

/** Options of `MessageEncoderStream`, as smithy's. */
export interface MessageEncoderStreamOptions<M = EncodableMessage> {
  messageStream: AsyncIterable<M>;
  encoder: { encode(message: M): Uint8Array };
  includeEndFrame?: boolean;
}

/** Messages in, frames out; with `includeEndFrame`, an empty chunk last. */
export declare class MessageEncoderStream<M = EncodableMessage> implements AsyncIterable<Uint8Array> {
  constructor(options: MessageEncoderStreamOptions<M>);
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array>;
}

/** Options of `SmithyMessageDecoderStream`, as smithy's. */
export interface SmithyMessageDecoderStreamOptions<T, M = Message> {
  readonly messageStream: AsyncIterable<M>;
  readonly deserializer: (input: M) => Promise<T | undefined>;
}

/** Messages in, what `deserializer` makes of each out (`undefined` skipped). */
export declare class SmithyMessageDecoderStream<T, M = Message> implements AsyncIterable<T> {
  constructor(options: SmithyMessageDecoderStreamOptions<T, M>);
  [Symbol.asyncIterator](): AsyncIterator<T>;
}

/** Options of `SmithyMessageEncoderStream`, as smithy's. */
export interface SmithyMessageEncoderStreamOptions<T, M = EncodableMessage> {
  inputStream: AsyncIterable<T>;
  serializer: (event: T) => M;
}

/** Events in, the messages `serializer` makes of them out. */
export declare class SmithyMessageEncoderStream<T, M = EncodableMessage> implements AsyncIterable<M> {
  constructor(options: SmithyMessageEncoderStreamOptions<T, M>);
  [Symbol.asyncIterator](): AsyncIterator<M>;
}

/**
 * A function URL's HTTP-integration prelude, split off a Lambda function's
 * output by the core's splitter; `null` when the output does not start with one.
 */
export declare function splitHttpPrelude(output: ArrayBufferView): {
  metadata: { statusCode?: number; headers?: Record<string, string>; cookies?: string[] };
  body: Uint8Array;
} | null;

/** What was wrong with a frame, and where. */
export declare class EventStreamError extends Error {
  readonly name: 'EventStreamError';
  /** The rule broken: `MessageChecksum`, `HeaderTruncated`, `Truncated`, ... */
  readonly code: string;
  /** The byte it was found at, from the start of the input or stream. */
  readonly offset: number;
}

/** The marshaller the v3 clients keep as `eventStreamMarshaller`. */
export declare class EventStreamMarshaller {
  constructor(options: { utf8Encoder: Utf8Encoder; utf8Decoder: Utf8Decoder });
  deserialize<T>(
    body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
    deserializer: (input: Record<string, Message>) => Promise<T>,
  ): AsyncIterable<T>;
  serialize<T>(input: AsyncIterable<T>, serializer: (event: T) => EncodableMessage): AsyncIterable<Uint8Array>;
}

/**
 * The v3 clients' `eventStreamSerdeProvider` option:
 * `new LambdaClient({ eventStreamSerdeProvider })`.
 */
export declare function eventStreamSerdeProvider(options: {
  utf8Encoder: Utf8Encoder;
  utf8Decoder: Utf8Decoder;
}): EventStreamMarshaller;

/**
 * Loads the module before the first codec, from a URL (by default the file
 * beside the entry), a `Response`, bytes or a compiled module: needed
 * outside Node.js (the `browser` entry). Under Node.js the module is
 * loaded at import, and `init` only replaces it when given one.
 */
export declare function init(
  source?: string | URL | Response | PromiseLike<Response> | BufferSource | WebAssembly.Module,
): Promise<void>;

/** As `init`, from bytes or a compiled module, at once. */
export declare function initSync(source: BufferSource | WebAssembly.Module): void;
