/**
 * The LSH candidates of a whole run at once. An incremental band store (entries
 * added one by one) answers, for each entry, the earlier entries that share a
 * bucket with it (of each bucket, its first `maxPerBucket` members). This gives
 * the same answers for all entries (test/lsh/band-store.ts is that store, the
 * reference), by grouping the keys one band at a time: each band's buckets go
 * through a hash table small enough to stay in the cache, where one table for
 * every band takes millions of probes that each miss it (on the 49 MB bench
 * corpus, 2 million bucket operations took about 0.6 s in one table, 0.2-0.3 s
 * with a counting sort per band, and less again with a table per band).
 * An entry's answer is made when asked for (`of`), so the whole run's candidates
 * are never held at once.
 */

/** The candidates of every entry, one entry at a time. */
export interface Candidates {
  /** Entry j's candidates into `out` (emptied first): ascending, each < j, each once. */
  of(j: number, out: number[]): void;
}

const TILE = 64;

/**
 * `keys[j * bands + b]` is entry j's key in band b (entries in the order they
 * would have been added). Entries j and i < j are candidates when they have the
 * same key in some band and i is among the first `maxPerBucket` entries with
 * that key in that band.
 */
export function bandCandidates(keys: Int32Array, count: number, bands: number, maxPerBucket = 32): Candidates {
  if (keys.length < count * bands) throw new RangeError(`bandCandidates: ${keys.length} keys for ${count} entries of ${bands} bands`);
  // The per-band table has 2 * count slots or more, as a power of two that must fit an Int32.
  if (count > 2 ** 29) throw new RangeError(`bandCandidates: ${count} entries is more than ${2 ** 29}`);
  // Band-major copies of the keys (columns[b * count + j]).
  const columns = new Int32Array(bands * count);
  for (let t = 0; t < count; t += TILE) {
    const end = Math.min(count, t + TILE);
    for (let b = 0; b < bands; b++) for (let j = t; j < end; j++) columns[b * count + j] = keys[j * bands + b] as number;
  }
  // For entry j in band b (at b * count + j): the first entry of its bucket (headOf),
  // its place in the bucket (rankOf), and the next entry of the bucket (nextOf, -1 at
  // the end): each bucket is a list in entry order.
  const headOf = new Int32Array(bands * count);
  const rankOf = new Int32Array(bands * count);
  const nextOf = new Int32Array(bands * count).fill(-1);
  // One band at a time, through a hash table of its buckets small enough to stay in
  // the cache (a table for all bands at once would miss it on every probe).
  let bits = 1;
  while (1 << bits < 2 * count) bits++;
  const mask = (1 << bits) - 1;
  const tableKey = new Int32Array(mask + 1);
  const tableHead = new Int32Array(mask + 1);
  const tableTail = new Int32Array(mask + 1);
  const tableSize = new Int32Array(mask + 1);
  for (let b = 0; b < bands; b++) {
    const at = b * count;
    tableHead.fill(-1);
    for (let j = 0; j < count; j++) {
      const key = columns[at + j] as number;
      let slot = Math.imul(key, 0x9e3779b1) >>> (32 - bits);
      for (;;) {
        const head = tableHead[slot] as number;
        if (head === -1) {
          tableKey[slot] = key;
          tableHead[slot] = j;
          tableTail[slot] = j;
          tableSize[slot] = 1;
          headOf[at + j] = j;
          rankOf[at + j] = 0;
          break;
        }
        if (tableKey[slot] === key) {
          const size = tableSize[slot] as number;
          nextOf[at + (tableTail[slot] as number)] = j;
          tableTail[slot] = j;
          tableSize[slot] = size + 1;
          headOf[at + j] = head;
          rankOf[at + j] = size;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }
  // Entry by entry, as the store would answer: the earlier members of its buckets, each once, ascending.
  const stamp = new Int32Array(count).fill(-1);
  return {
    of(j: number, out: number[]): void {
      out.length = 0;
      for (let b = 0; b < bands; b++) {
        const at = b * count;
        const m = Math.min(rankOf[at + j] as number, maxPerBucket);
        for (let q = 0, i = headOf[at + j] as number; q < m; q++, i = nextOf[at + i] as number) {
          if (stamp[i] === j) continue;
          stamp[i] = j;
          out.push(i);
        }
      }
      // Ascending: by insertion, for the few of most entries; by the engine's sort for many.
      if (out.length > 32) out.sort((x, y) => x - y);
      else {
        for (let p = 1; p < out.length; p++) {
          const v = out[p] as number;
          let q = p;
          for (; q > 0 && (out[q - 1] as number) > v; q--) out[q] = out[q - 1] as number;
          out[q] = v;
        }
      }
    },
  };
}
