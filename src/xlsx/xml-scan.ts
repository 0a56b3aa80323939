/**
 * A raw XML tokenizer for editing parts in place: it cuts text into tags and the text between them and hands each
 * token over with its exact source text, so whatever the editor passes on unchanged comes out byte for byte.
 * It works on chunks (a sheet of a million rows is never one string) and keeps only an unfinished tag between
 * chunks. It checks no more than it needs to find tag boundaries; the parts it edits come from a package that
 * the reader (read.ts with the validating scanner of xml-read.ts) has already read.
 */

export type TokenKind = 'open' | 'close' | 'empty' | 'text' | 'other';

export interface Token {
  kind: TokenKind;
  /** Exact source text of the token. */
  raw: string;
  /** Qualified element name ('x:c'), '' for text and other. */
  name: string;
  /** Name without prefix ('c'). */
  local: string;
}

export class XmlScanner {
  private rest = '';
  private done = false;

  constructor(private readonly onToken: (t: Token) => void) {}

  write(chunk: string): void {
    let s = this.rest + chunk;
    let i = 0;
    const n = s.length;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        this.emit('text', s.slice(i));
        i = n;
        break;
      }
      if (lt > i) this.emit('text', s.slice(i, lt));
      const end = tagEnd(s, lt);
      if (end < 0) {
        i = lt;
        break;
      }
      this.tag(s.slice(lt, end));
      i = end;
    }
    this.rest = i < n ? s.slice(i) : '';
    s = '';
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    if (this.rest) {
      if (this.rest.startsWith('<')) throw new Error('XML ends inside a tag');
      this.emit('text', this.rest);
    }
    this.rest = '';
  }

  private emit(kind: TokenKind, raw: string, name = ''): void {
    this.onToken({ kind, raw, name, local: localName(name) });
  }

  private tag(raw: string): void {
    const c = raw.charCodeAt(1);
    if (c === 33 /* ! */ || c === 63 /* ? */) return this.emit('other', raw);
    if (c === 47 /* / */) return this.emit('close', raw, raw.slice(2, -1).trim());
    const m = /^<([^\s/>]+)/.exec(raw);
    const name = m ? m[1] : '';
    this.emit(raw.charCodeAt(raw.length - 2) === 47 ? 'empty' : 'open', raw, name);
  }
}

/** Index just past the tag starting at s[lt], or -1 when the tag is not complete in s. */
function tagEnd(s: string, lt: number): number {
  if (s.startsWith('<!--', lt)) {
    const e = s.indexOf('-->', lt + 4);
    return e < 0 ? -1 : e + 3;
  }
  if (s.startsWith('<![CDATA[', lt)) {
    const e = s.indexOf(']]>', lt + 9);
    return e < 0 ? -1 : e + 3;
  }
  if (s.startsWith('<?', lt)) {
    const e = s.indexOf('?>', lt + 2);
    return e < 0 ? -1 : e + 2;
  }
  if (lt + 1 >= s.length) return -1;
  let q = 0;
  for (let j = lt + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (q) {
      if (c === q) q = 0;
    } else if (c === 34 || c === 39) q = c;
    else if (c === 62) return j + 1;
  }
  return -1;
}

export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

export function prefixOf(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? '' : name.slice(0, i + 1);
}

export interface RawAttr {
  name: string;
  local: string;
  value: string;
  raw: string;
}

/** The attributes of an open or empty tag, values decoded, each with its source text. */
export function attrsOf(tag: string): RawAttr[] {
  const out: RawAttr[] = [];
  const re = /([^\s=<>/"']+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  const start = tag.search(/\s/);
  if (start < 0) return out;
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) out.push({ name: m[1], local: localName(m[1]), value: decodeEntities(m[3] ?? m[4] ?? ''), raw: m[0] });
  return out;
}

export function attrOf(tag: string, local: string): string | undefined {
  for (const a of attrsOf(tag)) if (a.local === local || a.name === local) return a.value;
  return undefined;
}

export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/** Runs a whole (small) part through the scanner; `edit` returns the replacement of a token, or undefined to keep it. */
export function editXml(text: string, edit: (t: Token, depth: number) => string | undefined): string {
  const out: string[] = [];
  let depth = 0;
  const scanner = new XmlScanner((t) => {
    if (t.kind === 'close') depth--;
    const r = edit(t, depth);
    out.push(r === undefined ? t.raw : r);
    if (t.kind === 'open') depth++;
  });
  scanner.write(text);
  scanner.end();
  return out.join('');
}

/** Every token of a (small) part, with its depth (the root element is at depth 0). */
export function scanXml(text: string, visit: (t: Token, depth: number) => void): void {
  editXml(text, (t, d) => {
    visit(t, d);
    return undefined;
  });
}
