// The canvas as a web page, seen by assistive technology: Chromium's own accessibility tree holds every kind of
// widget with its role, name and state (in English and Turkish), a whole lifecycle can be done with the keyboard
// and the tree alone, axe-core finds nothing serious, Tab walks the widgets in reading order, and a screen reader's
// actions act on the widgets.
import { apiLead, apiLeads, appFacts, assert, assertEqual, axAttribute, axeViolations, axTree, findNode, focusAx,
         focused, insertText, isMarketplace, isQualified, mirrorElementCount, openLead, openWorkspace, pickLead,
         pressAx, receivedMarketplace, screenPixels, stageOf, startServer, waitForApp, waitForAx, waitForLoopAtRest,
         withSharedServer } from './harness.mjs';

// Opens a lead found by its customer's name in the accessibility tree: focus its row, Enter.
// The workspace on a phone or tablet: a touch screen at `viewport` (CSS px) and `scale` device pixels per CSS pixel.
async function openOnTouchScreen(browser, server, viewport, scale) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: scale, isMobile: true, hasTouch: true,
                                             locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await waitForApp(page, (app) => app.load === 'loaded' && app.page.touch === true, { what: 'loaded on a touch screen' });
    return { context, page };
  } catch (error) {
    await context.close();
    throw error;
  }
}

async function openRowByName(page, name) {
  const row = await waitForAx(page, 'row', (node) => node.name === name || node.name === '● ' + name);
  await focusAx(page, row);
  await page.keyboard.press('Enter');
  await waitForAx(page, 'heading', (node) => node.name === name && node.properties.level === 2);
}

// Finds a lead by name the way a keyboard user would: type it into the search box found in the tree.
async function searchFor(page, text) {
  const search = await waitForAx(page, 'searchbox', (node) => ['Search leads', 'Müşteri adaylarında ara'].includes(node.name));
  await focusAx(page, search);
  await page.keyboard.press('Control+A');
  await insertText(page, text);
  await waitForApp(page, (app, nodes) => nodes.some((node) => node.role === 'textbox' && node.value === text),
                   { what: 'search applied' });
}

async function fillAx(page, name, text) {
  const field = await waitForAx(page, 'textbox', name);
  await focusAx(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await insertText(page, text);
  await waitForAx(page, 'textbox', (node) => node.name === name && node.value === text);
}

async function pickOption(page, comboName, optionName) {
  await pressAx(page, 'combobox', comboName);
  await waitForAx(page, 'combobox', (node) => node.name === comboName && node.properties.expanded === true);
  await pressAx(page, 'option', optionName);
  await waitForAx(page, 'combobox', (node) => node.name === comboName && node.properties.expanded !== true);
}

export const tests = withSharedServer({ leads: 60, seed: 7 }, [
  {
    name: 'the accessibility tree holds every kind of widget with role, name and state, in English and Turkish',
    async run({ browser, server }) {
      const { page } = await openWorkspace(browser, server);
      const lead = await pickLead(page, server, (candidate) => receivedMarketplace(candidate) &&
        (candidate.customerProfile.team || []).some((member) => member.email && member.phoneNumber));
      await openLead(page, lead);
      const tree = await axTree(page);
      const roles = new Set(tree.map((node) => node.role));
      for (const role of ['banner', 'main', 'heading', 'tablist', 'tab', 'searchbox', 'grid', 'row', 'columnheader',
                          'gridcell', 'button', 'checkbox', 'link', 'region'])
        assert(roles.has(role), 'the tree has a ' + role + '; has ' + [...roles].join(', '));
      assertEqual((await waitForAx(page, 'heading', 'Leads workspace')).properties.level, 1, 'the app title is a level-1 heading');
      assertEqual((await waitForAx(page, 'tab', (node) => node.name === 'Marketplace leads')).properties.selected, true, 'selected tab');
      const rows = (await appFacts(page)).rows;
      const grid = await waitForAx(page, 'grid', 'Leads');
      assertEqual(await axAttribute(page, grid, 'aria-rowcount'), String(rows + 1), 'aria-rowcount: every row and the header');
      const received = await waitForAx(page, 'columnheader', 'Received');
      assertEqual(await axAttribute(page, received, 'aria-sort'), 'descending', 'the sorted column says so');
      const selectedRow = await waitForAx(page, 'row', (node) => node.name.endsWith(lead.customerProfile.name) && node.properties.selected === true);
      assert(Number(await axAttribute(page, selectedRow, 'aria-rowindex')) >= 2, 'rows are numbered after the header');
      const heart = await waitForAx(page, 'checkbox', 'Favorite: ' + lead.customerProfile.name);
      assertEqual(heart.properties.checked, 'false', 'the heart is an unchecked checkbox');
      const member = lead.customerProfile.team.find((m) => m.email && m.phoneNumber);
      const mail = await waitForAx(page, 'link', member.email);
      assertEqual(mail.properties.url, 'mailto:' + member.email, 'the e-mail is a real mailto: link');
      const phone = await waitForAx(page, 'link', member.phoneNumber);
      assertEqual(phone.properties.url, 'tel:' + member.phoneNumber, 'the phone number is a real tel: link');
      // A read-only partner sees Accept disabled with the reason as its description (see the roles test below);
      // here Accept is enabled, and the form is a dialog with labelled, validated fields.
      await pressAx(page, 'button', 'Accept');
      await waitForAx(page, 'dialog', 'Accept this lead');
      await fillAx(page, 'Estimated deal value', '12abc');
      await pressAx(page, 'button', 'Next');
      const value = await waitForAx(page, 'textbox', (node) => node.name === 'Estimated deal value' && node.properties.invalid === 'true');
      assert(value.description.startsWith('Enter a number'), 'the field error is its description: ' + value.description);
      await waitForAx(page, 'combobox', (node) => node.name === 'Currency' && node.properties.expanded === false);
      await pressAx(page, 'combobox', 'Currency');
      await waitForAx(page, 'listbox', 'Currency');
      await waitForAx(page, 'searchbox', 'Search currencies');
      await waitForAx(page, 'option', 'TRY · Turkish lira');
      await page.keyboard.press('Escape');

      // Turkish: names in Turkish, <html lang="tr">.
      await pressAx(page, 'button', 'Türkçe');
      await waitForApp(page, (app) => app.language === 'tr', { what: 'Turkish' });
      await waitForAx(page, 'tab', 'Market müşteri adayları');
      await waitForAx(page, 'searchbox', 'Müşteri adaylarında ara');
      await waitForAx(page, 'checkbox', 'Sık kullanılan: ' + lead.customerProfile.name);
      await waitForAx(page, 'columnheader', 'Alındı');
      assertEqual(await page.evaluate(() => document.documentElement.lang), 'tr', '<html lang> follows the language');
      await pressAx(page, 'button', 'English');
      await waitForApp(page, (app) => app.language === 'en', { what: 'English' });
      assertEqual(await page.evaluate(() => document.documentElement.lang), 'en', '<html lang> back to English');
    },
  },
  {
    name: 'a disabled action says why in its description; a live region reads toasts',
    async run({ browser, server }) {
      const { page } = await openWorkspace(browser, server, { role: 'Referrals user' });
      const lead = await pickLead(page, server, receivedMarketplace);
      await openLead(page, lead);
      const accept = await waitForAx(page, 'button', 'Accept');
      assertEqual(accept.properties.disabled, true, 'Accept is disabled for a read-only user');
      assert(accept.description.length > 10, 'the refusal is its description: ' + accept.description);
      // Favorites are the user's own, allowed for everyone: the toast is read from the polite live region.
      await pressAx(page, 'checkbox', 'Favorite: ' + lead.customerProfile.name, ' ');
      await waitForAx(page, 'checkbox', (node) => node.name === 'Favorite: ' + lead.customerProfile.name && node.properties.checked === 'true');
      const live = await page.evaluate(() => [...document.querySelectorAll('.a11y-live')].map((region) =>
        ({ live: region.getAttribute('aria-live'), text: region.textContent })));
      assert(live.some((region) => region.live === 'polite' && /favorite/i.test(region.text)),
             'the toast went to the polite live region: ' + JSON.stringify(live));
    },
  },
  {
    name: 'a whole lifecycle with the keyboard and the accessibility tree alone: accept, decline with a reason, favorite',
    async run({ browser, server }) {
      const { page } = await openWorkspace(browser, server);
      const leads = await apiLeads(server);
      const received = leads.filter((lead) => receivedMarketplace(lead));
      const [toAccept, toDecline, toFavorite] = received;
      let mouseEvents = 0;
      await page.exposeFunction('leadsCountMouse', () => { mouseEvents++; });
      await page.evaluate(() => ['mousedown', 'mouseup', 'click', 'pointerdown'].forEach((type) =>
        document.addEventListener(type, (event) => { if (event.isTrusted && event.detail !== 0 && event.clientX) window.leadsCountMouse(); }, true)));

      // Accept: found by name, opened, the form filled by accessible names, saved; the toast read from the live region.
      await searchFor(page, toAccept.customerProfile.name);
      await openRowByName(page, toAccept.customerProfile.name);
      await pressAx(page, 'button', 'Accept');
      await waitForAx(page, 'dialog', 'Accept this lead');
      await fillAx(page, 'Deal name', 'Klavye ile kabul — Şişli');
      await fillAx(page, 'Estimated deal value', '4200');
      await pickOption(page, 'Currency', 'EUR · Euro');
      await fillAx(page, 'Estimated purchase date (e.g. Mar 31, 2031)', '2031-06-30');
      await pressAx(page, 'button', 'Next');
      await waitForAx(page, 'status', (node) => node.name === 'Accepted — moved to Accepted');
      await page.waitForFunction(() => [...document.querySelectorAll('.a11y-live')].some((region) => region.textContent === 'Accepted — moved to Accepted'));
      const accepted = (await apiLead(server, toAccept.id)).lead;
      assertEqual([accepted.status, accepted.substatus, accepted.name], ['Active', 'Accepted', 'Klavye ile kabul — Şişli'], 'stored');

      // Decline with a reason.
      await searchFor(page, toDecline.customerProfile.name);
      await openRowByName(page, toDecline.customerProfile.name);
      await pressAx(page, 'button', 'Decline');
      await waitForAx(page, 'dialog', 'Decline this lead');
      const reasons = await waitForAx(page, 'combobox', 'Reason');
      await focusAx(page, reasons);
      await page.keyboard.press('Enter');
      const firstReason = await waitForAx(page, 'option', () => true);
      await focusAx(page, firstReason);
      await page.keyboard.press('Enter');
      await pressAx(page, 'button', 'Close deal');
      await waitForAx(page, 'status', (node) => node.name === 'Declined — moved to Archived');
      assertEqual((await apiLead(server, toDecline.id)).lead.status, 'Closed', 'declined on the server');

      // Favorite a third with Space on its heart.
      await searchFor(page, toFavorite.customerProfile.name);
      await pressAx(page, 'checkbox', 'Favorite: ' + toFavorite.customerProfile.name, ' ');
      await waitForAx(page, 'checkbox', (node) => node.name === 'Favorite: ' + toFavorite.customerProfile.name && node.properties.checked === 'true');
      await waitForApp(page, (app) => app.favorites >= 1, { what: 'favorite kept' });
      assertEqual(mouseEvents, 0, 'no mouse event was used');
    },
  },
  {
    name: 'Tab walks header, tabs, search, table and detail in reading order, with a visible focus ring',
    async run({ browser, server }) {
      const { page } = await openWorkspace(browser, server);
      const lead = await pickLead(page, server, receivedMarketplace);
      await openLead(page, lead);
      await page.evaluate(() => document.activeElement && document.activeElement.blur());
      const visited = [];
      for (let i = 0; i < 50; i++) {  // the toolbar has Saved views and Columns too
        await page.keyboard.press('Tab');
        visited.push(await focused(page));
      }
      const indexOf = (test) => visited.findIndex(test);
      const refresh = indexOf((item) => item.name === 'Refresh');
      const tab = indexOf((item) => item.role === 'tab');
      const search = indexOf((item) => item.name === 'Search leads');
      const row = indexOf((item) => item.role === 'row');
      const detail = indexOf((item) => item.name === 'Previous lead' || item.name === 'Accept');
      assert(refresh >= 0 && tab > refresh && search > tab && row > search && detail > row,
             'reading order: ' + visited.map((item) => item.role + ':' + item.name).join(' | '));
      // The ring follows keyboard focus over the canvas.
      await page.waitForFunction(() => !document.getElementById('a11y-ring').hidden);
      const ring = await page.evaluate(() => document.getElementById('a11y-ring').getBoundingClientRect().width);
      assert(ring > 4, 'a focus ring is drawn');
      // Single-key shortcuts never fire while a text field has focus: "f" typed into search is text.
      const before = (await appFacts(page)).favorites;
      await focusAx(page, await waitForAx(page, 'searchbox', 'Search leads'));
      await page.keyboard.press('Control+A');
      await page.keyboard.type('f');
      await waitForApp(page, (app, nodes) => nodes.some((node) => node.role === 'textbox' && node.value === 'f'), { what: 'f typed' });
      assertEqual((await appFacts(page)).favorites, before, '"f" in a text field is not the favorite shortcut');
    },
  },
  {
    name: 'axe-core finds no serious or critical violation in either language or theme',
    async run({ browser, server }) {
      for (const [language, scheme] of [['en', 'light'], ['tr', 'dark']]) {
        const { context, page } = await openWorkspace(browser, server);
        await page.emulateMedia({ colorScheme: scheme });
        if (language === 'tr') {
          await pressAx(page, 'button', 'Türkçe');
          await waitForApp(page, (app) => app.language === 'tr', { what: 'Turkish' });
        }
        const lead = await pickLead(page, server, receivedMarketplace);
        await openLead(page, lead);
        const violations = await axeViolations(page);
        assertEqual(violations, [], `axe (${language}, ${scheme})`);
        await context.close();
      }
    },
  },
  {
    name: 'paste, copy and cut reach the system clipboard; insertText and an IME composition land in a field',
    async run({ browser, server }) {
      const { context, page } = await openWorkspace(browser, server);
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      const lead = await pickLead(page, server, receivedMarketplace);
      // Paste into the search box (text copied in another app).
      await page.evaluate((text) => navigator.clipboard.writeText(text), lead.customerProfile.name);
      const search = await findNode(page, 'textbox', 'Search leads');
      await page.mouse.click(search.rect.x + 20, search.rect.y + search.rect.height / 2);
      await page.keyboard.press('Control+V');
      await waitForApp(page, (app, nodes) => nodes.some((node) => node.role === 'textbox' && node.name === 'Search leads' &&
        node.value === lead.customerProfile.name), { what: 'pasted into search' });
      // Copy and cut out of the field.
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Control+C');
      // The copy is the app's answer to the keys, a frame later: wait for the clipboard to hold it.
      await page.waitForFunction((name) => navigator.clipboard.readText().then((text) => text === name),
                                 lead.customerProfile.name);
      await page.keyboard.press('Control+X');
      await waitForApp(page, (app, nodes) => nodes.some((node) => node.role === 'textbox' && node.name === 'Search leads' && !node.value),
                       { what: 'cut empties the field' });
      assertEqual(await page.evaluate(() => navigator.clipboard.readText()), lead.customerProfile.name, 'cut to the clipboard');
      // Undo is the browser's own, and the app follows it.
      await page.keyboard.press('Control+Z');
      await waitForApp(page, (app, nodes) => nodes.some((node) => node.role === 'textbox' && node.name === 'Search leads' &&
        node.value === lead.customerProfile.name), { what: 'undo brings the cut text back' });
      await page.keyboard.press('Escape');

      // Multi-line Turkish notes pasted into the accept form's notes field.
      await openLead(page, lead);
      await pressAx(page, 'button', 'Accept');
      const note = 'Müşteri İzmir’de 40 kullanıcı istiyor.\nÇağrı: Şükrü Öztürk, ığdır ofisi.';
      await page.evaluate((text) => navigator.clipboard.writeText(text), note);
      const notes = await findNode(page, 'textbox', 'Notes: what is the customer looking for?');
      assert(notes.multiline, 'notes are multi-line');
      await page.mouse.click(notes.rect.x + 20, notes.rect.y + 10);
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Control+V');
      await waitForApp(page, (app, nodes) => nodes.some((node) => node.role === 'textbox' && node.value === note), { what: 'notes pasted' });
      assertEqual(await page.evaluate(() => document.activeElement.tagName), 'TEXTAREA', 'notes are edited in a textarea');
      assertEqual(await page.evaluate(() => document.activeElement.spellcheck), true, 'spell checking on notes');

      // insertText (dictation, a phone keyboard) and an IME composition into the deal name.
      const session = await context.newCDPSession(page);
      await fillAx(page, 'Deal name', 'Bulut ');
      await session.send('Input.insertText', { text: 'göçü' });
      await waitForAx(page, 'textbox', (node) => node.name === 'Deal name' && node.value === 'Bulut göçü');
      await session.send('Input.imeSetComposition', { text: 'ş', selectionStart: 1, selectionEnd: 1 });
      await session.send('Input.imeSetComposition', { text: 'şe', selectionStart: 2, selectionEnd: 2 });
      await session.send('Input.insertText', { text: 'şehir' });
      await waitForAx(page, 'textbox', (node) => node.name === 'Deal name' && node.value === 'Bulut göçüşehir');
      await session.detach();

      // The Copy buttons write to the system clipboard.
      await pressAx(page, 'button', 'Cancel');
      const member = (lead.customerProfile.team || []).find((m) => m.email);
      if (member) {
        await pressAx(page, 'button', 'Copy ' + member.email);
        await page.waitForFunction((email) => navigator.clipboard.readText().then((text) => text === email), member.email);
      }
    },
  },
  {
    name: 'a phone: a swipe scrolls the list, a tap opens a lead, the accept form is filled with insertText and saved',
    async run({ browser, server, out }) {
      const { context, page } = await openOnTouchScreen(browser, server, { width: 390, height: 844 }, 3);
      try {
        const rowsBefore = (await page.evaluate(() => window.leadsSemantics.nodes.filter((n) => n.role === 'row' && n.rowIndex > 1)));
        // ImGui's clipper always lays out the first row (to measure it), at zero height once scrolled away.
        const firstVisible = () => page.evaluate(() => window.leadsSemantics.nodes.find((n) => n.role === 'row' && n.rowIndex > 1 && n.rect.height > 0).rowIndex);
        const firstBefore = await firstVisible();
        assert(rowsBefore.filter((row) => row.rect.y + row.rect.height < 800).every((row) => row.rect.height >= 24), "rows are at least 24 px tall on a touch screen");
        const targets = await page.evaluate(() => window.leadsSemantics.nodes.filter((n) =>
          ['button', 'checkbox', 'tab'].includes(n.role) && n.rect.width > 0 && n.rect.y > 0 && n.rect.y + n.rect.height < 800 &&
          n.rect.height < 24 - 0.01).map((n) => n.name));  // (a target cut by the screen's edge is smaller on purpose)
        assertEqual(targets, [], 'every target is at least 24 CSS px tall');
        // Swipe up over the list.
        const session = await context.newCDPSession(page);
        const x = 200, from = 700, to = 350;
        await session.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: from }] });
        for (let step = 1; step <= 10; step++)
          await session.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: from + (to - from) * step / 10 }] });
        await session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        await page.waitForFunction((first) => window.leadsSemantics.nodes.find((n) => n.role === 'row' && n.rowIndex > 1 && n.rect.height > 0).rowIndex > first + 3, firstBefore);
        // A flick glides on after the finger lifts, then stops.
        const released = await firstVisible();
        await page.waitForFunction(() => document.getElementById('canvas').dataset.momentum !== '1');
        assert(await firstVisible() >= released, 'the list glided on (or stayed) after the finger lifted');
        // Tap a row: its lead opens.
        const rows = await page.evaluate(() => window.leadsSemantics.nodes.filter((n) => n.role === 'row' && n.rowIndex > 1 && n.rect.height > 20));
        const leads = await apiLeads(server);
        const row = rows.find((candidate) => { const lead = leads.find((l) => l.id === candidate.value); return lead && receivedMarketplace(lead); });
        assert(row, 'a received lead is on screen');
        await page.touchscreen.tap(row.rect.x + row.rect.width / 2, row.rect.y + row.rect.height / 2);
        await waitForApp(page, (app) => app.selected === row.value, { what: 'tap opened the lead' });
        // Accept through taps and the phone keyboard's insertText.
        const swipe = async (x, from, to) => {
          await session.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: from }] });
          for (let step = 1; step <= 8; step++)
            await session.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: from + (to - from) * step / 8 }] });
          await session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
          await page.waitForFunction(() => document.getElementById('canvas').dataset.momentum !== '1');
          await waitForLoopAtRest(page);  // the glide's last step drawn: the positions read next are current
        };
        // As a thumb would: swipe the panel under the widget until the widget is whole on screen, then tap it. The
        // rect is clipped to what shows: a widget cut off at the screen's bottom needs a swipe up, one cut off at the
        // panel's top edge (far above the bottom) a swipe down.
        const onScreen = (node) => node.rect.height >= 20 && node.rect.y + node.rect.height <= 800;
        const tapNode = async (role, name) => {
          await waitForLoopAtRest(page);  // what the last tap or keystroke moved is drawn before a position is read
          let node = await findNode(page, role, name);
          for (let tries = 0; tries < 12 && !onScreen(node); tries++) {
            const x = 200, y = Math.min(Math.max(node.rect.y, 520), 780);
            const belowTheScreen = node.rect.y + node.rect.height > 800;
            await swipe(x, y, belowTheScreen ? y - 160 : y + 160);
            node = await findNode(page, role, name);
          }
          assert(onScreen(node), `${role} ${name} brought whole on screen by swiping: ${JSON.stringify(node.rect)}`);
          await page.touchscreen.tap(node.rect.x + Math.min(node.rect.width / 2, 30), node.rect.y + node.rect.height / 2);
        };
        await tapNode('button', 'Accept');
        await waitForAx(page, 'dialog', 'Accept this lead');
        const typeInto = async (name, text) => {
          await tapNode('textbox', name);
          await page.waitForFunction((label) => document.activeElement && document.activeElement.getAttribute('aria-label') === label, name);
          await page.keyboard.press('Control+A');
          await page.keyboard.press('Delete');
          await session.send('Input.insertText', { text });
          await waitForAx(page, 'textbox', (node) => node.name === name && node.value === text);
        };
        await typeInto('Deal name', 'Telefondan kabul');
        await typeInto('Estimated deal value', '900');
        assertEqual(await page.evaluate(() => document.activeElement.inputMode), 'decimal', 'a decimal keyboard for the value');
        await typeInto('Estimated purchase date (e.g. Mar 31, 2031)', '2031-09-30');
        const currency = await findNode(page, 'combobox', 'Currency');
        if (!currency.value) {
          await tapNode('combobox', 'Currency');
          await tapNode('option', 'USD · US dollar');
        }
        await tapNode('button', 'Next');
        await waitForAx(page, 'status', 'Accepted — moved to Accepted');
        assertEqual((await apiLead(server, row.value)).lead.substatus, 'Accepted', 'saved from the phone');
        await page.screenshot({ path: `${out}/a11y-phone.png` });
        await session.detach();
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'a tablet: a tapped row is highlighted over its whole height, the taller rows of a touch screen included',
    async run({ browser, server, out }) {
      const { context, page } = await openOnTouchScreen(browser, server, { width: 1024, height: 768 }, 2);
      try {
        const rows = () => page.evaluate(() => window.leadsSemantics.nodes.filter((n) => n.role === 'row' && n.rowIndex > 1 && n.rect.height > 20));
        const tapped = (await rows())[2];
        await page.touchscreen.tap(tapped.rect.x + tapped.rect.width / 2, tapped.rect.y + tapped.rect.height / 2);
        await waitForApp(page, (app) => app.selected === tapped.value, { what: 'the tapped lead selected' });
        await waitForLoopAtRest(page);  // the selection drawn
        // The colours down a line of pixels at the row's left edge (the heart cell's padding: no text there).
        const column = async (x, from, to) =>
          (await screenPixels(page, { x, y: from, width: 1, height: to - from })).map((rgb) => rgb.join(','));
        const [selected, other] = (await rows()).filter((row) => row.value === tapped.value || row.rowIndex === tapped.rowIndex + 2);
        assertEqual([selected.value, other.rowIndex], [tapped.value, tapped.rowIndex + 2], 'the tapped row and one below it');
        // The row's rectangle is its tallest widget (the heart); the row reaches ~10 px of cell padding beyond it.
        const pixels = await column(selected.rect.x + 4, selected.rect.y - 7, selected.rect.y + selected.rect.height + 7);
        const highlight = pixels[Math.floor(pixels.length / 2)];
        assertEqual(pixels.filter((pixel) => pixel !== highlight), [], 'one colour from the top of the selected row to its bottom');
        const plain = (await column(other.rect.x + 4, other.rect.y, other.rect.y + other.rect.height))[0];
        assert(plain !== highlight, `the selected row's colour ${highlight} differs from a plain row's ${plain}`);
        await page.screenshot({ path: `${out}/a11y-tablet.png` });
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'browser zoom at 200 % and 320 CSS px wide keep every control on screen; forced colours give a high-contrast look',
    async run({ browser, server, out }) {
      for (const [label, viewport, scale] of [['zoom200', { width: 640, height: 400 }, 2], ['narrow320', { width: 320, height: 640 }, 2]]) {
        const context = await browser.newContext({ viewport, deviceScaleFactor: scale, locale: 'en-US' });
        const page = await context.newPage();
        await page.goto(server.url + '/');
        await waitForApp(page, (app) => app.load === 'loaded', { what: 'loaded' });
        const nodes = await page.evaluate(() => window.leadsSemantics.nodes);
        const cut = nodes.filter((node) => ['button', 'tab', 'textbox', 'status', 'heading'].includes(node.role) &&
          (node.rect.width <= 0 || node.rect.x + node.rect.width > viewport.width + 0.5));
        assertEqual(cut.map((node) => node.role + ':' + node.name), [], label + ': controls cut off');
        await page.screenshot({ path: `${out}/a11y-${label}.png` });
        await context.close();
      }
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
      const page = await context.newPage();
      await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
      await page.goto(server.url + '/');
      await waitForApp(page, (app) => app.load === 'loaded' && app.page.highContrast && app.page.reducedMotion, { what: 'high contrast' });
      await page.screenshot({ path: `${out}/a11y-forced-colors.png` });
      const [pixel] = await screenPixels(page, { x: 1280 - 3, y: 800 - 3, width: 1, height: 1 });
      assert(pixel[0] < 20 && pixel[1] < 20 && pixel[2] < 20, 'the high-contrast background is black: ' + pixel);
      await context.close();
    },
  },
]);

// A server of its own: 100,000 leads, for the mirror's size.
tests.push({
  name: 'at 100,000 leads aria-rowcount counts every row while the DOM mirrors only the rows drawn',
  async run({ browser }) {
    const server = await startServer({ leads: 100000, seed: 11 });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
      const page = await context.newPage();
      await page.goto(server.url + '/');
      // While it loads, the progress is a progressbar with its figures.
      const progress = await waitForAx(page, 'progressbar', (node) => node.name === 'Loading leads' &&
        node.properties.valuemax === 100000 && node.value > 0, { timeout: 60000 });
      const said = await axAttribute(page, progress, 'aria-valuetext');
      assert(/ of 100,000 /.test(said), 'the progress says how many in words: ' + said);
      await waitForApp(page, (app) => app.load === 'loaded', { what: '100,000 leads loaded', timeout: 240000 });
      const rows = (await appFacts(page)).rows;
      assert(rows > 10000, 'a big tab: ' + rows);
      const grid = await waitForAx(page, 'grid', 'Leads');
      assertEqual(await axAttribute(page, grid, 'aria-rowcount'), String(rows + 1), 'aria-rowcount counts every row and the header');
      const count = await mirrorElementCount(page);
      assert(count < 600, 'the mirror holds a few hundred elements, not one per lead: ' + count);
      await context.close();
    } finally {
      await server.stop();
    }
  },
});
