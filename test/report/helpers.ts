/** Hand-built scan results for the reporter tests. */
import type { Block, Cluster, ClusterKind, ClusterMember, FileResult, ScanResult, Unit } from '../../src/types.js';

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');
const newlines = (s: string): number => s.split('\n').length - 1;

/** Blocks for `texts`, located in order inside `doc`, with exact byte and line spans. */
export function blocksOf(source: number, doc: string, texts: readonly string[]): Block[] {
  let from = 0;
  return texts.map((text, index) => {
    const at = doc.indexOf(text, from);
    if (at < 0) throw new Error(`test fixture: ${JSON.stringify(text)} not found in document ${source}`);
    from = at + text.length;
    const startOffset = utf8(doc.slice(0, at));
    const startLine = newlines(doc.slice(0, at)) + 1;
    return {
      source,
      index,
      text,
      startOffset,
      endOffset: startOffset + utf8(text),
      startLine,
      endLine: startLine + newlines(text),
    };
  });
}

export function file(path: string, unit: Unit, blocks: readonly Block[], duplicateBlocks: number): FileResult {
  return { path, unit, blocks, duplicateBlocks };
}

/** A cluster whose first member is kept; `similarities` are for the other members. */
export function cluster(id: number, kind: ClusterKind, kept: Block, others: ReadonlyArray<readonly [Block, number]>): Cluster {
  return {
    id,
    kind,
    members: [
      { block: kept, similarity: 1, keep: true },
      ...others.map(([block, similarity]) => ({ block, similarity, keep: false })),
    ],
  };
}

/** When the tests' indexed blocks were first seen: 2026-11-20T09:30:00.000Z. */
export const FIRST_SEEN = Date.UTC(2026, 10, 20, 9, 30);

export interface IndexedOptions {
  /** The stored text; '' (the default) when the index does not store text. */
  readonly text?: string;
  /** true (the default): the kept copy of an exact/near cluster; false: a reference in a boilerplate cluster. */
  readonly keep?: boolean;
  readonly documents?: number;
  readonly firstSeen?: number;
  readonly seq?: number;
  readonly similarity?: number;
}

/** The stand-in member for a block the index holds, as the pipeline builds it. */
export function indexedMember(path: string, line: number, options: IndexedOptions = {}): ClusterMember {
  const { text = '', keep = true, documents = 1, firstSeen = FIRST_SEEN, seq = 1, similarity = 1 } = options;
  return {
    block: { source: -1, index: -1, startOffset: 0, endOffset: 0, startLine: line, endLine: line, text },
    similarity,
    keep,
    indexed: { path, line, firstSeen, seq, documents },
  };
}

/** An exact or near cluster whose kept copy is held by the index: every block of this run is a duplicate. */
export function indexedCluster(
  id: number,
  kind: 'exact' | 'near',
  kept: ClusterMember,
  others: ReadonlyArray<readonly [Block, number]>,
): Cluster {
  return { id, kind, members: [kept, ...others.map(([block, similarity]) => ({ block, similarity, keep: false }))] };
}

/** A boilerplate cluster: no member kept; the index's entry (keep: false) first when given. */
export function boilerplateCluster(
  id: number,
  documents: number,
  members: ReadonlyArray<readonly [Block, number]>,
  indexed?: ClusterMember,
): Cluster {
  const own = members.map(([block, similarity]) => ({ block, similarity, keep: false }));
  return { id, kind: 'boilerplate', documents, members: indexed ? [indexed, ...own] : own };
}

export function result(files: readonly FileResult[], clusters: readonly Cluster[]): ScanResult {
  const blocks = files.reduce((n, f) => n + f.blocks.length, 0);
  const duplicateBlocks = files.reduce((n, f) => n + f.duplicateBlocks, 0);
  return { files, clusters, summary: { files: files.length, blocks, clusters: clusters.length, duplicateBlocks } };
}

export const TALKS = 'U.S. and Iranian officials held talks in Oman on Saturday.';
export const DESCRIBED = 'The talks were described as constructive by both sides,\nand a second round is planned.';
export const CALLED = 'The talks were called constructive by both sides, and a second round is planned.';

export const DOC_A = [
  'Café notes, written on a Tuesday.',
  TALKS,
  'Unrelated text.',
  TALKS,
  DESCRIBED,
].join('\n\n') + '\n';
export const DOC_B = ['# Notes', TALKS, CALLED].join('\n') + '\n';

/**
 * Two files (a.txt: paragraphs, b.md: lines), 8 blocks, one exact cluster of three
 * copies across both files and one near pair with a multi-line kept block.
 */
export function sampleResult(): ScanResult {
  const a = blocksOf(0, DOC_A, ['Café notes, written on a Tuesday.', TALKS, 'Unrelated text.', TALKS, DESCRIBED]);
  const b = blocksOf(1, DOC_B, ['# Notes', TALKS, CALLED]);
  const [, a1, , a3, a4] = a;
  const [, b1, b2] = b;
  if (!a1 || !a3 || !a4 || !b1 || !b2) throw new Error('test fixture: missing block');
  return result(
    [file('a.txt', 'paragraph', a, 1), file('b.md', 'line', b, 2)],
    [
      cluster(1, 'exact', a1, [
        [a3, 1],
        [b1, 1],
      ]),
      cluster(2, 'near', a4, [[b2, 0.873456]]),
    ],
  );
}

export const FOOTER = 'All rights reserved. Reprinted with permission.';
export const DOC_NEW = [TALKS, CALLED, FOOTER].join('\n\n') + '\n';
export const DOC_MORE = ['# More', TALKS, FOOTER].join('\n') + '\n';

/**
 * A run against the persistent index (--index) with --boilerplate: new.txt
 * (paragraphs) and more.md (lines), 6 blocks, 5 of them removed.
 * 1. exact: kept copy in the index (docs/a.txt:12, text stored, in 3 documents);
 *    a copy in each file.
 * 2. near: kept copy in the index (docs/a.txt:14, text not stored); new.txt's reworded copy.
 * 3. boilerplate, in 14 documents: the index's entry (docs/legal.txt:40) as a
 *    reference, and a copy in each file, all removed.
 */
export function indexedSampleResult(): ScanResult {
  const n = blocksOf(0, DOC_NEW, [TALKS, CALLED, FOOTER]);
  const m = blocksOf(1, DOC_MORE, ['# More', TALKS, FOOTER]);
  const [n0, n1, n2] = n;
  const [, m1, m2] = m;
  if (!n0 || !n1 || !n2 || !m1 || !m2) throw new Error('test fixture: missing block');
  return result(
    [file('new.txt', 'paragraph', n, 3), file('more.md', 'line', m, 2)],
    [
      indexedCluster(1, 'exact', indexedMember('docs/a.txt', 12, { text: TALKS, documents: 3, seq: 7 }), [
        [n0, 1],
        [m1, 1],
      ]),
      indexedCluster(2, 'near', indexedMember('docs/a.txt', 14, { seq: 8 }), [[n1, 0.873456]]),
      boilerplateCluster(
        3,
        14,
        [
          [n2, 1],
          [m2, 1],
        ],
        indexedMember('docs/legal.txt', 40, { text: FOOTER, keep: false, documents: 12, seq: 2, firstSeen: Date.UTC(2026, 0, 5) }),
      ),
    ],
  );
}

/** The sample's files with no clusters (nothing duplicated). */
export function cleanResult(): ScanResult {
  const a = blocksOf(0, DOC_A, ['Café notes, written on a Tuesday.', 'Unrelated text.']);
  return result([file('a.txt', 'paragraph', a, 0)], []);
}

export const CTX = { toolVersion: '0.1.0', color: false } as const;

export const ANSI = /\u001b\[[0-9;]*m/;
export const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');
