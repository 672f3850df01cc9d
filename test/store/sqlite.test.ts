import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteIndexStore } from '../../src/store/sqlite.js';
import { IndexError, type IndexStore } from '../../src/store/types.js';
import { entry, META, storeContract } from './contract.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dedupe-sqlite-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A path for a new index in its own temp directory. */
function freshPath(): string {
  const dir = path.join(root, `t${++n}`);
  fs.mkdirSync(dir);
  return path.join(dir, 'index.db');
}

const pathOf = (s: IndexStore): string => (s as SqliteIndexStore).path;

storeContract('sqlite', {
  make: () => SqliteIndexStore.openFile(freshPath()),
  reopen: async (s) => {
    await s.close();
    return SqliteIndexStore.openFile(pathOf(s));
  },
  second: (s) => SqliteIndexStore.openFile(pathOf(s)),
});

describe('sqlite index store', () => {
  it('is kind sqlite, in WAL mode: the -wal file exists while open, and goes with the last close', async () => {
    const file = freshPath();
    const s = await SqliteIndexStore.openFile(file);
    await s.open(META);
    await s.claim([entry(1)]);
    expect(s.kind).toBe('sqlite');
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    const st = await s.stats();
    expect(st.bytes).toBeGreaterThanOrEqual(fs.statSync(file).size);
    await s.close();
    await s.close(); // twice is harmless
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('creates the schema: blocks, bands, meta, schema version in user_version', async () => {
    const file = freshPath();
    const s = await SqliteIndexStore.openFile(file);
    await s.open(META);
    await s.claim([entry(7, { text: 'seven' })]);
    await s.close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['bands', 'blocks', 'meta']));
      const row = db.prepare<[], { hash: string; words: Buffer; text: string }>('SELECT hash, words, text FROM blocks').get();
      expect(row?.hash).toBe(entry(7).hash);
      // Little-endian Int32 bytes.
      expect(row?.words.readInt32LE(4)).toBe(-7);
      expect(row?.text).toBe('seven');
      expect(db.prepare('SELECT band, key FROM bands ORDER BY band').all()).toEqual([0, 1, 2, 3].map((b) => ({ band: b, key: 70 + b })));
    } finally {
      db.close();
    }
  });

  it('never reuses a claim number after a prune, even across reopen', async () => {
    const file = freshPath();
    let s = await SqliteIndexStore.openFile(file);
    await s.open(META);
    const [a, b] = await s.claim([entry(1, { time: 10 }), entry(2, { time: 10 })]);
    expect(await s.prune(100)).toBe(2);
    await s.close();
    s = await SqliteIndexStore.openFile(file);
    await s.open(META);
    const [c] = await s.claim([entry(3)]);
    expect(c?.record.seq).toBeGreaterThan(Math.max(a?.record.seq ?? 0, b?.record.seq ?? 0));
    expect((await s.stats()).blocks).toBe(1);
    await s.close();
  });

  it('pages through many records in seq order', async () => {
    const s = await SqliteIndexStore.openFile(freshPath());
    await s.open(META);
    await s.claim(Array.from({ length: 1234 }, (_, i) => entry(i + 1)));
    let count = 0;
    let last = 0;
    for await (const r of s.records()) {
      expect(r.seq).toBeGreaterThan(last);
      expect(r.words).toBeInstanceOf(Int32Array);
      last = r.seq;
      count++;
    }
    expect(count).toBe(1234);
    await s.close();
  });

  it('returns words as copies that later claims do not change', async () => {
    const s = await SqliteIndexStore.openFile(freshPath());
    await s.open(META);
    const words = Int32Array.from([1, 2, 3]);
    const [a] = await s.claim([entry(1, { words })]);
    words[0] = 99;
    const [again] = await s.claim([entry(1, { doc: 'x' })]);
    expect(Array.from(a?.record.words ?? [])).toEqual([1, 2, 3]);
    expect(Array.from(again?.record.words ?? [])).toEqual([1, 2, 3]);
    await s.close();
  });

  it('refuses a file that is not an SQLite database, naming it', async () => {
    const file = freshPath();
    fs.writeFileSync(file, 'just some text, not a database\n'.repeat(200));
    const opening = SqliteIndexStore.openFile(file);
    await expect(opening).rejects.toBeInstanceOf(IndexError);
    await expect(opening).rejects.toThrow(`${file}: not an SQLite database`);
    // Untouched.
    expect(fs.readFileSync(file, 'utf8')).toBe('just some text, not a database\n'.repeat(200));
  });

  it('refuses a corrupt index with an IndexError naming the path', async () => {
    const file = freshPath();
    const s = await SqliteIndexStore.openFile(file);
    await s.open(META);
    await s.claim([entry(1), entry(2)]);
    await s.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0xab, 100, 600); // the schema page, after the file header
    fs.writeFileSync(file, bytes);
    await expect(SqliteIndexStore.openFile(file)).rejects.toThrow(`${file}: the index is corrupt (database disk image is malformed)`);
  });

  it('refuses an SQLite database that is not a dedupe index, and another schema version', async () => {
    const other = freshPath();
    const db = new Database(other);
    db.exec('CREATE TABLE people (name TEXT)');
    db.close();
    await expect(SqliteIndexStore.openFile(other)).rejects.toThrow(/not a dedupe index/);

    const newer = freshPath();
    await (await SqliteIndexStore.openFile(newer)).close();
    const db2 = new Database(newer);
    db2.pragma('user_version = 99');
    db2.close();
    await expect(SqliteIndexStore.openFile(newer)).rejects.toThrow(/schema version 99/);
  });

  it('refuses a missing directory with an IndexError naming the path', async () => {
    const file = path.join(root, 'no', 'such', 'dir', 'index.db');
    await expect(SqliteIndexStore.openFile(file)).rejects.toThrow(new IndexError(`${file}: cannot open the index (the directory does not exist)`));
  });

  it.skipIf(process.getuid?.() === 0)('refuses a read-only location with an IndexError', async () => {
    const dir = path.join(root, 'readonly');
    fs.mkdirSync(dir, { mode: 0o555 });
    try {
      await expect(SqliteIndexStore.openFile(path.join(dir, 'index.db'))).rejects.toThrow(/index\.db: cannot (?:open|write) the index/);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });

  it('waits for a lock without blocking, gives up past the busy timeout with an IndexError, and claims once it is free', async () => {
    const file = freshPath();
    const s = await SqliteIndexStore.openFile(file, { busyTimeoutMs: 50 });
    await s.open(META);
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    const t0 = Date.now();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await expect(s.claim([entry(1)])).rejects.toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the index is locked by another process \\(waited 50 ms\\)`));
    clearInterval(timer);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(40);
    expect(ticks).toBeGreaterThan(0); // the wait does not block the event loop
    // Reads are not blocked by a writer (WAL).
    expect((await s.stats()).blocks).toBe(0);
    holder.exec('ROLLBACK');
    holder.close();
    // The failed claim left nothing behind, and the store still works.
    const [r] = await s.claim([entry(1)]);
    expect(r?.claimed).toBe(true);
    await s.close();
  });

  it('rejects (does not throw) on settings that differ, naming the file and the setting', async () => {
    const file = freshPath();
    const s = await SqliteIndexStore.openFile(file);
    await s.open(META);
    await s.close();
    const t = await SqliteIndexStore.openFile(file);
    const p = t.open({ ...META, numPerm: 64 });
    expect(p).toBeInstanceOf(Promise);
    await expect(p).rejects.toThrow(`${file}: the index was built with numPerm 128, this run uses 64`);
    expect((await t.stats()).meta).toEqual(META);
    await t.close();
  });
});
