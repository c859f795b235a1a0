// Views that stay, in a real browser against server-mock: the tab, filters, sort and search remembered across a
// reload with no hash; saved views named, applied after a reload, renamed and deleted; the column chooser hiding and
// moving columns, with the table's headers and the CSV following, after a reload too; favorites kept by a version 1
// database surviving the upgrade that adds the views' store; an unreadable record ignored and set aside.
import { readFileSync } from 'node:fs';
import { apiLeads, appFacts, assert, assertEqual, fill, findNode, findNodes, isMarketplace, openWorkspace, press,
         pressButton, showTab, storedFavorites, track, waitForApp, waitForLoopAtRest, waitForNode, withSharedServer } from './harness.mjs';

// [SECTION] helpers (this file's own) ----------------------------------------------------------------------------------

// Every record of the views' store, as IndexedDB holds it.
async function storedViews(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const request = indexedDB.open('leads-workspace');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('views')) { db.close(); resolve({ version: db.version, records: [] }); return; }
      const all = db.transaction('views', 'readonly').objectStore('views').getAll();
      all.onsuccess = () => { db.close(); resolve({ version: db.version, stores: [...db.objectStoreNames], records: all.result }); };
      all.onerror = () => { db.close(); reject(all.error); };
    };
  }));
}

// Writes a record straight into the views' store, as another version of the app (or a damaged disk) might have.
async function putViewsRecord(page, owner, text) {
  await page.evaluate(([owner, text]) => new Promise((resolve, reject) => {
    const request = indexedDB.open('leads-workspace');
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction('views', 'readwrite');
      tx.objectStore('views').put({ owner, text });
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onabort = () => reject(tx.error);
    };
  }), [owner, text]);
}

// Waits until every change is written and committed (the write waits a moment after the last change).
async function waitForViewsKept(page, what) {
  return waitForApp(page, (app) => app.views.loaded && !app.views.pending && app.views.writes > 0 &&
                                   app.views.kept === app.views.writes,
                    { what: 'views written: ' + what });
}

async function reload(page, server) {
  await page.goto(server.url + '/');  // no hash: only what was remembered can bring the place back
  return waitForApp(page, (app) => app.load === 'loaded' && app.views.loaded, { what: 'reloaded, views read' });
}

async function setHash(page, hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
}

// ImGui sees the hover first, as with a real mouse.
async function clickHeader(page, name) {
  const header = await findNode(page, 'columnheader', name);
  const x = header.rect.x + header.rect.width / 2;
  const y = header.rect.y + header.rect.height / 2;
  await page.mouse.move(x, y);
  await waitForLoopAtRest(page);  // the hover's frame is drawn
  await page.mouse.click(x, y);
}

async function headerNames(page) {
  return (await findNodes(page, 'columnheader')).map((node) => node.name);
}

async function exportCsvHeader(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), pressButton(page, 'Export CSV')]);
  const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  return text.split('\r\n')[0].split(',');
}

// [SECTION] tests ------------------------------------------------------------------------------------------------------

export const tests = withSharedServer({ leads: 60, seed: 11 }, [
  {
    name: 'the tab, filters, sort and search are remembered after a reload with no hash in the URL',
    async run({ browser, server }) {
      const { page } = await openWorkspace(browser, server);
      await waitForApp(page, (app) => app.views.loaded, { what: 'views read' });
      await setHash(page, '#/qualified');
      await waitForApp(page, (app) => app.tab === 'qualified', { what: 'the qualified tab' });
      await clickHeader(page, 'Customer');
      await waitForApp(page, (app) => app.views.sort === 'customer-asc', { what: 'sorted by customer' });
      await setHash(page, '#/qualified?stage=received&q=a');
      await waitForApp(page, (app) => app.views.search === 'a', { what: 'the link applied' });
      await waitForViewsKept(page, 'tab, filter, sort, search');

      const { app } = await reload(page, server);
      assertEqual(app.tab, 'qualified', 'the tab');
      assertEqual(app.views.search, 'a', 'the search');
      assertEqual(app.views.sort, 'customer-asc', 'the sort');
      assertEqual(app.views.problem, '', 'the record was read');
      await waitForApp(page, () => true);
      assert(page.url().includes('stage=received'), 'the stage filter is back (the address shows it): ' + page.url());
      const header = await findNode(page, 'columnheader', 'Customer');
      assertEqual(header.sort, 'ascending', 'the table shows the remembered sort');

      // A pasted link wins over what was remembered.
      await page.goto('about:blank');
      await page.goto(server.url + '/#/marketplace?q=b');
      const linked = await waitForApp(page, (facts) => facts.load === 'loaded' && facts.views.loaded, { what: 'linked' });
      assertEqual(linked.app.tab, 'marketplace', 'the link\'s tab');
      assertEqual(linked.app.views.search, 'b', 'the link\'s search');
    },
  },
  {
    name: 'a saved view survives a reload, applying it restores tab, filters and search; rename and delete',
    async run({ browser, server }) {
      const { page } = await openWorkspace(browser, server);
      await waitForApp(page, (app) => app.views.loaded, { what: 'views read' });
      await setHash(page, '#/qualified?stage=received&q=e');
      await waitForApp(page, (app) => app.tab === 'qualified' && app.views.search === 'e', { what: 'the link applied' });
      await pressButton(page, 'Saved views');
      await fill(page, 'View name', 'Flame leads in İstanbul');
      await pressButton(page, 'Save current view');
      await waitForApp(page, (app) => app.views.names.includes('Flame leads in İstanbul'), { what: 'saved' });
      // The same name again, in other letters' case: refused with a reason.
      await fill(page, 'View name', 'FLAME LEADS IN ISTANBUL');
      await pressButton(page, 'Save current view');
      await waitForNode(page, 'alert', (node) => node.value === 'views.name_taken', 'the refusal');
      assertEqual((await appFacts(page)).views.names.length, 1, 'no second view');
      await waitForViewsKept(page, 'the saved view');

      await reload(page, server);
      await setHash(page, '#/marketplace');
      await showTab(page, 'marketplace');
      await waitForApp(page, (app) => app.tab === 'marketplace' && app.views.search === '', { what: 'elsewhere' });
      await pressButton(page, 'Saved views');
      await pressButton(page, 'Apply Flame leads in İstanbul');
      await waitForApp(page, (app) => app.tab === 'qualified' && app.views.search === 'e', { what: 'the view applied' });
      await waitForApp(page, () => true);
      assert(page.url().includes('stage=received'), 'the stage filter applied: ' + page.url());

      await fill(page, 'View name', 'Won this quarter');
      await pressButton(page, 'Rename Flame leads in İstanbul to the name typed');
      await waitForApp(page, (app) => app.views.names.join() === 'Won this quarter', { what: 'renamed' });
      await pressButton(page, 'Delete Won this quarter');
      await waitForApp(page, (app) => app.views.names.length === 0, { what: 'deleted' });
      await waitForViewsKept(page, 'the deletion');
      const { app } = await reload(page, server);
      assertEqual(app.views.names, [], 'still deleted after a reload');
    },
  },
  {
    name: 'the column chooser hides a column and moves another; the headers and the CSV follow, after a reload too',
    async run({ browser, server }) {
      const { page } = await openWorkspace(browser, server);
      await waitForApp(page, (app) => app.views.loaded, { what: 'views read' });
      const before = await headerNames(page);
      assert(before.includes('Kind') && before.indexOf('Est. value') > before.indexOf('Time left'), 'default: ' + before);
      await pressButton(page, 'Columns');
      await press(page, await findNode(page, 'checkbox', (node) => node.value === 'kind'));
      await waitForApp(page, (app) => !app.columns.includes('kind'), { what: 'Kind hidden' });
      await pressButton(page, 'Move Est. value up');
      await waitForApp(page, (app) => app.columns.indexOf('value') < app.columns.indexOf('time_left'),
                       { what: 'value moved up' });
      // The column that opens a lead cannot be hidden: its checkbox says why.
      const customer = await findNode(page, 'checkbox', (node) => node.value === 'customer');
      assert(customer.disabled && customer.checked, 'the customer column stays');

      const check = async (when) => {
        await waitForApp(page, (app, nodes) => !nodes.some((n) => n.role === 'columnheader' && n.name === 'Kind'),
                         { what: 'headers follow ' + when });
        const headers = await headerNames(page);
        assert(!headers.includes('Kind'), when + ': no Kind header: ' + headers);
        assert(headers.indexOf('Est. value') === headers.indexOf('Time left') - 1, when + ': value before time left: ' + headers);
        const cells = (await findNodes(page, 'gridcell')).length;
        assert(cells > 0, when + ': cells drawn');
        const csv = await exportCsvHeader(page);
        assert(!csv.includes('Kind'), when + ': no Kind in the CSV: ' + csv);
        assertEqual(csv.indexOf('Est. value'), csv.indexOf('Time left') - 1, when + ': CSV order: ' + csv);
      };
      await check('now');
      await waitForViewsKept(page, 'the columns');
      const { app } = await reload(page, server);
      assert(!app.columns.includes('kind'), 'remembered: ' + app.columns);
      await check('after a reload');

      await pressButton(page, 'Columns');
      await pressButton(page, 'Reset columns');
      await waitForApp(page, (facts) => facts.columns.includes('kind') &&
                                        facts.columns.indexOf('value') > facts.columns.indexOf('time_left'),
                       { what: 'reset' });
    },
  },
  {
    name: 'favorites kept by a version 1 database survive the upgrade that adds the views',
    async run({ browser, server }) {
      const context = track(await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' }));
      const id = (await apiLeads(server)).find(isMarketplace).id;
      const page = await context.newPage();
      await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));  // a JSON page asks for one
      await page.goto(server.url + '/app-config.json');  // the same origin, without the app
      await page.evaluate((leadId) => new Promise((resolve, reject) => {
        const request = indexedDB.open('leads-workspace', 1);  // as the app before the views
        request.onupgradeneeded = () => request.result.createObjectStore('favorites', { keyPath: 'id' });
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction('favorites', 'readwrite');
          tx.objectStore('favorites').put({ id: leadId, savedAt: Date.now() });
          tx.oncomplete = () => { db.close(); resolve(); };
          tx.onabort = () => reject(tx.error);
        };
      }), id);
      await page.goto(server.url + '/');
      const { app } = await waitForApp(page, (facts) => facts.load === 'loaded' && facts.views.loaded &&
                                                      facts.favoritesPersistence === 'persistent',
                                       { what: 'loaded after the upgrade' });
      assertEqual(app.favorites, 1, 'the favorite is back');
      assertEqual(app.views.problem, 'none', 'nothing remembered yet');
      assertEqual(await storedFavorites(page), [id], 'still stored');
      const stored = await storedViews(page);
      assertEqual(stored.version, 2, 'upgraded');
      assertEqual([...stored.stores].sort(), ['favorites', 'views'], 'the views store added');
      await showTab(page, 'favorites');
      await waitForViewsKept(page, 'the tab');
      const after = await storedViews(page);
      assertEqual(after.records.length, 1, 'one record for this user');
      assertEqual(await storedFavorites(page), [id], 'favorites untouched by the views');
    },
  },
  {
    name: 'an unreadable record is ignored and set aside, never written over',
    async run({ browser, server }) {
      const { page } = await openWorkspace(browser, server);
      await waitForApp(page, (app) => app.views.loaded, { what: 'views read' });
      await showTab(page, 'qualified');
      await waitForViewsKept(page, 'a first record');
      const [record] = (await storedViews(page)).records;
      await putViewsRecord(page, record.owner, '{"schema":1,"lay');
      const { app } = await reload(page, server);
      assertEqual(app.views.problem, 'corrupt', 'reported');
      assertEqual(app.tab, 'marketplace', 'the workspace starts as usual');
      await showTab(page, 'favorites');
      await waitForViewsKept(page, 'after the change');
      const records = (await storedViews(page)).records;
      const aside = records.find((r) => r.owner === record.owner + '#unreadable');
      assert(aside && aside.text === '{"schema":1,"lay', 'the unreadable record kept aside');
    },
  },
  {
    name: 'a record too large to read is not copied into the app, and is moved aside, not written over',
    async run({ browser, server }) {
      const { page } = await openWorkspace(browser, server);
      await waitForApp(page, (app) => app.views.loaded, { what: 'views read' });
      await showTab(page, 'qualified');
      await waitForViewsKept(page, 'a first record');
      const [record] = (await storedViews(page)).records;
      const size = (1 << 20) + 1;
      await putViewsRecord(page, record.owner, 'x'.repeat(size));
      const { app } = await reload(page, server);
      assertEqual(app.views.problem, 'too_large', 'reported');
      assertEqual(app.tab, 'marketplace', 'the workspace starts as usual');
      await showTab(page, 'favorites');
      await waitForViewsKept(page, 'after the change');
      const records = (await storedViews(page)).records;
      const aside = records.find((r) => r.owner === record.owner + '#unreadable');
      assertEqual(aside && aside.text.length, size, 'the oversized record kept aside whole');
      const kept = records.find((r) => r.owner === record.owner);
      assert(kept && kept.text.length < 4096 && kept.text.includes('favorites'), 'a readable record in its place');
    },
  },
]);
