import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachBandPair, forEachScreenedPair } from '../../src/lsh/candidates.js';
import { sketchMatches } from '../../src/fingerprint/minhash.js';
import { SketchRows } from '../../src/lsh/sketches.js';
import { nativeScan, useNativeScan } from '../../src/prepare/native.js';
import { CHUNK_ROWS, RowChunks } from '../../src/lsh/rows.js';
import { BandKeys } from '../../src/lsh/spill.js';
import { MemoryBandStore } from './band-store.js';

/** What the store answers when the entries are added one by one, in order. */
async function viaStore(rows: number[][], bands: number, maxPerBucket: number): Promise<number[][]> {
  const store = new MemoryBandStore(bands, maxPerBucket);
  const out: number[][] = [];
  for (let j = 0; j < rows.length; j++) out.push(...(await store.addAndQuery([{ id: j, keys: Int32Array.from(rows[j] as number[]) }])));
  return out;
}

/** The pairs forEachBandPair visits, as each entry's earlier partners: ascending, each once. */
function viaPairs(rows: number[][], bands: number, maxPerBucket: number, chunked = false, grouping?: 'hash' | 'sort'): number[][] {
  const keys = new Int32Array(rows.length * bands);
  rows.forEach((r, j) => keys.set(r, j * bands));
  let source: Int32Array | BandKeys = keys;
  if (chunked) {
    // Four rows a chunk, to the temporary file from the first chunk on.
    const spilled = new BandKeys(bands, 0, 4);
    for (let j = 0; j < rows.length; j++) spilled.push(keys, j * bands);
    if (rows.length >= 4) expect(spilled.spilled).toBe(true);
    source = spilled;
  }
  const partners = rows.map(() => new Set<number>());
  const seenBands: number[] = [];
  let backwards = 0;
  forEachBandPair(
    source,
    rows.length,
    bands,
    (i, j) => {
      if (i >= j) backwards++;
      partners[j]?.add(i);
    },
    maxPerBucket,
    (b) => seenBands.push(b),
    grouping,
  );
  expect(backwards).toBe(0);
  if (rows.length > 1) expect(seenBands).toEqual(Array.from({ length: bands }, (_, b) => b));
  if (source instanceof BandKeys) source.close();
  return partners.map((set) => [...set].sort((a, b) => a - b));
}

describe('forEachBandPair', () => {
  it('the same pairs from band keys in a temporary file as from an array, and hashed as sorted (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(fc.integer({ min: -3, max: 5 }), { minLength: 7, maxLength: 7 }), { maxLength: 120 }),
        (bands, maxPerBucket, spec) => {
          const rows = spec.map((r) => r.slice(0, bands));
          const sorted = viaPairs(rows, bands, maxPerBucket, false, 'sort');
          expect(viaPairs(rows, bands, maxPerBucket, true, 'sort')).toEqual(sorted);
          expect(viaPairs(rows, bands, maxPerBucket, false, 'hash')).toEqual(sorted);
          expect(viaPairs(rows, bands, maxPerBucket, true, 'hash')).toEqual(sorted);
        },
      ),
    );
  });

  it('rejects keys of another number of bands', () => {
    const keys = new BandKeys(3);
    keys.push(new Int32Array(3), 0);
    expect(() => forEachBandPair(keys, 1, 2, () => undefined)).toThrow(RangeError);
  });

  it('finds the earlier entries sharing a key in some band, ascending, each once', () => {
    // bands: 2; entry 2 shares band 0 with 0 and band 1 with 1; entry 3 shares both bands with 0.
    const rows = [[5, 6], [7, 8], [5, 8], [5, 6]];
    expect(viaPairs(rows, 2, 32)).toEqual([[], [], [0, 1], [0, 2]]);
  });

  it('answers only the first maxPerBucket members of a bucket', () => {
    const rows = [[1], [1], [1], [1], [2]];
    expect(viaPairs(rows, 1, 2)).toEqual([[], [0], [0, 1], [0, 1], []]);
  });

  it('handles no entries and negative keys', () => {
    expect(viaPairs([], 3, 32)).toEqual([]);
    expect(viaPairs([[-1], [-1], [2 ** 31 - 1]], 1, 32)).toEqual([[], [0], []]);
  });

  it('rejects too few keys for the entries', () => {
    expect(() => forEachBandPair(new Int32Array(3), 2, 2, () => undefined)).toThrow(RangeError);
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
          expect(viaPairs(rows, bands, maxPerBucket)).toEqual(await viaStore(rows, bands, maxPerBucket));
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
        expect(viaPairs(rows, 3, 32)).toEqual(await viaStore(rows, 3, 32));
      }),
    );
  });

  it('stays fast and exact with two heavy buckets whose keys share their low radix digits', async () => {
    // Keys 0 and 2^11 agree in the first 11-bit digit: one radix pass puts them together.
    const other = 1 << 11;
    const rows = Array.from({ length: 100_000 }, (_, j) => [j % 2 === 0 ? 0 : other]);
    const started = performance.now();
    const got = viaPairs(rows, 1, 3);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(got).toEqual(await viaStore(rows, 1, 3));
    expect(viaPairs(rows, 1, 3, false, 'sort')).toEqual(got);
  });
});

describe('forEachScreenedPair', () => {
  /** The pairs it visits, in order, and the bands announced; native or not. */
  const visited = (keys: Int32Array | BandKeys, count: number, bands: number, sketches: RowChunks<Uint8Array>, least: number, maxPerBucket: number, native: boolean, grouping?: 'hash' | 'sort'): number[] => {
    const was = useNativeScan(native);
    const out: number[] = [];
    try {
      forEachScreenedPair(keys, count, bands, SketchRows.wide(sketches), least, (i, j) => out.push(i, j), maxPerBucket, (b) => out.push(-1 - b), grouping);
    } finally {
      useNativeScan(was);
    }
    return out;
  };
  const sketchRows = (values: number[][], chunkRows: number): RowChunks<Uint8Array> => {
    const rows = new RowChunks(128, (n) => new Uint8Array(n), chunkRows);
    for (const v of values) rows.push(Uint8Array.from({ length: 128 }, (_, x) => v[x % v.length] as number), 0);
    return rows;
  };

  it('visits the pairs of forEachBandPair whose sketches agree at `least` positions or more, in its order, natively or not (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(fc.array(fc.integer({ min: -3, max: 4 }), { minLength: 6, maxLength: 6 }), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 5 })), { maxLength: 150 }),
        fc.integer({ min: 0, max: 129 }),
        fc.constantFrom(1, 4, 1 << 14),
        (bands, maxPerBucket, spec, least, chunkRows) => {
          const count = spec.length;
          const keys = new Int32Array(count * bands);
          spec.forEach(([r], j) => keys.set(r.slice(0, bands), j * bands));
          const sketches = sketchRows(spec.map(([, v]) => v), chunkRows);
          // The reference: forEachBandPair, each pair screened here.
          const want: number[] = [];
          forEachBandPair(keys, count, bands, (i, j) => {
            if (sketchMatches(sketches.chunkOf(i), sketches.offsetOf(i), sketches.chunkOf(j), sketches.offsetOf(j), 128) >= least) want.push(i, j);
          }, maxPerBucket, (b) => want.push(-1 - b));
          expect(visited(keys, count, bands, sketches, least, maxPerBucket, false)).toEqual(want);
          if (nativeScan() !== null) expect(visited(keys, count, bands, sketches, least, maxPerBucket, true)).toEqual(want);
          expect(visited(keys, count, bands, sketches, least, maxPerBucket, true, 'sort')).toEqual(visited(keys, count, bands, sketches, least, maxPerBucket, false, 'sort'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it.runIf(nativeScan() !== null)('natively, gives buckets of many pairs in several calls, in the same order', () => {
    // 5,000 entries in 5 buckets of 32 first members: far more pairs than one call writes.
    const count = 5_000;
    const keys = Int32Array.from({ length: count }, (_, j) => j % 5);
    const sketches = sketchRows(Array.from({ length: count }, (_, j) => [j % 3]), 1 << 14);
    const native = visited(keys, count, 1, sketches, 128, 32, true);
    expect(native).toEqual(visited(keys, count, 1, sketches, 128, 32, false));
    expect(native.length).toBeGreaterThan(2 * 50_000);
  });

  it('refuses fewer sketches than entries', () => {
    expect(() => forEachScreenedPair(new Int32Array(4), 4, 1, SketchRows.wide(sketchRows([[1]], 4)), 1, () => undefined)).toThrow(RangeError);
  });
});

describe('RowChunks', () => {
  it('holds the rows pushed, across chunks, and refuses rows it does not hold', () => {
    const rows = new RowChunks(3, (n) => new Uint8Array(n));
    const count = CHUNK_ROWS + 5;
    const row = new Uint8Array(6);
    for (let j = 0; j < count; j++) {
      row.set([j & 0xff, (j >> 8) & 0xff, 7], 3);
      rows.push(row, 3);
    }
    expect(rows.count).toBe(count);
    for (const j of [0, 1, CHUNK_ROWS - 1, CHUNK_ROWS, count - 1]) {
      const chunk = rows.chunkOf(j);
      const at = rows.offsetOf(j);
      expect([chunk[at], chunk[at + 1], chunk[at + 2]]).toEqual([j & 0xff, (j >> 8) & 0xff, 7]);
      expect(chunk[rows.offsetOf(j)]).toBe(j & 0xff);
    }
    expect(rows.chunkOf(0)).not.toBe(rows.chunkOf(CHUNK_ROWS));
    expect(() => rows.chunkOf(count)).toThrow(RangeError);
    expect(() => rows.chunkOf(-1)).toThrow(RangeError);
    expect(() => new RowChunks(0, (n) => new Int32Array(n))).toThrow(RangeError);
  });

  it('lets go of its rows on clear, and holds the rows pushed after it from row 0', () => {
    const rows = new RowChunks(2, (n) => new Int32Array(n), 4);
    for (let j = 0; j < 9; j++) rows.push(Int32Array.of(j, -j), 0);
    rows.clear();
    expect(rows.count).toBe(0);
    expect(rows.chunks()).toHaveLength(0);
    expect(() => rows.chunkOf(0)).toThrow(RangeError);
    rows.push(Int32Array.of(41, 42), 0);
    expect(rows.count).toBe(1);
    expect(Array.from(rows.chunkOf(0).subarray(0, 2))).toEqual([41, 42]);
  });

  it('pushRows holds what pushing the rows one by one holds, runs across chunk boundaries included (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 30 }), fc.constantFrom(1, 2, 4, 8), (runs, chunkRows) => {
        const width = 3;
        const total = runs.reduce((a, b) => a + b, 0);
        const source = Int32Array.from({ length: (total + 1) * width }, (_, x) => x * 7 - 5);
        const one = new RowChunks(width, (n) => new Int32Array(n), chunkRows);
        const many = new RowChunks(width, (n) => new Int32Array(n), chunkRows);
        let at = width; // not from the start of the source
        for (const r of runs) {
          for (let j = 0; j < r; j++) one.push(source, at + j * width);
          many.pushRows(source, at, r);
          at += r * width;
        }
        expect(many.count).toBe(one.count);
        for (let j = 0; j < one.count; j++) {
          expect(Array.from(many.chunkOf(j).subarray(many.offsetOf(j), many.offsetOf(j) + width))).toEqual(Array.from(one.chunkOf(j).subarray(one.offsetOf(j), one.offsetOf(j) + width)));
        }
      }),
    );
  });
});

describe('BandKeys', () => {
  const rowsOf = (count: number, bands: number): Int32Array => Int32Array.from({ length: count * bands }, (_, x) => Math.imul(x + 1, 0x9e3779b1));
  const columns = (keys: BandKeys): number[][] =>
    Array.from({ length: keys.bands }, (_, b) => {
      const out = new Int32Array(keys.count);
      keys.column(b, out);
      return Array.from(out);
    });

  it('reads back each band, in memory or from the temporary file, whole chunks or not', () => {
    const bands = 5;
    for (const count of [0, 1, 7, 8, 9, 30]) {
      const rows = rowsOf(count, bands);
      const expected = Array.from({ length: bands }, (_, b) => Array.from({ length: count }, (_, j) => rows[j * bands + b] as number));
      const inMemory = new BandKeys(bands);
      const spilled = new BandKeys(bands, 10, 4);
      // The same rows pushed in runs of 3 (across chunks of 4).
      const inRuns = new BandKeys(bands, 10, 4);
      for (let j = 0; j < count; j++) {
        inMemory.push(rows, j * bands);
        spilled.push(rows, j * bands);
      }
      for (let j = 0; j < count; j += 3) inRuns.pushRows(rows, j * bands, Math.min(3, count - j));
      expect(inMemory.spilled).toBe(false);
      expect(spilled.spilled).toBe(count >= 12);
      expect(inRuns.spilled).toBe(count >= 12);
      expect(columns(inMemory)).toEqual(expected);
      expect(columns(spilled)).toEqual(expected);
      expect(columns(inRuns)).toEqual(expected);
      spilled.close();
      inRuns.close();
      // Closed, the keys held in memory are let go too.
      inMemory.close();
      expect(inMemory.count).toBe(0);
    }
    expect(() => new BandKeys(2).column(2, new Int32Array(0))).toThrow(RangeError);
  });

  it('keeps the keys in memory when the temporary file cannot be made', () => {
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = '/nonexistent/dedupe-test';
    try {
      const keys = new BandKeys(2, 0, 4);
      const rows = rowsOf(10, 2);
      for (let j = 0; j < 10; j++) keys.push(rows, j * 2);
      expect(keys.spilled).toBe(false);
      expect(columns(keys)[1]).toEqual(Array.from({ length: 10 }, (_, j) => rows[j * 2 + 1] as number));
      keys.close();
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });
});
