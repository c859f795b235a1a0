// The filter panel and the "Getting more leads" panel in a real browser, checked against the server's own data.
import path from 'node:path';
import {
  appFacts, assert, assertEqual, findNode, findNodes, openApp, press, waitForApp, waitForLoopAtRest, withServer
} from './harness.mjs';

// Every lead as the server has it, read the way any API client would: a dev token, then the pages.
async function serverLeads(server) {
  const { token } = await (await fetch(server.url + '/dev/token')).json();
  const leads = [];
  let url = server.url + '/v1.0/engagements/referrals?$top=1000';
  while (url) {
    const response = await fetch(url, { headers: { Authorization: 'Bearer ' + token } });
    assert(response.ok, `list answered ${response.status}`);
    const page = await response.json();
    leads.push(...page.value);
    url = page['@odata.nextLink'];
  }
  return leads;
}

// The contract's "which leads the workspace shows".
const incomingIndependent = (lead) => lead.direction === 'Incoming' && lead.type === 'Independent';
const isMarketplace = (lead) => incomingIndependent(lead) && lead.qualification === 'Direct';
const isQualified = (lead) => incomingIndependent(lead) &&
  ['MarketingQualified', 'SalesQualified'].includes(lead.qualification) && lead.inviteContext?.invitedBy?.organizationId === 'msft';
const cityOf = (lead) => lead.customerProfile?.address?.city || '';

// Opens a combo and picks an option. Frames are slow on a loaded machine (software WebGL): a press that landed while
// the panel was still settling is repeated once rather than failing the test on timing.
async function pickOption(page, comboName, optionName) {
  let option;
  for (let attempt = 0; attempt < 2 && !option; attempt++) {
    await press(page, await findNode(page, 'combobox', comboName));
    option = await findNode(page, 'option', optionName, { timeout: 5000 }).catch(() => null);
  }
  assert(option, `the ${comboName} list offers ${optionName}`);
  await press(page, option);
  await findNode(page, 'combobox', (node) => node.name === comboName && node.value === optionName);
}

async function visibleRowIds(page) {
  return (await findNodes(page, 'row')).map((row) => row.value);
}

export const tests = [
  {
    name: 'panels: the stage and city filters show exactly the server\'s matching leads, and Clear filters restores the list',
    async run({ browser, out }) {
      await withServer({ leads: 240 }, async (server) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const { page } = await openApp(context, server);
        const byId = new Map((await serverLeads(server)).map((lead) => [lead.id, lead]));
        const marketplace = [...byId.values()].filter(isMarketplace);
        const accepted = marketplace.filter((lead) => lead.status === 'Active');
        assert(accepted.length > 0, 'the seed has accepted Marketplace leads');
        assertEqual((await appFacts(page)).rows, marketplace.length, 'Marketplace rows before filtering');

        await press(page, await findNode(page, 'button', 'Filters'));
        await pickOption(page, 'Stage', 'Accepted');
        await waitForApp(page, (app) => app.rows === accepted.length, { what: `${accepted.length} accepted rows` });
        const acceptedRows = await visibleRowIds(page);
        assert(acceptedRows.length > 0, 'accepted rows on screen');
        for (const id of acceptedRows) assertEqual(byId.get(id)?.status, 'Active', `row ${id} is accepted`);
        // Marketplace holds one kind only, so it offers no kind checkboxes; Qualified offers its two.
        assertEqual((await findNodes(page, 'checkbox')).filter((node) => node.name === 'Marketing qualified').length, 0,
                    'no kind filter on the Marketplace tab');

        // The city with the most accepted leads, among the first cities the list shows (the popup scrolls).
        await press(page, await findNode(page, 'combobox', 'City'));
        await findNode(page, 'option', 'Any city');
        const cityOptions = (await findNodes(page, 'option')).slice(1, 10).map((node) => node.name);
        const inCity = (city) => accepted.filter((lead) => cityOf(lead) === city);
        const city = cityOptions.filter((name) => inCity(name).length > 0)
          .sort((a, b) => inCity(b).length - inCity(a).length)[0];
        assert(city, 'a listed city has accepted leads: ' + cityOptions.join(', '));
        await press(page, await findNode(page, 'option', city));
        await waitForApp(page, (app) => app.rows === inCity(city).length, { what: `${inCity(city).length} rows in ${city}` });
        const cityRows = await visibleRowIds(page);
        assertEqual(cityRows.length, inCity(city).length, 'every matching row is on screen');
        for (const id of cityRows) {
          assertEqual(cityOf(byId.get(id)), city, `row ${id}'s city`);
          assertEqual(byId.get(id).status, 'Active', `row ${id} is still accepted`);
        }
        await waitForLoopAtRest(page);
        await page.screenshot({ path: path.join(out, 'filters-en.png') });

        await press(page, await findNode(page, 'button', 'Clear filters'));
        await waitForApp(page, (app) => app.rows === marketplace.length, { what: 'every Marketplace row back' });
        assertEqual((await findNode(page, 'combobox', 'Stage')).value, 'Any stage', 'stage filter cleared');
        assertEqual((await findNode(page, 'combobox', 'City')).value, 'Any city', 'city filter cleared');
        await context.close();
      });
    },
  },
  {
    name: 'panels: the Qualified tab offers its two kinds and the Archived outcome, in Turkish too',
    async run({ browser, out }) {
      await withServer({ leads: 240 }, async (server) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const { page } = await openApp(context, server);
        const leads = await serverLeads(server);
        const qualified = leads.filter(isQualified);
        const sales = qualified.filter((lead) => lead.qualification === 'SalesQualified');
        const salesWon = sales.filter((lead) => lead.status === 'Closed' && lead.substatus === 'Won');
        await press(page, await findNode(page, 'tab', 'Qualified leads'));
        await waitForApp(page, (app) => app.tab === 'qualified' && app.rows === qualified.length, { what: 'qualified tab' });
        await press(page, await findNode(page, 'button', 'Filters'));
        await press(page, await findNode(page, 'checkbox', 'Sales qualified'));
        await waitForApp(page, (app) => app.rows === sales.length, { what: `${sales.length} sales-qualified rows` });
        assertEqual((await findNode(page, 'checkbox', 'Sales qualified')).checked, true, 'kind checkbox checked');
        await pickOption(page, 'Stage', 'Archived');
        await pickOption(page, 'Outcome', 'Won');
        await waitForApp(page, (app) => app.rows === salesWon.length, { what: `${salesWon.length} won sales-qualified rows` });

        await press(page, await findNode(page, 'button', 'Türkçe'));
        const stage = await findNode(page, 'combobox', 'Aşama');
        assertEqual(stage.value, 'Arşivlendi', 'the stage filter speaks Turkish');
        await findNode(page, 'combobox', (node) => node.name === 'Sonuç' && node.value === 'Kazanıldı');
        await findNode(page, 'checkbox', (node) => node.name === 'Satış nitelikli' && node.checked);
        assertEqual((await appFacts(page)).rows, salesWon.length, 'the filter survives the language switch');
        await waitForLoopAtRest(page);
        await page.screenshot({ path: path.join(out, 'filters-tr.png') });
        await context.close();
      });
    },
  },
  {
    name: 'panels: Getting more leads shows the acceptance rate and funnel of the server\'s leads, in English and Turkish',
    async run({ browser, out }) {
      await withServer({ leads: 240 }, async (server) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const { page } = await openApp(context, server);
        const inScope = (await serverLeads(server)).filter((lead) => isMarketplace(lead) || isQualified(lead));
        const closed = (substatus) => inScope.filter((lead) => lead.status === 'Closed' && lead.substatus === substatus).length;
        // The contract: accepted counts leads ever accepted (Active/Accepted now, or Closed as Won or Lost).
        const accepted = inScope.filter((lead) => lead.status === 'Active').length + closed('Won') + closed('Lost');
        const decided = accepted + closed('Declined') + closed('Expired');
        assert(decided > 0, 'the seed has decided leads');
        const rate = Math.round((100 * accepted) / decided);

        await press(page, await findNode(page, 'button', 'Getting more leads'));
        const shown = await findNode(page, 'status', 'Acceptance rate');
        assertEqual(shown.value, `${rate}%`, 'acceptance rate');
        assertEqual((await findNode(page, 'status', 'Received')).value, String(inScope.length), 'received count');
        const funnel = await findNode(page, 'img', (node) => node.name.startsWith('Funnel'));
        assertEqual(funnel.value, `received ${inScope.length}, accepted ${accepted}, won ${closed('Won')}`, 'funnel');
        const histogram = await findNode(page, 'img', 'Time to respond');
        const binned = histogram.value.split('; ').reduce((sum, part) => sum + Number(part.split(': ')[1]), 0);
        assertEqual(binned, accepted + closed('Declined'), 'every answered lead is in one histogram bin');
        const declines = await findNode(page, 'img', 'Why you declined');
        const declineCounts = declines.value.split('; ').reduce((sum, part) => sum + Number(part.split(': ')[1]), 0);
        assertEqual(declineCounts, closed('Declined'), 'every declined lead has one reason bar');
        await waitForLoopAtRest(page);
        await page.screenshot({ path: path.join(out, 'metrics-en.png') });

        await press(page, await findNode(page, 'button', 'Türkçe'));
        assertEqual((await findNode(page, 'status', 'Kabul oranı')).value, `%${rate}`, 'Turkish acceptance rate');
        await findNode(page, 'img', (node) => node.name.startsWith('Huni') && node.value.startsWith(`alınan ${inScope.length}`));
        await waitForLoopAtRest(page);
        await page.screenshot({ path: path.join(out, 'metrics-tr.png') });

        // A phone-sized window: the charts stack under one another and every figure stays inside the window.
        await page.setViewportSize({ width: 360, height: 780 });
        await waitForApp(page, (app) => app.page.width === 360, { what: 'the 360 px layout drawn' });
        const nodes = (await findNodes(page, 'status')).concat(await findNodes(page, 'img'));
        for (const node of nodes.filter((n) => n.role === 'img'))
          assert(node.rect.x >= 0 && node.rect.x + node.rect.width <= 361, `${node.name} fits in 360 px: ${JSON.stringify(node.rect)}`);
        await page.screenshot({ path: path.join(out, 'metrics-tr-narrow.png') });
        await context.close();
      });
    },
  },
];
