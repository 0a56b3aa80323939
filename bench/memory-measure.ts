/**
 * One `check --out` in a fresh process, so that its peak RSS is its own (bench/memory-suite.ts): prints one JSON
 * line {ms, peakRssBytes, exit, stderr}.
 *   tsx bench/memory-measure.ts check <file.xlsx> <copy.xlsx>   budget-check check <file> --out <copy>
 *   tsx bench/memory-measure.ts baseline                        the same process and modules, no work
 */
import { main } from '../src/cli/main';

async function run(): Promise<void> {
  const [mode, file, out] = process.argv.slice(2);
  const t0 = performance.now();
  const err: string[] = [];
  let exit = 0;
  if (mode === 'check') exit = await main(['check', file, '--out', out], { out: () => undefined, err: (l) => void err.push(l) });
  else if (mode !== 'baseline') throw new Error(`unknown mode ${mode}`);
  const ms = Math.round(performance.now() - t0);
  // maxRSS is in kilobytes
  process.stdout.write(JSON.stringify({ ms, peakRssBytes: process.resourceUsage().maxRSS * 1024, exit, stderr: err }) + '\n');
}

run().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : e}\n`);
  process.exitCode = 1;
});
