/**
 * The progress bar: its line format, its throttling and erasing, and that a run on
 * a terminal shows a moving bar on stderr while stdout stays pure JSON.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProgressBar, progressLine } from '../../src/cli/progress.js';
import type { ProgressEvent } from '../../src/index.js';
import { BIN, cleanEnv, dedupe, shq, tempTree } from './run.js';

const split = (filesDone: number, bytesDone: number): ProgressEvent => ({
  phase: 'split',
  filesDone,
  filesTotal: 4,
  bytesDone,
  bytesTotal: 4_000_000,
  blocksDone: filesDone * 1000,
  blocksTotal: 0,
});

describe('progress line', () => {
  it('shows the bar, files, bytes, blocks/s and an ETA', () => {
    expect(progressLine(split(2, 2_000_000), 3, 1234.4)).toBe(
      // 15% of 24 cells = 3.6 -> 4 filled; ETA 3 s * 0.85 / 0.15 = 17 s
      '[===>                    ]  15% · 2/4 files · 2.0 MB/4.0 MB · 1,234 blocks/s · ETA 0:17',
    );
    const match: ProgressEvent = { ...split(4, 4_000_000), phase: 'match', blocksDone: 500, blocksTotal: 1000 };
    expect(progressLine(match, 13, 100)).toBe(
      '[===============>        ]  65% · 4/4 files · 4.0 MB/4.0 MB · 100 blocks/s · ETA 0:07',
    );
  });

  it('a streamed run goes by bytes alone', () => {
    const stream: ProgressEvent = { phase: 'stream', filesDone: 0, filesTotal: 1, bytesDone: 1_000_000, bytesTotal: 4_000_000, blocksDone: 9000, blocksTotal: 0 };
    expect(progressLine(stream, 1, 9000)).toBe('[=====>                  ]  25% · 0/1 files · 1.0 MB/4.0 MB · 9,000 blocks/s · ETA 0:03');
  });

  it('redraws at most every 100 ms on one line and erases itself', () => {
    let t = 0;
    let out = '';
    const bar = new ProgressBar({ write: (s: string) => (out += s) }, () => t);
    bar.update(split(1, 1_000_000));
    t = 50;
    bar.update(split(2, 2_000_000)); // throttled
    t = 150;
    bar.update(split(3, 3_000_000));
    bar.done();
    // 7.5% -> 1.8 -> 2 cells; 22.5% -> 5.4 -> 5 cells
    expect(out.split('\r').filter((f) => f.includes('files')).map((f) => f.slice(0, 38))).toEqual([
      '[=>                      ]   7% · 1/4 ',
      '[====>                   ]  22% · 3/4 ',
    ]);
    expect(out.endsWith('\r\u001b[K')).toBe(true);
    expect(out).not.toContain('\n');
  });
});

describe('progress on a terminal', () => {
  const big = Array.from({ length: 6000 }, (_, i) => `Paragraph ${i} tells of the ${i % 7 === 0 ? 'harbour' : 'river'} town and its ferry, number ${i * 7919}, with words enough to count here.`).join('\n\n');

  it('shows a moving bar on stderr (a pty) while stdout (a file) stays pure JSON', async () => {
    const dir = await tempTree({ 'big.txt': `${big}\n` });
    const out = path.join(dir, 'out.json');
    const log = path.join(dir, 'tty.log');
    // `script` gives the command a pseudo-terminal; stdout is redirected to a file inside it.
    const r = spawnSync('script', ['-qfc', `${shq(process.execPath)} ${shq(BIN)} --format json big.txt > ${shq(out)}`, log], {
      cwd: dir,
      env: cleanEnv(),
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const frames = fs.readFileSync(log, 'utf8').split('\r').filter((f) => /\d+% · 1\/1 files/.test(f));
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(new Set(frames.map((f) => f.match(/(\d+)%/)?.[1])).size).toBeGreaterThanOrEqual(2);
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as { summary: { blocks: number } };
    expect(report.summary.blocks).toBe(6000);
  });

  it('the streamed line job shows a moving bar too, and its output stays exact', async () => {
    // 45 MB of lines, a third of them repeats: long enough for several frames.
    const lines = Array.from({ length: 900_000 }, (_, i) => `line ${i % 600_000} of the streamed job, padded to some length`);
    const dir = await tempTree({ 'lines.txt': `${lines.join('\n')}\n` });
    const out = path.join(dir, 'out.txt');
    const log = path.join(dir, 'tty.log');
    const cmd = `${shq(process.execPath)} ${shq(BIN)} --unit line --exact --raw --strip lines.txt > ${shq(out)}`;
    const r = spawnSync('script', ['-qfc', cmd, log], { cwd: dir, env: cleanEnv(), encoding: 'utf8' });
    expect(r.status).toBe(0);
    const frames = fs.readFileSync(log, 'utf8').split('\r').filter((f) => /\d+% · 0\/1 files/.test(f));
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(new Set(frames.map((f) => f.match(/(\d+)%/)?.[1])).size).toBeGreaterThanOrEqual(2);
    expect(fs.readFileSync(out, 'utf8')).toBe(`${lines.slice(0, 600_000).join('\n')}\n`);
  });

  it('draws nothing when stderr is not a terminal, or with --quiet', async () => {
    const dir = await tempTree({ 'big.txt': `${big}\n` });
    expect(dedupe(['--format', 'json', 'big.txt'], { cwd: dir }).stderr).toBe('');
    const log = path.join(dir, 'q.log');
    spawnSync('script', ['-qfc', `${shq(process.execPath)} ${shq(BIN)} --quiet --format json big.txt > /dev/null`, log], { cwd: dir, env: cleanEnv() });
    expect(fs.readFileSync(log, 'utf8')).not.toContain('files');
  });
});
