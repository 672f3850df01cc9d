/**
 * prepareOnThreads (--jobs with the native scan): each batch's result is what
 * prepareBlocks gives it, whether the native scan took it on another thread,
 * left blocks of it to the calling thread, or handed the rest of the batches to
 * the fallback; and a scan gives the same report with it as without it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSource } from '../../src/split/index.js';
import { spansOf } from '../../src/split/spans.js';
import { batchBounds, batchInput } from '../../src/prepare/batches.js';
import { type PrepareOptions, type PreparedBlocks, prepareBlocks } from '../../src/prepare/index.js';
import { nativeScan } from '../../src/prepare/native.js';
import { prepareOnThreads } from '../../src/prepare/threads.js';
import { scanTexts } from '../../src/pipeline.js';
import type { Block, Source } from '../../src/types.js';

const native = nativeScan();
const encoder = new TextEncoder();

/** Every array of a PreparedBlocks as plain arrays, to compare. */
const plain = (p: PreparedBlocks): unknown[] => [p.counted, p.normalized, p.keyHashes, p.lengths, p.ascii, p.near, p.kept, p.wordStart, p.words, p.bandKeys, p.signatures, p.sketches].map((a) => (ArrayBuffer.isView(a) ? Array.from(a as Uint8Array) : a));

/** The batches of `texts` (one input per text), through prepareOnThreads and through prepareBlocks. */
async function bothWays(texts: string[], opts: PrepareOptions, batchBytes: number, withFallback: boolean): Promise<{ threads: unknown[][]; direct: unknown[][]; fellBack: number | undefined }> {
  const sources: Source[] = texts.map((t, i) => ({ path: `t${i}`, bytes: encoder.encode(t) }));
  const blocks: Block[] = sources.flatMap((s, i) => splitSource(s.bytes, 'paragraph', i).blocks);
  const spans = spansOf(blocks);
  const bounds = batchBounds(blocks.length, (i) => (blocks[i] as Block).endOffset - (blocks[i] as Block).startOffset, batchBytes);
  const inputOf = (b: number) => batchInput(spans, sources, bounds[b] as number, bounds[b + 1] as number, false);
  const direct = bounds.slice(1).map((_, b) => plain(prepareBlocks(inputOf(b), opts)));
  let fellBack: number | undefined;
  const fallback = async function* (from: number): AsyncGenerator<PreparedBlocks> {
    fellBack = from;
    for (let b = from; b < bounds.length - 1; b++) yield prepareBlocks(inputOf(b), opts);
  };
  const threads: unknown[][] = [];
  if (native === null) throw new Error('unreachable');
  for await (const p of prepareOnThreads(native, { blocks: spans, sources, bounds, optsOf: () => opts, inputOf }, withFallback ? fallback : undefined, 2)) threads.push(plain(p));
  return { threads, direct, fellBack };
}

const PARTS = ['The quick brown fox', ' jumps over', ' the lazy dog.', ' \u201cQuoted\u201d', ' it\u2019s', ' \u2014 ', '\n', '\n\n', '\n\n', ' caf\u00e9', ' 42', ' Word'];
const GREEK = [' \u03b1\u03b2\u03b3', ' \u03a9\u03bc\u03b5\u03b3\u03b1'];
const doc = (parts: string[]) => fc.array(fc.constantFrom(...parts), { maxLength: 80 }).map((p) => p.join(''));
const opts = fc.record({
  raw: fc.constant(false),
  minLength: fc.constantFrom(0, 20),
  minWords: fc.constantFrom(1, 4, 12),
  exactOnly: fc.boolean(),
  keep: fc.boolean(),
  signatures: fc.boolean(),
  lsh: fc.constantFrom(undefined, { bands: 42, rows: 3 }),
});

describe.runIf(native !== null)('prepareOnThreads', () => {
  it('gives each batch what prepareBlocks gives it, blocks in one input or across inputs, text the scan takes or not (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(doc([...PARTS, ...GREEK]), { minLength: 1, maxLength: 4 }), opts, fc.constantFrom(40, 200, 1 << 20), async (texts, o, size) => {
        const { threads, direct } = await bothWays(texts, o, size, false);
        expect(threads).toEqual(direct);
      }),
      { numRuns: 150 },
    );
  });

  it('hands the batches after the third that needed the calling thread to the fallback, with the same results', async () => {
    // Every paragraph has Greek (the string path's): every batch needs the calling thread.
    const text = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} \u03b1\u03b2\u03b3 with enough words to be near matched here.`).join('\n\n');
    const o = { raw: false, minLength: 0, minWords: 4, exactOnly: false, lsh: { bands: 42, rows: 3 } };
    const { threads, direct, fellBack } = await bothWays([text], o, 60, true);
    expect(threads).toEqual(direct);
    expect(fellBack).toBeGreaterThanOrEqual(3);
    expect(fellBack).toBeLessThan(direct.length);
    // Plain text never falls back.
    const latin = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} \u201cquoted\u201d with enough words to be near matched here.`).join('\n\n');
    const second = await bothWays([latin], o, 60, true);
    expect(second.threads).toEqual(second.direct);
    expect(second.fellBack).toBeUndefined();
  });

  it('gives a scan with --jobs 2 the report of --jobs 1', async () => {
    const para = (i: number) => `Paragraph number ${i % 50} says \u201cthe same\u201d thing again, with words enough to count${i % 7 === 0 ? ' \u03b1' : ''}.`;
    const content = Array.from({ length: 30_000 }, (_, i) => para(i)).join('\n\n');
    const one = await scanTexts([{ path: 'a', content }], {}, { jobs: 1 });
    const two = await scanTexts([{ path: 'a', content }], {}, { jobs: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.summary.duplicateBlocks).toBeGreaterThan(0);
  });
});
