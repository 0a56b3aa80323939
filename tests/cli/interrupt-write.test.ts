/**
 * An output written with writeFileAtomic (every CLI output: the copy, the narrative, the batch summary) leaves no
 * temporary file behind when the process is interrupted in the middle of writing it (SIGTERM, SIGINT): the target
 * is either absent or whole.
 */
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { ROOT } from './helpers';

const SIZE = 16 * 1024 * 1024;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-interrupt-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test.each(['SIGTERM', 'SIGINT'] as const)('%s while writing: no temporary file left, each written file whole', async (signal) => {
  const out = fs.mkdtempSync(path.join(dir, `${signal}-`));
  const script = path.join(dir, `writer-${signal}.ts`);
  fs.writeFileSync(
    script,
    `import { writeFileAtomic } from ${JSON.stringify(path.join(ROOT, 'src/xlsx/safe-file'))};
(async () => {
  const data = Buffer.alloc(${SIZE}, 7);
  for (let i = 0; i < 40; i++) await writeFileAtomic(${JSON.stringify(out)} + '/out' + i + '.bin', data);
})();`,
  );
  // tsx's loader in this one process (node --import tsx): the tsx command would relay the signal to a child and
  // SIGKILL it when the child does not answer within 30 ms (a loaded machine), which no handler survives
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, stdio: 'ignore' });
  // Interrupted once a temporary file is seen, i.e. in the middle of a write.
  const seen = await new Promise<boolean>((resolve) => {
    const poll = setInterval(() => {
      if (fs.readdirSync(out).some((f) => f.endsWith('.tmp'))) {
        clearInterval(poll);
        child.kill(signal);
        resolve(true);
      }
    }, 2);
    child.on('exit', () => {
      clearInterval(poll);
      resolve(false);
    });
  });
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.on('exit', (code, s) => resolve({ code, signal: s }));
  });
  expect(seen).toBe(true);
  expect(exit.signal === signal || (exit.code !== null && exit.code !== 0)).toBe(true);
  const files = fs.readdirSync(out);
  expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  expect(files.length).toBeLessThan(40);
  for (const f of files) expect(fs.statSync(path.join(out, f)).size).toBe(SIZE);
});
