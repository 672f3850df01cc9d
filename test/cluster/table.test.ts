import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClusterTable, clusterCount, eachCluster } from '../../src/cluster/table.js';
import { scanTexts } from '../../src/index.js';
import type { Block, Cluster, ClusterKind } from '../../src/types.js';

/** A stand-in block for id (the table only stores ids). */
const blockOf = (id: number): Block => ({ source: 0, index: id, startOffset: id, endOffset: id + 1, startLine: id + 1, endLine: id + 1, text: `b${id}` });

interface Planned {
  readonly kind: ClusterKind;
  readonly documents?: number;
  readonly members: readonly { readonly id: number; readonly keep: boolean; readonly similarity: number }[];
}

function fill(planned: readonly Planned[]): ClusterTable {
  const table = new ClusterTable();
  for (const p of planned) {
    table.open(p.kind, p.documents);
    for (const m of p.members) table.member(m.id, m.keep, m.similarity);
  }
  return table;
}

function expected(planned: readonly Planned[]): Cluster[] {
  return planned.map((p, c) => {
    const members = p.members.map((m) => ({ block: blockOf(m.id), keep: m.keep, similarity: m.similarity }));
    return p.documents === undefined ? { id: c + 1, kind: p.kind, members } : { id: c + 1, kind: p.kind, documents: p.documents, members };
  });
}

const member = fc.record({ id: fc.nat(1 << 30), keep: fc.boolean(), similarity: fc.double({ min: 0, max: 1, noNaN: true }) });
const planned: fc.Arbitrary<Planned> = fc.oneof(
  fc.record({ kind: fc.constantFrom<ClusterKind>('exact', 'near'), members: fc.array(member, { minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant<ClusterKind>('boilerplate'), documents: fc.nat(1000), members: fc.array(member, { minLength: 1, maxLength: 6 }) }),
);

describe('ClusterTable', () => {
  it('gives back each cluster as it was put in (kind, documents, members in order)', () => {
    fc.assert(
      fc.property(fc.array(planned, { maxLength: 40 }), (plan) => {
        const table = fill(plan);
        expect(table.length).toBe(plan.length);
        expect(table.members).toBe(plan.reduce((n, p) => n + p.members.length, 0));
        const got = Array.from({ length: table.length }, (_, c) => table.cluster(c, blockOf));
        expect(got).toStrictEqual(expected(plan));
      }),
    );
  });

  it('holds clusters and members past one chunk of its columns (65,536 values)', () => {
    const plan: Planned[] = [];
    for (let c = 0; c < 70_000; c++) {
      const size = c === 50_000 ? 20_000 : 2;
      const members = Array.from({ length: size }, (_, k) => ({ id: c * 3 + k, keep: k === 0, similarity: k === 0 ? 1 : 0.5 + (c % 1000) / 2000 }));
      plan.push(c % 7 === 0 ? { kind: 'boilerplate', documents: c, members } : { kind: c % 2 ? 'near' : 'exact', members });
    }
    const table = fill(plan);
    expect(table.members).toBe(69_999 * 2 + 20_000);
    const want = expected(plan);
    for (const c of [0, 1, 32_767, 32_768, 49_999, 50_000, 50_001, 65_535, 65_536, 69_999]) expect(table.cluster(c, blockOf)).toStrictEqual(want[c]);
  });

  it('refuses documents on a cluster that is not boilerplate (and none on one that is), a member before any cluster, and a cluster out of range', () => {
    const table = new ClusterTable();
    expect(() => table.member(1, true, 1)).toThrow(RangeError);
    expect(() => table.open('exact', 3)).toThrow(/boilerplate/);
    expect(() => table.open('boilerplate')).toThrow(/boilerplate/);
    table.open('near');
    table.member(4, true, 1);
    expect(() => table.cluster(1, blockOf)).toThrow(RangeError);
    expect(() => table.cluster(-1, blockOf)).toThrow(RangeError);
  });
});

const TEXT = [
  'The quick brown fox jumps over the lazy dog near the river bank today.',
  'A second paragraph that nothing else repeats in this small text at all.',
  'The quick brown fox jumps over the lazy dog near the river bank today.',
  'Boilerplate: subscribe to our newsletter for more stories like this one.',
  'The quick brown fox jumped over the lazy dog near the river bank today.',
  'Boilerplate: subscribe to our newsletter for more stories like this one.',
].join('\n\n');

describe('a scan result whose clusters are columns', () => {
  it('eachCluster gives, before the clusters are read, the clusters that reading them makes', async () => {
    const result = await scanTexts([{ path: 'a.txt', content: TEXT }, { path: 'b.txt', content: TEXT }]);
    const streamed = [...eachCluster(result)];
    expect(clusterCount(result)).toBe(result.summary.clusters);
    expect(streamed.length).toBeGreaterThanOrEqual(2);
    expect(streamed.some((c) => c.kind === 'near')).toBe(true);
    const made = result.clusters;
    expect(made).toStrictEqual(streamed);
    // Read again: the same objects; their blocks are the files' own.
    expect(result.clusters).toBe(made);
    for (const c of made) {
      for (const m of c.members) expect(m.block).toBe(result.files[m.block.source]?.blocks[m.block.index]);
    }
    // Once made, eachCluster gives those objects.
    expect([...eachCluster(result)][0]).toBe(made[0]);
    // The counts agree with the members.
    const removed = made.reduce((n, c) => n + c.members.filter((m) => !m.keep).length, 0);
    expect(result.summary.duplicateBlocks).toBe(removed);
  });

  it('shows its clusters in JSON and util.inspect, as a plain property would', async () => {
    const result = await scanTexts([{ path: 'a.txt', content: TEXT }]);
    const json = JSON.parse(JSON.stringify(result)) as { clusters: unknown[] };
    expect(json.clusters.length).toBe(result.summary.clusters);
    expect(json.clusters).toEqual(JSON.parse(JSON.stringify(result.clusters)));
    expect(inspect(result, { depth: 1 })).toMatch(/clusters: \[/);
    expect(Object.keys(result)).toEqual(['files', 'clusters', 'summary']);
  });

  it('takes clusters that are set: eachCluster and clusterCount then give those', async () => {
    const result = await scanTexts([{ path: 'a.txt', content: TEXT }]);
    expect(clusterCount(result)).toBeGreaterThan(0);
    (result as { clusters: readonly Cluster[] }).clusters = [];
    expect(result.clusters).toEqual([]);
    expect([...eachCluster(result)]).toEqual([]);
    expect(clusterCount(result)).toBe(0);
  });
});
