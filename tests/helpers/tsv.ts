import { readFileSync } from 'fs';
import * as path from 'path';
import type { SheetSnapshot } from '../../src/model/snapshot';
import { sheetFrom } from './sheet';

export const SEEDS_DIR = path.resolve(__dirname, '../../../shared/seeds');

/** Lines [from, to] (1-based, inclusive) of a TAB-separated seed text as a sheet, one line per row. */
export function sheetFromSeedLines(file: string, name: string, from: number, to: number): SheetSnapshot {
  const lines = readFileSync(path.join(SEEDS_DIR, file), 'utf8').split('\n').slice(from - 1, to);
  return sheetFrom(name, lines.map((l) => l.replace(/\r$/, '').split('\t')));
}
