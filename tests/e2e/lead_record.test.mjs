// The list keeps list fields only: opening a lead fetches its full record by id (once, then from the cache), a write
// sends that record's ETag as If-Match, and the detail says so when the record is gone (404) or could not be read
// (network), with Retry.
import { apiLead, apiLeads, assert, assertEqual, clickableRows, findNode, heartOf, kListPath, openForm, openLead,
         openWorkspace, pickLead, pickReason, press, pressButton, receivedMarketplace, waitForApp, waitForNode,
         waitForToast, withSharedServer } from './harness.mjs';

// Every GET of one lead by id, and every write with its If-Match.
function watchRecordRequests(page) {
  const seen = { gets: [], writes: [] };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith(kListPath + '/')) return;
    const id = decodeURIComponent(url.pathname.slice(kListPath.length + 1));
    if (request.method() === 'GET') seen.gets.push(id);
    if (request.method() === 'PATCH') seen.writes.push({ id, ifMatch: request.headers()['if-match'] });
  });
  return seen;
}

export const tests = withSharedServer({ leads: 60, seed: 7 }, [
  {
    name: 'opening a lead fetches its full record once, and a decline sends that record\'s ETag as If-Match',
    async run({ browser, server }) {
      const { context, page } = await openWorkspace(browser, server);
      const seen = watchRecordRequests(page);
      const lead = await pickLead(page, server, receivedMarketplace);
      const { etag } = await apiLead(server, lead.id);
      await openLead(page, lead);
      assertEqual(seen.gets, [lead.id], 'one GET of the opened lead');
      // The detail's full-record parts are there: the customer section's address comes only with the record.
      await findNode(page, 'button', 'Decline');

      await openForm(page, lead, 'Decline', 'Decline this lead');
      assertEqual(seen.gets, [lead.id], 'opened again: read from the cache, not fetched again');
      await pickReason(page, 'Customer chose another vendor');
      await pressButton(page, 'Close deal');
      await waitForToast(page, 'Declined — moved to Archived');
      assertEqual(seen.writes, [{ id: lead.id, ifMatch: etag }], 'the write carried the fetched record\'s ETag');
      assertEqual((await apiLead(server, lead.id)).lead.substatus, 'Declined', 'the server stored it');
      await context.close();
    },
  },
  {
    name: 'a row opens on the press: the lead\'s full record is fetched and shown while the button is still down',
    async run({ browser, server }) {
      const { context, page } = await openWorkspace(browser, server);
      const seen = watchRecordRequests(page);
      const lead = await pickLead(page, server, receivedMarketplace);
      const row = (await clickableRows(page)).find((node) => node.value === lead.id);
      assert(row, 'the lead\'s row on screen');
      // The heart on the row is pressed as itself: it marks the lead a favorite and opens nothing.
      await press(page, await heartOf(page, lead.id));
      const hearted = await waitForApp(page, (app) => app.favorites === 1, { what: 'the heart pressed' });
      assertEqual(hearted.app.selected, '', 'the heart\'s press opened no lead');
      assertEqual(seen.gets, [], 'nor fetched a record');
      await page.mouse.move(row.rect.x + 120, row.rect.y + row.rect.height / 2);
      await page.mouse.down();
      try {
        await waitForApp(page, (app) => app.selected === lead.id && app.detail === 'ready', { what: 'opened on the press' });
        assertEqual(seen.gets, [lead.id], 'its record fetched before the release');
        await findNode(page, 'button', 'Decline');
      } finally {
        await page.mouse.up();
      }
      await context.close();
    },
  },
  {
    name: 'a lead whose record is gone says it no longer exists; a failed fetch says why and Retry fetches it',
    expects: { status: [404], failedRequests: /engagements\/referrals\/[^?]+ net::ERR_FAILED$/ },
    async run({ browser, server }) {
      const { context, page } = await openWorkspace(browser, server);
      const gone = await pickLead(page, server, receivedMarketplace);
      const recordUrl = (id) => server.url + kListPath + '/' + encodeURIComponent(id);
      await page.route(recordUrl(gone.id), (route) => route.fulfill({
        status: 404, contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'itemNotFound', message: 'not found' } }) }));
      await openLead(page, gone, { detail: 'missing' });
      await waitForNode(page, 'alert', (node) => node.value === 'missing' && node.name === 'This lead no longer exists.', 'missing alert');
      await page.unroute(recordUrl(gone.id));

      const other = (await apiLeads(server)).find((lead) => receivedMarketplace(lead) && lead.id !== gone.id);
      await page.route(recordUrl(other.id), (route) => route.abort('failed'));
      await openLead(page, other, { detail: 'failed' });
      await waitForNode(page, 'alert', (node) => node.value === 'failed', 'failure alert');
      await page.unroute(recordUrl(other.id));
      await pressButton(page, 'Retry');
      await waitForApp(page, (app) => app.selected === other.id && app.detail === 'ready', { what: 'record after Retry' });
      await findNode(page, 'button', 'Decline');
      await context.close();
    },
  },
]);
