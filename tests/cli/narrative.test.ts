import { mkdtempSync, readFileSync } from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';

const SAMPLE = path.resolve(__dirname, '../../examples/sample-长治市民政局-2024.xlsx');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (l: string) => void err.push(l) }, out, err };
}

test('narrative prints the 情况说明 as Markdown with the tables’ figures and visible placeholders', async () => {
  const c = capture();
  expect(await main(['narrative', SAMPLE], c.io)).toBe(0);
  const md = c.out.join('');
  expect(md).toMatch(/^# 第三部分 2024年度单位预算情况说明/);
  expect(md).toContain('预算收入总计1,799.77万元');
  expect(md).toContain('一般公共预算拨款收入1,500.11万元，占83.35%');
  expect(md).toContain('【请填写：');
});

test('narrative --out .docx writes a Word document; --json prints the sections', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bc-narr-'));
  const out = path.join(dir, '情况说明.docx');
  const c = capture();
  expect(await main(['narrative', SAMPLE, '--out', out, '--json'], c.io)).toBe(0);
  const doc = await (await JSZip.loadAsync(readFileSync(out))).file('word/document.xml')!.async('string');
  expect(doc).toContain('支出预算情况说明');
  const json = JSON.parse(c.out.join(''));
  expect(json.sections.map((s: { id: string }) => s.id)).toEqual(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二']);
  expect(c.err.join('')).toContain('已写出情况说明');
});
