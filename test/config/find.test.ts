/**
 * findConfig: the file names, their order within one directory, the upward
 * search and where it stops. Every temp tree has a `.git/` at its root (see
 * helpers.ts) unless a test says otherwise, so searches stay inside it.
 *
 * Boundary choice under test: a directory containing `.git` (directory or file)
 * is the last one checked, so a config above the repository root is not used.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAMES, findConfig } from '../../src/config/index.js';
import { configError, json, makeTree, writeTree } from './helpers.js';

describe('findConfig: file names', () => {
  const cases: [name: string, content: string][] = [
    ['.dedupe.json', json({ threshold: 0.5 })],
    ['dedupe.config.json', json({ threshold: 0.5 })],
    ['dedupe.config.mjs', 'export default { threshold: 0.5 };\n'],
    ['dedupe.config.js', 'module.exports = { threshold: 0.5 };\n'],
    ['package.json', json({ name: 'x', dedupe: { threshold: 0.5 } })],
  ];
  for (const [name, content] of cases) {
    it(`finds ${name}`, async () => {
      const root = await makeTree({ [name]: content });
      const found = await findConfig(root);
      expect(found).toEqual({ path: path.join(root, name), options: { threshold: 0.5 } });
    });
  }

  it('looks for exactly the documented names, in order', () => {
    expect(CONFIG_FILE_NAMES).toEqual(['.dedupe.json', 'dedupe.config.json', 'dedupe.config.mjs', 'dedupe.config.js']);
  });

  it('reads an ES-module dedupe.config.js under a "type": "module" package.json without the key', async () => {
    const root = await makeTree({
      'package.json': json({ name: 'x', type: 'module' }),
      'dedupe.config.js': 'const keep = "last";\nexport default { keep };\n',
    });
    expect(await findConfig(root)).toEqual({ path: path.join(root, 'dedupe.config.js'), options: { keep: 'last' } });
  });

  it('returns undefined when there is no config', async () => {
    const root = await makeTree({ 'a/b/notes.txt': 'hello', 'a/dedupe.json': json({ threshold: 0.1 }) });
    expect(await findConfig(path.join(root, 'a/b'))).toBeUndefined();
  });

  it('skips a directory that has a config file name', async () => {
    const root = await makeTree({ '.dedupe.json/': '', 'dedupe.config.json': json({ exact: true }) });
    expect(await findConfig(root)).toEqual({ path: path.join(root, 'dedupe.config.json'), options: { exact: true } });
  });
});

describe('findConfig: precedence within one directory', () => {
  it('.dedupe.json, dedupe.config.json, dedupe.config.mjs, dedupe.config.js, then package.json', async () => {
    const root = await makeTree({
      '.dedupe.json': json({ minWords: 1 }),
      'dedupe.config.json': json({ minWords: 2 }),
      'dedupe.config.mjs': 'export default { minWords: 3 };\n',
      'dedupe.config.js': 'module.exports = { minWords: 4 };\n',
      'package.json': json({ name: 'x', dedupe: { minWords: 5 } }),
    });
    const order = ['.dedupe.json', 'dedupe.config.json', 'dedupe.config.mjs', 'dedupe.config.js', 'package.json'];
    for (const [i, name] of order.entries()) {
      expect(await findConfig(root)).toEqual({ path: path.join(root, name), options: { minWords: i + 1 } });
      await rm(path.join(root, name));
    }
    expect(await findConfig(root)).toBeUndefined();
  });

  it('a broken higher-ranked file is an error, not skipped', async () => {
    const root = await makeTree({ '.dedupe.json': '{ nope', 'dedupe.config.json': json({ exact: true }) });
    const e = await configError(findConfig(root));
    expect(e.message).toMatch(/^\.dedupe\.json: invalid JSON: /);
    expect(e.path).toBe(path.join(root, '.dedupe.json'));
  });
});

describe('findConfig: searching upward', () => {
  it('finds a config in an ancestor of a nested cwd', async () => {
    const root = await makeTree({ 'a/.dedupe.json': json({ raw: true }), 'a/b/c/': '' });
    expect(await findConfig(path.join(root, 'a/b/c'))).toEqual({ path: path.join(root, 'a/.dedupe.json'), options: { raw: true } });
  });

  it('the nearest directory wins over the name order', async () => {
    const root = await makeTree({
      '.dedupe.json': json({ keep: 'first' }),
      'a/b/dedupe.config.js': 'module.exports = { keep: "longest" };\n',
      'a/b/c/': '',
    });
    expect(await findConfig(path.join(root, 'a/b/c'))).toEqual({ path: path.join(root, 'a/b/dedupe.config.js'), options: { keep: 'longest' } });
  });

  it('a package.json without the "dedupe" key does not stop the search', async () => {
    const root = await makeTree({ '.dedupe.json': json({ threshold: 0.9 }), 'pkg/package.json': json({ name: 'pkg', version: '1.0.0' }) });
    expect(await findConfig(path.join(root, 'pkg'))).toEqual({ path: path.join(root, '.dedupe.json'), options: { threshold: 0.9 } });
  });

  it('a package.json with the "dedupe" key stops it', async () => {
    const root = await makeTree({
      '.dedupe.json': json({ threshold: 0.9 }),
      'pkg/package.json': json({ name: 'pkg', dedupe: { threshold: 0.3, ignore: ['*.md'] } }),
    });
    expect(await findConfig(path.join(root, 'pkg'))).toEqual({
      path: path.join(root, 'pkg/package.json'),
      options: { threshold: 0.3, ignore: ['*.md'] },
    });
  });

  it('an invalid package.json on the way is an error (it might hold the key)', async () => {
    const root = await makeTree({ '.dedupe.json': json({ threshold: 0.9 }), 'pkg/package.json': '{"name": "pkg",}' });
    const e = await configError(findConfig(path.join(root, 'pkg')));
    expect(e.message).toMatch(/^package\.json: invalid JSON: /);
    expect(e.path).toBe(path.join(root, 'pkg/package.json'));
  });

  it('the "dedupe" key of package.json is validated, with the key path in the message', async () => {
    const root = await makeTree({ 'package.json': json({ name: 'x', dedupe: { threshold: 'high' } }) });
    const e = await configError(findConfig(root));
    expect(e.message).toBe(`package.json: "dedupe.threshold" must be a number from 0 to 1, got "high"`);
    expect(e.key).toBe('threshold');
  });

  it('an unknown key under "dedupe" is named with its key path', async () => {
    const root = await makeTree({ 'package.json': json({ name: 'x', dedupe: { treshold: 0.5 } }) });
    const e = await configError(findConfig(root));
    expect(e.message).toMatch(/^package\.json: unknown key "dedupe\.treshold" \(allowed: unit, threshold, .*\); did you mean "threshold"\?$/);
    expect(e.key).toBe('treshold');
  });

  it('a "dedupe" key that is not an object', async () => {
    const root = await makeTree({ 'package.json': json({ name: 'x', dedupe: ['*.md'] }) });
    const e = await configError(findConfig(root));
    expect(e.message).toBe(`package.json: "dedupe" must be an object of options, got ["*.md"]`);
    expect(e.key).toBe('dedupe');
  });
});

describe('findConfig: stops at a repository root', () => {
  it('does not use a config above a directory containing .git', async () => {
    const root = await makeTree({ '.dedupe.json': json({ exact: true }), 'repo/.git/': '', 'repo/src/deep/': '' });
    expect(await findConfig(path.join(root, 'repo/src/deep'))).toBeUndefined();
    expect(await findConfig(path.join(root, 'repo'))).toBeUndefined();
  });

  it('a .git file (worktree, submodule) is a boundary too', async () => {
    const root = await makeTree({ '.dedupe.json': json({ exact: true }), 'repo/.git': 'gitdir: ../elsewhere\n', 'repo/src/': '' });
    expect(await findConfig(path.join(root, 'repo/src'))).toBeUndefined();
  });

  it('the repository root itself is checked', async () => {
    const root = await makeTree({
      '.dedupe.json': json({ exact: true }),
      'repo/.git/': '',
      'repo/dedupe.config.mjs': 'export default { exact: false };\n',
      'repo/src/': '',
    });
    expect(await findConfig(path.join(root, 'repo/src'))).toEqual({ path: path.join(root, 'repo/dedupe.config.mjs'), options: { exact: false } });
  });

  it('without the .git the same config above is used', async () => {
    const root = await makeTree({ '.dedupe.json': json({ exact: true }), 'repo/src/deep/': '' });
    expect(await findConfig(path.join(root, 'repo/src/deep'))).toEqual({ path: path.join(root, '.dedupe.json'), options: { exact: true } });
  });

  it('without any .git the search runs up to the filesystem root and ends there', async () => {
    // No .git in this tree: the search leaves the temp dir and must end at '/'
    // (normally with nothing found; anything found must be outside the tree).
    const root = await makeTree({ 'a/': '' }, true);
    const found = await findConfig(path.join(root, 'a'));
    expect(found === undefined || !found.path.startsWith(root)).toBe(true);
    await writeTree(root, { 'dedupe.config.json': json({ hidden: true }) });
    expect(await findConfig(path.join(root, 'a'))).toEqual({ path: path.join(root, 'dedupe.config.json'), options: { hidden: true } });
  });
});

describe('findConfig: paths in messages', () => {
  it('relative to cwd when the config is inside it', async () => {
    const root = await makeTree({ 'dedupe.config.json': json({ tresh: 1 }) });
    const e = await configError(findConfig(root));
    expect(e.message.startsWith('dedupe.config.json: unknown key "tresh"')).toBe(true);
    expect(e.path).toBe(path.join(root, 'dedupe.config.json'));
  });

  it('absolute when the config is above cwd', async () => {
    const root = await makeTree({ 'dedupe.config.json': json({ unit: 'word' }), 'a/b/': '' });
    const e = await configError(findConfig(path.join(root, 'a/b')));
    expect(e.message).toBe(`${path.join(root, 'dedupe.config.json')}: "unit" must be one of auto, paragraph, line, sentence, got "word"`);
  });
});
