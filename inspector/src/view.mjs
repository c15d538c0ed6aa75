// How the inspector shows what the codec decoded: header values of all ten
// types, payloads (JSON pretty, text, hex), the payloads nested inside
// Bedrock `chunk` events, Lambda's InvokeComplete, and the field a decoding
// error is about. Pure functions returning strings and plain data, no DOM:
// tested in Node (test/view.test.mjs); the page puts every string in as
// text, never as HTML.

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A header value as text: timestamps as dates, UUIDs formatted, bytes as hex. */
export function headerValueText({ type, value }) {
  switch (type) {
    case 'timestamp':
      return Number.isNaN(value.getTime()) ? 'Invalid Date' : `${value.toISOString()} (${value.getTime()} ms)`;
    case 'binary':
      return hex(value) || '(empty)';
    case 'long':
      return value.toString();
    case 'string':
      return value;
    default:
      return String(value);
  }
}

/** Bytes as lower-case hex pairs, space-separated. */
export function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** The payload as text, if it is UTF-8. */
export function asText(bytes) {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * How to show a payload: `{ kind: 'json' | 'text' | 'hex' | 'empty', text }`,
 * JSON indented when it parses, text when it is UTF-8, a hex dump otherwise.
 */
export function payloadView(bytes) {
  if (bytes.length === 0) return { kind: 'empty', text: '(no payload)' };
  const text = asText(bytes);
  if (text === null) return { kind: 'hex', text: hexDump(bytes) };
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(trimmed), null, 2) };
    } catch {
      // not JSON after all: shown as text
    }
  }
  return { kind: 'text', text };
}

/**
 * Payloads inside a payload: a Bedrock `chunk` event's JSON carries its
 * model output as base64 in `bytes`. `[{ label, view }]`, empty when none.
 */
export function nestedPayloads(eventType, body) {
  if (eventType !== 'chunk') return [];
  const text = asText(body);
  try {
    const { bytes } = JSON.parse(text);
    if (typeof bytes !== 'string') return [];
    const inner = Uint8Array.from(atob(bytes.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    return [{ label: 'bytes (base64), decoded', view: payloadView(inner) }];
  } catch {
    return [];
  }
}

/**
 * Lambda's InvokeComplete as `{ errorCode, errorDetails, logResult }`, the
 * log tail's base64 undone; null when the payload is not its JSON.
 */
export function invokeComplete(body) {
  try {
    const { ErrorCode, ErrorDetails, LogResult } = JSON.parse(asText(body));
    const log = typeof LogResult === 'string' ? asText(Uint8Array.from(atob(LogResult.replace(/\s+/g, '')), (c) => c.charCodeAt(0))) : null;
    return { errorCode: ErrorCode ?? null, errorDetails: ErrorDetails ?? null, logResult: log };
  } catch {
    return null;
  }
}

/** Rows of 16 bytes: offset, hex, ASCII. */
export function hexDump(bytes, base = 0) {
  const rows = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const row = bytes.subarray(at, at + 16);
    const ascii = Array.from(row, (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
    rows.push(`${(base + at).toString(16).padStart(8, '0')}  ${hex(row).padEnd(47)}  ${ascii}`);
  }
  return rows.join('\n');
}

/**
 * The bytes a decoding error is about, by its `code`: `{ start, end, field }`
 * in stream offsets, for the frame at `frameStart` (where the last whole
 * frame ended) and the fault at `offset`.
 */
export function faultField(code, offset, frameStart, streamLength) {
  switch (code) {
    case 'PreludeChecksum':
      return { start: frameStart + 8, end: frameStart + 12, field: 'prelude CRC (bytes 8-11 of the frame)' };
    case 'MessageTooShort':
    case 'MessageTooLong':
      return { start: frameStart, end: frameStart + 4, field: 'total length (bytes 0-3 of the frame)' };
    case 'HeadersExceedFrame':
    case 'HeadersTooLong':
      return { start: frameStart + 4, end: frameStart + 8, field: 'headers length (bytes 4-7 of the frame)' };
    case 'MessageChecksum':
      return { start: offset, end: offset + 4, field: 'message CRC (the frame\'s last 4 bytes)' };
    case 'Truncated':
      return { start: frameStart, end: streamLength, field: 'a frame cut short: the stream ends inside it' };
    default:
      return { start: offset, end: Math.min(offset + 1, streamLength), field: 'the header byte the error names' };
  }
}

/** The summary row of a frame: its kind and type, as the list shows them. */
export function frameSummary(message) {
  const h = message.headers;
  const text = (name) => (h[name]?.type === 'string' ? h[name].value : null);
  const messageType = text(':message-type') ?? (h[':message-type'] ? '(not a string)' : 'event');
  const type = messageType === 'exception' ? text(':exception-type') : messageType === 'error' ? text(':error-code') : text(':event-type');
  return { messageType, type: type ?? '', contentType: text(':content-type') ?? '' };
}
