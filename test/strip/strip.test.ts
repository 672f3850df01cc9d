import { describe, expect, it } from 'vitest';
import {
  applyRemovals,
  removalRanges,
  removedBlockIndexes,
  stripSources,
} from '../../src/strip/index.js';
import type { Block, Cluster, FileResult, ScanResult, Source } from '../../src/types.js';
import { concat, makeDoc, paragraphs, text, type Doc } from './doc.js';

function strip(doc: Doc, remove: readonly number[]): Uint8Array {
  return applyRemovals(doc.bytes, removalRanges(doc.spans, new Set(remove)));
}

function stripText(doc: Doc, remove: readonly number[]): string {
  return text(strip(doc, remove));
}

describe('removalRanges + applyRemovals: the separator rule', () => {
  it('removes a middle block with the gap after it (contract example)', () => {
    const doc = paragraphs(['A', 'B', 'A', 'C']);
    expect(text(doc.bytes)).toBe('A\n\nB\n\nA\n\nC\n');
    expect(removalRanges(doc.spans, new Set([2]))).toEqual([{ start: 6, end: 9 }]);
    expect(stripText(doc, [2])).toBe('A\n\nB\n\nC\n');
  });

  it('removes the last block with the gap before it, keeping the final newline', () => {
    const doc = paragraphs(['A', 'B', 'A']);
    expect(removalRanges(doc.spans, new Set([2]))).toEqual([{ start: 4, end: 7 }]);
    expect(stripText(doc, [2])).toBe('A\n\nB\n');
  });

  it('removes the first block with the gap after it', () => {
    expect(stripText(paragraphs(['A', 'B', 'C']), [0])).toBe('B\n\nC\n');
  });

  it('removes runs of consecutive blocks at the start, middle and end', () => {
    const doc = paragraphs(['A', 'B', 'C', 'D', 'E']);
    expect(stripText(doc, [0, 1])).toBe('C\n\nD\n\nE\n');
    expect(stripText(doc, [1, 2, 3])).toBe('A\n\nE\n');
    expect(stripText(doc, [3, 4])).toBe('A\n\nB\n\nC\n');
    expect(removalRanges(doc.spans, new Set([1, 2, 3]))).toEqual([{ start: 3, end: 12 }]);
  });

  it('handles several separate runs in one file', () => {
    const doc = paragraphs(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(stripText(doc, [0, 2, 3, 5])).toBe('B\n\nE\n');
    expect(removalRanges(doc.spans, new Set([0, 2, 3, 5]))).toHaveLength(3);
  });

  it('removes every block but keeps the leading and trailing bytes', () => {
    expect(stripText(paragraphs(['A', 'B', 'C']), [0, 1, 2])).toBe('\n');
    expect(stripText(paragraphs(['A', 'B'], '\n\n', '', '\n\n'), [0, 1])).toBe('\n\n');
    expect(stripText(paragraphs(['only'], '\n\n', ''), [0])).toBe('');
  });

  it('keeps CRLF line endings', () => {
    const doc = paragraphs(['A', 'B\r\nB2', 'A', 'C'], '\r\n\r\n', '\r\n');
    expect(stripText(doc, [2])).toBe('A\r\n\r\nB\r\nB2\r\n\r\nC\r\n');
    expect(stripText(doc, [3])).toBe('A\r\n\r\nB\r\nB2\r\n\r\nA\r\n');
    expect(stripText(doc, [0])).toBe('B\r\nB2\r\n\r\nA\r\n\r\nC\r\n');
  });

  it('keeps a missing final newline missing', () => {
    const doc = paragraphs(['A', 'B', 'A'], '\n\n', '');
    expect(stripText(doc, [2])).toBe('A\n\nB');
    expect(stripText(doc, [1])).toBe('A\n\nA');
    expect(stripText(paragraphs(['A', 'B', 'C'], '\n\n', ''), [1])).toBe('A\n\nC');
  });

  it('keeps a final newline run and trailing whitespace of kept lines', () => {
    const doc = makeDoc('', ['A', 'B', 'C'], ['  \n\n', '\t\n \n'], ' \n\n');
    expect(stripText(doc, [1])).toBe('A  \n\nC \n\n');
    expect(stripText(doc, [2])).toBe('A  \n\nB \n\n');
    expect(stripText(doc, [0])).toBe('B\t\n \nC \n\n');
  });

  it('keeps a BOM and leading blank lines (gap0 is never deleted)', () => {
    const bom = makeDoc('\uFEFF', ['A', 'B', 'A'], ['\n\n', '\n\n'], '\n');
    const out = strip(bom, [0]);
    expect(Array.from(out.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    expect(text(out)).toBe('\uFEFFB\n\nA\n');
    expect(text(strip(bom, [0, 1, 2]))).toBe('\uFEFF\n');
    const leading = makeDoc('\n\n', ['A', 'B'], ['\n\n'], '\n');
    expect(stripText(leading, [0])).toBe('\n\nB\n');
  });

  it('copies invalid UTF-8 bytes of kept blocks and gaps unchanged', () => {
    const bad = new Uint8Array([0xff, 0xfe, 0x41, 0xc3]);
    const doc = makeDoc(new Uint8Array([0x80]), [bad, 'dup', bad], ['\n\n', new Uint8Array([0x0a, 0xa0, 0x0a])], '\n');
    const out = strip(doc, [1]);
    expect(Array.from(out)).toEqual([0x80, ...bad, 0x0a, 0x0a, ...bad, 0x0a]);
    const out0 = strip(doc, [0]);
    expect(Array.from(out0)).toEqual([0x80, 0x64, 0x75, 0x70, 0x0a, 0xa0, 0x0a, ...bad, 0x0a]);
    const out2 = strip(doc, [2]);
    expect(Array.from(out2)).toEqual([0x80, ...bad, 0x0a, 0x0a, 0x64, 0x75, 0x70, 0x0a]);
  });

  it('works for line blocks (single line breaks as separators)', () => {
    const doc = paragraphs(['a', 'b', 'a', 'c'], '\n', '\n');
    expect(stripText(doc, [2])).toBe('a\nb\nc\n');
    expect(stripText(doc, [0])).toBe('b\na\nc\n');
    expect(stripText(paragraphs(['a', 'b', 'a'], '\n', ''), [2])).toBe('a\nb');
  });

  it('works for sentence blocks on one line', () => {
    const doc = makeDoc('', ['One.', 'Two.', 'One.'], [' ', '  '], '\n');
    expect(stripText(doc, [2])).toBe('One. Two.\n');
    expect(stripText(doc, [1])).toBe('One. One.\n');
  });

  it('returns no ranges and the same bytes for an empty set', () => {
    const doc = paragraphs(['A', 'B']);
    const ranges = removalRanges(doc.spans, new Set());
    expect(ranges).toEqual([]);
    expect(applyRemovals(doc.bytes, ranges)).toBe(doc.bytes);
    expect(removalRanges([], new Set())).toEqual([]);
  });

  it('rejects indexes that are not blocks and spans out of order', () => {
    const doc = paragraphs(['A', 'B']);
    expect(() => removalRanges(doc.spans, new Set([2]))).toThrow(RangeError);
    expect(() => removalRanges(doc.spans, new Set([-1]))).toThrow(RangeError);
    expect(() => removalRanges(doc.spans, new Set([0.5]))).toThrow(RangeError);
    const swapped = [doc.spans[1]!, doc.spans[0]!];
    expect(() => removalRanges(swapped, new Set([0]))).toThrow(RangeError);
  });
});

describe('applyRemovals', () => {
  const bytes = new TextEncoder().encode('0123456789');

  it('sorts and merges overlapping, touching and empty ranges', () => {
    const out = applyRemovals(bytes, [
      { start: 7, end: 9 },
      { start: 1, end: 3 },
      { start: 2, end: 4 },
      { start: 4, end: 5 },
      { start: 6, end: 6 },
    ]);
    expect(text(out)).toBe('0569');
  });

  it('returns the same object when ranges is empty or delete nothing', () => {
    expect(applyRemovals(bytes, [])).toBe(bytes);
    expect(applyRemovals(bytes, [{ start: 3, end: 3 }])).toBe(bytes);
  });

  it('returns a copy otherwise and leaves the input unchanged', () => {
    const input = Uint8Array.from(bytes);
    const out = applyRemovals(input, [{ start: 0, end: 10 }]);
    expect(out).not.toBe(input);
    expect(out.length).toBe(0);
    expect(text(input)).toBe('0123456789');
  });

  it('handles a subarray view (non-zero byteOffset)', () => {
    const view = bytes.subarray(2, 8); // "234567"
    expect(text(applyRemovals(view, [{ start: 1, end: 3 }]))).toBe('2567');
  });

  it('rejects ranges outside the bytes', () => {
    expect(() => applyRemovals(bytes, [{ start: 8, end: 11 }])).toThrow(RangeError);
    expect(() => applyRemovals(bytes, [{ start: 5, end: 4 }])).toThrow(RangeError);
    expect(() => applyRemovals(bytes, [{ start: -1, end: 2 }])).toThrow(RangeError);
  });
});

// --- ScanResult-level helpers -------------------------------------------------

function blocksOf(doc: Doc, source: number): Block[] {
  return doc.spans.map((s, index) => ({
    ...s,
    source,
    index,
    text: text(doc.bytes.subarray(s.startOffset, s.endOffset)),
  }));
}

function fileResult(path: string, blocks: Block[], duplicateBlocks: number): FileResult {
  return { path, unit: 'paragraph', blocks, duplicateBlocks };
}

function scan(files: FileResult[], clusters: Cluster[]): ScanResult {
  const blocks = files.reduce((n, f) => n + f.blocks.length, 0);
  const duplicateBlocks = clusters.reduce((n, c) => n + c.members.filter((m) => !m.keep).length, 0);
  return { files, clusters, summary: { files: files.length, blocks, clusters: clusters.length, duplicateBlocks } };
}

function cluster(id: number, members: [Block, boolean][]): Cluster {
  return { id, kind: 'exact', members: members.map(([block, keep]) => ({ block, keep, similarity: 1 })) };
}

describe('removedBlockIndexes and stripSources', () => {
  const docA = paragraphs(['A', 'B', 'A', 'C', 'B']);
  const docB = paragraphs(['C', 'D'], '\r\n\r\n', '');
  const docC = paragraphs(['E', 'F']);
  const blocksA = blocksOf(docA, 0);
  const blocksB = blocksOf(docB, 1);
  const blocksC = blocksOf(docC, 2);
  const sources: Source[] = [
    { path: 'a.txt', bytes: docA.bytes },
    { path: 'b.txt', bytes: docB.bytes },
    { path: 'c.txt', bytes: docC.bytes },
  ];
  const result = scan(
    [fileResult('a.txt', blocksA, 2), fileResult('b.txt', blocksB, 1), fileResult('c.txt', blocksC, 0)],
    [
      cluster(1, [[blocksA[0]!, true], [blocksA[2]!, false]]),
      cluster(2, [[blocksA[1]!, true], [blocksA[4]!, false]]),
      cluster(3, [[blocksA[3]!, true], [blocksB[0]!, false]]),
    ],
  );

  it('collects keep:false members per source', () => {
    const removed = removedBlockIndexes(result);
    expect([...removed.keys()].sort()).toEqual([0, 1]);
    expect([...removed.get(0)!].sort()).toEqual([2, 4]);
    expect([...removed.get(1)!]).toEqual([0]);
    expect(removed.has(2)).toBe(false);
  });

  it('strips each source and returns untouched sources as the same object', () => {
    const out = stripSources(sources, result);
    expect(out).toHaveLength(3);
    expect(text(out[0]!)).toBe('A\n\nB\n\nC\n');
    expect(text(out[1]!)).toBe('D');
    expect(out[2]).toBe(docC.bytes);
    expect(out[0]).not.toBe(docA.bytes);
    // the inputs are not modified
    expect(text(sources[0]!.bytes)).toBe('A\n\nB\n\nA\n\nC\n\nB\n');
  });

  it('returns every source unchanged when there are no clusters', () => {
    const out = stripSources(sources, scan(result.files.slice(), []));
    out.forEach((bytes, i) => expect(bytes).toBe(sources[i]!.bytes));
    expect(removedBlockIndexes(scan(result.files.slice(), [])).size).toBe(0);
  });

  it('maps Block.index to positions when the block list is not 0..n-1', () => {
    const doc = paragraphs(['X', 'Y', 'X']);
    // a producer that numbered blocks from 10
    const blocks = blocksOf(doc, 0).map((b) => ({ ...b, index: b.index + 10 }));
    const r = scan([fileResult('x.txt', blocks, 1)], [cluster(1, [[blocks[0]!, true], [blocks[2]!, false]])]);
    const [out] = stripSources([{ path: 'x.txt', bytes: doc.bytes }], r);
    expect(text(out!)).toBe('X\n\nY\n');
  });

  it('combines two files into the expected bytes', () => {
    const out = stripSources(sources, result);
    expect(concat(out).length).toBe(docA.bytes.length - 6 + docB.bytes.length - 5 + docC.bytes.length);
  });
});
