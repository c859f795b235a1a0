// Favorites in the browser's IndexedDB when things go wrong, in a real browser: a full storage, a newer version of
// the app opening the database in another tab, two tabs toggling at once, and the browser process killed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assert, assertEqual, browserPidOf, findNode, heartOf, hearts, launchPersistent, openApp, press, startServer,
         storedFavorites, waitForApp, waitForFavoriteCommitted } from './harness.mjs';

const kViewport = { width: 1280, height: 800 };

// The first `count` leads with a heart on screen, in the order shown.
async function visibleLeadIds(page, count) {
  const ids = Object.keys(await hearts(page));
  assert(ids.length >= count, `at least ${count} hearts on screen: ${ids.length}`);
  return ids.slice(0, count);
}

async function clickHeart(page, id) {
  const heart = await heartOf(page, id);
  assert(heart, 'heart of ' + id + ' on screen');
  await press(page, heart);
  return !heart.checked;  // what it shows once the click is handled
}

async function waitHeart(page, id, checked) {
  await waitForApp(page, (app, nodes) => {
    const heart = nodes.find((n) => n.role === 'checkbox' && n.value === id);
    return heart && !!heart.checked === checked;
  }, { what: `heart of ${id} ${checked ? 'on' : 'off'}` });
}

export const tests = [
  {
    name: 'a full storage keeps the favorite in memory, says so, and saves it once there is room again',
    async run({ browser }) {
      const server = await startServer({ leads: 30, seed: 3 });
      const context = await browser.newContext({ viewport: kViewport, locale: 'en-US' });
      try {
        // The browser's answer when an origin is over its quota: writes fail with QuotaExceededError.
        await context.addInitScript(() => {
          window.leadsTestQuotaFull = true;
          const put = IDBObjectStore.prototype.put;
          IDBObjectStore.prototype.put = function (...args) {
            if (window.leadsTestQuotaFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            return put.apply(this, args);
          };
        });
        const { page } = await openApp(context, server);
        await waitForApp(page, (app) => app.favoritesPersistence === 'persistent', { what: 'the store opened' });
        const [id] = await visibleLeadIds(page, 1);
        await clickHeart(page, id);
        const alert = await findNode(page, 'alert', (node) => node.value === 'favorites.quota', { timeout: 15000 });
        assert(alert.name.startsWith("The browser's storage is full: 1 favorite"), 'the message: ' + alert.name);
        await findNode(page, 'alert', (node) => node.value === 'toast' && node.name.startsWith('Storage full'));
        const { app } = await waitForApp(page, (facts) => facts.favorites === 1, { what: 'the favorite kept in memory' });
        assertEqual(app.favoritesPersistence, 'persistent', 'not given up on: it will be written again');
        assertEqual((await heartOf(page, id)).checked, true, 'the heart stays on');
        assertEqual(await storedFavorites(page), [], 'nothing stored while the storage is full');

        await page.evaluate(() => { window.leadsTestQuotaFull = false; });  // room again
        await findNode(page, 'status', (node) => node.value === 'toast' && node.name === 'Favorites saved.', { timeout: 30000 });
        await waitForApp(page, (facts, nodes) => !nodes.some((n) => n.value === 'favorites.quota'), { what: 'the alert gone' });
        assertEqual(await storedFavorites(page), [id], 'written by the retry');
      } finally {
        await context.close();
        await server.stop();
      }
    },
  },
  {
    name: 'a newer version opening the database in another tab is let through, and this tab asks for a reload',
    async run({ browser }) {
      const server = await startServer({ leads: 30, seed: 3 });
      const context = await browser.newContext({ viewport: kViewport, locale: 'en-US' });
      try {
        const { page } = await openApp(context, server);
        await waitForApp(page, (app) => app.favoritesPersistence === 'persistent', { what: 'the store opened' });
        const [id] = await visibleLeadIds(page, 1);
        await clickHeart(page, id);
        await waitForFavoriteCommitted(page, id, true);

        const newer = await context.newPage();
        await newer.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));  // a JSON page asks for one
        await newer.goto(server.url + '/app-config.json');  // the same origin, without a second app
        const outcome = await newer.evaluate(() => new Promise((resolve) => {
          const request = indexedDB.open('leads-workspace', 3);
          request.onupgradeneeded = () => request.result.createObjectStore('notes', { keyPath: 'id' });
          request.onblocked = () => resolve('blocked');  // the old tab held on to the database
          request.onsuccess = () => { request.result.close(); resolve('opened'); };
          request.onerror = () => resolve('error: ' + request.error);
        }));
        assertEqual(outcome, 'opened', 'the newer version opened without waiting for the old tab');
        const alert = await findNode(page, 'alert', (node) => node.value === 'favorites.newer_version', { timeout: 15000 });
        assert(alert.name.includes('Reload this page'), 'the user is told to reload: ' + alert.name);
        const { app } = await waitForApp(page, (facts) => facts.favoritesPersistence === 'session', { what: 'session only' });
        assertEqual(app.favorites, 1, 'the favorites stay in memory');
        await clickHeart(page, id);  // the heart still works, in memory
        await waitHeart(page, id, false);
        await newer.close();
      } finally {
        await context.close();
        await server.stop();
      }
    },
  },
  {
    name: 'two tabs toggling 100 times, interleaved, end with the same set in both tabs and in the database',
    async run({ browser }) {
      const server = await startServer({ leads: 30, seed: 3 });
      const context = await browser.newContext({ viewport: kViewport, locale: 'en-US' });
      try {
        const tabs = [(await openApp(context, server)).page, (await openApp(context, server)).page];
        for (const tab of tabs) await waitForApp(tab, (app) => app.favoritesPersistence === 'persistent', { what: 'store' });
        const ids = await visibleLeadIds(tabs[0], 10);
        const expected = new Set();
        // 50 rounds: both tabs click at once, each a different lead; over the rounds both tabs touch every lead.
        for (let round = 0; round < 50; round++) {
          const picks = [ids[round % 10], ids[(round + 5) % 10]];
          await Promise.all(tabs.map(async (tab, i) => {
            const now = await clickHeart(tab, picks[i]);
            await waitHeart(tab, picks[i], now);
          }));
          for (const id of picks) expected.has(id) ? expected.delete(id) : expected.add(id);
        }
        const want = [...expected].sort();
        for (const [i, tab] of tabs.entries()) {
          await waitForApp(tab, (app, nodes) => {
            const shown = nodes.filter((n) => n.role === 'checkbox' && ids.includes(n.value) && n.checked).map((n) => n.value).sort();
            return app.favorites === want.length && JSON.stringify(shown) === JSON.stringify(want) &&
                   !nodes.some((n) => n.value === 'favorites-saving');
          }, { what: `tab ${i + 1} shows the expected ${want.length} favorites` });
        }
        assertEqual(await storedFavorites(tabs[0]), want, 'the database holds every last toggle (no lost update)');
      } finally {
        await context.close();
        await server.stop();
      }
    },
  },
  {
    name: 'a favorite confirmed as saved survives the browser process being killed',
    async run() {
      const server = await startServer({ leads: 30, seed: 3 });
      const profile = mkdtempSync(path.join(tmpdir(), 'leads-profile-'));
      let context = null;
      try {
        context = await launchPersistent(profile);
        let { page } = await openApp(context, server);
        await waitForApp(page, (app) => app.favoritesPersistence === 'persistent', { what: 'the store opened' });
        const [id] = await visibleLeadIds(page, 1);
        await clickHeart(page, id);
        await waitForFavoriteCommitted(page, id, true);

        const pid = browserPidOf(profile);
        assert(pid > 0, 'found the browser process of the profile');
        const closed = new Promise((resolve) => context.on('close', resolve));
        process.kill(pid, 'SIGKILL');
        await closed;
        context = null;

        context = await launchPersistent(profile);
        ({ page } = await openApp(context, server));
        const { app } = await waitForApp(page, (facts) => facts.favoritesPersistence === 'persistent' && facts.favorites >= 1,
                                         { what: 'the favorite back after the kill' });
        assertEqual(app.favorites, 1, 'one favorite');
        await waitHeart(page, id, true);
      } finally {
        if (context) await context.close().catch(() => {});
        await server.stop();
        rmSync(profile, { recursive: true, force: true });
      }
    },
  },
];
