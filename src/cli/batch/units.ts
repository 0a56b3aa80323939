/**
 * batch --units <名单.xlsx|csv>: the departments expected to submit. Each workbook is matched to a name of the
 * list by its 部门名称 (or, when none was read, its file or folder name), tolerant of brackets and 简称:
 *   1. equal once spaces, brackets and what they enclose are dropped ("长治市民政局（本级）" = "长治市民政局");
 *   2. equal with only the bracket characters dropped ("民政局(本级)" = "民政局本级");
 *   3. one contains the other, the shorter at least 3 characters ("民政局" ~ "长治市民政局"), when only one name
 *      of the list does.
 * A name of the list matches at most one workbook, and a workbook at most one name.
 */
import * as fs from 'fs';
import * as path from 'path';
import { openWorkbookFile } from '../../xlsx/open';
import { isUnreadableWorkbookError } from '../../xlsx/errors';
import { UsageError } from '../args';

/** Brackets of every width and what they enclose dropped, spaces dropped. */
export function coreName(s: string): string {
  return s
    .replace(/[（(【[〔［{｛《<][^）)】\]〕］}｝》>]*[）)】\]〕］}｝》>]/g, '')
    .replace(/[\s\u3000"'“”‘’]/g, '')
    .trim();
}

/** Only the bracket characters and spaces dropped. */
export function flatName(s: string): string {
  return s.replace(/[（）()【】[\]〔〕［］{}｛｝《》<>\s\u3000"'“”‘’]/g, '');
}

const HEADER = /^(序号|单位名称|部门名称|名称|单位|部门|预算单位|单位全称|部门全称)$/;

/** The names of a list: the column headed 单位名称/部门名称/名称 (else the first non-numeric column), blank and header rows left out. */
export function namesFromRows(rows: string[][]): string[] {
  // sparse rows and cells (a snapshot's) become empty strings
  const clean = Array.from(rows, (r) => Array.from(r ?? [], (c) => (c ?? '').trim()));
  let col = -1;
  let start = 0;
  for (let i = 0; i < Math.min(clean.length, 5) && col < 0; i++) {
    const j = clean[i].findIndex((c) => /^(单位名称|部门名称|名称|单位|部门|预算单位|单位全称|部门全称)$/.test(c));
    if (j >= 0) {
      col = j;
      start = i + 1;
    }
  }
  if (col < 0) {
    // the first column that is not a running number
    const width = Math.max(0, ...clean.map((r) => r.length));
    for (let j = 0; j < width && col < 0; j++) if (clean.some((r) => r[j] && !/^\d+$/.test(r[j]))) col = j;
  }
  if (col < 0) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of clean.slice(start)) {
    const v = r[col];
    if (r.some((c) => /^(合计|总计|小计)/.test(c))) continue; // a totals row
    if (!v || HEADER.test(v) || /^\d+$/.test(v) || /^(合计|总计|备注)/.test(v)) continue;
    if (seen.has(v)) continue;
    seen.add(v);
    out.push(v);
  }
  return out;
}

/** One CSV line split on commas (or tabs), with "quoted" fields. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (!raw.trim()) continue;
    const sep = raw.includes('\t') && !raw.includes(',') ? '\t' : ',';
    const cells: string[] = [];
    let cur = '';
    let q = false;
    for (let i = 0; i < raw.length; i++) {
      const ch = raw[i];
      if (q) {
        if (ch === '"' && raw[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') q = false;
        else cur += ch;
      } else if (ch === '"') q = true;
      else if (ch === sep) {
        cells.push(cur);
        cur = '';
      } else cur += ch;
    }
    cells.push(cur);
    rows.push(cells);
  }
  return rows;
}

/** Reads the list (.csv/.txt as UTF-8, or a workbook's first sheet); a UsageError (exit 2) when it cannot be used. */
export async function readUnits(file: string): Promise<string[]> {
  let rows: string[][];
  if (/\.(csv|txt)$/i.test(file)) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`无法读取部门名单：${file}（${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '找不到文件' : '无法打开'}）`);
    }
    rows = csvRows(text);
  } else {
    try {
      const wb = await openWorkbookFile(file);
      const sheet = wb.sheets.find((s) => !s.hidden && s.rowCount > 0) ?? wb.sheets[0];
      rows = Array.from(sheet?.rows ?? [], (r) => Array.from(r ?? [], (c) => (c?.value === null || c?.value === undefined ? '' : String(c.value))));
    } catch (e) {
      if (isUnreadableWorkbookError(e)) throw new UsageError(`无法读取部门名单：${(e as Error).message.replace(/^无法读取文件：/, '')}`);
      throw e;
    }
  }
  const names = namesFromRows(rows);
  if (!names.length) throw new UsageError(`无法读取部门名单：${path.basename(file)} 中没有找到部门名称（第一列或“单位名称”列）`);
  return names;
}

export interface UnitCandidate {
  /** Key of the workbook (its row index). */
  index: number;
  /** Names to match by, best first (部门名称, then the file or folder name). */
  names: string[];
}

export interface UnitsResult {
  /** Every name of the list with the workbook it matched (row index), or null: not submitted. */
  units: { name: string; index: number | null; how: 'exact' | 'brackets' | 'short' | null }[];
  /** Names of the list with no workbook. */
  missing: string[];
  /** Row indices of the workbooks that match no name of the list. */
  unexpected: number[];
}

export function matchUnits(list: string[], candidates: UnitCandidate[]): UnitsResult {
  const taken = new Map<number, number>(); // candidate index → unit index
  const unitOf: (number | null)[] = list.map(() => null);
  const how: UnitsResult['units'][number]['how'][] = list.map(() => null);
  const passes: [NonNullable<UnitsResult['units'][number]['how']>, (u: string, n: string) => boolean][] = [
    ['exact', (u, n) => coreName(u) !== '' && coreName(u) === coreName(n)],
    ['brackets', (u, n) => flatName(u) !== '' && flatName(u) === flatName(n)],
    [
      'short',
      (u, n) => {
        const a = coreName(u);
        const b = coreName(n);
        const [s, l] = a.length <= b.length ? [a, b] : [b, a];
        return s.length >= 3 && l.includes(s);
      },
    ],
  ];
  for (const [kind, same] of passes) {
    for (let u = 0; u < list.length; u++) {
      if (unitOf[u] !== null) continue;
      const hits = candidates.filter((c) => !taken.has(c.index) && c.names.some((n) => n && same(list[u], n)));
      // a 简称 that fits several workbooks, or a workbook that fits several names, is left to a person
      if (hits.length !== 1) continue;
      if (kind === 'short' && list.filter((other, o) => o !== u && unitOf[o] === null && hits[0].names.some((n) => n && same(other, n))).length) continue;
      unitOf[u] = hits[0].index;
      how[u] = kind;
      taken.set(hits[0].index, u);
    }
  }
  return {
    units: list.map((name, u) => ({ name, index: unitOf[u], how: how[u] })),
    missing: list.filter((_n, u) => unitOf[u] === null),
    unexpected: candidates.filter((c) => !taken.has(c.index)).map((c) => c.index),
  };
}
