/**
 * N.* rules on the seeds' published 情况说明 (the 情况说明 sheet of every fixture layout): exactly the known
 * narrative errors are reported, with rule id, severity, cell, expected and actual; every right figure is
 * compared (coverage) and would be reported if it were wrong (one-figure mutations); the generated text passes.
 */
import { analyseNarrative, narrativeFigureRules as narrativeRules } from '../../src/rules/narrative/check';
import { extractFigures, splitSections } from '../../src/rules/narrative/figures';
import { generateNarrative, narrativeLines } from '../../src/narrative/generate';
import { supplementFrom } from '../../src/narrative/supplement';
import { distinctTargets } from '../../src/rules/narrative/data';
import type { Finding } from '../../src/model/finding';
import { runRuleList } from '../../src/rules/rule';
import type { Recognised } from '../../src/tables/recognised';
import type { Figure, Label } from '../../src/tables/types';
import { LAYOUTS, loadRec, pickProjects, type Seed } from './helpers';
import { SEED_SUPPLEMENT } from './seed-supplements';

type Brief = Pick<Finding, 'rule' | 'severity' | 'sheet' | 'cells' | 'expected' | 'actual'>;
const brief = (f: Finding): Brief => ({ rule: f.rule, severity: f.severity, sheet: f.sheet, cells: f.cells, expected: f.expected, actual: f.actual });

function withParagraphs(rec: Recognised, paragraphs: Label[]): Recognised {
  return { ...rec, narrative: { sheet: rec.narrative!.sheet, paragraphs } };
}

/** Every finding the N.* rules make on each seed's published text (known-errors.md, plus 002 十's count and sum). */
const KNOWN: Record<Seed, Omit<Brief, 'sheet'>[]> = {
  '000': [
    // 八 "比2023年预算减少（增加）0万元"
    { rule: 'N.placeholder', severity: 'warning', cells: ['A21'], expected: undefined, actual: '减少（增加）' },
  ],
  '001': [
    // 八 "69.9万元，比2023年预算增加0.8万元，增长0.01%": 0.8 / 69.1 = 1.16%
    { rule: 'N.growth', severity: 'error', cells: ['A26'], expected: '增长1.16%', actual: '增长0.01%' },
    // 十 纳入 "二级项目12个" = 表十二's 12 projects (no finding); "共计金额1,100.00万元" ≠ 表十二 合计 1,096.55;
    // 公开 "公开项目绩效目标12个，涉及项目金额1,100.00万元": 11 sheets, 1,091.55万元
    { rule: 'N.performance_count', severity: 'error', cells: ['A33'], expected: '11个', actual: '12个' },
    { rule: 'N.performance_sum', severity: 'error', cells: ['A33'], expected: '1,096.55万元', actual: '1,100.00万元' },
    { rule: 'N.performance_sum', severity: 'error', cells: ['A33'], expected: '1,091.55万元', actual: '1,100.00万元' },
    // "占部门（单位）项目支出总额的100%": 1,091.55 / 表十二 1,096.55 = 99.54% (/ 表三 1,377.22 = 79.26%)
    { rule: 'N.performance_share', severity: 'warning', cells: ['A33'], expected: '99.54%', actual: '100%' },
  ],
  '002': [
    // 八 "比2024年预算40.72万元减少0.04万元，下降(增长)0.001%": 0.04 / 40.72 = 0.10%
    { rule: 'N.growth', severity: 'error', cells: ['A24'], expected: '下降0.10%', actual: '下降0.001%' },
    // 十 纳入 "二级项目45个，共计金额2,545.59万元": 表十二 lists 50 projects (by unit and name), 合计 2,822.97万元;
    // 公开 "公开项目绩效目标45个，涉及项目金额2,545.59万元": 43 target sheets, 年度资金总额 2,596.29万元
    { rule: 'N.performance_count', severity: 'error', cells: ['A31'], expected: '50个', actual: '45个' },
    { rule: 'N.performance_count', severity: 'error', cells: ['A31'], expected: '43个', actual: '45个' },
    { rule: 'N.performance_sum', severity: 'error', cells: ['A31'], expected: '2,822.97万元', actual: '2,545.59万元' },
    { rule: 'N.performance_sum', severity: 'error', cells: ['A31'], expected: '2,596.29万元', actual: '2,545.59万元' },
    // "占…项目支出总额的100%": 2,596.29 / 表十二 2,822.97 = 91.97% (/ 表三 3,312.04 = 78.39%)
    { rule: 'N.performance_share', severity: 'warning', cells: ['A31'], expected: '91.97%', actual: '100%' },
    { rule: 'N.placeholder', severity: 'warning', cells: ['A24'], expected: undefined, actual: '下降(增长)' },
  ],
};

const ORDER = ['N.figure', 'N.growth', 'N.performance_count', 'N.performance_sum', 'N.performance_share', 'N.placeholder'];
const sortB = (a: Omit<Brief, 'sheet'>, b: Omit<Brief, 'sheet'>) => ORDER.indexOf(a.rule) - ORDER.indexOf(b.rule);

describe('narrativeRules meta', () => {
  test('ids, severities, table N', () => {
    expect(narrativeRules.map((r) => [r.meta.id, r.meta.severity, r.meta.table])).toEqual([
      ['N.figure', 'error', 'N'],
      ['N.growth', 'error', 'N'],
      ['N.performance_count', 'error', 'N'],
      ['N.performance_sum', 'error', 'N'],
      ['N.performance_share', 'warning', 'N'],
      ['N.placeholder', 'warning', 'N'],
    ]);
    for (const r of narrativeRules) expect(r.meta.title).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe.each(['000', '001', '002'] as Seed[])('seed %s: published 情况说明', (seed) => {
  test.each([...LAYOUTS])('%s layout: exactly the known narrative errors', async (layout) => {
    const rec = await loadRec(seed, layout);
    expect(rec.narrative).toBeDefined();
    const got = runRuleList(narrativeRules, rec).map(brief);
    for (const f of got) expect(f.sheet).toBe(rec.narrative!.sheet);
    expect(got.map(({ sheet: _s, ...rest }) => rest).sort(sortB)).toEqual(KNOWN[seed].slice().sort(sortB));
  });

  test('messages are Chinese and name the section; share findings name both denominators', async () => {
    const rec = await loadRec(seed);
    for (const f of runRuleList(narrativeRules, rec)) {
      expect(f.message).toMatch(/^情况说明“[一二三四五六七八九十]+、/);
      if (f.rule === 'N.performance_share') {
        expect(f.message).toContain('表十二');
        expect(f.message).toContain('表三');
        expect(f.related?.map((r) => r.sheet)).toEqual(['表十二', '表三']);
      }
      // At most a handful of cells inline: the message names the whole (表十二 or the target sheets).
      if (f.rule === 'N.performance_count' || f.rule === 'N.performance_sum') {
        expect(f.related!.flatMap((r) => r.cells).length).toBeGreaterThan(0);
        expect(f.related!.flatMap((r) => r.cells).length).toBeLessThanOrEqual(5);
        expect(f.message).toMatch(/表十二|绩效目标表/);
      }
    }
  });

  test('every figure of 二 … 六 is compared, and the main figures of 一, 七, 八, 九, 十', async () => {
    const rec = await loadRec(seed);
    const { checked } = analyseNarrative(rec);
    const sections = splitSections(rec.narrative!.paragraphs);
    for (const s of sections) {
      const mine = new Set(checked.filter((c) => c.section === s.id).map((c) => c.figure.offset));
      const figs = s.figures.filter((f) => !f.inReason);
      if (['二', '三', '四', '五', '六'].includes(s.id ?? '')) {
        // 五 (一)'s "比上年减少1800.94万元" is the change: only its rate can be checked.
        const unchecked = figs.filter((f) => !mine.has(f.offset) && !/(增加|减少)$/.test(f.segment));
        expect({ section: s.id, unchecked: unchecked.map((f) => f.segment + f.text) }).toEqual({ section: s.id, unchecked: [] });
      }
      if (s.id === '七') expect(figs.filter((f) => mine.has(f.offset)).length).toBeGreaterThanOrEqual(5);
      if (s.id === '八') expect(figs.some((f) => mine.has(f.offset) && f.unit === '万元')).toBe(true);
      if (s.id === '十') expect(figs.filter((f) => mine.has(f.offset)).length).toBe(13);
    }
  });

  test('one-figure mutations: each right figure the checker compares is reported once it is wrong', async () => {
    const rec = await loadRec(seed);
    const base = analyseNarrative(rec);
    const flagged = (cell: string, shown: string) => base.issues.some((i) => i.cell === cell && (i.actual ?? '').endsWith(shown));
    const paragraphs = rec.narrative!.paragraphs;
    let mutated = 0;
    for (const { section, figure: f } of base.checked) {
      if (flagged(f.cell, f.text + f.unit)) continue;
      const idx = paragraphs.findIndex((p) => p.cell === f.cell);
      const p = paragraphs[idx];
      expect(p.text.slice(f.at, f.at + f.text.length)).toBe(f.text);
      const bumped =
        // 十's two project types are rounded each on their own: their sum may differ from the total by 0.01.
        f.unit === '万元' ? f.value.plus(section === '十' ? '0.02' : '0.01').toFixed(Math.max(2, f.decimals)) : f.unit === '%' ? f.value.plus('0.02').toFixed(2) : f.value.plus(1).toFixed();
      const text = p.text.slice(0, f.at) + bumped + p.text.slice(f.at + f.text.length);
      const changed = paragraphs.map((x, i) => (i === idx ? { ...x, text } : x));
      const after = analyseNarrative(withParagraphs(rec, changed)).issues.filter((i) => i.cell === f.cell);
      const before = base.issues.filter((i) => i.cell === f.cell);
      const expectedRule: string =
        section === '十'
          ? { 个: 'N.performance_count', 万元: 'N.performance_sum', '%': 'N.performance_share', 家: '' }[f.unit]
          : f.unit === '%' && /(增长|下降)(\(.*\))?$/.test(f.segment)
            ? 'N.growth'
            : /(增加|减少)$/.test(f.segment)
              ? 'N.growth'
              : 'N.figure';
      const same = (a: (typeof before)[number], b: (typeof before)[number]) => a.rule === b.rule && a.expected === b.expected && a.actual === b.actual;
      const added = after.filter((i) => !before.some((b) => same(b, i)));
      const rules: string[] = [...new Set(added.map((i) => i.rule))];
      // A subject amount also enters the text's own growth arithmetic (002 八 states both years): N.growth may join.
      expect({ figure: `${section} ${f.segment}${f.text}${f.unit}`, has: rules.includes(expectedRule), others: rules.filter((r) => r !== expectedRule && r !== 'N.growth') }).toEqual({
        figure: `${section} ${f.segment}${f.text}${f.unit}`,
        has: true,
        others: [],
      });
      mutated++;
    }
    expect(mutated).toBeGreaterThan(45);
  });
});

describe('the generated text passes its own checker', () => {
  test.each(['000', '001', '002'] as Seed[])('seed %s', async (seed) => {
    const rec = await loadRec(seed);
    let projects: { name: string; type: string }[] = [];
    if (seed === '000') {
      const t = distinctTargets(rec);
      const other = pickProjects(t, 6, '136.48')!;
      projects = t.map((x) => ({ name: x.projectName!.text, type: other.includes(x) ? '其他运转类' : '特定目标类' }));
    }
    const g = generateNarrative(rec, supplementFrom(SEED_SUPPLEMENT[seed], projects));
    const paragraphs = narrativeLines(g).map((text, i) => ({ text, sheet: '情况说明', cell: `A${i + 1}`, row: i + 1, col: 1 }));
    const found = runRuleList(narrativeRules, withParagraphs(rec, paragraphs));
    // Only the 【请填写：…】 placeholders left for what the seed does not say (001/002: project types, 十一, 十二).
    expect(found.filter((f) => f.rule !== 'N.placeholder')).toEqual([]);
    if (seed === '000') expect(found).toEqual([]);
    else for (const f of found) expect(f.actual).toMatch(/^【请填写：/);
  });
});

describe('N.* on edited texts (seed 000 tables)', () => {
  let rec: Recognised;
  beforeAll(async () => {
    rec = await loadRec('000');
  });
  const run = (lines: string[]) =>
    runRuleList(
      narrativeRules,
      withParagraphs(
        rec,
        lines.map((text, i) => ({ text, sheet: '情况说明', cell: `A${i + 1}`, row: i + 1, col: 1 })),
      ),
    ).map(brief);

  test('a wrong amount and a wrong share: N.figure with the table value', () => {
    const got = run(['二、收入预算情况说明', '2024年度高平市民政局预算收入11,277.58万元，主要包括一般公共预算拨款收入9,518.74万元，占84.41%；上年结转1,586.61万元，占14.07%。']);
    expect(got).toEqual([
      { rule: 'N.figure', severity: 'error', sheet: '情况说明', cells: ['A2'], expected: '9,518.47万元', actual: '9,518.74万元' },
      { rule: 'N.figure', severity: 'error', sheet: '情况说明', cells: ['A2'], expected: '84.40%', actual: '84.41%' },
    ]);
  });

  test('a table figure that was not read (text in an amount cell) is not compared, never as 0', () => {
    const t5 = rec.tables.T5!;
    const unread = (f: Figure | undefined) => f && { ...f, value: f.value.minus(f.value), empty: true, unread: true };
    const tables = {
      ...rec.tables,
      T5: { ...t5, total: t5.total && { ...t5.total, values: { ...t5.total.values, total: unread(t5.total.values.total) } }, rows: t5.rows.map((r) => ({ ...r, values: { ...r.values, total: unread(r.values.total) } })) },
    };
    const lines = ['五、一般公共预算支出情况说明', '2024年度高平市民政局一般公共预算当年支出9,518.47万元,主要用于以下方面：社会保障和就业支出7,232.16万元，占75.98%。'];
    const paragraphs = lines.map((text, i) => ({ text, sheet: '情况说明', cell: `A${i + 1}`, row: i + 1, col: 1 }));
    const got = runRuleList(narrativeRules, withParagraphs({ ...rec, tables }, paragraphs)).map(brief);
    expect(got.filter((f) => f.rule === 'N.figure')).toEqual([]);
  });

  test('the whole narrative in one cell (lines): same findings, on that cell', () => {
    const text = ['第三部分 2024年度单位预算情况说明', '八、机关运行经费增减变动原因说明', '本单位机关运行经费财政拨款预算0万元，比2023年预算减少（增加）0万元。'].join('\n');
    expect(run([text])).toEqual([{ rule: 'N.placeholder', severity: 'warning', sheet: '情况说明', cells: ['A1'], expected: undefined, actual: '减少（增加）' }]);
  });

  test('a label broken over two paragraphs still reads ("比上年增加" / "1.00万元")', () => {
    const got = run(['一、单位预算收支数据变动情况及原因', '2024年度高平市民政局预算收入总计11,277.58万元，比上年增加', '1,000.00万元，增长9.00%。']);
    // 1000 / 10277.58 = 9.73%
    expect(got).toEqual([{ rule: 'N.growth', severity: 'error', sheet: '情况说明', cells: ['A3'], expected: '增长9.73%', actual: '增长9.00%' }]);
  });

  test('growth: direction words disagree; last year stated but the change does not follow', () => {
    const got = run([
      '五、一般公共预算支出情况说明',
      '2024年度高平市民政局一般公共预算当年支出9,518.47万元,比上年减少1800.94万元，增长15.91%。',
      '八、机关运行经费增减变动原因说明',
      '本单位机关运行经费财政拨款预算0万元，比2023年预算10.00万元减少5.00万元，下降50.00%。',
    ]);
    expect(got).toEqual([
      { rule: 'N.growth', severity: 'error', sheet: '情况说明', cells: ['A2'], expected: '下降15.91%', actual: '增长15.91%' },
      { rule: 'N.growth', severity: 'error', sheet: '情况说明', cells: ['A4'], expected: '减少10.00万元', actual: '减少5.00万元' },
    ]);
  });

  test('amounts inside a reason are not table figures; 政府采购 must add up', () => {
    const got = run([
      '七、“三公”经费增减变动原因说明',
      '2024年高平市民政局财政拨款安排的“三公”经费预算1.98万元，比上年增加0.50万元，主要原因是上年公务接待费9.99万元不足。其中：公务接待费0.50万元。',
      '九、政府采购情况',
      '2024年高平市民政局政府采购预算总额68.75万元。其中：政府采购货物预算63.43万元、政府采购工程预算4.72万元、政府采购服务预算1.60万元。',
    ]);
    expect(got).toEqual([{ rule: 'N.figure', severity: 'error', sheet: '情况说明', cells: ['A4'], expected: '69.75万元', actual: '68.75万元' }]);
  });

  test('template residue: slashes, 【…】 and XX', () => {
    const got = run(['七、“三公”经费增减变动原因说明', '“三公”经费预算1.98万元，比上年增加/减少XX万元，主要原因是【填写原因】。']);
    expect(got.map((f) => [f.rule, f.actual])).toEqual([
      ['N.placeholder', '增加/减少'],
      ['N.placeholder', '【填写原因】'],
      ['N.placeholder', 'XX'],
    ]);
  });

  test('a class the table does not have, and a share of 0', () => {
    const got = run(['五、一般公共预算支出情况说明', '（二）一般公共预算当年支出结构情况', '2024年度高平市民政局一般公共预算当年支出9,518.47万元,主要用于以下方面：教育支出5.00万元，占0%；住房保障支出20.50万元，占0.22%等。']);
    expect(got).toEqual([
      { rule: 'N.figure', severity: 'error', sheet: '情况说明', cells: ['A3'], expected: '0万元', actual: '5.00万元' },
    ]);
  });

  test('no narrative, missing tables, no target sheets: no crash, nothing invented', () => {
    expect(runRuleList(narrativeRules, { ...rec, narrative: undefined })).toEqual([]);
    const noTables = withParagraphs({ ...rec, tables: {}, targets: [] }, [
      { text: '二、收入预算情况说明', sheet: '情况说明', cell: 'A1', row: 1, col: 1 },
      { text: '预算收入1.00万元，主要包括一般公共预算拨款收入1.00万元，占100%。', sheet: '情况说明', cell: 'A2', row: 2, col: 1 },
      { text: '十、绩效管理情况', sheet: '情况说明', cell: 'A3', row: 3, col: 1 },
      { text: '纳入绩效目标管理的二级项目3个，共计金额10.00万元。公开项目绩效目标3个，涉及项目金额10.00万元。', sheet: '情况说明', cell: 'A4', row: 4, col: 1 },
    ]);
    // 纳入 needs 表十二 (missing: skipped, INPUT.missing_table says why); 公开 needs target sheets (one info).
    expect(runRuleList(narrativeRules, noTables).map(brief)).toEqual([
      { rule: 'N.performance_count', severity: 'info', sheet: '情况说明', cells: ['A4'], expected: undefined, actual: undefined },
    ]);
  });
});

describe('figure extraction', () => {
  test('units, thousands separators, labels, reasons', () => {
    const f = extractFigures('预算收入总计11,277.58万元，占84.40%；项目59个，2家单位，主要原因是上年结转1011.04万元。晋财社[2023]293号');
    expect(f.map((x) => [x.value.toFixed(), x.unit, x.segment, x.inReason])).toEqual([
      ['11277.58', '万元', '预算收入总计', false],
      ['84.4', '%', '占', false],
      ['59', '个', '项目', false],
      ['2', '家', '', false],
      ['1011.04', '万元', '主要原因是上年结转', true],
    ]);
    expect(f[1].decimals).toBe(2);
  });
});

describe('表十二 total from its rows', () => {
  const sums = (rec: Recognised) => runRuleList(narrativeRules, rec).filter((f) => f.rule === 'N.performance_sum').map((f) => f.expected);
  const withT12 = (rec: Recognised, change: (t: NonNullable<Recognised['tables']['T12']>) => NonNullable<Recognised['tables']['T12']>): Recognised => ({
    ...rec,
    tables: { ...rec.tables, T12: change(rec.tables.T12!) },
  });

  it('adds the rows when the total row was not read, and compares nothing with 表十二 when a row was not read either', async () => {
    const rec = await loadRec('001');
    expect(sums(rec)).toEqual(['1,096.55万元', '1,091.55万元']);
    // without its total row: the rows add up to the same 1,096.55
    expect(sums(withT12(rec, (t) => ({ ...t, total: undefined })))).toEqual(['1,096.55万元', '1,091.55万元']);
    // and one row's amount unread as well: the sum of the others is no 表十二 total (never fed as one)
    const unread = withT12(rec, (t) => ({ ...t, total: undefined, rows: t.rows.map((r, i) => (i === t.rows.findIndex((x) => x.values.total) ? { ...r, values: { ...r.values, total: undefined } } : r)) }));
    expect(sums(unread)).toEqual(['1,091.55万元']);
  });
});
