import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandCandidates } from '../../src/lsh/candidates.js';
import { MemoryBandStore } from './band-store.js';

/** What the store answers when the entries are added one by one, in order. */
async function viaStore(rows: number[][], bands: number, maxPerBucket: number): Promise<number[][]> {
  const store = new MemoryBandStore(bands, maxPerBucket);
  const out: number[][] = [];
  for (let j = 0; j < rows.length; j++) out.push(...(await store.addAndQuery([{ id: j, keys: Int32Array.from(rows[j] as number[]) }])));
  return out;
}

function viaSort(rows: number[][], bands: number, maxPerBucket: number): number[][] {
  const keys = new Int32Array(rows.length * bands);
  rows.forEach((r, j) => keys.set(r, j * bands));
  const c = bandCandidates(keys, rows.length, bands, maxPerBucket);
  return rows.map((_, j) => {
    const out = [99]; // emptied by of()
    c.of(j, out);
    return out;
  });
}

describe('bandCandidates', () => {
  it('finds the earlier entries sharing a key in some band, ascending, each once', () => {
    // bands: 2; entry 2 shares band 0 with 0 and band 1 with 1; entry 3 shares both bands with 0.
    const rows = [[5, 6], [7, 8], [5, 8], [5, 6]];
    expect(viaSort(rows, 2, 32)).toEqual([[], [], [0, 1], [0, 2]]);
  });

  it('answers only the first maxPerBucket members of a bucket', () => {
    const rows = [[1], [1], [1], [1], [2]];
    expect(viaSort(rows, 1, 2)).toEqual([[], [0], [0, 1], [0, 1], []]);
  });

  it('handles no entries and negative keys', () => {
    expect(viaSort([], 3, 32)).toEqual([]);
    expect(viaSort([[-1], [-1], [2 ** 31 - 1]], 1, 32)).toEqual([[], [0], []]);
  });

  it('rejects too few keys for the entries', () => {
    expect(() => bandCandidates(new Int32Array(3), 2, 2)).toThrow(RangeError);
  });

  it('answers what MemoryBandStore answers, entry by entry (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 60 }),
        // Few distinct keys, so buckets are shared and capped; negative keys too.
        fc.array(fc.integer({ min: -3, max: 6 }), { minLength: 300, maxLength: 300 }),
        async (bands, maxPerBucket, count, pool) => {
          const rows = Array.from({ length: count }, (_, j) => Array.from({ length: bands }, (_, b) => pool[(j * bands + b) % pool.length] as number));
          expect(viaSort(rows, bands, maxPerBucket)).toEqual(await viaStore(rows, bands, maxPerBucket));
        },
      ),
    );
  });

  it('answers what MemoryBandStore answers on random 30-bit keys with planted repeats (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 ** 30 - 1 }), fc.nat(20)), { maxLength: 200 }), async (spec) => {
        // An entry either has fresh keys or copies an earlier entry's (a near duplicate) with one band changed.
        const rows: number[][] = [];
        for (const [key, from] of spec) {
          const fresh = [key, key ^ 1, key ^ 2];
          const earlier = rows[rows.length - 1 - from];
          rows.push(earlier && from % 2 === 0 ? [earlier[0] as number, key, earlier[2] as number] : fresh);
        }
        expect(viaSort(rows, 3, 32)).toEqual(await viaStore(rows, 3, 32));
      }),
    );
  });

  it('stays fast and exact when two heavy keys share a slot of the table', async () => {
    // The slot function of candidates.ts, to find a key that shares key 0's slot among 2^18 (for 100,000 entries).
    const bits = 18;
    const slot = (key: number): number => Math.imul(key, 0x9e3779b1) >>> (32 - bits);
    let other = 1;
    while (slot(other) !== slot(0)) other++;
    const rows = Array.from({ length: 100_000 }, (_, j) => [j % 2 === 0 ? 0 : other]);
    const started = performance.now();
    const got = viaSort(rows, 1, 3);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(got).toEqual(await viaStore(rows, 1, 3));
  });
});
