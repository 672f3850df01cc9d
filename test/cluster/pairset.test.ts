import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairSet } from '../../src/cluster/pairset.js';

describe('PairSet', () => {
  it('answers as a Set emptied when it holds `max` pairs (property, past several growths)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.constantFrom(0, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1, 6.6e12)), { maxLength: 4000 }),
        (max, pairs) => {
          const set = new PairSet(max);
          const model = new Set<number>();
          for (const p of pairs) {
            expect(set.has(p)).toBe(model.has(p));
            if (model.size >= max) model.clear();
            model.add(p);
            set.add(p);
            expect(set.size).toBe(model.size);
          }
          for (let p = 0; p < 5100; p += 7) expect(set.has(p)).toBe(model.has(p));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses what is not a pair, and a size that is not positive', () => {
    const set = new PairSet(4);
    expect(() => set.add(-1)).toThrow(RangeError);
    expect(() => set.add(1.5)).toThrow(RangeError);
    expect(() => set.add(2 ** 53)).toThrow(RangeError);
    expect(() => new PairSet(0)).toThrow(RangeError);
    set.add(3);
    set.clear();
    expect(set.has(3)).toBe(false);
    expect(set.size).toBe(0);
  });
});
