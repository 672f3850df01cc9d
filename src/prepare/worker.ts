/** Worker thread for --jobs: prepares the batches of block texts it is sent (see pool.ts). */
import { parentPort } from 'node:worker_threads';
import { type PrepareOptions, prepareBlocks } from './index.js';

export interface PrepareRequest {
  readonly batch: number;
  readonly texts: readonly string[];
  readonly opts: PrepareOptions;
}

const port = parentPort;
if (port === null) throw new Error('prepare/worker.js runs as a worker thread');
port.on('message', (req: PrepareRequest) => {
  const r = prepareBlocks(req.texts, req.opts);
  port.postMessage({ batch: req.batch, prepared: r }, [r.counted.buffer, r.keyHashes.buffer, r.near.buffer, r.wordStart.buffer, r.words.buffer, r.signatures.buffer] as ArrayBuffer[]);
});
