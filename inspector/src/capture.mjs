// What a capture is, and the event-stream bodies in it: a raw body, a HAR
// file exported from Chrome or Firefox devtools (every entry whose response
// is `application/vnd.amazon.eventstream`), an HTTP response captured with
// `curl -i` (the head taken off, chunked transfer encoding undone), or
// base64 text. Pure functions, no DOM: tested in Node (test/capture.test.mjs).

export const EVENT_STREAM = 'application/vnd.amazon.eventstream';

/**
 * The bodies in `bytes`: [{ name, bytes, note }], `name` saying where each
 * came from. Throws an Error that says what the capture looked like when it
 * holds no event stream.
 */
export function bodiesOf(bytes, fileName = 'capture') {
  const start = firstText(bytes, 64);
  if (/^\s*\{/.test(start)) {
    const har = parseJson(bytes);
    if (har?.log?.entries) return harBodies(har, fileName);
  }
  if (/^HTTP\/[0-9.]+ \d{3}/.test(start)) return [curlBody(bytes, fileName)];
  if (looksLikeBase64(bytes)) {
    return [{ name: `${fileName} (base64)`, bytes: fromBase64(new TextDecoder().decode(bytes)), note: 'base64 text, decoded' }];
  }
  return [{ name: fileName, bytes, note: 'a raw body' }];
}

/** The first `n` bytes as text, if they are printable ASCII. */
function firstText(bytes, n) {
  let text = '';
  for (let i = 0; i < Math.min(n, bytes.length); i++) {
    const b = bytes[i];
    if (b < 9 || (b > 13 && b < 32) || b > 126) return text;
    text += String.fromCharCode(b);
  }
  return text;
}

function parseJson(bytes) {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/** Every entry of a HAR whose response is an event stream, its body decoded. */
export function harBodies(har, fileName = 'capture.har') {
  const bodies = [];
  har.log.entries.forEach((entry, index) => {
    const { response = {}, request = {} } = entry;
    const type = response.content?.mimeType ?? header(response.headers, 'content-type') ?? '';
    if (!type.toLowerCase().startsWith(EVENT_STREAM)) return;
    const { text = '', encoding } = response.content ?? {};
    const bytes = encoding === 'base64' ? fromBase64(text) : latin1OrUtf8(text);
    bodies.push({
      name: `${request.method ?? 'GET'} ${request.url ?? fileName} (entry ${index})`,
      bytes,
      note: encoding === 'base64' ? 'from a HAR entry (base64)' : 'from a HAR entry (text; bytes over 0xFF may be lost)',
    });
  });
  if (bodies.length === 0) {
    throw new Error(`${fileName}: a HAR file with ${har.log.entries.length} entries, none of them an ${EVENT_STREAM} response`);
  }
  return bodies;
}

function header(headers, name) {
  return headers?.find((h) => h.name?.toLowerCase() === name)?.value;
}

/**
 * HAR stores a binary body as text when it is not base64: each character a
 * byte where the browser kept them that way, else UTF-8.
 */
function latin1OrUtf8(text) {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 255) return new TextEncoder().encode(text);
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** The body of a `curl -i` capture: after the head (of the last response: `100 Continue` first is skipped), dechunked. */
export function curlBody(bytes, fileName = 'capture') {
  let at = 0;
  let head;
  for (;;) {
    const end = indexOf(bytes, [13, 10, 13, 10], at);
    const lfEnd = indexOf(bytes, [10, 10], at);
    const [stop, gap] = end >= 0 && (lfEnd < 0 || end < lfEnd) ? [end, 4] : [lfEnd, 2];
    if (stop < 0) throw new Error(`${fileName}: an HTTP response whose head never ends`);
    head = new TextDecoder().decode(bytes.subarray(at, stop));
    at = stop + gap;
    if (!/^HTTP\/[0-9.]+ 1\d\d/.test(head)) break;
  }
  const status = head.split(/\r?\n/)[0];
  const chunked = /^transfer-encoding:\s*chunked\s*$/im.test(head);
  const body = chunked ? dechunk(bytes.subarray(at), fileName) : bytes.subarray(at);
  return { name: fileName, bytes: body, note: `after the HTTP head (${status})${chunked ? ', chunked transfer encoding undone' : ''}` };
}

/** The data of a chunked body; a body cut inside a chunk keeps what arrived. */
export function dechunk(bytes, fileName = 'capture') {
  const parts = [];
  let at = 0;
  while (at < bytes.length) {
    const lineEnd = indexOf(bytes, [13, 10], at);
    if (lineEnd < 0) break;
    const size = parseInt(new TextDecoder().decode(bytes.subarray(at, lineEnd)).split(';')[0].trim(), 16);
    if (!Number.isInteger(size)) throw new Error(`${fileName}: chunked encoding with a bad chunk size at byte ${at}`);
    if (size === 0) break;
    const start = lineEnd + 2;
    parts.push(bytes.subarray(start, Math.min(start + size, bytes.length)));
    at = start + size + 2;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function indexOf(bytes, needle, from) {
  outer: for (let i = from; i <= bytes.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Whether `bytes` are base64 text (with line breaks allowed) long enough to be a frame. */
export function looksLikeBase64(bytes) {
  if (bytes.length < 24) return false;
  let chars = 0;
  for (const b of bytes) {
    const isB64 = (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b === 43 || b === 47 || b === 61 || b === 45 || b === 95;
    if (isB64) chars++;
    else if (b !== 10 && b !== 13 && b !== 32 && b !== 9) return false;
  }
  return chars % 4 === 0 || !bytes.includes(61);
}

/** Base64 (standard or URL-safe, white space ignored) as bytes. */
export function fromBase64(text) {
  const clean = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  const padded = clean + '='.repeat((4 - (clean.length % 4)) % 4);
  const binary = atob(padded);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
