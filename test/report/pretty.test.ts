import { afterEach, describe, expect, it, vi } from 'vitest';
import { percent } from '../../src/report/percent.js';
import { prettyReporter } from '../../src/report/pretty.js';
import { ANSI, blocksOf, cleanResult, cluster, CTX, file, result, sampleResult, stripAnsi, TALKS } from './helpers.js';

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
