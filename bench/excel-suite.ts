/**
 * Round trips of the Excel add-in's adapter (src/excel/office-host.ts), measured on the Excel-API SIMULATOR
 * (tests/simulator — not Excel: it counts context.sync() round trips the way Office.js makes them).
 *
 * Per fixtures/workbooks/*.xlsx: syncs for a validation (readSnapshot), for applying the results (annotate with
 * the findings and a real auto-fill fix: one total is blanked first, as a user might have left it), and for
 * clearing them; with the milliseconds each took on the simulator. The maxima over the workbooks are reported at
 * the top level of `npm run bench -- --json` as syncsPerValidate and syncsPerApply.
 */
import fs from 'fs';
import path from 'path';
import { OfficeWorkbookHost } from '../src/excel/office-host';
import { autoFill } from '../src/fixes/autofill';
import type { WorkbookSnapshot } from '../src/model/snapshot';
import { check as checkWorkbook } from '../src/engine';
import { recognise } from '../src/tables/recognise';
import type { Figure } from '../src/tables/types';
import { readWorkbookBuffer } from '../src/xlsx/read';
import { createSimulator } from '../tests/simulator/excel-simulator';
import type { Measurement, Metric, Suite } from './run';

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

export function excelSuite(root: string): Suite {
  return {
    name: 'excel',
    async run({ log }) {
      const dir = path.join(root, 'fixtures/workbooks');
      const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort() : [];
      const out: Measurement[] = [];
      for (const f of files) {
        log(`Excel-API simulator: ${f}`);
        const bytes = fs.readFileSync(path.join(dir, f));
        const sim = await createSimulator(bytes, { name: f });
        const total = blankableTotal(await readWorkbookBuffer(bytes, f));
        if (total) sim.workbook.getWorksheet(total.sheet)!.getCell(total.cell).value = null;
        const host = new OfficeWorkbookHost((b) => sim.run(b), sim.requirements);

        sim.resetSyncCount();
        const [snap, validateMs] = await timed(() => host.readSnapshot());
        const syncsPerValidate = sim.syncCount();
        const check = (wb: WorkbookSnapshot) => checkWorkbook(wb).findings;
        const findings = check(snap);
        const fixes = autoFill(snap, check).result.applied;

        sim.resetSyncCount();
        const [res, applyMs] = await timed(() => host.annotate(findings, fixes));
        const syncsPerApply = sim.syncCount();

        sim.resetSyncCount();
        const [, clearMs] = await timed(() => host.clearAnnotations());
        const syncsPerClear = sim.syncCount();

        out.push({
          id: `excel:${f}`,
          title: `${f} (Excel-API simulator)`,
          sheets: snap.sheets.length,
          findings: findings.length,
          marked: res.highlighted,
          fixesWritten: res.written,
          syncsPerValidate,
          syncsPerApply,
          syncsPerClear,
          validateMs,
          applyMs,
          clearMs,
        });
      }
      return out;
    },
    summary(ms: Measurement[]): Record<string, Metric> {
      const mine = ms.filter((m) => m.id.startsWith('excel:'));
      const max = (k: string) => (mine.length ? Math.max(...mine.map((m) => Number(m[k]))) : null);
      return { syncsPerValidate: max('syncsPerValidate'), syncsPerApply: max('syncsPerApply') };
    },
  };
}
