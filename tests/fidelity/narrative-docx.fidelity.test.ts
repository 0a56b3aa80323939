/**
 * The 情况说明 read from Word (src/docx/read.ts): every seed's published text, written to .docx by LibreOffice
 * headless in the test setup (HTML → docx, never a hand-written binary), yields the same N.* findings as the same
 * text in a 情况说明 sheet, located by paragraph (`段落N` on the document's file name). And the generated .docx,
 * opened and saved again by another producer (LibreOffice, the stand-in for WPS here), keeps its headings as
 * heading styles with outline levels, its yellow placeholders and its page numbers.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { readDocxNarrative } from '../../src/docx/read';
import { toDocx } from '../../src/docx/write';
import { generateNarrative, narrativeLines } from '../../src/narrative/generate';
import type { Finding } from '../../src/model/finding';
import { narrativeRules } from '../../src/rules/narrative';
import { runRuleList } from '../../src/rules/rule';
import { loadRec, publishedParagraphs, SEEDS } from '../narrative/helpers';

// A fidelity suite (tests/helpers/test-env.js): jest.config.js leaves it out, with one sentence, where LibreOffice
// is missing, and CI runs it always. No skip here: without soffice the suite fails.
const SOFFICE = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'].find((p) => existsSync(p)) ?? 'soffice';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('情况说明 from Word (LibreOffice headless)', () => {
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


describe('the generated .docx through another producer (LibreOffice opens and saves it again)', () => {
  let dir: string;
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  test('headings stay heading styles with outline levels; placeholders stay yellow; the footer keeps the page number', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'narrative-resave-'));
    const g = generateNarrative(await loadRec('001'));
    const src = path.join(dir, 'src');
    const out = path.join(dir, 'out');
    execFileSync('mkdir', ['-p', src, out]);
    writeFileSync(path.join(src, '情况说明.docx'), await toDocx(g));
    execFileSync(
      SOFFICE,
      [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', out, path.join(src, '情况说明.docx')],
      { stdio: 'ignore', timeout: 240000 },
    );
    const bytes = new Uint8Array(readFileSync(path.join(out, '情况说明.docx')));
    // The same paragraphs, in order (the list of what to fill closes the document).
    const read = await readDocxNarrative(bytes, '情况说明.docx');
    const lines = narrativeLines(g);
    expect(read.paragraphs.slice(0, lines.length).map((p) => p.text)).toEqual(lines);

    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(bytes);
    const doc = await zip.file('word/document.xml')!.async('string');
    const styles = await zip.file('word/styles.xml')!.async('string');
    const styleOf = new Map(
      [...styles.matchAll(/<w:style [^>]*w:styleId="([^"]+)"[^>]*>(.*?)<\/w:style>/gs)].map((m) => [m[1], { name: /<w:name w:val="([^"]+)"/.exec(m[2])?.[1] ?? '', level: /<w:outlineLvl w:val="(\d)"/.exec(m[2])?.[1] }]),
    );
    // A paragraph's text is its w:t runs joined (LibreOffice splits runs where it likes: "1" + "、整体绩效目标").
    const paras = [...doc.matchAll(/<w:p[ >](.*?)<\/w:p>/gs)].map((m) => ({
      style: /<w:pStyle w:val="([^"]+)"/.exec(m[1])?.[1] ?? '',
      text: [...m[1].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    }));
    const headingOf = (text: string) => {
      const p = paras.find((x) => x.text === text);
      return p ? styleOf.get(p.style) : undefined;
    };
    for (const s of g.sections) expect([s.id, headingOf(`${s.id}、${s.title}`)]).toEqual([s.id, { name: expect.stringMatching(/^heading 1$/i), level: '0' }]);
    expect(headingOf('1、整体绩效目标')).toEqual({ name: expect.stringMatching(/^heading 2$/i), level: '1' });
    // Every placeholder still highlighted.
    const runs = [...doc.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map((m) => m[1]).filter((r) => r.includes('【请填写：'));
    expect(runs.length).toBeGreaterThan(0);
    for (const r of runs) expect(r).toMatch(/<w:highlight w:val="yellow"\/>/);
    const footers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
    expect(footers.some((f) => /PAGE/.test(f))).toBe(true);
  }, 300000);
});
