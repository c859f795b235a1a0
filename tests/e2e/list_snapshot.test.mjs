// The lead list kept between visits (docs/reliability.md, "The list between visits"), in a real browser's IndexedDB:
// a second visit shows the kept list before any list request has answered, then the changes since; a lead another
// writer changed shows its new state; a corrupted or old-schema snapshot, or no IndexedDB at all, means a full load
// and no error; a list the service shrank is loaded in full; signing out removes the snapshot.
import {
  apiLeads, apiLead, apiPatch, appFacts, assert, assertEqual, fillNode, findNode, findNodes, isQualified,
  kDemoAccounts, kListPath, kViewport, pressButton, showTab, signInThroughProvider, track, waitForApp,
  waitForAppThrough, watchListRequests, withServer
} from './harness.mjs';

const kDatabase = 'leads-list-snapshot';

// The list requests by what they ask: the changes since a time, or the whole list (its first page counts it).
const isDelta = (url) => /\$filter=updatedDateTime gt /.test(decodeURIComponent(url));
const isFullList = (url) => !isDelta(url) && /\$count=true/.test(decodeURIComponent(url)) &&
                            /\$top=1000/.test(decodeURIComponent(url));

async function newContext(browser) {
  return track(await browser.newContext({ viewport: kViewport, locale: 'en-US' }));
}

// A first visit: the full list loads and is kept (its write committed).
async function firstVisit(context, server) {
  const page = await context.newPage();
  await page.goto(server.url + '/');
  await waitForApp(page, (app) => app.load === 'loaded' && app.snapshot.kept >= 1, { what: 'the list loaded and kept' });
  return page;
}

// A context whose first visit kept the list (20 leads), then one lead added by the service ('Kuzey Tekstil').
async function keptThenOneAdded(browser, server) {
  const context = await newContext(browser);
  await (await firstVisit(context, server)).close();
  await server.mock('POST', '/_mock/referrals', { name: 'Bir değişiklik', qualification: 'Direct',
                                                  customerProfile: { name: 'Kuzey Tekstil' } });
  return context;
}

// Holds every list request until `release()`: what the page shows meanwhile came from the snapshot alone.
async function holdListRequests(page) {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const held = [];
  await page.route((url) => url.pathname === kListPath, async (route) => {
    held.push(route.request().url());
    await gate;
    await route.continue();
  });
  return { held, release: () => release() };
}

// The records the snapshot database holds for this origin, as { owner, schema, size, syncedAt, kind }: kind is
// 'blob' for bytes kept as a Blob.
async function storedSnapshots(page) {
  return page.evaluate((name) => new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('snapshots')) { db.close(); resolve([]); return; }
      const all = db.transaction('snapshots', 'readonly').objectStore('snapshots').getAll();
      all.onsuccess = () => {
        db.close();
        resolve(all.result.map((r) => ({ owner: r.owner, schema: r.schema, size: r.size, syncedAt: r.syncedAt,
                                         newestChange: r.newestChange,
                                         bytes: r.bytes instanceof Blob ? r.bytes.size : r.bytes && r.bytes.byteLength,
                                         kind: r.bytes instanceof Blob ? 'blob' : r.bytes && r.bytes.constructor.name })));
      };
      all.onerror = () => reject(all.error);
    };
  }), kDatabase);
}

// Spoils the stored record in place: 'corrupt' replaces its bytes with garbage, 'old_schema' marks it as written by
// an older version of the app; any other `how` is another owner to give it to.
async function spoilSnapshot(page, how) {
  await page.evaluate(([name, how]) => new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('snapshots', 'readwrite');
      const store = tx.objectStore('snapshots');
      const all = store.getAll();
      all.onsuccess = () => {
        for (const record of all.result) {
          if (how === 'corrupt') record.bytes = new Uint8Array([1, 2, 3, 4]).buffer;
          else if (how === 'zeros') record.bytes = new Blob([new Uint8Array(3 << 20)]);  // three chunks, no header
          else if (how === 'old_schema') record.schema = 0;
          else { store.delete(record.owner); record.owner = how; }  // someone else's: a readable list, not ours
          store.put(record);
        }
      };
      tx.oncomplete = () => { db.close(); resolve(all.result.length); };
      tx.onerror = () => reject(tx.error);
    };
  }), [kDatabase, how]);
}

// Rewrites the stored record as the first version of the app kept it: its bytes as an ArrayBuffer, not a Blob.
async function keepAsArrayBuffer(page) {
  await page.evaluate(async (name) => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const inStore = (mode, work) => new Promise((resolve, reject) => {
      const tx = db.transaction('snapshots', mode);
      const request = work(tx.objectStore('snapshots'));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
    });
    const records = await inStore('readonly', (store) => store.getAll());
    for (const record of records) {
      record.bytes = await record.bytes.arrayBuffer();
      delete record.newestChange;  // the first version did not keep it
    }
    await inStore('readwrite', (store) => { for (const record of records) store.put(record); return {}; });
    db.close();
  }, kDatabase);
}

// A visit whose list requests are held until `check(shown, held)` has looked at the kept list on screen (what it
// shows came from the snapshot alone); then they go on. Returns the page.
async function visitShowingKept(context, server, what, check) {
  const page = await context.newPage();
  const gate = await holdListRequests(page);
  try {
    await page.goto(server.url + '/');
    await check(await waitForApp(page, (app) => app.snapshot.phase === 'shown' && app.load === 'loaded', { what }),
                gate.held);
  } finally {
    gate.release();  // a request held forever would hold the context's closing too
  }
  return page;
}

// A visit that cannot use the kept list: it loads the whole list, says why (`problem`) only in the published facts,
// and shows no error. Returns the page and the list requests it made.
async function visitLoadingInFull(context, server, problem, what) {
  const page = await context.newPage();
  const requests = watchListRequests(page);
  await page.goto(server.url + '/');
  const facts = await waitForApp(page, (app) => app.load === 'loaded' && app.snapshot.phase === 'current', { what });
  assertEqual(facts.app.snapshot.problem, problem, 'why the snapshot was not used');
  assertEqual(facts.app.leads, (await apiLeads(server)).length, 'every lead');
  assert(!facts.app.error, 'no error shown');
  assert(!facts.nodes.some((n) => n.role === 'alert'), 'no alert');
  assert(requests.some((r) => isFullList(r.url)), 'the full list was asked for');
  return { page, requests };
}

// A visit whose snapshot write ends with `problem`: the list works, nothing is reported kept or left stored, and no
// error is shown. Returns the page.
async function writeRefused(context, server, problem, leads) {
  const page = await context.newPage();
  await page.goto(server.url + '/');
  const facts = await waitForApp(page, (app) => app.load === 'loaded' && app.snapshot.writeProblem === problem,
                                 { what: 'the write ended as ' + problem });
  assertEqual(facts.app.leads, leads, 'every lead');
  assertEqual(facts.app.snapshot.kept, 0, 'not reported kept');
  assert(!facts.app.error && !facts.nodes.some((n) => n.role === 'alert'), 'no error shown');
  assertEqual(await storedSnapshots(page), [], 'nothing left stored');
  return page;
}

// A lead moved on by another writer: an accepted lead's deal renamed, its new name returned.
async function renameByAnotherWriter(server) {
  const accepted = (await apiLeads(server)).find((lead) => lead.status === 'Active');
  assert(accepted, 'an accepted lead to rename');
  const { etag } = await apiLead(server, accepted.id);
  const name = 'Renamed elsewhere ' + accepted.id.slice(0, 6);
  const result = await apiPatch(server, accepted.id, [{ op: 'replace', path: '/name', value: name }], etag);
  assert(result.status === 200 || result.status === 204, 'the other writer saved: ' + result.status + ' ' + result.text);
  return { id: accepted.id, name, qualified: isQualified(accepted) };
}

export const tests = [
  {
    name: 'a second visit shows the kept list before any list request answers, then the changes since',
    async run({ browser }) {
      await withServer({ leads: 40 }, async (server) => {
        const context = await newContext(browser);
        const first = await firstVisit(context, server);
        const before = (await appFacts(first)).leads;
        await first.close();
        const renamed = await renameByAnotherWriter(server);
        await server.mock('POST', '/_mock/referrals', {
          name: 'Yeni gelen fırsat', qualification: 'Direct',
          customerProfile: { name: 'Ege Lojistik A.Ş.', address: { city: 'İzmir', country: 'TR' } },
        });

        const page = await visitShowingKept(context, server, 'the kept list shown', (shown, held) => {
          assertEqual(shown.app.leads, before, 'every kept lead is on screen');
          assert(shown.nodes.some((n) => n.role === 'status' && n.value === 'snapshot' && /as of/.test(n.name)),
                 'the list says how old it is');
          assert(held.some(isDelta), 'the changes since were asked for');
          assertEqual(shown.app.snapshot.changesAskedEarly, true, 'asked as soon as the record was found');
          assert(held.every((url) => isDelta(url) || /\$top=1&/.test(decodeURIComponent(url))),
                 'only the changes and the count were asked for, not the whole list: ' + held.join(' '));
        });
        const current = await waitForApp(page, (app) => app.snapshot.phase === 'current',
                                         { what: 'the kept list brought up to date' });
        assertEqual(current.app.leads, before + 1, 'the new lead joined');
        assert(!current.app.error, 'no error');
        // The renamed lead shows its new name: search for it.
        const row = await findRenamed(page, renamed);
        assert(row, 'the renamed lead is listed under its new name');
        await waitForApp(page, (app) => app.snapshot.kept >= 1, { what: 'the updated list kept again' });
      });
    },
  },
  {
    // The bytes are handed over a megabyte per task (web/list_snapshot_idb.js), so that the changes can come in
    // between: a list of several megabytes must come through whole, whichever arrives first.
    name: 'a kept list of several megabytes is read a chunk at a time, whole, and brought up to date',
    async run({ browser }) {
      await withServer({ leads: 6000 }, async (server) => {
        const context = await newContext(browser);
        const first = await firstVisit(context, server);
        const before = (await appFacts(first)).leads;
        const stored = await storedSnapshots(first);
        assertEqual(stored.length, 1, 'one record');
        assert(stored[0].size > 2 * 1024 * 1024, 'kept in more than two chunks of a megabyte: ' + stored[0].size);
        await first.close();
        const renamed = await renameByAnotherWriter(server);
        const page = await context.newPage();
        const requests = watchListRequests(page);
        await page.goto(server.url + '/');
        const current = await waitForApp(page, (app) => app.snapshot.phase === 'current',
                                         { what: 'the kept list shown and brought up to date' });
        assertEqual(current.app.leads, before, 'every kept lead');
        assertEqual(current.app.snapshot.problem, '', 'read without a problem');
        assertEqual(current.app.snapshot.bytesCopied, stored[0].bytes, 'every byte copied in');
        assert(!current.app.error, 'no error');
        assert(!requests.some((r) => isFullList(r.url)), 'the whole list was not asked for');
        assert(await findRenamed(page, renamed), 'the renamed lead is listed under its new name');
      });
    },
  },
  {
    name: 'the list is kept as a Blob; one kept as an ArrayBuffer by the first version is still shown',
    async run({ browser }) {
      await withServer({ leads: 30 }, async (server) => {
        const context = await newContext(browser);
        const first = await firstVisit(context, server);
        const before = (await appFacts(first)).leads;
        const stored = await storedSnapshots(first);
        assertEqual(stored.map((r) => r.kind), ['blob'], 'kept as a Blob');
        assert(stored[0].newestChange > 0, 'kept with the newest change it holds: ' + stored[0].newestChange);
        await keepAsArrayBuffer(first);
        assertEqual((await storedSnapshots(first)).map((r) => r.kind), ['ArrayBuffer'], 'rewritten the old way');
        await first.close();
        await server.mock('POST', '/_mock/referrals', { name: 'Bir değişiklik', qualification: 'Direct',
                                                        customerProfile: { name: 'Kuzey Tekstil' } });
        const page = await visitShowingKept(context, server, 'the old way\'s list shown', (shown) => {
          assertEqual(shown.app.leads, before, 'every kept lead');
          assertEqual(shown.app.snapshot.problem, '', 'read without a problem');
          assertEqual(shown.app.snapshot.changesAskedEarly, false, 'a record that does not say its newest change');
        });
        const current = await waitForApp(page, (app) => app.snapshot.phase === 'current' && app.snapshot.kept >= 1,
                                         { what: 'brought up to date (a lead more) and kept again' });
        assertEqual(current.app.leads, before + 1, 'the new lead joined');
        assertEqual((await storedSnapshots(page)).map((r) => r.kind), ['blob'], 'kept as a Blob again');
      });
    },
  },
  {
    name: 'a kept Blob whose bytes cannot be read means a full load and no error',
    async run({ browser }) {
      await withServer({ leads: 30 }, async (server) => {
        const context = await newContext(browser);
        const first = await firstVisit(context, server);  // kept, and read back whole
        await first.close();
        // Since then the browser lost the Blob's file: the next visit cannot read it.
        await context.addInitScript(() => {
          Blob.prototype.arrayBuffer = () => Promise.reject(new DOMException('the file is gone', 'NotReadableError'));
        });
        await visitLoadingInFull(context, server, 'unreadable', 'loaded in full');
      });
    },
  },
  {
    name: 'a corrupted snapshot, or one of an old schema, means a full load and no error',
    async run({ browser }) {
      await withServer({ leads: 30 }, async (server) => {
        const context = await newContext(browser);
        const first = await firstVisit(context, server);
        for (const [how, problem] of [['corrupt', 'unreadable'], ['old_schema', 'old_schema']]) {
          await spoilSnapshot(first, how);
          const { page } = await visitLoadingInFull(context, server, problem,
                                                    'loaded in full after a ' + problem + ' snapshot');
          await waitForApp(page, (app) => app.snapshot.kept >= 1, { what: 'a good snapshot written again' });
          await page.close();
        }
      });
    },
  },
  {
    name: 'a kept list spoilt in its first megabyte is refused there: the rest is not copied in, a full load follows',
    async run({ browser }) {
      await withServer({ leads: 30 }, async (server) => {
        const context = await newContext(browser);
        const first = await firstVisit(context, server);
        await spoilSnapshot(first, 'zeros');
        assertEqual((await storedSnapshots(first)).map((r) => r.bytes), [3 << 20], 'a record of three chunks');
        await first.close();
        const { page } = await visitLoadingInFull(context, server, 'unreadable', 'loaded in full after a spoilt record');
        const copied = (await appFacts(page)).snapshot.bytesCopied;
        assert(copied > 0 && copied <= 1 << 20, 'only the first chunk was copied in: ' + copied);
      });
    },
  },
  {
    name: 'a stored snapshot larger than any write keeps is not read into the app: a full load, no error',
    async run({ browser }) {
      await withServer({ leads: 30 }, async (server) => {
        const context = await newContext(browser);
        const first = await firstVisit(context, server);
        const [kept] = await storedSnapshots(first);
        // The bound lowered under this record's size: it is now "larger than any write keeps".
        const page = await context.newPage();
        await page.addInitScript((bound) => { window.leadsSnapshotLimit = bound; }, 64);
        const requests = watchListRequests(page);
        await page.goto(server.url + '/');
        const facts = await waitForApp(page, (app) => app.load === 'loaded' && app.snapshot.phase === 'current' &&
                                       app.snapshot.writeProblem !== '', { what: 'loaded in full, the write answered' });
        assertEqual(facts.app.snapshot.problem, 'too_large', 'why the snapshot was not used');
        assertEqual(facts.app.snapshot.writeProblem, 'too_large', 'a list over the bound is not written either');
        assertEqual(facts.app.leads, (await apiLeads(server)).length, 'every lead');
        assert(!facts.app.error, 'no error shown');
        assert(requests.some((r) => isFullList(r.url)), 'the full list was asked for');
        const [after] = await storedSnapshots(page);
        assertEqual(after.syncedAt, kept.syncedAt, 'the kept record was left as it was');
      });
    },
  },
  {
    name: 'without IndexedDB every visit loads the whole list, with no error about the list',
    async run({ browser }) {
      await withServer({ leads: 20 }, async (server) => {
        const context = await newContext(browser);
        await context.addInitScript(() => {
          Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('denied', 'SecurityError'); } });
        });
        for (let visit = 1; visit <= 2; ++visit) {
          const page = await context.newPage();
          const requests = watchListRequests(page);
          await page.goto(server.url + '/');
          const facts = await waitForApp(page, (app) => app.load === 'loaded' && app.snapshot.problem !== '' &&
                                         app.snapshot.writes >= 1 && app.snapshot.problem !== 'none',
                                         { what: 'visit ' + visit + ' loaded in full' });
          assertEqual(facts.app.leads, 20, 'every lead, visit ' + visit);
          assertEqual(facts.app.snapshot.kept, 0, 'nothing could be kept');
          assertEqual(facts.app.snapshot.problem, 'unavailable', 'why nothing was read');
          assert(!facts.app.error, 'no error');
          assert(requests.some((r) => isFullList(r.url)), 'the full list was asked for on visit ' + visit);
          await page.close();
        }
      });
    },
  },
  {
    name: 'a storage that never answers holds the list back only until its deadline: then it loads in full, no error',
    async run({ browser }) {
      await withServer({ leads: 20 }, async (server) => {
        const page = await (await keptThenOneAdded(browser, server)).newPage();
        // The kept list's database is there, but opening it never answers (as when a browser's storage hangs).
        await page.addInitScript((name) => {
          const open = IDBFactory.prototype.open;
          IDBFactory.prototype.open = function (asked, version) {
            return asked === name ? {} : open.call(this, asked, version);
          };
        }, kDatabase);
        const requests = watchListRequests(page);
        await page.goto(server.url + '/');
        const facts = await waitForApp(page, (app) => app.load === 'loaded' && app.snapshot.problem === 'timeout',
                                       { what: 'the list loaded from the service once the storage was overdue' });
        assertEqual(facts.app.leads, 21, 'every lead, the one added since included');
        assert(requests.some((r) => isFullList(r.url)), 'the full list was asked for');
        assert(!facts.app.error && !facts.nodes.some((n) => n.role === 'alert'), 'no error shown');
        assert((await findNodes(page, 'row')).some((row) => row.name.includes('Kuzey Tekstil')), 'the new lead is listed');
      });
    },
  },
  {
    name: 'a storage that answers after its deadline changes nothing: the service\'s list stays, then is kept',
    async run({ browser }) {
      await withServer({ leads: 20 }, async (server) => {
        const context = await keptThenOneAdded(browser, server);
        const page = await context.newPage();
        // Opening the kept list's database is held until the test lets it go (a storage busy for seconds): then the
        // real database opens, and the record it holds (20 leads) comes, too late.
        await page.addInitScript((name) => {
          const open = IDBFactory.prototype.open;
          let released = false;  // later openings (the test's own reads) go through
          IDBFactory.prototype.open = function (asked, version) {
            if (asked !== name || released) return open.call(this, asked, version);
            const held = { result: null, error: null };
            window.leadsReleaseSnapshotOpen = () => {
              released = true;
              const real = open.call(indexedDB, asked, version);
              for (const event of ['upgradeneeded', 'success', 'error', 'blocked'])
                real.addEventListener(event, (e) => {
                  held.result = event === 'error' ? null : real.result;
                  held.error = real.error;
                  if (held['on' + event]) held['on' + event](e);
                });
            };
            return held;
          };
        }, kDatabase);
        await page.goto(server.url + '/');
        const overdue = await waitForApp(page, (app) => app.load === 'loaded' && app.snapshot.problem === 'timeout',
                                         { what: 'the list loaded from the service once the storage was overdue' });
        assertEqual(overdue.app.leads, 21, 'every lead, the one added since included');
        await page.evaluate(() => window.leadsReleaseSnapshotOpen());
        // The list's write waits for the same opening as the late read, and its transaction for the read's: once the
        // list is kept, the late record has been read (its Blob's bytes may still come; they are dropped too).
        const kept = await waitForApp(page, (app) => app.snapshot.kept >= 1, { what: 'the service\'s list kept' });
        assertEqual(kept.app.leads, 21, 'the late record of 20 leads did not replace the list');
        assertEqual(kept.app.snapshot.problem, 'timeout', 'the late answer was not taken');
        assert(!kept.app.error && !kept.nodes.some((n) => n.role === 'alert'), 'no error shown');
        assert((await findNodes(page, 'row')).some((row) => row.name.includes('Kuzey Tekstil')), 'the new lead is listed');
        const [stored] = await storedSnapshots(page);
        assert(stored && stored.syncedAt > 0, 'a record is kept');
        await page.close();
        // What was kept is the service's list of 21: the next visit shows it as kept, with the new lead.
        const next = await context.newPage();
        await next.goto(server.url + '/');
        const shown = await waitForApp(next, (app) => app.snapshot.phase === 'current', { what: 'the kept list current' });
        assertEqual(shown.app.snapshot.problem, '', 'the kept list was read');
        assertEqual(shown.app.leads, 21, 'the kept list holds every lead');
      });
    },
  },
  {
    name: 'a first visit asks the storage once: the empty store read ahead answers, and the list is asked for at once',
    async run({ browser }) {
      await withServer({ leads: 12 }, async (server) => {
        const context = await newContext(browser);
        await context.addInitScript(() => {
          window.leadsSnapshotReads = [];
          for (const method of ['get', 'getAll', 'openCursor']) {
            const read = IDBObjectStore.prototype[method];
            IDBObjectStore.prototype[method] = function (...args) {
              if (this.name === 'snapshots') window.leadsSnapshotReads.push(method);
              return read.apply(this, args);
            };
          }
        });
        const page = await context.newPage();
        await page.goto(server.url + '/');
        const facts = await waitForApp(page, (app) => app.load === 'loaded' && app.snapshot.phase === 'current',
                                       { what: 'the list loaded' });
        assertEqual(facts.app.snapshot.problem, 'none', 'nothing was kept');
        assertEqual(facts.app.leads, 12, 'every lead');
        assertEqual(await page.evaluate(() => window.leadsSnapshotReads), ['openCursor'],
                    'one read of the store: the one made ahead');
      });
    },
  },
  {
    name: 'a full storage refuses the snapshot quietly: the list works, nothing is kept, no error is shown',
    async run({ browser }) {
      await withServer({ leads: 20 }, async (server) => {
        const context = await newContext(browser);
        await context.addInitScript(() => {
          const put = IDBObjectStore.prototype.put;
          IDBObjectStore.prototype.put = function (...args) {
            if (this.name === 'snapshots') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            return put.apply(this, args);
          };
        });
        await writeRefused(context, server, 'quota', 20);
      });
    },
  },
  {
    name: 'a kept list whose stored bytes cannot be read back is not reported kept: it is removed, and the next visit loads in full',
    async run({ browser }) {
      await withServer({ leads: 20 }, async (server) => {
        const context = await newContext(browser);
        // The read-back of the stored Blob fails, as it did when a page closed right after the write's commit.
        await context.addInitScript(() => {
          Blob.prototype.slice = function () {
            return { arrayBuffer: () => Promise.reject(new DOMException('The requested file could not be read.', 'NotReadableError')) };
          };
        });
        const page = await writeRefused(context, server, 'unreadable', 20);
        await page.close();
        await visitLoadingInFull(context, server, 'none', 'the next visit loaded in full');
      });
    },
  },
  {
    name: 'a read-back that fails, finds no record or finds no bytes is not reported kept either: the record is removed',
    async run({ browser }) {
      await withServer({ leads: 20 }, async (server) => {
        // The read-back is the only read of the store by key in a read-only transaction: the write's own read is in
        // its read-write one, and the visit's read of the kept list walks a cursor.
        const cases = [['throws', 'unavailable'], ['errors', 'unavailable'], ['finds nothing', 'unavailable'],
                       ['finds an empty Blob', 'unreadable']];
        for (const [how, problem] of cases) {
          const context = await newContext(browser);
          await context.addInitScript((how) => {
            const get = IDBObjectStore.prototype.get;
            IDBObjectStore.prototype.get = function (...args) {
              if (this.name !== 'snapshots' || this.transaction.mode !== 'readonly') return get.apply(this, args);
              if (how === 'throws') throw new DOMException('The database is closing.', 'InvalidStateError');
              const found = how === 'finds an empty Blob' ? { bytes: new Blob([]) } : undefined;
              const request = { result: found, error: null, onsuccess: null, onerror: null };
              queueMicrotask(() => (how === 'errors' ? request.onerror : request.onsuccess)());
              return request;
            };
          }, how);
          await writeRefused(context, server, problem, 20);
          await context.close();
        }
      });
    },
  },
  {
    name: 'another user\'s kept list is never shown: the signed-in user\'s list loads in full and replaces it',
    async run({ browser }) {
      await withServer({ leads: 25 }, async (server) => {
        const context = await newContext(browser);
        const first = await firstVisit(context, server);
        const [mine] = await storedSnapshots(first);
        const someoneElse = 'another-tenant/another-user';
        await spoilSnapshot(first, someoneElse);
        await first.close();
        const { page, requests } = await visitLoadingInFull(context, server, 'none', 'loaded in full');
        assert(!requests.some((r) => isDelta(r.url)), 'no changes since another user\'s list were asked for');
        await waitForApp(page, (app) => app.snapshot.kept >= 1, { what: 'this user\'s list kept' });
        assertEqual((await storedSnapshots(page)).map((r) => r.owner), [mine.owner], 'only this user\'s list is left');
      });
    },
  },
  {
    name: 'a list the service shrank since the last visit is loaded in full: the gone leads disappear',
    async run({ browser }) {
      await withServer({ leads: 30 }, async (server) => {
        const context = await newContext(browser);
        const first = await firstVisit(context, server);
        assertEqual((await appFacts(first)).leads, 30, 'first visit');
        await first.close();
        await server.mock('POST', '/_mock/reset', { seed: 9, leads: 25 });
        const page = await context.newPage();
        await page.goto(server.url + '/');
        const facts = await waitForApp(page, (app) => app.snapshot.phase === 'current' && app.load === 'loaded' &&
                                       app.leads === 25, { what: 'exactly the service\'s 25 leads' });
        assert(!facts.app.error, 'no error');
      });
    },
  },
  {
    name: 'signing out removes the kept list from the browser',
    async run({ browser }) {
      await withServer({ leads: 20, signIn: true }, async (server) => {
        const context = await newContext(browser);
        const page = await context.newPage();
        await signInThroughProvider(page, server, kDemoAccounts[1]);
        await waitForAppThrough(page, (app) => app.snapshot && app.snapshot.kept >= 1, { what: 'the list kept' });
        const kept = await storedSnapshots(page);
        assertEqual(kept.length, 1, 'one snapshot');
        assert(kept[0].owner.includes('/'), 'kept per tenant and user: ' + kept[0].owner);
        await pressButton(page, 'Sign out');
        await waitForAppThrough(page, (app) => app.signIn === 'signed-out', { what: 'signed out' });
        assertEqual(await storedSnapshots(page), [], 'no snapshot left');
      });
    },
  },
];

// Searches the deal's new name in its tab and waits for its row.
async function findRenamed(page, renamed) {
  await showTab(page, renamed.qualified ? 'qualified' : 'marketplace');
  const search = (await findNodes(page, 'textbox')).find((node) => node.name === 'Search leads');
  await fillNode(page, search, renamed.name);
  return findNode(page, 'row', (node) => node.value === renamed.id, { timeout: 20000 });
}
