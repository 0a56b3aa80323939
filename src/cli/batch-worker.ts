/**
 * Worker thread of `budget-check batch`: receives BatchJob messages, checks each workbook (or folder disclosure)
 * with the same engine as `check` (checkOne), one at a time in the order received, writes its page and answers
 * with its summary row (its findings as their report.json text). Started once per thread by src/cli/batch.ts
 * through a small CommonJS bootstrap, from the prebuilt build/cli/batch-worker.js (tsx's require hook only when that build is missing or stale). The bureau's
 * configuration comes as workerData.configFile (validated by the main thread first).
 */
import { parentPort, workerData } from 'worker_threads';
import { checkOne, findingsJson, type BatchJob, type BatchRow } from './batch-report';
import { readConfigFile } from './config-file';

/** A row, its `findings` empty and given as their report.json text instead (findingsJson), or why its page was not written. */
export type WorkerReply = { index: number; row: BatchRow; findings: string } | { index: number; error: string };

if (parentPort) {
  const port = parentPort;
  const configFile = (workerData as { configFile?: string | null } | null)?.configFile;
  const config = configFile ? readConfigFile(configFile) : undefined;
  const queue: BatchJob[] = [];
  let busy = false;
  const next = () => {
    const job = queue.shift();
    if (!job) {
      busy = false;
      return;
    }
    busy = true;
    checkOne(job, config).then(
      (row) => {
        const findings = findingsJson(row.findings);
        row.findings = [];
        port.postMessage({ index: job.index, row, findings } satisfies WorkerReply);
        next();
      },
      // checkOne throws only when the page cannot be written
      (e) => {
        port.postMessage({ index: job.index, error: e instanceof Error ? e.message : String(e) } satisfies WorkerReply);
        next();
      },
    );
  };
  port.on('message', (job: BatchJob | { stop: true }) => {
    if ('stop' in job) return; // no more work: the bootstrap ends the thread (src/cli/batch.ts startWorker)
    queue.push(job);
    if (!busy) next();
  });
}
