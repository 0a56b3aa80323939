/**
 * The reader's XML scanner: SpreadsheetML as the snapshot needs it, in place of a general SAX parser.
 *
 * It hands over elements (open with attributes, close; a self-closing element is both) and, only while the
 * handler sets `wantText`, the text inside them — so the bulk of a sheet (every tag's name and attributes aside)
 * is never copied out. It is fed text chunk by chunk (a 100,000-row sheet is never one string) and keeps only an
 * unfinished tag, entity or line end between chunks. What it checks is what well-formedness needs to be sure the
 * snapshot is the document's: names, quoted attributes (either quote, no '<', no duplicates), every close
 * matching its open, one root, entities (&amp; &lt; &gt; &quot; &apos; &#..; &#x..;, nothing else), nothing left
 * open at the end. Any breach throws XmlSyntaxError, which the reader reports as a damaged file.
 * Like saxes without namespaces (what the reader used before): prefixes stay in the names (the handler gets the
 * local name too), line ends become \n, tabs and line ends in attribute values become spaces, CDATA is text,
 * comments, processing instructions and a DOCTYPE are skipped, xml:space is an attribute like any other (text is
 * never trimmed here).
 */
import { localName } from './xml-scan';

export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

/** The attributes of the element being opened; valid only during `open` (reused for the next tag). */
export class XmlAttrs {
  count = 0;
  readonly names: string[] = [];
  readonly values: string[] = [];

  /** The value of the attribute with exactly this (qualified) name. */
  get(name: string): string | undefined {
    for (let i = 0; i < this.count; i++) if (this.names[i] === name) return this.values[i];
    return undefined;
  }

  /** By exact name, else by local name ('r:id' answers 'id'). */
  getLocal(local: string): string | undefined {
    const v = this.get(local);
    if (v !== undefined) return v;
    for (let i = 0; i < this.count; i++) {
      const n = this.names[i];
      const c = n.indexOf(':');
      if (c >= 0 && n.slice(c + 1) === local) return this.values[i];
    }
    return undefined;
  }

  toObject(): Record<string, string> {
    const o: Record<string, string> = {};
    for (let i = 0; i < this.count; i++) o[this.names[i]] = this.values[i];
    return o;
  }
}

export interface XmlHandler {
  /** `local` is the name without its prefix ('x:c' → 'c'). */
  open(local: string, attrs: XmlAttrs): void;
  close(local: string): void;
  /** Text (entities decoded) inside elements while `wantText` is set; may come in several pieces. */
  text(text: string): void;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

/** May start a name: ASCII letters, '_', ':' and anything beyond ASCII (XML 1.0 §2.3, loosely above 0x7F). */
const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0x80;
/** Ends a name (or is not allowed in one). */
const endsName = (c: number) => c <= 32 || c === 62 || c === 47 || c === 61 || c === 34 || c === 39 || c === 60 || c === 38;

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

export class XmlReader {
  /** Set by the handler: text inside the current element is wanted (else it is skipped unread). */
  wantText = false;
  private rest = '';
  private readonly qnames: string[] = [];
  private readonly locals: string[] = [];
  private depth = 0;
  private rootDone = false;
  private rootSeen = false;
  private ended = false;
  private readonly attrs = new XmlAttrs();

  constructor(private readonly h: XmlHandler) {}

  write(chunk: string): void {
    const s = this.rest ? this.rest + chunk : chunk;
    this.rest = '';
    const n = s.length;
    let i = 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      const textEnd = lt < 0 ? n : lt;
      if (textEnd > i) {
        if (lt < 0) {
          // The chunk ends in text: hand over what is complete, keep a cut entity or a \r that may precede \n.
          const keep = this.textTail(s, i, n);
          if (keep < n) this.rest = s.slice(keep);
          return;
        }
        this.textPiece(s, i, textEnd);
      }
      if (lt < 0) return;
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
      if (this.rest.charCodeAt(0) === 60) throw new XmlSyntaxError('XML: document ends inside a tag');
      const r = this.rest;
      this.rest = '';
      this.textPiece(r, 0, r.length);
    }
    if (this.depth > 0) throw new XmlSyntaxError(`XML: unclosed element <${this.qnames[this.depth - 1]}>`);
    if (!this.rootSeen) throw new XmlSyntaxError('XML: no root element');
  }

  /** Where to cut trailing text at a chunk end; emits s[i, cut). */
  private textTail(s: string, i: number, n: number): number {
    let cut = n;
    const amp = s.lastIndexOf('&', n - 1);
    if (amp >= i && s.indexOf(';', amp) < 0) cut = amp;
    if (cut > i && s.charCodeAt(cut - 1) === 13) cut--;
    if (cut > i) this.textPiece(s, i, cut);
    return cut;
  }

  private textPiece(s: string, a: number, b: number): void {
    if (this.depth === 0) {
      for (let k = a; k < b; k++) if (!isSpace(s.charCodeAt(k))) throw new XmlSyntaxError('XML: text outside the root element');
      return;
    }
    if (!this.wantText) return;
    this.h.text(decodeXmlEntities(normaliseLineEnds(s.slice(a, b))));
  }

  /** Handles the markup at s[lt] ('<'); returns the index past it, or -1 when it is not complete in s. */
  private tag(s: string, lt: number): number {
    const n = s.length;
    if (lt + 1 >= n) return -1;
    const c1 = s.charCodeAt(lt + 1);
    if (c1 === 47 /* / */) return this.closeTag(s, lt);
    if (c1 === 33 /* ! */) return this.bang(s, lt);
    if (c1 === 63 /* ? */) {
      const e = s.indexOf('?>', lt + 2);
      return e < 0 ? -1 : e + 2;
    }
    if (!isNameStart(c1)) throw new XmlSyntaxError('XML: bad tag name');
    let j = lt + 2;
    while (j < n && !endsName(s.charCodeAt(j))) j++;
    if (j >= n) return -1;
    const name = s.slice(lt + 1, j);
    const attrs = this.attrs;
    attrs.count = 0;
    let empty = false;
    for (;;) {
      const before = j;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (j >= n) return -1;
      const c = s.charCodeAt(j);
      if (c === 62 /* > */) {
        j++;
        break;
      }
      if (c === 47 /* / */) {
        if (j + 1 >= n) return -1;
        if (s.charCodeAt(j + 1) !== 62) throw new XmlSyntaxError('XML: bad self-closing tag');
        j += 2;
        empty = true;
        break;
      }
      if (j === before || !isNameStart(c)) throw new XmlSyntaxError(`XML: bad attribute in <${name}>`);
      const a0 = j;
      while (j < n && !endsName(s.charCodeAt(j))) j++;
      if (j >= n) return -1;
      const aname = s.slice(a0, j);
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (j >= n) return -1;
      if (s.charCodeAt(j) !== 61 /* = */) throw new XmlSyntaxError(`XML: attribute ${aname} without a value`);
      j++;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (j >= n) return -1;
      const q = s.charCodeAt(j);
      if (q !== 34 && q !== 39) throw new XmlSyntaxError(`XML: unquoted attribute ${aname}`);
      const v0 = j + 1;
      const v1 = s.indexOf(q === 34 ? '"' : "'", v0);
      if (v1 < 0) return -1;
      let special = false;
      for (let k = v0; k < v1; k++) {
        const ch = s.charCodeAt(k);
        if (ch === 60) throw new XmlSyntaxError(`XML: '<' in attribute ${aname}`);
        if (ch === 38 || ch === 9 || ch === 10 || ch === 13) special = true;
      }
      let value = s.slice(v0, v1);
      if (special) value = decodeXmlEntities(value.replace(/\r\n|[\t\n\r]/g, ' '));
      for (let k = 0; k < attrs.count; k++) if (attrs.names[k] === aname) throw new XmlSyntaxError(`XML: duplicate attribute ${aname}`);
      attrs.names[attrs.count] = aname;
      attrs.values[attrs.count] = value;
      attrs.count++;
      j = v1 + 1;
    }
    if (this.depth === 0) {
      if (this.rootDone) throw new XmlSyntaxError('XML: more than one root element');
      this.rootSeen = true;
    }
    const local = localName(name);
    if (empty) {
      if (this.depth === 0) this.rootDone = true;
      this.h.open(local, attrs);
      this.h.close(local);
    } else {
      this.qnames[this.depth] = name;
      this.locals[this.depth] = local;
      this.depth++;
      this.h.open(local, attrs);
    }
    return j;
  }

  private closeTag(s: string, lt: number): number {
    const gt = s.indexOf('>', lt + 2);
    if (gt < 0) return -1;
    if (this.depth === 0) throw new XmlSyntaxError('XML: close tag without an open one');
    const q = this.qnames[this.depth - 1];
    let j = lt + 2 + q.length;
    if (!s.startsWith(q, lt + 2) || j > gt) throw new XmlSyntaxError(`XML: </${s.slice(lt + 2, gt).trim()}> closes <${q}>`);
    for (; j < gt; j++) if (!isSpace(s.charCodeAt(j))) throw new XmlSyntaxError(`XML: </${s.slice(lt + 2, gt).trim()}> closes <${q}>`);
    this.depth--;
    if (this.depth === 0) this.rootDone = true;
    this.h.close(this.locals[this.depth]);
    return gt + 1;
  }

  /** Comments, CDATA sections and a DOCTYPE. */
  private bang(s: string, lt: number): number {
    if (s.length - lt < 9) {
      const t = s.slice(lt);
      if ('<![CDATA['.startsWith(t) || '<!DOCTYPE'.startsWith(t) || '<!--'.startsWith(t)) return -1;
    }
    if (s.startsWith('<!--', lt)) {
      const e = s.indexOf('-->', lt + 4);
      return e < 0 ? -1 : e + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const e = s.indexOf(']]>', lt + 9);
      if (e < 0) return -1;
      if (this.depth === 0) throw new XmlSyntaxError('XML: CDATA outside the root element');
      if (this.wantText) this.h.text(normaliseLineEnds(s.slice(lt + 9, e)));
      return e + 3;
    }
    if (s.startsWith('<!DOCTYPE', lt)) {
      if (this.rootSeen) throw new XmlSyntaxError('XML: DOCTYPE after the root element');
      const open = s.indexOf('[', lt);
      const gt = s.indexOf('>', lt);
      if (gt < 0) return -1;
      if (open < 0 || open > gt) return gt + 1;
      const close = s.indexOf(']', open);
      if (close < 0) return -1;
      const e = s.indexOf('>', close);
      return e < 0 ? -1 : e + 1;
    }
    throw new XmlSyntaxError('XML: bad markup after <!');
  }
}
