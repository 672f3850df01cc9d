/**
 * Four processes claim overlapping shards of 4,000 hashes against one Redis
 * server at once: each hash is in two shards, and the two processes that share
 * it reach it at about the same moment. Afterwards the index holds exactly
 * 4,000 blocks (what one process over the whole corpus keeps), each claimed by
 * exactly one process, seen in two documents, numbered 1..4000.
 *
 * The children run the store's own source: it is transpiled (TypeScript's
 * transpileModule, no type checking) into a temporary directory whose
 * node_modules links to the project's, so no build is needed.
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisIndexStore } from '../../src/store/redis.js';
import { META } from './contract.js';
import { type RedisServer, SKIP_REDIS, startRedis } from './redis-server.js';

const STORE = fileURLToPath(new URL('../../src/store/', import.meta.url));
const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));
const TOTAL = 4_000;
const WORKERS = 4;
const BATCH = 100;
const hash = (n: number): string => n.toString(16).padStart(32, '0');

// argv: url, meta (JSON), shard file (JSON list of numbers), document name.
// Says "ready" once connected, waits for a line on stdin (so that all start at
// once), claims in batches, prints one JSON line: [hash, seq] of each claim won.
const CHILD = `
import { readFileSync, writeSync } from 'node:fs';
import { RedisIndexStore } from './store/redis.js';
const [url, metaJson, shardFile, doc] = process.argv.slice(2);
const meta = JSON.parse(metaJson);
const shard = JSON.parse(readFileSync(shardFile, 'utf8'));
const hash = (n) => n.toString(16).padStart(32, '0');
const store = await RedisIndexStore.connect(url);
await store.open(meta);
writeSync(1, 'ready\\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.pause();
const won = [];
for (let i = 0; i < shard.length; i += ${BATCH}) {
  const entries = shard.slice(i, i + ${BATCH}).map((n) => ({
    hash: hash(n),
    doc,
    line: n,
    time: 1_000 + n,
    words: Int32Array.from([n, -n]),
    bands: Int32Array.from({ length: meta.bands }, (_, b) => n * 8 + b),
  }));
  for (const r of await store.claim(entries)) if (r.claimed) won.push([r.record.hash, r.record.seq]);
}
await store.close();
writeSync(1, JSON.stringify(won) + '\\n');
`;

interface Worker {
  readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  readonly ready: Promise<void>;
  readonly done: Promise<[string, number][]>;
}

describe.skipIf(SKIP_REDIS)('redis index store: concurrent processes', () => {
  let server: RedisServer;
  let dir = '';
  const children: Worker['child'][] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dedupe-redis-conc-'));
    fs.symlinkSync(NODE_MODULES, path.join(dir, 'node_modules'), 'dir');
    fs.mkdirSync(path.join(dir, 'store'));
    for (const name of ['redis', 'memory', 'types', 'words']) {
      const source = fs.readFileSync(path.join(STORE, `${name}.ts`), 'utf8');
      const out = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
      fs.writeFileSync(path.join(dir, 'store', `${name}.js`), out.outputText);
    }
    fs.writeFileSync(path.join(dir, 'child.mjs'), CHILD);
    server = await startRedis();
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function startWorker(url: string, shard: readonly number[], k: number): Worker {
    const file = path.join(dir, `shard${k}.json`);
    fs.writeFileSync(file, JSON.stringify(shard));
    const child = spawn(process.execPath, [path.join(dir, 'child.mjs'), url, JSON.stringify(META), file, `shard${k}.txt`], { stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    let err = '';
    let onReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (onReady = resolve));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.startsWith('ready\n')) onReady();
    });
    const done = new Promise<[string, number][]>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        if (code !== 0) reject(new Error(`worker ${k} exited with ${code}: ${err}`));
        else resolve(JSON.parse(out.slice('ready\n'.length)) as [string, number][]);
      });
    });
    // A worker that dies before it is ready must not leave the test waiting.
    done.catch(() => onReady());
    return { child, ready, done };
  }

  it('4 processes over overlapping shards of 4,000 hashes: 4,000 claims in all, each hash once', async () => {
    const url = server.url('concurrency');
    // Hash n is in shards n % 4 and (n + 1) % 4; each shard in increasing order.
    const shards = Array.from({ length: WORKERS }, (_, k) =>
      Array.from({ length: TOTAL }, (_, i) => i + 1).filter((n) => n % WORKERS === k || (n + 1) % WORKERS === k),
    );
    const workers = shards.map((shard, k) => startWorker(url, shard, k));
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.stdin.end('go\n');
    const won = await Promise.all(workers.map((w) => w.done));

    const all = won.flat();
    expect(all.length).toBe(TOTAL);
    expect(new Set(all.map(([h]) => h)).size).toBe(TOTAL);
    expect(all.map(([, s]) => s).sort((a, b) => a - b)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    // (Which worker wins a shared hash is a race: two of them may win all.)
    expect(won.filter((w) => w.length > 0).length).toBeGreaterThanOrEqual(2);

    const s = await RedisIndexStore.connect(url);
    await s.open(META);
    expect((await s.stats()).blocks).toBe(TOTAL);
    const held = new Map<string, number>();
    let last = 0;
    for await (const r of s.records()) {
      expect(r.seq).toBeGreaterThan(last);
      last = r.seq;
      expect(r.docs).toBe(2);
      held.set(r.hash, r.seq);
    }
    expect(held.size).toBe(TOTAL);
    for (const [h, seq] of all) expect(held.get(h)).toBe(seq);
    expect([...held.keys()].sort()).toEqual(Array.from({ length: TOTAL }, (_, i) => hash(i + 1)).sort());
    await s.close();
  });
});
