import { chmod } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBinary, loadSources } from '../../src/input/index.js';
import { isRoot, link, makeTree, paths, text } from './helpers.js';

const noSymlinks = process.platform === 'win32';

describe('loadSources: files', () => {
  it('keeps the order the paths were given in', async () => {
    const cwd = await makeTree({ 'a.txt': 'A', 'b.txt': 'B', 'c.txt': 'C' });
    const result = await loadSources(['c.txt', 'a.txt', 'b.txt'], { cwd });
    expect(paths(result)).toEqual(['c.txt', 'a.txt', 'b.txt']);
    expect(text(result, 'c.txt')).toBe('C');
    expect(result.problems).toEqual([]);
  });

  it('returns nothing for no paths', async () => {
    const cwd = await makeTree({ 'a.txt': 'A' });
    expect(await loadSources([], { cwd })).toEqual({ sources: [], problems: [], binary: [] });
  });

  it('keeps the exact bytes: BOM, CRLF, invalid UTF-8, no final newline', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('one\r\n\r\ntwo\r\n')]);
    const invalid = Buffer.from([0x61, 0xff, 0xfe, 0x80, 0x0a, 0xc3, 0x28, 0x62]);
    const cwd = await makeTree({ 'bom.txt': bom, 'bad.txt': invalid, 'empty.txt': '' });
    const result = await loadSources(['bom.txt', 'bad.txt', 'empty.txt'], { cwd });
    expect(result.problems).toEqual([]);
    const [first, second, third] = result.sources;
    expect(Buffer.from(first?.bytes ?? []).equals(bom)).toBe(true);
    expect(Buffer.from(second?.bytes ?? []).equals(invalid)).toBe(true);
    expect(third?.path).toBe('empty.txt');
    expect(third?.bytes.length).toBe(0);
  });

  it('accepts absolute paths and resolves relative ones against cwd', async () => {
    const cwd = await makeTree({ 'sub/a.txt': 'A' });
    const abs = path.join(cwd, 'sub', 'a.txt');
    const result = await loadSources([abs, 'sub/a.txt'], { cwd });
    // Same file twice: kept once, under the first spelling.
    expect(paths(result)).toEqual([abs.split(path.sep).join('/')]);
    const fromSub = await loadSources(['a.txt'], { cwd: path.join(cwd, 'sub') });
    expect(text(fromSub, 'a.txt')).toBe('A');
  });

  it('reports a missing file as an error and still loads the others', async () => {
    const cwd = await makeTree({ 'a.txt': 'A', 'b.txt': 'B' });
    const result = await loadSources(['a.txt', 'missing.txt', 'b.txt'], { cwd });
    expect(paths(result)).toEqual(['a.txt', 'b.txt']);
    expect(result.problems).toEqual([{ path: 'missing.txt', message: 'no such file or directory', severity: 'error' }]);
  });

  it('reports a file used as a directory', async () => {
    const cwd = await makeTree({ 'a.txt': 'A' });
    const result = await loadSources(['a.txt/', 'a.txt/b.txt'], { cwd });
    expect(result.sources).toEqual([]);
    expect(result.problems.map((p) => [p.path, p.message, p.severity])).toEqual([
      ['a.txt/', 'not a directory', 'error'],
      ['a.txt/b.txt', 'not a directory', 'error'],
    ]);
  });

  it.skipIf(isRoot || process.platform === 'win32')('reports an unreadable file as permission denied', async () => {
    const cwd = await makeTree({ 'locked.txt': 'secret', 'ok.txt': 'fine' });
    await chmod(path.join(cwd, 'locked.txt'), 0o000);
    try {
      const result = await loadSources(['locked.txt', 'ok.txt'], { cwd });
      expect(paths(result)).toEqual(['ok.txt']);
      expect(result.problems).toEqual([{ path: 'locked.txt', message: 'permission denied', severity: 'error' }]);
    } finally {
      await chmod(path.join(cwd, 'locked.txt'), 0o644);
    }
  });

  it('loads the same file given twice only once, at its first position', async () => {
    const cwd = await makeTree({ 'a.txt': 'A', 'b.txt': 'B' });
    const result = await loadSources(['b.txt', 'a.txt', './b.txt', 'b.txt'], { cwd });
    expect(paths(result)).toEqual(['b.txt', 'a.txt']);
    expect(result.problems).toEqual([]);
  });

  it('loads a file reached through a directory and by name only once', async () => {
    const cwd = await makeTree({ 'docs/a.txt': 'A', 'docs/b.txt': 'B', 'z.txt': 'Z' });
    const result = await loadSources(['docs/b.txt', 'z.txt', 'docs'], { cwd });
    expect(paths(result)).toEqual(['docs/b.txt', 'z.txt', 'docs/a.txt']);
  });

  it.skipIf(noSymlinks)('treats a symlink and its target as the same file', async () => {
    const cwd = await makeTree({ 'real.txt': 'R' });
    await link(cwd, 'real.txt', 'alias.txt');
    const result = await loadSources(['alias.txt', 'real.txt'], { cwd });
    expect(paths(result)).toEqual(['alias.txt']);
    expect(text(result, 'alias.txt')).toBe('R');
  });

  it('throws only for programming errors, not for bad paths', async () => {
    await expect(loadSources('a.txt' as unknown as string[])).rejects.toThrow(TypeError);
    await expect(loadSources([42 as unknown as string])).rejects.toThrow(TypeError);
    const cwd = await makeTree();
    await expect(loadSources(['', 'nope', 'nope/deeper'], { cwd })).resolves.toMatchObject({ sources: [] });
  });
});

describe('loadSources: binary files', () => {
  it('skips a file with a NUL byte in its first 8000 bytes, with a warning', async () => {
    const binary = Buffer.concat([Buffer.from('text'), Buffer.from([0]), Buffer.from('more')]);
    const lateNul = Buffer.concat([Buffer.alloc(8000, 0x61), Buffer.from([0])]);
    const edgeNul = Buffer.concat([Buffer.alloc(7999, 0x61), Buffer.from([0])]);
    const cwd = await makeTree({ 'bin.dat': binary, 'late.txt': lateNul, 'edge.dat': edgeNul, 'ok.txt': 'ok' });
    const result = await loadSources(['bin.dat', 'late.txt', 'edge.dat', 'ok.txt'], { cwd });
    expect(paths(result)).toEqual(['late.txt', 'ok.txt']);
    expect(result.problems).toEqual([
      { path: 'bin.dat', message: 'binary file skipped', severity: 'warning' },
      { path: 'edge.dat', message: 'binary file skipped', severity: 'warning' },
    ]);
    // Kept, byte for byte, for stripping to pass them through.
    expect(result.binary.map((s) => [s.path, Buffer.from(s.bytes).equals(s.path === 'bin.dat' ? binary : edgeNul)])).toEqual([
      ['bin.dat', true],
      ['edge.dat', true],
    ]);
  });

  it('isBinary looks only at the first 8000 bytes', () => {
    expect(isBinary(new Uint8Array([1, 2, 0]))).toBe(true);
    expect(isBinary(new Uint8Array(0))).toBe(false);
    const late = new Uint8Array(8001).fill(0x20);
    late[8000] = 0;
    expect(isBinary(late)).toBe(false);
  });

  it('skips binary files found in a directory walk, with a warning per file', async () => {
    const cwd = await makeTree({ 'd/a.txt': 'A', 'd/img.png': Buffer.from([0x89, 0x50, 0x00, 0x01]) });
    const result = await loadSources(['d'], { cwd });
    expect(paths(result)).toEqual(['d/a.txt']);
    expect(result.problems).toEqual([{ path: 'd/img.png', message: 'binary file skipped', severity: 'warning' }]);
  });
});

describe('loadSources: standard input', () => {
  it('reads - through readStdin, once, as <stdin>, keeping its position', async () => {
    const cwd = await makeTree({ 'a.txt': 'A', 'b.txt': 'B' });
    let calls = 0;
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69, 0x0d, 0x0a]);
    const readStdin = async (): Promise<Uint8Array> => {
      calls++;
      return bytes;
    };
    const result = await loadSources(['a.txt', '-', 'b.txt', '-'], { cwd, readStdin });
    expect(paths(result)).toEqual(['a.txt', '<stdin>', 'b.txt']);
    expect(calls).toBe(1);
    expect(Buffer.from(result.sources[1]?.bytes ?? []).equals(Buffer.from(bytes))).toBe(true);
  });

  it('reports - without readStdin as an error and loads the rest', async () => {
    const cwd = await makeTree({ 'a.txt': 'A' });
    const result = await loadSources(['-', 'a.txt'], { cwd });
    expect(paths(result)).toEqual(['a.txt']);
    expect(result.problems).toEqual([{ path: '<stdin>', message: 'standard input is not available', severity: 'error' }]);
  });

  it('reports a failing readStdin as an error instead of throwing', async () => {
    const cwd = await makeTree({ 'a.txt': 'A' });
    const readStdin = (): Promise<Uint8Array> => Promise.reject(new Error('Stream closed early'));
    const result = await loadSources(['-', 'a.txt'], { cwd, readStdin });
    expect(paths(result)).toEqual(['a.txt']);
    expect(result.problems).toEqual([{ path: '<stdin>', message: 'stream closed early', severity: 'error' }]);
  });

  it('skips binary standard input with a warning', async () => {
    const result = await loadSources(['-'], { readStdin: async () => new Uint8Array([0x41, 0x00]) });
    expect(result.sources).toEqual([]);
    expect(result.problems).toEqual([{ path: '<stdin>', message: 'binary file skipped', severity: 'warning' }]);
  });
});
