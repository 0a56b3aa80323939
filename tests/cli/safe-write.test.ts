/**
 * Safe writes (issue 10 item 5), end to end through the CLI: the input is never modified (sha256 before and after,
 * whatever path --out takes to it); a bad output path is one Chinese line after the printed findings and leaves no
 * file behind; text from cells reaches neither the terminal with its control characters, nor the copy's XML with
 * characters XML cannot carry, nor a CSV as a formula, nor Markdown as HTML.
 */
import crypto from 'crypto';
import fs from 'fs';
import JSZip from 'jszip';
import os from 'os';
import path from 'path';
import { main, type Io } from '../../src/cli/main';
import { check } from '../../src/engine';
import { buildCsv } from '../../src/format/report';
import { csvNeutral } from '../../src/format/safe-text';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { entries, parseStrict } from '../xlsx/package-diff';
import { ROOT } from './helpers';

const SEED = path.join(ROOT, 'fixtures/workbooks/001-standard.xlsx');
/** Everything a cell should not smuggle out: a CSV formula, ESC sequences, BEL, U+FFFF, HTML with script. */
const HOSTILE = "-1+cmd|' -C calc'!A0_x001B_[2J_x001B_[1A结果：未发现问题_x0007__xFFFF_<img src=x onerror=alert(1)>";

let dir: string;
let input: string;
let hostile: string;
let seedSha: string;

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

async function run(args: string[]): Promise<{ code: number; out: string; err: string[] }> {
  let out = '';
  const err: string[] = [];
  const io: Io = { out: (t) => void (out += t), err: (l) => void err.push(l) };
  return { code: await main(args, io), out, err };
}

/** One line of Chinese, no English error text or stack. */
function expectOneChineseLine(err: string[]): void {
  expect(err).toHaveLength(1);
  expect(err[0]).toMatch(/[\u4e00-\u9fff]/);
  expect(err[0]).not.toMatch(/Error:|^\s*at |node:internal|\.ts:\d+|\n/);
}

const escXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The seed with the hostile text as 表二!D9 (an amount: INPUT.not_a_number quotes it) and in the unit's caption. */
async function writeHostile(file: string): Promise<void> {
  const zip = await JSZip.loadAsync(fs.readFileSync(SEED));
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const rid = /<sheet [^>]*name="表二"[^>]*r:id="([^"]+)"/.exec(wb)![1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1];
  const part = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const sheet = await zip.file(part)!.async('string');
  const cell = /<c r="D9"[^>]*?(\/>|>[\s\S]*?<\/c>)/.exec(sheet);
  expect(cell).not.toBeNull();
  const style = /\ss="(\d+)"/.exec(cell![0])?.[1];
  zip.file(part, sheet.replace(cell![0], `<c r="D9"${style ? ` s="${style}"` : ''} t="inlineStr"><is><t>${escXml(HOSTILE)}</t></is></c>`));
  const ss = await zip.file('xl/sharedStrings.xml')!.async('string');
  expect(ss).toContain('单位名称：长治市民政局');
  zip.file('xl/sharedStrings.xml', ss.replace('单位名称：长治市民政局', `单位名称：长治市民政局${escXml('<img src=x onerror=alert(1)>')}_x001B_]0;pwned_x0007__xFFFF_`));
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-safe-'));
  input = path.join(dir, 'in.xlsx');
  fs.copyFileSync(SEED, input);
  seedSha = sha(input);
  hostile = path.join(dir, 'hostile.xlsx');
  await writeHostile(hostile);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the input is never modified', () => {
  test('check, --out, --fix, --fix with the default name, --json: sha256 unchanged', async () => {
    for (const args of [['check', input], ['check', input, '--out', path.join(dir, 'a.xlsx')], ['check', input, '--fix', '--out', path.join(dir, 'b.xlsx')], ['check', input, '--fix'], ['check', input, '--json', '--out', path.join(dir, 'c.xlsx')]]) {
      const r = await run(args);
      expect(r.code).toBe(1);
      expect(sha(input)).toBe(seedSha);
    }
    expect(fs.existsSync(path.join(dir, 'in.校验.xlsx'))).toBe(true);
  });

  test.each([
    ['a symlink to it', (link: string) => fs.symlinkSync(input, link)],
    ['a hard link to it', (link: string) => fs.linkSync(input, link)],
    ['a symlink to its folder', (link: string) => fs.symlinkSync(dir, link)],
  ])('--out through %s: refused before anything is read, one Chinese line, input unchanged', async (what, make) => {
    const link = path.join(dir, `link-${what.replace(/\W/g, '')}${what.includes('folder') ? '' : '.xlsx'}`);
    make(link);
    const out = what.includes('folder') ? path.join(link, 'in.xlsx') : link;
    for (const extra of [[], ['--fix'], ['--json']]) {
      const r = await run(['check', input, '--out', out, ...extra]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expectOneChineseLine(r.err);
      expect(r.err[0]).toMatch(/不能是原文件本身/);
      expect(sha(input)).toBe(seedSha);
    }
    expect(sha(link === out ? link : out)).toBe(seedSha);
  });

  test('--out spelled another way (./, .., another case): the same file is refused; a different file is written', async () => {
    const spelled = path.join(dir, '.', 'sub', '..', 'in.xlsx');
    const r = await run(['check', input, '--out', spelled]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/不能是原文件本身/);
    // Another case: on a case-insensitive file system it is the input (same inode) and refused; here on a
    // case-sensitive one it is another file. Either way the input stays as it was.
    const upper = path.join(dir, 'IN.XLSX');
    const sameInode = fs.existsSync(upper) && fs.statSync(upper).ino === fs.statSync(input).ino;
    const r2 = await run(['check', input, '--out', upper]);
    expect(r2.code).toBe(sameInode ? 2 : 1);
    expect(sha(input)).toBe(seedSha);
    if (!sameInode) expect(fs.existsSync(upper)).toBe(true);
  });

  test('--fix without --out, where the default name x.校验.xlsx is a link to the input: refused', async () => {
    const sub = fs.mkdtempSync(path.join(dir, 'fixlink-'));
    const x = path.join(sub, 'x.xlsx');
    fs.copyFileSync(SEED, x);
    fs.symlinkSync(x, path.join(sub, 'x.校验.xlsx'));
    const r = await run(['check', x, '--fix']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/不能是原文件本身/);
    expect(sha(x)).toBe(seedSha);
  });

  test('narrative --out through a link to the input: refused, input unchanged', async () => {
    const link = path.join(dir, 'narr-link.md');
    fs.symlinkSync(input, link);
    const r = await run(['narrative', input, '--out', link]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.err);
    expect(sha(input)).toBe(seedSha);
  });
});

describe('a bad output path: the findings printed, one Chinese line, no file left behind', () => {
  const readOnlyDir = () => {
    // root writes into a 0555 folder regardless; sysfs refuses new files even to root.
    if (process.getuid?.() === 0) return '/sys/kernel';
    const d = path.join(dir, 'readonly');
    fs.mkdirSync(d, { recursive: true });
    fs.chmodSync(d, 0o555);
    return d;
  };
  test.each([
    ['a missing folder', () => path.join(dir, '没有这个文件夹', 'copy.xlsx'), /文件夹 .* 不存在/],
    ['a directory', () => fs.mkdtempSync(path.join(dir, 'adir-')), /是一个文件夹/],
    ['a read-only folder', () => path.join(readOnlyDir(), 'copy.xlsx'), /没有写入 .* 的权限|只读/],
    ['a path through a file', () => path.join(input, 'copy.xlsx'), /in\.xlsx 不是文件夹/],
  ])('%s', async (_what, target, message) => {
    const out = target();
    const folder = path.dirname(out);
    // where a partial or temporary file could appear: the folder given, else the nearest folder above it
    const parent = fs.existsSync(folder) && fs.statSync(folder).isDirectory() ? folder : path.dirname(folder);
    const before = fs.existsSync(parent) ? fs.readdirSync(parent).sort() : null;
    for (const extra of [[], ['--fix']]) {
      const r = await run(['check', input, '--out', out, ...extra]);
      expect(r.code).toBe(1); // the findings' status: the report was printed before the copy was tried
      expect(r.out).toMatch(/结果：错误 \d+ 条/);
      expectOneChineseLine(r.err);
      expect(r.err[0]).toMatch(/^无法写出副本/);
      expect(r.err[0]).toMatch(message);
      expect(fs.existsSync(parent) ? fs.readdirSync(parent).sort() : null).toEqual(before);
    }
    expect(sha(input)).toBe(seedSha);
  });

  test('an existing output is replaced whole (a temporary file, then a rename), never left half written', async () => {
    const out = path.join(dir, 'existing.xlsx');
    fs.writeFileSync(out, 'old contents');
    const r = await run(['check', input, '--out', out]);
    expect(r.code).toBe(1);
    expect((await readWorkbookBuffer(fs.readFileSync(out), 'existing.xlsx')).sheets.length).toBeGreaterThan(13);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('text from cells', () => {
  test('control characters never reach the terminal: an ESC in a cell cannot print a fake 结果', async () => {
    for (const args of [['check', hostile], ['narrative', hostile]]) {
      const r = await run(args);
      // eslint-disable-next-line no-control-regex
      expect(r.out).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
      expect(r.err.join('')).not.toContain('\u001b');
    }
    const text = (await run(['check', hostile])).out;
    expect(text).toContain('\\x1b[2J');
    // the only summary lines are the real ones: the verdict under the title and the last line
    const lines = text.trimEnd().split('\n');
    const verdicts = lines.map((l, i) => [l, i] as const).filter(([l]) => /^结果：/.test(l));
    expect(verdicts.map(([, i]) => i)).toEqual([1, lines.length - 1]);
    for (const [l] of verdicts) expect(l).toMatch(/^结果：错误 [1-9]\d* 条/);
  });

  test('batch: department names and file names from the cells and the folder reach the terminal escaped', async () => {
    const folder = fs.mkdtempSync(path.join(dir, 'batch-'));
    fs.copyFileSync(hostile, path.join(folder, 'a\u001b[2Jb.xlsx'));
    let out = '';
    const err: string[] = [];
    const code = await main(['batch', folder, '--jobs', '1'], { out: (t) => void (out += t), err: (l) => void err.push(l) });
    expect(code).toBe(1);
    expect(out).toContain('长治市民政局');
    // eslint-disable-next-line no-control-regex
    for (const text of [out, ...err]) expect(text.replace(/\n/g, '')).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
  });

  test('--out: U+FFFF and control characters never reach the copy’s XML; the copy reads back', async () => {
    const out = path.join(dir, 'hostile.out.xlsx');
    const r = await run(['check', hostile, '--fix', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/^已写出带标注的副本/);
    const before = await entries(fs.readFileSync(hostile));
    const after = await entries(fs.readFileSync(out));
    let checked = 0;
    for (const [name, bytes] of after) {
      if (!/\.(xml|rels)$/.test(name) || before.get(name)?.equals(bytes)) continue;
      const text = bytes.toString('utf8');
      parseStrict(text);
      // eslint-disable-next-line no-control-regex
      expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
      checked++;
    }
    expect(checked).toBeGreaterThan(2);
    const snap = await readWorkbookBuffer(fs.readFileSync(out), 'hostile.out.xlsx');
    expect(snap.sheets.some((s) => s.name === '校验结果')).toBe(true);
  });

  test('narrative: Markdown shows HTML from cells as text; the .docx is well-formed XML', async () => {
    const md = (await run(['narrative', hostile])).out;
    expect(md).toContain('长治市民政局');
    expect(md).not.toMatch(/<img/i);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const docx = path.join(dir, 'n.docx');
    const r = await run(['narrative', hostile, '--out', docx]);
    expect(r.code).toBe(0);
    const parts = await entries(fs.readFileSync(docx));
    for (const [name, bytes] of parts) if (/\.xml$/.test(name)) parseStrict(bytes.toString('utf8'));
    expect(parts.get('word/document.xml')!.toString('utf8')).not.toMatch(/\uFFFF/);
  });

  test('CSV: a field starting with = + - @, a tab or CR is neutralised; the cell’s formula arrives as text', async () => {
    const wb = await readWorkbookBuffer(fs.readFileSync(hostile), 'hostile.xlsx');
    const { findings } = check(wb);
    const bad = findings.find((f) => f.rule === 'INPUT.not_a_number' && f.cells[0] === 'D9');
    expect(bad?.actual).toMatch(/^-1\+cmd/);
    const csv = buildCsv(findings);
    // every field of every row: none starts with a formula character
    const fields = csv.split('\r\n').flatMap((line) => line.match(/("([^"]|"")*"|[^,]*)/g) ?? []).map((f) => f.replace(/^"|"$/g, ''));
    expect(fields.filter((f) => /^[=+\-@\t\r]/.test(f) && !/^-?\d+(\.\d+)?$/.test(f))).toEqual([]);
    // the cell's text arrives whole, as text (quoted in the 实为 column, so no spreadsheet reads it as a formula)
    expect(csv).toContain("“-1+cmd|' -C calc'!A0");
    for (const s of ['=1+1', '+SUM(A1)', '-1+cmd', '@SUM(A1)', '\tx', '\rx']) expect(csvNeutral(s)).toBe(`'${s}`);
    for (const s of ['-12.5', '12', '表一', '']) expect(csvNeutral(s)).toBe(s);
  });
});
