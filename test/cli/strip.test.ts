/**
 * --strip, --out-dir, --write and --check end to end, compared byte for byte.
 */
import { chmod, copyFile, readdir, readFile, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dedupe, fixtureBytes, fixturePath, lineOf, tempTree } from './run.js';

/**
 * The fixture with the second copy of its line-`line` paragraph (and the
 * separator that follows it) removed, located in the raw bytes: everything else
 * is kept byte for byte.
 */
function withoutSecondCopy(bytes: Buffer, line: number, separator: string): Buffer {
  const para = lineOf(bytes, line);
  const sep = Buffer.from(separator, 'latin1');
  const second = bytes.indexOf(para.bytes, para.end);
  expect(second).toBeGreaterThan(para.end);
  // It really is the next paragraph, and a separator follows it.
  expect(bytes.subarray(para.end, second).equals(sep)).toBe(true);
  const after = second + para.bytes.length;
  expect(bytes.subarray(after, after + sep.length).equals(sep)).toBe(true);
  return Buffer.concat([bytes.subarray(0, second), bytes.subarray(after + sep.length)]);
}

/** article.txt without its lines 12-15 (the doubled P1 and P2 and the blank lines after them). */
async function strippedArticle(): Promise<Buffer> {
  const text = (await fixtureBytes('article.txt')).toString('utf8');
  const lines = text.split('\n');
  expect(lines[11]?.startsWith('Port Ellery’s city council voted 7-4')).toBe(true);
  expect(lines[13]?.startsWith('The vote was initially scheduled')).toBe(true);
  return Buffer.from([...lines.slice(0, 11), ...lines.slice(15)].join('\n'), 'utf8');
}

describe('--strip', () => {
  it('article.txt: removes exactly the doubled P1 and P2', async () => {
    const r = dedupe(['--strip', 'fixtures/article.txt']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdoutBytes.equals(await strippedArticle())).toBe(true);
  });

  it('stdin: `--strip -` and no path with piped input give the same bytes as the file', async () => {
    const input = await fixtureBytes('article.txt');
    const expected = await strippedArticle();
    const dash = dedupe(['--strip', '-'], { input });
    const implicit = dedupe(['--strip'], { input });
    for (const r of [dash, implicit]) {
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdoutBytes.equals(expected)).toBe(true);
    }
  });

  it('stdin report names <stdin>', async () => {
    const r = dedupe([], { input: await fixtureBytes('article.txt') });
    expect(r.stdout).toBe(`Cluster 1 · exact · 2 copies
  keep  <stdin>:8   100%  Port Ellery’s city council voted 7-4 on Tuesday night to po…
  dup   <stdin>:12  100%  Port Ellery’s city council voted 7-4 on Tuesday night to po…

Cluster 2 · exact · 2 copies
  keep  <stdin>:10  100%  The vote was initially scheduled for February, when the cou…
  dup   <stdin>:14  100%  The vote was initially scheduled for February, when the cou…

2 clusters · 2 duplicate blocks of 17 blocks in 1 file
`);
    expect(r.status).toBe(1);
  });

  const byteCases: [string, string, (out: Buffer) => void][] = [
    [
      'crlf.txt',
      '\r\n\r\n',
      (out) => {
        // CRLF everywhere, and still no final newline.
        for (let i = 0; i < out.length; i++) if (out[i] === 0x0a) expect(out[i - 1]).toBe(0x0d);
        expect(out.subarray(-2).toString('latin1')).not.toContain('\n');
        expect(out.toString('latin1').endsWith('at 11:20 p.m.')).toBe(true);
      },
    ],
    [
      'bom.txt',
      '\n\n',
      (out) => {
        expect([...out.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        expect(out.subarray(3, 10).toString('utf8')).toBe('Library');
      },
    ],
    [
      'invalid-utf8.txt',
      '\n\n',
      (out) => {
        // The kept copy still has its raw 0xFF and 0x80 bytes (not U+FFFD).
        expect(out.includes(Buffer.from([0x66, 0xff, 0x20]))).toBe(true); // "caf\xFF "
        expect(out.includes(Buffer.from([0x63, 0x72, 0x80, 0x70]))).toBe(true); // "cr\x80p"
        expect(out.includes(Buffer.from('\uFFFD', 'utf8'))).toBe(false);
      },
    ],
  ];

  it.each(byteCases)('%s: only the second copy of the line-5 paragraph and its separator go; every other byte is kept', async (name, sep, extra) => {
    const input = await fixtureBytes(name);
    const expected = withoutSecondCopy(input, 5, sep);
    const r = dedupe(['--strip', `fixtures/${name}`]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdoutBytes.equals(expected)).toBe(true);
    extra(r.stdoutBytes);

    // Stripping the stripped output again changes nothing (and --check says so).
    const again = dedupe(['--strip', '--check', '-'], { input: r.stdoutBytes });
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(again.stdoutBytes.equals(expected)).toBe(true);
  });

  it('--check: exit 1 when something was removed, 0 (and the input unchanged) when nothing was', async () => {
    const removed = dedupe(['--strip', '--check', 'fixtures/crlf.txt']);
    expect(removed.status).toBe(1);
    expect(removed.stderr).toBe('');
    expect(removed.stdoutBytes.equals(withoutSecondCopy(await fixtureBytes('crlf.txt'), 5, '\r\n\r\n'))).toBe(true);

    const nothing = dedupe(['--strip', '--check', 'fixtures/article-v2.txt']);
    expect(nothing.status).toBe(0);
    expect(nothing.stderr).toBe('');
    expect(nothing.stdoutBytes.equals(await fixtureBytes('article-v2.txt'))).toBe(true);
  });

  it('a missing input next to the one to strip: the other is still stripped, exit 2', async () => {
    const r = dedupe(['--strip', 'fixtures/nope.txt', 'fixtures/crlf.txt']);
    expect(r.stderr).toBe('dedupe: fixtures/nope.txt: no such file or directory\n');
    expect(r.status).toBe(2);
    expect(r.stdoutBytes.equals(withoutSecondCopy(await fixtureBytes('crlf.txt'), 5, '\r\n\r\n'))).toBe(true);
  });
});

describe('--out-dir', () => {
  it('writes each stripped input at DIR/<path>, nothing on stdout', async () => {
    const dir = await tempTree();
    const out = path.join(dir, 'out');
    const names = ['article.txt', 'crlf.txt', 'article-v2.txt'];
    const r = dedupe(['--out-dir', out, ...names.map((n) => `fixtures/${n}`)]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
    expect((await readdir(out, { recursive: true })).sort()).toEqual([
      'fixtures',
      'fixtures/article-v2.txt',
      'fixtures/article.txt',
      'fixtures/crlf.txt',
    ]);
    expect((await readFile(path.join(out, 'fixtures/article.txt'))).equals(await strippedArticle())).toBe(true);
    expect(
      (await readFile(path.join(out, 'fixtures/crlf.txt'))).equals(withoutSecondCopy(await fixtureBytes('crlf.txt'), 5, '\r\n\r\n')),
    ).toBe(true);
    // No duplicates inside article-v2.txt on its own... but with article.txt scanned too, its lines 11-17 go.
    const v2 = (await fixtureBytes('article-v2.txt')).toString('utf8').split('\n');
    const v2Expected = [...v2.slice(0, 10), ...v2.slice(17)].join('\n');
    expect((await readFile(path.join(out, 'fixtures/article-v2.txt'))).toString('utf8')).toBe(v2Expected);
  });

  it('standard input goes to DIR/stdin.txt', async () => {
    const dir = await tempTree();
    const r = dedupe(['--out-dir', 'out', '-'], { cwd: dir, input: await fixtureBytes('article.txt') });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(await readdir(path.join(dir, 'out'))).toEqual(['stdin.txt']);
    expect((await readFile(path.join(dir, 'out', 'stdin.txt'))).equals(await strippedArticle())).toBe(true);
  });

  it('--check with --out-dir exits 1 when something was removed', async () => {
    const dir = await tempTree();
    const r = dedupe(['--out-dir', path.join(dir, 'o'), '--check', 'fixtures/lines.txt', 'fixtures/article-v2.txt']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
  });
});

describe('--write', () => {
  it('rewrites only the files with duplicates, keeps their mode, leaves the others untouched', async () => {
    const dir = await tempTree({
      'clean.txt':
        'The ferry to the island leaves at seven every morning from the north pier.\n\n' +
        'Tickets can be bought on board or at the kiosk next to the harbour office.\n',
    });
    await copyFile(fixturePath('article.txt'), path.join(dir, 'article.txt'));
    await copyFile(fixturePath('crlf.txt'), path.join(dir, 'crlf.txt'));
    await copyFile(fixturePath('binary.bin'), path.join(dir, 'binary.bin'));
    await chmod(path.join(dir, 'article.txt'), 0o640);
    const past = new Date('2001-02-03T04:05:06Z');
    await utimes(path.join(dir, 'clean.txt'), past, past);
    await utimes(path.join(dir, 'binary.bin'), past, past);
    const cleanBefore = await stat(path.join(dir, 'clean.txt'));
    const binBefore = await stat(path.join(dir, 'binary.bin'));

    const r = dedupe(['--write', '--check', 'article.txt', 'clean.txt', 'binary.bin', 'crlf.txt'], { cwd: dir });
    expect(r.stderr).toBe('dedupe: binary.bin: binary file skipped\n');
    expect(r.stdout).toBe('');
    expect(r.status).toBe(1);

    expect((await readFile(path.join(dir, 'article.txt'))).equals(await strippedArticle())).toBe(true);
    expect((await stat(path.join(dir, 'article.txt'))).mode & 0o777).toBe(0o640);
    expect((await readFile(path.join(dir, 'crlf.txt'))).equals(withoutSecondCopy(await fixtureBytes('crlf.txt'), 5, '\r\n\r\n'))).toBe(
      true,
    );
    for (const [name, before] of [
      ['clean.txt', cleanBefore],
      ['binary.bin', binBefore],
    ] as const) {
      const after = await stat(path.join(dir, name));
      expect([after.ino, after.mtimeMs, after.size]).toEqual([before.ino, before.mtimeMs, before.size]);
    }
    expect((await readFile(path.join(dir, 'binary.bin'))).equals(await fixtureBytes('binary.bin'))).toBe(true);
    // No temp files left behind.
    expect((await readdir(dir)).sort()).toEqual(['article.txt', 'binary.bin', 'clean.txt', 'crlf.txt']);

    // A second run finds nothing to remove: exit 0 with --check, no file replaced.
    const inodes = await Promise.all(['article.txt', 'crlf.txt'].map(async (n) => (await stat(path.join(dir, n))).ino));
    const again = dedupe(['--write', '--check', 'article.txt', 'clean.txt', 'crlf.txt'], { cwd: dir });
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(await Promise.all(['article.txt', 'crlf.txt'].map(async (n) => (await stat(path.join(dir, n))).ino))).toEqual(inodes);
  });

  it('a missing input next to a file to rewrite: the file is still rewritten, exit 2', async () => {
    const dir = await tempTree();
    await copyFile(fixturePath('bom.txt'), path.join(dir, 'bom.txt'));
    const r = dedupe(['--write', 'bom.txt', 'nope.txt'], { cwd: dir });
    expect(r.stderr).toBe('dedupe: nope.txt: no such file or directory\n');
    expect(r.status).toBe(2);
    expect((await readFile(path.join(dir, 'bom.txt'))).equals(withoutSecondCopy(await fixtureBytes('bom.txt'), 5, '\n\n'))).toBe(true);
  });

  it('without --check exits 0 even when it removed something', async () => {
    const dir = await tempTree();
    await copyFile(fixturePath('lines.txt'), path.join(dir, 'lines.txt'));
    const r = dedupe(['--write', 'lines.txt'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = (await fixtureBytes('lines.txt')).toString('utf8').split('\n');
    // Lines 6 and 12 (WARN repeats) and 9 and 10 (ERROR repeats) removed.
    const kept = lines.filter((_l, i) => ![5, 8, 9, 11].includes(i)).join('\n');
    expect(await readFile(path.join(dir, 'lines.txt'), 'utf8')).toBe(kept);
  });
});
