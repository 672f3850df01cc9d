/**
 * The checks for the index, through the real CLI: for SQLite and for a
 * real redis-server on 127.0.0.1, two runs report on the second file what one run
 * over both does, and 4 processes running at the same time over 4 shards of a
 * corpus keep as many blocks as one process over the whole corpus.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, SKIP_REDIS, startRedis } from '../store/redis-server.js';
import { BIN, cleanEnv, dedupe, tempTree } from './run.js';

interface Report {
  clusters: { kind: string; blocks: { path: string; startLine: number; keep: boolean; indexed?: boolean }[] }[];
  summary: { blocks: number; duplicateBlocks: number };
}

/** Runs dedupe without waiting for the others (spawnSync would serialise the workers). */
function dedupeAsync(args: readonly string[], cwd: string): Promise<Report> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 || code === 1 ? resolve(JSON.parse(out) as Report) : reject(new Error(`exit ${code}: ${err}`))));
  });
}

/** A corpus of 16 documents built from the fixtures' paragraphs, with copies across documents. */
function corpus(): Record<string, string> {
  const paras = [
    ...fs.readFileSync('fixtures/article.txt', 'utf8').split('\n\n'),
    ...fs.readFileSync('fixtures/article-v2.txt', 'utf8').split('\n'),
    ...fs.readFileSync('fixtures/wrapped.txt', 'utf8').split('\n\n'),
  ].filter((p) => p.trim().length > 60);
  const docs: Record<string, string> = {};
  for (let d = 0; d < 16; d++) {
    const picks = [d, d + 3, d * 2 + 1, d + 7].map((k) => paras[k % paras.length] as string);
    docs[`docs/d${String(d).padStart(2, '0')}.txt`] = `${picks.join('\n\n')}\n`;
  }
  return docs;
}

const kept = (reports: Report[]): number => reports.reduce((n, r) => n + r.summary.blocks - r.summary.duplicateBlocks, 0);

function checks(name: string, spec: (dir: string, label: string) => string): void {
  describe(`index through the CLI: ${name}`, () => {
    it('two runs report on b the cross-file clusters one run over a and b reports', async () => {
      const dir = await tempTree({ 'a.txt': fs.readFileSync('fixtures/article.txt'), 'b.txt': fs.readFileSync('fixtures/article-v2.txt') });
      const index = spec(dir, 'two-runs');
      expect(dedupe(['--index', index, '--format', 'json', 'a.txt'], { cwd: dir }).status).toBe(1);
      const second = JSON.parse(dedupe(['--index', index, '--format', 'json', 'b.txt'], { cwd: dir }).stdout) as Report;
      const both = JSON.parse(dedupe(['--format', 'json', 'a.txt', 'b.txt'], { cwd: dir }).stdout) as Report;
      const bSide = (r: Report) =>
        r.clusters
          .filter((c) => c.blocks.some((b) => b.path === 'b.txt'))
          .map((c) => [c.kind, c.blocks.filter((b) => b.keep).map((b) => `${b.path}:${b.startLine}`), c.blocks.filter((b) => b.path === 'b.txt').map((b) => b.startLine)]);
      expect(bSide(second)).toEqual(bSide(both));
    });

    it('4 concurrent processes over 4 shards keep as many blocks as one process over the whole corpus', async () => {
      const tree = corpus();
      const dir = await tempTree(tree);
      const files = Object.keys(tree).sort();
      const one = await dedupeAsync(['--index', spec(dir, 'one'), '--format', 'json', ...files], dir);
      const shared = spec(dir, 'shared');
      const shards = [0, 1, 2, 3].map((w) => files.filter((_, i) => i % 4 === w));
      const workers = await Promise.all(shards.map((s) => dedupeAsync(['--index', shared, '--format', 'json', ...s], dir)));
      expect(one.summary.duplicateBlocks).toBeGreaterThan(10);
      expect(kept(workers)).toBe(kept([one]));
    });
  });
}

checks('SQLite', (dir, label) => path.join(dir, `${label}.db`));

describe.skipIf(SKIP_REDIS)('with a redis-server', () => {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await server?.stop();
  });
  checks('Redis', (dir, label) => (server as RedisServer).url(`${path.basename(dir)}-${label}`));
});
