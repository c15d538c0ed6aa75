// The browser entry in a real browser: Debian's Chromium, headless, driven
// with puppeteer-core (no browser download). The package is served as files
// by a local server and loaded three ways: unbundled through an import map
// (ES modules all the way down), bundled with esbuild (the .wasm copied
// beside the bundle, as js/README.md says), and `/inline` (the module
// inside). Each page decodes every valid file of testdata/, whole and fed
// one byte at a time; the messages must equal smithy's, decoded in Node.
// A page whose .wasm is missing must get the error that names its URL.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { files, smithy, smithyStream, plain } from './support.mjs';

const js = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const singleFrames = [...files('encoded/positive'), ...files('smithy-rs/test_data').filter(([n]) => n.includes('/valid_'))];
const streams = [...files('lambda').filter(([n]) => !n.endsWith('truncated.bin')), ...files('smithy-rs/recorded')];

// What each page runs: the package as `codec`, then every file decoded.
const PAGE_SCRIPT = `
  import { plain } from '/test/plain.mjs';
  export async function run(codec, names) {
    if (codec.init && !codec.ready) await codec.init();
    const out = {};
    for (const [name, kind] of names) {
      const bytes = new Uint8Array(await (await fetch('/testdata/' + name)).arrayBuffer());
      if (kind === 'frame') {
        out[name] = [plain(new codec.EventStreamCodec().decode(bytes))];
        continue;
      }
      const whole = new codec.EventStreamCodec();
      whole.feed(bytes);
      whole.endOfStream();
      const bytewise = new codec.EventStreamCodec();
      const fed = [];
      for (let at = 0; at < bytes.length; at++) {
        bytewise.feed(bytes.subarray(at, at + 1));
        fed.push(...bytewise.getAvailableMessages().getMessages());
      }
      bytewise.endOfStream();
      out[name] = whole.getAvailableMessages().getMessages().map(plain);
      out[name + ' (byte by byte)'] = fed.map(plain);
    }
    return out;
  }
`;

/** A static server for the package, testdata/, the test pages and the bundle. */
function serve(routes) {
  const types = { '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    for (const [prefix, dir] of routes) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = path.join(dir, decodeURIComponent(url.pathname.slice(prefix.length)));
      if (file.startsWith(dir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
        response.end(fs.readFileSync(file));
        return;
      }
    }
    // What a static host answers for a missing file: a page.
    response.writeHead(404, { 'content-type': 'text/html' });
    response.end('<!DOCTYPE html><title>Not Found</title>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The scratch folder of pages and the esbuild bundle. */
async function scratch() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventstream-browser-'));
  const page = (name, importMap, body) =>
    fs.writeFileSync(
      path.join(dir, name),
      `<!DOCTYPE html><meta charset="utf-8">
<script type="importmap">${JSON.stringify({ imports: importMap })}</script>
<script type="module">${body}</script>`,
    );
  fs.writeFileSync(path.join(dir, 'run.mjs'), PAGE_SCRIPT);
  const unbundled = `
    import * as codec from 'eventstream-codec-wasm';
    import { run } from '/pages/run.mjs';
    window.run = (names) => run(codec, names);
    window.loaded = true;`;
  page('unbundled.html', { 'eventstream-codec-wasm': '/pkg/browser.mjs' }, unbundled);
  page('inline.html', { 'eventstream-codec-wasm': '/pkg/inline.mjs' }, unbundled.replace("import * as codec from 'eventstream-codec-wasm';", "import * as inline from 'eventstream-codec-wasm'; const codec = { ...inline, ready: true };"));
  page('missing.html', { 'eventstream-codec-wasm': '/nowasm/browser.mjs' }, `
    import { init } from 'eventstream-codec-wasm';
    window.failure = init().then(() => 'loaded', (error) => error.message);
    window.loaded = true;`);
  // The bundle: an app that imports the package by name, as a user's would.
  fs.writeFileSync(path.join(dir, 'app.mjs'), `import * as codec from 'eventstream-codec-wasm';\n${PAGE_SCRIPT.replace("'/test/plain.mjs'", JSON.stringify(path.join(js, 'test', 'plain.mjs')))}\nwindow.run = (names) => run(codec, names);\nwindow.loaded = true;\n`);
  fs.mkdirSync(path.join(dir, 'bundle'));
  await build({
    entryPoints: [path.join(dir, 'app.mjs')],
    outfile: path.join(dir, 'bundle', 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    alias: { 'eventstream-codec-wasm': js },
    logLevel: 'error',
  });
  fs.copyFileSync(path.join(js, 'eventstream.wasm'), path.join(dir, 'bundle', 'eventstream.wasm'));
  fs.writeFileSync(path.join(dir, 'bundled.html'), '<!DOCTYPE html><script type="module" src="/pages/bundle/app.js"></script>');
  // The package without its .wasm.
  const nowasm = path.join(dir, 'nowasm');
  fs.mkdirSync(nowasm);
  fs.cpSync(path.join(js, 'browser.mjs'), path.join(nowasm, 'browser.mjs'));
  fs.cpSync(path.join(js, 'src'), path.join(nowasm, 'src'), { recursive: true });
  return dir;
}

test('in Chromium: unbundled, bundled and inline, every valid file decodes as smithy decodes it in Node', async (t) => {
  if (!fs.existsSync(CHROMIUM)) {
    assert.fail(`no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium), or set CHROMIUM`);
  }
  const dir = await scratch();
  const server = await serve([
    ['/pkg/', js],
    ['/test/', path.join(js, 'test')],
    ['/testdata/', path.join(js, '..', 'testdata')],
    ['/pages/', dir],
    ['/nowasm/', path.join(dir, 'nowasm')],
  ]);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  t.after(async () => {
    await browser.close();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const names = [...singleFrames.map(([n]) => [n, 'frame']), ...streams.map(([n]) => [n, 'stream'])];
  const expected = {};
  for (const [name, bytes] of singleFrames) expected[name] = [plain(smithy().decode(bytes))];
  for (const [name, bytes] of streams) {
    expected[name] = (await smithyStream(bytes)).map(plain);
    expected[`${name} (byte by byte)`] = expected[name];
  }

  for (const flavour of ['unbundled', 'bundled', 'inline']) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/pages/${flavour}.html`);
    await page.waitForFunction('window.loaded === true', { timeout: 20000 }).catch(() => {
      assert.fail(`${flavour}: the page did not load: ${errors.join('; ')}`);
    });
    const got = await page.evaluate((n) => window.run(n), names);
    assert.deepStrictEqual(got, expected, flavour);
    await page.close();
  }

  const page = await browser.newPage();
  await page.goto(`${origin}/pages/missing.html`);
  await page.waitForFunction('window.loaded === true', { timeout: 20000 });
  const failure = await page.evaluate(() => window.failure);
  assert.match(failure, new RegExp(`could not load eventstream\\.wasm from ${origin}/nowasm/eventstream\\.wasm: HTTP 404`));
});
