/**
 * Fuzzing, 900 snapshot cases (the other 100 of the 1,000 are files: files.test.ts). A fixture workbook is read
 * once, trimmed, then gets 1–4 random mutations in memory — cells swapped, sheets dropped or duplicated or
 * renamed, merges removed / overlapping / out of range (whole sheet, whole columns), amounts turned to text
 * ("待定", "1,2,3", "￥", very long strings), numbers to NaN-like text or to Infinity / 1e308, rows shuffled,
 * header rows deleted, columns deleted or inserted, cells far out (row 1,048,576), formulas garbled
 * (tests/fuzz/mutate.ts) — and goes through checkWorkbook, toJson and toText. Every case must end as a proper
 * findings list (harness.ts problems(): rule, severity, Chinese message, A1 cells, no NaN amounts) — never a
 * crash.
 *
 * The cases run in two tsx processes side by side (run-snapshots.ts): outside jest's vm the engine runs about
 * 1.5× faster, and the two halves use both cores. Deterministic (seeded); FUZZ_CASE=s<i> runs that one case here,
 * in-process, and prints what it does.
 */
import { spawn } from 'child_process';
import path from 'path';
import { loadBases, ROOT, snapshotCase } from './harness';

const CASES = 900;
const ONLY = process.env.FUZZ_CASE;
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

interface Report {
  cases: number;
  failures: string[];
  errors: number;
  rules: Record<string, number>;
}

function runCases(from: number, to: number): Promise<Report> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [TSX_CLI, path.join(__dirname, 'run-snapshots.ts'), String(from), String(to)], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    p.on('close', (status) => {
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()!) as Report);
      } catch {
        resolve({ cases: 0, failures: [`cases ${from}–${to - 1}: runner exited ${status}: ${stderr.slice(0, 2000)}`], errors: 0, rules: {} });
      }
    });
  });
}

if (ONLY?.startsWith('s')) {
  test(`snapshot case ${ONLY}`, async () => {
    const r = snapshotCase(Number(ONLY.slice(1)), await loadBases());
    process.stderr.write(`${r.what}\n${r.failure ?? `ok: ${r.rules?.length} findings: ${[...new Set(r.rules)].join(' ')}`}\n`);
    expect(r.failure).toBeUndefined();
  });
} else {
  // the timeout guards against a hang, it is no speed target: on a loaded 2-core machine the cases take over 2 minutes
  test(`${CASES} mutated snapshots through the engine: findings, never a crash`, async () => {
    const half = CASES / 2;
    const reports = await Promise.all([runCases(0, half), runCases(half, CASES)]);
    const failures = reports.flatMap((r) => r.failures);
    expect(failures).toEqual([]);
    expect(reports.reduce((n, r) => n + r.cases, 0)).toBe(CASES);
    // the mutations do reach the rules: bad amounts, missing tables and broken totals are all reported
    const rules = Object.assign({}, ...reports.map((r) => r.rules)) as Record<string, number>;
    for (const id of ['INPUT.not_a_number', 'INPUT.missing_table']) expect(rules[id]).toBeGreaterThan(0);
    expect(reports.reduce((n, r) => n + r.errors, 0)).toBeGreaterThan(CASES / 10);
  }, 600_000);
}
