import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRemovals, removalRanges, stripSources, type ByteRange } from '../../src/strip/index.js';
import type { Block, ScanResult } from '../../src/types.js';
import { concat, makeDoc, type Doc } from './doc.js';

const SEPARATORS = ['\n', '\n\n', '\r\n\r\n', '\n \n', '\r\n', ' ', '\n\n\n', '\t\n\n'];
const LEADING = ['', '\uFEFF', '\n', '\n\n', ' \n', '\uFEFF\r\n'];
const TRAILING = ['', '\n', '\r\n', '\n\n', '  ', ' \n\n'];

/** Block texts: printable strings, or raw bytes (LF, CR and invalid UTF-8 included). */
const blockArb = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }).map((s) => new TextEncoder().encode(s)),
  fc.uint8Array({ minLength: 1, maxLength: 12 }),
);

interface Case {
  readonly doc: Doc;
  /** Removed block indexes, ascending. */
  readonly removed: number[];
}

const caseArb: fc.Arbitrary<Case> = fc
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

/** Naive reference: keep each byte not inside any range. */
function deleteNaive(bytes: Uint8Array, ranges: readonly ByteRange[]): Uint8Array {
  return Uint8Array.from(bytes.filter((_, k) => !ranges.some((r) => k >= r.start && k < r.end)));
}

/**
 * Model of the separator rule: gap0, then each kept block followed by the gap
 * right after it, except that the last kept block is followed by gapEnd.
 */
function model(doc: Doc, removed: ReadonlySet<number>): Uint8Array {
  const kept = doc.blocks.map((_, k) => k).filter((k) => !removed.has(k));
  const gapEnd = doc.gaps[doc.gaps.length - 1]!;
  const parts: Uint8Array[] = [doc.gaps[0]!];
  kept.forEach((k, pos) => {
    parts.push(doc.blocks[k]!);
    parts.push(pos === kept.length - 1 ? gapEnd : doc.gaps[k + 1]!);
  });
  if (kept.length === 0) parts.push(gapEnd);
  return concat(parts);
}

describe('strip properties', () => {
  it('(1) output = input minus exactly the ranges; ranges start at a removed start or kept end, cover removed blocks, never kept bytes', () => {
    fc.assert(
      fc.property(caseArb, ({ doc, removed }) => {
        const remove = new Set(removed);
        const ranges = removalRanges(doc.spans, remove);
        const out = applyRemovals(doc.bytes, ranges);

        expect(Array.from(out)).toEqual(Array.from(deleteNaive(doc.bytes, ranges)));
        expect(Array.from(out)).toEqual(Array.from(model(doc, remove)));

        // sorted, non-overlapping, non-empty, inside the bytes
        ranges.forEach((r, k) => {
          expect(r.start).toBeGreaterThanOrEqual(0);
          expect(r.end).toBeLessThanOrEqual(doc.bytes.length);
          expect(r.end).toBeGreaterThan(r.start);
          if (k > 0) expect(r.start).toBeGreaterThanOrEqual(ranges[k - 1]!.end);
        });

        const allowedStarts = new Set<number>();
        doc.spans.forEach((s, k) => allowedStarts.add(remove.has(k) ? s.startOffset : s.endOffset));
        for (const r of ranges) expect(allowedStarts.has(r.start)).toBe(true);

        const covered = (at: number): boolean => ranges.some((r) => at >= r.start && at < r.end);
        doc.spans.forEach((s, k) => {
          for (let at = s.startOffset; at < s.endOffset; at++) {
            expect(covered(at)).toBe(remove.has(k));
          }
        });
        // gap0 is never touched
        const firstStart = doc.spans[0]?.startOffset ?? doc.bytes.length;
        for (let at = 0; at < firstStart; at++) expect(covered(at)).toBe(false);
        // one range per maximal run of removed blocks
        const runs = removed.filter((k, i) => i === 0 || removed[i - 1] !== k - 1).length;
        expect(ranges).toHaveLength(runs);
      }),
      { numRuns: 500 },
    );
  });

  it('(2) removing the empty set returns identical bytes (the same object)', () => {
    fc.assert(
      fc.property(caseArb, ({ doc }) => {
        const ranges = removalRanges(doc.spans, new Set());
        expect(ranges).toEqual([]);
        expect(applyRemovals(doc.bytes, ranges)).toBe(doc.bytes);
      }),
      { numRuns: 200 },
    );
  });

  it('(3) the result does not depend on the Set insertion order', () => {
    const withOrder = caseArb.chain((c) =>
      fc.tuple(fc.constant(c), fc.shuffledSubarray(c.removed, { minLength: c.removed.length })),
    );
    fc.assert(
      fc.property(withOrder, ([{ doc, removed }, shuffled]) => {
        const a = removalRanges(doc.spans, new Set(removed));
        const b = removalRanges(doc.spans, new Set(shuffled));
        const c = removalRanges(doc.spans, new Set([...removed].reverse()));
        expect(b).toEqual(a);
        expect(c).toEqual(a);
        expect(Array.from(applyRemovals(doc.bytes, b))).toEqual(Array.from(applyRemovals(doc.bytes, a)));
      }),
      { numRuns: 300 },
    );
  });

  it('stripSources agrees with removalRanges + applyRemovals per source', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 1, maxLength: 4 }), (cases) => {
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
          const expected = applyRemovals(doc.bytes, removalRanges(doc.spans, new Set(removed)));
          expect(Array.from(out[i]!)).toEqual(Array.from(expected));
        });
      }),
      { numRuns: 200 },
    );
  });
});
