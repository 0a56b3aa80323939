/**
 * A helper for engine work (not part of `npm run bench`):
 *   tsx bench/engine-driver.ts make <dir>           writes seed 001 ×10, ×100 and the 100,000-row sheet into dir
 *   tsx bench/engine-driver.ts dump <dir> <out>     JSON of check() + narrative() for fixtures/workbooks/*.xlsx and
 *                                                   dir/*.xlsx, one file each in out (diff two outs for identity)
 *   tsx bench/engine-driver.ts time <file> [runs]   parse and engine (check + narrative, as the engine suite)
 *                                                   alternated in this process: CPU-time medians, their ratio
 *   tsx bench/engine-driver.ts engine <file> [runs] one parse, then the engine `runs` times (profiling)
 *   tsx bench/engine-driver.ts alloc <file> [runs]  bytes the engine allocates per run (V8's sampling heap profiler,
 *                                                   collected objects included) and the functions allocating most
 */
import fs from 'fs';
import path from 'path';
import { check, narrative } from '../src/engine';
import { generateNarrative } from '../src/narrative';
import { readWorkbookFile } from '../src/xlsx/read';

interface AllocNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: AllocNode[];
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

const ROOT = process.env.BENCH_ROOT ?? path.resolve(__dirname, '..');
const FIXTURES = path.join(ROOT, 'fixtures/workbooks');

function engine(wb: Awaited<ReturnType<typeof readWorkbookFile>>): unknown {
  const res = check(wb);
  return generateNarrative(res.recognised);
}

async function main(): Promise<void> {
  const [mode, a, b] = process.argv.slice(2);
  if (mode === 'make') {
    fs.mkdirSync(a, { recursive: true });
    // ExcelJS only here, so that profiles of the other modes do not load it
    const { writeScaledWorkbook } = await import('./scale');
    const { writeLargeRowsWorkbook } = await import('./workbooks');
    for (const k of [10, 100]) await writeScaledWorkbook(path.join(a, `001-x${k}.xlsx`), '001', k);
    await writeLargeRowsWorkbook(path.join(a, 'rows-100000.xlsx'));
  } else if (mode === 'dump') {
    fs.mkdirSync(b, { recursive: true });
    const files = [
      ...fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(FIXTURES, f)),
      ...fs.readdirSync(a).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(a, f)),
    ];
    for (const file of files) {
      const wb = await readWorkbookFile(file);
      const res = check(wb);
      const nar = narrative(wb, res.recognised);
      const gen = generateNarrative(res.recognised);
      fs.writeFileSync(path.join(b, path.basename(file) + '.json'), JSON.stringify({ findings: res.findings, narrative: nar, generated: gen }, null, 1));
    }
  } else if (mode === 'time') {
    const runs = Number(b ?? 15);
    const parse: number[] = [];
    const eng: number[] = [];
    // CPU time of this process (a busy machine stretches wall time, much less CPU time)
    const now = process.env.WALL
      ? () => performance.now()
      : () => {
          const u = process.cpuUsage();
          return (u.user + u.system) / 1000;
        };
    for (let i = 0; i < runs + 2; i++) {
      const t0 = now();
      const wb = await readWorkbookFile(a);
      const t1 = now();
      engine(wb);
      const t2 = now();
      if (i >= 2) {
        parse.push(t1 - t0);
        eng.push(t2 - t1);
      }
    }
    const p = median(parse);
    const e = median(eng);
    const min = (xs: number[]) => Math.min(...xs);
    console.log(JSON.stringify({ file: path.basename(a), parseMs: +p.toFixed(2), engineMs: +e.toFixed(2), ratio: +(e / p).toFixed(3), parseMin: +min(parse).toFixed(2), engineMin: +min(eng).toFixed(2) }));
  } else if (mode === 'engine') {
    const runs = Number(b ?? 20);
    const wb = await readWorkbookFile(a);
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) engine(wb);
    console.log(JSON.stringify({ file: path.basename(a), engineMsEach: +((performance.now() - t0) / runs).toFixed(2) }));
  } else if (mode === 'alloc') {
    const runs = Number(b ?? 50);
    const wb = await readWorkbookFile(a);
    for (let i = 0; i < 10; i++) engine(wb); // warm: what the bench's medians see
    const { Session } = await import('inspector');
    const session = new Session();
    session.connect();
    const post = <T>(method: string, params?: object) =>
      new Promise<T>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r as T))));
    await post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    for (let i = 0; i < runs; i++) engine(wb);
    const { profile } = await post<{ profile: { head: AllocNode } }>('HeapProfiler.stopSampling');
    const by = new Map<string, number>();
    let total = 0;
    const walk = (n: AllocNode) => {
      total += n.selfSize;
      const where = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(src|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
      by.set(where, (by.get(where) ?? 0) + n.selfSize);
      n.children.forEach(walk);
    };
    walk(profile.head);
    const top = [...by].sort((x, y) => y[1] - x[1]).slice(0, 15).map(([where, bytes]) => ({ where, kbPerRun: Math.round(bytes / runs / 1024) }));
    console.log(JSON.stringify({ file: path.basename(a), mbPerRun: +(total / runs / 1048576).toFixed(2), top }, null, 1));
  } else throw new Error(`unknown mode ${mode}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
