/**
 * Report mode end to end: the pretty, json and jsonl reports of the fixtures,
 * compared whole, and the report-mode exit statuses.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dedupe, fixtureBytes, lineOf, tempTree } from './run.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

// Previews are the first 60 characters of a block and an ellipsis.
const P1 = 'Port Ellery’s city council voted 7-4 on Tuesday night to po…';
const P1_V2 = 'Port Ellery’s city council voted 7‑4 on Tuesday night to po…'; // U+2011 in 7‑4
const P2 = 'The vote was initially scheduled for February, when the cou…';
const P2_V2 = 'The vote was originally scheduled for February, when the co…';

const ARTICLE_REPORT = `Cluster 1 · exact · 2 copies
  keep  fixtures/article.txt:8   100%  ${P1}
  dup   fixtures/article.txt:12  100%  ${P1}

Cluster 2 · exact · 2 copies
  keep  fixtures/article.txt:10  100%  ${P2}
  dup   fixtures/article.txt:14  100%  ${P2}

2 clusters · 2 duplicate blocks of 17 blocks in 1 file
`;

describe('pretty report', () => {
  it('article.txt: the doubled P1 and P2 (lines 12 and 14) are the only duplicates; exit 1', () => {
    const r = dedupe(['fixtures/article.txt']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(ARTICLE_REPORT);
    expect(r.status).toBe(1);
  });

  it('article.txt + article-v2.txt: v2 lines 11-17 join the matching article.txt paragraphs, kept copies in article.txt', () => {
    const r = dedupe(['fixtures/article.txt', 'fixtures/article-v2.txt']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Cluster 1 · exact · 3 copies
  keep  fixtures/article.txt:8      100%  ${P1}
  dup   fixtures/article.txt:12     100%  ${P1}
  dup   fixtures/article-v2.txt:11  100%  ${P1_V2}

Cluster 2 · near · 3 copies · 98–100% similar
  keep  fixtures/article.txt:10     100%  ${P2}
  dup   fixtures/article.txt:14     100%  ${P2}
  dup   fixtures/article-v2.txt:12   98%  ${P2_V2}

Cluster 3 · exact · 2 copies
  keep  fixtures/article.txt:16     100%  Okafor said the project was “far from dead” and that her st…
  dup   fixtures/article-v2.txt:13  100%  Okafor said the project was "far from dead" and that her st…

Cluster 4 · exact · 2 copies
  keep  fixtures/article.txt:18     100%  Opponents of the extension, led by council member Gregory H…
  dup   fixtures/article-v2.txt:14  100%  Opponents of the extension, led by council member Gregory H…

Cluster 5 · near · 2 copies · 98–100% similar
  keep  fixtures/article.txt:20     100%  Transit advocates who packed the council chamber greeted th…
  dup   fixtures/article-v2.txt:15   98%  Transit advocates who packed the council chamber greeted th…

Cluster 6 · exact · 2 copies
  keep  fixtures/article.txt:22     100%  The council will take up the project again after the state…
  dup   fixtures/article-v2.txt:16  100%  The council will take up the project again after the state…

Cluster 7 · near · 2 copies · 99–100% similar
  keep  fixtures/article.txt:24     100%  Read more in today’s Harbor Brief: Council Splits Over Tram…
  dup   fixtures/article-v2.txt:17   99%  Read more in today’s Harbor Brief: Council Splits Over Tram…

7 clusters · 9 duplicate blocks of 36 blocks in 2 files
`);
    expect(r.status).toBe(1);
  });

  it('wrapped.txt: W2 re-wrapped (exact) and W4 lightly edited (near), multi-line spans', () => {
    const r = dedupe(['fixtures/wrapped.txt']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Cluster 1 · exact · 2 copies
  keep  fixtures/wrapped.txt:11-16  100%  The first year was humbling. Of the roughly two hundred pac…
  dup   fixtures/wrapped.txt:40-48  100%  The first year was humbling. Of the roughly two hundred pac…

Cluster 2 · near · 2 copies · 96–100% similar
  keep  fixtures/wrapped.txt:25-30  100%  The difference was striking. By the end of October more tha…
  dup   fixtures/wrapped.txt:52-57   96%  The difference was striking. By the end of November more th…

2 clusters · 2 duplicate blocks of 10 blocks in 1 file
`);
    expect(r.status).toBe(1);
  });

  it('article-v2.txt alone has no duplicates (byline and bio are not matched): exit 0', () => {
    const r = dedupe(['fixtures/article-v2.txt']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('No duplicates in 19 blocks across 1 file.\n');
    expect(r.status).toBe(0);
  });

  it('a file without duplicates exits 0', async () => {
    const dir = await tempTree({
      'clean.txt':
        'The ferry to the island leaves at seven every morning from the north pier.\n\n' +
        'Tickets can be bought on board or at the kiosk next to the harbour office.\n',
    });
    const r = dedupe(['clean.txt'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('No duplicates in 2 blocks across 1 file.\n');
    expect(r.status).toBe(0);
  });
});

interface JsonBlock {
  path: string;
  index: number;
  startLine: number;
  endLine: number;
  startOffset: number;
  endOffset: number;
  similarity: number;
  keep: boolean;
  preview: string;
}
interface JsonCluster {
  id: number;
  kind: string;
  blocks: JsonBlock[];
}
interface JsonReport {
  schemaVersion: number;
  tool: { name: string; version: string };
  files: { path: string; blocks: number; duplicateBlocks: number }[];
  clusters: JsonCluster[];
  summary: { files: number; blocks: number; clusters: number; duplicateBlocks: number };
}

const A = 'fixtures/article.txt';
const V2 = 'fixtures/article-v2.txt';

/** [kind, [path, index, line, keep]...] per cluster, worked out from fixtures/README.md. */
const EXPECTED_CLUSTERS: [string, [string, number, number, boolean][]][] = [
  ['exact', [[A, 2, 8, true], [A, 4, 12, false], [V2, 8, 11, false]]],
  ['near', [[A, 3, 10, true], [A, 5, 14, false], [V2, 9, 12, false]]],
  ['exact', [[A, 6, 16, true], [V2, 10, 13, false]]],
  ['exact', [[A, 7, 18, true], [V2, 11, 14, false]]],
  ['near', [[A, 8, 20, true], [V2, 12, 15, false]]],
  ['exact', [[A, 9, 22, true], [V2, 13, 16, false]]],
  ['near', [[A, 10, 24, true], [V2, 14, 17, false]]],
];

describe('--format json', () => {
  it('article.txt + article-v2.txt: contract field names, kinds, keep flags, lines and byte offsets', async () => {
    const r = dedupe(['--format', 'json', A, V2]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    const report = JSON.parse(r.stdout) as JsonReport;

    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'dedupe', version: VERSION });
    expect(report.files.map((f) => [f.path, f.blocks, f.duplicateBlocks])).toEqual([
      [A, 17, 2],
      [V2, 19, 7],
    ]);
    expect(report.summary).toEqual({ files: 2, blocks: 36, clusters: 7, duplicateBlocks: 9 });

    const bytes: Record<string, Buffer | undefined> = { [A]: await fixtureBytes('article.txt'), [V2]: await fixtureBytes('article-v2.txt') };
    expect(report.clusters.map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(report.clusters.map((c) => [c.kind, c.blocks.map((b) => [b.path, b.index, b.startLine, b.keep])])).toEqual(
      EXPECTED_CLUSTERS,
    );
    for (const c of report.clusters) {
      expect(Object.keys(c).sort()).toEqual(['blocks', 'id', 'kind']);
      expect(c.blocks.filter((b) => b.keep)).toHaveLength(1);
      for (const b of c.blocks) {
        for (const key of ['path', 'index', 'startLine', 'endLine', 'startOffset', 'endOffset', 'similarity', 'keep', 'preview']) {
          expect(b).toHaveProperty(key);
        }
        // Every paragraph in these two files is one line.
        expect(b.endLine).toBe(b.startLine);
        // The offsets re-slice exactly that line's bytes, without the separator.
        const file = bytes[b.path];
        if (file === undefined) throw new Error(`unexpected path ${b.path}`);
        const line = lineOf(file, b.startLine);
        expect([b.startOffset, b.endOffset]).toEqual([line.start, line.end]);
        expect(file.subarray(b.startOffset, b.endOffset).equals(line.bytes)).toBe(true);
        expect(b.preview.endsWith('…')).toBe(true);
        expect(line.bytes.toString('utf8').startsWith(b.preview.slice(0, -1))).toBe(true);
        if (b.keep || c.kind === 'exact') expect(b.similarity).toBe(1);
        else {
          expect(b.similarity).toBeGreaterThanOrEqual(0.7);
          expect(b.similarity).toBeLessThanOrEqual(1);
        }
      }
    }
    // The reworded ones are not 100%: P2 (initially -> originally, "But" dropped) and P5 (result -> decision).
    const v2Sim = (line: number) => report.clusters.flatMap((c) => c.blocks).find((b) => b.path === V2 && b.startLine === line)?.similarity;
    expect(v2Sim(12)).toBeLessThan(1);
    expect(v2Sim(15)).toBeLessThan(1);
  });

  it('article.txt: P1 starts at byte 122 and is 377 bytes long (worked out by hand)', async () => {
    const r = dedupe(['--format', 'json', A]);
    const report = JSON.parse(r.stdout) as JsonReport;
    const first = report.clusters[0]?.blocks[0];
    // Lines 1, 2, 4 are 23, 53 and 39 bytes plus LF; lines 3, 5, 6, 7 are blank: 24 + 54 + 1 + 40 + 3 = 122.
    // P1 has 373 characters, two of them (’ and —) 3 bytes in UTF-8: 373 + 2 * 2 = 377 bytes.
    expect(first?.startOffset).toBe(122);
    const bytes = await fixtureBytes('article.txt');
    const p1 =
      'Port Ellery’s city council voted 7-4 on Tuesday night to postpone the Riverside tram extension by at least ' +
      'eighteen months—a setback for a project that Mayor Lena Okafor had called the centerpiece of her second term. ' +
      'The delay follows a revised estimate that put the cost of the 3.2-mile line at $412 million, nearly 40 percent ' +
      'above the figure presented to voters in 2023.';
    expect(p1.length).toBe(373);
    expect(first?.endOffset).toBe(122 + 377);
    expect(bytes.subarray(first?.startOffset, first?.endOffset).toString('utf8')).toBe(p1);
    const second = report.clusters[0]?.blocks[1];
    expect(bytes.subarray(second?.startOffset, second?.endOffset).toString('utf8')).toBe(p1);
  });

  it('is deterministic', () => {
    const a = dedupe(['--format', 'json', A, V2]);
    const b = dedupe(['--format', 'json', A, V2]);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('--format jsonl', () => {
  it('article.txt: one line per cluster, then a summary line', () => {
    const r = dedupe(['--format', 'jsonl', A]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout.endsWith('\n')).toBe(true);
    const lines = r.stdout.slice(0, -1).split('\n');
    expect(lines).toHaveLength(3);
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const json = JSON.parse(dedupe(['--format', 'json', A]).stdout) as JsonReport;

    // The cluster lines carry the json report's clusters (plus a type tag), in order.
    expect(objects.slice(0, 2)).toEqual(json.clusters.map((c) => ({ type: 'cluster', ...c })));
    expect(json.clusters.map((c) => [c.id, c.kind, c.blocks.map((b) => [b.index, b.startLine, b.keep])])).toEqual([
      [1, 'exact', [[2, 8, true], [4, 12, false]]],
      [2, 'exact', [[3, 10, true], [5, 14, false]]],
    ]);
    expect(objects[2]).toMatchObject({ type: 'summary', files: 1, blocks: 17, clusters: 2, duplicateBlocks: 2 });
  });

  it('no duplicates: just the summary line', () => {
    const r = dedupe(['--format', 'jsonl', V2]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ type: 'summary', files: 1, blocks: 19, clusters: 0, duplicateBlocks: 0 });
  });
});
