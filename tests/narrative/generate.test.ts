/**
 * The generator on the seed workbooks: with a 补充信息 sheet filled from what each seed's own 情况说明 says about
 * last year, the generated sections 二, 三, 四, 五(二), 六 and 十 reproduce every right figure of the published
 * text, in order. The figures the seeds got wrong (known-errors.md) are listed per section and must differ.
 */
import { generateNarrative, narrativeLines, type GeneratedNarrative } from '../../src/narrative/generate';
import { readSupplement, supplementTemplate, SUPPLEMENT_FIELDS, SUPPLEMENT_SHEET } from '../../src/narrative/supplement';
import { distinctTargets } from '../../src/rules/narrative/data';
import { projectKey } from '../../src/tables/text';
import type { Label } from '../../src/tables/types';
import { sheetFrom, workbookFrom } from '../helpers/sheet';
import { align, figures, loadRec, pickProjects, publishedParagraphs, sectionText, subsection, type Seed } from './helpers';
import { SEED_SUPPLEMENT } from './seed-supplements';

/** 000 publishes 6 其他运转类 projects worth 136.48万元 (and 53 特定目标类): some 6 sheets that add up to it. */
const OTHER_PROJECTS: Partial<Record<Seed, { count: number; wan: string }>> = { '000': { count: 6, wan: '136.48' } };

/** The 补充信息 sheet as a clerk fills it: the template's column B, written from SEED_SUPPLEMENT and the types. */
async function generateForSeed(seed: Seed): Promise<GeneratedNarrative> {
  const rec = await loadRec(seed);
  const tpl = supplementTemplate(rec);
  const values = SEED_SUPPLEMENT[seed];
  const other = OTHER_PROJECTS[seed];
  const otherKeys = new Set<string>();
  if (other) {
    const picked = pickProjects(distinctTargets(rec), other.count, other.wan);
    expect(picked).toBeDefined();
    picked!.forEach((t) => otherKeys.add(projectKey(t.projectName!.text)));
  }
  let inProjects = false;
  const rows = tpl.rows.map((r) => {
    const row = r.slice();
    if (row[0] === '项目名称') inProjects = true;
    else if (inProjects && row[0]) row[1] = otherKeys.size ? (otherKeys.has(projectKey(row[0])) ? '其他运转类' : '特定目标类') : '';
    else if (row[0] in values) row[1] = values[row[0]];
    return row;
  });
  const wb = workbookFrom('seed', [sheetFrom(tpl.sheetName, rows)]);
  return generateNarrative(rec, readSupplement(wb));
}

function asParagraphs(g: GeneratedNarrative): Label[] {
  return narrativeLines(g).map((text, i) => ({ text, sheet: '生成', cell: `A${i + 1}`, row: i + 1, col: 1 }));
}

type Part = '二' | '三' | '四' | '五(二)' | '六' | '十';
function part(paragraphs: Label[], p: Part): string[] {
  if (p === '五(二)') return figures(subsection(sectionText(paragraphs, '五'), '二'));
  return figures(sectionText(paragraphs, p));
}

/**
 * Per seed and section: published figures the generator must NOT reproduce (wrong in the seed) and figures it
 * adds. Everything else of the published section must be reproduced in order.
 */
const EXPECTED: Record<Seed, Record<Part, { missing: string[]; extra: string[] }>> = {
  '000': {
    二: { missing: [], extra: [] },
    三: { missing: [], extra: [] },
    四: { missing: [], extra: [] },
    '五(二)': { missing: [], extra: [] },
    六: { missing: [], extra: [] },
    // The share names both denominators: 表十二 本年项目支出 (100%) and 表三 项目支出 incl. 上年结转 (the seed's 85.6%).
    十: { missing: [], extra: ['9428.95万元', '100%', '11015.57万元'] },
  },
  '001': {
    二: { missing: [], extra: [] },
    三: { missing: [], extra: [] },
    四: { missing: [], extra: [] },
    // The seed gives no share for 一般公共服务支出 0.42 and 教育支出 1.17.
    '五(二)': { missing: [], extra: ['0.03%', '0.08%'] },
    六: { missing: [], extra: [] },
    // 纳入: 表十二's 12 projects (the seed's 12个), 合计 1,096.55万元 (the seed wrote 1,100.00); 公开: the 11 target
    // sheets totalling 1,091.55万元 (99.54% of 表十二 1,096.55). The types are a placeholder (no project-type table).
    十: {
      missing: ['1100万元', '8个', '71万元', '4个', '1029万元', '12个', '1100万元', '100%', '8个', '71万元', '4个', '1029万元'],
      extra: ['1096.55万元', '11个', '1091.55万元', '1096.55万元', '99.54%', '1377.22万元', '79.26%'],
    },
  },
  '002': {
    二: { missing: [], extra: [] },
    三: { missing: [], extra: [] },
    四: { missing: [], extra: [] },
    '五(二)': { missing: [], extra: [] },
    六: { missing: [], extra: [] },
    // 45 projects / 2,545.59万元 and 100%: 表十二 lists 50 projects (合计 2,822.97万元); the workbook has 43 target
    // sheets totalling 2,596.29万元.
    十: {
      missing: ['45个', '2545.59万元', '23个', '1096.4万元', '22个', '1449.19万元', '45个', '2545.59万元', '100%', '23个', '1096.4万元', '22个', '1449.19万元'],
      extra: ['50个', '2822.97万元', '43个', '2596.29万元', '2822.97万元', '91.97%', '3312.04万元', '78.39%'],
    },
  },
};

/** Reproduced figures per seed over the six sections (for the report). */
// 000: 13 + 5 + 11 + 9 + 3 + 13; 001: 13 + 5 + 13 + 11 + 3 + 2 (十: the 整体 sentence and 纳入's 12个); 002: 13 + 5 + 11 + 9 + 3 + 4.
const REPRODUCED: Record<Seed, number> = { '000': 54, '001': 47, '002': 45 };

describe.each(['000', '001', '002'] as Seed[])('seed %s: generated 情况说明', (seed) => {
  let g: GeneratedNarrative;
  let published: Label[];
  let generated: Label[];
  beforeAll(async () => {
    g = await generateForSeed(seed);
    published = publishedParagraphs(seed);
    generated = asParagraphs(g);
  });

  test.each(['二', '三', '四', '五(二)', '六', '十'] as Part[])('section %s reproduces every right published figure in order', (p) => {
    const pub = part(published, p);
    const gen = part(generated, p);
    const r = align(pub, gen);
    expect({ missing: r.missing, extra: r.extra }).toEqual(EXPECTED[seed][p]);
    expect(r.matched.length).toBe(pub.length - EXPECTED[seed][p].missing.length);
  });

  test('reproduced figure count', () => {
    const total = (['二', '三', '四', '五(二)', '六', '十'] as Part[]).reduce((n, p) => n + align(part(published, p), part(generated, p)).matched.length, 0);
    expect(total).toBe(REPRODUCED[seed]);
  });

  test('twelve sections in order, with the seed’s title and section headings', () => {
    expect(g.sections.map((s) => s.id)).toEqual(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二']);
    expect(g.title).toBe(published[0].text);
    expect(`一、${g.sections[0].title}`).toBe(published[1].text);
    expect(g.markdown.startsWith(`# ${g.title}\n`)).toBe(true);
    for (const s of g.sections) expect(g.markdown).toContain(`## ${s.id}、${s.title}`);
  });
});

describe('generated text: conventions and exact sentences', () => {
  test('000 with every input filled: no placeholder, sentences as the template writes them', async () => {
    const g = await generateForSeed('000');
    expect(g.markdown).not.toContain('【');
    expect(g.notes).toEqual([]);
    const text = (id: string) => g.sections.find((s) => s.id === id)!.paragraphs.join('\n');
    expect(text('二')).toBe(
      '2024年度高平市民政局预算收入11,277.58万元，主要包括一般公共预算拨款收入9,518.47万元，占84.40%；政府性基金预算拨款收入172.50万元，占1.53%；' +
        '国有资本经营预算拨款收入0万元，占0%；财政专户管理资金收入0万元，占0%；单位资金0万元，占0%；上年结转1,586.61万元，占14.07%。',
    );
    expect(text('三')).toBe('2024年度高平市民政局支出预算11,277.58万元，其中：基本支出262.01万元，占2.32%；项目支出11,015.57万元，占97.68%。');
    expect(text('五')).toContain('2024年度高平市民政局一般公共预算当年支出9,518.47万元，比上年减少1,800.94万元，下降15.91%。');
    expect(text('七')).toContain('“三公”经费预算1.98万元，与上年预算数相同。');
    expect(text('八')).toBe('本单位2024年机关运行经费财政拨款预算0万元，与上年预算数相同。');
    expect(text('十')).toContain('纳入绩效目标管理的二级项目59个，共计金额9,428.95万元。其中：其他运转类项目6个，涉及金额136.48万元；特定目标类项目53个，涉及金额9,292.47万元。');
    // 六: items are the rows with an amount in the column, largest first, each once.
    expect(text('六')).toContain('人员经费230.35万元，主要包括：基本工资、津贴补贴、机关事业单位基本养老保险缴费、绩效工资、住房公积金、奖金、');
    expect(text('六')).not.toContain('奖励金'); // 0 in 表六 (the seed lists it)
  });

  test('001: 机关运行经费 growth computed from the amounts (the seed wrote 0.01%)', async () => {
    const g = await generateForSeed('001');
    expect(g.sections.find((s) => s.id === '八')!.paragraphs[0]).toBe('本单位2024年机关运行经费财政拨款预算69.90万元，比上年增加0.80万元，增长1.16%，原因是基本工资增加。');
    expect(g.title).toBe('第三部分 2024年度单位预算情况说明');
  });

  test('002: 部门预算 (5 units), 八 names the 表十一 units, growth 0.10%', async () => {
    const g = await generateForSeed('002');
    expect(g.title).toBe('第三部分 2025年度部门预算情况说明');
    expect(g.sections[0].title).toBe('部门预算收支数据变动情况及原因');
    expect(g.sections[0].paragraphs[0]).toContain('；本年部门预算支出总计4,411.49万元');
    expect(g.sections[0].paragraphs[0]).toContain('比上年增加934.33万元，增长26.87%，主要原因是：一是2025年上年结转纳入年初预算，二是上级提前下达资金纳入年初预算；');
    expect(g.sections.find((s) => s.id === '八')!.paragraphs[0]).toBe(
      '本部门2025年所属阳泉市民政局、阳泉市城乡居民最低生活保障管理中心2家行政单位机关运行经费财政拨款预算40.68万元，比上年减少0.04万元，下降0.10%，原因是人员流动，单位工作人员较上年减少。',
    );
  });

  test('without a supplement: every unknown is a visible placeholder, no figure is invented', async () => {
    const rec = await loadRec('001');
    const g = generateNarrative(rec);
    const s = (id: string) => g.sections.find((x) => x.id === id)!.paragraphs.join('\n');
    // Short placeholders in the sentences; what to enter where is listed once at the end (待填写事项).
    expect(s('一')).toContain('上年结转280.66万元，比上年【请填写：上年收入总计】；');
    expect(s('九')).toBe(
      '2024年长治市民政局政府采购预算总额【请填写：政府采购预算总额】万元。其中：政府采购货物预算【请填写：政府采购货物预算】万元、' +
        '政府采购工程预算【请填写：政府采购工程预算】万元、政府采购服务预算【请填写：政府采购服务预算】万元。',
    );
    const labels = g.fill.map((f) => f.label);
    expect(new Set(labels).size).toBe(labels.length);
    // Every placeholder of the text is in the list, and appears once in the text.
    const inText = g.sections.flatMap((x) => x.paragraphs).join('\n').match(/【请填写：[^】]*】/g)!;
    expect(inText.map((p) => p.slice(5, -1))).toEqual(labels);
    expect(g.fill.find((f) => f.label === '上年收入总计')).toEqual({
      label: '上年收入总计',
      where: '补充信息表 B6',
      hint: '万元，用于计算比上年增减额和增减率；或给出上年公开文件（--previous / 选择上年公开文件）自动计算',
    });
    expect(g.fill.find((f) => f.label === '项目类型')!.where).toBe(`补充信息表 项目类型表（第${SUPPLEMENT_FIELDS.length + 6}行起）B列`);
    expect(g.markdown).toContain('## 附：待填写事项（填写后删除本节）\n\n1. 上年收入总计：在补充信息表 B6 填写（万元，');
    // 十一: the date asked once, then 截至同日.
    expect(s('十一').match(/资产统计截止日期/g)).toHaveLength(1);
    expect(s('十一')).toContain('截至同日，');
    // One short placeholder for the types (纳入); the 公开 split follows only when the types are known.
    expect(s('十')).toContain('共计金额1,096.55万元。其中：【请填写：项目类型】。公开项目绩效目标11个，涉及项目金额1,091.55万元');
    expect(s('十').match(/【请填写：项目类型】/g)).toHaveLength(1);
    expect(g.notes).toContain('补充信息未填：上年收入总计');
    // The table figures are there all the same.
    expect(s('二')).toContain('一般公共预算拨款收入1,500.11万元，占83.35%');
  });

  test('an unknown year and name are asked for once (title, first sentence), then 本年度 / 本单位', async () => {
    const rec = await loadRec('000');
    const g = generateNarrative({ ...rec, year: undefined, department: undefined });
    const all = [g.title, ...g.sections.flatMap((x) => x.paragraphs)].join('\n');
    expect(all.match(/【请填写：预算年度】/g)).toHaveLength(1);
    expect(all.match(/【请填写：单位名称】/g)).toHaveLength(1);
    expect(g.title).toBe('第三部分 【请填写：预算年度】年度单位预算情况说明');
    expect(g.sections[0].paragraphs[0]).toMatch(/^本年度【请填写：单位名称】预算收入总计11,277.58万元/);
    expect(g.sections.find((x) => x.id === '二')!.paragraphs[0]).toMatch(/^本年度本单位预算收入11,277.58万元/);
    expect(g.fill.slice(0, 2).map((f) => f.label)).toEqual(['预算年度', '单位名称']);
  });

  test('a missing table becomes a placeholder naming it', async () => {
    const rec = await loadRec('000');
    const g = generateNarrative({ ...rec, tables: { ...rec.tables, T3: undefined, T11: undefined } });
    const s = (id: string) => g.sections.find((x) => x.id === id)!.paragraphs.join('\n');
    expect(s('三')).toContain('支出预算【请填写：表三 合计】万元');
    expect(s('八')).toContain('【请填写：表十一 机关运行经费】');
    expect(g.notes).toContain('缺少表三 合计');
    // 表十 missing: placeholders; 表十 with 本表无数据 and no rows: 0万元.
    const noT10 = generateNarrative({ ...rec, tables: { ...rec.tables, T10: undefined } });
    expect(noT10.sections.find((x) => x.id === '七')!.paragraphs[0]).toContain('“三公”经费预算【请填写：表十 “三公”经费合计】万元');
    const emptyT10 = generateNarrative({ ...rec, tables: { ...rec.tables, T10: { sheet: '表十', lines: {}, noDataNote: true } } });
    expect(emptyT10.sections.find((x) => x.id === '七')!.paragraphs[0]).toMatch(/^2024年高平市民政局财政拨款安排的“三公”经费预算0万元，比上年【请填写/);
  });

  test('the supplement sheet name', () => {
    expect(SUPPLEMENT_SHEET).toBe('补充信息');
  });
});
