import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandKeys } from '../../src/lsh/index.js';

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
