/**
 * Bigger budget workbooks for the growth measurements: a seed (fixtures/seeds/*.json) with its projects in
 * 表十二/表十三 and its target sheets replicated k times, laid out with writeWorkbook like the fixtures.
 * Copies of a project are named "<name>（2）", "<name>（3）" …, in 表十二 and on the copied target sheet alike, so
 * the target ↔ 表十二 matching does the same work per project at every size; department and unit lines are
 * multiplied by k so the project sums still add up.
 */
import fs from 'fs';
import path from 'path';
import type { SeedTable, SeedWorkbook } from '../scripts/fixtures/seed-model';
import { writeWorkbook, type LayoutName } from '../scripts/fixtures/write-workbook';

const ROOT = path.resolve(__dirname, '..');

export function loadSeed(id: string): SeedWorkbook {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures/seeds', `${id}.json`), 'utf8')) as SeedWorkbook;
}

function times(amount: string, k: number): string {
  const t = amount.replace(/[,，\s]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return amount;
  // amounts carry two decimals at most: integer arithmetic in hundredths keeps them exact
  const cents = Math.round(Number(t) * 100) * k;
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const copyName = (name: string, j: number) => (j === 0 ? name : `${name}（${j + 1}）`);

/** 表十二/表十三: level-2 rows (projects) k times in place, level 0/1 lines (department, units) × k. */
function scaleProjects(table: SeedTable | undefined, k: number): SeedTable | undefined {
  if (!table || table.noData) return table;
  const rows: string[][] = [];
  for (const row of table.rows) {
    const [level, name, ...amounts] = row;
    if (level === '2') for (let j = 0; j < k; j++) rows.push([level, copyName(name, j), ...amounts]);
    else rows.push([level, name, ...amounts.map((a) => times(a, k))]);
  }
  return { ...table, rows };
}

export function scaleSeed(seed: SeedWorkbook, k: number): SeedWorkbook {
  if (k === 1) return seed;
  const targets = [];
  for (let j = 0; j < k; j++) for (const t of seed.targets) targets.push({ ...t, projectName: copyName(t.projectName, j) });
  return {
    ...seed,
    tables: { ...seed.tables, T12: scaleProjects(seed.tables.T12, k), T13: scaleProjects(seed.tables.T13, k) },
    targets,
  };
}

/** Writes the seed scaled k times as an .xlsx. */
export async function writeScaledWorkbook(file: string, seedId: string, k: number, layout: LayoutName = 'standard'): Promise<void> {
  const wb = writeWorkbook(scaleSeed(loadSeed(seedId), k), layout);
  await wb.xlsx.writeFile(file);
}
