/**
 * The signature sketches of a scan's near-matching representatives, for
 * screening candidate pairs (b-bit MinHash: a pair's sketches agree wherever its
 * signatures do, so too few agreeing positions rule it out; see sketchMatches).
 *
 * Rows come in as 8-bit sketches (each signature value's low 8 bits, one byte a
 * position). They stay so while there are at most `narrowAt` rows; past that
 * every row is kept as 4-bit sketches, two positions a byte (low nibble: the even
 * position): half the memory, at 64 bytes a row instead of 128.
 *
 * Why two widths: the 8-bit sketches agree by chance at 1/256 of the other
 * positions, the 4-bit ones at 1/16, so more pairs pass the screen and go on to
 * the signatures. For a scan of few representatives (the native hash grouping,
 * where the speed is measured against the peers) the memory does not matter and
 * the 8-bit screen is kept; for many (a 2 GB input), the sketches were the
 * largest part of the peak. Either way the screen only rules out pairs whose
 * signatures disagree too much: the clusters are the same.
 */
import { sketchMatches } from '../fingerprint/minhash.js';
import { RowChunks } from './rows.js';

/** Zero nibbles of each byte value (0, 1 or 2): the positions where two packed sketches agree, of a byte of their XOR. */
const ZERO_NIBBLES = Uint8Array.from({ length: 256 }, (_, x) => ((x & 15) === 0 ? 1 : 0) + (x >> 4 === 0 ? 1 : 0));

/**
 * Positions at which two 4-bit sketches of `positions` positions agree: x and
 * y hold two positions a byte from xAt and yAt (positions / 2 bytes each).
 */
export function nibbleMatches(x: Uint8Array, xAt: number, y: Uint8Array, yAt: number, positions: number): number {
  let eq = 0;
  for (let b = 0, n = positions >>> 1; b < n; b++) eq += ZERO_NIBBLES[((x[xAt + b] as number) ^ (y[yAt + b] as number)) & 255] as number;
  return eq;
}

/** Packs `rows` 8-bit sketches of `positions` positions (source from `at`) into 4-bit ones (out from 0). */
export function packNibbles(source: Uint8Array, at: number, rows: number, positions: number, out: Uint8Array): void {
  const bytes = rows * (positions >>> 1);
  for (let b = 0, s = at; b < bytes; b++, s += 2) out[b] = ((source[s] as number) & 15) | (((source[s + 1] as number) & 15) << 4);
}

export class SketchRows {
  /** Positions a sketch: the signatures' length (even). */
  readonly positions: number;
  /** Rows up to which the sketches stay 8-bit. */
  readonly narrowAt: number;
  readonly #chunkRows: number;
  #rows: RowChunks<Uint8Array>;
  #bits: 4 | 8 = 8;
  /** Packed rows of one pushRows call (grown as needed). */
  #scratch = new Uint8Array(0);

  /** `chunkRows` rows of 8-bit sketches a chunk (twice as many of 4-bit sketches: chunks of the same size). */
  constructor(positions: number, chunkRows: number, narrowAt = Infinity) {
    if (!Number.isSafeInteger(positions) || positions < 2 || positions % 2 !== 0) throw new RangeError(`SketchRows: ${positions} positions is not a positive even number`);
    this.positions = positions;
    this.narrowAt = narrowAt;
    this.#chunkRows = chunkRows;
    this.#rows = new RowChunks(positions, (length) => new Uint8Array(length), chunkRows);
  }

  /** 8-bit sketches already held, as SketchRows (never narrowed). */
  static wide(rows: RowChunks<Uint8Array>): SketchRows {
    const s = new SketchRows(rows.width, rows.chunkRows);
    s.#rows = rows;
    return s;
  }

  /** 8 while the sketches are a byte a position, 4 once they are packed. */
  get bits(): 4 | 8 {
    return this.#bits;
  }

  /** The rows: `positions` bytes each (8-bit), or positions / 2 (4-bit). */
  get rows(): RowChunks<Uint8Array> {
    return this.#rows;
  }

  get count(): number {
    return this.#rows.count;
  }

  /** Appends `rows` 8-bit sketches, source[at, at + rows * positions). */
  pushRows(source: Uint8Array, at: number, rows: number): void {
    if (this.#bits === 8 && this.#rows.count + rows > this.narrowAt) this.#narrow();
    if (this.#bits === 8) {
      this.#rows.pushRows(source, at, rows);
      return;
    }
    const bytes = rows * (this.positions >>> 1);
    if (this.#scratch.length < bytes) this.#scratch = new Uint8Array(Math.max(bytes, 2 * this.#scratch.length));
    packNibbles(source, at, rows, this.positions, this.#scratch);
    this.#rows.pushRows(this.#scratch, 0, rows);
  }

  /** Positions at which the sketches of rows i and j agree (at least wherever their signatures do). */
  matches(i: number, j: number): number {
    const r = this.#rows;
    const x = r.chunkOf(i);
    const y = r.chunkOf(j);
    const xAt = r.offsetOf(i);
    const yAt = r.offsetOf(j);
    return this.#bits === 4 ? nibbleMatches(x, xAt, y, yAt, this.positions) : sketchMatches(x, xAt, y, yAt, this.positions);
  }

  /** Lets go of every row. */
  clear(): void {
    this.#rows.clear();
    this.#scratch = new Uint8Array(0);
  }

  /** Packs the rows held into 4-bit rows, from here on the form of every row. */
  #narrow(): void {
    const wide = this.#rows;
    const narrow = new RowChunks(this.positions >>> 1, (length) => new Uint8Array(length), Math.min(this.#chunkRows * 2, 1 << 24));
    const chunks = wide.chunks();
    for (let c = 0, left = wide.count; c < chunks.length; c++) {
      const rows = Math.min(left, wide.chunkRows);
      const packed = new Uint8Array(rows * (this.positions >>> 1));
      packNibbles(chunks[c] as Uint8Array, 0, rows, this.positions, packed);
      narrow.pushRows(packed, 0, rows);
      left -= rows;
    }
    wide.clear();
    this.#rows = narrow;
    this.#bits = 4;
  }
}
