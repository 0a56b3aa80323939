import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { toDocx } from '../../src/docx/write';
import { FILL_HEADING, fillLine, generateNarrative } from '../../src/narrative/generate';
import { supplementFrom } from '../../src/narrative/supplement';
import { loadRec } from './helpers';
import { SEED_SUPPLEMENT } from './seed-supplements';

/** Parses the XML (throws when it is not well-formed) and returns the text of its w:t runs. */
function runTexts(xml: string): string[] {
  const texts: string[] = [];
  const p = new SaxesParser();
  let inT = false;
  p.on('opentag', (t) => (inT = t.name === 'w:t'));
  p.on('closetag', () => (inT = false));
  p.on('text', (t) => {
    if (inT) texts.push(t);
  });
  p.write(xml).close();
  return texts;
}

/** The paragraphs of document.xml with their style ('' for body text). */
function paragraphs(xml: string): { style: string; text: string }[] {
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>/gs)].map((m) => ({
    style: /<w:pStyle w:val="([^"]+)"\/>/.exec(m[1])?.[1] ?? '',
    text: runTexts(`<x xmlns:w="w">${m[1]}</x>`).join(''),
  }));
}

describe('toDocx (docx package)', () => {
  test('every paragraph in order with its style; East Asian fonts 宋体 / 黑体 / 仿宋, zh-CN', async () => {
    const rec = await loadRec('002');
    const g = generateNarrative(rec, supplementFrom(SEED_SUPPLEMENT['002']));
    const bytes = await toDocx(g);
    expect(Buffer.from(bytes.slice(0, 2)).toString()).toBe('PK');
    const zip = await JSZip.loadAsync(bytes);
    for (const name of Object.keys(zip.files).filter((n) => !zip.files[n].dir && /\.(xml|rels)$/.test(n))) runTexts(await zip.file(name)!.async('string'));
    const doc = await zip.file('word/document.xml')!.async('string');
    const expected = [
      { style: 'Title', text: g.title },
      ...g.sections.flatMap((s) => [
        { style: 'Heading1', text: `${s.id}、${s.title}` },
        ...s.paragraphs.map((p) => ({ style: /^(（[一二]）|\d、)/.test(p) ? 'Heading2' : '', text: p })),
      ]),
      // The list of what to fill where closes the document, on a page of its own.
      ...(g.fill.length ? [{ style: 'Heading1', text: FILL_HEADING }, ...g.fill.map((f, i) => ({ style: '', text: `${i + 1}. ${fillLine(f)}` }))] : []),
    ];
    expect(g.fill.length).toBeGreaterThan(0);
    expect(paragraphs(doc)).toEqual(expected);
    expect(doc).toMatch(/<w:pageBreakBefore\/>.*附：待填写事项/s);
    const styles = await zip.file('word/styles.xml')!.async('string');
    const docDefaults = /<w:docDefaults>.*?<\/w:docDefaults>/s.exec(styles)![0];
    expect(docDefaults).toContain('w:eastAsia="仿宋"');
    expect(docDefaults).toContain('<w:lang w:val="en-US" w:eastAsia="zh-CN"/>');
    expect(docDefaults).toContain('<w:sz w:val="32"/>');
    const style = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}".*?</w:style>`, 's').exec(styles)![0];
    expect(style('Title')).toContain('w:eastAsia="宋体"');
    expect(style('Title')).toContain('<w:jc w:val="center"/>');
    expect(style('Title')).toContain('w:firstLineChars="0"');
    expect(style('Heading1')).toContain('w:eastAsia="黑体"');
    expect(doc).toContain('<w:pgSz w:w="11906" w:h="16838"');
    // Built-in heading styles with outline levels: Word's and WPS's navigation pane and TOC see them.
    expect(style('Heading1')).toMatch(/<w:name w:val="heading 1"\/>/i);
    expect(style('Heading1')).toContain('<w:outlineLvl w:val="0"/>');
    expect(style('Heading2')).toContain('<w:outlineLvl w:val="1"/>');
  });

  test('placeholders highlighted yellow, each in a run of its own; the footer numbers the pages', async () => {
    const rec = await loadRec('001');
    const g = generateNarrative(rec);
    const zip = await JSZip.loadAsync(await toDocx(g));
    const doc = await zip.file('word/document.xml')!.async('string');
    const runs = [...doc.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map((m) => ({ marked: /<w:highlight w:val="yellow"\/>/.test(m[1]) && /<w:shd [^>]*w:fill="FFFF00"/.test(m[1]), text: runTexts(`<x xmlns:w="w">${m[1]}</x>`).join('') }));
    const holders = runs.filter((r) => /【请填写：/.test(r.text));
    expect(holders.length).toBe(g.fill.filter((f) => f.label).length);
    for (const r of holders) expect(r).toEqual({ marked: true, text: expect.stringMatching(/^【请填写：[^】]*】$/) });
    // No other text is highlighted.
    expect(runs.filter((r) => r.marked && !/^【请填写：/.test(r.text))).toEqual([]);
    const footerName = Object.keys(zip.files).find((n) => /^word\/footer\d*\.xml$/.test(n))!;
    const footer = await zip.file(footerName)!.async('string');
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(runTexts(footer).join('')).toContain('— ');
    expect(doc).toMatch(/<w:footerReference w:type="default" r:id="[^"]+"\/>/);
  });

  test('fonts can be chosen; text is escaped', async () => {
    const bytes = await toDocx({ title: 'A & B <c>', sections: [{ id: '一', title: 't', paragraphs: ['x < y & "z"'] }] }, { bodyFont: '仿宋_GB2312' });
    const zip = await JSZip.loadAsync(bytes);
    const doc = await zip.file('word/document.xml')!.async('string');
    expect(paragraphs(doc).map((p) => p.text)).toEqual(['A & B <c>', '一、t', 'x < y & "z"']);
    expect(await zip.file('word/styles.xml')!.async('string')).toContain('w:eastAsia="仿宋_GB2312"');
  });
});
