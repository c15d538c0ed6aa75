// The package's entry points: CommonJS and ESM for Node.js, and the one for
// browsers and edge runtimes, which loads the module when told to and uses
// its own CRC. Each gives the same messages.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as esm from '../index.mjs';
import * as browser from '../browser.mjs';
import { files, plain } from './support.mjs';

const require = createRequire(import.meta.url);
const wasm = fs.readFileSync(new URL('../eventstream.wasm', import.meta.url));
const frames = [...files('encoded/positive'), ...files('smithy-rs/test_data').filter(([n]) => n.includes('/valid_'))];
const big = new esm.EventStreamCodec().encode({ headers: {}, body: new Uint8Array(100000).fill(7) });

test('CommonJS and ESM export the same names', () => {
  const cjs = require('../node.cjs');
  assert.deepStrictEqual(Object.keys(esm).sort(), Object.keys(cjs).sort());
  assert.equal(esm.EventStreamCodec, cjs.EventStreamCodec);
  assert.deepStrictEqual(Object.keys(browser).sort(), Object.keys(cjs).sort());
});

test('the browser entry needs init, then decodes as the Node.js one', async () => {
  await browser.init(new Response(wasm));
  for (const [name, bytes] of [...frames, ['100 KB payload', big]]) {
    assert.deepStrictEqual(plain(new browser.EventStreamCodec().decode(bytes)), plain(new esm.EventStreamCodec().decode(bytes)), name);
  }
  browser.initSync(new WebAssembly.Module(wasm));
  const corrupt = big.slice();
  corrupt[5000] ^= 1;
  assert.throws(() => new browser.EventStreamCodec().decode(corrupt), { code: 'MessageChecksum' });
  assert.throws(() => new esm.EventStreamCodec().decode(corrupt), { code: 'MessageChecksum' });
});
