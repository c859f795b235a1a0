// The leads workspace's lifecycle actions in a real browser against a live server-mock: accept (with inline
// validation first), decline, edit, add employees, won, lost, bulk decline, and what archived leads and
// read-only users may not do. Each checks the screen and what the server stored.
import { apiLead, apiLeads, appFacts, assert, assertEqual, clickableRows, dayOf, fill, findNode, findNodes,
         isCleanAccepted, noNode, openForm, openLead, openWorkspace, outbox, pickCurrency, pickLead, pickReason,
         press, pressButton, pressRow, receivedMarketplace, stageLine, stageOf, waitForApp, waitForLoopAtRest, waitForNode,
         waitForToast, watchWrites, withSharedServer } from './harness.mjs';

const kLifecycleButtons = ['Accept', 'Decline', 'Edit', 'Add your employees', 'Won', 'Lost'];

async function acceptedLeadOpen(browser, server) {
  const opened = await openWorkspace(browser, server);
  const lead = await pickLead(opened.page, server, isCleanAccepted);
  await openLead(opened.page, lead);
  await stageLine(opened.page);
  return { ...opened, lead };
}

export const tests = withSharedServer({ leads: 60, seed: 7 }, [
  {
    name: 'accept refuses an invalid form inline without sending it, then a valid one moves the lead to Accepted',
    async run({ browser, server }) {
      const { context, page } = await openWorkspace(browser, server);
      const writes = watchWrites(page);
      const lead = await pickLead(page, server, receivedMarketplace);
      await openForm(page, lead, 'Accept', 'Accept this lead');

      await fill(page, 'Deal name', '');
      await fill(page, 'Estimated deal value', '12abc');
      await pickCurrency(page, 'TRY');
      await fill(page, 'Estimated purchase date (e.g. Mar 31, 2031)', '2031-03-31');
      await fill(page, 'Notes: what is the customer looking for?', 'Müşteri 40 kullanıcı için Dynamics 365 istiyor; İzmir ofisi.');
      await pressButton(page, 'Next');
      await waitForNode(page, 'alert', (node) => node.value === 'deal_name' && node.name === 'This field is required.', 'deal name alert');
      await waitForNode(page, 'alert', (node) => node.value === 'deal_value' && node.name.startsWith('Enter a number'), 'deal value alert');
      await waitForLoopAtRest(page);  // every effect of the press has run: a write would have been sent
      assertEqual(writes, [], 'an invalid form sends nothing');
      assertEqual((await stageLine(page)).value, 'stage.received', 'the lead is still Received on screen');
      assertEqual((await apiLead(server, lead.id)).lead.substatus, lead.substatus, 'the server still has it unanswered');
      // What the user typed stays in place while they fix the rest.
      assertEqual((await findNode(page, 'textbox', 'Estimated deal value')).value, '12abc', 'typed value kept');

      await fill(page, 'Deal name', 'ERP yenileme — Işık Ürünleri');
      await fill(page, 'Estimated deal value', '12500');
      await waitForApp(page, (app, nodes) => !nodes.some((node) => node.role === 'alert' && ['deal_name', 'deal_value'].includes(node.value)),
                       { what: 'the alerts go as the fields are fixed' });
      await pressButton(page, 'Next');
      await waitForToast(page, 'Accepted — moved to Accepted');
      assertEqual((await stageLine(page)).value, 'stage.accepted', 'the detail shows Accepted');
      await findNode(page, 'button', 'Edit');
      assert(await noNode(page, 'button', 'Accept'), 'Accept is gone once accepted');
      assertEqual(writes.length, 1, 'one write: ' + writes.join(' | '));

      const stored = (await apiLead(server, lead.id)).lead;
      assertEqual([stored.status, stored.substatus], ['Active', 'Accepted'], 'server stage');
      assertEqual(stored.name, 'ERP yenileme — Işık Ürünleri', 'deal name with Turkish letters');
      assertEqual([stored.details.dealValue, stored.details.currency], [12500, 'TRY'], 'deal value and currency');
      assertEqual(dayOf(stored.details.closingDateTime), '2031-03-31', 'estimated purchase date');
      assertEqual(stored.details.notes, 'Müşteri 40 kullanıcı için Dynamics 365 istiyor; İzmir ofisi.', 'notes');
      await context.close();
    },
  },
  {
    name: 'decline needs a reason, then archives the lead as Declined and tells the customer',
    async run({ browser, server }) {
      const { context, page } = await openWorkspace(browser, server);
      const writes = watchWrites(page);
      const lead = await pickLead(page, server, receivedMarketplace);
      await openForm(page, lead, 'Decline', 'Decline this lead');
      await pressButton(page, 'Close deal');
      await waitForNode(page, 'alert', (node) => node.value === 'reason', 'reason alert');
      await waitForLoopAtRest(page);
      assertEqual(writes, [], 'no write without a reason');

      const reason = await pickReason(page, 'Customer chose another vendor');
      assertEqual(reason, 'customerChoseAnotherVendor', 'the combobox value is the wire code');
      await fill(page, 'Notes', 'Müşteri yerel bir iş ortağını seçti.');
      await pressButton(page, 'Close deal');
      await waitForToast(page, 'Declined — moved to Archived');
      const stage = await stageLine(page);
      assertEqual(stage.value, 'stage.archived', 'archived on screen');
      assert(stage.name.includes('Archived · Declined'), 'stage line says Archived · Declined: ' + stage.name);
      await findNode(page, 'status', (node) => node.value === 'read-only');

      const stored = (await apiLead(server, lead.id)).lead;
      assertEqual([stored.status, stored.substatus], ['Closed', 'Declined'], 'server stage');
      assert(stored.statusReason.startsWith('customerChoseAnotherVendor'), 'status reason: ' + stored.statusReason);
      assert(stored.statusReason.includes('Müşteri yerel bir iş ortağını seçti.'), 'notes in the reason: ' + stored.statusReason);
      const sent = (await outbox(server)).filter((entry) => entry.referralId === lead.id);
      assertEqual(sent.map((entry) => entry.kind), ['declined'], 'one decline notice in the outbox');
      await context.close();
    },
  },
  {
    name: 'editing an accepted lead saves the new deal name',
    async run({ browser, server }) {
      const { context, page, lead } = await acceptedLeadOpen(browser, server);
      await pressButton(page, 'Edit');
      await waitForNode(page, 'heading', (node) => node.name === 'Edit the deal', 'edit form');
      assertEqual((await findNode(page, 'textbox', 'Deal name')).value, lead.name, 'the form starts from the lead');
      await fill(page, 'Deal name', 'Çağrı merkezi dönüşümü');
      await pressButton(page, 'Save');
      await waitForToast(page, 'Saved');
      assert(await noNode(page, 'heading', 'Edit the deal'), 'the form closes after saving');
      assertEqual((await stageLine(page)).value, 'stage.accepted', 'still Accepted');
      const stored = (await apiLead(server, lead.id)).lead;
      assertEqual(stored.name, 'Çağrı merkezi dönüşümü', 'server deal name');
      assertEqual([stored.details.dealValue, stored.details.currency], [lead.details.dealValue, lead.details.currency],
                  'untouched fields unchanged');
      await context.close();
    },
  },
  {
    name: 'adding an employee to an accepted lead appends them to its team',
    async run({ browser, server }) {
      const { context, page, lead } = await acceptedLeadOpen(browser, server);
      await pressButton(page, 'Add your employees');
      await waitForNode(page, 'heading', (node) => node.name === 'Add your employees' && node.value === 'form', 'employees form');
      await pressButton(page, 'Add');
      await waitForNode(page, 'alert', (node) => node.value === 'employees', 'someone is required');
      await fill(page, 'First name', 'Çağla');
      await pressButton(page, 'Add');
      await waitForNode(page, 'alert', (node) => node.value === 'employees/0/email' &&
                        node.name === 'Give an email address or a phone number.', 'an email or phone is required');
      await fill(page, 'Last name', 'Işıkoğlu');
      await fill(page, 'Email', 'cagla.isikoglu@kuzeybulut.com.tr');
      await fill(page, 'Phone', '+90 532 111 22 33');
      await pressButton(page, 'Add');
      await waitForToast(page, 'Employees added');
      const stored = (await apiLead(server, lead.id)).lead;
      assertEqual(stored.team.length, lead.team.length + 1, 'one more on the team');
      const added = stored.team[stored.team.length - 1];
      assertEqual([added.firstName, added.lastName, added.email, added.phoneNumber],
                  ['Çağla', 'Işıkoğlu', 'cagla.isikoglu@kuzeybulut.com.tr', '+90 532 111 22 33'], 'the new team member');
      await findNode(page, 'link', 'cagla.isikoglu@kuzeybulut.com.tr');
      await context.close();
    },
  },
  {
    name: 'marking an accepted lead won archives it as Won',
    async run({ browser, server }) {
      const { context, page, lead } = await acceptedLeadOpen(browser, server);
      await pressButton(page, 'Won');
      await waitForNode(page, 'heading', (node) => node.name === 'Mark as won', 'won form');
      await fill(page, 'Notes', 'Sözleşme imzalandı.');
      await pressButton(page, 'Mark won');
      await waitForToast(page, 'Marked won — moved to Archived');
      const stage = await stageLine(page);
      assertEqual(stage.value, 'stage.archived', 'archived on screen');
      assert(stage.name.endsWith('Archived · Won'), 'stage line: ' + stage.name);
      const stored = (await apiLead(server, lead.id)).lead;
      assertEqual([stored.status, stored.substatus], ['Closed', 'Won'], 'server stage');
      assert(stored.statusReason.includes('Sözleşme imzalandı.'), 'won notes kept: ' + stored.statusReason);
      await context.close();
    },
  },
  {
    name: 'marking an accepted lead lost asks for a reason and archives it as Lost',
    async run({ browser, server }) {
      const { context, page, lead } = await acceptedLeadOpen(browser, server);
      const writes = watchWrites(page);
      await pressButton(page, 'Lost');
      await waitForNode(page, 'heading', (node) => node.name === 'Mark as lost', 'lost form');
      await pressButton(page, 'Mark lost');
      await waitForNode(page, 'alert', (node) => node.value === 'reason', 'reason alert');
      await waitForLoopAtRest(page);
      assertEqual(writes, [], 'no write without a reason');
      const reason = await pickReason(page, 'Budget not adequate');
      await pressButton(page, 'Mark lost');
      await waitForToast(page, 'Marked lost — moved to Archived');
      const stage = await stageLine(page);
      assert(stage.name.endsWith('Archived · Lost'), 'stage line: ' + stage.name);
      const readOnly = await findNode(page, 'status', (node) => node.value === 'read-only');
      assert(readOnly.name.includes('Budget not adequate'), 'the archived line gives the reason: ' + readOnly.name);
      const stored = (await apiLead(server, lead.id)).lead;
      assertEqual([stored.status, stored.substatus], ['Closed', 'Lost'], 'server stage');
      assert(stored.statusReason.startsWith(reason), `status reason ${stored.statusReason} starts with ${reason}`);
      await context.close();
    },
  },
  {
    name: 'an archived lead offers no action and says it is read-only, even to the keyboard shortcuts',
    async run({ browser, server }) {
      const { context, page } = await openWorkspace(browser, server);
      const lead = await pickLead(page, server, (candidate) => stageOf(candidate) === 'archived');
      await openLead(page, lead);
      assertEqual((await stageLine(page)).value, 'stage.archived', 'stage');
      const readOnly = await findNode(page, 'status', (node) => node.value === 'read-only');
      assert(readOnly.name.startsWith('Archived as '), 'read-only line: ' + readOnly.name);
      for (const name of kLifecycleButtons) assert(await noNode(page, 'button', name), `no ${name} button`);
      // "a" and "d" open the accept and decline forms of the selected lead: not for an archived one.
      await page.mouse.click(5, page.viewportSize().height - 5);
      await page.keyboard.press('a');
      await page.keyboard.press('d');
      await waitForLoopAtRest(page);  // the frames that handled the keys and presses are drawn
      assert(await noNode(page, 'heading', (node) => node.value === 'form'), 'no form opens');
      await context.close();
    },
  },
  {
    name: 'a read-only Referrals user sees Accept and Decline disabled with the reason, and cannot open the forms',
    async run({ browser, server }) {
      const { context, page } = await openWorkspace(browser, server, { role: 'Referrals user' });
      await findNode(page, 'status', (node) => node.name.includes('Referrals user'));
      const writes = watchWrites(page);
      const lead = await pickLead(page, server, receivedMarketplace);
      await openLead(page, lead);
      const reason = 'Your role (Referrals user) is read-only: ask for the Referrals admin role.';
      for (const name of ['Accept', 'Decline']) {
        const button = await findNode(page, 'button', name);
        assertEqual([button.disabled, button.value], [true, reason], name + ' disabled with the reason');
        await press(page, button);
      }
      await waitForLoopAtRest(page);  // the frames that handled the keys and presses are drawn
      assert(await noNode(page, 'heading', (node) => node.value === 'form'), 'no form opens');
      assertEqual(writes, [], 'nothing sent');
      await context.close();
    },
  },
  {
    name: 'several leads marked with ctrl-click are declined together, each one archived and its customer told',
    async run({ browser, server }) {
      const { context, page } = await openWorkspace(browser, server);
      const leads = new Map((await apiLeads(server)).map((lead) => [lead.id, lead]));
      const rows = (await clickableRows(page)).filter((row) => receivedMarketplace(leads.get(row.value) || {}));
      assert(rows.length >= 3, 'three received leads on screen');
      const chosen = rows.slice(0, 3);
      for (const row of chosen) await pressRow(page, row, { ctrl: true });
      await waitForNode(page, 'status', (node) => node.name === '3 selected' && node.value === '3', '3 selected');
      const marked = (await findNodes(page, 'row')).filter((row) => row.checked).map((row) => row.value).sort();
      assertEqual(marked, chosen.map((row) => row.value).sort(), 'the marked rows');
      await pressButton(page, 'Decline 3…');
      await waitForNode(page, 'heading', (node) => node.name === 'Decline 3 selected leads', 'bulk decline form');
      await pickReason(page, 'Not a customer');
      await pressButton(page, 'Close deal');
      await waitForToast(page, 'Declined 3 leads — moved to Archived');
      for (const row of chosen) {
        const stored = (await apiLead(server, row.value)).lead;
        assertEqual([stored.status, stored.substatus], ['Closed', 'Declined'], 'server stage of ' + row.name);
        assert(stored.statusReason.startsWith('notACustomer'), 'reason: ' + stored.statusReason);
      }
      const notices = (await outbox(server)).filter((entry) => entry.kind === 'declined').map((entry) => entry.referralId).sort();
      assertEqual(notices, chosen.map((row) => row.value).sort(), 'one notice per declined lead');
      assert(await noNode(page, 'status', (node) => node.name.endsWith(' selected')), 'the selection is cleared');
      assertEqual((await appFacts(page)).load, 'loaded', 'still loaded');
      await context.close();
    },
  },
]);
