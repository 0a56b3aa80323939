import { XmlReader, XmlSyntaxError, decodeXmlEntities, plainNumber, utf8, type XmlAttrs } from '../../src/xlsx/xml-read';
import { inflateEntry, readZipDirectory } from '../../src/xlsx/zip-read';
import JSZip from 'jszip';

/** Every event as a line; text wanted inside <t>, <v> and <f>. Chunks are strings (UTF-8 encoded) or bytes. */
function events(chunks: (string | Uint8Array)[]): string[] {
  const out: string[] = [];
  const r: XmlReader = new XmlReader({
    open(name: string, a: XmlAttrs) {
      const attrs = Array.from({ length: a.count }, (_, i) => `${a.name(i)}=${a.value(i)}`).join(',');
      out.push(`open ${name}${attrs ? ` ${attrs}` : ''}`);
      if (name === 't' || name === 'v' || name === 'f') r.wantText = true;
    },
    close(name: string) {
      out.push(`close ${name}`);
      r.wantText = false;
    },
    text(t: string) {
      if (out.length && out[out.length - 1].startsWith('text ')) out[out.length - 1] += t;
      else out.push(`text ${t}`);
    },
  });
  for (const c of chunks) r.write(typeof c === 'string' ? new TextEncoder().encode(c) : c);
  r.end();
  return out;
}

/** The same document cut at every position gives the same events. */
function everySplit(xml: string): string[] {
  const whole = events([xml]);
  for (let k = 1; k < xml.length; k++) expect(events([xml.slice(0, k), xml.slice(k)])).toEqual(whole);
  return whole;
}

test('entities: the five named ones and character references, decimal and hex', () => {
  expect(decodeXmlEntities('a&amp;b&lt;&gt;&quot;&apos;&#20013;&#x6587;&#x1F600;')).toBe('a&b<>"\'中文😀');
  expect(everySplit('<r><t>1 &amp; 2 &#x4E2D;&#25991;</t></r>')).toEqual(['open r', 'open t', 'text 1 & 2 中文', 'close t', 'close r']);
});

test('namespace prefixes: local names to the handler, qualified names must match', () => {
  expect(everySplit('<x:worksheet xmlns:x="u"><x:c r="A1"><x:v>1</x:v></x:c></x:worksheet>')).toEqual([
    'open worksheet xmlns:x=u',
    'open c r=A1',
    'open v',
    'text 1',
    'close v',
    'close c',
    'close worksheet',
  ]);
  expect(() => events(['<x:c><v>1</x:v></x:c>'])).toThrow(XmlSyntaxError);
});

test('self-closing tags open and close; attributes in any order and either quote', () => {
  expect(everySplit(`<a><c t='s' r="B2"  s = '3'/><mergeCell ref="A1:B1"/></a>`)).toEqual([
    'open a',
    'open c t=s,r=B2,s=3',
    'close c',
    'open mergeCell ref=A1:B1',
    'close mergeCell',
    'close a',
  ]);
});

test('attribute values: entities decoded, tabs and line ends become spaces, quotes of the other kind kept', () => {
  expect(events([`<a n="x&amp;y&#10;z" m='say "hi"' w="p\tq\r\nr"/>`])).toEqual(['open a n=x&y\nz,m=say "hi",w=p q r', 'close a']);
});

test('text: line ends normalised, xml:space kept as an attribute, CDATA is text, comments and PIs skipped', () => {
  expect(everySplit('<?xml version="1.0"?><!-- c --><r><t xml:space="preserve">  a\r\nb <![CDATA[<x>&]]></t><?pi x?></r>')).toEqual([
    'open r',
    'open t xml:space=preserve',
    'text   a\nb <x>&',
    'close t',
    'close r',
  ]);
});

test('UTF-8 split across chunks is the decoder’s job; text split anywhere, even inside an entity, comes out whole', () => {
  const xml = '<r><t>预算&amp;决算&#x4E2D;</t></r>';
  for (let k = 1; k < xml.length; k++) for (let m = k + 1; m < xml.length; m++) {
    expect(events([xml.slice(0, k), xml.slice(k, m), xml.slice(m)])).toEqual(['open r', 'open t', 'text 预算&决算中', 'close t', 'close r']);
  }
});

test('bytes cut anywhere, even inside a UTF-8 sequence, give the same events; a byte order mark is skipped', () => {
  const bytes = new TextEncoder().encode('\ufeff<r><t>预算&amp;决算&#x4E2D;😀 x</t><c r="B2" n="中文"/></r>');
  const whole = events([bytes]);
  expect(whole).toEqual(['open r', 'open t', 'text 预算&决算中😀 x', 'close t', 'open c r=B2,n=中文', 'close c', 'close r']);
  for (let k = 1; k < bytes.length; k++) expect(events([bytes.subarray(0, k), bytes.subarray(k)])).toEqual(whole);
  expect(events([...bytes].map((b) => new Uint8Array([b])))).toEqual(whole);
});

test('malformed UTF-8 decodes to U+FFFD as TextDecoder does', () => {
  const bytes = new Uint8Array([...new TextEncoder().encode('<r><t>a'), 0xe4, 0xb8, 0x41, 0xff, ...new TextEncoder().encode('</t></r>')]);
  expect(events([bytes])).toEqual(['open r', 'open t', `text a${new TextDecoder().decode(new Uint8Array([0xe4, 0xb8, 0x41, 0xff]))}`, 'close t', 'close r']);
});

test('short runs decoded in JavaScript give exactly what TextDecoder gives, at every length up to and past the native cut-off', () => {
  const td = new TextDecoder();
  // characters of one, two, three and four bytes, and bytes that are not UTF-8 (lone continuation, overlong, surrogate, cut)
  const pieces = ['a', '7', '.', 'é', 'ß', '中', '预', '\uffee', '\ufffe', '😀'].map((c) => [...new TextEncoder().encode(c)]);
  pieces.push([0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe0, 0x80, 0x80], [0xe4, 0xb8], [0xff]);
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let n = 0; n < 3000; n++) {
    const bytes: number[] = [];
    const len = n % 45;
    while (bytes.length < len) bytes.push(...pieces[Math.floor(random() * (n % 3 === 0 ? pieces.length : 10))]);
    const b = new Uint8Array([0x3c, ...bytes, 0x3e]);
    expect(utf8(b, 1, b.length - 1)).toBe(td.decode(b.subarray(1, b.length - 1)));
  }
});

test('attributes read as numbers and cell references straight from the bytes', () => {
  const got: unknown[] = [];
  const r = new XmlReader({
    open(_name, a) {
      got.push([a.int('s'), a.ref('r') ? [a.refRow, a.refCol] : null]);
    },
    close() {},
    text() {},
  });
  r.write(new TextEncoder().encode('<x><c r="AB12" s="7"/><c r="$C$3" s="12x"/><c s=" 4"/><c r="&#x41;1" s="x"/><c r="" s="99999999999999999"/></x>'));
  r.end();
  expect(got).toEqual([
    [NaN, null],
    [7, [12, 28]],
    [12, [3, 3]],
    [4, null],
    [NaN, [1, 1]],
    [parseInt("99999999999999999", 10), [0, 0]],
  ]);
});

test('plain decimals are read exactly as Number reads them; anything else (or beyond the exact fast path) is left to Number', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  for (const t of ['0', '-0', '12', '+5', '3.25', '.5', '5.', '1e5', '1.5E-3', '0.000123', '123456789012345', '2.675', '1e22', '9.99e-20', '00012.50'])
    expect(Object.is(plainNumber(enc(t), 0, t.length), Number(t))).toBe(true);
  for (const t of ['', '.', '-', '1e', '0x10', ' 1', '1 ', 'Infinity', '1234567890123456', '1e400', '9.99e-23', '1.2.3', 'NaN']) expect(plainNumber(enc(t), 0, t.length)).toBeUndefined();
  for (let i = 0; i < 20000; i++) {
    const t = ((i * 7919.37) / 10 ** (i % 9)).toFixed(i % 11);
    expect(Object.is(plainNumber(enc(t), 0, t.length) ?? Number(t), Number(t))).toBe(true);
  }
});

test('unwanted text is skipped unread', () => {
  expect(events(['<r><x>skip &amp; me</x></r>'])).toEqual(['open r', 'open x', 'close x', 'close r']);
});

test.each([
  ['mismatched close', '<worksheet><row><c><v>1</v></row></worksheet>'],
  ['unclosed element', '<worksheet><sheetData>'],
  ['ends inside a tag', '<worksheet><c r="A1'],
  ['unquoted attribute', '<a r=1/>'],
  ['attribute without value', '<a r/>'],
  ['duplicate attribute', '<a r="1" r="2"/>'],
  ['< in an attribute', '<a r="<"/>'],
  ['undefined entity', '<a><t>&nbsp;</t></a>'],
  ['bad character reference', '<a><t>&#0;</t></a>'],
  ['two roots', '<a/><b/>'],
  ['text outside the root', 'hello<a/>'],
  ['no root', '<?xml version="1.0"?>'],
  ['close without open', '</a>'],
  ['bad name', '<1a/>'],
  ['missing space between attributes', '<a x="1"y="2"/>'],
  ['UTF-16 read as UTF-8', '\u00ff\u00fe<\u0000a\u0000/\u0000>\u0000'],
])('malformed: %s → XmlSyntaxError, no hang', (_, xml) => {
  expect(() => events([xml])).toThrow(XmlSyntaxError);
  // fed one character at a time it fails the same way (and terminates)
  expect(() => events([...xml])).toThrow(XmlSyntaxError);
});

test('zip: entries found through the central directory, inflated by zlib and by fflate alike, bounded', async () => {
  const zip = new JSZip();
  const big = '<r>' + '<c r="A1"><v>1</v></c>'.repeat(20000) + '</r>';
  zip.file('xl/a.xml', big);
  zip.file('xl/b.xml', 'stored', { compression: 'STORE' });
  const bytes = new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  const entries = readZipDirectory(bytes);
  const a = entries.find((e) => e.name === 'xl/a.xml')!;
  for (const native of [true, false]) {
    const chunks: Uint8Array[] = [];
    inflateEntry(bytes, a, 1 << 30, (c) => chunks.push(c.slice()), native);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(big);
    expect(() => inflateEntry(bytes, a, 1000, () => undefined, native)).toThrow(/over 1000 bytes/);
  }
  const b = entries.find((e) => e.name === 'xl/b.xml')!;
  const got: Uint8Array[] = [];
  inflateEntry(bytes, b, 100, (c) => got.push(c));
  expect(Buffer.concat(got).toString()).toBe('stored');
});

test('zip: damaged deflate data is a format error on both paths', async () => {
  const zip = new JSZip();
  zip.file('a.xml', '<r>' + 'x'.repeat(5000) + '</r>');
  const bytes = new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  const e = readZipDirectory(bytes)[0];
  const start = e.localHeaderOffset + 30 + e.name.length;
  for (let i = start; i < start + e.compressedSize; i++) bytes[i] = 0xff;
  for (const native of [true, false]) expect(() => inflateEntry(bytes, e, 1 << 20, () => undefined, native)).toThrow(/zip:/);
});
