/**
 * An interrupted `batch` (issue 10 item 5): the process is killed in the middle of a rerun; the previous
 * report.html, report.json and every page they link to are left whole, because the new pages are staged apart and
 * everything is put in place by renames only once all workbooks are checked. The next run completes and leaves
 * no staging folder behind.
 */
import { spawn } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { ROOT, cli } from './helpers';

const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const FILES = 10;

let dir: string;
let folder: string;
let out: string;

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

/** Every file of the report folder with its hash. */
function snapshot(): Record<string, string> {
  const res: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else res[path.relative(dir, p)] = sha(p);
    }
  };
  walk(path.join(dir, 'reports'));
  return res;
}

/** The pages report.html links to, relative to the report folder. */
function links(html: string): string[] {
  return [...html.matchAll(/href="([^"#]+\.html)"/g)].map((m) => decodeURIComponent(m[1]));
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-batch-kill-'));
  folder = path.join(dir, 'in');
  fs.mkdirSync(folder);
  for (let i = 0; i < FILES; i++) fs.copyFileSync(path.join(ROOT, 'fixtures/workbooks', i % 2 ? '001-standard.xlsx' : '002-variant.xlsx'), path.join(folder, `单位${String(i).padStart(2, '0')}.xlsx`));
  out = path.join(dir, 'reports', 'report.html');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('killed mid-run, the previous report stays whole; the next run completes and cleans up', async () => {
  const first = cli(['batch', folder, '--out', out, '--jobs', '1']);
  expect(first.status).toBe(1);
  const before = snapshot();
  const html = fs.readFileSync(out, 'utf8');
  expect(links(html)).toHaveLength(FILES);

  // A second run over a folder with more files, killed once it has checked (and written a page for) one of them.
  for (let i = FILES; i < FILES + 3; i++) fs.copyFileSync(path.join(ROOT, 'fixtures/workbooks/001-variant.xlsx'), path.join(folder, `单位${i}.xlsx`));
  const child = spawn(process.execPath, [TSX_CLI, path.join(ROOT, 'src/cli/main.ts'), 'batch', folder, '--out', out, '--jobs', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  // off a terminal each finished file is listed once (on stdout in text mode): killed after the second
  let listed = '';
  const killed = await new Promise<NodeJS.Signals | null>((resolve) => {
    const watch = (d: Buffer) => {
      listed += d.toString('utf8');
      if (/\[2\/13\]/.test(listed)) child.kill('SIGKILL');
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.on('exit', (_code, signal) => resolve(signal));
  });
  expect(killed).toBe('SIGKILL');
  expect(listed).not.toMatch(/已写出汇总报告/);

  // The previous report, byte for byte, and every page it links to (the staging folder is all that was added).
  const after = snapshot();
  const staged = Object.keys(after).filter((f) => f.includes(`${path.sep}.partial-`));
  expect(staged.length).toBeGreaterThan(0);
  for (const f of staged) delete after[f];
  expect(after).toEqual(before);
  for (const l of links(fs.readFileSync(out, 'utf8'))) expect(fs.existsSync(path.join(path.dirname(out), l))).toBe(true);
  expect(JSON.parse(fs.readFileSync(path.join(dir, 'reports', 'report.json'), 'utf8')).workbooks).toHaveLength(FILES);

  // The next run: all 13, every link alive, no staging folder left.
  const third = cli(['batch', folder, '--out', out, '--jobs', '2']);
  expect(third.status).toBe(1);
  const final = fs.readFileSync(out, 'utf8');
  expect(links(final)).toHaveLength(FILES + 3);
  for (const l of links(final)) expect(fs.existsSync(path.join(path.dirname(out), l))).toBe(true);
  expect(fs.readdirSync(path.join(dir, 'reports', 'report_files')).sort()).toEqual(Array.from({ length: FILES + 3 }, (_x, i) => `${String(i + 1).padStart(3, '0')}.html`));
});
