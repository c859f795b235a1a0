// The client when the server is hostile or failing, in a real browser against server-mock: one stored lead the
// client cannot read among good ones, a 503 storm hitting two clients at once, and Retry-After given as an HTTP date.
import { apiLeads, appFacts, assert, assertEqual, findNode, kListPath, openApp, openLead, startServer, waitForApp, waitForNode, waitUntil,
         watchListRequests } from './harness.mjs';

const kViewport = { width: 1280, height: 800 };
const kCapMs = 8000;        // RetryPolicy::cap_ms: no wait between attempts is longer
const kMaxAttempts = 5;     // RetryPolicy::max_attempts, the first try included

// A lead whose customer contact carries an unknown property nested `levels` deep: stored through the test-mode
// route that skips the API's write limits, as data written before those limits existed would be.
function deepLead(id, levels) {
  let nested = '1';
  for (let i = 0; i < levels; i++) nested = `{"k":${nested}}`;
  const created = new Date(Date.now() - 60000).toISOString();
  return `{"id":"${id}","status":"New","substatus":"Received","type":"Independent","direction":"Incoming",` +
         `"qualification":"Direct","name":"Unreadable","createdDateTime":"${created}","updatedDateTime":"${created}",` +
         `"customerProfile":{"name":"Derin Müşteri","team":[{"firstName":"Ayşe","extra":${nested}}]}}`;
}

async function storeRaw(server, text) {
  const response = await fetch(server.url + '/_mock/raw-referrals', { method: 'POST', body: text,
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + process.env.LEADS_MOCK_TEST_TOKEN } });
  assert(response.status === 201, 'stored the raw lead: ' + response.status + ' ' + await response.text());
}

async function newClient(browser) {
  return browser.newContext({ viewport: kViewport, locale: 'en-US' });
}

// The time between one try and the next, as the browser stamped each request when it sent it: when this process hears
// of a request depends on how busy the machine is, and a late first one would shorten the gap.
function gaps(requests) {
  const out = [];
  const sentAt = (seen) => seen.request.timing().startTime;
  for (let i = 1; i < requests.length; i++) out.push(Math.round(sentAt(requests[i]) - sentAt(requests[i - 1])));
  return out;
}

export const tests = [
  {
    name: 'one stored lead too deep to read costs only itself: the list (its list fields) shows every lead, and opening it says it cannot be read',
    async run({ browser }) {
      const server = await startServer({ leads: 60, seed: 5 });
      const context = await newClient(browser);
      try {
        await storeRaw(server, deepLead('unreadable-deep-lead', 40));
        const { page } = await openApp(context, server, { waitFor: 'none' });
        const { app } = await waitForApp(page, (facts) => facts.load === 'loaded' || facts.load === 'failed',
                                         { what: 'the list loaded or failed' });
        assertEqual(app.load, 'loaded', 'the page with the bad lead is not refused as a whole');
        // The list asks only for list fields ($select): the too-deep part is not among them.
        assertEqual(app.leads, 61, 'every lead of the page is listed');
        const deep = (await apiLeads(server)).find((lead) => lead.id === 'unreadable-deep-lead');
        await openLead(page, deep, { detail: 'failed' });
        await waitForNode(page, 'alert', (node) => node.value === 'failed', 'the full record cannot be read');
      } finally {
        await context.close();
        await server.stop();
      }
    },
  },
  {
    name: 'list pages larger than the client reads are asked for in halves until they fit, and every lead loads',
    expects: { failedRequests: /engagements\/referrals\?\$top=\d+.* net::ERR_ABORTED$/ },  // the client stops reading each too large page
    async run({ browser }) {
      const server = await startServer({ leads: 40, seed: 5 });
      const context = await newClient(browser);
      try {
        // Five answers in a row far larger than a page may be: as many tries as a retry of the same page would get.
        await server.mock('POST', '/_mock/faults', [{ method: 'GET', pathPrefix: kListPath, body: 'oversized', times: 5 }]);
        const page = await context.newPage();
        const seen = watchListRequests(page);
        await page.goto(server.url + '/');
        const { app } = await waitForApp(page, (facts) => facts.load === 'loaded' || facts.load === 'failed',
                                         { what: 'the list loaded or failed', timeout: 60000 });
        assertEqual(app.load, 'loaded', 'oversized pages do not fail the load');
        assertEqual(app.leads, 40, 'every lead');
        const tops = seen.slice(0, 6).map((request) => new URL(request.url).searchParams.get('$top'));
        assertEqual(tops, ['1000', '500', '250', '125', '62', '31'], 'each oversized page asked for again in halves');
      } finally {
        await context.close();
        await server.stop();
      }
    },
  },
  {
    name: 'under a 503 storm two clients retry with jitter, not in lock-step, and both recover within one backoff cap',
    expects: { status: [503] },
    async run({ browser }) {
      const server = await startServer({ leads: 40, seed: 6 });
      const contexts = [await newClient(browser), await newClient(browser)];
      try {
        await server.mock('POST', '/_mock/faults', [{ method: 'GET', pathPrefix: kListPath, status: 503, times: -1 }]);
        const pages = [await contexts[0].newPage(), await contexts[1].newPage()];
        const seen = pages.map(watchListRequests);
        await Promise.all(pages.map((page) => page.goto(server.url + '/')));
        // Four tries each (the first and three retries), then the storm ends.
        await waitUntil(pages[0], () => seen[0].length >= 4 && seen[1].length >= 4, 'four tries by each client');
        await server.mock('DELETE', '/_mock/faults');
        await Promise.all(pages.map((page) => waitForApp(page, (app) => app.load === 'loaded', { what: 'recovered' })));
        for (const requests of seen) assert(requests.length <= kMaxAttempts, `at most ${kMaxAttempts} tries: ${requests.length}`);
        const measured = seen.map((requests) => gaps(requests.slice(0, 4)));
        const plans = await Promise.all(pages.map(async (page) => (await appFacts(page)).retryWaits));
        const backoffs = [1000, 2000, 4000];
        plans.forEach((plan, client) => {
          assert(plan.length >= 3, `three waits scheduled by client ${client + 1}: ${plan}`);
          // Recovery comes within one backoff cap of the storm's end: no wait the client planned is longer.
          assert(plan.every((wait) => wait <= kCapMs), `client ${client + 1}'s waits within the cap: ${plan}`);
          // Each wait is drawn in [b/2, b], and the client really waits it: a retry never leaves early. (How much
          // later it leaves is the machine's business, not the client's: no upper bound on a clock.)
          plan.slice(0, 3).forEach((wait, i) => {
            assert(wait >= backoffs[i] / 2 && wait <= backoffs[i], `wait ${i + 1} planned ${wait} ms, in [b/2, b]`);
            const gap = measured[client][i];
            assert(gap >= wait - 50, `client ${client + 1} waited ${gap} ms for a planned ${wait}`);
          });
        });
        // Not in lock-step: each client drew its own jitter. The waits they scheduled (to the millisecond, free of
        // the network's noise) are all alike only by a chance of about one in a billion.
        assert(JSON.stringify(plans[0].slice(0, 3)) !== JSON.stringify(plans[1].slice(0, 3)),
               `the two clients' waits differ (not lock-step): ${plans[0]} vs ${plans[1]}`);
      } finally {
        for (const context of contexts) await context.close();
        await server.stop();
      }
    },
  },
  {
    name: 'a storm that does not end stops after a bounded number of tries and says the service is unavailable',
    expects: { status: [503] },
    async run({ browser }) {
      const server = await startServer({ leads: 20, seed: 6 });
      const context = await newClient(browser);
      try {
        await server.mock('POST', '/_mock/faults', [{ method: 'GET', pathPrefix: kListPath, status: 503, times: -1 }]);
        const page = await context.newPage();
        const seen = watchListRequests(page);
        await page.goto(server.url + '/');
        const { app } = await waitForApp(page, (facts) => facts.load === 'failed', { what: 'the load gave up', timeout: 40000 });
        assertEqual(app.error && app.error.kind, 'error.unavailable', 'the reason');
        assertEqual(seen.length, kMaxAttempts, 'tries of the first page');
        await findNode(page, 'alert', 'The leads service is unavailable right now.');
      } finally {
        await context.close();
        await server.stop();
      }
    },
  },
  {
    name: 'a 503 whose Retry-After is an HTTP date is retried no earlier than that date',
    expects: { status: [503] },
    async run({ browser }) {
      const server = await startServer({ leads: 20, seed: 6 });
      const context = await newClient(browser);
      try {
        const chosenAt = Date.now();
        const retryAt = Math.ceil((chosenAt + 4000) / 1000) * 1000;  // whole seconds, as HTTP dates are
        await server.mock('POST', '/_mock/faults', [{ method: 'GET', pathPrefix: kListPath, status: 503, times: 1,
                                                      headers: { 'Retry-After': new Date(retryAt).toUTCString() } }]);
        const page = await context.newPage();
        const seen = watchListRequests(page);
        await page.goto(server.url + '/');
        await waitForApp(page, (app) => app.load === 'loaded', { what: 'loaded after the wait', timeout: 40000 });
        assert(seen.length >= 2, 'the first page was retried');
        const retriedAt = seen[1].request.timing().startTime;  // as the browser stamped it: no later than it left
        assert(retriedAt >= retryAt - 50, `retried ${Math.round(retryAt - retriedAt)} ms before the date it was given`);
        // Not much later either: the client plans from the server's Date header (whole seconds, so up to 1 s before
        // the test chose the date) to the date, rounded up to seconds, plus RetryPolicy's spread of a quarter (at
        // least 0.5 s) so that clients told the same date do not all come back at once. A bound on the plan, not on
        // how fast the machine is.
        const askedAtMost = Math.ceil((retryAt - Math.floor(chosenAt / 1000) * 1000) / 1000) * 1000;
        const planAtMost = askedAtMost + Math.max(500, askedAtMost / 4);
        const plan = (await appFacts(page)).retryWaits;
        assert(plan.length >= 1 && plan[0] <= planAtMost, `planned wait ${plan}: until the date, not ${planAtMost} or longer`);
      } finally {
        await context.close();
        await server.stop();
      }
    },
  },
];
