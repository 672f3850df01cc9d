import { chmod, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSources } from '../../src/input/index.js';
import { isRoot, link, makeTree, paths, text } from './helpers.js';

const noSymlinks = process.platform === 'win32';

describe('loadSources: directory walk', () => {
  it('walks depth first with entries sorted by code unit, whatever readdir returns', async () => {
    const cwd = await makeTree({
      'docs/b.txt': 'b',
      'docs/a.txt': 'a',
      'docs/a-b.txt': 'a-b',
      'docs/a/z.txt': 'a/z',
      'docs/a/m/n.txt': 'a/m/n',
      'docs/B.txt': 'B',
      'docs/_u.txt': '_u',
      'docs/é.txt': 'e-acute',
      'docs/10.txt': '10',
      'docs/9.txt': '9',
      'docs/empty/': '',
      // UTF-16 code-unit order puts U+1F600 (a surrogate pair, 0xD83D...) before U+FF21,
      // while byte order (what libuv's readdir returns on Unix) puts it after.
      'docs/\uFF21.txt': 'fullwidth A',
      'docs/\u{1F600}.txt': 'emoji',
    });
    const result = await loadSources(['docs'], { cwd });
    expect(paths(result)).toEqual([
      'docs/10.txt',
      'docs/9.txt',
      'docs/B.txt',
      'docs/_u.txt',
      'docs/a/m/n.txt',
      'docs/a/z.txt',
      'docs/a-b.txt',
      'docs/a.txt',
      'docs/b.txt',
      'docs/é.txt',
      'docs/\u{1F600}.txt',
      'docs/\uFF21.txt',
    ]);
    expect(text(result, 'docs/a/m/n.txt')).toBe('a/m/n');
    expect(result.problems).toEqual([]);
  });

  it('joins child paths to the directory as written', async () => {
    const cwd = await makeTree({ 'docs/a.txt': 'A', 'top.txt': 'T' });
    expect(paths(await loadSources(['docs/'], { cwd }))).toEqual(['docs/a.txt']);
    expect(paths(await loadSources(['./docs'], { cwd }))).toEqual(['./docs/a.txt']);
    expect(paths(await loadSources(['.'], { cwd }))).toEqual(['docs/a.txt', 'top.txt']);
    expect(paths(await loadSources(['./'], { cwd }))).toEqual(['docs/a.txt', 'top.txt']);
    expect(paths(await loadSources(['..'], { cwd: path.join(cwd, 'docs') }))).toEqual(['../docs/a.txt', '../top.txt']);
    const abs = path.join(cwd, 'docs');
    expect(paths(await loadSources([abs], { cwd }))).toEqual([`${abs.split(path.sep).join('/')}/a.txt`]);
  });

  it('skips hidden files and directories unless hidden is set, and always skips .git', async () => {
    const cwd = await makeTree({
      'repo/.git/config': 'git stuff',
      'repo/.git/objects/x.txt': 'object',
      'repo/sub/.git': 'gitdir: elsewhere',
      'repo/.hidden.txt': 'hidden',
      'repo/.github/notes.md': 'notes',
      'repo/sub/a.txt': 'a',
    });
    expect(paths(await loadSources(['repo'], { cwd }))).toEqual(['repo/sub/a.txt']);
    const result = await loadSources(['repo'], { cwd, hidden: true });
    expect(paths(result)).toEqual(['repo/.github/notes.md', 'repo/.hidden.txt', 'repo/sub/a.txt']);
    expect(paths(await loadSources(['repo/.hidden.txt'], { cwd }))).toEqual(['repo/.hidden.txt']);
  });

  it('walks thousands of files in sorted order', async () => {
    const tree: Record<string, string> = {};
    for (let d = 0; d < 30; d++) {
      for (let f = 0; f < 70; f++) tree[`big/d${String(d).padStart(2, '0')}/f${String(f).padStart(2, '0')}.txt`] = `${d}:${f}`;
    }
    const cwd = await makeTree(tree);
    const started = Date.now();
    const result = await loadSources(['big'], { cwd });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.problems).toEqual([]);
    expect(paths(result)).toEqual(Object.keys(tree).sort());
    expect(text(result, 'big/d29/f69.txt')).toBe('29:69');
  });

  it.skipIf(isRoot || process.platform === 'win32')('reports an unreadable subdirectory and walks the rest', async () => {
    const cwd = await makeTree({ 'd/a.txt': 'A', 'd/locked/x.txt': 'X', 'd/z.txt': 'Z' });
    await chmod(path.join(cwd, 'd', 'locked'), 0o000);
    try {
      const result = await loadSources(['d'], { cwd });
      expect(paths(result)).toEqual(['d/a.txt', 'd/z.txt']);
      expect(result.problems).toEqual([{ path: 'd/locked', message: 'permission denied', severity: 'error' }]);
    } finally {
      await chmod(path.join(cwd, 'd', 'locked'), 0o755);
    }
  });
});

describe('loadSources: symbolic links', () => {
  it.skipIf(noSymlinks)('does not follow symlinked directories, so a loop cannot hang', async () => {
    const cwd = await makeTree({ 'd/a.txt': 'A', 'd/sub/b.txt': 'B', 'elsewhere/c.txt': 'C' });
    await link(cwd, '..', 'd/sub/loop');
    await link(cwd, path.join(cwd, 'd'), 'd/self');
    await link(cwd, path.join(cwd, 'elsewhere'), 'd/out');
    const result = await loadSources(['d'], { cwd });
    expect(paths(result)).toEqual(['d/a.txt', 'd/sub/b.txt']);
    expect(result.problems).toEqual([]);
  }, 10_000);

  it.skipIf(noSymlinks)('reads symlinked files, skips dangling links, and dedupes by real path', async () => {
    const cwd = await makeTree({ 'd/real.txt': 'R', 'outside.txt': 'O' });
    await link(cwd, path.join(cwd, 'outside.txt'), 'd/link-out.txt');
    await link(cwd, 'real.txt', 'd/z-link.txt');
    await link(cwd, 'nowhere.txt', 'd/dangling.txt');
    const result = await loadSources(['d', 'outside.txt'], { cwd });
    // z-link.txt points at real.txt, which comes first; outside.txt was already reached via the link.
    expect(paths(result)).toEqual(['d/link-out.txt', 'd/real.txt']);
    expect(text(result, 'd/link-out.txt')).toBe('O');
    expect(result.problems).toEqual([]);
  });

  it.skipIf(noSymlinks)('walks a directory given through a symlink', async () => {
    const cwd = await makeTree({ 'real/a.txt': 'A' });
    await link(cwd, 'real', 'alias');
    const result = await loadSources(['alias', 'real'], { cwd });
    expect(paths(result)).toEqual(['alias/a.txt']);
  });
});

describe('loadSources: .gitignore', () => {
  it('honours nested .gitignore files with negation', async () => {
    const cwd = await makeTree({
      'p/.gitignore': '# comment\n*.log\nbuild/\n\n',
      'p/a.txt': 'a',
      'p/top.log': 'log',
      'p/build/out.txt': 'built',
      'p/sub/.gitignore': '!keep.log\n/local.txt\n',
      'p/sub/keep.log': 'kept',
      'p/sub/other.log': 'dropped',
      'p/sub/local.txt': 'anchored, dropped',
      'p/sub/deeper/local.txt': 'not anchored here, kept',
      'p/sub/deeper/keep.log': 'negation applies at any depth below',
      'p/other/keep.log': 'negation does not apply outside sub',
    });
    const result = await loadSources(['p'], { cwd });
    expect(paths(result)).toEqual([
      'p/a.txt',
      'p/sub/deeper/keep.log',
      'p/sub/deeper/local.txt',
      'p/sub/keep.log',
    ]);
  });

  it('lets a deeper .gitignore re-include a directory a shallower one excluded', async () => {
    const cwd = await makeTree({
      'p/.gitignore': 'gen/\n',
      'p/gen/x.txt': 'excluded',
      'p/sub/.gitignore': '!gen/\n',
      'p/sub/gen/y.txt': 're-included',
    });
    const result = await loadSources(['p'], { cwd });
    expect(paths(result)).toEqual(['p/sub/gen/y.txt']);
  });

  it('cannot re-include a file whose parent directory is excluded', async () => {
    const cwd = await makeTree({
      'p/.gitignore': 'out/\n!out/keep.txt\n',
      'p/out/keep.txt': 'still excluded, as in git',
      'p/a.txt': 'a',
    });
    expect(paths(await loadSources(['p'], { cwd }))).toEqual(['p/a.txt']);
  });

  it('treats directory names with glob characters literally when rebasing rules', async () => {
    const cwd = await makeTree({
      'p/[x]/.gitignore': '*.tmp\n',
      'p/[x]/a.tmp': 'dropped',
      'p/x/a.tmp': 'kept: [x] must not act as a character class',
    });
    expect(paths(await loadSources(['p'], { cwd }))).toEqual(['p/x/a.tmp']);
  });

  it('honours .gitignore files of ancestors up to the git root', async () => {
    const repo = await makeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': '*.log\n/docs/drafts/\n',
      'docs/.gitignore': 'private.txt\n',
      'docs/a.txt': 'a',
      'docs/debug.log': 'log',
      'docs/drafts/d.txt': 'draft',
      'docs/guide/private.txt': 'private',
      'docs/guide/g.txt': 'g',
      'docs/guide/trace.log': 'ignored by the repository root .gitignore only',
    });
    const result = await loadSources(['.'], { cwd: path.join(repo, 'docs', 'guide') });
    expect(paths(result)).toEqual(['g.txt']);
    const fromRoot = await loadSources(['docs'], { cwd: repo });
    expect(paths(fromRoot)).toEqual(['docs/a.txt', 'docs/guide/g.txt']);
    const fromDocs = await loadSources(['.'], { cwd: path.join(repo, 'docs') });
    expect(paths(fromDocs)).toEqual(['a.txt', 'guide/g.txt']);
  });

  it('does not read .gitignore files above the walked root outside a git repository', async () => {
    const cwd = await makeTree({ '.gitignore': '*.log\n', 'docs/a.log': 'log', 'docs/b.txt': 'b' });
    // No .git anywhere up to the temp dir (checked so the test means something).
    await expect(hasGitAbove(cwd)).resolves.toBe(false);
    expect(paths(await loadSources(['docs'], { cwd }))).toEqual(['docs/a.log', 'docs/b.txt']);
    expect(paths(await loadSources(['.'], { cwd }))).toEqual(['docs/b.txt']);
  });

  it('uses a .git file (worktree or submodule) as the git root too', async () => {
    const repo = await makeTree({ '.git': 'gitdir: /elsewhere\n', '.gitignore': '*.log\n', 'd/a.log': 'l', 'd/b.txt': 'b' });
    expect(paths(await loadSources(['d'], { cwd: repo }))).toEqual(['d/b.txt']);
  });

  it('walks an explicitly named ignored directory, judging its contents by its own rules', async () => {
    const repo = await makeTree({
      '.git/': '',
      '.gitignore': 'vendor/\n*.log\n',
      'vendor/pkg/.gitignore': 'dist/\n',
      'vendor/pkg/a.txt': 'a',
      'vendor/pkg/dist/b.txt': 'b',
      'vendor/pkg/c.log': 'c',
    });
    expect(paths(await loadSources(['.'], { cwd: repo }))).toEqual([]);
    expect(paths(await loadSources(['vendor/pkg'], { cwd: repo }))).toEqual([
      'vendor/pkg/a.txt',
      'vendor/pkg/c.log',
    ]);
  });

  it('never filters explicitly named files', async () => {
    const repo = await makeTree({ '.git/': '', '.gitignore': '*.log\n', 'x.log': 'explicit' });
    const result = await loadSources(['x.log'], { cwd: repo, ignore: ['x.log'] });
    expect(paths(result)).toEqual(['x.log']);
  });

  it('ignores no .gitignore rules when gitignore is false', async () => {
    const cwd = await makeTree({ 'p/.gitignore': '*.log\n', 'p/a.log': 'l', 'p/b.txt': 'b' });
    expect(paths(await loadSources(['p'], { cwd, gitignore: false }))).toEqual(['p/a.log', 'p/b.txt']);
    expect(paths(await loadSources(['p'], { cwd }))).toEqual(['p/b.txt']);
  });

  it('reads .gitignore files with CRLF line endings and a BOM', async () => {
    const cwd = await makeTree({ 'p/.gitignore': '\uFEFF*.log\r\nout/\r\n', 'p/a.log': 'l', 'p/out/x.txt': 'x', 'p/b.txt': 'b' });
    expect(paths(await loadSources(['p'], { cwd }))).toEqual(['p/b.txt']);
  });
});

describe('loadSources: --ignore globs', () => {
  const tree = {
    'docs/a.md': 'a',
    'docs/a.bak': 'backup',
    'docs/keep.bak': 'kept by negation',
    'docs/drafts/d.md': 'draft',
    'docs/sub/drafts/e.md': 'nested draft',
    'docs/sub/f.md': 'f',
    'other/drafts/o.md': 'other draft',
  };

  it('applies gitignore-style globs to walked files', async () => {
    const cwd = await makeTree(tree);
    const result = await loadSources(['docs'], { cwd, ignore: ['*.bak', '!keep.bak', 'drafts/'] });
    expect(paths(result)).toEqual(['docs/a.md', 'docs/keep.bak', 'docs/sub/f.md']);
  });

  it('matches patterns with a slash relative to cwd, whichever directory is walked', async () => {
    const cwd = await makeTree(tree);
    const ignore = ['docs/drafts', 'docs/sub/f.md'];
    const expected = ['docs/a.bak', 'docs/a.md', 'docs/keep.bak', 'docs/sub/drafts/e.md'];
    expect(paths(await loadSources(['docs'], { cwd, ignore }))).toEqual(expected);
    expect(paths(await loadSources(['.'], { cwd, ignore }))).toEqual([...expected, 'other/drafts/o.md']);
    // Relative to cwd: from inside docs, `docs/drafts` names nothing.
    const inside = await loadSources(['.'], { cwd: path.join(cwd, 'docs'), ignore });
    expect(paths(inside)).toContain('drafts/d.md');
  });

  it('still walks an explicitly named directory that an --ignore glob matches', async () => {
    const cwd = await makeTree(tree);
    const result = await loadSources(['docs/drafts', 'docs'], { cwd, ignore: ['drafts/', '*.bak'] });
    expect(paths(result)).toEqual(['docs/drafts/d.md', 'docs/a.md', 'docs/sub/f.md']);
  });

  it('matches relative to the walked root when it lies outside cwd', async () => {
    const root = await makeTree(tree);
    const cwd = path.join(root, 'other');
    const result = await loadSources(['../docs'], { cwd, ignore: ['/sub'] });
    expect(paths(result)).toEqual(['../docs/a.bak', '../docs/a.md', '../docs/drafts/d.md', '../docs/keep.bak']);
  });
});

async function hasGitAbove(dir: string): Promise<boolean> {
  for (let current = dir; ; current = path.dirname(current)) {
    if ((await readdir(current).catch(() => [] as string[])).includes('.git')) return true;
    if (path.dirname(current) === current) return false;
  }
}
