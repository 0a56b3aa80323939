/**
 * pdf.js's data files in the page (src/pdf/text.ts PdfDataFiles): the predefined CMaps and the standard fonts'
 * data of the installed pdfjs-dist, each file a chunk of the build that holds it as a data URL
 * (webpack.web.config.js), loaded the first time pdf.js asks for it. A chunk loads from file:// as from a server,
 * where a fetch of the file itself would be refused; none of them is part of the page's first load.
 *
 * pdf.js constructs the class given as `BinaryDataFactory` and, with `useWorkerFetch: false`, asks it on the main
 * thread for each file its worker needs (`fetch({ kind, filename })`, kind `cMapUrl` / `standardFontDataUrl`).
 */
import type { PdfDataFiles } from '../../pdf/text';

function bytesOf(dataUrl: string): Uint8Array {
  const bin = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export class PageBinaryData {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    let dataUrl: string | undefined;
    if (kind === 'cMapUrl' && /^[\w.-]+\.bcmap$/.test(filename)) {
      const name = filename.slice(0, -'.bcmap'.length);
      dataUrl = ((await import(/* webpackChunkName: "pdf-cmap-[request]" */ `pdfjs-dist/cmaps/${name}.bcmap`)) as { default: string }).default;
    } else if (kind === 'standardFontDataUrl' && /^[\w.-]+\.(pfb|ttf)$/.test(filename)) {
      dataUrl = ((await import(/* webpackChunkName: "pdf-stdfont-[request]", webpackInclude: /\.(pfb|ttf)$/ */ `pdfjs-dist/standard_fonts/${filename}`)) as { default: string }).default;
    }
    if (!dataUrl) throw new Error(`pdf.js data file not in the build: ${kind} ${filename}`);
    return bytesOf(dataUrl);
  }
}

/** getDocument's options in the page: every data file through PageBinaryData (the URLs only name the kinds). */
export const pageDataFiles: PdfDataFiles = { cMapUrl: 'pdfjs-cmaps/', cMapPacked: true, standardFontDataUrl: 'pdfjs-standard-fonts/', BinaryDataFactory: PageBinaryData, useWorkerFetch: false };
