/**
 * Four processes claim overlapping shards of 4,000 hashes against one SQLite
 * file at once (each hash is in two shards, and the two processes that share it
 * reach it at about the same moment). They also create the file together.
 * Afterwards the index holds exactly 4,000 blocks, each claimed by exactly one
 * process, and seen in two documents.
 *
 * The children run the built store (dist/), which `npm test` builds first.
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SqliteIndexStore } from '../../src/store/sqlite.js';
import { META } from './contract.js';

const CHILD = fileURLToPath(new URL('./fixtures/claim-shard.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/store/sqlite.js', import.meta.url));
const SOURCE = fileURLToPath(new URL('../../src/store/sqlite.ts', import.meta.url));
const TOTAL = 4_000;
const WORKERS = 4;
const hash = (n: number): string => n.toString(16).padStart(32, '0');

let dir = '';
beforeAll(() => {
  if (!fs.existsSync(BUILT) || fs.statSync(BUILT).mtimeMs < fs.statSync(SOURCE).mtimeMs) {
    throw new Error('dist/store/sqlite.js is missing or older than its source: run `npm run build` first (`npm test` does)');
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dedupe-sqlite-conc-'));
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Worker {
  readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  readonly ready: Promise<void>;
  readonly done: Promise<string[]>;
}

function startWorker(file: string, hashes: readonly string[], k: number): Worker {
  const list = path.join(dir, `shard${k}.json`);
  fs.writeFileSync(list, JSON.stringify(hashes));
  const child = spawn(process.execPath, [CHILD, file, JSON.stringify(META), list, `shard${k}.txt`], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.startsWith('ready\n')) onReady();
  });
  const done = new Promise<string[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`worker ${k} exited with ${String(code)}: ${err}`));
      else resolve((JSON.parse(last) as { claimed: string[] }).claimed);
    });
  });
  // A worker that dies before it is ready must not leave the test waiting.
  return { child, ready: Promise.race([ready, done.then(() => undefined)]), done };
}

it('4 processes over overlapping shards of one SQLite index claim each of 4,000 blocks exactly once', async () => {
  const file = path.join(dir, 'index.db');
  const quarter = TOTAL / WORKERS;
  const q = Array.from({ length: WORKERS }, (_, k) => Array.from({ length: quarter }, (_, i) => hash(k * quarter + i + 1)));
  // Shard k: quarters k and k+1, interleaved, so that neighbours race for the same hashes.
  const shards = q.map((mine, k) => {
    const next = q[(k + 1) % WORKERS] as string[];
    return mine.flatMap((h, i) => [h, next[i] as string]);
  });

  const workers = shards.map((s, k) => startWorker(file, s, k));
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.child.stdin.end('go\n');
  const claimed = await Promise.all(workers.map((w) => w.done));

  const all = claimed.flat();
  expect(all.length).toBe(TOTAL);
  expect(new Set(all).size).toBe(TOTAL);

  const store = await SqliteIndexStore.openFile(file);
  await store.open(META);
  expect((await store.stats()).blocks).toBe(TOTAL);
  const seqs = new Set<number>();
  const hashes = new Set<string>();
  for await (const r of store.records()) {
    seqs.add(r.seq);
    hashes.add(r.hash);
    expect(r.docs).toBe(2); // seen in two shards (documents)
  }
  expect(seqs.size).toBe(TOTAL);
  expect(hashes).toEqual(new Set(q.flat()));
  // Candidates still work across what the workers wrote.
  const [found] = await store.candidates([Int32Array.from({ length: META.bands }, (_, b) => (1 % 50) * 10 + b)], 1_000);
  expect(found?.length).toBe(TOTAL / 50);
  await store.close();

  const raw = new Database(file, { readonly: true });
  try {
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.prepare<[], number>('SELECT count(*) FROM bands').pluck().get()).toBe(TOTAL * META.bands);
  } finally {
    raw.close();
  }
});
