/**
 * The band keys of a scan's representatives, written once row by row (one row
 * of `bands` keys per representative) and read band by band (forEachBandPair).
 * In memory they take 4 bytes a band: 168 bytes a representative at 42 bands,
 * more than anything else a scan holds for it. Past `spillAt` rows they go to a
 * temporary file instead, a chunk of rows at a time, each chunk's band columns
 * side by side, so that a band is read back in one pass of sequential reads:
 * the memory is then one chunk, whatever the number of rows. Where the file
 * cannot be made or written (no space, no temporary directory), the keys stay
 * in memory: the results are the same either way.
 */
import { closeSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHUNK_ROWS, RowChunks } from './rows.js';

/** Keys read band by band: what forEachBandPair reads. */
export interface KeyColumns {
  /** Rows (entries). */
  readonly count: number;
  readonly bands: number;
  /** Band b's key of every row, in row order, into out[0, count). */
  column(b: number, out: Int32Array): void;
}

export class BandKeys implements KeyColumns {
  readonly bands: number;
  #spillAt: number;
  /** Rows not yet spilled (all of them while in memory). */
  #rows: RowChunks<Int32Array>;
  /** Rows in the file: whole chunks. */
  #spilled = 0;
  #fd: number | undefined;
  #path: string | undefined;
  readonly #chunkRows: number;
  readonly #column: Int32Array;

  /** Rows go to the file from `spillAt` rows on, `chunkRows` (a power of two) at a time. */
  constructor(bands: number, spillAt = Infinity, chunkRows = CHUNK_ROWS) {
    this.bands = bands;
    this.#spillAt = spillAt;
    this.#chunkRows = chunkRows;
    this.#column = new Int32Array(chunkRows);
    this.#rows = this.#newRows();
  }

  #newRows(): RowChunks<Int32Array> {
    return new RowChunks(this.bands, (n) => new Int32Array(n), this.#chunkRows);
  }

  /** Rows held. */
  get count(): number {
    return this.#spilled + this.#rows.count;
  }

  /** True once rows have gone to the file. */
  get spilled(): boolean {
    return this.#spilled > 0;
  }

  /** Appends the row source[at, at + bands). */
  push(source: Int32Array, at: number): void {
    this.pushRows(source, at, 1);
  }

  /** Appends `rows` rows, source[at, at + rows * bands). */
  pushRows(source: Int32Array, at: number, rows: number): void {
    while (rows > 0) {
      // Up to the end of the chunk being filled, where it may go to the file.
      const fit = Math.min(rows, this.#chunkRows - (this.#rows.count % this.#chunkRows));
      this.#rows.pushRows(source, at, fit);
      if (this.#rows.count % this.#chunkRows === 0 && this.count >= this.#spillAt) this.#spill();
      at += fit * this.bands;
      rows -= fit;
    }
  }

  /** Band b's keys of every row, in row order, into out[0, count). */
  column(b: number, out: Int32Array): void {
    if (!Number.isInteger(b) || b < 0 || b >= this.bands) throw new RangeError(`BandKeys: band ${b} of ${this.bands}`);
    if (out.length < this.count) throw new RangeError(`BandKeys: room for ${out.length} of ${this.count} keys`);
    const chunkBytes = this.#chunkRows * 4;
    for (let c = 0; c * this.#chunkRows < this.#spilled; c++) {
      const view = Buffer.from(out.buffer, out.byteOffset + c * chunkBytes, chunkBytes);
      let done = 0;
      while (done < chunkBytes) {
        const read = readSync(this.#fd as number, view, done, chunkBytes - done, (c * this.bands + b) * chunkBytes + done);
        if (read === 0) throw new Error('BandKeys: the temporary file of band keys ended early');
        done += read;
      }
    }
    const rows = this.#rows;
    for (let j0 = 0; j0 < rows.count; j0 += this.#chunkRows) {
      const chunk = rows.chunkOf(j0);
      const end = Math.min(rows.count, j0 + this.#chunkRows);
      for (let j = j0, at = b; j < end; j++, at += this.bands) out[this.#spilled + j] = chunk[at] as number;
    }
  }

  /** Removes the temporary file and lets go of the keys held (they cannot be read any more). */
  close(): void {
    this.#rows.clear();
    if (this.#fd !== undefined) closeSync(this.#fd);
    if (this.#path !== undefined) rmSync(this.#path, { force: true });
    this.#fd = undefined;
    this.#path = undefined;
  }

  /** Writes the rows held (whole chunks) to the file, band columns side by side; on failure keeps them. */
  #spill(): void {
    try {
      if (this.#fd === undefined) this.#open();
      const rows = this.#rows;
      for (let j0 = 0; j0 < rows.count; j0 += this.#chunkRows) {
        const chunk = rows.chunkOf(j0);
        const c = (this.#spilled + j0) / this.#chunkRows;
        for (let b = 0; b < this.bands; b++) {
          for (let j = 0, at = b; j < this.#chunkRows; j++, at += this.bands) this.#column[j] = chunk[at] as number;
          const bytes = Buffer.from(this.#column.buffer);
          let done = 0;
          while (done < bytes.length) done += writeSync(this.#fd as number, bytes, done, bytes.length - done, (c * this.bands + b) * bytes.length + done);
        }
      }
      this.#spilled += rows.count;
      this.#rows = this.#newRows();
    } catch {
      // No room or no temporary directory: the keys stay in memory (and no more are written).
      this.#spillAt = Infinity;
    }
  }

  #open(): void {
    const file = path.join(tmpdir(), `dedupe-bands-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);
    this.#fd = openSync(file, 'wx+', 0o600);
    this.#path = file;
    // Removed at once where an open file can be (POSIX): nothing is left behind if the process dies.
    try {
      unlinkSync(file);
      this.#path = undefined;
    } catch {
      // Windows: removed by close().
    }
  }
}
