import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fmix32 } from '../../src/fingerprint/hash.js';
import { DEFAULT_NUM_PERM, MinHasher } from '../../src/fingerprint/minhash.js';
import { bandKeys, candidateLevel, candidateProbability, chooseParams } from '../../src/lsh/index.js';

const sigArb = (n: number) => fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: n, maxLength: n }).map((a) => Int32Array.from(a));

describe('bandKeys', () => {
  it('gives one key per band, deterministically', () => {
    fc.assert(
      fc.property(sigArb(128), (sig) => {
        const params = { bands: 42, rows: 3 };
        const k1 = bandKeys(sig, params);
        const k2 = bandKeys(Int32Array.from(sig), params);
        expect(k1).toHaveLength(42);
        expect(Array.from(k1)).toEqual(Array.from(k2));
        for (const k of k1) expect(Number.isInteger(k)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('a changed value changes the key of its own band only; unused rows change nothing', () => {
    fc.assert(
      fc.property(sigArb(128), fc.integer({ min: 0, max: 127 }), fc.integer({ min: 1, max: 1000 }), (sig, pos, delta) => {
        const params = { bands: 42, rows: 3 }; // rows 126 and 127 are unused
        const other = Int32Array.from(sig);
        other[pos] = ((other[pos] as number) + delta) | 0;
        const a = bandKeys(sig, params);
        const b = bandKeys(other, params);
        const band = Math.floor(pos / params.rows);
        for (let k = 0; k < params.bands; k++) {
          if (k === band) expect(b[k], `band ${k}`).not.toBe(a[k]);
          else expect(b[k], `band ${k}`).toBe(a[k]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the same rows in different bands give different keys', () => {
    const sig = new Int32Array(8).fill(12345);
    const keys = Array.from(bandKeys(sig, { bands: 4, rows: 2 }));
    expect(new Set(keys).size).toBe(4);
  });

  it('row order inside a band matters', () => {
    const a = bandKeys(Int32Array.of(1, 2), { bands: 1, rows: 2 });
    const b = bandKeys(Int32Array.of(2, 1), { bands: 1, rows: 2 });
    expect(a[0]).not.toBe(b[0]);
  });
});

describe('one-permutation signatures and banding together', () => {
  // Two sets of n random shingles with Jaccard j: m shared, n - m of their own each.
  function pair(n: number, j: number, next: () => number): [Int32Array, Int32Array] {
    const m = Math.round((2 * n * j) / (1 + j));
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < n; i++) {
      const x = next();
      a.push(x);
      b.push(i < m ? x : next());
    }
    return [Int32Array.from(a), Int32Array.from(b)];
  }

  it.each([12, 40, 150])('make pairs of %i shingles candidates as often as P(s) = 1 - (1 - s^r)^b promises', (n) => {
    const params = chooseParams(candidateLevel(0.7), DEFAULT_NUM_PERM);
    const hasher = new MinHasher();
    let state = n;
    const next = (): number => (state = fmix32(state + 0x9e3779b9)) | 0;
    for (const j of [0.25, 0.45, 0.6]) {
      let hits = 0;
      const trials = 600;
      for (let t = 0; t < trials; t++) {
        const [a, b] = pair(n, j, next);
        const ka = bandKeys(hasher.signature(a), params);
        const kb = bandKeys(hasher.signature(b), params);
        if (ka.some((k, i) => k === kb[i])) hits++;
      }
      // Rounding m moves the true Jaccard a little for small n: compare with the exact level.
      const m = Math.round((2 * n * j) / (1 + j));
      const expected = candidateProbability(m / (2 * n - m), params);
      expect(Math.abs(hits / trials - expected), `n ${n}, J ${j}: ${hits / trials} vs ${expected}`).toBeLessThan(0.06);
    }
  });
});
