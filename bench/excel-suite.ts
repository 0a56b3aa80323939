/**
 * Round trips and payload bytes of the Excel add-in's adapter (src/excel/office-host.ts), measured on the strict
 * Excel-API SIMULATOR (tests/simulator — not Excel: it counts context.sync() round trips the way Office.js makes
 * them and measures each sync's request and response as UTF-8 JSON bytes, refusing anything over Excel's 5 MB).
 *
 * Per fixtures/workbooks/*.xlsx ("seed" size), per seed 001 with its target sheets ×10 and ×100 ("x10", "x100") and
 * per a 100,000-row sheet ("rows100k"): syncs for a validation (readSnapshot), for applying the results (annotate
 * with the findings and a real auto-fill fix where one exists), for clearing them and for validating again (the
 * sheets unchanged: one light sync fewer), the largest request and
 * response in bytes, and the milliseconds each took on the simulator. Top level of `npm run bench -- --json`:
 * syncsPerValidate / syncsPerApply (maxima over the seed workbooks, as before), excel.syncsPerValidate,
 * excel.maxRequestBytes, excel.maxResponseBytes (maxima over every size) and excel.<size>.<field> per size.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { BYTE_BUDGET, OfficeWorkbookHost } from '../src/excel/office-host';
import { autoFill } from '../src/fixes/autofill';
import type { WorkbookSnapshot } from '../src/model/snapshot';
import { check as checkWorkbook } from '../src/engine';
import { recognise } from '../src/tables/recognise';
import type { Figure } from '../src/tables/types';
import { readWorkbookBuffer } from '../src/xlsx/read';
import { createSimulator, type ExcelSimulator } from '../tests/simulator/excel-simulator';
import type { Measurement, Metric, Suite } from './run';
import { writeScaledWorkbook } from './scale';
import { writeLargeRowsWorkbook } from './workbooks';

function blankableTotal(snapshot: WorkbookSnapshot): Figure | undefined {
  const t = recognise(snapshot).tables;
  const candidates = [t.T3?.total?.values.total, t.T5?.total?.values.total, t.T2?.total?.values.total, t.T7?.total?.values.amount];
  return candidates.find((f): f is Figure => !!f && !f.formula && !f.empty);
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await f();
  return [v, Math.round((performance.now() - t0) * 10) / 10];
}

function bytes(sim: ExcelSimulator): { maxRequestBytes: number; maxResponseBytes: number } {
  const p = sim.payloads();
  return { maxRequestBytes: Math.max(0, ...p.map((x) => x.requestBytes)), maxResponseBytes: Math.max(0, ...p.map((x) => x.responseBytes)) };
}

async function measure(id: string, size: string, title: string, data: Buffer, name: string): Promise<Measurement> {
  const sim = await createSimulator(data, { name });
  const total = blankableTotal(await readWorkbookBuffer(data, name));
  if (total) sim.workbook.getWorksheet(total.sheet)!.getCell(total.cell).value = null;
  const host = new OfficeWorkbookHost((b) => sim.run(b), sim.requirements);

  sim.resetSyncCount();
  sim.resetPayloads();
  const [snap, validateMs] = await timed(() => host.readSnapshot());
  const syncsPerValidate = sim.syncCount();
  const read = bytes(sim);
  const check = (wb: WorkbookSnapshot) => checkWorkbook(wb).findings;
  const findings = check(snap);
  const fixes = autoFill(snap, check).result.applied;

  sim.resetSyncCount();
  sim.resetPayloads();
  const [res, applyMs] = await timed(() => host.annotate(findings, fixes));
  const syncsPerApply = sim.syncCount();
  const apply = bytes(sim);

  sim.resetSyncCount();
  sim.resetPayloads();
  const [, clearMs] = await timed(() => host.clearAnnotations());
  const syncsPerClear = sim.syncCount();
  const clear = bytes(sim);

  // Validating again (same sheets): one light sync instead of two.
  sim.resetSyncCount();
  await host.readSnapshot();
  const syncsPerRevalidate = sim.syncCount();

  return {
    id,
    size,
    title,
    sheets: snap.sheets.length,
    findings: findings.length,
    marked: res.highlighted,
    fixesWritten: res.written,
    syncsPerValidate,
    syncsPerApply,
    syncsPerClear,
    syncsPerRevalidate,
    maxRequestBytes: Math.max(read.maxRequestBytes, apply.maxRequestBytes, clear.maxRequestBytes),
    maxResponseBytes: Math.max(read.maxResponseBytes, apply.maxResponseBytes, clear.maxResponseBytes),
    validateMaxResponseBytes: read.maxResponseBytes,
    applyMaxRequestBytes: apply.maxRequestBytes,
    byteBudget: BYTE_BUDGET,
    validateMs,
    applyMs,
    clearMs,
  };
}

export function excelSuite(root: string): Suite {
  return {
    name: 'excel',
    async run({ log }) {
      const dir = path.join(root, 'fixtures/workbooks');
      const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort() : [];
      const out: Measurement[] = [];
      for (const f of files) {
        log(`Excel-API simulator: ${f}`);
        out.push(await measure(`excel:${f}`, 'seed', `${f} (Excel-API simulator)`, fs.readFileSync(path.join(dir, f)), f));
      }
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'excel-bench-'));
      try {
        for (const k of [10, 100]) {
          const file = path.join(tmp, `001-x${k}.xlsx`);
          log(`Excel-API simulator: seed 001 ×${k}`);
          await writeScaledWorkbook(file, '001', k);
          out.push(await measure(`excel:size:x${k}`, `x${k}`, `seed 001, target sheets ×${k} (Excel-API simulator)`, fs.readFileSync(file), path.basename(file)));
        }
        const large = path.join(tmp, 'rows100k.xlsx');
        log('Excel-API simulator: 100,000-row sheet');
        await writeLargeRowsWorkbook(large);
        out.push(await measure('excel:size:rows100k', 'rows100k', '100,000-row sheet (Excel-API simulator)', fs.readFileSync(large), 'rows100k.xlsx'));
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
      return out;
    },
    summary(ms: Measurement[]): Record<string, Metric> {
      const mine = ms.filter((m) => m.id.startsWith('excel:'));
      const max = (list: Measurement[], k: string) => (list.length ? Math.max(...list.map((m) => Number(m[k]))) : null);
      const seeds = mine.filter((m) => m.size === 'seed');
      const out: Record<string, Metric> = {
        syncsPerValidate: max(seeds, 'syncsPerValidate'),
        syncsPerApply: max(seeds, 'syncsPerApply'),
        'excel.syncsPerValidate': max(mine, 'syncsPerValidate'),
        'excel.maxRequestBytes': max(mine, 'maxRequestBytes'),
        'excel.maxResponseBytes': max(mine, 'maxResponseBytes'),
      };
      for (const size of [...new Set(mine.map((m) => String(m.size)))]) {
        const list = mine.filter((m) => m.size === size);
        for (const k of ['syncsPerValidate', 'syncsPerRevalidate', 'syncsPerApply', 'maxRequestBytes', 'maxResponseBytes']) out[`excel.${size}.${k}`] = max(list, k);
      }
      return out;
    },
  };
}
