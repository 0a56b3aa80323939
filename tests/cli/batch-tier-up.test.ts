/**
 * The batch raises V8's optimisation budget while its workers run (src/cli/batch.ts raiseTierUpBudget) and puts the
 * default back once they have exited: V8 refuses a code cache made under other flags, so a left-over flag would
 * cost `check` its cached start-up (build/cli/.cache).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import vm from 'vm';
import { main } from '../../src/cli/main';
import { BATCH_INTERRUPT_BUDGET, raiseTierUpBudget } from '../../src/cli/batch';
import { ROOT } from './helpers';

const applies = Number(process.versions.v8.split('.')[0]) === BATCH_INTERRUPT_BUDGET.v8Major;

let n = 0;
/** Code-cache data made under the flags of this moment, and whether V8 takes it now. */
function cacheProbe(): () => boolean {
  // one length for every probe (V8 checks the source's length), a new text each time (no in-isolate cache hit)
  const source = (k: number) => `(function probe() { return ${String(k).padStart(9, '0')}; })`;
  const data = new vm.Script(source(++n)).createCachedData();
  return () => new vm.Script(source(++n), { cachedData: data }).cachedDataRejected === false;
}

test('raised while a batch runs, the default back when the last one ends', () => {
  const accepted = cacheProbe();
  expect(accepted()).toBe(true);
  const restoreOuter = raiseTierUpBudget();
  expect(accepted()).toBe(!applies);
  const restoreInner = raiseTierUpBudget();
  restoreInner();
  restoreInner(); // once only
  expect(accepted()).toBe(!applies); // the outer batch still runs
  restoreOuter();
  expect(accepted()).toBe(true);
});

test('a budget given on the command line is left alone', () => {
  const accepted = cacheProbe();
  process.execArgv.push('--interrupt-budget=1000');
  try {
    const restore = raiseTierUpBudget();
    expect(accepted()).toBe(true);
    restore();
  } finally {
    process.execArgv.pop();
  }
  expect(accepted()).toBe(true);
});

test('after `batch` returns, a code cache made under the default flags is taken again', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-tier-'));
  try {
    const folder = path.join(tmp, 'in');
    fs.mkdirSync(folder);
    for (const f of ['000-standard.xlsx', '001-variant.xlsx']) fs.copyFileSync(path.join(ROOT, 'fixtures/workbooks', f), path.join(folder, f));
    const accepted = cacheProbe();
    const lines: string[] = [];
    const code = await main(['batch', folder, '--out', path.join(tmp, 'report.html'), '--jobs', '2', '--json'], { out: () => undefined, err: (l) => void lines.push(l) });
    expect(code).toBe(1); // the seeds have errors
    expect(lines.filter((l) => /^\[\d+\/2\]/.test(l))).toHaveLength(2);
    expect(accepted()).toBe(true);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
