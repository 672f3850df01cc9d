/**
 * --jobs: the per-block work on worker threads gives the very result of the
 * calling thread alone (the worker is the built dist/prepare/worker.js: npm test
 * builds first).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEvalCorpus } from '../../bench/corpus.mjs';
import { scanTexts } from '../../src/pipeline.js';
import { batchBounds, textsInput } from '../../src/prepare/batches.js';
import { bandKeys } from '../../src/lsh/index.js';
import { blockWordsInto, prepareBlocks } from '../../src/prepare/index.js';
import { WordCache } from '../../src/prepare/wordcache.js';
import { specialOf } from '../../src/normalize/ascii.js';
import { normalize } from '../../src/normalize/index.js';
import { BUDGET } from './texts.js';

describe('batchBounds', () => {
  it('cuts consecutive items into batches of about the given size, none empty, nothing lost', () => {
    const sizes = [4, 2, 1, 6, 1];
    const size = (i: number): number => sizes[i] as number;
    expect(batchBounds(5, size, 5)).toEqual([0, 2, 4, 5]);
    expect(batchBounds(5, size, 1000)).toEqual([0, 5]);
    expect(batchBounds(4, size, 5)).toEqual([0, 2, 4]);
    expect(batchBounds(0, size, 5)).toEqual([0]);
  });
});

describe('prepareBlocks', () => {
  it('marks blocks under min length, keeps normalized keys, gives words and a signature to blocks with enough words', () => {
    const p = prepareBlocks(textsInput(['tiny', BUDGET, 'Short line that counts.']), { raw: false, minLength: 20, minWords: 12, exactOnly: false });
    expect(Array.from(p.counted)).toEqual([0, 1, 1]);
    expect(p.normalized[0]).toBeNull();
    // Read from its plain ASCII bytes: the normalized text is not made (the caller makes it if needed).
    expect(p.normalized[1]).toBeNull();
    expect(prepareBlocks(textsInput([BUDGET], true), { raw: false, minLength: 20, minWords: 12, exactOnly: false }).normalized[0]).toBe(BUDGET.toLowerCase());
    expect(Array.from(p.near)).toEqual([0, 1, 0]);
    expect((p.wordStart[2] as number) - (p.wordStart[1] as number)).toBe(43);
    expect(p.signatures).toHaveLength(128);
  });

  it('gives the band keys of every signature when asked for (opts.lsh)', () => {
    const lsh = { bands: 42, rows: 3 };
    const p = prepareBlocks(textsInput([BUDGET, 'tiny', `${BUDGET} And then some more words.`]), { raw: false, minLength: 20, minWords: 12, exactOnly: false, lsh });
    expect(p.bandKeys).toHaveLength(2 * 42);
    for (let j = 0; j < 2; j++) {
      expect(Array.from(p.bandKeys.subarray(j * 42, (j + 1) * 42))).toEqual(Array.from(bandKeys(p.signatures.subarray(j * 128, (j + 1) * 128), lsh)));
    }
    expect(prepareBlocks(textsInput([BUDGET]), { raw: false, minLength: 20, minWords: 12, exactOnly: false }).bandKeys).toHaveLength(0);
  });

  it('sketches are the low bytes of the signatures; signatures are left out when not wanted', () => {
    const texts = textsInput([BUDGET, 'tiny', `${BUDGET} And then some more words.`]);
    const opts = { raw: false, minLength: 20, minWords: 12, exactOnly: false };
    const p = prepareBlocks(texts, opts);
    expect(p.sketches).toHaveLength(2 * 128);
    expect(Array.from(p.sketches)).toEqual(Array.from(p.signatures, (v) => v & 0xff));
    const lean = prepareBlocks(texts, { ...opts, signatures: false });
    expect(lean.signatures).toHaveLength(0);
    expect(Array.from(lean.sketches)).toEqual(Array.from(p.sketches));
    expect(Array.from(lean.words)).toEqual(Array.from(p.words));
  });

  it('raw: no normalized text (the key is the bytes); exact only: no words', () => {
    const p = prepareBlocks(textsInput([BUDGET]), { raw: true, minLength: 0, minWords: 12, exactOnly: true });
    expect(Array.from(p.counted)).toEqual([1]);
    expect(p.normalized[0]).toBeNull();
    expect(p.words).toHaveLength(0);
    expect(p.signatures).toHaveLength(0);
  });
});

describe('prepareBlocks from bytes', () => {
  // Plain ASCII (read from the bytes in one pass) mixed with what is not (decoded, normalized as a string).
  const PARTS = [' ', '  ', '\n', '-', ' - ', 'Word', 'word', 'WORDS', '42', '.', ',', 'caf\u00e9', 'it\u2019s', '\u2011', 'a`b', '\u00a0', 'Stra\u00dfe', '\u6771\u4eac'];
  const block = fc.array(fc.constantFrom(...PARTS), { maxLength: 30 }).map((p) => p.join(''));
  const options = fc.record({ raw: fc.boolean(), minLength: fc.constantFrom(0, 5, 20), minWords: fc.constantFrom(0, 3, 12), exactOnly: fc.boolean() });

  /** Whether the byte scanner reads a text (plain ASCII and its special characters), normalized. */
  const byteRead = (t: string): boolean => Array.from(t).every((ch) => /^[\t\n\r\x20-\x5f\x61-\x7e]$/.test(ch) || specialOf(ch.codePointAt(0) as number) !== undefined);

  it('gives what the string path gives: the same keys, words and signatures (property)', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 12 }), options, (texts, opts) => {
        const fromBytes = prepareBlocks(textsInput(texts), opts);
        const fromTexts = prepareBlocks(textsInput(texts, true), opts);
        const { normalized: n1, ascii: a1, ...rest1 } = fromBytes;
        const { normalized: n2, ascii: a2, ...rest2 } = fromTexts;
        expect(rest1).toEqual(rest2);
        // Given their texts, blocks are never read from bytes; else the counted plain ASCII ones are.
        expect(Array.from(a2)).toEqual(texts.map(() => 0));
        expect(Array.from(a1)).toEqual(texts.map((t, i) => (fromBytes.counted[i] === 1 && (opts.raw ? /^[\x00-\x7f]*$/.test(t) : byteRead(t)) ? 1 : 0)));
        // A normalized text is left out only when the block was read from its bytes (or is the text itself).
        n1.forEach((t, i) => {
          // (Read from bytes with special characters, the key is there even when it is the text itself.)
          if (t !== null) expect(t).toBe(n2[i] ?? normalize(texts[i] as string));
          else if (n2[i] !== null) expect(byteRead(texts[i] as string)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
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

  it('the same result whether keys and words are kept, made again, or spilled', async () => {
    const slice = inputs.slice(0, 120);
    for (const options of [{}, { unit: 'sentence' as const }, { raw: true }, { keep: 'longest' as const }]) {
      const kept = await scanTexts(slice, options);
      expect(kept.clusters.filter((c) => c.kind === 'near').length).toBeGreaterThan(5);
      expect(await scanTexts(slice, options, { keepBytes: 0 })).toEqual(kept);
      expect(await scanTexts(slice, options, { keepBytes: 100_000, jobs: 2 })).toEqual(kept);
    }
  });

  it('the same result whether the sketches are kept at 8 bits or narrowed to 4, at any point', async () => {
    const slice = inputs.slice(0, 120);
    for (const options of [{}, { unit: 'sentence' as const }, { threshold: 0.5 }]) {
      const wide = await scanTexts(slice, options, { narrowSketchesAt: Infinity });
      expect(wide.clusters.filter((c) => c.kind === 'near').length).toBeGreaterThan(5);
      expect(await scanTexts(slice, options, { narrowSketchesAt: 0 })).toEqual(wide);
      expect(await scanTexts(slice, options, { narrowSketchesAt: 700, jobs: 2 })).toEqual(wide);
    }
  });

  it('words made again may outnumber the bytes (NFKC makes several characters of one)', async () => {
    // U+3317 (3 bytes) normalizes to five katakana: five words.
    const long = '\u3317'.repeat(5000);
    const texts = [{ path: 'a', content: `${long}\n\n${long} x\n\nOther words here, quite unlike the rest of it.\n\n${'\u3317 '.repeat(40)}end\n\n${'\u3317 '.repeat(40)}fin\n` }];
    const kept = await scanTexts(texts);
    expect(kept.clusters).toHaveLength(2);
    expect(await scanTexts(texts, {}, { keepBytes: 0 })).toEqual(kept);
  });

  it('raw and exact-only scans too', async () => {
    const slice = inputs.slice(0, 120);
    expect(await scanTexts(slice, { raw: true }, { jobs: 2 })).toEqual(await scanTexts(slice, { raw: true }));
    expect(await scanTexts(slice, { exact: true }, { jobs: 2 })).toEqual(await scanTexts(slice, { exact: true }));
  });
});

describe('blockWordsInto', () => {
  // Plain ASCII (read from the bytes) and not (decoded, normalized as a string), raw or not, from bytes or texts.
  const PARTS = [' ', '\n', '-', 'Word', 'word', 'WORDS', '42', '.', 'caf\u00e9', 'it\u2019s', '\u2011', '\u00a0', '\u6771\u4eac'];
  it('gives the words prepareBlocks gives each block (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...PARTS), { maxLength: 30 }).map((p) => p.join('')), { minLength: 1, maxLength: 6 }), fc.boolean(), fc.boolean(), (texts, raw, withTexts) => {
        const input = textsInput(texts, withTexts);
        const p = prepareBlocks(input, { raw, minLength: 0, minWords: 0, exactOnly: false });
        texts.forEach((text, i) => {
          const start = i === 0 ? 0 : (input.ends[i - 1] as number);
          const out = new Int32Array(3 + (input.ends[i] as number) - start).fill(7);
          const n = blockWordsInto(input.bytes, start, input.ends[i] as number, withTexts ? text : null, raw, out, 3);
          expect(out[0]).toBe(7);
          expect(Array.from(out.subarray(3, 3 + n))).toEqual(Array.from(p.words.subarray(p.wordStart[i] as number, p.wordStart[i + 1] as number)));
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('WordCache', () => {
  it('gives each id its words, across slab switches; a view stays valid through the next call (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { minLength: 1, maxLength: 300 }), fc.integer({ min: 8, max: 64 }), (ids, slab) => {
        // Block id has id % 13 words (id * 1000 + k); blocks of more than slab / 4 words get arrays of their own.
        const wordsOf = (id: number): number[] => Array.from({ length: id % 13 }, (_, k) => id * 1000 + k);
        let made = 0;
        const cache = new WordCache(
          (id, out, at) => {
            made++;
            out.set(wordsOf(id), at);
            return id % 13;
          },
          (id) => id % 13,
          slab,
        );
        let previous: [number, Int32Array] | undefined;
        for (const id of ids) {
          const view = cache.get(id);
          expect(Array.from(view)).toEqual(wordsOf(id));
          if (previous) expect(Array.from(previous[1])).toEqual(wordsOf(previous[0]));
          previous = [id, view];
        }
        // The last one asked for again is served from the slab, not made again.
        const before = made;
        const last = ids[ids.length - 1] as number;
        expect(Array.from(cache.get(last))).toEqual(wordsOf(last));
        if (last % 13 <= slab / 4) expect(made).toBe(before);
      }),
      { numRuns: 300 },
    );
  });
});
