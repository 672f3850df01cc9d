import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseKept, components, eachComponent, groups, UnionFind } from '../../src/cluster/index.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('UnionFind', () => {
  it('starts with singletons and joins sets', () => {
    const uf = new UnionFind(5);
    for (const i of range(5)) expect(uf.find(i)).toBe(i);
    expect(uf.union(0, 1)).toBe(true);
    expect(uf.union(1, 0)).toBe(false);
    expect(uf.union(3, 4)).toBe(true);
    expect(uf.find(0)).toBe(uf.find(1));
    expect(uf.find(3)).toBe(uf.find(4));
    expect(uf.find(0)).not.toBe(uf.find(3));
    expect(uf.find(2)).toBe(2);
    expect(uf.union(1, 4)).toBe(true);
    expect(new Set([0, 1, 3, 4].map((i) => uf.find(i))).size).toBe(1);
    expect(uf.union(0, 3)).toBe(false);
  });

  it('agrees with a naive label-merging model (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).chain((n) =>
          fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 40 })),
        ),
        ([n, pairs]) => {
          const uf = new UnionFind(n);
          const label = range(n);
          for (const [a, b] of pairs) {
            const la = label[a] as number;
            const lb = label[b] as number;
            expect(uf.union(a, b)).toBe(la !== lb);
            for (let i = 0; i < n; i++) if (label[i] === lb) label[i] = la;
          }
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(uf.find(i) === uf.find(j)).toBe(label[i] === label[j]);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('groups', () => {
  it('orders groups by first id, ids ascending, singletons dropped', () => {
    const uf = new UnionFind(8);
    uf.union(5, 2);
    uf.union(7, 0);
    uf.union(6, 3);
    uf.union(3, 5);
    expect(groups(uf, range(8))).toEqual([
      [0, 7],
      [2, 3, 5, 6],
    ]);
  });

  it('groups only the ids it is given', () => {
    const uf = new UnionFind(6);
    uf.union(0, 1);
    uf.union(1, 2);
    uf.union(4, 5);
    expect(groups(uf, [5, 2, 0, 4])).toEqual([
      [0, 2],
      [4, 5],
    ]);
    expect(groups(uf, [1, 4])).toEqual([]);
    expect(groups(uf, [])).toEqual([]);
  });

  it('is independent of the order of the ids (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(19), fc.nat(19)), { maxLength: 25 }),
        fc.shuffledSubarray(range(20), { minLength: 0 }),
        (pairs, ids) => {
          const uf = new UnionFind(20);
          for (const [a, b] of pairs) uf.union(a, b);
          const g = groups(uf, ids);
          expect(g).toEqual(groups(uf, [...ids].sort((a, b) => a - b)));
          const firsts = g.map((x) => x[0] as number);
          expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
          for (const x of g) {
            expect(x.length).toBeGreaterThanOrEqual(2);
            expect(x).toEqual([...x].sort((a, b) => a - b));
          }
          expect(g.flat().length).toBe(new Set(g.flat()).size);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('chooseKept', () => {
  const lengths = new Map<number, number>([
    [1, 5],
    [3, 9],
    [4, 9],
    [8, 2],
  ]);
  const len = (id: number): number => lengths.get(id) ?? 0;

  it('first and last', () => {
    expect(chooseKept([1, 3, 4, 8], 'first', len)).toBe(1);
    expect(chooseKept([1, 3, 4, 8], 'last', len)).toBe(8);
  });

  it('longest, ties to the first', () => {
    expect(chooseKept([1, 3, 4, 8], 'longest', len)).toBe(3);
    expect(chooseKept([4, 3], 'longest', len)).toBe(4); // as given: the group is sorted in real use
    expect(chooseKept([1, 8], 'longest', len)).toBe(1);
    expect(chooseKept([8, 1], 'longest', len)).toBe(1);
  });

  it('equal lengths keep the first', () => {
    expect(chooseKept([2, 5, 9], 'longest', () => 7)).toBe(2);
  });
});

describe('eachComponent', () => {
  /** The sets in order of first appearance, by a Map (the plain way). */
  const viaMap = (uf: UnionFind, ids: readonly number[]): number[][] => {
    const byRoot = new Map<number, number[]>();
    const out: number[][] = [];
    for (const id of ids) {
      const g = byRoot.get(uf.find(id));
      if (g) g.push(id);
      else {
        const fresh = [id];
        byRoot.set(uf.find(id), fresh);
        out.push(fresh);
      }
    }
    return out;
  };

  it('gives the sets in order of first appearance, members in id order, filtered by size (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(29), fc.nat(29)), { maxLength: 30 }),
        fc.shuffledSubarray(range(30), { minLength: 0 }),
        fc.integer({ min: 1, max: 3 }),
        (pairs, ids, minSize) => {
          const uf = new UnionFind(30);
          for (const [a, b] of pairs) uf.union(a, b);
          const expected = viaMap(uf, ids);
          expect(components(uf, ids)).toEqual(expected);
          expect([...eachComponent(uf, ids, 30, minSize)]).toEqual(expected.filter((g) => g.length >= minSize));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('works past a Map\'s 2^24 entries', () => {
    const n = 2 ** 24 + 10;
    const uf = new UnionFind(n);
    uf.union(0, n - 1);
    uf.union(5, 2 ** 24 + 3);
    const ids = Int32Array.from({ length: n }, (_, i) => i);
    expect([...eachComponent(uf, Array.from(ids), n, 2)]).toEqual([
      [0, n - 1],
      [5, 2 ** 24 + 3],
    ]);
  });
});
