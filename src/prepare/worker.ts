/** Worker thread for --jobs: prepares the batches of blocks it is sent (see pool.ts). */
import { parentPort } from 'node:worker_threads';
import type { BatchInput } from './batches.js';
import { type PrepareOptions, prepareBlocks } from './index.js';

export interface PrepareRequest {
  readonly batch: number;
  readonly input: BatchInput;
  readonly opts: PrepareOptions;
}

const port = parentPort;
if (port === null) throw new Error('prepare/worker.js runs as a worker thread');
port.on('message', (req: PrepareRequest) => {
  const r = prepareBlocks(req.input, req.opts);
  port.postMessage({ batch: req.batch, prepared: r }, [r.counted.buffer, r.keyHashes.buffer, r.lengths.buffer, r.ascii.buffer, r.near.buffer, r.wordStart.buffer, r.words.buffer, r.bandKeys.buffer, r.signatures.buffer, r.sketches.buffer] as ArrayBuffer[]);
});
