import { describe, expect, it } from 'vitest';
import { STDIN_PATH } from '../../src/input/index.js';
import {
  annotationTitle,
  duplicateMessage,
  escapeData,
  escapeProperty,
  githubReporter,
  keptMember,
  STDIN_DISPLAY_PATH,
  workflowCommand,
} from '../../src/report/github.js';
import {
  blocksOf,
  boilerplateCluster,
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

describe('github reporter', () => {
  it('renders the whole sample: one warning per duplicate block, then one summary notice', () => {
    expect(githubReporter(sampleResult(), CTX)).toBe(
      '::warning file=a.txt,line=7,endLine=7,title=dedupe%3A exact duplicate (cluster 1)::' +
        'Duplicate of a.txt:3 (100%25 similar, exact): "U.S. and Iranian officials held talks in Oman on Saturday."\n' +
        '::warning file=b.md,line=2,endLine=2,title=dedupe%3A exact duplicate (cluster 1)::' +
        'Duplicate of a.txt:3 (100%25 similar, exact): "U.S. and Iranian officials held talks in Oman on Saturday."\n' +
        '::warning file=b.md,line=3,endLine=3,title=dedupe%3A near-duplicate (cluster 2)::' +
        'Duplicate of a.txt:9-10 (87%25 similar, near): "The talks were called constructive by both sides, and a sec…"\n' +
        '::notice::dedupe: 3 duplicate blocks in 2 clusters\n',
    );
  });

  it('nothing duplicated: one plain summary line, no annotation', () => {
    expect(githubReporter(cleanResult(), CTX)).toBe('dedupe: no duplicates in 2 blocks across 1 file\n');
    expect(githubReporter(result([], []), CTX)).toBe('dedupe: no duplicates in 0 blocks across 0 files\n');
  });

  it('a multi-line duplicate gets line and endLine; singular counts', () => {
    const doc = 'First line\nsecond line.\n\nFirst line\nsecond line.\n';
    const [a, b] = blocksOf(0, doc, ['First line\nsecond line.', 'First line\nsecond line.']);
    if (!a || !b) throw new Error('test fixture');
    const r = result([file('notes/x.txt', 'paragraph', [a, b], 1)], [cluster(1, 'exact', a, [[b, 1]])]);
    expect(githubReporter(r, CTX)).toBe(
      '::warning file=notes/x.txt,line=4,endLine=5,title=dedupe%3A exact duplicate (cluster 1)::' +
        'Duplicate of notes/x.txt:1-2 (100%25 similar, exact): "First line second line."\n' +
        '::notice::dedupe: 1 duplicate block in 1 cluster\n',
    );
  });

  it('escapes an awkward file name and a duplicate text with a newline and a %', () => {
    const text = 'Prices rose 5%\r\nthis year, again.';
    const doc = `${text}\n\n${text}\n`;
    const [a, b] = blocksOf(0, doc, [text, text]);
    if (!a || !b) throw new Error('test fixture');
    const r = result([file('a,b:c%.txt', 'paragraph', [a, b], 1)], [cluster(1, 'exact', a, [[b, 1]])]);
    expect(githubReporter(r, CTX)).toBe(
      '::warning file=a%2Cb%3Ac%25.txt,line=4,endLine=5,title=dedupe%3A exact duplicate (cluster 1)::' +
        'Duplicate of a,b:c%25.txt:1-2 (100%25 similar, exact): "Prices rose 5%25 this year, again."\n' +
        '::notice::dedupe: 1 duplicate block in 1 cluster\n',
    );
  });

  it('a line break in a path cannot end the command early', () => {
    const doc = 'Same text.\n\nSame text.\n';
    const [a, b] = blocksOf(0, doc, ['Same text.', 'Same text.']);
    if (!a || !b) throw new Error('test fixture');
    const r = result([file('odd\r\nname,1.txt', 'paragraph', [a, b], 1)], [cluster(1, 'near', a, [[b, 0.999]])]);
    const out = githubReporter(r, CTX);
    expect(out).toBe(
      '::warning file=odd%0D%0Aname%2C1.txt,line=3,endLine=3,title=dedupe%3A near-duplicate (cluster 1)::' +
        'Duplicate of odd%0D%0Aname,1.txt:1 (99%25 similar, near): "Same text."\n' +
        '::notice::dedupe: 1 duplicate block in 1 cluster\n',
    );
    expect(out.split('\n')).toHaveLength(3);
  });

  it('standard input: no file/line properties, the message still names it; ./ dropped from paths', () => {
    expect(STDIN_DISPLAY_PATH).toBe(STDIN_PATH);
    const doc = 'Same text.\n\nSame text.\n';
    const [a] = blocksOf(0, doc, ['Same text.']);
    const [, b] = blocksOf(1, doc, ['Same text.', 'Same text.']);
    if (!a || !b) throw new Error('test fixture');
    const r = result(
      [file('./docs/a.txt', 'paragraph', [a], 0), file(STDIN_PATH, 'paragraph', [b], 1)],
      [cluster(1, 'exact', a, [[b, 1]])],
    );
    expect(githubReporter(r, CTX)).toBe(
      '::warning title=dedupe%3A exact duplicate (cluster 1)::Duplicate of ./docs/a.txt:1 (100%25 similar, exact): "Same text."\n' +
        '::notice::dedupe: 1 duplicate block in 1 cluster\n',
    );
    const swapped = result(
      [file(STDIN_PATH, 'paragraph', [a], 0), file('./docs/a.txt', 'paragraph', [b], 1)],
      [cluster(1, 'exact', a, [[b, 1]])],
    );
    expect(githubReporter(swapped, CTX).split('\n')[0]).toBe(
      '::warning file=docs/a.txt,line=3,endLine=3,title=dedupe%3A exact duplicate (cluster 1)::Duplicate of <stdin>:1 (100%25 similar, exact): "Same text."',
    );
  });

  it('is deterministic and pure', () => {
    const r = sampleResult();
    expect(githubReporter(r, CTX)).toBe(githubReporter(r, { ...CTX, color: true }));
  });
});

describe('github reporter: indexed members and boilerplate clusters', () => {
  it('renders the whole indexed sample: indexed kept copies named (indexed), boilerplate annotations, no annotation for index entries', () => {
    expect(githubReporter(indexedSampleResult(), CTX)).toBe(
      '::warning file=new.txt,line=1,endLine=1,title=dedupe%3A exact duplicate (cluster 1)::' +
        'Duplicate of docs/a.txt:12 (indexed) (100%25 similar, exact): "U.S. and Iranian officials held talks in Oman on Saturday."\n' +
        '::warning file=more.md,line=2,endLine=2,title=dedupe%3A exact duplicate (cluster 1)::' +
        'Duplicate of docs/a.txt:12 (indexed) (100%25 similar, exact): "U.S. and Iranian officials held talks in Oman on Saturday."\n' +
        '::warning file=new.txt,line=3,endLine=3,title=dedupe%3A near-duplicate (cluster 2)::' +
        'Duplicate of docs/a.txt:14 (indexed) (87%25 similar, near): "The talks were called constructive by both sides, and a sec…"\n' +
        '::warning file=new.txt,line=5,endLine=5,title=dedupe%3A boilerplate (cluster 3)::' +
        'Boilerplate seen in 14 documents: "All rights reserved. Reprinted with permission."\n' +
        '::warning file=more.md,line=3,endLine=3,title=dedupe%3A boilerplate (cluster 3)::' +
        'Boilerplate seen in 14 documents: "All rights reserved. Reprinted with permission."\n' +
        '::notice::dedupe: 5 duplicate blocks in 3 clusters\n',
    );
  });

  it('a boilerplate cluster of this run only, one annotation per copy, stdin without file/line', () => {
    const doc = `${FOOTER}\n`;
    const [a] = blocksOf(0, doc, [FOOTER]);
    const [b] = blocksOf(1, doc, [FOOTER]);
    if (!a || !b) throw new Error('test fixture');
    const r = result(
      [file('./docs/x.md', 'paragraph', [a], 1), file(STDIN_PATH, 'paragraph', [b], 1)],
      [boilerplateCluster(7, 2, [[a, 1], [b, 1]])],
    );
    expect(githubReporter(r, CTX)).toBe(
      '::warning file=docs/x.md,line=1,endLine=1,title=dedupe%3A boilerplate (cluster 7)::' +
        'Boilerplate seen in 2 documents: "All rights reserved. Reprinted with permission."\n' +
        '::warning title=dedupe%3A boilerplate (cluster 7)::' +
        'Boilerplate seen in 2 documents: "All rights reserved. Reprinted with permission."\n' +
        '::notice::dedupe: 2 duplicate blocks in 1 cluster\n',
    );
  });

  it('an indexed kept copy with an awkward path is escaped in the message like any other', () => {
    const [b] = blocksOf(0, `${TALKS}\n`, [TALKS]);
    if (!b) throw new Error('test fixture');
    const r = result([file('a.txt', 'paragraph', [b], 1)], [indexedCluster(1, 'exact', indexedMember('old\n100%.txt', 4), [[b, 1]])]);
    expect(githubReporter(r, CTX).split('\n')[0]).toBe(
      '::warning file=a.txt,line=1,endLine=1,title=dedupe%3A exact duplicate (cluster 1)::' +
        'Duplicate of old%0A100%25.txt:4 (indexed) (100%25 similar, exact): "U.S. and Iranian officials held talks in Oman on Saturday."',
    );
  });

  it('keptMember: the indexed member of an exact/near cluster, undefined for boilerplate (no throw), a throw for a cluster that lost its kept copy', () => {
    const [c1, c2, c3] = indexedSampleResult().clusters;
    if (!c1 || !c2 || !c3) throw new Error('test fixture');
    expect(keptMember(c1)?.indexed?.path).toBe('docs/a.txt');
    expect(keptMember(c2)?.indexed?.line).toBe(14);
    expect(() => keptMember(c3)).not.toThrow();
    expect(keptMember(c3)).toBeUndefined();
    expect(() => keptMember({ ...c1, members: c1.members.map((m) => ({ ...m, keep: false })) })).toThrow(/cluster 1 has no kept member/);
  });

  it('annotationTitle and duplicateMessage for each kind', () => {
    const r = indexedSampleResult();
    const [c1, c2, c3] = r.clusters;
    if (!c1 || !c2 || !c3) throw new Error('test fixture');
    expect([c1, c2, c3].map(annotationTitle)).toEqual([
      'dedupe: exact duplicate (cluster 1)',
      'dedupe: near-duplicate (cluster 2)',
      'dedupe: boilerplate (cluster 3)',
    ]);
    const last = c3.members.at(-1);
    if (!last) throw new Error('test fixture');
    expect(duplicateMessage(r, c3, last)).toBe('Boilerplate seen in 14 documents: "All rights reserved. Reprinted with permission."');
  });
});

describe('workflow command escaping (as @actions/core command.ts)', () => {
  it('escapeData: % first, then CR and LF', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeData('%0A')).toBe('%250A');
    expect(escapeData('%\n')).toBe('%25%0A');
    expect(escapeData('a:b,c')).toBe('a:b,c');
    expect(escapeData('')).toBe('');
  });

  it('escapeProperty: as data, plus : and ,', () => {
    expect(escapeProperty('a,b:c%.txt')).toBe('a%2Cb%3Ac%25.txt');
    expect(escapeProperty('x\r\ny')).toBe('x%0D%0Ay');
    expect(escapeProperty('%3A:')).toBe('%253A%3A');
    expect(escapeProperty('::warning ::')).toBe('%3A%3Awarning %3A%3A');
  });

  it('workflowCommand joins properties in order and skips undefined ones', () => {
    expect(workflowCommand('notice', {}, 'hi')).toBe('::notice::hi');
    expect(workflowCommand('warning', { file: 'a,b', line: 3, endLine: undefined, title: 'x:y' }, 'm\n%')).toBe(
      '::warning file=a%2Cb,line=3,title=x%3Ay::m%0A%25',
    );
  });
});
