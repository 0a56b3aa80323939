/**
 * Worker thread of `budget-check batch`: receives BatchJob messages, checks each workbook with the same engine as
 * `check` (checkOne: readWorkbookFile + runChecks), writes its page and answers with its summary row.
 * Started by src/cli/batch.ts through a small CommonJS bootstrap (tsx's require hook when running from source).
 */
import { parentPort } from 'worker_threads';
import { checkOne, type BatchJob, type BatchRow } from './batch-report';

export type WorkerReply = { index: number; row: BatchRow } | { index: number; error: string };

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: BatchJob) => {
    checkOne(job).then(
      (row) => port.postMessage({ index: job.index, row } satisfies WorkerReply),
      // checkOne throws only when the page cannot be written
      (e) => port.postMessage({ index: job.index, error: e instanceof Error ? e.message : String(e) } satisfies WorkerReply),
    );
  });
}
