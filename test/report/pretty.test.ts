import { afterEach, describe, expect, it, vi } from 'vitest';
import { percent } from '../../src/report/percent.js';
import { prettyReporter, TEXT_NOT_STORED } from '../../src/report/pretty.js';
import {
  ANSI,
  blocksOf,
  boilerplateCluster,
  CALLED,
  cleanResult,
  cluster,
  CTX,
  DESCRIBED,
  file,
  FOOTER,
  indexedCluster,
  indexedMember,
  indexedSampleResult,
  result,
  sampleResult,
  stripAnsi,
  TALKS,
} from './helpers.js';

const COLOR = { ...CTX, color: true };

/** Two copies of TALKS in one file, the second with the given similarity and cluster kind. */
function pair(kind: 'exact' | 'near', similarity: number, path = 'a.txt') {
  const [kept, other] = blocksOf(0, `${TALKS}\n\n${TALKS}\n`, [TALKS, TALKS]);
  if (!kept || !other) throw new Error('fixture');
  return result([file(path, 'paragraph', [kept, other], 1)], [cluster(1, kind, kept, [[other, similarity]])]);
}

describe('pretty reporter', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('renders the whole sample report without colour', () => {
    expect(prettyReporter(sampleResult(), CTX)).toBe(
      `Cluster 1 · exact · 3 copies
  keep  a.txt:3  100%  U.S. and Iranian officials held talks in Oman on Saturday.
  dup   a.txt:7  100%  U.S. and Iranian officials held talks in Oman on Saturday.
  dup   b.md:2   100%  U.S. and Iranian officials held talks in Oman on Saturday.

Cluster 2 · near · 2 copies · 87–100% similar
  keep  a.txt:9-10  100%  The talks were described as constructive by both sides, and…
  dup   b.md:3       87%  The talks were called constructive by both sides, and a sec…

2 clusters · 3 duplicate blocks of 8 blocks in 2 files
`,
    );
  });

  it('renders a single summary line when there are no duplicates', () => {
    expect(prettyReporter(cleanResult(), CTX)).toBe('No duplicates in 2 blocks across 1 file.\n');
  });

  it('uses singular words for counts of one', () => {
    expect(prettyReporter(pair('exact', 1), CTX)).toBe(
      `Cluster 1 · exact · 2 copies
  keep  a.txt:1  100%  U.S. and Iranian officials held talks in Oman on Saturday.
  dup   a.txt:3  100%  U.S. and Iranian officials held talks in Oman on Saturday.

1 cluster · 1 duplicate block of 2 blocks in 1 file
`,
    );
    const [only] = blocksOf(0, 'x', ['x']);
    if (!only) throw new Error('fixture');
    expect(prettyReporter(result([file('x.txt', 'line', [only], 0)], []), CTX)).toBe(
      'No duplicates in 1 block across 1 file.\n',
    );
  });

  it('shows a near copy just below 1 as 99%, never 100%', () => {
    const out = prettyReporter(pair('near', 0.996), CTX);
    expect(out).toContain('Cluster 1 · near · 2 copies · 99–100% similar\n');
    expect(out).toContain('  dup   a.txt:3   99%  U.S.');
  });

  it('shows one percentage when every member rounds alike', () => {
    expect(prettyReporter(pair('near', 1), CTX)).toContain('Cluster 1 · near · 2 copies · 100% similar\n');
  });

  it('emits ANSI colour when colour is on, and the same text underneath', () => {
    const coloured = prettyReporter(sampleResult(), COLOR);
    expect(coloured).toMatch(ANSI);
    expect(coloured).toContain('\u001b[32mkeep\u001b[39m');
    expect(coloured).toContain('\u001b[31mdup\u001b[39m');
    expect(coloured).toContain('\u001b[1mCluster 1 · exact · 3 copies\u001b[22m');
    expect(stripAnsi(coloured)).toBe(prettyReporter(sampleResult(), CTX));
    expect(prettyReporter(cleanResult(), COLOR)).toMatch(ANSI);
  });

  it('emits no ANSI escapes when colour is off, even if the environment forces colour', () => {
    vi.stubEnv('FORCE_COLOR', '3');
    expect(prettyReporter(sampleResult(), CTX)).not.toMatch(/\u001b/);
    expect(prettyReporter(cleanResult(), CTX)).not.toMatch(/\u001b/);
  });

  it('emits colour when asked, even if the environment disables it', () => {
    vi.stubEnv('NO_COLOR', '1');
    vi.stubEnv('FORCE_COLOR', '0');
    expect(prettyReporter(sampleResult(), COLOR)).toMatch(ANSI);
  });

  it('never sends control characters from a path to the terminal', () => {
    const out = prettyReporter(pair('exact', 1, 'evil\u001b[2J\nname.txt'), CTX);
    expect(out).not.toMatch(/\u001b/);
    expect(out).toContain('  keep  evil\ufffd[2J\ufffdname.txt:1  100%  ');
  });

  it('aligns the similarity column per cluster', () => {
    const lines = prettyReporter(sampleResult(), CTX).split('\n');
    expect(lines[5]).toMatch(/^Cluster 2 /);
    expect(lines.slice(1, 4).map((l) => l.indexOf('%'))).toEqual([20, 20, 20]);
    expect(lines.slice(6, 8).map((l) => l.indexOf('%'))).toEqual([23, 23]);
  });
});

const EXPLAIN = { ...CTX, explain: true };

/** new.txt's reworded paragraph against a kept copy held by the index, with or without its stored text. */
function nearIndexed(storedText: string) {
  const [b] = blocksOf(0, `${CALLED}\n`, [CALLED]);
  if (!b) throw new Error('fixture');
  return result(
    [file('new.txt', 'paragraph', [b], 1)],
    [indexedCluster(1, 'near', indexedMember('docs/a.txt', 9, { text: storedText }), [[b, 0.873456]])],
  );
}

/** FOOTER once in each of `copies` files, as one boilerplate cluster seen in `documents` documents. */
function boilerplateOnly(copies: number, documents: number) {
  const blocks = Array.from({ length: copies }, (_, i) => blocksOf(i, `Intro ${i}.\n\n${FOOTER}\n`, [`Intro ${i}.`, FOOTER]));
  const footers = blocks.map((b) => b[1]).filter((b) => b !== undefined);
  return result(
    blocks.map((b, i) => file(`p${i + 1}.txt`, 'paragraph', b, 1)),
    [boilerplateCluster(3, documents, footers.map((b) => [b, 1] as const))],
  );
}

describe('pretty reporter: indexed members and boilerplate clusters', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('renders the whole indexed sample without colour', () => {
    expect(prettyReporter(indexedSampleResult(), CTX)).toBe(
      `Cluster 1 · exact · 3 copies
  keep  index: docs/a.txt:12 (first seen 2026-11-20)  100%  U.S. and Iranian officials held talks in Oman on Saturday.
  dup   new.txt:1                                     100%  U.S. and Iranian officials held talks in Oman on Saturday.
  dup   more.md:2                                     100%  U.S. and Iranian officials held talks in Oman on Saturday.

Cluster 2 · near · 2 copies · 87–100% similar
  keep  index: docs/a.txt:14 (first seen 2026-11-20)  100%  (text not stored)
  dup   new.txt:3                                      87%  The talks were called constructive by both sides, and a sec…

Cluster 3 · boilerplate · in 14 documents · 2 copies here
  ref   index: docs/legal.txt:40 (first seen 2026-01-05)  100%  All rights reserved. Reprinted with permission.
  drop  new.txt:5                                         100%  All rights reserved. Reprinted with permission.
  drop  more.md:3                                         100%  All rights reserved. Reprinted with permission.

3 clusters · 5 duplicate blocks of 6 blocks in 2 files
`,
    );
  });

  it('a boilerplate cluster of this run only: every copy dropped, no keep line', () => {
    const out = prettyReporter(boilerplateOnly(5, 14), CTX);
    expect(out).toBe(
      `Cluster 3 · boilerplate · in 14 documents · 5 copies here
  drop  p1.txt:3  100%  All rights reserved. Reprinted with permission.
  drop  p2.txt:3  100%  All rights reserved. Reprinted with permission.
  drop  p3.txt:3  100%  All rights reserved. Reprinted with permission.
  drop  p4.txt:3  100%  All rights reserved. Reprinted with permission.
  drop  p5.txt:3  100%  All rights reserved. Reprinted with permission.

1 cluster · 5 duplicate blocks of 10 blocks in 5 files
`,
    );
    expect(out).not.toMatch(/\bkeep\b/);
    expect(prettyReporter(boilerplateOnly(1, 2), CTX).split('\n')[0]).toBe('Cluster 3 · boilerplate · in 2 documents · 1 copy here');
  });

  it('the summary counts are the result summary, unchanged by indexed members', () => {
    const out = prettyReporter(indexedSampleResult(), CTX);
    expect(out.trimEnd().split('\n').at(-1)).toBe('3 clusters · 5 duplicate blocks of 6 blocks in 2 files');
  });

  it('colour: drop in red, ref dimmed, the same text underneath', () => {
    const coloured = prettyReporter(indexedSampleResult(), COLOR);
    expect(coloured).toContain('\u001b[31mdrop\u001b[39m');
    expect(coloured).toContain('\u001b[2mref\u001b[22m ');
    expect(coloured).toContain('\u001b[1mCluster 3 · boilerplate · in 14 documents · 2 copies here\u001b[22m');
    expect(stripAnsi(coloured)).toBe(prettyReporter(indexedSampleResult(), CTX));
  });

  it('the first-seen day is the UTC date, whatever the local time zone', () => {
    vi.stubEnv('TZ', 'Pacific/Auckland'); // already 2027-01-01 there
    const [b] = blocksOf(0, `${TALKS}\n`, [TALKS]);
    if (!b) throw new Error('fixture');
    const late = indexedMember('old.txt', 2, { text: TALKS, firstSeen: Date.UTC(2026, 11, 31, 23, 59, 59) });
    const r = result([file('a.txt', 'paragraph', [b], 1)], [indexedCluster(1, 'exact', late, [[b, 1]])]);
    expect(prettyReporter(r, CTX)).toContain('  keep  index: old.txt:2 (first seen 2026-12-31)  100%  U.S.');
  });

  it('never sends control characters from an indexed path to the terminal', () => {
    const [b] = blocksOf(0, `${TALKS}\n`, [TALKS]);
    if (!b) throw new Error('fixture');
    const r = result([file('a.txt', 'paragraph', [b], 1)], [indexedCluster(1, 'exact', indexedMember('evil\u001b[2J.txt', 2), [[b, 1]])]);
    const out = prettyReporter(r, CTX);
    expect(out).not.toMatch(/\u001b/);
    expect(out).toContain('index: evil\ufffd[2J.txt:2 (first seen 2026-11-20)');
  });
});

describe('pretty reporter: --explain', () => {
  it('breaks down and diffs a near duplicate against its kept copy', () => {
    expect(prettyReporter(sampleResult(), EXPLAIN).split('\n').slice(5, 10)).toEqual([
      'Cluster 2 · near · 2 copies · 87–100% similar',
      '  keep  a.txt:9-10  100%  The talks were described as constructive by both sides, and…',
      '  dup   b.md:3       87%  The talks were called constructive by both sides, and a sec…',
      '        words 89.7% · bigram Jaccard 68.8% · Levenshtein 89.5%',
      '        The talks were [-described-]{+called+} [-as -]constructive by both sides, and a …',
    ]);
  });

  it('against an indexed kept copy whose text is stored: the same breakdown and diff', () => {
    expect(prettyReporter(nearIndexed(DESCRIBED), EXPLAIN)).toBe(
      `Cluster 1 · near · 2 copies · 87–100% similar
  keep  index: docs/a.txt:9 (first seen 2026-11-20)  100%  The talks were described as constructive by both sides, and…
  dup   new.txt:1                                     87%  The talks were called constructive by both sides, and a sec…
        words 89.7% · bigram Jaccard 68.8% · Levenshtein 89.5%
        The talks were [-described-]{+called+} [-as -]constructive by both sides, and a …

1 cluster · 1 duplicate block of 1 block in 1 file
`,
    );
  });

  it('against an indexed kept copy whose text is not stored: a pointer to --index-store-text instead of a diff', () => {
    expect(TEXT_NOT_STORED).toBe("(the indexed copy's text is not stored: use --index-store-text)");
    expect(prettyReporter(nearIndexed(''), EXPLAIN)).toBe(
      `Cluster 1 · near · 2 copies · 87–100% similar
  keep  index: docs/a.txt:9 (first seen 2026-11-20)  100%  (text not stored)
  dup   new.txt:1                                     87%  The talks were called constructive by both sides, and a sec…
        (the indexed copy's text is not stored: use --index-store-text)

1 cluster · 1 duplicate block of 1 block in 1 file
`,
    );
    const coloured = prettyReporter(nearIndexed(''), { ...EXPLAIN, color: true });
    expect(stripAnsi(coloured)).toBe(prettyReporter(nearIndexed(''), EXPLAIN));
  });

  it('the whole indexed sample with --explain: exact copies and boilerplate get no explanation', () => {
    const plain = prettyReporter(indexedSampleResult(), CTX).split('\n');
    const explained = prettyReporter(indexedSampleResult(), EXPLAIN).split('\n');
    expect(explained).toEqual([...plain.slice(0, 8), `        ${TEXT_NOT_STORED}`, ...plain.slice(8)]);
  });

  it('a reworded member of a boilerplate cluster has no kept copy to explain against, and nothing breaks', () => {
    const [a, b] = blocksOf(0, `${DESCRIBED}\n\n${CALLED}\n`, [DESCRIBED, CALLED]);
    if (!a || !b) throw new Error('fixture');
    const r = result([file('x.txt', 'paragraph', [a, b], 2)], [boilerplateCluster(1, 9, [[a, 1], [b, 0.87]])]);
    expect(prettyReporter(r, EXPLAIN)).toBe(prettyReporter(r, CTX));
    expect(prettyReporter(r, CTX)).toContain('  drop  x.txt:4     87%  The talks were called');
  });
});

describe('percent', () => {
  it.each([
    [1, 100],
    [0.999999, 99],
    [0.995, 99],
    [0.994, 99],
    [0.87, 87],
    [0.873456, 87],
    [0.875, 88],
    [0.29, 29],
    [0, 0],
  ])('%s -> %s percent', (similarity, expected) => {
    expect(percent(similarity)).toBe(expected);
  });
});
