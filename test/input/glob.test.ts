import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSources } from '../../src/input/index.js';
import { link, makeTree, paths, text } from './helpers.js';

const tree = {
  'docs/b.md': 'b',
  'docs/a.md': 'a',
  'docs/a.txt': 'not markdown',
  'docs/dir.md/inner.md': 'inside a directory named like a file',
  'docs/guide/c.md': 'c',
  'docs/guide/deep/d.md': 'd',
  'docs/.hidden.md': 'dot file',
  'docs/.dot/e.md': 'in a dot directory',
  'top.md': 'top',
};

describe('loadSources: glob patterns', () => {
  it('expands a pattern to files only, sorted', async () => {
    const cwd = await makeTree(tree);
    const result = await loadSources(['docs/*.md'], { cwd });
    expect(paths(result)).toEqual(['docs/a.md', 'docs/b.md']);
    expect(text(result, 'docs/a.md')).toBe('a');
    expect(result.problems).toEqual([]);
  });

  it('expands ** recursively in the same order as a directory walk, without dot files', async () => {
    const cwd = await makeTree(tree);
    const result = await loadSources(['docs/**/*.md'], { cwd });
    expect(paths(result)).toEqual([
      'docs/a.md',
      'docs/b.md',
      'docs/dir.md/inner.md',
      'docs/guide/c.md',
      'docs/guide/deep/d.md',
    ]);
    const walked = await loadSources(['docs'], { cwd });
    const walkedMd = paths(walked).filter((p) => p.endsWith('.md') && !p.includes('/.'));
    expect(paths(result)).toEqual(walkedMd);
  });

  it('matches dot files when the pattern names the dot', async () => {
    const cwd = await makeTree(tree);
    expect(paths(await loadSources(['docs/.*.md'], { cwd }))).toEqual(['docs/.hidden.md']);
  });

  it('expands patterns relative to cwd, with brace and class syntax', async () => {
    const cwd = await makeTree(tree);
    expect(paths(await loadSources(['*.md'], { cwd }))).toEqual(['top.md']);
    expect(paths(await loadSources(['{docs/guide,docs/guide/deep}/*.md'], { cwd }))).toEqual([
      'docs/guide/c.md',
      'docs/guide/deep/d.md',
    ]);
    expect(paths(await loadSources(['docs/[ab].md'], { cwd }))).toEqual(['docs/a.md', 'docs/b.md']);
    expect(paths(await loadSources(['d?cs/a.*'], { cwd }))).toEqual(['docs/a.md', 'docs/a.txt']);
    expect(paths(await loadSources(['../docs/guide/*.md'], { cwd: path.join(cwd, 'docs') }))).toEqual([
      '../docs/guide/c.md',
    ]);
  });

  it('reports a pattern that matches nothing as an error and loads the rest', async () => {
    const cwd = await makeTree(tree);
    const result = await loadSources(['docs/*.rst', 'top.md', 'nowhere/*.md', 'top.md/*.md'], { cwd });
    expect(paths(result)).toEqual(['top.md']);
    expect(result.problems).toEqual([
      { path: 'docs/*.rst', message: 'no files match this pattern', severity: 'error' },
      { path: 'nowhere/*.md', message: 'no files match this pattern', severity: 'error' },
      { path: 'top.md/*.md', message: 'no files match this pattern', severity: 'error' },
    ]);
  });

  it('reads an existing file whose name contains glob characters as that file', async () => {
    const cwd = await makeTree({ 'a[1].txt': 'literal', 'a1.txt': 'would match the class' });
    expect(paths(await loadSources(['a[1].txt'], { cwd }))).toEqual(['a[1].txt']);
    expect(paths(await loadSources(['a[12].txt'], { cwd }))).toEqual(['a1.txt']);
  });

  it('treats a leading ! literally instead of as a negation', async () => {
    const cwd = await makeTree({ '!x.txt': 'bang', 'x.txt': 'plain' });
    expect(paths(await loadSources(['!x*'], { cwd }))).toEqual(['!x.txt']);
  });

  it('honours .gitignore and --ignore globs when expanding', async () => {
    const cwd = await makeTree({
      '.git/': '',
      '.gitignore': 'generated/\n',
      'src/a.md': 'a',
      'src/generated/g.md': 'generated',
      'src/notes.md': 'notes',
      'src/sub/s.md': 's',
    });
    expect(paths(await loadSources(['src/**/*.md'], { cwd }))).toEqual(['src/a.md', 'src/notes.md', 'src/sub/s.md']);
    expect(paths(await loadSources(['src/**/*.md'], { cwd, ignore: ['notes.md', 'src/sub/'] }))).toEqual(['src/a.md']);
    expect(paths(await loadSources(['src/**/*.md'], { cwd, gitignore: false }))).toContain('src/generated/g.md');
    const allIgnored = await loadSources(['src/generated/*.md', 'src/*.md'], { cwd, ignore: ['*.md'] });
    expect(allIgnored.sources).toEqual([]);
    expect(allIgnored.problems.map((p) => p.message)).toEqual(['no files match this pattern', 'no files match this pattern']);
  });

  it('loads a file matched by a glob and named explicitly only once', async () => {
    const cwd = await makeTree(tree);
    const result = await loadSources(['docs/b.md', 'docs/*.md', 'docs/a.md'], { cwd });
    expect(paths(result)).toEqual(['docs/b.md', 'docs/a.md']);
  });

  it.skipIf(process.platform === 'win32')('does not follow symlinked directories while expanding', async () => {
    const cwd = await makeTree({ 'd/a.md': 'a', 'd/sub/b.md': 'b', 'outside.txt': 'linked file' });
    await link(cwd, '..', 'd/sub/loop');
    await link(cwd, '../../outside.txt', 'd/sub/c.md');
    const result = await loadSources(['d/**/*.md'], { cwd });
    expect(paths(result)).toEqual(['d/a.md', 'd/sub/b.md', 'd/sub/c.md']);
    expect(text(result, 'd/sub/c.md')).toBe('linked file');
  });
});
