/**
 * Runs fuzzing snapshot cases [from, to) outside jest (tsx compiles faster code than ts-jest's vm, and two of
 * these processes use both cores): prints one JSON document { cases, failures, errors, rules }.
 *
 *   npx tsx tests/fuzz/run-snapshots.ts 0 900          all cases
 *   npx tsx tests/fuzz/run-snapshots.ts 417 418 -v     one case, with what it does
 */
import { loadBases, snapshotCase } from './harness';

async function main(): Promise<void> {
  const [from, to] = process.argv.slice(2, 4).map(Number);
  const verbose = process.argv.includes('-v');
  const bases = await loadBases();
  const failures: string[] = [];
  const rules: Record<string, number> = {};
  let errors = 0;
  for (let i = from; i < to; i++) {
    const r = snapshotCase(i, bases);
    if (verbose) process.stderr.write(`${r.what}\n  ${r.failure ?? `ok: ${r.rules?.length} findings`}\n`);
    if (r.failure) failures.push(r.failure);
    if (r.errors) errors++;
    for (const id of r.rules ?? []) rules[id] = (rules[id] ?? 0) + 1;
  }
  process.stdout.write(JSON.stringify({ cases: to - from, failures, errors, rules }) + '\n');
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ cases: 0, failures: [`runner failed: ${e instanceof Error ? e.stack : e}`] }) + '\n');
});
