// What the Chromium tests and the screenshot script share: a static server
// for inspector/dist (as any static host would serve it) and Debian's
// Chromium, headless, driven by puppeteer-core (no browser download).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

export const inspector = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const root = path.join(inspector, '..');
export const testdata = path.join(root, 'testdata');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const TYPES = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

/** Serves inspector/dist on a free port; its URL and a `close()`. */
export async function serveDist() {
  const dist = path.join(inspector, 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error('inspector/dist is not built: bash inspector/build.sh');
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const file = path.join(dist, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(dist) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<!DOCTYPE html><title>Not Found</title>');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

/** Headless Chromium, with the flags a closed network needs. */
export async function launch() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM`);
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Opens the page and gives it `file` through its first file input; resolves once it shows it. */
export async function inspect(page, url, file) {
  await page.goto(url);
  const input = await page.$('input[type="file"]');
  await input.uploadFile(file);
  await page.waitForFunction(() => document.body.dataset.state === 'done', { timeout: 60000 });
}
