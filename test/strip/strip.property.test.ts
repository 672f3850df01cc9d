import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRemovals, keptPieces, removalRanges, stripRanges, stripSources, type ByteRange } from '../../src/strip/index.js';
import type { Block, ScanResult } from '../../src/types.js';
import { makeDoc, type Doc } from './doc.js';

/** Separators between blocks: line breaks, blank lines, trailing whitespace, indentation, sentence spaces. */
const SEPARATORS = [
  '\n', '\n\n', '\r\n\r\n', '\n \n', '\r\n', ' ', '  ', '\n\n\n', '\t\n\n',
  '   \n\n', '\n\n    ', '\r\n\t', '\u00A0\n\n', '\n\u000B\n', ' \f\n  ', '\r\n \r\n\r\n  ',
];
const LEADING = ['', '\uFEFF', '\n', '\n\n', ' \n', '\uFEFF\r\n', '  ', '\uFEFF\t', '\n\n   ', '\uFEFF\n  '];
const TRAILING = ['', '\n', '\r\n', '\n\n', '  ', ' \n\n', '\t\r\n', '  \n \n'];

const LF = 0x0a;
const CR = 0x0d;

/** Raw block bytes: printable strings, or anything (LF, CR, whitespace and invalid UTF-8 included). */
const rawBlockArb = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }).map((s) => new TextEncoder().encode(s)),
  fc.uint8Array({ minLength: 1, maxLength: 12 }),
);

/** Like the splitter's blocks: trimmed (first and last byte printable ASCII), anything inside. */
const trimmedBlockArb = rawBlockArb.map((b) => {
  const out = Uint8Array.from(b);
  const printable = (c: number): boolean => c > 0x20 && c < 0x7f;
  if (!printable(out[0]!)) out[0] = 0x78;
  if (!printable(out[out.length - 1]!)) out[out.length - 1] = 0x79;
  return out;
});

interface Case {
  readonly doc: Doc;
  /** Removed block indexes, ascending. */
  readonly removed: number[];
}

function caseArb(blockArb: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Case> {
  return fc
    .record({
      gap0: fc.constantFrom(...LEADING),
      items: fc.array(fc.tuple(blockArb, fc.constantFrom(...SEPARATORS), fc.boolean()), { maxLength: 12 }),
      gapEnd: fc.constantFrom(...TRAILING),
    })
    .map(({ gap0, items, gapEnd }) => {
      const doc = makeDoc(
        gap0,
        items.map(([b]) => b),
        items.slice(1).map(([, sep]) => sep),
        gapEnd,
      );
      const removed = items.flatMap(([, , r], k) => (r ? [k] : []));
      return { doc, removed };
    });
}

/** Documents as the splitter sees them: trimmed blocks between whitespace gaps. */
const splitLikeArb = caseArb(trimmedBlockArb);
/** Any blocks, even ones that start or end with whitespace or line breaks. */
const rawArb = caseArb(rawBlockArb);

/** Naive reference: keep each byte not inside any range. */
function deleteNaive(bytes: Uint8Array, ranges: readonly ByteRange[]): Uint8Array {
  return Uint8Array.from(bytes.filter((_, k) => !ranges.some((r) => k >= r.start && k < r.end)));
}

function countLF(bytes: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let k = start; k < end; k++) if (bytes[k] === LF) n++;
  return n;
}

/** True when the byte at `at` is part of a whitespace or line-break character (NBSP as C2 A0). */
function isSpaceByte(bytes: Uint8Array, at: number): boolean {
  const c = bytes[at]!;
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return true;
  if (c === 0xc2) return bytes[at + 1] === 0xa0;
  if (c === 0xa0) return bytes[at - 1] === 0xc2;
  return false;
}

function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Start of the first block's line (after a BOM), or the block's start when something else precedes it on its line. */
function firstLineStart(doc: Doc): number {
  const first = doc.spans[0];
  if (first === undefined) return doc.bytes.length;
  const floor = hasBom(doc.bytes) ? 3 : 0;
  let p = first.startOffset;
  while (p > floor && doc.bytes[p - 1] !== LF && isSpaceByte(doc.bytes, p - 1)) p--;
  return p === floor || doc.bytes[p - 1] === LF ? p : first.startOffset;
}

/** The lines of `bytes`: [start, contentEnd) without the terminator ('\n' or '\r\n'). */
function linesOf(bytes: Uint8Array): { start: number; contentEnd: number }[] {
  const lines: { start: number; contentEnd: number }[] = [];
  let start = 0;
  for (let k = 0; k <= bytes.length; k++) {
    if (k === bytes.length || bytes[k] === LF) {
      const contentEnd = k < bytes.length && k > start && bytes[k - 1] === CR ? k - 1 : k;
      lines.push({ start, contentEnd });
      start = k + 1;
      if (k === bytes.length - 1) break; // a final LF ends the last line; no empty line after it
    }
  }
  return lines;
}

interface Stripped {
  readonly ranges: ByteRange[];
  readonly out: Uint8Array;
  readonly covered: (at: number) => boolean;
  /** Output position of input position `at` (`at` itself may be deleted: the position of the next kept byte). */
  readonly mapped: (at: number) => number;
}

function stripCase({ doc, removed }: Case): Stripped {
  const ranges = removalRanges(doc.spans, new Set(removed), doc.bytes);
  const out = applyRemovals(doc.bytes, ranges);
  const covered = (at: number): boolean => ranges.some((r) => at >= r.start && at < r.end);
  const mapped = (at: number): number =>
    at - ranges.reduce((n, r) => n + Math.max(0, Math.min(r.end, at) - r.start), 0);
  return { ranges, out, covered, mapped };
}

/** Shared checks for any blocks: exact deletion, well-formed ranges, (a) blocks, (c) deleted bytes, (e) the head. */
function checkCommon(c: Case, s: Stripped): void {
  const { doc, removed } = c;
  const remove = new Set(removed);
  const { ranges, out, covered, mapped } = s;

  expect(Array.from(out)).toEqual(Array.from(deleteNaive(doc.bytes, ranges)));
  // sorted, non-empty, inside the bytes, not touching (touching ranges are merged)
  ranges.forEach((r, k) => {
    expect(r.start).toBeGreaterThanOrEqual(0);
    expect(r.end).toBeLessThanOrEqual(doc.bytes.length);
    expect(r.end).toBeGreaterThan(r.start);
    if (k > 0) expect(r.start).toBeGreaterThan(ranges[k - 1]!.end);
  });

  // (a) every removed block lies inside one range; no range touches a kept block's bytes,
  // which therefore appear in the output unchanged and in order
  doc.spans.forEach((span, k) => {
    if (remove.has(k)) {
      expect(ranges.some((r) => r.start <= span.startOffset && span.endOffset <= r.end)).toBe(true);
    } else {
      for (let at = span.startOffset; at < span.endOffset; at++) expect(covered(at)).toBe(false);
      const at = mapped(span.startOffset);
      expect(Array.from(out.subarray(at, at + doc.blocks[k]!.length))).toEqual(Array.from(doc.blocks[k]!));
    }
  });

  // (c) a deleted byte is a removed block's byte or a whitespace / line-break byte
  const inRemoved = (at: number): boolean =>
    doc.spans.some((span, k) => remove.has(k) && at >= span.startOffset && at < span.endOffset);
  for (const r of ranges) {
    for (let at = r.start; at < r.end; at++) {
      if (!inRemoved(at)) expect(isSpaceByte(doc.bytes, at)).toBe(true);
    }
  }

  // (e) the bytes before the first block's line (BOM, leading blank lines) are never deleted
  const head = firstLineStart(doc);
  for (let at = 0; at < head; at++) expect(covered(at)).toBe(false);
  if (hasBom(doc.bytes)) expect(Array.from(out.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
}

describe('strip properties', () => {
  it('(1) kept bytes stay: kept blocks and their whole lines, the line-break structure, the final newline, the head', () => {
    fc.assert(
      fc.property(splitLikeArb, (c) => {
        const { doc, removed } = c;
        const remove = new Set(removed);
        const s = stripCase(c);
        const { out, covered, mapped } = s;
        checkCommon(c, s);
        const n = doc.spans.length;

        // (b) a line that holds a kept block and no removed block keeps every byte from its
        // start to its terminator (indentation, trailing whitespace), and is still followed
        // by a line terminator or the end of the output
        const lines = linesOf(doc.bytes);
        const lineOf = (at: number): number => countLF(doc.bytes, 0, at);
        const holdsKept = new Set<number>();
        const holdsRemoved = new Set<number>();
        doc.spans.forEach((span, k) => {
          for (let l = lineOf(span.startOffset); l <= lineOf(span.endOffset - 1); l++) {
            (remove.has(k) ? holdsRemoved : holdsKept).add(l);
          }
        });
        for (const l of holdsKept) {
          if (holdsRemoved.has(l)) continue;
          const line = lines[l]!;
          for (let at = line.start; at < line.contentEnd; at++) expect(covered(at)).toBe(false);
          const after = mapped(line.contentEnd);
          const terminated = after === out.length || out[after] === LF || (out[after] === CR && out[after + 1] === LF);
          expect(terminated).toBe(true);
        }

        // (d) the output ends with a line terminator iff the input does, unless every block was removed
        if (removed.length < n) {
          expect(out[out.length - 1] === LF).toBe(doc.bytes[doc.bytes.length - 1] === LF);
        }

        // (f) line-break structure: before the first kept block and after the last one the
        // output has as many line breaks as the file's head and tail; between two kept blocks,
        // as many as the widest gap that separated them (kept blocks on different lines stay
        // on different lines, blank lines between them stay)
        const kept = doc.spans.map((_, k) => k).filter((k) => !remove.has(k));
        if (kept.length > 0) {
          const gapLF = (g: number): number =>
            countLF(doc.bytes, g === 0 ? 0 : doc.spans[g - 1]!.endOffset, g === n ? doc.bytes.length : doc.spans[g]!.startOffset);
          const first = doc.spans[kept[0]!]!;
          const last = doc.spans[kept[kept.length - 1]!]!;
          expect(countLF(out, 0, mapped(first.startOffset))).toBe(gapLF(0));
          expect(countLF(out, mapped(last.endOffset), out.length)).toBe(gapLF(n));
          for (let p = 1; p < kept.length; p++) {
            const a = kept[p - 1]!;
            const b = kept[p]!;
            let widest = 0;
            for (let g = a + 1; g <= b; g++) widest = Math.max(widest, gapLF(g));
            expect(countLF(out, mapped(doc.spans[a]!.endOffset), mapped(doc.spans[b]!.startOffset))).toBe(widest);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('(1b) any blocks (even ones starting or ending with white space or line breaks): kept blocks stay, removed ones go, only white space besides, the head stays', () => {
    fc.assert(
      fc.property(rawArb, (c) => checkCommon(c, stripCase(c))),
      { numRuns: 300 },
    );
  });

  it('(2) removing the empty set returns identical bytes (the same object)', () => {
    fc.assert(
      fc.property(splitLikeArb, ({ doc }) => {
        const ranges = removalRanges(doc.spans, new Set(), doc.bytes);
        expect(ranges).toEqual([]);
        expect(applyRemovals(doc.bytes, ranges)).toBe(doc.bytes);
      }),
      { numRuns: 200 },
    );
  });

  it('(3) the result does not depend on the Set insertion order', () => {
    const withOrder = splitLikeArb.chain((c) =>
      fc.tuple(fc.constant(c), fc.shuffledSubarray(c.removed, { minLength: c.removed.length })),
    );
    fc.assert(
      fc.property(withOrder, ([{ doc, removed }, shuffled]) => {
        const a = removalRanges(doc.spans, new Set(removed), doc.bytes);
        const b = removalRanges(doc.spans, new Set(shuffled), doc.bytes);
        const c = removalRanges(doc.spans, new Set([...removed].reverse()), doc.bytes);
        expect(b).toEqual(a);
        expect(c).toEqual(a);
        expect(Array.from(applyRemovals(doc.bytes, b))).toEqual(Array.from(applyRemovals(doc.bytes, a)));
      }),
      { numRuns: 300 },
    );
  });

  it('keptPieces are the bytes applyRemovals keeps: in order, none empty, none longer than asked, views of the input', () => {
    fc.assert(
      fc.property(splitLikeArb, fc.integer({ min: 1, max: 40 }), ({ doc, removed }, size) => {
        const ranges = removalRanges(doc.spans, new Set(removed), doc.bytes);
        const pieces = keptPieces(doc.bytes, ranges, size);
        expect(Buffer.concat(pieces)).toEqual(Buffer.from(applyRemovals(doc.bytes, ranges)));
        for (const p of pieces) {
          expect(p.length).toBeGreaterThan(0);
          expect(p.length).toBeLessThanOrEqual(size);
          expect(p.buffer).toBe(doc.bytes.buffer);
        }
        // Nothing to delete and short enough: the input itself.
        if (doc.bytes.length > 0 && doc.bytes.length <= size) expect(keptPieces(doc.bytes, [], size)).toEqual([doc.bytes]);
        expect(keptPieces(new Uint8Array(0), [], size)).toEqual([]);
      }),
      { numRuns: 300 },
    );
    expect(() => keptPieces(new Uint8Array(4), [], 0)).toThrow(RangeError);
  });

  it('stripSources agrees with removalRanges + applyRemovals per source', () => {
    fc.assert(
      fc.property(fc.array(rawArb, { minLength: 1, maxLength: 4 }), (cases) => {
        const files = cases.map(({ doc }, source) => {
          const blocks: Block[] = doc.spans.map((s, index) => ({ ...s, source, index, text: '' }));
          return { path: `f${source}.txt`, unit: 'paragraph' as const, blocks, duplicateBlocks: 0 };
        });
        // one cluster per removed block, kept by a never-removed stand-in
        const clusters = cases.flatMap(({ removed }, source) =>
          removed.map((index) => ({
            id: 0,
            kind: 'exact' as const,
            members: [{ block: files[source]!.blocks[index]!, similarity: 1, keep: false }],
          })),
        );
        const result: ScanResult = {
          files,
          clusters,
          summary: { files: files.length, blocks: 0, clusters: clusters.length, duplicateBlocks: 0 },
        };
        const sources = cases.map(({ doc }, i) => ({ path: `f${i}.txt`, bytes: doc.bytes }));
        const out = stripSources(sources, result);
        expect(out).toHaveLength(cases.length);
        cases.forEach(({ doc, removed }, i) => {
          if (removed.length === 0) expect(out[i]).toBe(doc.bytes);
          const expected = applyRemovals(doc.bytes, removalRanges(doc.spans, new Set(removed), doc.bytes));
          expect(Array.from(out[i]!)).toEqual(Array.from(expected));
        });
        // In pieces: the same bytes.
        const ranges = stripRanges(sources, result);
        ranges.forEach((r, i) => expect(Buffer.concat(keptPieces(sources[i]!.bytes, r))).toEqual(Buffer.from(out[i]!)));
      }),
      { numRuns: 200 },
    );
  });
});
