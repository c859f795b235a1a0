// The app inside a partner portal's iframe on another site (127.0.0.2 frames 127.0.0.1): handshake and token,
// navigation both ways, favorites in the frame, token refresh after a 401, foreign and malformed messages,
// an unlisted portal, a sandboxed frame, and no token anywhere it could leak.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assert, assertEqual, launchPersistent, root, screenPixels, startServer } from './harness.mjs';

// A browser profile with the default settings of desktop Chrome, where a cross-site frame gets its own partitioned
// storage. Playwright's throw-away contexts behave like incognito windows, which deny storage to third-party frames.
async function launchProfile() {
  const dir = mkdtempSync(path.join(tmpdir(), 'leads-profile-'));
  mkdirSync(path.join(dir, 'Default'), { recursive: true });
  writeFileSync(path.join(dir, 'Default/Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  const context = await launchPersistent(dir, { viewport: { width: 1280, height: 900 }, locale: undefined });
  return { context, async close() { await context.close(); rmSync(dir, { recursive: true, force: true }); } };
}

// A server-mock on another loopback address serving web/ (the demo portal).
function startSite(host, appDir, extraArgs = []) {
  return startServer({ host, appDir, testMode: false, leads: 1,
    extraArgs: ['--frame-src', "'self' http://127.0.0.1:* http://127.0.0.3:*", '--connect-src', "'self' http://127.0.0.1:*",
      ...extraArgs] });
}

// The portal and the app; the app's server is also the identity provider the portal's user signs in at, with the
// demo portal registered as a client (`otherPortals`: more sites serving the same demo portal).
async function withPortal(options, body) {
  const portal = await startSite('127.0.0.2', path.join(root, 'web'), options.portalArgs || []);
  const redirects = [portal, ...(options.otherPortals || [])].map((site) => site.url + '/portal-demo.html');
  const app = await startServer({ leads: 40, extraArgs: ['--frame-ancestors', `'self' ${portal.url}`,
    '--client', 'portal-demo=' + redirects.join(','), ...(options.appArgs || [])] });
  try { return await body({ portal, app }); } finally { await app.stop(); await portal.stop(); }
}

// The portal's user on the provider's sign-in page (the seeded partner's Referrals admin).
async function signInAtProvider(page, app) {
  await page.waitForURL((url) => url.href.startsWith(app.url + '/authorize'));
  await page.fill('input[name="email"]', 'mehmet@contoso.example');
  await page.fill('input[name="password"]', 'Mehmet-Referrals-2026');
  await page.click('button[type="submit"]');
}

// Opens the demo portal at `url` and signs its user in; resolves back on the portal with its own address.
async function gotoPortal(page, app, url) {
  await page.goto(url);
  await signInAtProvider(page, app);
  await page.waitForURL(url);
  // The address comes back before the code is redeemed: the portal frames the app only once its user is signed in.
  await page.waitForFunction(() => document.getElementById('leads').hasAttribute('src'));
}

function appFrame(page) {
  return page.frames().find((frame) => frame !== page.mainFrame() && frame.url().startsWith('http://127.0.0.1'));
}

async function frameFacts(page) {
  const frame = appFrame(page);
  return frame ? frame.evaluate(() => (window.leadsSemantics || { app: {} }).app) : {};
}

async function waitForFrame(page, predicate, what) {
  const start = Date.now();
  let last;
  while (Date.now() - start < 30000) {
    try {
      const frame = appFrame(page);
      last = frame ? await frame.evaluate(() => window.leadsSemantics || { app: {}, nodes: [] }) : null;
      if (last && predicate(last.app || {}, last.nodes || [])) return last;
    } catch (e) { /* the frame is navigating */ }
    await page.waitForTimeout(50);
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last && last.app)}`);
}

// Presses a semantic node inside the app's frame with a real mouse click (frame offset added).
async function pressInFrame(page, node) {
  const box = await (await page.$('iframe#leads')).boundingBox();
  await page.mouse.click(box.x + node.rect.x + node.rect.width / 2, box.y + node.rect.y + node.rect.height / 2);
}

async function openPortal(context, portal, app, query = '') {
  const page = await context.newPage();
  const consoleText = [], consoleErrors = [], pageErrors = [];
  page.on('console', (message) => {
    consoleText.push(message.text());
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await gotoPortal(page, app, `${portal.url}/portal-demo.html?app=${encodeURIComponent(app.url + '/')}${query}`);
  await waitForFrame(page, (facts) => facts.load === 'loaded', 'the app loaded inside the portal');
  return { page, consoleText, consoleErrors, pageErrors };
}

export const tests = [
  {
    name: 'the portal hands over a token; the app loads inside the frame and no token leaks to URLs, storage or console',
    async run({ browser, out }) {
      await withPortal({}, async ({ portal, app }) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const tokens = [], visited = [];
        context.on('response', async (response) => {
          if (response.url().startsWith(app.url + '/token')) {
            const answer = await response.json();
            tokens.push(answer.access_token, answer.id_token, answer.refresh_token);
          }
        });
        context.on('request', (request) => visited.push(request.url()));
        const { page, consoleText } = await openPortal(context, portal, app);
        const facts = await frameFacts(page);
        assertEqual([facts.host, facts.signIn], ['embedded', 'signed-in'], 'embedded and signed in');
        const log = await page.evaluate(() => window.portalLog);
        assertEqual(log[0].type, 'leads.ready', 'the app announced itself first');
        assert(log.some((m) => m.type === 'leads.resize' && m.height >= 480), 'the app asked for a height');
        assertEqual(tokens.length, 3, 'one code redeemed for an access, an ID and a refresh token');
        const secrets = tokens.map((token) => token.split('.')[1] || token);  // a JWT's payload, the opaque refresh token
        const frame = appFrame(page);
        const places = [page.url(), frame.url(), ...visited,
          await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie),
          await frame.evaluate(() => { try { return JSON.stringify(localStorage) + JSON.stringify(sessionStorage); } catch (e) { return ''; } }),
          consoleText.join('\n')];
        for (const place of places)
          for (const secret of secrets) assert(!place.includes(secret), 'no token in ' + place.slice(0, 80));
        await page.screenshot({ path: path.join(out, 'embedded-portal.png') });
        await context.close();
      });
    },
  },
  {
    name: 'navigation goes both ways: portal links move the app, the app moves the portal address bar',
    async run({ browser }) {
      await withPortal({}, async ({ portal, app }) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const { page } = await openPortal(context, portal, app);
        await page.click('nav a[data-route="#/qualified"]');
        await waitForFrame(page, (facts) => facts.tab === 'qualified', 'the qualified tab');
        await page.waitForFunction(() => location.hash.startsWith('#app=/qualified'));
        const { nodes } = await waitForFrame(page, (facts, nodes) => nodes.some((n) => n.role === 'row'), 'rows');
        const row = nodes.find((n) => n.role === 'row');
        await pressInFrame(page, row);
        await waitForFrame(page, (facts) => facts.selected === row.value, 'the lead opened');
        await page.waitForFunction((id) => location.hash === '#app=/lead/' + id, row.value);
        assert((await page.title()).includes(row.name), 'the portal title follows the lead');
        await context.close();
      });
    },
  },
  {
    name: 'a favorite set inside the frame survives a reload of the portal',
    async run() {
      await withPortal({}, async ({ portal, app }) => {
        const profile = await launchProfile();
        const context = profile.context;
        const { page } = await openPortal(context, portal, app);
        const { nodes } = await waitForFrame(page, (facts, nodes) => nodes.some((n) => n.role === 'checkbox'), 'hearts');
        const heart = nodes.find((n) => n.role === 'checkbox' && !n.checked);
        await pressInFrame(page, heart);
        await waitForFrame(page, (facts) => facts.favorites === 1 && facts.favoritesPersistence === 'persistent' &&
                           facts.favoritesSaving === 0, 'favorite committed');
        await page.reload();
        await waitForFrame(page, (facts) => facts.load === 'loaded' && facts.favorites === 1, 'favorite after reload');
        await profile.close();
      });
    },
  },
  {
    name: 'when the browser denies storage to the frame, the app says favorites will not be kept and the heart still works',
    async run({ browser }) {
      await withPortal({}, async ({ portal, app }) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });  // incognito-like
        const { page } = await openPortal(context, portal, app);
        const { nodes } = await waitForFrame(page, (facts, nodes) => nodes.some((n) => n.role === 'alert' && n.name.startsWith('Favorites cannot be saved')), 'the warning');
        await pressInFrame(page, nodes.find((n) => n.role === 'checkbox' && !n.checked));
        await waitForFrame(page, (facts) => facts.favorites === 1 && facts.favoritesPersistence === 'session', 'session favorite');
        await context.close();
      });
    },
  },
  {
    name: 'after a 401 the app asks the portal once for a new token and carries on with it',
    expects: { status: [401] },  // the expired token's answer, which the test provokes
    async run({ browser }) {
      await withPortal({}, async ({ portal, app }) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const { page } = await openPortal(context, portal, app);
        const before = await page.evaluate(() => window.portalTokenRequests);
        await app.mock('POST', '/_mock/faults', [{ method: 'GET', pathPrefix: '/v1.0/engagements/referrals', times: 1, status: 401 }]);
        const { nodes } = await waitForFrame(page, (facts, nodes) => nodes.some((n) => n.name === 'Refresh'), 'Refresh');
        await pressInFrame(page, nodes.find((n) => n.role === 'button' && n.name === 'Refresh'));
        await waitForFrame(page, (facts) => facts.load === 'loaded' && facts.signIn === 'signed-in', 'loaded again');
        // The app's loop at rest: every effect of the reload has started, so a second refusal would have been posted.
        await appFrame(page).waitForFunction(() => document.getElementById('canvas').dataset.loop === 'paused');
        const log = await page.evaluate(() => window.portalLog.map((m) => m.type));
        assertEqual(log.filter((t) => t === 'leads.tokenRefused').length, 1, 'one tokenRefused');
        assertEqual(await page.evaluate(() => window.portalTokenRequests) - before, 1, 'one new token fetched');
        await context.close();
      });
    },
  },
  {
    name: 'a frame sandboxed without allow-same-origin is never handed a token: the portal says why, the app waits, nothing breaks',
    async run({ browser }) {
      // The app's origin is opaque ("null") in such a frame, so nothing can be addressed to it but '*', which would
      // hand the token to whatever document the frame holds by then (issue 12): the portal refuses, and says so.
      await withPortal({ appArgs: ['--cors-origin', 'null'] }, async ({ portal, app }) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const pageErrors = [];
        page.on('pageerror', (error) => pageErrors.push(error.message));
        await gotoPortal(page, app, `${portal.url}/portal-demo.html?app=${encodeURIComponent(app.url + '/')}&sandbox=strict`);
        const sandbox = await page.$eval('iframe#leads', (frame) => frame.getAttribute('sandbox'));
        assert(sandbox.includes('allow-scripts') && !sandbox.includes('allow-same-origin'), 'sandboxed: ' + sandbox);
        await waitForFrame(page, (facts) => facts.host === 'embedded' && facts.signIn === 'waiting', 'the app waits for the portal');
        assertEqual(await appFrame(page).evaluate(() => self.origin), 'null', 'the app runs with an opaque origin');
        await page.waitForFunction(() => /cannot be handed a token/.test(document.getElementById('status').textContent));
        const log = await page.evaluate(() => window.portalLog);
        assert(log.some((m) => m.type === 'leads.ready'), 'the app announced itself');
        const facts = await frameFacts(page);
        assertEqual([facts.signIn, facts.leads], ['waiting', 0], 'no token, no leads');
        assertEqual(pageErrors, [], 'no uncaught error');
        await context.close();
      });
    },
  },
  {
    name: 'a minute before the token expires the app tells the portal once, and again only for the next token',
    async run({ browser }) {
      // The provider hands out 65-second tokens: tokenExpiring is due 5 s after each.
      await withPortal({ appArgs: ['--access-token-seconds', '65'] }, async ({ portal, app }) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const { page } = await openPortal(context, portal, app);
        await page.waitForFunction(() => window.portalLog.filter((m) => m.type === 'leads.tokenExpiring').length >= 2, null, { timeout: 30000 });
        const expiring = await page.evaluate(() => window.portalLog.filter((m) => m.type === 'leads.tokenExpiring'));
        for (const message of expiring) {
          const lead = Date.parse(message.expiresAt) - message.at;
          assert(lead > 50000 && lead <= 61000, `told ${lead} ms before expiry, expected about a minute`);
        }
        assert(Date.parse(expiring[1].expiresAt) > Date.parse(expiring[0].expiresAt), 'the second message is about the new token');
        assertEqual(await page.evaluate(() => window.portalTokenRequests), 3, 'the first token and one refresh per message');
        const facts = await frameFacts(page);
        assertEqual([facts.signIn, facts.load], ['signed-in', 'loaded'], 'still signed in');
        await context.close();
      });
    },
  },
  {
    name: 'the portal picks a dark theme at start and switches it live; the canvas follows',
    async run({ browser, out }) {
      await withPortal({}, async ({ portal, app }) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const { page, pageErrors } = await openPortal(context, portal, app, '&theme=dark');
        await waitForFrame(page, (facts) => facts.theme === 'dark', 'the dark theme');
        // The canvas's bottom-left corner is window background: dark grey in the dark theme, near white in the light one.
        // The picture follows the published theme a frame or more later, so the corner is read until it does.
        const brightness = async () => {
          const box = await (await page.$('iframe#leads')).boundingBox();
          const [[r, g, b]] = await screenPixels(page, { x: box.x + 2, y: box.y + box.height - 6, width: 1, height: 1 });
          return (r + g + b) / 3;
        };
        const waitForCorner = async (test, what) => {
          let last;
          for (const start = Date.now(); Date.now() - start < 15000;) {
            last = await brightness();
            if (test(last)) return last;
            await page.waitForTimeout(100);
          }
          throw new Error(`the canvas corner never turned ${what}: brightness ${last}`);
        };
        await waitForCorner((value) => value < 80, 'dark');
        await page.screenshot({ path: path.join(out, 'embedded-dark.png') });
        await page.click('#theme');
        await waitForFrame(page, (facts) => facts.theme === 'light', 'the light theme');
        await waitForCorner((value) => value > 200, 'light');
        assertEqual(pageErrors, [], 'no uncaught error');
        await context.close();
      });
    },
  },
  {
    name: '1,000 messages from a foreign origin, fake token included, are all ignored',
    async run({ browser }) {
      await withPortal({}, async ({ portal, app }) => {
        const foreign = await startSite('127.0.0.3', path.join(root, 'web'), ['--frame-ancestors', "'self' http://127.0.0.2:*"]);
        try {
          const context = await browser.newContext();
          const { page } = await openPortal(context, portal, app);
          const before = await frameFacts(page);
          // A frame of a third site inside the portal writes to the app's frame directly.
          await page.evaluate((src) => new Promise((resolve) => {
            const frame = document.createElement('iframe');
            frame.src = src; frame.id = 'foreign'; frame.onload = resolve;
            document.body.appendChild(frame);
          }), foreign.url + '/portal-demo.css');
          const foreignFrame = page.frames().find((f) => f.url().startsWith(foreign.url));
          await foreignFrame.evaluate(() => {
            const target = window.parent.frames[0];
            for (let i = 0; i < 1000; i++)
              target.postMessage({ v: 1, id: 'x' + i, type: i % 2 ? 'leads.token' : 'leads.navigate', token: 'a.b.c', route: '#/favorites' }, '*');
          });
          // Messages arrive one task each: wait until the app has counted all of them.
          await appFrame(page).waitForFunction(() => window.leadsHost.ignored >= 1000, null, { timeout: 30000 });
          const after = await frameFacts(page);
          assertEqual([after.tab, after.signIn, after.hostRefused], [before.tab, 'signed-in', before.hostRefused], 'nothing changed');
          await context.close();
        } finally { await foreign.stop(); }
      });
    },
  },
  {
    name: 'malformed messages from the portal are refused with a reason and the app keeps working',
    async run({ browser }) {
      await withPortal({}, async ({ portal, app }) => {
        const context = await browser.newContext();
        const { page } = await openPortal(context, portal, app);
        await page.evaluate((origin) => {
          const app = document.getElementById('leads').contentWindow;
          const bad = [
            { v: 1, type: 'leads.navigate', route: '#/qualified' },                       // no id
            { v: 2, id: 'm1', type: 'leads.navigate', route: '#/qualified' },             // wrong version
            { v: 1, id: 'm2', type: 'leads.selfDestruct' },                               // unknown type
            { v: 1, id: 'm3', type: 'leads.token', token: 'not-a-jwt' },                  // wrong shape
            { v: 1, id: 'm4', type: 'leads.navigate', route: '#/' + 'x'.repeat(20000) },  // oversized
            'just a string',
          ];
          for (const message of bad) app.postMessage(message, origin);
          app.postMessage({ v: 1, id: 'ok-1', type: 'leads.navigate', route: '#/favorites' }, origin);
          app.postMessage({ v: 1, id: 'ok-1', type: 'leads.navigate', route: '#/qualified' }, origin);  // replay
        }, app.url);
        await waitForFrame(page, (facts) => facts.hostRefused === 7 && facts.tab === 'favorites', 'refusals counted');
        const rejected = await page.evaluate(() => window.portalLog.filter((m) => m.type === 'leads.rejected').map((m) => m.reason));
        assertEqual(rejected.length, 7, 'each refusal told to the portal');
        assert(rejected.some((r) => r.includes('replay')), 'the replay is named: ' + rejected.join(' | '));
        assertEqual((await frameFacts(page)).signIn, 'signed-in', 'still signed in');
        await context.close();
      });
    },
  },
  {
    name: 'a portal that is not on the list cannot frame the app',
    // The browser refuses the frame, as it must.
    expects: { failedRequests: /ERR_BLOCKED_BY_RESPONSE/, consoleErrors: /Content Security Policy directive: "frame-ancestors/ },
    async run({ browser }) {
      // The stranger is a client of the provider (its user can sign in): only the framing is refused.
      const stranger = await startSite('127.0.0.3', path.join(root, 'web'));
      try {
        await withPortal({ otherPortals: [stranger] }, async ({ app }) => {
          const context = await browser.newContext();
          const page = await context.newPage();
          const blocked = [];
          page.on('console', (m) => blocked.push(m.text()));
          // The browser refuses the app's page itself (frame-ancestors): wait for that refusal, not for a time.
          const refused = page.waitForEvent('requestfailed', (request) => request.url().startsWith(app.url) &&
                                            /ERR_BLOCKED_BY_RESPONSE/.test(request.failure()?.errorText || ''));
          await gotoPortal(page, app, `${stranger.url}/portal-demo.html?app=${encodeURIComponent(app.url + '/')}`);
          await refused;
          const frame = page.frames().find((f) => f !== page.mainFrame());
          const loaded = frame ? await frame.evaluate(() => !!window.leadsSemantics).catch(() => false) : false;
          assertEqual(loaded, false, 'the app did not run inside the stranger');
          assertEqual(await page.evaluate(() => window.portalLog.length), 0, 'the app never spoke to the stranger');
          await context.close();
        });
      } finally { await stranger.stop(); }
    },
  },
];
