/** Is this a PDF? A module without imports, so the web page's start bundle can tell without loading the reader. */

/** `%PDF-` within the first 1024 bytes (the PDF standard allows leading bytes before the header). */
export function isPdf(bytes: Uint8Array): boolean {
  const magic = '%PDF-';
  const end = Math.min(bytes.length, 1024) - magic.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < magic.length; j++) if (bytes[i + j] !== magic.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

/** PDF file names, and the PDF entries of an <input accept> list. */
export const PDF_FILE_RE = /\.pdf$/i;
export const PDF_ACCEPT = '.pdf,application/pdf';
