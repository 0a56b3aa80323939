/**
 * The pathological workbooks of issue 10 (bench/pathological.ts) each finish `check --out` as a child process:
 * with the findings and a valid copy (exit 1), or with one Chinese line refusing the file and no copy (exit 2) —
 * never a crash, a stack trace or a partial file. Only the outcome is asserted here; memory and time are measured
 * by `npm run bench -- --suite memory` (memory.<case>.peakRssOverBaselineBytes).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { PATHOLOGICAL, SAMPLE } from '../../bench/pathological';
import { entries, parseStrict, stripAdditions } from '../xlsx/package-diff';
import { cli, expectOneChineseLine } from './helpers';

jest.setTimeout(600_000);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-pathological-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Refused: the reader's bound (a part or the whole beyond its size, or beyond its cell count). */
const REFUSED = new Set(['cellBomb', 'cellCount']);

test.each(PATHOLOGICAL.map((p) => [p.id, p] as const))('%s', async (id, p) => {
  const file = path.join(dir, `${id}.xlsx`);
  const copy = path.join(dir, `${id}.out.xlsx`);
  await p.write(file);
  const r = cli(['check', file, '--out', copy]);
  expect(r.stderr).not.toMatch(/Error:|^\s*at |node:internal|\.ts:\d+|heap out of memory/m);
  expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  if (REFUSED.has(id)) {
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toMatch(/解压后过大.*已拒绝读取/);
    expect(fs.existsSync(copy)).toBe(false);
    return;
  }
  expect(r.status).toBe(1);
  expect(r.stdout).toMatch(/结果：错误 [1-9]\d* 条/);
  expectOneChineseLine(r.stderr);
  expect(r.stderr).toMatch(/^已写出带标注的副本：/);
  // The copy: every entry the original had, each unchanged or changed only by the product's additions.
  const a = await entries(fs.readFileSync(file));
  const b = await entries(fs.readFileSync(copy));
  const added = [...b.keys()].filter((n) => !a.has(n));
  expect(added.length).toBeGreaterThan(0);
  let changed = 0;
  for (const [name, bytes] of a) {
    const got = b.get(name);
    expect(got).toBeDefined();
    if (got!.equals(bytes)) continue;
    changed++;
    const text = got!.toString('utf8');
    if (!name.endsWith('.vml')) parseStrict(text);
    expect(stripAdditions(name, text, added, bytes.toString('utf8')) === bytes.toString('utf8')).toBe(true);
  }
  expect(changed).toBeGreaterThan(0);
  for (const name of added) if (/\.(xml|rels)$/.test(name)) parseStrict(b.get(name)!.toString('utf8'));
});

test('cells beyond the grid (XFE1, ZZZZ2) in the input: check --out and --fix still write their copies', async () => {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(fs.readFileSync(SAMPLE));
  const part = 'xl/worksheets/sheet1.xml';
  const xml = (await zip.file(part)!.async('string'))
    .replace(/<row r="1"([^>]*)>/, '<row r="1"$1><c r="XFE1"><v>5</v></c>')
    .replace(/<row r="2"([^>]*)>/, '<row r="2"$1><c r="ZZZZ2" t="inlineStr"><is><t>x</t></is></c>');
  expect(xml).toContain('XFE1');
  zip.file(part, xml);
  const file = path.join(dir, 'beyond.xlsx');
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  for (const extra of [[], ['--fix']]) {
    const copy = path.join(dir, `beyond${extra.join('')}.out.xlsx`);
    const r = cli(['check', file, '--out', copy, ...extra]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/结果：错误 [1-9]\d* 条/);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toMatch(/^已写出带标注的副本：/);
    const b = await entries(fs.readFileSync(copy));
    for (const [name, bytes] of b) if (/\.(xml|rels)$/.test(name)) parseStrict(bytes.toString('utf8'));
  }
});
