/**
 * A helper for memory work (not part of `npm run bench`): read + check of one workbook as bench/measure.ts check
 * does, with process.memoryUsage() after each step (MB) and the peak RSS; `--expose-gc` adds the same after a GC.
 *   node --expose-gc --import tsx bench/memory-driver.ts <file.xlsx>
 */
import { readWorkbookFile } from '../src/xlsx/read';
import { check } from '../src/engine';

const mb = (x: number) => Math.round(x / 1048576);
const gc = (globalThis as { gc?: () => void }).gc;
function show(step: string): void {
  const m = process.memoryUsage();
  const line = `${step.padEnd(12)} rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)} maxRSS ${Math.round(process.resourceUsage().maxRSS / 1024)}`;
  console.log(line);
  if (gc && !step.endsWith('+gc')) {
    gc();
    show(`${step}+gc`);
  }
}

async function main(): Promise<void> {
  const file = process.argv[2];
  show('start');
  const wb = await readWorkbookFile(file);
  show('read');
  const res = check(wb);
  show('check');
  console.log(res.findings.length, wb.sheets.length);
}

void main();
