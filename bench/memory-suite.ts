/**
 * Memory of `check --out` on the pathological workbooks of issue 10 (bench/pathological.ts): a whole-sheet merge,
 * the sample with a merge to the last cell, a sheet of 1,048,576 rows, a cell bomb and a file of 2.5 million cells.
 * Each runs in a fresh process (bench/memory-measure.ts); its peak RSS less that of the same process doing nothing
 * is `memory.<case>.peakRssOverBaselineBytes` in `npm run bench -- --json`, and the largest of them is the
 * top-level `peakRssOverBaselineBytes`. The outcome (findings or one Chinese refusal) is tested, not timed, in
 * tests/cli/pathological.test.ts.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Measurement, Metric, Suite } from './run';
import { PATHOLOGICAL } from './pathological';

const ROOT = path.resolve(__dirname, '..');
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

interface Measured {
  ms: number;
  peakRssBytes: number;
  exit: number;
  stderr: string[];
}

function measure(args: string[]): Measured {
  const r = spawnSync(process.execPath, [TSX_CLI, path.join(__dirname, 'memory-measure.ts'), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`memory-measure ${args.join(' ')} failed (${r.status}): ${r.stderr.trim()}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measured;
}

export const memorySuite: Suite = {
  name: 'memory',
  async run({ log }) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-check-memory-'));
    const out: Measurement[] = [];
    try {
      const base = measure(['baseline']);
      out.push({ id: 'memory:baseline', title: 'check process, modules loaded, no work', peakRssMb: Math.round(base.peakRssBytes / 1048576) });
      for (const p of PATHOLOGICAL) {
        const file = path.join(dir, `${p.id}.xlsx`);
        log(`generating ${p.title}`);
        await p.write(file);
        log(`check --out ${p.title}`);
        const m = measure(['check', file, path.join(dir, `${p.id}.out.xlsx`)]);
        out.push({
          id: `memory:${p.id}`,
          title: `${p.title} (${Math.round(fs.statSync(file).size / 1024)} KB)`,
          exit: m.exit,
          outcome: m.stderr.join(' ').slice(0, 60),
          checkMs: m.ms,
          peakRssMb: Math.round(m.peakRssBytes / 1048576),
          peakRssOverBaselineBytes: Math.max(0, m.peakRssBytes - base.peakRssBytes),
        });
        fs.rmSync(file, { force: true });
        fs.rmSync(path.join(dir, `${p.id}.out.xlsx`), { force: true });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
  summary(ms) {
    const mine = ms.filter((m) => m.id.startsWith('memory:') && m.id !== 'memory:baseline');
    const res: Record<string, Metric> = {};
    for (const m of mine) res[`memory.${m.id.slice('memory:'.length)}.peakRssOverBaselineBytes`] = m.peakRssOverBaselineBytes;
    // the worst of the pathological cases; peakRssOverBaselineBytes itself is the 100,000-row sheet's (suite ratios)
    res.peakRssOverBaselineBytesWorstCase = mine.length ? Math.max(...mine.map((m) => Number(m.peakRssOverBaselineBytes))) : null;
    return res;
  },
  goals(ms) {
    return ms
      .filter((m) => m.id.startsWith('memory:') && m.id !== 'memory:baseline')
      .map((m) => `check --out, ${m.title}: exit ${m.exit}, peak RSS ${m.peakRssMb} MB (${Math.round(Number(m.peakRssOverBaselineBytes) / 1048576)} MB over the baseline)`);
  },
};
