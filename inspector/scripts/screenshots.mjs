// Regenerates the README's screenshots of the inspector (inspector/screenshots/):
// the frame list and a frame's detail (a recorded Transcribe stream), the
// Lambda view (a function that failed, with its log tail), and the error
// view (a stream with one flipped bit). Run after build.sh:
//   node inspector/scripts/screenshots.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect, inspector, launch, serveDist, testdata } from '../test/browser.mjs';

const out = path.join(inspector, 'screenshots');
fs.mkdirSync(out, { recursive: true });
const server = await serveDist();
const browser = await launch();
const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 860, deviceScaleFactor: 1 });
await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);

await inspect(page, server.url, path.join(testdata, 'smithy-rs', 'recorded', 'transcribestreaming_success.response.bin'));
await page.click('[data-frame-index="4"]');
await page.waitForFunction(() => document.querySelector('#detail h2')?.textContent.startsWith('Frame 4 '));
await page.screenshot({ path: path.join(out, 'list-and-detail.png') });

await inspect(page, server.url, path.join(testdata, 'lambda', 'function_error.bin'));
await page.screenshot({ path: path.join(out, 'lambda.png'), fullPage: true });

const corrupt = Buffer.from(fs.readFileSync(path.join(testdata, 'lambda', 'text_in_chunks.bin')));
corrupt[444] ^= 0x01;
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shots-')), 'corrupt.bin');
fs.writeFileSync(file, corrupt);
await inspect(page, server.url, file);
await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
await page.evaluate(() => document.querySelector('#error').scrollIntoView());
await page.screenshot({ path: path.join(out, 'error-dark.png'), fullPage: true });

await browser.close();
server.close();
console.log(`screenshots in ${out}: ${fs.readdirSync(out).join(', ')}`);
