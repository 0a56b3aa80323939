/**
 * Excel-API SIMULATOR — it is not Excel.
 *
 * A small, in-process stand-in for the subset of the Excel JavaScript API (Office.js) that src/excel/office-host.ts
 * uses, backed by an ExcelJS workbook. It exists so that the adapter, the task pane and their end-to-end tests can
 * run in Node (jest) and in a browser page (bundled for Playwright) without Excel. It models the Office.js proxy
 * semantics that matter for correctness and for counting round trips:
 *
 *   - every call on a proxy only queues an action; `context.sync()` runs the queue in order against the workbook;
 *   - a loaded property is readable only after the sync that loaded it (else PropertyNotLoaded is thrown);
 *   - writes (property sets, method calls) apply at sync, in queue order, so a load queued before a write sees
 *     the old state;
 *   - `*OrNullObject` methods yield null objects (`isNullObject`), and anything derived from a null object is null
 *     too (loads on it read `undefined`, as in Office.js); setting a property or calling a void method on a null
 *     object does nothing (Office's own samples rely on it: `worksheets.getItemOrNullObject("Notes").delete()` in
 *     office-js-snippets' excel-note-basics), while the non-OrNull accessors (getItem …) fail with ItemNotFound;
 *   - a failing action rejects the sync with an error carrying `code` (ItemNotFound, InvalidArgument, …); actions
 *     before it stay applied and the rest are dropped (Office.js batches are not transactions);
 *   - a sync with nothing queued is not a round trip and is not counted (as in Office.js, where Excel.run's closing
 *     sync costs nothing when the batch already synced);
 *   - APIs above the simulated ExcelApi requirement set throw ApiNotFound when called, like the real library;
 *   - a veryHidden worksheet cannot be deleted (make it hidden first), the last visible sheet cannot be hidden or
 *     deleted, sheet names are unique case-insensitively, a cell holds a note or a threaded comment, not both.
 *
 * STRICT MODE (options.strict, on by default: the simulator exists for tests) holds the adapter to Excel's
 * documented limits, each rule with its source:
 *   - 5 MB per request and per response: RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded. The
 *     simulator measures each sync: request = the UTF-8 bytes of the JSON of every queued write's arguments (+ a
 *     fixed cost per action), response = the UTF-8 bytes of the JSON of every value loaded.
 *     https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 *     ("Excel on the web has a payload size limit for requests and responses of 5MB"), error codes from
 *     https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling
 *   - a range read (values, formulas, numberFormat, text, getCellProperties) is limited to 5,000,000 cells (same page:
 *     "A range is limited to five million cells for get operations").
 *   - no method calls or property sets on null objects, and nothing derived from one: only load() and isNullObject
 *     (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties
 *     documents the check before use; that other calls pass quietly is not documented, so strict mode refuses them).
 *   - ApiNotFound at call time for an API above the host's requirement set, and an API the LOADED office.js does not
 *     have is simply absent (undefined: a TypeError when called), per host profile (HOST_PROFILES: Excel 2019, 2021,
 *     LTSC 2024, Microsoft 365 Windows/Mac/web and the bundled intranet office.js 1.1.110, which stops at ExcelApi
 *     1.15 and has no notes API) — https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets
 *   - InvalidOperationInCellEditMode while the user edits a cell (setCellEditMode): every sync is refused (Excel error
 *     codes, https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling: "The operation isn't
 *     available while Excel is in Edit cell mode").
 *   - protected sheets (protectSheet): writes to their cells, formats, notes and conditional formats fail with
 *     AccessDenied; reads work (https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotection).
 *   - getMergedAreasOrNullObject fails over 512 merged areas
 *     (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)
 *     — the documented RangeAreas limit of the merged-areas call).
 *   - an undo stack (undo(), like Ctrl+Z): each sync that writes is one undo step; a sync that adds or deletes a sheet
 *     or changes a sheet's visibility clears the stack
 *     (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities: "calling an unsupported
 *     API … clears the user's undo stack"; which calls count as unsupported is the simulator's model, from issue #12).
 * Conditional formats are modelled (ExcelApi 1.6: add custom, read back type and rule formula, getRange, delete;
 * they follow inserted/deleted rows and sheet renames, are imported from and exported to the file), and so are
 * workbook-level defined names (names.add / getItemOrNullObject / getRangeOrNullObject / delete, following renames).
 *
 * What it does not model: recalculation (formula cells keep their cached results), events, tables, charts,
 * data validation, threaded-comment persistence in exportXlsx (ExcelJS cannot write them;
 * they live in memory only), and Excel's exact colour arithmetic for theme colours (approximated).
 *
 * No Node-only modules here: the core works in the browser. Load a workbook with createSimulator(bytes) and get the
 * bytes back with exportXlsx().
 */
import ExcelJS from 'exceljs';

// ---------------------------------------------------------------------------------------------------------------
// Errors

export type SimulatorErrorCode =
  | 'PropertyNotLoaded'
  | 'ItemNotFound'
  | 'InvalidArgument'
  | 'ItemAlreadyExists'
  | 'InvalidOperation'
  | 'InvalidReference'
  | 'GeneralException'
  | 'ApiNotFound'
  | 'RequestPayloadSizeLimitExceeded'
  | 'ResponsePayloadSizeLimitExceeded'
  | 'InvalidOperationInCellEditMode'
  | 'AccessDenied';

/** Shaped like OfficeExtension.Error: `code`, `message`, `debugInfo`. */
export class SimulatorError extends Error {
  readonly code: SimulatorErrorCode;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: SimulatorErrorCode, message: string, errorLocation?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
    Object.setPrototypeOf(this, SimulatorError.prototype);
  }
}

function fail(code: SimulatorErrorCode, message: string, where?: string): never {
  throw new SimulatorError(code, message, where);
}

// ---------------------------------------------------------------------------------------------------------------
// Public surface

export interface SimulatorOptions {
  /** Requirement sets the simulated host supports, e.g. { ExcelApi: '1.10' }. Default: ExcelApi 1.18. */
  requirementSets?: Record<string, string>;
  /** Workbook.name (ExcelApi 1.7). Default 'Workbook.xlsx'. */
  name?: string;
  /** Excel's documented limits (see the file header). Default true. */
  strict?: boolean;
  /** A host from HOST_PROFILES: its requirement sets, platform and the office.js it loads (overrides requirementSets). */
  profile?: HostProfileName;
}

/** 5 MB: Excel on the web's request and response payload limit (resource-limits page, Excel section). */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** Cells a range read may return (same page). */
export const CELL_READ_LIMIT = 5_000_000;

export type HostProfileName = 'excel-2019' | 'excel-2021' | 'excel-ltsc-2024' | 'm365-windows' | 'm365-mac' | 'm365-web' | 'intranet-1.1.110';

export interface HostProfile {
  label: string;
  platform: 'PC' | 'Mac' | 'OfficeOnline';
  /** What the host reports through Office.context.requirements. */
  ExcelApi: string;
  /** The newest ExcelApi the LOADED office.js implements (APIs above it are absent); undefined: the CDN, all. */
  library?: string;
}

/**
 * The hosts the add-in must run in (requirement-set table:
 * https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets — Excel 2019 up to 1.8,
 * Office 2021 up to 1.14, Office LTSC 2024 up to 1.17, Microsoft 365 and the web at 1.20 today). The intranet bundle
 * ships npm @microsoft/office-js 1.1.110, whose newest set is ExcelApi 1.15 (no Worksheet.notes) even on a host
 * reporting 1.20.
 */
export const HOST_PROFILES: Record<HostProfileName, HostProfile> = {
  'excel-2019': { label: 'Excel 2019（批量许可）', platform: 'PC', ExcelApi: '1.8' },
  'excel-2021': { label: 'Excel 2021', platform: 'PC', ExcelApi: '1.14' },
  'excel-ltsc-2024': { label: 'Excel LTSC 2024', platform: 'PC', ExcelApi: '1.17' },
  'm365-windows': { label: 'Microsoft 365（Windows）', platform: 'PC', ExcelApi: '1.20' },
  'm365-mac': { label: 'Microsoft 365（Mac）', platform: 'Mac', ExcelApi: '1.20' },
  'm365-web': { label: 'Excel 网页版', platform: 'OfficeOnline', ExcelApi: '1.20' },
  'intranet-1.1.110': { label: '内网 office.js 1.1.110 + Microsoft 365', platform: 'PC', ExcelApi: '1.20', library: '1.15' },
};

/** Bytes of one sync, as the simulator measured them. */
export interface SyncPayload {
  requestBytes: number;
  responseBytes: number;
  /** Cells returned by range reads. */
  cells: number;
}

/** A conditional format as the tests see it. */
export interface SimConditionalFormatView {
  ranges: string;
  type: string;
  formula: string;
  fill: string | null;
}

export interface ExcelSimulator {
  /** The workbook behind the simulator (read it in tests; do not write it while a batch is pending). */
  readonly workbook: ExcelJS.Workbook;
  /** Like Excel.run: a fresh request context, the batch, then a closing sync (free when nothing is queued). */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** A fresh request context (for code that manages its own context). */
  newContext(): Excel.RequestContext;
  /** Round trips so far (syncs that carried at least one action), over every context of this simulator. */
  syncCount(): number;
  resetSyncCount(): void;
  /** Like Office.context.requirements. */
  readonly requirements: { isSetSupported(name: string, minVersion?: string | number): boolean };
  setRequirementSets(sets: Record<string, string>): void;
  /** The workbook as .xlsx bytes (notes, fills, values, sheets; threaded comments are not written). */
  exportXlsx(): Promise<Buffer>;
  /** The active sheet and the selected range, as set by Worksheet.activate / Range.select. */
  selection(): { sheet: string; address: string } | undefined;
  activeSheet(): string | undefined;
  /** Threaded comments (ExcelApi 1.10) on a sheet, by cell address. */
  comments(sheet: string): { cell: string; id: string; content: string; authorName: string }[];
  /** Adds a threaded comment directly (test set-up, outside any batch). */
  addComment(sheet: string, cell: string, content: string, authorName?: string): void;
  /**
   * The next round trip of any context rejects with this error (one shot): before running any of its actions, or
   * after running the first `afterActions` of them (a batch that fails half-way; the rest are dropped).
   */
  failNextSync(code?: SimulatorErrorCode, message?: string, afterActions?: number): void;
  /** Every sync's measured payload since the last resetPayloads (strict or not). */
  payloads(): SyncPayload[];
  resetPayloads(): void;
  /** While on, every sync fails with InvalidOperationInCellEditMode (the user is typing in a cell). */
  setCellEditMode(on: boolean): void;
  /** Protects or unprotects a sheet (writes to it then fail with AccessDenied). */
  protectSheet(sheet: string, on?: boolean): void;
  /** Ctrl+Z: undoes the last undoable sync; false when the stack is empty. */
  undo(): boolean;
  undoDepth(): number;
  /** The conditional formats of a sheet, in priority order. */
  conditionalFormats(sheet: string): SimConditionalFormatView[];
  /** The user inserts (count > 0) or deletes (count < 0) whole rows at `row` (outside any batch). */
  insertRows(sheet: string, row: number, count: number): void;
  /** Workbook-level defined names: name → "Sheet!A1" (or "#REF!"). */
  definedNames(): Record<string, string>;
  readonly profile: HostProfile | undefined;
}

/** Loads .xlsx bytes (ArrayBuffer, Uint8Array or Buffer) into a simulator. */
export async function createSimulator(
  xlsx: ArrayBuffer | Uint8Array,
  options: SimulatorOptions = {},
): Promise<ExcelSimulator> {
  const wb = new ExcelJS.Workbook();
  // ExcelJS accepts Buffer/ArrayBuffer/Uint8Array (JSZip underneath) in Node and in the browser.
  await wb.xlsx.load(xlsx as ArrayBuffer);
  return simulatorFor(wb, options);
}

/** A simulator over an ExcelJS workbook already in memory (it becomes the simulator's workbook). */
export function simulatorFor(wb: ExcelJS.Workbook, options: SimulatorOptions = {}): ExcelSimulator {
  const state = new SimState(wb, options);
  const sim: ExcelSimulator = {
    workbook: wb,
    async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
      const ctx = new SimContext(state);
      const result = await batch(ctx as unknown as Excel.RequestContext);
      await ctx.sync();
      return result;
    },
    newContext: () => new SimContext(state) as unknown as Excel.RequestContext,
    syncCount: () => state.syncs,
    resetSyncCount: () => {
      state.syncs = 0;
    },
    requirements: { isSetSupported: (name, v) => state.isSetSupported(name, v) },
    setRequirementSets: (sets) => state.setRequirementSets(sets),
    async exportXlsx() {
      state.writeViews();
      state.writeConditionalFormats();
      state.writeNames();
      const out = await wb.xlsx.writeBuffer();
      return out as unknown as Buffer;
    },
    selection: () => (state.selection ? { sheet: state.selection.ws.name, address: state.selection.address } : undefined),
    activeSheet: () => state.active()?.name,
    comments: (sheet) => {
      const ws = state.sheetByName(sheet);
      if (!ws) return [];
      return [...(state.comments.get(ws)?.values() ?? [])]
        .sort((a, b) => a.row - b.row || a.col - b.col)
        .map((c) => ({ cell: a1(c.row, c.col), id: c.id, content: c.content, authorName: c.authorName }));
    },
    addComment: (sheet, cell, content, authorName = '用户') => {
      const ws = state.sheetByName(sheet);
      if (!ws) fail('ItemNotFound', `no sheet ${sheet}`);
      const { row, col } = parseCellRef(cell);
      state.addComment(ws, row, col, content, authorName);
    },
    failNextSync: (code = 'GeneralException', message = 'injected failure', afterActions = 0) => {
      state.injected = { error: new SimulatorError(code, message), after: afterActions };
    },
    payloads: () => state.payloads.slice(),
    resetPayloads: () => {
      state.payloads = [];
    },
    setCellEditMode: (on) => {
      state.cellEdit = on;
    },
    protectSheet: (sheet, on = true) => {
      const ws = state.sheetByName(sheet) ?? fail('ItemNotFound', `no sheet ${sheet}`);
      if (on) state.protectedSheets.add(ws);
      else state.protectedSheets.delete(ws);
    },
    undo: () => {
      const step = state.undoStack.pop();
      if (!step) return false;
      for (const f of step.reverse()) f();
      return true;
    },
    undoDepth: () => state.undoStack.length,
    conditionalFormats: (sheet) => {
      const ws = state.sheetByName(sheet);
      if (!ws) return [];
      return state.cfList(ws).map((c) => ({ ranges: c.boxes.map(boxAddress).join(','), type: c.type, formula: c.formula, fill: c.fill }));
    },
    insertRows: (sheet, row, count) => {
      const ws = state.sheetByName(sheet) ?? fail('ItemNotFound', `no sheet ${sheet}`);
      shiftRows(state, ws, row, count);
    },
    definedNames: () => {
      const out: Record<string, string> = {};
      for (const n of state.names.values()) out[n.name] = n.ws && state.alive(n.ws) ? `${quoteSheet(n.ws.name)}!${boxAddress(n.box)}` : '#REF!';
      return out;
    },
    profile: state.profile,
  };
  return sim;
}

/**
 * Sets globalThis.Office, globalThis.Excel and globalThis.OfficeExtension so that code written against the real
 * globals (the task pane) runs on the simulator. Returns a function that puts the previous globals back.
 */
export function installOfficeGlobals(sim: ExcelSimulator, requirementSets?: Record<string, string>): () => void {
  if (requirementSets) sim.setRequirementSets(requirementSets);
  const g = globalThis as Record<string, unknown>;
  const previous = { Office: g.Office, Excel: g.Excel, OfficeExtension: g.OfficeExtension };
  const settings = new Map<string, unknown>();
  const info = { host: 'Excel', platform: sim.profile?.platform ?? 'PC' };
  g.Office = {
    HostType: { Excel: 'Excel', Word: 'Word', PowerPoint: 'PowerPoint', Outlook: 'Outlook' },
    PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac', iOS: 'iOS', Android: 'Android' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    onReady(callback?: (i: typeof info) => void) {
      if (callback) callback(info);
      return Promise.resolve(info);
    },
    context: {
      host: 'Excel',
      platform: info.platform,
      displayLanguage: 'zh-CN',
      contentLanguage: 'zh-CN',
      diagnostics: { host: 'Excel', platform: 'PC', version: '16.0 (Excel-API simulator)' },
      requirements: sim.requirements,
      document: {
        url: sim.workbook.title || 'simulator://workbook',
        settings: {
          get: (k: string) => (settings.has(k) ? settings.get(k) : null),
          set: (k: string, v: unknown) => void settings.set(k, v),
          remove: (k: string) => void settings.delete(k),
          saveAsync: (cb?: (r: { status: string }) => void) => cb?.({ status: 'succeeded' }),
        },
      },
    },
  };
  g.Excel = {
    run: (...args: unknown[]) => sim.run(args[args.length - 1] as (c: Excel.RequestContext) => Promise<unknown>),
    SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
    RangeCopyType: { all: 'All', formulas: 'Formulas', values: 'Values', formats: 'Formats', link: 'Link' },
    FillPattern: Object.fromEntries(Object.keys(PATTERN_TO_EXCELJS).map((k) => [k[0].toLowerCase() + k.slice(1), k])),
    VerticalAlignment: { top: 'Top', center: 'Center', bottom: 'Bottom', justify: 'Justify', distributed: 'Distributed' },
    HorizontalAlignment: { general: 'General', left: 'Left', center: 'Center', right: 'Right' },
    RangeUnderlineStyle: { none: 'None', single: 'Single', double: 'Double' },
    ConditionalFormatType: { custom: 'Custom', cellValue: 'CellValue', colorScale: 'ColorScale', dataBar: 'DataBar', iconSet: 'IconSet', containsText: 'ContainsText', topBottom: 'TopBottom', presetCriteria: 'PresetCriteria' },
    InsertShiftDirection: { down: 'Down', right: 'Right' },
    DeleteShiftDirection: { up: 'Up', left: 'Left' },
    ErrorCodes: {
      itemNotFound: 'ItemNotFound',
      invalidArgument: 'InvalidArgument',
      itemAlreadyExists: 'ItemAlreadyExists',
      generalException: 'GeneralException',
      apiNotFound: 'ApiNotFound',
      invalidOperation: 'InvalidOperation',
      invalidReference: 'InvalidReference',
      propertyNotLoaded: 'PropertyNotLoaded',
      requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
      responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
      invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
      accessDenied: 'AccessDenied',
    },
  };
  g.OfficeExtension = { Error: SimulatorError };
  return () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete g[k];
      else g[k] = v;
    }
  };
}

// ---------------------------------------------------------------------------------------------------------------
// A1 addressing (self-contained: the simulator does not share code with the adapter it tests)

const MAX_ROW = 1048576;
const MAX_COL = 16384;

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function colLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function a1(row: number, col: number): string {
  return `${colLetters(col)}${row}`;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function parseCellRef(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) fail('InvalidArgument', `bad cell reference ${ref}`);
  const row = Number(m[2]);
  const col = colNumber(m[1]);
  if (row < 1 || row > MAX_ROW || col < 1 || col > MAX_COL) fail('InvalidArgument', `bad cell reference ${ref}`);
  return { row, col };
}

/** 'A1', 'A1:C3', 'A:C', '2:5' → box (1-based, inclusive). */
function parseBox(ref: string): Box {
  const parts = ref.replace(/\$/g, '').trim().split(':');
  if (parts.length > 2 || !parts[0]) fail('InvalidArgument', `bad address ${ref}`);
  const [p, q = parts[0]] = parts;
  if (/^[A-Za-z]{1,3}$/.test(p) && /^[A-Za-z]{1,3}$/.test(q)) {
    const l = colNumber(p);
    const r = colNumber(q);
    return { top: 1, bottom: MAX_ROW, left: Math.min(l, r), right: Math.max(l, r) };
  }
  if (/^\d+$/.test(p) && /^\d+$/.test(q)) {
    const t = Number(p);
    const b = Number(q);
    return { top: Math.min(t, b), bottom: Math.max(t, b), left: 1, right: MAX_COL };
  }
  const a = parseCellRef(p);
  const b = parseCellRef(q);
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/** "Sheet!A1", "'My ''x'' sheet'!A1:B2" or "A1" → sheet name (or undefined) and the local part. */
function splitSheet(address: string): { sheet?: string; local: string } {
  const s = address.trim();
  if (s.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < s.length) {
      if (s[i] === "'") {
        if (s[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += s[i++];
    }
    if (s[i + 1] !== '!') fail('InvalidArgument', `bad address ${address}`);
    return { sheet: name, local: s.slice(i + 2) };
  }
  const bang = s.lastIndexOf('!');
  return bang < 0 ? { local: s } : { sheet: s.slice(0, bang), local: s.slice(bang + 1) };
}

function quoteSheet(name: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

function boxAddress(box: Box): string {
  if (box.top === 1 && box.bottom === MAX_ROW) {
    return `${colLetters(box.left)}:${colLetters(box.right)}`;
  }
  if (box.left === 1 && box.right === MAX_COL) return `${box.top}:${box.bottom}`;
  const tl = a1(box.top, box.left);
  return box.top === box.bottom && box.left === box.right ? tl : `${tl}:${a1(box.bottom, box.right)}`;
}

function intersects(a: Box, b: Box): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function contains(outer: Box, inner: Box): boolean {
  return outer.top <= inner.top && outer.left <= inner.left && outer.bottom >= inner.bottom && outer.right >= inner.right;
}

// ---------------------------------------------------------------------------------------------------------------
// The simulated host

interface CommentModel {
  id: string;
  row: number;
  col: number;
  content: string;
  authorName: string;
  creationDate: Date;
  resolved: boolean;
}

function versionAtLeast(have: string, need: string): boolean {
  const a = have.split('.').map(Number);
  const b = need.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

interface CfModel {
  id: string;
  boxes: Box[];
  /** 'Custom' for an expression rule, else the Office.js type of an imported rule. */
  type: string;
  formula: string;
  fill: string | null;
  /** An imported rule, kept as ExcelJS read it (exported unchanged). */
  raw?: Record<string, unknown>;
}

interface NameModel {
  name: string;
  ws: ExcelJS.Worksheet | null;
  box: Box;
  visible: boolean;
  /** A name that is not a plain range reference (kept for export as ExcelJS read it). */
  raw?: string[];
}

type UndoStep = (() => void)[];

const CF_TYPE_FROM_EXCELJS: Record<string, string> = { expression: 'Custom', cellIs: 'CellValue', colorScale: 'ColorScale', dataBar: 'DataBar', iconSet: 'IconSet', containsText: 'ContainsText', top10: 'TopBottom' };

class SimState {
  syncs = 0;
  readonly strict: boolean;
  readonly profile: HostProfile | undefined;
  private library: string | undefined;
  payloads: SyncPayload[] = [];
  /** The sync being run: its payload, and its undo step (null once it touched the workbook's structure). */
  current?: { payload: SyncPayload; undo: UndoStep | null };
  undoStack: UndoStep[] = [];
  cellEdit = false;
  readonly protectedSheets = new Set<ExcelJS.Worksheet>();
  private readonly cfs = new Map<ExcelJS.Worksheet, CfModel[]>();
  private nextCfId = 1;
  readonly names = new Map<string, NameModel>();
  injected?: { error: SimulatorError; after: number };
  readonly comments = new Map<ExcelJS.Worksheet, Map<string, CommentModel>>();
  private nextCommentId = 1;
  private sets = new Map<string, string>();
  activeWs?: ExcelJS.Worksheet;
  selection?: { ws: ExcelJS.Worksheet; address: string };
  readonly docName: string;

  constructor(readonly wb: ExcelJS.Workbook, options: SimulatorOptions) {
    this.strict = options.strict ?? true;
    this.profile = options.profile ? HOST_PROFILES[options.profile] : undefined;
    this.library = this.profile?.library;
    this.setRequirementSets(this.profile ? { ExcelApi: this.profile.ExcelApi } : (options.requirementSets ?? { ExcelApi: '1.18' }));
    this.importConditionalFormats();
    this.importNames();
    this.docName = options.name ?? 'Workbook.xlsx';
    const views = (wb as unknown as { views?: { activeTab?: number }[] }).views;
    const tab = views?.[0]?.activeTab;
    this.activeWs = (tab !== undefined ? wb.worksheets[tab] : undefined) ?? wb.worksheets.find((w) => w.state === 'visible');
  }

  setRequirementSets(sets: Record<string, string>): void {
    this.sets = new Map(Object.entries(sets).map(([k, v]) => [k.toLowerCase(), String(v)]));
  }

  isSetSupported(name: string, minVersion?: string | number): boolean {
    const have = this.sets.get(name.toLowerCase());
    if (have === undefined) return false;
    if (minVersion === undefined || minVersion === '') return true;
    return versionAtLeast(have, String(minVersion));
  }

  /** Whether the loaded office.js lacks an API of this version (it is then undefined on the proxy). */
  absent(version: string): boolean {
    return this.library !== undefined && !versionAtLeast(this.library, version);
  }

  /** Strict mode: nothing may be derived from, called on or set on a null object. */
  fromNull(what: string): null {
    if (this.strict) fail('InvalidOperation', `${what}: called on a null object (check isNullObject after a sync first)`, what);
    return null;
  }

  /** A write to a protected sheet fails (strict or not: protection is the workbook's, not a limit). */
  assertWritable(ws: ExcelJS.Worksheet | undefined, what: string): void {
    if (ws && this.protectedSheets.has(ws)) fail('AccessDenied', `${what}: the sheet ${ws.name} is protected`, what);
  }

  /** Records how to undo a change of the running sync. */
  undoable(f: () => void): void {
    if (this.current?.undo) this.current.undo.push(f);
  }

  /** The running sync changed the workbook's structure: the undo stack is cleared. */
  structural(): void {
    if (this.current) this.current.undo = null;
    this.undoStack = [];
  }

  respond(value: unknown, cells = 0): void {
    if (!this.current) return;
    this.current.payload.responseBytes += jsonBytes(value);
    this.current.payload.cells += cells;
  }

  cfList(ws: ExcelJS.Worksheet): CfModel[] {
    let l = this.cfs.get(ws);
    if (!l) this.cfs.set(ws, (l = []));
    return l;
  }

  addCf(ws: ExcelJS.Worksheet, boxes: Box[], type: string): CfModel {
    const c: CfModel = { id: `{sim-cf-${this.nextCfId++}}`, boxes, type, formula: '', fill: null };
    // A new rule goes first (highest priority), as in Excel.
    this.cfList(ws).unshift(c);
    return c;
  }

  private importConditionalFormats(): void {
    for (const ws of this.wb.worksheets) {
      const list = (ws as unknown as { conditionalFormattings?: { ref: string; rules: Record<string, unknown>[] }[] }).conditionalFormattings ?? [];
      const models: { c: CfModel; priority: number }[] = [];
      for (const cf of list) {
        const boxes = cf.ref.split(/\s+/).filter(Boolean).map((r) => parseBox(r));
        for (const rule of cf.rules) {
          const type = CF_TYPE_FROM_EXCELJS[String(rule.type)] ?? 'PresetCriteria';
          const formulae = (rule.formulae as unknown[] | undefined) ?? [];
          const style = rule.style as { fill?: { bgColor?: { argb?: string } } } | undefined;
          const c: CfModel = { id: `{sim-cf-${this.nextCfId++}}`, boxes, type, formula: type === 'Custom' ? `=${String(formulae[0] ?? '')}` : '', fill: style?.fill?.bgColor?.argb ? `#${style.fill.bgColor.argb.slice(-6)}` : null, raw: rule };
          models.push({ c, priority: Number(rule.priority ?? 0) });
        }
      }
      models.sort((a, b) => a.priority - b.priority);
      this.cfs.set(ws, models.map((m) => m.c));
    }
  }

  writeConditionalFormats(): void {
    for (const ws of this.wb.worksheets) {
      const out: { ref: string; rules: Record<string, unknown>[] }[] = [];
      this.cfList(ws).forEach((c, i) => {
        if (!c.boxes.length) return;
        const rule = c.raw
          ? { ...c.raw, priority: i + 1 }
          : { type: 'expression', priority: i + 1, formulae: [c.formula.replace(/^=/, '')], style: c.fill ? { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: toArgb(c.fill) } } } : {} };
        out.push({ ref: c.boxes.map(boxAddress).join(' '), rules: [rule] });
      });
      (ws as unknown as { conditionalFormattings: unknown }).conditionalFormattings = out;
    }
  }

  private importNames(): void {
    const model = (this.wb.definedNames as unknown as { model: { name: string; ranges: string[]; localSheetId?: number }[] }).model ?? [];
    for (const n of model) {
      if (n.localSheetId !== undefined) continue;
      const first = n.ranges[0] ?? '';
      let ws: ExcelJS.Worksheet | null = null;
      let box: Box = { top: 1, left: 1, bottom: 1, right: 1 };
      try {
        const { sheet, local } = splitSheet(first);
        ws = sheet !== undefined ? (this.sheetByName(sheet) ?? null) : null;
        box = parseBox(local);
      } catch {
        ws = null;
      }
      this.names.set(n.name.toLowerCase(), { name: n.name, ws, box, visible: true, raw: ws && n.ranges.length === 1 ? undefined : n.ranges });
    }
  }

  writeNames(): void {
    const dn = this.wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] };
    dn.model = [...this.names.values()].map((n) => ({
      name: n.name,
      ranges: n.raw ?? [n.ws && this.alive(n.ws) ? `${quoteSheet(n.ws.name)}!${boxAddress(n.box).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}` : '#REF!'],
    }));
  }

  requireApi(version: string, what: string): void {
    if (!this.isSetSupported('ExcelApi', version)) {
      fail('ApiNotFound', `${what} needs ExcelApi ${version}; this simulated host supports ExcelApi ${this.sets.get('excelapi') ?? 'none'}`);
    }
  }

  sheets(): ExcelJS.Worksheet[] {
    return this.wb.worksheets;
  }

  sheetByName(name: string): ExcelJS.Worksheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets().find((w) => w.name.toLowerCase() === lower);
  }

  alive(ws: ExcelJS.Worksheet): boolean {
    // (ExcelJS keeps its sheets by id; wb.worksheets builds a new array on every call)
    return (this.wb as unknown as { _worksheets: (ExcelJS.Worksheet | undefined)[] })._worksheets[ws.id] === ws;
  }

  active(): ExcelJS.Worksheet | undefined {
    if (this.activeWs && this.alive(this.activeWs) && this.activeWs.state === 'visible') return this.activeWs;
    this.activeWs = this.sheets().find((w) => w.state === 'visible');
    return this.activeWs;
  }

  commentAt(ws: ExcelJS.Worksheet, row: number, col: number): CommentModel | undefined {
    return this.comments.get(ws)?.get(`${row},${col}`);
  }

  addComment(ws: ExcelJS.Worksheet, row: number, col: number, content: string, authorName: string): CommentModel {
    if (this.commentAt(ws, row, col)) fail('InvalidOperation', `${ws.name}!${a1(row, col)} already has a comment`);
    if (ws.findCell(row, col)?.note !== undefined) fail('InvalidOperation', `${ws.name}!${a1(row, col)} has a note; a cell holds a note or a comment`);
    let m = this.comments.get(ws);
    if (!m) this.comments.set(ws, (m = new Map()));
    const c: CommentModel = { id: `{sim-comment-${this.nextCommentId++}}`, row, col, content, authorName, creationDate: new Date(0), resolved: false };
    m.set(`${row},${col}`, c);
    return c;
  }

  allComments(scope?: ExcelJS.Worksheet): { ws: ExcelJS.Worksheet; c: CommentModel }[] {
    const out: { ws: ExcelJS.Worksheet; c: CommentModel }[] = [];
    for (const ws of scope ? [scope] : this.sheets()) {
      const list = [...(this.comments.get(ws)?.values() ?? [])].sort((a, b) => a.row - b.row || a.col - b.col);
      for (const c of list) out.push({ ws, c });
    }
    return out;
  }

  writeViews(): void {
    const ws = this.active();
    if (!ws) return;
    const w = this.wb as unknown as { views?: Record<string, unknown>[] };
    const index = this.sheets().indexOf(ws);
    w.views = [{ ...(w.views?.[0] ?? { x: 0, y: 0, width: 10000, height: 20000, visibility: 'visible' }), activeTab: index, firstSheet: 0 }];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cells: reading and writing in Excel's terms

/** Excel's serial number for a JS date (1900 date system). */
function dateToSerial(d: Date): number {
  const serial = d.getTime() / 86400000 + 25569;
  return serial < 61 ? serial - 1 : serial;
}

type Scalar = string | number | boolean;

/** What Range.values shows for a cell: '' for empty cells and for the covered cells of a merge. */
function cellValue(cell: ExcelJS.Cell | undefined): Scalar {
  if (!cell || cell.type === ExcelJS.ValueType.Merge) return '';
  return scalarOf(cell.value);
}

function scalarOf(v: ExcelJS.CellValue | undefined): Scalar {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateToSerial(v);
  const o = v as unknown as Record<string, unknown>;
  if ('error' in o) return String(o.error);
  if ('richText' in o) return (o.richText as { text: string }[]).map((r) => r.text).join('');
  if ('formula' in o || 'sharedFormula' in o) return scalarOf(o.result as ExcelJS.CellValue);
  if ('text' in o) return scalarOf(o.text as ExcelJS.CellValue);
  return '';
}

/** What Range.formulas shows: "=…" for formula cells, the constant otherwise. */
function cellFormula(cell: ExcelJS.Cell | undefined): Scalar {
  if (!cell || cell.type === ExcelJS.ValueType.Merge) return '';
  const f = (cell as unknown as { formula?: string }).formula;
  if (f) return `=${f}`;
  return scalarOf(cell.value);
}

function isFormulaCell(cell: ExcelJS.Cell | undefined): boolean {
  return !!cell && cell.type !== ExcelJS.ValueType.Merge && !!(cell as unknown as { formula?: string }).formula;
}

/** Typing semantics of Range.values/formulas writes: '=…' is a formula, "'…" is text, numeric text is a number. */
function inputValue(v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  const s = String(v);
  if (s.startsWith("'")) return s.slice(1);
  if (s.startsWith('=') && s.length > 1) return { formula: s.slice(1) } as ExcelJS.CellFormulaValue;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s.trim())) return Number(s);
  if (/^(true|false)$/i.test(s)) return /^true$/i.test(s);
  return s;
}

function cloneStyle(style: Partial<ExcelJS.Style> | undefined): Partial<ExcelJS.Style> {
  return style ? (JSON.parse(JSON.stringify(style)) as Partial<ExcelJS.Style>) : {};
}

/**
 * ExcelJS shares one style object among the cells that had the same style in the file, so a style is never
 * changed in place: the cell gets a modified copy.
 */
function restyle(cell: ExcelJS.Cell, change: (s: Partial<ExcelJS.Style>) => void): void {
  const before = cell.style;
  const s = cloneStyle(before);
  change(s);
  cell.style = s;
  running?.undoable(() => void (cell.style = before));
}

/** The host whose sync is running its actions (for undo records made deep inside a write). */
let running: SimState | undefined;

// Fill patterns: Office.js names ↔ SpreadsheetML names.
const PATTERN_TO_EXCELJS: Record<string, string> = {
  None: 'none',
  Solid: 'solid',
  Gray50: 'mediumGray',
  Gray75: 'darkGray',
  Gray25: 'lightGray',
  Horizontal: 'darkHorizontal',
  Vertical: 'darkVertical',
  Down: 'darkDown',
  Up: 'darkUp',
  Checker: 'darkGrid',
  SemiGray75: 'darkTrellis',
  LightHorizontal: 'lightHorizontal',
  LightVertical: 'lightVertical',
  LightDown: 'lightDown',
  LightUp: 'lightUp',
  Grid: 'lightGrid',
  CrissCross: 'lightTrellis',
  Gray16: 'gray125',
  Gray8: 'gray0625',
  LinearGradient: 'linearGradient',
  RectangularGradient: 'rectangularGradient',
};
const PATTERN_FROM_EXCELJS: Record<string, string> = Object.fromEntries(Object.entries(PATTERN_TO_EXCELJS).map(([k, v]) => [v, k]));

// Office 2013+ default theme, for theme-coloured fills (approximate: tints are reported, not applied).
const THEME_COLOURS = ['FFFFFF', '000000', 'E7E6E6', '44546A', '4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47', '0563C1', '954F72'];

function colourOf(c: Partial<ExcelJS.Color> | undefined): { hex: string | null; tint: number } {
  if (!c) return { hex: null, tint: 0 };
  const tint = (c as { tint?: number }).tint ?? 0;
  if (c.argb) return { hex: `#${c.argb.slice(-6).toUpperCase()}`, tint };
  if (c.theme !== undefined) return { hex: `#${THEME_COLOURS[c.theme] ?? '000000'}`, tint };
  return { hex: null, tint };
}

function toArgb(colour: string): string {
  const named: Record<string, string> = { red: 'FF0000', yellow: 'FFFF00', white: 'FFFFFF', black: '000000', blue: '0000FF', green: '008000' };
  const c = colour.trim();
  const hex = c.startsWith('#') ? c.slice(1) : named[c.toLowerCase()] ?? c;
  if (!/^[0-9A-Fa-f]{6}$/.test(hex)) fail('InvalidArgument', `bad colour ${colour}`);
  return `FF${hex.toUpperCase()}`;
}

interface FillView {
  color: string;
  pattern: string;
  patternColor: string | null;
  tintAndShade: number;
  patternTintAndShade: number;
}

/** Excel's view of a cell's fill (no fill: white, pattern None). */
function fillView(fill: ExcelJS.Fill | undefined): FillView {
  if (!fill) return { color: '#FFFFFF', pattern: 'None', patternColor: null, tintAndShade: 0, patternTintAndShade: 0 };
  if (fill.type === 'gradient') {
    const stops = (fill as ExcelJS.FillGradientAngle).stops ?? [];
    return { color: colourOf(stops[0]?.color).hex ?? '#FFFFFF', pattern: 'LinearGradient', patternColor: null, tintAndShade: 0, patternTintAndShade: 0 };
  }
  const p = fill as ExcelJS.FillPattern;
  const pattern = PATTERN_FROM_EXCELJS[p.pattern] ?? 'None';
  if (pattern === 'None') return { color: '#FFFFFF', pattern, patternColor: null, tintAndShade: 0, patternTintAndShade: 0 };
  const fg = colourOf(p.fgColor);
  const bg = colourOf(p.bgColor);
  if (pattern === 'Solid') return { color: fg.hex ?? '#000000', pattern, patternColor: null, tintAndShade: fg.tint, patternTintAndShade: 0 };
  return { color: bg.hex ?? '#FFFFFF', pattern, patternColor: fg.hex ?? '#000000', tintAndShade: bg.tint, patternTintAndShade: fg.tint };
}

// Column widths: Office.js speaks points, ExcelJS characters (7-pixel maximum digit width, 5 pixels padding).
function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}
function pointsToChars(points: number): number {
  return Math.max(0, Math.round(((points / 0.75 - 5) / 7) * 100) / 100);
}

// ---------------------------------------------------------------------------------------------------------------
// Request context and proxies

type Action = () => void;

/** Bytes of a value as JSON in UTF-8 (how the simulator sizes requests and responses), measured by the platform's
 * own encoder (Node and the browser alike), not by the adapter's estimate it is there to check. */
const utf8 = new TextEncoder();
function jsonBytes(v: unknown): number {
  if (v === undefined) return 0;
  return utf8.encode(JSON.stringify(v) ?? '').length;
}

/** What one queued action adds to a request besides its arguments (object path, method name, ids). */
const ACTION_BYTES = 48;

class SimContext {
  readonly workbook: SimWorkbook;
  readonly trackedObjects = { add(): void {}, remove(): void {} };
  private queue: Action[] = [];
  private queuedBytes = 0;
  constructor(readonly state: SimState) {
    this.workbook = new SimWorkbook(this);
  }

  /** Queues an action; `bytes` is what its arguments add to the request. */
  enqueue(a: Action, bytes = 0): void {
    this.queue.push(a);
    this.queuedBytes += ACTION_BYTES + bytes;
  }

  async sync(): Promise<void> {
    const q = this.queue;
    const requestBytes = this.queuedBytes;
    this.queue = [];
    this.queuedBytes = 0;
    if (q.length === 0) return;
    this.state.syncs++;
    await Promise.resolve();
    const payload: SyncPayload = { requestBytes, responseBytes: 0, cells: 0 };
    this.state.payloads.push(payload);
    // Cell-edit mode: Excel refuses the whole batch (error-handling page, InvalidOperationInCellEditMode).
    if (this.state.cellEdit) fail('InvalidOperationInCellEditMode', 'The operation isn\'t available while Excel is in Edit cell mode.');
    // Request limit (resource-limits page): the request is refused before anything runs.
    if (this.state.strict && requestBytes > PAYLOAD_LIMIT) {
      fail('RequestPayloadSizeLimitExceeded', `The request payload size has exceeded the limit (${requestBytes} bytes > ${PAYLOAD_LIMIT}).`);
    }
    const injected = this.state.injected;
    this.state.injected = undefined;
    const current = { payload, undo: [] as UndoStep | null };
    this.state.current = current;
    running = this.state;
    try {
      for (const [i, a] of q.entries()) {
        if (injected && i === injected.after) throw injected.error;
        try {
          a();
        } catch (e) {
          if (e instanceof SimulatorError) throw e;
          throw new SimulatorError('GeneralException', e instanceof Error ? e.message : String(e));
        }
      }
      if (injected) throw injected.error;
    } finally {
      this.state.current = undefined;
      running = undefined;
      if (current.undo?.length) this.state.undoStack.push(current.undo);
    }
    // Response limit (same page): the results do not reach the add-in (writes already made stay made, as in any
    // failed batch — the simulator's assumption; the adapter never mixes large reads with writes).
    if (this.state.strict && payload.responseBytes > PAYLOAD_LIMIT) {
      fail('ResponsePayloadSizeLimitExceeded', `The response payload size has exceeded the limit (${payload.responseBytes} bytes > ${PAYLOAD_LIMIT}).`);
    }
  }
}

/** Load spec → property paths ('format/fill/color'). */
function loadPaths(spec: unknown): string[] | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (typeof spec === 'string') return spec.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap((s) => loadPaths(s) ?? []);
  if (typeof spec === 'object') {
    const o = spec as Record<string, unknown>;
    if ('select' in o || 'expand' in o) return [...(loadPaths(o.select) ?? []), ...(loadPaths(o.expand) ?? [])];
    const out: string[] = [];
    for (const [k, v] of Object.entries(o)) {
      if (k.startsWith('$')) continue;
      if (v === true) out.push(k);
      else if (v && typeof v === 'object') for (const p of loadPaths(v) ?? []) out.push(`${k}/${p}`);
    }
    return out;
  }
  fail('InvalidArgument', 'bad load argument');
}

abstract class SimObject<T> {
  private _resolved: T | null | undefined;
  protected readonly loadedProps = new Map<string, unknown>();
  private nullState: boolean | undefined;

  constructor(
    readonly context: SimContext,
    private readonly resolver: () => T | null,
  ) {}

  protected get state(): SimState {
    return this.context.state;
  }

  /** The object this proxy stands for, resolved once, at the first action that needs it. */
  resolve(): T | null {
    if (this._resolved === undefined) this._resolved = this.resolver();
    if (this._resolved !== null && !this.stillValid(this._resolved)) fail('ItemNotFound', `${this.typeName} no longer exists`);
    return this._resolved;
  }

  protected stillValid(_t: T): boolean {
    return true;
  }

  must(where: string): T {
    const t = this.resolve();
    if (t === null) fail('ItemNotFound', `${this.typeName}.${where}: the object does not exist (null object)`, `${this.typeName}.${where}`);
    return t;
  }

  abstract readonly typeName: string;
  /** Scalar properties a bare load() loads. */
  protected abstract readonly scalarProps: string[];
  protected abstract readProp(t: T, name: string): unknown;
  protected navProp(_name: string): SimObject<unknown> | undefined {
    return undefined;
  }
  protected writeProp(_t: T, name: string, _value: unknown): void {
    fail('InvalidArgument', `${this.typeName}.${name} is read-only`);
  }
  /** ExcelApi version a property needs (checked at load/set time, like the library's client-side check). */
  protected propVersion(_name: string): string | undefined {
    return undefined;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) fail('PropertyNotLoaded', `${this.typeName}.isNullObject is not loaded: call load() and context.sync() first`);
    return this.nullState;
  }

  load(spec?: unknown): this {
    const paths = loadPaths(spec);
    for (const p of paths ?? []) {
      const v = this.propVersion(p.split('/')[0]);
      if (v) this.state.requireApi(v, `${this.typeName}.${p}`);
    }
    this.context.enqueue(() => this.loadNow(paths), jsonBytes(paths ?? ''));
    return this;
  }

  /** Runs a load inside a sync (also used for navigation paths from a parent's load). */
  loadNow(paths: string[] | undefined): void {
    const t = this.resolve();
    this.nullState = t === null;
    if (t === null) return;
    for (const p of paths ?? this.scalarProps) {
      const slash = p.indexOf('/');
      if (slash >= 0) {
        const nav = this.navProp(p.slice(0, slash));
        if (!nav) fail('InvalidArgument', `${this.typeName} has no navigation property ${p.slice(0, slash)}`);
        nav.loadNow([p.slice(slash + 1)]);
        continue;
      }
      const nav = this.navProp(p);
      if (nav) {
        nav.loadNow(undefined);
        continue;
      }
      const v = this.readProp(t, p);
      this.state.respond(v, Array.isArray(v) && Array.isArray(v[0]) ? v.length * (v[0] as unknown[]).length : 0);
      this.loadedProps.set(p, v);
    }
  }

  protected get<V>(name: string): V {
    if (this.nullState === true) return undefined as V;
    if (!this.loadedProps.has(name)) {
      fail('PropertyNotLoaded', `The property '${name}' of ${this.typeName} is not available. Before reading it, call load() and context.sync().`);
    }
    return this.loadedProps.get(name) as V;
  }

  protected set(name: string, value: unknown): void {
    const v = this.propVersion(name);
    if (v) this.state.requireApi(v, `${this.typeName}.${name}`);
    this.loadedProps.set(name, value);
    this.context.enqueue(() => {
      const t = this.resolve();
      if (t === null) {
        this.state.fromNull(`${this.typeName}.${name}`);
        return;
      }
      this.state.assertWritable(this.sheetOf(t), `${this.typeName}.${name}`);
      this.writeProp(t, name, value);
    }, jsonBytes(value));
  }

  /** The sheet a write lands on (for protection). */
  protected sheetOf(t: T): ExcelJS.Worksheet | undefined {
    const ws = (t as unknown as { ws?: ExcelJS.Worksheet } | null)?.ws;
    return ws ?? undefined;
  }

  /** A method call: queued; on a null object nothing happens (strict mode: an error); `write` checks protection. */
  protected act(where: string, f: (t: T) => void, args: unknown = '', write = true): void {
    this.context.enqueue(() => {
      const t = this.resolve();
      if (t === null) {
        this.state.fromNull(`${this.typeName}.${where}`);
        return;
      }
      if (write) this.state.assertWritable(this.sheetOf(t), `${this.typeName}.${where}`);
      f(t);
    }, jsonBytes(args));
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loadedProps);
  }
}

class SimResult<V> {
  private loaded = false;
  private v: V | undefined;
  set(v: V, state?: SimState): void {
    this.loaded = true;
    this.v = v;
    state?.respond(v, Array.isArray(v) && Array.isArray(v[0]) ? v.length * (v[0] as unknown[]).length : 0);
  }
  get value(): V {
    if (!this.loaded) fail('PropertyNotLoaded', 'ClientResult.value is not available before context.sync()');
    return this.v as V;
  }
}

abstract class SimCollection<T, P extends SimObject<T>> {
  private loadedItems: P[] | undefined;
  constructor(readonly context: SimContext) {}
  protected get state(): SimState {
    return this.context.state;
  }
  abstract readonly typeName: string;
  protected abstract list(): T[] | null;
  /** A proxy for an item; `at` resolves it (at its first action). */
  protected abstract item(at: () => T | null): P;

  get items(): P[] {
    if (!this.loadedItems) fail('PropertyNotLoaded', `${this.typeName}.items is not loaded: call load() and context.sync() first`);
    return this.loadedItems;
  }

  load(spec?: unknown): this {
    const paths = loadPaths(spec);
    this.context.enqueue(() => {
      const list = this.list();
      this.loadedItems = (list ?? []).map((t) => this.item(() => t));
      const itemPaths = paths
        ?.map((p) => (p === 'items' ? '' : p.startsWith('items/') ? p.slice(6) : p))
        .filter((p) => p !== '');
      for (const it of this.loadedItems) it.loadNow(itemPaths && itemPaths.length ? itemPaths : undefined);
    });
    return this;
  }

  getCount(): SimResult<number> {
    this.state.requireApi('1.4', `${this.typeName}.getCount`);
    const r = new SimResult<number>();
    this.context.enqueue(() => r.set((this.list() ?? []).length));
    return r;
  }

  getItemAt(index: number): P {
    return this.item(() => {
      const list = this.list();
      if (list === null) return null;
      if (index < 0 || index >= list.length) fail('ItemNotFound', `${this.typeName}.getItemAt(${index}): no such item`);
      return list[index];
    });
  }

  toJSON(): Record<string, unknown> {
    return { items: (this.loadedItems ?? []).map((i) => i.toJSON()) };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Workbook and worksheets

class SimWorkbook extends SimObject<ExcelJS.Workbook> {
  readonly typeName = 'Workbook';
  protected readonly scalarProps = ['name'];
  readonly worksheets: SimWorksheetCollection;
  constructor(context: SimContext) {
    super(context, () => context.state.wb);
    this.worksheets = new SimWorksheetCollection(context);
  }
  protected propVersion(name: string): string | undefined {
    return name === 'name' ? '1.7' : undefined;
  }
  protected readProp(_t: ExcelJS.Workbook, name: string): unknown {
    if (name === 'name') return this.state.docName;
    fail('InvalidArgument', `Workbook has no property ${name}`);
  }
  get name(): string {
    return this.get('name');
  }
  private _names?: SimNamedItemCollection;
  get names(): SimNamedItemCollection {
    return (this._names ??= new SimNamedItemCollection(this.context));
  }
  private _notes?: SimNoteCollection;
  private _comments?: SimCommentCollection;
  get notes(): SimNoteCollection {
    if (this.state.absent('1.18')) return undefined as unknown as SimNoteCollection;
    this.state.requireApi('1.18', 'Workbook.notes');
    return (this._notes ??= new SimNoteCollection(this.context, undefined));
  }
  get comments(): SimCommentCollection {
    this.state.requireApi('1.10', 'Workbook.comments');
    return (this._comments ??= new SimCommentCollection(this.context, undefined));
  }
  getSelectedRange(): SimRange {
    return new SimRange(this.context, () => {
      const sel = this.state.selection;
      if (sel && this.state.alive(sel.ws)) return { ws: sel.ws, box: parseBox(sel.address) };
      const ws = this.state.active();
      if (!ws) fail('ItemNotFound', 'no active sheet');
      return { ws, box: { top: 1, left: 1, bottom: 1, right: 1 } };
    });
  }
  getActiveCell(): SimRange {
    const r = this.getSelectedRange();
    return new SimRange(this.context, () => {
      const t = r.must('getActiveCell');
      return { ws: t.ws, box: { top: t.box.top, left: t.box.left, bottom: t.box.top, right: t.box.left } };
    });
  }
}

class SimWorksheetCollection extends SimCollection<ExcelJS.Worksheet, SimWorksheet> {
  readonly typeName = 'WorksheetCollection';
  protected list(): ExcelJS.Worksheet[] {
    return this.state.sheets();
  }
  protected item(at: () => ExcelJS.Worksheet | null): SimWorksheet {
    return new SimWorksheet(this.context, at);
  }
  getItem(key: string): SimWorksheet {
    return new SimWorksheet(this.context, () => this.state.sheetByName(key) ?? fail('ItemNotFound', `The requested worksheet ${key} does not exist.`, 'WorksheetCollection.getItem'));
  }
  getItemOrNullObject(key: string): SimWorksheet {
    this.state.requireApi('1.4', 'WorksheetCollection.getItemOrNullObject');
    return new SimWorksheet(this.context, () => this.state.sheetByName(key) ?? null);
  }
  getActiveWorksheet(): SimWorksheet {
    return new SimWorksheet(this.context, () => this.state.active() ?? fail('ItemNotFound', 'no active worksheet'));
  }
  getFirst(visibleOnly?: boolean): SimWorksheet {
    this.state.requireApi('1.5', 'WorksheetCollection.getFirst');
    return new SimWorksheet(this.context, () => this.state.sheets().find((w) => !visibleOnly || w.state === 'visible') ?? fail('ItemNotFound', 'no worksheet'));
  }
  getLast(visibleOnly?: boolean): SimWorksheet {
    this.state.requireApi('1.5', 'WorksheetCollection.getLast');
    return new SimWorksheet(this.context, () => [...this.state.sheets()].reverse().find((w) => !visibleOnly || w.state === 'visible') ?? fail('ItemNotFound', 'no worksheet'));
  }
  add(name?: string): SimWorksheet {
    let created: ExcelJS.Worksheet | undefined;
    this.context.enqueue(() => {
      const sheets = this.state.sheets();
      let n = name;
      if (n === undefined || n === '') {
        let i = sheets.length + 1;
        while (this.state.sheetByName(`Sheet${i}`)) i++;
        n = `Sheet${i}`;
      }
      if (n.length > 31 || /[\\/?*[\]:]/.test(n) || /^'|'$/.test(n) || n.toLowerCase() === 'history') {
        fail('InvalidArgument', `bad worksheet name ${n}`);
      }
      if (this.state.sheetByName(n)) fail('ItemAlreadyExists', `A worksheet named ${n} already exists.`, 'WorksheetCollection.add');
      created = this.state.wb.addWorksheet(n);
      this.state.cfList(created);
      this.state.structural();
    });
    return new SimWorksheet(this.context, () => created ?? fail('ItemNotFound', 'the worksheet was not added'));
  }
}

const VISIBILITY_TO_STATE: Record<string, ExcelJS.WorksheetState> = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' };
const STATE_TO_VISIBILITY: Record<string, string> = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' };

class SimWorksheet extends SimObject<ExcelJS.Worksheet> {
  readonly typeName = 'Worksheet';
  protected readonly scalarProps = ['name', 'id', 'position', 'visibility'];
  protected navProp(name: string): SimObject<unknown> | undefined {
    return name === 'protection' ? (this.protection as unknown as SimObject<unknown>) : undefined;
  }

  protected stillValid(ws: ExcelJS.Worksheet): boolean {
    return this.state.alive(ws);
  }
  protected readProp(ws: ExcelJS.Worksheet, name: string): unknown {
    switch (name) {
      case 'name':
        return ws.name;
      case 'id':
        return `{sim-sheet-${ws.id}}`;
      case 'position':
        return this.state.sheets().indexOf(ws);
      case 'visibility':
        return STATE_TO_VISIBILITY[ws.state ?? 'visible'] ?? 'Visible';
      case 'tabColor':
        return '';
    }
    fail('InvalidArgument', `Worksheet has no property ${name}`);
  }
  protected writeProp(ws: ExcelJS.Worksheet, name: string, value: unknown): void {
    if (name === 'name') {
      const n = String(value);
      const other = this.state.sheetByName(n);
      if (other && other !== ws) fail('ItemAlreadyExists', `A worksheet named ${n} already exists.`);
      ws.name = n;
      return;
    }
    if (name === 'position') {
      // Worksheet.position (ExcelApi 1.1, read/write): "The zero-based position of the worksheet within the workbook."
      //   https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-position-member
      const order = this.state.sheets().filter((w) => w !== ws);
      const at = Number(value);
      if (!Number.isInteger(at) || at < 0 || at > order.length) fail('InvalidArgument', `bad worksheet position ${String(value)}`);
      order.splice(at, 0, ws);
      order.forEach((w, i) => void ((w as unknown as { orderNo: number }).orderNo = i));
      this.state.structural();
      return;
    }
    if (name === 'visibility') {
      const st = VISIBILITY_TO_STATE[String(value)];
      if (!st) fail('InvalidArgument', `bad visibility ${String(value)}`);
      if (st !== 'visible' && ws.state === 'visible' && this.state.sheets().filter((w) => w.state === 'visible').length === 1) {
        fail('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      }
      if (ws.state !== st) this.state.structural();
      ws.state = st;
      return;
    }
    super.writeProp(ws, name, value);
  }

  get name(): string {
    return this.get('name');
  }
  set name(v: string) {
    this.set('name', v);
  }
  get id(): string {
    return this.get('id');
  }
  get position(): number {
    return this.get('position');
  }
  set position(v: number) {
    this.set('position', v);
  }
  get visibility(): string {
    return this.get('visibility');
  }
  set visibility(v: string) {
    this.set('visibility', v);
  }

  private range(box: () => Box): SimRange {
    return new SimRange(this.context, () => {
      const ws = this.resolve();
      return ws === null ? this.state.fromNull('Worksheet.getRange') : { ws, box: box() };
    });
  }

  getRange(address?: string): SimRange {
    return this.range(() => {
      if (address === undefined || address === '') return { top: 1, left: 1, bottom: MAX_ROW, right: MAX_COL };
      const { sheet, local } = splitSheet(address);
      if (sheet !== undefined && sheet.toLowerCase() !== this.resolve()?.name.toLowerCase()) fail('InvalidArgument', `address ${address} is on another sheet`);
      return parseBox(local);
    });
  }
  /** "A1:B2,D4" → RangeAreas (ExcelApi 1.9). */
  getRanges(address: string): SimRangeAreas {
    this.state.requireApi('1.9', 'Worksheet.getRanges');
    return new SimRangeAreas(this.context, () => {
      const ws = this.resolve();
      if (ws === null) return this.state.fromNull('Worksheet.getRanges');
      const boxes = address.split(',').map((part) => {
        const { sheet, local } = splitSheet(part);
        if (sheet !== undefined && sheet.toLowerCase() !== ws.name.toLowerCase()) fail('InvalidArgument', `address ${part} is on another sheet`);
        return parseBox(local);
      });
      return { ws, boxes };
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): SimRange {
    this.state.requireApi('1.7', 'Worksheet.getRangeByIndexes');
    return this.range(() => ({ top: startRow + 1, left: startColumn + 1, bottom: startRow + rowCount, right: startColumn + columnCount }));
  }
  getCell(row: number, column: number): SimRange {
    return this.range(() => ({ top: row + 1, left: column + 1, bottom: row + 1, right: column + 1 }));
  }
  getUsedRange(valuesOnly?: boolean): SimRange {
    return new SimRange(this.context, () => {
      const ws = this.resolve();
      if (ws === null) return this.state.fromNull('Worksheet.getUsedRange');
      return { ws, box: usedBox(ws, !!valuesOnly) ?? { top: 1, left: 1, bottom: 1, right: 1 } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): SimRange {
    this.state.requireApi('1.4', 'Worksheet.getUsedRangeOrNullObject');
    return new SimRange(this.context, () => {
      const ws = this.resolve();
      if (ws === null) return this.state.fromNull('Worksheet.getUsedRange');
      const box = usedBox(ws, !!valuesOnly);
      return box ? { ws, box } : null;
    });
  }
  private sibling(step: 1 | -1, visibleOnly: boolean | undefined, orNull: boolean): SimWorksheet {
    this.state.requireApi('1.5', step > 0 ? 'Worksheet.getNext' : 'Worksheet.getPrevious');
    return new SimWorksheet(this.context, () => {
      const ws = this.resolve();
      if (ws === null) return this.state.fromNull('Worksheet.getNext/getPrevious');
      const sheets = this.state.sheets();
      for (let i = sheets.indexOf(ws) + step; i >= 0 && i < sheets.length; i += step) {
        if (!visibleOnly || sheets[i].state === 'visible') return sheets[i];
      }
      return orNull ? null : fail('ItemNotFound', 'no such worksheet');
    });
  }
  getNext(visibleOnly?: boolean): SimWorksheet {
    return this.sibling(1, visibleOnly, false);
  }
  getNextOrNullObject(visibleOnly?: boolean): SimWorksheet {
    return this.sibling(1, visibleOnly, true);
  }
  getPrevious(visibleOnly?: boolean): SimWorksheet {
    return this.sibling(-1, visibleOnly, false);
  }
  getPreviousOrNullObject(visibleOnly?: boolean): SimWorksheet {
    return this.sibling(-1, visibleOnly, true);
  }
  activate(): void {
    this.act('activate', (ws) => {
      if (ws.state !== 'visible') fail('InvalidOperation', 'A hidden worksheet cannot be activated.');
      this.state.activeWs = ws;
    });
  }
  delete(): void {
    this.act('delete', (ws) => {
      // Excel refuses to delete a very hidden sheet (make it hidden first), and keeps one visible sheet.
      if (ws.state === 'veryHidden') fail('GeneralException', 'There was an internal error while processing the request.', 'Worksheet.delete');
      if (ws.state === 'visible' && this.state.sheets().filter((w) => w.state === 'visible').length === 1) {
        fail('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      }
      this.state.comments.delete(ws);
      if (this.state.selection?.ws === ws) this.state.selection = undefined;
      this.state.protectedSheets.delete(ws);
      this.state.wb.removeWorksheet(ws.id);
      this.state.structural();
    });
  }
  private _notes?: SimNoteCollection;
  private _comments?: SimCommentCollection;
  private _freeze?: { freezeRows(n?: number): void; unfreeze(): void };
  get notes(): SimNoteCollection {
    // The loaded office.js may not have notes at all (npm @microsoft/office-js 1.1.110): the property is undefined.
    if (this.state.absent('1.18')) return undefined as unknown as SimNoteCollection;
    this.state.requireApi('1.18', 'Worksheet.notes');
    return (this._notes ??= new SimNoteCollection(this.context, () => this.resolve()));
  }
  get comments(): SimCommentCollection {
    this.state.requireApi('1.10', 'Worksheet.comments');
    return (this._comments ??= new SimCommentCollection(this.context, () => this.resolve()));
  }
  private _protection?: SimWorksheetProtection;
  get protection(): SimWorksheetProtection {
    this.state.requireApi('1.2', 'Worksheet.protection');
    return (this._protection ??= new SimWorksheetProtection(this.context, () => this.resolve()));
  }
  private _pageLayout?: SimPageLayout;
  /**
   * Worksheet.pageLayout (ExcelApi 1.9): orientation, paperSize, zoom and setPrintTitleRows, kept in the ExcelJS
   * sheet's pageSetup / print titles so an exported workbook carries them.
   *   https://learn.microsoft.com/javascript/api/excel/excel.pagelayout
   */
  get pageLayout(): SimPageLayout {
    if (this.state.absent('1.9')) return undefined as unknown as SimPageLayout;
    this.state.requireApi('1.9', 'Worksheet.pageLayout');
    return (this._pageLayout ??= new SimPageLayout(this.context, () => this.resolve()));
  }
  get freezePanes(): { freezeRows(n?: number): void; unfreeze(): void } {
    this.state.requireApi('1.7', 'Worksheet.freezePanes');
    return (this._freeze ??= {
      freezeRows: (n = 1) => this.act('freezePanes.freezeRows', (ws) => void (ws.views = [{ state: 'frozen', ySplit: n }])),
      unfreeze: () => this.act('freezePanes.unfreeze', (ws) => void (ws.views = [])),
    });
  }
}

/** PageLayout (ExcelApi 1.9) of a worksheet: the subset the adapter writes. */
class SimPageLayout extends SimObject<ExcelJS.Worksheet> {
  readonly typeName = 'PageLayout';
  protected readonly scalarProps = ['orientation', 'paperSize', 'zoom', 'printGridlines'];
  protected readProp(ws: ExcelJS.Worksheet, name: string): unknown {
    const ps = ws.pageSetup;
    switch (name) {
      case 'orientation':
        return ps.orientation === 'landscape' ? 'Landscape' : 'Portrait';
      case 'paperSize':
        return ps.paperSize === 9 ? 'A4' : 'Letter';
      case 'zoom':
        return ps.fitToPage ? { horizontalFitToPages: ps.fitToWidth ?? 1, verticalFitToPages: ps.fitToHeight ?? 1 } : { scale: ps.scale ?? 100 };
      case 'printGridlines':
        return !!ps.showGridLines;
    }
    fail('InvalidArgument', `PageLayout has no property ${name}`);
  }
  protected writeProp(ws: ExcelJS.Worksheet, name: string, value: unknown): void {
    const ps = ws.pageSetup;
    switch (name) {
      case 'orientation':
        if (value !== 'Landscape' && value !== 'Portrait') fail('InvalidArgument', `bad orientation ${String(value)}`);
        ps.orientation = value === 'Landscape' ? 'landscape' : 'portrait';
        return;
      case 'paperSize':
        if (value !== 'A4' && value !== 'Letter') fail('InvalidArgument', `the simulator models paperSize A4 and Letter only, not ${String(value)}`);
        ps.paperSize = value === 'A4' ? 9 : undefined;
        return;
      case 'zoom': {
        // PageLayoutZoomOptions: scale, or horizontalFitToPages / verticalFitToPages (0 = automatic).
        const z = (value ?? {}) as Excel.PageLayoutZoomOptions;
        if (z.scale !== undefined && (z.horizontalFitToPages !== undefined || z.verticalFitToPages !== undefined)) fail('InvalidArgument', 'zoom: scale and fit-to-pages together');
        if (z.scale !== undefined) {
          ps.fitToPage = false;
          ps.scale = Number(z.scale);
        } else {
          ps.fitToPage = true;
          ps.fitToWidth = Number(z.horizontalFitToPages ?? 0);
          ps.fitToHeight = Number(z.verticalFitToPages ?? 0);
        }
        return;
      }
      case 'printGridlines':
        ps.showGridLines = !!value;
        return;
    }
    super.writeProp(ws, name, value);
  }
  get orientation(): string {
    return this.get('orientation');
  }
  set orientation(v: string) {
    this.set('orientation', v);
  }
  get paperSize(): string {
    return this.get('paperSize');
  }
  set paperSize(v: string) {
    this.set('paperSize', v);
  }
  get zoom(): Excel.PageLayoutZoomOptions {
    return this.get('zoom');
  }
  set zoom(v: Excel.PageLayoutZoomOptions) {
    this.set('zoom', v);
  }
  get printGridlines(): boolean {
    return this.get('printGridlines');
  }
  set printGridlines(v: boolean) {
    this.set('printGridlines', v);
  }
  /** setPrintTitleRows("$1:$1"): rows repeated at the top of every printed page. */
  setPrintTitleRows(rows: string | SimRange): void {
    if (typeof rows !== 'string') fail('InvalidArgument', 'the simulator takes setPrintTitleRows as an address');
    const m = /^\$?(\d+):\$?(\d+)$/.exec(rows.trim());
    if (!m) fail('InvalidArgument', `setPrintTitleRows: not a row range: ${rows}`);
    this.act('setPrintTitleRows', (ws) => void (ws.pageSetup.printTitlesRow = `${m[1]}:${m[2]}`), rows);
  }
  getPrintTitleRowsOrNullObject(): { address: string | null } {
    const ws = this.must('getPrintTitleRowsOrNullObject');
    return { address: ws.pageSetup.printTitlesRow ?? null };
  }
}

/** Used range: cells with a value (valuesOnly) or any cell present in the model (formatted ones too). */
function usedBox(ws: ExcelJS.Worksheet, valuesOnly: boolean): Box | undefined {
  let box: Box | undefined;
  const rows = (ws as unknown as { _rows: (ExcelJS.Row | undefined)[] })._rows;
  rows.forEach((row, ri) => {
    if (!row) return;
    const cells = (row as unknown as { _cells: (ExcelJS.Cell | undefined)[] })._cells;
    cells.forEach((cell, ci) => {
      if (!cell) return;
      if (valuesOnly && (cell.type === ExcelJS.ValueType.Merge || cellValue(cell) === '') && !isFormulaCell(cell)) return;
      const r = ri + 1;
      const c = ci + 1;
      if (!box) box = { top: r, left: c, bottom: r, right: c };
      else {
        box.top = Math.min(box.top, r);
        box.left = Math.min(box.left, c);
        box.bottom = Math.max(box.bottom, r);
        box.right = Math.max(box.right, c);
      }
    });
  });
  return box;
}

function mergesOf(ws: ExcelJS.Worksheet): Box[] {
  const merges = (ws as unknown as { _merges: Record<string, { model: Box }> })._merges;
  return Object.values(merges).map((m) => ({ top: m.model.top, left: m.model.left, bottom: m.model.bottom, right: m.model.right }));
}

// ---------------------------------------------------------------------------------------------------------------
// Ranges

interface RangeTarget {
  ws: ExcelJS.Worksheet;
  box: Box;
}

const BIG = 200000;

/**
 * The cells of a range, for writing: every cell (created when missing) of a bounded range; only the cells that
 * exist for whole rows or columns (Excel would format the row or column itself; the simulator need not).
 */
function cellsOf(t: RangeTarget, create: boolean): ExcelJS.Cell[] {
  const { box, ws } = t;
  const out: ExcelJS.Cell[] = [];
  const n = (box.bottom - box.top + 1) * (box.right - box.left + 1);
  if (create && n <= BIG) {
    for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) out.push(ws.getCell(r, c));
    return out;
  }
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (r < box.top || r > box.bottom) return;
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      if (c >= box.left && c <= box.right) out.push(cell);
    });
  });
  return out;
}

function matrix<V>(t: RangeTarget, f: (cell: ExcelJS.Cell | undefined, r: number, c: number) => V): V[][] {
  const { box, ws } = t;
  // Resource limits page: "A range is limited to five million cells for get operations."
  if ((box.bottom - box.top + 1) * (box.right - box.left + 1) > CELL_READ_LIMIT) fail('ResponsePayloadSizeLimitExceeded', `A range read is limited to ${CELL_READ_LIMIT} cells.`);
  const out: V[][] = [];
  for (let r = box.top; r <= box.bottom; r++) {
    const row: V[] = [];
    for (let c = box.left; c <= box.right; c++) row.push(f(ws.findCell(r, c), r, c));
    out.push(row);
  }
  return out;
}

function uniform<V>(values: V[]): V | null {
  if (values.length === 0) return null;
  const first = JSON.stringify(values[0]);
  return values.every((v) => JSON.stringify(v) === first) ? values[0] : null;
}

class SimRange extends SimObject<RangeTarget> {
  readonly typeName = 'Range';
  protected readonly scalarProps = ['address', 'addressLocal', 'values', 'formulas', 'numberFormat', 'text', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'cellCount'];

  protected stillValid(t: RangeTarget): boolean {
    return this.state.alive(t.ws);
  }
  protected propVersion(name: string): string | undefined {
    return name === 'hyperlink' ? '1.7' : undefined;
  }
  protected navProp(name: string): SimObject<unknown> | undefined {
    if (name === 'format') return this.format as unknown as SimObject<unknown>;
    if (name === 'worksheet') return this.worksheet as unknown as SimObject<unknown>;
    return undefined;
  }
  protected readProp(t: RangeTarget, name: string): unknown {
    const { box, ws } = t;
    switch (name) {
      case 'address':
      case 'addressLocal':
        return `${quoteSheet(ws.name)}!${boxAddress(box)}`;
      case 'values':
        return matrix(t, (cell) => cellValue(cell));
      case 'formulas':
        return matrix(t, (cell) => cellFormula(cell));
      case 'numberFormat':
        return matrix(t, (cell) => (cell && cell.numFmt ? cell.numFmt : 'General'));
      case 'text':
        return matrix(t, (cell) => (cell && cell.type !== ExcelJS.ValueType.Merge ? cell.text ?? '' : ''));
      case 'rowIndex':
        return box.top - 1;
      case 'columnIndex':
        return box.left - 1;
      case 'rowCount':
        return box.bottom - box.top + 1;
      case 'columnCount':
        return box.right - box.left + 1;
      case 'cellCount':
        return (box.bottom - box.top + 1) * (box.right - box.left + 1);
      case 'hyperlink': {
        const v = ws.findCell(box.top, box.left)?.value as { hyperlink?: string; text?: string } | null | undefined;
        if (!v || typeof v !== 'object' || !v.hyperlink) return null;
        return v.hyperlink.startsWith('#')
          ? { documentReference: v.hyperlink.slice(1), textToDisplay: v.text }
          : { address: v.hyperlink, textToDisplay: v.text };
      }
    }
    fail('InvalidArgument', `Range has no property ${name}`);
  }
  protected writeProp(t: RangeTarget, name: string, value: unknown): void {
    const { box, ws } = t;
    const rows = box.bottom - box.top + 1;
    const cols = box.right - box.left + 1;
    const each = (f: (cell: ExcelJS.Cell, v: unknown) => void) => {
      if (Array.isArray(value)) {
        const m = value as unknown[][];
        if (m.length !== rows || m.some((r) => !Array.isArray(r) || r.length !== cols)) {
          fail('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols}).`);
        }
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) f(ws.getCell(box.top + r, box.left + c), m[r][c]);
      } else {
        for (const cell of cellsOf(t, true)) f(cell, value);
      }
    };
    switch (name) {
      case 'values':
      case 'formulas':
        each((cell, v) => {
          if (v === null || v === undefined) return; // null leaves the cell as it is
          if (cell.type === ExcelJS.ValueType.Merge) {
            if (v === '') return;
            fail('InvalidOperation', `${ws.name}!${cell.address} is covered by a merged cell`);
          }
          const before = cell.value;
          cell.value = inputValue(v);
          this.state.undoable(() => void (cell.value = before));
        });
        return;
      case 'numberFormat':
        each((cell, v) => {
          if (v === null || v === undefined) return;
          restyle(cell, (s) => {
            if (v === 'General') delete s.numFmt;
            else s.numFmt = String(v);
          });
        });
        return;
      case 'hyperlink': {
        const h = value as Excel.RangeHyperlink | null;
        const cell = ws.getCell(box.top, box.left);
        if (!h) {
          cell.value = scalarOf(cell.value) === '' ? null : (scalarOf(cell.value) as ExcelJS.CellValue);
          return;
        }
        const link = h.address ?? (h.documentReference ? `#${h.documentReference}` : undefined);
        if (!link) fail('InvalidArgument', 'a hyperlink needs an address or a documentReference');
        const text = h.textToDisplay ?? String(scalarOf(cell.value) || h.address || h.documentReference);
        cell.value = { text, hyperlink: link, ...(h.screenTip ? { tooltip: h.screenTip } : {}) } as ExcelJS.CellHyperlinkValue;
        return;
      }
    }
    super.writeProp(t, name, value);
  }

  get address(): string {
    return this.get('address');
  }
  get addressLocal(): string {
    return this.get('addressLocal');
  }
  get values(): Scalar[][] {
    return this.get('values');
  }
  set values(v: Scalar[][]) {
    this.set('values', v);
  }
  get formulas(): Scalar[][] {
    return this.get('formulas');
  }
  set formulas(v: Scalar[][]) {
    this.set('formulas', v);
  }
  get numberFormat(): string[][] {
    return this.get('numberFormat');
  }
  set numberFormat(v: string[][]) {
    this.set('numberFormat', v);
  }
  get text(): string[][] {
    return this.get('text');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }
  get cellCount(): number {
    return this.get('cellCount');
  }
  get hyperlink(): Excel.RangeHyperlink {
    return this.get('hyperlink');
  }
  set hyperlink(v: Excel.RangeHyperlink) {
    this.set('hyperlink', v);
  }

  private _format?: SimRangeFormat;
  get format(): SimRangeFormat {
    return (this._format ??= new SimRangeFormat(this.context, () => this.resolve()));
  }
  private _worksheet?: SimWorksheet;
  get worksheet(): SimWorksheet {
    return (this._worksheet ??= new SimWorksheet(this.context, () => {
      const t = this.resolve();
      return t === null ? this.state.fromNull('Range.worksheet') : t.ws;
    }));
  }

  /** Relative cell (0-based), as Range.getCell. */
  getCell(row: number, column: number): SimRange {
    return new SimRange(this.context, () => {
      const t = this.resolve();
      if (t === null) return this.state.fromNull(this.typeName);
      const r = t.box.top + row;
      const c = t.box.left + column;
      return { ws: t.ws, box: { top: r, left: c, bottom: r, right: c } };
    });
  }

  getCellProperties(options: Excel.CellPropertiesLoadOptions): SimResult<Record<string, unknown>[][]> {
    this.state.requireApi('1.9', 'Range.getCellProperties');
    const result = new SimResult<Record<string, unknown>[][]>();
    this.context.enqueue(() => {
      const t = this.resolve();
      if (t === null) {
        this.state.fromNull('Range.getCellProperties');
        result.set(undefined as unknown as Record<string, unknown>[][]);
        return;
      }
      result.set(
        matrix(t, (cell, r, c) => {
          const out: Record<string, unknown> = {};
          if (options.address) out.address = `${quoteSheet(t.ws.name)}!${a1(r, c)}`;
          if (options.format) {
            const fmt: Record<string, unknown> = {};
            const fo = options.format as Record<string, unknown>;
            if (fo.fill) {
              const view = fillView(cell?.fill);
              const want = fo.fill === true ? { color: true, pattern: true, patternColor: true, tintAndShade: true, patternTintAndShade: true } : (fo.fill as Record<string, boolean>);
              fmt.fill = Object.fromEntries(Object.keys(want).filter((k) => want[k]).map((k) => [k, view[k as keyof FillView]]));
            }
            if (fo.font) {
              const f = cell?.font ?? {};
              fmt.font = { bold: !!f.bold, italic: !!f.italic, color: colourOf(f.color).hex ?? '#000000', name: f.name ?? 'Calibri', size: f.size ?? 11 };
            }
            if (fo.wrapText) fmt.wrapText = !!cell?.alignment?.wrapText;
            out.format = fmt;
          }
          if (options.hyperlink) {
            const v = cell?.value as { hyperlink?: string } | undefined;
            out.hyperlink = v && typeof v === 'object' && v.hyperlink ? { address: v.hyperlink } : undefined;
          }
          return out;
        }),
        this.state,
      );
    });
    return result;
  }

  private _cfs?: SimConditionalFormatCollection;
  /** Conditional formats intersecting the range (ExcelApi 1.6). */
  get conditionalFormats(): SimConditionalFormatCollection {
    this.state.requireApi('1.6', 'Range.conditionalFormats');
    return (this._cfs ??= new SimConditionalFormatCollection(this.context, () => {
      const t = this.resolve();
      return t === null ? null : { ws: t.ws, boxes: [t.box] };
    }));
  }

  /** Cells of a type (ExcelApi 1.9): 'Formulas' (and 'Constants') as row runs; null when there are none. */
  getSpecialCellsOrNullObject(cellType: string, _valueType?: string): SimRangeAreas {
    this.state.requireApi('1.9', 'Range.getSpecialCellsOrNullObject');
    return new SimRangeAreas(this.context, () => {
      const t = this.resolve();
      if (t === null) return this.state.fromNull('Range.getSpecialCellsOrNullObject');
      if (cellType !== 'Formulas' && cellType !== 'Constants') fail('InvalidArgument', `the simulator finds Formulas and Constants only, not ${cellType}`);
      const want = (cell: ExcelJS.Cell) => (cellType === 'Formulas' ? isFormulaCell(cell) : !isFormulaCell(cell) && cellValue(cell) !== '');
      const boxes: Box[] = [];
      t.ws.eachRow({ includeEmpty: false }, (row, r) => {
        if (r < t.box.top || r > t.box.bottom) return;
        let run: Box | undefined;
        row.eachCell({ includeEmpty: false }, (cell, c) => {
          if (c < t.box.left || c > t.box.right || !want(cell)) return;
          if (run && run.right === c - 1) run.right = c;
          else boxes.push((run = { top: r, bottom: r, left: c, right: c }));
        });
      });
      // Runs over the same columns in consecutive rows become one area.
      const merged: Box[] = [];
      for (const b of boxes) {
        const prev = merged.find((m) => m.left === b.left && m.right === b.right && m.bottom === b.top - 1);
        if (prev) prev.bottom = b.bottom;
        else merged.push({ ...b });
      }
      return merged.length ? { ws: t.ws, boxes: merged } : null;
    });
  }

  /** Inserts cells; the simulator supports whole rows shifted down (Range("5:6").insert("Down")). */
  insert(shift: string): SimRange {
    let made: RangeTarget | undefined;
    this.act('insert', (t) => {
      if (shift !== 'Down' || t.box.left !== 1 || t.box.right !== MAX_COL) fail('InvalidArgument', 'the simulator inserts whole rows only (shift Down)');
      shiftRows(this.state, t.ws, t.box.top, t.box.bottom - t.box.top + 1);
      made = t;
    }, shift);
    return new SimRange(this.context, () => made ?? fail('ItemNotFound', 'nothing was inserted'));
  }

  /** Deletes cells; the simulator supports whole rows shifted up. */
  delete(shift: string): void {
    this.act('delete', (t) => {
      if (shift !== 'Up' || t.box.left !== 1 || t.box.right !== MAX_COL) fail('InvalidArgument', 'the simulator deletes whole rows only (shift Up)');
      shiftRows(this.state, t.ws, t.box.top, -(t.box.bottom - t.box.top + 1));
    }, shift);
  }

  getMergedAreasOrNullObject(): SimRangeAreas {
    this.state.requireApi('1.13', 'Range.getMergedAreasOrNullObject');
    return new SimRangeAreas(this.context, () => {
      const t = this.resolve();
      if (t === null) return this.state.fromNull(this.typeName);
      const merges = mergesOf(t.ws).filter((m) => intersects(m, t.box));
      if (merges.length > 512) fail('GeneralException', 'more than 512 merged areas');
      return merges.length ? { ws: t.ws, boxes: merges } : null;
    });
  }

  copyFrom(source: SimRange | string, copyType: string = 'All', skipBlanks = false, transpose = false): void {
    this.state.requireApi('1.9', 'Range.copyFrom');
    if (transpose) fail('InvalidArgument', 'the simulator does not transpose');
    this.act('copyFrom', (dest) => {
      let src: RangeTarget;
      if (typeof source === 'string') {
        const { sheet, local } = splitSheet(source);
        const ws = sheet === undefined ? dest.ws : this.state.sheetByName(sheet);
        if (!ws) fail('InvalidArgument', `copyFrom: no sheet in ${source}`);
        src = { ws, box: parseBox(local) };
      } else src = source.must('copyFrom(source)');
      copyCells(src, dest, copyType, skipBlanks);
    });
  }

  /**
   * Range.group("ByRows") (ExcelApi 1.10): an outline group of the range's rows (outline level + 1); hideGroupDetails
   * ("ByRows") collapses it (the rows hidden); merge(across) (ExcelApi 1.2) merges the range (each row when across).
   *   https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-group-member(1)
   *   https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-hidegroupdetails-member(1)
   *   https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-merge-member(1)
   */
  group(groupOption: string): void {
    this.state.requireApi('1.10', 'Range.group');
    this.act('group', (t) => {
      if (groupOption !== 'ByRows') fail('InvalidArgument', 'the simulator groups rows only (ByRows)');
      for (let r = t.box.top; r <= t.box.bottom; r++) {
        const row = t.ws.getRow(r);
        if ((row.outlineLevel ?? 0) >= 7) fail('InvalidOperation', 'outline levels go up to 8');
        row.outlineLevel = (row.outlineLevel ?? 0) + 1;
      }
    }, groupOption);
  }
  hideGroupDetails(groupOption: string): void {
    this.state.requireApi('1.10', 'Range.hideGroupDetails');
    this.act('hideGroupDetails', (t) => {
      if (groupOption !== 'ByRows') fail('InvalidArgument', 'the simulator groups rows only (ByRows)');
      for (let r = t.box.top; r <= t.box.bottom; r++) {
        const row = t.ws.getRow(r);
        if (row.outlineLevel) row.hidden = true;
      }
    }, groupOption);
  }
  merge(across = false): void {
    this.act('merge', (t) => {
      if (across) for (let r = t.box.top; r <= t.box.bottom; r++) t.ws.mergeCells(r, t.box.left, r, t.box.right);
      else t.ws.mergeCells(t.box.top, t.box.left, t.box.bottom, t.box.right);
    }, across);
  }

  select(): void {
    this.act('select', (t) => {
      if (t.ws.state !== 'visible') fail('InvalidOperation', 'cannot select on a hidden sheet');
      this.state.activeWs = t.ws;
      this.state.selection = { ws: t.ws, address: boxAddress(t.box) };
    }, '', false);
  }

  clear(applyTo: string = 'All'): void {
    this.act('clear', (t) => {
      for (const cell of cellsOf(t, false)) {
        if (applyTo === 'All' || applyTo === 'Contents') if (cell.type !== ExcelJS.ValueType.Merge) cell.value = null;
        if (applyTo === 'All' || applyTo === 'Formats') cell.style = {};
      }
    });
  }
}

function copyCells(src: RangeTarget, dest: RangeTarget, copyType: string, skipBlanks: boolean): void {
  const h = src.box.bottom - src.box.top + 1;
  const w = src.box.right - src.box.left + 1;
  if (h * w > BIG) fail('InvalidArgument', 'copyFrom: source too large for the simulator');
  const to: Box = { top: dest.box.top, left: dest.box.left, bottom: dest.box.top + h - 1, right: dest.box.left + w - 1 };
  const formats = copyType === 'All' || copyType === 'Formats';
  const contents = copyType === 'All' || copyType === 'Values' || copyType === 'Formulas';
  // Read everything first: source and destination may be the same sheet.
  const snap: { style: Partial<ExcelJS.Style>; value: ExcelJS.CellValue; blank: boolean; slave: boolean }[][] = [];
  for (let r = 0; r < h; r++) {
    const row = [];
    for (let c = 0; c < w; c++) {
      const cell = src.ws.getCell(src.box.top + r, src.box.left + c);
      const slave = cell.type === ExcelJS.ValueType.Merge;
      const value = slave ? null : copyType === 'Values' ? (scalarOf(cell.value) === '' ? null : (scalarOf(cell.value) as ExcelJS.CellValue)) : cell.value;
      row.push({ style: cloneStyle(cell.style), value, blank: slave || scalarOf(cell.value) === '', slave });
    }
    snap.push(row);
  }
  const srcMerges = mergesOf(src.ws).filter((m) => contains(src.box, m));
  if (formats) {
    // Merge structure first (ExcelJS's mergeCells would copy the master's style onto the covered cells), then
    // every cell's own style, as read.
    for (const m of mergesOf(dest.ws)) {
      if (intersects(m, to)) dest.ws.unMergeCells(m.top, m.left, m.bottom, m.right);
    }
    for (const m of srcMerges) {
      dest.ws.mergeCellsWithoutStyle(m.top - src.box.top + to.top, m.left - src.box.left + to.left, m.bottom - src.box.top + to.top, m.right - src.box.left + to.left);
    }
  }
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const s = snap[r][c];
      if (skipBlanks && s.blank) continue;
      const cell = dest.ws.getCell(to.top + r, to.left + c);
      if (formats) cell.style = cloneStyle(s.style);
      if (contents && !s.slave && cell.type !== ExcelJS.ValueType.Merge) cell.value = s.value;
    }
  }
}

class SimRangeAreas extends SimObject<{ ws: ExcelJS.Worksheet; boxes: Box[] }> {
  readonly typeName = 'RangeAreas';
  protected readonly scalarProps = ['address', 'areaCount', 'cellCount'];
  protected readProp(t: { ws: ExcelJS.Worksheet; boxes: Box[] }, name: string): unknown {
    switch (name) {
      case 'address':
      case 'addressLocal':
        return t.boxes.map((b) => `${quoteSheet(t.ws.name)}!${boxAddress(b)}`).join(',');
      case 'areaCount':
        return t.boxes.length;
      case 'cellCount':
        return t.boxes.reduce((n, b) => n + (b.bottom - b.top + 1) * (b.right - b.left + 1), 0);
    }
    fail('InvalidArgument', `RangeAreas has no property ${name}`);
  }
  get address(): string {
    return this.get('address');
  }
  get areaCount(): number {
    return this.get('areaCount');
  }
  private _cfs?: SimConditionalFormatCollection;
  /** Conditional formats of the areas (ExcelApi 1.9); add() puts one rule over every area. */
  get conditionalFormats(): SimConditionalFormatCollection {
    this.state.requireApi('1.9', 'RangeAreas.conditionalFormats');
    return (this._cfs ??= new SimConditionalFormatCollection(this.context, () => this.resolve()));
  }
}

class SimRangeFormat extends SimObject<RangeTarget> {
  readonly typeName = 'RangeFormat';
  protected readonly scalarProps = ['columnWidth', 'rowHeight', 'wrapText', 'horizontalAlignment', 'verticalAlignment'];
  private _fill?: SimRangeFill;
  private _font?: SimRangeFont;
  get fill(): SimRangeFill {
    return (this._fill ??= new SimRangeFill(this.context, () => this.resolve()));
  }
  get font(): SimRangeFont {
    return (this._font ??= new SimRangeFont(this.context, () => this.resolve()));
  }
  protected navProp(name: string): SimObject<unknown> | undefined {
    if (name === 'fill') return this.fill as unknown as SimObject<unknown>;
    if (name === 'font') return this.font as unknown as SimObject<unknown>;
    return undefined;
  }
  protected readProp(t: RangeTarget, name: string): unknown {
    const cells = () => matrix(t, (c) => c).flat();
    switch (name) {
      case 'columnWidth':
        return charsToPoints(t.ws.getColumn(t.box.left).width ?? 8.43);
      case 'rowHeight':
        return t.ws.findRow(t.box.top)?.height ?? 15;
      case 'wrapText':
        return uniform(cells().map((c) => !!c?.alignment?.wrapText));
      case 'horizontalAlignment':
        return uniform(cells().map((c) => ALIGN_FROM[c?.alignment?.horizontal ?? ''] ?? 'General'));
      case 'verticalAlignment':
        return uniform(cells().map((c) => ALIGN_FROM[c?.alignment?.vertical ?? ''] ?? 'Bottom'));
    }
    fail('InvalidArgument', `RangeFormat has no property ${name}`);
  }
  protected writeProp(t: RangeTarget, name: string, value: unknown): void {
    switch (name) {
      case 'columnWidth':
        for (let c = t.box.left; c <= t.box.right; c++) t.ws.getColumn(c).width = pointsToChars(Number(value));
        return;
      case 'rowHeight':
        for (let r = t.box.top; r <= Math.min(t.box.bottom, t.box.top + BIG); r++) t.ws.getRow(r).height = Number(value);
        return;
      case 'wrapText':
        for (const cell of cellsOf(t, true)) restyle(cell, (s) => void (s.alignment = { ...s.alignment, wrapText: !!value }));
        return;
      case 'horizontalAlignment':
      case 'verticalAlignment': {
        const key = name === 'horizontalAlignment' ? 'horizontal' : 'vertical';
        const v = ALIGN_TO[String(value)];
        for (const cell of cellsOf(t, true)) restyle(cell, (s) => void (s.alignment = { ...s.alignment, [key]: v }));
        return;
      }
    }
    super.writeProp(t, name, value);
  }
  get columnWidth(): number {
    return this.get('columnWidth');
  }
  set columnWidth(v: number) {
    this.set('columnWidth', v);
  }
  get rowHeight(): number {
    return this.get('rowHeight');
  }
  set rowHeight(v: number) {
    this.set('rowHeight', v);
  }
  get wrapText(): boolean {
    return this.get('wrapText');
  }
  set wrapText(v: boolean) {
    this.set('wrapText', v);
  }
  get verticalAlignment(): string {
    return this.get('verticalAlignment');
  }
  set verticalAlignment(v: string) {
    this.set('verticalAlignment', v);
  }
  get horizontalAlignment(): string {
    return this.get('horizontalAlignment');
  }
  set horizontalAlignment(v: string) {
    this.set('horizontalAlignment', v);
  }
  autofitColumns(): void {
    this.act('autofitColumns', () => undefined);
  }
}

const ALIGN_TO: Record<string, string> = { Top: 'top', Center: 'middle', Bottom: 'bottom', Left: 'left', Right: 'right', General: '', Justify: 'justify', Distributed: 'distributed' };
const ALIGN_FROM: Record<string, string> = { top: 'Top', middle: 'Center', bottom: 'Bottom', left: 'Left', center: 'Center', right: 'Right', justify: 'Justify', distributed: 'Distributed' };

class SimRangeFill extends SimObject<RangeTarget> {
  readonly typeName = 'RangeFill';
  protected readonly scalarProps = ['color'];
  protected propVersion(name: string): string | undefined {
    return name === 'color' ? undefined : '1.9';
  }
  protected readProp(t: RangeTarget, name: string): unknown {
    if (!['color', 'pattern', 'patternColor', 'tintAndShade', 'patternTintAndShade'].includes(name)) fail('InvalidArgument', `RangeFill has no property ${name}`);
    return uniform(matrix(t, (c) => fillView(c?.fill)[name as keyof FillView]).flat());
  }
  protected writeProp(t: RangeTarget, name: string, value: unknown): void {
    for (const cell of cellsOf(t, true)) {
      restyle(cell, (s) => {
        const cur = (s.fill && s.fill.type === 'pattern' ? s.fill : { type: 'pattern', pattern: 'none' }) as ExcelJS.FillPattern;
        const next: ExcelJS.FillPattern = { ...cur };
        switch (name) {
          case 'color': {
            const argb = toArgb(String(value));
            if (next.pattern === 'none' || next.pattern === 'solid') {
              next.pattern = 'solid';
              next.fgColor = { argb };
              delete next.bgColor;
            } else next.bgColor = { argb };
            break;
          }
          case 'pattern': {
            const p = PATTERN_TO_EXCELJS[String(value)];
            if (!p || p.endsWith('Gradient')) fail('InvalidArgument', `bad fill pattern ${String(value)}`);
            if (p === 'none') {
              s.fill = { type: 'pattern', pattern: 'none' };
              return;
            }
            if (p !== 'solid' && next.pattern === 'solid' && next.fgColor) next.bgColor = next.fgColor;
            next.pattern = p as ExcelJS.FillPatterns;
            if (p === 'solid') next.fgColor = next.fgColor ?? { argb: 'FFFFFFFF' };
            break;
          }
          case 'patternColor':
            next.fgColor = { argb: toArgb(String(value)) };
            break;
          case 'tintAndShade':
          case 'patternTintAndShade': {
            const key = name === 'tintAndShade' && next.pattern !== 'solid' ? 'bgColor' : 'fgColor';
            next[key] = { ...(next[key] ?? { argb: 'FFFFFFFF' }), tint: Number(value) } as ExcelJS.Color;
            break;
          }
          default:
            fail('InvalidArgument', `RangeFill.${name} is not writable`);
        }
        s.fill = next;
      });
    }
  }
  get color(): string {
    return this.get('color');
  }
  set color(v: string) {
    this.set('color', v);
  }
  get pattern(): string {
    return this.get('pattern');
  }
  set pattern(v: string) {
    this.set('pattern', v);
  }
  get patternColor(): string {
    return this.get('patternColor');
  }
  set patternColor(v: string) {
    this.set('patternColor', v);
  }
  get tintAndShade(): number {
    return this.get('tintAndShade');
  }
  set tintAndShade(v: number) {
    this.set('tintAndShade', v);
  }
  get patternTintAndShade(): number {
    return this.get('patternTintAndShade');
  }
  set patternTintAndShade(v: number) {
    this.set('patternTintAndShade', v);
  }
  clear(): void {
    this.act('clear', (t) => {
      for (const cell of cellsOf(t, false)) {
        if (cell.style?.fill) restyle(cell, (s) => void delete s.fill);
      }
    });
  }
}

class SimRangeFont extends SimObject<RangeTarget> {
  readonly typeName = 'RangeFont';
  protected readonly scalarProps = ['bold', 'italic', 'color', 'underline', 'name', 'size'];
  protected readProp(t: RangeTarget, name: string): unknown {
    const fonts = matrix(t, (c) => c?.font ?? {}).flat();
    switch (name) {
      case 'bold':
        return uniform(fonts.map((f) => !!f.bold));
      case 'italic':
        return uniform(fonts.map((f) => !!f.italic));
      case 'color':
        return uniform(fonts.map((f) => colourOf(f.color).hex ?? '#000000'));
      case 'underline':
        return uniform(fonts.map((f) => (f.underline === true || f.underline === 'single' ? 'Single' : f.underline === 'double' ? 'Double' : 'None')));
      case 'name':
        return uniform(fonts.map((f) => f.name ?? 'Calibri'));
      case 'size':
        return uniform(fonts.map((f) => f.size ?? 11));
    }
    fail('InvalidArgument', `RangeFont has no property ${name}`);
  }
  protected writeProp(t: RangeTarget, name: string, value: unknown): void {
    const patch: Partial<ExcelJS.Font> = {};
    switch (name) {
      case 'bold':
        patch.bold = !!value;
        break;
      case 'italic':
        patch.italic = !!value;
        break;
      case 'color':
        patch.color = { argb: toArgb(String(value)) };
        break;
      case 'underline':
        patch.underline = value === 'Single' ? true : value === 'Double' ? 'double' : false;
        break;
      case 'name':
        patch.name = String(value);
        break;
      case 'size':
        patch.size = Number(value);
        break;
      default:
        super.writeProp(t, name, value);
    }
    for (const cell of cellsOf(t, true)) restyle(cell, (s) => void (s.font = { ...s.font, ...patch }));
  }
  get bold(): boolean {
    return this.get('bold');
  }
  set bold(v: boolean) {
    this.set('bold', v);
  }
  get italic(): boolean {
    return this.get('italic');
  }
  set italic(v: boolean) {
    this.set('italic', v);
  }
  get color(): string {
    return this.get('color');
  }
  set color(v: string) {
    this.set('color', v);
  }
  get underline(): string {
    return this.get('underline');
  }
  set underline(v: string) {
    this.set('underline', v);
  }
  get name(): string {
    return this.get('name');
  }
  set name(v: string) {
    this.set('name', v);
  }
  get size(): number {
    return this.get('size');
  }
  set size(v: number) {
    this.set('size', v);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Notes (ExcelApi 1.18) and threaded comments (ExcelApi 1.10)

interface CellTarget {
  ws: ExcelJS.Worksheet;
  row: number;
  col: number;
}

function noteText(note: ExcelJS.Comment | string | undefined): string {
  if (note === undefined) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

/**
 * Removes a cell's note. (ExcelJS copies the note into the cell value's model when it writes a file and keeps it
 * there: without clearing that copy too, a later exportXlsx would write the deleted note again.)
 */
function dropNote(cell: ExcelJS.Cell): void {
  const c = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
  c._comment = undefined;
  if (c._value?.model) delete c._value.model.comment;
}

function hasNote(ws: ExcelJS.Worksheet, row: number, col: number): boolean {
  return ws.findCell(row, col)?.note !== undefined;
}

/** A cell address argument (Range proxy, "A1" on the scope sheet, or "Sheet!A1") → one cell. */
function cellArgument(state: SimState, scope: ExcelJS.Worksheet | null, arg: SimRange | string, what: string): CellTarget {
  let ws: ExcelJS.Worksheet;
  let box: Box;
  if (typeof arg === 'string') {
    const { sheet, local } = splitSheet(arg);
    const w = sheet !== undefined ? state.sheetByName(sheet) : scope;
    if (!w) fail('InvalidArgument', `${what}: ${arg} names no sheet`);
    ws = w;
    box = parseBox(local);
  } else {
    const t = arg.must(what);
    ws = t.ws;
    box = t.box;
  }
  if (box.top !== box.bottom || box.left !== box.right) fail('InvalidArgument', `${what}: InvalidCellAddress (not a single cell)`);
  if (scope && ws !== scope) fail('InvalidArgument', `${what}: the cell is on another sheet`);
  return { ws, row: box.top, col: box.left };
}

/** Workbook-level collections have no scope; a sheet's collection is null when its sheet is a null object. */
type Scope = (() => ExcelJS.Worksheet | null) | undefined;

function scopeSheets(state: SimState, scope: Scope): ExcelJS.Worksheet[] | null {
  if (!scope) return state.sheets();
  const ws = scope();
  return ws ? [ws] : null;
}

class SimNoteCollection extends SimCollection<CellTarget, SimNote> {
  readonly typeName = 'NoteCollection';
  constructor(
    context: SimContext,
    private readonly scope: Scope,
  ) {
    super(context);
  }
  private scopeSheet(): ExcelJS.Worksheet | null {
    if (!this.scope) return null;
    return this.scope() ?? fail('ItemNotFound', 'NoteCollection of a null worksheet');
  }
  protected list(): CellTarget[] | null {
    const sheets = scopeSheets(this.state, this.scope);
    if (!sheets) return null;
    const out: CellTarget[] = [];
    for (const ws of sheets) {
      ws.eachRow({ includeEmpty: true }, (row, r) =>
        row.eachCell({ includeEmpty: true }, (cell, c) => {
          if (cell.note !== undefined) out.push({ ws, row: r, col: c });
        }),
      );
    }
    return out;
  }
  protected item(at: () => CellTarget | null): SimNote {
    return new SimNote(this.context, at);
  }
  add(cellAddress: SimRange | string, content: unknown): SimNote {
    let made: CellTarget | undefined;
    this.context.enqueue(() => {
      const t = cellArgument(this.state, this.scopeSheet(), cellAddress, 'NoteCollection.add');
      this.state.assertWritable(t.ws, 'NoteCollection.add');
      if (hasNote(t.ws, t.row, t.col)) fail('InvalidArgument', `${t.ws.name}!${a1(t.row, t.col)} already has a note`);
      if (this.state.commentAt(t.ws, t.row, t.col)) fail('InvalidOperation', `${t.ws.name}!${a1(t.row, t.col)} has a threaded comment; a cell holds a note or a comment`);
      t.ws.getCell(t.row, t.col).note = String(content);
      this.state.undoable(() => dropNote(t.ws.getCell(t.row, t.col)));
      made = t;
    });
    return new SimNote(this.context, () => made ?? fail('ItemNotFound', 'the note was not added'));
  }
  private byCell(key: string, orNull: boolean): SimNote {
    return new SimNote(this.context, () => {
      const t = cellArgument(this.state, this.scopeSheet(), key, 'NoteCollection.getItem');
      if (hasNote(t.ws, t.row, t.col)) return t;
      return orNull ? null : fail('ItemNotFound', `no note at ${key}`, 'NoteCollection.getItem');
    });
  }
  getItem(key: string): SimNote {
    return this.byCell(key, false);
  }
  getItemOrNullObject(key: string): SimNote {
    return this.byCell(key, true);
  }
}

class SimNote extends SimObject<CellTarget> {
  readonly typeName = 'Note';
  protected readonly scalarProps = ['content', 'authorName', 'height', 'width', 'visible'];
  protected stillValid(t: CellTarget): boolean {
    return this.state.alive(t.ws) && hasNote(t.ws, t.row, t.col);
  }
  protected readProp(t: CellTarget, name: string): unknown {
    const note = t.ws.findCell(t.row, t.col)?.note;
    switch (name) {
      case 'content':
        return noteText(note);
      case 'authorName':
        return '';
      case 'height':
        return 59.25;
      case 'width':
        return 96;
      case 'visible':
        return false;
    }
    fail('InvalidArgument', `Note has no property ${name}`);
  }
  protected writeProp(t: CellTarget, name: string, value: unknown): void {
    if (name !== 'content') return super.writeProp(t, name, value);
    const cell = t.ws.getCell(t.row, t.col);
    const note = cell.note;
    this.state.undoable(() => void (cell.note = note as ExcelJS.Comment));
    // Keep a rich note's other settings; its text becomes one plain run (as Excel does for an API write).
    cell.note = typeof note === 'object' && note ? ({ ...note, texts: [{ text: String(value) }] } as ExcelJS.Comment) : String(value);
  }
  get content(): string {
    return this.get('content');
  }
  set content(v: string) {
    this.set('content', v);
  }
  get authorName(): string {
    return this.get('authorName');
  }
  getLocation(): SimRange {
    return new SimRange(this.context, () => {
      const t = this.resolve();
      return t === null ? this.state.fromNull('Note.getLocation') : { ws: t.ws, box: { top: t.row, left: t.col, bottom: t.row, right: t.col } };
    });
  }
  delete(): void {
    this.act('delete', (t) => {
      const cell = t.ws.getCell(t.row, t.col);
      const before = cell.note;
      dropNote(cell);
      this.state.undoable(() => void (cell.note = before as ExcelJS.Comment));
    });
  }
}

interface CommentTarget {
  ws: ExcelJS.Worksheet;
  c: CommentModel;
}

class SimCommentCollection extends SimCollection<CommentTarget, SimComment> {
  readonly typeName = 'CommentCollection';
  constructor(
    context: SimContext,
    private readonly scope: Scope,
  ) {
    super(context);
  }
  private scopeSheet(): ExcelJS.Worksheet | null {
    if (!this.scope) return null;
    return this.scope() ?? fail('ItemNotFound', 'CommentCollection of a null worksheet');
  }
  protected list(): CommentTarget[] | null {
    const sheets = scopeSheets(this.state, this.scope);
    if (!sheets) return null;
    return sheets.flatMap((ws) => this.state.allComments(ws));
  }
  protected item(at: () => CommentTarget | null): SimComment {
    return new SimComment(this.context, at);
  }
  add(cellAddress: SimRange | string, content: unknown, _contentType?: string): SimComment {
    let made: CommentTarget | undefined;
    this.context.enqueue(() => {
      const t = cellArgument(this.state, this.scopeSheet(), cellAddress, 'CommentCollection.add');
      this.state.assertWritable(t.ws, 'CommentCollection.add');
      const text = typeof content === 'string' ? content : String((content as { richContent?: string })?.richContent ?? '');
      made = { ws: t.ws, c: this.state.addComment(t.ws, t.row, t.col, text, '预算校验助手') };
    });
    return new SimComment(this.context, () => made ?? fail('ItemNotFound', 'the comment was not added'));
  }
  getItemByCell(cellAddress: SimRange | string): SimComment {
    return new SimComment(this.context, () => {
      const t = cellArgument(this.state, this.scopeSheet(), cellAddress, 'CommentCollection.getItemByCell');
      const c = this.state.commentAt(t.ws, t.row, t.col);
      return c ? { ws: t.ws, c } : fail('ItemNotFound', `no comment at ${a1(t.row, t.col)}`, 'CommentCollection.getItemByCell');
    });
  }
  private byId(id: string, orNull: boolean): SimComment {
    return new SimComment(this.context, () => {
      const hit = (this.list() ?? []).find((x) => x.c.id === id);
      return hit ?? (orNull ? null : fail('ItemNotFound', `no comment ${id}`));
    });
  }
  getItem(commentId: string): SimComment {
    return this.byId(commentId, false);
  }
  getItemOrNullObject(commentId: string): SimComment {
    return this.byId(commentId, true);
  }
}

class SimComment extends SimObject<CommentTarget> {
  readonly typeName = 'Comment';
  protected readonly scalarProps = ['id', 'content', 'authorName', 'authorEmail', 'creationDate', 'resolved'];
  protected stillValid(t: CommentTarget): boolean {
    return this.state.alive(t.ws) && this.state.commentAt(t.ws, t.c.row, t.c.col) === t.c;
  }
  protected readProp(t: CommentTarget, name: string): unknown {
    switch (name) {
      case 'id':
        return t.c.id;
      case 'content':
        return t.c.content;
      case 'authorName':
        return t.c.authorName;
      case 'authorEmail':
        return '';
      case 'creationDate':
        return t.c.creationDate;
      case 'resolved':
        return t.c.resolved;
    }
    fail('InvalidArgument', `Comment has no property ${name}`);
  }
  protected writeProp(t: CommentTarget, name: string, value: unknown): void {
    if (name === 'content') t.c.content = String(value);
    else if (name === 'resolved') t.c.resolved = !!value;
    else super.writeProp(t, name, value);
  }
  get id(): string {
    return this.get('id');
  }
  get content(): string {
    return this.get('content');
  }
  set content(v: string) {
    this.set('content', v);
  }
  get authorName(): string {
    return this.get('authorName');
  }
  get resolved(): boolean {
    return this.get('resolved');
  }
  set resolved(v: boolean) {
    this.set('resolved', v);
  }
  getLocation(): SimRange {
    return new SimRange(this.context, () => {
      const t = this.resolve();
      return t === null ? this.state.fromNull('Comment.getLocation') : { ws: t.ws, box: { top: t.c.row, left: t.c.col, bottom: t.c.row, right: t.c.col } };
    });
  }
  delete(): void {
    this.act('delete', (t) => void this.state.comments.get(t.ws)?.delete(`${t.c.row},${t.c.col}`));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Sheet protection (ExcelApi 1.2): only the `protected` flag is modelled (protectSheet sets it).

class SimWorksheetProtection extends SimObject<ExcelJS.Worksheet> {
  readonly typeName = 'WorksheetProtection';
  protected readonly scalarProps = ['protected'];
  protected readProp(ws: ExcelJS.Worksheet, name: string): unknown {
    if (name === 'protected') return this.state.protectedSheets.has(ws);
    if (name === 'options') return {};
    fail('InvalidArgument', `WorksheetProtection has no property ${name}`);
  }
  get protected(): boolean {
    return this.get('protected');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Conditional formats (ExcelApi 1.6; getRanges 1.9)

interface CfTarget {
  ws: ExcelJS.Worksheet;
  c: CfModel;
}

class SimConditionalFormatCollection extends SimCollection<CfTarget, SimConditionalFormat> {
  readonly typeName = 'ConditionalFormatCollection';
  constructor(
    context: SimContext,
    private readonly target: () => { ws: ExcelJS.Worksheet; boxes: Box[] } | null,
  ) {
    super(context);
  }
  private range(): { ws: ExcelJS.Worksheet; boxes: Box[] } | null {
    return this.target();
  }
  protected list(): CfTarget[] | null {
    const t = this.range();
    if (t === null) return this.state.fromNull('ConditionalFormatCollection');
    return this.state
      .cfList(t.ws)
      .filter((c) => c.boxes.some((b) => t.boxes.some((x) => intersects(b, x))))
      .map((c) => ({ ws: t.ws, c }));
  }
  protected item(at: () => CfTarget | null): SimConditionalFormat {
    return new SimConditionalFormat(this.context, at);
  }
  add(type: string): SimConditionalFormat {
    let made: CfTarget | undefined;
    this.context.enqueue(() => {
      const t = this.range();
      if (t === null) {
        this.state.fromNull('ConditionalFormatCollection.add');
        return;
      }
      this.state.assertWritable(t.ws, 'ConditionalFormatCollection.add');
      if (!['Custom', 'CellValue', 'ContainsText', 'TopBottom', 'PresetCriteria', 'ColorScale', 'DataBar', 'IconSet'].includes(type)) fail('InvalidArgument', `bad conditional format type ${type}`);
      const c = this.state.addCf(t.ws, t.boxes.map((b) => ({ ...b })), type);
      const list = this.state.cfList(t.ws);
      this.state.undoable(() => {
        const i = list.indexOf(c);
        if (i >= 0) list.splice(i, 1);
      });
      made = { ws: t.ws, c };
    }, jsonBytes(type));
    return new SimConditionalFormat(this.context, () => made ?? fail('ItemNotFound', 'the conditional format was not added'));
  }
  getItem(id: string): SimConditionalFormat {
    return new SimConditionalFormat(this.context, () => (this.list() ?? []).find((x) => x.c.id === id) ?? fail('ItemNotFound', `no conditional format ${id}`));
  }
  clearAll(): void {
    this.context.enqueue(() => {
      const t = this.range();
      if (t === null) {
        this.state.fromNull('ConditionalFormatCollection.clearAll');
        return;
      }
      this.state.assertWritable(t.ws, 'ConditionalFormatCollection.clearAll');
      for (const x of this.list() ?? []) removeCf(this.state, x);
    });
  }
}

function removeCf(state: SimState, x: CfTarget): void {
  const list = state.cfList(x.ws);
  const i = list.indexOf(x.c);
  if (i < 0) return;
  list.splice(i, 1);
  state.undoable(() => void list.splice(i, 0, x.c));
}

class SimConditionalFormat extends SimObject<CfTarget> {
  readonly typeName = 'ConditionalFormat';
  protected readonly scalarProps = ['id', 'type', 'priority', 'stopIfTrue'];
  protected stillValid(t: CfTarget): boolean {
    return this.state.alive(t.ws) && this.state.cfList(t.ws).includes(t.c);
  }
  protected readProp(t: CfTarget, name: string): unknown {
    switch (name) {
      case 'id':
        return t.c.id;
      case 'type':
        return t.c.type;
      case 'priority':
        return this.state.cfList(t.ws).indexOf(t.c);
      case 'stopIfTrue':
        return false;
    }
    fail('InvalidArgument', `ConditionalFormat has no property ${name}`);
  }
  protected navProp(name: string): SimObject<unknown> | undefined {
    return name === 'custom' ? (this.custom as unknown as SimObject<unknown>) : undefined;
  }
  get id(): string {
    return this.get('id');
  }
  get type(): string {
    return this.get('type');
  }
  get priority(): number {
    return this.get('priority');
  }
  private _custom?: SimCustomConditionalFormat;
  /** Only for a custom rule (docs: "Returns the custom conditional format properties if the current conditional format is a custom type"). */
  get custom(): SimCustomConditionalFormat {
    return (this._custom ??= new SimCustomConditionalFormat(this.context, () => {
      const t = this.resolve();
      if (t === null) return this.state.fromNull('ConditionalFormat.custom');
      if (t.c.type !== 'Custom') {
        if (this.state.strict) fail('InvalidOperation', `ConditionalFormat.custom: the rule is of type ${t.c.type}`);
        return null;
      }
      return t;
    }));
  }
  /** The range it applies to; an error when it applies to several areas (as documented). */
  getRange(): SimRange {
    return new SimRange(this.context, () => {
      const t = this.resolve();
      if (t === null) return this.state.fromNull('ConditionalFormat.getRange');
      if (t.c.boxes.length !== 1) fail('InvalidOperation', 'ConditionalFormat.getRange: the conditional format applies to several ranges');
      return { ws: t.ws, box: t.c.boxes[0] };
    });
  }
  getRangeOrNullObject(): SimRange {
    return new SimRange(this.context, () => {
      const t = this.resolve();
      if (t === null) return this.state.fromNull('ConditionalFormat.getRangeOrNullObject');
      return t.c.boxes.length === 1 ? { ws: t.ws, box: t.c.boxes[0] } : null;
    });
  }
  getRanges(): SimRangeAreas {
    this.state.requireApi('1.9', 'ConditionalFormat.getRanges');
    return new SimRangeAreas(this.context, () => {
      const t = this.resolve();
      if (t === null) return this.state.fromNull('ConditionalFormat.getRanges');
      return { ws: t.ws, boxes: t.c.boxes };
    });
  }
  delete(): void {
    this.act('delete', (t) => removeCf(this.state, t));
  }
}

class SimCustomConditionalFormat extends SimObject<CfTarget> {
  readonly typeName = 'CustomConditionalFormat';
  protected readonly scalarProps: string[] = [];
  protected readProp(): unknown {
    fail('InvalidArgument', 'CustomConditionalFormat has no scalar properties');
  }
  protected navProp(name: string): SimObject<unknown> | undefined {
    if (name === 'rule') return this.rule as unknown as SimObject<unknown>;
    if (name === 'format') return this.format as unknown as SimObject<unknown>;
    return undefined;
  }
  private _rule?: SimConditionalFormatRule;
  private _format?: SimConditionalRangeFormat;
  get rule(): SimConditionalFormatRule {
    return (this._rule ??= new SimConditionalFormatRule(this.context, () => this.resolve()));
  }
  get format(): SimConditionalRangeFormat {
    return (this._format ??= new SimConditionalRangeFormat(this.context, () => this.resolve()));
  }
}

class SimConditionalFormatRule extends SimObject<CfTarget> {
  readonly typeName = 'ConditionalFormatRule';
  protected readonly scalarProps = ['formula', 'formulaLocal'];
  protected readProp(t: CfTarget, name: string): unknown {
    if (name === 'formula' || name === 'formulaLocal' || name === 'formulaR1C1') return t.c.formula;
    fail('InvalidArgument', `ConditionalFormatRule has no property ${name}`);
  }
  protected writeProp(t: CfTarget, name: string, value: unknown): void {
    if (name !== 'formula' && name !== 'formulaLocal') return super.writeProp(t, name, value);
    const before = t.c.formula;
    t.c.formula = String(value);
    this.state.undoable(() => void (t.c.formula = before));
  }
  get formula(): string {
    return this.get('formula');
  }
  set formula(v: string) {
    this.set('formula', v);
  }
}

class SimConditionalRangeFormat extends SimObject<CfTarget> {
  readonly typeName = 'ConditionalRangeFormat';
  protected readonly scalarProps: string[] = [];
  protected readProp(): unknown {
    fail('InvalidArgument', 'the simulator models ConditionalRangeFormat.fill only');
  }
  protected navProp(name: string): SimObject<unknown> | undefined {
    return name === 'fill' ? (this.fill as unknown as SimObject<unknown>) : undefined;
  }
  private _fill?: SimConditionalRangeFill;
  get fill(): SimConditionalRangeFill {
    return (this._fill ??= new SimConditionalRangeFill(this.context, () => this.resolve()));
  }
}

class SimConditionalRangeFill extends SimObject<CfTarget> {
  readonly typeName = 'ConditionalRangeFill';
  protected readonly scalarProps = ['color'];
  protected readProp(t: CfTarget, name: string): unknown {
    if (name === 'color') return t.c.fill;
    fail('InvalidArgument', `ConditionalRangeFill has no property ${name}`);
  }
  protected writeProp(t: CfTarget, name: string, value: unknown): void {
    if (name !== 'color') return super.writeProp(t, name, value);
    const before = t.c.fill;
    t.c.fill = `#${toArgb(String(value)).slice(2)}`;
    this.state.undoable(() => void (t.c.fill = before));
  }
  get color(): string {
    return this.get('color');
  }
  set color(v: string) {
    this.set('color', v);
  }
  clear(): void {
    this.act('clear', (t) => void (t.c.fill = null));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Workbook-level defined names (NamedItemCollection.add/getItemOrNullObject 1.4, NamedItem.getRange 1.3)

class SimNamedItemCollection extends SimCollection<NameModel, SimNamedItem> {
  readonly typeName = 'NamedItemCollection';
  protected list(): NameModel[] {
    return [...this.state.names.values()];
  }
  protected item(at: () => NameModel | null): SimNamedItem {
    return new SimNamedItem(this.context, at);
  }
  add(name: string, reference: SimRange | string, _comment?: string): SimNamedItem {
    this.state.requireApi('1.4', 'NamedItemCollection.add');
    let made: NameModel | undefined;
    this.context.enqueue(() => {
      if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name)) fail('InvalidArgument', `bad name ${name}`);
      if (this.state.names.has(name.toLowerCase())) fail('ItemAlreadyExists', `The name ${name} already exists.`);
      let t: RangeTarget;
      if (typeof reference === 'string') {
        const { sheet, local } = splitSheet(reference.replace(/^=/, ''));
        const ws = sheet !== undefined ? this.state.sheetByName(sheet) : undefined;
        if (!ws) fail('InvalidArgument', `NamedItemCollection.add: ${reference} names no sheet`);
        t = { ws, box: parseBox(local) };
      } else t = reference.must('NamedItemCollection.add(reference)');
      made = { name, ws: t.ws, box: { ...t.box }, visible: true };
      this.state.names.set(name.toLowerCase(), made);
      const m = made;
      this.state.undoable(() => void (this.state.names.get(name.toLowerCase()) === m && this.state.names.delete(name.toLowerCase())));
    }, jsonBytes(name));
    return new SimNamedItem(this.context, () => made ?? fail('ItemNotFound', 'the name was not added'));
  }
  getItem(name: string): SimNamedItem {
    return new SimNamedItem(this.context, () => this.state.names.get(name.toLowerCase()) ?? fail('ItemNotFound', `no name ${name}`));
  }
  getItemOrNullObject(name: string): SimNamedItem {
    this.state.requireApi('1.4', 'NamedItemCollection.getItemOrNullObject');
    return new SimNamedItem(this.context, () => this.state.names.get(name.toLowerCase()) ?? null);
  }
}

class SimNamedItem extends SimObject<NameModel> {
  readonly typeName = 'NamedItem';
  protected readonly scalarProps = ['name', 'type', 'value', 'visible'];
  protected stillValid(n: NameModel): boolean {
    return this.state.names.get(n.name.toLowerCase()) === n;
  }
  protected sheetOf(): ExcelJS.Worksheet | undefined {
    return undefined;
  }
  private live(n: NameModel): boolean {
    return !!n.ws && this.state.alive(n.ws) && !n.raw;
  }
  protected readProp(n: NameModel, name: string): unknown {
    switch (name) {
      case 'name':
        return n.name;
      case 'type':
        return this.live(n) ? 'Range' : 'Error';
      case 'value':
      case 'formula':
        return this.live(n) ? `=${quoteSheet(n.ws!.name)}!${boxAddress(n.box)}` : '#REF!';
      case 'visible':
        return n.visible;
      case 'comment':
        return '';
    }
    fail('InvalidArgument', `NamedItem has no property ${name}`);
  }
  protected writeProp(n: NameModel, name: string, value: unknown): void {
    if (name === 'visible') n.visible = !!value;
    else super.writeProp(n, name, value);
  }
  get name(): string {
    return this.get('name');
  }
  get type(): string {
    return this.get('type');
  }
  get value(): string {
    return this.get('value');
  }
  get formula(): string {
    return this.get('formula');
  }
  get visible(): boolean {
    return this.get('visible');
  }
  set visible(v: boolean) {
    this.set('visible', v);
  }
  getRange(): SimRange {
    return new SimRange(this.context, () => {
      const n = this.resolve();
      if (n === null) return this.state.fromNull('NamedItem.getRange');
      if (!this.live(n)) fail('InvalidOperation', `the name ${n.name} does not refer to a range`);
      return { ws: n.ws!, box: n.box };
    });
  }
  getRangeOrNullObject(): SimRange {
    this.state.requireApi('1.4', 'NamedItem.getRangeOrNullObject');
    return new SimRange(this.context, () => {
      const n = this.resolve();
      if (n === null) return this.state.fromNull('NamedItem.getRangeOrNullObject');
      return this.live(n) ? { ws: n.ws!, box: n.box } : null;
    });
  }
  delete(): void {
    this.state.requireApi('1.4', 'NamedItem.delete');
    this.act('delete', (n) => {
      this.state.names.delete(n.name.toLowerCase());
      this.state.undoable(() => void this.state.names.set(n.name.toLowerCase(), n));
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Inserting and deleting whole rows: cells (ExcelJS spliceRows), and what ExcelJS does not move — notes, merges,
// threaded comments, conditional formats and defined names — moved as Excel moves them.

/** A row range after `count` rows were inserted (count > 0) or deleted (count < 0) at `at`; null when deleted. */
function shiftSpan(top: number, bottom: number, at: number, count: number): [number, number] | null {
  if (count > 0) {
    if (top >= at) return [top + count, bottom + count];
    if (bottom >= at) return [top, bottom + count];
    return [top, bottom];
  }
  const n = -count;
  const last = at + n - 1;
  if (bottom < at) return [top, bottom];
  if (top > last) return [top - n, bottom - n];
  const t = top < at ? top : at;
  const keptBelow = Math.max(0, bottom - last);
  const keptAbove = Math.max(0, at - top);
  if (keptAbove + keptBelow === 0) return null;
  return [t, t + keptAbove + keptBelow - 1];
}

function shiftRows(state: SimState, ws: ExcelJS.Worksheet, at: number, count: number): void {
  if (count === 0) return;
  state.assertWritable(ws, 'Range.insert/delete');
  const notes: { r: number; c: number; note: ExcelJS.Comment | string }[] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      if (cell.note !== undefined) {
        notes.push({ r, c, note: cell.note });
        dropNote(cell);
      }
    }),
  );
  const merges = mergesOf(ws);
  for (const m of merges) ws.unMergeCells(m.top, m.left, m.bottom, m.right);
  if (count > 0) ws.spliceRows(at, 0, ...Array.from({ length: count }, () => []));
  else ws.spliceRows(at, -count);
  for (const n of notes) {
    const span = shiftSpan(n.r, n.r, at, count);
    if (span) ws.getCell(span[0], n.c).note = n.note as ExcelJS.Comment;
  }
  for (const m of merges) {
    const span = shiftSpan(m.top, m.bottom, at, count);
    if (span && (span[1] > span[0] || m.right > m.left)) ws.mergeCellsWithoutStyle(span[0], m.left, span[1], m.right);
  }
  const comments = state.comments.get(ws);
  if (comments) {
    const moved = [...comments.values()];
    comments.clear();
    for (const c of moved) {
      const span = shiftSpan(c.row, c.row, at, count);
      if (!span) continue;
      c.row = span[0];
      comments.set(`${c.row},${c.col}`, c);
    }
  }
  const list = state.cfList(ws);
  for (const c of [...list]) {
    c.boxes = c.boxes.flatMap((b) => {
      const span = shiftSpan(b.top, b.bottom, at, count);
      return span ? [{ ...b, top: span[0], bottom: span[1] }] : [];
    });
    if (!c.boxes.length) list.splice(list.indexOf(c), 1);
  }
  for (const n of state.names.values()) {
    if (n.ws !== ws) continue;
    const span = shiftSpan(n.box.top, n.box.bottom, at, count);
    if (span) n.box = { ...n.box, top: span[0], bottom: span[1] };
    else n.ws = null;
  }
  state.structural();
}
