/**
 * --jobs with the native scan built: batches prepared by native/scan.c on
 * threads of libuv's pool (scanAsync) while the calling thread takes in the
 * ones done. No worker thread to start, no copy of the blocks' bytes (a batch
 * of one input is read where it is), no messages: the calling thread only takes
 * in results, which is most of its work in this phase.
 *
 * The table of special characters is filled first (allSpecials), so a block
 * the native scan cannot take is one only the string path reads; its batch is
 * prepared again here by prepareBlocks, which takes such blocks in TypeScript.
 * When that is the case for many batches (text mostly outside the scan's
 * characters: Greek, CJK), the rest go to worker threads instead (`fallback`).
 * Either way each batch's result is prepareBlocks' (test/prepare/threads.test.ts).
 */
import { touch } from '../input/mapped.js';
import { allSpecials, type Specials } from '../normalize/ascii.js';
import type { Source } from '../types.js';
import type { BlockSpans } from '../split/spans.js';
import { type BatchInput, batchInput } from './batches.js';
import { type PrepareOptions, type PreparedBlocks, prepareBlocks } from './index.js';
import { AsyncParam, type AsyncScanned, type ScanAddon } from './native.js';

/** Batches prepared in the pool at once with 2 jobs (measured: 3 kept both cores busy); jobs + 1 in general. */
const DEPTH = 3;
/** Batches with pending blocks after which the rest go to `fallback` (when at least a quarter of those done so far). */
const FALLBACK_AFTER = 3;

/** What prepareOnThreads needs of a scan. */
export interface ThreadBatches {
  readonly blocks: BlockSpans;
  readonly sources: readonly Source[];
  /** Batch b is blocks bounds[b] .. bounds[b + 1]. */
  readonly bounds: readonly number[];
  readonly optsOf: (batch: number) => PrepareOptions;
  /** The batch as prepareBlocks takes it (its bytes copied). */
  readonly inputOf: (batch: number) => BatchInput;
}

/**
 * The batches' PreparedBlocks in batch order, each as soon as it and every
 * earlier one are done; from batch `from` on, `fallback(from)` gives them when
 * the native scan leaves too many blocks to the calling thread.
 */
export async function* prepareOnThreads(
  native: ScanAddon,
  batches: ThreadBatches,
  fallback?: (from: number) => AsyncIterable<PreparedBlocks>,
  depth = DEPTH,
): AsyncGenerator<PreparedBlocks> {
  const count = batches.bounds.length - 1;
  const table = allSpecials();
  const inFlight: Promise<AsyncScanned>[] = [];
  let sent = 0;
  let pendingBatches = 0;
  const send = (): void => {
    while (sent < count && inFlight.length < depth) {
      const job = dispatch(native, table, batches, sent++);
      // If the caller stops early (an error), a job that fails later is not an unhandled rejection.
      job.catch(() => undefined);
      inFlight.push(job);
    }
  };
  send();
  for (let b = 0; b < count; b++) {
    const scanned = await (inFlight.shift() as Promise<AsyncScanned>);
    send();
    yield taken(batches, b, scanned);
    if (scanned.pending.length === 0) continue;
    pendingBatches++;
    if (fallback !== undefined && pendingBatches >= FALLBACK_AFTER && 4 * pendingBatches >= b + 1 && b + 1 < count) {
      // The batches already sent are taken in first (in order); the rest go to the fallback.
      for (let k = b + 1; k < sent; k++) yield taken(batches, k, await (inFlight.shift() as Promise<AsyncScanned>));
      if (sent < count) yield* fallback(sent);
      return;
    }
  }
}

/** Starts the native scan of batch b: in place when its blocks are in one input, else a copy of them. */
function dispatch(native: ScanAddon, table: Specials, batches: ThreadBatches, b: number): Promise<AsyncScanned> {
  const from = batches.bounds[b] as number;
  const to = batches.bounds[b + 1] as number;
  const n = to - from;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const blocks = batches.blocks;
  const source = blocks.sourceOf(from);
  let bytes: Uint8Array;
  if (blocks.sourceOf(to - 1) === source) {
    bytes = (batches.sources[source] as Source).bytes;
    let read = 0;
    for (let i = 0; i < n; i++) {
      const start = blocks.startOf(from + i);
      const end = blocks.endOf(from + i);
      starts[i] = start;
      ends[i] = end;
      read += end - start;
    }
    // A mapped input counts what is read of it (as batchInput does).
    touch(bytes, read);
  } else {
    const input = batches.inputOf(b);
    bytes = input.bytes;
    for (let i = 0; i < n; i++) {
      starts[i] = i === 0 ? 0 : (input.ends[i - 1] as number);
      ends[i] = input.ends[i] as number;
    }
  }
  const opts = batches.optsOf(b);
  const params = new Int32Array(AsyncParam.Length);
  params[AsyncParam.MinLength] = opts.minLength;
  params[AsyncParam.MinWords] = opts.minWords;
  params[AsyncParam.ExactOnly] = opts.exactOnly ? 1 : 0;
  params[AsyncParam.Entries] = table.entries;
  params[AsyncParam.Units] = table.unitCount;
  params[AsyncParam.Bands] = opts.lsh?.bands ?? 0;
  params[AsyncParam.Rows] = opts.lsh?.rows ?? 0;
  params[AsyncParam.Signatures] = opts.signatures === false ? 0 : 1;
  params[AsyncParam.Words] = opts.keep === false ? 0 : 1;
  return native.scanAsync(bytes, starts, ends, table.entry, table.kind, table.unit, table.length, table.units, params);
}

/**
 * Batch b as prepareBlocks gives it: what the native scan made of it, or when it left a block
 * (the string path's), the whole batch prepared again here.
 */
function taken(batches: ThreadBatches, b: number, s: AsyncScanned): PreparedBlocks {
  const opts = batches.optsOf(b);
  if (s.pending.length > 0) return prepareBlocks(batches.inputOf(b), opts);
  const count = (batches.bounds[b + 1] as number) - (batches.bounds[b] as number);
  return {
    counted: s.counted,
    normalized: new Array<string | null>(count).fill(null),
    keyHashes: s.keyHashes,
    lengths: s.lengths,
    ascii: s.ascii,
    near: s.near,
    kept: opts.keep !== false,
    wordStart: s.wordStart,
    words: s.words,
    bandKeys: s.bandKeys,
    signatures: s.signatures,
    sketches: s.sketches,
  };
}
