/**
 * Writes tests/rules/seed-errors.reviewed.json: every error-severity finding the checker makes on each seed
 * workbook (standard layout), as rule + message. Each entry was reviewed against the seed text and is a
 * genuine mistake of the published disclosure (see docs/known-errors-found.md); the test fails when the
 * checker's errors on the seeds change, so a new one must be reviewed before it is accepted here.
 * Run: npx tsx scripts/seed-errors.ts
 */
import { writeFileSync } from 'fs';
import * as path from 'path';
import { check as checkWorkbook } from '../src/engine';
import { readWorkbookFile } from '../src/xlsx/read';

export const SEEDS = ['000', '001', '002', '003'];

export async function seedErrors(file: string): Promise<{ rule: string; message: string }[]> {
  const { findings } = checkWorkbook(await readWorkbookFile(file));
  return findings
    .filter((f) => f.severity === 'error')
    .map((f) => ({ rule: f.rule, message: f.message }))
    .sort((a, b) => (a.rule + a.message).localeCompare(b.rule + b.message));
}

if (require.main === module) {
  (async () => {
    const out: Record<string, { rule: string; message: string }[]> = {};
    for (const s of SEEDS) out[s] = await seedErrors(path.resolve(__dirname, `../fixtures/workbooks/${s}-standard.xlsx`));
    const file = path.resolve(__dirname, '../tests/rules/seed-errors.reviewed.json');
    writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
    console.log(`wrote ${file}`);
  })();
}
