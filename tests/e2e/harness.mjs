// The browser-test harness: starts server-mock and Debian's Chromium, and finds widgets through the app's
// semantics layer so that clicks and keys go through the real input path at the widget's rectangle.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

// Every server-mock a test starts inherits these: the test token mock() sends to /_mock/*, and one signing secret,
// so a portal's tokens are good at the app it frames although each keeps its data in its own folder.
process.env.LEADS_MOCK_TEST_TOKEN ||= randomBytes(16).toString('hex');
process.env.LEADS_MOCK_SECRET ||= randomBytes(32).toString('hex');

// Starts `server-mock serve` on a free loopback port; resolves once it prints its address.
export async function startServer({ leads = 60, seed = 7, extraArgs = [] } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'leads-e2e-'));
  const binary = path.join(root, 'build/server-mock/server-mock');
  const args = ['serve', '--host', '127.0.0.1', '--port', '0', '--db', path.join(dir, 'leads.sqlite'),
    '--app-dir', path.join(root, 'build-wasm/app'), '--dev-sign-in', '--test-mode',
    '--seed', String(seed), '--leads', String(leads), ...extraArgs];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const url = await new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('server-mock did not start: ' + log)), 20000);
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(buffer);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server-mock exited (${code}): ${log}`)); });
  });
  return {
    url, dir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on('exit', resolve)));
      rmSync(dir, { recursive: true, force: true });
    },
    async mock(method, route, body) {
      const response = await fetch(url + route, { method,
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + process.env.LEADS_MOCK_TEST_TOKEN },
        body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
  };
}

export async function launchBrowser() {
  // Playwright gives each launch a fresh, empty profile of its own.
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox', '--disable-gpu',
      '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-quic'],
  });
  return { browser, close: () => browser.close() };
}

// Watches a page for what a user would call broken: console errors, uncaught exceptions, failed requests.
export function watchPage(page, { allowStatus = [] } = {}) {
  const problems = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push('console: ' + message.text()); });
  page.on('pageerror', (error) => problems.push('uncaught: ' + error.message));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && !allowStatus.includes(response.status()))
      problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

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
    if (last.app && predicate(last.app, last.nodes || [])) return last;
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
  const problems = watchPage(page);
  await page.goto(server.url + '/' + hash);
  if (waitFor === 'loaded') await waitForApp(page, (app) => app.load === 'loaded', { what: 'leads loaded' });
  return { page, problems };
}

export function assert(condition, message) {
  if (!condition) throw new Error('assertion failed: ' + message);
}

export function assertEqual(actual, expected, message) {
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    throw new Error(`assertion failed: ${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// Types text as a keyboard with those letters would: each character is a real key event with its text, so a
// Turkish letter reaches the app through keydown/keypress like on a Turkish layout (Playwright's own type() uses
// insertText for letters outside the US layout, which a canvas never receives).
export async function typeText(page, text) {
  const session = await page.context().newCDPSession(page);
  try {
    for (const ch of text) {
      await session.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, unmodifiedText: ch });
      await session.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch });
    }
  } finally {
    await session.detach();
  }
}

// Clicks a text field and replaces its content.
export async function fillField(page, node, text) {
  await press(page, node);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await typeText(page, text);
}
