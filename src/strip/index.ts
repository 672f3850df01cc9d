/**
 * The strip stage: bytes in, bytes out.
 *
 * A source is viewed as `gap0 B0 gap1 B1 … B(n-1) gapN`, where the gaps are the
 * bytes between blocks (line breaks, blank lines, indentation, trailing
 * whitespace, a BOM). Removing blocks deletes each removed block together with
 * the separator that belonged to it; every other byte is copied unchanged, so
 * line endings (LF/CRLF), trailing whitespace, indentation, a missing final
 * newline, a BOM and even invalid UTF-8 survive exactly.
 *
 * Lines: a block "starts its line" when only non-newline whitespace lies
 * between it and the start of its line (the file start, after a leading BOM, or
 * a byte right after '\n'); `lineStart(B)` is that position (indentation
 * included). `lineEnd(pos)` is the line terminator after `pos` ('\r' of a
 * '\r\n', or '\n') past non-newline whitespace, or the file length. A gap
 * "breaks" when it holds a line break (the block after it starts its line);
 * nl(gap) counts its '\n' bytes.
 *
 * For each maximal run of removed blocks Bi..Bj, with K = B(i-1) and
 * K' = B(j+1) the kept neighbours when they exist, one gap of the run is kept
 * as the separator (its line breaks only) and the rest goes:
 * - no kept block precedes (i = 0): keep gap0 (BOM, leading blank lines); when
 *   no kept block follows either, delete `[lineStart(B0), lineEnd(Bj.end))`;
 * - else no kept block follows: keep gapN (the file's end: its final newline or
 *   the absence of one);
 * - else keep the gap among gap(i)..gap(j+1) with the most '\n' (ties: the gap
 *   before the run, then the gap after it, then the first inner one), so two
 *   kept blocks end up as far apart as the farthest they were; when no gap
 *   breaks (a one-line run of sentences), delete `[K.end, Bj.end)`.
 * Left of the kept gap g: when Bi starts its line, delete
 * `[lineEnd(K.end), lineEnd(g.start))` (K's trailing whitespace stays); else
 * the run begins on K's line: delete `[K.end, Bm.end)` for the run's blocks on
 * K's line (Bi..Bm) and `[lineEnd(Bm.end), lineEnd(g.start))`.
 * Right of g: when K' starts its line, delete `[lineStart(g.end),
 * lineStart(K'))` (K''s indentation stays); else K' shares its line with the
 * run's blocks Bk..Bj: delete `[lineStart(g.end), lineStart(Bk))` and
 * `[Bk.start, K'.start)`, so the line keeps its indentation.
 * Bytes before the first block's line (BOM, leading blank lines) are never
 * deleted; a kept line that held no removed block keeps all of its bytes.
 */
import { touch } from '../input/mapped.js';
import type { ScanResult, Source, Span } from '../types.js';
import { blockCount, scannedColumns, type SpanColumns, spanColumns } from '../split/spans.js';
import { eachCluster } from '../cluster/table.js';

/** A half-open byte range `[start, end)`. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

function isOffset(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Byte length of the non-newline whitespace character that ends at `end`
 * (exclusive) and starts at or after `floor`, or 0. Space, tab, \v, \f, a lone
 * CR, NBSP, NEL and the Unicode spaces the splitter trims (U+1680,
 * U+2000..U+200B, U+2028, U+2029, U+202F, U+205F, U+2060, U+3000, U+FEFF).
 */
function spaceBefore(b: Uint8Array, floor: number, end: number): number {
  if (end - 1 < floor) return 0;
  const c = b[end - 1]!;
  if (c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === CR) return 1;
  if (end - 2 >= floor && b[end - 2] === 0xc2 && (c === 0xa0 || c === 0x85)) return 2;
  if (end - 3 >= floor && isWide(b[end - 3]!, b[end - 2]!, c)) return 3;
  return 0;
}

/**
 * Byte length of the non-newline whitespace character at `i` (below `limit`),
 * or 0. A CR counts only when no LF follows it (else it starts a terminator).
 */
function spaceAt(b: Uint8Array, i: number, limit: number): number {
  if (i >= limit) return 0;
  const c = b[i]!;
  if (c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c) return 1;
  if (c === CR) return b[i + 1] === LF ? 0 : 1;
  if (c === 0xc2 && i + 1 < limit && (b[i + 1] === 0xa0 || b[i + 1] === 0x85)) return 2;
  if (i + 2 < limit && isWide(c, b[i + 1]!, b[i + 2]!)) return 3;
  return 0;
}

/** True for the 3-byte UTF-8 whitespace characters listed at `spaceBefore`. */
function isWide(c0: number, c1: number, c2: number): boolean {
  if (c0 === 0xe2) {
    if (c1 === 0x80) return (c2 >= 0x80 && c2 <= 0x8b) || c2 === 0xa8 || c2 === 0xa9 || c2 === 0xaf;
    return c1 === 0x81 && (c2 === 0x9f || c2 === 0xa0);
  }
  if (c0 === 0xe1) return c1 === 0x9a && c2 === 0x80;
  if (c0 === 0xe3) return c1 === 0x80 && c2 === 0x80;
  return c0 === 0xef && c1 === 0xbb && c2 === 0xbf;
}

/** The line view of one file's bytes, with scans bounded by the neighbouring blocks. */
class Lines {
  /** Where the text starts: after a leading BOM, else 0. */
  private readonly contentStart: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly blocks: SpanColumns,
  ) {
    this.contentStart = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  }

  private atLineStart(p: number): boolean {
    return p === 0 || p === this.contentStart || this.bytes[p - 1] === LF;
  }

  /**
   * Start of block k's line when only non-newline whitespace precedes the block
   * on it (scanning back no further than the previous block's end), else -1.
   */
  lineStart(k: number): number {
    const start = this.blocks.startOf(k);
    const floor = k > 0 ? this.blocks.endOf(k - 1) : Math.min(this.contentStart, start);
    let p = start;
    for (;;) {
      if (this.atLineStart(p)) return p;
      const w = spaceBefore(this.bytes, floor, p);
      if (w === 0) return -1;
      p -= w;
    }
  }

  /** Start of block k's line, or the block's start when it does not start its line. */
  lineStartOrBlock(k: number): number {
    const s = this.lineStart(k);
    return s === -1 ? this.blocks.startOf(k) : s;
  }

  /**
   * The line terminator after block k ('\r' of '\r\n', or '\n'), past
   * non-newline whitespace and before the next block; the file length when the
   * file ends first; where the scan stopped when something else comes first.
   */
  lineEnd(k: number): number {
    const limit = k + 1 < this.blocks.length ? this.blocks.startOf(k + 1) : this.bytes.length;
    let p = this.blocks.endOf(k);
    while (p < limit) {
      const c = this.bytes[p];
      if (c === LF || (c === CR && this.bytes[p + 1] === LF)) return p;
      const w = spaceAt(this.bytes, p, limit);
      if (w === 0) return p;
      p += w;
    }
    return p;
  }

  /** True when gap g (between blocks g-1 and g, 0 < g < n) holds a line break. */
  breaks(g: number): boolean {
    if (this.lineStart(g) === -1) return false;
    const t = this.lineEnd(g - 1);
    const c = this.bytes[t];
    return t < this.blocks.startOf(g) && (c === LF || c === CR);
  }

  /** '\n' bytes in gap g when it breaks, else 0. */
  score(g: number): number {
    if (!this.breaks(g)) return 0;
    let nl = 0;
    for (let p = this.blocks.endOf(g - 1), end = this.blocks.startOf(g); p < end; p++) if (this.bytes[p] === LF) nl++;
    return nl;
  }
}

/** Appends [start, end) to sorted ranges, merging a range that touches the last one; skips empty ones. */
function pushRange(ranges: { start: number; end: number }[], start: number, end: number): void {
  if (end <= start) return;
  const top = ranges[ranges.length - 1];
  if (top !== undefined && start <= top.end) {
    if (end > top.end) top.end = end;
    return;
  }
  ranges.push({ start, end });
}

/**
 * Byte ranges to delete when the blocks at the given indexes are removed.
 * `blocks` are one file's blocks in order (non-overlapping, ascending) and
 * `bytes` is the file (the blocks' offsets point into it); see the module
 * comment for the rule. The ranges are returned sorted, non-empty and
 * non-overlapping (touching ranges are merged). Throws a RangeError when an
 * index is not a position in `blocks`, the blocks are not ordered or a block
 * lies outside `bytes`.
 */
export function removalRanges(blocks: readonly Span[], remove: ReadonlySet<number>, bytes: Uint8Array): ByteRange[] {
  const n = blocks.length;
  const marks = new RemovedBlocks(n);
  for (const index of remove) {
    if (!Number.isInteger(index) || index < 0 || index >= n) {
      throw new RangeError(`block index ${String(index)} out of range (0..${n - 1})`);
    }
    marks.add(index);
  }
  return removalRangesOf(spanColumns(blocks), marks, bytes);
}

/** removalRanges of blocks given as columns, the removed ones as marks. */
function removalRangesOf(blocks: SpanColumns, remove: RemovedBlocks, bytes: Uint8Array): ByteRange[] {
  const n = blocks.length;
  if (remove.span > n) throw new RangeError(`block index ${remove.span - 1} out of range (0..${n - 1})`);
  let previousEnd = 0;
  for (let k = 0; k < n; k++) {
    const start = blocks.startOf(k);
    const end = blocks.endOf(k);
    if (!isOffset(start) || !isOffset(end) || end < start) {
      throw new RangeError(`block ${k} has an invalid span [${start}, ${end})`);
    }
    if (start < previousEnd) {
      throw new RangeError(`block ${k} overlaps or precedes the block before it`);
    }
    if (end > bytes.length) {
      throw new RangeError(`block ${k} ends at ${end}, past the ${bytes.length} bytes`);
    }
    previousEnd = end;
  }
  if (remove.size === 0) return [];

  const lines = new Lines(bytes, blocks);
  const ranges: { start: number; end: number }[] = [];
  let i = 0;
  while (i < n) {
    if (!remove.has(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && remove.has(j + 1)) j++;
    removeRun(lines, blocks, i, j, ranges);
    // The run and the bytes around it were read: a mapped input may give pages back.
    touch(bytes, blocks.endOf(j) - blocks.startOf(i), true);
    i = j + 1;
  }
  return ranges;
}

/**
 * Appends the ranges that remove the run Bi..Bj. Gaps are numbered by the
 * block after them: gap g lies between B(g-1) and Bg; gap 0 is the file's head
 * and gap n its tail.
 */
function removeRun(lines: Lines, blocks: SpanColumns, i: number, j: number, ranges: { start: number; end: number }[]): void {
  const n = blocks.length;
  const hasPrevious = i > 0;
  const hasNext = j + 1 < n;

  if (!hasPrevious && !hasNext) {
    // every block removed: the head and whatever follows the last line's content stay
    pushRange(ranges, lines.lineStartOrBlock(0), lines.lineEnd(n - 1));
    return;
  }

  let kept: number;
  if (!hasPrevious) kept = i;
  else if (!hasNext) kept = n;
  else {
    kept = -1;
    let best = 0;
    for (const g of candidateGaps(i, j)) {
      const score = lines.score(g);
      if (score > best) {
        best = score;
        kept = g;
      }
    }
    if (kept === -1) {
      // the run and both neighbours share one line: drop the space before the run and the run
      pushRange(ranges, blocks.endOf(i - 1), blocks.endOf(j));
      return;
    }
  }

  // Left of the kept gap: blocks i..kept-1, after the kept block K = B(i-1).
  if (kept > i) {
    const until = lines.lineEnd(kept - 1);
    if (lines.breaks(i)) {
      pushRange(ranges, lines.lineEnd(i - 1), until);
    } else {
      let m = i;
      while (m + 1 < kept && !lines.breaks(m + 1)) m++;
      pushRange(ranges, blocks.endOf(i - 1), blocks.endOf(m));
      if (m + 1 < kept) pushRange(ranges, lines.lineEnd(m), until);
    }
  }

  // Right of the kept gap: blocks kept..j, before the kept block K' = B(j+1).
  if (kept <= j) {
    const from = kept === i && !hasPrevious ? lines.lineStartOrBlock(i) : lines.lineStart(kept);
    const next = j + 1;
    if (lines.breaks(next)) {
      pushRange(ranges, from, lines.lineStart(next));
    } else {
      let k = j;
      while (k > kept && !lines.breaks(k)) k--;
      if (k > kept) pushRange(ranges, from, lines.lineStart(k));
      pushRange(ranges, blocks.startOf(k), blocks.startOf(next));
    }
  }
}

/** The gaps of the run Bi..Bj in order of preference: before, after, then the inner ones. */
function* candidateGaps(i: number, j: number): Generator<number> {
  yield i;
  yield j + 1;
  for (let g = i + 1; g <= j; g++) yield g;
}

/**
 * Copy of `bytes` without the given ranges. The ranges may come in any order
 * and may overlap or touch (they are sorted and merged); empty ranges delete
 * nothing. Returns the same object when there is nothing to delete. Throws a
 * RangeError when a range is not inside `bytes`.
 */
export function applyRemovals(bytes: Uint8Array, ranges: readonly ByteRange[]): Uint8Array {
  return joinPieces(bytes, keptPieces(bytes, ranges));
}

/** The kept pieces of `bytes` as one array: `bytes` itself when they are all of it. */
function joinPieces(bytes: Uint8Array, pieces: readonly Uint8Array[]): Uint8Array {
  const total = pieces.reduce((n, p) => n + p.length, 0);
  if (total === bytes.length) return bytes;
  const out = new Uint8Array(total);
  let to = 0;
  for (const p of pieces) {
    out.set(p, to);
    to += p.length;
  }
  return out;
}

/** Longest piece keptPieces gives: a mapped input is told of what was written piece by piece. */
export const PIECE_BYTES = 16 << 20;

/**
 * What applyRemovals keeps, as views of `bytes` in order (none empty, each at
 * most `pieceBytes` long), to write one after another without copying: `[bytes]`
 * itself when there is nothing to delete and it is not longer; none for empty bytes.
 * Same ranges and errors as applyRemovals.
 */
export function keptPieces(bytes: Uint8Array, ranges: readonly ByteRange[], pieceBytes = PIECE_BYTES): Uint8Array[] {
  return [...eachKeptPiece(bytes, ranges, pieceBytes)];
}

/** keptPieces one at a time: nothing is held but the piece. */
export function* eachKeptPiece(bytes: Uint8Array, ranges: readonly ByteRange[], pieceBytes = PIECE_BYTES): Generator<Uint8Array> {
  if (!Number.isSafeInteger(pieceBytes) || pieceBytes < 1) throw new RangeError(`keptPieces: piece size ${pieceBytes} is not a positive integer`);
  const merged = sortedRanges(bytes, ranges);
  if (merged.length === 0 && bytes.length > 0 && bytes.length <= pieceBytes) {
    yield bytes;
    return;
  }
  let from = 0;
  for (const r of [...merged, { start: bytes.length, end: bytes.length }]) {
    for (let at = from; at < r.start; at += pieceBytes) yield bytes.subarray(at, Math.min(r.start, at + pieceBytes));
    from = r.end;
  }
}

/**
 * The ranges checked (inside `bytes`), without empty ones, sorted and merged
 * where they overlap or touch: the same array when they already are (as
 * removalRanges gives them), so that a big file's many ranges are not copied.
 */
function sortedRanges(bytes: Uint8Array, ranges: readonly ByteRange[]): readonly ByteRange[] {
  let ordered = true;
  let previousEnd = -1;
  for (const r of ranges) {
    if (!isOffset(r.start) || !isOffset(r.end) || r.end < r.start || r.end > bytes.length) {
      throw new RangeError(`byte range [${r.start}, ${r.end}) is not inside 0..${bytes.length}`);
    }
    if (r.end === r.start || r.start <= previousEnd) ordered = false;
    previousEnd = r.end;
  }
  if (ordered) return ranges;
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number }[] = [];
  for (const r of sorted) {
    const top = merged[merged.length - 1];
    if (top !== undefined && r.start <= top.end) {
      if (r.end > top.end) top.end = r.end;
    } else {
      merged.push({ start: r.start, end: r.end });
    }
  }
  return merged;
}

/** For each source index, the indexes of its blocks with keep:false in some cluster. */
export function removedBlockIndexes(result: ScanResult): Map<number, RemovedBlocks> {
  const removed = new Map<number, RemovedBlocks>();
  for (const cluster of eachCluster(result)) {
    for (const member of cluster.members) {
      // An indexed member stands for a block of an earlier run: nothing of it is in these sources.
      if (member.keep || member.indexed) continue;
      const { source, index } = member.block;
      let set = removed.get(source);
      if (set === undefined) {
        const file = result.files[source];
        set = new RemovedBlocks(file === undefined ? 0 : blockCount(file));
        removed.set(source, set);
      }
      set.add(index);
    }
  }
  return removed;
}

/**
 * The removed blocks of one file: a mark per block (a byte each), not a Set,
 * which holds at most 2^24 entries (a file of 20 million repeated lines removes
 * more). Iterates the indexes in order.
 */
export class RemovedBlocks implements Iterable<number> {
  #marks: Uint8Array;
  #size = 0;
  /** One past the highest index added. */
  #span = 0;

  /** `blocks`: the file's block count, the room made at first (it grows past it if need be). */
  constructor(blocks: number) {
    this.#marks = new Uint8Array(Math.max(blocks, 16));
  }

  get size(): number {
    return this.#size;
  }

  /** One past the highest index held (0 when empty). */
  get span(): number {
    return this.#span;
  }

  add(index: number): void {
    if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`block index ${String(index)} is not a position in its file`);
    if (index >= this.#marks.length) {
      const grown = new Uint8Array(Math.max(index + 1, 2 * this.#marks.length));
      grown.set(this.#marks);
      this.#marks = grown;
    }
    if (this.#marks[index] === 1) return;
    this.#marks[index] = 1;
    this.#size++;
    if (index >= this.#span) this.#span = index + 1;
  }

  has(index: number): boolean {
    return this.#marks[index] === 1;
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.#span; i++) if (this.#marks[i] === 1) yield i;
  }
}

/**
 * Stripped bytes per source, in source order; a source with nothing removed is
 * returned as the same Uint8Array object. `result.files[i]` must describe
 * `sources[i]`; a removed block's `index` is its position in that file's blocks.
 */
export function stripSources(sources: readonly Source[], result: ScanResult): Uint8Array[] {
  return stripRanges(sources, result).map((ranges, i) => applyRemovals((sources[i] as Source).bytes, ranges));
}

/**
 * The byte ranges each source loses to stripping (removalRanges: sorted,
 * merged), in source order; none for a source with nothing removed. With
 * eachKeptPiece, the output is written piece by piece.
 * A file of a scan's result is stripped by the spans the scan kept for its
 * blocks (until `blocks` is set to other blocks: then by those).
 */
export function stripRanges(sources: readonly Source[], result: ScanResult): ByteRange[][] {
  const removed = removedBlockIndexes(result);
  return sources.map((source, i) => {
    const remove = removed.get(i);
    if (remove === undefined || remove.size === 0) return [];
    const file = result.files[i];
    if (file === undefined) {
      throw new RangeError(`source ${i} (${source.path}) has removed blocks but no file result`);
    }
    // A scan's result: its blocks' columns (no Block objects made for them).
    const columns = scannedColumns(file);
    if (columns !== undefined) return removalRangesOf(columns, remove, source.bytes);
    const blocks = file.blocks;
    // Block.index is the block's position in file.blocks (the splitter numbers them 0..n-1).
    for (const index of remove) {
      if (blocks[index] !== undefined && blocks[index].index !== index) {
        throw new RangeError(`source ${i} (${source.path}): block ${index} is not at position ${index} of its file's blocks`);
      }
    }
    return removalRangesOf(spanColumns(blocks), remove, source.bytes);
  });
}
