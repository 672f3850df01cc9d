/**
 * Bad usage and bad inputs: exit 2 with one line on stderr (no stack trace),
 * the other inputs still processed; binary files skipped with a warning.
 */
import { describe, expect, it } from 'vitest';
import { dedupe } from './run.js';

const ARTICLE_REPORT = `Cluster 1 · exact · 2 copies
  keep  fixtures/article.txt:8   100%  Port Ellery’s city council voted 7-4 on Tuesday night to po…
  dup   fixtures/article.txt:12  100%  Port Ellery’s city council voted 7-4 on Tuesday night to po…

Cluster 2 · exact · 2 copies
  keep  fixtures/article.txt:10  100%  The vote was initially scheduled for February, when the cou…
  dup   fixtures/article.txt:14  100%  The vote was initially scheduled for February, when the cou…

2 clusters · 2 duplicate blocks of 17 blocks in 1 file
`;

const CRLF_REPORT = `Cluster 1 · exact · 2 copies
  keep  fixtures/crlf.txt:5  100%  Passengers with annual passes do not need to do anything. H…
  dup   fixtures/crlf.txt:7  100%  Passengers with annual passes do not need to do anything. H…

1 cluster · 1 duplicate block of 5 blocks in 1 file
`;

describe('unreadable inputs', () => {
  it('a missing file: one line naming it, exit 2, and the other input is still reported', () => {
    const r = dedupe(['fixtures/nope.txt', 'fixtures/article.txt']);
    expect(r.stderr).toBe('dedupe: fixtures/nope.txt: no such file or directory\n');
    expect(r.stdout).toBe(ARTICLE_REPORT);
    expect(r.status).toBe(2);
  });

  it('a missing file after a good one: same', () => {
    const r = dedupe(['--format', 'json', 'fixtures/article.txt', 'fixtures/nope.txt']);
    expect(r.stderr).toBe('dedupe: fixtures/nope.txt: no such file or directory\n');
    expect((JSON.parse(r.stdout) as { summary: unknown }).summary).toEqual({ files: 1, blocks: 17, clusters: 2, duplicateBlocks: 2 });
    expect(r.status).toBe(2);
  });

  it('a glob that matches nothing is an error too', () => {
    const r = dedupe(['fixtures/*.nomatch', 'fixtures/crlf.txt']);
    expect(r.stderr).toBe('dedupe: fixtures/*.nomatch: no files match this pattern\n');
    expect(r.stdout).toBe(CRLF_REPORT);
    expect(r.status).toBe(2);
  });
});

describe('binary files', () => {
  it('binary.bin is skipped with a warning; the exit status is that of the other inputs (1)', () => {
    const r = dedupe(['fixtures/binary.bin', 'fixtures/crlf.txt']);
    expect(r.stderr).toBe('dedupe: fixtures/binary.bin: binary file skipped\n');
    expect(r.stdout).toBe(CRLF_REPORT);
    expect(r.status).toBe(1);
  });

  it('binary.bin with a file without duplicates: exit 0', () => {
    const r = dedupe(['fixtures/article-v2.txt', 'fixtures/binary.bin']);
    expect(r.stderr).toBe('dedupe: fixtures/binary.bin: binary file skipped\n');
    expect(r.stdout).toBe('No duplicates in 19 blocks across 1 file.\n');
    expect(r.status).toBe(0);
  });

  it('binary.bin alone: nothing to scan, exit 0', () => {
    const r = dedupe(['fixtures/binary.bin']);
    expect(r.stderr).toBe('dedupe: fixtures/binary.bin: binary file skipped\n');
    expect(r.stdout).toBe('No duplicates in 0 blocks across 0 files.\n');
    expect(r.status).toBe(0);
  });
});

describe('bad usage: exit 2, one line on stderr, nothing on stdout', () => {
  const cases: [string, string[], string][] = [
    [
      '--threshold 2',
      ['--threshold', '2', 'fixtures/article.txt'],
      "dedupe: option '-t, --threshold <T>' argument '2' is invalid. threshold must be a number from 0 to 1 (1 = exact duplicates only).",
    ],
    [
      '--threshold abc',
      ['--threshold', 'abc', 'fixtures/article.txt'],
      "dedupe: option '-t, --threshold <T>' argument 'abc' is invalid. threshold must be a number from 0 to 1 (1 = exact duplicates only).",
    ],
    [
      '--unit words',
      ['--unit', 'words', 'fixtures/article.txt'],
      "dedupe: option '-u, --unit <unit>' argument 'words' is invalid. unit must be one of auto, paragraph, line, sentence.",
    ],
    [
      '--keep best',
      ['--keep', 'best', 'fixtures/article.txt'],
      "dedupe: option '-k, --keep <policy>' argument 'best' is invalid. keep must be one of first, last, longest.",
    ],
    [
      '--min-length -1',
      ['--min-length', '-1', 'fixtures/article.txt'],
      "dedupe: option '--min-length <N>' argument '-1' is invalid. min-length must be a whole number >= 0.",
    ],
    [
      '--min-length 1.5',
      ['--min-length', '1.5', 'fixtures/article.txt'],
      "dedupe: option '--min-length <N>' argument '1.5' is invalid. min-length must be a whole number >= 0.",
    ],
    [
      '--jobs 0',
      ['--jobs', '0', 'fixtures/article.txt'],
      "dedupe: option '-j, --jobs <N>' argument '0' is invalid. jobs must be a whole number >= 1.",
    ],
    [
      '--format xml',
      ['--format', 'xml', 'fixtures/article.txt'],
      "dedupe: option '-f, --format <format>' argument 'xml' is invalid. format must be one of pretty, json, jsonl, sarif, github, html.",
    ],
    ['unknown option', ['--bogus', 'fixtures/article.txt'], "dedupe: unknown option '--bogus'"],
    ['--write with -', ['--write', '-'], 'dedupe: --write cannot rewrite standard input; use --strip'],
    [
      '--check without --strip/--write',
      ['--check', 'fixtures/article.txt'],
      'dedupe: --check goes with --strip, --out-dir or --write (a report already exits 1 when it finds duplicates)',
    ],
    [
      '--strip with two files and no --out-dir',
      ['--strip', 'fixtures/article.txt', 'fixtures/crlf.txt'],
      'dedupe: --strip writes one input to stdout, but 2 files were given: add --out-dir DIR, or use --write',
    ],
    [
      '--write with --strip',
      ['--write', '--strip', 'fixtures/article.txt'],
      'dedupe: --write rewrites files in place; it cannot be combined with --strip or --out-dir',
    ],
    [
      '--format with --strip',
      ['--strip', '--format', 'json', 'fixtures/article.txt'],
      'dedupe: --format chooses a report format; it does not apply to --strip or --write',
    ],
  ];
  it.each(cases)('%s', (_name, args, line) => {
    const r = dedupe(args, { input: 'piped text that must not be read as a report\n' });
    expect(r.stderr).toBe(`${line}\n`);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
  });

  it('--min-length=-1 (attached value) is rejected the same way', () => {
    const r = dedupe(['--min-length=-1', 'fixtures/article.txt']);
    expect(r.stderr).toBe("dedupe: option '--min-length <N>' argument '-1' is invalid. min-length must be a whole number >= 0.\n");
    expect(r.status).toBe(2);
  });
});
