/**
 * One measurement in a fresh process, so that its peak RSS is its own: prints one JSON line.
 *   tsx bench/measure.ts read <file.xlsx>       our reader (src/xlsx/read.ts)
 *   tsx bench/measure.ts exceljs <file.xlsx>    ExcelJS's in-memory Workbook.xlsx.readFile, for reference
 *   tsx bench/measure.ts sheetjs <file.xlsx>    SheetJS (@e965/xlsx) XLSX.read with formulas and number formats, for reference
 *   tsx bench/measure.ts floor <file.xlsx>      the floor: native inflate of the needed parts + one byte scan (bench/floor.ts)
 *   tsx bench/measure.ts check <file.xlsx>      our reader + the engine's check, as `budget-check check` does
 *   tsx bench/measure.ts baseline               nothing: the RSS of the process and its modules alone
 *   tsx bench/measure.ts batch <folder> <jobs> <report.html>
 *                                               budget-check batch over the folder (worker threads included in the
 *                                               process's peak RSS); prints {ms, peakRssMb, workbooks, exit}
 */
import ExcelJS from 'exceljs';
import fs from 'fs';
import { readWorkbookFile } from '../src/xlsx/read';
import { floorRead } from './floor';

function peakRssMb(): number {
  // maxRSS is in kilobytes
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

async function main(): Promise<void> {
  const [mode, file] = process.argv.slice(2);
  const t0 = performance.now();
  let sheets = 0;
  let rows = 0;
  if (mode === 'read') {
    const wb = await readWorkbookFile(file);
    sheets = wb.sheets.length;
    rows = wb.sheets.reduce((n, s) => n + s.rowCount, 0);
  } else if (mode === 'exceljs') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    sheets = wb.worksheets.length;
    rows = wb.worksheets.reduce((n, s) => n + s.rowCount, 0);
  } else if (mode === 'sheetjs') {
    const XLSX = (await import('@e965/xlsx')) as typeof import('@e965/xlsx');
    const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer', cellFormula: true, cellNF: true });
    sheets = wb.SheetNames.length;
    rows = wb.SheetNames.reduce((n, name) => {
      const ref = wb.Sheets[name]['!ref'];
      return n + (ref ? XLSX.utils.decode_range(ref).e.r + 1 : 0);
    }, 0);
  } else if (mode === 'floor') {
    const r = floorRead(fs.readFileSync(file));
    sheets = r.parts;
    rows = r.tags;
  } else if (mode === 'check') {
    const { check } = await import('../src/engine');
    const wb = await readWorkbookFile(file);
    check(wb);
    sheets = wb.sheets.length;
    rows = wb.sheets.reduce((n, s) => n + s.rowCount, 0);
  } else if (mode === 'batch') {
    const [, folder, jobs, out] = process.argv.slice(2);
    const { main } = await import('../src/cli/main');
    let json = '';
    const exit = await main(['batch', folder, '--json', '--jobs', jobs, '--out', out], { out: (t) => (json += t), err: () => undefined });
    const ms = Math.round(performance.now() - t0);
    const workbooks = (JSON.parse(json) as { workbooks: unknown[] }).workbooks.length;
    process.stdout.write(JSON.stringify({ ms, peakRssMb: peakRssMb(), workbooks, exit }) + '\n');
    return;
  } else if (mode !== 'baseline') {
    throw new Error(`unknown mode ${mode}`);
  }
  const ms = Math.round(performance.now() - t0);
  process.stdout.write(JSON.stringify({ ms, peakRssMb: peakRssMb(), sheets, rows }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : e}\n`);
  process.exitCode = 1;
});
