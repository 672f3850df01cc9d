import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashString } from '../../src/fingerprint/hash.js';
import {
  DEFAULT_NUM_PERM,
  estimateJaccard,
  sketchMatches,
  hashTokens,
  MINHASH_FORMAT_VERSION,
  MinHasher,
  shingles,
} from '../../src/fingerprint/minhash.js';
import { jaccard } from '../../src/verify/index.js';

const words = (s: string): string[] => s.split(' ');

describe('hashTokens / shingles', () => {
  it('hashes every word with hashString', () => {
    // as signed 32-bit integers
    expect(Array.from(hashTokens(['a', 'b', 'a']))).toEqual([hashString('a') | 0, hashString('b') | 0, hashString('a') | 0]);
    expect(hashTokens([])).toHaveLength(0);
  });

  it('makes word bigrams; a single word is its own shingle', () => {
    const h = hashTokens(words('x y z'));
    // The bigram of hashes a, b (format 3): imul(a ^ 0x9e3779b9, 0x01000193) ^ b, mixed once by the signature.
    const bigram = (a: number, b: number): number => Math.imul(a ^ 0x9e3779b9, 0x01000193) ^ b;
    expect(Array.from(shingles(h))).toEqual([bigram(h[0] as number, h[1] as number), bigram(h[1] as number, h[2] as number)]);
    expect(shingles(h)[0]).not.toBe(shingles(hashTokens(words('y x')))[0]);
    const one = hashTokens(['solo']);
    expect(Array.from(shingles(one))).toEqual([hashString('solo') | 0]);
    expect(shingles(new Int32Array())).toHaveLength(0);
  });

  it('bigrams are order-sensitive: "a b" and "b a" share no shingle', () => {
    expect(jaccard(shingles(hashTokens(['a', 'b'])), shingles(hashTokens(['b', 'a'])))).toBe(0);
  });
});

describe('MinHasher', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_NUM_PERM).toBe(128);
    expect(MINHASH_FORMAT_VERSION).toBe(3);
    expect(new MinHasher().numPerm).toBe(128);
    expect(new MinHasher(16).signature(Int32Array.of(1, 2, 3))).toHaveLength(16);
  });

  it('signatures are deterministic across instances', () => {
    const s = shingles(hashTokens(words('the quick brown fox jumps over the lazy dog')));
    const x = new MinHasher().signature(s);
    const y = new MinHasher().signature(s);
    expect(Array.from(x)).toEqual(Array.from(y));
  });

  it('a different seed gives a different signature', () => {
    const s = shingles(hashTokens(words('the quick brown fox jumps over the lazy dog')));
    expect(Array.from(new MinHasher(128, 1).signature(s))).not.toEqual(Array.from(new MinHasher(128, 2).signature(s)));
  });

  it('depends only on the set: order and repeats do not matter', () => {
    const h = new MinHasher();
    const a = Int32Array.of(11, 22, 33, -44);
    const b = Int32Array.of(-44, 22, 11, 33, 22, -44);
    expect(Array.from(h.signature(a))).toEqual(Array.from(h.signature(b)));
  });

  it('the empty set gives the same all-equal signature', () => {
    const sig = Array.from(new MinHasher(8).signature(new Int32Array()));
    expect(new Set(sig).size).toBe(1);
    expect(sig).toEqual(Array.from(new MinHasher(8).signature(new Int32Array())));
  });

  it('each bin keeps the minimum of its elements: for sets that fill every bin, a union is the element-wise min', () => {
    const h = new MinHasher();
    // 2,000 elements fill all 128 bins (no densification) with overwhelming probability.
    const a = Int32Array.from({ length: 2000 }, (_, i) => hashString(`a${i}`) | 0);
    const b = Int32Array.from({ length: 2000 }, (_, i) => hashString(`b${i}`) | 0);
    const u = Int32Array.from([...a, ...b]);
    const sa = h.signature(a);
    const sb = h.signature(b);
    const su = h.signature(u);
    for (let i = 0; i < h.numPerm; i++) expect(su[i]).toBe(Math.min(sa[i] as number, sb[i] as number));
  });

  it('an empty bin borrows a filled one: a one-element set gives one value everywhere', () => {
    const sig = new MinHasher().signature(Int32Array.of(12345));
    expect(new Set(Array.from(sig)).size).toBe(1);
    expect(sig[0]).not.toBe(0x7fffffff);
  });

  it('refuses a number of bins that is not a power of two', () => {
    expect(() => new MinHasher(100)).toThrow(RangeError);
    expect(() => new MinHasher(1 << 17)).toThrow(RangeError);
  });
});

describe('MinHasher densification', () => {
  // The definition: a shingle x hashes once, h = fmix32(x ^ seed); its top log2(k) bits are
  // its bin, the rest its value there (format 3). An empty bin i takes the value of the first
  // filled bin on its probe sequence fmix32((i + 1) * 0x9e3779b9 + attempt * 0x85ebca6b ^ seed) & (k - 1).
  const fmix = (h: number): number => {
    let x = h | 0;
    x ^= x >>> 16;
    x = Math.imul(x, 0x85ebca6b);
    x ^= x >>> 13;
    x = Math.imul(x, 0xc2b2ae35);
    x ^= x >>> 16;
    return x >>> 0;
  };
  const reference = (shingleHashes: Int32Array, k: number, seed: number): number[] => {
    const shift = 32 - Math.log2(k);
    const sig = new Array<number>(k).fill(0x7fffffff);
    const filled = new Array<boolean>(k).fill(false);
    for (const x of shingleHashes) {
      const h = fmix(x ^ seed);
      const bin = h >>> shift;
      const v = h % 2 ** shift;
      if (!filled[bin] || v < (sig[bin] as number)) sig[bin] = v;
      filled[bin] = true;
    }
    if (!filled.some(Boolean)) return sig;
    return sig.map((v, i) => {
      if (filled[i]) return v;
      for (let attempt = 1; ; attempt++) {
        const j = fmix((Math.imul(i + 1, 0x9e3779b9) + Math.imul(attempt, 0x85ebca6b)) ^ seed) & (k - 1);
        if (filled[j]) return sig[j] as number;
      }
    });
  };

  it('matches the definition, for sparse sets too (probes past the precomputed table) (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 200 }), fc.constantFrom(8, 128, 256), fc.integer(), (xs, k, seed) => {
        const s = Int32Array.from(xs);
        expect(Array.from(new MinHasher(k, seed).signature(s))).toEqual(reference(s, k, seed | 0));
      }),
    );
  });
});

describe('sketchMatches', () => {
  it('counts the positions where two sketches agree, at offsets', () => {
    const x = Uint8Array.from({ length: 8 }, (_, i) => i);
    expect(sketchMatches(x, 0, x, 0, 8)).toBe(8);
    expect(sketchMatches(x, 0, Uint8Array.of(9, 9, 0, 1, 9, 3, 9, 5, 9, 7), 2, 8)).toBe(5);
    expect(sketchMatches(x, 0, x, 0, 0)).toBe(0);
  });

  it('is never below the positions where the whole signatures agree (property)', () => {
    const hasher = new MinHasher(128);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { minLength: 40, maxLength: 200 }), fc.integer({ min: 0, max: 100 }), (items, keepPercent) => {
        const a = Int32Array.from(items);
        const b = Int32Array.from(items.map((v, i) => ((i * 100) / items.length < keepPercent ? v : v ^ 0x55555555)));
        const sa = hasher.signature(a);
        const sb = hasher.signature(b);
        const matches = sketchMatches(Uint8Array.from(sa, (v) => v & 0xff), 0, Uint8Array.from(sb, (v) => v & 0xff), 0, 128);
        expect(matches).toBeGreaterThanOrEqual(Math.round(estimateJaccard(sa, sb) * 128));
        // Chance agreements of the low bytes are rare (1/256 a position).
        expect(matches).toBeLessThanOrEqual(Math.round(estimateJaccard(sa, sb) * 128) + 8);
      }),
    );
  });
});

describe('estimateJaccard', () => {
  it('counts equal positions', () => {
    expect(estimateJaccard(Int32Array.of(1, 2, 3, 4), Int32Array.of(1, 9, 3, 9))).toBe(0.5);
    expect(estimateJaccard(Int32Array.of(1, -2), Int32Array.of(1, -2))).toBe(1);
    expect(estimateJaccard(new Int32Array(), new Int32Array())).toBe(0);
  });

  it('is 1 for identical sets and near 0 for disjoint ones', () => {
    const h = new MinHasher();
    const a = Int32Array.from({ length: 50 }, (_, i) => hashString(`a${i}`) | 0);
    const b = Int32Array.from({ length: 50 }, (_, i) => hashString(`b${i}`) | 0);
    expect(estimateJaccard(h.signature(a), h.signature(a))).toBe(1);
    expect(estimateJaccard(h.signature(a), h.signature(b))).toBeLessThanOrEqual(0.05);
  });

  it('tracks the exact Jaccard of the shingle sets (128 bins)', () => {
    const hasher = new MinHasher();
    const universe = Array.from({ length: 80 }, (_, i) => hashString(`word-${i}`) | 0);
    // For each element of the universe: 0 = in neither, 1 = only A, 2 = only B, 3 = both.
    const membership = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 80, maxLength: 80 });
    let total = 0;
    let runs = 0;
    let worst = 0;
    fc.assert(
      fc.property(membership, fc.integer({ min: 0, max: 3 }), (m, bias) => {
        // `bias` pushes some runs towards high overlap, where near-duplicates live.
        const a: number[] = [];
        const b: number[] = [];
        m.forEach((k, i) => {
          const v = universe[i] as number;
          const both = k === 3 || (bias > 1 && k !== 0);
          if (k === 1 || both) a.push(v);
          if (k === 2 || both) b.push(v);
        });
        fc.pre(a.length > 0 && b.length > 0);
        const exact = jaccard(a, b);
        const est = estimateJaccard(hasher.signature(Int32Array.from(a)), hasher.signature(Int32Array.from(b)));
        const err = Math.abs(est - exact);
        total += err;
        runs++;
        worst = Math.max(worst, err);
        expect(err).toBeLessThanOrEqual(0.2);
      }),
      { numRuns: 200, seed: 20240601 },
    );
    // The standard error of a 128-value estimate is at most 0.044; the mean absolute error about 0.8 of that.
    expect(runs).toBeGreaterThan(150);
    expect(total / runs).toBeLessThan(0.05);
    expect(worst).toBeLessThan(0.2);
  });

  it('tracks the Jaccard of real word-bigram shingles', () => {
    const hasher = new MinHasher();
    const base = words(
      'the committee met on tuesday to review the proposed budget for the coming year and after a long discussion about maintenance costs and staff salaries the members agreed to postpone the final vote until the next regular meeting in march',
    );
    for (let changed = 0; changed <= 10; changed++) {
      const other = base.map((w, i) => (i % 4 === 0 && i / 4 < changed ? `${w}x` : w));
      const sa = shingles(hashTokens(base));
      const sb = shingles(hashTokens(other));
      const exact = jaccard(sa, sb);
      const est = estimateJaccard(hasher.signature(sa), hasher.signature(sb));
      expect(Math.abs(est - exact), `changed ${changed}: exact ${exact}, est ${est}`).toBeLessThanOrEqual(0.15);
    }
  });
});

describe('MinHasher.signWords', () => {
  it('writes signature(shingles(words)) where it is told, touching nothing else (property)', () => {
    const hasher = new MinHasher(64);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 200 }), fc.nat(5), fc.nat(5), (ws, from, at) => {
        // The words sit at `from` in a longer array; the signature goes to `at` of another.
        const words = new Int32Array([...Array<number>(from).fill(7), ...ws, 9, 9]);
        const out = new Int32Array(at + 64 + 3).fill(-5);
        hasher.signWords(words, from, from + ws.length, out, at);
        expect(Array.from(out.subarray(at, at + 64))).toEqual(Array.from(hasher.signature(shingles(Int32Array.from(ws)))));
        expect([...out.subarray(0, at), ...out.subarray(at + 64)].every((v) => v === -5)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
