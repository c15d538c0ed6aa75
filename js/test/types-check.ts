// Compiled by test/types.test.mjs with `tsc --noEmit --strict`: code typed
// against smithy's codec, its stream classes and HeaderMarshaller, and the
// SDK's option types compiles against ours.
import {
  EventStreamCodec,
  EventStreamError,
  HeaderMarshaller,
  Int64,
  MessageDecoderStream,
  MessageEncoderStream,
  SmithyMessageDecoderStream,
  SmithyMessageEncoderStream,
  eventStreamSerdeProvider,
  type Message,
} from 'eventstream-codec-wasm';
import * as inline from 'eventstream-codec-wasm/inline';
import { EventStreamCodec as SmithyCodec } from '@smithy/eventstream-codec';
import type { Message as SmithyMessage, MessageDecoder, MessageEncoder, MessageHeaders, EventStreamSerdeProvider } from '@smithy/types';
import { LambdaClient } from '@aws-sdk/client-lambda';

const codec = new EventStreamCodec();
const ours: Message = codec.decode(new Uint8Array(16));
const decoded: SmithyMessage = ours;
const frame: Uint8Array = codec.encode(decoded);
codec.encode({ headers: { n: { type: 'long', value: 5n }, t: { type: 'timestamp', value: new Date() } }, body: frame });
const asSmithy: Pick<SmithyCodec, 'encode' | 'decode' | 'feed' | 'endOfStream' | 'getMessage' | 'getAvailableMessages' | 'formatHeaders'> = codec;
const asDecoder: MessageDecoder = codec;
const asEncoder: MessageEncoder = codec;
const provider: EventStreamSerdeProvider = eventStreamSerdeProvider;
new LambdaClient({ eventStreamSerdeProvider });
const long: bigint = Int64.fromNumber(5).toBigInt();

// The stream classes, fed and read where smithy's would be.
async function* frames(): AsyncIterable<Uint8Array> {
  yield frame;
}
const smithyCodec = new SmithyCodec((b) => String(b), (s) => new Uint8Array(s.length));
const messages: AsyncIterable<SmithyMessage> = new MessageDecoderStream({ inputStream: frames(), decoder: smithyCodec });
const encoded: AsyncIterable<Uint8Array> = new MessageEncoderStream({ messageStream: messages, encoder: asEncoder, includeEndFrame: true });
const events: AsyncIterable<string> = new SmithyMessageDecoderStream({
  messageStream: messages,
  deserializer: async (message: SmithyMessage) => message.headers[':event-type']?.value as string | undefined,
});
const back: AsyncIterable<SmithyMessage> = new SmithyMessageEncoderStream({
  inputStream: events,
  serializer: (event: string): SmithyMessage => ({ headers: { ':event-type': { type: 'string', value: event } }, body: frame }),
});
const marshaller = new HeaderMarshaller();
const block: Uint8Array = marshaller.format(decoded.headers);
const parsed: MessageHeaders = marshaller.parse(new DataView(block.buffer));
const inlineCodec: EventStreamCodec = new inline.EventStreamCodec();
try {
  codec.feed(frame);
} catch (error) {
  if (error instanceof EventStreamError) console.log(error.code, error.offset, ours, asSmithy, asDecoder, provider, long, encoded, back, parsed, inlineCodec);
}
