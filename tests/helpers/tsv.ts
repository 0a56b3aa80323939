import { readFileSync } from 'fs';
import * as path from 'path';
import type { SheetSnapshot } from '../../src/model/snapshot';
import { sheetFrom } from './sheet';

/**
 * The line ranges of the TAB-separated seed texts that tests paste into sheets, committed under
 * fixtures/seed-text (copied from ../shared/seeds by scripts/fixtures/copy-shared.ts; `npm run test:seeds` checks
 * they are current). Line numbers are those of the seed text itself.
 */
export const SEED_TEXT_DIR = path.resolve(__dirname, '../../fixtures/seed-text');
const RANGES: Record<string, [number, number]> = JSON.parse(readFileSync(path.join(SEED_TEXT_DIR, 'ranges.json'), 'utf8'));
const cache = new Map<string, string[]>();

/** Lines [from, to] (1-based, inclusive, numbered as in the seed text) of a seed text. */
export function seedLines(file: string, from: number, to: number): string[] {
  const range = RANGES[file];
  if (!range) throw new Error(`${file} is not under fixtures/seed-text (see scripts/fixtures/copy-shared.ts)`);
  const [first, last] = range;
  if (from < first || to > last) throw new Error(`${file} lines ${from}-${to}: fixtures/seed-text holds only ${first}-${last}`);
  let lines = cache.get(file);
  if (!lines) cache.set(file, (lines = readFileSync(path.join(SEED_TEXT_DIR, file), 'utf8').split('\n')));
  return lines.slice(from - first, to - first + 1);
}

/** Lines [from, to] (1-based, inclusive) of a TAB-separated seed text as a sheet, one line per row. */
export function sheetFromSeedLines(file: string, name: string, from: number, to: number): SheetSnapshot {
  return sheetFrom(name, seedLines(file, from, to).map((l) => l.replace(/\r$/, '').split('\t')));
}
