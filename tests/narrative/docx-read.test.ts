/**
 * The 情况说明 read from Word (src/docx/read.ts): every seed's published text, written to .docx by LibreOffice
 * headless in the test setup (HTML → docx, never a hand-written binary), yields the same N.* findings as the same
 * text in a 情况说明 sheet, located by paragraph (`段落N` on the document's file name).
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { readDocxNarrative, UnreadableDocumentError } from '../../src/docx/read';
import type { Finding } from '../../src/model/finding';
import { narrativeRules } from '../../src/rules/narrative';
import { runRuleList } from '../../src/rules/rule';
import { loadRec, publishedParagraphs, SEEDS } from './helpers';

function soffice(): string | undefined {
  for (const p of ['/usr/bin/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice']) if (existsSync(p)) return p;
  return undefined;
}

const SOFFICE = soffice();
if (!SOFFICE && process.env.CI === 'true') throw new Error('LibreOffice (soffice) is required on CI for the .docx narrative tests');
const maybe = SOFFICE ? describe : describe.skip;
if (!SOFFICE) console.warn('跳过 .docx 情况说明测试：本机没有 LibreOffice（soffice），CI 上会运行。');

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

maybe('情况说明 from Word (LibreOffice headless)', () => {
  let dir: string;
  const docx: Record<string, Uint8Array> = {};
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'narrative-docx-'));
    const inputs = SEEDS.map((seed) => {
      const html = path.join(dir, `情况说明-${seed}.html`);
      const body = publishedParagraphs(seed)
        .map((p, i) => (i === 0 ? `<h1>${escape(p.text)}</h1>` : /^[一二三四五六七八九十]+、/.test(p.text) ? `<h2>${escape(p.text)}</h2>` : `<p>${escape(p.text)}</p>`))
        .join('\n');
      writeFileSync(html, `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>\n${body}\n</body></html>`);
      return html;
    });
    execFileSync(
      SOFFICE!,
      [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, ...inputs],
      { stdio: 'ignore', timeout: 240000 },
    );
    for (const seed of SEEDS) docx[seed] = new Uint8Array(readFileSync(path.join(dir, `情况说明-${seed}.docx`)));
  }, 300000);
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  const brief = (f: Finding) => ({ rule: f.rule, severity: f.severity, message: f.message, expected: f.expected, actual: f.actual });

  test.each([...SEEDS])('seed %s: the same paragraphs, the same N.* findings, located by 段落N', async (seed) => {
    const name = `情况说明-${seed}.docx`;
    const fromWord = await readDocxNarrative(docx[seed], name);
    const sheetParas = publishedParagraphs(seed);
    expect(fromWord.paragraphs.map((p) => p.text)).toEqual(sheetParas.map((p) => p.text.trim()));
    for (const p of fromWord.paragraphs) expect(p).toMatchObject({ sheet: name, cell: expect.stringMatching(/^段落\d+$/) });

    const rec = await loadRec(seed);
    const inSheet = runRuleList(narrativeRules, rec);
    const inWord = runRuleList(narrativeRules, { ...rec, narrative: fromWord });
    expect(inSheet.length).toBeGreaterThan(0);
    expect(inWord.map(brief)).toEqual(inSheet.map(brief));
    // Each finding stands on the paragraph holding the same text as the sheet's cell.
    const textOf = new Map([...sheetParas.map((p) => [`${p.sheet}!${p.cell}`, p.text.trim()] as const), ...fromWord.paragraphs.map((p) => [`${p.sheet}!${p.cell}`, p.text] as const)]);
    inWord.forEach((f, i) => {
      expect(f.sheet).toBe(name);
      expect(textOf.get(`${f.sheet}!${f.cells[0]}`)).toBe(textOf.get(`${inSheet[i].sheet}!${inSheet[i].cells[0]}`));
    });
  });
});

describe('not a .docx', () => {
  test('.doc (OLE2) and random bytes: one Chinese sentence', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(readDocxNarrative(ole, '情况说明.doc')).rejects.toThrow(new UnreadableDocumentError('无法读取情况说明：情况说明.doc 是旧版 Word（.doc）文件，请在 Word 或 WPS 中另存为 .docx 后再校验'));
    await expect(readDocxNarrative(new TextEncoder().encode('not a zip'), 'x.docx')).rejects.toThrow(/^无法读取情况说明：x\.docx 不是有效的 \.docx 文件/);
  });
});
