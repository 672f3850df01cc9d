/**
 * The CLI maps files of DEDUPE_MAP_BYTES bytes or more into memory instead of
 * reading them (src/input/mapped.ts). Mapping every file (0) must change
 * nothing a user sees: reports, stripped output, --write and --out-dir are
 * byte-identical to reading the files. Skipped where the addon is not built.
 */
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canMap } from '../../src/input/mapped.js';
import { dedupe, fixturePath } from './run.js';

const FIXTURES = ['article.txt', 'article-v2.txt', 'bom.txt', 'crlf.txt', 'invalid-utf8.txt', 'lines.txt', 'wrapped.txt'];
const MAP_ALL = { DEDUPE_MAP_BYTES: '0' };
const MAP_NONE = { DEDUPE_MAP_BYTES: String(Number.MAX_SAFE_INTEGER) };

describe.runIf(canMap())('mapped inputs through the CLI', () => {
  it.each([
    ['json report', ['--format', 'json']],
    ['pretty report', []],
    ['sarif report', ['--format', 'sarif']],
    ['strip', ['--strip']],
    ['strip, exact lines', ['--strip', '--unit', 'line', '--exact']],
    ['sentences', ['--unit', 'sentence', '--format', 'json']],
  ])('%s: the same output and status mapped as read', (_name, args) => {
    for (const f of FIXTURES) {
      const file = path.relative(process.cwd(), fixturePath(f));
      const mapped = dedupe([...args, file], { env: MAP_ALL });
      const read = dedupe([...args, file], { env: MAP_NONE });
      expect(mapped.stderr).toBe(read.stderr);
      expect(mapped.status).toBe(read.status);
      expect(Buffer.compare(mapped.stdoutBytes, read.stdoutBytes)).toBe(0);
    }
    // Several files at once, binary one among them.
    const all = [...FIXTURES, 'binary.bin'].map((f) => path.relative(process.cwd(), fixturePath(f)));
    const mapped = dedupe(['--format', 'json', ...all], { env: MAP_ALL });
    const read = dedupe(['--format', 'json', ...all], { env: MAP_NONE });
    expect(mapped.stdout).toBe(read.stdout);
    expect(mapped.status).toBe(read.status);
  });

  it('--write and --out-dir write what --strip prints', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dedupe-mapped-cli-'));
    try {
      for (const f of ['article.txt', 'crlf.txt', 'binary.bin']) await copyFile(fixturePath(f), path.join(dir, f));
      const expected = dedupe(['--strip', 'article.txt'], { cwd: dir, env: MAP_NONE }).stdoutBytes;
      expect(expected.length).toBeGreaterThan(0);
      const out = dedupe(['--out-dir', 'out', 'article.txt', 'crlf.txt', 'binary.bin'], { cwd: dir, env: MAP_ALL });
      expect(out.status).toBe(0);
      expect(Buffer.compare(await readFile(path.join(dir, 'out', 'article.txt')), expected)).toBe(0);
      expect(Buffer.compare(await readFile(path.join(dir, 'out', 'binary.bin')), await readFile(fixturePath('binary.bin')))).toBe(0);
      const written = dedupe(['--write', 'article.txt'], { cwd: dir, env: MAP_ALL });
      expect(written.status).toBe(0);
      expect(Buffer.compare(await readFile(path.join(dir, 'article.txt')), expected)).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
