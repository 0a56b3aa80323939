/**
 * The reader's XML scanner: SpreadsheetML as the snapshot needs it, in place of a general SAX parser.
 *
 * It reads the inflated bytes themselves (UTF-8), never a decoded copy of the part: tag names are matched as bytes
 * (and handed over as interned strings, so a tag costs no string), attribute values are decoded only when the
 * handler asks for one (or read as a number or a cell reference straight from the bytes), and text only while the
 * handler sets `wantText` — so the bulk of a sheet is never copied out. It is fed chunk by chunk (a 100,000-row
 * sheet need not be one buffer) and keeps only an unfinished tag, entity, line end or UTF-8 sequence between
 * chunks. What it checks is what well-formedness needs to be sure the snapshot is the document's: names, quoted
 * attributes (either quote, no '<', no duplicates), every close matching its open, one root, entities (&amp;
 * &lt; &gt; &quot; &apos; &#..; &#x..;, nothing else, in text and attributes alike), nothing left open at the
 * end. Any breach throws XmlSyntaxError, which the reader reports as a damaged file.
 * Like saxes without namespaces (what the reader used before): prefixes stay in the names (the handler gets the
 * local name too), line ends become \n, tabs and line ends in attribute values become spaces, CDATA is text,
 * comments, processing instructions and a DOCTYPE are skipped, a UTF-8 byte order mark is skipped, xml:space is
 * an attribute like any other (text is never trimmed here). Bytes that are not UTF-8 decode to U+FFFD, as
 * TextDecoder decodes them.
 */
import { localName } from './xml-scan';

export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

// ---------------------------------------------------------------------------------------------------------
// UTF-8 → string

type Slice = (bytes: Uint8Array, start: number, end: number) => string;

/** The platform's decoder: Node's Buffer#utf8Slice (no copy of the bytes), else TextDecoder. */
const nativeUtf8: Slice = (() => {
  const B = (globalThis as { Buffer?: { prototype: { utf8Slice?: (this: Uint8Array, s: number, e: number) => string } } }).Buffer;
  const slice = B?.prototype?.utf8Slice;
  if (typeof slice === 'function') return (bytes, start, end) => slice.call(bytes, start, end);
  const td = new TextDecoder('utf-8', { ignoreBOM: true });
  return (bytes, start, end) => td.decode(bytes.subarray(start, end));
})();

/** Code units of a run being decoded (utf8 decodes runs of at most SHORT_RUN bytes here). */
const SHORT_RUN = 36;
const units = new Uint16Array(SHORT_RUN);
const fromCodes = String.fromCharCode;

/**
 * The decoded code units as one string, made at once: `s += char` made a string per character (V8's StringAdd
 * was 2 % of the instructions of reading a 100,000-row sheet, with as many short-lived strings for the scavenger),
 * and the native decoder costs more to call than a short run costs to decode (a 7-character shared string: ~60 ns
 * native, ~35 by +=, ~20 here). Fixed arities up to 12 (no arguments array), a plain array beyond.
 */
function unitsString(k: number): string {
  const u = units;
  switch (k) {
    case 0:
      return '';
    case 1:
      return fromCodes(u[0]);
    case 2:
      return fromCodes(u[0], u[1]);
    case 3:
      return fromCodes(u[0], u[1], u[2]);
    case 4:
      return fromCodes(u[0], u[1], u[2], u[3]);
    case 5:
      return fromCodes(u[0], u[1], u[2], u[3], u[4]);
    case 6:
      return fromCodes(u[0], u[1], u[2], u[3], u[4], u[5]);
    case 7:
      return fromCodes(u[0], u[1], u[2], u[3], u[4], u[5], u[6]);
    case 8:
      return fromCodes(u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7]);
    case 9:
      return fromCodes(u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8]);
    case 10:
      return fromCodes(u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9]);
    case 11:
      return fromCodes(u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10]);
    case 12:
      return fromCodes(u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11]);
  }
  const a: number[] = [];
  for (let i = 0; i < k; i++) a.push(u[i]);
  return fromCodes(...a);
}

/**
 * bytes[start, end) as a string. Short runs (most cell values, shared strings and formulas) are decoded here:
 * crossing into the native decoder costs more than the decoding. Anything but well-formed UTF-8 of one to three
 * bytes a character goes to the native decoder, so malformed bytes become U+FFFD exactly as TextDecoder makes them.
 */
export function utf8(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > SHORT_RUN) return nativeUtf8(bytes, start, end);
  const u = units;
  let k = 0;
  for (let i = start; i < end; ) {
    const c = bytes[i];
    if (c < 0x80) {
      u[k++] = c;
      i++;
    } else if (((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) && i + 2 < end) {
      const c1 = bytes[i + 1];
      const c2 = bytes[i + 2];
      if ((c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80) return nativeUtf8(bytes, start, end);
      u[k++] = ((c & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
      i += 3;
    } else if (c >= 0xc2 && c <= 0xdf && i + 1 < end) {
      const c1 = bytes[i + 1];
      if ((c1 & 0xc0) !== 0x80) return nativeUtf8(bytes, start, end);
      u[k++] = ((c & 0x1f) << 6) | (c1 & 0x3f);
      i += 2;
    } else return nativeUtf8(bytes, start, end);
  }
  return unitsString(k);
}

// ---------------------------------------------------------------------------------------------------------
// Entities

/**
 * Decodes the five XML entities and character references; anything else is a syntax error. (xml-scan.ts's
 * decodeEntities is the patcher's lenient twin: it only sees parts this reader has already accepted.)
 */
export function decodeXmlEntities(s: string): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = s.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp > 12) throw new XmlSyntaxError('XML: unterminated entity');
    out += s.slice(from, amp);
    const e = s.slice(amp + 1, semi);
    switch (e) {
      case 'amp':
        out += '&';
        break;
      case 'lt':
        out += '<';
        break;
      case 'gt':
        out += '>';
        break;
      case 'quot':
        out += '"';
        break;
      case 'apos':
        out += "'";
        break;
      default: {
        let cp = NaN;
        if (/^#x[0-9a-fA-F]+$/.test(e)) cp = parseInt(e.slice(2), 16);
        else if (/^#[0-9]+$/.test(e)) cp = parseInt(e.slice(1), 10);
        if (!(cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0x10ffff && cp !== 0xfffe && cp !== 0xffff))) {
          throw new XmlSyntaxError(`XML: undefined entity &${e};`);
        }
        out += String.fromCodePoint(cp);
      }
    }
    from = semi + 1;
    amp = s.indexOf('&', from);
  }
  return out + s.slice(from);
}

const normaliseLineEnds = (s: string) => (s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n'));

// ---------------------------------------------------------------------------------------------------------
// Numbers straight from the bytes

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Number(text) of a plain decimal ('-12', '3.25', '1.5E-3') in bytes[start, end), or undefined when the text is
 * anything else (spaces, hex, Infinity, more than 15 digits…), for the caller to decode and convert. Exact: at most
 * 15 significant digits and a power of ten up to 22, so one IEEE multiplication or division rounds correctly.
 */
export function plainNumber(b: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  let neg = false;
  if (i < end && (b[i] === 45 || b[i] === 43)) {
    neg = b[i] === 45;
    i++;
  }
  let m = 0;
  let digits = 0;
  let scale = 0;
  let any = false;
  // leading zeros do not count as significant digits
  for (; i < end; i++) {
    const c = b[i] - 48;
    if (c < 0 || c > 9) break;
    any = true;
    if (m !== 0 || c !== 0) {
      m = m * 10 + c;
      digits++;
    }
  }
  if (i < end && b[i] === 46) {
    i++;
    for (; i < end; i++) {
      const c = b[i] - 48;
      if (c < 0 || c > 9) break;
      any = true;
      if (m !== 0 || c !== 0) {
        m = m * 10 + c;
        digits++;
      }
      scale--;
    }
  }
  if (!any || digits > 15) return undefined;
  if (i < end && (b[i] === 101 || b[i] === 69)) {
    i++;
    let eneg = false;
    if (i < end && (b[i] === 45 || b[i] === 43)) {
      eneg = b[i] === 45;
      i++;
    }
    let e = 0;
    let ed = 0;
    for (; i < end; i++) {
      const c = b[i] - 48;
      if (c < 0 || c > 9) break;
      e = e * 10 + c;
      if (++ed > 4) return undefined;
    }
    if (ed === 0) return undefined;
    scale += eneg ? -e : e;
  }
  if (i !== end) return undefined;
  let v: number;
  if (m === 0) v = 0;
  else if (scale === 0) v = m;
  else if (scale > 0 && scale <= 22) v = m * POW10[scale];
  else if (scale < 0 && scale >= -22) v = m / POW10[-scale];
  else return undefined;
  return neg ? -v : v;
}

// ---------------------------------------------------------------------------------------------------------
// The scanner

/** A tag name, interned: its bytes (to match a close tag), its qualified and local names. */
interface NameEntry {
  bytes: Uint8Array;
  qname: string;
  local: string;
}

/** A string's characters as bytes: ASCII as it is, anything else 0. */
const ascii = (s: string) => Uint8Array.from(s, (c) => (c.charCodeAt(0) > 0x7f ? 0 : c.charCodeAt(0)));

/**
 * The attributes of the element being opened, as byte ranges of the scanner's buffer; valid only during `open`
 * (reused for the next tag). Values are decoded on request.
 */
export class XmlAttrs {
  count = 0;
  /** @internal the bytes the ranges point into */
  buf: Uint8Array = new Uint8Array(0);
  /** @internal per attribute: name start, name end, value start, value end */
  pos = new Int32Array(4 * 16);
  /** @internal values with entities, tabs or line ends, decoded while scanning (null for plain ones) */
  readonly special: (string | null)[] = [];

  /** The index of the attribute with exactly this (qualified, ASCII) name, -1 when there is none. */
  indexOf(name: string): number {
    const b = this.buf;
    const p = this.pos;
    const n = name.length;
    outer: for (let i = 0; i < this.count; i++) {
      const s = p[4 * i];
      if (p[4 * i + 1] - s !== n) continue;
      for (let k = 0; k < n; k++) if (b[s + k] !== name.charCodeAt(k)) continue outer;
      return i;
    }
    return -1;
  }

  name(i: number): string {
    return utf8(this.buf, this.pos[4 * i], this.pos[4 * i + 1]);
  }

  value(i: number): string {
    return this.special[i] ?? utf8(this.buf, this.pos[4 * i + 2], this.pos[4 * i + 3]);
  }

  /** The value of the attribute with exactly this (qualified) name. */
  get(name: string): string | undefined {
    const i = this.indexOf(name);
    return i < 0 ? undefined : this.value(i);
  }

  /** By exact name, else by local name ('r:id' answers 'id'). */
  getLocal(local: string): string | undefined {
    const v = this.get(local);
    if (v !== undefined) return v;
    for (let i = 0; i < this.count; i++) {
      const n = this.name(i);
      const c = n.indexOf(':');
      if (c >= 0 && n.slice(c + 1) === local) return this.value(i);
    }
    return undefined;
  }

  /** The first byte of attribute i's name when the name is one byte long ('r', 's', 't'), else -1. */
  shortName(i: number): number {
    const p = this.pos;
    return p[4 * i + 1] - p[4 * i] === 1 ? this.buf[p[4 * i]] : -1;
  }

  /** parseInt(value, 10) of the named attribute, read from the bytes; NaN when absent or not a number. */
  int(name: string): number {
    const i = this.indexOf(name);
    return i < 0 ? NaN : this.intAt(i);
  }

  /** parseInt(value, 10) of attribute i. */
  intAt(i: number): number {
    const b = this.buf;
    const start = this.pos[4 * i + 2];
    const end = this.pos[4 * i + 3];
    if (this.special[i] === null && start < end && b[start] >= 48 && b[start] <= 57) {
      let v = 0;
      let k = start;
      for (; k < end && k - start < 15; k++) {
        const c = b[k] - 48;
        if (c < 0 || c > 9) return v;
        v = v * 10 + c;
      }
      if (k === end || b[k] < 48 || b[k] > 57) return v;
    }
    return parseInt(this.value(i), 10);
  }

  /** Row and column of the last ref() (0s for a part that is missing or malformed, like decodeRef). */
  refRow = 0;
  refCol = 0;

  /**
   * Decodes the cell reference ('AB12', '$A$1') of the named attribute into refRow and refCol; false when the
   * attribute is absent. Numbers beyond Excel's grid saturate (the reader drops such cells).
   */
  ref(name: string): boolean {
    const i = this.indexOf(name);
    return i < 0 ? false : this.refAt(i);
  }

  /** ref() of attribute i. */
  refAt(i: number): boolean {
    const special = this.special[i];
    const b = special !== null ? ascii(special) : this.buf;
    let k = special !== null ? 0 : this.pos[4 * i + 2];
    const end = special !== null ? b.length : this.pos[4 * i + 3];
    let col = 0;
    for (; k < end; k++) {
      const c = b[k];
      if (c === 36) continue;
      if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
      else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
      else break;
      if (col > 1e9) col = 1e9;
    }
    let row = 0;
    for (; k < end; k++) {
      const c = b[k];
      if (c === 36) continue;
      if (c >= 48 && c <= 57) row = row * 10 + (c - 48);
      else break;
      if (row > 1e10) row = 1e10;
    }
    this.refRow = row;
    this.refCol = col;
    return true;
  }

  toObject(): Record<string, string> {
    const o: Record<string, string> = {};
    for (let i = 0; i < this.count; i++) o[this.name(i)] = this.value(i);
    return o;
  }
}

export interface XmlHandler {
  /** `local` is the name without its prefix ('x:c' → 'c'). */
  open(local: string, attrs: XmlAttrs): void;
  close(local: string): void;
  /** Text (entities decoded) inside elements while `wantText` is set; may come in several pieces. */
  text(text: string): void;
  /**
   * When given and `wantRaw` is set: text with no entity and no line end that runs up to a close tag, as bytes
   * (valid only during the call), in place of text().
   */
  raw?(bytes: Uint8Array, start: number, end: number): void;
}

/** Byte classes, one table lookup each. */
const SPACE = 1;
const NAME_START = 2;
const ENDS_NAME = 4;
const CLASS = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  if (c === 32 || c === 10 || c === 9 || c === 13) CLASS[c] |= SPACE;
  // May start a name: ASCII letters, '_', ':' and anything beyond ASCII (XML 1.0 §2.3, loosely above 0x7F).
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0x80) CLASS[c] |= NAME_START;
  // Ends a name (or is not allowed in one).
  if (c <= 32 || c === 62 || c === 47 || c === 61 || c === 34 || c === 39 || c === 60 || c === 38) CLASS[c] |= ENDS_NAME;
}
const isSpace = (c: number) => (CLASS[c] & SPACE) !== 0;
const isNameStart = (c: number) => (CLASS[c] & NAME_START) !== 0;
const endsName = (c: number) => (CLASS[c] & ENDS_NAME) !== 0;

const CDATA = ascii('<![CDATA[');
const DOCTYPE = ascii('<!DOCTYPE');
const COMMENT = ascii('<!--');

/** A close tag that does not close the open element. */
function mismatch(s: Uint8Array, lt: number, gt: number, open: string): XmlSyntaxError {
  return new XmlSyntaxError(`XML: </${utf8(s, lt + 2, gt).trim()}> closes <${open}>`);
}

function startsWith(s: Uint8Array, at: number, what: Uint8Array): boolean {
  if (at + what.length > s.length) return false;
  for (let k = 0; k < what.length; k++) if (s[at + k] !== what[k]) return false;
  return true;
}
/** `what` is cut off by the end of s at `at`: s[at..] is a proper prefix of it. */
function prefixOf(s: Uint8Array, at: number, what: Uint8Array): boolean {
  const n = s.length - at;
  if (n >= what.length) return false;
  for (let k = 0; k < n; k++) if (s[at + k] !== what[k]) return false;
  return true;
}
function find2(s: Uint8Array, from: number, a: number, b: number): number {
  for (let k = from; k + 1 < s.length; k++) if (s[k] === a && s[k + 1] === b) return k;
  return -1;
}
function find3(s: Uint8Array, from: number, a: number, b: number, c: number): number {
  for (let k = from; k + 2 < s.length; k++) if (s[k] === a && s[k + 1] === b && s[k + 2] === c) return k;
  return -1;
}

/**
 * The names the reader's handlers compare against, as literals: a handler's `tag === 'c'` is then one pointer
 * comparison (a name decoded from the bytes is an equal but distinct string).
 */
const KNOWN_NAMES = new Map(
  ['c', 'v', 'f', 'is', 't', 'r', 'rPh', 'row', 'sheetData', 'mergeCell', 'si', 'sst', 'numFmt', 'cellXfs', 'xf', 'sheet', 'workbookPr', 'Relationship'].map((n) => [n, n]),
);

/** Names interned at most (a document of millions of distinct tag names gets fresh entries past this). */
const MAX_INTERNED = 4096;

export class XmlReader {
  /** Set by the handler: text inside the current element is wanted (else it is skipped unread). */
  wantText = false;
  /** Set by the handler with wantText: plain text may come as bytes through raw(). */
  wantRaw = false;
  private rest: Uint8Array | null = null;
  private readonly stack: NameEntry[] = [];
  private depth = 0;
  private rootDone = false;
  private rootSeen = false;
  private ended = false;
  private started = false;
  private readonly attrs = new XmlAttrs();
  private readonly byFirst: (NameEntry[] | undefined)[] = [];
  private internedCount = 0;

  constructor(private readonly h: XmlHandler) {}

  write(chunk: Uint8Array): void {
    let s = chunk;
    if (this.rest) {
      s = new Uint8Array(this.rest.length + chunk.length);
      s.set(this.rest);
      s.set(chunk, this.rest.length);
      this.rest = null;
    }
    let i = 0;
    if (!this.started) {
      // a byte order mark (TextDecoder drops it)
      if (s.length < 3 && (s.length === 0 || (s[0] === 0xef && (s.length < 2 || s[1] === 0xbb)))) {
        if (s.length) this.rest = s.slice();
        return;
      }
      this.started = true;
      if (s[0] === 0xef && s[1] === 0xbb && s[2] === 0xbf) i = 3;
    }
    const n = s.length;
    this.attrs.buf = s;
    while (i < n) {
      let lt = i;
      while (lt < n && s[lt] !== 60) lt++;
      if (lt > i) {
        if (lt === n) {
          // The chunk ends in text: hand over what is complete, keep a cut entity, a \r that may precede \n, or
          // a cut UTF-8 sequence.
          const keep = this.textTail(s, i, n);
          if (keep < n) this.rest = s.slice(keep);
          return;
        }
        this.textPiece(s, i, lt);
      }
      const end = this.tag(s, lt);
      if (end < 0) {
        this.rest = s.slice(lt);
        return;
      }
      i = end;
    }
  }

  /** The whole document has been written: throws when it is not complete. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.rest) {
      const r = this.rest;
      this.rest = null;
      if (!this.started) {
        this.started = true;
        this.textPiece(r, 0, r.length);
      } else {
        if (r[0] === 60) throw new XmlSyntaxError('XML: document ends inside a tag');
        this.textPiece(r, 0, r.length);
      }
    }
    if (this.depth > 0) throw new XmlSyntaxError(`XML: unclosed element <${this.stack[this.depth - 1].qname}>`);
    if (!this.rootSeen) throw new XmlSyntaxError('XML: no root element');
  }

  /** Where to cut trailing text at a chunk end; emits s[i, cut). */
  private textTail(s: Uint8Array, i: number, n: number): number {
    let cut = n;
    for (let k = n - 1; k >= i; k--) {
      if (s[k] === 59) break; // ';'
      if (s[k] === 38) {
        cut = k;
        break;
      }
    }
    if (cut > i && s[cut - 1] === 13) cut--;
    // a UTF-8 sequence cut by the chunk's end
    let k = cut;
    while (k > i && k > cut - 3 && (s[k - 1] & 0xc0) === 0x80) k--;
    if (k > i && s[k - 1] >= 0xc0) {
      const lead = s[k - 1];
      const len = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      if (cut - (k - 1) < len) cut = k - 1;
    }
    if (cut > i) this.textPiece(s, i, cut);
    return cut;
  }

  private textPiece(s: Uint8Array, a: number, b: number): void {
    if (this.depth === 0) {
      for (let k = a; k < b; k++) if (!isSpace(s[k])) throw new XmlSyntaxError('XML: text outside the root element');
      return;
    }
    if (!this.wantText) return;
    let amp = false;
    let cr = false;
    for (let k = a; k < b; k++) {
      const c = s[k];
      if (c === 38) amp = true;
      else if (c === 13) cr = true;
    }
    if (!amp && !cr && this.wantRaw && this.h.raw && b + 1 < s.length && s[b + 1] === 47) {
      this.h.raw(s, a, b);
      return;
    }
    let t = utf8(s, a, b);
    if (cr) t = normaliseLineEnds(t);
    if (amp) t = decodeXmlEntities(t);
    this.h.text(t);
  }

  private intern(s: Uint8Array, a: number, b: number): NameEntry {
    // by first byte, then the bytes themselves: a document uses a few dozen names
    const first = s[a];
    let list = this.byFirst[first];
    if (list) {
      const len = b - a;
      outer: for (let i = 0; i < list.length; i++) {
        const e = list[i];
        const eb = e.bytes;
        if (eb.length !== len) continue;
        for (let k = 1; k < len; k++) if (eb[k] !== s[a + k]) continue outer;
        if (i > 0) {
          // most recently seen first
          list[i] = list[0];
          list[0] = e;
        }
        return e;
      }
    }
    const qname = utf8(s, a, b);
    const local = localName(qname);
    const entry: NameEntry = { bytes: s.slice(a, b), qname, local: KNOWN_NAMES.get(local) ?? local };
    if (this.internedCount < MAX_INTERNED) {
      this.internedCount++;
      if (!list) this.byFirst[first] = list = [];
      list.push(entry);
    }
    return entry;
  }

  /** Handles the markup at s[lt] ('<'); returns the index past it, or -1 when it is not complete in s. */
  private tag(s: Uint8Array, lt: number): number {
    const n = s.length;
    if (lt + 1 >= n) return -1;
    const c1 = s[lt + 1];
    if (c1 === 47 /* / */) return this.closeTag(s, lt);
    if (c1 === 33 /* ! */) return this.bang(s, lt);
    if (c1 === 63 /* ? */) {
      const e = find2(s, lt + 2, 63, 62);
      return e < 0 ? -1 : e + 2;
    }
    if (!isNameStart(c1)) throw new XmlSyntaxError('XML: bad tag name');
    let j = lt + 2;
    while (j < n && !endsName(s[j])) j++;
    if (j >= n) return -1;
    const nameEnd = j;
    const attrs = this.attrs;
    attrs.count = 0;
    let pos = attrs.pos;
    let empty = false;
    for (;;) {
      const before = j;
      while (j < n && isSpace(s[j])) j++;
      if (j >= n) return -1;
      const c = s[j];
      if (c === 62 /* > */) {
        j++;
        break;
      }
      if (c === 47 /* / */) {
        if (j + 1 >= n) return -1;
        if (s[j + 1] !== 62) throw new XmlSyntaxError('XML: bad self-closing tag');
        j += 2;
        empty = true;
        break;
      }
      if (j === before || !isNameStart(c)) throw new XmlSyntaxError(`XML: bad attribute in <${utf8(s, lt + 1, nameEnd)}>`);
      const a0 = j;
      while (j < n && !endsName(s[j])) j++;
      if (j >= n) return -1;
      const a1 = j;
      while (j < n && isSpace(s[j])) j++;
      if (j >= n) return -1;
      if (s[j] !== 61 /* = */) throw new XmlSyntaxError(`XML: attribute ${utf8(s, a0, a1)} without a value`);
      j++;
      while (j < n && isSpace(s[j])) j++;
      if (j >= n) return -1;
      const q = s[j];
      if (q !== 34 && q !== 39) throw new XmlSyntaxError(`XML: unquoted attribute ${utf8(s, a0, a1)}`);
      const v0 = j + 1;
      let v1 = v0;
      let special = false;
      for (; v1 < n; v1++) {
        const ch = s[v1];
        if (ch === q) break;
        if (ch === 60) throw new XmlSyntaxError(`XML: '<' in attribute ${utf8(s, a0, a1)}`);
        if (ch === 38 || ch === 9 || ch === 10 || ch === 13) special = true;
      }
      if (v1 >= n) return -1;
      const k = attrs.count;
      for (let m = 0; m < k; m++) {
        const p0 = pos[4 * m];
        if (pos[4 * m + 1] - p0 !== a1 - a0) continue;
        let same = true;
        for (let x = 0; x < a1 - a0; x++) {
          if (s[p0 + x] !== s[a0 + x]) {
            same = false;
            break;
          }
        }
        if (same) throw new XmlSyntaxError(`XML: duplicate attribute ${utf8(s, a0, a1)}`);
      }
      if (4 * k + 4 > pos.length) {
        const grown = new Int32Array(pos.length * 2);
        grown.set(pos);
        attrs.pos = pos = grown;
      }
      pos[4 * k] = a0;
      pos[4 * k + 1] = a1;
      pos[4 * k + 2] = v0;
      pos[4 * k + 3] = v1;
      attrs.special[k] = special ? decodeXmlEntities(utf8(s, v0, v1).replace(/\r\n|[\t\n\r]/g, ' ')) : null;
      attrs.count = k + 1;
      j = v1 + 1;
    }
    if (this.depth === 0) {
      if (this.rootDone) throw new XmlSyntaxError('XML: more than one root element');
      this.rootSeen = true;
    }
    const name = this.intern(s, lt + 1, nameEnd);
    if (empty) {
      if (this.depth === 0) this.rootDone = true;
      this.h.open(name.local, attrs);
      this.h.close(name.local);
    } else {
      this.stack[this.depth++] = name;
      this.h.open(name.local, attrs);
    }
    return j;
  }

  private closeTag(s: Uint8Array, lt: number): number {
    const n = s.length;
    let gt = lt + 2;
    while (gt < n && s[gt] !== 62) gt++;
    if (gt >= n) return -1;
    // (no closure here: this runs for every close tag)
    if (this.depth === 0) throw new XmlSyntaxError('XML: close tag without an open one');
    const q = this.stack[this.depth - 1];
    const qb = q.bytes;
    let j = lt + 2 + qb.length;
    if (j > gt) throw mismatch(s, lt, gt, q.qname);
    for (let k = 0; k < qb.length; k++) if (s[lt + 2 + k] !== qb[k]) throw mismatch(s, lt, gt, q.qname);
    for (; j < gt; j++) if (!isSpace(s[j])) throw mismatch(s, lt, gt, q.qname);
    this.depth--;
    if (this.depth === 0) this.rootDone = true;
    this.h.close(q.local);
    return gt + 1;
  }

  /** Comments, CDATA sections and a DOCTYPE. */
  private bang(s: Uint8Array, lt: number): number {
    if (prefixOf(s, lt, CDATA) || prefixOf(s, lt, DOCTYPE) || prefixOf(s, lt, COMMENT)) return -1;
    if (startsWith(s, lt, COMMENT)) {
      const e = find3(s, lt + 4, 45, 45, 62);
      return e < 0 ? -1 : e + 3;
    }
    if (startsWith(s, lt, CDATA)) {
      const e = find3(s, lt + 9, 93, 93, 62);
      if (e < 0) return -1;
      if (this.depth === 0) throw new XmlSyntaxError('XML: CDATA outside the root element');
      if (this.wantText) this.h.text(normaliseLineEnds(utf8(s, lt + 9, e)));
      return e + 3;
    }
    if (startsWith(s, lt, DOCTYPE)) {
      if (this.rootSeen) throw new XmlSyntaxError('XML: DOCTYPE after the root element');
      const n = s.length;
      let open = lt;
      while (open < n && s[open] !== 91) open++;
      let gt = lt;
      while (gt < n && s[gt] !== 62) gt++;
      if (gt >= n) return -1;
      if (open >= n || open > gt) return gt + 1;
      let close = open;
      while (close < n && s[close] !== 93) close++;
      if (close >= n) return -1;
      let e = close;
      while (e < n && s[e] !== 62) e++;
      return e >= n ? -1 : e + 1;
    }
    throw new XmlSyntaxError('XML: bad markup after <!');
  }
}
