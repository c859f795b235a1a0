// How the benchmark report judges its targets (tests/bench/report.mjs), checked on the committed results with one
// figure changed at a time: a stalled warm visit counts against the warm target, and the cold ratio is judged and
// printed at three digits. Prints one line per check and ends with "report: N passed, N failed".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateTargets, renderReport } from './report.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const committed = JSON.parse(readFileSync(path.join(here, 'results.json'), 'utf8'));
const kN = '100000';

// The committed results with `change` applied to a copy of the 100,000-lead figures.
function resultsWith(change) {
  const results = structuredClone(committed);
  change(results.sizes[kN]);
  return results;
}
const target = (results, id) => evaluateTargets(results).targets.find((t) => t.id === id);

// Ours and the peer take `ours` and `peer` ms to load everything, in every run.
function coldRuns(at, ours, peer) {
  at.ours.runs.forEach((run) => { run.allLoadedMs = ours; });
  at.peer.runs.forEach((run) => { run.allLoadedMs = peer; });
  Object.assign(at.ours.summary.allLoadedMs, { median: ours, min: ours, max: ours });
  Object.assign(at.peer.summary.allLoadedMs, { median: peer, min: peer, max: peer });
}

// A warm visit up to date in `currentMs`, every changed lead found, and `stalled` visits without their kept list
// (as the bench records them: the app's published problem, or, from older runs, a message alone).
function warmVisits(at, currentMs, stalled = []) {
  Object.assign(at.ours.summary.warm.currentMs, { median: currentMs, min: currentMs, max: currentMs });
  at.ours.summary.warm.found = at.ours.summary.warm.found.map(() => 456);
  at.ours.summary.warm.stalled = stalled;
}
const notShown = (problem) => ({ message: 'the kept list was not shown', seen: { app: { snapshot: { problem } } } });

const checks = [
  ['a fast warm visit with no stall meets the warm target', () => {
    const warm = target(resultsWith((at) => warmVisits(at, 700)), 'warm');
    return warm.met === true && !warm.by.includes('without the kept list');
  }],
  ['fast warm visits, two of which showed no kept list, miss the warm target and say why', () => {
    const warm = target(resultsWith((at) => warmVisits(at, 700, [notShown('unreadable'), notShown('unreadable')])), 'warm');
    return warm.met === false && warm.by.includes('2 visit(s) without the kept list (snapshot problem "unreadable" ×2');
  }],
  ['a stall recorded by an older bench (a message alone) still misses the warm target', () => {
    const warm = target(resultsWith((at) => warmVisits(at, 700, ['timed out waiting for the kept list'])), 'warm');
    return warm.met === false && warm.by.includes('1 visit(s) without the kept list (not up to date within 2 minutes ×1');
  }],
  ['a changed lead not found by its new name misses the warm target', () => {
    const warm = target(resultsWith((at) => { warmVisits(at, 700); at.ours.summary.warm.found[2] = 0; }), 'warm');
    return warm.met === false && warm.by.includes('found by their new names: no');
  }],
  ['a cold ratio of 0.254 is missed and printed with three digits', () => {
    const cold = target(resultsWith((at) => coldRuns(at, 2540, 10000)), 'all-loaded');
    return cold.met === false && cold.by.startsWith('0.254×') && cold.by.includes('per run 0.254–0.254×');
  }],
  ['a cold ratio of 0.249 is met', () => {
    const cold = target(resultsWith((at) => coldRuns(at, 2490, 10000)), 'all-loaded');
    return cold.met === true && cold.by.startsWith('0.249×');
  }],
  ['the report ends with the count of targets met, as evaluated', () => {
    const results = resultsWith((at) => warmVisits(at, 700, [notShown('timeout')]));
    const { text, evaluation } = renderReport(results, '');
    const last = text.trim().split('\n').pop();
    return last === `targets met: ${evaluation.met} of ${evaluation.targets.length}` &&
        evaluation.met === evaluation.targets.filter((t) => t.met).length;
  }],
];

let passed = 0, failed = 0;
for (const [name, check] of checks) {
  let ok = false, error = '';
  try { ok = check(); } catch (thrown) { error = `: ${thrown.stack || thrown}`; }
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${error}`);
}
console.log(`report: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
