import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { toDocx } from '../../src/narrative/docx';
import { generateNarrative } from '../../src/narrative/generate';
import { supplementFrom } from '../../src/narrative/supplement';
import { loadRec } from './helpers';
import { SEED_SUPPLEMENT } from './seed-supplements';

function wellFormed(xml: string): string[] {
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

describe('toDocx', () => {
  test('a WordprocessingML package: every paragraph in order, East Asian fonts set', async () => {
    const rec = await loadRec('002');
    const g = generateNarrative(rec, supplementFrom(SEED_SUPPLEMENT['002']));
    const bytes = await toDocx(g);
    expect(Buffer.from(bytes.slice(0, 2)).toString()).toBe('PK');
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files).filter((n) => !zip.files[n].dir).sort()).toEqual(
      ['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml', 'word/_rels/document.xml.rels', 'word/document.xml', 'word/styles.xml'].sort(),
    );
    for (const name of Object.keys(zip.files).filter((n) => !zip.files[n].dir)) wellFormed(await zip.file(name)!.async('string'));
    const texts = wellFormed(await zip.file('word/document.xml')!.async('string'));
    const expected = [g.title, ...g.sections.flatMap((s) => [`${s.id}、${s.title}`, ...s.paragraphs])];
    expect(texts).toEqual(expected);
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toContain('w:eastAsia="仿宋"');
    expect(styles).toContain('w:eastAsia="宋体"');
    expect(styles).toContain('w:eastAsia="黑体"');
    expect(styles).toContain('<w:lang w:val="en-US" w:eastAsia="zh-CN"/>');
    const doc = await zip.file('word/document.xml')!.async('string');
    expect(doc).toContain('<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">八、机关运行经费增减变动原因说明');
    expect(doc).toContain('<w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">（一）一般公共预算当年支出规模变化情况');
  });

  test('fonts can be chosen; text is escaped', async () => {
    const bytes = await toDocx({ title: 'A & B <c>', sections: [{ id: '一', title: 't', paragraphs: ['x < y & "z"'] }] }, { bodyFont: '仿宋_GB2312' });
    const zip = await JSZip.loadAsync(bytes);
    const doc = await zip.file('word/document.xml')!.async('string');
    expect(wellFormed(doc)).toEqual(['A & B <c>', '一、t', 'x < y & "z"']);
    expect(await zip.file('word/styles.xml')!.async('string')).toContain('w:eastAsia="仿宋_GB2312"');
  });
});
