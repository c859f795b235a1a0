// Each measured visit starts in a window that has finished opening. A new window of headless Chromium 156 starts its
// own browser UI (the omnibox popup's WebUI, in a renderer of its own) whatever page it shows: about a second of one
// core, right when the visit starts. A user's window did that once, long before they opened the workspace or the
// peer, so both are measured after it: once Chromium's processes have been quiet over a short window.
import { readdirSync, readFileSync } from 'node:fs';

const kTicksPerSecond = 100;  // /proc's clock ticks (USER_HZ)
const kWindowMs = 150;
const kQuietShare = 0.15;  // of one core, over the window: a few timers, not a page being built
const kGiveUpMs = 5000;    // a machine busy with something else: measure anyway, and say so

function processTable() {
  const table = new Map();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(pid, { parent: fields[1], ticks: Number(fields[11]) + Number(fields[12]) });
    } catch { /* gone meanwhile */ }
  }
  return table;
}

// CPU ticks of every process started under this one: the browser Playwright launched with its children, and
// server-mock (idle between visits).
function childTicks() {
  const table = processTable();
  const mine = new Set([String(process.pid)]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, { parent }] of table)
      if (!mine.has(pid) && mine.has(parent)) mine.add(pid), grew = true;
  }
  let ticks = 0;
  for (const pid of mine) if (pid !== String(process.pid)) ticks += table.get(pid).ticks;
  return ticks;
}

// Resolves with how long it waited, and whether the processes did go quiet.
export async function browserQuiet() {
  const started = Date.now();
  const quietTicks = (kWindowMs / 1000) * kTicksPerSecond * kQuietShare;
  for (;;) {
    const before = childTicks();
    await new Promise((resolve) => setTimeout(resolve, kWindowMs));
    if (childTicks() - before <= quietTicks) return { waitedMs: Date.now() - started, quiet: true };
    if (Date.now() - started > kGiveUpMs) return { waitedMs: Date.now() - started, quiet: false };
  }
}
