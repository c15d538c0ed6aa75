// The inspector's page: a capture in (file picker, drop or paste), its
// frames out: a list (filtered by type, searched by header value), one
// frame's headers and payload, the Lambda output, and where decoding stopped
// and why. Decoding happens in a worker; nothing leaves the page. Every
// string from the wire goes in as text (`textContent`), never as HTML.
import { init, EventStreamCodec, splitHttpPrelude } from 'eventstream-codec-wasm';
import { bodiesOf } from './capture.mjs';
import { asText, faultField, headerValueText, hex, hexDump, invokeComplete, nestedPayloads, payloadView } from './view.mjs';

const $ = (id) => document.getElementById(id);
const ROW_HEIGHT = 26;
const ALL_ROWS_UP_TO = 1000; // longer lists are virtualised: only the rows in view exist

/** Elements made with text only: `el('td', { class: 'x' }, 'text', child)`. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child instanceof Node ? child : String(child));
  return node;
}

const state = {
  blob: null, // the body, to read a frame's bytes again
  index: null,
  strings: [],
  shown: [], // frame numbers passing the filter and search
  selected: -1,
  worker: null,
  length: 0,
};

await init();
wireInputs();

function wireInputs() {
  $('file').addEventListener('change', (event) => {
    const [file] = event.target.files;
    if (file) open(file);
  });
  const drop = $('drop');
  for (const type of ['dragenter', 'dragover']) {
    document.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add('over');
    });
  }
  document.addEventListener('dragleave', () => drop.classList.remove('over'));
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    const [file] = event.dataTransfer.files;
    if (file) open(file);
  });
  $('paste-open').addEventListener('click', () => $('paste').showModal());
  $('paste-go').addEventListener('click', () => {
    $('paste').close();
    open(new File([$('paste-text').value], 'pasted text'));
  });
  $('filter').addEventListener('change', applyFilter);
  $('search').addEventListener('input', debounce(applyFilter, 250));
  $('list').addEventListener('keydown', keyboard);
  $('rows').addEventListener('click', (event) => {
    const row = event.target.closest('[data-frame-index]');
    if (row) select(Number(row.dataset.frameIndex));
  });
  $('list').addEventListener('scroll', () => {
    if (state.shown.length > ALL_ROWS_UP_TO) renderRows();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === '/' && document.activeElement !== $('search')) {
      event.preventDefault();
      $('search').focus();
    }
  });
}

/** Reads a capture and shows its first event stream (a HAR may hold several). */
async function open(file) {
  document.body.dataset.state = 'loading';
  resetViews();
  $('source').hidden = false;
  $('source-name').textContent = `${file.name}, ${file.size.toLocaleString()} bytes`;
  let bodies;
  try {
    bodies = bodiesOf(new Uint8Array(await file.arrayBuffer()), file.name);
  } catch (error) {
    showProblem(error.message);
    document.body.dataset.state = 'done';
    return;
  }
  const choose = $('entries');
  choose.replaceChildren(...bodies.map((body, i) => el('option', { value: i }, `${body.name}: ${body.bytes.length.toLocaleString()} bytes`)));
  choose.hidden = bodies.length < 2;
  choose.onchange = () => inspect(bodies[Number(choose.value)]);
  await inspect(bodies[0]);
}

async function inspect(body) {
  document.body.dataset.state = 'loading';
  resetViews();
  $('source-note').textContent = body.note;
  state.blob = new Blob([body.bytes]);
  state.length = body.bytes.length;
  const result = await decodeInWorker(body.bytes);
  state.index = result.index;
  state.strings = result.strings;
  fillFilter();
  applyFilter();
  $('controls').hidden = false;
  showSummary(result);
  if (result.lambda) showLambda(result.lambda);
  if (result.error) await showError(result.error);
  if (state.index.count > 0) await select(0);
  document.body.dataset.state = 'done';
}

/** The body decoded in a worker, with a progress bar; the worker stays, for searches. */
function decodeInWorker(bytes) {
  state.worker?.terminate();
  const worker = new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module' });
  state.worker = worker;
  const copy = bytes.slice(); // the worker's own: the page keeps its Blob
  const progress = $('progress');
  progress.hidden = false;
  return new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => {
      if (data.type === 'progress') {
        progress.querySelector('progress').value = data.done / data.total;
        progress.querySelector('span').textContent = `${Math.round((100 * data.done) / data.total)}% of ${data.total.toLocaleString()} bytes`;
        return;
      }
      progress.hidden = true;
      if (data.type === 'failed') reject(new Error(data.message));
      else resolve(data);
    };
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage({ bytes: copy.buffer }, [copy.buffer]);
  });
}

function resetViews() {
  for (const id of ['lambda', 'error', 'problem', 'controls']) $(id).hidden = true;
  $('rows').replaceChildren();
  $('detail').replaceChildren(el('p', { class: 'hint' }, 'Select a frame to see its headers and payload.'));
  state.shown = [];
  state.selected = -1;
}

function showProblem(message) {
  $('problem').hidden = false;
  $('problem').textContent = message;
}

function showSummary(result) {
  const { count } = result.index;
  const bytes = result.length.toLocaleString();
  $('summary').textContent = `${count.toLocaleString()} frame${count === 1 ? '' : 's'} in ${bytes} bytes${result.error ? ', then an error' : ''}`;
}

// --- The list -------------------------------------------------------------------

function fillFilter() {
  const { index, strings } = state;
  const types = new Set();
  for (let i = 0; i < index.count; i++) types.add(`${strings[index.messageType[i]]}|${strings[index.type[i]]}`);
  const options = [el('option', { value: '' }, 'every frame')];
  for (const kind of ['event', 'exception', 'error']) options.push(el('option', { value: `${kind}|` }, `${kind}s`));
  for (const pair of [...types].sort()) {
    const [kind, type] = pair.split('|');
    if (type) options.push(el('option', { value: pair }, `${kind}: ${type}`));
  }
  $('filter').replaceChildren(...options);
}

/** The frames that pass the type filter and the search (header values, in the worker). */
async function applyFilter() {
  const { index, strings } = state;
  if (!index) return;
  const [kind, type] = $('filter').value.split('|');
  const query = $('search').value.trim();
  let matches = null;
  if (query) matches = new Set(await searchInWorker(query));
  state.shown = [];
  for (let i = 0; i < index.count; i++) {
    if (kind && strings[index.messageType[i]] !== kind) continue;
    if (type && strings[index.type[i]] !== type) continue;
    if (matches && !matches.has(i)) continue;
    state.shown.push(i);
  }
  $('shown').textContent = state.shown.length === index.count ? '' : `${state.shown.length} shown`;
  $('rows').style.height = state.shown.length > ALL_ROWS_UP_TO ? `${state.shown.length * ROW_HEIGHT}px` : '';
  renderRows();
}

function searchInWorker(query) {
  return new Promise((resolve) => {
    const worker = state.worker;
    const previous = worker.onmessage;
    worker.onmessage = ({ data }) => {
      if (data.type !== 'found') return previous?.({ data });
      worker.onmessage = previous;
      resolve(data.frames);
    };
    worker.postMessage({ search: query });
  });
}

/** The rows of the shown frames: all of them, or those in view for long lists. */
function renderRows() {
  const { shown } = state;
  let from = 0;
  let to = shown.length;
  if (shown.length > ALL_ROWS_UP_TO) {
    const list = $('list');
    from = Math.max(0, Math.floor(list.scrollTop / ROW_HEIGHT) - 20);
    to = Math.min(shown.length, from + Math.ceil(list.clientHeight / ROW_HEIGHT) + 40);
  }
  const rows = [];
  for (let at = from; at < to; at++) rows.push(row(shown[at], at));
  $('rows').replaceChildren(...rows);
}

function row(i, position) {
  const { index, strings } = state;
  const kind = strings[index.messageType[i]];
  const attributes = {
    class: `row ${kind}`,
    role: 'option',
    'data-frame-index': i,
    'data-frame-offset': index.offset[i],
    'aria-selected': i === state.selected,
  };
  const node = el(
    'div',
    attributes,
    el('span', { class: 'c-index' }, i),
    el('span', { class: 'c-offset' }, index.offset[i]),
    el('span', { class: 'c-length' }, index.length[i]),
    el('span', { class: 'c-kind' }, kind),
    el('span', { class: 'c-type' }, strings[index.type[i]]),
    el('span', { class: 'c-content' }, strings[index.contentType[i]]),
    el('span', { class: 'c-payload' }, index.payload[i]),
  );
  // Through the CSSOM: the page's Content-Security-Policy allows no style attributes.
  if (state.shown.length > ALL_ROWS_UP_TO) node.style.top = `${position * ROW_HEIGHT}px`;
  return node;
}

/** In a virtualised list, scrolls frame `i`'s row into view and renders it. */
function reveal(i) {
  if (state.shown.length <= ALL_ROWS_UP_TO) return;
  const position = state.shown.indexOf(i);
  if (position < 0) return;
  const list = $('list');
  const top = position * ROW_HEIGHT;
  if (top < list.scrollTop || top + 2 * ROW_HEIGHT > list.scrollTop + list.clientHeight) {
    list.scrollTop = Math.max(0, top - list.clientHeight / 2);
  }
  renderRows();
}

function keyboard(event) {
  const { shown } = state;
  if (shown.length === 0) return;
  const at = Math.max(0, shown.indexOf(state.selected));
  const page = Math.max(1, Math.floor($('list').clientHeight / ROW_HEIGHT) - 1);
  const moves = { ArrowDown: at + 1, ArrowUp: at - 1, PageDown: at + page, PageUp: at - page, Home: 0, End: shown.length - 1 };
  if (!(event.key in moves)) return;
  event.preventDefault();
  select(shown[Math.min(shown.length - 1, Math.max(0, moves[event.key]))]);
}

// --- One frame ------------------------------------------------------------------

async function select(i) {
  state.selected = i;
  reveal(i);
  for (const node of $('rows').querySelectorAll('[aria-selected="true"]')) node.setAttribute('aria-selected', 'false');
  const node = $('rows').querySelector(`[data-frame-index="${i}"]`);
  node?.setAttribute('aria-selected', 'true');
  node?.scrollIntoView({ block: 'nearest' });
  const { offset, length } = state.index;
  const bytes = new Uint8Array(await state.blob.slice(offset[i], offset[i] + length[i]).arrayBuffer());
  showFrame(i, new EventStreamCodec().decode(bytes), bytes);
}

function showFrame(i, message, bytes) {
  const headers = Object.entries(message.headers);
  const table = el(
    'table',
    { class: 'headers' },
    el('thead', {}, el('tr', {}, el('th', {}, 'name'), el('th', {}, 'type'), el('th', {}, 'value'))),
    el('tbody', {}, ...headers.map(([name, value]) => el('tr', {}, el('td', {}, name), el('td', {}, value.type), el('td', {}, headerValueText(value))))),
  );
  const eventType = message.headers[':event-type']?.value;
  const view = payloadView(message.body);
  const nested = nestedPayloads(eventType, message.body);
  $('detail').replaceChildren(
    el('h2', {}, `Frame ${i} at byte ${state.index.offset[i]}`),
    el('p', { class: 'meta' }, `${bytes.length} bytes: prelude and CRCs checked; ${headers.length} header${headers.length === 1 ? '' : 's'}`),
    table,
    el('h3', {}, `Payload: ${message.body.length} bytes, ${view.kind}`),
    el('pre', { class: `payload ${view.kind}` }, view.text),
    ...nested.flatMap((inner) => [el('h3', {}, inner.label), el('pre', { class: `payload ${inner.view.kind}` }, inner.view.text)]),
  );
}

// --- Lambda ---------------------------------------------------------------------

function showLambda({ output, size, complete }) {
  const section = $('lambda');
  section.hidden = false;
  const parts = [el('h2', {}, 'Lambda InvokeWithResponseStream')];
  const split = splitHttpPrelude(output);
  if (split) {
    const { statusCode, headers = {}, cookies = [] } = split.metadata;
    parts.push(el('h3', {}, `Function URL response: HTTP ${statusCode ?? '(no status)'}`));
    const lines = [...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), ...cookies.map((c) => `set-cookie: ${c}`)];
    parts.push(el('pre', { class: 'http-head' }, lines.join('\n') || '(no headers)'));
  }
  const body = split ? split.body : output;
  const text = asText(body);
  const cut = size > output.length ? ` (the first ${output.length.toLocaleString()} of ${size.toLocaleString()} bytes)` : '';
  parts.push(el('h3', {}, `The function's output: ${size.toLocaleString()} bytes${cut}`));
  parts.push(el('pre', { class: 'output' }, text ?? hexDump(body)));
  if (complete) {
    const done = invokeComplete(complete);
    parts.push(el('h3', {}, done?.errorCode ? `InvokeComplete: ErrorCode ${done.errorCode}` : 'InvokeComplete: success'));
    if (done?.errorDetails) parts.push(el('pre', { class: 'error-details' }, done.errorDetails));
    if (done?.logResult) parts.push(el('h3', {}, 'Log tail (LogResult, base64 undone)'), el('pre', { class: 'log' }, done.logResult));
  } else {
    parts.push(el('p', { class: 'warning' }, 'No InvokeComplete: the response was cut short.'));
  }
  section.replaceChildren(...parts);
}

// --- The error ------------------------------------------------------------------

/** Where decoding stopped: in words, then the bytes around it with the bad field marked. */
async function showError({ message, code, offset, frameStart }) {
  const section = $('error');
  section.hidden = false;
  section.setAttribute('data-error-offset', offset);
  section.setAttribute('data-error-code', code);
  const field = faultField(code, offset, frameStart, state.length);
  const from = Math.max(0, Math.min(field.start, offset) - 48) & ~15;
  const to = Math.min(state.length, Math.max(field.end, offset + 1) + 48);
  const bytes = new Uint8Array(await state.blob.slice(from, to).arrayBuffer());
  const rows = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const cells = [el('span', { class: 'addr' }, (from + at).toString(16).padStart(8, '0'))];
    for (let j = at; j < Math.min(at + 16, bytes.length); j++) {
      const position = from + j;
      const bad = position >= field.start && position < field.end;
      cells.push(el('span', { class: bad ? 'byte bad' : 'byte', title: `byte ${position}` }, hex([bytes[j]])));
    }
    rows.push(el('div', { class: 'hexrow' }, ...cells));
  }
  section.replaceChildren(
    el('h2', {}, `Decoding stopped at byte ${offset}`),
    el('p', { class: 'error-message' }, message),
    el('p', {}, `${code}: ${field.field}, in the frame that starts at byte ${frameStart}. Every frame before it is listed above.`),
    el('div', { class: 'hex' }, ...rows),
  );
}

function debounce(run, ms) {
  let timer = 0;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
}
