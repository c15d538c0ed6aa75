// The inspector in headless Chromium, through the hooks tests outside the
// project use (the first file input, data-frame-index, data-frame-offset,
// data-error-offset, body[data-state=done]): every file of testdata/ shows
// the frames and headers `eventstream json` gives for it; a HAR built here
// from a recorded stream shows the same; a corrupted stream shows every frame
// before the damage, then the fault's offset and field; and header text that
// looks like HTML is shown as text.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect, launch, root, serveDist, testdata } from './browser.mjs';

const TOOL = process.env.EVENTSTREAM_BIN ?? path.join(root, 'target', 'release', 'eventstream');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-'));

/** What `eventstream json` says of a file's frames: [offset, message type, type, headers as the page shows them]. */
function expected(file) {
  const out = execFileSync(TOOL, ['json', file], { encoding: 'utf8' });
  let offset = 0;
  return out
    .trim()
    .split('\n')
    .map((line) => {
      const frame = JSON.parse(line);
      const value = (name) => frame.headers.find((h) => h.name === name)?.value;
      const messageType = value(':message-type') ?? 'event';
      const type = messageType === 'exception' ? value(':exception-type') : messageType === 'error' ? value(':error-code') : value(':event-type');
      const row = { offset, length: frame.total_length, messageType, type: type ?? '', headers: frame.headers.map(shown) };
      offset += frame.total_length;
      return row;
    });
}

/** A header of `eventstream json` as the page's table row shows it: name, type, value. */
function shown({ name, type, value, time }) {
  switch (type) {
    case 'byte_array':
      return [name, 'binary', Buffer.from(value, 'base64').toString('hex').replace(/(..)(?!$)/g, '$1 ') || '(empty)'];
    case 'timestamp':
      return [name, type, `${time} (${value} ms)`];
    default:
      return [name, type, String(value)];
  }
}

/** The page's frame rows and the shown frame's header table. */
async function shownFrames(page) {
  return page.$$eval('[data-frame-index]', (rows) =>
    rows.map((row) => ({
      index: Number(row.dataset.frameIndex),
      offset: Number(row.dataset.frameOffset),
      length: Number(row.querySelector('.c-length').textContent),
      messageType: row.querySelector('.c-kind').textContent,
      type: row.querySelector('.c-type').textContent,
    })),
  );
}

async function headerTable(page) {
  return page.$$eval('#detail table.headers tbody tr', (rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent)));
}

const validFiles = [
  ...fs.readdirSync(path.join(testdata, 'encoded', 'positive')).map((f) => path.join('encoded', 'positive', f)),
  ...fs.readdirSync(path.join(testdata, 'smithy-rs', 'test_data')).filter((f) => f.startsWith('valid_')).map((f) => path.join('smithy-rs', 'test_data', f)),
  ...fs.readdirSync(path.join(testdata, 'smithy-rs', 'recorded')).filter((f) => f.endsWith('.bin')).map((f) => path.join('smithy-rs', 'recorded', f)),
  ...fs.readdirSync(path.join(testdata, 'lambda')).filter((f) => f.endsWith('.bin') && f !== 'truncated.bin').map((f) => path.join('lambda', f)),
];

test('the inspector in Chromium', async (t) => {
  const server = await serveDist();
  const browser = await launch();
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/.test(message.text())) pageErrors.push(message.text());
  });
  t.after(async () => {
    await browser.close();
    server.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  await t.test('every valid file of testdata/: the frames and headers eventstream json gives', async () => {
    assert.equal(validFiles.length, 17, "the valid files of testdata/");
    for (const name of validFiles) {
      const file = path.join(testdata, name);
      const want = expected(file);
      await inspect(page, server.url, file);
      const rows = await shownFrames(page);
      assert.deepStrictEqual(
        rows,
        want.map(({ offset, length, messageType, type }, index) => ({ index, offset, length, messageType, type })),
        name,
      );
      // The first frame is shown at once; the last one on a click.
      assert.deepStrictEqual(await headerTable(page), want[0].headers, `${name}: frame 0's headers`);
      await page.click(`[data-frame-index="${want.length - 1}"]`);
      await page.waitForFunction((n) => document.querySelector('#detail h2')?.textContent.startsWith(`Frame ${n} `), {}, want.length - 1);
      assert.deepStrictEqual(await headerTable(page), want.at(-1).headers, `${name}: the last frame's headers`);
      assert.equal(await page.$eval('#error', (e) => e.hidden), true, `${name}: no error`);
    }
    assert.deepStrictEqual(pageErrors, []);
  });

  await t.test('a HAR from the devtools, with the stream as base64: the same frames', async () => {
    const name = path.join('smithy-rs', 'recorded', 'transcribestreaming_success.response.bin');
    const bytes = fs.readFileSync(path.join(testdata, name));
    const har = {
      log: {
        version: '1.2',
        entries: [
          { request: { method: 'GET', url: 'https://example.com/' }, response: { status: 200, content: { mimeType: 'text/html', text: '<html>' } } },
          {
            request: { method: 'POST', url: 'https://transcribestreaming.us-east-1.amazonaws.com/stream-transcription' },
            response: { status: 200, content: { size: bytes.length, mimeType: 'application/vnd.amazon.eventstream', encoding: 'base64', text: bytes.toString('base64') } },
          },
        ],
      },
    };
    const file = path.join(scratch, 'session.har');
    fs.writeFileSync(file, JSON.stringify(har));
    await inspect(page, server.url, file);
    const want = expected(path.join(testdata, name));
    assert.deepStrictEqual((await shownFrames(page)).map((r) => [r.offset, r.type]), want.map((r) => [r.offset, r.type]));
    assert.match(await page.$eval('#source-note', (e) => e.textContent), /HAR entry \(base64\)/);
  });

  await t.test('a corrupted stream: every frame before the damage, then the offset and the field', async () => {
    const bytes = fs.readFileSync(path.join(testdata, 'lambda', 'text_in_chunks.bin'));
    const frames = expected(path.join(testdata, 'lambda', 'text_in_chunks.bin'));
    const bad = frames[3];
    for (const [what, at, errorOffset, field] of [
      ['a payload byte', bad.offset + bad.length - 6, bad.offset + bad.length - 4, 'message CRC'],
      ['the prelude CRC', bad.offset + 9, bad.offset + 8, 'prelude CRC'],
    ]) {
      const corrupt = Buffer.from(bytes);
      corrupt[at] ^= 0x01;
      const file = path.join(scratch, 'corrupt.bin');
      fs.writeFileSync(file, corrupt);
      await inspect(page, server.url, file);
      assert.deepStrictEqual((await shownFrames(page)).map((r) => r.offset), frames.slice(0, 3).map((r) => r.offset), what);
      const error = await page.$eval('[data-error-offset]', (e) => ({ offset: Number(e.dataset.errorOffset), text: e.textContent }));
      assert.equal(error.offset, errorOffset, what);
      assert.match(error.text, new RegExp(field), what);
      const marked = await page.$$eval('#error .byte.bad', (cells) => cells.map((c) => Number(c.title.replace('byte ', ''))));
      assert.deepStrictEqual(marked, [errorOffset, errorOffset + 1, errorOffset + 2, errorOffset + 3], `${what}: the 4 bytes marked`);
    }
    // Cut short: the frames before, and where the cut frame starts.
    await inspect(page, server.url, path.join(testdata, 'lambda', 'truncated.bin'));
    assert.equal((await shownFrames(page)).length, 2);
    assert.match(await page.$eval('#error', (e) => e.textContent), /the stream ends inside a frame/);
    assert.match(await page.$eval('#lambda', (e) => e.textContent), /No InvokeComplete/);
  });

  await t.test('a long capture: decoded in the worker, the list virtualised, the keyboard moves through it', async () => {
    const one = fs.readFileSync(path.join(testdata, 'lambda', 'text_in_chunks.bin'));
    const file = path.join(scratch, 'long.bin');
    fs.writeFileSync(file, Buffer.concat(Array(500).fill(one)));
    const frames = expected(path.join(testdata, 'lambda', 'text_in_chunks.bin')).length * 500;
    await inspect(page, server.url, file);
    assert.match(await page.$eval('#summary', (e) => e.textContent), new RegExp(`^${frames.toLocaleString('en-US')} frames`));
    const inDom = await page.$$eval('[data-frame-index]', (rows) => rows.length);
    assert.ok(inDom < 200, `${inDom} rows in the page for ${frames} frames`);
    await page.focus('#list');
    await page.keyboard.press('End');
    await page.waitForFunction((n) => document.querySelector('#detail h2')?.textContent.startsWith(`Frame ${n} `), {}, frames - 1);
    assert.equal(await page.$eval('[aria-selected="true"]', (row) => Number(row.dataset.frameIndex)), frames - 1);
    // The search runs over header values, in the worker.
    await page.type('#search', 'InvokeComplete');
    await page.waitForFunction(() => document.querySelector('#shown').textContent === '500 shown');
  });

  await t.test('readable at 320 px wide: nothing wider than the screen', async () => {
    await page.setViewport({ width: 320, height: 640 });
    await inspect(page, server.url, path.join(testdata, 'lambda', 'function_error.bin'));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `the page is ${width} px wide`);
    await page.setViewport({ width: 1280, height: 860 });
  });

  await t.test('no script error and no Content-Security-Policy violation on any of it', () => {
    assert.deepStrictEqual(pageErrors, []);
  });

  await t.test('header text and payloads that look like HTML are shown as text', async () => {
    const file = path.join(scratch, 'html.bin');
    const encoded = execFileSync(TOOL, ['encode', '-'], {
      input: JSON.stringify({
        headers: [
          { name: ':event-type', type: 'string', value: '<img src=x onerror="document.body.dataset.pwned=1">' },
          { name: '<b>name</b>', type: 'string', value: '<script>document.body.dataset.pwned=2</script>' },
        ],
        payload: '<img src=y onerror="document.body.dataset.pwned=3">',
      }),
    });
    fs.writeFileSync(file, encoded);
    await inspect(page, server.url, file);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await page.evaluate(() => document.body.dataset.pwned ?? null), null);
    assert.equal(await page.$$eval('#detail img, #detail script, #detail b, #list img', (found) => found.length), 0);
    const cells = (await headerTable(page)).flat().join('\n');
    assert.match(cells, /<img src=x onerror=/);
    assert.match(cells, /<b>name<\/b>/);
    assert.match(await page.$eval('#detail pre.payload', (e) => e.textContent), /<img src=y/);
  });
});
