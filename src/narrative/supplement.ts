/**
 * 补充信息: what the generator needs and the tables cannot know (last year's figures, reasons, 政府采购,
 * 整体绩效目标, 国有资产, 其他说明), as a key | value sheet, followed by a project-type table (项目名称 |
 * 项目类型) pre-filled with 表十二's projects. `supplementTemplate` returns the sheet as plain data (the adapters
 * write it); `readSupplement` reads it back from a workbook snapshot.
 */
import { parseAmount, type Money } from '../model/money';
import { cellText, type SheetSnapshot, type WorkbookSnapshot } from '../model/snapshot';
import { a1 } from '../model/address';
import type { Recognised } from '../tables/recognised';
import { compact, keyText, memoised, projectKey } from '../tables/text';
import { distinctTargets, unitNames, val } from '../rules/narrative/data';
import { wan } from '../rules/narrative/numbers';

export const SUPPLEMENT_SHEET = '补充信息';

export type ProjectType = '其他运转类' | '特定目标类';

export type FieldKind = 'amount' | 'text' | 'count' | 'number';

export interface SupplementField {
  /** Key as written in column A. */
  key: string;
  kind: FieldKind;
  /** Section of the 情况说明 that uses it. */
  section: string;
  /** Column C: unit and what to write. */
  hint: string;
}

/** Every key the generator reads, in the order of the sheet. */
export const SUPPLEMENT_FIELDS: SupplementField[] = [
  { key: '单位名称', kind: 'text', section: '全文', hint: '部门（单位）名称，已按表格标题预填，可修改' },
  { key: '预算年度', kind: 'text', section: '全文', hint: '如 2025，已按表格标题预填' },
  { key: '预算单位个数', kind: 'count', section: '全文', hint: '1 个写“单位预算”，多于 1 个写“部门预算”；留空按表十一、表十二的单位行判断' },
  { key: '上年收入总计', kind: 'amount', section: '一', hint: '万元：上年预算收入总计' },
  { key: '收入变动原因', kind: 'text', section: '一', hint: '收入总计比上年增减的主要原因' },
  { key: '上年支出总计', kind: 'amount', section: '一', hint: '万元：上年预算支出总计' },
  { key: '支出变动原因', kind: 'text', section: '一', hint: '支出总计比上年增减的主要原因' },
  { key: '上年一般公共预算支出', kind: 'amount', section: '五', hint: '万元：上年一般公共预算当年支出（不含上年结转）' },
  { key: '一般公共预算支出变动原因', kind: 'text', section: '五', hint: '可不填' },
  { key: '上年“三公”经费', kind: 'amount', section: '七', hint: '万元：上年财政拨款“三公”经费预算合计' },
  { key: '“三公”经费变动原因', kind: 'text', section: '七', hint: '“三公”经费比上年增减的主要原因' },
  { key: '上年因公出国（境）费', kind: 'amount', section: '七', hint: '万元' },
  { key: '因公出国（境）费变动原因', kind: 'text', section: '七', hint: '有增减时填写' },
  { key: '上年公务接待费', kind: 'amount', section: '七', hint: '万元' },
  { key: '公务接待费变动原因', kind: 'text', section: '七', hint: '有增减时填写' },
  { key: '上年公务用车购置及运行费', kind: 'amount', section: '七', hint: '万元（购置费 + 运行维护费）' },
  { key: '公务用车购置及运行费变动原因', kind: 'text', section: '七', hint: '有增减时填写' },
  { key: '上年公务用车购置费', kind: 'amount', section: '七', hint: '万元' },
  { key: '上年公务用车运行维护费', kind: 'amount', section: '七', hint: '万元' },
  { key: '上年机关运行经费', kind: 'amount', section: '八', hint: '万元：上年机关运行经费财政拨款预算' },
  { key: '机关运行经费变动原因', kind: 'text', section: '八', hint: '有增减时填写' },
  { key: '政府采购预算总额', kind: 'amount', section: '九', hint: '万元：应等于货物 + 工程 + 服务' },
  { key: '政府采购货物预算', kind: 'amount', section: '九', hint: '万元' },
  { key: '政府采购工程预算', kind: 'amount', section: '九', hint: '万元' },
  { key: '政府采购服务预算', kind: 'amount', section: '九', hint: '万元' },
  { key: '整体绩效目标', kind: 'text', section: '十', hint: '整体绩效目标的说明，如“2025年不编报单位整体绩效目标。”' },
  { key: '资产统计截止日期', kind: 'text', section: '十一', hint: '如 2024年12月31日' },
  { key: '公务用车编制数', kind: 'count', section: '十一', hint: '辆' },
  { key: '公务用车实有数', kind: 'count', section: '十一', hint: '辆' },
  { key: '领导用车', kind: 'count', section: '十一', hint: '辆' },
  { key: '机要通信用车', kind: 'count', section: '十一', hint: '辆' },
  { key: '应急保障用车', kind: 'count', section: '十一', hint: '辆' },
  { key: '执法执勤用车', kind: 'count', section: '十一', hint: '辆' },
  { key: '特种专业技术用车', kind: 'count', section: '十一', hint: '辆' },
  { key: '事业单位业务用车', kind: 'count', section: '十一', hint: '辆' },
  { key: '其他公务用车', kind: 'count', section: '十一', hint: '辆' },
  { key: '办公用房建筑总面积', kind: 'number', section: '十一', hint: '平方米' },
  { key: '单位价值50万元以上通用设备', kind: 'count', section: '十一', hint: '台（套），按原值' },
  { key: '单位价值100万元以上专用设备', kind: 'count', section: '十一', hint: '台（套），按原值' },
  { key: '政府购买服务指导性目录', kind: 'text', section: '十二', hint: '如“本单位没有政府购买服务指导性目录”' },
  { key: '其他说明', kind: 'text', section: '十二', hint: '如“没有其他”' },
];

export const KV_HEADER = ['填写项', '内容', '说明'];

/** The cell of a key's value in the sheet supplementTemplate writes: title, header, then one row per field. */
export function supplementCell(key: string): string {
  const i = fieldIndex().get(supplementKey(key)) ?? -1;
  return a1(i < 0 ? 3 : i + 3, 2);
}

/** Each field's row (its first, as findIndex would), by normalised key: made once, not searched per cell. */
let fieldRows: Map<string, number> | undefined;
function fieldIndex(): Map<string, number> {
  if (!fieldRows) {
    fieldRows = new Map();
    SUPPLEMENT_FIELDS.forEach((f, i) => {
      const k = supplementKey(f.key);
      if (!fieldRows!.has(k)) fieldRows!.set(k, i);
    });
  }
  return fieldRows;
}

/** First row of the project-type table in that sheet (after the fields, a blank row, its title and header). */
export function projectTableRow(): number {
  return SUPPLEMENT_FIELDS.length + 6;
}
export const PROJECT_HEADER = ['项目名称', '项目类型（其他运转类/特定目标类）', '所属单位', '金额（万元）', '来源'];

export interface SupplementProject {
  name: string;
  type?: ProjectType;
  /** What the cell says when it is neither type (reported by the generator's notes). */
  rawType?: string;
  cell?: string;
}

export interface Supplement {
  /** The sheet it was read from; undefined when the workbook has none. */
  sheet?: string;
  /** Normalised key (supplementKey) → value as text. */
  values: Record<string, string>;
  /** Normalised key → cell of the value. */
  cells: Record<string, string>;
  projects: SupplementProject[];
}

/** Key normalisation: "上年收入总计（万元）" and "上年收入总计" are the same key; quotes and brackets ignored. */
export const supplementKey = memoised((k: string): string => keyText(compact(k).replace(/\((万元|元|平方米|辆|台套|台\(套\)|个|%)\)$/, '')));

export function emptySupplement(): Supplement {
  return { values: {}, cells: {}, projects: [] };
}

/** A supplement from plain data (a form, a test): keys as in SUPPLEMENT_FIELDS, values as typed. */
export function supplementFrom(values: Record<string, string | number>, projects: { name: string; type: string }[] = []): Supplement {
  const s = emptySupplement();
  for (const [k, v] of Object.entries(values)) {
    const t = String(v).trim();
    if (t) s.values[supplementKey(k)] = t;
  }
  s.projects = projects.map((p) => ({ name: p.name, ...parseType(p.type) }));
  return s;
}

export function parseType(t: string | undefined): { type?: ProjectType; rawType?: string } {
  const k = keyText(t ?? '');
  if (!k) return {};
  if (/运转/.test(k)) return { type: '其他运转类' };
  if (/特定目标/.test(k)) return { type: '特定目标类' };
  return { rawType: t };
}

export function supText(s: Supplement | undefined, key: string): string | undefined {
  const v = s?.values[supplementKey(key)]?.trim();
  return v ? v : undefined;
}

/** An amount of the supplement; undefined when empty or not a number. */
export function supAmount(s: Supplement | undefined, key: string): Money | undefined {
  const t = supText(s, key);
  if (t === undefined) return undefined;
  const p = parseAmount(t.replace(/万元$|平方米$|辆$|台（套）$|台\(套\)$|台$|套$|个$/, ''));
  return p.kind === 'number' ? p.value : undefined;
}

/** The project type of a target sheet's project: exact name, else the one supplement name containing it (or contained). */
export function projectType(s: Supplement | undefined, name: string): ProjectType | undefined {
  if (!s) return undefined;
  const k = projectKey(name);
  if (!k) return undefined;
  const exact = s.projects.filter((p) => projectKey(p.name) === k && p.type);
  if (exact.length) return exact[0].type;
  const near = s.projects.filter((p) => {
    const pk = projectKey(p.name);
    return p.type && pk.length >= 4 && (pk.includes(k) || k.includes(pk));
  });
  const types = new Set(near.map((p) => p.type));
  return types.size === 1 ? near[0].type : undefined;
}

function isSupplementSheet(sheet: SheetSnapshot): boolean {
  return keyText(sheet.name).includes(SUPPLEMENT_SHEET);
}

/** Reads the 补充信息 sheet of a workbook (an empty supplement when there is none). */
export function readSupplement(wb: WorkbookSnapshot): Supplement {
  const out = emptySupplement();
  const sheet = wb.sheets.find(isSupplementSheet);
  if (!sheet) return out;
  out.sheet = sheet.name;
  const text = (r: number, c: number) => cellText(sheet.rows[r - 1]?.[c - 1]).trim();
  let projects = false;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const a = text(r, 1);
    const b = text(r, 2);
    if (!a) continue;
    if (keyText(a) === '项目名称' && /类型/.test(b)) {
      projects = true;
      continue;
    }
    if (projects) {
      out.projects.push({ name: a, cell: a1(r, 2), ...parseType(b) });
      continue;
    }
    if (keyText(a) === keyText(KV_HEADER[0])) continue;
    const k = supplementKey(a);
    if (!k || !b) continue;
    out.values[k] = b;
    out.cells[k] = a1(r, 2);
  }
  return out;
}

/**
 * The 补充信息 sheet to add to a workbook: the key | value rows (name and year pre-filled from the tables,
 * the asset date from the year) and the project-type table with 表十二's projects, then the target sheets'
 * projects that 表十二 does not list. Pure data: row r, column c is rows[r-1][c-1].
 */
export function supplementTemplate(rec: Recognised, previous?: Supplement): { sheetName: string; rows: string[][] } {
  const rows: string[][] = [];
  rows.push(['补充信息（生成第三部分文字用：表格里没有的数据在此填写，金额单位：万元）', '', '']);
  rows.push(KV_HEADER.slice());
  const units = unitNames(rec);
  const prefill: Record<string, string> = {
    单位名称: rec.department ?? '',
    预算年度: rec.year ? String(rec.year) : '',
    资产统计截止日期: rec.year ? `${rec.year - 1}年12月31日` : '',
  };
  for (const f of SUPPLEMENT_FIELDS) {
    const kept = supText(previous, f.key);
    let hint = f.hint;
    if (f.key === '预算单位个数') hint += `（表格中的单位：${units.length ? units.join('、') : '无单位行'}）`;
    rows.push([f.key, kept ?? prefill[f.key] ?? '', hint]);
  }
  rows.push(['', '', '']);
  rows.push(['项目类型表：为每个纳入绩效目标管理的项目填写“其他运转类”或“特定目标类”', '', '']);
  rows.push(PROJECT_HEADER.slice());
  const listed = new Set<string>();
  const typeOf = (name: string) => {
    const p = previous?.projects.find((x) => projectKey(x.name) === projectKey(name));
    return p?.type ?? p?.rawType ?? '';
  };
  for (const p of rec.tables.T12?.rows ?? []) {
    if (p.kind !== 'project') continue;
    const k = projectKey(p.name);
    if (listed.has(k)) continue;
    listed.add(k);
    const same = (rec.tables.T12?.rows ?? []).filter((x) => x.kind === 'project' && projectKey(x.name) === k);
    const amount = same.reduce((s, x) => s.plus(val(x.values.total)), val(undefined));
    rows.push([p.name, typeOf(p.name), p.unit ?? '', wan(amount), '表十二']);
  }
  for (const t of distinctTargets(rec)) {
    const name = t.projectName?.text?.trim();
    if (!name) continue;
    const k = projectKey(name);
    if (listed.has(k)) continue;
    if ([...listed].some((l) => l.length >= 4 && (l.includes(k) || k.includes(l)))) continue;
    listed.add(k);
    rows.push([name, typeOf(name), '', wan(val(t.annualFunds.total).div(10000)), `绩效目标表（${t.sheet}）`]);
  }
  return { sheetName: SUPPLEMENT_SHEET, rows };
}
