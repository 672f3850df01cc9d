import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  explainSimilarity,
  jaccard,
  lcsLength,
  LCS_MAX_CELLS,
  LEVENSHTEIN_MAX_CHARS,
  levenshteinRatio,
  reportedSimilarity,
  wordSimilarity,
} from '../../src/verify/index.js';
import { nativeScan, useNativeScan } from '../../src/prepare/native.js';

/** Reference O(n·m) dynamic programme. */
function lcsReference(x: readonly number[], y: readonly number[]): number {
  const m = y.length;
  let prev = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const cur = new Array<number>(m + 1).fill(0);
    for (let j = 1; j <= m; j++) {
      cur[j] = x[i - 1] === y[j - 1] ? (prev[j - 1] as number) + 1 : Math.max(prev[j] as number, cur[j - 1] as number);
    }
    prev = cur;
  }
  return prev[m] as number;
}

/** Sequences over a small alphabet (so there is a lot in common), long enough to need 1..7 32-bit words. */
const seq = (alphabet: number, maxLength: number) =>
  fc.array(fc.integer({ min: 0, max: alphabet - 1 }), { maxLength });

/** Symbols as they really come: signed 32-bit hashes, including the sign bit and extremes. */
const SYMBOLS = [0, 1, -1, 0x7fffffff, -0x80000000, 123456789, -987654321, 42];
const hashSeq = (maxLength: number) =>
  fc.array(fc.constantFrom(...SYMBOLS), { maxLength }).map((a) => Int32Array.from(a));

describe.runIf(nativeScan() !== null)('lcsLength and wordSimilarity in C (Int32Array words)', () => {
  /** f with the native code off. */
  const inTypeScript = <T>(f: () => T): T => {
    const was = useNativeScan(false);
    try {
      return f();
    } finally {
      useNativeScan(was);
    }
  };

  it('matches the DP reference, and the TypeScript code with any atLeast, past word boundaries and on signed symbols (property)', () => {
    const sym = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom(-1, 2 ** 31 - 1, -(2 ** 31), 0x5bd1e995 | 0));
    fc.assert(
      fc.property(fc.array(sym, { maxLength: 300 }), fc.array(sym, { maxLength: 300 }), fc.double({ min: 0, max: 1, noNaN: true }), (x, y, atLeast) => {
        const a = Int32Array.from(x);
        const b = Int32Array.from(y);
        expect(lcsLength(a, b)).toBe(lcsReference(x, y));
        expect(wordSimilarity(a, b, atLeast)).toBe(inTypeScript(() => wordSimilarity(a, b, atLeast)));
      }),
      { numRuns: 400 },
    );
  });

  it('takes a shorter sequence of up to 4096 words, and leaves longer ones to the TypeScript code', () => {
    for (const n of [255, 256, 257, 4096, 4097]) {
      const a = Int32Array.from({ length: n }, (_, i) => (i * 7919) % 1000);
      const b = Int32Array.from({ length: n + 3 }, (_, i) => (i * 7919 + 1) % 1000);
      expect(lcsLength(a, b), `n=${n}`).toBe(inTypeScript(() => lcsLength(a, b)));
    }
  });
});

describe('lcsLength', () => {
  it('known values', () => {
    expect(lcsLength([], [])).toBe(0);
    expect(lcsLength([1, 2, 3], [])).toBe(0);
    expect(lcsLength([1, 2, 3], [1, 2, 3])).toBe(3);
    expect(lcsLength([1, 2, 3, 4], [2, 4])).toBe(2);
    expect(lcsLength([1, 2, 3], [3, 2, 1])).toBe(1);
    // ABCBDAB / BDCABA -> 4
    expect(lcsLength([1, 2, 3, 2, 4, 1, 2], [2, 4, 3, 1, 2, 1])).toBe(4);
  });

  it('exact at the 32- and 64-bit word boundaries', () => {
    for (const n of [31, 32, 33, 63, 64, 65, 96, 97]) {
      const a = Array.from({ length: n }, (_, i) => i);
      expect(lcsLength(a, a), `n=${n}`).toBe(n);
      expect(lcsLength(a, a.slice(1)), `n=${n}`).toBe(n - 1);
      expect(lcsLength(a, [...a].reverse()), `n=${n}`).toBe(1);
      const b = a.map((v, i) => (i % 2 === 0 ? v : -1 - v)); // every other symbol changed
      expect(lcsLength(a, b), `n=${n}`).toBe(Math.ceil(n / 2));
      expect(lcsLength(a, [...a, ...a]), `n=${n}`).toBe(n);
    }
  });

  it('matches the DP reference on short sequences (property)', () => {
    fc.assert(
      fc.property(seq(3, 20), seq(3, 20), (x, y) => {
        expect(lcsLength(x, y)).toBe(lcsReference(x, y));
      }),
      { numRuns: 300 },
    );
  });

  it('matches the DP reference on 32-bit symbols of any sign, from a scratch table reused across calls (property)', () => {
    const pool = [0, -1, 2 ** 31 - 1, -(2 ** 31), 0x5bd1e995 | 0, 123456789, -987654321, 7];
    const sym = fc.constantFrom(...pool);
    fc.assert(
      fc.property(fc.array(sym, { maxLength: 90 }), fc.array(sym, { maxLength: 90 }), (x, y) => {
        expect(lcsLength(x, y)).toBe(lcsReference(x, y));
      }),
      { numRuns: 300 },
    );
  });

  it('matches the DP reference past 32 and 64 symbols (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((k) => fc.tuple(seq(k, 200), seq(k, 200))),
        ([x, y]) => {
          expect(lcsLength(x, y)).toBe(lcsReference(x, y));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('matches the DP reference on signed 32-bit hash symbols (property)', () => {
    fc.assert(
      fc.property(hashSeq(150), hashSeq(150), (x, y) => {
        expect(lcsLength(x, y)).toBe(lcsReference(Array.from(x), Array.from(y)));
      }),
      { numRuns: 100 },
    );
  });

  it('edits of a long sequence: one deletion, one insertion, one substitution', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 200 }), fc.nat(), (base, p) => {
        const a = [...new Set(base)]; // distinct symbols: LCS of edits is known
        const i = p % a.length;
        const del = [...a.slice(0, i), ...a.slice(i + 1)];
        const ins = [...a.slice(0, i), -5, ...a.slice(i)];
        const sub = [...a.slice(0, i), -5, ...a.slice(i + 1)];
        expect(lcsLength(a, del)).toBe(a.length - 1);
        expect(lcsLength(a, ins)).toBe(a.length);
        expect(lcsLength(a, sub)).toBe(a.length - 1);
      }),
      { numRuns: 100 },
    );
  });

  it('is symmetric and at most the shorter length (property)', () => {
    fc.assert(
      fc.property(seq(4, 100), seq(4, 100), (x, y) => {
        const l = lcsLength(x, y);
        expect(lcsLength(y, x)).toBe(l);
        expect(l).toBeLessThanOrEqual(Math.min(x.length, y.length));
      }),
      { numRuns: 100 },
    );
  });
});

describe('wordSimilarity', () => {
  it('is 2·LCS/(|A|+|B|): known values', () => {
    expect(wordSimilarity([1, 2, 3, 4], [1, 2, 3, 4])).toBe(1);
    expect(wordSimilarity([1, 2, 3, 4], [1, 2, 9, 4])).toBe(0.75);
    expect(wordSimilarity([1, 2], [3, 4])).toBe(0);
    expect(wordSimilarity([], [])).toBe(1);
    expect(wordSimilarity([1], [])).toBe(0);
    // one word changed in 40: 2*39/80
    const a = Array.from({ length: 40 }, (_, i) => i);
    const b = a.map((v) => (v === 17 ? 999 : v));
    expect(wordSimilarity(a, b)).toBe(0.975);
  });

  it('is symmetric, in [0, 1], and 1 for identical sequences (property)', () => {
    fc.assert(
      fc.property(seq(5, 120), seq(5, 120), (x, y) => {
        const s = wordSimilarity(x, y);
        expect(wordSimilarity(y, x)).toBe(s);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(wordSimilarity(x, x)).toBe(1);
        expect(wordSimilarity(x, Int32Array.from(x))).toBe(1);
      }),
      { numRuns: 150 },
    );
  });
});

describe('jaccard', () => {
  it('known values; repeats do not count', () => {
    expect(jaccard([1, 2, 3], [2, 3, 4])).toBe(0.5);
    expect(jaccard([1, 1, 2], [2, 2, 1])).toBe(1);
    expect(jaccard([1], [2])).toBe(0);
    expect(jaccard([], [])).toBe(1);
    expect(jaccard([1], [])).toBe(0);
  });

  it('is symmetric and in [0, 1] (property)', () => {
    fc.assert(
      fc.property(seq(10, 30), seq(10, 30), (x, y) => {
        const j = jaccard(x, y);
        expect(jaccard(y, x)).toBe(j);
        expect(j).toBeGreaterThanOrEqual(0);
        expect(j).toBeLessThanOrEqual(1);
        if (x.length > 0) expect(jaccard(x, x)).toBe(1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('levenshteinRatio', () => {
  it('basic values', () => {
    expect(levenshteinRatio('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7, 12);
    expect(levenshteinRatio('abc', 'abc')).toBe(1);
    expect(levenshteinRatio('', '')).toBe(1);
    expect(levenshteinRatio('abc', '')).toBe(0);
    expect(levenshteinRatio('abc', 'xyz')).toBe(0);
    expect(levenshteinRatio('abcd', 'abce')).toBe(0.75);
  });

  it('is symmetric', () => {
    expect(levenshteinRatio('flaw', 'lawn')).toBe(levenshteinRatio('lawn', 'flaw'));
    expect(levenshteinRatio('flaw', 'lawn')).toBe(0.5);
  });
});

describe('explainSimilarity', () => {
  it('gives every measure, Levenshtein only for short texts', () => {
    const a = { words: [1, 2, 3, 4], shingles: [10, 20, 30], normalized: 'a b c d' };
    const b = { words: [1, 2, 9, 4], shingles: [10, 40, 50], normalized: 'a b x d' };
    expect(explainSimilarity(a, b)).toEqual({ similarity: 0.75, shingleJaccard: 0.2, levenshtein: 1 - 1 / 7 });
    const long = { ...a, normalized: 'x'.repeat(LEVENSHTEIN_MAX_CHARS + 1) };
    expect(explainSimilarity(long, b).levenshtein).toBeNull();
  });
});

describe('reportedSimilarity', () => {
  const w = (s: string) => Int32Array.from(s.split(' ').map((x) => x.length * 31 + (x.codePointAt(0) ?? 0)));
  it('is 1 for equal texts and the word similarity when words differ', () => {
    expect(reportedSimilarity({ words: w('a b c'), normalized: 'a b c' }, { words: w('a b c'), normalized: 'a b c' })).toBe(1);
    const s = reportedSimilarity({ words: w('a b c d'), normalized: 'a b c d' }, { words: w('a b x d'), normalized: 'a b x d' });
    expect(s).toBe(wordSimilarity(w('a b c d'), w('a b x d')));
  });
  it('is below 1 when only punctuation differs (character Levenshtein ratio)', () => {
    const s = reportedSimilarity({ words: w('read more'), normalized: 'read more.' }, { words: w('read more'), normalized: 'read more' });
    expect(s).toBeCloseTo(0.9, 5);
    const long = 'x'.repeat(3000);
    expect(reportedSimilarity({ words: w('x'), normalized: `${long}.` }, { words: w('x'), normalized: long })).toBe(0.9999);
  });
});

describe('wordSimilarity on giant blocks', () => {
  it('falls back to the bigram ratio above LCS_MAX_CELLS (linear, not quadratic)', () => {
    const a = Int32Array.from({ length: 40_000 }, (_, i) => (i * 2654435761) | 0);
    const b = Int32Array.from(a);
    b[20_000] = 7; // one word changed: two bigrams of 39,999 differ
    expect(a.length * b.length).toBeGreaterThan(LCS_MAX_CELLS);
    expect(wordSimilarity(a, b)).toBeCloseTo((2 * 39_997) / (2 * 39_999), 6);
    expect(wordSimilarity(a, Int32Array.from(a))).toBe(1);
  });
});

describe('wordSimilarity with a threshold to reach', () => {
  it('is exact when the pair reaches it, and below it when not (property)', () => {
    const sym = fc.integer({ min: 0, max: 6 });
    fc.assert(
      fc.property(fc.array(sym, { maxLength: 70 }), fc.array(sym, { maxLength: 70 }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b, t) => {
        const exact = wordSimilarity(a, b);
        const bounded = wordSimilarity(a, b, t);
        if (exact >= t) expect(bounded).toBe(exact);
        else expect(bounded).toBeLessThan(t);
        expect(bounded).toBeGreaterThanOrEqual(exact);
      }),
      { numRuns: 1000 },
    );
  });

  it('skips pairs whose lengths or shared words cannot reach it', () => {
    expect(wordSimilarity([1, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.7)).toBeCloseTo(6 / 13);
    expect(wordSimilarity([1, 2, 3, 4], [1, 5, 6, 7], 0.7)).toBe(0.25);
  });
});

