/**
 * The CJK font the annotated PDF embeds (subset-only): assets/fonts/NotoSansSC-Subset.otf, made from Debian's
 * fonts-noto-cjk by scripts/make-pdf-font.py (SIL OFL 1.1, assets/fonts/OFL.txt). The CLI runs from src/cli
 * (through tsx) or from build/cli: the assets folder is two levels up from either.
 */
import * as fs from 'fs';
import * as path from 'path';

export const PDF_FONT_FILE = path.join(__dirname, '..', '..', 'assets', 'fonts', 'NotoSansSC-Subset.otf');

export async function loadPdfFont(): Promise<Uint8Array> {
  return fs.promises.readFile(PDF_FONT_FILE);
}
