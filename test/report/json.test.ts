import { describe, expect, it } from 'vitest';
import { jsonReporter, roundSimilarity, toWireReport } from '../../src/report/json.js';
import type { WireBlock, WireCluster } from '../../src/report/wire.js';
import type { ScanResult } from '../../src/types.js';
import {
  boilerplateCluster,
  blocksOf,
  cleanResult,
  cluster,
  CTX,
  file,
  FOOTER,
  indexedCluster,
  indexedMember,
  indexedSampleResult,
  result,
  sampleResult,
  TALKS,
} from './helpers.js';

describe('json reporter', () => {
  it('renders the whole sample report, per the contract', () => {
    expect(jsonReporter(sampleResult(), CTX)).toBe(`{
  "schemaVersion": 1,
  "tool": {
    "name": "dedupe",
    "version": "0.1.0"
  },
  "files": [
    {
      "path": "a.txt",
      "blocks": 5,
      "duplicateBlocks": 1,
      "unit": "paragraph"
    },
    {
      "path": "b.md",
      "blocks": 3,
      "duplicateBlocks": 2,
      "unit": "line"
    }
  ],
  "clusters": [
    {
      "id": 1,
      "kind": "exact",
      "blocks": [
        {
          "path": "a.txt",
          "index": 1,
          "startLine": 3,
          "endLine": 3,
          "startOffset": 36,
          "endOffset": 94,
          "similarity": 1,
          "keep": true,
          "preview": "U.S. and Iranian officials held talks in Oman on Saturday."
        },
        {
          "path": "a.txt",
          "index": 3,
          "startLine": 7,
          "endLine": 7,
          "startOffset": 113,
          "endOffset": 171,
          "similarity": 1,
          "keep": false,
          "preview": "U.S. and Iranian officials held talks in Oman on Saturday."
        },
        {
          "path": "b.md",
          "index": 1,
          "startLine": 2,
          "endLine": 2,
          "startOffset": 8,
          "endOffset": 66,
          "similarity": 1,
          "keep": false,
          "preview": "U.S. and Iranian officials held talks in Oman on Saturday."
        }
      ]
    },
    {
      "id": 2,
      "kind": "near",
      "blocks": [
        {
          "path": "a.txt",
          "index": 4,
          "startLine": 9,
          "endLine": 10,
          "startOffset": 173,
          "endOffset": 259,
          "similarity": 1,
          "keep": true,
          "preview": "The talks were described as constructive by both sides, and…"
        },
        {
          "path": "b.md",
          "index": 2,
          "startLine": 3,
          "endLine": 3,
          "startOffset": 67,
          "endOffset": 147,
          "similarity": 0.8735,
          "keep": false,
          "preview": "The talks were called constructive by both sides, and a sec…"
        }
      ]
    }
  ],
  "summary": {
    "files": 2,
    "blocks": 8,
    "clusters": 2,
    "duplicateBlocks": 3
  }
}
`);
  });

  it('renders a result without duplicates with an empty clusters array', () => {
    expect(jsonReporter(cleanResult(), { toolVersion: '9.9.9-dev', color: true })).toBe(`{
  "schemaVersion": 1,
  "tool": {
    "name": "dedupe",
    "version": "9.9.9-dev"
  },
  "files": [
    {
      "path": "a.txt",
      "blocks": 2,
      "duplicateBlocks": 0,
      "unit": "paragraph"
    }
  ],
  "clusters": [],
  "summary": {
    "files": 1,
    "blocks": 2,
    "clusters": 0,
    "duplicateBlocks": 0
  }
}
`);
  });

  it('round-trips through JSON.parse with the contract field names, in contract order', () => {
    const parsed: unknown = JSON.parse(jsonReporter(sampleResult(), CTX));
    expect(parsed).toEqual(toWireReport(sampleResult(), '0.1.0'));
    const report = parsed as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'files', 'clusters', 'summary']);
    const files = report['files'] as Record<string, unknown>[];
    expect(Object.keys(files[0] ?? {})).toEqual(['path', 'blocks', 'duplicateBlocks', 'unit']);
    const clusters = report['clusters'] as Record<string, unknown>[];
    expect(Object.keys(clusters[0] ?? {})).toEqual(['id', 'kind', 'blocks']);
    const blocks = (clusters[0]?.['blocks'] ?? []) as Record<string, unknown>[];
    expect(Object.keys(blocks[0] ?? {})).toEqual([
      'path',
      'index',
      'startLine',
      'endLine',
      'startOffset',
      'endOffset',
      'similarity',
      'keep',
      'preview',
    ]);
    expect(Object.keys(report['summary'] as object)).toEqual(['files', 'blocks', 'clusters', 'duplicateBlocks']);
  });

  it('has exactly one kept block per cluster and takes each block path from its source', () => {
    const report = toWireReport(sampleResult(), '0.1.0');
    for (const c of report.clusters) expect(c.blocks.filter((b) => b.keep)).toHaveLength(1);
    expect(report.clusters.map((c) => c.blocks.map((b) => b.path))).toEqual([
      ['a.txt', 'a.txt', 'b.md'],
      ['a.txt', 'b.md'],
    ]);
  });

  it('reports the summary it is given, not a recount', () => {
    const base = cleanResult();
    const skewed = { ...base, summary: { files: 7, blocks: 70, clusters: 0, duplicateBlocks: 0 } };
    expect(toWireReport(skewed, 'x').summary).toEqual({ files: 7, blocks: 70, clusters: 0, duplicateBlocks: 0 });
  });

  it('throws a clear error for a block whose source has no file', () => {
    const [kept, other] = blocksOf(0, `${TALKS}\n\n${TALKS}\n`, [TALKS, TALKS]);
    if (!kept || !other) throw new Error('fixture');
    const dangling = { ...other, source: 3 };
    const bad = result([file('a.txt', 'paragraph', [kept, other], 1)], [cluster(1, 'exact', kept, [[dangling, 1]])]);
    expect(() => jsonReporter(bad, CTX)).toThrow(/cluster 1: block 1 refers to source 3, but the result has 1 file/);
  });
});

describe('similarity rounding', () => {
  it.each([
    [1, 1],
    [0.5, 0.5],
    [0.873456, 0.8735],
    [0.12344, 0.1234],
    [2 / 3, 0.6667],
    [0.99999, 0.9999], // a copy that is not identical never reads as 1 (review of a 2 MB near pair)
    [0.99996, 0.9999],
    [0.00004, 0],
    [0, 0],
  ])('%s -> %s', (input, expected) => {
    expect(roundSimilarity(input)).toBe(expected);
  });

  it('is applied to every block on the wire', () => {
    const [kept, other] = blocksOf(0, `${TALKS}\n\n${TALKS}\n`, [TALKS, TALKS]);
    if (!kept || !other) throw new Error('fixture');
    const r = result([file('a.txt', 'paragraph', [kept, other], 1)], [cluster(1, 'near', kept, [[other, 2 / 3]])]);
    const text = jsonReporter(r, CTX);
    expect(text).toContain('"similarity": 0.6667,');
    expect(text).not.toContain('0.66666');
  });
});

/** Five copies of FOOTER, one per file, as one boilerplate cluster (no index). */
function boilerplateOnly(documents: number | undefined): ScanResult {
  const paths = ['p1.txt', 'p2.txt', 'p3.txt', 'p4.txt', 'p5.txt'];
  const blocks = paths.map((_, i) => blocksOf(i, `Intro ${i}.\n\n${FOOTER}\n`, [`Intro ${i}.`, FOOTER]));
  const copies = blocks.map((b) => b[1]).filter((b) => b !== undefined);
  const c = boilerplateCluster(1, documents ?? 0, copies.map((b) => [b, 1] as const));
  const { documents: _documents, ...withoutDocuments } = c;
  return result(
    paths.map((p, i) => file(p, 'paragraph', blocks[i] ?? [], 1)),
    [documents === undefined ? withoutDocuments : c],
  );
}

describe('json reporter: indexed members and boilerplate clusters', () => {
  it('renders the whole indexed sample, per the contract', () => {
    expect(jsonReporter(indexedSampleResult(), CTX)).toBe(`{
  "schemaVersion": 1,
  "tool": {
    "name": "dedupe",
    "version": "0.1.0"
  },
  "files": [
    {
      "path": "new.txt",
      "blocks": 3,
      "duplicateBlocks": 3,
      "unit": "paragraph"
    },
    {
      "path": "more.md",
      "blocks": 3,
      "duplicateBlocks": 2,
      "unit": "line"
    }
  ],
  "clusters": [
    {
      "id": 1,
      "kind": "exact",
      "blocks": [
        {
          "path": "docs/a.txt",
          "indexed": true,
          "keep": true,
          "startLine": 12,
          "endLine": 12,
          "firstSeen": "2026-11-20T09:30:00.000Z",
          "documents": 3,
          "similarity": 1,
          "preview": "U.S. and Iranian officials held talks in Oman on Saturday."
        },
        {
          "path": "new.txt",
          "index": 0,
          "startLine": 1,
          "endLine": 1,
          "startOffset": 0,
          "endOffset": 58,
          "similarity": 1,
          "keep": false,
          "preview": "U.S. and Iranian officials held talks in Oman on Saturday."
        },
        {
          "path": "more.md",
          "index": 1,
          "startLine": 2,
          "endLine": 2,
          "startOffset": 7,
          "endOffset": 65,
          "similarity": 1,
          "keep": false,
          "preview": "U.S. and Iranian officials held talks in Oman on Saturday."
        }
      ]
    },
    {
      "id": 2,
      "kind": "near",
      "blocks": [
        {
          "path": "docs/a.txt",
          "indexed": true,
          "keep": true,
          "startLine": 14,
          "endLine": 14,
          "firstSeen": "2026-11-20T09:30:00.000Z",
          "documents": 1,
          "similarity": 1,
          "preview": ""
        },
        {
          "path": "new.txt",
          "index": 1,
          "startLine": 3,
          "endLine": 3,
          "startOffset": 60,
          "endOffset": 140,
          "similarity": 0.8735,
          "keep": false,
          "preview": "The talks were called constructive by both sides, and a sec…"
        }
      ]
    },
    {
      "id": 3,
      "kind": "boilerplate",
      "documents": 14,
      "blocks": [
        {
          "path": "docs/legal.txt",
          "indexed": true,
          "keep": false,
          "startLine": 40,
          "endLine": 40,
          "firstSeen": "2026-01-05T00:00:00.000Z",
          "documents": 12,
          "similarity": 1,
          "preview": "All rights reserved. Reprinted with permission."
        },
        {
          "path": "new.txt",
          "index": 2,
          "startLine": 5,
          "endLine": 5,
          "startOffset": 142,
          "endOffset": 189,
          "similarity": 1,
          "keep": false,
          "preview": "All rights reserved. Reprinted with permission."
        },
        {
          "path": "more.md",
          "index": 2,
          "startLine": 3,
          "endLine": 3,
          "startOffset": 66,
          "endOffset": 113,
          "similarity": 1,
          "keep": false,
          "preview": "All rights reserved. Reprinted with permission."
        }
      ]
    }
  ],
  "summary": {
    "files": 2,
    "blocks": 6,
    "clusters": 3,
    "duplicateBlocks": 5
  }
}
`);
  });

  it('an indexed block: path where first seen, indexed, keep, lines, firstSeen, documents, similarity, preview; no index or offsets', () => {
    const report = JSON.parse(jsonReporter(indexedSampleResult(), CTX)) as { clusters: Array<{ blocks: Array<Record<string, unknown>> }> };
    const indexed = report.clusters.map((c) => c.blocks[0] ?? {});
    for (const b of indexed) {
      expect(Object.keys(b)).toEqual(['path', 'indexed', 'keep', 'startLine', 'endLine', 'firstSeen', 'documents', 'similarity', 'preview']);
      expect(b).not.toHaveProperty('index');
      expect(b).not.toHaveProperty('startOffset');
      expect(b).not.toHaveProperty('endOffset');
      expect(new Date(String(b['firstSeen'])).toISOString()).toBe(b['firstSeen']);
    }
    // Blocks of this run carry no `indexed` member at all (the existing shape is unchanged).
    for (const c of report.clusters) for (const b of c.blocks.slice(1)) expect(Object.keys(b)).not.toContain('indexed');
  });

  it('the indexed kept copy is the one kept block of an exact/near cluster; a boilerplate cluster keeps none', () => {
    const report = toWireReport(indexedSampleResult(), '0.1.0');
    expect(report.clusters.map((c) => c.blocks.map((b) => b.keep))).toEqual([
      [true, false, false],
      [true, false],
      [false, false, false],
    ]);
  });

  it('a preview from the stored text, or "" when the index stores none', () => {
    const report = toWireReport(indexedSampleResult(), '0.1.0');
    expect(report.clusters.map((c) => c.blocks[0]?.preview)).toEqual([TALKS, '', FOOTER]);
  });

  it('the wire types tell an indexed block from a block of this run, and a boilerplate cluster by its kind', () => {
    const describeBlock = (b: WireBlock): string =>
      b.indexed ? `${b.path}:${b.startLine} first seen ${b.firstSeen}` : `${b.path}#${b.index}@${b.startOffset}`;
    const describeCluster = (c: WireCluster): string => (c.kind === 'boilerplate' ? `in ${c.documents} documents` : c.kind);
    const report = toWireReport(indexedSampleResult(), '0.1.0');
    expect(report.clusters.map(describeCluster)).toEqual(['exact', 'near', 'in 14 documents']);
    expect(report.clusters[0]?.blocks.map(describeBlock)).toEqual([
      'docs/a.txt:12 first seen 2026-11-20T09:30:00.000Z',
      'new.txt#0@0',
      'more.md#1@7',
    ]);
  });

  it('a boilerplate cluster: kind, documents (after kind), every block keep: false, exact copies similarity 1', () => {
    const report = JSON.parse(jsonReporter(boilerplateOnly(14), CTX)) as { clusters: Array<Record<string, unknown>> };
    const c = report.clusters[0] ?? {};
    expect(Object.keys(c)).toEqual(['id', 'kind', 'documents', 'blocks']);
    expect(c['kind']).toBe('boilerplate');
    expect(c['documents']).toBe(14);
    const blocks = c['blocks'] as Array<Record<string, unknown>>;
    expect(blocks).toHaveLength(5);
    for (const b of blocks) {
      expect(b['keep']).toBe(false);
      expect(b['similarity']).toBe(1);
      expect(b['preview']).toBe(FOOTER);
    }
    expect(blocks.map((b) => b['path'])).toEqual(['p1.txt', 'p2.txt', 'p3.txt', 'p4.txt', 'p5.txt']);
  });

  it('exact and near clusters carry no documents member, even with an indexed kept copy', () => {
    const report = JSON.parse(jsonReporter(indexedSampleResult(), CTX)) as { clusters: Array<Record<string, unknown>> };
    expect(report.clusters.map((c) => Object.keys(c))).toEqual([
      ['id', 'kind', 'blocks'],
      ['id', 'kind', 'blocks'],
      ['id', 'kind', 'documents', 'blocks'],
    ]);
  });

  it('a boilerplate cluster the pipeline left without documents counts its documents', () => {
    const report = toWireReport(boilerplateOnly(undefined), '0.1.0');
    expect(report.clusters[0]).toMatchObject({ kind: 'boilerplate', documents: 5 });
    // ... adding the documents the index counts for its entry
    const [, b] = blocksOf(0, `${FOOTER}\n\n${FOOTER}\n`, [FOOTER, FOOTER]);
    const [a] = blocksOf(1, `${FOOTER}\n`, [FOOTER]);
    if (!a || !b) throw new Error('fixture');
    const ref = indexedMember('old.txt', 3, { text: FOOTER, keep: false, documents: 4 });
    const { documents: _d, ...c } = boilerplateCluster(1, 0, [[b, 1], [a, 1]], ref);
    const r = result([file('x.txt', 'paragraph', [b], 1), file('y.txt', 'paragraph', [a], 1)], [c]);
    expect(toWireReport(r, '0').clusters[0]).toMatchObject({ kind: 'boilerplate', documents: 6 });
  });

  it('a firstSeen that is not a date is reported with its cluster, not as "Invalid time value"', () => {
    const [b] = blocksOf(0, `${TALKS}\n`, [TALKS]);
    if (!b) throw new Error('fixture');
    const bad = result(
      [file('a.txt', 'paragraph', [b], 1)],
      [indexedCluster(4, 'exact', indexedMember('old.txt', 9, { firstSeen: Number.NaN }), [[b, 1]])],
    );
    expect(() => jsonReporter(bad, CTX)).toThrow(/cluster 4: the indexed block from old.txt:9 has an invalid firstSeen time NaN/);
  });
});

describe('json and jsonl reports in pieces', () => {
  const reports = async (): Promise<ScanResult[]> => {
    const { scanTexts } = await import('../../src/pipeline.js');
    // Enough clusters that the pieces split (about 64K characters each), with quotes and newlines in previews.
    const paragraphs = Array.from({ length: 700 }, (_, i) => `Paragraph "${i % 350}" says\nsomething about item ${i % 350} at length, twice.`);
    return [
      sampleResult(),
      cleanResult(),
      indexedSampleResult(),
      await scanTexts([{ path: 'many.txt', content: paragraphs.join('\n\n') }]),
      await scanTexts([{ path: 'none.txt', content: 'one paragraph only, nothing repeats here' }]),
    ];
  };

  it('jsonChunks joined is JSON.stringify of the whole wire report', async () => {
    const { jsonChunks } = await import('../../src/report/json.js');
    for (const r of await reports()) {
      const pieces = [...jsonChunks(r, CTX)];
      expect(pieces.join('')).toBe(`${JSON.stringify(toWireReport(r, CTX.toolVersion), null, 2)}\n`);
      if (r.clusters.length > 300) expect(pieces.length).toBeGreaterThan(1);
    }
  });

  it('jsonlChunks joined is a line per cluster and the summary', async () => {
    const { jsonlChunks } = await import('../../src/report/jsonl.js');
    for (const r of await reports()) {
      const wire = toWireReport(r, CTX.toolVersion);
      const expected = [...wire.clusters.map((c) => JSON.stringify({ type: 'cluster', ...c })), JSON.stringify({ type: 'summary', ...wire.summary, fileStats: wire.files })];
      expect([...jsonlChunks(r, CTX)].join('')).toBe(expected.map((l) => `${l}\n`).join(''));
    }
  });
});
