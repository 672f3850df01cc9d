import { chmod, lstat, mkdir, mkdtemp, readFile, readdir, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileWriteError, writeFilesAtomic, writeFilesAtomicMkdir } from '../../src/output/atomic.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dedupe-atomic-'));
});

afterEach(async () => {
  await chmod(dir, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function listAll(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  return entries.map((e) => e.split(path.sep).join('/')).sort();
}

describe('writeFilesAtomic', () => {
  it('writes new files and replaces existing ones', async () => {
    const a = path.join(dir, 'a.txt');
    const b = path.join(dir, 'b.txt');
    await writeFile(a, 'old contents that are longer\n');
    await writeFilesAtomic([
      { path: a, data: enc('new\n') },
      { path: b, data: new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0x0d, 0x0a, 0xff]) },
    ]);
    expect(await readFile(a, 'utf8')).toBe('new\n');
    expect(Array.from(await readFile(b))).toEqual([0xef, 0xbb, 0xbf, 0x41, 0x0d, 0x0a, 0xff]);
    expect(await listAll(dir)).toEqual(['a.txt', 'b.txt']);
  });

  it('writes empty data', async () => {
    const a = path.join(dir, 'a.txt');
    await writeFile(a, 'x');
    await writeFilesAtomic([{ path: a, data: new Uint8Array(0) }]);
    expect((await stat(a)).size).toBe(0);
  });

  it('writes a subarray view exactly', async () => {
    const a = path.join(dir, 'a.txt');
    const whole = enc('0123456789');
    await writeFilesAtomic([{ path: a, data: whole.subarray(3, 6) }]);
    expect(await readFile(a, 'utf8')).toBe('345');
  });

  it('keeps the original mode', async () => {
    const a = path.join(dir, 'a.txt');
    const x = path.join(dir, 'x.sh');
    await writeFile(a, 'a');
    await chmod(a, 0o640);
    await writeFile(x, 'x');
    await chmod(x, 0o751);
    await writeFilesAtomic([
      { path: a, data: enc('A') },
      { path: x, data: enc('X') },
    ]);
    expect((await stat(a)).mode & 0o7777).toBe(0o640);
    expect((await stat(x)).mode & 0o7777).toBe(0o751);
    expect(await readFile(a, 'utf8')).toBe('A');
  });

  it('replaces the file (new inode), not rewriting it in place', async () => {
    const a = path.join(dir, 'a.txt');
    await writeFile(a, 'a');
    const before = (await stat(a)).ino;
    await writeFilesAtomic([{ path: a, data: enc('b') }]);
    expect((await stat(a)).ino).not.toBe(before);
  });

  it('works when the data is identical to the file', async () => {
    const a = path.join(dir, 'a.txt');
    await writeFile(a, 'same\r\n');
    await chmod(a, 0o600);
    await writeFilesAtomic([{ path: a, data: await readFile(a) }]);
    expect(await readFile(a, 'utf8')).toBe('same\r\n');
    expect((await stat(a)).mode & 0o777).toBe(0o600);
    expect(await listAll(dir)).toEqual(['a.txt']);
  });

  it('does nothing for no writes', async () => {
    await expect(writeFilesAtomic([])).resolves.toBeUndefined();
    expect(await listAll(dir)).toEqual([]);
  });

  it('leaves every original untouched and no temp files when a target directory is missing', async () => {
    const a = path.join(dir, 'a.txt');
    await writeFile(a, 'original A\n');
    const missing = path.join(dir, 'nope', 'b.txt');
    const err = await writeFilesAtomic([
      { path: a, data: enc('changed A\n') },
      { path: missing, data: enc('B') },
    ]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileWriteError);
    expect((err as Error).message).toBe(`${missing}: no such file or directory`);
    expect((err as FileWriteError).path).toBe(missing);
    expect((err as FileWriteError).code).toBe('ENOENT');
    expect(await readFile(a, 'utf8')).toBe('original A\n');
    expect(await listAll(dir)).toEqual(['a.txt']);
  });

  it('names the path as given (relative) in the error', async () => {
    const rel = path.relative(process.cwd(), path.join(dir, 'missing-dir', 'a.txt'));
    await expect(writeFilesAtomic([{ path: rel, data: enc('x') }])).rejects.toThrow(
      `${rel}: no such file or directory`,
    );
  });

  it('fails before any rename when a target is a directory', async () => {
    const a = path.join(dir, 'a.txt');
    const sub = path.join(dir, 'sub');
    const c = path.join(dir, 'c.txt');
    await writeFile(a, 'original A\n');
    await writeFile(c, 'original C\n');
    await mkdir(sub);
    await expect(
      writeFilesAtomic([
        { path: a, data: enc('changed A\n') },
        { path: sub, data: enc('B') },
        { path: c, data: enc('changed C\n') },
      ]),
    ).rejects.toThrow(`${sub}: is a directory`);
    expect(await readFile(a, 'utf8')).toBe('original A\n');
    expect(await readFile(c, 'utf8')).toBe('original C\n');
    expect((await stat(sub)).isDirectory()).toBe(true);
    expect(await listAll(dir)).toEqual(['a.txt', 'c.txt', 'sub']);
  });

  it('reports a path whose parent is a file', async () => {
    const f = path.join(dir, 'file');
    await writeFile(f, 'f');
    const target = path.join(f, 'x.txt');
    await expect(writeFilesAtomic([{ path: target, data: enc('x') }])).rejects.toThrow(
      `${target}: not a directory`,
    );
    expect(await listAll(dir)).toEqual(['file']);
  });

  it('with many files, one failure leaves all originals and no temps', async () => {
    const writes = [];
    for (let k = 0; k < 40; k++) {
      const p = path.join(dir, `f${String(k).padStart(2, '0')}.txt`);
      await writeFile(p, `original ${k}\n`);
      writes.push({ path: p, data: enc(`changed ${k}\n`) });
    }
    const bad = path.join(dir, 'gone', 'x.txt');
    writes.splice(25, 0, { path: bad, data: enc('x') });
    await expect(writeFilesAtomic(writes)).rejects.toThrow(`${bad}: no such file or directory`);
    for (let k = 0; k < 40; k++) {
      const p = path.join(dir, `f${String(k).padStart(2, '0')}.txt`);
      expect(await readFile(p, 'utf8')).toBe(`original ${k}\n`);
    }
    expect((await listAll(dir)).filter((e) => e.startsWith('.'))).toEqual([]);
    expect(await listAll(dir)).toHaveLength(40);
  });

  it('with many files, all are written', async () => {
    const writes = Array.from({ length: 30 }, (_, k) => ({
      path: path.join(dir, `f${k}.txt`),
      data: enc(`content ${k}\n`),
    }));
    await writeFilesAtomic(writes);
    for (const w of writes) expect(await readFile(w.path, 'utf8')).toBe(new TextDecoder().decode(w.data));
    expect(await listAll(dir)).toHaveLength(30);
  });

  it('rejects the same file given twice, writing nothing', async () => {
    const a = path.join(dir, 'a.txt');
    await writeFile(a, 'orig');
    await expect(
      writeFilesAtomic([
        { path: a, data: enc('one') },
        { path: path.join(dir, '.', 'a.txt'), data: enc('two') },
      ]),
    ).rejects.toThrow(/a\.txt: given more than once$/);
    expect(await readFile(a, 'utf8')).toBe('orig');
    expect(await listAll(dir)).toEqual(['a.txt']);
  });

  it('writes through a symlink, which stays a symlink', async () => {
    const real = path.join(dir, 'real.txt');
    const link = path.join(dir, 'link.txt');
    await writeFile(real, 'old');
    await chmod(real, 0o640);
    await symlink('real.txt', link);
    await writeFilesAtomic([{ path: link, data: enc('new') }]);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe('real.txt');
    expect(await readFile(real, 'utf8')).toBe('new');
    expect((await stat(real)).mode & 0o777).toBe(0o640);
    expect(await listAll(dir)).toEqual(['link.txt', 'real.txt']);
  });

  it.skipIf(isRoot)('reports permission denied in a read-only directory and leaves the file', async () => {
    const ro = path.join(dir, 'ro');
    await mkdir(ro);
    const a = path.join(ro, 'a.txt');
    await writeFile(a, 'orig');
    await chmod(ro, 0o555);
    await expect(writeFilesAtomic([{ path: a, data: enc('new') }])).rejects.toThrow(
      `${a}: permission denied`,
    );
    await chmod(ro, 0o755);
    expect(await readFile(a, 'utf8')).toBe('orig');
    expect(await listAll(ro)).toEqual(['a.txt']);
  });
});

describe('writeFilesAtomicMkdir', () => {
  it('creates nested directories', async () => {
    const deep = path.join(dir, 'out', 'a', 'b', 'c.txt');
    const top = path.join(dir, 'out', 'd.txt');
    await writeFilesAtomicMkdir([
      { path: deep, data: enc('deep\n') },
      { path: top, data: enc('top\n') },
    ]);
    expect(await readFile(deep, 'utf8')).toBe('deep\n');
    expect(await readFile(top, 'utf8')).toBe('top\n');
    expect(await listAll(path.join(dir, 'out'))).toEqual(['a', 'a/b', 'a/b/c.txt', 'd.txt']);
  });

  it('works when the directories already exist', async () => {
    const p = path.join(dir, 'x', 'y.txt');
    await mkdir(path.join(dir, 'x'));
    await writeFile(p, 'old');
    await writeFilesAtomicMkdir([{ path: p, data: enc('new') }]);
    expect(await readFile(p, 'utf8')).toBe('new');
  });

  it('reports a directory that cannot be created, writing nothing', async () => {
    const a = path.join(dir, 'a.txt');
    const blocker = path.join(dir, 'blocker');
    await writeFile(a, 'orig');
    await writeFile(blocker, 'i am a file');
    const target = path.join(blocker, 'sub', 'b.txt');
    const err = await writeFilesAtomicMkdir([
      { path: a, data: enc('new') },
      { path: target, data: enc('b') },
    ]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileWriteError);
    expect((err as Error).message).toMatch(new RegExp(`^${path.join(blocker, 'sub').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect(await readFile(a, 'utf8')).toBe('orig');
    expect(await listAll(dir)).toEqual(['a.txt', 'blocker']);
  });
});
