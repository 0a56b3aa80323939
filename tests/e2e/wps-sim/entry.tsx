/**
 * The WPS test page (webpack.wps.config.js entry wps-sim, built only with --env e2e): the real WPS task pane
 * (src/wps/pane) over a workbook given in the URL, loaded into the WPS ET-API SIMULATOR (tests/wps/et-simulator.ts
 * — not WPS) installed as window.Application, the way WPS gives it to an add-in page; a probe (tests/e2e/probe.ts)
 * is exposed as window.__e2e.
 *   ?xlsx=<url of an .xlsx>   the workbook
 *   &wps=none                 no window.Application (the page opened outside WPS)
 *   &fail=read                every ActiveWorkbook read throws (a WPS call failing: error display tests)
 */
import { parseA1, a1 } from '../../../src/model/address';
import { renderBlocker } from '../../../src/ui/pane/mount';
import { startWpsPane } from '../../../src/wps/pane/start';
import { createEtSimulator, type EtSimulator } from '../../wps/et-simulator';
import type { CellLook, E2EProbe } from '../probe';

declare global {
  interface Window {
    __e2e?: E2EProbe;
  }
}

function probe(sim: EtSimulator): E2EProbe {
  const sheets = () => sim.workbook.worksheets;
  return {
    kind: 'wps-simulator',
    selection: () => {
      const s = sim.selection();
      return s ? { sheet: s.sheet, cells: [s.address] } : null;
    },
    values: () => {
      const out: Record<string, string | number | boolean | null> = {};
      for (const ws of sheets()) {
        ws.eachRow({ includeEmpty: false }, (row) =>
          row.eachCell({ includeEmpty: false }, (c) => {
            const v = c.value as unknown;
            const plain = v && typeof v === 'object' && 'result' in (v as object) ? (v as { result: unknown }).result : v;
            if (plain === null || plain === undefined || plain === '') return;
            out[`${ws.name}!${c.address}`] = typeof plain === 'object' ? JSON.stringify(plain) : (plain as string | number | boolean);
          }),
        );
      }
      return out;
    },
    // A cell's look: the conditional-format rules on it (formula and fill) and its comment.
    looks: () => {
      const out: Record<string, CellLook> = {};
      const at = (k: string) => (out[k] ??= { fill: '', note: '' });
      for (const ws of sheets()) {
        const cfs = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[]; style?: unknown }[] }[] }).conditionalFormattings;
        for (const e of cfs) {
          for (const part of e.ref.split(/\s+/).filter(Boolean)) {
            const [p, q = p] = part.split(':');
            const s = parseA1(p);
            const t = parseA1(q);
            for (let r = s.row; r <= t.row; r++) {
              for (let c = s.col; c <= t.col; c++) {
                const l = at(`${ws.name}!${a1(r, c)}`);
                l.fill += e.rules.map((x) => `${x.formulae?.[0] ?? ''} ${JSON.stringify(x.style ?? {})}`).join(';');
              }
            }
          }
        }
        ws.eachRow({ includeEmpty: true }, (row) =>
          row.eachCell({ includeEmpty: true }, (c) => {
            if (c.note !== undefined) at(`${ws.name}!${c.address}`).note = typeof c.note === 'string' ? c.note : JSON.stringify(c.note);
          }),
        );
      }
      return out;
    },
    sheetNames: () => sheets().map((ws) => ws.name),
  };
}

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  if (params.get('wps') === 'none') {
    window.__e2e = { kind: 'no-wps', selection: () => null, values: () => ({}), looks: () => ({}), sheetNames: () => [] };
    startWpsPane();
    return;
  }
  const xlsxUrl = params.get('xlsx');
  if (!xlsxUrl) throw new Error('缺少 ?xlsx= 参数');
  const res = await fetch(xlsxUrl);
  if (!res.ok) throw new Error(`无法读取 ${xlsxUrl}：${res.status}`);
  const name = decodeURIComponent(xlsxUrl.split('/').pop() ?? 'Workbook.xlsx');
  const sim = await createEtSimulator(new Uint8Array(await res.arrayBuffer()), { name });
  const app =
    params.get('fail') === 'read'
      ? new Proxy(sim.Application, {
          get(t, p) {
            if (p === 'ActiveWorkbook') throw new Error('模拟的 WPS 调用失败');
            return Reflect.get(t, p);
          },
        })
      : sim.Application;
  (window as unknown as { Application: unknown }).Application = app;
  window.__e2e = probe(sim);
  startWpsPane();
}

start().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  window.__e2e = { kind: 'failed', error: message, selection: () => null, values: () => ({}), looks: () => ({}), sheetNames: () => [] };
  renderBlocker(document.getElementById('root')!, { title: '测试页启动失败', text: message });
});
