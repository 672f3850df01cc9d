/**
 * loadConfigFile (an explicit --config PATH): each file type, read and parse
 * errors, JS modules that fail or export the wrong thing, and the path shown.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/config/index.js';
import { configError, json, makeTree } from './helpers.js';

describe('loadConfigFile: file types', () => {
  it('a .json file, resolved against cwd', async () => {
    const root = await makeTree({ 'conf/my-dedupe.json': json({ threshold: 0.6, ignore: ['dist/**'] }) });
    expect(await loadConfigFile('conf/my-dedupe.json', root)).toEqual({
      path: path.join(root, 'conf/my-dedupe.json'),
      options: { threshold: 0.6, ignore: ['dist/**'] },
    });
  });

  it('an absolute path', async () => {
    const root = await makeTree({ 'x.json': json({ color: false }) });
    expect(await loadConfigFile(path.join(root, 'x.json'), path.join(root, '..'))).toEqual({ path: path.join(root, 'x.json'), options: { color: false } });
  });

  it('JSON with a BOM', async () => {
    const root = await makeTree({ '.dedupe.json': `\uFEFF${json({ keep: 'last' })}` });
    expect((await loadConfigFile('.dedupe.json', root)).options).toEqual({ keep: 'last' });
  });

  it('an .mjs default export', async () => {
    const root = await makeTree({ 'dedupe.config.mjs': 'const base = { unit: "line" };\nexport default { ...base, exact: true };\n' });
    expect((await loadConfigFile('dedupe.config.mjs', root)).options).toEqual({ unit: 'line', exact: true });
  });

  it('an .mjs default export that is a promise', async () => {
    const root = await makeTree({ 'c.mjs': 'export default Promise.resolve({ failOn: "near" });\n' });
    expect((await loadConfigFile('c.mjs', root)).options).toEqual({ failOn: 'near' });
  });

  it('a CommonJS .js (module.exports) and .cjs', async () => {
    const root = await makeTree({ 'a.js': 'module.exports = { minWords: 4 };\n', 'b.cjs': 'module.exports = { minLength: 9 };\n' });
    expect((await loadConfigFile('a.js', root)).options).toEqual({ minWords: 4 });
    expect((await loadConfigFile('b.cjs', root)).options).toEqual({ minLength: 9 });
  });

  it('a package.json: its "dedupe" key', async () => {
    const root = await makeTree({ 'package.json': json({ name: 'x', dedupe: { format: 'json' } }) });
    expect(await loadConfigFile('package.json', root)).toEqual({ path: path.join(root, 'package.json'), options: { format: 'json' } });
  });

  it('a package.json without the key is an error when given explicitly', async () => {
    const root = await makeTree({ 'package.json': json({ name: 'x' }) });
    const e = await configError(loadConfigFile('package.json', root));
    expect(e.message).toBe('package.json: no "dedupe" key holding dedupe options');
    expect(e.key).toBe('dedupe');
  });

  it('an unsupported extension', async () => {
    const root = await makeTree({ 'dedupe.yaml': 'threshold: 0.5\n', dedupercfg: '{}' });
    expect((await configError(loadConfigFile('dedupe.yaml', root))).message).toBe(
      'dedupe.yaml: unsupported config file type ".yaml" (use .json, .mjs, .js, .cjs or a package.json with a "dedupe" key)',
    );
    expect((await configError(loadConfigFile('dedupercfg', root))).message).toBe(
      'dedupercfg: unsupported config file type (use .json, .mjs, .js, .cjs or a package.json with a "dedupe" key)',
    );
  });
});

describe('loadConfigFile: read and parse errors', () => {
  it('a missing file', async () => {
    const root = await makeTree();
    const e = await configError(loadConfigFile('nope.json', root));
    expect(e.message).toBe('nope.json: cannot read: no such file');
    expect(e.path).toBe(path.join(root, 'nope.json'));
  });

  it('a directory', async () => {
    const root = await makeTree({ 'conf.json/': '' });
    expect((await configError(loadConfigFile('conf.json', root))).message).toBe('conf.json: not a file');
  });

  it('invalid JSON: the parser message on one line, with line and column', async () => {
    const root = await makeTree({ '.dedupe.json': '{\n  "threshold": 0.5,\n}\n' });
    const e = await configError(loadConfigFile('.dedupe.json', root));
    expect(e.message).toMatch(/^\.dedupe\.json: invalid JSON: \S.*\(line 3,? column 1\)$/);
    expect(e.message).not.toMatch(/\n/);
    expect(e.key).toBeUndefined();
  });

  it('invalid JSON whose parser message quotes several lines stays on one line', async () => {
    const root = await makeTree({ '.dedupe.json': '{\n  "a": x\n}' });
    const e = await configError(loadConfigFile('.dedupe.json', root));
    expect(e.message).toMatch(/^\.dedupe\.json: invalid JSON: \S/);
    expect(e.message).not.toMatch(/[\r\n]/);
  });

  it('an empty file', async () => {
    const root = await makeTree({ '.dedupe.json': '\uFEFF\n' });
    expect((await configError(loadConfigFile('.dedupe.json', root))).message).toBe('.dedupe.json: invalid JSON: Unexpected end of JSON input (the file is empty)');
  });

  it('valid JSON that is not an object', async () => {
    const root = await makeTree({ '.dedupe.json': '["*.md"]' });
    expect((await configError(loadConfigFile('.dedupe.json', root))).message).toBe(
      '.dedupe.json: the top level must be an object of options (like {"threshold": 0.8}), got ["*.md"]',
    );
  });

  it('a bad value names the file as given, relative to cwd', async () => {
    const root = await makeTree({ 'conf/d.json': json({ threshold: 'high' }) });
    const e = await configError(loadConfigFile(path.join(root, 'conf/d.json'), root));
    expect(e.message).toBe(`${path.join('conf', 'd.json')}: "threshold" must be a number from 0 to 1, got "high"`);
    expect(e.key).toBe('threshold');
  });

  it('a file outside cwd is named by its absolute path', async () => {
    const root = await makeTree({ 'conf/d.json': json({ treshold: 0.5 }), 'work/': '' });
    const e = await configError(loadConfigFile('../conf/d.json', path.join(root, 'work')));
    expect(e.message.startsWith(`${path.join(root, 'conf/d.json')}: unknown key "treshold" (allowed: unit, threshold,`)).toBe(true);
    expect(e.message.endsWith('; did you mean "threshold"?')).toBe(true);
  });
});

describe('loadConfigFile: JS configs that fail', () => {
  it('one that throws', async () => {
    const root = await makeTree({ 'c.mjs': 'throw new Error("no config today\\nsecond line");\n' });
    expect((await configError(loadConfigFile('c.mjs', root))).message).toBe('c.mjs: failed to load: no config today');
  });

  it('one that throws a TypeError keeps the error name', async () => {
    const root = await makeTree({ 'c.mjs': 'null.x;\nexport default {};\n' });
    expect((await configError(loadConfigFile('c.mjs', root))).message).toMatch(/^c\.mjs: failed to load: TypeError: \S[^\n]*$/);
  });

  it('one with a syntax error', async () => {
    // The parser's wording depends on the loader (Node: "SyntaxError: ...";
    // under vitest the module goes through its transform), so only the shape is fixed.
    const root = await makeTree({ 'c.mjs': 'export default { threshold: };\n' });
    expect((await configError(loadConfigFile('c.mjs', root))).message).toMatch(/^c\.mjs: failed to load: \S[^\n]*$/);
  });

  it('a default export that rejects', async () => {
    const root = await makeTree({ 'c.mjs': 'export default Promise.reject(new Error("later"));\n' });
    expect((await configError(loadConfigFile('c.mjs', root))).message).toBe('c.mjs: failed to load: later');
  });

  it('no default export', async () => {
    const root = await makeTree({ 'c.mjs': 'export const threshold = 0.5;\n' });
    expect((await configError(loadConfigFile('c.mjs', root))).message).toBe(
      'c.mjs: has no default export; use `export default { ... }` or `module.exports = { ... }`',
    );
  });

  it('a default export that is not an object', async () => {
    const root = await makeTree({
      'f.mjs': 'export default () => ({ threshold: 0.5 });\n',
      'n.mjs': 'export default 0.5;\n',
      'a.cjs': 'module.exports = ["*.md"];\n',
    });
    const expected = (file: string, got: string): string =>
      `${file}: the default export must be an object of options (like { threshold: 0.8 }), got ${got}`;
    expect((await configError(loadConfigFile('f.mjs', root))).message).toBe(expected('f.mjs', 'a function'));
    expect((await configError(loadConfigFile('n.mjs', root))).message).toBe(expected('n.mjs', '0.5'));
    expect((await configError(loadConfigFile('a.cjs', root))).message).toBe(expected('a.cjs', '["*.md"]'));
  });

  it('a JS config is validated like JSON', async () => {
    const root = await makeTree({ 'c.mjs': 'export default { keep: "best" };\n' });
    const e = await configError(loadConfigFile('c.mjs', root));
    expect(e.message).toBe('c.mjs: "keep" must be one of first, last, longest, got "best"');
    expect(e.path).toBe(path.join(root, 'c.mjs'));
  });
});
