// Helpers of the hardening browser tests (resilience, favorites storage): list requests seen by a page, the
// favorites a page shows and stores, and Chromium launched with a persistent profile that can be killed.
import { readdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { findNodes, semanticsOf, waitForApp } from './harness.mjs';

export const kListPath = '/v1.0/engagements/referrals';

export const kChromiumArgs = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox', '--disable-gpu',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

// Every list request a page sends (first tries and retries), with the time it left.
export function watchListRequests(page) {
  const seen = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() === 'GET' && url.pathname === kListPath) seen.push({ at: Date.now(), url: request.url() });
  });
  return seen;
}

// Waits until `condition()` holds, checking the page's published state in between (not a fixed sleep).
export async function waitUntil(page, condition, what, timeout = 30000) {
  await waitForApp(page, () => condition(), { timeout, what });
}

// The hearts a page draws, by lead id: { id: checked }.
export async function hearts(page) {
  const out = {};
  for (const node of await findNodes(page, 'checkbox'))
    if (node.name.startsWith('Favorite: ') && node.value) out[node.value] = !!node.checked;
  return out;
}

export async function heartOf(page, id) {
  const { nodes } = await semanticsOf(page);
  return (nodes || []).find((node) => node.role === 'checkbox' && node.name.startsWith('Favorite: ') && node.value === id);
}

// What the page's IndexedDB holds, read by the page itself (the app's own database and store).
export async function storedFavorites(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const request = indexedDB.open('leads-workspace');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('favorites')) { db.close(); resolve([]); return; }
      const keys = db.transaction('favorites', 'readonly').objectStore('favorites').getAllKeys();
      keys.onsuccess = () => { db.close(); resolve(keys.result.map(String).sort()); };
      keys.onerror = () => { db.close(); reject(keys.error); };
    };
  }));
}

// The heart's write has committed: its toast shows and no save is in flight any more (both come from one state).
export async function waitForFavoriteCommitted(page, id, checked) {
  await waitForApp(page, (app, nodes) => {
    const heart = nodes.find((n) => n.role === 'checkbox' && n.value === id);
    return heart && !!heart.checked === checked && nodes.some((n) => n.role === 'status' && n.value === 'toast') &&
           !nodes.some((n) => n.value === 'favorites-saving');
  }, { what: `favorite ${id} ${checked ? 'saved' : 'removed'} and committed` });
}

// Chromium with a profile folder that outlives it, as a user's browser has.
export async function launchPersistent(userDataDir) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium', args: kChromiumArgs, viewport: { width: 1280, height: 800 }, locale: 'en-US',
  });
}

// The browser's own process for a profile folder (not its renderers or GPU helper): found by its command line.
export function browserPidOf(userDataDir) {
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    let cmdline;
    try { cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0'); } catch { continue; }
    if (!/chrom/.test(cmdline[0] || '')) continue;
    if (cmdline.some((arg) => arg === `--user-data-dir=${userDataDir}`) && !cmdline.some((arg) => arg.startsWith('--type=')))
      return Number(entry);
  }
  return 0;
}
