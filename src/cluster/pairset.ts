/**
 * A set of pairs, each a non-negative integer below 2^53 (i * n + j), holding at
 * most `max` of them: one open-addressing table of doubles (8 bytes a slot, at
 * most half full), grown by doubling, emptied when it is full. For the near
 * phase's cache of rejected pairs: a JavaScript Set of numbers this large boxes
 * each one, and took about 50 bytes a pair (25 MB of the 2 GB scan's heap).
 */
const EMPTY = -1;

export class PairSet {
  readonly max: number;
  #slots: Float64Array;
  #size = 0;

  constructor(max: number) {
    if (!Number.isSafeInteger(max) || max < 1) throw new RangeError(`PairSet: ${max} pairs at most is not a positive integer`);
    this.max = max;
    this.#slots = new Float64Array(1 << 10).fill(EMPTY);
  }

  get size(): number {
    return this.#size;
  }

  has(pair: number): boolean {
    const slots = this.#slots;
    const mask = slots.length - 1;
    for (let s = slotOf(pair, mask); ; s = (s + 1) & mask) {
      const v = slots[s] as number;
      if (v === pair) return true;
      if (v === EMPTY) return false;
    }
  }

  /** Adds `pair` (first emptying the set when it holds `max`). */
  add(pair: number): void {
    if (!Number.isSafeInteger(pair) || pair < 0) throw new RangeError(`PairSet: ${pair} is not a pair`);
    if (this.#size >= this.max) this.clear();
    else if (2 * (this.#size + 1) > this.#slots.length) this.#grow();
    const slots = this.#slots;
    const mask = slots.length - 1;
    let s = slotOf(pair, mask);
    for (; slots[s] !== EMPTY; s = (s + 1) & mask) if (slots[s] === pair) return;
    slots[s] = pair;
    this.#size++;
  }

  /** Empties the set, keeping its table. */
  clear(): void {
    this.#slots.fill(EMPTY);
    this.#size = 0;
  }

  #grow(): void {
    const old = this.#slots;
    const slots = new Float64Array(2 * old.length).fill(EMPTY);
    const mask = slots.length - 1;
    for (const v of old) {
      if (v === EMPTY) continue;
      let s = slotOf(v, mask);
      while (slots[s] !== EMPTY) s = (s + 1) & mask;
      slots[s] = v;
    }
    this.#slots = slots;
  }
}

/** A pair's first slot: its low and high 32 bits mixed. */
function slotOf(pair: number, mask: number): number {
  const lo = pair >>> 0;
  const hi = Math.floor(pair / 4294967296);
  const h = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1);
  return (h ^ (h >>> 15)) & mask;
}
