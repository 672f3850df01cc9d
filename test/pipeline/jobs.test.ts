/**
 * --jobs: the per-block work on worker threads gives the very result of the
 * calling thread alone (the worker is the built dist/prepare/worker.js: npm test
 * builds first).
 */
import { describe, expect, it } from 'vitest';
import { buildEvalCorpus } from '../../bench/corpus.mjs';
import { scanTexts } from '../../src/pipeline.js';
import { batchesOf } from '../../src/prepare/batches.js';
import { prepareBlocks } from '../../src/prepare/index.js';
import { BUDGET } from './texts.js';

describe('batchesOf', () => {
  it('cuts consecutive texts into batches of about the given size, none empty, nothing lost', () => {
    const texts = ['aaaa', 'bb', 'c', 'dddddd', 'e'];
    expect(batchesOf(texts, 5)).toEqual([['aaaa', 'bb'], ['c', 'dddddd'], ['e']]);
    expect(batchesOf(texts, 1000)).toEqual([texts]);
    expect(batchesOf([], 5)).toEqual([]);
  });
});

describe('prepareBlocks', () => {
  it('marks blocks under min length, keeps normalized keys, gives words and a signature to blocks with enough words', () => {
    const p = prepareBlocks(['tiny', BUDGET, 'Short line that counts.'], { raw: false, minLength: 20, minWords: 12, exactOnly: false });
    expect(Array.from(p.counted)).toEqual([0, 1, 1]);
    expect(p.normalized[0]).toBeNull();
    expect(p.normalized[1]).toBe(BUDGET.toLowerCase());
    expect(Array.from(p.near)).toEqual([0, 1, 0]);
    expect((p.wordStart[2] as number) - (p.wordStart[1] as number)).toBe(43);
    expect(p.signatures).toHaveLength(128);
  });

  it('raw: no normalized text (the key is the bytes); exact only: no words', () => {
    const p = prepareBlocks([BUDGET], { raw: true, minLength: 0, minWords: 12, exactOnly: true });
    expect(Array.from(p.counted)).toEqual([1]);
    expect(p.normalized[0]).toBeNull();
    expect(p.words).toHaveLength(0);
    expect(p.signatures).toHaveLength(0);
  });
});

describe('scanTexts with jobs', () => {
  // About 3 MB of documents with planted exact, re-typeset and edited copies: several batches.
  const corpus = buildEvalCorpus({ seed: 5, docs: 220, paragraphsPerDoc: 15 });
  const inputs = corpus.documents.map((d) => ({ path: d.path, content: d.text }));

  it('gives the same result on 1, 2 and 3 worker threads', async () => {
    const chars = inputs.reduce((n, i) => n + i.content.length, 0);
    expect(chars).toBeGreaterThan(2_500_000); // more than one batch
    const one = await scanTexts(inputs, {}, { jobs: 1 });
    expect(one.clusters.length).toBeGreaterThan(100);
    expect(await scanTexts(inputs, {}, { jobs: 2 })).toEqual(one);
    expect(await scanTexts(inputs, { threshold: 0.8, unit: 'sentence' }, { jobs: 3 })).toEqual(await scanTexts(inputs, { threshold: 0.8, unit: 'sentence' }));
  });

  it('raw and exact-only scans too', async () => {
    const slice = inputs.slice(0, 120);
    expect(await scanTexts(slice, { raw: true }, { jobs: 2 })).toEqual(await scanTexts(slice, { raw: true }));
    expect(await scanTexts(slice, { exact: true }, { jobs: 2 })).toEqual(await scanTexts(slice, { exact: true }));
  });
});
