// Compiled by test/types.test.mjs with `tsc --noEmit`: code typed against
// smithy's codec and the SDK's option types compiles against ours.
import { EventStreamCodec, EventStreamError, Int64, eventStreamSerdeProvider, type Message } from 'eventstream-codec-wasm';
import { EventStreamCodec as SmithyCodec } from '@smithy/eventstream-codec';
import type { Message as SmithyMessage, EventStreamSerdeProvider } from '@smithy/types';
import { LambdaClient } from '@aws-sdk/client-lambda';

const codec = new EventStreamCodec();
const ours: Message = codec.decode(new Uint8Array(16));
const decoded: SmithyMessage = ours;
const frame: Uint8Array = codec.encode(decoded);
codec.encode({ headers: { n: { type: 'long', value: 5n }, t: { type: 'timestamp', value: new Date() } }, body: frame });
const asSmithy: Pick<SmithyCodec, 'encode' | 'decode' | 'feed' | 'endOfStream' | 'getMessage' | 'getAvailableMessages'> = codec;
const provider: EventStreamSerdeProvider = eventStreamSerdeProvider;
new LambdaClient({ eventStreamSerdeProvider });
const long: bigint = Int64.fromNumber(5).toBigInt();
try {
  codec.feed(frame);
} catch (error) {
  if (error instanceof EventStreamError) console.log(error.code, error.offset, ours, asSmithy, provider, long);
}
