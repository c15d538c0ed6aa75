// How frames are shown, in Node: header values of all ten types, payload
// views, Bedrock's nested payloads, InvokeComplete, the field an error is
// about, and that nothing here makes HTML.
import test from 'node:test';
import assert from 'node:assert/strict';
import { faultField, frameSummary, headerValueText, hexDump, invokeComplete, nestedPayloads, payloadView } from '../src/view.mjs';

const text = (s) => new TextEncoder().encode(s);

test('header values of every type', () => {
  const long = { toString: () => '-50000000000' };
  const cases = [
    [{ type: 'boolean', value: true }, 'true'],
    [{ type: 'byte', value: -3 }, '-3'],
    [{ type: 'short', value: 300 }, '300'],
    [{ type: 'integer', value: 70000 }, '70000'],
    [{ type: 'long', value: long }, '-50000000000'],
    [{ type: 'binary', value: new Uint8Array([0, 15, 255]) }, '00 0f ff'],
    [{ type: 'binary', value: new Uint8Array(0) }, '(empty)'],
    [{ type: 'string', value: '<img src=x onerror=alert(1)>' }, '<img src=x onerror=alert(1)>'],
    [{ type: 'timestamp', value: new Date(8675309) }, '1970-01-01T02:24:35.309Z (8675309 ms)'],
    [{ type: 'timestamp', value: new Date(NaN) }, 'Invalid Date'],
    [{ type: 'uuid', value: '01020304-0506-0708-090a-0b0c0d0e0f10' }, '01020304-0506-0708-090a-0b0c0d0e0f10'],
  ];
  for (const [value, shown] of cases) assert.equal(headerValueText(value), shown, value.type);
});

test('payloads: JSON indented, text as it is, binary as hex, empty said so', () => {
  assert.deepStrictEqual(payloadView(text('{"a":[1,2]}')), { kind: 'json', text: '{\n  "a": [\n    1,\n    2\n  ]\n}' });
  assert.deepStrictEqual(payloadView(text('{not json')), { kind: 'text', text: '{not json' });
  assert.equal(payloadView(new Uint8Array([0xff, 0, 1])).kind, 'hex');
  assert.equal(payloadView(new Uint8Array(0)).kind, 'empty');
  assert.equal(hexDump(text('0123456789abcdefXY'), 16), '00000010  30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66  0123456789abcdef\n00000020  58 59                                            XY');
});

test("a Bedrock chunk's base64 bytes are decoded and shown as JSON", () => {
  const inner = Buffer.from('{"completion":"Hi"}').toString('base64');
  const [nested] = nestedPayloads('chunk', text(JSON.stringify({ bytes: inner })));
  assert.deepStrictEqual(nested.view, { kind: 'json', text: '{\n  "completion": "Hi"\n}' });
  assert.deepStrictEqual(nestedPayloads('PayloadChunk', text('{"bytes":"aGk="}')), []);
  assert.deepStrictEqual(nestedPayloads('chunk', text('not json')), []);
});

test("InvokeComplete's members, the log tail's base64 undone", () => {
  const log = Buffer.from('START\nEND\n').toString('base64');
  assert.deepStrictEqual(invokeComplete(text(JSON.stringify({ ErrorCode: 'Unhandled', ErrorDetails: 'boom', LogResult: log }))), {
    errorCode: 'Unhandled',
    errorDetails: 'boom',
    logResult: 'START\nEND\n',
  });
  assert.deepStrictEqual(invokeComplete(text('{}')), { errorCode: null, errorDetails: null, logResult: null });
  assert.equal(invokeComplete(text('no')), null);
});

test('the field each error is about', () => {
  assert.deepStrictEqual(faultField('PreludeChecksum', 108, 100, 500), { start: 108, end: 112, field: 'prelude CRC (bytes 8-11 of the frame)' });
  assert.deepStrictEqual(faultField('MessageChecksum', 220, 100, 500).start, 220);
  assert.match(faultField('MessageTooLong', 100, 100, 500).field, /total length/);
  assert.match(faultField('HeadersTooLong', 104, 100, 500).field, /headers length/);
  assert.deepStrictEqual(faultField('Truncated', 500, 400, 500), { start: 400, end: 500, field: 'a frame cut short: the stream ends inside it' });
});

test('a frame is an event, exception or error, of its type', () => {
  const s = (value) => ({ type: 'string', value });
  assert.deepStrictEqual(frameSummary({ headers: { ':event-type': s('Chunk') } }), { messageType: 'event', type: 'Chunk', contentType: '' });
  assert.deepStrictEqual(frameSummary({ headers: { ':message-type': s('exception'), ':exception-type': s('Throttled'), ':content-type': s('application/json') } }), { messageType: 'exception', type: 'Throttled', contentType: 'application/json' });
  assert.equal(frameSummary({ headers: { ':message-type': s('error'), ':error-code': s('InternalFailure') } }).type, 'InternalFailure');
});
