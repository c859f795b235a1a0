// Issue 16, parts 1 and 3, in a real browser: the Turkish UI in Partner Center's words (screenshots of the list, the
// detail, the accept and the decline forms in docs/screenshots/), every "Getting more leads" tip next to its figure
// with the next steps as links opening in a new tab, the decline notice before saving, an expired lead without its
// customer's contacts, and the searchable currency combo.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { apiLeads, assert, assertEqual, fillNode, findNode, findNodes, isMarketplace, isQualified, noNode, openApp,
         openForm, openWorkspace, pickCurrency, pickLead, pickReason, press, pressButton, receivedMarketplace, root,
         semanticsOf, settledNode, stageOf, track, typeText, waitForApp, waitForNode, waitForToast, watchWrites,
         withSharedServer } from './harness.mjs';

const kProfileUrl = 'https://partner.contoso.example/business-profile';
const kScreens = path.join(root, 'docs/screenshots');

// A screenshot into the test's output; with LEADS_DOC_SCREENSHOTS=1 also into docs/screenshots (for the README and
// the docs), so an ordinary run leaves the tree untouched.
async function shoot(page, out, name) {
  const file = path.join(out, name);
  await page.screenshot({ path: file });
  if (process.env.LEADS_DOC_SCREENSHOTS !== '1') return;
  mkdirSync(kScreens, { recursive: true });
  copyFileSync(file, path.join(kScreens, name));
}

// Words the glossary replaced (docs/glossary.md): none may be on a Turkish screen.
const kReplaced = [/pazar yeri/i, /potansiyel müşteri/i, /favori/i, /fırsat/i, /yönlendirme/i, /CRM no/, /kampanya no/i];

// The app's own words on screen: names and labels, not the leads' data (rows, cells, links, a lead's heading, the
// value after a detail label), which stays as the customer or the sender wrote it.
async function assertGlossaryWords(page, where) {
  const { nodes } = await semanticsOf(page);
  for (const node of nodes) {
    if (/^(row|gridcell|link|heading|textbox|combobox|option)$/.test(node.role)) continue;
    const text = node.role === 'text' ? node.name.split(': ')[0] : node.name;
    for (const word of kReplaced)
      assert(!word.test(text), `${where}: ${node.role} "${text}" uses a word the glossary replaced (${word})`);
  }
}

async function turkish(page) {
  await press(page, await findNode(page, 'button', 'Türkçe'));
  await findNode(page, 'tab', 'Market müşteri adayları');
}

export const tests = withSharedServer({ leads: 120, seed: 7, extraArgs: ['--business-profile-url', kProfileUrl] }, [
  {
    name: 'words: the Turkish list, detail, accept and decline forms use Partner Center\'s words (screenshots)',
    async run({ browser, server, out }) {
      const { page } = await openWorkspace(browser, server);
      await turkish(page);
      for (const tab of ['Market müşteri adayları', 'Nitelikli müşteri adayları', 'Sık Kullanılanlar'])
        await findNode(page, 'tab', tab);
      await findNode(page, 'columnheader', 'Müşteri adayı');
      await findNode(page, 'textbox', 'Müşteri adaylarında ara');
      await assertGlossaryWords(page, 'list');
      await shoot(page, out, 'words-list-tr.png');

      const lead = await pickLead(page, server, receivedMarketplace);
      await openForm(page, lead, 'Kabul et', 'Bu müşteri adayını kabul et');
      await findNode(page, 'button', 'Önceki müşteri adayı');
      await findNode(page, 'textbox', 'Anlaşma adı');
      await findNode(page, 'textbox', 'Tahmini anlaşma değeri');
      await assertGlossaryWords(page, 'accept form');
      // The currency combo searches every ISO 4217 currency by name in Turkish: "lira" offers the Turkish lira first.
      await press(page, await findNode(page, 'combobox', 'Para birimi'));
      await fillNode(page, await findNode(page, 'textbox', 'Para birimlerinde ara'), 'lira');
      const first = await settledNode(page, 'option', (node) => node.value === 'TRY');
      assertEqual(first.name, 'TRY · Türk lirası', 'the option shows the code and the Turkish name');
      const options = (await findNodes(page, 'option')).map((node) => node.value);
      assertEqual(options[0], 'TRY', 'the usual lira first');
      assert(options.includes('EGP') && !options.includes('USD'), 'every lira, nothing else: ' + options.join(' '));
      await shoot(page, out, 'words-accept-tr.png');
      await press(page, first);
      await waitForNode(page, 'combobox', (node) => node.name === 'Para birimi' && node.value === 'TRY', 'TRY chosen');
      await pressButton(page, 'Vazgeç');

      await pressButton(page, 'Reddet');
      await waitForNode(page, 'heading', 'Bu müşteri adayını reddet', 'decline form');
      await findNode(page, 'note', 'Kaydettiğinizde müşteriye reddettiğiniz bildirilir ve başka bir iş ortağı seçmesi istenir.');
      await assertGlossaryWords(page, 'decline form');
      await shoot(page, out, 'words-decline-tr.png');
      await pressButton(page, 'Vazgeç');
      await findNode(page, 'button', 'Kabul et');
      await assertGlossaryWords(page, 'detail');
      await shoot(page, out, 'words-detail-tr.png');
    },
  },
  {
    name: 'words: the currency combo is used from the keyboard: type "euro" and Enter, or Down through the matches',
    async run({ browser, server }) {
      const { page } = await openWorkspace(browser, server);
      const lead = await pickLead(page, server, receivedMarketplace);
      await openForm(page, lead, 'Accept', 'Accept this lead');
      await press(page, await findNode(page, 'combobox', 'Currency'));
      await findNode(page, 'textbox', 'Search currencies');
      await typeText(page, 'euro');  // the search field has the keyboard as soon as the list opens
      await waitForNode(page, 'textbox', (node) => node.name === 'Search currencies' && node.value === 'euro', 'typed');
      const options = (await findNodes(page, 'option')).map((node) => node.value);
      assertEqual(options, ['EUR'], 'only the euro matches "euro"');
      await page.keyboard.press('Enter');
      await waitForNode(page, 'combobox', (node) => node.name === 'Currency' && node.value === 'EUR' && !node.expanded,
                        'EUR picked with Enter');
      // Down moves from the search to the matches, Down again to the next one, Enter picks it.
      await press(page, await findNode(page, 'combobox', 'Currency'));
      await fillNode(page, await findNode(page, 'textbox', 'Search currencies'), 'lira');
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'option');
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(() => document.activeElement?.textContent === 'EGP · Egyptian pound');  // the second lira
      await page.keyboard.press('Enter');
      await waitForNode(page, 'combobox', (node) => node.name === 'Currency' && node.value === 'EGP', 'EGP picked');
      await pickCurrency(page, 'JPY', { search: 'yen' });  // by its name, any ISO 4217 currency, not four
      // A search with no match says so and keeps the choice.
      await press(page, await findNode(page, 'combobox', 'Currency'));
      await fillNode(page, await findNode(page, 'textbox', 'Search currencies'), 'qqq');
      await findNode(page, 'status', 'No currency matches this search.');
      assertEqual((await findNodes(page, 'option')).length, 0, 'no option');
      assertEqual((await findNode(page, 'combobox', 'Currency')).value, 'JPY', 'the choice is kept');
    },
  },
  {
    name: 'words: the decline form says before saving that the customer will be told to choose another partner',
    async run({ browser, server }) {
      const { page } = await openWorkspace(browser, server);
      const writes = watchWrites(page);
      const lead = await pickLead(page, server, receivedMarketplace);
      await openForm(page, lead, 'Decline', 'Decline this lead');
      const notice = await findNode(page, 'note', (node) => node.name.startsWith('When you save, the customer is told'));
      assert(notice.name.includes('choose another partner'), notice.name);
      const save = await findNode(page, 'button', 'Close deal');
      assert(notice.rect.y < save.rect.y, 'the notice comes before the save button');
      assertEqual(writes, [], 'the notice is there before anything is sent');
      await pickReason(page, 'Customer chose another vendor');
      await pressButton(page, 'Close deal');
      await waitForToast(page, 'Declined — moved to Archived');
      assertEqual(writes.length, 1, 'one write');
    },
  },
  {
    name: 'words: an expired lead says the sender was told and shows no customer contact, only that they were withdrawn',
    async run({ browser, server }) {
      const leads = await apiLeads(server);
      const lead = leads.find((one) => (isMarketplace(one) || isQualified(one)) && one.status === 'Closed' &&
                                      one.substatus === 'Expired' && (one.customerProfile?.team || []).length > 0);
      assert(lead, 'the seed has an expired lead with customer contacts');
      const contacts = lead.customerProfile.team;
      const context = track(await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' }));
      const { page } = await openApp(context, server, { hash: '#/lead/' + lead.id });
      await waitForApp(page, (app) => app.selected === lead.id, { what: 'the expired lead open' });
      assertEqual(stageOf(lead), 'archived', 'archived');
      const notice = await findNode(page, 'status', (node) => node.value === 'expired-notice');
      assert(/sender was told/.test(notice.name) && /withdrawn/.test(notice.name), notice.name);
      await findNode(page, 'status', (node) => node.value === 'contacts-withdrawn');
      const { nodes } = await semanticsOf(page);
      for (const contact of contacts)
        for (const detail of [contact.email, contact.phoneNumber, contact.lastName].filter(Boolean)) {
          assert(!nodes.some((node) => (node.name || '').includes(detail) || (node.value || '').includes(detail)),
                 `the contact's ${detail} is not on screen`);
          assert(!(await page.evaluate((text) => document.body.innerText.includes(text), detail)),
                 `the contact's ${detail} is not in the page's text`);
        }
      assert(await noNode(page, 'link', (node) => /^(mailto|tel):/.test(node.value || '')), 'no mail or phone link');
    },
  },
  {
    name: 'words: Getting more leads puts each tip next to its figure and links the business profile and the CRM connectors',
    async run({ browser, server, out }) {
      const { context, page } = await openWorkspace(browser, server);
      await press(page, await findNode(page, 'button', 'Getting more leads'));
      const pairs = [['Median time to respond', 'Answer quickly'], ['Acceptance rate', 'Be choosy'],
                     ['Win rate', 'Report deal sizes'], ['Received', 'Keywords and company-size preferences'],
                     ['Expired unanswered', 'Give every location']];
      for (const [figure, tip] of pairs) {
        const shown = await findNode(page, 'status', figure);
        const note = await findNode(page, 'note', 'Tip · ' + figure);
        assert(note.value.startsWith(tip), `${figure}: ${note.value}`);
        assert(Math.abs(note.rect.x - shown.rect.x) < 4 && note.rect.y > shown.rect.y &&
               note.rect.y - shown.rect.y < 80, `the tip sits under ${figure}: ${JSON.stringify([shown.rect, note.rect])}`);
      }
      const profile = await findNode(page, 'link', 'Your business profile');
      assertEqual(profile.value, kProfileUrl, 'the business profile address comes from app-config.json');
      assertEqual((await findNode(page, 'link', 'CRM connector for Dynamics 365')).value,
                  'https://learn.microsoft.com/partner-center/referrals/connector-dynamics', 'Dynamics 365 connector');
      assertEqual((await findNode(page, 'link', 'CRM connector for Salesforce')).value,
                  'https://learn.microsoft.com/partner-center/referrals/connector-salesforce', 'Salesforce connector');
      const anchor = await page.evaluate((url) => {
        const link = document.querySelector(`a[href="${url}"]`);
        return link && [link.target, link.rel, link.textContent];
      }, kProfileUrl);
      assertEqual(anchor, ['_blank', 'noopener noreferrer', 'Your business profile'], 'a real link in the page, to a new tab');

      // A click on the canvas opens the page in a new tab (answered here: the test machine has no internet).
      await context.route(kProfileUrl, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>profile</title>' }));
      const opened = context.waitForEvent('page');
      await press(page, profile);
      const tab = await opened;
      await tab.waitForLoadState();
      assertEqual(tab.url(), kProfileUrl, 'the business profile opened in a new tab');
      assertEqual(page.url().startsWith(server.url), true, 'the workspace stays where it was');
      await tab.close();

      await turkish(page);
      await findNode(page, 'heading', 'Daha fazla müşteri adayı alma: rakamlarınız');
      await findNode(page, 'link', 'İş profiliniz');
      await findNode(page, 'note', (node) => node.name === 'İpucu · Kabul oranı' && node.value.startsWith('Seçici olun'));
      await shoot(page, out, 'words-metrics-tr.png');
    },
  },
]);
