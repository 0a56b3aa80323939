/**
 * The test page (webpack entry taskpane-sim, built only with --env e2e): the real task pane over a workbook
 * given in the URL, with a probe (tests/e2e/probe.ts) exposed as window.__e2e for the tests.
 *   ?xlsx=<url of an .xlsx>   the workbook, loaded into the Excel-API simulator (tests/simulator) whose Office
 *                             globals are installed; then the pane's own start (src/taskpane/start.tsx):
 *                             Office.onReady → checkHostSupport → OfficeWorkbookHost
 *   &api=1.18                 the ExcelApi requirement set the simulated Excel supports
 *   &profile=m365-mac         or a host profile of the simulator (HOST_PROFILES: requirement sets, platform, office.js)
 *   &fail=run                 every Excel.run fails (error display tests)
 *   &platform=Mac             the host profile's Office.context.platform (PC, Mac, OfficeOnline, iOS; default PC)
 *   &obw=1                    Office.context.ui.openBrowserWindow exists (OpenBrowserWindowApi 1.1) and records the
 *                             URLs it is given in window.__e2eOpened instead of opening a browser
 */
import { renderBlocker } from '../../../src/ui/pane/mount';
import { startTaskPane } from '../../../src/taskpane/start';
import { SimulatorError, createSimulator, installOfficeGlobals, type ExcelSimulator, type HostProfileName } from '../../simulator/excel-simulator';
import type { CellLook, E2EProbe } from '../probe';

declare global {
  interface Window {
    __e2e?: E2EProbe;
    __e2eOpened?: string[];
  }
}

/** "C13" → row and column (1-based), or undefined for whole rows/columns. */
function cellPos(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]), col };
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
        ws.eachRow({ includeEmpty: true }, (row) =>
          row.eachCell({ includeEmpty: true }, (c) => {
            const fill = c.fill && (c.fill as { type?: string; pattern?: string }).pattern !== 'none' ? JSON.stringify(c.fill) : '';
            const note = c.note ? (typeof c.note === 'string' ? c.note : JSON.stringify(c.note)) : '';
            if (fill || note) out[`${ws.name}!${c.address}`] = { fill, note };
          }),
        );
        // Conditional formats show as fills too (the product's marks are rules, not cell formats).
        for (const cf of sim.conditionalFormats(ws.name)) {
          if (!cf.fill) continue;
          for (const area of cf.ranges.split(',')) {
            const [p, q = p] = area.split(':');
            const from = cellPos(p);
            const to = cellPos(q);
            if (!from || !to || (to.row - from.row + 1) * (to.col - from.col + 1) > 100000) continue;
            for (let r = from.row; r <= to.row; r++) {
              for (let c = from.col; c <= to.col; c++) {
                const k = `${ws.name}!${ws.getCell(r, c).address}`;
                out[k] = { fill: `${out[k]?.fill ? `${out[k].fill} ` : ''}cf:${cf.fill}`, note: out[k]?.note ?? '' };
              }
            }
          }
        }
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

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const xlsxUrl = params.get('xlsx');
  if (!xlsxUrl) throw new Error('缺少 ?xlsx= 参数');
  const res = await fetch(xlsxUrl);
  if (!res.ok) throw new Error(`无法读取 ${xlsxUrl}：${res.status}`);
  const name = decodeURIComponent(xlsxUrl.split('/').pop() ?? 'Workbook.xlsx');
  const sim = await createSimulator(new Uint8Array(await res.arrayBuffer()), {
    name,
    requirementSets: { ExcelApi: params.get('api') ?? '1.18', ...(params.get('obw') === '1' ? { OpenBrowserWindowApi: '1.1' } : {}) },
    ...(params.get('profile') ? { profile: params.get('profile') as HostProfileName } : {}),
  });
  installOfficeGlobals(sim);
  const platform = params.get('platform');
  const context = (globalThis as unknown as { Office: { context: Record<string, unknown> & { diagnostics: { platform: string } } } }).Office.context;
  if (platform) {
    context.platform = platform;
    context.diagnostics.platform = platform;
  }
  if (params.get('obw') === '1') {
    const opened: string[] = (window.__e2eOpened = []);
    context.ui = { openBrowserWindow: (url: string) => void opened.push(url) };
  }
  if (params.get('fail') === 'run') {
    (globalThis as unknown as { Excel: { run: unknown } }).Excel.run = () =>
      Promise.reject(new SimulatorError('GeneralException', "The requested resource doesn't exist."));
  }
  window.__e2e = simulatorProbe(sim);
  await startTaskPane();
}

start().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  window.__e2e = { kind: 'failed', error: message, selection: () => null, values: () => ({}), looks: () => ({}), sheetNames: () => [] };
  renderBlocker(document.getElementById('root')!, { title: '测试页启动失败', text: message });
});
