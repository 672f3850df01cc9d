/**
 * --jobs: the per-block work of a scan spread over worker threads. Blocks go out
 * in batches of about BATCH_CHARS bytes (transferred, not copied), handed to
 * whichever worker is free;
 * results come back as flat typed arrays (transferred, not copied) and are put
 * back in batch order, so the outcome does not depend on which worker did what.
 */
import { Worker } from 'node:worker_threads';
import type { BatchInput } from './batches.js';
import { type PrepareOptions, type PreparedBlocks, prepareBlocks } from './index.js';
import type { PrepareRequest } from './worker.js';

// Compiled, the worker sits beside this module; run from the TypeScript sources (tests), the built one is used.
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/prepare/worker.js', import.meta.url)
  : new URL('./worker.js', import.meta.url);

/** Batches a worker holds at once: it starts the next while the main thread is busy with a result. */
const QUEUE_DEPTH = 3;

/**
 * Starts `count` worker threads. A worker takes tens of milliseconds to boot, so
 * a scan starts them before it splits its inputs; prepareInWorkers ends them.
 * Until then they are unref'd: if the scan fails before handing them over,
 * they do not keep the process alive.
 */
export function startWorkers(count: number): Worker[] {
  return Array.from({ length: Math.max(1, count) }, () => {
    const worker = new Worker(WORKER_URL);
    worker.unref();
    return worker;
  });
}

/**
 * Prepares batches on the started worker threads and the calling thread, and
 * yields the results in batch order, each as soon as it and every earlier one
 * are done, so the caller can work on them while the workers go on. The calling
 * thread prepares a batch itself whenever the one it needs next is not back yet
 * (so workers + 1 threads work in all, not the workers beside an idle caller).
 * Ends the workers when done (once iterated).
 */
export async function* prepareInWorkers(
  batchCount: number,
  inputOf: (batch: number) => BatchInput,
  optsOf: (batch: number) => PrepareOptions,
  started: readonly Worker[],
): AsyncGenerator<PreparedBlocks> {
  const results = new Map<number, PreparedBlocks>();
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  let next = 0;
  // Workers beyond one per batch but the caller's have nothing to do.
  const workers = started.slice(0, Math.max(1, batchCount - 1));
  for (const idle of started.slice(workers.length)) void idle.terminate();
  for (const worker of workers) worker.ref();
  const inFlight = new Map<Worker, number>();
  const send = (worker: Worker): void => {
    while (next < batchCount && (inFlight.get(worker) ?? 0) < QUEUE_DEPTH) {
      const input = inputOf(next);
      const request: PrepareRequest = { batch: next, input, opts: optsOf(next) };
      next++;
      inFlight.set(worker, (inFlight.get(worker) ?? 0) + 1);
      worker.postMessage(request, [input.bytes.buffer, input.ends.buffer] as ArrayBuffer[]);
    }
  };
  for (const worker of workers) {
    worker.on('message', (m: { batch: number; prepared: PreparedBlocks }) => {
      results.set(m.batch, m.prepared);
      inFlight.set(worker, (inFlight.get(worker) ?? 1) - 1);
      send(worker);
      notify();
    });
    worker.on('error', (e) => {
      failure ??= e;
      notify();
    });
    worker.on('exit', (code) => {
      if ((inFlight.get(worker) ?? 0) > 0) failure ??= new Error(`a worker thread stopped (exit code ${code})`);
      notify();
    });
    send(worker);
  }
  try {
    for (let batch = 0; batch < batchCount; batch++) {
      while (!results.has(batch)) {
        if (failure !== undefined) throw failure;
        if (next < batchCount) {
          // Not back yet: prepare the next unsent batch here, then let the workers' messages in.
          const mine = next++;
          results.set(mine, prepareBlocks(inputOf(mine), optsOf(mine)));
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const prepared = results.get(batch) as PreparedBlocks;
      results.delete(batch);
      yield prepared;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
