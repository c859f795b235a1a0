// The one helper module of the browser tests: starts server-mock and Chromium, watches every page a test opens for
// what a user would call broken, finds widgets through the app's semantics layer (clicks and keys go through the
// real input path at the widget's rectangle) or through Chromium's accessibility tree, and drives the API as a
// second client. Test files (*.test.mjs) import from here; tests/e2e/run.mjs runs them.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

// [SECTION] server-mock -----------------------------------------------------------------------------------------------

// Every server-mock a test starts inherits the test token mock() sends to /_mock/*. Each signs its tokens with the
// RSA keys of its own data folder, as its own issuer (its origin).
process.env.LEADS_MOCK_TEST_TOKEN ||= randomBytes(16).toString('hex');

export const kServerMock = path.join(root, 'build/server-mock/server-mock');

// Runs `server-mock serve <args>` (with --port 0) and resolves once it prints its address; `stop()` ends it. The
// time allowed only catches a server that never starts: seeding 100,000 leads on a loaded machine takes a minute.
export async function spawnServerMock(args) {
  const child = spawn(kServerMock, ['serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const url = await new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('server-mock did not start: ' + log)), 180000);
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(buffer);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server-mock exited (${code}): ${log}`)); });
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on('exit', resolve)));
    },
  };
}

// A test server: the built app, dev sign-in and test mode, seeded data in a folder of its own (removed on stop).
// devSignIn: false makes the app sign in at the server's own OpenID Connect provider (docs/sign-in.md).
export async function startServer({ leads = 60, seed = 7, extraArgs = [], host = '127.0.0.1',
                                    appDir = path.join(root, 'build-wasm/app'), testMode = true, devSignIn = true } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'leads-e2e-'));
  const server = await spawnServerMock(['--host', host, '--db', path.join(dir, 'leads.sqlite'), '--app-dir', appDir,
    ...(devSignIn ? ['--dev-sign-in'] : []), ...(testMode ? ['--test-mode'] : []), '--seed', String(seed), '--leads', String(leads),
    ...extraArgs]).catch((error) => { rmSync(dir, { recursive: true, force: true }); throw error; });
  return {
    url: server.url, dir,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    async mock(method, route, body) {
      const response = await fetch(server.url + route, { method,
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + process.env.LEADS_MOCK_TEST_TOKEN },
        body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
  };
}

// [SECTION] Chromium and what a user would call broken ----------------------------------------------------------------

export const kChromiumArgs = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox', '--disable-gpu',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

export async function launchBrowser() {
  // Playwright gives each launch a fresh, empty profile of its own.
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: kChromiumArgs });
  return { browser, close: () => browser.close() };
}

// Chromium with a profile folder that outlives it, as a user's browser has; its pages are watched like any other.
export async function launchPersistent(userDataDir, options = {}) {
  return watchContext(await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium', args: kChromiumArgs, viewport: { width: 1280, height: 800 }, locale: 'en-US',
    ...options,
  }));
}

// The runner watches every page a test opens (through the browser it hands the test, or launchPersistent) for
// console errors, uncaught exceptions, failed requests and HTTP errors, and fails the test if any turns up that the
// test does not declare in its `expects`: { status: [codes], failedRequests: RegExp over "url error",
// consoleErrors: RegExp }. What happens once a page or context is being closed is not the app's doing.
let watching = null;

export function beginWatching(expects = {}) {
  watching = { problems: [], expects };
}

export function endWatching() {
  const problems = watching ? watching.problems : [];
  watching = null;
  return problems;
}

function report(expected, problem) {
  if (watching && !expected) watching.problems.push(problem);
}

function watchPage(page, isClosing) {
  if (!watching) return;
  const { expects } = watching;
  const statusAllowed = (status) => (expects.status || []).includes(status);
  let closing = false;
  const close = page.close.bind(page);
  page.close = async (...args) => { closing = true; return close(...args); };
  const quiet = () => closing || isClosing();
  // A test's reload or goto cancels what the page had in flight: those requests' aborts are not the app's.
  let navigations = 0;
  const sentDuring = new WeakMap();
  for (const method of ['goto', 'reload', 'goBack', 'goForward']) {
    const navigate = page[method].bind(page);
    page[method] = async (...args) => { navigations++; return navigate(...args); };
  }
  page.on('request', (request) => sentDuring.set(request, navigations));
  const cancelledByTest = (request) =>
    request.failure()?.errorText === 'net::ERR_ABORTED' && sentDuring.get(request) < navigations;
  page.on('console', (message) => {
    if (message.type() !== 'error' || quiet()) return;
    // Chromium echoes a failed or refused request as a console error: it is expected when the request is.
    const text = message.text();
    const status = /^Failed to load resource: the server responded with a status of (\d+)/.exec(text);
    const failed = /^Failed to load resource: (net::\S+)/.exec(text);
    report((status && statusAllowed(Number(status[1]))) ||
           (failed && expects.failedRequests?.test(`${message.location().url} ${failed[1]}`)) ||
           expects.consoleErrors?.test(text), 'console: ' + text);
  });
  page.on('pageerror', (error) => report(quiet(), 'uncaught: ' + error.message));
  page.on('requestfailed', (request) => {
    const what = `${request.url()} ${request.failure()?.errorText}`;
    report(quiet() || cancelledByTest(request) || expects.failedRequests?.test(what), 'request failed: ' + what);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) report(quiet() || statusAllowed(response.status()),
                                         `HTTP ${response.status()}: ${response.url()}`);
  });
}

export function watchContext(context) {
  if (!watching) return context;
  let closing = false;
  const close = context.close.bind(context);
  context.close = async (...args) => { closing = true; return close(...args); };
  for (const page of context.pages()) watchPage(page, () => closing);
  context.on('page', (page) => watchPage(page, () => closing));
  return context;
}

// The browser as a test gets it: every context it makes, and so every page, is watched.
export function watchedBrowser(browser) {
  return new Proxy(browser, {
    get(target, property) {
      if (property === 'newContext') return async (...args) => watchContext(await target.newContext(...args));
      if (property === 'newPage') {
        return async (...args) => {
          const context = watchContext(await target.newContext(...args));
          const page = await context.newPage();
          page.on('close', () => context.close().catch(() => {}));
          return page;
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

// [SECTION] the app's published state and widgets ---------------------------------------------------------------------

export async function semanticsOf(page) {
  return page.evaluate(() => window.leadsSemantics || { nodes: [], app: {} });
}

export async function appFacts(page) {
  return (await semanticsOf(page)).app;
}

// Waits until the app's published facts satisfy `predicate` (facts => bool).
export async function waitForApp(page, predicate, { timeout = 30000, what = 'app state' } = {}) {
  const start = Date.now();
  let last;
  while (Date.now() - start < timeout) {
    last = await semanticsOf(page);
    // Until the app has published its first facts, `app` is empty: a predicate is not asked about nothing.
    const published = last.app && Object.keys(last.app).length > 0;
    if (published && predicate(last.app, last.nodes || [])) return last;
    await page.waitForTimeout(50);
  }
  throw new Error(`timed out waiting for ${what}; last facts: ${JSON.stringify(last && last.app)}`);
}

export async function findNode(page, role, match, { timeout = 10000 } = {}) {
  const test = typeof match === 'function' ? match : (node) => node.name === match;
  const start = Date.now();
  while (Date.now() - start < timeout) {
    const { nodes } = await semanticsOf(page);
    const found = (nodes || []).find((node) => node.role === role && test(node));
    if (found) return found;
    await page.waitForTimeout(50);
  }
  throw new Error(`no ${role} matching ${match} on screen`);
}

// Waits until the app's loop has paused (data-loop on the canvas): its last frame drew every input that came
// before, so the positions it published are where the widgets are now (after a swipe, say).
export async function waitForLoopAtRest(page) {
  await page.waitForFunction(() => document.getElementById('canvas').dataset.loop === 'paused', null, { polling: 50 });
}

// The colours of what the page shows in `clip` (CSS px), as [r, g, b] row by row: read from a screenshot, so a
// WebGL canvas (in this page or in a frame) reads as the user sees it.
export async function screenPixels(page, clip) {
  const png = await page.screenshot({ clip, scale: 'css' });
  return page.evaluate(async (b64) => {
    const image = new Image();
    image.src = 'data:image/png;base64,' + b64;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const g = canvas.getContext('2d');
    g.drawImage(image, 0, 0);
    const data = g.getImageData(0, 0, image.width, image.height).data;
    return Array.from({ length: image.width * image.height }, (_, i) => [data[i * 4], data[i * 4 + 1], data[i * 4 + 2]]);
  }, png.toString('base64'));
}

export async function findNodes(page, role) {
  const { nodes } = await semanticsOf(page);
  return (nodes || []).filter((node) => node.role === role);
}

export async function press(page, node) {
  const x = node.rect.x + node.rect.width / 2;
  const y = node.rect.y + node.rect.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.click(x, y);
}

export async function openApp(context, server, { waitFor = 'loaded', hash = '' } = {}) {
  const page = await context.newPage();
  await page.goto(server.url + '/' + hash);
  if (waitFor === 'loaded') await waitForApp(page, (app) => app.load === 'loaded', { what: 'leads loaded' });
  return { page };
}

export function assert(condition, message) {
  if (!condition) throw new Error('assertion failed: ' + message);
}

export function assertEqual(actual, expected, message) {
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    throw new Error(`assertion failed: ${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}


// [SECTION] the workspace tests' browser contexts and shared server ---------------------------------------------------

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

// One server for one test: `options.signIn` starts it as the identity provider too. Whatever happens in `body`, the
// test's tracked contexts are closed and the server stopped.
export async function withServer(options, body) {
  const server = await (options.signIn ? startSignInServer(options) : startServer(options));
  try {
    return await body(server);
  } finally {
    await closeTrackedContexts();
    await server.stop();
  }
}

// One server for the tests of a file that do not interfere: the first test starts it, each later one re-seeds it
// (which also clears faults), and the last test that will run under E2E_ONLY stops it.
export function withSharedServer(options, list) {
  const only = process.env.E2E_ONLY || '';
  const running = list.filter((test) => !only || test.name.includes(only));
  const last = running[running.length - 1];
  let server = null;
  return list.map((test) => ({
    ...test,
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
  const { page } = await openApp(context, server);
  return { context, page };
}

// [SECTION] the API as a second client --------------------------------------------------------------------------------

export const kListPath = '/v1.0/engagements/referrals';

export async function apiToken(server, role) {
  const response = await fetch(server.url + '/dev/token' + (role ? '?role=' + encodeURIComponent(role) : ''));
  if (!response.ok) throw new Error('dev token: ' + response.status);
  return (await response.json()).token;
}

export async function apiLeads(server) {
  return apiLeadsWith(server, await apiToken(server));
}

export async function apiLead(server, id) {
  const token = await apiToken(server);
  const response = await fetch(server.url + kListPath + '/' + encodeURIComponent(id),
                               { headers: { Authorization: 'Bearer ' + token } });
  if (!response.ok) throw new Error(`get ${id}: ${response.status} ${await response.text()}`);
  return { lead: await response.json(), etag: response.headers.get('ETag') };
}

export async function apiPatch(server, id, operations, etag) {
  const token = await apiToken(server);
  const headers = { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' };
  if (etag) headers['If-Match'] = etag;
  const response = await fetch(server.url + kListPath + '/' + encodeURIComponent(id),
                               { method: 'PATCH', headers, body: JSON.stringify(operations) });
  return { status: response.status, text: await response.text() };
}

export async function outbox(server) {
  return (await server.mock('GET', '/_mock/outbox')).value;
}

// [SECTION] what a lead is --------------------------------------------------------------------------------------------

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

// What the list searches: what the table shows and the contacts' names and e-mails (domain/list_store.h).
export function searchText(lead) {
  const parts = [lead.customerProfile?.name, lead.name];
  for (const member of lead.customerProfile?.team || []) parts.push(`${member.firstName} ${member.lastName}`, member.email);
  parts.push(lead.customerProfile?.address?.city);
  return fold(parts.filter(Boolean).join('\u0001'));
}

// [SECTION] rows and leads on screen ----------------------------------------------------------------------------------

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
// `detail`: the state of its full record to wait for (the app's facts: ready, missing, failed).
export async function openLead(page, lead, { detail = 'ready' } = {}) {
  await showTab(page, isQualified(lead) ? 'qualified' : 'marketplace');
  let row = (await clickableRows(page)).find((node) => node.value === lead.id);
  if (!row) {
    // The customer's name is shorter to type than the deal name; several rows may match, the lead is among them.
    const search = (await findNodes(page, 'textbox')).find((node) => ['Search leads', 'Müşteri adaylarında ara'].includes(node.name));
    await fillNode(page, search, lead.customerProfile.name);
    const start = Date.now();
    while (!row && Date.now() - start < 30000) {  // a bound for a stuck search, not a speed check
      row = (await clickableRows(page)).find((node) => node.value === lead.id);
      if (!row) await page.waitForTimeout(50);
    }
    if (!row) throw new Error('lead not found by searching its customer: ' + lead.customerProfile.name);
  }
  await pressRow(page, row);
  // The list holds list fields only: the detail's actions and sections come with the full record.
  await waitForApp(page, (app) => app.selected === lead.id && app.detail === detail, { what: 'lead opened: ' + detail });
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

// Opens a lead's detail, presses one of its actions and waits for that action's form, headed `title`.
export async function openForm(page, lead, button, title) {
  await openLead(page, lead);
  await pressButton(page, button);
  await waitForNode(page, 'heading', (node) => node.name === title, title + ' form');
}

export const receivedMarketplace = (lead) => isMarketplace(lead) && stageOf(lead) === 'received';

// [SECTION] forms -----------------------------------------------------------------------------------------------------

export async function pressButton(page, name) {
  const button = await findNode(page, 'button', name);
  if (button.disabled) throw new Error(`button ${name} is disabled: ${button.value}`);
  await press(page, button);
}

// Types text as a keyboard with those letters would: each character is a real key event with its text, so a
// Turkish letter reaches the app through keydown/keypress like on a Turkish layout (Playwright's own type() uses
// insertText for letters outside the US layout, which a canvas never receives). The events are sent without waiting
// for each to be handled (on a busy machine a round trip per key costs seconds); the browser delivers them in order.
export async function typeText(page, text) {
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
  await typeText(page, text);
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

// The currency combo: open it, type into its search field (a code or a name: "TRY", "lira", "euro") and press the
// option whose value is `code`.
export async function pickCurrency(page, code, { search = code, name = 'Currency' } = {}) {
  await press(page, await findNode(page, 'combobox', name));
  const box = await findNode(page, 'textbox', (node) => ['Search currencies', 'Para birimlerinde ara'].includes(node.name));
  await fillNode(page, box, search);
  await press(page, await settledNode(page, 'option', (node) => node.value === code));
  await waitForNode(page, 'combobox', (node) => node.name === name && node.value === code, `${name} = ${code}`);
}

// A node whose rectangle has settled: a popup's first frame is laid out before ImGui places it, so the node is
// read again once the loop has come to rest (its last frame placed everything).
export async function settledNode(page, role, match) {
  await findNode(page, role, match);
  await waitForLoopAtRest(page);
  return findNode(page, role, match);
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

// [SECTION] requests, favorites and the browser's process -------------------------------------------------------------

// Every list request a page sends (first tries and retries), with the time it left.
export function watchListRequests(page) {
  const seen = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() === 'GET' && url.pathname === kListPath) seen.push({ at: Date.now(), url: request.url(), request });
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

// [SECTION] the accessibility tree, as assistive technology sees the app ----------------------------------------------

// The tree as a screen reader gets it: unignored nodes with role, name, description, value and properties.
export async function axTree(page) {
  const session = await page.context().newCDPSession(page);
  try {
    const { nodes } = await session.send('Accessibility.getFullAXTree');
    return nodes.filter((node) => !node.ignored).map((node) => {
      const properties = {};
      for (const property of node.properties || []) properties[property.name] = property.value && property.value.value;
      return {
        role: node.role && node.role.value,
        name: (node.name && node.name.value) || '',
        description: (node.description && node.description.value) || '',
        value: node.value && node.value.value,
        properties,
        backendDOMNodeId: node.backendDOMNodeId,
        nodeId: node.nodeId,
        parentId: node.parentId,
        childIds: node.childIds || [],
      };
    });
  } finally {
    await session.detach();
  }
}

// Waits until the tree holds a node of `role` whose name matches (a string or a predicate over the node).
export async function waitForAx(page, role, match, { timeout = 15000 } = {}) {
  const test = typeof match === 'function' ? match : (node) => node.name === match;
  const start = Date.now();
  let last = [];
  while (Date.now() - start < timeout) {
    last = await axTree(page);
    const found = last.find((node) => node.role === role && test(node));
    if (found) return found;
    await page.waitForTimeout(100);
  }
  const seen = last.filter((node) => node.role === role).map((node) => node.name).slice(0, 30);
  throw new Error(`no ${role} matching ${match} in the accessibility tree (seen: ${JSON.stringify(seen)})`);
}

// Moves keyboard focus to the element behind an accessibility node (what a screen reader's cursor does).
export async function focusAx(page, node) {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('DOM.getDocument', { depth: 0 });
    await session.send('DOM.focus', { backendNodeId: node.backendDOMNodeId });
  } finally {
    await session.detach();
  }
}

// An ARIA attribute of the element behind an accessibility node (CDP's tree leaves out aria-rowcount, aria-sort…).
export async function axAttribute(page, node, name) {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('DOM.getDocument', { depth: 0 });
    const { object } = await session.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId });
    const { result } = await session.send('Runtime.callFunctionOn', { objectId: object.objectId,
      functionDeclaration: 'function (name) { return this.getAttribute(name); }', arguments: [{ value: name }], returnByValue: true });
    return result.value;
  } finally {
    await session.detach();
  }
}

// Focus then a key: how a keyboard user acts on a widget found by role and name.
export async function pressAx(page, role, name, key = 'Enter') {
  const node = await waitForAx(page, role, name);
  await focusAx(page, node);
  await page.keyboard.press(key);
  return node;
}

// Text as a phone keyboard, dictation or an input method delivers it: one insertText, no key events.
export async function insertText(page, text) {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('Input.insertText', { text });
  } finally {
    await session.detach();
  }
}

// The accessible name of the element that has focus, with its role.
export async function focused(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return { role: 'body', name: '', key: '' };
    const role = element.getAttribute('role') || element.tagName.toLowerCase();
    return { role, name: element.getAttribute('aria-label') || element.textContent || '', key: element.dataset.key || '' };
  });
}

// Runs axe-core (from npm) over the page and returns its serious and critical violations.
export async function axeViolations(page) {
  const source = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const results = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')) }));
}

export async function mirrorElementCount(page) {
  return page.evaluate(() => document.querySelectorAll('#a11y-root *').length);
}

// [SECTION] sign-in ---------------------------------------------------------------------------------------------------
// The standalone app signing in at server-mock's OpenID Connect provider (docs/sign-in.md), without the dev sign-in.

// The seeded partner's demo accounts, as the provider's sign-in page lists them.
export const kDemoAccounts = [
  { name: 'Ayşe Yılmaz', email: 'ayse@contoso.example', password: 'Ayse-Admin-2026', role: 'MPN partner admin',
    roleKey: 'role.partner_admin' },
  { name: 'Mehmet Demir', email: 'mehmet@contoso.example', password: 'Mehmet-Referrals-2026', role: 'Referrals admin',
    roleKey: 'role.referrals_admin' },
  { name: 'Elif Kaya', email: 'elif@contoso.example', password: 'Elif-ReadOnly-2026', role: 'Referrals user',
    roleKey: 'role.referrals_user' },
];

// A test server whose app signs in at the server's own provider, not the dev sign-in. `extraArgs` add --client,
// --access-token-seconds and the like.
export function startSignInServer(options = {}) {
  return startServer({ ...options, devSignIn: false });
}

// An access token for the API as a second client, signed by the server's own keys (`server-mock token`).
export function cliToken(server, role = 'MPN partner admin') {
  return execFileSync(kServerMock, ['token', '--db', path.join(server.dir, 'leads.sqlite'), '--issuer', server.url,
    '--role', role], { encoding: 'utf8' }).trim();
}

// Every lead the API lists, page by page, for `token`.
export async function apiLeadsWith(server, token) {
  const leads = [];
  let url = server.url + kListPath + '?$top=1000';
  while (url) {
    const response = await fetch(url, { headers: { Authorization: 'Bearer ' + token } });
    if (!response.ok) throw new Error('list: ' + response.status + ' ' + (await response.text()));
    const page = await response.json();
    leads.push(...page.value);
    url = page['@odata.nextLink'] || '';
  }
  return leads;
}

// waitForApp across the page's own navigations (the silent attempt, the provider's redirects): between two documents
// there are no facts to read.
export async function waitForAppThrough(page, predicate, options = {}) {
  const deadline = Date.now() + (options.timeout ?? 30000);
  for (;;) {
    try {
      return await waitForApp(page, predicate, { ...options, timeout: Math.max(0, deadline - Date.now()) });
    } catch (error) {
      if (!/Execution context was destroyed|navigat/i.test(error.message) || Date.now() >= deadline) throw error;
    }
  }
}

// On the provider's sign-in page (not the silent prompt=none pass through it): e-mail, password, submit.
export async function signInAtProvider(page, server, account, password = account.password) {
  await page.waitForURL((url) => url.href.startsWith(server.url + '/authorize') && !url.searchParams.has('prompt'));
  await page.fill('input[name="email"]', account.email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
}

// Opens the app at `hash` signed out (the silent attempt finds no provider session: the sign-in screen), signs in as
// `account` on the provider's page, and waits until it is back, signed in and loaded.
export async function signInThroughProvider(page, server, account, hash = '') {
  await page.goto(server.url + '/' + hash);
  await waitForAppThrough(page, (app) => app.signIn === 'signed-out', { what: 'the sign-in screen' });
  await pressButton(page, 'Sign in');
  await signInAtProvider(page, server, account);
  await waitForAppThrough(page, (app) => app.signIn === 'signed-in' && app.load === 'loaded',
                          { what: 'signed in and loaded' });
}

// Everything a context's pages could leak a token into: each token the provider hands out (from its /token
// answers), each URL requested, and the console. `check(page)` also reads the page's storage.
export function watchTokens(context, server) {
  const watch = { tokens: [], refreshTokens: [], urls: [], console: [] };
  context.on('response', async (response) => {
    if (!response.url().startsWith(server.url + '/token') || response.request().method() !== 'POST') return;
    try {
      const answer = await response.json();
      for (const token of [answer.access_token, answer.id_token, answer.refresh_token]) if (token) watch.tokens.push(token);
      if (answer.refresh_token) watch.refreshTokens.push(answer.refresh_token);
    } catch (e) { /* an error answer: no token in it */ }
  });
  context.on('request', (request) => watch.urls.push(request.url()));
  const follow = (page) => {
    page.on('console', (message) => watch.console.push(message.text()));
    page.on('framenavigated', (frame) => watch.urls.push(frame.url()));
  };
  context.pages().forEach(follow);
  context.on('page', follow);
  // A JWT's payload (its header is the same for every token) or the opaque refresh token, in no URL (the end-session
  // one included: the provider knows the session by its cookie), storage or console line.
  watch.check = async (page) => {
    const storage = await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage));
    const secrets = watch.tokens.map((token) => token.split('.')[1] || token);
    const places = [...watch.urls, storage, ...watch.console];
    assert(watch.tokens.length > 0, 'the provider handed out tokens');
    for (const place of places)
      for (const secret of secrets) assert(!place.includes(secret), 'no token in ' + place.slice(0, 100));
  };
  return watch;
}
