/**
 * The incremental LSH band store the scan used before it found a run's
 * candidates all at once (src/lsh/candidates.ts): entries are added one by one,
 * each answered with the earlier entries that share a (band, key) bucket, at most
 * the bucket's first `maxPerBucket` members. Kept in the tests as the reference
 * that bandCandidates must agree with. Typed arrays: one open-addressing table of
 * buckets (linear probing, doubled at 60% load), ids in linked lists in a pool.
 */
/** One block's band keys: keys[i] is the 32-bit key of band i. */
export interface BandEntry {
  readonly id: number;
  readonly keys: Int32Array;
}

export interface BandStore {
  /**
   * For each entry in order, returns the ids stored earlier (including earlier
   * entries of the same batch) that share at least one band key with it, at most
   * `maxPerBucket` per band bucket, ascending and without repeats; then stores it.
   */
  addAndQuery(entries: readonly BandEntry[]): Promise<number[][]>;
}

const EMPTY = -1;

// A bucket's four fields sit side by side in one array (one cache line per probe
// instead of four): band + 1 (0 = empty slot), key, first pool entry, id count.
const BAND = 0;
const KEY = 1;
const HEAD = 2;
const COUNT = 3;
const SLOT = 4;

export class MemoryBandStore implements BandStore {
  private readonly bands: number;
  private readonly maxPerBucket: number;
  private slots: Int32Array;
  /** Number of slots - 1 (a power of two minus one). */
  private mask: number;
  private used = 0;
  /** The ids of every bucket as pairs (id, next pool entry; EMPTY ends a list), newest first. */
  private pool: Int32Array;
  private poolSize = 0;
  /** stamp[id] === entry id + 1 marks an id already collected for this entry. */
  private stamp = new Int32Array(1024);

  /** `expectedEntries`: how many entries to make room for up front (it grows past that as needed). */
  constructor(bands: number, maxPerBucket = 32, expectedEntries = 0) {
    this.bands = bands;
    this.maxPerBucket = maxPerBucket;
    let capacity = 1 << 12;
    while (capacity * 0.6 < expectedEntries * bands) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * SLOT);
    this.pool = new Int32Array(2 * Math.max(1 << 12, expectedEntries * bands));
  }

  addAndQuery(entries: readonly BandEntry[]): Promise<number[][]> {
    return Promise.resolve(entries.map((e) => this.addOne(e)));
  }

  private addOne(entry: BandEntry): number[] {
    const found: number[] = [];
    const id = entry.id;
    if (id >= this.stamp.length) {
      const grown = new Int32Array(Math.max(id + 1, this.stamp.length * 2));
      grown.set(this.stamp);
      this.stamp = grown;
    }
    const stamp = this.stamp;
    const mark = id + 1;
    for (let band = 0; band < this.bands; band++) {
      const key = entry.keys[band] as number;
      const at = this.find(band + 1, key) * SLOT;
      const slots = this.slots;
      if (slots[at + BAND] === 0) {
        slots[at + BAND] = band + 1;
        slots[at + KEY] = key;
        slots[at + HEAD] = this.push(id, EMPTY);
        slots[at + COUNT] = 1;
        if (++this.used > this.mask * 0.6) this.grow();
        continue;
      }
      const pool = this.pool;
      for (let p = slots[at + HEAD] as number; p !== EMPTY; p = pool[2 * p + 1] as number) {
        const other = pool[2 * p] as number;
        if (stamp[other] === mark) continue;
        stamp[other] = mark;
        found.push(other);
      }
      const count = slots[at + COUNT] as number;
      if (count < this.maxPerBucket) {
        slots[at + HEAD] = this.push(id, slots[at + HEAD] as number);
        slots[at + COUNT] = count + 1;
      }
    }
    return found.length < 2 ? found : found.sort((a, b) => a - b);
  }

  /** The slot of bucket (band, key), or the empty slot where it would go. */
  private find(band: number, key: number): number {
    const { slots, mask } = this;
    let i = hashBucket(band, key) & mask;
    for (;;) {
      const b = slots[i * SLOT + BAND] as number;
      if (b === 0 || (b === band && slots[i * SLOT + KEY] === key)) return i;
      i = (i + 1) & mask;
    }
  }

  private push(id: number, next: number): number {
    if (2 * this.poolSize === this.pool.length) this.pool = grownCopy(this.pool, this.pool.length * 2);
    const p = this.poolSize++;
    this.pool[2 * p] = id;
    this.pool[2 * p + 1] = next;
    return p;
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (old.length / SLOT) * 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * SLOT);
    for (let k = 0; k < old.length; k += SLOT) {
      const band = old[k + BAND] as number;
      if (band === 0) continue;
      const at = this.find(band, old[k + KEY] as number) * SLOT;
      const slots = this.slots;
      slots[at + BAND] = band;
      slots[at + KEY] = old[k + KEY] as number;
      slots[at + HEAD] = old[k + HEAD] as number;
      slots[at + COUNT] = old[k + COUNT] as number;
    }
  }
}

function hashBucket(band: number, key: number): number {
  let h = Math.imul(key ^ Math.imul(band, 0x9e3779b9), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function grownCopy(a: Int32Array, length: number): Int32Array {
  const b = new Int32Array(length);
  b.set(a);
  return b;
}
