import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBytes, readLarge } from '../../src/input/fsutil.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dedupe-fsutil-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readLarge (files past readFile\'s 2 GiB limit)', () => {
  it('reads a file in chunks into the same bytes as readFile', async () => {
    const file = path.join(dir, 'a.txt');
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => `line ${i}\n`).join(''));
    writeFileSync(file, bytes);
    for (const chunk of [1, 7, 4096, 1 << 20]) expect(Buffer.compare(await readLarge(file, chunk), readFileSync(file))).toBe(0);
    expect(Buffer.compare(await readBytes(file), bytes)).toBe(0);
  });

  it('reads an empty file', async () => {
    const file = path.join(dir, 'empty.txt');
    writeFileSync(file, '');
    expect((await readLarge(file)).length).toBe(0);
  });

  it('fails on a missing file like readFile', async () => {
    await expect(readLarge(path.join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
