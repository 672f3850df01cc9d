/** Hand-built scan results for the reporter tests. */
import type { Block, Cluster, ClusterKind, FileResult, ScanResult, Unit } from '../../src/types.js';

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

/** The sample's files with no clusters (nothing duplicated). */
export function cleanResult(): ScanResult {
  const a = blocksOf(0, DOC_A, ['Café notes, written on a Tuesday.', 'Unrelated text.']);
  return result([file('a.txt', 'paragraph', a, 0)], []);
}

export const CTX = { toolVersion: '0.1.0', color: false } as const;

export const ANSI = /\u001b\[[0-9;]*m/;
export const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');
