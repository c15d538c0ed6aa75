// The C ABI's numbers in src/abi.mjs against ffi/include/eventstream.h, the
// header cbindgen generates from the Rust: storage sizes, es_header's
// layout on wasm32, return codes and every error name.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as abi from '../src/abi.mjs';

const header = fs.readFileSync(new URL('../../ffi/include/eventstream.h', import.meta.url), 'utf8');

function define(name) {
  const found = header.match(new RegExp(`^#define ${name} (-?\\d+)$`, 'm'));
  assert.ok(found, `#define ${name} is in eventstream.h`);
  return Number(found[1]);
}

/** The fields of `typedef struct name { ... } name;`, as [type, field]. */
function fields(name) {
  const body = header.match(new RegExp(`typedef struct ${name} \\{([^}]*)\\} ${name};`));
  assert.ok(body, `struct ${name} is in eventstream.h`);
  return [...body[1].matchAll(/^\s*(?:struct )?([\w ]+?)\s*\**\s*(\w+)(\[\d+\])?;/gm)].map((m) => [m[1], m[2], m[3]]);
}

// Sizes and alignments on wasm32, where pointers and size_t are 4 bytes.
const SCALARS = { uint8_t: [1, 1], int32_t: [4, 4], uint32_t: [4, 4], int64_t: [8, 8], uint64_t: [8, 8], size_t: [4, 4] };

/** Each field's offset, and the struct's size and alignment, laid out as C does on wasm32. */
function layout(name) {
  let offset = 0;
  let align = 1;
  const offsets = {};
  for (const [type, field, array] of fields(name)) {
    const isPointer = header.match(new RegExp(`${type} \\*${field};`));
    const [size, fieldAlign] = isPointer ? [4, 4] : (SCALARS[type] ?? [layout(type).size, layout(type).align]);
    const count = array ? Number(array.slice(1, -1)) : 1;
    offset = Math.ceil(offset / fieldAlign) * fieldAlign;
    offsets[field] = offset;
    offset += size * count;
    align = Math.max(align, fieldAlign);
  }
  return { offsets, size: Math.ceil(offset / align) * align, align };
}

test('the opaque storage sizes are the header\'s', () => {
  assert.equal(abi.DECODER_SIZE, layout('es_decoder').size);
  assert.equal(abi.MESSAGE_SIZE, layout('es_message').size);
  assert.equal(abi.ITER_SIZE, layout('es_header_iter').size);
});

test("es_header's layout on wasm32 is the header's", () => {
  const headerLayout = layout('es_header');
  const value = layout('es_header_value');
  assert.equal(abi.HEADER_SIZE, headerLayout.size);
  assert.equal(abi.H_TYPE, headerLayout.offsets.value + value.offsets.type_byte);
  assert.equal(abi.H_INTEGER, headerLayout.offsets.value + value.offsets.integer);
  assert.equal(abi.H_BYTES, headerLayout.offsets.value + value.offsets.bytes);
  assert.equal(abi.H_UUID, headerLayout.offsets.value + value.offsets.uuid);
});

test('return codes and error names are the header\'s', () => {
  assert.equal(abi.ES_OK, define('ES_OK'));
  assert.equal(abi.ES_INCOMPLETE, define('ES_INCOMPLETE'));
  for (const [code, name] of Object.entries(abi.ERROR_NAMES)) {
    const constant = `ES_ERR_${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
    assert.equal(define(constant), Number(code), constant);
  }
  // Every decoding and encoding error the header has is named here.
  for (const [, constant, code] of header.matchAll(/^#define (ES_ERR_\w+) (-\d+)$/gm)) {
    if (Number(code) <= -10 && Number(code) >= -39 && !/^ES_ERR_(DECODE|ENCODE|HEADERS_EXCEED_CAPACITY|MISSING_HEADER|HEADER_WRONG_TYPE|UNKNOWN_MESSAGE_TYPE|BUFFER_TOO_SMALL)$/.test(constant)) {
      assert.ok(abi.ERROR_NAMES[code], `${constant} has a name in src/abi.mjs`);
    }
  }
});
