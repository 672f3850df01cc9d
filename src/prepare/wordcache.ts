/**
 * Words made again for a scan that does not keep them (see pipeline.ts), kept
 * for reuse in two slabs of memory: no allocation per block (millions of small
 * arrays, each freed only by a later collection, grew the process by hundreds
 * of MB on a 2 GB input). Words are written into the current slab; when it is
 * full the other one is emptied and becomes current. A view that `get` returns
 * is in the current slab (a hit in the other one is copied over first), so it
 * stays valid until the slabs have been switched twice: at least until the next
 * call returns. Use the two words of a pair before asking for a third.
 */
export class WordCache {
  readonly #make: (id: number, out: Int32Array, at: number) => number;
  readonly #roomOf: (id: number) => number;
  readonly #slabs: [Int32Array, Int32Array];
  readonly #maps: [Map<number, Int32Array>, Map<number, Int32Array>] = [new Map(), new Map()];
  #current = 0;
  #at = 0;

  /**
   * `make(id, out, at)` writes block id's words at out[at ..] and returns how
   * many, or when n of them do not fit there writes nothing and returns -n;
   * `roomOf(id)` is the room to give it (most blocks' words fit). Slabs of
   * `slabWords` words each.
   */
  constructor(make: (id: number, out: Int32Array, at: number) => number, roomOf: (id: number) => number, slabWords = 1 << 19) {
    this.#make = make;
    this.#roomOf = roomOf;
    this.#slabs = [new Int32Array(slabWords), new Int32Array(slabWords)];
  }

  /** Block id's words. */
  get(id: number): Int32Array {
    const current = this.#maps[this.#current] as Map<number, Int32Array>;
    const hit = current.get(id);
    if (hit !== undefined) return hit;
    const old = (this.#maps[1 - this.#current] as Map<number, Int32Array>).get(id);
    const room = old !== undefined ? old.length : this.#roomOf(id);
    const slabWords = this.#slabs[0].length;
    // A block too big for a slab's quarter gets an array of its own (not kept).
    if (room > slabWords / 4) return this.#own(id, room);
    if (this.#at + room > slabWords) this.#switch();
    const slab = this.#slabs[this.#current] as Int32Array;
    const at = this.#at;
    let n: number;
    if (old !== undefined) {
      slab.set(old, at);
      n = old.length;
    } else {
      n = this.#make(id, slab.subarray(0, at + room), at);
      // More words than its room: an array of their own.
      if (n < 0) return this.#own(id, -n);
    }
    const view = slab.subarray(at, at + n);
    this.#at = at + n;
    (this.#maps[this.#current] as Map<number, Int32Array>).set(id, view);
    return view;
  }

  /** Block id's words in an array of their own, `room` long or more as needed (not kept). */
  #own(id: number, room: number): Int32Array {
    let own = new Int32Array(room);
    let n = this.#make(id, own, 0);
    if (n < 0) {
      own = new Int32Array(-n);
      n = this.#make(id, own, 0);
    }
    return own.subarray(0, n);
  }

  #switch(): void {
    this.#current = 1 - this.#current;
    (this.#maps[this.#current] as Map<number, Int32Array>).clear();
    this.#at = 0;
  }
}
