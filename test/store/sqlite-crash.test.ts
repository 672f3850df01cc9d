/**
 * kill -9 in the middle of indexing: a child process claims batches of 500
 * blocks in a loop and reports each committed batch; it is killed with SIGKILL
 * at a random moment, three times over on the same file. After each kill the
 * index opens without error, passes SQLite's integrity check, holds every batch
 * the child reported (and whole batches only: a claim is one transaction), no
 * hash twice and no band key of a block that is not there; and the next run
 * claims on from there.
 *
 * The child runs the built store (dist/), which `npm test` builds first.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SqliteIndexStore } from '../../src/store/sqlite.js';
import { entry, META } from './contract.js';

const CHILD = fileURLToPath(new URL('./fixtures/claim-loop.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/store/sqlite.js', import.meta.url));
const SOURCE = fileURLToPath(new URL('../../src/store/sqlite.ts', import.meta.url));
const BATCH = 500;
const hash = (n: number): string => n.toString(16).padStart(32, '0');

let dir = '';
beforeAll(() => {
  if (!fs.existsSync(BUILT) || fs.statSync(BUILT).mtimeMs < fs.statSync(SOURCE).mtimeMs) {
    throw new Error('dist/store/sqlite.js is missing or older than its source: run `npm run build` first (`npm test` does)');
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dedupe-sqlite-crash-'));
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the child from batch `start`, kills it (SIGKILL) a random moment after it reports `after` batches; returns the last batch it reported. */
function runAndKill(file: string, start: number, after: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, file, String(start), JSON.stringify(META)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let reported = 0;
    let killing = false;
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      reported = out.split('\n').filter(Boolean).length;
      if (reported >= after && !killing) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 15));
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') {
        reject(new Error(`child ended with ${String(code ?? signal)} before it was killed: ${err}`));
        return;
      }
      // Only what was read before the kill counts as reported.
      const lines = out.split('\n').filter((l) => /^\d+$/.test(l));
      resolve(lines.length > 0 ? Number(lines[lines.length - 1]) : start - 1);
    });
  });
}

it('a run killed with SIGKILL mid-indexing leaves a consistent index with every committed batch, and the next run goes on', async () => {
  const file = path.join(dir, 'index.db');
  let start = 0;
  for (let round = 0; round < 3; round++) {
    const lastReported = await runAndKill(file, start, 3);
    expect(lastReported).toBeGreaterThanOrEqual(start + 2);

    // The next run: opens without error, same settings.
    const store = await SqliteIndexStore.openFile(file);
    await store.open(META);
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      const orphans = raw.prepare<[], number>('SELECT count(*) FROM bands WHERE seq NOT IN (SELECT seq FROM blocks)').pluck().get();
      expect(orphans).toBe(0);
      const bandRows = raw.prepare<[], number>('SELECT count(*) FROM bands').pluck().get();
      expect(bandRows).toBe(((await store.stats()).blocks) * META.bands);
    } finally {
      raw.close();
    }

    const hashes = new Set<string>();
    const seqs = new Set<number>();
    let count = 0;
    for await (const r of store.records()) {
      hashes.add(r.hash);
      seqs.add(r.seq);
      count++;
    }
    expect(hashes.size).toBe(count);
    expect(seqs.size).toBe(count);
    // Whole batches only, at least every reported one (the child may have committed one or more it had no time to report).
    expect(count % BATCH).toBe(0);
    expect(count).toBeGreaterThanOrEqual((lastReported + 1) * BATCH);
    // And they are the first batches, every hash of them.
    for (let n = 1; n <= count; n++) expect(hashes.has(hash(n))).toBe(true);
    await store.close();
    start = count / BATCH;
  }

  // A new run claims on: new blocks are claimed, old ones are found.
  const store = await SqliteIndexStore.openFile(file);
  await store.open(META);
  const before = (await store.stats()).blocks;
  const [fresh, old] = await store.claim([entry(before + 1_000_000), entry(1, { doc: 'later.txt', time: 9_999 })]);
  expect(fresh?.claimed).toBe(true);
  expect(old?.claimed).toBe(false);
  expect(old?.record).toMatchObject({ hash: hash(1), path: 'batch0.txt', docs: 2, lastSeen: 9_999 });
  expect((await store.stats()).blocks).toBe(before + 1);
  await store.close();
});
