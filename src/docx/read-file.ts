/** The CLI's --narrative: a .docx read from disk (Node only; the reader itself is read.ts). */
import { promises as fs } from 'fs';
import * as path from 'path';
import type { NarrativeText } from '../tables/types';
import { readDocxNarrative, UnreadableDocumentError } from './read';

export { UnreadableDocumentError };

/** Reads a .docx file from disk; a missing or unreadable file is an UnreadableDocumentError (one Chinese line). */
export async function readDocxNarrativeFile(file: string): Promise<NarrativeText> {
  const name = path.basename(file);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch {
    throw new UnreadableDocumentError(`无法读取情况说明：找不到或无法打开文件 ${file}`);
  }
  return readDocxNarrative(bytes, name);
}
