/**
 * The test page (webpack entry taskpane-sim, built only with --env e2e): the real task pane over a workbook
 * given in the URL, with a probe (tests/e2e/probe.ts) exposed as window.__e2e for the tests.
 *   ?snapshot=<url of a WorkbookSnapshot JSON>   in-memory host (tests/e2e/memory-host)
 *   &fail=read|annotate                          the host fails that call (error display tests)
 */
import type { WorkbookHost } from '../../../src/excel/host';
import { a1 } from '../../../src/model/address';
import type { WorkbookSnapshot } from '../../../src/model/snapshot';
import { renderBlocker, renderPane } from '../../../src/taskpane/mount';
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
  const snapshotUrl = params.get('snapshot');
  if (!snapshotUrl) throw new Error('缺少 ?snapshot= 参数');
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
