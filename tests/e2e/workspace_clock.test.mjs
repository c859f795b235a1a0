// The lead clocks in a real browser against a live server-mock whose clock the tests move: the flame's two
// states around 72 hours, and expiry after 14 days unanswered. Each test has its own server, as each moves time.
import { apiLead, apiLeads, assert, assertEqual, closeTrackedContexts, findNode, findNodes, noNode, openApp,
         openLead, openWorkspace, outbox, pickLead, pressButton, receivedMarketplace, stageLine, startServer, track,
         waitForNode } from './harness.mjs';

const kHourSeconds = 3600;

async function withOwnServer(body) {
  const server = await startServer({ leads: 40, seed: 3 });
  try {
    return await body(server);
  } finally {
    await closeTrackedContexts();
    await server.stop();
  }
}

// Time passing for the user too: the app reads the browser's clock (Date.now) for countdowns and the flame,
// so the page gets a clock whose offset the test can move along with the server's.
async function movableBrowserClock(context) {
  await context.addInitScript(() => {
    const realNow = Date.now.bind(Date);
    window.__testClockOffsetMs = 0;
    Date.now = () => realNow() + window.__testClockOffsetMs;
  });
}

// Presses Refresh and waits for its answer: the "Up to date" line then names the (moved) time of this sync.
async function refreshed(page) {
  const before = await findNode(page, 'status', (node) => node.name.startsWith('Up to date'));
  await pressButton(page, 'Refresh');
  await waitForNode(page, 'status', (node) => node.name.startsWith('Up to date') && node.name !== before.name, 'refreshed');
}

async function advanceEverything(server, page, seconds) {
  await server.mock('POST', '/_mock/clock', { advanceSeconds: seconds });
  await page.evaluate((ms) => { window.__testClockOffsetMs += ms; }, seconds * 1000);
}

export const tests = [
  {
    name: 'a lead whose customer asked to be contacted shows the contact-now flame, and after 72 hours the still-wanted one',
    async run({ browser }) {
      await withOwnServer(async (server) => {
        const created = await server.mock('POST', '/_mock/referrals', {
          name: 'Acil: Teams telefon geçişi', qualification: 'Direct',
          customerProfile: { name: 'Alev Lojistik A.Ş.', address: { city: 'Bursa', country: 'TR' },
                             team: [{ firstName: 'Deniz', lastName: 'Alev', email: 'deniz@alevlojistik.com.tr' }] },
          details: { customerRequestedContact: true, notes: 'Bizi bugün arayın.' },
        });
        const context = track(await browser.newContext({ viewport: { width: 1280, height: 800 } }));
        await movableBrowserClock(context);
        const { page } = await openApp(context, server);
        await openLead(page, created);
        const now = await waitForNode(page, 'alert', (node) => ['contact-now', 'still-wanted'].includes(node.value), 'flame banner');
        assertEqual(now.value, 'contact-now', 'fresh: contact now');
        assertEqual(now.name, 'The customer asked to be contacted: contact them now.', 'banner text');

        await advanceEverything(server, page, 71 * kHourSeconds);
        await refreshed(page);
        assertEqual((await findNode(page, 'alert', (node) => node.value?.includes('-'))).value, 'contact-now', 'at 71 h: still contact now');

        await advanceEverything(server, page, 2 * kHourSeconds);
        await pressButton(page, 'Refresh');
        const later = await waitForNode(page, 'alert', (node) => node.value === 'still-wanted', 'the 72-hour banner');
        assert(later.name.includes('over 72 hours ago'), 'banner text: ' + later.name);
        assertEqual((await stageLine(page)).value, 'stage.received', 'the lead stays active');
        await findNode(page, 'button', 'Accept');
        await context.close();
      });
    },
  },
  {
    name: 'a lead left unanswered past 14 days shows Archived · Expired after Refresh, with no actions, and the sender is told',
    async run({ browser }) {
      await withOwnServer(async (server) => {
        const { context, page } = await openWorkspace(browser, server);
        const lead = await pickLead(page, server, receivedMarketplace);
        await openLead(page, lead);
        const before = await stageLine(page);
        assert(before.name.includes('left to respond'), 'a countdown before: ' + before.name);

        await server.mock('POST', '/_mock/clock', { advanceSeconds: 15 * 24 * kHourSeconds });
        await pressButton(page, 'Refresh');
        const after = await waitForNode(page, 'status', (node) => node.value === 'stage.archived', 'archived stage line');
        assert(after.name.endsWith('Archived · Expired'), 'stage line: ' + after.name);
        const readOnly = await findNode(page, 'status', (node) => node.value === 'read-only');
        assertEqual(readOnly.name, 'Archived as Expired. No further actions.', 'read-only line');
        assert(await noNode(page, 'button', 'Accept') && await noNode(page, 'button', 'Decline'), 'no Accept or Decline');
        // Every lead that was waiting expired with it; the list says so too.
        const received = (await apiLeads(server)).filter((other) => other.status === 'New');
        assertEqual(received, [], 'nothing is left waiting on the server');
        const stored = (await apiLead(server, lead.id)).lead;
        assertEqual([stored.status, stored.substatus], ['Closed', 'Expired'], 'server stage');
        const notices = (await outbox(server)).filter((entry) => entry.referralId === lead.id).map((entry) => entry.kind);
        assertEqual(notices, ['expired'], 'the sender is told once');
        assert((await findNodes(page, 'row')).length > 0, 'the list still shows the leads');
        await context.close();
      });
    },
  },
];
