import { XmlReader, XmlSyntaxError, decodeXmlEntities, type XmlAttrs } from '../../src/xlsx/xml-read';
import { inflateEntry, readZipDirectory } from '../../src/xlsx/zip-read';
import JSZip from 'jszip';

/** Every event as a line; text wanted inside <t>, <v> and <f>. */
function events(chunks: string[]): string[] {
  const out: string[] = [];
  const r: XmlReader = new XmlReader({
    open(name: string, a: XmlAttrs) {
      const attrs = Array.from({ length: a.count }, (_, i) => `${a.names[i]}=${a.values[i]}`).join(',');
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
  for (const c of chunks) r.write(c);
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
