/**
 * Exact keys -> the first block seen with each, for a run's exact matching.
 *
 * A JavaScript Map keyed by the key strings would hash every string on the main
 * thread (a pass over all the text) and caps at 2^24 entries. Here the hash is a
 * 64-bit one computed with the rest of the per-block work (on the worker threads
 * with --jobs),
 * the table is open addressing on typed arrays, and on a hash match the keys
 * are compared (by the caller's sameKey), so a collision cannot merge two
 * different keys.
 */

export { hashKey } from '../normalize/index.js';

const EMPTY = -1;
/** Filled share of the table past which it doubles (linear probing stays short below it). */
const LOAD = 0.75;

export class FirstKeyIndex {
  /** Whether two ids have the same key (asked on hash matches only: the caller may make keys lazily). */
  private readonly sameKey: (a: number, b: number) => boolean;
  private hashes: Int32Array;
  private ids: Int32Array;
  private mask: number;
  private used = 0;

  constructor(sameKey: (a: number, b: number) => boolean, expected = 0) {
    this.sameKey = sameKey;
    let capacity = 1 << 10;
    while (capacity * LOAD < expected) capacity *= 2;
    this.mask = capacity - 1;
    this.hashes = new Int32Array(2 * capacity);
    this.ids = new Int32Array(capacity).fill(EMPTY);
  }

  get size(): number {
    return this.used;
  }

  /**
   * The first id added with this key (hash h1, h2): an earlier one, or `id` itself
   * when the key is new (it is added). Keys are compared (sameKey) only when their
   * hashes are equal.
   */
  firstOf(h1: number, h2: number, id: number): number {
    const { hashes, ids, mask } = this;
    for (let i = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const other = ids[i] as number;
      if (other === EMPTY) {
        ids[i] = id;
        hashes[2 * i] = h1;
        hashes[2 * i + 1] = h2;
        if (++this.used > mask * LOAD) this.grow();
        return id;
      }
      if (hashes[2 * i] === h1 && hashes[2 * i + 1] === h2 && this.sameKey(other, id)) return other;
    }
  }

  private grow(): void {
    const { hashes, ids } = this;
    const capacity = ids.length * 2;
    this.mask = capacity - 1;
    this.hashes = new Int32Array(2 * capacity);
    this.ids = new Int32Array(capacity).fill(EMPTY);
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k] as number;
      if (id === EMPTY) continue;
      const h1 = hashes[2 * k] as number;
      const h2 = hashes[2 * k + 1] as number;
      let i = (h1 ^ Math.imul(h2, 0x9e3779b1)) & this.mask;
      while ((this.ids[i] as number) !== EMPTY) i = (i + 1) & this.mask;
      this.ids[i] = id;
      this.hashes[2 * i] = h1;
      this.hashes[2 * i + 1] = h2;
    }
  }
}
