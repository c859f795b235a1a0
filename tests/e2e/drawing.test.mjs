// When the app draws: nothing while idle, nothing while the search box merely has focus (a steady caret), and a
// keystroke is drawn. Frames identical to the one on screen are not drawn at all (leadsPerf.frames counts drawn
// frames only).
import { assert, assertEqual, findNode, openApp, press, startServer, typeText, waitForApp } from './harness.mjs';

async function drawnFrames(page) {
  return page.evaluate(() => window.leadsPerf.frames);
}

// Frames drawn over `ms` of doing nothing. The countdowns change by the minute, so the app rightly draws once just
// after a minute starts: a window that holds the start of a minute (or ends just after it) is measured again.
const kMinuteMs = 60000;
const kMinuteFrameMs = 500;  // the minute's frame follows its timer within this

async function framesOver(page, ms) {
  for (;;) {
    const start = Date.now();
    const before = await drawnFrames(page);
    await page.waitForTimeout(ms);
    const drawn = (await drawnFrames(page)) - before;
    const heldMinuteStart = Math.floor((start - kMinuteFrameMs) / kMinuteMs) !== Math.floor(Date.now() / kMinuteMs);
    if (!heldMinuteStart) return drawn;
  }
}

// Waits until the loop has run no frame for a while: it paused itself (it wakes only for input, data, timers and
// the minute). Under load the frames that follow data and input take longer; this waits for them, not for a time.
async function loopAtRest(page) {
  await page.waitForFunction(() => window.leadsPerf && performance.now() - window.leadsPerf.lastFrameAt > 400,
                             null, { timeout: 30000, polling: 100 });
}

export const tests = [
  {
    name: 'an idle page and a focused search box draw nothing, and a keystroke is drawn',
    async run({ browser }) {
      const server = await startServer({ leads: 80 });
      try {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const { page } = await openApp(context, server);
        await loopAtRest(page);
        assertEqual(await framesOver(page, 1500), 0, 'frames drawn while idle');

        const box = await findNode(page, 'textbox', 'Search leads');
        await press(page, box);  // focuses it: the keystroke below lands there
        await loopAtRest(page);
        assertEqual(await framesOver(page, 1500), 0, 'frames drawn while the search box has focus');

        const before = await drawnFrames(page);
        await typeText(page, 'a');
        await findNode(page, 'textbox', (node) => node.name === 'Search leads' && node.value === 'a');
        assert((await drawnFrames(page)) > before, 'the keystroke was drawn');
        await loopAtRest(page);
        assertEqual(await framesOver(page, 1500), 0, 'frames drawn after typing stopped');
        await context.close();
      } finally {
        await server.stop();
      }
    },
  },
];
