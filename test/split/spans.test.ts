/** Blocks as columns (src/split/spans.ts): what they hold, the objects made from them, and a scan's files. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scanTexts } from '../../src/pipeline.js';
import { splitSource, splitSpans } from '../../src/split/index.js';
import { blockCount, RunBlocks, scannedColumns, SplitBlocks, spansOf } from '../../src/split/spans.js';
import { stripSources } from '../../src/strip/index.js';

const enc = new TextEncoder();

describe('SplitBlocks', () => {
  it('keeps every block pushed, past its first capacity, and gives back the room left', () => {
    const bytes = new Uint8Array(100);
    const blocks = new SplitBlocks(bytes, 3, 1);
    for (let k = 0; k < 37; k++) blocks.push(k, k + 1, 2 * k + 1, 2 * k + 2);
    expect(blocks.trim().length).toBe(37);
    for (let k = 0; k < 37; k++) {
      expect([blocks.startOf(k), blocks.endOf(k), blocks.startLineOf(k), blocks.endLineOf(k)]).toEqual([k, k + 1, 2 * k + 1, 2 * k + 2]);
    }
    const b = blocks.at(36);
    expect(b).toMatchObject({ source: 3, index: 36, startOffset: 36, endOffset: 37, startLine: 73, endLine: 74 });
  });

  it('makes one object per block, the same each time, with its text decoded or its own', () => {
    const bytes = enc.encode('alpha\n\nbéta\n');
    const own = new SplitBlocks(bytes, 0, 2, true);
    own.push(0, 5, 1, 1, 'ALPHA');
    own.push(7, 12, 3, 3, 'BETA');
    expect(own.at(1)).toBe(own.at(1));
    expect(own.at(0).text).toBe('ALPHA');
    expect(own.textOf(1)).toBe('BETA');
    const decoded = new SplitBlocks(bytes, 0, 2);
    decoded.push(0, 5, 1, 1);
    decoded.push(7, 12, 3, 3);
    expect(decoded.at(1).text).toBe('béta');
    expect(decoded.textOf(0)).toBe('alpha');
    expect(decoded.all()).toEqual([decoded.at(0), decoded.at(1)]);
    expect(decoded.all()[0]).toBe(decoded.at(0));
    expect(() => decoded.at(2)).toThrow(RangeError);
    expect(() => decoded.at(-1)).toThrow(RangeError);
  });

  it('grows from no room at all (a split trimmed to no blocks)', () => {
    const blocks = new SplitBlocks(new Uint8Array(10), 0, 0).trim();
    blocks.push(2, 5, 1, 1);
    expect([blocks.length, blocks.startOf(0), blocks.endOf(0)]).toEqual([1, 2, 5]);
  });

  it('holds offsets past 4 GiB for a source that long (64-bit columns)', () => {
    // A stand-in for a mapped input of 5 GiB: only its length is read.
    const huge = { length: 5 * 2 ** 30 } as unknown as Uint8Array;
    const blocks = new SplitBlocks(huge, 0, 1);
    blocks.push(2 ** 32 + 7, 2 ** 32 + 70, 2 ** 31 + 5, 2 ** 31 + 6);
    blocks.push(5 * 2 ** 30 - 9, 5 * 2 ** 30 - 1, 2 ** 32 + 1, 2 ** 32 + 1);
    expect([blocks.startOf(0), blocks.endOf(0), blocks.startLineOf(0), blocks.endLineOf(0)]).toEqual([2 ** 32 + 7, 2 ** 32 + 70, 2 ** 31 + 5, 2 ** 31 + 6]);
    expect([blocks.startOf(1), blocks.endOf(1), blocks.endLineOf(1)]).toEqual([5 * 2 ** 30 - 9, 5 * 2 ** 30 - 1, 2 ** 32 + 1]);
  });
});

describe('splitSpans', () => {
  it('gives the blocks splitSource gives, for every unit (property)', () => {
    const line = fc.oneof(fc.constantFrom('', ' ', 'Hello there.', 'Two. Sentences here!', 'é ü “quoted”'), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.constantFrom('paragraph', 'line', 'sentence', 'auto' as const), fc.boolean(), (lines, unit, raw) => {
        const bytes = enc.encode(lines.join('\n'));
        const spans = splitSpans(bytes, unit, 2, raw);
        const blocks = splitSource(bytes, unit, 2, raw).blocks;
        expect(spans.blocks.length).toBe(blocks.length);
        expect(spans.blocks.all().map((b) => ({ ...b, text: b.text }))).toEqual(blocks.map((b) => ({ ...b, text: b.text })));
        blocks.forEach((b, k) => {
          expect(spans.blocks.textOf(k)).toBe(b.text);
          expect([spans.blocks.startOf(k), spans.blocks.endOf(k)]).toEqual([b.startOffset, b.endOffset]);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('RunBlocks', () => {
  it('numbers the blocks of several sources one after another', () => {
    const texts = ['a\n\nb\n\nc', '', 'd\n\ne'];
    const splits = texts.map((t, i) => splitSpans(enc.encode(t), 'paragraph', i).blocks);
    const run = new RunBlocks(splits);
    expect(run.length).toBe(5);
    expect([0, 1, 2, 3, 4].map((id) => run.sourceOf(id))).toEqual([0, 0, 0, 2, 2]);
    expect([0, 1, 2, 3, 4].map((id) => run.textOf(id))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(run.block(3)).toBe(splits[2]?.at(0));
    expect([run.startOf(4), run.endOf(4), run.startLineOf(4)]).toEqual([3, 4, 3]);
    expect(() => run.block(5)).toThrow(RangeError);
  });

  it('reads as spansOf reads Block objects', () => {
    const texts = ['one\n\ntwo', 'three\n\nfour\n\nfive'];
    const splits = texts.map((t, i) => splitSpans(enc.encode(t), 'paragraph', i).blocks);
    const run = new RunBlocks(splits);
    const objects = spansOf(splits.flatMap((s) => [...s.all()]));
    for (let id = 0; id < run.length; id++) {
      expect([run.sourceOf(id), run.startOf(id), run.endOf(id), run.textOf(id)]).toEqual([objects.sourceOf(id), objects.startOf(id), objects.endOf(id), objects.textOf(id)]);
    }
  });
});

describe("a scan's files", () => {
  const inputs = [
    { path: 'a.txt', content: 'The same paragraph of text here.\n\nSomething else entirely.\n\nThe same paragraph of text here.' },
    { path: 'b.txt', content: 'Another file.\n\nThe same paragraph of text here.' },
  ];

  it('make their Block objects when read, the ones the clusters hold', async () => {
    const result = await scanTexts(inputs);
    const file = result.files[0];
    expect(file).toBeDefined();
    if (file === undefined) return;
    expect(typeof Object.getOwnPropertyDescriptor(file, 'blocks')?.get).toBe('function');
    expect(Object.keys(file)).toEqual(['path', 'unit', 'blocks', 'duplicateBlocks']);
    expect(blockCount(file)).toBe(3);
    expect(scannedColumns(file)?.length).toBe(3);
    expect(file.blocks.map((b) => b.text)).toEqual(['The same paragraph of text here.', 'Something else entirely.', 'The same paragraph of text here.']);
    expect(file.blocks).toBe(file.blocks);
    for (const c of result.clusters) {
      for (const m of c.members) expect(result.files[m.block.source]?.blocks[m.block.index]).toBe(m.block);
    }
    expect(JSON.parse(JSON.stringify(file)).blocks).toHaveLength(3);
  });

  it('show their blocks to util.inspect, and take other blocks when set (then stripped by those)', async () => {
    const { inspect } = await import('node:util');
    const result = await scanTexts(inputs);
    const file = result.files[1];
    if (file === undefined) throw new Error('no file');
    expect(inspect(file, { depth: 4 })).toContain("text: 'The same paragraph of text here.'");
    expect(inspect(file, { depth: 4 })).not.toContain('Getter');
    const sources = inputs.map((i) => ({ path: i.path, bytes: enc.encode(i.content) }));
    const before = stripSources(sources, result).map((b) => new TextDecoder().decode(b));
    expect(before[1]).toBe('Another file.');
    // Set to blocks of their own: a plain property from then on, and what stripping reads.
    (file as { blocks: unknown }).blocks = file.blocks.slice(0, 1);
    expect(Object.getOwnPropertyDescriptor(file, 'blocks')?.get).toBeUndefined();
    expect(scannedColumns(file)).toBeUndefined();
    expect(blockCount(file)).toBe(1);
    expect(() => stripSources(sources, result)).toThrow(RangeError);
  });

  it('strip through their columns as through their Block objects', async () => {
    const result = await scanTexts(inputs);
    const sources = inputs.map((i) => ({ path: i.path, bytes: enc.encode(i.content) }));
    // The same result with plain files (no columns behind them).
    const plain = { ...result, files: result.files.map((f) => ({ path: f.path, unit: f.unit, blocks: [...f.blocks], duplicateBlocks: f.duplicateBlocks })) };
    expect(scannedColumns(plain.files[0] as (typeof plain.files)[0])).toBeUndefined();
    const viaColumns = stripSources(sources, result).map((b) => new TextDecoder().decode(b));
    expect(viaColumns).toEqual(stripSources(sources, plain).map((b) => new TextDecoder().decode(b)));
    expect(viaColumns).toEqual(['The same paragraph of text here.\n\nSomething else entirely.', 'Another file.']);
  });
});
