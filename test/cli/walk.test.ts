/**
 * Directory inputs end to end: sorted walk order (which decides the kept copy),
 * .gitignore and --ignore.
 */
import { describe, expect, it } from 'vitest';
import { dedupe, tempTree, type Tree } from './run.js';

const P = 'The harbour ferry will run a reduced timetable during the winter months while the pier is repaired.';
const PREVIEW = 'The harbour ferry will run a reduced timetable during the w…';
const INTRO = 'An introduction that appears only once in the whole tree of files.';

/** A git work tree (a `.git` entry marks its top) with a .gitignore at the top and files below docs/. */
const TREE: Tree = {
  '.git/': '',
  '.gitignore': '*.log\nbuild/\n',
  'docs/b.txt': `${P}\n`,
  'docs/a/x.txt': `${INTRO}\n\n${P}\n`,
  'docs/c/y.txt': `${P}\n`,
  'docs/d.txt': `${P}\n`,
  'docs/skip.log': `${P}\n`,
  'docs/build/out.txt': `${P}\n`,
  'docs/drafts/z.txt': `${P}\n`,
};

interface Report {
  files: { path: string }[];
}

describe('directories', () => {
  it('are walked depth first in sorted order; files and directories matched by .gitignore are skipped', async () => {
    const dir = await tempTree(TREE);
    const r = dedupe(['docs'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Cluster 1 · exact · 5 copies
  keep  docs/a/x.txt:3       100%  ${PREVIEW}
  dup   docs/b.txt:1         100%  ${PREVIEW}
  dup   docs/c/y.txt:1       100%  ${PREVIEW}
  dup   docs/d.txt:1         100%  ${PREVIEW}
  dup   docs/drafts/z.txt:1  100%  ${PREVIEW}

1 cluster · 4 duplicate blocks of 6 blocks in 5 files
`);
    expect(r.status).toBe(1);
  });

  it('--ignore globs skip more (a directory pattern and a file pattern)', async () => {
    const dir = await tempTree(TREE);
    const r = dedupe(['--format', 'json', '--ignore', 'drafts/', '--ignore', 'docs/b.txt', 'docs'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as Report).files.map((f) => f.path)).toEqual(['docs/a/x.txt', 'docs/c/y.txt', 'docs/d.txt']);
    expect(r.status).toBe(1);
  });

  it('--no-gitignore brings the ignored files back', async () => {
    const dir = await tempTree(TREE);
    const r = dedupe(['--format', 'json', '--no-gitignore', 'docs'], { cwd: dir });
    expect((JSON.parse(r.stdout) as Report).files.map((f) => f.path)).toEqual([
      'docs/a/x.txt',
      'docs/b.txt',
      'docs/build/out.txt',
      'docs/c/y.txt',
      'docs/d.txt',
      'docs/drafts/z.txt',
      'docs/skip.log',
    ]);
  });

  it('input order decides the kept copy: a file named before the directory is "first"', async () => {
    const dir = await tempTree(TREE);
    const r = dedupe(['--format', 'json', 'docs/d.txt', 'docs'], { cwd: dir });
    const report = JSON.parse(r.stdout) as Report & { clusters: { blocks: { path: string; keep: boolean }[] }[] };
    // d.txt is loaded once, at its first position.
    expect(report.files.map((f) => f.path)).toEqual(['docs/d.txt', 'docs/a/x.txt', 'docs/b.txt', 'docs/c/y.txt', 'docs/drafts/z.txt']);
    expect(report.clusters[0]?.blocks.filter((b) => b.keep).map((b) => b.path)).toEqual(['docs/d.txt']);
  });

  it('a .gitignore inside the walked directory is honoured', async () => {
    const dir = await tempTree({
      'notes/.gitignore': 'private/\n',
      'notes/one.txt': `${P}\n`,
      'notes/private/two.txt': `${P}\n`,
      'notes/two.txt': `${P}\n`,
    });
    const r = dedupe(['--format', 'json', 'notes'], { cwd: dir });
    const paths = (JSON.parse(r.stdout) as Report).files.map((f) => f.path);
    expect(paths.filter((p) => !p.endsWith('/.gitignore'))).toEqual(['notes/one.txt', 'notes/two.txt']);
  });
});
