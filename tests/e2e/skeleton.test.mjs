// The walking skeleton in a real browser: load, rows, favorites in IndexedDB across reloads, and the error paths
// of the slice (bad list responses with Retry, no IndexedDB, no WebGL2, no sign-in).
import path from 'node:path';
import {
  appFacts, assert, assertEqual, findNode, findNodes, openApp, press, semanticsOf, startServer, waitForApp, waitForLoopAtRest,
  withServer
} from './harness.mjs';

export const tests = [
  {
    name: 'the app loads the seeded leads with no console error or failed request',
    async run({ browser, out }) {
      await withServer({ leads: 80 }, async (server) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const { page } = await openApp(context, server);
        const facts = await appFacts(page);
        assertEqual(facts.leads > 0, true, 'leads loaded');
        const rows = await findNodes(page, 'row');
        assert(rows.length > 5, `rows on screen (${rows.length})`);
        assertEqual(facts.rows > 0, true, 'rows in the active tab');
        await waitForLoopAtRest(page);
        await page.screenshot({ path: path.join(out, 'main-screen.png') });
        await context.close();
      });
    },
  },
  {
    name: 'the configuration is asked for once, by the page before the app has started, and the app signs in with it',
    async run({ browser }) {
      await withServer({ leads: 20 }, async (server) => {
        const context = await browser.newContext();
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        const asked = [];
        cdp.on('Network.requestWillBeSent', ({ request, initiator }) => {
          if (new URL(request.url).pathname !== '/app-config.json') return;
          const frames = (initiator.stack && initiator.stack.callFrames) || [];
          asked.push(frames.map((frame) => path.basename(new URL(frame.url).pathname)));
        });
        await page.goto(server.url + '/');
        await waitForApp(page, (app) => app.load === 'loaded' && app.leads === 20, { what: 'signed in and loaded' });
        assertEqual(asked.length, 1, 'one request for the configuration');
        assert(asked[0].includes('shell.js') && !asked[0].includes('leads.js'),
               'the page asked for it, not the app: ' + asked[0].join(' < '));
        await context.close();
      });
    },
  },
  {
    // The page reads a small answer's body itself; the app must take those very bytes. Had it lost them (a body read
    // twice fails), it would find no configuration and try the dev sign-in, which this server offers.
    name: 'the configuration the page read before the app started is the one the app follows',
    async run({ browser }) {
      await withServer({ leads: 20 }, async (server) => {
        const context = await browser.newContext();
        let asked = 0;
        await context.route('**/app-config.json', (route) => {
          ++asked;
          return route.fulfill({ status: 200, contentType: 'application/json', body: '{"devSignIn":false}' });
        });
        const tokens = [];
        context.on('request', (request) => { if (new URL(request.url()).pathname === '/dev/token') tokens.push(request.url()); });
        const page = await context.newPage();
        await page.goto(server.url + '/');
        const facts = await waitForApp(page, (app) => app.signInProblem === 'signin.not_configured',
                                       { what: 'no way to sign in, as the configuration says' });
        assertEqual(asked, 1, 'the configuration was asked for once');
        assertEqual(tokens.length, 0, 'no dev token asked for');
        assertEqual(facts.app.load !== 'loaded', true, 'no list loaded');
        await context.close();
      });
    },
  },
  {
    name: 'a configuration that cannot be fetched before the app starts is the app\'s own failure: it still signs in',
    expects: { failedRequests: /\/app-config\.json net::ERR_CONNECTION_REFUSED$/ },  // refused by the test
    async run({ browser }) {
      await withServer({ leads: 20 }, async (server) => {
        const context = await browser.newContext();
        let refused = 0;
        await context.route('**/app-config.json', (route) => { ++refused; return route.abort('connectionrefused'); });
        const page = await context.newPage();
        await page.goto(server.url + '/');
        // No configuration: the app tries the dev sign-in, which this server offers.
        await waitForApp(page, (app) => app.load === 'loaded' && app.leads === 20, { what: 'signed in and loaded' });
        assertEqual(refused, 1, 'the configuration was asked for once');
        await context.close();
      });
    },
  },
  {
    name: 'a configuration asked for before the app started that never answers ends at the app\'s own timeout',
    expects: { failedRequests: /\/app-config\.json net::ERR_ABORTED$/ },  // the app's timeout aborts it
    async run({ browser }) {
      await withServer({ leads: 20 }, async (server) => {
        const context = await browser.newContext();
        let held = 0;
        await context.route('**/app-config.json', () => { ++held; });  // never answered
        const page = await context.newPage();
        await page.goto(server.url + '/');
        // After its 10 s timeout the app has no configuration and tries the dev sign-in, which this server offers.
        await waitForApp(page, (app) => app.load === 'loaded' && app.leads === 20, { timeout: 40000, what: 'signed in' });
        assertEqual(held, 1, 'the configuration was asked for once');
        await context.close();
      });
    },
  },
  {
    name: 'a heart click is saved in IndexedDB and survives a reload; Favorites shows just those',
    async run({ browser }) {
      await withServer({ leads: 40 }, async (server) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const { page } = await openApp(context, server);
        const heart = await findNode(page, 'checkbox', (node) => node.name.startsWith('Favorite') && !node.checked);
        await press(page, heart);
        await waitForApp(page, (app, nodes) => nodes.some((n) => n.role === 'checkbox' && n.value === heart.value && n.checked),
                         { what: 'heart checked' });
        assertEqual((await appFacts(page)).favoritesPersistence, 'persistent', 'favorites persist');
        await waitForApp(page, (app) => app.favoritesSaving === 0, { what: 'the favorite committed to IndexedDB' });
        await page.reload();
        await waitForApp(page, (app) => app.load === 'loaded' && app.favorites === 1, { what: 'favorite after reload' });
        const tab = await findNode(page, 'tab', 'Favorites');
        assertEqual(tab.value, '1', 'Favorites tab count');
        await press(page, tab);
        await waitForApp(page, (app) => app.tab === 'favorites', { what: 'favorites tab' });
        const rows = await findNodes(page, 'row');
        assertEqual(rows.map((row) => row.value), [heart.value], 'Favorites tab rows');
        await context.close();
      });
    },
  },
  {
    name: 'a malformed list response shows a clear message, and Retry loads the list',
    async run({ browser }) {
      await withServer({ leads: 30 }, async (server) => {
        await server.mock('POST', '/_mock/faults', [{ method: 'GET', pathPrefix: '/v1.0/engagements/referrals', times: 1, body: 'not-json' }]);
        const context = await browser.newContext();
        const { page } = await openApp(context, server, { waitFor: 'none' });
        await waitForApp(page, (app) => app.load === 'failed', { what: 'load failure' });
        const alert = await findNode(page, 'alert', (node) => node.name.includes('could not be read'));
        assert(alert.value.includes('malformed JSON'), 'the detail says why: ' + alert.value);
        await press(page, await findNode(page, 'button', 'Retry'));
        await waitForApp(page, (app) => app.load === 'loaded' && app.leads > 0, { what: 'loaded after Retry' });
        await context.close();
      });
    },
  },
  {
    name: 'a passing 503 on the list is retried by itself, honouring Retry-After',
    expects: { status: [503] },
    async run({ browser }) {
      await withServer({ leads: 30 }, async (server) => {
        await server.mock('POST', '/_mock/faults', [{ method: 'GET', pathPrefix: '/v1.0/engagements/referrals', times: 2, status: 503, headers: { 'Retry-After': '1' } }]);
        const context = await browser.newContext();
        const page = await context.newPage();
        const started = Date.now();
        await page.goto(server.url + '/');
        await waitForApp(page, (app) => app.load === 'loaded' && app.leads > 0, { what: 'loaded after automatic retries' });
        assert(Date.now() - started >= 2000, 'two retries waited Retry-After (1 s) each');
        await context.close();
      });
    },
  },
  {
    name: 'a lasting 503 from the list says the service is unavailable, with Retry',
    expects: { status: [503] },
    async run({ browser }) {
      await withServer({ leads: 30 }, async (server) => {
        await server.mock('POST', '/_mock/faults', [{ method: 'GET', pathPrefix: '/v1.0/engagements/referrals', times: 5, status: 503, headers: { 'Retry-After': '1' } }]);
        const context = await browser.newContext();
        const { page } = await openApp(context, server, { waitFor: 'none' });
        const facts = (await waitForApp(page, (app) => app.load === 'failed', { what: 'load failure' })).app;
        assertEqual(facts.error, { kind: 'error.unavailable', status: 503 }, 'error kind');
        await findNode(page, 'alert', (node) => node.name.includes('unavailable'));
        await press(page, await findNode(page, 'button', 'Retry'));
        await waitForApp(page, (app) => app.load === 'loaded', { what: 'loaded after Retry' });
        await context.close();
      });
    },
  },
  {
    name: 'without IndexedDB the user is told favorites will not be kept, and the heart still works',
    async run({ browser }) {
      await withServer({ leads: 30 }, async (server) => {
        const context = await browser.newContext();
        // What a sandboxed frame without allow-same-origin does: opening IndexedDB throws SecurityError.
        await context.addInitScript(() => {
          IDBFactory.prototype.open = function () { throw new DOMException('denied', 'SecurityError'); };
        });
        const { page } = await openApp(context, server);
        await findNode(page, 'alert', (node) => node.name.startsWith('Favorites cannot be saved'));
        assertEqual((await appFacts(page)).favoritesPersistence, 'session', 'session-only favorites');
        const heart = await findNode(page, 'checkbox', (node) => node.name.startsWith('Favorite') && !node.checked);
        await press(page, heart);
        await waitForApp(page, (app) => app.favorites === 1, { what: 'favorite kept for the session' });
        await context.close();
      });
    },
  },
  {
    name: 'a browser without WebGL2 gets a readable message instead of a blank canvas',
    async run({ browser }) {
      await withServer({ leads: 5 }, async (server) => {
        const context = await browser.newContext();
        await context.addInitScript(() => {
          const original = HTMLCanvasElement.prototype.getContext;
          HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
            return kind === 'webgl2' ? null : original.call(this, kind, ...rest);
          };
        });
        const page = await context.newPage();
        await page.goto(server.url + '/');
        await page.waitForSelector('#failure:not([hidden])');
        const text = await page.textContent('#failure');
        assert(text.includes('WebGL 2'), 'message names WebGL 2: ' + text);
        await context.close();
      });
    },
  },
  {
    name: 'opened without a sign-in, the app explains how to sign in',
    expects: { status: [404] },  // /dev/token, off on this server
    async run({ browser }) {
      const server = await startServer({ leads: 5, extraArgs: [] });
      try {
        // The same server, but its dev sign-in refused: the app must explain, not show a blank canvas.
        await server.mock('POST', '/_mock/faults', [{ method: 'GET', pathPrefix: '/dev/token', times: 1, status: 404 }]);
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(server.url + '/');
        await waitForApp(page, (app) => app.signIn === 'unavailable', { what: 'sign-in unavailable' });
        await findNode(page, 'alert', 'You are not signed in');
        await context.close();
      } finally {
        await server.stop();
      }
    },
  },
];
