/**
 * The reading floor: what any .xlsx reader must at least do — find the parts in the zip, inflate them with the
 * native zlib, and look at every byte once. Our reader's time divided by this is `parseToFloorRatio`.
 *
 * The zip is read from its central directory (APPNOTE 4.3.12/4.3.16), so no JavaScript inflate or zip library
 * is in the measurement. Only the parts a snapshot needs are inflated: the worksheets, the shared strings, the
 * styles and the workbook.
 */
import zlib from 'zlib';

const NEEDED = /^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml|styles\.xml|workbook\.xml)$/;

export interface FloorResult {
  parts: number;
  xmlBytes: number;
  /** '<' characters seen: a stand-in for the elements a scanner must find, so the scan cannot be optimised away. */
  tags: number;
}

export function floorRead(buf: Buffer): FloorResult {
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file');
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let parts = 0;
  let xmlBytes = 0;
  let tags = 0;
  for (let e = 0; e < entries; e++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (!NEEDED.test(name)) continue;
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + compressed);
    const xml = method === 8 ? zlib.inflateRawSync(raw) : raw;
    parts++;
    xmlBytes += xml.length;
    for (let i = xml.indexOf(0x3c); i >= 0; i = xml.indexOf(0x3c, i + 1)) tags++;
  }
  return { parts, xmlBytes, tags };
}
