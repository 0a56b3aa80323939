/**
 * batch --previous <earlier report.json>: per department, the findings fixed, new and remaining since the earlier
 * round. A department is found in the earlier report by its 部门名称 (brackets and spaces ignored), else by its
 * file. Findings are matched by rule and figure — rule, message with cell addresses and row numbers taken out,
 * 应为 and 实为 — never by cell address, so rows inserted above a finding do not make it "new". Equal keys pair off
 * one to one (a finding reported twice and fixed once is 1 fixed, 1 remaining). 信息 findings are not compared.
 */
import * as fs from 'fs';
import { UsageError } from '../args';
import { coreName } from './units';

/** A finding as report.json keeps it (workbooks[].findings). */
export interface RowFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  /** The rule's Chinese title. */
  title: string;
  /** 表内 / 表间 / 绩效目标 / 情况说明 / 输入. */
  kind: string;
  /** 表五, 绩效目标表 … (the group it is listed under). */
  table: string;
  sheet: string;
  cells: string[];
  message: string;
  expected: string | null;
  actual: string | null;
}

export interface Comparison {
  fixed: number;
  new: number;
  remaining: number;
  /** The file of the earlier round it was compared with. */
  previousFile: string;
  fixedFindings: RowFinding[];
  newFindings: RowFinding[];
  remainingFindings: RowFinding[];
}

/** What of an earlier report.json the comparison needs. */
export interface PreviousRow {
  file: string;
  department: string;
  departmentFound?: boolean;
  status: string;
  findings?: RowFinding[];
}
export interface PreviousReport {
  round: number;
  file: string;
  workbooks: PreviousRow[];
}

/** The key a finding is matched by across rounds. */
export function findingKey(f: Pick<RowFinding, 'rule' | 'message' | 'expected' | 'actual'>): string {
  const msg = f.message
    .replace(/\b\$?[A-Z]{1,3}\$?\d{1,7}\b/g, '#') // A1 addresses
    .replace(/第\s*\d+\s*行/g, '第#行')
    .replace(/\s+/g, ' ');
  return [f.rule, msg, f.expected ?? '', f.actual ?? ''].join('\u0001');
}

export function compareFindings(before: RowFinding[], after: RowFinding[], previousFile: string): Comparison {
  const pool = new Map<string, RowFinding[]>();
  for (const f of before) {
    if (f.severity === 'info') continue;
    const k = findingKey(f);
    const list = pool.get(k) ?? [];
    list.push(f);
    pool.set(k, list);
  }
  const remaining: RowFinding[] = [];
  const added: RowFinding[] = [];
  for (const f of after) {
    if (f.severity === 'info') continue;
    const list = pool.get(findingKey(f));
    if (list && list.length) {
      list.shift();
      remaining.push(f);
    } else added.push(f);
  }
  const fixed = [...pool.values()].flat();
  return { fixed: fixed.length, new: added.length, remaining: remaining.length, previousFile, fixedFindings: fixed, newFindings: added, remainingFindings: remaining };
}

/** Reads an earlier batch report.json; a UsageError (exit 2) when it is not one. */
export function readPrevious(file: string): PreviousReport {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `无法读取上一轮报告：找不到文件 ${file}` : code ? `无法读取上一轮报告：${file}（${code}）` : `无法读取上一轮报告：${file} 不是有效的 JSON`,
    );
  }
  const o = json as { workbooks?: unknown; round?: unknown };
  if (!o || typeof o !== 'object' || !Array.isArray(o.workbooks))
    throw new UsageError(`无法读取上一轮报告：${file} 不是 budget-check batch 写出的 report.json（没有 workbooks 列表）`);
  const rows = o.workbooks as PreviousRow[];
  if (rows.some((r) => !r || typeof r.file !== 'string' || (r.status === 'ok' && !Array.isArray(r.findings))))
    throw new UsageError(`无法读取上一轮报告：${file} 中没有逐条问题（workbooks[].findings），请用当前版本重新生成上一轮的报告`);
  return { round: typeof o.round === 'number' && o.round >= 1 ? o.round : 1, file, workbooks: rows };
}

/** The earlier row of a department: by 部门名称 when both rounds read one, else by file. */
export function previousRowOf(prev: PreviousReport, row: { file: string; department: string; departmentFound: boolean }, used: Set<PreviousRow>): PreviousRow | undefined {
  const free = prev.workbooks.filter((r) => !used.has(r));
  if (row.departmentFound) {
    const byName = free.filter((r) => r.departmentFound !== false && r.status === 'ok' && coreName(r.department) === coreName(row.department));
    if (byName.length === 1) return byName[0];
    if (byName.length > 1) return byName.find((r) => r.file === row.file) ?? byName[0];
  }
  return free.find((r) => r.file === row.file);
}
