// Runs every tests/e2e/*.test.mjs file: each exports `tests`, a list of { name, run({ browser, out }) }.
// Prints one line per test and ends with "e2e: N passed, N failed".
import { readdirSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, root } from './harness.mjs';

const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? process.argv[outIndex + 1] : path.join(root, 'test-output');
const only = process.env.E2E_ONLY || '';
const files = (process.env.E2E_FILES || '').split(',').filter(Boolean);  // substrings of file names
mkdirSync(out, { recursive: true });

const dir = path.join(root, 'tests/e2e');
let passed = 0;
let failed = 0;
const { browser, close } = await launchBrowser();
try {
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.test.mjs')).sort()) {
    if (files.length && !files.some((part) => file.includes(part))) continue;
    const { tests } = await import(path.join(dir, file));
    for (const test of tests) {
      if (only && !test.name.includes(only)) continue;
      const started = Date.now();
      try {
        await test.run({ browser, out });
        passed++;
        console.log(`ok   ${file} › ${test.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed++;
        console.log(`FAIL ${file} › ${test.name}: ${error && error.stack || error}`);
      }
    }
  }
} finally {
  await close();
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
