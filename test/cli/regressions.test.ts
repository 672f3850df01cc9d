/**
 * Regressions found by the first CLI review, each named after what it pins.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { bash, dedupe, tempTree } from './run.js';

const PARA = 'The harbour ferry will stop running on Sundays from March, the operator said on Friday.';

describe('CLI regressions', () => {
  it('directory walks skip hidden files (.gitignore is not an input); --hidden reads them', async () => {
    const dir = await tempTree({ 'docs/a.txt': `${PARA}\n`, 'docs/.notes.txt': `${PARA}\n`, 'docs/.gitignore': 'x.log\n' });
    const plain = dedupe(['--format', 'json', 'docs'], { cwd: dir });
    expect((JSON.parse(plain.stdout) as { files: { path: string }[] }).files.map((f) => f.path)).toEqual(['docs/a.txt']);
    expect(plain.status).toBe(0);
    const hidden = dedupe(['--format', 'json', '--hidden', 'docs'], { cwd: dir });
    const files = (JSON.parse(hidden.stdout) as { files: { path: string }[] }).files.map((f) => f.path);
    expect(files).toEqual(['docs/.gitignore', 'docs/.notes.txt', 'docs/a.txt']);
    expect(hidden.status).toBe(1);
  });

  it('--threshold takes only decimal numbers (0x1 is refused)', () => {
    const r = dedupe(['--threshold', '0x1', 'fixtures/article.txt']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "dedupe: option '-t, --threshold <T>' argument '0x1' is invalid. threshold must be a number from 0 to 1 (1 = exact duplicates only).\n",
    );
    expect(dedupe(['--threshold', '.95', '--format', 'json', 'fixtures/article.txt']).status).toBe(1);
  });

  it('--out-dir names both inputs when two would be written to the same place, and writes nothing', async () => {
    const dir = await tempTree({ 'foo/a.txt': `${PARA}\n\n${PARA}\n`, 'w/foo/a.txt': `${PARA}\n` });
    const r = dedupe(['--out-dir', 'out', '../foo/a.txt', 'foo/a.txt'], { cwd: `${dir}/w` });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('dedupe: --out-dir: ../foo/a.txt and foo/a.txt would both be written to out/foo/a.txt\n');
    expect(dedupe(['--format', 'json', 'out'], { cwd: `${dir}/w` }).stderr).toBe('dedupe: out: no such file or directory\n');
  });

  it('a near copy that differs only in punctuation is not shown as 100% similar', async () => {
    const dir = await tempTree({ 'a.txt': `${PARA} It will run again in May.\n\n${PARA} It will run again in May\n` });
    const r = dedupe(['--format', 'json', 'a.txt'], { cwd: dir });
    const report = JSON.parse(r.stdout) as { clusters: { kind: string; blocks: { similarity: number; keep: boolean }[] }[] };
    expect(report.clusters).toHaveLength(1);
    expect(report.clusters[0]?.kind).toBe('near');
    const dup = report.clusters[0]?.blocks.find((b) => !b.keep);
    expect(dup?.similarity).toBeGreaterThan(0.98);
    expect(dup?.similarity).toBeLessThan(1);
  });

  it('a failed write to stdout exits 2 (review: `--strip x > /dev/full` exited 0)', () => {
    const r = bash('node bin/dedupe.js --strip fixtures/article.txt > /dev/full');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('dedupe: cannot write to standard output: ENOSPC\n');
  });

  it('--strip copies a binary input through unchanged instead of printing nothing (review)', async () => {
    const bin = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02, 0x0a, 0xff]);
    const dir = await tempTree({ 'b.bin': bin, 't.txt': `${PARA}\n\n${PARA}\n` });
    const r = dedupe(['--strip', '-'], { cwd: dir, input: bin });
    expect(r.status).toBe(0);
    expect(Buffer.compare(r.stdoutBytes, bin)).toBe(0);
    expect(r.stderr).toBe('dedupe: <stdin>: binary file, copied unchanged\n');
    const out = dedupe(['--out-dir', 'out', 'b.bin', 't.txt'], { cwd: dir });
    expect(out.status).toBe(0);
    expect(Buffer.compare(fs.readFileSync(`${dir}/out/b.bin`), bin)).toBe(0);
    expect(fs.readFileSync(`${dir}/out/t.txt`, 'utf8')).toBe(`${PARA}\n`);
  });

  it('report options from a config file do not break --strip (review: {"format":"json"} made --strip exit 2)', async () => {
    const dir = await tempTree({ '.dedupe.json': '{ "format": "json", "explain": true }', 't.txt': `${PARA}\n\n${PARA}\n` });
    const r = dedupe(['--strip', 't.txt'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${PARA}\n`);
    expect(dedupe(['--strip', '--format', 'json', 't.txt'], { cwd: dir }).status).toBe(2);
  });

  it('--write errors name the input as written, not its absolute path', async () => {
    const dir = await tempTree({ 'd/t.txt': `${PARA}\n\n${PARA}\n` });
    fs.chmodSync(`${dir}/d`, 0o555);
    const r = dedupe(['--write', 'd/t.txt'], { cwd: dir });
    fs.chmodSync(`${dir}/d`, 0o755);
    if (process.getuid?.() === 0) return; // root writes anyway: nothing to check
    expect(r.stderr).toBe('dedupe: d/t.txt: permission denied\n');
  });
});
