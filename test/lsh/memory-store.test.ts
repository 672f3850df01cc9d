import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BandEntry, MemoryBandStore } from './band-store.js';

const entry = (id: number, ...keys: number[]): BandEntry => ({ id, keys: Int32Array.from(keys) });

describe('MemoryBandStore', () => {
  it('returns the earlier ids that share a band key, ascending, without repeats, never itself', async () => {
    const store = new MemoryBandStore(2);
    expect(await store.addAndQuery([entry(1, 10, 20)])).toEqual([[]]);
    expect(await store.addAndQuery([entry(2, 10, 30)])).toEqual([[1]]);
    expect(await store.addAndQuery([entry(3, 40, 20)])).toEqual([[1]]);
    // shares band 0 with 1 and 2, band 1 with 1 and 3: 1 only once
    expect(await store.addAndQuery([entry(4, 10, 20)])).toEqual([[1, 2, 3]]);
    expect(await store.addAndQuery([entry(5, 50, 60)])).toEqual([[]]);
  });

  it('a key matches only in its own band', async () => {
    const store = new MemoryBandStore(2);
    await store.addAndQuery([entry(1, 10, 20)]);
    expect(await store.addAndQuery([entry(2, 20, 10)])).toEqual([[]]);
  });

  it('sees earlier entries of the same batch, in batch order', async () => {
    const store = new MemoryBandStore(1);
    expect(await store.addAndQuery([entry(7, 1), entry(3, 1), entry(9, 2), entry(5, 1)])).toEqual([[], [7], [], [3, 7]]);
  });

  it('answers at most maxPerBucket ids per bucket (its first ones)', async () => {
    const store = new MemoryBandStore(1, 2);
    expect(await store.addAndQuery([entry(1, 5), entry(2, 5), entry(3, 5), entry(4, 5)])).toEqual([[], [1], [1, 2], [1, 2]]);
  });

  it('negative keys work like any other', async () => {
    const store = new MemoryBandStore(1);
    await store.addAndQuery([entry(1, -5)]);
    expect(await store.addAndQuery([entry(2, -5), entry(3, 5)])).toEqual([[1], []]);
  });

  it('agrees with a brute-force model (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 3, maxLength: 3 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 40 }),
        async (keyRows, maxPerBucket, batch) => {
          const store = new MemoryBandStore(3, maxPerBucket);
          const entries = keyRows.map((keys, id) => entry(id, ...keys));
          const got: number[][] = [];
          for (let i = 0; i < entries.length; i += batch) got.push(...(await store.addAndQuery(entries.slice(i, i + batch))));
          // model: bucket (band, key) holds the first maxPerBucket ids that had that key
          const buckets = new Map<string, number[]>();
          const want = entries.map((e) => {
            const found = new Set<number>();
            for (let band = 0; band < 3; band++) {
              const k = `${band}:${e.keys[band] as number}`;
              const bucket = buckets.get(k) ?? [];
              for (const id of bucket) found.add(id);
              if (bucket.length < maxPerBucket) bucket.push(e.id);
              buckets.set(k, bucket);
            }
            return [...found].sort((x, y) => x - y);
          });
          expect(got).toEqual(want);
          got.forEach((ids, id) => expect(ids).not.toContain(id));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('agrees with the model through many resizes of its table and pool', async () => {
    const store = new MemoryBandStore(3, 4);
    const buckets = new Map<string, number[]>();
    let state = 1;
    const next = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state;
    };
    for (let id = 0; id < 6000; id++) {
      // Band 0 keys repeat often (buckets fill to the cap), bands 1 and 2 rarely (many buckets: the table grows).
      const keys = [next() % 50, next() % 100_000, -(next() % 1_000_000)];
      const [got] = await store.addAndQuery([entry(id, ...keys)]);
      const want = new Set<number>();
      keys.forEach((key, band) => {
        const k = `${band}:${key}`;
        const bucket = buckets.get(k) ?? [];
        for (const other of bucket) want.add(other);
        if (bucket.length < 4) bucket.push(id);
        buckets.set(k, bucket);
      });
      expect(got).toEqual([...want].sort((x, y) => x - y));
    }
  });
});
