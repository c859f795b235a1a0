// The lead list in a real browser against a live server-mock: favorites across tabs and reloads, search with
// Turkish letters, sorting by a column header, the language switch, the CSV export, and screenshots of the main
// screens in both languages.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { apiLeads, appFacts, assert, assertEqual, fill, findNode, findNodes, fold, isMarketplace, isQualified,
         openForm, openLead, openWorkspace, pickLead, press, pressButton, receivedMarketplace, searchText, showTab,
         waitForApp, waitForLoopAtRest, waitForNode, waitForToast, withSharedServer } from './harness.mjs';

const kTurkishTabs = ['Market müşteri adayları', 'Nitelikli müşteri adayları', 'Sık Kullanılanlar'];
const kEnglishTabs = ['Marketplace leads', 'Qualified leads', 'Favorites'];

async function tabNames(page) {
  return (await findNodes(page, 'tab')).map((tab) => tab.name);
}

async function rowIds(page) {
  return (await findNodes(page, 'row')).map((row) => row.value);
}

// The marketplace leads whose searchable text holds every folded word of `query`, as the app's search should.
function expectedMatches(leads, query) {
  const words = fold(query).split(' ').filter(Boolean);
  return leads.filter((lead) => isMarketplace(lead) && words.every((word) => searchText(lead).includes(word)));
}

async function searchFor(page, query) {
  await fill(page, 'Search leads', query);
  return (await waitForApp(page, (app) => app.views.search === query, { what: `rows searched for "${query}"` })).app;
}

// Reads a CSV with quoted fields (a quote doubled inside), as a spreadsheet would.
function parseCsv(text, separator) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += '"', ++i;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === separator) {
      row.push(field), field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), row = [], field = '', ++i;
    } else {
      field += c;
    }
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

async function exportCsv(page, buttonName) {
  const [download] = await Promise.all([page.waitForEvent('download'), pressButton(page, buttonName)]);
  const bytes = readFileSync(await download.path());
  return { name: download.suggestedFilename(), bytes };
}

function checkCsv(bytes, separator, facts, header, what) {
  assertEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], what + ': starts with the UTF-8 BOM');
  const text = bytes.subarray(3).toString('utf8');
  assert(text.endsWith('\r\n'), what + ': lines end with CRLF');
  const rows = parseCsv(text, separator);
  assertEqual(rows[0], header, what + ': header row');
  assertEqual(rows.length - 1, facts.rows, what + ': one data row per row of the view');
  for (const row of rows) assertEqual(row.length, header.length, what + ': fields in ' + JSON.stringify(row));
  return rows.slice(1);
}

export const tests = withSharedServer({ leads: 80, seed: 5 }, [
  {
    name: 'favorites from both tabs are listed together, survive a reload, and a heart click in Favorites removes one',
    async run({ browser, server }) {
      const { context, page } = await openWorkspace(browser, server);
      const hearts = [];
      for (const tab of ['marketplace', 'qualified']) {
        await showTab(page, tab);
        const heart = (await findNodes(page, 'checkbox')).find((node) => !node.checked && node.rect.y < 700);
        await press(page, heart);
        await waitForNode(page, 'checkbox', (node) => node.value === heart.value && node.checked, 'heart filled');
        await waitForToast(page, heart.name.replace('Favorite: ', '') + ' added to favorites');
        hearts.push(heart.value);
      }
      const leads = new Map((await apiLeads(server)).map((lead) => [lead.id, lead]));
      assert(isMarketplace(leads.get(hearts[0])) && isQualified(leads.get(hearts[1])), 'one lead from each tab');
      assertEqual((await findNode(page, 'tab', 'Favorites')).value, '2', 'Favorites count');
      await showTab(page, 'favorites');
      assertEqual((await rowIds(page)).sort(), [...hearts].sort(), 'the Favorites tab lists both');

      await waitForApp(page, (app) => app.favoritesSaving === 0, { what: 'both favorites committed to IndexedDB' });
      await page.reload();
      await waitForApp(page, (app) => app.load === 'loaded' && app.favorites === 2, { what: 'favorites after reload' });
      await showTab(page, 'favorites');
      assertEqual((await rowIds(page)).sort(), [...hearts].sort(), 'both still listed after the reload');
      await showTab(page, 'marketplace');
      await waitForNode(page, 'checkbox', (node) => node.value === hearts[0] && node.checked, 'heart still filled in its tab');

      await showTab(page, 'favorites');
      await press(page, await findNode(page, 'checkbox', (node) => node.value === hearts[1]));
      await waitForApp(page, (app) => app.favorites === 1 && app.rows === 1, { what: 'one favorite left' });
      assertEqual(await rowIds(page), [hearts[0]], 'the other one stays');
      await context.close();
    },
  },
  {
    name: 'search folds Turkish letters: istanbul finds İstanbul, ışık and ISIK find IŞIK, and nothing else shows',
    async run({ browser, server }) {
      await server.mock('POST', '/_mock/referrals', {
        name: 'Örme makineleri için ERP', qualification: 'Direct',
        customerProfile: { name: 'IŞIK Örme Sanayi A.Ş.', address: { city: 'İstanbul', country: 'TR' },
                           team: [{ firstName: 'Şule', lastName: 'Işıkçı', email: 'sule@isikorme.com.tr', phoneNumber: '+90 212 555 01 01' }] },
        details: { notes: 'Üretim planlaması için çözüm arıyoruz.' },
      });
      const { context, page } = await openWorkspace(browser, server);
      const leads = await apiLeads(server);
      const injected = leads.find((lead) => lead.customerProfile.name === 'IŞIK Örme Sanayi A.Ş.');
      assertEqual((await appFacts(page)).rows, leads.filter(isMarketplace).length, 'before searching: every marketplace lead');

      const seen = {};
      for (const query of ['istanbul', 'İSTANBUL', 'ışık örme', 'ISIK ORME', 'isikci']) {
        const facts = await searchFor(page, query);
        const expected = expectedMatches(leads, query).map((lead) => lead.id);
        assertEqual(facts.rows, expected.length, `rows for "${query}"`);
        const shown = await rowIds(page);
        assert(shown.length > 0 && shown.every((id) => expected.includes(id)), `only matches shown for "${query}"`);
        assert(expected.includes(injected.id) && shown.includes(injected.id), `the IŞIK lead is found by "${query}"`);
        seen[query] = expected.sort();
      }
      assertEqual(seen['İSTANBUL'], seen.istanbul, 'case does not matter');
      assertEqual(seen['ISIK ORME'], seen['ışık örme'], 'dotless ı and Ş fold to i and s');
      const istanbul = leads.filter((lead) => isMarketplace(lead) && lead.customerProfile.address.city === 'İstanbul');
      assert(istanbul.every((lead) => seen.istanbul.includes(lead.id)), 'every lead in İstanbul is found');

      await searchFor(page, 'zzzz-yok');
      await findNode(page, 'status', 'No lead matches this search.');
      assertEqual((await appFacts(page)).rows, 0, 'no rows');
      await context.close();
    },
  },
  {
    name: 'clicking the Customer header sorts the rows by customer, and clicking again reverses them',
    async run({ browser, server }) {
      const { context, page } = await openWorkspace(browser, server);
      const names = (await apiLeads(server)).filter(isMarketplace).map((lead) => fold(lead.customerProfile.name)).sort();
      const before = await rowIds(page);
      // Column headers have no semantics node: the header row sits right above the first row, and the customer
      // column starts after the heart and flame columns, where pressRow also clicks.
      const first = (await findNodes(page, 'row'))[0];
      const header = { x: first.rect.x + 120, y: first.rect.y - 12 };
      const shownNames = async () => (await findNodes(page, 'row')).map((row) => fold(row.name));

      const clickHeader = async () => {
        await page.mouse.move(header.x, header.y);  // ImGui sees the hover first, as with a real mouse
        await waitForLoopAtRest(page);  // the hover's frame is drawn
        await page.mouse.click(header.x, header.y);
      };
      await clickHeader();
      await waitForApp(page, (app, nodes) => nodes.find((node) => node.role === 'row')?.value !== before[0],
                       { what: 'sorted' });
      let shown = await shownNames(page);
      assertEqual(shown[0], names[0], 'the first customer in alphabetical order comes first');
      assert(shown.every((name, i) => i === 0 || shown[i - 1] <= name), 'ascending: ' + shown.join(' | '));

      await clickHeader();
      await waitForApp(page, (app, nodes) => fold(nodes.find((node) => node.role === 'row').name) === names[names.length - 1],
                       { what: 'reversed' });
      shown = await shownNames(page);
      assert(shown.every((name, i) => i === 0 || shown[i - 1] >= name), 'descending: ' + shown.join(' | '));
      await context.close();
    },
  },
  {
    name: 'switching to Türkçe translates the workspace and is remembered after a reload; English switches back',
    async run({ browser, server }) {
      const { context, page } = await openWorkspace(browser, server);
      assertEqual(await tabNames(page), kEnglishTabs, 'English by default');
      await pressButton(page, 'Türkçe');
      await waitForApp(page, (app) => app.language === 'tr', { what: 'Turkish' });
      await waitForNode(page, 'tab', kTurkishTabs[0], 'Turkish tab name');
      assertEqual(await tabNames(page), kTurkishTabs, 'Turkish tab names');
      await findNode(page, 'textbox', 'Müşteri adaylarında ara');
      await findNode(page, 'button', 'CSV olarak dışa aktar');
      assertEqual((await findNode(page, 'button', 'Türkçe')).selected, true, 'Türkçe marked as chosen');

      await page.reload();
      await waitForApp(page, (app) => app.load === 'loaded', { what: 'reloaded' });
      assertEqual((await appFacts(page)).language, 'tr', 'the choice is remembered');
      assertEqual(await tabNames(page), kTurkishTabs, 'still Turkish after the reload');

      await pressButton(page, 'English');
      await waitForApp(page, (app) => app.language === 'en', { what: 'English' });
      await waitForNode(page, 'tab', kEnglishTabs[0], 'English tab name');
      assertEqual(await tabNames(page), kEnglishTabs, 'English again');
      await context.close();
    },
  },
  {
    name: 'the CSV export has the BOM, a header and one row per row of the view, Turkish letters intact, , in English and ; in Turkish',
    async run({ browser, server }) {
      const { context, page } = await openWorkspace(browser, server);
      const leads = new Map((await apiLeads(server)).map((lead) => [lead.id, lead]));

      const english = await exportCsv(page, 'Export CSV');
      const facts = await appFacts(page);
      assert(english.name.endsWith('.csv'), 'a .csv file: ' + english.name);
      const rows = checkCsv(english.bytes, ',', facts,
                            ['Favorite', 'Customer', 'Lead', 'Kind', 'Stage', 'Received', 'Time left', 'Est. value',
                             'Currency', 'City', 'Country', 'Lead ID'], 'English');
      await waitForToast(page, `Exported ${facts.rows} leads`);
      const turkishRow = rows.find((row) => /[ıİşŞğĞçÇöÖüÜ]/.test(row[1]));
      assert(turkishRow, 'some customer has Turkish letters');
      for (const row of rows) {
        const lead = leads.get(row[11]);
        assert(lead && isMarketplace(lead), 'each row is a marketplace lead: ' + row[11]);
        assertEqual([row[1], row[2], row[9]], [lead.customerProfile.name, lead.name, lead.customerProfile.address.city],
                    'customer, deal and city as the server has them');
      }

      await pressButton(page, 'Türkçe');
      await waitForApp(page, (app) => app.language === 'tr', { what: 'Turkish' });
      await showTab(page, 'qualified');
      // Search a Turkish city as typed on a Turkish keyboard, so the export is of a narrowed view.
      const city = [...leads.values()].filter(isQualified).map((lead) => lead.customerProfile.address.city)
        .find((name) => /[İışŞğçöü]/.test(name));
      await fill(page, 'Müşteri adaylarında ara', city);
      const turkishFacts = (await waitForApp(page, (app) => app.views.search === city, { what: 'searched ' + city })).app;
      assert(turkishFacts.rows > 0 && turkishFacts.rows < [...leads.values()].filter(isQualified).length,
             'a searched view: ' + turkishFacts.rows);
      const turkish = await exportCsv(page, 'CSV olarak dışa aktar');
      const turkishRows = checkCsv(turkish.bytes, ';', turkishFacts,
                                   ['Sık kullanılan', 'Müşteri', 'Müşteri adayı', 'Tür', 'Aşama', 'Alındı', 'Kalan süre',
                                    'Tahmini anlaşma değeri', 'Para birimi', 'Şehir', 'Ülke', 'Müşteri adayı kimliği'], 'Turkish');
      const shown = new Set(await rowIds(page));
      for (const row of turkishRows) {
        const lead = leads.get(row[11]);
        assert(lead && isQualified(lead), 'each row is a qualified lead: ' + row[11]);
        assertEqual(row[1], lead.customerProfile.name, 'customer name intact');
        if (lead.details.dealValue != null && lead.details.dealValue >= 1000)
          assert(/^\d{1,3}(\.\d{3})+,\d{2}$/.test(row[7]), 'Turkish number format: ' + row[7]);
      }
      assert([...shown].every((id) => turkishRows.some((row) => row[11] === id)), 'the rows on screen are exported');
      await context.close();
    },
  },
  {
    name: 'screenshots of the list, the accept form and the figures panel in English and Turkish',
    async run({ browser, server, out }) {
      const { context, page } = await openWorkspace(browser, server);
      const lead = await pickLead(page, server, receivedMarketplace);
      const titles = {
        en: { accept: 'Accept this lead', button: 'Accept', figures: 'Getting more leads', title: 'Getting more leads: your figures' },
        tr: { accept: 'Bu müşteri adayını kabul et', button: 'Kabul et', figures: 'Daha fazla müşteri adayı alma', title: 'Daha fazla müşteri adayı alma: rakamlarınız' },
      };
      for (const language of ['en', 'tr']) {
        const text = titles[language];
        if (language === 'tr') {
          await pressButton(page, 'Türkçe');
          await waitForApp(page, (app) => app.language === 'tr', { what: 'Turkish' });
        }
        await waitForLoopAtRest(page);
        await page.screenshot({ path: path.join(out, `workspace-list-${language}.png`) });
        await openForm(page, lead, text.button, text.accept);
        await waitForLoopAtRest(page);
        await page.screenshot({ path: path.join(out, `workspace-accept-${language}.png`) });
        await page.keyboard.press('Escape');
        await pressButton(page, text.figures);
        await waitForNode(page, 'heading', text.title, 'figures panel');
        await waitForLoopAtRest(page);
        await page.screenshot({ path: path.join(out, `workspace-figures-${language}.png`) });
        // Hide the figures again so the next language starts from the list.
        const hide = (await findNodes(page, 'button')).find((node) => ['Hide figures', 'Rakamları gizle'].includes(node.name));
        if (hide) await press(page, hide);
        await page.keyboard.press('Escape');
        await waitForApp(page, (app) => app.selected === '', { what: 'the detail closed' });
      }
      await context.close();
    },
  },
]);
