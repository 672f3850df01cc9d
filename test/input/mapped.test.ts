/**
 * Big inputs mapped into memory (src/input/mapped.ts, native/mapfile.c): the
 * mapping reads as the file does, giving pages back keeps the bytes, and the
 * pages really leave the process (Linux: RssFile in /proc/self/status).
 * Skipped where the addon is not built (scripts/build-native.mjs); .ci/run
 * requires it to be built.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canMap, FAULT_AROUND, isMapped, mapFile, release, RESIDENT_BUDGET, touch } from '../../src/input/mapped.js';
import { loadSources } from '../../src/input/index.js';
import { scanSources } from '../../src/pipeline.js';
import { stripSources } from '../../src/strip/index.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dedupe-map-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Resident file-backed memory of this process in bytes (Linux), or undefined. */
function rssFile(): number | undefined {
  try {
    const m = /RssFile:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

describe.runIf(canMap())('mapped inputs', () => {
  it('a mapped file reads as the file; released pages read the same again', async () => {
    const file = path.join(dir, 'bytes.bin');
    const data = Buffer.alloc(3 * 65536 + 123);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919 + (i >> 9)) & 0xff;
    await writeFile(file, data);
    const mapped = mapFile(file);
    expect(mapped).toBeDefined();
    expect(isMapped(mapped!)).toBe(true);
    expect(isMapped(mapped!.subarray(10, 20))).toBe(true);
    expect(isMapped(Buffer.from(data))).toBe(false);
    expect(Buffer.compare(mapped!, data)).toBe(0);
    release(mapped!);
    expect(Buffer.compare(mapped!, data)).toBe(0);
    // Counted reads past the budget release too, and change nothing.
    for (let i = 0; i < RESIDENT_BUDGET / FAULT_AROUND + 2; i++) touch(mapped!, 1, true);
    expect(Buffer.compare(mapped!.subarray(65536), data.subarray(65536))).toBe(0);
  });

  it('an empty file is not mapped', async () => {
    const file = path.join(dir, 'empty.txt');
    await writeFile(file, '');
    expect(mapFile(file)).toBeUndefined();
  });

  it('a missing file fails as fs does', () => {
    expect(() => mapFile(path.join(dir, 'missing.txt'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });

  it.runIf(rssFile() !== undefined)('released pages leave the process', async () => {
    const file = path.join(dir, 'big.bin');
    const size = 32 << 20;
    await writeFile(file, Buffer.alloc(size, 0x61));
    const mapped = mapFile(file)!;
    const before = rssFile()!;
    let sum = 0;
    for (let i = 0; i < size; i += 4096) sum += mapped[i]!;
    expect(sum).toBe((size / 4096) * 0x61);
    const read = rssFile()!;
    expect(read - before).toBeGreaterThan(size / 2);
    release(mapped);
    expect(read - rssFile()!).toBeGreaterThan(size / 2);
  });

  it('loadSources maps files from mapAtLeast bytes, and a scan and strip of them are the same as of bytes read', async () => {
    const paragraphs = Array.from({ length: 300 }, (_, i) => `Paragraph ${i % 120} tells of the ${(i % 120) % 7} harbours and the ${i % 120} ships that sailed from them at dawn.`);
    const file = path.join(dir, 'text.txt');
    await writeFile(file, `${paragraphs.join('\n\n')}\n`);
    const small = path.join(dir, 'small.txt');
    await writeFile(small, 'A short file.\n');
    const mappedLoad = await loadSources([file, small], { mapAtLeast: 1000 });
    const readLoad = await loadSources([file, small]);
    expect(mappedLoad.sources.map((s) => isMapped(s.bytes))).toEqual([true, false]);
    expect(readLoad.sources.map((s) => isMapped(s.bytes))).toEqual([false, false]);
    const a = await scanSources(mappedLoad.sources, {}, { jobs: 2 });
    const b = await scanSources(readLoad.sources, {}, { jobs: 2 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    // 300 paragraphs, 120 distinct: each later copy is an exact duplicate (and all are near ones).
    expect((await scanSources(mappedLoad.sources, { exact: true })).summary.duplicateBlocks).toBe(300 - 120);
    expect(a.summary.duplicateBlocks).toBeGreaterThan(300 - 120);
    expect(stripSources(mappedLoad.sources, a).map((x) => Buffer.from(x).toString())).toEqual(stripSources(readLoad.sources, b).map((x) => Buffer.from(x).toString()));
  });
});
