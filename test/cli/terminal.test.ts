/**
 * Terminal concerns end to end: colour switches, --help, --version, and a
 * reader that closes the pipe early.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bash, BIN, dedupe, hasAnsi, shq, stripAnsi, tempTree } from './run.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const CRLF_REPORT = `Cluster 1 · exact · 2 copies
  keep  fixtures/crlf.txt:5  100%  Passengers with annual passes do not need to do anything. H…
  dup   fixtures/crlf.txt:7  100%  Passengers with annual passes do not need to do anything. H…

1 cluster · 1 duplicate block of 5 blocks in 1 file
`;

describe('colour', () => {
  const crlf = ['fixtures/crlf.txt'];

  it('--color emits ANSI escapes (even with NO_COLOR set), and the text under them is the plain report', () => {
    for (const env of [{ NO_COLOR: undefined }, { NO_COLOR: '1' }]) {
      const r = dedupe(['--color', ...crlf], { env });
      expect(hasAnsi(r.stdout)).toBe(true);
      expect(stripAnsi(r.stdout)).toBe(CRLF_REPORT);
      expect(r.status).toBe(1);
    }
  });

  it('FORCE_COLOR=1 turns it on when NO_COLOR is unset', () => {
    const r = dedupe(crlf, { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(hasAnsi(r.stdout)).toBe(true);
    expect(stripAnsi(r.stdout)).toBe(CRLF_REPORT);
  });

  it('none with NO_COLOR=1, with --no-color (even with FORCE_COLOR=1), or by default on a pipe', () => {
    const runs = [
      dedupe(crlf, { env: { NO_COLOR: '1' } }),
      dedupe(['--no-color', ...crlf], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }),
      dedupe(crlf, { env: { NO_COLOR: undefined } }),
      dedupe(crlf, { env: { NO_COLOR: undefined, FORCE_COLOR: '0' } }),
    ];
    for (const r of runs) expect(r.stdout).toBe(CRLF_REPORT);
  });

  it('never in json, nor in error messages', () => {
    const json = dedupe(['--color', '--format', 'json', ...crlf]);
    expect(hasAnsi(json.stdout)).toBe(false);
    const bad = dedupe(['--color', '--unit', 'words', ...crlf], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(bad.stderr).toBe("dedupe: option '-u, --unit <unit>' argument 'words' is invalid. unit must be one of auto, paragraph, line, sentence.\n");
  });
});

describe('--help and --version', () => {
  it('--help exits 0 and lists every option of the contract that this version has', () => {
    const r = dedupe(['--help']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('Usage: dedupe [options] [paths...]\n')).toBe(true);
    for (const option of [
      '--unit <unit>',
      '--threshold <T>',
      '--exact',
      '--raw',
      '--jobs <N>',
      '--min-length <N>',
      '--keep <policy>',
      '--format <format>',
      '--color',
      '--no-color',
      '--strip',
      '--out-dir <dir>',
      '--write',
      '--check',
      '--ignore <glob>',
      '--version',
      '--help',
    ]) {
      expect(r.stdout).toContain(option);
    }
    expect(r.stdout).toContain('auto|paragraph|line|sentence');
    expect(r.stdout).toContain('first|last|longest');
    expect(r.stdout).toContain('Exit status:');
    expect(dedupe(['-h']).stdout).toBe(r.stdout);
  });

  it('--version and -V print the package.json version', () => {
    for (const flag of ['--version', '-V']) {
      const r = dedupe([flag]);
      expect(r.stdout).toBe(`${VERSION}\n`);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
  });
});

describe('a reader that closes the pipe early', () => {
  let big = '';

  beforeAll(async () => {
    // 1500 distinct paragraphs of 30 pseudo-random words, all repeated: a report of some 300 kB.
    const words = 'harbour ferry council budget river station bridge tram library market winter summer school road park museum clock archive tower garden street square engine ticket weather festival island mayor report hearing'.split(' ');
    let seed = 42;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const paras: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const w: string[] = [];
      for (let j = 0; j < 30; j++) w.push(words[Math.floor(rnd() * words.length)] ?? 'x');
      paras.push(`Item ${i}: ${w.join(' ')}.`);
    }
    const dir = await tempTree();
    big = path.join(dir, 'big.txt');
    await writeFile(big, `${[...paras, ...paras].join('\n\n')}\n`);
  });

  const modes: [string, string][] = [
    ['pretty report', ''],
    ['json report', '--format json'],
    ['--strip', '--strip'],
  ];
  it.each(modes)('%s: nothing on stderr, no EPIPE trace', (_name, flags) => {
    const r = bash(`node ${shq(BIN)} ${flags} ${shq(big)} | head -c 100; echo " status=\${PIPESTATUS[0]}"`);
    expect(r.stderr).toBe('');
    const tail = r.stdout.slice(r.stdout.lastIndexOf(' status='));
    expect(tail).toBe(flags === '--strip' ? ' status=0\n' : ' status=1\n');
    expect(r.stdoutBytes.length).toBe(100 + tail.length);
  });

  it('the whole report is far larger than the pipe buffer (so the pipe really breaks)', () => {
    expect(dedupe([big]).stdout.length).toBeGreaterThan(256 * 1024);
  });
});
