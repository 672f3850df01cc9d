/**
 * Union-find over block ids, then clusters with a keep policy and a stable order.
 * Block ids are positions in input order (source by source, block by block), so
 * "first" is the smallest id.
 */
import type { KeepPolicy } from '../options.js';

export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
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
    if ((this.size[ra] as number) < (this.size[rb] as number)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = (this.size[ra] as number) + (this.size[rb] as number);
    return true;
  }
}

/**
 * Every set of the union-find among `ids` (singletons included), in order of
 * first appearance; with `ids` ascending, each group is ascending and the groups
 * are ordered by their first id.
 */
export function components(uf: UnionFind, ids: Iterable<number>): number[][] {
  const byRoot = new Map<number, number[]>();
  const out: number[][] = [];
  for (const id of ids) {
    const root = uf.find(id);
    const g = byRoot.get(root);
    if (g) g.push(id);
    else {
      const fresh = [id];
      byRoot.set(root, fresh);
      out.push(fresh);
    }
  }
  return out;
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
