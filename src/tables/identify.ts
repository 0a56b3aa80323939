import type { TableId } from './types';
import { keyText, memoised } from './text';
import type { Grid } from './grid';

/** Chinese names of the 13 tables, as the template prints them (without the year). */
export const TABLE_NAMES: Record<TableId, string> = {
  T1: '预算收支总表',
  T2: '预算收入总表',
  T3: '预算支出总表',
  T4: '财政拨款收支总表',
  T5: '一般公共预算支出预算表（不含上年结转）',
  T6: '一般公共预算安排基本支出分经济科目表（不含上年结转）',
  T7: '政府性基金预算收入表（不含上年结转）',
  T8: '政府性基金预算支出表（不含上年结转）',
  T9: '国有资本经营预算收支预算表（不含上年结转）',
  T10: '财政拨款安排“三公”经费支出预算表',
  T11: '财政拨款安排机关运行经费预算表',
  T12: '项目支出预算表（本年预算）',
  T13: '项目支出预算表（上年结转）',
};

export const TABLE_ORDINALS: Record<TableId, string> = {
  T1: '表一', T2: '表二', T3: '表三', T4: '表四', T5: '表五', T6: '表六', T7: '表七',
  T8: '表八', T9: '表九', T10: '表十', T11: '表十一', T12: '表十二', T13: '表十三',
};

/**
 * Title patterns on keyText (no brackets, spaces, punctuation; year kept): most specific first, since
 * "预算收支总表" is also the tail of other titles' words.
 */
const TITLE_PATTERNS: [TableId, RegExp][] = [
  ['T12', /项目支出(预算)?表?本年预算|项目支出预算表(?!.*上年结转)/],
  ['T13', /项目支出(预算)?表?上年结转|结转项目(支出)?(预算)?表/],
  ['T6', /基本支出(分|按)?经济(分类)?科目|经济科目(支出)?表/],
  ['T10', /三公经费/],
  ['T11', /机关运行经费/],
  ['T9', /国有资本经营(预算)?收支/],
  ['T7', /政府性基金(预算)?收入(预算)?表/],
  ['T8', /政府性基金(预算)?支出(预算)?表/],
  ['T5', /一般公共预算(当年拨款)?支出(预算)?表/],
  ['T4', /财政拨款收支总(预算)?表/],
  ['T2', /(预算)?收入总表/],
  ['T3', /(预算)?支出总表/],
  ['T1', /收支总(预算)?表/],
];

const CN_DIGITS: Record<string, number> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12, 十三: 13,
};

function ordinal(n: number): TableId | undefined {
  return n >= 1 && n <= 13 ? (`T${n}` as TableId) : undefined;
}

/** A table by its title text (a cell or a row's joined text). */
export const tableFromTitle = memoised((text: string): TableId | undefined => {
  const k = keyText(text);
  if (!k || k.length > 80) return undefined;
  if (/绩效目标/.test(k)) return undefined;
  for (const [id, re] of TITLE_PATTERNS) if (re.test(k)) return id;
  return undefined;
}, 60);

/** "预算公开表3", "部门公开表3", "表三", "表3" as a caption or sheet name. */
export function tableFromCaption(text: string): TableId | undefined {
  const k = keyText(text);
  let m = /^(?:预算|部门|单位)?公开表(\d{1,2})$/.exec(k) ?? /^表(\d{1,2})$/.exec(k);
  if (m) return ordinal(Number(m[1]));
  m = /^表(十[一二三]?|[一二三四五六七八九])$/.exec(k);
  if (m) return ordinal(CN_DIGITS[m[1]]);
  return undefined;
}

/** A sheet name such as "表一", "表1", "1收支总表", "预算公开表2", "5一般公共预算支出表"; "Sheet3" tells nothing. */
export function tableFromSheetName(name: string): TableId | undefined {
  const byCaption = tableFromCaption(name);
  if (byCaption) return byCaption;
  const byTitle = tableFromTitle(name);
  if (byTitle) return byTitle;
  const k = keyText(name);
  const m = /^(\d{1,2})\D/.exec(k) ?? /^表(\d{1,2})/.exec(k) ?? /^表(十[一二三]?|[一二三四五六七八九])/.exec(k);
  if (m) return ordinal(/^\d+$/.test(m[1]) ? Number(m[1]) : CN_DIGITS[m[1]]);
  return undefined;
}

export interface TableHead {
  id: TableId;
  /** The row where the title stands (0 when known only from the sheet name). */
  titleRow: number;
  /** First row after the title block (caption, title, 单位名称, 单位：万元). */
  bodyStart: number;
  /** 单位名称 / 部门名称 when printed. */
  unitName?: string;
  year?: number;
}

const SCAN_ROWS = 8;

/**
 * Recognises a table sheet by the title in its first rows, failing that by a caption, failing that by the
 * sheet name. Returns where the title block ends so header detection starts below it.
 */
export function identifyTable(grid: Grid): TableHead | undefined {
  let id: TableId | undefined;
  let titleRow = 0;
  let captionId: TableId | undefined;
  let unitName: string | undefined;
  let year: number | undefined;
  let lastMeta = 0;
  const limit = Math.min(grid.rowCount, SCAN_ROWS);
  for (let r = 1; r <= limit; r++) {
    const texts = uniqueTexts(grid, r);
    for (const t of texts) {
      const titled = tableFromTitle(t);
      if (titled && !id && t.length <= 60) {
        id = titled;
        titleRow = r;
        lastMeta = r;
        const y = /((?:19|20)\d{2})\s*年/.exec(t);
        if (y) year = Number(y[1]);
      }
      const cap = tableFromCaption(t);
      if (cap) {
        captionId ??= cap;
        lastMeta = Math.max(lastMeta, r);
      }
      const unit = /^[\s\u3000]*(?:单位|部门)名称[:：]?\s*(.*)$/.exec(t);
      if (unit && unit[1].trim()) {
        unitName = unit[1].replace(/[\s\u3000]*单位[:：].*$/, '').trim();
        lastMeta = Math.max(lastMeta, r);
      }
      if (/^[\s\u3000]*(金额)?单位[:：]\s*(万元|元)/.test(t)) lastMeta = Math.max(lastMeta, r);
    }
  }
  id ??= captionId ?? tableFromSheetName(grid.name);
  if (!id) return undefined;
  return { id, titleRow, bodyStart: lastMeta + 1, unitName, year };
}

function uniqueTexts(grid: Grid, row: number): string[] {
  const seen = new Set<string>();
  for (let c = 1; c <= Math.min(grid.colCount, 30); c++) {
    const t = grid.text(row, c);
    if (t) seen.add(t);
  }
  return [...seen];
}
