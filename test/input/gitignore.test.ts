import { describe, expect, it } from 'vitest';
import { createIgnore, rebaseGitignore } from '../../src/input/gitignore.js';

describe('rebaseGitignore', () => {
  it('keeps the lines of a top-level .gitignore and drops comments and blanks', () => {
    expect(rebaseGitignore('# c\n\n*.log\n!keep.log\n/build\n', '')).toEqual(['*.log', '!keep.log', '/build']);
  });

  it('rebases unanchored, anchored, directory-only and negated patterns', () => {
    const text = '*.log\n/local.txt\nout/\na/b\n**/gen\n!keep.log\n\\#hash\n\\!bang\ntrail   \nesc\\ \n';
    expect(rebaseGitignore(text, 'sub/dir')).toEqual([
      'sub/dir/**/*.log',
      'sub/dir/local.txt',
      'sub/dir/**/out/',
      'sub/dir/a/b',
      'sub/dir/**/gen',
      '!sub/dir/**/keep.log',
      'sub/dir/**/#hash',
      'sub/dir/**/!bang',
      'sub/dir/**/trail',
      'sub/dir/**/esc\\ ',
    ]);
  });

  it('escapes glob characters in the directory prefix', () => {
    expect(rebaseGitignore('*.tmp', 'a[1]/b*')).toEqual(['a\\[1\\]/b\\*/**/*.tmp']);
  });

  it('produces rules that match like git would', () => {
    const rules = createIgnore().add([
      ...rebaseGitignore('*.log\nbuild/\n', ''),
      ...rebaseGitignore('!keep.log\n\\#hash\n\\!bang\n/only-here.txt\n', 's'),
      ...rebaseGitignore('*.tmp\n', '#x'),
    ]);
    const ignored = (p: string): boolean => rules.ignores(p);
    expect(ignored('a.log')).toBe(true);
    expect(ignored('s/keep.log')).toBe(false);
    expect(ignored('s/t/keep.log')).toBe(false);
    expect(ignored('t/keep.log')).toBe(true);
    expect(ignored('s/#hash')).toBe(true);
    expect(ignored('s/t/!bang')).toBe(true);
    expect(ignored('s/bang')).toBe(false);
    expect(ignored('s/only-here.txt')).toBe(true);
    expect(ignored('s/t/only-here.txt')).toBe(false);
    expect(ignored('#x/a.tmp')).toBe(true);
    expect(ignored('x/a.tmp')).toBe(false);
    expect(ignored('s/build/')).toBe(true);
    expect(ignored('s/build')).toBe(false);
  });

  it('matches case-sensitively on every platform', () => {
    const rules = createIgnore().add('*.LOG');
    expect(rules.ignores('a.LOG')).toBe(true);
    expect(rules.ignores('a.log')).toBe(false);
  });
});
