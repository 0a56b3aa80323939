/**
 * The test page (webpack entry taskpane-sim, built only with --env e2e): the real task pane over a workbook
 * given in the URL, with a probe (tests/e2e/probe.ts) exposed as window.__e2e for the tests.
 *   ?xlsx=<url of an .xlsx>[&api=1.18]          the Excel-API simulator (tests/simulator) with its Office globals
 *                                                installed, then the pane's own start (src/taskpane/start.tsx):
 *                                                Office.onReady → checkHostSupport → OfficeWorkbookHost
 *   ?snapshot=<url of a WorkbookSnapshot JSON>   in-memory host (tests/e2e/memory-host)
 *   &fail=read|annotate                          (memory host) that call fails (error display tests)
 */
import type { WorkbookHost } from '../../../src/excel/host';
import { a1 } from '../../../src/model/address';
import type { WorkbookSnapshot } from '../../../src/model/snapshot';
import { renderBlocker, renderPane } from '../../../src/taskpane/mount';
import { startTaskPane } from '../../../src/taskpane/start';
import { createSimulator, installOfficeGlobals, type ExcelSimulator } from '../../simulator/excel-simulator';
import { MemoryWorkbookHost } from '../memory-host';
import type { CellLook, E2EProbe } from '../probe';

declare global {
  interface Window {
    __e2e?: E2EProbe;
  }
}

/** JSON turns the snapshot's sparse rows' holes into null; put them back as holes. */
function reviveSnapshot(wb: WorkbookSnapshot): WorkbookSnapshot {
  for (const s of wb.sheets) {
    s.rows = s.rows.map((r) => (r ? r.map((c) => c ?? undefined) : (undefined as never)));
  }
  return wb;
}

function memoryProbe(host: MemoryWorkbookHost): E2EProbe {
  return {
    kind: 'memory',
    selection: () => host.selection,
    values: () => {
      const out: Record<string, string | number | boolean | null> = {};
      for (const s of host.workbook.sheets) {
        s.rows.forEach((r, ri) =>
          r?.forEach((c, ci) => {
            if (c && c.value !== null && c.value !== '') out[`${s.name}!${a1(ri + 1, ci + 1)}`] = c.value;
          }),
        );
      }
      return out;
    },
    looks: () => {
      const out: Record<string, CellLook> = {};
      for (const k of new Set([...host.fills.keys(), ...host.notes.keys()])) {
        out[k] = { fill: host.fills.get(k) ?? '', note: host.notes.get(k) ?? '' };
      }
      return out;
    },
    sheetNames: () => [...host.workbook.sheets.map((s) => s.name), ...host.extraSheets.keys()],
  };
}

function simulatorProbe(sim: ExcelSimulator): E2EProbe {
  const sheets = () => sim.workbook.worksheets;
  return {
    kind: 'simulator',
    selection: () => {
      const s = sim.selection();
      return s ? { sheet: s.sheet, cells: s.address.split(',') } : null;
    },
    values: () => {
      const out: Record<string, string | number | boolean | null> = {};
      for (const ws of sheets()) {
        ws.eachRow({ includeEmpty: false }, (row) =>
          row.eachCell({ includeEmpty: false }, (c) => {
            const v = c.value as unknown;
            const plain =
              v && typeof v === 'object' && 'result' in (v as object) ? (v as { result: unknown }).result : v;
            if (plain === null || plain === undefined || plain === '') return;
            out[`${ws.name}!${c.address}`] = typeof plain === 'object' ? JSON.stringify(plain) : (plain as string | number | boolean);
          }),
        );
      }
      return out;
    },
    looks: () => {
      const out: Record<string, CellLook> = {};
      for (const ws of sheets()) {
        if (ws.state === 'veryHidden') continue; // the adapter's own record sheet
        ws.eachRow({ includeEmpty: true }, (row) =>
          row.eachCell({ includeEmpty: true }, (c) => {
            const fill = c.fill && (c.fill as { type?: string; pattern?: string }).pattern !== 'none' ? JSON.stringify(c.fill) : '';
            const note = c.note ? (typeof c.note === 'string' ? c.note : JSON.stringify(c.note)) : '';
            if (fill || note) out[`${ws.name}!${c.address}`] = { fill, note };
          }),
        );
        for (const cm of sim.comments(ws.name)) {
          const k = `${ws.name}!${cm.cell}`;
          out[k] = { fill: out[k]?.fill ?? '', note: `${out[k]?.note ?? ''}[comment] ${cm.content}` };
        }
      }
      return out;
    },
    sheetNames: () => sheets().filter((ws) => ws.state !== 'veryHidden').map((ws) => ws.name),
  };
}

/** A host whose `call` fails, for the error message tests. */
function failing(host: WorkbookHost, call: string | null): WorkbookHost {
  if (!call) return host;
  const fail = () => Promise.reject(new Error('RichApi.Error: The requested resource doesn\'t exist.'));
  if (call === 'read') return { ...bind(host), readSnapshot: fail };
  if (call === 'annotate') return { ...bind(host), annotate: fail };
  return host;
}

function bind(host: WorkbookHost): WorkbookHost {
  return {
    readSnapshot: () => host.readSnapshot(),
    annotate: (f, x) => host.annotate(f, x),
    clearAnnotations: () => host.clearAnnotations(),
    select: (s, c) => host.select(s, c),
    writeSheet: (n, r) => host.writeSheet(n, r),
  };
}

async function start(): Promise<void> {
  const root = document.getElementById('root')!;
  const params = new URLSearchParams(location.search);
  const xlsxUrl = params.get('xlsx');
  if (xlsxUrl) {
    const res = await fetch(xlsxUrl);
    if (!res.ok) throw new Error(`无法读取 ${xlsxUrl}：${res.status}`);
    const name = decodeURIComponent(xlsxUrl.split('/').pop() ?? 'Workbook.xlsx');
    const sim = await createSimulator(new Uint8Array(await res.arrayBuffer()), {
      name,
      requirementSets: { ExcelApi: params.get('api') ?? '1.18' },
    });
    installOfficeGlobals(sim);
    window.__e2e = simulatorProbe(sim);
    await startTaskPane();
    return;
  }
  const snapshotUrl = params.get('snapshot');
  if (!snapshotUrl) throw new Error('缺少 ?xlsx= 或 ?snapshot= 参数');
  const res = await fetch(snapshotUrl);
  if (!res.ok) throw new Error(`无法读取 ${snapshotUrl}：${res.status}`);
  const host = new MemoryWorkbookHost(reviveSnapshot(await res.json()));
  window.__e2e = memoryProbe(host);
  renderPane(root, failing(host, params.get('fail')));
}

start().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  window.__e2e = { kind: 'failed', error: message, selection: () => null, values: () => ({}), looks: () => ({}), sheetNames: () => [] };
  renderBlocker(document.getElementById('root')!, { title: '测试页启动失败', text: message });
});
