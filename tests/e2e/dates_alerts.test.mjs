// Dates the user's way and alerts in the background, in a real browser against a live server-mock:
// - in Turkish, 31.03.2031 typed into the accept form is taken and the server records 2031-03-31; a past day is
//   refused with its reason and nothing is sent;
// - the calendar beside the field, by keyboard only: open, arrows, Page Down, Enter fills the field; Esc gives
//   focus back to the field; a past day is disabled with the reason;
// - alerts: with notifications granted to the context and the page hidden, a new flame lead brought by a poll
//   raises one notification naming its customer, the tab title counts it, a click opens the lead; when the
//   browser denies the request made from "Turn on alerts", the settings say so and nothing is raised.
// Playwright's context.grantPermissions grants; it cannot deny, and CDP's Browser.setPermission "denied" did not
// reach the page of a Playwright context here, so the denied case uses the real request, which this headless
// Chromium (no prompt to show) answers with "denied".
// The page is made hidden by an init script that overrides document.visibilityState and fires visibilitychange:
// in this headless Chromium every page stays "visible" (another page brought to the front does not hide it, and
// CDP's Emulation.setFocusEmulationEnabled only fakes focus), so the override is what reaches the app's listener.
// The same init script records every `new Notification(…)` instead of showing it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { apiLead, apiLeads, appFacts, assert, assertEqual, fill, findNode, openApp, openForm, pressButton, root,
         track, waitForApp, waitForNode, waitForToast, watchWrites, withSharedServer } from './harness.mjs';

// The merged texts of a language, as the app merges assets/i18n/<lang>*.json: the test follows the wording.
function texts(language) {
  const dir = path.join(root, 'assets/i18n');
  const merged = {};
  for (const name of readdirSync(dir).sort())
    if (name.startsWith(language + '.') && name.endsWith('.json'))
      Object.assign(merged, JSON.parse(readFileSync(path.join(dir, name), 'utf8')));
  return (key) => {
    if (!(key in merged)) throw new Error(`no ${language} text for ${key}`);
    return merged[key];
  };
}
const tr = texts('tr');
const en = texts('en');

const pad = (n) => String(n).padStart(2, '0');
const turkishDay = (date) => `${pad(date.getUTCDate())}.${pad(date.getUTCMonth() + 1)}.${date.getUTCFullYear()}`;
// "31 Mart 2031 Pazartesi": a calendar cell's accessible name in Turkish.
const turkishName = (date) => `${date.getUTCDate()} ${tr('dates.month.' + (date.getUTCMonth() + 1))} ` +
  `${date.getUTCFullYear()} ${tr('dates.weekday.' + ((date.getUTCDay() + 6) % 7))}`;
const addDays = (date, days) => new Date(date.getTime() + days * 86400000);
function addMonth(date) {
  const next = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
  const last = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(date.getUTCDate(), last));
  return next;
}

// A received marketplace lead whose deal value and currency are known, so the accept form needs only its date.
async function newLead(server, customer, { flame = false } = {}) {
  await server.mock('POST', '/_mock/referrals', {
    name: 'Bulut geçişi — ' + customer, qualification: 'Direct',
    customerProfile: { name: customer, address: { city: 'İzmir', country: 'TR' },
                       team: [{ firstName: 'Ece', lastName: 'Kaya', email: 'ece@example.com.tr', phoneNumber: '+90 232 555 01 01' }] },
    details: { notes: 'Teklif bekliyor.', dealValue: 12500, currency: 'TRY', customerRequestedContact: flame },
  });
  const lead = (await apiLeads(server)).find((one) => one.customerProfile.name === customer);
  if (!lead) throw new Error('the new lead is not listed: ' + customer);
  return lead;
}

async function turkishWorkspace(browser, server) {
  const context = track(await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'tr-TR' }));
  const { page } = await openApp(context, server);
  await waitForApp(page, (app) => app.language === 'tr', { what: 'the Turkish UI' });
  return { context, page };
}

async function openAccept(page, lead) {
  await openForm(page, lead, tr('action.accept'), tr('form.accept_title'));
}

// Focus moved by the app to the mirror element of a node (the page's document.activeElement).
async function focusedKey(page) {
  return page.evaluate(() => document.activeElement?.dataset?.key || '');
}

async function focusNode(page, node) {
  await page.focus(`[data-key="${node.key.replace(/"/g, '\\"')}"]`);
}

async function cursorCell(page) {
  return waitForNode(page, 'gridcell', (node) => node.focused, 'the calendar cursor');
}

// Records notifications instead of showing them, and lets the test hide the page (see the file comment).
function recordNotificationsAndVisibility() {
  window.__notifications = [];
  const Real = window.Notification;
  class Recorded {
    constructor(title, options = {}) {
      this.title = title;
      Object.assign(this, options);
      window.__notifications.push(this);
    }
    close() { this.closed = true; }
    static get permission() { return Real.permission; }
    static requestPermission() { return Real.requestPermission(); }
  }
  window.Notification = Recorded;
  let hidden = false;
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
  window.__setHidden = (value) => {
    hidden = value;
    document.dispatchEvent(new Event('visibilitychange'));
  };
}

async function alertsWorkspace(browser, server, permission) {
  const context = track(await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' }));
  // Granted by Playwright; otherwise the permission is not decided yet ("default"), and this headless Chromium, which
  // has no prompt to show, answers the app's request with "denied" (as a user who blocks notifications would).
  if (permission === 'granted') await context.grantPermissions(['notifications'], { origin: server.url });
  await context.addInitScript(recordNotificationsAndVisibility);
  const { page } = await openApp(context, server);
  await pressButton(page, en('settings.button'));
  await waitForApp(page, (app) => app.alerts.settingsOpen && app.alerts.permission ===
                   'alerts.permission.' + (permission === 'granted' ? 'granted' : 'default'),
                   { what: 'the settings with the browser permission read' });
  return { context, page };
}

// Hides the page, adds a lead on the server and waits for the poll that brings it (the app's 30 s poll timer).
async function newLeadWhileHidden(page, server, customer) {
  await page.evaluate(() => window.__setHidden(true));
  await waitForApp(page, (app) => app.alerts.hidden, { what: 'the app knows the page is hidden' });
  const lead = await newLead(server, customer, { flame: true });
  await waitForApp(page, (app) => app.alerts.unseen >= 1, { what: 'a poll brought the new lead', timeout: 60000 });
  return lead;
}

export const tests = withSharedServer({ leads: 40, seed: 11 }, [
  {
    name: 'in Turkish, 31.03.2031 typed into the accept form is taken and the server records 2031-03-31; a past day is refused with the reason',
    async run({ browser, server }) {
      const lead = await newLead(server, 'Deniz Tekstil A.Ş.');
      const { context, page } = await turkishWorkspace(browser, server);
      const writes = watchWrites(page);
      await openAccept(page, lead);
      const field = tr('dates.closing_date_label');

      await fill(page, field, '01.01.2020');
      await pressButton(page, tr('form.next'));
      await waitForNode(page, 'alert', (node) => node.value === 'closing_date' && node.name === tr('dates.in_past'), 'the past-date reason');
      await fill(page, field, '31.02.2031');
      await waitForNode(page, 'alert', (node) => node.value === 'closing_date' && node.name === tr('dates.not_a_date'), 'not a date');
      assertEqual(writes, [], 'a refused date sends nothing');

      await fill(page, field, '31.03.2031');
      await waitForApp(page, (app, nodes) => !nodes.some((node) => node.role === 'alert' && node.value === 'closing_date'),
                       { what: 'the date is taken' });
      assertEqual((await findNode(page, 'textbox', field)).value, '31.03.2031', 'the field keeps what was typed');
      await pressButton(page, tr('form.next'));
      await waitForToast(page, tr('toast.accepted'));
      const stored = (await apiLead(server, lead.id)).lead;
      assertEqual([stored.status, stored.substatus], ['Active', 'Accepted'], 'accepted on the server');
      assertEqual(stored.details.closingDateTime.slice(0, 10), '2031-03-31', 'closingDateTime in ISO');
      assertEqual(writes.length, 1, 'one write');
      await context.close();
    },
  },
  {
    name: 'the calendar by keyboard only: open, arrows, Page Down and Enter fill the field; Esc returns to the field; past days are disabled with the reason',
    async run({ browser, server, out }) {
      const lead = await newLead(server, 'Ege Lojistik Ltd.');
      const { context, page } = await turkishWorkspace(browser, server);
      await openAccept(page, lead);
      const field = tr('dates.closing_date_label');
      const opener = await findNode(page, 'button', tr('dates.open_calendar'));
      await focusNode(page, opener);
      await page.keyboard.press('Enter');
      await waitForNode(page, 'grid', tr('dates.calendar'), 'the calendar');
      // It opens on today (the field is empty and accepting takes no earlier day); focus is on that day.
      const start = await cursorCell(page);
      const now = new Date();
      const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      assertEqual(start.name, turkishName(today), 'the cursor starts on today');
      await waitUntilFocused(page, start.key);
      const weekdays = Array.from({ length: 7 }, (_, i) => tr('dates.weekday.' + i));
      const headers = (await page.evaluate(() => window.leadsSemantics.nodes.filter((n) => n.role === 'columnheader').map((n) => n.name)))
        .filter((name) => weekdays.includes(name));
      assertEqual(headers, weekdays, 'weeks start on Monday in Turkish');

      // Yesterday cannot be picked: disabled, with the reason.
      await page.keyboard.press('ArrowLeft');
      const yesterday = await waitForNode(page, 'gridcell', (node) => node.focused && node.name === turkishName(addDays(today, -1)), 'yesterday');
      assert(yesterday.disabled && yesterday.description === tr('dates.in_past'), 'yesterday is disabled with the reason');
      await waitForNode(page, 'status', tr('dates.in_past'), 'the reason under the calendar');

      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('PageDown');
      const wanted = addMonth(addDays(today, 8));
      const cursor = await waitForNode(page, 'gridcell', (node) => node.focused && node.name === turkishName(wanted), 'the moved cursor');
      await waitUntilFocused(page, cursor.key);
      await page.screenshot({ path: path.join(out, 'calendar-tr.png') });
      await page.keyboard.press('Enter');
      await waitForNode(page, 'textbox', (node) => node.name === field && node.value === turkishDay(wanted), 'the picked date in the field');
      await waitForApp(page, (app, nodes) => !nodes.some((node) => node.role === 'grid' && node.name === tr('dates.calendar')),
                       { what: 'the calendar closed' });
      const fieldNode = await findNode(page, 'textbox', field);
      await waitUntilFocused(page, fieldNode.key);

      // Esc closes it and gives focus back to the field.
      await focusNode(page, await findNode(page, 'button', tr('dates.open_calendar')));
      await page.keyboard.press('Enter');
      const again = await cursorCell(page);
      assertEqual(again.name, turkishName(wanted), 'it opens on the typed day');
      await waitUntilFocused(page, again.key);
      await page.keyboard.press('Escape');
      await waitForApp(page, (app, nodes) => !nodes.some((node) => node.role === 'gridcell' && node.focused), { what: 'the calendar closed' });
      await waitUntilFocused(page, fieldNode.key);
      assertEqual((await findNode(page, 'heading', tr('form.accept_title'))).name, tr('form.accept_title'), 'the form stays open');
      await context.close();
    },
  },
  {
    name: 'alerts: granted and hidden, a new flame lead from a poll raises one notification with its customer, the title counts it, a click opens it',
    async run({ browser, server }) {
      const { context, page } = await alertsWorkspace(browser, server, 'granted');
      assert(!(await appFacts(page)).alerts.enabled, 'off by default');
      await pressButton(page, en('alerts.turn_on'));
      await waitForApp(page, (app) => app.alerts.enabled, { what: 'alerts on' });
      await page.reload();  // kept for this user in the browser
      await waitForApp(page, (app) => app.load === 'loaded' && app.alerts.enabled, { what: 'still on after a reload' });
      const lead = await newLeadWhileHidden(page, server, 'Kuzey Enerji A.Ş.');
      await waitForApp(page, (app) => app.alerts.raised === 1, { what: 'one notification raised' });
      const shown = await page.evaluate(() => window.__notifications.map((n) => ({ title: n.title, body: n.body, tag: n.tag })));
      assertEqual(shown.length, 1, 'one notification');
      assert(shown[0].title.includes('Kuzey Enerji A.Ş.') && shown[0].body.includes('Kuzey Enerji A.Ş.'), 'it names the customer: ' + JSON.stringify(shown[0]));
      assertEqual(shown[0].tag, lead.id, 'tagged with the lead id');
      await waitForApp(page, (app) => app.alerts.title.startsWith('(1) '), { what: 'the title counts the new lead' });
      assertEqual(await page.title(), (await appFacts(page)).alerts.title, 'the tab shows it');

      await page.evaluate(() => { window.__setHidden(false); window.__notifications[0].onclick(); });
      await waitForApp(page, (app) => app.selected === lead.id, { what: 'the click opened the lead' });
      await waitForApp(page, (app) => !app.alerts.title.startsWith('('), { what: 'the title is itself again once seen' });
      await context.close();
    },
  },
  {
    name: 'alerts: denied, the settings say so and a new lead raises nothing',
    async run({ browser, server }) {
      const { context, page } = await alertsWorkspace(browser, server, 'undecided');
      await waitForNode(page, 'status', (node) => node.name.includes(en('alerts.permission.default')), 'the undecided state');
      await pressButton(page, en('alerts.turn_on'));  // the request, from this click: the browser says no
      await waitForApp(page, (app) => app.alerts.permission === 'alerts.permission.denied', { what: 'the answer: denied' });
      await waitForNode(page, 'status', (node) => node.name.includes(en('alerts.permission.denied')), 'the denied state said');
      const turnOn = await findNode(page, 'button', en('alerts.turn_on'));
      assert(turnOn.disabled && turnOn.description === en('alerts.permission.denied'), 'Turn on is disabled with the reason');
      await newLeadWhileHidden(page, server, 'Güney Gıda Ltd.');
      const facts = await appFacts(page);
      assertEqual([facts.alerts.enabled, facts.alerts.raised], [false, 0], 'nothing raised');
      assertEqual(await page.evaluate(() => window.__notifications.length), 0, 'no Notification made');
      await context.close();
    },
  },
]);

async function waitUntilFocused(page, key) {
  await page.waitForFunction((wanted) => document.activeElement?.dataset?.key === wanted, key, { timeout: 10000 })
    .catch(async () => { throw new Error(`focus is on ${await focusedKey(page)}, not ${key}`); });
}
