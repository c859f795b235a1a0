// Helpers shared by the workspace_* browser tests: a server per file, the API as a second client, finding and
// opening leads, and filling the app's forms. Named *.test.mjs only so it sits with the files these tests own;
// it has no tests of its own.
import { appFacts, findNode, findNodes, openApp, press, startServer, waitForApp } from './harness.mjs';

export const tests = [];

export const kViewport = { width: 1280, height: 800 };

// Browser contexts a test opened: closed after it even when it fails half-way, so a failed test's page does not
// keep drawing (and taking CPU from the next tests).
const openContexts = new Set();

export function track(context) {
  openContexts.add(context);
  context.on('close', () => openContexts.delete(context));
  return context;
}

export async function closeTrackedContexts() {
  for (const context of [...openContexts]) await context.close().catch(() => {});
  openContexts.clear();
}
const kReferrals = '/v1.0/engagements/referrals';

// One server for the tests of a file that do not interfere: the first test starts it, each later one re-seeds it
// (which also clears faults), and the last test that will run under E2E_ONLY stops it.
export function withSharedServer(options, list) {
  const only = process.env.E2E_ONLY || '';
  const running = list.filter((test) => !only || test.name.includes(only));
  const last = running[running.length - 1];
  let server = null;
  return list.map((test) => ({
    name: test.name,
    async run(context) {
      try {
        if (!server) server = await startServer(options);
        else await server.mock('POST', '/_mock/reset', { seed: options.seed ?? 7, leads: options.leads ?? 60 });
        await test.run({ ...context, server });
      } finally {
        await closeTrackedContexts();
        if (test === last && server) {
          await server.stop();
          server = null;
        }
      }
    },
  }));
}

// A fresh browser context (its own IndexedDB and localStorage) with the app loaded. `role` signs in with another
// role: the app asks /dev/token without one, so the request is pointed at the same endpoint with ?role=.
export async function openWorkspace(browser, server, { role, viewport = kViewport } = {}) {
  const context = track(await browser.newContext({ viewport, locale: 'en-US' }));
  if (role)
    await context.route('**/dev/token', (route) =>
      route.continue({ url: server.url + '/dev/token?role=' + encodeURIComponent(role) }));
  const { page, problems } = await openApp(context, server);
  return { context, page, problems };
}

// [SECTION] the API as a second client ----------------------------------------------------------

export async function apiToken(server, role) {
  const response = await fetch(server.url + '/dev/token' + (role ? '?role=' + encodeURIComponent(role) : ''));
  if (!response.ok) throw new Error('dev token: ' + response.status);
  return (await response.json()).token;
}

export async function apiLeads(server) {
  const token = await apiToken(server);
  const leads = [];
  let url = server.url + kReferrals + '?$top=1000';
  while (url) {
    const response = await fetch(url, { headers: { Authorization: 'Bearer ' + token } });
    if (!response.ok) throw new Error('list: ' + response.status + ' ' + (await response.text()));
    const page = await response.json();
    leads.push(...page.value);
    url = page['@odata.nextLink'] || '';
  }
  return leads;
}

export async function apiLead(server, id) {
  const token = await apiToken(server);
  const response = await fetch(server.url + kReferrals + '/' + encodeURIComponent(id),
                               { headers: { Authorization: 'Bearer ' + token } });
  if (!response.ok) throw new Error(`get ${id}: ${response.status} ${await response.text()}`);
  return { lead: await response.json(), etag: response.headers.get('ETag') };
}

export async function apiPatch(server, id, operations, etag) {
  const token = await apiToken(server);
  const headers = { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' };
  if (etag) headers['If-Match'] = etag;
  const response = await fetch(server.url + kReferrals + '/' + encodeURIComponent(id),
                               { method: 'PATCH', headers, body: JSON.stringify(operations) });
  return { status: response.status, text: await response.text() };
}

export async function outbox(server) {
  return (await server.mock('GET', '/_mock/outbox')).value;
}

// [SECTION] what a lead is --------------------------------------------------------------------------

export function stageOf(lead) {
  if (lead.status === 'Active') return 'accepted';
  if (lead.status === 'Closed') return 'archived';
  return 'received';
}

export function isMarketplace(lead) {
  return lead.direction === 'Incoming' && lead.type === 'Independent' && lead.qualification === 'Direct';
}

export function isQualified(lead) {
  return lead.direction === 'Incoming' && lead.type === 'Independent' &&
         ['MarketingQualified', 'SalesQualified'].includes(lead.qualification) &&
         lead.inviteContext?.invitedBy?.organizationId === 'msft';
}

// An accepted lead whose edit form is valid as it opens (value, currency and a purchase date still ahead).
export function isCleanAccepted(lead) {
  return stageOf(lead) === 'accepted' && lead.details?.dealValue != null && lead.details?.currency &&
         lead.details?.closingDateTime && Date.parse(lead.details.closingDateTime) > Date.now() + 86400000;
}

// The app's search folding, as JavaScript: Turkish dotted and dotless i fold to "i", diacritics go, case goes.
export function fold(text) {
  return String(text).replace(/[İIı]/g, 'i').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/\s+/g, ' ');
}

export function searchText(lead) {
  const parts = [lead.customerProfile?.name, lead.name];
  for (const member of lead.customerProfile?.team || [])
    parts.push(`${member.firstName} ${member.lastName}`, member.email, member.phoneNumber,
               String(member.phoneNumber || '').replace(/\D/g, ''));
  parts.push(lead.customerProfile?.address?.city, lead.details?.notes, lead.inviteContext?.notes);
  return fold(parts.filter(Boolean).join('\u0001'));
}

// [SECTION] rows and leads on screen ------------------------------------------------------------------

// Rows whose middle is on screen above the table's horizontal scroll bar: those can be clicked.
export async function clickableRows(page) {
  const height = page.viewportSize().height;
  return (await findNodes(page, 'row')).filter((row) => row.rect.y + row.rect.height <= height - 24);
}

// Clicks a row on its customer cell, away from the heart and the flame; `ctrl` marks it instead of opening it.
export async function pressRow(page, row, { ctrl = false } = {}) {
  const x = row.rect.x + 120;
  const y = row.rect.y + row.rect.height / 2;
  await page.mouse.move(x, y);
  if (ctrl) await page.keyboard.down('Control');
  try {
    await page.mouse.click(x, y);
  } finally {
    if (ctrl) await page.keyboard.up('Control');
  }
}

export async function showTab(page, tab) {
  const index = ['marketplace', 'qualified', 'favorites'].indexOf(tab);
  if ((await appFacts(page)).tab === tab) return;
  const tabs = await findNodes(page, 'tab');
  await press(page, tabs[index]);
  await waitForApp(page, (app) => app.tab === tab, { what: 'tab ' + tab });
}

// Opens a lead's detail: a click on its row if it is on screen, else after searching its customer's name.
export async function openLead(page, lead) {
  await showTab(page, isQualified(lead) ? 'qualified' : 'marketplace');
  let row = (await clickableRows(page)).find((node) => node.value === lead.id);
  if (!row) {
    // The customer's name is shorter to type than the deal name; several rows may match, the lead is among them.
    const search = (await findNodes(page, 'textbox')).find((node) => ['Search leads', 'Müşteri ara'].includes(node.name));
    await fillNode(page, search, lead.customerProfile.name);
    const start = Date.now();
    while (!row && Date.now() - start < 5000) {
      row = (await clickableRows(page)).find((node) => node.value === lead.id);
      if (!row) await page.waitForTimeout(50);
    }
    if (!row) throw new Error('lead not found by searching its customer: ' + lead.customerProfile.name);
  }
  await pressRow(page, row);
  await waitForApp(page, (app) => app.selected === lead.id, { what: 'lead selected' });
}

// The first lead (API object) with a clickable row on screen that satisfies `predicate`, else any such lead.
export async function pickLead(page, server, predicate) {
  const leads = await apiLeads(server);
  const byId = new Map(leads.map((lead) => [lead.id, lead]));
  for (const row of await clickableRows(page)) {
    const lead = byId.get(row.value);
    if (lead && predicate(lead)) return lead;
  }
  const lead = leads.find((candidate) => (isMarketplace(candidate) || isQualified(candidate)) && predicate(candidate));
  if (!lead) throw new Error('no lead fits the test');
  return lead;
}

export const receivedMarketplace = (lead) => isMarketplace(lead) && stageOf(lead) === 'received';

// [SECTION] forms ---------------------------------------------------------------------------------------

export async function pressButton(page, name) {
  const button = await findNode(page, 'button', name);
  if (button.disabled) throw new Error(`button ${name} is disabled: ${button.value}`);
  await press(page, button);
}

// Types like the harness's typeText (each character a real key event carrying its text, Turkish letters too), but
// sends the events without waiting for each to be handled: on a busy machine a round trip per key costs seconds.
// The browser still delivers them in order.
export async function typeQuickly(page, text) {
  const session = await page.context().newCDPSession(page);
  try {
    const sent = [];
    for (const ch of text) {
      sent.push(session.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, unmodifiedText: ch }));
      sent.push(session.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch }));
    }
    await Promise.all(sent);
  } finally {
    await session.detach();
  }
}

// Replaces a text field's content and waits until the app shows the new value.
export async function fillNode(page, node, text) {
  await press(page, node);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await typeQuickly(page, text);
  // An empty value is left out of the node.
  await waitForNode(page, 'textbox', (other) => other.name === node.name && (other.value ?? '') === text,
                    `${node.name} = "${text}"`);
}

export async function fill(page, label, text) {
  await fillNode(page, await findNode(page, 'textbox', label), text);
}

export async function waitForNode(page, role, match, what, { timeout = 10000 } = {}) {
  try {
    return await findNode(page, role, match, { timeout });
  } catch (error) {
    throw new Error(`waiting for ${role} ${what}: ${error.message}`);
  }
}

export async function waitForToast(page, text) {
  return waitForNode(page, 'status', (node) => node.value === 'toast' && node.name === text, `toast "${text}"`,
                     { timeout: 15000 });
}

export async function noNode(page, role, match) {
  const test = typeof match === 'function' ? match : (node) => node.name === match;
  return !(await findNodes(page, role)).some(test);
}

// The currency combo draws its options as ImGui selectables without semantics: they sit one row (21 px) apart
// right under the combo, in this order.
export async function pickCurrency(page, code) {
  const combo = await findNode(page, 'combobox', 'Currency');
  await press(page, combo);
  await page.waitForTimeout(150);
  const index = ['TRY', 'USD', 'EUR', 'GBP'].indexOf(code);
  const x = combo.rect.x + 20;
  const y = combo.rect.y + combo.rect.height + 7 + 21 * index + 10;
  await page.mouse.move(x, y);
  await page.mouse.click(x, y);
  await waitForNode(page, 'combobox', (node) => node.name === 'Currency' && node.value === code, 'Currency = ' + code);
}

// A node whose rectangle has settled: a popup's first frame is laid out before ImGui places it.
export async function settledNode(page, role, match) {
  let previous = await findNode(page, role, match);
  for (;;) {
    await page.waitForTimeout(80);
    const node = await findNode(page, role, match);
    if (JSON.stringify(node.rect) === JSON.stringify(previous.rect)) return node;
    previous = node;
  }
}

export async function pickReason(page, reason) {
  await press(page, await findNode(page, 'combobox', 'Reason'));
  await press(page, await settledNode(page, 'option', reason));
  return (await waitForNode(page, 'combobox', (node) => node.name === 'Reason' && node.value, 'Reason chosen')).value;
}

// Records the method and URL of every write the page sends.
export function watchWrites(page) {
  const writes = [];
  page.on('request', (request) => {
    if (['PATCH', 'POST', 'PUT', 'DELETE'].includes(request.method())) writes.push(`${request.method()} ${request.url()}`);
  });
  return writes;
}

export async function stageLine(page) {
  return waitForNode(page, 'status', (node) => node.value?.startsWith('stage.'), 'stage line');
}

// YYYY-MM-DD of the wire date-time, as the forms and the API both use.
export const dayOf = (iso) => (iso ? String(iso).slice(0, 10) : '');
