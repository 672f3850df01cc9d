import { execFileSync, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, dedupe, fixturePath, ROOT } from './run.js';

// bin/dedupe.js runs big inputs again in a child Node with a larger heap; a threshold of 1 byte
// forces that path on the fixtures, which must change nothing a user sees.
describe('big inputs: the run in a child Node with a larger heap', () => {
  const cases: string[][] = [
    [fixturePath('article.txt'), fixturePath('article-v2.txt')],
    ['--format', 'json', fixturePath('article.txt')],
    ['--strip', fixturePath('article.txt')],
    ['--no-such-flag', fixturePath('article.txt')],
    [fixturePath('does-not-exist.txt')],
    // a directory: its files count towards the size
    [fixturePath('')],
  ];
  for (const args of cases) {
    it(`gives the same output and status: ${args.map((a) => a.replace(/.*\//, '')).join(' ')}`, () => {
      const direct = dedupe(args);
      const child = dedupe(args, { env: { DEDUPE_BIG_INPUT_BYTES: '1' } });
      expect(child.status).toBe(direct.status);
      expect(child.stdout).toBe(direct.stdout);
      expect(child.stderr).toBe(direct.stderr);
    });
  }

  it('passes standard input through to the child', () => {
    const input = 'A paragraph that repeats itself here.\n\nA paragraph that repeats itself here.\n';
    const direct = dedupe(['--strip', '-'], { input });
    expect(direct.stdout).toBe('A paragraph that repeats itself here.\n');
    // '-' is not a file: the named fixture makes the command line big; stdin is read by the child
    const args = ['--format', 'json', '-', fixturePath('article.txt')];
    const child = dedupe(args, { input, env: { DEDUPE_BIG_INPUT_BYTES: '1' } });
    expect(child.stdout).toBe(dedupe(args, { input }).stdout);
    expect(child.stdout).toContain('"path": "<stdin>"');
  });

  it('passes SIGTERM on to the child, and dies of it', async () => {
    // The child waits on standard input (kept open); a unique directory name marks it in the process list.
    const marker = `dedupe-heap-test-${process.pid}-${Date.now()}`;
    const parent = spawn(process.execPath, [BIN, '-', fixturePath('article.txt'), marker], {
      cwd: ROOT,
      env: cleanEnv({ DEDUPE_BIG_INPUT_BYTES: '1' }),
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const running = (): boolean => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').some((l) => l.includes('--max-old-space-size') && l.includes(marker));
    for (let i = 0; i < 100 && !running(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(running()).toBe(true);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => parent.on('exit', (_code, signal) => resolve(signal)));
    parent.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    expect(running()).toBe(false);
    parent.stdin?.destroy();
  });
});
