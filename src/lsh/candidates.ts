/**
 * The LSH candidates of a whole run at once. An incremental band store (entries
 * added one by one) answers, for each entry, the earlier entries that share a
 * bucket with it (of each bucket, its first `maxPerBucket` members). This gives
 * the same answers for all entries (test/lsh/band-store.ts is that store, the
 * reference), by grouping each band's keys with a counting sort instead of
 * probing a hash table: the sort streams through memory, where the table's
 * millions of random probes each miss the cache (on the 49 MB bench corpus, 2.2 million bucket operations took about 0.6 s in the
 * table and about 0.2 s here). An entry's answer is made when asked for
 * (`of`), so the whole run's candidates are never held at once.
 */

/** The candidates of every entry, one entry at a time. */
export interface Candidates {
  /** Entry j's candidates into `out` (emptied first): ascending, each < j, each once. */
  of(j: number, out: number[]): void;
}

const TILE = 64;
/** Largest slot sorted by insertion; a larger one is sorted by comparison (no quadratic case). */
const INSERTION_MAX = 32;

/** A key's slot among 2^bits (the keys are hashes already; this spreads any that are not). */
function slotOf(key: number, bits: number): number {
  return Math.imul(key, 0x9e3779b1) >>> (32 - bits);
}

/**
 * `keys[j * bands + b]` is entry j's key in band b (entries in the order they
 * would have been added). Entries j and i < j are candidates when they have the
 * same key in some band and i is among the first `maxPerBucket` entries with
 * that key in that band.
 */
export function bandCandidates(keys: Int32Array, count: number, bands: number, maxPerBucket = 32): Candidates {
  if (keys.length < count * bands) throw new RangeError(`bandCandidates: ${keys.length} keys for ${count} entries of ${bands} bands`);
  // Band-major copies of the keys (columns[b * count + j]), transposed in tiles of
  // entries so that both sides of the copy stay in the cache.
  const columns = new Uint32Array(bands * count);
  for (let t = 0; t < count; t += TILE) {
    const end = Math.min(count, t + TILE);
    for (let b = 0; b < bands; b++) for (let j = t; j < end; j++) columns[b * count + j] = keys[j * bands + b] as number;
  }
  // sorted[b * count ..]: the entries in band b's key order; for entry j in band b,
  // runOf[b * count + j] is where its bucket starts in that band's order, rankOf[..] its place in the bucket.
  // (Band-major: the entry-by-entry pass below reads them as one stream per band.)
  const sorted = new Int32Array(bands * count);
  const runOf = new Int32Array(bands * count);
  const rankOf = new Int32Array(bands * count);
  // Each band's entries are grouped by key with one counting sort on a hash of the
  // key into about `count` slots (stable, so entries stay in entry order), and then
  // each slot's few entries by a stable insertion sort on the key itself: equal keys
  // become runs, the buckets, in entry order. No full sort is needed.
  let slotBits = 1;
  while (1 << slotBits < count) slotBits++;
  const slots = 1 << slotBits;
  const slotStart = new Int32Array(slots + 1);
  const order = new Int32Array(count);
  const orderKeys = new Uint32Array(count);
  for (let b = 0; b < bands; b++) {
    const column = columns.subarray(b * count, (b + 1) * count);
    slotStart.fill(0);
    for (let j = 0; j < count; j++) (slotStart[slotOf(column[j] as number, slotBits) + 1] as number)++;
    for (let h = 0; h < slots; h++) slotStart[h + 1] = (slotStart[h + 1] as number) + (slotStart[h] as number);
    for (let j = 0; j < count; j++) {
      const key = column[j] as number;
      const h = slotOf(key, slotBits);
      const to = slotStart[h] as number;
      slotStart[h] = to + 1;
      order[to] = j;
      orderKeys[to] = key;
    }
    // slotStart[h] is now where slot h ends (and slot h + 1 starts).
    for (let h = 0, from = 0; h < slots; h++) {
      const end = slotStart[h] as number;
      if (end - from > INSERTION_MAX) {
        // A crowded slot (keys that collide in it, each repeated often): sorted by
        // (key, entry), which is stable by key since the slot is in entry order.
        const pairs = Array.from({ length: end - from }, (_, k) => [orderKeys[from + k] as number, order[from + k] as number] as const);
        pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        pairs.forEach(([key, e], k) => {
          orderKeys[from + k] = key;
          order[from + k] = e;
        });
        from = end;
        continue;
      }
      for (let p = from + 1; p < end; p++) {
        const key = orderKeys[p] as number;
        const e = order[p] as number;
        let q = p;
        for (; q > from && (orderKeys[q - 1] as number) > key; q--) {
          orderKeys[q] = orderKeys[q - 1] as number;
          order[q] = order[q - 1] as number;
        }
        orderKeys[q] = key;
        order[q] = e;
      }
      from = end;
    }
    sorted.set(order, b * count);
    // Runs of equal keys are the buckets.
    for (let i = 0; i < count; ) {
      const key = orderKeys[i] as number;
      let end = i + 1;
      while (end < count && orderKeys[end] === key) end++;
      for (let p = i; p < end; p++) {
        const e = order[p] as number;
        runOf[b * count + e] = i;
        rankOf[b * count + e] = p - i;
      }
      i = end;
    }
  }
  // Entry by entry, as the store would answer: the earlier members of its buckets, each once, ascending.
  const stamp = new Int32Array(count).fill(-1);
  return {
    of(j: number, out: number[]): void {
      out.length = 0;
      for (let b = 0; b < bands; b++) {
        const m = Math.min(rankOf[b * count + j] as number, maxPerBucket);
        if (m === 0) continue;
        const run = b * count + (runOf[b * count + j] as number);
        for (let q = 0; q < m; q++) {
          const i = sorted[run + q] as number;
          if (stamp[i] === j) continue;
          stamp[i] = j;
          out.push(i);
        }
      }
      if (out.length > 1) out.sort((x, y) => x - y);
    },
  };
}
