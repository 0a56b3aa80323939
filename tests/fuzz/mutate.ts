/**
 * Fuzzing helpers: a seeded PRNG, mutations of workbook snapshots (in memory) and of .xlsx bytes (zip level and
 * SpreadsheetML level). Everything is deterministic for a given seed, so a failing case can be replayed by its id.
 */
import JSZip from 'jszip';
import type { CellSnapshot, MergeArea, SheetSnapshot, WorkbookSnapshot } from '../../src/model/snapshot';

// ---------------------------------------------------------------------------------------------------------
// PRNG

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  /** mulberry32: [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Snapshot mutations

/** Excel's limits: the reader and the Office adapter never give anything beyond them. */
export const MAX_ROW = 1_048_576;
export const MAX_COL = 16_384;

function cloneSheet(s: SheetSnapshot): SheetSnapshot {
  return { ...s, rows: s.rows.map((r) => (r ? r.slice() : r)), merges: s.merges.map((m) => ({ ...m })) };
}

/** A copy whose sheets are cloned on first write; cells are replaced, never changed in place. */
export class Mutable {
  readonly wb: WorkbookSnapshot;
  private readonly cloned = new Set<SheetSnapshot>();
  constructor(base: WorkbookSnapshot) {
    this.wb = { name: base.name, sheets: base.sheets.slice() };
  }
  /** The sheet at index i, writable. */
  sheet(i: number): SheetSnapshot {
    let s = this.wb.sheets[i];
    if (!this.cloned.has(s)) {
      s = cloneSheet(s);
      this.cloned.add(s);
      this.wb.sheets[i] = s;
    }
    return s;
  }
  /** Recompute indexes and used ranges (the snapshot contract: rowCount/colCount = largest used row/column). */
  finish(): WorkbookSnapshot {
    this.wb.sheets.forEach((s, i) => {
      if (s.index !== i) this.sheet(i).index = i;
    });
    for (const s of this.cloned) {
      let rows = 0;
      let cols = 0;
      s.rows.forEach((r, ri) => {
        if (!r) return;
        r.forEach((c, ci) => {
          if (!c) return;
          if (ri + 1 > rows) rows = ri + 1;
          if (ci + 1 > cols) cols = ci + 1;
        });
      });
      s.rowCount = rows;
      s.colCount = cols;
    }
    return this.wb;
  }
}

interface Pos {
  row: number;
  col: number;
  cell: CellSnapshot;
}

function cellsOf(s: SheetSnapshot, filter: (c: CellSnapshot) => boolean = () => true): Pos[] {
  const out: Pos[] = [];
  s.rows.forEach((r, ri) => r?.forEach((c, ci) => c && filter(c) && out.push({ row: ri + 1, col: ci + 1, cell: c })));
  return out;
}

function put(s: SheetSnapshot, row: number, col: number, cell: CellSnapshot | undefined): void {
  let r = s.rows[row - 1];
  if (!r) r = s.rows[row - 1] = [];
  if (cell) r[col - 1] = cell;
  else delete r[col - 1];
}

const isNum = (c: CellSnapshot) => typeof c.value === 'number';
const isText = (c: CellSnapshot) => typeof c.value === 'string';

/** Amount-like texts a clerk (or a broken export) leaves in amount cells. */
export const BAD_AMOUNTS = [
  '待定',
  '1,2,3',
  '￥',
  '￥1,234.00',
  '¥-',
  '9'.repeat(400),
  '1'.repeat(20) + '.' + '9'.repeat(30),
  '12.3.4',
  '1e5',
  '12%',
  '１２３．４５',
  '（12.5）',
  '(3)',
  '--5',
  '+-1',
  '－',
  '——',
  '/',
  '无',
  ' ',
  '\u3000',
  '0x1F',
  '1_000',
  '万元',
  '见附表',
  '—'.repeat(3000),
  '金额'.repeat(5000),
];
export const NAN_TEXTS = ['NaN', '-NaN', 'Infinity', '-Infinity', '#N/A', '#VALUE!', '#DIV/0!', '#REF!', '#NAME?', '非数字', 'null', '∞'];
/** Numbers a file can hold (Number('1e999') is Infinity). */
export const ODD_NUMBERS = [Infinity, -Infinity, 1e308, -1e308, 5e-324, -0, 123456789012345680000, 0.1 + 0.2, -999999999999.99, 2 ** 53 + 1];
const ODD_TEXTS = ['', ' ', '\u0000\u0001\u0002', '\u202e右到左', '😀📊💰', '<b>&amp;</b>', '"\'`', '\n\n\t', '表十二', '合计', '总计', '单位：万元', '单位名称：', '项目支出绩效目标表', '年度资金总额', '本表无数据', 'x'.repeat(20000)];

export type Mutation = (m: Mutable, rng: Rng) => string;

function randomSheetIndex(m: Mutable, rng: Rng, nonEmpty = true): number {
  const idx = m.wb.sheets.map((s, i) => [s, i] as const).filter(([s]) => !nonEmpty || s.rowCount > 0);
  return idx.length ? rng.pick(idx)[1] : rng.int(0, m.wb.sheets.length - 1);
}

export const MUTATIONS: Record<string, Mutation> = {
  swapCells(m, rng) {
    const a = randomSheetIndex(m, rng);
    const b = rng.chance(0.7) ? a : randomSheetIndex(m, rng);
    const sa = m.sheet(a);
    const sb = m.sheet(b);
    const n = rng.int(1, 12);
    for (let i = 0; i < n; i++) {
      const ca = cellsOf(sa);
      const cb = cellsOf(sb);
      if (!ca.length || !cb.length) break;
      const p = rng.pick(ca);
      const q = rng.pick(cb);
      put(sa, p.row, p.col, q.cell);
      put(sb, q.row, q.col, p.cell);
    }
    return `swapCells(${sa.name}↔${sb.name}×${n})`;
  },
  dropSheets(m, rng) {
    const n = Math.min(m.wb.sheets.length - 1, rng.int(1, 4));
    const names: string[] = [];
    for (let i = 0; i < n; i++) names.push(m.wb.sheets.splice(rng.int(0, m.wb.sheets.length - 1), 1)[0].name);
    return `dropSheets(${names.join(',')})`;
  },
  keepOneSheet(m, rng) {
    const keep = m.wb.sheets[rng.int(0, m.wb.sheets.length - 1)];
    m.wb.sheets.splice(0, m.wb.sheets.length, keep);
    return `keepOneSheet(${keep.name})`;
  },
  mergesRemoved(m, rng) {
    const i = randomSheetIndex(m, rng);
    const s = m.sheet(i);
    const before = s.merges.length;
    s.merges = rng.chance(0.5) ? [] : s.merges.filter(() => rng.chance(0.5));
    return `mergesRemoved(${s.name} ${before}→${s.merges.length})`;
  },
  mergesOverlapping(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng));
    const n = rng.int(1, 6);
    for (let k = 0; k < n; k++) {
      const base: MergeArea = s.merges.length ? rng.pick(s.merges) : { top: 1, left: 1, bottom: 2, right: 3 };
      const dr = rng.int(-1, 2);
      const dc = rng.int(-1, 2);
      s.merges.push({
        top: Math.max(1, base.top + dr),
        left: Math.max(1, base.left + dc),
        bottom: Math.max(1, base.top + dr, base.bottom + dr + rng.int(0, 2)),
        right: Math.max(1, base.left + dc, base.right + dc + rng.int(0, 2)),
      });
    }
    return `mergesOverlapping(${s.name}+${n})`;
  },
  mergesOutOfRange(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng));
    const kind = rng.int(0, 4);
    let merge: MergeArea;
    if (kind === 0) merge = { top: 1, left: 1, bottom: MAX_ROW, right: MAX_COL }; // the whole sheet
    else if (kind === 1) merge = { top: 1, left: 1, bottom: 1, right: MAX_COL }; // a whole row
    else if (kind === 2) merge = { top: 1, left: rng.int(1, 3), bottom: MAX_ROW, right: rng.int(3, 5) }; // whole columns
    else if (kind === 3) merge = { top: s.rowCount + rng.int(1, 50), left: s.colCount + 1, bottom: s.rowCount + 100, right: s.colCount + 20 };
    else merge = { top: rng.int(1, Math.max(1, s.rowCount)), left: 1, bottom: s.rowCount + rng.int(1, 2000), right: s.colCount + rng.int(1, 30) };
    s.merges.push(merge);
    return `mergesOutOfRange(${s.name} ${JSON.stringify(merge)})`;
  },
  singleCellMerges(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng));
    const cs = cellsOf(s);
    for (let k = 0; k < 10 && cs.length; k++) {
      const p = rng.pick(cs);
      s.merges.push({ top: p.row, left: p.col, bottom: p.row, right: p.col });
    }
    return `singleCellMerges(${s.name})`;
  },
  amountsToText(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng));
    const cs = cellsOf(s, isNum);
    const n = Math.min(cs.length, rng.int(1, 20));
    const used: string[] = [];
    for (let k = 0; k < n; k++) {
      const p = rng.pick(cs);
      const t = rng.pick(BAD_AMOUNTS);
      used.push(t.length > 12 ? `${t.slice(0, 6)}…(${t.length})` : t);
      put(s, p.row, p.col, { ...p.cell, value: t });
    }
    return `amountsToText(${s.name}: ${used.join('|')})`;
  },
  numbersToNaNText(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng));
    const cs = cellsOf(s, isNum);
    const n = Math.min(cs.length, rng.int(1, 15));
    for (let k = 0; k < n; k++) {
      const p = rng.pick(cs);
      put(s, p.row, p.col, { ...p.cell, value: rng.pick(NAN_TEXTS) });
    }
    return `numbersToNaNText(${s.name}×${n})`;
  },
  oddNumbers(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng));
    const cs = cellsOf(s, isNum);
    const n = Math.min(cs.length, rng.int(1, 10));
    for (let k = 0; k < n; k++) {
      const p = rng.pick(cs);
      put(s, p.row, p.col, { ...p.cell, value: rng.pick(ODD_NUMBERS) });
    }
    return `oddNumbers(${s.name}×${n})`;
  },
  oddTexts(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng));
    const cs = cellsOf(s, isText);
    const n = Math.min(cs.length, rng.int(1, 10));
    for (let k = 0; k < n; k++) {
      const p = rng.pick(cs);
      put(s, p.row, p.col, { ...p.cell, value: rng.pick(ODD_TEXTS) });
    }
    return `oddTexts(${s.name}×${n})`;
  },
  typeFlips(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng));
    const cs = cellsOf(s);
    const n = Math.min(cs.length, rng.int(1, 15));
    for (let k = 0; k < n; k++) {
      const p = rng.pick(cs);
      const v = p.cell.value;
      const to = rng.int(0, 4);
      const value =
        to === 0 ? (typeof v === 'number' ? String(v) : Number(v) || 0)
        : to === 1 ? rng.chance(0.5)
        : to === 2 ? '2024-01-15'
        : to === 3 ? null
        : rng.int(-1000, 100000) / 100;
      put(s, p.row, p.col, { value });
    }
    return `typeFlips(${s.name}×${n})`;
  },
  formulaGarbage(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng));
    const cs = cellsOf(s);
    const n = Math.min(cs.length, rng.int(1, 8));
    const fs = ['SUM(', '#REF!+1', 'SUM(C1:C99999999)', 'A1', "'表 一'!C5", '1/0', '='.repeat(50), 'SUM(' + 'C1,'.repeat(2000) + 'C2)'];
    for (let k = 0; k < n; k++) {
      const p = rng.pick(cs);
      put(s, p.row, p.col, { value: rng.pick([null, '#REF!', '#DIV/0!', 0, p.cell.value]), formula: rng.pick(fs), numFmt: rng.pick([undefined, '#,##0.00', '@', 'yyyy-mm-dd', '"￥"#,##0;[Red]-"￥"#,##0']) });
    }
    return `formulaGarbage(${s.name}×${n})`;
  },
  shuffleRows(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng));
    if (s.rowCount < 2) return `shuffleRows(${s.name} too small)`;
    const a = rng.int(1, s.rowCount);
    const b = Math.min(s.rowCount, a + rng.int(1, 30));
    const block = [];
    for (let r = a; r <= b; r++) block.push(s.rows[r - 1]);
    rng.shuffle(block);
    for (let r = a; r <= b; r++) s.rows[r - 1] = block[r - a];
    return `shuffleRows(${s.name} ${a}-${b})`;
  },
  deleteHeaderRows(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng));
    const k = rng.int(1, 7);
    s.rows.splice(0, k);
    // merges follow the rows when asked to, else stay where they were (a stale merge list)
    if (rng.chance(0.7)) {
      s.merges = s.merges
        .map((g) => ({ top: g.top - k, left: g.left, bottom: g.bottom - k, right: g.right }))
        .filter((g) => g.bottom >= 1)
        .map((g) => ({ ...g, top: Math.max(1, g.top) }));
    }
    return `deleteHeaderRows(${s.name} ${k})`;
  },
  deleteRows(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng));
    const n = rng.int(1, 10);
    for (let k = 0; k < n && s.rows.length; k++) s.rows.splice(rng.int(0, s.rows.length - 1), 1);
    return `deleteRows(${s.name}×${n})`;
  },
  insertEmptyRows(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng));
    const at = rng.int(0, s.rows.length);
    const n = rng.int(1, 5);
    s.rows.splice(at, 0, ...new Array(n).fill(undefined));
    return `insertEmptyRows(${s.name} @${at + 1}×${n})`;
  },
  deleteColumn(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng));
    const c = rng.int(1, Math.max(1, s.colCount));
    s.rows = s.rows.map((r) => {
      if (!r) return r;
      const copy = r.slice();
      copy.splice(c - 1, 1);
      return copy;
    });
    return `deleteColumn(${s.name} ${c})`;
  },
  captionRowMoved(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng));
    const r = rng.int(1, Math.max(1, s.rowCount));
    const first = s.rows[0];
    s.rows[0] = s.rows[r - 1];
    s.rows[r - 1] = first;
    return `captionRowMoved(${s.name} 1↔${r})`;
  },
  farCells(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng));
    // a stray entry in Excel's last row happens, but walking a million rows is slow: keep it to a few cases
    const row = rng.chance(0.03) ? MAX_ROW : rng.int(s.rowCount + 1, s.rowCount + 3000);
    const col = rng.chance(0.3) ? MAX_COL : rng.int(1, s.colCount + 3);
    put(s, row, col, { value: rng.pick(['备注', 1, '合计', 0]) });
    return `farCells(${s.name} R${row}C${col})`;
  },
  renameSheets(m, rng) {
    const i = randomSheetIndex(m, rng, false);
    const s = m.sheet(i);
    const other = m.wb.sheets[rng.int(0, m.wb.sheets.length - 1)].name;
    const name = rng.pick([other, '', ' ', 'Sheet1', '表十二', '绩效目标表', '情况说明', '目录', 'x'.repeat(300), '表一(2)']);
    const old = s.name;
    s.name = name;
    return `renameSheet(${old}→${name.slice(0, 20)})`;
  },
  duplicateSheet(m, rng) {
    const i = randomSheetIndex(m, rng);
    const copy = cloneSheet(m.wb.sheets[i]);
    copy.name = `${copy.name} (2)`;
    m.wb.sheets.splice(rng.int(0, m.wb.sheets.length), 0, copy);
    return `duplicateSheet(${copy.name})`;
  },
  clearSheet(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng));
    s.rows = [];
    if (rng.chance(0.5)) s.merges = [];
    return `clearSheet(${s.name})`;
  },
  hideSheets(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng, false));
    s.hidden = !s.hidden;
    return `hideSheet(${s.name})`;
  },
  blankColumnInserted(m, rng) {
    const s = m.sheet(randomSheetIndex(m, rng));
    const c = rng.int(1, Math.max(1, s.colCount));
    s.rows = s.rows.map((r) => {
      if (!r) return r;
      const copy = r.slice();
      copy.splice(c - 1, 0, undefined);
      return copy;
    });
    return `blankColumnInserted(${s.name} ${c})`;
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Applies 1–4 random mutations; returns the mutated snapshot and what was done. */
export function mutateSnapshot(base: WorkbookSnapshot, rng: Rng): { wb: WorkbookSnapshot; steps: string[] } {
  const m = new Mutable(base);
  const steps: string[] = [];
  const n = rng.int(1, 4);
  for (let i = 0; i < n; i++) {
    const name = rng.pick(MUTATION_NAMES);
    steps.push(MUTATIONS[name](m, rng));
  }
  return { wb: m.finish(), steps };
}

// ---------------------------------------------------------------------------------------------------------
// File mutations

export type FileMutation = (bytes: Buffer, rng: Rng) => Promise<{ bytes: Buffer; step: string }>;

async function rewriteXml(bytes: Buffer, rng: Rng, pattern: RegExp, edit: (xml: string, rng: Rng) => string, what: string) {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => pattern.test(n));
  const name = rng.pick(names);
  const xml = await zip.file(name)!.async('string');
  zip.file(name, edit(xml, rng));
  const out = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { bytes: out, step: `${what}(${name})` };
}

const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

export const FILE_MUTATIONS: Record<string, FileMutation> = {
  async truncated(bytes, rng) {
    const at = rng.int(0, bytes.length - 1);
    return { bytes: bytes.subarray(0, at), step: `truncated(${at}/${bytes.length})` };
  },
  async randomBytes(bytes, rng) {
    const out = Buffer.from(bytes);
    const n = rng.int(1, 64);
    for (let i = 0; i < n; i++) out[rng.int(0, out.length - 1)] = rng.int(0, 255);
    return { bytes: out, step: `randomBytes(×${n})` };
  },
  async randomBlock(bytes, rng) {
    const out = Buffer.from(bytes);
    const len = rng.int(16, 2048);
    const at = rng.int(0, Math.max(0, out.length - len));
    for (let i = at; i < Math.min(out.length, at + len); i++) out[i] = rng.int(0, 255);
    return { bytes: out, step: `randomBlock(${at}+${len})` };
  },
  async empty() {
    return { bytes: Buffer.alloc(0), step: 'empty(0 bytes)' };
  },
  async hugeMergeRef(bytes, rng) {
    const ref = rng.pick(['A1:XFD1048576', 'A1:XFD1', 'A:A', 'B2:A1', 'ZZZZZ1:A1', 'A0:B0', '$A$1:$C$999999', 'garbage']);
    return rewriteXml(bytes, rng, SHEET, (x) => (x.includes('<mergeCells') ? x.replace(/<mergeCell ref="[^"]*"/, `<mergeCell ref="${ref}"`) : x.replace('</sheetData>', `</sheetData><mergeCells count="1"><mergeCell ref="${ref}"/></mergeCells>`)), `mergeRef ${ref}`);
  },
  async farCellRef(bytes, rng) {
    const ref = rng.pick(['XFD1048576', 'A1048576', 'ZZZZZZ1', 'A99999999999', 'A0', '1A', '']);
    return rewriteXml(bytes, rng, SHEET, (x) => x.replace(/<c r="[A-Z]+\d+"/, `<c r="${ref}"`), `cellRef ${ref}`);
  },
  async farRowNumber(bytes, rng) {
    const r = rng.pick(['1048576', '99999999', '-5', '0', 'x', '1.5']);
    return rewriteXml(bytes, rng, SHEET, (x) => x.replace(/<row r="\d+"/, `<row r="${r}"`), `rowNumber ${r}`);
  },
  async badSharedStringIndex(bytes, rng) {
    return rewriteXml(bytes, rng, SHEET, (x) => x.replace(/(<c [^>]*t="s"[^>]*><v>)\d+(<\/v>)/, `$1${rng.pick(['999999', '-1', 'abc', ''])}$2`), 'sharedStringIndex');
  },
  async badNumberText(bytes, rng) {
    return rewriteXml(bytes, rng, SHEET, (x) => x.replace(/(<c r="[A-Z]+\d+"(?: s="\d+")?><v>)[^<]*(<\/v>)/g, (all, a, b) => (rng.chance(0.2) ? `${a}${rng.pick(['1e999', '-1e999', 'abc', 'NaN', '', '1,2,3'])}${b}` : all)), 'numberText');
  },
  async truncatedXml(bytes, rng) {
    return rewriteXml(bytes, rng, /^xl\/(worksheets\/sheet\d+|sharedStrings|workbook|styles)\.xml$/, (x) => x.slice(0, rng.int(0, x.length - 1)), 'truncatedXml');
  },
  async garbageXml(bytes, rng) {
    return rewriteXml(bytes, rng, /\.xml$|\.rels$/, (x) => x.replace(/</g, (lt) => (rng.chance(0.01) ? '<<' : lt)), 'garbageXml');
  },
  async droppedPart(bytes, rng) {
    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    const name = rng.pick(names);
    zip.remove(name);
    return { bytes: await zip.generateAsync({ type: 'nodebuffer' }), step: `droppedPart(${name})` };
  },
};

export const FILE_MUTATION_NAMES = Object.keys(FILE_MUTATIONS);
