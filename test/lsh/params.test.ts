import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidateLevel, candidateProbability, chooseParams } from '../../src/lsh/params.js';

describe('candidateProbability', () => {
  it('is 1 - (1 - s^r)^b', () => {
    expect(candidateProbability(0.5, { bands: 2, rows: 1 })).toBeCloseTo(0.75, 12);
    expect(candidateProbability(0.5, { bands: 1, rows: 2 })).toBeCloseTo(0.25, 12);
    expect(candidateProbability(0, { bands: 42, rows: 3 })).toBe(0);
    expect(candidateProbability(1, { bands: 42, rows: 3 })).toBe(1);
  });

  it('is monotone in s (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 128 }),
        fc.integer({ min: 1, max: 128 }),
        (x, y, bands, rows) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          const p = { bands, rows };
          const plo = candidateProbability(lo, p);
          const phi = candidateProbability(hi, p);
          expect(plo).toBeLessThanOrEqual(phi);
          expect(plo).toBeGreaterThanOrEqual(0);
          expect(phi).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('chooseParams', () => {
  it('for the default threshold 0.7 (level 0.455) picks 42 bands of 3 rows', () => {
    expect(candidateLevel(0.7)).toBeCloseTo(0.455, 12);
    expect(chooseParams(candidateLevel(0.7), 128)).toEqual({ bands: 42, rows: 3 });
  });

  it('picks one row per band for a low level and long bands for a high one', () => {
    expect(chooseParams(0.05, 128)).toEqual({ bands: 128, rows: 1 });
    expect(chooseParams(0.95, 128)).toEqual({ bands: 8, rows: 16 });
  });

  it('meets the recall at the level with b*r <= numPerm, using the most rows that do (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.constantFrom(64, 100, 128, 256),
        fc.constantFrom(0.9, 0.95, 0.98, 0.99),
        (level, numPerm, recall) => {
          const p = chooseParams(level, numPerm, recall);
          if (candidateProbability(level, { bands: numPerm, rows: 1 }) < recall) {
            // unreachable recall: the documented fallback
            expect(p).toEqual({ bands: numPerm, rows: 1 });
            return;
          }
          expect(Number.isInteger(p.bands) && Number.isInteger(p.rows)).toBe(true);
          expect(p.bands).toBeGreaterThanOrEqual(1);
          expect(p.rows).toBeGreaterThanOrEqual(1);
          expect(p.bands * p.rows).toBeLessThanOrEqual(numPerm);
          expect(candidateProbability(level, p)).toBeGreaterThanOrEqual(recall);
          // as many bands as fit for these rows
          expect(p.bands).toBe(Math.floor(numPerm / p.rows));
          // no longer band would still reach the recall
          for (let rows = p.rows + 1; rows <= numPerm; rows++) {
            expect(candidateProbability(level, { bands: Math.floor(numPerm / rows), rows })).toBeLessThan(recall);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('falls back to one row per band when no choice reaches the recall', () => {
    expect(chooseParams(0.001, 128, 0.98)).toEqual({ bands: 128, rows: 1 });
  });
});

describe('candidateLevel', () => {
  it('is 0.65 * threshold, clamped to [0.05, 0.95]', () => {
    expect(candidateLevel(0.8)).toBeCloseTo(0.52, 12);
    expect(candidateLevel(0)).toBe(0.05);
    expect(candidateLevel(0.01)).toBe(0.05);
    expect(candidateLevel(1)).toBe(0.65);
  });

  it('is monotone in the threshold', () => {
    let prev = 0;
    for (let t = 0; t <= 1.0001; t += 0.01) {
      const l = candidateLevel(t);
      expect(l).toBeGreaterThanOrEqual(prev);
      prev = l;
    }
  });
});
