/**
 * Test helpers for the package patch: the entries of two .xlsx packages, and "the copy without the product's
 * additions" — our conditional formats, <legacyDrawing>, notes, relationships, content types, dxfs, results sheet
 * and defined name taken out again — so a test can require the rest to equal the original byte for byte.
 */
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';

export async function entries(bytes: Uint8Array | Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Buffer>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out.set(name, Buffer.from(await f.async('uint8array')));
  return out;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Our additions removed from a changed entry's text. `added` are the part names the patch added. */
export function stripAdditions(name: string, text: string, added: string[], original = ''): string {
  let t = text;
  const addedNames = added.map((a) => a.split('/').pop()!);
  if (/\.rels$/.test(name)) {
    for (const a of addedNames) t = t.replace(new RegExp(`<Relationship Id="[^"]+" Type="[^"]+" Target="[^"]*${esc(a)}"/>`, 'g'), '');
    return t;
  }
  if (name === '[Content_Types].xml') {
    for (const a of added) t = t.replace(new RegExp(`<Override PartName="/${esc(a)}" ContentType="[^"]+"/>`, 'g'), '');
    const vml = '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>';
    return original.includes(vml) ? t : t.replace(vml, '');
  }
  if (/worksheets\/[^/]+\.xml$/.test(name)) {
    t = t.replace(
      /<(\w+:)?conditionalFormatting sqref="[^"]*"><(\w+:)?cfRule type="expression" dxfId="\d+" priority="\d+"><(\w+:)?formula>N\("预算公开校验助手:\w+"\)=0<\/(\w+:)?formula><\/(\w+:)?cfRule><\/(\w+:)?conditionalFormatting>/g,
      '',
    );
    t = t.replace(/<(\w+:)?legacyDrawing xmlns:r="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships" r:id="rId\d+"\/>/g, '');
    // The sheet that was selected is no longer (the copy opens on the results sheet): its sheetView tags as they were.
    const views = original.match(/<(\w+:)?sheetView\b[^>]*>/g) ?? [];
    let k = 0;
    return t.replace(/<(\w+:)?sheetView\b[^>]*>/g, (tag) => {
      const was = views[k++];
      return was !== undefined && was.replace(/\s+tabSelected\s*=\s*("[^"]*"|'[^']*')/, '') === tag ? was : tag;
    });
  }
  if (/workbook\.xml$/.test(name)) {
    // The results sheet stands at some index: sheet-scoped names after it move back one.
    const sheetTags = t.match(/<(\w+:)?sheet [^>]*\/>/g) ?? [];
    const at = sheetTags.findIndex((x) => /name="校验结果/.test(x));
    const added = at >= 0 && !/<(\w+:)?sheet name="校验结果/.test(original);
    t = t.replace(/<(\w+:)?definedName name="_xlnm\.Print_Titles" localSheetId="\d+">'校验结果[^<]*<\/(\w+:)?definedName>/g, '');
    if (added) {
      t = t.replace(/(<(?:\w+:)?definedName\b[^>]*\blocalSheetId=")(\d+)(")/g, (_m, a: string, n: string, b: string) => `${a}${Number(n) > at ? Number(n) - 1 : n}${b}`);
    }
    // The active tab: as it was (or absent), and a <bookViews> we added taken out.
    t = t.replace(/<(\w+:)?bookViews><(\w+:)?workbookView activeTab="\d+"\/><\/(\w+:)?bookViews>/, '');
    const view = /<(\w+:)?workbookView\b[^>]*>/.exec(original)?.[0];
    if (view) t = t.replace(/<(\w+:)?workbookView\b[^>]*>/, (tag) => (tag.replace(/\s+(activeTab|firstSheet)="\d+"/g, '') === view.replace(/\s+(activeTab|firstSheet)="\d+"/g, '') ? view : tag));
    t = t.replace(/<(\w+:)?sheet name="校验结果[^"]*" sheetId="\d+" [^>]*\/>/g, '');
    t = t.replace(/<(\w+:)?definedName name="_BudgetCheck_Results" hidden="1">[^<]*<\/(\w+:)?definedName>/g, '');
    return t.replace(/<(\w+:)?definedNames><\/(\w+:)?definedNames>/g, '');
  }
  if (/styles\.xml$/.test(name)) {
    t = t.replace(/<(\w+:)?dxf><(\w+:)?fill><(\w+:)?patternFill patternType="solid"><(\w+:)?fgColor rgb="(FFFFC7CE|FFFFEB9C|FFDDEBF7|FFBDD7EE)"\/><(\w+:)?bgColor rgb="\5"\/><\/(\w+:)?patternFill><\/(\w+:)?fill><\/(\w+:)?dxf>/g, '');
    t = t.replace(/<(\w+:)?dxf><(\w+:)?font><(\w+:)?b\/><\/(\w+:)?font><\/(\w+:)?dxf>/g, '');
    // the results sheet's wrapped-text cell format, and cellXfs' count back to what is left
    t = t.replace(/<(\w+:)?xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><(\w+:)?alignment vertical="top" wrapText="1"\/><\/(\w+:)?xf>/g, '');
    t = t.replace(/(<(?:\w+:)?cellXfs count=")(\d+)(">)([\s\S]*?<\/(?:\w+:)?cellXfs>)/, (_m, a, _n, b, rest: string) => `${a}${(rest.match(/<(\w+:)?xf[ >/]/g) ?? []).length}${b}${rest}`);
    t = t.replace(/<(\w+:)?dxf><(\w+:)?font><(\w+:)?u\/><(\w+:)?color rgb="FF0563C1"\/><\/(\w+:)?font><\/(\w+:)?dxf>/g, '');
    // count back to the number of dxf elements left
    t = t.replace(/(<(?:\w+:)?dxfs count=")(\d+)(">)([\s\S]*?<\/(?:\w+:)?dxfs>)/, (_m, a, _n, b, rest: string) => `${a}${(rest.match(/<(\w+:)?dxf[ >]/g) ?? []).length}${b}${rest}`);
    // an empty <dxfs> we filled: back to its original form (self-closing, or absent)
    const empty = /<((?:\w+:)?)dxfs count="0"><\/(?:\w+:)?dxfs>/;
    if (/<(\w+:)?dxfs count="0"\/>/.test(original)) return t.replace(empty, '<$1dxfs count="0"/>');
    if (!/<(\w+:)?dxfs[ >]/.test(original)) return t.replace(empty, '');
    return t;
  }
  if (/comments?\d*\.xml$/.test(name)) {
    t = t.replace(/<(\w+:)?author>预算公开校验助手<\/(\w+:)?author>/g, '');
    return t.replace(/<(\w+:)?comment ref="[A-Z]+\d+" authorId="\d+"><(\w+:)?text><(\w+:)?r><(\w+:)?rPr><(\w+:)?sz val="9"\/><\/(\w+:)?rPr><(\w+:)?t xml:space="preserve">〔预算公开校验助手〕[\s\S]*?<\/(\w+:)?comment>/g, '');
  }
  if (/\.vml$/.test(name)) {
    t = t.replace(/<v:group xmlns:v="urn:schemas-microsoft-com:vml"[^>]*>([\s\S]*?)<\/v:group>/g, '');
    return t.replace(/<v:shape id="_x0000_s\d+" type="#_x0000_t202" style="position:absolute;margin-left:80pt;[\s\S]*?<\/v:shape>/g, '');
  }
  return t;
}

/** Parses a part as XML (strict); throws on anything a conforming reader would refuse. */
export function parseStrict(text: string): void {
  const p = new SaxesParser({ xmlns: true });
  let err: Error | undefined;
  p.on('error', (e) => {
    err ??= e;
  });
  p.write(text).close();
  if (err) throw err;
}

/**
 * The copy against the original: every original entry is present; the unchanged ones are byte-identical; the
 * changed ones equal the original once our additions are removed. Returns the entries that differ.
 */
export async function expectOnlyAdditions(original: Uint8Array | Buffer, copy: Uint8Array | Buffer, added: string[], changed: string[]): Promise<void> {
  const a = await entries(original);
  const b = await entries(copy);
  for (const [name, bytes] of a) {
    const got = b.get(name);
    expect(got).toBeDefined();
    if (!changed.includes(name)) {
      if (!got!.equals(bytes)) throw new Error(`entry ${name} changed but is not listed as changed`);
      continue;
    }
    const orig = bytes.toString('utf8');
    const stripped = stripAdditions(name, got!.toString('utf8'), added, orig);
    if (stripped !== orig) {
      let i = 0;
      while (i < orig.length && orig[i] === stripped[i]) i++;
      throw new Error(`entry ${name} differs beyond our additions at ${i}: …${orig.slice(Math.max(0, i - 80), i + 80)}… vs …${stripped.slice(Math.max(0, i - 80), i + 80)}…`);
    }
  }
  for (const name of b.keys()) if (!a.has(name)) expect(added).toContain(name);
}
