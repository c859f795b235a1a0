// Runs every tests/e2e/*.test.mjs file: each exports `tests`, a list of { name, run({ browser, out }), expects? }.
// Every page a test opens is watched (harness.mjs): a console error, an uncaught exception, a failed request or an
// HTTP error the test does not declare in `expects` fails it. Prints one line per test and ends with
// "e2e: N passed, N failed".
import { readdirSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { beginWatching, endWatching, launchBrowser, root, watchedBrowser } from './harness.mjs';

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
      beginWatching(test.expects);
      let error = null;
      try {
        await test.run({ browser: watchedBrowser(browser), out });
      } catch (thrown) {
        error = thrown;
      }
      const problems = endWatching();
      if (!error && problems.length) error = new Error('the page showed problems:\n  ' + problems.join('\n  '));
      if (error) {
        failed++;
        console.log(`FAIL ${file} › ${test.name}: ${error.stack || error}`);
      } else {
        passed++;
        console.log(`ok   ${file} › ${test.name} (${Date.now() - started} ms)`);
      }
    }
  }
} finally {
  await close();
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
