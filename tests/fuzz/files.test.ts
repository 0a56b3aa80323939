/**
 * Fuzzing, file cases (100 of the 1,000; the 900 snapshot cases are in snapshots.test.ts): zip-level and
 * SpreadsheetML-level corruption of small fixture workbooks written to disk — truncated zip bytes, random bytes
 * and blocks inside the zip, a 0-byte file, merge refs over the whole sheet or beyond Excel's grid, far cell refs
 * and row numbers, bad shared-string indexes, numbers as 1e999 / text, truncated or garbled XML, dropped parts —
 * read with readWorkbookFile and checked. Each ends as findings or as an UnreadableWorkbookError with a one-line
 * Chinese message.
 *
 * Then the real CLI: `check --json` on a sample (exit 0/1 with one JSON document and nothing on stderr, or exit 2
 * with one Chinese line on stderr and no stack trace), and `batch` over every file (the batch goes on; unreadable
 * files are listed as 无法读取 with the reader's reason, the others checked as in-process).
 */
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { CJK, fileCase, FIXTURES, ROOT, type FileCase } from './harness';

const FILE_CASES = 100;
const CLI_SAMPLE = 3;
const ONLY = process.env.FUZZ_CASE;
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const NO_STACK = /Error:|^\s*at |node:internal|\.ts:\d+/m;

let dir: string;
const cases: FileCase[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-fuzz-files-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [TSX_CLI, path.join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, env: { ...process.env, BUDGET_CHECK_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test(`${FILE_CASES} corrupted files through the reader and the engine`, async () => {
  const small = fs.readdirSync(FIXTURES).filter((f) => /^00[13]-.*\.xlsx$/.test(f));
  const bytes = new Map(small.map((f) => [f, fs.readFileSync(path.join(FIXTURES, f))]));
  const failures: string[] = [];
  for (let i = 0; i < FILE_CASES; i++) {
    const r = await fileCase(i, dir, bytes);
    cases.push(r);
    if (ONLY === r.id) process.stderr.write(`${r.what}: ${r.outcome} ${r.reason ?? ''}\n${r.failure ?? ''}\n`);
    if (r.failure && (!ONLY || ONLY === r.id)) failures.push(r.failure);
  }
  expect(failures).toEqual([]);
  // both outcomes occur: the corruption is neither always fatal nor always harmless
  expect(cases.filter((c) => c.outcome === 'unreadable').length).toBeGreaterThan(10);
  expect(cases.filter((c) => c.outcome === 'ok').length).toBeGreaterThan(10);
  expect(cases.find((c) => c.id === 'f0')).toMatchObject({ outcome: 'unreadable', reason: 'empty' });
});

test(`check --json on ${CLI_SAMPLE} of them: exit 0/1 with JSON, or 2 with one Chinese line`, async () => {
  if (ONLY) return;
  const unreadable = cases.filter((c) => c.outcome === 'unreadable' && c.reason !== 'empty');
  const ok = cases.filter((c) => c.outcome === 'ok');
  // the 0-byte file, a corrupt zip, a damaged but readable workbook
  const sample = [cases[0], unreadable[Math.floor(unreadable.length / 2)], ok[Math.floor(ok.length / 2)]].slice(0, CLI_SAMPLE);
  const failures: string[] = [];
  {
    const pair = sample;
    const runs = await Promise.all(pair.map((c) => run(['check', c.file, '--json'])));
    pair.forEach((c, k) => {
      const r = runs[k];
      if (c.outcome === 'unreadable') {
        const lines = r.stderr.split('\n').filter((l) => l.trim());
        if (r.status !== 2 || r.stdout !== '' || lines.length !== 1 || !/^无法读取文件：/.test(lines[0]) || !CJK.test(lines[0]) || NO_STACK.test(r.stderr)) {
          failures.push(`${c.what}: exit ${r.status}, stdout ${JSON.stringify(r.stdout.slice(0, 100))}, stderr ${JSON.stringify(r.stderr.slice(0, 300))}`);
        }
      } else {
        let doc: { summary?: { errors: number } } | undefined;
        try {
          doc = JSON.parse(r.stdout);
        } catch {
          failures.push(`${c.what}: stdout is not one JSON document: ${JSON.stringify(r.stdout.slice(0, 200))}`);
        }
        const expected = (doc?.summary?.errors ?? 0) > 0 ? 1 : 0;
        if (r.status !== expected || r.stderr !== '') failures.push(`${c.what}: exit ${r.status} (expected ${expected}), stderr ${JSON.stringify(r.stderr.slice(0, 300))}`);
      }
    });
  }
  expect(failures).toEqual([]);
});

test('batch over all of them: the batch goes on, unreadable files listed as 无法读取, exit 1', async () => {
  if (ONLY) return;
  const r = await run(['batch', dir, '--json', '--jobs', '2', '--out', path.join(dir, 'out', 'report.html')]);
  expect(r.status).toBe(1);
  expect(r.stderr).not.toMatch(NO_STACK);
  const doc = JSON.parse(r.stdout) as { workbooks: { file: string; status: string; reason: string | null }[] };
  expect(doc.workbooks.map((w) => ({ file: w.file, status: w.status }))).toEqual(
    cases.map((c) => ({ file: path.basename(c.file), status: c.outcome })).sort((a, b) => (a.file < b.file ? -1 : 1)),
  );
  for (const w of doc.workbooks) if (w.status === 'unreadable') expect(w.reason).toMatch(/^无法读取文件：f\d+-\w+\.xlsx /);
  const html = fs.readFileSync(path.join(dir, 'out', 'report.html'), 'utf8');
  expect(html.match(/<tr [^>]*data-status="无法读取"/g)).toHaveLength(cases.filter((c) => c.outcome === 'unreadable').length);
});
