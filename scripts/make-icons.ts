/**
 * Draws the add-in's icons (assets/icon-16|32|64|80|128.png) with no image library: shapes as signed distance
 * functions, 4×4 supersampling for anti-aliasing, and a minimal PNG encoder (zlib from Node, CRC-32 below).
 * The picture: a blue rounded tile, a white table sheet with rows, a green badge with a white check.
 *
 *   npx tsx scripts/make-icons.ts [outDir]
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { deflateSync } from 'zlib';

export const ICON_SIZES = [16, 32, 64, 80, 128];

type RGBA = [number, number, number, number];

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels (row-major, 4 bytes each) → PNG file bytes (colour type 6, 8 bits, no interlace). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// Signed distance functions on the unit square (0..1), negative inside.
function roundedBox(x: number, y: number, cx: number, cy: number, hw: number, hh: number, r: number): number {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
function circle(x: number, y: number, cx: number, cy: number, r: number): number {
  return Math.hypot(x - cx, y - cy) - r;
}
function segment(x: number, y: number, ax: number, ay: number, bx: number, by: number, w: number): number {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const h = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * h, py - dy * h) - w;
}

const BLUE: RGBA = [15, 108, 189, 255];
const WHITE: RGBA = [255, 255, 255, 255];
const LINE: RGBA = [150, 190, 230, 255];
const GREEN: RGBA = [16, 124, 16, 255];

/** Colour of one sample point, painter's order. */
function sample(x: number, y: number, size: number): RGBA | null {
  let c: RGBA | null = null;
  if (roundedBox(x, y, 0.5, 0.5, 0.47, 0.47, 0.14) <= 0) c = BLUE;
  const sheet = roundedBox(x, y, 0.43, 0.45, 0.26, 0.31, 0.04);
  if (sheet <= 0) {
    c = WHITE;
    const lw = Math.max(0.022, 0.6 / size);
    for (const ly of [0.3, 0.43, 0.56]) if (Math.abs(y - ly) <= lw && x > 0.22 && x < 0.64) c = LINE;
    if (size >= 32 && Math.abs(x - 0.36) <= lw && y > 0.24 && y < 0.7) c = LINE;
  }
  const badge = circle(x, y, 0.7, 0.7, 0.23);
  if (badge <= 0.035 && badge > 0) c = BLUE; // ring separating the badge from the sheet
  if (badge <= 0) {
    c = GREEN;
    const w = Math.max(0.035, 0.9 / size);
    if (segment(x, y, 0.59, 0.71, 0.67, 0.79, w) <= 0 || segment(x, y, 0.67, 0.79, 0.81, 0.62, w) <= 0) c = WHITE;
  }
  return c;
}

export function drawIcon(size: number): Buffer {
  const ss = 4;
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = sample((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size, size);
          if (!c) continue;
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const i = (y * size + x) * 4;
      if (a > 0) {
        px[i] = Math.round(r / a);
        px[i + 1] = Math.round(g / a);
        px[i + 2] = Math.round(b / a);
        px[i + 3] = Math.round(a / (ss * ss));
      }
    }
  }
  return encodePng(size, size, px);
}

if (require.main === module) {
  const out = process.argv[2] ?? join(__dirname, '..', 'assets');
  mkdirSync(out, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = join(out, `icon-${size}.png`);
    writeFileSync(file, drawIcon(size));
    console.log(file);
  }
}
