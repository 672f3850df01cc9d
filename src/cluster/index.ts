/**
 * Union-find over block ids, then clusters with a keep policy and a stable order.
 * Block ids are positions in input order (source by source, block by block), so
 * "first" is the smallest id.
 */
import type { KeepPolicy } from '../options.js';

export class UnionFind {
  private readonly parent: Int32Array;
  private readonly sizes: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.sizes = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  /** Number of elements (ids 0 .. size - 1). */
  get size(): number {
    return this.parent.length;
  }

  find(x: number): number {
    let r = x;
    while ((this.parent[r] as number) !== r) r = this.parent[r] as number;
    let c = x;
    while (c !== r) {
      const next = this.parent[c] as number;
      this.parent[c] = r;
      c = next;
    }
    return r;
  }

  /** Joins the sets of a and b; returns false when they were already one. */
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if ((this.sizes[ra] as number) < (this.sizes[rb] as number)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.sizes[ra] = (this.sizes[ra] as number) + (this.sizes[rb] as number);
    return true;
  }
}

/**
 * Every set of the union-find among `ids` (singletons included), in order of
 * first appearance; with `ids` ascending, each group is ascending and the groups
 * are ordered by their first id.
 */
export function components(uf: UnionFind, ids: Iterable<number>): number[][] {
  return [...eachComponent(uf, [...ids], uf.size)];
}

/**
 * The sets of `components`, one at a time, with `minSize` or more members (1:
 * every set). No Map and no array per id: typed arrays indexed by root, so any
 * number of ids (past a Map's 2^24 entries) works in 16 bytes per id.
 */
export function* eachComponent(uf: UnionFind, ids: ArrayLike<number>, n: number, minSize = 1): Generator<number[]> {
  const rootOf = new Int32Array(ids.length);
  const count = new Int32Array(n);
  for (let k = 0; k < ids.length; k++) {
    const root = uf.find(ids[k] as number);
    rootOf[k] = root;
    count[root] = (count[root] as number) + 1;
  }
  // Each set's members go to their own range of `members`, in order of first appearance.
  const next = new Int32Array(n).fill(-1);
  const members = new Int32Array(ids.length);
  let cursor = 0;
  for (let k = 0; k < ids.length; k++) {
    const root = rootOf[k] as number;
    if ((next[root] as number) < 0) {
      next[root] = cursor;
      cursor += count[root] as number;
    }
    members[next[root] as number] = ids[k] as number;
    next[root] = (next[root] as number) + 1;
  }
  // A set's range ends at next[root] once filled; yield it where its first member appears.
  for (let k = 0; k < ids.length; k++) {
    const root = rootOf[k] as number;
    const size = count[root] as number;
    if (size === 0) continue;
    count[root] = 0;
    if (size < minSize) continue;
    const end = next[root] as number;
    yield Array.from(members.subarray(end - size, end));
  }
}

/** Groups of two or more ids, each sorted ascending, groups ordered by their first id. */
export function groups(uf: UnionFind, ids: Iterable<number>): number[][] {
  const sorted = [...ids].sort((x, y) => x - y);
  return components(uf, sorted).filter((g) => g.length >= 2);
}

/** The id to keep in a sorted group: first, last, or longest (ties go to the first). */
export function chooseKept(group: readonly number[], policy: KeepPolicy, length: (id: number) => number): number {
  if (policy === 'first') return group[0] as number;
  if (policy === 'last') return group[group.length - 1] as number;
  let best = group[0] as number;
  for (const id of group) if (length(id) > length(best)) best = id;
  return best;
}
