/**
 * --jobs: the per-block work of a scan spread over worker threads. Texts go out
 * in batches of about BATCH_CHARS characters, handed to whichever worker is free;
 * results come back as flat typed arrays (transferred, not copied) and are put
 * back in batch order, so the outcome does not depend on which worker did what.
 */
import { Worker } from 'node:worker_threads';
import type { PrepareOptions, PreparedBlocks } from './index.js';
import type { PrepareRequest } from './worker.js';

// Compiled, the worker sits beside this module; run from the TypeScript sources (tests), the built one is used.
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/prepare/worker.js', import.meta.url)
  : new URL('./worker.js', import.meta.url);

/** Prepares batches on `jobs` worker threads; results in batch order. */
export async function prepareInWorkers(batches: readonly (readonly string[])[], opts: PrepareOptions, jobs: number): Promise<PreparedBlocks[]> {
  const results: PreparedBlocks[] = new Array<PreparedBlocks>(batches.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(jobs, batches.length) }, () => new Worker(WORKER_URL));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = (): void => {
              if (next >= batches.length) return resolve();
              const request: PrepareRequest = { batch: next, texts: batches[next] as readonly string[], opts };
              next++;
              worker.postMessage(request);
            };
            worker.on('message', (m: { batch: number; prepared: PreparedBlocks }) => {
              results[m.batch] = m.prepared;
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (next < batches.length || code !== 0) reject(new Error(`a worker thread stopped (exit code ${code})`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
