/**
 * Streaming exact line stripping: the `awk '!seen[$0]++'` job, without holding
 * the input. What `--unit line --exact --raw --strip` does (keep first, every
 * line a block), in one pass over chunks of any size and with memory bounded by
 * the set of distinct lines' hashes (see HashSet128), not by the input.
 *
 * It gives the same bytes as the general path (split, match, strip by spans) on
 * the same input, which the tests check on random inputs:
 * - a line is the bytes up to a LF; its content excludes the line terminator
 *   (LF or CR LF; a lone CR at the very end of the input is not compared, and
 *   stays or goes with its line). The last line needs no terminator; an empty
 *   input, or one that is only a byte-order mark, has no line. A leading UTF-8
 *   byte-order mark belongs to no line and is kept.
 * - a line whose content bytes were seen before (in this input or an earlier
 *   one given to the same stripper) is removed with its terminator;
 * - the output is: the byte-order mark, then every kept line with its own
 *   terminator, except that the last kept line ends with the input's last
 *   terminator (the file's end: its final newline, or none).
 *
 * Contents are compared by their 128-bit MurmurHash3: two different lines are
 * never taken for one another in practice (see hash128.ts).
 */
import { hash128 } from '../fingerprint/hash128.js';
import { HashSet128 } from '../fingerprint/hashset128.js';

/** Receives output bytes; the bytes are only valid during the call (copy them or await the write). */
export type ByteSink = (bytes: Uint8Array) => void | Promise<void>;

export interface LineStripStats {
  /** Lines read (blocks). */
  readonly lines: number;
  /** Lines removed as copies of an earlier line. */
  readonly removed: number;
}

const LF = 0x0a;
const CR = 0x0d;
const NONE = 0;
const LF_TERM = 1;
const CRLF = 2;
const TERMINATORS: readonly Uint8Array[] = [new Uint8Array(0), Uint8Array.of(LF), Uint8Array.of(CR, LF)];
const OUT_BYTES = 1 << 20;

/** Removes repeated lines from inputs, one after another; a line seen in an earlier input counts. */
export class ExactLineStripper {
  private readonly seen: HashSet128;
  private readonly h = new Int32Array(4);
  // Per input: output not yet handed to the sink, and where the input is.
  private out: Buffer = Buffer.allocUnsafe(OUT_BYTES);
  private outLen = 0;
  /** Output buffers whose bytes the sink is done with (every write is awaited), to use again. */
  private free: Buffer[] = [];
  private used: Buffer[] = [];
  private ready: Uint8Array[] = [];
  /** Terminator held back after the last kept line (it is written only if another kept line follows). */
  private pending = NONE;
  private atStart = true;
  private lines = 0;
  private removed = 0;

  constructor(seen: HashSet128 = new HashSet128()) {
    this.seen = seen;
  }

  /** Distinct lines seen so far, over all inputs. */
  get distinct(): number {
    return this.seen.size;
  }

  /** Lines read so far in the input being stripped. */
  get linesRead(): number {
    return this.lines;
  }

  /**
   * Strips one input given as chunks, writing the result to `sink`. A chunk may
   * be reused by its producer once the next one is asked for: every write of
   * its bytes is awaited first.
   */
  async strip(chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, sink: ByteSink): Promise<LineStripStats> {
    this.outLen = 0;
    this.ready = [];
    this.pending = NONE;
    this.atStart = true;
    this.lines = 0;
    this.removed = 0;
    let carry: Buffer = Buffer.allocUnsafe(0);
    let carryLen = 0;
    let lastTerm = NONE;
    for await (const raw of chunks) {
      const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      let pos = 0;
      if (carryLen > 0) {
        // The line that began in an earlier chunk.
        const nl = chunk.indexOf(LF);
        const take = nl === -1 ? chunk.length : nl + 1;
        if (carryLen + take > carry.length) carry = grow(carry, carryLen, carryLen + take);
        chunk.copy(carry, carryLen, 0, take);
        carryLen += take;
        if (nl === -1) continue;
        lastTerm = this.wholeLines(carry, 0, carryLen);
        await this.drain(sink); // before carry is written again
        carryLen = 0;
        pos = take;
      }
      const lastNl = chunk.lastIndexOf(LF);
      if (lastNl >= pos) {
        lastTerm = this.wholeLines(chunk, pos, lastNl + 1);
        pos = lastNl + 1;
      }
      if (pos < chunk.length) {
        const rest = chunk.length - pos;
        if (rest > carry.length) carry = grow(carry, 0, rest);
        chunk.copy(carry, 0, pos);
        carryLen = rest;
      }
      await this.drain(sink);
    }
    if (carryLen > 0) lastTerm = this.finalLine(carry, carryLen);
    // The input's end: its last terminator (or none) closes the last kept line.
    this.put(TERMINATORS[lastTerm] as Uint8Array, 0, (TERMINATORS[lastTerm] as Uint8Array).length);
    this.flush();
    await this.drain(sink);
    return { lines: this.lines, removed: this.removed };
  }

  /**
   * The whole lines in b[start, end) (end is just past a LF): kept ones are
   * copied out in runs. Returns the terminator of the last line.
   */
  private wholeLines(b: Buffer, start: number, end: number): number {
    let s = this.atStart ? this.skipBom(b, start, end) : start;
    let runStart = -1;
    let runEnd = 0;
    let runTerm = NONE;
    let term = NONE;
    const h = this.h;
    const seen = this.seen;
    let lines = 0;
    let removed = 0;
    while (s < end) {
      const e = b.indexOf(LF, s);
      const contentEnd = e > s && b[e - 1] === CR ? e - 1 : e;
      term = contentEnd < e ? CRLF : LF_TERM;
      hash128(b, s, contentEnd, h);
      lines++;
      if (seen.add(h)) {
        if (runStart < 0) runStart = s;
        runEnd = contentEnd;
        runTerm = term;
      } else {
        removed++;
        if (runStart >= 0) {
          this.run(b, runStart, runEnd, runTerm);
          runStart = -1;
        }
      }
      s = e + 1;
    }
    if (runStart >= 0) this.run(b, runStart, runEnd, runTerm);
    this.lines += lines;
    this.removed += removed;
    return term;
  }

  /** A run of kept lines b[start, end), the last one's terminator `term` excluded (held as pending). */
  private run(b: Uint8Array, start: number, end: number, term: number): void {
    if (this.pending !== NONE) {
      const t = TERMINATORS[this.pending] as Uint8Array;
      this.put(t, 0, t.length);
    }
    this.put(b, start, end);
    this.pending = term;
  }

  /**
   * The input's last line, without a LF. A lone CR at its end is not compared
   * but is no terminator either: it stays with a kept line and goes with a removed one.
   * Returns the line's terminator: none.
   */
  private finalLine(b: Buffer, len: number): number {
    const s = this.atStart ? this.skipBom(b, 0, len) : 0;
    if (s >= len) return NONE; // nothing after a byte-order mark: no line
    hash128(b, s, b[len - 1] === CR ? len - 1 : len, this.h);
    this.lines++;
    if (this.seen.add(this.h)) this.run(b, s, len, NONE);
    else this.removed++;
    return NONE;
  }

  /** At the input's first line: copies out a leading byte-order mark and returns where the line starts. */
  private skipBom(b: Uint8Array, s: number, end: number): number {
    this.atStart = false;
    if (end - s >= 3 && b[s] === 0xef && b[s + 1] === 0xbb && b[s + 2] === 0xbf) {
      this.put(b, s, s + 3);
      return s + 3;
    }
    return s;
  }

  private put(b: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (n === 0) return;
    if (this.outLen + n > this.out.length) this.flush();
    if (n >= this.out.length) {
      // A giant line goes out as it is; the caller drains before its bytes can change.
      this.ready.push(b.subarray(start, end));
      return;
    }
    this.out.set(b.subarray(start, end), this.outLen);
    this.outLen += n;
  }

  private flush(): void {
    if (this.outLen === 0) return;
    this.ready.push(this.out.subarray(0, this.outLen));
    // The sink may hold on to the bytes until its write completes: take another buffer.
    this.used.push(this.out);
    this.out = this.free.pop() ?? Buffer.allocUnsafe(OUT_BYTES);
    this.outLen = 0;
  }

  private async drain(sink: ByteSink): Promise<void> {
    if (this.ready.length === 0) return;
    const ready = this.ready;
    this.ready = [];
    for (const bytes of ready) await sink(bytes);
    for (const b of this.used) this.free.push(b);
    this.used = [];
  }
}

function grow(buf: Buffer, keep: number, need: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.max(need, buf.length * 2, 1 << 16));
  buf.copy(bigger, 0, 0, keep);
  return bigger;
}
