// The URL reflects where the user is: deep links, reload, back and forward land in the same place.
import { appFacts, assert, assertEqual, findNode, findNodes, openApp, press, startServer, waitForApp
         } from './harness.mjs';

export const tests = [
  {
    name: 'a pasted link to a tab, stage and search opens exactly that view',
    async run({ browser }) {
      const server = await startServer({ leads: 80 });
      try {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const { page } = await openApp(context, server, { hash: '#/qualified?stage=accepted&q=microsoft' });
        const facts = await waitForApp(page, (app) => app.load === 'loaded' && app.tab === 'qualified', { what: 'qualified tab' });
        assertEqual((await findNode(page, 'tab', 'Qualified leads')).selected, true, 'the Qualified tab is shown');
        assertEqual((await findNode(page, 'textbox', 'Search leads')).value, 'microsoft', 'the search box holds the query');
        for (const row of await findNodes(page, 'row')) assert(row.name.length > 0, 'rows shown');
        assert(facts.app.rows >= 0, 'rows counted');
        assertEqual(page.url().split('#')[1], '/qualified?stage=accepted&q=microsoft', 'the URL is kept');
        await context.close();
      } finally { await server.stop(); }
    },
  },
  {
    name: 'opening a lead changes the URL; back returns to the list, forward and reload to the lead',
    async run({ browser }) {
      const server = await startServer({ leads: 60 });
      try {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const { page } = await openApp(context, server);
        const row = (await findNodes(page, 'row'))[2];
        await press(page, row);
        await waitForApp(page, (app) => app.selected === row.value, { what: 'lead selected' });
        await page.waitForFunction((id) => window.location.hash === '#/lead/' + id, row.value);
        assert((await page.title()).startsWith(row.name), 'the title names the lead: ' + await page.title());
        await page.goBack();
        await waitForApp(page, (app) => app.selected === '', { what: 'back to the list' });
        assert(!page.url().includes('/lead/'), 'the URL is the list again: ' + page.url());
        await page.goForward();
        await waitForApp(page, (app) => app.selected === row.value, { what: 'forward to the lead' });
        await page.reload();
        await waitForApp(page, (app) => app.load === 'loaded' && app.selected === row.value, { what: 'the lead after reload' });
        await findNode(page, 'heading', (node) => node.value === row.value);
        await context.close();
      } finally { await server.stop(); }
    },
  },
];
