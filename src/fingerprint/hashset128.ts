/**
 * A set of 128-bit hashes in typed arrays: no JavaScript Set or Map, so no
 * 2^24-entry cap, and 16 / load bytes per entry (21-32, about 26 on average).
 *
 * The set is 64 shards chosen by the top bits of the first word; each shard is
 * an open-addressing table with linear probing, a slot's four words side by side
 * in one Int32Array (a probe touches one cache line: with four parallel arrays
 * it touched four, the whole line job's time on a large set), grown by half at
 * 75% load. Sharding
 * keeps the cost of a resize small: while one shard grows, its old arrays
 * (1/64 of the set, not all of it) wait for the garbage collector.
 *
 * The all-zero hash marks an empty slot, so it is tracked apart.
 */

const MAX_LOAD = 0.75;
const GROWTH = 1.5;
const SHARD_BITS = 6;
const SHARDS = 1 << SHARD_BITS;
const MIN_CAPACITY = 1 << 8;

/** Home slot of a hash in a table of `capacity` slots, from its second word (the first chose the shard). */
function home(b: number, capacity: number): number {
  // (b >>> 11) < 2^21 and capacity < 2^31, so the product is exact in a double.
  return Math.floor(((b >>> 11) * capacity) / 2097152);
}

class Shard {
  capacity: number;
  /** Slot i's hash: t[4i], t[4i + 1], t[4i + 2], t[4i + 3], side by side: one cache line a probe. */
  t: Int32Array;
  count = 0;
  growAt: number;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.t = new Int32Array(4 * capacity);
    this.growAt = Math.floor(capacity * MAX_LOAD);
  }

  /**
   * The slot that holds the (non-zero) hash a, b, c, d, or the empty slot where it
   * would go. (A hash whose first word is 0 must still stop at an empty slot.)
   */
  find(a: number, b: number, c: number, d: number): number {
    const { capacity, t } = this;
    let i = home(b, capacity);
    for (;;) {
      const j = 4 * i;
      const x = t[j] as number;
      const y = t[j + 1] as number;
      const z = t[j + 2] as number;
      const w = t[j + 3] as number;
      if (x === a && y === b && z === c && w === d) return i;
      if ((x | y | z | w) === 0) return i;
      i = i + 1 === capacity ? 0 : i + 1;
    }
  }

  /** Whether slot i holds the hash a, b, c, d. */
  holds(i: number, a: number, b: number, c: number, d: number): boolean {
    const t = this.t;
    const j = 4 * i;
    return t[j] === a && t[j + 1] === b && t[j + 2] === c && t[j + 3] === d;
  }

  /** Puts a new hash into slot i. */
  put(i: number, a: number, b: number, c: number, d: number): void {
    const t = this.t;
    const j = 4 * i;
    t[j] = a;
    t[j + 1] = b;
    t[j + 2] = c;
    t[j + 3] = d;
  }

  grow(): void {
    const old = this.t;
    const capacity = Math.ceil(this.capacity * GROWTH);
    this.capacity = capacity;
    this.t = new Int32Array(4 * capacity);
    for (let j = 0; j < old.length; j += 4) {
      const a = old[j] as number;
      const b = old[j + 1] as number;
      const c = old[j + 2] as number;
      const d = old[j + 3] as number;
      if ((a | b | c | d) !== 0) this.put(this.find(a, b, c, d), a, b, c, d);
    }
    // Hand the old array's memory back now rather than at the next full collection (it
    // is long-lived, so only a mark-compact would free it): a transferred buffer is
    // detached, and its clone dies young.
    release(old.buffer);
    this.growAt = Math.floor(capacity * MAX_LOAD);
  }
}

function release(buffer: ArrayBufferLike): void {
  if (buffer instanceof ArrayBuffer) structuredClone(buffer, { transfer: [buffer] });
}

export class HashSet128 {
  private readonly shards: Shard[] = [];
  private hasZero = false;

  /** `expected`: how many hashes to make room for up front (the set grows past it as needed). */
  constructor(expected = 0) {
    let capacity = MIN_CAPACITY;
    while (capacity * SHARDS * MAX_LOAD < expected) capacity = Math.ceil(capacity * GROWTH);
    for (let k = 0; k < SHARDS; k++) this.shards.push(new Shard(capacity));
  }

  /** Number of distinct hashes added. */
  get size(): number {
    let n = this.hasZero ? 1 : 0;
    for (const s of this.shards) n += s.count;
    return n;
  }

  /** Bytes held by the tables. */
  get byteLength(): number {
    let n = 0;
    for (const s of this.shards) n += s.t.byteLength;
    return n;
  }

  /** Adds the hash h[0..3]; true when it was not in the set yet. */
  add(h: Int32Array): boolean {
    const a = h[0] as number;
    const b = h[1] as number;
    const c = h[2] as number;
    const d = h[3] as number;
    if ((a | b | c | d) === 0) {
      if (this.hasZero) return false;
      this.hasZero = true;
      return true;
    }
    const shard = this.shards[a >>> (32 - SHARD_BITS)] as Shard;
    const i = shard.find(a, b, c, d);
    if (shard.holds(i, a, b, c, d)) return false;
    shard.put(i, a, b, c, d);
    if (++shard.count >= shard.growAt) shard.grow();
    return true;
  }

  /** True when the hash h[0..3] is in the set. */
  has(h: Int32Array): boolean {
    const a = h[0] as number;
    const b = h[1] as number;
    const c = h[2] as number;
    const d = h[3] as number;
    if ((a | b | c | d) === 0) return this.hasZero;
    const shard = this.shards[a >>> (32 - SHARD_BITS)] as Shard;
    return shard.holds(shard.find(a, b, c, d), a, b, c, d);
  }
}
