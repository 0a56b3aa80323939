/**
 * The zip container of an .xlsx, read for the reader: the central directory (APPNOTE 4.3.12, with the Zip64 end
 * records of 4.3.14/4.3.15), and each entry inflated on demand, bounded, in chunks.
 *
 * Why not JSZip here: its inflate is pako, 2.5× slower than fflate and 6× slower than Node's zlib, and it was most
 * of the reader's time after the XML. In Node the native zlib inflates (its maxOutputLength bounds a zip bomb);
 * elsewhere (the web page, its worker, the add-in panes) fflate's streaming inflate does, chunk by chunk. Which one
 * is chosen once, by whether Node's zlib can be loaded: nothing Node-only is imported statically, so bundles for
 * the browser never contain zlib.
 */
import { Inflate } from 'fflate';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused when the entry is read. */
  method: number;
  flags: number;
  compressedSize: number;
  /** As the central directory declares it (a bomb may lie: inflating is bounded on its own). */
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** A damaged container: the reader turns it into UnreadableWorkbookError('corrupt'). */
export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

/** An entry inflates beyond the bytes allowed for it: the reader turns it into 'too_large'. */
export class ZipLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipLimitError';
  }
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 0x100000000;

function need(bytes: Uint8Array, at: number, n: number, what: string): void {
  if (at < 0 || at + n > bytes.length) throw new ZipFormatError(`zip: ${what} beyond the end of the file`);
}

/** The entries of the central directory, in its order. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  // End of central directory: within the last 64 KiB (the longest comment) + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError("zip: can't find end of central directory");
  let count = u16(bytes, eocd + 10);
  let dirSize = u32(bytes, eocd + 12);
  let dirOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    // Zip64: the locator stands just before the end record and points at the Zip64 end record.
    const loc = eocd - 20;
    if (loc >= 0 && u32(bytes, loc) === 0x07064b50) {
      const rec = u64(bytes, loc + 8);
      need(bytes, rec, 56, 'zip64 end record');
      if (u32(bytes, rec) !== 0x06064b50) throw new ZipFormatError('zip: bad zip64 end record');
      count = u64(bytes, rec + 32);
      dirSize = u64(bytes, rec + 40);
      dirOffset = u64(bytes, rec + 48);
    }
  }
  need(bytes, dirOffset, dirSize, 'central directory');
  const names = new TextDecoder('utf-8');
  const out: ZipEntry[] = [];
  let p = dirOffset;
  for (let e = 0; e < count; e++) {
    need(bytes, p, 46, 'central directory entry');
    if (u32(bytes, p) !== 0x02014b50) throw new ZipFormatError(`zip: expected ${count} records in central dir, got ${e}`);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    need(bytes, p + 46, nameLen + extraLen + commentLen, 'central directory entry');
    const entry: ZipEntry = {
      name: names.decode(bytes.subarray(p + 46, p + 46 + nameLen)),
      method: u16(bytes, p + 10),
      flags: u16(bytes, p + 8),
      compressedSize: u32(bytes, p + 20),
      uncompressedSize: u32(bytes, p + 24),
      localHeaderOffset: u32(bytes, p + 42),
    };
    // Zip64 extended information (header 0x0001): the 64-bit values of the fields saturated above, in order.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = u16(bytes, x);
      const size = u16(bytes, x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        const take = () => {
          if (q + 8 > x + 4 + size) throw new ZipFormatError('zip: short zip64 extra field');
          const v = u64(bytes, q);
          q += 8;
          return v;
        };
        if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = take();
        if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
        if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = take();
      }
      x += 4 + size;
    }
    out.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The entry's stored bytes (still compressed), found through its local header. */
function rawData(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const h = e.localHeaderOffset;
  need(bytes, h, 30, `local header of ${e.name}`);
  if (u32(bytes, h) !== 0x04034b50) throw new ZipFormatError(`zip: bad local header of ${e.name}`);
  const start = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
  need(bytes, start, e.compressedSize, `data of ${e.name}`);
  return bytes.subarray(start, start + e.compressedSize);
}

/** Node's zlib when it can be loaded (Node, Electron), undefined in browsers. */
type InflateRawSync = (data: Uint8Array, options: { maxOutputLength: number; chunkSize: number }) => Uint8Array;
let nodeZlib: typeof import('zlib') | null | undefined;
function zlibModule(): typeof import('zlib') | null {
  if (nodeZlib === undefined) {
    nodeZlib = null;
    try {
      const isNode = typeof process !== 'undefined' && typeof process.versions === 'object' && !!process.versions?.node;
      // A computed require, so that no bundler resolves or packs zlib for the browser.
      const req = isNode && typeof module === 'object' && typeof module.require === 'function' ? module.require.bind(module) : undefined;
      const zlib = req?.('zlib') as typeof import('zlib') | undefined;
      if (typeof zlib?.inflateRawSync === 'function' && typeof zlib.createInflateRaw === 'function') nodeZlib = zlib;
    } catch {
      nodeZlib = null;
    }
  }
  return nodeZlib;
}
function nativeInflate(): InflateRawSync | null {
  const zlib = zlibModule();
  return zlib ? (data, options) => zlib.inflateRawSync(data, options) : null;
}

/** Output pieces of the streaming inflate: what is scanned at a time, and about all of the part held at once. */
const STREAM_CHUNK = 1 << 20;

/**
 * Like inflateEntry, but with Node's zlib inflating on its thread pool while `onChunk` scans what came before, so
 * a large part is never held whole (a 100,000-row sheet is 30 MB of XML). Undefined where Node's zlib is not
 * there (browsers: inflateEntry's fflate path streams already). An error from `onChunk` ends the inflate and
 * rejects with that error.
 */
export function inflateEntryStreaming(bytes: Uint8Array, e: ZipEntry, limit: number, onChunk: (chunk: Uint8Array) => void): Promise<void> | undefined {
  const zlib = zlibModule();
  if (!zlib || e.method !== 8 || e.flags & 1) return undefined;
  const raw = rawData(bytes, e);
  return new Promise<void>((resolve, reject) => {
    const inflater = zlib.createInflateRaw({ chunkSize: STREAM_CHUNK });
    let total = 0;
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      inflater.destroy();
      reject(err);
    };
    inflater.on('data', (chunk: Buffer) => {
      if (failed) return;
      total += chunk.length;
      if (total > limit) return fail(new ZipLimitError(`${e.name}: over ${limit} bytes`));
      try {
        onChunk(chunk);
      } catch (err) {
        fail(err);
      }
    });
    inflater.on('error', (err) => fail(new ZipFormatError(`zip: ${e.name}: ${err.message}`)));
    inflater.on('end', () => {
      if (!failed) resolve();
    });
    inflater.end(raw);
  });
}

/** Size of the pieces fflate is fed (and so the most a piece can inflate to is ~1 MiB × 1032). */
const FEED = 64 * 1024;

/**
 * Inflates one entry and hands its bytes over in order, in one or more chunks; at most `limit` bytes, beyond that
 * a ZipLimitError (checked as the bytes come, so a bomb is never unpacked whole). `useNative` false forces fflate
 * (for the tests of the browser path).
 */
export function inflateEntry(bytes: Uint8Array, e: ZipEntry, limit: number, onChunk: (chunk: Uint8Array) => void, useNative = true): void {
  if (e.flags & 1) throw new ZipFormatError(`zip: ${e.name} is encrypted`);
  const raw = rawData(bytes, e);
  if (e.method === 0) {
    if (raw.length > limit) throw new ZipLimitError(`${e.name}: over ${limit} bytes`);
    if (raw.length) onChunk(raw);
    return;
  }
  if (e.method !== 8) throw new ZipFormatError(`zip: ${e.name} uses compression method ${e.method}`);
  const native = useNative ? nativeInflate() : null;
  if (native) {
    let out: Uint8Array;
    try {
      // one output buffer of the declared size (a lie costs only more pieces or a larger buffer, both bounded)
      const chunkSize = Math.min(Math.max(e.uncompressedSize + 64, 64 * 1024), 16 << 20);
      out = native(raw, { maxOutputLength: Math.max(1, limit + 1), chunkSize });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new ZipLimitError(`${e.name}: over ${limit} bytes`);
      throw new ZipFormatError(`zip: ${e.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (out.length > limit) throw new ZipLimitError(`${e.name}: over ${limit} bytes`);
    if (out.length) onChunk(out);
    return;
  }
  let total = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > limit) throw new ZipLimitError(`${e.name}: over ${limit} bytes`);
    if (chunk.length) onChunk(chunk);
    if (final) ended = true;
  });
  try {
    for (let i = 0; i < raw.length && !ended; i += FEED) inflater.push(raw.subarray(i, i + FEED), i + FEED >= raw.length);
    if (raw.length === 0) inflater.push(raw, true);
  } catch (err) {
    // fflate's own errors carry a numeric code; anything else came from onChunk and goes up as it is.
    if (typeof (err as { code?: unknown }).code !== 'number') throw err;
    throw new ZipFormatError(`zip: ${e.name}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!ended) throw new ZipFormatError(`zip: ${e.name}: unexpected end of data`);
}
