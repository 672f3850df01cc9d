import { describe, expect, it } from 'vitest';
import {
  applyRemovals,
  removalRanges,
  removedBlockIndexes,
  RemovedBlocks,
  stripSources,
} from '../../src/strip/index.js';
import type { Block, Cluster, FileResult, ScanResult, Source } from '../../src/types.js';
import { concat, makeDoc, paragraphs, text, type Doc } from './doc.js';

function strip(doc: Doc, remove: readonly number[]): Uint8Array {
  return applyRemovals(doc.bytes, removalRanges(doc.spans, new Set(remove), doc.bytes));
}

function stripText(doc: Doc, remove: readonly number[]): string {
  return text(strip(doc, remove));
}

describe('removalRanges + applyRemovals: the separator rule', () => {
  it('removes a middle block with the gap after it (contract example)', () => {
    const doc = paragraphs(['A', 'B', 'A', 'C']);
    expect(text(doc.bytes)).toBe('A\n\nB\n\nA\n\nC\n');
    expect(removalRanges(doc.spans, new Set([2]), doc.bytes)).toEqual([{ start: 6, end: 9 }]);
    expect(stripText(doc, [2])).toBe('A\n\nB\n\nC\n');
  });

  it('removes the last block with the gap before it, keeping the final newline', () => {
    const doc = paragraphs(['A', 'B', 'A']);
    expect(removalRanges(doc.spans, new Set([2]), doc.bytes)).toEqual([{ start: 4, end: 7 }]);
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
    expect(removalRanges(doc.spans, new Set([1, 2, 3]), doc.bytes)).toEqual([{ start: 3, end: 12 }]);
  });

  it('handles several separate runs in one file', () => {
    const doc = paragraphs(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(stripText(doc, [0, 2, 3, 5])).toBe('B\n\nE\n');
    expect(removalRanges(doc.spans, new Set([0, 2, 3, 5]), doc.bytes)).toHaveLength(3);
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
    // B keeps its own trailing tab; the removed line's trailing space goes with it
    expect(stripText(doc, [2])).toBe('A  \n\nB\t\n\n');
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
    // the space before the removed sentence goes, the gap after it stays
    expect(stripText(doc, [1])).toBe('One.  One.\n');
    expect(stripText(doc, [0])).toBe('Two.  One.\n');
  });

  it('returns no ranges and the same bytes for an empty set', () => {
    const doc = paragraphs(['A', 'B']);
    const ranges = removalRanges(doc.spans, new Set(), doc.bytes);
    expect(ranges).toEqual([]);
    expect(applyRemovals(doc.bytes, ranges)).toBe(doc.bytes);
    expect(removalRanges([], new Set(), new Uint8Array())).toEqual([]);
  });

  it('rejects indexes that are not blocks and spans out of order', () => {
    const doc = paragraphs(['A', 'B']);
    expect(() => removalRanges(doc.spans, new Set([2]), doc.bytes)).toThrow(RangeError);
    expect(() => removalRanges(doc.spans, new Set([-1]), doc.bytes)).toThrow(RangeError);
    expect(() => removalRanges(doc.spans, new Set([0.5]), doc.bytes)).toThrow(RangeError);
    const swapped = [doc.spans[1]!, doc.spans[0]!];
    expect(() => removalRanges(swapped, new Set([0]), doc.bytes)).toThrow(RangeError);
    // a block past the end of the bytes it is said to be in
    expect(() => removalRanges(doc.spans, new Set([0]), doc.bytes.subarray(0, 3))).toThrow(RangeError);
  });
});

describe('removalRanges: kept bytes stay (review regressions)', () => {
  it("keeps the previous kept line's trailing whitespace when the last block goes", () => {
    const doc = makeDoc('', ['P', 'Q', 'P'], ['\n\n', '   \n\n'], '\n');
    expect(text(doc.bytes)).toBe('P\n\nQ   \n\nP\n');
    expect(stripText(doc, [2])).toBe('P\n\nQ   \n');
  });

  it("does not move a removed block's indentation onto the next kept block", () => {
    const doc = makeDoc('', ['P', 'P', 'Q'], ['\n\n    ', '\n\n'], '\n');
    expect(text(doc.bytes)).toBe('P\n\n    P\n\nQ\n');
    expect(stripText(doc, [1])).toBe('P\n\nQ\n');
  });

  it("keeps the next kept block's own indentation", () => {
    const doc = makeDoc('', ['P', 'P', 'Q'], ['\n\n', '\n\n    '], '\n');
    expect(text(doc.bytes)).toBe('P\n\nP\n\n    Q\n');
    expect(stripText(doc, [1])).toBe('P\n\n    Q\n');
    expect(stripText(doc, [0])).toBe('P\n\n    Q\n');
  });

  it('sentence blocks: removing the last sentence of a paragraph does not join it to the next paragraph', () => {
    const doc = makeDoc('', ['First para here.', 'X.', 'Second para begins.', 'X.', 'Third para stands alone.'], [' ', '\n\n', ' ', '\n\n'], '\n');
    expect(text(doc.bytes)).toBe('First para here. X.\n\nSecond para begins. X.\n\nThird para stands alone.\n');
    expect(stripText(doc, [3])).toBe('First para here. X.\n\nSecond para begins.\n\nThird para stands alone.\n');
  });

  it('sentence blocks: a run across a paragraph break keeps the break, and the next line its indentation', () => {
    const doc = makeDoc('', ['A.', 'X.', 'Y.', 'B.'], [' ', '\n\n  ', ' '], '\n');
    expect(text(doc.bytes)).toBe('A. X.\n\n  Y. B.\n');
    expect(stripText(doc, [1, 2])).toBe('A.\n\n  B.\n');
    expect(stripText(doc, [2])).toBe('A. X.\n\n  B.\n');
    // the first sentence of an indented line
    const indented = makeDoc('   ', ['X.', 'Y.'], [' '], '\n');
    expect(stripText(indented, [0])).toBe('   Y.\n');
    // the last sentence of a file without a final newline
    const last = makeDoc('', ['A.', 'X.', 'Y.'], [' ', '\n\n'], '');
    expect(stripText(last, [1, 2])).toBe('A.');
  });

  it('line blocks: removing the last line of a group does not merge it with the next group', () => {
    const doc = makeDoc('', ['L1', 'L2', 'L3'], ['\n', '\n\n'], '\n');
    expect(text(doc.bytes)).toBe('L1\nL2\n\nL3\n');
    expect(stripText(doc, [1])).toBe('L1\n\nL3\n');
    expect(stripText(makeDoc('', ['L1', 'L2', 'L3'], ['\n\n', '\n'], '\n'), [1])).toBe('L1\n\nL3\n');
    // inside one group no blank line appears
    expect(stripText(paragraphs(['L1', 'L2', 'L3'], '\n'), [1])).toBe('L1\nL3\n');
  });

  it('keeps the widest line break that separated two kept blocks, even one between removed blocks', () => {
    const doc = makeDoc('', ['K', 'A', 'B', 'K2'], ['\n', '\n\n', '\n'], '\n');
    expect(stripText(doc, [1, 2])).toBe('K\n\nK2\n');
    const crlf = makeDoc('', ['K', 'A', 'B', 'K2'], ['\r\n', ' \r\n\r\n\t', '\r\n  '], '\r\n');
    expect(stripText(crlf, [1, 2])).toBe('K\r\n\r\n  K2\r\n');
  });

  it('the doubled-paragraph scrape keeps one copy with one separator', () => {
    const doc = paragraphs(['P1', 'P2', 'P1', 'P2', 'P3']);
    expect(stripText(doc, [2, 3])).toBe('P1\n\nP2\n\nP3\n');
    expect(removalRanges(doc.spans, new Set([2, 3]), doc.bytes)).toEqual([{ start: 8, end: 16 }]);
  });

  it('keeps a missing final newline missing with CRLF', () => {
    const doc = paragraphs(['A', 'B', 'A'], '\r\n\r\n', '');
    expect(stripText(doc, [2])).toBe('A\r\n\r\nB');
  });

  it('keeps NBSP and other whitespace of kept lines, and a BOM before an indented first block', () => {
    const doc = makeDoc('\uFEFF  ', ['A', 'B', 'A'], ['\u00A0\n\n\t', '\u00A0\f\n\n'], '\n');
    expect(text(strip(doc, [2]))).toBe('\uFEFF  A\u00A0\n\n\tB\u00A0\f\n');
    expect(text(strip(doc, [0]))).toBe('\uFEFF\tB\u00A0\f\n\nA\n');
    expect(text(strip(doc, [0, 1, 2]))).toBe('\uFEFF\n');
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

  it('rejects a removed block whose index is not its position in the file', () => {
    const doc = paragraphs(['X', 'Y', 'X']);
    // a producer that numbered blocks from 10: Block.index must be the position
    const blocks = blocksOf(doc, 0).map((b) => ({ ...b, index: b.index + 10 }));
    const r = scan([fileResult('x.txt', blocks, 1)], [cluster(1, [[blocks[0]!, true], [blocks[2]!, false]])]);
    expect(() => stripSources([{ path: 'x.txt', bytes: doc.bytes }], r)).toThrow(RangeError);
    // a filtered list: index 2 is at position 1
    const filtered = [blocksOf(doc, 0)[0]!, blocksOf(doc, 0)[2]!];
    const r2 = scan([fileResult('x.txt', filtered, 1)], [cluster(1, [[filtered[0]!, true], [filtered[1]!, false]])]);
    expect(() => stripSources([{ path: 'x.txt', bytes: doc.bytes }], r2)).toThrow(RangeError);
  });

  it('combines two files into the expected bytes', () => {
    const out = stripSources(sources, result);
    expect(concat(out).length).toBe(docA.bytes.length - 6 + docB.bytes.length - 5 + docC.bytes.length);
  });
});

describe('RemovedBlocks', () => {
  it('holds more than a Set can (2^24), in order, each index once, growing past its first room', () => {
    const many = (1 << 24) + 3;
    const set = new RemovedBlocks(10);
    for (let i = many - 1; i >= 0; i -= 1) set.add(i);
    set.add(5);
    expect(set.size).toBe(many);
    expect(set.span).toBe(many);
    expect(set.has(many - 1)).toBe(true);
    expect(set.has(many)).toBe(false);
    let count = 0;
    let last = -1;
    for (const i of set) {
      if (i !== last + 1) throw new Error(`out of order at ${i}`);
      last = i;
      count++;
    }
    expect(count).toBe(many);
  });

  it('refuses an index that is not a position, and stripping refuses one past the file', () => {
    const set = new RemovedBlocks(2);
    expect(() => set.add(-1)).toThrow(RangeError);
    expect(() => set.add(0.5)).toThrow(RangeError);
    set.add(1);
    set.add(3);
    expect([...set]).toEqual([1, 3]);
    const doc = paragraphs(['X', 'Y']);
    const blocks = blocksOf(doc, 0);
    const stray = { ...blocks[1]!, index: 7 };
    const r = scan([fileResult('x.txt', blocks, 1)], [cluster(1, [[blocks[0]!, true], [stray, false]])]);
    expect(() => stripSources([{ path: 'x.txt', bytes: doc.bytes }], r)).toThrow(RangeError);
  });
});

describe('removedBlockIndexes with indexed members', () => {
  it('skips a member that stands for a block of an earlier run (source -1), even when not kept', async () => {
    const { scanTexts } = await import('../../src/index.js');
    const para = 'A footer paragraph that is long enough to count, seen on many pages before.';
    const result = await scanTexts([{ path: 'p.txt', content: `${para}\n\n${para}\n` }]);
    const cluster = result.clusters[0];
    expect(cluster).toBeDefined();
    const reference = {
      block: { source: -1, index: -1, startOffset: 0, endOffset: 0, startLine: 3, endLine: 3, text: '' },
      keep: false,
      similarity: 1,
      indexed: { path: 'old.txt', line: 3, firstSeen: 0, seq: 1, documents: 9 },
    };
    const withReference = { ...result, clusters: [{ ...cluster, id: 1, kind: 'boilerplate' as const, documents: 9, members: [reference, ...(cluster?.members ?? [])] }] };
    const removed = removedBlockIndexes(withReference);
    expect([...removed.keys()]).toEqual([0]);
    expect(() => stripSources([{ path: 'p.txt', bytes: new TextEncoder().encode(`${para}\n\n${para}\n`) }], withReference)).not.toThrow();
  });
});
