/**
 * A set of 128-bit hashes in typed arrays: no JavaScript Set or Map, so no
 * 2^24-entry cap, and 16 / load bytes per entry (21-32, about 26 on average).
 *
 * The set is 64 shards chosen by the top bits of the first word; each shard is
 * an open-addressing table with linear probing in four parallel Int32Arrays (a
 * probe reads only the first while it misses), grown by half at 75% load. Sharding
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
  w0: Int32Array;
  w1: Int32Array;
  w2: Int32Array;
  w3: Int32Array;
  count = 0;
  growAt: number;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.w0 = new Int32Array(capacity);
    this.w1 = new Int32Array(capacity);
    this.w2 = new Int32Array(capacity);
    this.w3 = new Int32Array(capacity);
    this.growAt = Math.floor(capacity * MAX_LOAD);
  }

  /**
   * The slot that holds the (non-zero) hash a, b, c, d, or the empty slot where it
   * would go. (A hash whose first word is 0 must still stop at an empty slot.)
   */
  find(a: number, b: number, c: number, d: number): number {
    const { capacity, w0, w1, w2, w3 } = this;
    let i = home(b, capacity);
    for (;;) {
      const x = w0[i] as number;
      if (x === a && w1[i] === b && w2[i] === c && w3[i] === d) return i;
      if (x === 0 && w1[i] === 0 && w2[i] === 0 && w3[i] === 0) return i;
      i = i + 1 === capacity ? 0 : i + 1;
    }
  }

  /** Puts a new hash into slot i. */
  put(i: number, a: number, b: number, c: number, d: number): void {
    this.w0[i] = a;
    this.w1[i] = b;
    this.w2[i] = c;
    this.w3[i] = d;
  }

  grow(): void {
    const { w0, w1, w2, w3 } = this;
    const capacity = Math.ceil(w0.length * GROWTH);
    this.capacity = capacity;
    this.w0 = new Int32Array(capacity);
    this.w1 = new Int32Array(capacity);
    this.w2 = new Int32Array(capacity);
    this.w3 = new Int32Array(capacity);
    for (let k = 0; k < w0.length; k++) {
      const a = w0[k] as number;
      const b = w1[k] as number;
      const c = w2[k] as number;
      const d = w3[k] as number;
      if ((a | b | c | d) !== 0) this.put(this.find(a, b, c, d), a, b, c, d);
    }
    // Hand the old arrays' memory back now rather than at the next full collection (they
    // are long-lived, so only a mark-compact would free them): a transferred buffer is
    // detached, and its clone dies young.
    for (const old of [w0, w1, w2, w3]) release(old.buffer);
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
    for (const s of this.shards) n += s.w0.byteLength * 4;
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
    if (shard.w1[i] === b && shard.w0[i] === a && shard.w2[i] === c && shard.w3[i] === d) return false;
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
    const i = shard.find(a, b, c, d);
    return shard.w1[i] === b && shard.w0[i] === a && shard.w2[i] === c && shard.w3[i] === d;
  }
}
