/**
 * Detection options end to end: --unit, --exact, --threshold 1, --keep.
 */
import { describe, expect, it } from 'vitest';
import { dedupe, tempTree } from './run.js';

const LINES_REPORT = `Cluster 1 · exact · 3 copies
  keep  fixtures/lines.txt:4   100%  WARN cache miss for key session:8841, falling back to datab…
  dup   fixtures/lines.txt:6   100%  WARN cache miss for key session:8841, falling back to datab…
  dup   fixtures/lines.txt:12  100%  WARN cache miss for key session:8841, falling back to datab…

Cluster 2 · exact · 3 copies
  keep  fixtures/lines.txt:8   100%  ERROR upstream timeout after 30000 ms calling billing-servi…
  dup   fixtures/lines.txt:9   100%  ERROR upstream timeout after 30000 ms calling billing-servi…
  dup   fixtures/lines.txt:10  100%  ERROR upstream timeout after 30000 ms calling billing-servi…

2 clusters · 4 duplicate blocks of 15 blocks in 1 file
`;

const P1 = 'Port Ellery’s city council voted 7-4 on Tuesday night to po…';
const P1_V2 = 'Port Ellery’s city council voted 7‑4 on Tuesday night to po…';
const P2 = 'The vote was initially scheduled for February, when the cou…';
const P2_V2 = 'The vote was originally scheduled for February, when the co…';
const P3 = 'Okafor said the project was “far from dead” and that her st…';
const P3_V2 = 'Okafor said the project was "far from dead" and that her st…';
const P4 = 'Opponents of the extension, led by council member Gregory H…';
const P5 = 'Transit advocates who packed the council chamber greeted th…';
const P6 = 'The council will take up the project again after the state…';
const READ = 'Read more in today’s Harbor Brief: Council Splits Over Tram…';

/** Only the clusters whose members normalize to the same text; v2 lines 12, 15 and 17 drop out. */
const EXACT_REPORT = `Cluster 1 · exact · 3 copies
  keep  fixtures/article.txt:8      100%  ${P1}
  dup   fixtures/article.txt:12     100%  ${P1}
  dup   fixtures/article-v2.txt:11  100%  ${P1_V2}

Cluster 2 · exact · 2 copies
  keep  fixtures/article.txt:10  100%  ${P2}
  dup   fixtures/article.txt:14  100%  ${P2}

Cluster 3 · exact · 2 copies
  keep  fixtures/article.txt:16     100%  ${P3}
  dup   fixtures/article-v2.txt:13  100%  ${P3_V2}

Cluster 4 · exact · 2 copies
  keep  fixtures/article.txt:18     100%  ${P4}
  dup   fixtures/article-v2.txt:14  100%  ${P4}

Cluster 5 · exact · 2 copies
  keep  fixtures/article.txt:22     100%  ${P6}
  dup   fixtures/article-v2.txt:16  100%  ${P6}

5 clusters · 6 duplicate blocks of 36 blocks in 2 files
`;

const BOTH = ['fixtures/article.txt', 'fixtures/article-v2.txt'];

describe('--unit', () => {
  it('line on lines.txt: the two exact repeats only, none of the near-identical log events', () => {
    const r = dedupe(['--unit', 'line', 'fixtures/lines.txt']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(LINES_REPORT);
    expect(r.status).toBe(1);
  });

  it('auto resolves to line on lines.txt (no blank lines): same report', () => {
    expect(dedupe(['fixtures/lines.txt']).stdout).toBe(LINES_REPORT);
  });

  it('line on article.txt: every non-blank line is a block (19), same two duplicates', () => {
    const r = dedupe(['--unit', 'line', '--format', 'json', 'fixtures/article.txt']);
    const report = JSON.parse(r.stdout) as { summary: unknown; clusters: { blocks: { startLine: number; keep: boolean }[] }[] };
    expect(report.summary).toEqual({ files: 1, blocks: 19, clusters: 2, duplicateBlocks: 2 });
    expect(report.clusters.map((c) => c.blocks.map((b) => [b.startLine, b.keep]))).toEqual([
      [
        [8, true],
        [12, false],
      ],
      [
        [10, true],
        [14, false],
      ],
    ]);
  });

  it('sentence: a sentence repeated inside one paragraph is found and stripped', async () => {
    const s1 = 'The bridge will close at noon on Friday for an inspection of its steel cables and deck joints.';
    const s2 = 'Traffic will be diverted through the old quarter.';
    const s3 = 'Buses keep their usual stops.';
    const dir = await tempTree({ 's.txt': `${s1} ${s2} ${s1} ${s3}\n` });

    // As one paragraph there is nothing to find.
    const para = dedupe(['s.txt'], { cwd: dir });
    expect(para.stdout).toBe('No duplicates in 1 block across 1 file.\n');
    expect(para.status).toBe(0);

    const r = dedupe(['--unit', 'sentence', '--format', 'json', 's.txt'], { cwd: dir });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as {
      summary: unknown;
      clusters: { kind: string; blocks: { index: number; startOffset: number; endOffset: number; keep: boolean }[] }[];
    };
    expect(report.summary).toEqual({ files: 1, blocks: 4, clusters: 1, duplicateBlocks: 1 });
    const second = s1.length + 1 + s2.length + 1;
    expect(report.clusters).toMatchObject([
      {
        kind: 'exact',
        blocks: [
          { index: 0, startOffset: 0, endOffset: s1.length, keep: true },
          { index: 2, startOffset: second, endOffset: second + s1.length, keep: false },
        ],
      },
    ]);

    const strip = dedupe(['--unit', 'sentence', '--strip', 's.txt'], { cwd: dir });
    expect(strip.stdout).toBe(`${s1} ${s2} ${s3}\n`);
  });
});

describe('--exact and --threshold 1', () => {
  it('--exact drops the near duplicates (v2 lines 12, 15, 17) and keeps the exact ones', () => {
    const r = dedupe(['--exact', ...BOTH]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(EXACT_REPORT);
    expect(r.status).toBe(1);
  });

  it('--threshold 1 means exact only: same report', () => {
    const r = dedupe(['--threshold', '1', ...BOTH]);
    expect(r.stdout).toBe(EXACT_REPORT);
    expect(r.status).toBe(1);
  });
});

describe('--keep', () => {
  it('last: the last copy in input order is kept; similarities are to the kept copy', () => {
    const r = dedupe(['--keep', 'last', ...BOTH]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Cluster 1 · exact · 3 copies
  dup   fixtures/article.txt:8      100%  ${P1}
  dup   fixtures/article.txt:12     100%  ${P1}
  keep  fixtures/article-v2.txt:11  100%  ${P1_V2}

Cluster 2 · near · 3 copies · 98–100% similar
  dup   fixtures/article.txt:10      98%  ${P2}
  dup   fixtures/article.txt:14      98%  ${P2}
  keep  fixtures/article-v2.txt:12  100%  ${P2_V2}

Cluster 3 · exact · 2 copies
  dup   fixtures/article.txt:16     100%  ${P3}
  keep  fixtures/article-v2.txt:13  100%  ${P3_V2}

Cluster 4 · exact · 2 copies
  dup   fixtures/article.txt:18     100%  ${P4}
  keep  fixtures/article-v2.txt:14  100%  ${P4}

Cluster 5 · near · 2 copies · 98–100% similar
  dup   fixtures/article.txt:20      98%  ${P5}
  keep  fixtures/article-v2.txt:15  100%  ${P5}

Cluster 6 · exact · 2 copies
  dup   fixtures/article.txt:22     100%  ${P6}
  keep  fixtures/article-v2.txt:16  100%  ${P6}

Cluster 7 · near · 2 copies · 99–100% similar
  dup   fixtures/article.txt:24      99%  ${READ}
  keep  fixtures/article-v2.txt:17  100%  ${READ}

7 clusters · 9 duplicate blocks of 36 blocks in 2 files
`);
    expect(r.status).toBe(1);
  });

  it('longest: the copy with the most characters, ties to the first', () => {
    // Character counts (the ‑, curly quotes and em dash are one character each):
    //   P1, P3, P4 (373, 352, 380): the re-typeset copies tie with the originals -> first (article.txt) kept;
    //   P2: "But council ... initially" (article.txt, 582) is longer than "Council ... originally" (579);
    //   P5: "decision" (v2, 326) is longer than "result" (324);
    //   P6: " -- " (269) is longer than "—" (266); "Read more ... Walls." (82) is longer with its period (81).
    const r = dedupe(['--keep', 'longest', '--format', 'json', ...BOTH]);
    const report = JSON.parse(r.stdout) as { clusters: { blocks: { path: string; startLine: number; keep: boolean }[] }[] };
    expect(report.clusters.map((c) => c.blocks.filter((b) => b.keep).map((b) => `${b.path}:${b.startLine}`))).toEqual([
      ['fixtures/article.txt:8'],
      ['fixtures/article.txt:10'],
      ['fixtures/article.txt:16'],
      ['fixtures/article.txt:18'],
      ['fixtures/article-v2.txt:15'],
      ['fixtures/article.txt:22'],
      ['fixtures/article.txt:24'],
    ]);
  });

  it('longest with --strip on a temp file: the longer, later copy survives', async () => {
    const short = 'The museum will reopen in spring after the roof over the east gallery has been fully repaired.';
    const long = 'The museum will reopen in early spring after the roof over the east gallery has been fully repaired.';
    const dir = await tempTree({ 'm.txt': `${short}\n\nAn unrelated closing note that appears once.\n\n${long}\n` });
    const first = dedupe(['--strip', 'm.txt'], { cwd: dir });
    expect(first.stdout).toBe(`${short}\n\nAn unrelated closing note that appears once.\n`);
    const longest = dedupe(['--strip', '--keep', 'longest', 'm.txt'], { cwd: dir });
    expect(longest.stdout).toBe(`An unrelated closing note that appears once.\n\n${long}\n`);
  });
});
