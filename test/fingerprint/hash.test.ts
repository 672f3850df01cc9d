import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combine, fmix32, hashString } from '../../src/fingerprint/hash.js';

describe('fmix32', () => {
  it('is the murmur3 finaliser (known values)', () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
    expect(fmix32(0xffffffff)).toBe(0x81f16f39);
  });

  it('returns unsigned 32-bit values and is injective on a sample', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const h = fmix32(i);
      expect(Number.isInteger(h) && h >= 0 && h <= 0xffffffff).toBe(true);
      seen.add(h);
    }
    expect(seen.size).toBe(5000);
  });
});

describe('hashString', () => {
  it('is deterministic and an unsigned 32-bit integer', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.integer(), (s, seed) => {
        const h = hashString(s, seed);
        expect(hashString(s, seed)).toBe(h);
        expect(Number.isInteger(h) && h >= 0 && h <= 0xffffffff).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('the default seed is 0', () => {
    expect(hashString('abc')).toBe(hashString('abc', 0));
  });

  it('is seed-sensitive', () => {
    expect(hashString('abc', 1)).not.toBe(hashString('abc', 0));
    expect(hashString('', 1)).not.toBe(hashString('', 0));
    const seeds = new Set<number>();
    for (let seed = 0; seed < 1000; seed++) seeds.add(hashString('the same word', seed));
    expect(seeds.size).toBe(1000);
  });

  it('separates different strings (no collisions among 20,000 words)', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 20_000; i++) seen.add(hashString(`w${i}`));
    expect(seen.size).toBe(20_000);
  });

  it('depends on order and length', () => {
    expect(hashString('ab')).not.toBe(hashString('ba'));
    expect(hashString('a')).not.toBe(hashString('a\u0000'));
    expect(hashString('\u00e9')).not.toBe(hashString('e\u0301'));
  });
});

describe('combine', () => {
  it('is deterministic and order-dependent', () => {
    const a = hashString('left');
    const b = hashString('right');
    expect(combine(a, b)).toBe(combine(a, b));
    expect(combine(a, b)).not.toBe(combine(b, a));
    expect(combine(a, a)).not.toBe(a);
  });
});
