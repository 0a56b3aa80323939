import type { WorkbookSnapshot } from '../model/snapshot';
import type { Finding } from '../model/finding';
import { T2_COLUMNS, T3_COLUMNS, T7_COLUMNS, readCodeTable } from './code-table';
import { Grid } from './grid';
import { identifyTable, TABLE_NAMES, TABLE_ORDINALS, tableFromTitle, type TableHead } from './identify';
import { readT10, readT11, readT6, readT9 } from './other-tables';
import { T12_COLUMNS, T13_COLUMNS, readProjectTable } from './projects';
import type { Recognised } from './recognised';
import { readT1, readT4 } from './summary-tables';
import { looksLikeTargetSheet, recogniseSummaryList, recogniseTargets } from './targets';
import { keyText, memoised } from './text';
import { withSheetIndexes } from './sheet-index';
import { TABLE_IDS, type NarrativeText, type TableId, type TableLocation, type Tables } from './types';

/** Human name of a table for messages: "表五 一般公共预算支出预算表（不含上年结转）". */
export function tableTitle(id: TableId): string {
  return `${TABLE_ORDINALS[id]} ${TABLE_NAMES[id]}`;
}

/** A 目录 line's table: its title without the dot leaders and page number. */
const contentsEntry = memoised((text: string) => tableFromTitle(text.replace(/[.…·\s\d]+$/, '')));

/** A 目录 sheet lists many table titles: it is not a table. */
function isContentsSheet(grid: Grid): boolean {
  const ids = new Set<TableId>();
  for (let r = 1; r <= Math.min(grid.rowCount, 40); r++) {
    for (let c = 1; c <= Math.min(grid.colCount, 6); c++) {
      // Only a text can be a title (every title pattern has Chinese words): numbers and blanks are not looked up.
      const v = grid.merges.value(r, c);
      if (typeof v !== 'string') continue;
      const id = contentsEntry(v.trim());
      if (id) ids.add(id);
    }
  }
  return ids.size >= 3;
}

function isNarrativeSheet(grid: Grid): boolean {
  if (/情况说明|第三部分/.test(grid.name)) return true;
  const head = keyText(grid.rowKey(1) + grid.rowKey(2));
  return /情况说明/.test(head) && !/表$/.test(head);
}

function readNarrative(grid: Grid): NarrativeText {
  const paragraphs = [];
  for (let r = 1; r <= grid.rowCount; r++) {
    for (let c = 1; c <= grid.colCount; c++) {
      const t = grid.own(r, c).trim();
      if (t) paragraphs.push(grid.label(r, c, t));
    }
  }
  return { sheet: grid.name, paragraphs };
}

interface Candidate {
  grid: Grid;
  head: TableHead;
}

/**
 * Snapshot → typed tables and target sheets. Each sheet is recognised by content (title, caption), failing
 * that by its name; a table found on two sheets is read from the first and reported once as a duplicate.
 */
export function recognise(wb: WorkbookSnapshot): Recognised {
  return withSheetIndexes(() => recogniseWorkbook(wb));
}

function recogniseWorkbook(wb: WorkbookSnapshot): Recognised {
  const findings: Finding[] = [];
  const candidates = new Map<TableId, Candidate[]>();
  const result: Recognised = {
    tables: {},
    locations: Object.fromEntries(TABLE_IDS.map((id) => [id, { found: false }])) as Record<TableId, TableLocation>,
    targets: [],
    findings,
  };

  for (const sheet of wb.sheets) {
    if (sheet.rowCount === 0) continue;
    const grid = new Grid(sheet, findings);
    if (looksLikeTargetSheet(sheet)) {
      const t = recogniseTargets(sheet);
      result.targets.push(...t.targets);
      findings.push(...t.findings);
      continue;
    }
    const summary = recogniseSummaryList(sheet, findings);
    if (summary && summary.rows.length) {
      result.summary ??= summary;
      continue;
    }
    if (isNarrativeSheet(grid)) {
      result.narrative ??= readNarrative(grid);
      continue;
    }
    if (isContentsSheet(grid)) continue;
    const head = identifyTable(grid);
    if (!head) continue;
    const list = candidates.get(head.id) ?? [];
    list.push({ grid, head });
    candidates.set(head.id, list);
  }

  const units: string[] = [];
  for (const id of TABLE_IDS) {
    const list = candidates.get(id);
    if (!list) continue;
    // A visible sheet is the table the reader sees: it is checked before a (very) hidden copy, whatever their order.
    const visibleFirst = [...list.filter((c) => !c.grid.sheet.hidden), ...list.filter((c) => c.grid.sheet.hidden)];
    const [first, ...rest] = visibleFirst;
    const grid = new Grid(first.grid.sheet, findings, TABLE_ORDINALS[id]);
    const table = readTable(id, grid, first.head.bodyStart, units);
    if (table) (result.tables as Record<string, unknown>)[id] = table;
    result.locations[id] = { found: true, sheet: first.grid.name, ...(rest.length ? { duplicates: rest.map((c) => c.grid.name) } : {}) };
    if (first.head.unitName) {
      result.department ??= first.head.unitName;
      if (!units.includes(first.head.unitName)) units.push(first.head.unitName);
    }
    if (first.head.year) result.year ??= first.head.year;
    if (id === 'T11' && result.tables.T11) units.push(...result.tables.T11.units.map((u) => u.name));
    for (const dup of rest) {
      if (dup.grid.sheet.hidden && !first.grid.sheet.hidden) {
        findings.push({
          rule: 'INPUT.hidden_duplicate',
          severity: 'warning',
          sheet: first.grid.name,
          cells: ['A1'],
          message: `${tableTitle(id)} 在隐藏的工作表“${dup.grid.name}”中还有一份；已按可见的“${first.grid.name}”校验。隐藏的一份不会公开，请确认它不是要公开的版本，或将其删除`,
          related: [{ sheet: dup.grid.name, cells: ['A1'] }],
          table: 'INPUT',
        });
        continue;
      }
      findings.push({
        rule: 'INPUT.duplicate_table',
        severity: 'error',
        sheet: dup.grid.name,
        cells: ['A1'],
        message: `${tableTitle(id)} 出现了两次：工作表“${first.grid.name}”和“${dup.grid.name}”。已按“${first.grid.name}”校验，请删除多余的一份`,
        related: [{ sheet: first.grid.name, cells: ['A1'] }],
        table: 'INPUT',
      });
    }
  }
  const none = TABLE_IDS.every((id) => !result.locations[id].found);
  if (none && (result.targets.length || result.summary)) {
    // A workbook of target sheets only (a district's 民生领域 list, seed 003): one note, not 13 errors.
    findings.push({
      rule: 'INPUT.missing_table',
      severity: 'info',
      sheet: '',
      cells: [],
      message: '本工作簿只有绩效目标表，没有 13 张部门预算公开表；只校验绩效目标表',
      table: 'INPUT',
    });
    return result;
  }
  for (const id of TABLE_IDS) {
    if (result.locations[id].found) continue;
    findings.push({
      rule: 'INPUT.missing_table',
      severity: 'error',
      sheet: '',
      cells: [],
      message: `缺少${tableTitle(id)}：没有找到标题为“${TABLE_NAMES[id]}”的工作表，与它有关的校验已跳过`,
      table: 'INPUT',
    });
  }
  return result;
}

function readTable(id: TableId, grid: Grid, from: number, units: string[]): Tables[TableId] {
  switch (id) {
    case 'T1':
      return readT1(grid, from);
    case 'T2':
      return readCodeTable(grid, from, T2_COLUMNS);
    case 'T3':
    case 'T5':
    case 'T8':
      return readCodeTable(grid, from, T3_COLUMNS);
    case 'T4':
      return readT4(grid, from);
    case 'T6':
      return readT6(grid, from);
    case 'T7':
      return readCodeTable(grid, from, T7_COLUMNS);
    case 'T9':
      return readT9(grid, from);
    case 'T10':
      return readT10(grid, from);
    case 'T11':
      return readT11(grid, from, units);
    case 'T12':
      return readProjectTable(grid, from, T12_COLUMNS, units);
    case 'T13':
      return readProjectTable(grid, from, T13_COLUMNS, units);
  }
}
