// The TypeScript declarations: `tsc --noEmit` over test/types-check.ts,
// which uses them where smithy's types and the SDK's options are expected.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const js = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

test("index.d.ts compiles where smithy's types are expected", () => {
  const tsc = path.join(js, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', path.join(js, 'test', 'types-check.ts')];
  try {
    execFileSync(process.execPath, args, { cwd: js, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    assert.fail(`tsc: ${error.stdout}${error.stderr}`);
  }
});
