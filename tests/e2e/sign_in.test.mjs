// The standalone app signs in at server-mock's OpenID Connect provider (docs/sign-in.md), with no dev sign-in: a deep
// link opened signed out lands back on the deep link for each demo account; a wrong password; sign-out in two tabs;
// renewal with a form half-typed; a refused renewal signed in again in a popup, the form saved. No token anywhere.
import path from 'node:path';
import {
  apiLeadsWith, appFacts, assert, assertEqual, axTree, axeViolations, cliToken, fill, findNode, kDemoAccounts,
  kViewport, openForm, pickCurrency, pressAx, pressButton, receivedMarketplace, signInAtProvider,
  signInThroughProvider, track, waitForAppThrough, waitForAx, waitForNode, waitForToast, watchTokens, withServer
} from './harness.mjs';

// A server for one test: its provider sessions, refresh families and throttle are that test's alone.
// Its browser contexts are closed before it stops, even after a failure (a page left running would fail the next
// test with the stopped server's refused connections).
async function newContext(browser) {
  return track(await browser.newContext({ viewport: kViewport, locale: 'en-US' }));
}

// A received Marketplace lead, as the API has it (its id makes the deep link).
async function receivedLead(server) {
  const lead = (await apiLeadsWith(server, cliToken(server))).find(receivedMarketplace);
  assert(lead, 'a received Marketplace lead');
  return lead;
}

// Signed in through the provider as the partner admin, its tokens watched, with a received lead's accept form open.
async function acceptFormSignedIn(browser, server) {
  const lead = await receivedLead(server);
  const context = await newContext(browser);
  const watch = watchTokens(context, server);
  const page = await context.newPage();
  await signInThroughProvider(page, server, kDemoAccounts[0]);
  await openForm(page, lead, 'Accept', 'Accept this lead');
  return { lead, context, watch, page };
}

export const tests = [
  {
    name: 'a deep link opened signed out: the sign-in screen, the provider, back on the lead as each demo account',
    async run({ browser, out }) {
      await withServer({ leads: 40, signIn: true }, async (server) => {
        const lead = await receivedLead(server);
        for (const account of kDemoAccounts) {
          const context = await newContext(browser);
          const watch = watchTokens(context, server);
          const page = await context.newPage();
          await page.goto(`${server.url}/#/lead/${lead.id}`);
          // The silent attempt finds no provider session: the sign-in screen, in the UI's language, with one button.
          await waitForAppThrough(page, (app) => app.signIn === 'signed-out', { what: 'the sign-in screen' });
          await findNode(page, 'heading', 'Leads workspace');
          await findNode(page, 'button', 'Sign in');
          assertEqual((await appFacts(page)).oidc.problem, '', 'no problem to tell after a silent attempt');
          if (account === kDemoAccounts[0]) {
            await page.screenshot({ path: path.join(out, 'sign-in-en.png') });
            await pressButton(page, 'Türkçe');
            await findNode(page, 'button', 'Oturum aç');
            await page.screenshot({ path: path.join(out, 'sign-in-tr.png') });
            await pressButton(page, 'English');
            await findNode(page, 'button', 'Sign in');
          }
          // By keyboard: focus the button (what Tab reaches) and press Enter.
          await pressAx(page, 'button', 'Sign in');
          await signInAtProvider(page, server, account);
          const facts = await waitForAppThrough(page, (app) => app.signIn === 'signed-in' && app.selected === lead.id,
                                         { what: 'back on the deep link, signed in' });
          assertEqual([facts.app.oidc.user, facts.app.oidc.role], [account.name, account.roleKey], 'name and role');
          await findNode(page, 'status', (node) => node.name.includes(account.name) && node.name.includes(account.role));
          assertEqual(page.url(), `${server.url}/#/lead/${lead.id}`, 'the deep link, no code or state left');
          const accept = await findNode(page, 'button', 'Accept');
          if (account.role === 'Referrals user')
            assertEqual([accept.disabled, accept.value],
                        [true, 'Your role (Referrals user) is read-only: ask for the Referrals admin role.'],
                        'the read-only user sees Accept disabled with the reason');
          else
            assert(!accept.disabled, account.role + ' may accept');
          await watch.check(page);
          await context.close();
        }
      });
    },
  },
  {
    name: 'a wrong password: the provider says so, and the right one then signs in',
    async run({ browser }) {
      await withServer({ leads: 40, signIn: true }, async (server) => {
        const context = await newContext(browser);
        const page = await context.newPage();
        const [ayse] = kDemoAccounts;
        await page.goto(server.url + '/');
        await waitForAppThrough(page, (app) => app.signIn === 'signed-out', { what: 'the sign-in screen' });
        await pressButton(page, 'Sign in');
        await signInAtProvider(page, server, ayse, 'not-the-password');
        const alert = await page.waitForSelector('[role="alert"]');
        assert(/e-mail|password/i.test(await alert.textContent()), 'the page says the e-mail or password was wrong');
        await page.fill('input[name="email"]', ayse.email);
        await page.fill('input[name="password"]', ayse.password);
        await page.click('button[type="submit"]');
        const facts = await waitForAppThrough(page, (app) => app.signIn === 'signed-in', { what: 'signed in' });
        assertEqual(facts.app.oidc.user, ayse.name, 'signed in as Ayşe');
        await context.close();
      });
    },
  },
  {
    name: 'sign out ends the provider session, returns to the sign-in screen, and the other tab follows',
    async run({ browser }) {
      await withServer({ leads: 40, signIn: true }, async (server) => {
        const context = await newContext(browser);
        const watch = watchTokens(context, server);
        const first = await context.newPage();
        await signInThroughProvider(first, server, kDemoAccounts[1]);
        // A second tab signs in silently through the provider's session: no sign-in page.
        const second = await context.newPage();
        await second.goto(server.url + '/');
        await waitForAppThrough(second, (app) => app.signIn === 'signed-in', { what: 'the second tab signed in silently' });
        // The user goes back to the first tab and signs out there (a tab in the background draws nothing, and takes
        // in what happened when it is shown again).
        await first.bringToFront();
        await pressButton(first, 'Sign out');
        // The provider's session ended: back on the app, the silent attempt finds none.
        await waitForAppThrough(first, (app) => app.signIn === 'signed-out' && app.oidc.problem === '',
                                { what: 'the sign-in screen after signing out' });
        await second.bringToFront();
        await waitForAppThrough(second, (app) => app.signIn === 'signed-out' &&
                                app.oidc.problem === 'signin.signed_out_elsewhere', { what: 'the other tab signed out' });
        await findNode(second, 'alert', 'You signed out in another tab.');
        assertEqual(first.url(), server.url + '/', 'back on the app, nothing in the URL');
        await watch.check(first);
        await watch.check(second);
        await context.close();
      });
    },
  },
  {
    name: 'the token is renewed before it expires while a form is half-typed, the form untouched',
    async run({ browser }) {
      await withServer({ leads: 40, signIn: true, extraArgs: ['--access-token-seconds', '20'] }, async (server) => {
        const { lead, context, watch, page } = await acceptFormSignedIn(browser, server);
        await fill(page, 'Deal name', 'Kurumsal e-posta');
        const before = await appFacts(page);
        // Renewal is due at half of a 20-second lifetime: wait for the published count, twice.
        const renewed = await waitForAppThrough(page, (app) => app.oidc.renewals >= 2, { what: 'two renewals', timeout: 60000 });
        assert(renewed.app.oidc.tokenExpiresAt > before.oidc.tokenExpiresAt, 'a later expiry');
        assertEqual(renewed.app.signIn, 'signed-in', 'no interruption');
        await waitForNode(page, 'textbox', (node) => node.name === 'Deal name' && node.value === 'Kurumsal e-posta',
                          'the deal name as typed');
        await waitForNode(page, 'heading', (node) => node.name === 'Accept this lead', 'the form still open');
        assert(watch.refreshTokens.length >= 3 && new Set(watch.refreshTokens).size === watch.refreshTokens.length,
               'a new refresh token at every renewal');
        await watch.check(page);
        await context.close();
      });
    },
  },
  {
    name: 'a refused renewal ends the session; signing in again in a popup keeps the form, and its save goes through',
    // The refresh token revoked: the renewal's 400 invalid_grant; the save sent meanwhile: 401. The popup closes
    // itself as soon as it has handed the provider's answer over, cutting short the app files its page preloads.
    expects: { status: [400, 401], failedRequests: /\/leads\.(js|wasm|data) net::ERR_ABORTED$/ },
    async run({ browser, out }) {
      await withServer({ leads: 40, signIn: true, extraArgs: ['--access-token-seconds', '20'] }, async (server) => {
        const { lead, context, watch, page } = await acceptFormSignedIn(browser, server);
        await fill(page, 'Deal name', 'Kurumsal e-posta geçişi');
        await fill(page, 'Estimated deal value', '1250');
        await pickCurrency(page, 'TRY');
        await fill(page, 'Estimated purchase date (e.g. Mar 31, 2031)', '2031-03-31');
        await fill(page, 'Notes: what is the customer looking for?', '50 posta kutusu');
        // Revoked at the provider (RFC 7009): the family of the refresh token the app holds.
        const revoked = await fetch(server.url + '/revoke', {
          method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token: watch.refreshTokens.at(-1), client_id: 'leads-workspace' }),
        });
        assertEqual(revoked.status, 200, 'revoked');
        await waitForAppThrough(page, (app) => app.signIn === 'expired' && app.oidc.problem === 'session.ended',
                         { what: 'the session ended', timeout: 60000 });
        await findNode(page, 'alert', 'Your session has ended.');
        await page.screenshot({ path: path.join(out, 'session-ended.png') });
        await waitForNode(page, 'textbox', (node) => node.name === 'Deal name' && node.value === 'Kurumsal e-posta geçişi',
                          'the form as typed');
        // Saving now is refused (no token): the form keeps the change for after signing in.
        await pressButton(page, 'Next');
        await waitForNode(page, 'alert', 'Your sign-in has expired. Sign in again.', 'the save refused for the sign-in');
        const popupOpened = context.waitForEvent('page');
        await pressButton(page, 'Sign in again');
        const popup = await popupOpened;
        // The provider's session is alive: it answers at once, and the popup hands the answer over and closes.
        await popup.waitForEvent('close', { timeout: 30000 });
        await waitForAppThrough(page, (app) => app.signIn === 'signed-in', { what: 'signed in again' });
        await waitForToast(page, 'Accepted — moved to Accepted');
        const saved = (await apiLeadsWith(server, cliToken(server))).find((candidate) => candidate.id === lead.id);
        assertEqual(saved.status, 'Active', 'the lead accepted');
        assertEqual(saved.details?.dealValue, 1250, 'with the value typed before the session ended');
        assertEqual(page.url().startsWith(server.url + '/#/lead/'), true, 'the page never left');
        await watch.check(page);
        await context.close();
      });
    },
  },
  {
    name: 'a screen-reader user signs in: the sign-in screen and the provider page in the accessibility tree, in Turkish and English, and axe finds nothing serious',
    async run({ browser }) {
      await withServer({ leads: 40, signIn: true }, async (server) => {
        for (const [locale, signIn, heading, email, password] of [['tr-TR', 'Oturum aç', 'Oturum açın', 'E-posta', 'Parola'],
                                                                   ['en-US', 'Sign in', 'Sign in', 'E-mail', 'Password']]) {
          const context = track(await browser.newContext({ viewport: kViewport, locale }));
          const page = await context.newPage();
          await page.goto(server.url + '/');
          await waitForAppThrough(page, (app) => app.signIn === 'signed-out', { what: 'the sign-in screen' });
          // The app's screen as Chromium exposes it: a button by its name, reached and pressed by keyboard alone.
          const button = await waitForAx(page, 'button', signIn);
          assert(!button.properties.disabled, 'the sign-in button is enabled');
          const tree = await axTree(page);
          const languages = tree.filter((node) => node.role === 'button' && /^(Türkçe|English)$/.test(node.name));
          assertEqual(languages.filter((node) => node.properties.pressed === 'true').map((node) => node.name),
                      [locale === 'tr-TR' ? 'Türkçe' : 'English'], 'the language switch says which language is on');
          assert(tree.some((node) => node.role === 'main') && tree.some((node) => node.role === 'heading'),
                 'a main region with a heading');
          await pressAx(page, 'button', signIn);
          // The provider's page: labelled fields, a heading, and no serious axe violation.
          await page.waitForURL((url) => url.href.startsWith(server.url + '/authorize') && !url.searchParams.has('prompt'));
          await waitForAx(page, 'heading', heading);
          await waitForAx(page, 'textbox', email);
          await waitForAx(page, 'textbox', password);
          assertEqual(await axeViolations(page), [], `axe on the provider's sign-in page (${locale})`);
          // A wrong password is announced (role alert), then the right one signs in, all by keyboard.
          const account = kDemoAccounts[1];
          await page.keyboard.type(account.email);
          await page.keyboard.press('Tab');
          await page.keyboard.type('not-the-password');
          await page.keyboard.press('Enter');
          const alert = await waitForAx(page, 'alert', () => true);
          assert(alert.name.length > 0 || (await page.textContent('[role="alert"]')).length > 0, 'the refusal is announced');
          await page.fill('input[name="password"]', account.password);
          await page.keyboard.press('Enter');
          await waitForAppThrough(page, (app) => app.signIn === 'signed-in' && app.load === 'loaded',
                                  { what: 'signed in and loaded' });
          await waitForAx(page, 'button', locale === 'tr-TR' ? 'Oturumu kapat' : 'Sign out');
          await context.close();
        }
      });
    },
  },
];
