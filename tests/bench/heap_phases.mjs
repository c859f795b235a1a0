// Where the browser's heap goes during a load: every growth of the wasm memory (which never shrinks, so its size is
// the high-water) with what the app had done when it grew — list pages in, all loaded, snapshot written — then the
// JS heap after GC; and the same for a second visit that reads the snapshot. Prints figures, writes nothing.
//
//   node tests/bench/heap_phases.mjs [--leads 100000] [--db /tmp/leads-heap-100000.sqlite] [--app build-wasm/app]
//   (seeds the db once and reuses it; --app: another build of the app to compare with)
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kServerMock, launchBrowser, spawnServerMock } from '../e2e/harness.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '../..');

function parseArgs(argv) {
  const options = { leads: 100000, db: null, app: path.join(root, 'build-wasm/app') };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--leads') options.leads = Number(argv[++i].replace(/_/g, ''));
    else if (argv[i] === '--db') options.db = argv[++i];
    else if (argv[i] === '--app') options.app = path.resolve(argv[++i]);
    else throw new Error('unknown argument ' + argv[i]);
  }
  options.db = options.db || path.join(os.tmpdir(), `leads-heap-${options.leads}.sqlite`);
  return options;
}

// Installed before the app: wraps WebAssembly.Memory.prototype.grow (emscripten grows the heap through it), so each
// growth is recorded the moment it happens, with the app's last published facts.
const kGrowRecorder = () => {
  const rec = (window.__heap = { grows: [], facts: null });
  const grow = WebAssembly.Memory.prototype.grow;
  WebAssembly.Memory.prototype.grow = function (pages) {
    const before = this.buffer.byteLength;
    const result = grow.call(this, pages);
    const f = rec.facts || {};
    rec.grows.push({ at: performance.now(), before, after: this.buffer.byteLength, leads: f.leads, load: f.load,
                     snapshot: f.snapshot ? `${f.snapshot.phase} w${f.snapshot.writes} k${f.snapshot.kept}` : '' });
    return result;
  };
  let semantics;
  Object.defineProperty(window, 'leadsSemantics', {
    configurable: true,
    get() { return semantics; },
    set(v) { semantics = v; if (v && v.app) rec.facts = v.app; },
  });
};

const mb = (bytes) => (bytes / 1e6).toFixed(1);

async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

async function visit(context, url, leads, what, written) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const t0 = Date.now();
  await page.goto(url + '/');
  // Loaded, all leads in, and the snapshot written (kept) or read: then the sort orders are built 300 ms later.
  await page.waitForFunction(([n, kept]) => {
    const app = window.leadsSemantics && window.leadsSemantics.app;
    return app && app.load === 'loaded' && app.leads === n && app.snapshot && app.snapshot.phase === 'current' &&
      app.snapshot.kept >= kept;
  }, [leads, written ? 1 : 0], { timeout: 900000, polling: 100 });
  await page.waitForTimeout(3000);  // sort orders (prepared in steps after the load), idle frames
  const grows = await page.evaluate(() => window.__heap.grows);
  const wasm = await page.evaluate(() => window.leadsPerf.heapBytes);
  const js = await heapAfterGc(cdp);
  console.log(`\n== ${what}: ${Math.round((Date.now() - t0) / 1000)} s`);
  for (const g of grows)
    console.log(`  ${(g.at / 1000).toFixed(2)} s  ${mb(g.before)} → ${mb(g.after)} MB  leads ${g.leads} ${g.load} ${g.snapshot}`);
  console.log(`  wasm high-water ${mb(wasm)} MB (${Math.round(wasm / leads)} B/lead), JS heap after GC ${mb(js)} MB ` +
              `(${Math.round(js / leads)} B/lead), total ${Math.round((wasm + js) / leads)} B/lead`);
  await page.close();
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(options.db)) {
    console.log(`seeding ${options.leads} leads into ${options.db} …`);
    execFileSync(kServerMock, ['seed', '--db', options.db, '--seed', '7', '--leads', String(options.leads)], { stdio: 'pipe' });
  }
  const site = path.join(mkdtempSync(path.join(os.tmpdir(), 'leads-heap-')), 'site');
  mkdirSync(site, { recursive: true });
  for (const name of readdirSync(options.app)) copyFileSync(path.join(options.app, name), path.join(site, name));
  const server = await spawnServerMock(['--host', '127.0.0.1', '--db', options.db, '--app-dir', site, '--dev-sign-in']);
  const { browser, close } = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(kGrowRecorder);
    await visit(context, server.url, options.leads, 'cold visit (list pages, load, sort orders, snapshot write)', true);
    await visit(context, server.url, options.leads, 'warm visit (snapshot read, delta, count)', false);
  } finally {
    await close();
    server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
