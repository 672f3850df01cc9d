/**
 * Fixed-width rows of numbers appended one by one, kept in chunks of
 * CHUNK_ROWS rows: growing never copies what is held (a doubling array holds up
 * to twice its rows, and for a moment three times, while it grows), and the
 * memory is the rows' own plus less than one chunk. For the per-representative
 * band keys and signature sketches of a scan, which are written once and read
 * by row.
 */
/** Rows per chunk, by default. */
export const CHUNK_ROWS = 1 << 14;

export class RowChunks<A extends Int32Array | Uint8Array> {
  readonly width: number;
  /** Rows per chunk: a power of two. */
  readonly chunkRows: number;
  readonly #shift: number;
  #count = 0;
  readonly #chunks: A[] = [];
  readonly #make: (length: number) => A;

  /** `make(length)` makes a zeroed array of that length (new Int32Array, new Uint8Array). */
  constructor(width: number, make: (length: number) => A, chunkRows = CHUNK_ROWS) {
    if (!Number.isSafeInteger(width) || width < 1) throw new RangeError(`RowChunks: width ${width} is not a positive integer`);
    if (!Number.isInteger(Math.log2(chunkRows)) || chunkRows < 1 || chunkRows > 1 << 24) throw new RangeError(`RowChunks: ${chunkRows} rows a chunk is not a power of two`);
    this.width = width;
    this.chunkRows = chunkRows;
    this.#shift = Math.log2(chunkRows);
    this.#make = make;
  }

  /** Rows held. */
  get count(): number {
    return this.#count;
  }

  /** Appends the row source[at, at + width). */
  push(source: Int32Array | Uint8Array, at: number): void {
    this.pushRows(source, at, 1);
  }

  /**
   * Appends the `rows` rows of source from `at` on (source[at, at + rows * width)), one copy a
   * chunk (a loop here is slower: one function for two array types makes its element access generic).
   */
  pushRows(source: Int32Array | Uint8Array, at: number, rows: number): void {
    const w = this.width;
    while (rows > 0) {
      const slot = this.#count & (this.chunkRows - 1);
      if (slot === 0) this.#chunks.push(this.#make(this.chunkRows * w));
      const chunk = this.#chunks[this.#count >>> this.#shift] as A;
      const fit = Math.min(rows, this.chunkRows - slot);
      chunk.set(source.subarray(at, at + fit * w), slot * w);
      this.#count += fit;
      at += fit * w;
      rows -= fit;
    }
  }

  /** The chunk holding row `row`: its values are at offsetOf(row) .. + width. */
  chunkOf(row: number): A {
    const chunk = this.#chunks[row >>> this.#shift];
    if (chunk === undefined || row < 0 || row >= this.#count) throw new RangeError(`RowChunks: row ${row} of ${this.#count}`);
    return chunk;
  }

  /** The chunks, in order: row r is in chunk r / chunkRows (the last one may be partly filled). */
  chunks(): readonly A[] {
    return this.#chunks;
  }

  /** Lets go of every row (their memory), as a new RowChunks of this width. */
  clear(): void {
    this.#chunks.length = 0;
    this.#count = 0;
  }

  /** Where row `row` starts in its chunk. */
  offsetOf(row: number): number {
    return (row & (this.chunkRows - 1)) * this.width;
  }
}
