import { describe, expect, it } from 'vitest';
import { jsonReporter, roundSimilarity, toWireReport } from '../../src/report/json.js';
import { CTX, cleanResult, cluster, blocksOf, file, result, sampleResult, TALKS } from './helpers.js';

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
