/**
 * The contract every index store honours, as one suite: memory, SQLite and Redis
 * run it alike. `make()` gives a store on a fresh, empty index; `reopen(store)`
 * (persistent stores) closes it and opens the same index again; `second(store)`
 * (shared stores) opens another connection to the same index.
 */
import { describe, expect, it } from 'vitest';
import type { ClaimEntry, IndexMeta, IndexStore } from '../../src/store/types.js';
import { IndexError, INDEX_FORMAT_VERSION } from '../../src/store/types.js';

export const META: IndexMeta = { formatVersion: INDEX_FORMAT_VERSION, minhashVersion: 1, numPerm: 128, bands: 4, rows: 3, raw: false };

export interface StoreFactory {
  make(): Promise<IndexStore>;
  reopen?(store: IndexStore): Promise<IndexStore>;
  second?(store: IndexStore): Promise<IndexStore>;
}

const hash = (n: number): string => n.toString(16).padStart(32, '0');

export function entry(n: number, over: Partial<ClaimEntry> = {}): ClaimEntry {
  return {
    hash: hash(n),
    doc: `doc${n}.txt`,
    line: n,
    time: 1_000 + n,
    words: Int32Array.from([n, -n, 2 ** 31 - 1, -(2 ** 31)]),
    bands: Int32Array.from([n * 10, n * 10 + 1, n * 10 + 2, n * 10 + 3]),
    ...over,
  };
}

export function storeContract(name: string, factory: StoreFactory): void {
  const opened = async (): Promise<IndexStore> => {
    const s = await factory.make();
    await s.open(META);
    return s;
  };

  describe(`index store contract: ${name}`, () => {
    it('claims a new hash once, with increasing sequence numbers', async () => {
      const s = await opened();
      const r = await s.claim([entry(1), entry(2)]);
      expect(r.map((x) => x.claimed)).toEqual([true, true]);
      expect(r[1]?.record.seq).toBeGreaterThan(r[0]?.record.seq as number);
      const again = await s.claim([entry(1, { doc: 'other.txt', line: 99, time: 5_000 })]);
      expect(again[0]?.claimed).toBe(false);
      expect(again[0]?.record).toMatchObject({ seq: r[0]?.record.seq, path: 'doc1.txt', line: 1, firstSeen: 1_001, lastSeen: 5_000, docs: 2 });
      await s.close();
    });

    it('counts each document once per call; the first entry of a call claims', async () => {
      const s = await opened();
      const r = await s.claim([entry(3, { doc: 'a' }), entry(3, { doc: 'b' }), entry(3, { doc: 'a' })]);
      expect(r.map((x) => x.claimed)).toEqual([true, false, false]);
      expect(r[2]?.record.docs).toBe(2);
      expect(r[2]?.record.path).toBe('a');
      await s.close();
    });

    it('keeps word hashes exactly (negative and extreme values) and text only when given', async () => {
      const s = await opened();
      const [a] = await s.claim([entry(4, { text: 'Some text, “quoted”.' })]);
      await s.claim([entry(5)]);
      const found = await s.candidates([entry(4).bands, entry(5).bands]);
      const c4 = found[0]?.[0];
      const c5 = found[1]?.[0];
      expect(Array.from(c4?.words ?? [])).toEqual([4, -4, 2 ** 31 - 1, -(2 ** 31)]);
      expect(c4?.text).toBe('Some text, “quoted”.');
      expect(c5?.text).toBeUndefined();
      expect(c4?.seq).toBe(a?.record.seq);
      await s.close();
    });

    it('finds candidates by any shared band key, ordered by seq, without repeats, capped per band', async () => {
      const s = await opened();
      await s.claim([
        entry(10, { bands: Int32Array.from([1, 2, 3, 4]) }),
        entry(11, { bands: Int32Array.from([9, 2, 9, 4]) }),
        entry(12, { bands: Int32Array.from([7, 7, 7, 7]) }),
        entry(13, { bands: Int32Array.from([]) }),
      ]);
      const [hit, miss, partial] = await s.candidates([Int32Array.from([1, 2, 3, 4]), Int32Array.from([0, 0, 0, 0]), Int32Array.from([0, 0, 0, 4])]);
      expect(hit?.map((r) => r.hash)).toEqual([hash(10), hash(11)]);
      expect(miss).toEqual([]);
      expect(partial?.map((r) => r.hash)).toEqual([hash(10), hash(11)]);
      const [capped] = await s.candidates([Int32Array.from([0, 2, 0, 0])], 1);
      expect(capped?.map((r) => r.hash)).toEqual([hash(10)]);
      await s.close();
    });

    it('prunes records last seen before a time, and forgets their band keys', async () => {
      const s = await opened();
      await s.claim([entry(20, { time: 100 }), entry(21, { time: 200 }), entry(22, { time: 300 })]);
      await s.claim([entry(20, { time: 400, doc: 'again' })]); // seen again: kept
      expect(await s.prune(250)).toBe(1);
      const seen: string[] = [];
      for await (const r of s.records()) seen.push(r.hash);
      expect(seen).toEqual([hash(20), hash(22)]);
      const [gone] = await s.candidates([entry(21).bands]);
      expect(gone).toEqual([]);
      await s.close();
    });

    it('reports stats', async () => {
      const s = await opened();
      expect(await s.stats()).toMatchObject({ blocks: 0, oldest: null, newest: null });
      await s.claim([entry(30, { time: 50 }), entry(31, { time: 70 })]);
      const st = await s.stats();
      expect(st).toMatchObject({ blocks: 2, oldest: 50, newest: 70, meta: META });
      expect(st.bytes).toBeGreaterThan(0);
      await s.close();
    });

    it('refuses an index built with other settings', async () => {
      const s = await opened();
      await expect(s.open({ ...META, bands: 5 })).rejects.toBeInstanceOf(IndexError);
      await expect(s.open({ ...META, raw: true })).rejects.toThrow(/raw.*or the same settings/);
      // A MinHash format that no setting gives: only a new index will do.
      await expect(s.open({ ...META, minhashVersion: META.minhashVersion + 1 })).rejects.toThrow(/minhashVersion .*use a new index \(this version cannot read or extend it\)$/);
      await s.close();
    });

    it.skipIf(!factory.reopen)('keeps everything across close and reopen', async () => {
      const s = await opened();
      await s.claim([entry(40), entry(41, { text: 'kept text' })]);
      const t = await (factory.reopen as NonNullable<StoreFactory['reopen']>)(s);
      await t.open(META);
      const [r] = await t.claim([entry(40, { doc: 'later' })]);
      expect(r?.claimed).toBe(false);
      const c = (await t.candidates([entry(41).bands]))[0]?.[0];
      expect(c?.text).toBe('kept text');
      const [fresh] = await t.claim([entry(42)]);
      expect(fresh?.record.seq).toBeGreaterThan(r?.record.seq as number);
      await t.close();
    });

    it.skipIf(!factory.second)('two connections claiming the same hashes at once: each hash claimed exactly once', async () => {
      const s = await opened();
      const t = await (factory.second as NonNullable<StoreFactory['second']>)(s);
      await t.open(META);
      const batch = (from: number) => Array.from({ length: 200 }, (_, i) => entry(1000 + ((i + from) % 200), { doc: `w${from}` }));
      const [a, b] = await Promise.all([s.claim(batch(0)), t.claim(batch(100))]);
      const claimed = [...a, ...b].filter((x) => x.claimed).map((x) => x.record.hash);
      expect(claimed.length).toBe(200);
      expect(new Set(claimed).size).toBe(200);
      const seqs = [...a, ...b].filter((x) => x.claimed).map((x) => x.record.seq);
      expect(new Set(seqs).size).toBe(200);
      await t.close();
      await s.close();
    });
  });
}
