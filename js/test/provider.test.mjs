// eventStreamSerdeProvider in a real v3 client: LambdaClient's
// InvokeWithResponseStream against a local endpoint that replays testdata's
// Lambda streams, read once through this package and once through the
// client's own codec. The events, and the errors, must be the same.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { LambdaClient, InvokeWithResponseStreamCommand } from '@aws-sdk/client-lambda';
import { eventStreamSerdeProvider } from '../index.mjs';
import { files, chunksOf, randomSizes } from './support.mjs';

const streams = new Map(files('lambda').map(([name, bytes]) => [name.replace('lambda/', ''), bytes]));

/** A local Lambda endpoint: the stream named by the function, in uneven writes. */
async function endpoint(t) {
  const server = http.createServer(async (request, response) => {
    request.resume();
    const name = decodeURIComponent(request.url.split('/')[3]);
    response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amz-executed-version': '$LATEST' });
    const bytes = streams.get(name);
    for await (const chunk of chunksOf(bytes, randomSizes(bytes.length, 16, 50))) response.write(chunk);
    response.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  return `http://127.0.0.1:${server.address().port}`;
}

/** What a caller sees: the events as plain data, then how the stream ended. */
async function invoke(url, name, provider) {
  let used = 0;
  const counting = provider && ((options) => (used++, provider(options)));
  const client = new LambdaClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
    ...(counting ? { eventStreamSerdeProvider: counting } : {}),
  });
  const events = [];
  let end = 'clean';
  try {
    const response = await client.send(new InvokeWithResponseStreamCommand({ FunctionName: name }));
    for await (const event of response.EventStream) {
      events.push(JSON.parse(JSON.stringify(event, (_, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v))));
    }
  } catch (error) {
    end = error.name;
  } finally {
    client.destroy();
  }
  return { events, end, used };
}

for (const name of streams.keys()) {
  if (!name.endsWith('.bin') || name.startsWith('http_integration')) continue;
  test(`LambdaClient reads ${name} through the provider as through its own codec`, async (t) => {
    const url = await endpoint(t);
    const theirs = await invoke(url, name, undefined);
    const ours = await invoke(url, name, eventStreamSerdeProvider);
    assert.ok(ours.used > 0, 'the client used the provider');
    assert.deepStrictEqual(ours.events, theirs.events);
    if (name === 'truncated.bin') {
      // Both fail; the names differ (smithy's is a plain Error).
      assert.notEqual(theirs.end, 'clean');
      assert.equal(ours.end, 'EventStreamError');
    } else {
      assert.equal(ours.end, theirs.end);
    }
    assert.ok(ours.events.length > 0 || ours.end !== 'clean');
  });
}
