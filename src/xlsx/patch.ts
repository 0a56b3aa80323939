/**
 * The annotated copy as a patch of the package, not a re-save (issue 10).
 *
 * Every zip entry the marks do not need is copied as it is (JSZip passes an unchanged entry's compressed bytes
 * through). The entries that change are edited as text, by adding to them:
 *  - a marked sheet's XML gains <conditionalFormatting> rules (type "expression", formula markFormula(kind)), an
 *    auto-filled cell gets its <v> (in its existing <c>, style kept; never a formula cell), and a <legacyDrawing>
 *    when the sheet had no notes;
 *  - styles.xml gains the differential formats (<dxf>) of the fills;
 *  - notes go into the sheet's legacy comments part and VML drawing (created with their relationships and content
 *    types when the sheet has none), only on cells without a note: a cell with one is listed in the results sheet;
 *  - the results sheet (RESULT_SHEET, another name when the user has a sheet of that name) is a new part, with its
 *    relationship, content type, <sheet> entry and the workbook-level defined name RESULT_SHEET_NAME_MARKER that
 *    makes it the product's. A results sheet of an earlier copy (found by that name) is replaced; no user sheet is.
 * Sheets are edited as a stream of tokens (xml-scan.ts): memory follows the largest entry, never the sheet's grid.
 */
import JSZip from 'jszip';
import type { CellFix, Finding } from '../model/finding';
import { a1, parseA1 } from '../model/address';
import {
  FILLS,
  RESULT_ITEM_COLUMNS,
  RESULT_SHEET,
  RESULT_PLACE_COLUMN,
  RESULT_SEVERITY_COLUMN,
  RESULT_SHEET_NAME_MARKER,
  keptNoteRow,
  markFormula,
  markKindOf,
  noteText,
  planMarks,
  resultItemRow,
  resultSections,
  NOTE_KEPT_TITLE,
  type CellMark,
  type MarkKind,
} from '../format/marks';
import { ooxmlText, xmlAttr, xmlText } from '../format/safe-text';
import { CopyError, MAX_PART_BYTES } from './errors';
import { XmlScanner, attrOf, attrsOf, decodeEntities, editXml, prefixOf, scanXml, type Token } from './xml-scan';
import { streamEntry } from './zip-stream';

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL = {
  officeDocument: `${NS_REL}/officeDocument`,
  worksheet: `${NS_REL}/worksheet`,
  styles: `${NS_REL}/styles`,
  comments: `${NS_REL}/comments`,
  vml: `${NS_REL}/vmlDrawing`,
};
const CT = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
};
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const KIND_ORDER: MarkKind[] = ['error', 'warning', 'info', 'fixed'];

/** Children of <worksheet> that come after <conditionalFormatting> (ECMA-376 CT_Worksheet order). */
const AFTER_CF = new Set([
  'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks',
  'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF',
  'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst',
]);
/** Children of <worksheet> that come after <legacyDrawing>. */
const AFTER_LEGACY = new Set(['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst']);
/** Children of <workbook> that come after <definedNames>. */
const AFTER_NAMES = new Set([
  'calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing',
  'fileRecoveryPr', 'webPublishObjects', 'extLst',
]);
/** Children of <styleSheet> that come after <dxfs>. */
const AFTER_DXFS = new Set(['tableStyles', 'colors', 'extLst']);

export interface PatchReport {
  /** Name of the results sheet in the copy. */
  resultSheet: string;
  /** Cells that got a note. */
  notesAdded: number;
  /** Marks on cells that already had a note: listed in the results sheet instead. */
  notesKept: CellMark[];
  /** Fixes written into the copy. */
  fixesWritten: CellFix[];
  /** Fixes not written (the cell holds a formula in the file, or the sheet is not a worksheet). */
  fixesSkipped: CellFix[];
  /** Entries of the package that the patch changed or added (all others are byte-identical). */
  changed: string[];
  added: string[];
}

export interface PatchOptions {
  /** What messages call the file. */
  displayName?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Package helpers

interface Rel {
  id: string;
  type: string;
  /** Resolved part name, without a leading slash. */
  target: string;
  external: boolean;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

function resolvePath(baseDir: string, target: string): string {
  const raw = target.startsWith('/') ? target.slice(1) : baseDir + target;
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** Relative reference from the folder of `from` to `to` (both part names). */
function relativeTo(from: string, to: string): string {
  const a = dirOf(from).split('/').filter(Boolean);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

function relsPathOf(part: string): string {
  return `${dirOf(part)}_rels/${part.slice(dirOf(part).length)}.rels`;
}

/** Prefix ('x:' or '') bound to `ns` on the root tag, or undefined. */
function prefixFor(rootTag: string, ns: string): string | undefined {
  for (const a of attrsOf(rootTag)) {
    if (a.value !== ns) continue;
    if (a.name === 'xmlns') return '';
    if (a.name.startsWith('xmlns:')) return `${a.name.slice(6)}:`;
  }
  return undefined;
}

function rootTagOf(text: string): string {
  let root = '';
  const scanner = new XmlScanner((t) => {
    if (!root && (t.kind === 'open' || t.kind === 'empty')) root = t.raw;
  });
  // The root is near the start; only a bounded head is scanned.
  scanner.write(text.slice(0, 1 << 16));
  return root;
}

class Package {
  private readonly lower = new Map<string, string>();
  readonly changed = new Set<string>();
  readonly added = new Set<string>();

  constructor(readonly zip: JSZip, private readonly file: string) {
    zip.forEach((p, f) => {
      if (!f.dir) this.lower.set(p.toLowerCase(), p);
    });
  }

  /** The entry's real name (names are matched case-insensitively, as Office does). */
  name(part: string): string | undefined {
    const p = part.replace(/^\/+/, '');
    return this.zip.file(p) ? p : this.lower.get(p.toLowerCase());
  }

  has(part: string): boolean {
    return this.name(part) !== undefined;
  }

  size(part: string): number {
    const n = this.name(part);
    const data = n ? (this.zip.files[n] as unknown as { _data?: { uncompressedSize?: number } })._data : undefined;
    return data?.uncompressedSize ?? 0;
  }

  private checkSize(part: string): void {
    if (this.size(part) > MAX_PART_BYTES) throw new CopyError('too_large', this.file, part);
  }

  async text(part: string): Promise<string | undefined> {
    const n = this.name(part);
    if (!n) return undefined;
    this.checkSize(n);
    const bytes = await this.zip.file(n)!.async('uint8array');
    return decodeXmlBytes(bytes, this.file, n);
  }

  put(part: string, data: string | Uint8Array): void {
    const existing = this.name(part);
    const n = existing ?? part;
    // The same input gives the same copy, byte for byte: a changed entry keeps its date, an added one takes the
    // package's latest (JSZip would stamp the time of writing), and no folder entries are made up for new parts.
    const date = existing ? this.zip.files[existing].date : this.latestDate();
    this.zip.file(n, typeof data === 'string' ? new TextEncoder().encode(data) : data, { binary: true, compression: 'DEFLATE', date, createFolders: false });
    if (!this.added.has(n)) (existing ? this.changed : this.added).add(n);
  }

  private latest: Date | undefined;
  private latestDate(): Date {
    if (!this.latest) {
      let t = 315532800000; // 1980-01-01, the earliest date a zip can hold
      for (const f of Object.values(this.zip.files)) if (!f.dir && !this.added.has(f.name) && f.date && f.date.getTime() > t) t = f.date.getTime();
      this.latest = new Date(t);
    }
    return this.latest;
  }

  /** A part name not yet in the package: `${stem}${n}${ext}` with the smallest n ≥ 1. */
  freeName(stem: string, ext: string): string {
    for (let n = 1; ; n++) {
      const p = `${stem}${n}${ext}`;
      if (!this.has(p) && !this.added.has(p)) return p;
    }
  }

  async rels(part: string): Promise<Rel[]> {
    const text = await this.text(relsPathOf(part));
    if (text === undefined) return [];
    const base = dirOf(part);
    const rels: Rel[] = [];
    scanXml(text, (t) => {
      if ((t.kind === 'open' || t.kind === 'empty') && t.local === 'Relationship') {
        const external = attrOf(t.raw, 'TargetMode') === 'External';
        const target = attrOf(t.raw, 'Target') ?? '';
        rels.push({ id: attrOf(t.raw, 'Id') ?? '', type: attrOf(t.raw, 'Type') ?? '', target: external ? target : resolvePath(base, target), external });
      }
    });
    return rels;
  }

  /** Adds relationships to a part's .rels (creating it), returns nothing; ids must be fresh (see freshRelId). */
  async addRels(part: string, add: { id: string; type: string; target: string }[]): Promise<void> {
    if (!add.length) return;
    const relsPath = relsPathOf(part);
    const xml = add.map((r) => `<Relationship Id="${xmlAttr(r.id)}" Type="${xmlAttr(r.type)}" Target="${xmlAttr(relativeTo(part, r.target))}"/>`).join('');
    const text = await this.text(relsPath);
    if (text === undefined) {
      this.put(relsPath, `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}">${xml}</Relationships>`);
      return;
    }
    this.put(relsPath, appendToRoot(text, xml, relsPath, this.file));
  }
}

function decodeXmlBytes(bytes: Uint8Array, file: string, part: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new CopyError('utf16', file, part);
  // ignoreBOM keeps a UTF-8 byte order mark in the text, so the edited part starts as the original did.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/** Inserts `xml` just before the root's end tag (turning an empty root into a full one). */
function appendToRoot(text: string, xml: string, part: string, file: string): string {
  let done = false;
  const out = editXml(text, (t, depth) => {
    if (done || depth !== 0) return undefined;
    if (t.kind === 'close') {
      done = true;
      return xml + t.raw;
    }
    if (t.kind === 'empty') {
      done = true;
      return `${t.raw.replace(/\s*\/>$/, '>')}${xml}</${t.name}>`;
    }
    return undefined;
  });
  if (!done) throw new CopyError('corrupt', file, part);
  return out;
}

/** Inserts `xml` as the last child of the first element named `local` at depth 1, or returns undefined. */
function appendToChild(text: string, local: string, xml: string): string | undefined {
  let done = false;
  let inside = false;
  const out = editXml(text, (t, depth) => {
    if (done) return undefined;
    if (depth === 1 && t.local === local) {
      if (t.kind === 'empty') {
        done = true;
        return `${t.raw.replace(/\s*\/>$/, '>')}${xml}</${t.name}>`;
      }
      if (t.kind === 'open') inside = true;
      else if (t.kind === 'close' && inside) {
        done = true;
        return xml + t.raw;
      }
    }
    return undefined;
  });
  return done ? out : undefined;
}

function freshRelId(taken: Iterable<string>): () => string {
  const used = new Set(taken);
  let n = 1;
  return () => {
    while (used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    used.add(id);
    return id;
  };
}

function validRef(ref: string): { row: number; col: number } | undefined {
  try {
    const p = parseA1(ref);
    return p.row >= 1 && p.row <= 1_048_576 && p.col >= 1 && p.col <= 16_384 ? p : undefined;
  } catch {
    return undefined;
  }
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

// ---------------------------------------------------------------------------------------------------------
// Differential formats

class Dxfs {
  private readonly ids = new Map<string, number>();
  private readonly xml: string[] = [];
  constructor(private readonly base: number) {}

  private id(key: string, xml: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.base + this.xml.length;
      this.ids.set(key, id);
      this.xml.push(xml);
    }
    return id;
  }
  fill(kind: MarkKind): number {
    const c = FILLS[kind];
    // In a differential format a solid fill's colour is its bgColor; fgColor is given too for other readers.
    return this.id(kind, `<dxf><fill><patternFill patternType="solid"><fgColor rgb="${c}"/><bgColor rgb="${c}"/></patternFill></fill></dxf>`);
  }
  bold(): number {
    return this.id('bold', '<dxf><font><b/></font></dxf>');
  }
  link(): number {
    return this.id('link', '<dxf><font><u/><color rgb="FF0563C1"/></font></dxf>');
  }
  get added(): string[] {
    return this.xml;
  }
}

function countDxfs(styles: string | undefined): number {
  if (!styles) return 0;
  let n = 0;
  let inDxfs = false;
  scanXml(styles, (t, depth) => {
    if (depth === 1 && t.local === 'dxfs') inDxfs = t.kind === 'open';
    else if (inDxfs && depth === 2 && t.local === 'dxf' && (t.kind === 'open' || t.kind === 'empty')) n++;
  });
  return n;
}

function addDxfs(styles: string, dxfs: string[], prefix: string): string {
  const xml = dxfs.map((d) => (prefix ? d.replace(/<(\/?)([a-zA-Z])/g, `<$1${prefix}$2`) : d)).join('');
  let done = false;
  let inDxfs = false;
  const total = () => countDxfs(styles) + dxfs.length;
  const out = editXml(styles, (t, depth) => {
    if (done) return undefined;
    if (depth === 1 && t.local === 'dxfs') {
      if (t.kind === 'empty') {
        done = true;
        return `${withAttr(t.raw, 'count', String(total())).replace(/\s*\/>$/, '>')}${xml}</${t.name}>`;
      }
      if (t.kind === 'open') {
        inDxfs = true;
        return t.raw.includes('count=') ? withAttr(t.raw, 'count', String(total())) : undefined;
      }
      if (t.kind === 'close' && inDxfs) {
        done = true;
        return xml + t.raw;
      }
    }
    if (depth === 1 && (t.kind === 'open' || t.kind === 'empty') && AFTER_DXFS.has(t.local)) {
      done = true;
      return `<${prefix}dxfs count="${dxfs.length}">${xml}</${prefix}dxfs>${t.raw}`;
    }
    if (depth === 0 && t.kind === 'close') {
      done = true;
      return `<${prefix}dxfs count="${dxfs.length}">${xml}</${prefix}dxfs>${t.raw}`;
    }
    return undefined;
  });
  return out;
}

/** The tag with attribute `name` set to `value` (replaced when present, else added). */
function withAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${xmlAttr(value)}"`);
  return tag.replace(/(\s*\/?>)$/, ` ${name}="${xmlAttr(value)}"$1`);
}

// ---------------------------------------------------------------------------------------------------------
// The worksheet stream

interface SheetPlan {
  part: string;
  /** Fixes of this sheet by row, each row's by column. */
  fixes: Map<number, Map<number, CellFix>>;
  /** Called once the sheet's cells are known: the conditional formats and whether notes need a <legacyDrawing>. */
  conditionalFormats(priorityAfter: number, written: CellFix[]): string;
  legacyDrawing(existing: boolean): string;
}

interface SheetOutcome {
  written: CellFix[];
  skipped: CellFix[];
  /** r:id of the sheet's own <legacyDrawing>, when it had one. */
  legacyRid?: string;
}

/** Streams a worksheet part through the editor; returns the new bytes and what happened. */
async function editSheet(pkg: Package, plan: SheetPlan, file: string): Promise<{ bytes: Uint8Array; outcome: SheetOutcome }> {
  const entry = pkg.zip.file(pkg.name(plan.part)!)!;
  if (pkg.size(plan.part) > MAX_PART_BYTES) throw new CopyError('too_large', file, plan.part);
  const encoder = new TextEncoder();
  const pieces: Uint8Array[] = [];
  let pending: string[] = [];
  let pendingLen = 0;
  const out = (s: string) => {
    pending.push(s);
    pendingLen += s.length;
    if (pendingLen > 1 << 20) flush();
  };
  const flush = () => {
    if (!pending.length) return;
    pieces.push(encoder.encode(pending.join('')));
    pending = [];
    pendingLen = 0;
  };

  const outcome: SheetOutcome = { written: [], skipped: [] };
  const editor = new SheetEditor(plan, outcome, out);
  const scanner = new XmlScanner((t) => editor.token(t));
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let first = true;
  let total = 0;
  await streamEntry(
    entry,
    (chunk) => {
      if (first) {
        first = false;
        if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) throw new CopyError('utf16', file, plan.part);
      }
      total += chunk.length;
      if (total > MAX_PART_BYTES) throw new CopyError('too_large', file, plan.part);
      scanner.write(decoder.decode(chunk, { stream: true }));
    },
    () => {
      scanner.write(decoder.decode());
      scanner.end();
      editor.finish();
    },
  );
  flush();
  let size = 0;
  for (const p of pieces) size += p.length;
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of pieces) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, outcome };
}

class SheetEditor {
  private depth = 0;
  private prefix = '';
  private rootSeen = false;
  private ended = false;
  private inSheetData = false;
  private inCols = false;
  private cfDone = false;
  private legacyDone = false;
  private maxPriority = 0;
  private readonly colStyles: { min: number; max: number; style: string }[] = [];
  /** Fix rows still to place, ascending. */
  private readonly rows: number[];
  private rowIndex = 0;
  // the open row
  private rowNo = 0;
  private rowStyle: string | undefined;
  private rowFixes: [number, CellFix][] = [];
  private colNo = 0;
  private insertedBefore = false;
  // a captured element: a fix's cell, or a conditionalFormatting block (to drop an earlier copy's marks)
  private capture: { kind: 'cell' | 'cf'; tokens: Token[]; depth: number; fix?: CellFix; ref?: string } | null = null;

  constructor(
    private readonly plan: SheetPlan,
    private readonly outcome: SheetOutcome,
    private readonly out: (s: string) => void,
  ) {
    this.rows = [...plan.fixes.keys()].sort((a, b) => a - b);
  }

  token(t: Token): void {
    if (t.kind === 'close') this.depth--;
    const depth = this.depth;
    if (this.capture) {
      this.capture.tokens.push(t);
      if (t.kind === 'open') this.depth++;
      if (t.kind === 'close' && depth === this.capture.depth) this.endCapture();
      return;
    }
    this.handle(t, depth);
    if (t.kind === 'open') this.depth++;
  }

  finish(): void {
    if (!this.ended) throw new Error('worksheet XML ends before </worksheet>');
  }

  private handle(t: Token, depth: number): void {
    const { out } = this;
    const opening = t.kind === 'open' || t.kind === 'empty';
    if (depth === 0 && opening && !this.rootSeen) {
      this.rootSeen = true;
      this.prefix = prefixOf(t.name);
      if (t.kind === 'empty') {
        // <worksheet/>: no sheetData at all.
        this.ended = true;
        out(t.raw.replace(/\s*\/>$/, '>') + this.sheetDataRest(true) + this.tail() + `</${t.name}>`);
        return;
      }
      return out(t.raw);
    }
    if (depth === 0 && t.kind === 'close') {
      this.ended = true;
      return out(this.tail() + t.raw);
    }
    if (depth === 1) {
      if (opening && this.inSheetData === false && t.local !== 'sheetData') {
        if (AFTER_CF.has(t.local) && !this.cfDone) out(this.cf());
        if (AFTER_LEGACY.has(t.local) && !this.legacyDone) out(this.legacy(false));
        if (t.local === 'legacyDrawing') {
          this.legacyDone = true;
          this.outcome.legacyRid = attrOf(t.raw, 'id');
          out(this.plan.legacyDrawing(true));
        }
        if (t.local === 'cols') this.inCols = t.kind === 'open';
        if (t.local === 'conditionalFormatting' && t.kind === 'open') {
          this.capture = { kind: 'cf', tokens: [t], depth };
          return;
        }
        return out(t.raw);
      }
      if (t.local === 'sheetData') {
        if (t.kind === 'empty') return out(t.raw.replace(/\s*\/>$/, '>') + this.sheetDataRest(false) + `</${t.name}>`);
        if (t.kind === 'open') {
          this.inSheetData = true;
          return out(t.raw);
        }
        if (t.kind === 'close') {
          this.inSheetData = false;
          return out(this.remainingRows() + t.raw);
        }
      }
      if (t.kind === 'close' && t.local === 'cols') this.inCols = false;
      return out(t.raw);
    }
    if (this.inCols && depth === 2 && opening && t.local === 'col') {
      const style = attrOf(t.raw, 'style');
      if (style && style !== '0') this.colStyles.push({ min: Number(attrOf(t.raw, 'min')), max: Number(attrOf(t.raw, 'max')), style });
      return out(t.raw);
    }
    if (this.inSheetData && depth === 2 && t.local === 'row') {
      if (!opening) {
        return out(this.rowRest() + t.raw);
      }
      const rAttr = attrOf(t.raw, 'r');
      const r = rAttr ? parseInt(rAttr, 10) : this.rowNo + 1;
      let raw = t.raw;
      const before = this.rowsBefore(r);
      if (before && !rAttr) raw = withAttr(raw, 'r', String(r));
      out(before);
      this.rowNo = r;
      this.colNo = 0;
      this.insertedBefore = false;
      this.rowStyle = attrOf(raw, 'customFormat') === '1' || attrOf(raw, 'customFormat') === 'true' ? attrOf(raw, 's') : undefined;
      const fixes = this.plan.fixes.get(r);
      if (fixes && this.rows[this.rowIndex] === r) {
        this.rowIndex++;
        this.rowFixes = [...fixes.entries()].sort((a, b) => a[0] - b[0]);
      } else this.rowFixes = [];
      if (t.kind === 'empty') {
        if (!this.rowFixes.length) return out(raw);
        return out(raw.replace(/\s*\/>$/, '>') + this.rowRest() + `</${t.name}>`);
      }
      return out(raw);
    }
    if (this.inSheetData && depth === 3 && opening && t.local === 'c' && this.rowFixes.length) {
      const rAttr = attrOf(t.raw, 'r');
      const col = rAttr ? (validRef(rAttr)?.col ?? this.colNo + 1) : this.colNo + 1;
      this.colNo = col;
      let raw = t.raw;
      const before = this.cellsBefore(col);
      if (before) {
        out(before);
        if (!rAttr) raw = withAttr(raw, 'r', a1(this.rowNo, col));
      }
      if (this.rowFixes.length && this.rowFixes[0][0] === col) {
        const fix = this.rowFixes.shift()![1];
        if (t.kind === 'empty') {
          this.outcome.written.push(fix);
          return out(this.valueCell({ ...t, raw }, fix));
        }
        this.capture = { kind: 'cell', tokens: [{ ...t, raw }], depth, fix };
        return;
      }
      return out(raw);
    }
    if (this.inSheetData && depth === 3 && opening && t.local === 'c') {
      const rAttr = attrOf(t.raw, 'r');
      this.colNo = rAttr ? (validRef(rAttr)?.col ?? this.colNo + 1) : this.colNo + 1;
      return out(t.raw);
    }
    return out(t.raw);
  }

  private endCapture(): void {
    const cap = this.capture!;
    this.capture = null;
    if (cap.kind === 'cf') {
      // An earlier copy's marks (every rule ours) are replaced by this run's; any other block is kept as it is.
      const rules: string[] = [];
      let formula: string | null = null;
      let mine = true;
      let any = false;
      for (const t of cap.tokens) {
        const p = attrOf(t.raw, 'priority');
        if (p && /^\d+$/.test(p)) this.maxPriority = Math.max(this.maxPriority, Number(p));
        if (t.local === 'cfRule' && (t.kind === 'open' || t.kind === 'empty')) any = true;
        if (t.local === 'cfRule' && t.kind === 'empty') mine = false;
        if (t.local === 'formula' && t.kind === 'open') formula = '';
        else if (t.local === 'formula' && t.kind === 'close') {
          rules.push(formula ?? '');
          formula = null;
        } else if (formula !== null && t.kind === 'text') formula += decodeEntities(t.raw);
      }
      if (!any || !rules.length || rules.some((f) => markKindOf(f) === undefined)) mine = false;
      if (!mine) this.out(cap.tokens.map((t) => t.raw).join(''));
      return;
    }
    const fix = cap.fix!;
    const hasFormula = cap.tokens.some((t) => t.local === 'f' && (t.kind === 'open' || t.kind === 'empty'));
    if (hasFormula) {
      this.outcome.skipped.push(fix);
      this.out(cap.tokens.map((t) => t.raw).join(''));
      return;
    }
    this.outcome.written.push(fix);
    this.out(this.valueCell(cap.tokens[0], fix));
  }

  /** The cell with its value: the open tag's attributes kept but the type and value metadata, its content replaced. */
  private valueCell(open: Token, fix: CellFix): string {
    const p = this.prefix;
    const attrs = attrsOf(open.raw).filter((a) => !['t', 'vm', 'cm'].includes(a.name));
    return `<${open.name}${attrs.map((a) => ` ${a.raw}`).join('')}><${p}v>${xmlText(numberText(fix.value))}</${p}v></${open.name}>`;
  }

  private newCell(row: number, col: number, fix: CellFix): string {
    this.outcome.written.push(fix);
    const p = this.prefix;
    const style = this.rowStyle ?? this.colStyles.find((c) => col >= c.min && col <= c.max)?.style;
    return `<${p}c r="${a1(row, col)}"${style ? ` s="${xmlAttr(style)}"` : ''}><${p}v>${xmlText(numberText(fix.value))}</${p}v></${p}c>`;
  }

  private cellsBefore(col: number): string {
    let s = '';
    while (this.rowFixes.length && this.rowFixes[0][0] < col) {
      const [c, fix] = this.rowFixes.shift()!;
      s += this.newCell(this.rowNo, c, fix);
    }
    return s;
  }

  private rowRest(): string {
    let s = '';
    while (this.rowFixes.length) {
      const [c, fix] = this.rowFixes.shift()!;
      s += this.newCell(this.rowNo, c, fix);
    }
    return s;
  }

  /** New rows for the fixes of rows before r that the sheet does not have. */
  private rowsBefore(r: number): string {
    let s = '';
    while (this.rowIndex < this.rows.length && this.rows[this.rowIndex] < r) s += this.newRow(this.rows[this.rowIndex++]);
    return s;
  }

  private remainingRows(): string {
    let s = '';
    while (this.rowIndex < this.rows.length) s += this.newRow(this.rows[this.rowIndex++]);
    return s;
  }

  private newRow(r: number): string {
    const p = this.prefix;
    const fixes = [...(this.plan.fixes.get(r)?.entries() ?? [])].sort((a, b) => a[0] - b[0]);
    const saveStyle = this.rowStyle;
    this.rowStyle = undefined;
    const cells = fixes.map(([c, fix]) => this.newCell(r, c, fix)).join('');
    this.rowStyle = saveStyle;
    return `<${p}row r="${r}">${cells}</${p}row>`;
  }

  private sheetDataRest(wrap: boolean): string {
    const rows = this.remainingRows();
    return wrap ? `<${this.prefix}sheetData>${rows}</${this.prefix}sheetData>` : rows;
  }

  private cf(): string {
    this.cfDone = true;
    return this.plan.conditionalFormats(this.maxPriority, this.outcome.written);
  }

  private legacy(existing: boolean): string {
    this.legacyDone = true;
    return this.plan.legacyDrawing(existing);
  }

  private tail(): string {
    let s = '';
    if (!this.cfDone) s += this.cf();
    if (!this.legacyDone) s += this.legacy(false);
    return s;
  }
}

/** A fix's value as SpreadsheetML number text (a plain decimal). */
function numberText(v: string): string {
  const t = v.trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) {
    const n = Number(t);
    if (!Number.isFinite(n)) throw new Error(`not a number: ${v}`);
    return String(n);
  }
  return t;
}

// ---------------------------------------------------------------------------------------------------------
// Notes: legacy comments part + VML drawing

async function existingNoteRefs(pkg: Package, rels: Rel[]): Promise<Set<string>> {
  const refs = new Set<string>();
  for (const r of rels) {
    if (r.external || !/\/(comments|threadedComment)$/.test(r.type)) continue;
    const text = await pkg.text(r.target);
    if (text === undefined) continue;
    scanXml(text, (t) => {
      if ((t.kind === 'open' || t.kind === 'empty') && (t.local === 'comment' || t.local === 'threadedComment')) {
        const ref = attrOf(t.raw, 'ref');
        if (ref) refs.add(ref.replace(/\$/g, '').toUpperCase());
      }
    });
  }
  return refs;
}

function commentXml(p: string, ref: string, authorId: number, text: string): string {
  return `<${p}comment ref="${ref}" authorId="${authorId}"><${p}text><${p}r><${p}rPr><${p}sz val="9"/></${p}rPr><${p}t xml:space="preserve">${ooxmlText(text)}</${p}t></${p}r></${p}text></${p}comment>`;
}

const AUTHOR = '预算公开校验助手';

/** Adds the notes to an existing comments part (our author appended, comments appended). */
function addToComments(text: string, notes: { ref: string; text: string }[], part: string, file: string): string {
  const root = rootTagOf(text);
  const p = prefixOf(/^<([^\s/>]+)/.exec(root)?.[1] ?? '');
  let authors = 0;
  let inAuthors = false;
  scanXml(text, (t, depth) => {
    if (depth === 1 && t.local === 'authors') inAuthors = t.kind === 'open';
    else if (inAuthors && depth === 2 && t.local === 'author' && (t.kind === 'open' || t.kind === 'empty')) authors++;
  });
  const authorXml = `<${p}author>${xmlText(AUTHOR)}</${p}author>`;
  const commentsXml = notes.map((n) => commentXml(p, n.ref, authors, n.text)).join('');
  let withAuthor = appendToChild(text, 'authors', authorXml);
  if (withAuthor === undefined) {
    // No <authors> (invalid but seen): put one first in the root.
    let done = false;
    withAuthor = editXml(text, (t, depth) => {
      if (done || depth !== 0 || t.kind !== 'open') return undefined;
      done = true;
      return `${t.raw}<${p}authors>${authorXml}</${p}authors>`;
    });
    if (!done) throw new CopyError('corrupt', file, part);
  }
  const withComments = appendToChild(withAuthor, 'commentList', commentsXml);
  return withComments ?? appendToRoot(withAuthor, `<${p}commentList>${commentsXml}</${p}commentList>`, part, file);
}

function newComments(notes: { ref: string; text: string }[]): string {
  return `${XML_DECL}<comments xmlns="${NS_MAIN}"><authors><author>${xmlText(AUTHOR)}</author></authors><commentList>${notes
    .map((n) => commentXml('', n.ref, 0, n.text))
    .join('')}</commentList></comments>`;
}

const SHAPETYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function vmlShape(id: number, row: number, col: number, z: number): string {
  // Anchor: the note box to the right of the cell (columns col+1..col+3, rows row-1..row+3), hidden until hovered.
  const r0 = row - 1;
  const c0 = col - 1;
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:180pt;height:80pt;z-index:${z};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${c0 + 1}, 15, ${Math.max(0, r0 - 1)}, 2, ${c0 + 4}, 15, ${r0 + 4}, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${r0}</x:Row><x:Column>${c0}</x:Column></x:ClientData></v:shape>`
  );
}

async function usedIdBlocks(pkg: Package): Promise<number[]> {
  const blocks: number[] = [];
  const names: string[] = [];
  pkg.zip.forEach((p, f) => {
    if (!f.dir && /\.vml$/i.test(p)) names.push(p);
  });
  for (const n of names) {
    const text = await pkg.text(n);
    for (const m of text?.matchAll(/<o:idmap\b[^>]*\bdata\s*=\s*"([^"]*)"/gi) ?? []) for (const d of m[1].split(/[,\s]+/)) if (/^\d+$/.test(d)) blocks.push(Number(d));
  }
  return blocks;
}

function newVml(cells: { row: number; col: number }[], firstBlock: number): string {
  const blocks = Math.max(1, Math.ceil((cells.length + 1) / 1024));
  const data = Array.from({ length: blocks }, (_, i) => firstBlock + i).join(',');
  const shapes = cells.map((c, i) => vmlShape(firstBlock * 1024 + 1 + i, c.row, c.col, i + 1)).join('');
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${data}"/></o:shapelayout>${SHAPETYPE}${shapes}</xml>`
  );
}

/** Appends note shapes to an existing VML drawing (VML is not always well-formed XML: plain text edits only). */
function addToVml(text: string, cells: { row: number; col: number }[], part: string, file: string): string {
  const end = text.toLowerCase().lastIndexOf('</xml>');
  if (end < 0) throw new CopyError('corrupt', file, part);
  let max = 1024;
  for (const m of text.matchAll(/_x0000_s(\d+)/g)) max = Math.max(max, Number(m[1]));
  const hasType = /id\s*=\s*["']_x0000_t202["']/.test(text);
  const shapes = cells.map((c, i) => vmlShape(max + 1 + i, c.row, c.col, 1000 + i)).join('');
  // The shapes use the v: o: x: prefixes; an existing drawing that binds them otherwise gets them declared here.
  const wrap = /xmlns:v\s*=\s*["']urn:schemas-microsoft-com:vml["']/.test(text) && /xmlns:x\s*=\s*["']urn:schemas-microsoft-com:office:excel["']/.test(text);
  const add = (hasType ? '' : SHAPETYPE) + shapes;
  const ins = wrap
    ? add
    : `<v:group xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">${add}</v:group>`;
  return text.slice(0, end) + ins + text.slice(end);
}

// ---------------------------------------------------------------------------------------------------------
// The results sheet

/** Points per line of wrapped 11 pt text (CJK fonts stand a little taller than Calibri's 15). */
const LINE_HEIGHT_PT = 16;

/**
 * How many lines a text takes in a column `width` characters wide once wrapped: a CJK or full-width character
 * takes two units, others one (column widths count the digit 0 of the default font); each line break starts a line.
 */
function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  let lines = 0;
  for (const para of text.split('\n')) {
    let w = 0;
    for (const ch of para) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
    lines += Math.max(1, Math.ceil(w / usable));
  }
  return Math.max(1, lines);
}

function cellXml(ref: string, v: string | number, style = ''): string {
  if (typeof v === 'number') return `<c r="${ref}"${style}><v>${v}</v></c>`;
  if (v === '') return '';
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${ooxmlText(v)}</t></is></c>`;
}

/**
 * The results sheet (issue 11 item 8): a document — errors first, by sections (resultSections), the 舍位 group's rows
 * folded under its title row (an outline group, collapsed); 应为/实为 columns; text wrapped (style `wrapXf`, top
 * aligned); printed landscape on A4, fit to one page wide, the header row repeated on every page (the print titles
 * are a defined name, added by the caller); frozen header; the sheet selected (it is the copy's active sheet).
 */
function resultSheetXml(findings: Finding[], kept: CellMark[], dxfs: Dxfs, wrapXf: number | undefined): string {
  const rows: string[] = [];
  const links: string[] = [];
  const bySeverity = new Map<MarkKind, string[]>();
  const linkCells: string[] = [];
  const titleCells: string[] = [];
  const s = wrapXf === undefined ? '' : ` s="${wrapXf}"`;
  const merges: string[] = [];
  // Rows get the height their wrapped text needs (neither Excel nor LibreOffice fits a row to wrapped text on
  // opening a file); a title row spans the whole width (merged).
  const put = (r: number, values: (string | number)[], attrs = '', span = false) => {
    const widths = span ? [RESULT_ITEM_COLUMNS.reduce((n, c) => n + c.width, 0)] : RESULT_ITEM_COLUMNS.map((c) => c.width);
    const lines = Math.max(1, ...values.map((v, i) => (i < widths.length ? wrappedLines(String(v), widths[i]) : 1)));
    const ht = lines > 1 ? ` ht="${(lines * LINE_HEIGHT_PT + 3).toFixed(1)}" customHeight="1"` : '';
    rows.push(`<row r="${r}"${attrs}${ht}>${values.map((v, i) => cellXml(a1(r, i + 1), v, s)).join('')}</row>`);
    if (span) merges.push(`${a1(r, 1)}:${a1(r, RESULT_ITEM_COLUMNS.length)}`);
  };
  put(1, RESULT_ITEM_COLUMNS.map((c) => c.header));
  const placeCol = RESULT_PLACE_COLUMN + 1;
  let r = 2;
  let n = 0;
  for (const section of resultSections(findings)) {
    // The title row: summary of a folded group stands above its rows (outlinePr summaryBelow="0").
    put(r, [section.title], section.folded ? ' collapsed="1"' : '', true);
    titleCells.push(a1(r, 1));
    r++;
    for (const it of section.items) {
      put(r, resultItemRow(it, n++), section.folded ? ' outlineLevel="1" hidden="1"' : '');
      const sev = bySeverity.get(it.severity) ?? [];
      sev.push(a1(r, RESULT_SEVERITY_COLUMN + 1));
      bySeverity.set(it.severity, sev);
      if (it.sheet && it.cell && validRef(it.cell)) {
        const ref = a1(r, placeCol);
        links.push(`<hyperlink ref="${ref}" location="${xmlAttr(`${quoteSheet(it.sheet)}!${it.cell}`)}" display="${xmlAttr(`${it.sheet}!${it.cell}`)}"/>`);
        linkCells.push(ref);
      }
      r++;
    }
  }
  if (kept.length) {
    r++;
    put(r++, [NOTE_KEPT_TITLE], '', true);
    for (const m of kept) {
      put(r, keptNoteRow(m));
      const ref = a1(r, placeCol);
      links.push(`<hyperlink ref="${ref}" location="${xmlAttr(`${quoteSheet(m.sheet)}!${m.cell}`)}" display="${xmlAttr(`${m.sheet}!${m.cell}`)}"/>`);
      linkCells.push(ref);
      r++;
    }
  }
  let priority = 1;
  const cfs: string[] = [];
  const rule = (sqref: string, dxf: number, formula: string) =>
    cfs.push(`<conditionalFormatting sqref="${sqref}"><cfRule type="expression" dxfId="${dxf}" priority="${priority++}"><formula>${xmlText(formula)}</formula></cfRule></conditionalFormatting>`);
  rule([`A1:${a1(1, RESULT_ITEM_COLUMNS.length)}`, ...titleCells].join(' '), dxfs.bold(), 'TRUE');
  for (const kind of KIND_ORDER) {
    const cells = bySeverity.get(kind);
    if (cells?.length) rule(cells.join(' '), dxfs.fill(kind), markFormula(kind));
  }
  if (linkCells.length) rule(linkCells.join(' '), dxfs.link(), 'TRUE');
  // a column's format is its `style` attribute (ECMA-376 §18.3.1.13), a cell's is `s`
  const colStyle = wrapXf === undefined ? '' : ` style="${wrapXf}"`;
  const cols = RESULT_ITEM_COLUMNS.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}"${colStyle} customWidth="1"/>`).join('');
  return (
    `${XML_DECL}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<sheetPr><outlinePr summaryBelow="0"/><pageSetUpPr fitToPage="1"/></sheetPr>' +
    '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15" outlineLevelRow="1"/><cols>${cols}</cols><sheetData>${rows.join('')}</sheetData>` +
    (merges.length ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '') +
    `${cfs.join('')}` +
    (links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : '') +
    '<printOptions gridLines="1"/>' +
    '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
    '<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter></worksheet>'
  );
}

function uniqueSheetName(base: string, taken: string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const name = `${base} (${n})`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/** The sheet a defined name's formula points at: "'校验结果 (2)'!$A$1" → 校验结果 (2). */
function sheetOfFormula(formula: string): string | undefined {
  const f = formula.trim().replace(/^=/, '');
  const q = /^'((?:[^']|'')+)'!/.exec(f);
  if (q) return q[1].replace(/''/g, "'");
  const u = /^([^!'"]+)!/.exec(f);
  return u ? u[1] : undefined;
}


// ---------------------------------------------------------------------------------------------------------
// Placing the results sheet

/** The results sheet's cell format: wrapped, top-aligned text. */
const WRAP_XF = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>';

/** How many <xf> the styles' cellXfs hold, or undefined when there is no cellXfs (the wrap style is then left out). */
function countCellXfs(styles: string): number | undefined {
  let n: number | undefined;
  let inXfs = false;
  scanXml(styles, (t, depth) => {
    if (depth === 1 && t.local === 'cellXfs') {
      inXfs = t.kind === 'open';
      n ??= 0;
    } else if (inXfs && depth === 2 && t.local === 'xf' && (t.kind === 'open' || t.kind === 'empty')) n = (n ?? 0) + 1;
  });
  return n;
}

function addCellXf(styles: string, xf: string, prefix: string): string {
  const xml = prefix ? xf.replace(/<(\/?)([a-zA-Z])/g, `<$1${prefix}$2`) : xf;
  const total = (countCellXfs(styles) ?? 0) + 1;
  let inXfs = false;
  let done = false;
  return editXml(styles, (t, depth) => {
    if (done || depth !== 1 || t.local !== 'cellXfs') return undefined;
    if (t.kind === 'empty') {
      done = true;
      return `${withAttr(t.raw, 'count', String(total)).replace(/\s*\/>$/, '>')}${xml}</${t.name}>`;
    }
    if (t.kind === 'open') {
      inXfs = true;
      return t.raw.includes('count=') ? withAttr(t.raw, 'count', String(total)) : undefined;
    }
    if (t.kind === 'close' && inXfs) {
      done = true;
      return xml + t.raw;
    }
    return undefined;
  });
}

/** Inserts a <sheet> before the index-th <sheet> of <sheets> (appends when there are fewer). */
function insertSheet(workbook: string, sheetXml: string, index: number): string | undefined {
  let n = 0;
  let done = false;
  const out = editXml(workbook, (t, depth) => {
    if (done) return undefined;
    if (depth === 2 && t.local === 'sheet' && (t.kind === 'open' || t.kind === 'empty')) {
      if (n++ === index) {
        done = true;
        return sheetXml + t.raw;
      }
    }
    return undefined;
  });
  return done ? out : appendToChild(workbook, 'sheets', sheetXml);
}

/** localSheetId of defined names at or after `from` moves one on (a sheet was inserted at `from`). */
function shiftLocalSheetIds(workbook: string, from: number): string {
  return editXml(workbook, (t, depth) => {
    if (depth !== 2 || t.local !== 'definedName' || (t.kind !== 'open' && t.kind !== 'empty')) return undefined;
    const id = Number(attrOf(t.raw, 'localSheetId'));
    if (attrOf(t.raw, 'localSheetId') === undefined || !Number.isInteger(id) || id < from) return undefined;
    return withAttr(t.raw, 'localSheetId', String(id + 1));
  });
}

/** Adds a workbook-level <definedName> (creating <definedNames> in its place when there is none). */
function addDefinedName(workbook: string, definedName: string, wp: string): string {
  const withName = appendToChild(workbook, 'definedNames', definedName);
  if (withName !== undefined) return withName;
  let done = false;
  return editXml(workbook, (t, depth) => {
    if (done) return undefined;
    if ((depth === 1 && (t.kind === 'open' || t.kind === 'empty') && AFTER_NAMES.has(t.local)) || (depth === 0 && t.kind === 'close')) {
      done = true;
      return `<${wp}definedNames>${definedName}</${wp}definedNames>${t.raw}`;
    }
    return undefined;
  });
}

function hasPrintTitles(workbook: string, index: number): boolean {
  let found = false;
  scanXml(workbook, (t, depth) => {
    if (depth === 2 && t.local === 'definedName' && t.kind === 'open' && attrOf(t.raw, 'name') === '_xlnm.Print_Titles' && attrOf(t.raw, 'localSheetId') === String(index)) found = true;
  });
  return found;
}

/** The first workbook view's activeTab (and firstSheet, so the tab is in sight); a <bookViews> when there is none. */
function setActiveTab(workbook: string, index: number, wp: string): string {
  let done = false;
  const out = editXml(workbook, (t, depth) => {
    if (done || depth !== 2 || t.local !== 'workbookView' || (t.kind !== 'open' && t.kind !== 'empty')) return undefined;
    done = true;
    let tag = withAttr(t.raw, 'activeTab', String(index));
    const first = Number(attrOf(tag, 'firstSheet') ?? 0);
    if (first > index) tag = withAttr(tag, 'firstSheet', String(index));
    return tag;
  });
  if (done) return out;
  let placed = false;
  return editXml(workbook, (t, depth) => {
    if (placed || depth !== 1 || t.local !== 'sheets' || (t.kind !== 'open' && t.kind !== 'empty')) return undefined;
    placed = true;
    return `<${wp}bookViews><${wp}workbookView activeTab="${index}"/></${wp}bookViews>${t.raw}`;
  });
}

/** A sheet part with its sheet views no longer selected (tabSelected removed); nothing else changes. */
function unselectSheet(xml: string): string {
  return editXml(xml, (t, depth) => {
    if (depth !== 2 || t.local !== 'sheetView' || (t.kind !== 'open' && t.kind !== 'empty')) return undefined;
    return t.raw.replace(/\s+tabSelected\s*=\s*("[^"]*"|'[^']*')/, '');
  });
}

// ---------------------------------------------------------------------------------------------------------
// The patch

interface WorkbookSheet {
  name: string;
  sheetId: number;
  rid: string;
  part?: string;
  isWorksheet: boolean;
}

/**
 * The annotated copy's bytes: `bytes` (the original .xlsx) with the marks of `findings`, the values of `fixes` and
 * the results sheet. Throws CopyError (a Chinese message) when the package cannot be patched.
 */
export async function patchWorkbook(
  bytes: Uint8Array | ArrayBuffer,
  findings: Finding[],
  fixes: CellFix[] = [],
  options: PatchOptions = {},
): Promise<{ bytes: Uint8Array; report: PatchReport }> {
  const file = options.displayName ?? '工作簿';
  const pkg = await openPackage(bytes, file);
  try {
    return await patchPackage(pkg, findings, fixes, file);
  } catch (e) {
    if (e instanceof CopyError) throw e;
    throw new CopyError('corrupt', file, e instanceof Error ? e.message : String(e));
  }
}

/** The package of `bytes`, each entry to pass through as it came: a zip that cannot be read is a CopyError. */
async function openPackage(bytes: Uint8Array | ArrayBuffer, file: string): Promise<Package> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  } catch (e) {
    throw new CopyError('corrupt', file, String(e));
  }
  // Entries stored without compression stay stored (their bytes pass through); deflated ones pass through as
  // they are because the output's compression is DEFLATE too.
  for (const f of Object.values(zip.files)) {
    const data = (f as unknown as { _data?: { compression?: { magic: string } } })._data;
    if (data?.compression?.magic === '\x00\x00') (f as unknown as { options: { compression: string } }).options.compression = 'STORE';
  }
  return new Package(zip, file);
}

/** The workbook part (by the package's officeDocument relationship, else xl/workbook.xml) and its XML. */
async function workbookPart(pkg: Package, file: string): Promise<{ path: string; xml: string }> {
  const rootRels = await pkg.rels('');
  const target = rootRels.find((r) => r.type === REL.officeDocument || /\/officeDocument$/.test(r.type))?.target ?? 'xl/workbook.xml';
  const path = pkg.name(target) ?? pkg.name('xl/workbook.xml') ?? '';
  const xml = path ? await pkg.text(path) : undefined;
  if (!xml) throw new CopyError('not_workbook', file);
  return { path, xml };
}

/** The package's bytes: changed and added entries deflated, the rest as they came. */
function packageBytes(pkg: Package): Promise<Uint8Array> {
  return pkg.zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

async function patchPackage(pkg: Package, findings: Finding[], fixes: CellFix[], file: string) {
  const { path: workbookPath, xml: workbookXml } = await workbookPart(pkg, file);
  const wbRels = await pkg.rels(workbookPath);
  const relById = new Map(wbRels.map((r) => [r.id, r]));

  // Sheets and the defined names of the workbook.
  const sheets: WorkbookSheet[] = [];
  let markerSheet: string | undefined;
  let inName: string | null = null;
  let nameText = '';
  scanXml(workbookXml, (t, depth) => {
    if (depth === 2 && t.local === 'sheet' && (t.kind === 'open' || t.kind === 'empty')) {
      const rid = attrOf(t.raw, 'id') ?? '';
      const rel = relById.get(rid);
      sheets.push({
        name: attrOf(t.raw, 'name') ?? '',
        sheetId: Number(attrOf(t.raw, 'sheetId')) || 0,
        rid,
        part: rel && !rel.external ? pkg.name(rel.target) : undefined,
        isWorksheet: !!rel && /\/worksheet$/.test(rel.type),
      });
    } else if (depth === 2 && t.local === 'definedName' && t.kind === 'open') {
      const scoped = attrOf(t.raw, 'localSheetId') !== undefined;
      inName = !scoped && attrOf(t.raw, 'name') === RESULT_SHEET_NAME_MARKER ? '' : null;
      nameText = '';
    } else if (inName !== null && t.kind === 'text') nameText += decodeEntities(t.raw);
    else if (inName !== null && depth === 2 && t.kind === 'close') {
      markerSheet = sheetOfFormula(nameText);
      inName = null;
    }
  });
  const ours = markerSheet !== undefined ? sheets.find((s) => s.name === markerSheet && s.isWorksheet && s.part) : undefined;

  // Styles: the differential formats are numbered after the existing ones.
  let stylesPath = wbRels.find((r) => /\/styles$/.test(r.type))?.target;
  stylesPath = stylesPath ? pkg.name(stylesPath) : undefined;
  const stylesXml = stylesPath ? await pkg.text(stylesPath) : undefined;
  const dxfs = new Dxfs(countDxfs(stylesXml));

  // The marks: cells of worksheets that exist, on the grid; never on our own results sheet.
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const usable = (sheet: string, cell: string) => {
    const s = byName.get(sheet);
    return !!s && s.isWorksheet && !!s.part && s !== ours && !!validRef(cell);
  };
  const fixesSkipped: CellFix[] = fixes.filter((f) => !usable(f.sheet, f.cell));
  const fixesOk = fixes.filter((f) => usable(f.sheet, f.cell));
  const findingsOk = findings.filter((f) => f.sheet && f.cells.length && usable(f.sheet, f.cells[0]));

  const report: PatchReport = { resultSheet: '', notesAdded: 0, notesKept: [], fixesWritten: [], fixesSkipped, changed: [], added: [] };
  const contentTypes: string[] = [];
  const wbRid = freshRelId(wbRels.map((r) => r.id));
  let needVmlDefault = false;
  let idBlocks: number[] | null = null;

  const sheetNames = new Set([...findingsOk.map((f) => f.sheet), ...fixesOk.map((f) => f.sheet)]);
  for (const sheet of sheets) {
    if (!sheetNames.has(sheet.name)) continue;
    const part = sheet.part!;
    const sheetFixes = fixesOk.filter((f) => f.sheet === sheet.name);
    const sheetFindings = findingsOk.filter((f) => f.sheet === sheet.name);
    const rels = await pkg.rels(part);
    const noted = await existingNoteRefs(pkg, rels);
    const fixMap = new Map<number, Map<number, CellFix>>();
    for (const fix of sheetFixes) {
      const p = validRef(fix.cell)!;
      const row = fixMap.get(p.row) ?? new Map<number, CellFix>();
      row.set(p.col, fix);
      fixMap.set(p.row, row);
    }
    let marks: CellMark[] = [];
    let notes: CellMark[] = [];
    const rid = freshRelId(rels.map((r) => r.id));
    let legacyRid: string | undefined;
    let commentsRid: string | undefined;
    const plan: SheetPlan = {
      part,
      fixes: fixMap,
      conditionalFormats(priorityAfter, written) {
        marks = planMarks(sheetFindings, written).map((m) => ({ ...m, cell: m.cell.replace(/\$/g, '').toUpperCase() }));
        notes = marks.filter((m) => !noted.has(m.cell));
        report.notesKept.push(...marks.filter((m) => noted.has(m.cell)));
        const p = '';
        let priority = priorityAfter;
        return KIND_ORDER.map((kind) => {
          const cells = marks.filter((m) => m.kind === kind).map((m) => m.cell);
          if (!cells.length) return '';
          return `<${p}conditionalFormatting sqref="${cells.join(' ')}"><${p}cfRule type="expression" dxfId="${dxfs.fill(kind)}" priority="${++priority}"><${p}formula>${xmlText(markFormula(kind))}</${p}formula></${p}cfRule></${p}conditionalFormatting>`;
        }).join('');
      },
      legacyDrawing(existing) {
        if (existing || !notes.length) return '';
        legacyRid = rid();
        return `<legacyDrawing xmlns:r="${NS_REL}" r:id="${legacyRid}"/>`;
      },
    };
    // The editor writes new elements with the root's prefix: patch the plan's output accordingly.
    const { bytes, outcome } = await editSheetPrefixed(pkg, plan, file);
    pkg.put(part, bytes);
    report.fixesWritten.push(...outcome.written);
    report.fixesSkipped.push(...outcome.skipped);

    if (!notes.length) continue;
    const noteCells = notes.map((m) => ({ ...validRef(m.cell)!, ref: m.cell, text: noteText(m) }));
    // The comments part: the sheet's own, or a new one.
    const commentsRel = rels.find((r) => !r.external && /\/comments$/.test(r.type) && pkg.has(r.target));
    if (commentsRel) {
      const name = pkg.name(commentsRel.target)!;
      pkg.put(name, addToComments((await pkg.text(name))!, noteCells, name, file));
    } else {
      const name = pkg.freeName('xl/comments', '.xml');
      pkg.put(name, newComments(noteCells));
      commentsRid = rid();
      contentTypes.push(`<Override PartName="/${xmlAttr(name)}" ContentType="${CT.comments}"/>`);
      await pkg.addRels(part, [{ id: commentsRid, type: REL.comments, target: name }]);
    }
    // The VML drawing: the one the sheet's <legacyDrawing> names, or the one we added the element for.
    const existingVml = outcome.legacyRid ? rels.find((r) => r.id === outcome.legacyRid && !r.external) : undefined;
    if (existingVml && pkg.has(existingVml.target)) {
      const name = pkg.name(existingVml.target)!;
      pkg.put(name, addToVml((await pkg.text(name))!, noteCells, name, file));
    } else if (legacyRid) {
      idBlocks ??= await usedIdBlocks(pkg);
      const first = Math.max(0, ...idBlocks) + 1;
      const blocks = Math.max(1, Math.ceil((noteCells.length + 1) / 1024));
      for (let i = 0; i < blocks; i++) idBlocks.push(first + i);
      const name = pkg.freeName('xl/drawings/vmlDrawing', '.vml');
      pkg.put(name, newVml(noteCells, first));
      needVmlDefault = true;
      await pkg.addRels(part, [{ id: legacyRid, type: REL.vml, target: name }]);
    } else {
      // A <legacyDrawing> whose drawing is missing: the notes cannot be shown, list them instead.
      report.notesKept.push(...notes);
      continue;
    }
    report.notesAdded += notes.length;
  }

  // The results sheet: text wrapped by a cell style of its own (a new <xf> at the end of cellXfs; user cells keep theirs).
  const xfCount = stylesXml === undefined ? 1 : countCellXfs(stylesXml);
  const wrapXf = xfCount === undefined ? undefined : xfCount;
  const resultXml = resultSheetXml(findings, report.notesKept, dxfs, wrapXf);
  let wbOut = workbookXml;
  const root = rootTagOf(workbookXml);
  const wp = prefixOf(/^<([^\s/>]+)/.exec(root)?.[1] ?? '');
  // Where it stands: first after a cover (封面), else first; an earlier copy's results sheet stays where it is.
  let resultIndex: number;
  let resultName: string;
  if (ours) {
    report.resultSheet = resultName = ours.name;
    resultIndex = sheets.indexOf(ours);
    pkg.put(ours.part!, resultXml);
  } else {
    const name = uniqueSheetName(RESULT_SHEET, sheets.map((s) => s.name));
    report.resultSheet = resultName = name;
    resultIndex = sheets.length && /封面/.test(sheets[0].name) ? 1 : 0;
    const part = pkg.freeName(`${dirOf(workbookPath)}worksheets/sheet`, '.xml');
    pkg.put(part, resultXml);
    const rid = wbRid();
    await pkg.addRels(workbookPath, [{ id: rid, type: REL.worksheet, target: part }]);
    contentTypes.push(`<Override PartName="/${xmlAttr(part)}" ContentType="${CT.worksheet}"/>`);
    const sheetId = Math.max(0, ...sheets.map((s) => s.sheetId)) + 1;
    const rp = prefixFor(root, NS_REL);
    const ridAttr = rp ? `${rp}id="${rid}"` : `xmlns:r="${NS_REL}" r:id="${rid}"`;
    const sheetXml = `<${wp}sheet name="${xmlAttr(name)}" sheetId="${sheetId}" ${ridAttr}/>`;
    const withSheet = insertSheet(wbOut, sheetXml, resultIndex);
    if (withSheet === undefined) throw new CopyError('corrupt', file, workbookPath);
    // Sheet-scoped names (print areas, filters) follow their sheets' new positions.
    wbOut = shiftLocalSheetIds(withSheet, resultIndex);
    wbOut = addDefinedName(wbOut, `<${wp}definedName name="${RESULT_SHEET_NAME_MARKER}" hidden="1">${xmlText(`${quoteSheet(name)}!$A$1`)}</${wp}definedName>`, wp);
  }
  // The header row prints on every page.
  if (!hasPrintTitles(wbOut, resultIndex)) {
    wbOut = addDefinedName(wbOut, `<${wp}definedName name="_xlnm.Print_Titles" localSheetId="${resultIndex}">${xmlText(`${quoteSheet(resultName)}!$1:$1`)}</${wp}definedName>`, wp);
  }
  // The copy opens on it: the workbook view's active tab; the sheet that was selected is no longer (else Excel
  // would open the two as a group).
  wbOut = setActiveTab(wbOut, resultIndex, wp);
  pkg.put(workbookPath, wbOut);
  for (const sheet of sheets) {
    if (sheet === ours || !sheet.part || !pkg.has(sheet.part)) continue;
    if (!/tabSelected\s*=\s*["'](1|true)["']/.test(await readHead(pkg, pkg.name(sheet.part)!))) continue;
    if (pkg.size(sheet.part) > MAX_PART_BYTES) continue;
    pkg.put(sheet.part, unselectSheet((await pkg.text(sheet.part))!));
  }

  // Styles gain the differential formats and the results sheet's wrapped-text cell format.
  if (dxfs.added.length || wrapXf !== undefined) {
    if (stylesXml !== undefined && stylesPath) {
      const sp = prefixOf(/^<([^\s/>]+)/.exec(rootTagOf(stylesXml))?.[1] ?? '');
      let styles = dxfs.added.length ? addDxfs(stylesXml, dxfs.added, sp) : stylesXml;
      if (wrapXf !== undefined) styles = addCellXf(styles, WRAP_XF, sp);
      pkg.put(stylesPath, styles);
    } else {
      const part = `${dirOf(workbookPath)}styles.xml`;
      pkg.put(
        part,
        `${XML_DECL}<styleSheet xmlns="${NS_MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>${WRAP_XF}</cellXfs><dxfs count="${dxfs.added.length}">${dxfs.added.join('')}</dxfs></styleSheet>`,
      );
      await pkg.addRels(workbookPath, [{ id: wbRid(), type: REL.styles, target: part }]);
      contentTypes.push(`<Override PartName="/${xmlAttr(part)}" ContentType="${CT.styles}"/>`);
    }
  }

  // Content types.
  const ctPath = pkg.name('[Content_Types].xml');
  if (!ctPath) throw new CopyError('corrupt', file, '[Content_Types].xml');
  const ctXml = (await pkg.text(ctPath))!;
  if (needVmlDefault) {
    let hasVml = false;
    scanXml(ctXml, (t) => {
      if ((t.kind === 'open' || t.kind === 'empty') && t.local === 'Default' && (attrOf(t.raw, 'Extension') ?? '').toLowerCase() === 'vml') hasVml = true;
    });
    if (!hasVml) contentTypes.unshift(`<Default Extension="vml" ContentType="${CT.vml}"/>`);
  }
  if (contentTypes.length) pkg.put(ctPath, appendToRoot(ctXml, contentTypes.join(''), ctPath, file));

  report.changed = [...pkg.changed];
  report.added = [...pkg.added];
  const out = await packageBytes(pkg);
  return { bytes: out, report };
}

/**
 * editSheet with the new elements in the worksheet's own namespace prefix: the plan's hooks write unprefixed
 * SpreadsheetML; when the root is prefixed (<x:worksheet>), their element names get the prefix.
 */
async function editSheetPrefixed(pkg: Package, plan: SheetPlan, file: string) {
  const entryText = pkg.name(plan.part)!;
  let prefix = '';
  // The root's prefix, from the head of the part (streamed, so only the first chunk is looked at).
  const head = await readHead(pkg, entryText);
  const root = rootTagOf(head);
  prefix = prefixOf(/^<([^\s/>]+)/.exec(root)?.[1] ?? '');
  if (!prefix) return editSheet(pkg, plan, file);
  const addPrefix = (xml: string) => xml.replace(/<(\/?)(?![a-zA-Z]+:)([a-zA-Z])/g, `<$1${prefix}$2`);
  return editSheet(
    pkg,
    {
      ...plan,
      conditionalFormats: (p, w) => addPrefix(plan.conditionalFormats(p, w)),
      legacyDrawing: (e) => addPrefix(plan.legacyDrawing(e)),
    },
    file,
  );
}

/** The first bytes of a part (enough for its root tag), without decompressing the rest into memory. */
async function readHead(pkg: Package, part: string): Promise<string> {
  const entry = pkg.zip.file(part)!;
  return new Promise<string>((resolve, reject) => {
    const helper = (entry as unknown as { internalStream(t: 'uint8array'): JSZip.JSZipStreamHelper<Uint8Array> }).internalStream('uint8array');
    let text = '';
    let done = false;
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    helper
      .on('data', (chunk: Uint8Array) => {
        if (done) return;
        text += decoder.decode(chunk, { stream: true });
        if (text.length > 4096 && rootTagOf(text)) {
          done = true;
          helper.pause();
          resolve(text);
        }
      })
      .on('error', (e) => {
        if (!done) reject(e);
      })
      .on('end', () => {
        if (!done) resolve(text);
      })
      .resume();
  });
}


// ---------------------------------------------------------------------------------------------------------
// A new sheet of plain text (the 补充信息 sheet of `budget-check narrative --supplement`): a separate entry point,
// the same patch discipline — the sheet part, its relationship, content type and <sheet> entry are added, every
// other entry of the package is copied as it is.

export interface AddSheetReport {
  /** Name of the new sheet. */
  sheet: string;
  changed: string[];
  added: string[];
}

/**
 * `bytes` (an .xlsx) with one more worksheet `sheetName` holding `rows` as inline strings (row r, column c is
 * rows[r-1][c-1]; empty strings leave the cell out), `widths` its column widths in characters. A workbook that
 * already has a sheet of that name is refused (CopyError 'corrupt' is not used: the message says so in Chinese).
 */
export async function addTextSheet(
  bytes: Uint8Array | ArrayBuffer,
  sheetName: string,
  rows: string[][],
  options: PatchOptions & { widths?: number[] } = {},
): Promise<{ bytes: Uint8Array; report: AddSheetReport }> {
  const file = options.displayName ?? '工作簿';
  const pkg = await openPackage(bytes, file);
  const { path: workbookPath, xml: workbookXml } = await workbookPart(pkg, file);
  const names: string[] = [];
  const ids: number[] = [];
  scanXml(workbookXml, (t, depth) => {
    if (depth === 2 && t.local === 'sheet' && (t.kind === 'open' || t.kind === 'empty')) {
      names.push(attrOf(t.raw, 'name') ?? '');
      ids.push(Number(attrOf(t.raw, 'sheetId')) || 0);
    }
  });
  if (names.some((n) => n.toLowerCase() === sheetName.toLowerCase())) throw new SheetExistsError(file, sheetName);

  const widths = options.widths ?? [];
  const cols = widths.length ? `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` : '';
  const body = rows
    .map((cells, i) => {
      const r = i + 1;
      const xml = cells.map((v, c) => cellXml(a1(r, c + 1), v)).join('');
      return xml ? `<row r="${r}">${xml}</row>` : '';
    })
    .join('');
  const sheetXml = `${XML_DECL}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>${body}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;

  const part = pkg.freeName(`${dirOf(workbookPath)}worksheets/sheet`, '.xml');
  pkg.put(part, sheetXml);
  const wbRels = await pkg.rels(workbookPath);
  const rid = freshRelId(wbRels.map((r) => r.id))();
  await pkg.addRels(workbookPath, [{ id: rid, type: REL.worksheet, target: part }]);
  const root = rootTagOf(workbookXml);
  const wp = prefixOf(/^<([^\s/>]+)/.exec(root)?.[1] ?? '');
  const rp = prefixFor(root, NS_REL);
  const ridAttr = rp ? `${rp}id="${rid}"` : `xmlns:r="${NS_REL}" r:id="${rid}"`;
  const entry = `<${wp}sheet name="${xmlAttr(sheetName)}" sheetId="${Math.max(0, ...ids) + 1}" ${ridAttr}/>`;
  const wbOut = appendToChild(workbookXml, 'sheets', entry);
  if (wbOut === undefined) throw new CopyError('corrupt', file, workbookPath);
  pkg.put(workbookPath, wbOut);
  const ctPath = pkg.name('[Content_Types].xml');
  if (!ctPath) throw new CopyError('corrupt', file, '[Content_Types].xml');
  pkg.put(ctPath, appendToRoot((await pkg.text(ctPath))!, `<Override PartName="/${xmlAttr(part)}" ContentType="${CT.worksheet}"/>`, ctPath, file));
  const out = await packageBytes(pkg);
  return { bytes: out, report: { sheet: sheetName, changed: [...pkg.changed], added: [...pkg.added] } };
}

/** The workbook already has a sheet of the name to add: nothing is written (the user's sheet is never replaced). */
export class SheetExistsError extends Error {
  constructor(file: string, sheet: string) {
    super(`${file} 中已有“${sheet}”表，未写出副本：请直接在该表中填写`);
    this.name = 'SheetExistsError';
    Object.setPrototypeOf(this, SheetExistsError.prototype);
  }
}
