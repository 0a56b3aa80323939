/**
 * An in-memory WorkbookHost over a snapshot, for the test page while the Excel-API simulator is not there and
 * for unit tests of the pane's flows. It keeps what a workbook would: values, fills, notes, the selection and
 * the 校验结果 sheet, and restores fills and notes exactly on clearAnnotations.
 */
import type { AnnotateResult, WorkbookHost } from '../../src/excel/host';
import { parseA1 } from '../../src/model/address';
import { getCell, setCell, type WorkbookSnapshot } from '../../src/model/snapshot';
import type { CellFix, Finding } from '../../src/rules/finding';
import { cloneSnapshot } from '../../src/fixes/autofill';

export const FILL: Record<string, string> = { error: '#FFC7CE', warning: '#FFEB9C', info: '#DDEBF7', fixed: '#BDD7EE' };

export class MemoryWorkbookHost implements WorkbookHost {
  readonly workbook: WorkbookSnapshot;
  /** sheet!A1 → fill colour (cells with no fill are absent). */
  fills = new Map<string, string>();
  /** sheet!A1 → note text. */
  notes = new Map<string, string>();
  selection: { sheet: string; cells: string[] } | null = null;
  extraSheets = new Map<string, string[][]>();
  calls: string[] = [];
  private saved: { fills: Map<string, string | undefined>; notes: Map<string, string | undefined> } | null = null;

  constructor(snapshot: WorkbookSnapshot, fills?: Record<string, string>, notes?: Record<string, string>) {
    this.workbook = cloneSnapshot(snapshot);
    for (const [k, v] of Object.entries(fills ?? {})) this.fills.set(k, v);
    for (const [k, v] of Object.entries(notes ?? {})) this.notes.set(k, v);
  }

  async readSnapshot(): Promise<WorkbookSnapshot> {
    this.calls.push('readSnapshot');
    return cloneSnapshot(this.workbook);
  }

  async annotate(findings: Finding[], fixes: CellFix[]): Promise<AnnotateResult> {
    this.calls.push('annotate');
    if (this.saved) await this.restore();
    this.saved = { fills: new Map(), notes: new Map() };
    let written = 0;
    for (const fix of fixes) {
      const sheet = this.workbook.sheets.find((s) => s.name === fix.sheet);
      if (!sheet) continue;
      const { row, col } = parseA1(fix.cell);
      setCell(sheet, row, col, { ...getCell(sheet, row, col), value: Number(fix.value) });
      written++;
    }
    const marks = new Map<string, { severity: string; lines: string[] }>();
    for (const f of findings) {
      if (!f.sheet || !f.cells.length) continue;
      const k = `${f.sheet}!${f.cells[0]}`;
      const m = marks.get(k) ?? { severity: f.severity, lines: [] };
      m.lines.push(f.message);
      marks.set(k, m);
    }
    for (const fix of fixes) {
      const k = `${fix.sheet}!${fix.cell}`;
      if (!marks.has(k)) marks.set(k, { severity: 'fixed', lines: [`已自动填充 ${fix.value}`] });
    }
    for (const [k, m] of marks) {
      this.saved.fills.set(k, this.fills.get(k));
      this.saved.notes.set(k, this.notes.get(k));
      this.fills.set(k, FILL[m.severity]);
      this.notes.set(k, m.lines.join('\n'));
    }
    this.extraSheets.set('校验结果', findings.map((f) => [f.rule, f.message]));
    return { highlighted: marks.size, notes: marks.size, noteKind: 'note', written };
  }

  async clearAnnotations(): Promise<void> {
    this.calls.push('clearAnnotations');
    await this.restore();
    this.extraSheets.delete('校验结果');
  }

  private async restore(): Promise<void> {
    if (!this.saved) return;
    for (const [k, v] of this.saved.fills) v === undefined ? this.fills.delete(k) : this.fills.set(k, v);
    for (const [k, v] of this.saved.notes) v === undefined ? this.notes.delete(k) : this.notes.set(k, v);
    this.saved = null;
  }

  async select(sheet: string, cells: string[]): Promise<void> {
    this.calls.push('select');
    if (!this.workbook.sheets.some((s) => s.name === sheet)) throw new Error(`工作表“${sheet}”不存在`);
    this.selection = { sheet, cells: [...cells] };
  }

  async writeSheet(name: string, rows: string[][]): Promise<void> {
    this.calls.push('writeSheet');
    this.extraSheets.set(name, rows.map((r) => [...r]));
  }

  /** Value of a cell as the workbook holds it now. */
  value(sheet: string, cell: string): unknown {
    const s = this.workbook.sheets.find((x) => x.name === sheet);
    if (!s) return undefined;
    const { row, col } = parseA1(cell);
    return getCell(s, row, col)?.value ?? null;
  }
}
