/**
 * pdf.js's data files (src/pdf/text.ts PdfDataFiles): a PDF whose CJK font is not embedded codes its text by a
 * predefined CMap (UniGB-UCS2-H with STSong-Light, as many published files do) that pdf.js reads from the folder
 * it is given; a standard font not embedded, from its standard fonts' folder. The CLI gives it the installed
 * package's folders (src/pdf/pdfjs.ts pdfjsDataFiles), which pdf.js reads as `${url}${file}` with fs; the web page
 * loads each file from a chunk of its build (src/web/pdf/binary-data.ts, webpack.web.config.js).
 *
 * No PDF with a CJK font not embedded is read here: LibreOffice embeds every font it prints with (docs/pdf.md).
 */
import fs from 'fs';
import path from 'path';
import { pdfjsDataFiles } from '../../src/pdf/pdfjs';

const PACKAGE = path.dirname(require.resolve('pdfjs-dist/package.json'));
// the CMaps of Chinese PDFs (pdf.js also reads Adobe-GB1-UCS2 for the text of a GB1 font without a ToUnicode)
const CMAPS = ['UniGB-UCS2-H', 'UniGB-UTF16-H', 'GBK-EUC-H', 'GB-EUC-H', 'Adobe-GB1-UCS2', 'UniCNS-UCS2-H'];
// the files pdf.js maps the standard fonts to (pdf.worker.mjs getFontNameToFileMap)
const STANDARD = ['FoxitFixed.pfb', 'FoxitSerif.pfb', 'FoxitSymbol.pfb', 'FoxitDingbats.pfb', 'LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf'];

describe("the CLI's pdf.js data files", () => {
  const files = pdfjsDataFiles();

  it('are the installed package folders, as pdf.js wants them (a trailing slash, packed CMaps)', () => {
    expect(files.cMapUrl).toBe(`${PACKAGE}/cmaps/`);
    expect(files.standardFontDataUrl).toBe(`${PACKAGE}/standard_fonts/`);
    expect(files.cMapPacked).toBe(true);
  });

  it('hold the files pdf.js asks for, read as pdf.js reads them in Node (fs, url + file name)', async () => {
    for (const name of CMAPS) {
      const data = await fs.promises.readFile(`${files.cMapUrl}${name}.bcmap`);
      expect({ name, bytes: data.length > 100 }).toEqual({ name, bytes: true });
    }
    for (const name of STANDARD) {
      const data = await fs.promises.readFile(`${files.standardFontDataUrl}${name}`);
      expect({ name, bytes: data.length > 1000 }).toEqual({ name, bytes: true });
    }
  });
});

describe("the web page's pdf.js data files", () => {
  const config = require('../../webpack.web.config.js') as (env: object, argv: object) => { module: { rules: { test?: RegExp; type?: string }[] } };
  const rule = config({}, { mode: 'production' }).module.rules.find((r) => r.test?.test(path.join(PACKAGE, 'cmaps', 'UniGB-UCS2-H.bcmap')));

  it('are every CMap and standard font of the package, each a data URL in a chunk (works from file://)', () => {
    expect(rule?.type).toBe('asset/inline');
    const all = [...fs.readdirSync(path.join(PACKAGE, 'cmaps')).map((f) => path.join(PACKAGE, 'cmaps', f)), ...fs.readdirSync(path.join(PACKAGE, 'standard_fonts')).map((f) => path.join(PACKAGE, 'standard_fonts', f))];
    const taken = all.filter((f) => rule!.test!.test(f)).map((f) => path.basename(f));
    expect(taken).toEqual(expect.arrayContaining([...CMAPS.map((n) => `${n}.bcmap`), ...STANDARD]));
    // the licences stay out
    expect(taken.filter((f) => /LICENSE/.test(f))).toEqual([]);
  });
});
