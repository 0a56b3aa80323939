/**
 * The Office.js adapter: the workbook open in Excel as a WorkbookSnapshot, and findings back into it as fills,
 * notes and a 校验结果 sheet — with as few round trips (context.sync) as the API allows:
 *
 *   readSnapshot      1 sync for the whole workbook, whatever the number of sheets (+1 only when the workbook holds
 *                     notes or comments the add-in did not make: their cells must be located)
 *   annotate          1 sync after a readSnapshot (2 without one: it reads first; ExcelApi < 1.9: +1 to read fills).
 *                     A failed batch (the workbook changed since the read) costs a fresh read and one retry.
 *   clearAnnotations  2 syncs (a light read of the record and the notes, then the restore)
 *   select            1 sync
 *   writeSheet        1 sync after a read, else 2
 *
 * How one read covers every sheet without first listing them: the batch walks the sheets as a chain —
 * worksheets.getFirst(), then getNextOrNullObject() again and again (ExcelApi 1.5) — and queues each link's used
 * range, merged areas and notes. Links past the last sheet are null objects: their loads come back empty, at no
 * further cost. The chain is longer than any workbook seen so far (and a probe past its end asks for a second
 * batch when it is not). A host that rejects the chain gets the two-step read instead (list the sheets, then read
 * them), remembered for the session. (That null objects pass along quietly is how Office's own samples use them:
 * `worksheets.getItemOrNullObject("Notes").delete()` in office-js-snippets' excel-note-basics. The Excel-API
 * simulator models it; real Excel is the judge.)
 *
 * How annotate needs no read of its own: before a cell's look changes, its formats are copied, host-side, into a
 * very hidden sheet "_预算校验标记" (Range.copyFrom(…, "Formats"), ExcelApi 1.9), next to a JSON line saying where
 * the copy came from and what was done to the cell's note. clearAnnotations copies the formats back — fill,
 * pattern, theme colours, borders, everything, exactly — and puts notes back as they were. Notes and comments
 * already in the workbook are known from readSnapshot (same sync). Why a sheet rather than document settings:
 * the record is written in the same batch as the marks it describes (a batch that fails half-way leaves a record
 * at least as complete as the marks), it travels with the file (save, copy, reopen on another machine, another
 * add-in instance), a format copy can only live in cells, and adding a sheet needs no more permission than the
 * 校验结果 sheet does anyway. Hosts without copyFrom (ExcelApi < 1.9) record the fill colour as data instead,
 * which costs annotate one read and restores the colour only.
 *
 * Notes: ExcelApi 1.18 notes, else 1.10 threaded comments, else none (fills and the 校验结果 sheet still show
 * every finding). A cell that already has the user's note keeps it: the add-in's text goes first, the user's
 * after a separator, and clearAnnotations puts the original text back. A cell with someone's threaded comment
 * gets no note (a cell holds one or the other) — its finding stays visible through the fill and the result sheet.
 */
import { a1, colLetter, parseA1, sheetRef } from '../model/address';
import type { CellSnapshot, MergeArea, SheetSnapshot, WorkbookSnapshot } from '../model/snapshot';
import { emptySheet, setCell } from '../model/snapshot';
import type { CellFix, Finding, Severity } from '../model/finding';
import { FILLS, RESULT_COLUMNS, RESULT_SHEET, findingPlace, planMarks, resultRow } from '../format/marks';
import { isDateFormat, isTimeOnlyFormat, serialToIso } from '../model/numfmt';
import type { AnnotateResult, WorkbookHost } from './host';

/** Runs a batch against the workbook: Excel.run in production, the simulator's run in tests. */
export type RunBatch = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Office.context.requirements (or a stand-in). */
export interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

export type NoteKind = AnnotateResult['noteKind'];

/** The very hidden sheet that records what the add-in changed. */
export const MARK_SHEET = '_预算校验标记';
const APP = '预算公开校验助手';
/** Separates the add-in's text from the user's own note on the same cell. */
export const NOTE_SEPARATOR = '\n———— 原批注 ————\n';
/** Sheets the first chained read reaches without a second batch (later reads: the last count + margin). */
const DEFAULT_CHAIN = 160;
const CHAIN_MARGIN = 16;

// ---------------------------------------------------------------------------------------------------------------
// The record kept in MARK_SHEET: A1 holds the meta line, A2… one entry per marked area; format copies from C2 down.

export interface RecordMeta {
  app: string;
  v: 1;
  /** What kind of note annotate wrote. */
  kind: NoteKind;
  /** 'copy': formats copied into the record sheet; 'fill': only the fill colour, as data (ExcelApi < 1.9). */
  formats: 'copy' | 'fill';
  /** The result sheet this add-in made ('' when none). */
  result: string;
  /** Sheets writeSheet made (so it may replace them later). */
  made: string[];
}

export interface RecordEntry {
  /** Sheet and area (a cell, or the merged area it anchors) that was marked. */
  s: string;
  a: string;
  /** Where the area's original formats were copied to, in MARK_SHEET ('copy'). */
  c?: string;
  /** The original fill, as data ('fill'; null for no fill). */
  f?: FillData | null;
  /** The note: none touched, one added, the user's one edited (o = its original text), a comment added. */
  n: 'none' | 'added' | 'edited' | 'comment';
  o?: string;
}

/** A fill as Office.js describes it (pattern and tints need ExcelApi 1.9). */
export interface FillData {
  color: string | null;
  pattern?: string | null;
  patternColor?: string | null;
  tintAndShade?: number | null;
  patternTintAndShade?: number | null;
}

export interface MarkRecord {
  meta: RecordMeta;
  entries: RecordEntry[];
}

function emptyMeta(kind: NoteKind, formats: 'copy' | 'fill'): RecordMeta {
  return { app: APP, v: 1, kind, formats, result: '', made: [] };
}

export function parseRecord(values: unknown[][] | undefined): MarkRecord | null {
  if (!values?.length) return null;
  try {
    const meta = JSON.parse(String(values[0][0])) as RecordMeta;
    if (meta.app !== APP || meta.v !== 1) return null;
    meta.made ??= [];
    const entries: RecordEntry[] = [];
    for (let i = 1; i < values.length; i++) {
      const text = String(values[i][0] ?? '');
      if (text.startsWith('{')) entries.push(JSON.parse(text) as RecordEntry);
    }
    return { meta, entries };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Addresses as Office.js writes them: "表一!A1:C5", "'5 支出'!A1", RangeAreas "表一!A1:B2,表一!D4:E5".

/** Splits "Sheet!A1:B2" / "'It''s'!A1" into sheet and local part. */
export function splitAddress(address: string): { sheet: string; local: string } {
  const s = address.trim();
  if (s.startsWith("'")) {
    let i = 1;
    let name = '';
    for (; i < s.length; i++) {
      if (s[i] === "'") {
        if (s[i + 1] === "'") {
          name += "'";
          i++;
          continue;
        }
        break;
      }
      name += s[i];
    }
    return { sheet: name, local: s.slice(i + 2) };
  }
  const bang = s.lastIndexOf('!');
  return bang < 0 ? { sheet: '', local: s } : { sheet: s.slice(0, bang), local: s.slice(bang + 1) };
}

/** Splits a RangeAreas address at the commas outside quoted sheet names. */
export function splitAreas(address: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

export function parseArea(local: string): MergeArea {
  const [p, q = p] = local.replace(/\$/g, '').split(':');
  const a = parseA1(p);
  const b = parseA1(q);
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

function areaAddress(m: MergeArea): string {
  const tl = a1(m.top, m.left);
  return m.top === m.bottom && m.left === m.right ? tl : `${tl}:${a1(m.bottom, m.right)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Snapshot building (pure: unit-tested on mocked ranges)

export interface UsedRangeData {
  address: string;
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
}


/**
 * One sheet of the snapshot from its used range (values, formulas, number formats as Office.js returns them) and
 * its merged areas' address: values as read, "=…" formulas without the "=", number formats other than General,
 * date serials under a date format as ISO text (as the .xlsx reader gives them), merges 1-based.
 */
export function sheetFromRange(
  name: string,
  index: number,
  hidden: boolean,
  used: UsedRangeData | null,
  mergedAddress: string | null,
): SheetSnapshot {
  const sheet = emptySheet(name, index);
  if (hidden) sheet.hidden = true;
  if (used) {
    const origin = parseArea(splitAddress(used.address).local);
    used.values.forEach((row, i) => {
      row.forEach((raw, j) => {
        const f = used.formulas[i]?.[j];
        const formula = typeof f === 'string' && f.startsWith('=') && f.length > 1 ? f.slice(1) : undefined;
        const fmt = used.numberFormat[i]?.[j];
        const numFmt = typeof fmt === 'string' && fmt !== '' && !/^general$/i.test(fmt) ? fmt : undefined;
        let value: CellSnapshot['value'] = raw === '' || raw === null || raw === undefined ? null : (raw as CellSnapshot['value']);
        if (typeof value === 'number' && numFmt && isDateFormat(numFmt)) value = serialToIso(value, false, isTimeOnlyFormat(numFmt)) ?? value;
        if (formula === undefined && value === null) return;
        const cell: CellSnapshot = { value };
        if (formula !== undefined) cell.formula = formula;
        if (numFmt !== undefined) cell.numFmt = numFmt;
        setCell(sheet, origin.top + i, origin.left + j, cell);
      });
    });
  }
  if (mergedAddress) {
    for (const part of splitAreas(mergedAddress)) sheet.merges.push(parseArea(splitAddress(part).local));
  }
  return sheet;
}

// ---------------------------------------------------------------------------------------------------------------
// What a read learns besides the snapshot

interface SheetInfo {
  name: string;
  /** Cells holding a formula ("C8"). */
  formulas: Set<string>;
  merges: MergeArea[];
  /** Notes the add-in did not make, by cell, with their text (after restoring the record, these are all). */
  foreignNotes: Map<string, string>;
  /** Notes the add-in made (or edited) that are still there. */
  ourNotes: Set<string>;
  foreignComments: Set<string>;
  ourComments: Set<string>;
  /** Fills of the used range's cells, read with the snapshot on hosts that record fills as data (1.9–1.12). */
  fills: Map<string, FillData>;
}

interface HostState {
  snapshot: WorkbookSnapshot;
  /** Every sheet, by lower-case name (Excel compares sheet names case-insensitively). */
  sheets: Map<string, SheetInfo>;
  names: string[];
  record: MarkRecord | null;
  recordExists: boolean;
}

interface ReadOptions {
  /** Used ranges and merges (readSnapshot, annotate) or only names, notes and the record (clear, writeSheet). */
  values: boolean;
  notes: boolean;
  /** Locate every note and comment even when their count matches the record (after a batch that failed). */
  locate?: boolean;
}

interface Link {
  ws: Excel.Worksheet;
  used?: Excel.Range;
  fills?: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
  merged?: Excel.RangeAreas;
  notes?: Excel.NoteCollection;
  comments?: Excel.CommentCollection;
}

interface Target {
  sheet: string;
  /** The marked area: the cell, or the merged area it belongs to. */
  area: MergeArea;
  anchor: string;
  severity: Severity | 'fixed';
  lines: string[];
}

/** Cells of the largest merged area marked (and copied into the record) as a whole. */
const MAX_MARKED_AREA = 2000;
const FILL_PROPS = { color: true, pattern: true, patternColor: true, tintAndShade: true, patternTintAndShade: true };

function hex(argb: string): string {
  return `#${argb.slice(-6)}`;
}

/** Excel column width in points for a width in characters (7-pixel digits, 5 pixels of padding). */
function widthPoints(chars: number): number {
  return (chars * 7 + 5) * 0.75;
}

/** Text Excel would read as a formula, a number or a boolean is written with a leading apostrophe. */
function asText(v: string | number): string | number {
  if (typeof v === 'number') return v;
  return /^[=+\-@']/.test(v) || /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v) || /^(true|false)$/i.test(v) ? `'${v}` : v;
}

function freeName(base: string, taken: Set<string>): string {
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = base.slice(0, 31 - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** The Office.js implementation of WorkbookHost. */
export class OfficeWorkbookHost implements WorkbookHost {
  /** What the last full read learned (consumed by annotate; dropped whenever the add-in changes the workbook). */
  private state: HostState | undefined;
  private chainLength = DEFAULT_CHAIN;
  private chainRejected = false;
  private mergesRejected = false;

  constructor(
    private readonly run: RunBatch,
    private readonly requirements: Requirements,
  ) {}

  private supports(version: string): boolean {
    try {
      return this.requirements.isSetSupported('ExcelApi', version);
    } catch {
      return false;
    }
  }

  /**
   * How annotate records a cell's look: a host-side copy of its formats (needs copyFrom, 1.9, and the merged areas,
   * 1.13 — a single cell's formats pasted onto a merged cell would unmerge it), else its fill as data.
   */
  formatsMode(): 'copy' | 'fill' {
    return this.supports('1.13') ? 'copy' : 'fill';
  }

  /** What annotate writes as notes on this host. */
  noteKind(): NoteKind {
    if (this.supports('1.18')) return 'note';
    if (this.supports('1.10')) return 'comment';
    return 'none';
  }

  // -------------------------------------------------------------------------------------------------------------
  // Reading

  async readSnapshot(): Promise<WorkbookSnapshot> {
    const state = await this.read({ values: true, notes: true });
    this.state = state;
    return state.snapshot;
  }

  private async read(opts: ReadOptions): Promise<HostState> {
    if (this.supports('1.5') && !this.chainRejected) {
      try {
        return await this.run((ctx) => this.readChained(ctx, opts));
      } catch {
        // A host that does not carry null objects along the chain (or any other failure of the one-batch read):
        // list the sheets first from now on.
        this.chainRejected = true;
      }
    }
    try {
      return await this.run((ctx) => this.readListed(ctx, opts));
    } catch (e) {
      if (!opts.values || this.mergesRejected || !this.supports('1.13')) throw e;
      // getMergedAreasOrNullObject fails on a sheet with more than 512 merged areas: read without merges.
      this.mergesRejected = true;
      return this.run((ctx) => this.readListed(ctx, opts));
    }
  }

  private queueLink(ws: Excel.Worksheet, opts: ReadOptions): Link {
    ws.load('name, visibility, position');
    const link: Link = { ws };
    if (opts.values) {
      link.used = ws.getUsedRangeOrNullObject(true).load('address, values, formulas, numberFormat');
      if (this.formatsMode() === 'fill' && this.supports('1.9')) link.fills = link.used.getCellProperties({ format: { fill: FILL_PROPS } });
      if (this.supports('1.13') && !this.mergesRejected) link.merged = ws.getRange().getMergedAreasOrNullObject().load('address');
    }
    if (opts.notes) {
      const kind = this.noteKind();
      if (kind === 'note') link.notes = ws.notes.load('items/content');
      if (kind !== 'none') link.comments = ws.comments.load('items/id');
    }
    return link;
  }

  private queueRecord(ctx: Excel.RequestContext): Excel.Range {
    return ctx.workbook.worksheets.getItemOrNullObject(MARK_SHEET).getUsedRangeOrNullObject(true).load('values');
  }

  /** One batch: the sheets as a getFirst / getNextOrNullObject chain (a second one only past the chain's end). */
  private async readChained(ctx: Excel.RequestContext, opts: ReadOptions): Promise<HostState> {
    const wb = ctx.workbook;
    const record = this.queueRecord(ctx);
    if (this.supports('1.7')) wb.load('name');
    const links: Link[] = [];
    let ws = wb.worksheets.getFirst();
    let length = this.chainLength;
    for (;;) {
      const batch: Link[] = [];
      for (let i = 0; i < length; i++) {
        batch.push(this.queueLink(ws, opts));
        ws = ws.getNextOrNullObject();
      }
      const probe = ws;
      probe.load('name');
      await ctx.sync();
      links.push(...batch.filter((l) => !l.ws.isNullObject));
      if (probe.isNullObject) break;
      ws = probe;
      length = Math.max(length, 64);
    }
    this.chainLength = Math.max(DEFAULT_CHAIN / 4, links.length + CHAIN_MARGIN);
    return this.finish(ctx, links, record, opts, this.supports('1.7') ? wb.name : undefined);
  }

  /** Two batches: list the sheets, then read them. */
  private async readListed(ctx: Excel.RequestContext, opts: ReadOptions): Promise<HostState> {
    const wb = ctx.workbook;
    wb.worksheets.load('items/name');
    if (this.supports('1.7')) wb.load('name');
    await ctx.sync();
    const links = wb.worksheets.items.map((ws) => this.queueLink(ws, opts));
    const record = this.queueRecord(ctx);
    await ctx.sync();
    return this.finish(ctx, links, record, opts, this.supports('1.7') ? wb.name : undefined);
  }

  /** Builds the state; one more batch only when notes or comments the record does not explain need locating. */
  private async finish(
    ctx: Excel.RequestContext,
    links: Link[],
    recordRange: Excel.Range,
    opts: ReadOptions,
    docName: string | undefined,
  ): Promise<HostState> {
    const record = recordRange.isNullObject ? null : parseRecord(recordRange.values);
    const recordExists = links.some((l) => l.ws.name === MARK_SHEET);
    const ourNotesBySheet = new Map<string, RecordEntry[]>();
    const ourCommentsBySheet = new Map<string, RecordEntry[]>();
    for (const e of record?.entries ?? []) {
      const k = e.s.toLowerCase();
      if (e.n === 'added' || e.n === 'edited') ourNotesBySheet.set(k, [...(ourNotesBySheet.get(k) ?? []), e]);
      if (e.n === 'comment') ourCommentsBySheet.set(k, [...(ourCommentsBySheet.get(k) ?? []), e]);
    }

    // Notes/comments: when a sheet holds exactly as many as the record says the add-in made, they are the
    // add-in's (no need to locate them); otherwise every one on that sheet is located in one more batch.
    const noteLocations = new Map<Link, Excel.Range[]>();
    const commentLocations = new Map<Link, Excel.Range[]>();
    for (const l of links) {
      const k = l.ws.name.toLowerCase();
      if (l.notes && l.notes.items.length > 0 && (opts.locate || l.notes.items.length !== (ourNotesBySheet.get(k)?.length ?? 0))) {
        noteLocations.set(l, l.notes.items.map((n) => n.getLocation().load('address')));
      }
      if (l.comments && l.comments.items.length > 0 && (opts.locate || l.comments.items.length !== (ourCommentsBySheet.get(k)?.length ?? 0))) {
        commentLocations.set(l, l.comments.items.map((c) => c.getLocation().load('address')));
      }
    }
    if (noteLocations.size || commentLocations.size) await ctx.sync();

    const sheets = new Map<string, SheetInfo>();
    const snapshotSheets: SheetSnapshot[] = [];
    const resultSheet = record?.meta.result ?? '';
    links.forEach((l, position) => {
      const name = l.ws.name;
      const k = name.toLowerCase();
      const info: SheetInfo = {
        name,
        formulas: new Set(),
        merges: [],
        foreignNotes: new Map(),
        ourNotes: new Set(),
        foreignComments: new Set(),
        ourComments: new Set(),
        fills: new Map(),
      };
      const ourNoteEntries = ourNotesBySheet.get(k) ?? [];
      const ourNoteCells = new Map(ourNoteEntries.map((e) => [anchorOf(e.a), e]));
      const located = noteLocations.get(l);
      if (l.notes) {
        if (located) {
          located.forEach((loc, i) => {
            const cell = splitAddress(loc.address).local.replace(/\$/g, '');
            if (ourNoteCells.has(cell)) info.ourNotes.add(cell);
            else info.foreignNotes.set(cell, String(l.notes!.items[i].content ?? ''));
          });
        } else if (l.notes.items.length > 0) for (const cell of ourNoteCells.keys()) info.ourNotes.add(cell);
      }
      // The user's notes the add-in edited are the user's again once the record is restored.
      for (const e of ourNoteEntries) if (e.n === 'edited') info.foreignNotes.set(anchorOf(e.a), e.o ?? '');
      const ourCommentCells = new Set((ourCommentsBySheet.get(k) ?? []).map((e) => anchorOf(e.a)));
      const clocated = commentLocations.get(l);
      if (l.comments) {
        if (clocated) {
          for (const loc of clocated) {
            const cell = splitAddress(loc.address).local.replace(/\$/g, '');
            if (ourCommentCells.has(cell)) info.ourComments.add(cell);
            else info.foreignComments.add(cell);
          }
        } else if (l.comments.items.length > 0) for (const cell of ourCommentCells) info.ourComments.add(cell);
      }
      let snap: SheetSnapshot | undefined;
      if (opts.values) {
        const used = l.used && !l.used.isNullObject ? (l.used as unknown as UsedRangeData) : null;
        const merged = l.merged && !l.merged.isNullObject ? l.merged.address : null;
        snap = sheetFromRange(name, position, l.ws.visibility !== 'Visible', used, merged);
        info.merges = snap.merges;
        const props = used && l.fills ? l.fills.value : undefined;
        if (used && props) {
          const origin = parseArea(splitAddress(used.address).local);
          props.forEach((row, i) =>
            row.forEach((p, j) => {
              const f = p.format?.fill;
              if (f) info.fills.set(a1(origin.top + i, origin.left + j), { color: f.color ?? null, pattern: f.pattern ?? null, patternColor: f.patternColor ?? null, tintAndShade: f.tintAndShade ?? null, patternTintAndShade: f.patternTintAndShade ?? null });
            }),
          );
        }
        snap.rows.forEach((row, r) => row?.forEach((cell, c) => cell?.formula !== undefined && info.formulas.add(a1(r + 1, c + 1))));
      }
      sheets.set(k, info);
      if (snap && name !== MARK_SHEET && !(resultSheet && k === resultSheet.toLowerCase())) snapshotSheets.push(snap);
    });
    return {
      snapshot: { name: docName || 'Excel 工作簿', sheets: snapshotSheets },
      sheets,
      names: links.map((l) => l.ws.name),
      record,
      recordExists,
    };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Writing

  async annotate(findings: Finding[], fixes: CellFix[]): Promise<AnnotateResult> {
    let state = this.state ?? (await this.read({ values: true, notes: true }));
    this.state = undefined;
    const kind = this.noteKind();
    try {
      return await this.writeAnnotations(state, findings, fixes, kind);
    } catch {
      // The workbook changed since it was read (a note deleted, a sheet renamed…): read again and retry. Entries
      // are recorded before the marks they describe, so the retry first undoes whatever a half-done batch did.
    }
    try {
      state = await this.read({ values: true, notes: true, locate: true });
      return await this.writeAnnotations(state, findings, fixes, kind);
    } catch (e) {
      if (kind === 'none') throw hostError('标注失败', e);
    }
    // Last resort: no notes (a comment-only host cannot see the legacy notes a comment would collide with).
    try {
      state = await this.read({ values: true, notes: true, locate: true });
      return await this.writeAnnotations(state, findings, fixes, 'none');
    } catch (e) {
      throw hostError('标注失败', e);
    }
  }

  private async writeAnnotations(state: HostState, findings: Finding[], fixes: CellFix[], kind: NoteKind): Promise<AnnotateResult> {
    const copyFormats = this.formatsMode() === 'copy';
    const api19 = this.supports('1.9');
    const info = (sheet: string) => state.sheets.get(sheet.toLowerCase());

    // Confirmed fixes: written unless the cell holds a formula (or the sheet is gone).
    const toWrite = fixes.filter((f) => {
      const s = info(f.sheet);
      return !!s && !s.formulas.has(f.cell.replace(/\$/g, '').toUpperCase());
    });
    const targets = planTargets(findings, toWrite, state);

    // Hosts without format copies keep the fill as data: from the record (a cell marked before), the snapshot
    // read (1.9–1.12), or — for cells neither knows (ExcelApi < 1.9, or outside the used range) — one read here.
    const oldByArea = new Map((state.record?.entries ?? []).map((e) => [`${e.s.toLowerCase()}!${e.a}`, e]));
    const originalFill = new Map<Target, FillData | null>();
    if (!copyFormats) {
      const unknown: Target[] = [];
      for (const t of targets) {
        const old = oldByArea.get(`${t.sheet.toLowerCase()}!${areaAddress(t.area)}`);
        const known = old && old.c === undefined ? (old.f ?? null) : info(t.sheet)?.fills.get(t.anchor);
        if (known !== undefined) originalFill.set(t, known);
        else unknown.push(t);
      }
      if (unknown.length) {
        await this.run(async (ctx) => {
          const loads = unknown.map((t) => ({ t, fill: ctx.workbook.worksheets.getItem(t.sheet).getRange(t.anchor).format.fill.load(api19 ? Object.keys(FILL_PROPS) : ['color']) }));
          await ctx.sync();
          for (const { t, fill } of loads) {
            const f: FillData = { color: fill.color ?? null };
            if (api19) Object.assign(f, { pattern: fill.pattern ?? null, patternColor: fill.patternColor ?? null, tintAndShade: fill.tintAndShade ?? null, patternTintAndShade: fill.patternTintAndShade ?? null });
            originalFill.set(t, f);
          }
        });
      }
    }

    const entries: RecordEntry[] = [];
    const takenNames = new Set(state.names.map((n) => n.toLowerCase()));
    const oldResult = state.record?.meta.result ?? '';
    if (oldResult) takenNames.delete(oldResult.toLowerCase());
    takenNames.delete(MARK_SHEET.toLowerCase());
    const resultName = freeName(RESULT_SHEET, takenNames);
    const meta: RecordMeta = { ...emptyMeta(kind, copyFormats ? 'copy' : 'fill'), result: resultName, made: state.record?.meta.made ?? [] };

    let notes = 0;
    let formulaGuards: { fix: CellFix; before: Excel.Range }[] = [];
    await this.run(async (ctx) => {
      const wb = ctx.workbook;
      const sheetProxies = new Map<string, Excel.Worksheet>();
      const ws = (name: string) => {
        const k = name.toLowerCase();
        let p = sheetProxies.get(k);
        if (!p) sheetProxies.set(k, (p = wb.worksheets.getItem(name)));
        return p;
      };

      // 1. Undo the previous annotation (its record is the truth about what the cells looked like).
      if (state.record) {
        const oldRecord = wb.worksheets.getItem(MARK_SHEET);
        this.queueRestore(state, state.record, oldRecord, ws);
      }
      if (state.recordExists) {
        const old = wb.worksheets.getItem(MARK_SHEET);
        old.visibility = 'Hidden'; // a very hidden sheet cannot be deleted
        old.delete();
      }
      if (oldResult && state.names.some((n) => n.toLowerCase() === oldResult.toLowerCase())) ws(oldResult).delete();

      // 2. Record first: entries, and each area's formats copied before anything changes it.
      const rec = wb.worksheets.add(MARK_SHEET);
      rec.visibility = 'VeryHidden';
      let copyRow = 2;
      for (const t of targets) {
        const s = info(t.sheet)!;
        const e: RecordEntry = { s: t.sheet, a: areaAddress(t.area), n: 'none' };
        if (copyFormats) {
          const h = t.area.bottom - t.area.top;
          const w = t.area.right - t.area.left;
          e.c = areaAddress({ top: copyRow, left: 3, bottom: copyRow + h, right: 3 + w });
          copyRow += h + 1;
          rec.getRange(e.c).copyFrom(ws(t.sheet).getRange(e.a), 'Formats');
        } else e.f = originalFill.get(t) ?? null;
        if (kind === 'note' && !s.foreignComments.has(t.anchor)) {
          if (s.foreignNotes.has(t.anchor)) {
            e.n = 'edited';
            e.o = s.foreignNotes.get(t.anchor);
          } else e.n = 'added';
        } else if (kind === 'comment' && !s.foreignComments.has(t.anchor)) e.n = 'comment';
        entries.push(e);
      }
      rec.getRange(`A1:A${entries.length + 1}`).values = [[JSON.stringify(meta)], ...entries.map((e) => [JSON.stringify(e)])];

      // 3. The confirmed fixes (the formulas are loaded first, in case the workbook changed since it was read).
      formulaGuards = toWrite.map((fix) => {
        const r = ws(fix.sheet).getRange(fix.cell);
        const before = ws(fix.sheet).getRange(fix.cell).load('formulas');
        r.values = [[Number(fix.value)]];
        return { fix, before };
      });

      // 4. Marks: fill by severity, and the note.
      targets.forEach((t, i) => {
        const e = entries[i];
        const sheet = ws(t.sheet);
        const area = sheet.getRange(e.a);
        if (api19) area.format.fill.pattern = 'Solid';
        area.format.fill.color = hex(FILLS[t.severity]);
        const text = t.lines.join('\n');
        const anchor = sheet.getRange(t.anchor);
        if (e.n === 'added') sheet.notes.add(anchor, text);
        else if (e.n === 'edited') sheet.notes.getItem(t.anchor).content = `${text}${NOTE_SEPARATOR}${e.o ?? ''}`;
        else if (e.n === 'comment') sheet.comments.add(anchor, text);
        if (e.n !== 'none') notes++;
      });

      // 5. The 校验结果 sheet.
      this.queueResultSheet(wb.worksheets.add(resultName), findings);
      await ctx.sync();
    });

    // A fix cell that turned into a formula after the read: put the formula back (a second sync, rare).
    const overwritten = formulaGuards.filter((g) => {
      const f = g.before.formulas?.[0]?.[0];
      return typeof f === 'string' && f.startsWith('=');
    });
    if (overwritten.length) {
      await this.run(async (ctx) => {
        for (const g of overwritten) ctx.workbook.worksheets.getItem(g.fix.sheet).getRange(g.fix.cell).formulas = [[g.before.formulas[0][0] as string]];
        await ctx.sync();
      });
    }
    return { highlighted: targets.length, notes, noteKind: kind, written: toWrite.length - overwritten.length };
  }

  /** Queues putting every recorded area back as it was: formats from the record's copies, notes as they were. */
  private queueRestore(state: HostState, record: MarkRecord, recordSheet: Excel.Worksheet, ws: (name: string) => Excel.Worksheet): void {
    const notesApi = this.supports('1.18');
    const commentsApi = this.supports('1.10');
    for (const e of record.entries) {
      const s = state.sheets.get(e.s.toLowerCase());
      if (!s) continue; // the sheet was deleted or renamed since
      const sheet = ws(e.s);
      const area = sheet.getRange(e.a);
      if (e.c !== undefined) {
        if (this.supports('1.9')) area.copyFrom(recordSheet.getRange(e.c), 'Formats');
      // (a write target handed to restoreFill, not a read: the lint rule cannot tell)
        // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
      } else restoreFill(area.format.fill, e.f ?? null, this.supports('1.9'));
      const anchor = anchorOf(e.a);
      // (OrNullObject: a note the user deleted meanwhile is no reason to fail the batch)
      if (e.n === 'added' && notesApi) sheet.notes.getItemOrNullObject(anchor).delete();
      else if (e.n === 'edited' && notesApi) {
        if (s.ourNotes.has(anchor)) sheet.notes.getItem(anchor).content = e.o ?? '';
        else sheet.notes.add(sheet.getRange(anchor), e.o ?? '');
      } else if (e.n === 'comment' && commentsApi && s.ourComments.has(anchor)) sheet.comments.getItemByCell(sheet.getRange(anchor)).delete();
    }
  }

  /** The 校验结果 sheet, laid out as the CLI's annotated copy (src/xlsx/annotate.ts). */
  private queueResultSheet(rs: Excel.Worksheet, findings: Finding[]): void {
    const rows: (string | number)[][] = [RESULT_COLUMNS.map((c) => c.header)];
    findings.forEach((f, i) => rows.push(resultRow(f, i).map(asText)));
    const last = rows.length;
    rs.getRange(`A1:F${last}`).values = rows;
    rs.getRange('A1:F1').format.font.bold = true;
    RESULT_COLUMNS.forEach((c, i) => {
      rs.getRange(`${colLetter(i + 1)}:${colLetter(i + 1)}`).format.columnWidth = widthPoints(c.width);
    });
    if (last > 1) {
      const body = rs.getRange(`E2:E${last}`);
      body.format.wrapText = true;
      body.format.verticalAlignment = 'Top';
    }
    const links = this.supports('1.7');
    findings.forEach((f, i) => {
      const row = i + 2;
      rs.getRange(`D${row}`).format.fill.color = hex(FILLS[f.severity]);
      if (!f.sheet || !f.cells.length) return;
      const where = findingPlace(f);
      const ref = sheetRef(f.sheet, f.cells[0]);
      const cell = rs.getRange(`F${row}`);
      if (links) cell.hyperlink = { documentReference: ref, textToDisplay: where };
      else cell.formulas = [[`=HYPERLINK("#${ref.replace(/"/g, '""')}","${where.replace(/"/g, '""')}")`]];
      cell.format.font.color = '#0563C1';
      cell.format.font.underline = 'Single';
    });
    if (links) rs.freezePanes.freezeRows(1);
  }

  async clearAnnotations(): Promise<void> {
    this.state = undefined;
    try {
      await this.clearWith(await this.read({ values: false, notes: true }));
    } catch {
      // Notes changed behind the record's back: locate them all and try once more.
      try {
        await this.clearWith(await this.read({ values: false, notes: true, locate: true }));
      } catch (e) {
        throw hostError('清除标注失败', e);
      }
    }
  }

  private async clearWith(state: HostState): Promise<void> {
    const made = (state.record?.meta.made ?? []).filter((n) => state.names.some((x) => x.toLowerCase() === n.toLowerCase()));
    const result = state.record?.meta.result ?? '';
    if (!state.record && !state.recordExists) return;
    await this.run(async (ctx) => {
      const wb = ctx.workbook;
      const proxies = new Map<string, Excel.Worksheet>();
      const ws = (name: string) => {
        const k = name.toLowerCase();
        let p = proxies.get(k);
        if (!p) proxies.set(k, (p = wb.worksheets.getItem(name)));
        return p;
      };
      if (state.record) this.queueRestore(state, state.record, wb.worksheets.getItem(MARK_SHEET), ws);
      if (result && state.names.some((n) => n.toLowerCase() === result.toLowerCase())) ws(result).delete();
      if (state.recordExists) {
        const rec = wb.worksheets.getItem(MARK_SHEET);
        rec.visibility = 'Hidden';
        rec.delete();
      }
      if (made.length) {
        // Sheets writeSheet made stay, and so does the memory of them (only that).
        const rec = wb.worksheets.add(MARK_SHEET);
        rec.visibility = 'VeryHidden';
        rec.getRange('A1').values = [[JSON.stringify({ ...emptyMeta(state.record!.meta.kind, state.record!.meta.formats), made })]];
      }
      await ctx.sync();
    });
  }

  async select(sheet: string, cells: string[]): Promise<void> {
    const cell = cells[0] ?? 'A1';
    try {
      await this.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await ctx.sync();
      });
    } catch (e) {
      throw new Error(`无法定位到 ${sheet}!${cell}：工作表不存在、已改名或已隐藏（${e instanceof Error ? e.message : String(e)}）`);
    }
  }

  async writeSheet(name: string, rows: string[][]): Promise<void> {
    const state = this.state ?? (await this.read({ values: false, notes: false }));
    this.state = undefined;
    const made = state.record?.meta.made ?? [];
    const exists = state.names.find((n) => n.toLowerCase() === name.toLowerCase());
    const ours = !!exists && made.some((m) => m.toLowerCase() === name.toLowerCase());
    const taken = new Set(state.names.map((n) => n.toLowerCase()));
    if (ours) taken.delete(name.toLowerCase());
    const target = freeName(name, taken);
    const width = Math.max(1, ...rows.map((r) => r.length));
    const values = rows.map((r) => Array.from({ length: width }, (_, i) => asText(r[i] ?? '')));
    const meta: RecordMeta = state.record?.meta ?? emptyMeta(this.noteKind(), this.supports('1.9') ? 'copy' : 'fill');
    const nextMeta = { ...meta, made: [...made.filter((m) => m.toLowerCase() !== target.toLowerCase()), target] };
    await this.guard('写入工作表失败', () => this.run(async (ctx) => {
      const wb = ctx.workbook;
      if (ours) wb.worksheets.getItem(exists!).delete();
      const sheet = wb.worksheets.add(target);
      if (values.length) sheet.getRange(`A1:${colLetter(width)}${values.length}`).values = values;
      if (state.recordExists) wb.worksheets.getItem(MARK_SHEET).getRange('A1').values = [[JSON.stringify(nextMeta)]];
      else {
        const rec = wb.worksheets.add(MARK_SHEET);
        rec.visibility = 'VeryHidden';
        rec.getRange('A1').values = [[JSON.stringify(nextMeta)]];
      }
      sheet.activate();
      await ctx.sync();
    }));
  }

  private async guard<T>(what: string, f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      throw hostError(what, e);
    }
  }
}

/** Puts a fill recorded as data back: no fill, else pattern, colours and tints (as far as the host can set them). */
function restoreFill(fill: Excel.RangeFill, f: FillData | null, api19: boolean): void {
  const none = !f || f.pattern === 'None' || (!f.pattern && (!f.color || /^#?FFFFFF$/i.test(f.color)));
  if (none) {
    fill.clear();
    return;
  }
  // Gradients cannot be set through the API: their first colour is the best that can be done.
  if (api19 && f.pattern && !/Gradient/i.test(f.pattern)) fill.pattern = f.pattern as Excel.FillPattern;
  if (f.color) fill.color = f.color;
  if (!api19) return;
  if (f.patternColor && f.pattern && !/^(Solid|None)$|Gradient/i.test(f.pattern)) fill.patternColor = f.patternColor;
  if (f.tintAndShade) fill.tintAndShade = f.tintAndShade;
  if (f.patternTintAndShade) fill.patternTintAndShade = f.patternTintAndShade;
}

/** An error for the task pane: one line of Chinese, the host's own message after it, the original as cause. */
function hostError(what: string, e: unknown): Error {
  const detail = e instanceof Error ? e.message : String(e);
  const err = new Error(`${what}：${detail}（工作表或工作簿可能受保护，或正在编辑单元格）`);
  (err as Error & { cause?: unknown }).cause = e;
  return err;
}

function anchorOf(area: string): string {
  return area.split(':')[0].replace(/\$/g, '');
}

/**
 * Findings and written fixes → marked areas, by the mark plan the annotated copy uses (src/format/marks.ts);
 * a cell inside a merged area marks that area (anchored at its top-left cell).
 */
function planTargets(findings: Finding[], written: CellFix[], state: HostState): Target[] {
  const areas = new Map<string, MergeArea>();
  const anchorOf = (sheet: string, cell: string) => {
    const s = state.sheets.get(sheet.toLowerCase());
    if (!s) return undefined;
    let pos: { row: number; col: number };
    try {
      pos = parseA1(cell);
    } catch {
      return undefined;
    }
    // (a merge over whole rows or columns is marked at its top-left cell only)
    const merge = s.merges.find(
      (m) => m.top <= pos.row && pos.row <= m.bottom && m.left <= pos.col && pos.col <= m.right && (m.bottom - m.top + 1) * (m.right - m.left + 1) <= MAX_MARKED_AREA,
    );
    const area = merge ?? { top: pos.row, left: pos.col, bottom: pos.row, right: pos.col };
    const anchor = a1(area.top, area.left);
    areas.set(`${s.name}!${anchor}`, area);
    return { sheet: s.name, cell: anchor };
  };
  return planMarks(findings, written, anchorOf).map((m) => ({
    sheet: m.sheet,
    area: areas.get(`${m.sheet}!${m.cell}`)!,
    anchor: m.cell,
    severity: m.kind,
    lines: m.lines,
  }));
}
