// A 100 MB capture in the inspector: how long until it shows, and how much
// memory Chromium's processes hold at most meanwhile (sampled every 100 ms
// from /proc). Not a test: it prints the figures.
//   node inspector/scripts/big.mjs [megabytes]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect, launch, root, serveDist } from '../test/browser.mjs';

const megabytes = Number(process.argv[2] ?? 100);
const tool = process.env.EVENTSTREAM_BIN ?? path.join(root, 'target', 'release', 'eventstream');
// Bedrock-like chunks of 200 B to 4 KiB, made by the tool's encoder.
const lines = [];
for (let i = 0; i < 64; i++) {
  const payload = JSON.stringify({ bytes: Buffer.from(JSON.stringify({ completion: 'x'.repeat(150 + ((i * 977) % 3000)) })).toString('base64') });
  lines.push(JSON.stringify({ headers: [
    { name: ':event-type', type: 'string', value: 'chunk' },
    { name: ':content-type', type: 'string', value: 'application/json' },
    { name: ':message-type', type: 'string', value: 'event' },
  ], payload }));
}
const block = execFileSync(tool, ['encode', '-'], { input: lines.join('\n') });
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'big-')), 'big.bin');
const copies = Math.ceil((megabytes << 20) / block.length);
const out = fs.openSync(file, 'w');
for (let i = 0; i < copies; i++) fs.writeSync(out, block);
fs.closeSync(out);
const size = fs.statSync(file).size;

const server = await serveDist();
const browser = await launch();
const page = await browser.newPage();
const rss = () => {
  // Every process of this Chromium: the browser's own and its children.
  const ids = execFileSync('pgrep', ['-f', '--', '--user-data-dir=' + browser.process().spawnargs.find((a) => a.startsWith('--user-data-dir=')).slice(16)], { encoding: 'utf8' }).trim().split('\n');
  return ids.reduce((kib, pid) => kib + Number((fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/) ?? [0, 0])[1]), 0);
};
let peak = 0;
const sampler = setInterval(() => {
  try {
    peak = Math.max(peak, rss());
  } catch {}
}, 100);
await page.goto(server.url);
const idle = rss();
const started = performance.now();
await inspect(page, server.url, file);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const frames = await page.$eval('#summary', (e) => e.textContent);
const grown = Math.max(0, peak - idle) / 1024;
console.log(`${(size / 1e6).toFixed(1)} MB capture: ${frames}; shown after ${seconds.toFixed(1)} s; Chromium's processes grew by ${Math.round(grown)} MiB at most (${(grown / (size / 2 ** 20)).toFixed(1)}x the file; ${Math.round(idle / 1024)} MiB before, RSS summed over its processes)`);
await browser.close();
server.close();
fs.rmSync(path.dirname(file), { recursive: true });
