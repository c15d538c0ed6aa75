// The capture parser, in Node: HAR (base64 and text bodies), curl -i (with
// and without chunked transfer encoding, a 100 Continue first), base64 text,
// raw bodies, and what is said of a capture with no event stream.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { bodiesOf, dechunk, fromBase64, looksLikeBase64 } from '../src/capture.mjs';
import { testdata } from './browser.mjs';

const stream = new Uint8Array(fs.readFileSync(path.join(testdata, 'lambda', 'text_in_chunks.bin')));
const bytes = (text) => new TextEncoder().encode(text);
const concat = (...parts) => new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p))));

test('a raw body is itself', () => {
  const [body] = bodiesOf(stream, 'body.bin');
  assert.deepStrictEqual(body.bytes, stream);
  assert.equal(body.note, 'a raw body');
});

test('a HAR gives every event-stream entry, base64 or text', () => {
  const har = {
    log: {
      entries: [
        { request: { method: 'GET', url: 'https://example.com/' }, response: { content: { mimeType: 'text/html', text: '<p>' } } },
        { request: { method: 'POST', url: 'https://lambda/invoke' }, response: { content: { mimeType: 'application/vnd.amazon.eventstream', encoding: 'base64', text: Buffer.from(stream).toString('base64') } } },
        { request: { method: 'POST', url: 'https://lambda/other' }, response: { content: { mimeType: 'application/vnd.amazon.eventstream', text: Buffer.from(stream).toString('latin1') } } },
      ],
    },
  };
  const bodies = bodiesOf(bytes(JSON.stringify(har)), 'session.har');
  assert.equal(bodies.length, 2);
  assert.deepStrictEqual(bodies[0].bytes, stream);
  assert.deepStrictEqual(bodies[1].bytes, stream);
  assert.match(bodies[0].name, /POST https:\/\/lambda\/invoke \(entry 1\)/);
  assert.throws(() => bodiesOf(bytes(JSON.stringify({ log: { entries: [har.log.entries[0]] } })), 'x.har'), /none of them an application\/vnd\.amazon\.eventstream response/);
});

test('curl -i: the head is taken off and chunked transfer encoding undone', () => {
  const head = 'HTTP/1.1 200 OK\r\nContent-Type: application/vnd.amazon.eventstream\r\n';
  const plain = bodiesOf(concat(bytes(`${head}\r\n`), stream), 'curl.txt')[0];
  assert.deepStrictEqual(plain.bytes, stream);
  const chunks = [];
  for (let at = 0; at < stream.length; at += 100) {
    const piece = stream.subarray(at, at + 100);
    chunks.push(bytes(`${piece.length.toString(16)}\r\n`), piece, bytes('\r\n'));
  }
  const chunked = concat(bytes('HTTP/1.1 100 Continue\r\n\r\n'), bytes(`${head}Transfer-Encoding: chunked\r\n\r\n`), ...chunks, bytes('0\r\n\r\n'));
  const [body] = bodiesOf(chunked, 'curl.txt');
  assert.deepStrictEqual(body.bytes, stream);
  assert.match(body.note, /chunked transfer encoding undone/);
  assert.deepStrictEqual(dechunk(bytes('5\r\nhello\r\n3\r\nwor')), bytes('hellowor'), 'cut inside a chunk: what arrived');
});

test('base64 text, with line breaks, is decoded; binary is not base64', () => {
  const text = Buffer.from(stream).toString('base64').replace(/(.{76})/g, '$1\n');
  assert.ok(looksLikeBase64(bytes(text)));
  assert.deepStrictEqual(bodiesOf(bytes(text), 'b64.txt')[0].bytes, stream);
  assert.ok(!looksLikeBase64(stream));
  assert.deepStrictEqual(fromBase64('aGk-_w'), new Uint8Array([104, 105, 62, 255]));
});
