/** Batches of blocks for the per-block work (see pool.ts), and what a batch carries. */
import type { Source } from '../types.js';
import type { BlockSpans } from '../split/spans.js';
import { touch } from '../input/mapped.js';

/** Bytes of block text per batch: large enough that messaging costs little, small enough to balance. */
export const BATCH_CHARS = 1 << 20;

/**
 * Cuts `count` consecutive items into batches of about `size` each (at least one
 * item a batch): batch b is items bounds[b] .. bounds[b + 1]; bounds has one more
 * entry than there are batches.
 */
export function batchBounds(count: number, sizeOf: (i: number) => number, size = BATCH_CHARS): number[] {
  const bounds = [0];
  let sum = 0;
  for (let i = 0; i < count; i++) {
    sum += sizeOf(i);
    if (sum >= size) {
      bounds.push(i + 1);
      sum = 0;
    }
  }
  if (bounds[bounds.length - 1] !== count) bounds.push(count);
  return bounds;
}

/**
 * One batch as the per-block work takes it: the blocks' bytes one after another
 * (block i is bytes[ends[i - 1], ends[i]), from 0 for the first), which can be
 * handed to a worker thread without copying. `texts` are the blocks' texts when
 * they are not what decoding their bytes gives (sentences are cut from their
 * paragraph's text); null when they are, and the work decodes a block only if it
 * is not plain ASCII.
 */
export interface BatchInput {
  readonly bytes: Uint8Array;
  readonly ends: Int32Array;
  readonly texts: readonly string[] | null;
}

/** The input of the batch of blocks from .. to - 1 (their bytes copied into one array). */
export function batchInput(blocks: BlockSpans, sources: readonly Source[], from: number, to: number, withTexts: boolean): BatchInput {
  let total = 0;
  for (let i = from; i < to; i++) total += blocks.endOf(i) - blocks.startOf(i);
  const bytes = new Uint8Array(total);
  const ends = new Int32Array(to - from);
  let at = 0;
  // What was read of each source, for a mapped one (counted when the source changes, and at the end).
  let source = -1;
  let read = 0;
  for (let i = from; i < to; i++) {
    const s = blocks.sourceOf(i);
    const start = blocks.startOf(i);
    const end = blocks.endOf(i);
    if (s !== source) {
      if (source !== -1) touch((sources[source] as Source).bytes, read);
      source = s;
      read = 0;
    }
    bytes.set((sources[s] as Source).bytes.subarray(start, end), at);
    at += end - start;
    read += end - start;
    ends[i - from] = at;
  }
  if (source !== -1) touch((sources[source] as Source).bytes, read);
  const texts: string[] = [];
  if (withTexts) for (let i = from; i < to; i++) texts.push(blocks.textOf(i));
  return { bytes, ends, texts: withTexts ? texts : null };
}

const encoder = new TextEncoder();

/** A batch of texts given as strings (encoded as UTF-8; for tests and callers without bytes). */
export function textsInput(texts: readonly string[], withTexts = false): BatchInput {
  const parts = texts.map((t) => encoder.encode(t));
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  const ends = new Int32Array(parts.length);
  let at = 0;
  parts.forEach((p, i) => {
    bytes.set(p, at);
    at += p.length;
    ends[i] = at;
  });
  return { bytes, ends, texts: withTexts ? texts : null };
}
