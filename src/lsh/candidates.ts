/**
 * The LSH candidates of a whole run at once. An incremental band store (entries
 * added one by one) answers, for each entry, the earlier entries that share a
 * bucket with it (of each bucket, its first `maxPerBucket` members); here the
 * same pairs come band by band: each band's keys are sorted (a stable radix
 * sort, so each bucket is a run of entries in entry order) and each bucket's
 * pairs are visited. test/lsh/band-store.ts is that store, the reference.
 *
 * Why sorting: the memory is a few arrays of one band's keys, whatever the
 * number of bands, and every pass over them is sequential or writes into at
 * most 2^11 places at once (in the cache). Hash tables per band were fast while
 * they fitted in the cache (50,000 entries) and ten times slower at 2 million
 * (a cache miss per insertion: 11 s for 42 bands), and the per-entry bucket
 * lists they made took 12 bytes per entry and band.
 *
 * Up to HASH_AT_MOST entries, though, one hash table reused band after band
 * (each band's entries in entry order, a bucket's first members chained) is
 * faster: 42 bands of 50,000 random keys took 68 ms against 130-154 ms sorted,
 * of 100,000 170-196 ms against 273-289 ms; at 150,000 the two were even and at
 * 250,000 sorting won (917 against 731 ms). The pairs are the same either way.
 */
import { nativeScan } from '../prepare/native.js';
import type { SketchRows } from './sketches.js';
import type { KeyColumns } from './spill.js';

/** Radix digit: 11 bits, three passes for a 32-bit key. */
const DIGIT_BITS = 11;
const DIGITS = 1 << DIGIT_BITS;
const PASSES = Math.ceil(32 / DIGIT_BITS);
/** Entries up to which a hash table groups each band's keys (see above); sorting above. */
export const HASH_AT_MOST = 1 << 17;

/**
 * `keys[j * bands + b]` (or band b's column of KeyColumns, row j) is entry j's key in
 * band b (entries in the order they would have been added). Calls `visit(i, j)`
 * for the pairs i < j with the same key in a band where i is among the first
 * `maxPerBucket` entries with that key, band by band (sorted: bucket by bucket;
 * hashed: entry by entry). A pair that shares buckets in several bands is
 * visited once in each. `onBand(b)` is
 * called before band b. `grouping` chooses how buckets are found (by default a
 * hash table up to HASH_AT_MOST entries, else sorting); the pairs are the same.
 */
export function forEachBandPair(
  keys: Int32Array | KeyColumns,
  count: number,
  bands: number,
  visit: (i: number, j: number) => void,
  maxPerBucket = 32,
  onBand?: (band: number) => void,
  grouping: 'hash' | 'sort' = count <= HASH_AT_MOST ? 'hash' : 'sort',
): void {
  checkKeys(keys, count, bands);
  if (count < 2) return;
  if (grouping === 'hash') {
    hashBandPairs(keys, count, bands, visit, maxPerBucket, onBand);
    return;
  }
  // One band's keys and entries, sorted back and forth between the two pairs of arrays.
  let fromKeys = new Int32Array(count);
  let fromIds = new Int32Array(count);
  let toKeys = new Int32Array(count);
  let toIds = new Int32Array(count);
  const histogram = new Int32Array(DIGITS);
  for (let b = 0; b < bands; b++) {
    onBand?.(b);
    bandColumn(keys, b, count, bands, fromKeys);
    for (let j = 0; j < count; j++) fromIds[j] = j;
    // Least significant digit first: stable, so the entries of a key stay in entry order.
    for (let pass = 0, shift = 0; pass < PASSES; pass++, shift += DIGIT_BITS) {
      histogram.fill(0);
      for (let p = 0; p < count; p++) {
        const d = ((fromKeys[p] as number) >>> shift) & (DIGITS - 1);
        histogram[d] = (histogram[d] as number) + 1;
      }
      for (let d = 0, sum = 0; d < DIGITS; d++) {
        const c = histogram[d] as number;
        histogram[d] = sum;
        sum += c;
      }
      for (let p = 0; p < count; p++) {
        const key = fromKeys[p] as number;
        const d = (key >>> shift) & (DIGITS - 1);
        const to = histogram[d] as number;
        histogram[d] = to + 1;
        toKeys[to] = key;
        toIds[to] = fromIds[p] as number;
      }
      [fromKeys, toKeys] = [toKeys, fromKeys];
      [fromIds, toIds] = [toIds, fromIds];
    }
    // Each run of one key is a bucket: its later entries pair with its first maxPerBucket.
    for (let p = 0; p < count; ) {
      const key = fromKeys[p] as number;
      let q = p + 1;
      while (q < count && fromKeys[q] === key) q++;
      for (let r = p + 1; r < q; r++) {
        const j = fromIds[r] as number;
        for (let s = p, last = Math.min(r, p + maxPerBucket); s < last; s++) visit(fromIds[s] as number, j);
      }
      p = q;
    }
  }
}

/** Pairs the native band grouping writes per call, at most (it stops before an entry whose pairs might not fit). */
const NATIVE_PAIRS = 1 << 14;

/**
 * forEachBandPair's pairs (same order, same repeats) whose sketches agree at
 * `least` positions or more: `sketches` row i is entry i's sketch (of either
 * width: see SketchRows). With the native scan built and a hash table grouping, the
 * grouping and the screen run in C (native/scan.c: bandPairs), which visits
 * about the same pairs at a fraction of the cost; else here.
 */
export function forEachScreenedPair(
  keys: Int32Array | KeyColumns,
  count: number,
  bands: number,
  sketches: SketchRows,
  least: number,
  visit: (i: number, j: number) => void,
  maxPerBucket = 32,
  onBand?: (band: number) => void,
  grouping: 'hash' | 'sort' = count <= HASH_AT_MOST ? 'hash' : 'sort',
): void {
  if (sketches.count < count) throw new RangeError(`forEachScreenedPair: ${sketches.count} sketches for ${count} entries`);
  const native = grouping === 'hash' && sketches.bits === 8 && sketches.positions === 128 && count >= 2 ? nativeScan() : null;
  if (native === null) {
    forEachBandPair(
      keys,
      count,
      bands,
      (i, j) => {
        if (sketches.matches(i, j) >= least) visit(i, j);
      },
      maxPerBucket,
      onBand,
      grouping,
    );
    return;
  }
  checkKeys(keys, count, bands);
  let bits = 1;
  while (1 << bits < 2 * count) bits++;
  const slots = 1 << bits;
  // The tables of hashBandPairs, kept from band to band (a slot's band tells whether it is in use),
  // a slot's five values side by side.
  const table = new Int32Array(slots * 5);
  const next = new Int32Array(count);
  const column = new Int32Array(count);
  const out = new Int32Array(2 * Math.max(NATIVE_PAIRS, maxPerBucket));
  const state = new Int32Array(4);
  const rows = sketches.rows;
  const chunks = rows.chunks();
  state[2] = maxPerBucket;
  for (let b = 0; b < bands; b++) {
    onBand?.(b);
    bandColumn(keys, b, count, bands, column);
    state[0] = 0;
    state[1] = b + 1;
    for (;;) {
      const j = native.bandPairs(column, state, table, next, chunks, rows.chunkRows, least, out);
      const written = state[3] as number;
      for (let p = 0; p < written; p++) visit(out[2 * p] as number, out[2 * p + 1] as number);
      if (j >= count) break;
      state[0] = j;
    }
  }
}

/** forEachBandPair with one hash table, band after band: each entry in order meets the first members of its bucket. */
function hashBandPairs(
  keys: Int32Array | KeyColumns,
  count: number,
  bands: number,
  visit: (i: number, j: number) => void,
  maxPerBucket: number,
  onBand?: (band: number) => void,
): void {
  let bits = 1;
  while (1 << bits < 2 * count) bits++;
  const mask = (1 << bits) - 1;
  const shift = 32 - bits;
  // Per slot: the band it holds a bucket of (plus 1: zeroed arrays hold none), the bucket's
  // key, its first and latest chained member, and its size so far.
  const slotBand = new Int32Array(mask + 1);
  const slotKey = new Int32Array(mask + 1);
  const head = new Int32Array(mask + 1);
  const tail = new Int32Array(mask + 1);
  const size = new Int32Array(mask + 1);
  /** The next chained member of a bucket after each entry (only its first maxPerBucket are chained). */
  const next = new Int32Array(count);
  const column = new Int32Array(count);
  for (let b = 0; b < bands; b++) {
    onBand?.(b);
    bandColumn(keys, b, count, bands, column);
    const mark = b + 1;
    for (let j = 0; j < count; j++) {
      const key = column[j] as number;
      let slot = Math.imul(key, 0x9e3779b1) >>> shift;
      while (slotBand[slot] === mark && slotKey[slot] !== key) slot = (slot + 1) & mask;
      if (slotBand[slot] !== mark) {
        slotBand[slot] = mark;
        slotKey[slot] = key;
        head[slot] = j;
        tail[slot] = j;
        size[slot] = 1;
        continue;
      }
      const members = size[slot] as number;
      const first = members < maxPerBucket ? members : maxPerBucket;
      for (let c = 0, m = head[slot] as number; c < first; c++, m = next[m] as number) visit(m, j);
      if (members < maxPerBucket) {
        next[tail[slot] as number] = j;
        tail[slot] = j;
      }
      size[slot] = members + 1;
    }
  }
}

/** Throws when `keys` do not hold `count` entries of `bands` bands. */
function checkKeys(keys: Int32Array | KeyColumns, count: number, bands: number): void {
  const held = keys instanceof Int32Array ? keys.length : keys.count * keys.bands;
  if (held < count * bands || (!(keys instanceof Int32Array) && (keys.bands !== bands || keys.count !== count))) {
    throw new RangeError(`forEachBandPair: ${held} keys for ${count} entries of ${bands} bands`);
  }
}

/** Band b's key of every entry, in entry order, into out[0, count). */
function bandColumn(keys: Int32Array | KeyColumns, b: number, count: number, bands: number, out: Int32Array): void {
  if (keys instanceof Int32Array) {
    for (let j = 0, at = b; j < count; j++, at += bands) out[j] = keys[at] as number;
  } else keys.column(b, out);
}
