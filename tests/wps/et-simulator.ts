/**
 * WPS ET-API SIMULATOR — it is not WPS.
 *
 * A small in-process stand-in for the part of the WPS 表格 (ET) object model that src/wps/et-host.ts uses
 * (src/wps/et-api.ts), backed by an ExcelJS workbook loaded from real .xlsx bytes, so the adapter, the WPS pane
 * and their end-to-end tests run in Node (jest) and in a browser page without WPS. It models what WPS's
 * documentation (and the VBA object model it follows) says, as far as the adapter depends on it:
 *
 *   - every call is synchronous and acts at once (no batches, no promises);
 *   - collections are read with Item(i), counting from 1 (Item(0) or past Count fails, like VBA's 下标越界), or by
 *     name (case-insensitively for sheets);
 *   - the objects are JavaScript proxies over a COM-like model: a property that does not exist (a misspelling,
 *     `Range.Valu2`) reads as undefined and writing it does nothing — no error, as with a JS object over COM;
 *   - Range.Value2 of a single cell is a scalar, of more cells a 2-D array (rows of columns); dates are serial
 *     numbers, empty cells undefined, error cells the VT_ERROR code (-2146826281 for #DIV/0!), and the covered
 *     cells of a merge are empty; Formula gives "=…" for formula cells and the constant (as text) otherwise;
 *   - NumberFormat of a range is the common format, or null when the cells differ ("General" when none set);
 *     MergeCells is true / false / null (mixed), MergeArea the merged area of a single cell (or the cell);
 *     HasFormula true / false / null;
 *   - UsedRange is the box of the cells holding a value or a format, and merged areas — starting at its first
 *     used row and column, not necessarily A1 (an empty sheet: A1);
 *   - FormatConditions of a range: the sheet's conditional-format rules that touch it; Add(xlExpression, , "=f")
 *     adds a rule on the range, Interior.Color (BGR) its fill, Delete() removes the rule, SetFirstPriority();
 *     reading Formula1 of a rule without a formula (data bar …) fails, as in VBA;
 *   - comments (批注): Range.Comment (null when none), Range.AddComment (fails on a cell that has one),
 *     Worksheet.Comments, Comment.Text() (a method, as in the JS API), Comment.Delete();
 *   - Workbook.Names: Add(Name, RefersTo, Visible), Item(i | name), Name.Delete(); renaming a sheet updates the
 *     RefersTo of the names pointing at it, as WPS does;
 *   - Worksheet.Delete() with Application.DisplayAlerts true would ask the user to confirm: here it fails, so a
 *     test notices an adapter that forgot to turn alerts off; the last visible sheet cannot be deleted or hidden;
 *     sheet names are unique (case-insensitively), at most 31 characters, without : \ / ? * [ ];
 *   - Range.Select() needs its sheet to be the active one (VBA: "Range 类的 Select 方法无效"); Worksheets.Add
 *     activates the new sheet.
 *
 * What it does not model: recalculation (formula cells keep their cached results), events, undo, the Value
 * property (in the JS API a method), R1C1, multi-area ranges, styles beyond what the adapter writes on its own
 * sheet, hidden flags of defined names in the exported file (ExcelJS does not write them), and how WPS's bridge
 * really converts COM variants (dates, errors, empty cells) into JavaScript — that is documented as unverified.
 *
 * No Node-only modules: the core works in the browser. Load with createEtSimulator(bytes), export with exportXlsx().
 */
import ExcelJS from 'exceljs';
import { a1, parseA1 } from '../../src/model/address';

export class EtSimulatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EtSimulatorError';
    Object.setPrototypeOf(this, EtSimulatorError.prototype);
  }
}

function fail(message: string): never {
  throw new EtSimulatorError(message);
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const XL_EXPRESSION = 2;
const ERROR_CODES: Record<string, number> = {
  '#NULL!': -2146826288,
  '#DIV/0!': -2146826281,
  '#VALUE!': -2146826273,
  '#REF!': -2146826265,
  '#NAME?': -2146826259,
  '#NUM!': -2146826252,
  '#N/A': -2146826246,
};

// ---------------------------------------------------------------------------------------------------------------
// The COM-like proxy: unknown members read as undefined, writes to them are dropped; members starting with "_"
// are the simulator's own and invisible to the adapter.

interface Counter {
  calls: number;
}

/** The simulator object behind a proxy it handed out (for arguments such as Worksheets.Add(, after)). */
const TARGETS = new WeakMap<object, object>();

function unwrap<T>(o: T): T {
  return (o && typeof o === 'object' ? (TARGETS.get(o as object) as T | undefined) ?? o : o) as T;
}

function com<T extends object>(target: T, counter: Counter): T {
  const proxy = new Proxy(target, {
    get(t, p) {
      if (typeof p === 'symbol') return Reflect.get(t, p, t);
      if (p.startsWith('_') || !(p in t)) return undefined;
      counter.calls++;
      const v = Reflect.get(t, p, t);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
    set(t, p, v) {
      if (typeof p === 'string' && !p.startsWith('_') && p in t) {
        counter.calls++;
        Reflect.set(t, p, v, t);
      }
      return true;
    },
    has(t, p) {
      return typeof p === 'string' && !p.startsWith('_') && p in t;
    },
  });
  TARGETS.set(proxy, target);
  return proxy;
}

// ---------------------------------------------------------------------------------------------------------------
// Cell helpers

function dateToSerial(d: Date): number {
  const serial = d.getTime() / 86400000 + 25569;
  return serial < 61 ? serial - 1 : serial;
}

type Variant = string | number | boolean | undefined;

function mergesOf(ws: ExcelJS.Worksheet): Box[] {
  const merges = (ws as unknown as { _merges: Record<string, { model: Box }> })._merges;
  return Object.values(merges).map((m) => ({ top: m.model.top, left: m.model.left, bottom: m.model.bottom, right: m.model.right }));
}

function mergeAt(ws: ExcelJS.Worksheet, row: number, col: number): Box | undefined {
  return mergesOf(ws).find((m) => m.top <= row && row <= m.bottom && m.left <= col && col <= m.right);
}

function variantOf(v: ExcelJS.CellValue | undefined): Variant {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateToSerial(v);
  const o = v as unknown as Record<string, unknown>;
  if ('error' in o) return ERROR_CODES[String(o.error)] ?? ERROR_CODES['#VALUE!'];
  if ('richText' in o) return (o.richText as { text: string }[]).map((r) => r.text).join('');
  if ('formula' in o || 'sharedFormula' in o) return variantOf(o.result as ExcelJS.CellValue);
  if ('text' in o) return variantOf(o.text as ExcelJS.CellValue);
  return undefined;
}

function isCovered(cell: ExcelJS.Cell | undefined): boolean {
  return !!cell && cell.type === ExcelJS.ValueType.Merge;
}

function formulaOf(cell: ExcelJS.Cell | undefined): string | undefined {
  if (!cell || isCovered(cell)) return undefined;
  const f = (cell as unknown as { formula?: string }).formula;
  return f ? f : undefined;
}

/** Typing semantics of a Value2/Formula write: "'…" is text, "=…" a formula, numeric text a number. */
function inputValue(v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  const s = String(v);
  if (s.startsWith("'")) return s.slice(1);
  if (s.startsWith('=') && s.length > 1) return { formula: s.slice(1) } as ExcelJS.CellFormulaValue;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s.trim())) return Number(s);
  if (/^(true|false)$/i.test(s)) return /^true$/i.test(s);
  return s;
}

function parseBox(address: string): Box {
  const s = address.replace(/\$/g, '').trim();
  if (!s || /[,!]/.test(s)) fail(`Range("${address}")：模拟器只支持本表的单个区域（A1 或 A1:B2）`);
  const [p, q = p] = s.split(':');
  let a: { row: number; col: number };
  let b: { row: number; col: number };
  try {
    a = parseA1(p);
    b = parseA1(q);
  } catch {
    fail(`Range("${address}")：地址无效`);
  }
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

function boxAddress(b: Box): string {
  return b.top === b.bottom && b.left === b.right ? a1(b.top, b.left) : `${a1(b.top, b.left)}:${a1(b.bottom, b.right)}`;
}

function intersects(a: Box, b: Box): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

function argbToBgr(argb: string | undefined): number {
  const rgb = (argb ?? 'FFFFFFFF').slice(-6);
  return parseInt(rgb.slice(0, 2), 16) + parseInt(rgb.slice(2, 4), 16) * 256 + parseInt(rgb.slice(4, 6), 16) * 65536;
}

function bgrToArgb(bgr: number): string {
  const r = bgr & 0xff;
  const g = (bgr >> 8) & 0xff;
  const b = (bgr >> 16) & 0xff;
  return `FF${[r, g, b].map((x) => x.toString(16).padStart(2, '0')).join('').toUpperCase()}`;
}

function noteText(note: unknown): string {
  if (typeof note === 'string') return note;
  const texts = (note as { texts?: { text: string }[] } | undefined)?.texts;
  return texts ? texts.map((t) => t.text).join('') : '';
}

// ---------------------------------------------------------------------------------------------------------------
// The model

interface SimName {
  name: string;
  refersTo: string;
  visible: boolean;
}

interface CfRule {
  type: string;
  priority: number;
  formulae?: string[];
  style?: { fill?: { type: string; pattern: string; bgColor?: { argb: string } } };
}

interface CfEntry {
  ref: string;
  rules: CfRule[];
}

class Sim {
  readonly counter: Counter = { calls: 0 };
  displayAlerts = true;
  screenUpdating = true;
  active = 0;
  selection: { sheet: string; address: string } | null = null;
  names: SimName[] = [];
  missing = new Set<string>();
  constructor(
    readonly wb: ExcelJS.Workbook,
    readonly name: string,
  ) {
    for (const dn of (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model ?? []) {
      this.names.push({ name: dn.name, refersTo: `=${dn.ranges.join(',')}`, visible: true });
    }
    const first = wb.worksheets.findIndex((w) => w.state === 'visible' || !w.state);
    this.active = Math.max(0, first);
  }
  wrap<T extends object>(o: T): T {
    return com(o, this.counter);
  }
  sheet(i: number): ExcelJS.Worksheet {
    return this.wb.worksheets[i];
  }
  cfs(ws: ExcelJS.Worksheet): CfEntry[] {
    return (ws as unknown as { conditionalFormattings: CfEntry[] }).conditionalFormattings;
  }
}

class SimApplication {
  constructor(private readonly _sim: Sim) {}
  get ActiveWorkbook() {
    return this._sim.wrap(new SimWorkbook(this._sim));
  }
  get ActiveSheet() {
    return this._sim.wrap(new SimWorksheet(this._sim, this._sim.sheet(this._sim.active)));
  }
  get DisplayAlerts() {
    return this._sim.displayAlerts;
  }
  set DisplayAlerts(v: boolean) {
    this._sim.displayAlerts = !!v;
  }
  get ScreenUpdating() {
    return this._sim.screenUpdating;
  }
  set ScreenUpdating(v: boolean) {
    this._sim.screenUpdating = !!v;
  }
}

class SimWorkbook {
  constructor(private readonly _sim: Sim) {}
  get Name() {
    return this._sim.name;
  }
  get Worksheets() {
    return this._sim.wrap(new SimSheets(this._sim));
  }
  get Sheets() {
    return this.Worksheets;
  }
  get Names() {
    return this._sim.wrap(new SimNames(this._sim));
  }
}

const BAD_NAME = /[:\\/?*[\]]/;

class SimSheets {
  constructor(private readonly _sim: Sim) {}
  get Count() {
    return this._sim.wb.worksheets.length;
  }
  Item(index: number | string) {
    const list = this._sim.wb.worksheets;
    if (typeof index === 'number') {
      if (!Number.isInteger(index) || index < 1 || index > list.length) fail(`Worksheets.Item(${index})：下标越界（从 1 数起，共 ${list.length} 个）`);
      return this._sim.wrap(new SimWorksheet(this._sim, list[index - 1]));
    }
    const ws = list.find((w) => w.name.toLowerCase() === String(index).toLowerCase());
    if (!ws) fail(`Worksheets.Item("${index}")：下标越界（没有这个工作表）`);
    return this._sim.wrap(new SimWorksheet(this._sim, ws));
  }
  Add(before?: SimWorksheet | null, after?: SimWorksheet | null) {
    const wb = this._sim.wb;
    const taken = new Set(wb.worksheets.map((w) => w.name.toLowerCase()));
    let n = wb.worksheets.length + 1;
    while (taken.has(`sheet${n}`)) n++;
    const ws = wb.addWorksheet(`Sheet${n}`);
    // ExcelJS appends; move it where Before/After say (default: before the active sheet, as Excel does).
    const order = wb.worksheets.filter((w) => w !== ws);
    const anchor = unwrap(after ?? before) as unknown;
    const anchorWs = anchor instanceof SimWorksheet ? anchor._ws() : undefined;
    let at = anchorWs ? order.indexOf(anchorWs) + (after ? 1 : 0) : this._sim.active;
    if (at < 0) at = order.length;
    order.splice(at, 0, ws);
    order.forEach((w, i) => {
      (w as unknown as { orderNo: number }).orderNo = i;
    });
    this._sim.active = wb.worksheets.indexOf(ws);
    return this._sim.wrap(new SimWorksheet(this._sim, ws));
  }
}

class SimWorksheet {
  constructor(
    private readonly _sim: Sim,
    private readonly _sheet: ExcelJS.Worksheet,
  ) {}
  _ws(): ExcelJS.Worksheet {
    if (!this._sim.wb.worksheets.includes(this._sheet)) fail('对象已被删除（工作表不存在）');
    return this._sheet;
  }
  get Name() {
    return this._ws().name;
  }
  set Name(v: string) {
    const ws = this._ws();
    const name = String(v);
    if (!name || name.length > 31 || BAD_NAME.test(name) || /^'|'$/.test(name)) fail(`工作表名称“${name}”无效`);
    if (this._sim.wb.worksheets.some((w) => w !== ws && w.name.toLowerCase() === name.toLowerCase())) fail(`工作表名称“${name}”已被占用`);
    const old = ws.name;
    ws.name = name;
    const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
    for (const n of this._sim.names) {
      n.refersTo = n.refersTo.split(`${quote(old)}!`).join(`${quote(name)}!`);
      if (n.refersTo.startsWith(`=${old}!`)) n.refersTo = `=${quote(name)}!${n.refersTo.slice(old.length + 2)}`;
    }
  }
  get Index() {
    return this._sim.wb.worksheets.indexOf(this._ws()) + 1;
  }
  get Visible(): number {
    const s = this._ws().state;
    return s === 'veryHidden' ? 2 : s === 'hidden' ? 0 : -1;
  }
  set Visible(v: number | boolean) {
    const ws = this._ws();
    const hide = v === 0 || v === false || v === 2;
    if (hide && this._sim.wb.worksheets.filter((w) => w !== ws && (w.state === 'visible' || !w.state)).length === 0) fail('不能隐藏唯一的可见工作表');
    ws.state = v === 2 ? 'veryHidden' : hide ? 'hidden' : 'visible';
  }
  get UsedRange() {
    const ws = this._ws();
    let box: Box | undefined;
    const add = (b: Box) => {
      box = box
        ? { top: Math.min(box.top, b.top), left: Math.min(box.left, b.left), bottom: Math.max(box.bottom, b.bottom), right: Math.max(box.right, b.right) }
        : { ...b };
    };
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const s = cell.style as Partial<ExcelJS.Style> | undefined;
        const styled = !!s && (!!s.numFmt || !!s.border || (!!s.fill && (s.fill as { pattern?: string }).pattern !== 'none'));
        if (cell.value !== null && cell.value !== undefined && cell.value !== '') add({ top: r, left: c, bottom: r, right: c });
        else if (styled || cell.note !== undefined) add({ top: r, left: c, bottom: r, right: c });
      });
    });
    for (const m of mergesOf(ws)) add(m);
    return this._sim.wrap(new SimRange(this._sim, this._sheet, box ?? { top: 1, left: 1, bottom: 1, right: 1 }));
  }
  get Cells() {
    return this._sim.wrap(new SimRange(this._sim, this._sheet, { top: 1, left: 1, bottom: 1048576, right: 16384 }));
  }
  Range(address: string) {
    this._ws();
    return this._sim.wrap(new SimRange(this._sim, this._sheet, parseBox(String(address))));
  }
  get Comments() {
    return this._sim.wrap(new SimComments(this._sim, this._sheet));
  }
  get Hyperlinks() {
    return this._sim.wrap(new SimHyperlinks(this._sim, this._sheet));
  }
  get PageSetup() {
    if (this._sim.missing.has('PageSetup')) return undefined;
    return this._sim.wrap(new SimPageSetup(this._sim, this._sheet));
  }
  get Outline() {
    if (this._sim.missing.has('Outline')) return undefined;
    return this._sim.wrap(new SimOutline(this._sim, this._sheet));
  }
  Activate() {
    const ws = this._ws();
    if (ws.state === 'hidden' || ws.state === 'veryHidden') fail('不能激活隐藏的工作表');
    this._sim.active = this._sim.wb.worksheets.indexOf(ws);
  }
  Delete() {
    const ws = this._ws();
    if (this._sim.displayAlerts) fail('Worksheet.Delete()：DisplayAlerts 为 true 时 WPS 会弹出确认对话框（模拟器在此报错）');
    const visible = this._sim.wb.worksheets.filter((w) => w.state === 'visible' || !w.state);
    if (visible.length === 1 && visible[0] === ws) fail('不能删除唯一的可见工作表');
    const activeWs = this._sim.sheet(this._sim.active);
    this._sim.wb.removeWorksheet(ws.id);
    const list = this._sim.wb.worksheets;
    if (activeWs === ws || !list.includes(activeWs)) {
      this._sim.active = Math.max(0, list.findIndex((w) => w.state === 'visible' || !w.state));
    } else this._sim.active = list.indexOf(activeWs);
    const quoted = `'${ws.name.replace(/'/g, "''")}'!`;
    for (const n of this._sim.names) if (n.refersTo.includes(quoted) || n.refersTo.startsWith(`=${ws.name}!`)) n.refersTo = '=#REF!$A$1';
  }
}

class SimCount {
  constructor(private readonly _n: number) {}
  get Count() {
    return this._n;
  }
}

class SimRange {
  constructor(
    private readonly _sim: Sim,
    private readonly _sheet: ExcelJS.Worksheet,
    private readonly _box: Box,
  ) {}
  private _ws(): ExcelJS.Worksheet {
    if (!this._sim.wb.worksheets.includes(this._sheet)) fail('对象已被删除（工作表不存在）');
    return this._sheet;
  }
  private _cells<T>(f: (r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    const b = this._box;
    if ((b.bottom - b.top + 1) * (b.right - b.left + 1) > 5_000_000) fail('区域过大（模拟器最多一次读 500 万个单元格）');
    for (let r = b.top; r <= b.bottom; r++) {
      const row: T[] = [];
      for (let c = b.left; c <= b.right; c++) row.push(f(r, c));
      out.push(row);
    }
    return out;
  }
  private _single(): boolean {
    return this._box.top === this._box.bottom && this._box.left === this._box.right;
  }
  private _shape<T>(m: T[][]): T | T[][] {
    return this._single() ? m[0][0] : m;
  }
  private _write(v: unknown, asFormula: boolean) {
    const ws = this._ws();
    const b = this._box;
    const rows = b.bottom - b.top + 1;
    const cols = b.right - b.left + 1;
    const grid = Array.isArray(v) ? (v as unknown[][]) : null;
    if (grid && (grid.length !== rows || grid.some((r) => !Array.isArray(r) || r.length !== cols))) {
      fail(`Range("${boxAddress(b)}") 赋值的数组是 ${grid.length} 行，区域是 ${rows} 行 × ${cols} 列`);
    }
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const r = b.top + i;
        const c = b.left + j;
        const m = mergeAt(ws, r, c);
        if (m && (m.top !== r || m.left !== c)) continue; // covered cells of a merge take no value
        const x = grid ? grid[i][j] : v;
        ws.getCell(r, c).value = asFormula || typeof x !== 'string' ? inputValue(x) : inputValue(x);
      }
    }
  }
  get Row() {
    return this._box.top;
  }
  get Column() {
    return this._box.left;
  }
  get Rows() {
    return this._sim.wrap(new SimCount(this._box.bottom - this._box.top + 1));
  }
  get Columns() {
    return this._sim.wrap(new SimCount(this._box.right - this._box.left + 1));
  }
  get Value2() {
    const ws = this._ws();
    return this._shape(this._cells((r, c) => {
      const cell = ws.findCell(r, c);
      return isCovered(cell) ? undefined : variantOf(cell?.value);
    }));
  }
  set Value2(v: unknown) {
    this._write(v, false);
  }
  get Formula() {
    const ws = this._ws();
    return this._shape(this._cells((r, c) => {
      const cell = ws.findCell(r, c);
      if (!cell || isCovered(cell)) return '';
      const f = formulaOf(cell);
      if (f) return `=${f}`;
      const v = variantOf(cell.value);
      return v === undefined ? '' : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
    }));
  }
  set Formula(v: unknown) {
    this._write(v, true);
  }
  get NumberFormat() {
    const ws = this._ws();
    const m = this._cells((r, c) => ws.findCell(r, c)?.numFmt || 'General');
    if (this._single()) return m[0][0];
    const first = m[0][0];
    return m.every((row) => row.every((x) => x === first)) ? first : null;
  }
  set NumberFormat(v: unknown) {
    const ws = this._ws();
    this._cells((r, c) => {
      ws.getCell(r, c).numFmt = String(v);
    });
  }
  get MergeCells() {
    const merges = mergesOf(this._ws());
    let inMerge = 0;
    const cells = this._cells((r, c) => merges.some((m) => m.top <= r && r <= m.bottom && m.left <= c && c <= m.right));
    let n = 0;
    for (const row of cells) for (const x of row) {
      n++;
      if (x) inMerge++;
    }
    return inMerge === 0 ? false : inMerge === n ? true : null;
  }
  get MergeArea() {
    const m = mergeAt(this._ws(), this._box.top, this._box.left);
    return this._sim.wrap(new SimRange(this._sim, this._sheet, m ?? { top: this._box.top, left: this._box.left, bottom: this._box.top, right: this._box.left }));
  }
  get HasFormula() {
    const ws = this._ws();
    const m = this._cells((r, c) => !!formulaOf(ws.findCell(r, c)));
    const all = m.every((row) => row.every((x) => x));
    const none = m.every((row) => row.every((x) => !x));
    return all ? true : none ? false : null;
  }
  get FormatConditions() {
    return this._sim.wrap(new SimFormatConditions(this._sim, this._ws(), this._box));
  }
  get Comment() {
    const ws = this._ws();
    const cell = ws.findCell(this._box.top, this._box.left);
    return cell?.note !== undefined ? this._sim.wrap(new SimComment(this._sim, ws, this._box.top, this._box.left)) : null;
  }
  AddComment(text?: string) {
    const ws = this._ws();
    const cell = ws.getCell(this._box.top, this._box.left);
    if (cell.note !== undefined) fail(`${ws.name}!${cell.address} 已有批注：不能再添加（先删除原批注）`);
    cell.note = String(text ?? '');
    return this._sim.wrap(new SimComment(this._sim, ws, this._box.top, this._box.left));
  }
  Select() {
    const ws = this._ws();
    if (this._sim.sheet(this._sim.active) !== ws) fail('Range 类的 Select 方法无效（工作表不是活动工作表）');
    this._sim.selection = { sheet: ws.name, address: boxAddress(this._box) };
  }
  get ColumnWidth() {
    return this._ws().getColumn(this._box.left).width ?? 8.43;
  }
  set ColumnWidth(w: number) {
    const ws = this._ws();
    for (let c = this._box.left; c <= this._box.right; c++) ws.getColumn(c).width = Number(w);
  }
  get WrapText() {
    return !!this._ws().findCell(this._box.top, this._box.left)?.alignment?.wrapText;
  }
  set WrapText(v: boolean) {
    const ws = this._ws();
    this._cells((r, c) => {
      const cell = ws.getCell(r, c);
      cell.alignment = { ...(cell.alignment ?? {}), wrapText: !!v };
    });
  }
  /** The whole rows of the range (VBA Range.EntireRow). */
  get EntireRow() {
    this._ws();
    return this._sim.wrap(new SimRange(this._sim, this._sheet, { top: this._box.top, left: 1, bottom: this._box.bottom, right: 16384 }));
  }
  /** Range.Group() on whole rows: one outline level more (VBA: "Range.Group … rows or columns"; up to 8 levels). */
  get Group() {
    if (this._sim.missing.has('Group')) return undefined;
    return () => {
      const ws = this._ws();
      if (this._box.left !== 1 || this._box.right !== 16384) fail('Range.Group：模拟器只模拟整行分组（先取 EntireRow）');
      for (let r = this._box.top; r <= this._box.bottom; r++) {
        const row = ws.getRow(r);
        if ((row.outlineLevel ?? 0) >= 7) fail('分级显示最多 8 级');
        row.outlineLevel = (row.outlineLevel ?? 0) + 1;
      }
      return true;
    };
  }
  get Hidden() {
    return !!this._ws().findRow(this._box.top)?.hidden;
  }
  set Hidden(v: boolean) {
    const ws = this._ws();
    for (let r = this._box.top; r <= this._box.bottom; r++) ws.getRow(r).hidden = !!v;
  }
  /** Range.Merge(Across): one merged area (or one per row when Across is true). */
  Merge(across?: boolean) {
    const ws = this._ws();
    const b = this._box;
    if (across) for (let r = b.top; r <= b.bottom; r++) ws.mergeCells(r, b.left, r, b.right);
    else ws.mergeCells(b.top, b.left, b.bottom, b.right);
  }
  get Font() {
    return this._sim.wrap(new SimFont(this._ws(), this._box));
  }
  get Interior() {
    return this._sim.wrap(new SimInterior(this._ws(), this._box));
  }
}

/**
 * Worksheet.PageSetup (WPS 表格 PageSetup, as Excel VBA's: learn.microsoft.com/office/vba/api/excel.pagesetup):
 * Orientation (xlPortrait 1, xlLandscape 2), PaperSize (xlPaperA4 9), Zoom (a percentage, or False so that
 * FitToPagesWide / FitToPagesTall apply; False for either means "as many pages as needed"), PrintTitleRows ("$1:$1").
 * Kept in the ExcelJS sheet's pageSetup so an exported workbook carries them.
 */
class SimPageSetup {
  constructor(
    private readonly _sim: Sim,
    private readonly _sheet: ExcelJS.Worksheet,
  ) {}
  private get _ps() {
    return this._sheet.pageSetup;
  }
  get Orientation() {
    return this._ps.orientation === 'landscape' ? 2 : 1;
  }
  set Orientation(v: number) {
    if (v !== 1 && v !== 2) fail(`PageSetup.Orientation = ${String(v)}：无效的值`);
    this._ps.orientation = v === 2 ? 'landscape' : 'portrait';
  }
  get PaperSize() {
    return this._ps.paperSize ?? 9;
  }
  set PaperSize(v: number) {
    this._ps.paperSize = Number(v) as ExcelJS.PageSetup['paperSize'];
  }
  get Zoom(): number | boolean {
    return this._ps.fitToPage ? false : (this._ps.scale ?? 100);
  }
  set Zoom(v: number | boolean) {
    if (v === false) this._ps.fitToPage = true;
    else if (typeof v === 'number' && v >= 10 && v <= 400) {
      this._ps.fitToPage = false;
      this._ps.scale = v;
    } else fail(`PageSetup.Zoom = ${String(v)}：应为 10 到 400 或 False`);
  }
  get FitToPagesWide(): number | boolean {
    return this._ps.fitToWidth ? this._ps.fitToWidth : false;
  }
  set FitToPagesWide(v: number | boolean) {
    this._ps.fitToWidth = v === false ? 0 : Number(v);
  }
  get FitToPagesTall(): number | boolean {
    return this._ps.fitToHeight ? this._ps.fitToHeight : false;
  }
  set FitToPagesTall(v: number | boolean) {
    this._ps.fitToHeight = v === false ? 0 : Number(v);
  }
  get PrintTitleRows() {
    const t = this._ps.printTitlesRow;
    return t ? t.split(':').map((x) => `$${x}`).join(':') : '';
  }
  set PrintTitleRows(v: string) {
    const m = /^\$?(\d+):\$?(\d+)$/.exec(String(v).trim());
    if (!m) fail(`PageSetup.PrintTitleRows = "${String(v)}"：不是行区域`);
    this._ps.printTitlesRow = `${m[1]}:${m[2]}`;
    void this._sim;
  }
}

/** Worksheet.Outline: SummaryRow (xlSummaryAbove 0, xlSummaryBelow 1) and ShowLevels(RowLevels) — rows whose level is above RowLevels are hidden. */
class SimOutline {
  constructor(
    private readonly _sim: Sim,
    private readonly _sheet: ExcelJS.Worksheet,
  ) {}
  get SummaryRow() {
    return this._sheet.properties.outlineProperties?.summaryBelow === false ? 0 : 1;
  }
  set SummaryRow(v: number) {
    this._sheet.properties.outlineProperties = { ...(this._sheet.properties.outlineProperties ?? {}), summaryBelow: Number(v) !== 0 };
  }
  ShowLevels(rowLevels?: number) {
    if (rowLevels === undefined) return;
    // VBA's level 1 is the ungrouped rows: a row of ExcelJS outlineLevel n is at VBA level n + 1.
    this._sheet.eachRow({ includeEmpty: true }, (row) => {
      row.hidden = (row.outlineLevel ?? 0) + 1 > rowLevels;
    });
    void this._sim;
  }
}

class SimFont {
  constructor(
    private readonly _sheet: ExcelJS.Worksheet,
    private readonly _box: Box,
  ) {}
  get Bold() {
    return !!this._sheet.findCell(this._box.top, this._box.left)?.font?.bold;
  }
  set Bold(v: boolean) {
    for (let r = this._box.top; r <= this._box.bottom; r++) {
      for (let c = this._box.left; c <= this._box.right; c++) {
        const cell = this._sheet.getCell(r, c);
        cell.font = { ...(cell.font ?? {}), bold: !!v };
      }
    }
  }
}

class SimInterior {
  constructor(
    private readonly _sheet: ExcelJS.Worksheet,
    private readonly _box: Box,
  ) {}
  get Color() {
    const fill = this._sheet.findCell(this._box.top, this._box.left)?.fill as { fgColor?: { argb?: string } } | undefined;
    return argbToBgr(fill?.fgColor?.argb);
  }
  set Color(v: number) {
    for (let r = this._box.top; r <= this._box.bottom; r++) {
      for (let c = this._box.left; c <= this._box.right; c++) {
        this._sheet.getCell(r, c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: bgrToArgb(Number(v)) } };
      }
    }
  }
}

/** The rules of a sheet that touch a box, each as (entry, rule). */
function rulesTouching(sim: Sim, ws: ExcelJS.Worksheet, box: Box): { entry: CfEntry; rule: CfRule }[] {
  const out: { entry: CfEntry; rule: CfRule }[] = [];
  for (const entry of sim.cfs(ws)) {
    const boxes = entry.ref.split(/\s+/).filter(Boolean).map(parseBox);
    if (!boxes.some((b) => intersects(b, box))) continue;
    for (const rule of entry.rules) out.push({ entry, rule });
  }
  return out;
}

class SimFormatConditions {
  constructor(
    private readonly _sim: Sim,
    private readonly _sheet: ExcelJS.Worksheet,
    private readonly _box: Box,
  ) {}
  get Count() {
    return rulesTouching(this._sim, this._sheet, this._box).length;
  }
  Item(index: number) {
    const list = rulesTouching(this._sim, this._sheet, this._box);
    if (!Number.isInteger(index) || index < 1 || index > list.length) fail(`FormatConditions.Item(${index})：下标越界（从 1 数起，共 ${list.length} 个）`);
    return this._sim.wrap(new SimFormatCondition(this._sim, this._sheet, list[index - 1].entry, list[index - 1].rule));
  }
  Add(type: number, _operator?: number, formula1?: string) {
    void _operator;
    if (type !== XL_EXPRESSION) fail(`FormatConditions.Add(${type})：模拟器只模拟 xlExpression (2)`);
    const f = String(formula1 ?? '');
    if (!f.startsWith('=')) fail('FormatConditions.Add：Formula1 应以 = 开头');
    const cfs = this._sim.cfs(this._sheet);
    const priority = cfs.reduce((m, e) => Math.max(m, ...e.rules.map((r) => r.priority)), 0) + 1;
    const rule: CfRule = { type: 'expression', priority, formulae: [f.slice(1)], style: {} };
    const entry: CfEntry = { ref: boxAddress(this._box), rules: [rule] };
    cfs.push(entry);
    return this._sim.wrap(new SimFormatCondition(this._sim, this._sheet, entry, rule));
  }
}

class SimFormatCondition {
  constructor(
    private readonly _sim: Sim,
    private readonly _sheet: ExcelJS.Worksheet,
    private readonly _entry: CfEntry,
    private readonly _rule: CfRule,
  ) {}
  get Type() {
    return this._rule.type === 'expression' ? XL_EXPRESSION : this._rule.type === 'cellIs' ? 1 : 0;
  }
  get Formula1() {
    if (!this._rule.formulae?.length) fail('FormatCondition.Formula1：此类条件格式没有公式');
    return `=${this._rule.formulae[0]}`;
  }
  get Interior() {
    return this._sim.wrap(new SimRuleInterior(this._rule));
  }
  get AppliesTo() {
    return this._sim.wrap(new SimRange(this._sim, this._sheet, parseBox(this._entry.ref.split(/\s+/)[0])));
  }
  Delete() {
    const cfs = this._sim.cfs(this._sheet);
    this._entry.rules = this._entry.rules.filter((r) => r !== this._rule);
    if (!this._entry.rules.length) {
      const i = cfs.indexOf(this._entry);
      if (i >= 0) cfs.splice(i, 1);
    }
  }
  SetFirstPriority() {
    for (const e of this._sim.cfs(this._sheet)) for (const r of e.rules) if (r !== this._rule) r.priority += 1;
    this._rule.priority = 1;
  }
}

class SimRuleInterior {
  constructor(private readonly _rule: CfRule) {}
  get Color() {
    return argbToBgr(this._rule.style?.fill?.bgColor?.argb);
  }
  set Color(v: number) {
    this._rule.style = { ...(this._rule.style ?? {}), fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: bgrToArgb(Number(v)) } } };
  }
}

class SimComment {
  constructor(
    private readonly _sim: Sim,
    private readonly _sheet: ExcelJS.Worksheet,
    private readonly _row: number,
    private readonly _col: number,
  ) {}
  Text() {
    const note = this._sheet.findCell(this._row, this._col)?.note;
    if (note === undefined) fail('对象已被删除（批注不存在）');
    return noteText(note);
  }
  Delete() {
    const cell = this._sheet.findCell(this._row, this._col) as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } } | undefined;
    if (!cell) return;
    // ExcelJS keeps the comment in two places once a cell's model has been read (the writer uses the second).
    cell._comment = undefined;
    if (cell._value?.model) delete cell._value.model.comment;
  }
  get Parent() {
    return this._sim.wrap(new SimRange(this._sim, this._sheet, { top: this._row, left: this._col, bottom: this._row, right: this._col }));
  }
}

class SimComments {
  constructor(
    private readonly _sim: Sim,
    private readonly _sheet: ExcelJS.Worksheet,
  ) {}
  private _list(): { row: number; col: number }[] {
    const out: { row: number; col: number }[] = [];
    this._sheet.eachRow({ includeEmpty: true }, (row, r) =>
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        if (cell.note !== undefined) out.push({ row: r, col: c });
      }),
    );
    return out;
  }
  get Count() {
    return this._list().length;
  }
  Item(index: number) {
    const list = this._list();
    if (!Number.isInteger(index) || index < 1 || index > list.length) fail(`Comments.Item(${index})：下标越界（从 1 数起，共 ${list.length} 个）`);
    return this._sim.wrap(new SimComment(this._sim, this._sheet, list[index - 1].row, list[index - 1].col));
  }
}

class SimHyperlinks {
  constructor(
    private readonly _sim: Sim,
    private readonly _sheet: ExcelJS.Worksheet,
  ) {}
  Add(anchorProxy: SimRange, address: string, subAddress?: string, _screenTip?: string, textToDisplay?: string) {
    void _screenTip;
    const anchor = unwrap(anchorProxy);
    const r = anchor.Row;
    const c = anchor.Column;
    const cell = this._sheet.getCell(r, c);
    const text = textToDisplay ?? String(variantOf(cell.value) ?? '');
    cell.value = { text, hyperlink: address ? address : `#${subAddress ?? ''}` };
    void this._sim;
    return null;
  }
}

class SimNameObject {
  constructor(
    private readonly _sim: Sim,
    private readonly _n: SimName,
  ) {}
  get Name() {
    return this._n.name;
  }
  get RefersTo() {
    return this._n.refersTo;
  }
  get Visible() {
    return this._n.visible;
  }
  Delete() {
    this._sim.names = this._sim.names.filter((n) => n !== this._n);
  }
}

class SimNames {
  constructor(private readonly _sim: Sim) {}
  get Count() {
    return this._sim.names.length;
  }
  Item(index: number | string) {
    const list = this._sim.names;
    if (typeof index === 'number') {
      if (!Number.isInteger(index) || index < 1 || index > list.length) fail(`Names.Item(${index})：下标越界（从 1 数起，共 ${list.length} 个）`);
      return this._sim.wrap(new SimNameObject(this._sim, list[index - 1]));
    }
    const n = list.find((x) => x.name.toLowerCase() === String(index).toLowerCase());
    if (!n) fail(`Names.Item("${index}")：没有这个名称`);
    return this._sim.wrap(new SimNameObject(this._sim, n));
  }
  Add(name: string, refersTo: string, visible?: boolean) {
    const nm = String(name);
    if (!/^[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*$/.test(nm)) fail(`Names.Add：名称“${nm}”无效`);
    const existing = this._sim.names.find((x) => x.name.toLowerCase() === nm.toLowerCase());
    if (existing) {
      existing.refersTo = String(refersTo);
      existing.visible = visible !== false;
      return this._sim.wrap(new SimNameObject(this._sim, existing));
    }
    const n: SimName = { name: nm, refersTo: String(refersTo), visible: visible !== false };
    this._sim.names.push(n);
    return this._sim.wrap(new SimNameObject(this._sim, n));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Public surface

export interface EtSimulatorOptions {
  /** Workbook.Name. Default 'Workbook.xlsx'. */
  name?: string;
  /** Members this simulated WPS build lacks (they read as undefined), e.g. an old build without PageSetup. */
  missing?: ('PageSetup' | 'Outline' | 'Group')[];
}

export interface EtSimulator {
  /** What WPS gives the add-in page as window.Application. */
  readonly Application: import('../../src/wps/et-api').EtApplication;
  /** The ExcelJS workbook behind it (read it in tests). */
  readonly workbook: ExcelJS.Workbook;
  /** The defined names as the simulated WPS holds them. */
  names(): { name: string; refersTo: string; visible: boolean }[];
  /** The cells selected last (Range.Select), null when none yet. */
  selection(): { sheet: string; address: string } | null;
  activeSheet(): string;
  /** Property reads, writes and method calls through the object model so far. */
  calls(): number;
  /** The workbook as .xlsx bytes (what saving it in WPS as .xlsx would give, as far as ExcelJS writes it). */
  exportXlsx(): Promise<Uint8Array>;
}

export async function createEtSimulator(bytes: Uint8Array | ArrayBuffer, options: EtSimulatorOptions = {}): Promise<EtSimulator> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as ArrayBuffer);
  const sim = new Sim(wb, options.name ?? 'Workbook.xlsx');
  for (const m of options.missing ?? []) sim.missing.add(m);
  const app = sim.wrap(new SimApplication(sim)) as unknown as EtSimulator['Application'];
  return {
    Application: app,
    workbook: wb,
    names: () => sim.names.map((n) => ({ ...n })),
    selection: () => sim.selection,
    activeSheet: () => sim.sheet(sim.active)?.name ?? '',
    calls: () => sim.counter.calls,
    exportXlsx: async () => {
      const model = sim.names
        .filter((n) => !/#REF!/.test(n.refersTo))
        .map((n) => ({ name: n.name, ranges: [n.refersTo.replace(/^=/, '')] }));
      (wb.definedNames as unknown as { model: unknown }).model = model;
      return new Uint8Array(await wb.xlsx.writeBuffer());
    },
  };
}
