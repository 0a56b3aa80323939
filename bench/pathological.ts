/**
 * Pathological workbooks of issue 10 (memory must be bounded by the largest entry, never by the sheet's grid),
 * for the memory bench (bench/memory-suite.ts) and the outcome tests (tests/cli/pathological.test.ts):
 *  - whole-merge:   a ~2 KB workbook whose one sheet has a merge A1:XFD1048576 (17 billion cells if expanded);
 *  - sample-merge:  the sample workbook with a merge A20:XFD1048576 on 表一 (a marked sheet: the copy edits it);
 *  - million-rows:  the sample plus a sheet of 1,048,576 rows, one number each (every row of the grid used);
 *  - cell-bomb:     a ~2.5 MB file whose sheet unpacks to 1 GiB of cells (a zip bomb of <row><c><v>1</v></c></row>);
 *  - cell-count:    a small file whose sheet holds 2.5 million cells (beyond the reader's cell bound), each tiny;
 *  - many-styles:   the sample plus 6,000 text cells, each of its own (out of range) style index.
 * The big entries are deflated as a stream and the zip is written by hand (a local header, the data, a central
 * directory: APPNOTE 4.3), so generating them never holds the unpacked text in memory.
 */
import fs from 'fs';
import JSZip from 'jszip';
import path from 'path';
import zlib from 'zlib';

const ROOT = path.resolve(__dirname, '..');
export const SAMPLE = path.join(ROOT, 'examples/sample-长治市民政局-2024.xlsx');

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

type Chunks = () => Iterable<string | Buffer>;
interface Entry {
  name: string;
  data: string | Chunks;
}

/** Deflates a stream of text chunks; returns the compressed bytes, the CRC-32 and the uncompressed size. */
async function deflate(chunks: Iterable<string | Buffer>): Promise<{ data: Buffer; crc: number; size: number }> {
  const z = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    z.on('end', resolve);
    z.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const s of chunks) {
    const b = typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
    crc = zlib.crc32(b, crc);
    size += b.length;
    if (!z.write(b)) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await done;
  return { data: Buffer.concat(out), crc, size };
}

/** A zip of `entries` (deflated), written to `file`. Sizes must stay under 4 GiB (no zip64). */
export async function writeZip(file: string, entries: Entry[]): Promise<void> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const { data, crc, size } = await deflate(typeof e.data === 'string' ? [e.data] : e.data());
    const name = Buffer.from(e.name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt32LE(0, 10); // time, date
    head.writeUInt32LE(crc >>> 0, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(size, 22);
    head.writeUInt16LE(name.length, 26);
    head.writeUInt16LE(0, 28);
    locals.push(head, name, data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(0, 12);
    c.writeUInt32LE(crc >>> 0, 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += head.length + name.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...locals, cd, end]));
}

/** The minimal parts of a one-sheet workbook around a sheet body. */
function oneSheet(sheetName: string, sheet: string | Chunks): Entry[] {
  return [
    {
      name: '[Content_Types].xml',
      data: `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    { name: 'xl/workbook.xml', data: `${DECL}<workbook xmlns="${NS}" xmlns:r="${NS_R}"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ];
}

export async function writeWholeSheetMerge(file: string): Promise<void> {
  await writeZip(
    file,
    oneSheet('表一', `${DECL}<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>全表合并</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>`),
  );
}

/** Repeats `unit` `times` times in chunks of about 1 MiB. */
function* repeat(head: string, unit: string, times: number, tail: string): Generator<string> {
  yield head;
  const per = Math.max(1, Math.floor((1 << 20) / unit.length));
  const block = unit.repeat(per);
  let left = times;
  while (left >= per) {
    yield block;
    left -= per;
  }
  if (left > 0) yield unit.repeat(left);
  yield tail;
}

/** 1 GiB of <row><c><v>1</v></c></row> (no r attributes: valid, and it compresses about 1000 to 1). */
export async function writeCellBomb(file: string, bytes = 1 << 30): Promise<void> {
  const unit = '<row><c><v>1</v></c></row>';
  await writeZip(file, oneSheet('表一', () => repeat(`${DECL}<worksheet xmlns="${NS}"><sheetData>`, unit, Math.floor(bytes / unit.length), '</sheetData></worksheet>')));
}

/** 2.5 million cells, 10 to a row, each tiny: within the byte bounds, beyond the cell bound. */
export async function writeCellCountBomb(file: string, cells = 2_500_000): Promise<void> {
  const unit = `<row>${'<c><v>1</v></c>'.repeat(10)}</row>`;
  await writeZip(file, oneSheet('表一', () => repeat(`${DECL}<worksheet xmlns="${NS}"><sheetData>`, unit, Math.ceil(cells / 10), '</sheetData></worksheet>')));
}

/** Sheet name → part, from a loaded package. */
async function sheetPart(zip: JSZip, name: string): Promise<string> {
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const tag = [...wb.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]).find((t) => t.includes(`name="${name}"`));
  if (!tag) throw new Error(`no sheet ${name}`);
  const rid = /r:id="([^"]+)"/.exec(tag)![1];
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((r) => r.includes(`Id="${rid}"`))!;
  const t = /Target="([^"]+)"/.exec(rel)![1];
  return t.startsWith('/') ? t.slice(1) : `xl/${t}`;
}

/** The sample with a merge A20:XFD1048576 on its first table. */
export async function writeSampleWithMerge(file: string): Promise<void> {
  const zip = await JSZip.loadAsync(fs.readFileSync(SAMPLE));
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const first = /<sheet\b[^>]*name="([^"]+)"/.exec(wb)![1];
  const part = await sheetPart(zip, first);
  let xml = await zip.file(part)!.async('string');
  const merge = '<mergeCell ref="A20:XFD1048576"/>';
  xml = /<mergeCells[^>]*>/.test(xml)
    ? xml.replace(/<mergeCells count="(\d+)">/, (_m, n: string) => `<mergeCells count="${Number(n) + 1}">`).replace('</mergeCells>', `${merge}</mergeCells>`)
    : xml.replace('</sheetData>', `</sheetData><mergeCells count="1">${merge}</mergeCells>`);
  zip.file(part, xml);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/** The sample plus a sheet 明细 whose part is `sheet` (streamed). */
async function writeSampleWithSheet(file: string, sheet: Chunks): Promise<void> {
  const zip = await JSZip.loadAsync(fs.readFileSync(SAMPLE));
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const entries: Entry[] = [];
  const part = 'xl/worksheets/sheet_million.xml';
  for (const n of names) {
    let text: string | undefined;
    if (n === '[Content_Types].xml' || n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels') text = await zip.file(n)!.async('string');
    if (n === '[Content_Types].xml')
      text = text!.replace('</Types>', `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`);
    if (n === 'xl/workbook.xml') {
      const ids = [...text!.matchAll(/sheetId="(\d+)"/g)].map((m) => Number(m[1]));
      text = text!.replace('</sheets>', `<sheet name="明细" sheetId="${Math.max(...ids) + 1}" r:id="rIdMillion"/></sheets>`);
    }
    if (n === 'xl/_rels/workbook.xml.rels')
      text = text!.replace('</Relationships>', `<Relationship Id="rIdMillion" Type="${NS_R}/worksheet" Target="worksheets/sheet_million.xml"/></Relationships>`);
    if (text !== undefined) entries.push({ name: n, data: text });
    else {
      const bytes = await zip.file(n)!.async('nodebuffer');
      entries.push({ name: n, data: () => [bytes] });
    }
  }
  entries.push({ name: part, data: sheet });
  await writeZip(file, entries);
}

/** The sample plus a sheet 明细 of 1,048,576 rows (one number in column A of each). */
export async function writeSampleWithMillionRows(file: string, rows = 1_048_576): Promise<void> {
  await writeSampleWithSheet(file, function* () {
    yield `${DECL}<worksheet xmlns="${NS}"><dimension ref="A1:A${rows}"/><sheetData>`;
    let buf = '';
    for (let r = 1; r <= rows; r++) {
      buf += `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    yield `${buf}</sheetData></worksheet>`;
  });
}

/**
 * The sample plus a sheet of 6,000 text cells, each with its own style index (past the sample's cellXfs, as a
 * damaged or bloated file has them): a reader caching per style index would hold 6,000 caches.
 */
export async function writeSampleWithManyStyles(file: string, cells = 6000): Promise<void> {
  await writeSampleWithSheet(file, function* () {
    let xml = `${DECL}<worksheet xmlns="${NS}"><sheetData>`;
    for (let i = 0; i < cells; i++) xml += `<row r="${i + 1}"><c r="A${i + 1}" s="${100 + i}" t="s"><v>${i % 50}</v></c></row>`;
    yield `${xml}</sheetData></worksheet>`;
  });
}

export interface Pathological {
  id: string;
  title: string;
  write(file: string): Promise<void>;
}

export const PATHOLOGICAL: Pathological[] = [
  { id: 'wholeSheetMerge', title: 'merge A1:XFD1048576 in a 2 KB workbook', write: writeWholeSheetMerge },
  { id: 'sampleMerge', title: 'the sample with a merge A20:XFD1048576 on a marked sheet', write: writeSampleWithMerge },
  { id: 'millionRows', title: 'the sample plus a sheet of 1,048,576 rows', write: writeSampleWithMillionRows },
  { id: 'cellBomb', title: 'cell bomb: ~2.5 MB unpacking to 1 GiB of cells', write: writeCellBomb },
  { id: 'cellCount', title: '2.5 million cells in a small file', write: writeCellCountBomb },
  { id: 'manyStyles', title: 'the sample plus 6,000 cells of 6,000 style indices', write: writeSampleWithManyStyles },
];
