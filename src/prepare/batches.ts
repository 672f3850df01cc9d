/** Batches of block texts for the per-block work (see pool.ts). */

/** Characters of block text per batch: large enough that messaging costs little, small enough to balance. */
export const BATCH_CHARS = 1 << 20;

/** Batches of consecutive texts, each about BATCH_CHARS characters (at least one text). */
export function batchesOf(texts: readonly string[], chars = BATCH_CHARS): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  let size = 0;
  for (const t of texts) {
    cur.push(t);
    size += t.length;
    if (size >= chars) {
      out.push(cur);
      cur = [];
      size = 0;
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}
