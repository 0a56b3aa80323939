/**
 * pdf.js's data files in the page (src/pdf/text.ts PdfDataFiles): the predefined CMaps and the standard fonts'
 * data of the installed pdfjs-dist, as data URLs in chunks of the build (webpack.web.config.js), a chunk loaded the
 * first time pdf.js asks for a file in it. A chunk loads from file:// as from a server,
 * where a fetch of the file itself would be refused; none of them is part of the page's first load.
 *
 * pdf.js constructs the class given as `BinaryDataFactory` and, with `useWorkerFetch: false`, asks it on the main
 * thread for each file its worker needs (`fetch({ kind, filename })`, kind `cMapUrl` / `standardFontDataUrl`).
 */
import type { PdfDataFiles } from '../../pdf/text';
import { dataUrlBytes } from '../data-url';

type DataUrls = (name: string) => Promise<{ default: string }>;

/**
 * The CMaps in three chunks (simplified Chinese 0.3 MB, traditional Chinese 0.3 MB, the rest 0.6 MB) and the
 * standard fonts in one: a chunk per file would put some 180 names and hashes in the page's first load (webpack's
 * chunk map, about 3 KB gzip), a chunk of everything would make a Chinese PDF fetch the Japanese and Korean CMaps.
 */
const gbCMap: DataUrls = (name) => import(/* webpackChunkName: "pdf-cmaps-gb", webpackMode: "lazy-once", webpackInclude: /GB[^/]*\.bcmap$/ */ `pdfjs-dist/cmaps/${name}.bcmap`);
const cnsCMap: DataUrls = (name) => import(/* webpackChunkName: "pdf-cmaps-cns", webpackMode: "lazy-once", webpackInclude: /(CNS|B5|HK|ETen|ETHK)[^/]*\.bcmap$/ */ `pdfjs-dist/cmaps/${name}.bcmap`);
const otherCMap: DataUrls = (name) => import(/* webpackChunkName: "pdf-cmaps-other", webpackMode: "lazy-once", webpackExclude: /(GB|CNS|B5|HK|ETen|ETHK)[^/]*\.bcmap$/ */ `pdfjs-dist/cmaps/${name}.bcmap`);
const standardFont: DataUrls = (file) => import(/* webpackChunkName: "pdf-standard-fonts", webpackMode: "lazy-once", webpackInclude: /\.(pfb|ttf)$/ */ `pdfjs-dist/standard_fonts/${file}`);

export class PageBinaryData {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    let dataUrl: string | undefined;
    if (kind === 'cMapUrl' && /^[\w.-]+\.bcmap$/.test(filename)) {
      const name = filename.slice(0, -'.bcmap'.length);
      const chunk = /GB/.test(name) ? gbCMap : /CNS|B5|HK|ETen|ETHK/.test(name) ? cnsCMap : otherCMap;
      dataUrl = (await chunk(name)).default;
    } else if (kind === 'standardFontDataUrl' && /^[\w.-]+\.(pfb|ttf)$/.test(filename)) {
      dataUrl = (await standardFont(filename)).default;
    }
    if (!dataUrl) throw new Error(`pdf.js data file not in the build: ${kind} ${filename}`);
    return dataUrlBytes(dataUrl);
  }
}

/** getDocument's options in the page: every data file through PageBinaryData (the URLs only name the kinds). */
export const pageDataFiles: PdfDataFiles = { cMapUrl: 'pdfjs-cmaps/', cMapPacked: true, standardFontDataUrl: 'pdfjs-standard-fonts/', BinaryDataFactory: PageBinaryData, useWorkerFetch: false };
