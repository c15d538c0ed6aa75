// Builds what the package ships beside its ES module sources, from them:
// - node.cjs: the Node.js entry (src/node.mjs) as CommonJS, for `require`
//   and for index.mjs, so that both module systems share one instance;
// - browser.cjs: the browser entry as CommonJS, for `require` elsewhere;
// - inline.mjs and inline.cjs: the browser entry with eventstream.wasm
//   inside it (base64), loaded at import: no file to serve.
// Run by `npm test` and `npm pack` (pretest, prepack), after build.sh.
//   node scripts/dist.mjs
import { build } from 'esbuild';
import fs from 'node:fs';

const root = new URL('..', import.meta.url);
const at = (name) => new URL(name, root).pathname;
const banner = { js: '// Built by scripts/dist.mjs from the ES modules beside it: do not edit.' };

// In the CommonJS builds `import.meta.url` is the built file's URL (its
// place, the package's root, is where eventstream.wasm is) or, for the
// browser build, nothing.
const fileUrl = "require('url').pathToFileURL(__filename).href";
await build({
  entryPoints: [at('src/node.mjs')],
  outfile: at('node.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  define: { 'import.meta.url': 'import_meta_url' },
  banner: { js: `${banner.js}\nconst import_meta_url = ${fileUrl};` },
  logLevel: 'warning',
});
/** A browser entry as CommonJS: no `import.meta.url` there. */
const browserCjs = (entry, out) =>
  build({
    entryPoints: [at(entry)],
    outfile: at(out),
    bundle: true,
    platform: 'neutral',
    format: 'cjs',
    target: 'es2022',
    define: { 'import.meta.url': 'undefined' },
    banner,
    logLevel: 'warning',
  });
await browserCjs('browser.mjs', 'browser.cjs');

const wasm = fs.readFileSync(at('eventstream.wasm'));
fs.writeFileSync(
  at('inline.mjs'),
  `${banner.js}
// The browser entry with eventstream.wasm (${wasm.length} bytes) inside, as
// base64 (${Math.ceil(wasm.length / 3) * 4} bytes): loaded at import, nothing to serve or init.
import { initSync } from './browser.mjs';

initSync(Uint8Array.from(atob('${wasm.toString('base64')}'), (c) => c.charCodeAt(0)));

export * from './browser.mjs';
`,
);
await browserCjs('inline.mjs', 'inline.cjs');
console.log(`node.cjs, browser.cjs, inline.mjs and inline.cjs (module inline: ${wasm.length} bytes, ${Math.ceil(wasm.length / 3) * 4} as base64)`);
