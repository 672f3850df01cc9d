/**
 * The streamed --strip of exact raw lines (the awk job): the same bytes as the
 * general path, from a file and from standard input, with the same exit codes
 * and errors.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stripTexts } from '../../src/api.js';
import { streamsLines } from '../../src/cli/stream-lines.js';
import { bash, BIN, dedupe, fixtureBytes, fixturePath, shq, tempTree } from './run.js';

const AWK = ['--unit', 'line', '--exact', '--raw', '--strip'];

/** The general path's output for one input (split, match, strip by spans). */
async function generalStrip(bytes: Uint8Array): Promise<Buffer> {
  const [out] = await stripTexts([{ path: 'x', content: bytes }], { unit: 'line', exact: true, raw: true });
  return Buffer.from(out as Uint8Array);
}

describe('dedupe --unit line --exact --raw --strip (streamed)', () => {
  let big = '';
  let bigBytes = Buffer.alloc(0);

  beforeAll(async () => {
    // 40,000 lines over 3,000 distinct ones, CRLF and LF mixed, blank lines, no final newline: several read chunks.
    const lines: string[] = [];
    let seed = 7;
    for (let i = 0; i < 40_000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const k = seed % 3000;
      lines.push(k % 97 === 0 ? '' : `line ${k} ${'x'.repeat(k % 200)}${k % 5 === 0 ? '\r' : ''}`);
    }
    bigBytes = Buffer.from(lines.join('\n'));
    big = path.join(await tempTree(), 'big.txt');
    await writeFile(big, bigBytes);
  });

  it.each(['crlf.txt', 'bom.txt', 'lines.txt', 'invalid-utf8.txt', 'article-v2.txt'])('%s: the bytes the general path gives', async (name) => {
    const r = dedupe([...AWK, `fixtures/${name}`]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdoutBytes.equals(await generalStrip(await fixtureBytes(name)))).toBe(true);
  });

  it('a large input: the same bytes as the general path, from a file and from standard input', async () => {
    const expected = await generalStrip(bigBytes);
    expect(expected.length).toBeLessThan(bigBytes.length);
    const fromFile = dedupe([...AWK, big]);
    expect(fromFile.status).toBe(0);
    expect(fromFile.stdoutBytes.equals(expected)).toBe(true);
    const fromStdin = dedupe([...AWK, '-'], { input: bigBytes });
    expect(fromStdin.stdoutBytes.equals(expected)).toBe(true);
  });

  it('--check exits 1 when lines were removed, 0 when none were; the gates apply', async () => {
    expect(dedupe([...AWK, '--check', 'fixtures/lines.txt']).status).toBe(1);
    expect(dedupe([...AWK, '--check', '--fail-on', 'near', 'fixtures/lines.txt']).status).toBe(0);
    expect(dedupe([...AWK, '--check', '--max-duplicates', '4', 'fixtures/lines.txt']).status).toBe(0);
    expect(dedupe([...AWK, '--check', '--max-duplicates', '3', 'fixtures/lines.txt']).status).toBe(1);
    expect(dedupe([...AWK, '--check'], { input: 'a\nb\n' }).status).toBe(0);
  });

  it('a missing input: one line naming it, exit 2', () => {
    const r = dedupe([...AWK, 'fixtures/nope.txt']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('dedupe: fixtures/nope.txt: no such file or directory\n');
    expect(r.stdout).toBe('');
  });

  it('two inputs: a usage error, as without streaming', () => {
    const r = dedupe([...AWK, 'fixtures/lines.txt', 'fixtures/crlf.txt']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('dedupe: --strip writes one input to stdout, but 2 files were given: add --out-dir DIR, or use --write\n');
  });

  it('a binary input is copied unchanged, with a warning', async () => {
    const r = dedupe([...AWK, 'fixtures/binary.bin']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('dedupe: fixtures/binary.bin: binary file, copied unchanged\n');
    expect(r.stdoutBytes.equals(await fixtureBytes('binary.bin'))).toBe(true);
    expect(dedupe([...AWK, '--quiet', fixturePath('binary.bin')]).stderr).toBe('');
  });

  it('a closed pipe ends it quietly', () => {
    const r = bash(`node ${shq(BIN)} ${AWK.join(' ')} ${shq(big)} | head -c 100 > /dev/null; echo "status=\${PIPESTATUS[0]}"`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('status=0\n');
  });
});

describe('streamsLines: which --strip runs are streamed', () => {
  const base = { strip: true, fail: true, gitignore: true, config: true } as const;
  const awk = { unit: 'line', exact: true, raw: true } as const;

  it('the awk job: --unit line --exact --raw --strip to stdout (also --threshold 1 for --exact)', () => {
    expect(streamsLines(base, awk)).toBe(true);
    expect(streamsLines(base, { unit: 'line', raw: true, threshold: 1 })).toBe(true);
  });

  it('not when the general path decides differently: other units, near matching, normalization, another keep, a min length', () => {
    expect(streamsLines(base, { ...awk, unit: 'auto' })).toBe(false);
    expect(streamsLines(base, { ...awk, exact: false })).toBe(false);
    expect(streamsLines(base, { ...awk, raw: false })).toBe(false);
    expect(streamsLines(base, { ...awk, keep: 'last' })).toBe(false);
    expect(streamsLines(base, { ...awk, minLength: 3 })).toBe(false);
  });

  it('not for other outputs, the index or boilerplate', () => {
    expect(streamsLines({ ...base, strip: undefined }, awk)).toBe(false);
    expect(streamsLines({ ...base, outDir: 'out' }, awk)).toBe(false);
    expect(streamsLines({ ...base, strip: undefined, write: true }, awk)).toBe(false);
    expect(streamsLines({ ...base, index: 'x.db' }, awk)).toBe(false);
    expect(streamsLines({ ...base, boilerplate: 3 }, awk)).toBe(false);
  });
});
