/**
 * The strip stage: bytes in, bytes out.
 *
 * A source is viewed as `gap0 B0 gap1 B1 … Bn gapEnd`, where the gaps are the
 * bytes between blocks (blank lines, line breaks, leading/trailing whitespace,
 * a BOM). Removing blocks deletes each removed block together with the
 * separator that belonged to it; every other byte is copied unchanged, so line
 * endings (LF/CRLF), trailing whitespace, a missing final newline, a BOM and
 * even invalid UTF-8 survive exactly.
 *
 * For each maximal run of consecutive removed blocks Bi..Bj:
 * - a kept block follows (j < n): delete `[Bi.startOffset, B(j+1).startOffset)`,
 *   the blocks and the gaps after them;
 * - else a kept block precedes (i > 0): delete `[B(i-1).endOffset, Bj.endOffset)`,
 *   the gaps before them, so the file's trailing bytes stay as they were;
 * - else (every block removed): delete `[B0.startOffset, Bn.endOffset)`.
 * gap0 (e.g. a BOM or leading blank lines) and gapEnd are never deleted.
 */
import type { ScanResult, Source, Span } from '../types.js';

/** A half-open byte range `[start, end)`. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

function isOffset(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/**
 * Byte ranges to delete when the blocks at the given indexes are removed.
 * `blocks` are one file's blocks in order (non-overlapping, ascending).
 * The ranges are returned sorted and non-overlapping. Throws a RangeError when
 * an index is not a position in `blocks` or the blocks are not ordered.
 */
export function removalRanges(blocks: readonly Span[], remove: ReadonlySet<number>): ByteRange[] {
  const n = blocks.length;
  for (const index of remove) {
    if (!Number.isInteger(index) || index < 0 || index >= n) {
      throw new RangeError(`block index ${String(index)} out of range (0..${n - 1})`);
    }
  }
  let previousEnd = 0;
  for (let k = 0; k < n; k++) {
    const b = blocks[k]!;
    if (!isOffset(b.startOffset) || !isOffset(b.endOffset) || b.endOffset < b.startOffset) {
      throw new RangeError(`block ${k} has an invalid span [${b.startOffset}, ${b.endOffset})`);
    }
    if (b.startOffset < previousEnd) {
      throw new RangeError(`block ${k} overlaps or precedes the block before it`);
    }
    previousEnd = b.endOffset;
  }
  if (remove.size === 0) return [];

  const ranges: ByteRange[] = [];
  let i = 0;
  while (i < n) {
    if (!remove.has(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && remove.has(j + 1)) j++;
    const first = blocks[i]!;
    const last = blocks[j]!;
    const next = blocks[j + 1];
    const previous = i > 0 ? blocks[i - 1] : undefined;
    if (next !== undefined) {
      ranges.push({ start: first.startOffset, end: next.startOffset });
    } else if (previous !== undefined) {
      ranges.push({ start: previous.endOffset, end: last.endOffset });
    } else {
      ranges.push({ start: first.startOffset, end: last.endOffset });
    }
    i = j + 1;
  }
  return ranges;
}

/**
 * Copy of `bytes` without the given ranges. The ranges may come in any order
 * and may overlap or touch (they are sorted and merged); empty ranges delete
 * nothing. Returns the same object when there is nothing to delete. Throws a
 * RangeError when a range is not inside `bytes`.
 */
export function applyRemovals(bytes: Uint8Array, ranges: readonly ByteRange[]): Uint8Array {
  if (ranges.length === 0) return bytes;
  for (const r of ranges) {
    if (!isOffset(r.start) || !isOffset(r.end) || r.end < r.start || r.end > bytes.length) {
      throw new RangeError(`byte range [${r.start}, ${r.end}) is not inside 0..${bytes.length}`);
    }
  }
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || a.end - b.end);
  if (sorted.length === 0) return bytes;

  const merged: { start: number; end: number }[] = [];
  for (const r of sorted) {
    const top = merged[merged.length - 1];
    if (top !== undefined && r.start <= top.end) {
      if (r.end > top.end) top.end = r.end;
    } else {
      merged.push({ start: r.start, end: r.end });
    }
  }

  let removed = 0;
  for (const r of merged) removed += r.end - r.start;
  const out = new Uint8Array(bytes.length - removed);
  let from = 0;
  let to = 0;
  for (const r of merged) {
    out.set(bytes.subarray(from, r.start), to);
    to += r.start - from;
    from = r.end;
  }
  out.set(bytes.subarray(from), to);
  return out;
}

/** For each source index, the indexes of its blocks with keep:false in some cluster. */
export function removedBlockIndexes(result: ScanResult): Map<number, Set<number>> {
  const removed = new Map<number, Set<number>>();
  for (const cluster of result.clusters) {
    for (const member of cluster.members) {
      if (member.keep) continue;
      const { source, index } = member.block;
      let set = removed.get(source);
      if (set === undefined) {
        set = new Set<number>();
        removed.set(source, set);
      }
      set.add(index);
    }
  }
  return removed;
}

/**
 * Stripped bytes per source, in source order; a source with nothing removed is
 * returned as the same Uint8Array object. `result.files[i]` must describe
 * `sources[i]`; a removed block's `index` is its position in that file's blocks.
 */
export function stripSources(sources: readonly Source[], result: ScanResult): Uint8Array[] {
  const removed = removedBlockIndexes(result);
  return sources.map((source, i) => {
    const remove = removed.get(i);
    if (remove === undefined || remove.size === 0) return source.bytes;
    const file = result.files[i];
    if (file === undefined) {
      throw new RangeError(`source ${i} (${source.path}) has removed blocks but no file result`);
    }
    const blocks = file.blocks;
    // Block.index is the block's position; map through it in case a producer
    // ever hands over a filtered or reordered list.
    let positions: Set<number> = remove;
    if (blocks.some((b, k) => b.index !== k)) {
      const byIndex = new Map<number, number>();
      blocks.forEach((b, k) => byIndex.set(b.index, k));
      positions = new Set<number>();
      for (const index of remove) {
        const k = byIndex.get(index);
        if (k === undefined) {
          throw new RangeError(`source ${i} (${source.path}) has no block with index ${index}`);
        }
        positions.add(k);
      }
    }
    return applyRemovals(source.bytes, removalRanges(blocks, positions));
  });
}
