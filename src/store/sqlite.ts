/**
 * The SQLite index store (--index PATH): one file that runs share over time and
 * local processes share at once, through better-sqlite3 (an optional
 * dependency, loaded only when an index is opened).
 *
 * Schema (version in `PRAGMA user_version`):
 *   meta(key, value)        the IndexMeta fields, values as JSON
 *   blocks(seq, hash, ...)  one row per distinct block; `seq` is the claim order
 *                           (AUTOINCREMENT: never reused, even after a prune)
 *   bands(band, key, seq)   LSH band keys -> claims, clustered by (band, key)
 *
 * Concurrency and durability: the database runs in WAL mode, so readers never
 * wait for the writer; every claim is one `BEGIN IMMEDIATE` transaction, so the
 * writers of several processes serialise (waiting up to the busy timeout), each
 * claim call is atomic, and sequence numbers follow the commit order. With
 * `synchronous=NORMAL` in WAL mode a committed transaction survives the process
 * being killed (the WAL frames are written before COMMIT returns); only a power
 * loss or an OS crash may lose the last few transactions, and even then the file
 * stays consistent (it rolls back to an earlier commit, never to half of one).
 *
 * better-sqlite3 is synchronous: every transaction runs to completion in one
 * tick, so two connections of one process never hold a lock while waiting on
 * each other; waiting for another process's lock is asynchronous (see write()).
 */
import fs from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { checkMeta } from './memory.js';
import { type ClaimEntry, type ClaimResult, type IndexMeta, type IndexRecord, type IndexStats, type IndexStore, IndexError } from './types.js';
import { decodeInt32s, encodeInt32s } from './words.js';

/** Bumped when the tables change; a file of another schema version is refused. */
export const SQLITE_SCHEMA_VERSION = 1;

export interface SqliteOpenOptions {
  /** How long a write waits for another process's transaction, in ms (default 10 s). */
  readonly busyTimeoutMs?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 10_000;
/** Rows per page of records(): the iterator never holds more than this. */
const PAGE = 500;

type Database = BetterSqlite3.Database;
type DatabaseConstructor = new (filename: string, options?: BetterSqlite3.Options) => Database;

const SCHEMA = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE blocks (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  hash       TEXT UNIQUE NOT NULL,
  path       TEXT NOT NULL,
  line       INTEGER NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL,
  docs       INTEGER NOT NULL,
  words      BLOB NOT NULL,
  text       TEXT
);
CREATE TABLE bands (
  band INTEGER NOT NULL,
  key  INTEGER NOT NULL,
  seq  INTEGER NOT NULL,
  PRIMARY KEY (band, key, seq)
) WITHOUT ROWID;
`;

const RECORD_COLUMNS = 'seq, hash, path, line, first_seen, last_seen, docs, words, text';

interface Row {
  seq: number;
  hash: string;
  path: string;
  line: number;
  first_seen: number;
  last_seen: number;
  docs: number;
  words: Uint8Array;
  text: string | null;
}



function toRecord(row: Row): IndexRecord {
  return {
    seq: row.seq,
    hash: row.hash,
    path: row.path,
    line: row.line,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    docs: row.docs,
    words: decodeInt32s(row.words),
    ...(row.text !== null ? { text: row.text } : {}),
  };
}

let loading: Promise<DatabaseConstructor> | undefined;

/** better-sqlite3 and its native addon, loaded once, on first use. */
function loadDriver(): Promise<DatabaseConstructor> {
  loading ??= (async () => {
    try {
      const mod = await import('better-sqlite3');
      const Driver: DatabaseConstructor = mod.default;
      // The native addon loads on the first construction: fail here, not on the user's file.
      new Driver(':memory:').close();
      return Driver;
    } catch (err) {
      loading = undefined;
      const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
      throw new IndexError(`SQLite index: better-sqlite3 is not available (${reason}); reinstall dedupe-text with its optional dependencies`, { cause: err });
    }
  })();
  return loading;
}

const sqliteCode = (err: unknown): string =>
  typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : '';

/** One line for the user, naming the file, from whatever SQLite (or the driver) threw. */
function indexError(path: string, err: unknown, busyTimeoutMs: number): IndexError {
  if (err instanceof IndexError) return err;
  const code = sqliteCode(err);
  const raw = err instanceof Error ? err.message : String(err);
  const message = raw.split('\n')[0] ?? raw;
  let what: string;
  if (code === 'SQLITE_NOTADB') what = 'not an SQLite database';
  else if (code.startsWith('SQLITE_CORRUPT')) what = `the index is corrupt (${message}); remove it to start a new one`;
  else if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    what = `the index is locked by another process (waited ${busyTimeoutMs} ms); try again, or raise the busy timeout`;
  else if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') what = `cannot write the index (read-only location or file)`;
  else if (code.startsWith('SQLITE_CANTOPEN')) what = `cannot open the index (${message}; is the location writable?)`;
  else if (code === 'SQLITE_FULL') what = 'the disk is full';
  else if (code.startsWith('SQLITE_IOERR')) what = `I/O error (${message})`;
  else if (/directory does not exist/i.test(message)) what = 'cannot open the index (the directory does not exist)';
  else what = message;
  return new IndexError(`${path}: ${what}`, { cause: err });
}

function parseMeta(rows: readonly { key: string; value: string }[]): IndexMeta | null {
  if (rows.length === 0) return null;
  const meta: Record<string, unknown> = {};
  for (const { key, value } of rows) meta[key] = JSON.parse(value);
  return meta as unknown as IndexMeta;
}

/** The sizes of the database and its write-ahead log (0 for a missing file). */
function fileBytes(path: string): number {
  let total = 0;
  for (const f of [path, `${path}-wal`]) {
    try {
      total += fs.statSync(f).size;
    } catch {
      // not there (the WAL is removed when the last connection closes)
    }
  }
  return total;
}

export class SqliteIndexStore implements IndexStore {
  readonly kind = 'sqlite';
  private closed = false;

  private readonly stmt: {
    readonly metaAll: BetterSqlite3.Statement<[], { key: string; value: string }>;
    readonly metaPut: BetterSqlite3.Statement<[string, string]>;
    readonly insert: BetterSqlite3.Statement<[string, string, number, number, number, Buffer, string | null]>;
    readonly seen: BetterSqlite3.Statement<[number, number, string], Row>;
    readonly bands: BetterSqlite3.Statement<[{ rows: string }]>;
    readonly lookupMany: BetterSqlite3.Statement<[{ buckets: string; limit: number }], { bucket: number; seq: number }>;
    readonly bySeq: BetterSqlite3.Statement<[number], Row>;
    readonly page: BetterSqlite3.Statement<[number, number], Row>;
    readonly pruneBands: BetterSqlite3.Statement<[number]>;
    readonly pruneBlocks: BetterSqlite3.Statement<[number]>;
    readonly summary: BetterSqlite3.Statement<[], { blocks: number; oldest: number | null; newest: number | null }>;
  };

  private constructor(
    private readonly db: Database,
    /** The path as the user gave it, for messages. */
    readonly path: string,
    private readonly busyTimeoutMs: number,
  ) {
    this.stmt = {
      metaAll: db.prepare('SELECT key, value FROM meta'),
      metaPut: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)'),
      insert: db.prepare(
        'INSERT INTO blocks (hash, path, line, first_seen, last_seen, docs, words, text) VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (hash) DO NOTHING',
      ),
      seen: db.prepare(`UPDATE blocks SET last_seen = max(last_seen, ?), docs = docs + ? WHERE hash = ? RETURNING ${RECORD_COLUMNS}`),
      // rows: a JSON array of [band, key, seq] arrays.
      bands: db.prepare("INSERT INTO bands (band, key, seq) SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(@rows) AS j"),
      lookupMany: db.prepare<[{ buckets: string; limit: number }], { bucket: number; seq: number }>(
        `SELECT bucket, seq FROM (
           SELECT j.key AS bucket, b.seq AS seq, row_number() OVER (PARTITION BY j.key ORDER BY b.seq) AS rn
           FROM json_each(@buckets) AS j
           JOIN bands AS b ON b.band = j.value >> 32
             AND b.key = (CASE WHEN (j.value & 4294967295) >= 2147483648 THEN (j.value & 4294967295) - 4294967296 ELSE (j.value & 4294967295) END)
         ) WHERE rn <= @limit OR @limit < 0`,
      ),
      bySeq: db.prepare(`SELECT ${RECORD_COLUMNS} FROM blocks WHERE seq = ?`),
      page: db.prepare(`SELECT ${RECORD_COLUMNS} FROM blocks WHERE seq > ? ORDER BY seq LIMIT ?`),
      // prune() and stats() scan the blocks: an index on last_seen would cost every claim of a known block.
      pruneBands: db.prepare('DELETE FROM bands WHERE seq IN (SELECT seq FROM blocks WHERE last_seen < ?)'),
      pruneBlocks: db.prepare('DELETE FROM blocks WHERE last_seen < ?'),
      summary: db.prepare('SELECT count(*) AS blocks, min(first_seen) AS oldest, max(last_seen) AS newest FROM blocks'),
    };
  }

  /**
   * Opens the index file at `path`, creating it (and its tables) when new.
   * Throws IndexError when better-sqlite3 is missing, or the file is not an
   * SQLite database, not a dedupe index, of another schema version, locked, or
   * cannot be written.
   */
  static async openFile(path: string, options: SqliteOpenOptions = {}): Promise<SqliteIndexStore> {
    const Driver = await loadDriver();
    const wanted = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    const busyTimeoutMs = Number.isFinite(wanted) ? Math.min(0x7fffffff, Math.max(0, Math.round(wanted))) : DEFAULT_BUSY_TIMEOUT_MS;
    let db: Database | undefined;
    try {
      db = new Driver(path, { timeout: busyTimeoutMs });
      // Under a busy timeout from the start: a first process may be creating the file.
      // NORMAL in WAL mode: see the top of this file for what it keeps on a kill or a power loss.
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new IndexError(`${path}: cannot use write-ahead logging (journal mode ${String(mode)})`);
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = OFF');
      ensureSchema(db, path);
      // From here on the store waits for locks itself (see write()).
      db.pragma('busy_timeout = 0');
      return new SqliteIndexStore(db, path, busyTimeoutMs);
    } catch (err) {
      try {
        db?.close();
      } catch {
        // already failing: report the first error
      }
      throw indexError(path, err, busyTimeoutMs);
    }
  }

  async open(meta: IndexMeta): Promise<void> {
    await this.write(() => {
      const held = parseMeta(this.stmt.metaAll.all());
      if (held) checkMeta(held, meta, this.path);
      else for (const [key, value] of Object.entries(meta)) this.stmt.metaPut.run(key, JSON.stringify(value));
    });
  }

  async claim(entries: readonly ClaimEntry[]): Promise<ClaimResult[]> {
    if (entries.length === 0) return [];
    return this.write((): ClaimResult[] => {
      const counted = new Set<string>();
      // The band rows of every block claimed here go in with one statement at the end.
      const bandRows: [number, number, number][] = [];
      const results = entries.map((e): ClaimResult => {
        const docKey = `${e.hash}\u0000${e.doc}`;
        const inserted = this.stmt.insert.run(e.hash, e.doc, e.line, e.time, e.time, encodeInt32s(e.words), e.text ?? null);
        if (inserted.changes === 1) {
          counted.add(docKey);
          const seq = Number(inserted.lastInsertRowid);
          e.bands.forEach((key, band) => bandRows.push([band, key, seq]));
          const record: IndexRecord = {
            seq,
            hash: e.hash,
            path: e.doc,
            line: e.line,
            firstSeen: e.time,
            lastSeen: e.time,
            docs: 1,
            words: Int32Array.from(e.words),
            ...(e.text !== undefined ? { text: e.text } : {}),
          };
          return { claimed: true, record };
        }
        const add = counted.has(docKey) ? 0 : 1;
        counted.add(docKey);
        const row = this.stmt.seen.get(e.time, add, e.hash);
        if (!row) throw new IndexError(`${this.path}: block ${e.hash} could be neither claimed nor found`);
        return { claimed: false, record: toRecord(row) };
      });
      if (bandRows.length > 0) this.stmt.bands.run({ rows: JSON.stringify(bandRows) });
      return results;
    });
  }

  async candidates(queries: readonly Int32Array[], maxPerBand = 32): Promise<IndexRecord[][]> {
    // SQLite reads a negative LIMIT as none.
    const limit = Number.isFinite(maxPerBand) ? Math.max(0, Math.floor(maxPerBand)) : -1;
    return this.read((): IndexRecord[][] => {
      const cache = new Map<number, IndexRecord | undefined>();
      const fetch = (seq: number): IndexRecord | undefined => {
        if (!cache.has(seq)) {
          const row = this.stmt.bySeq.get(seq);
          cache.set(seq, row ? toRecord(row) : undefined);
        }
        return cache.get(seq);
      };
      // Every (query, band) bucket of the batch in one statement: one JSON array of
      // band * 2^32 + unsigned key, joined with the band table, each bucket cut to its
      // first `limit` seqs (700,000 single lookups took most of an indexed run's time).
      const buckets: number[] = [];
      const queryOf: number[] = [];
      queries.forEach((q, qi) => {
        for (let band = 0; band < q.length; band++) {
          buckets.push(band * 4294967296 + ((q[band] as number) >>> 0));
          queryOf.push(qi);
        }
      });
      const seqsOf = queries.map(() => new Set<number>());
      if (buckets.length > 0) {
        for (const row of this.stmt.lookupMany.all({ buckets: JSON.stringify(buckets), limit })) seqsOf[queryOf[row.bucket] as number]?.add(row.seq);
      }
      return queries.map((q, qi) => {
        const seqs = seqsOf[qi] as Set<number>;
        return [...seqs]
          .sort((a, b) => a - b)
          .map(fetch)
          .filter((r): r is IndexRecord => r !== undefined);
      });
    });
  }

  async stats(): Promise<IndexStats> {
    return this.read((): IndexStats => {
      const s = this.stmt.summary.get() ?? { blocks: 0, oldest: null, newest: null };
      return { blocks: s.blocks, bytes: fileBytes(this.path), oldest: s.oldest, newest: s.newest, meta: parseMeta(this.stmt.metaAll.all()) };
    });
  }

  async prune(before: number): Promise<number> {
    return this.write((): number => {
      this.stmt.pruneBands.run(before);
      return this.stmt.pruneBlocks.run(before).changes;
    });
  }

  /** In pages of PAGE rows, each its own read: other processes may write in between. */
  async *records(): AsyncIterable<IndexRecord> {
    let after = 0;
    for (;;) {
      const rows = await this.read(() => this.stmt.page.all(after, PAGE));
      for (const row of rows) yield toRecord(row);
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE) return;
      after = last.seq;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.db.close(); // the last connection checkpoints and removes the WAL
    } catch (err) {
      throw indexError(this.path, err, this.busyTimeoutMs);
    }
  }

  /**
   * One write transaction (BEGIN IMMEDIATE), retried while another process holds
   * the write lock, up to the busy timeout.
   *
   * The wait is here rather than in SQLite's busy handler (busy_timeout is 0 once
   * the file is open): the handler blocks the event loop and sleeps up to 100 ms
   * between tries, so a process that claims batch after batch keeps the lock
   * and starves the others. Here a waiting process tries every 1-2 ms, and a
   * process that has just held the lock for long pauses for a millisecond after
   * its commit, so that the others get their turn.
   */
  private async write<T>(body: () => T): Promise<T> {
    const result = await this.retrying(() => {
      const t0 = performance.now();
      const value = this.db.transaction(body).immediate();
      return { value, held: performance.now() - t0 };
    });
    await this.afterWrite(result.held);
    return result.value;
  }

  /** One read transaction (a consistent snapshot), retried while the file is busy (recovery, a restarting WAL). */
  private read<T>(body: () => T): Promise<T> {
    return this.retrying(() => this.db.transaction(body).deferred());
  }

  private async retrying<T>(step: () => T, timeoutMs = this.busyTimeoutMs): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return step();
      } catch (err) {
        if (!isBusy(err) || Date.now() >= deadline) throw indexError(this.path, err, timeoutMs);
      }
      await sleep(1 + Math.floor(Math.random() * 2));
    }
  }

  /**
   * Keeps the WAL bounded, and lets other writers in. SQLite checkpoints the WAL
   * after commits (PASSIVE), but the log only starts over when a writer finds
   * it fully copied back: with several processes writing back to back that
   * never happens, and it grew to gigabytes in a 4-process test. So past
   * WAL_LIMIT bytes a TRUNCATE checkpoint, which holds the writers back while
   * it copies and empties the log; if it cannot finish, the next write tries
   * again.
   */
  private async afterWrite(heldMs: number): Promise<void> {
    if (walBytes(this.path) > WAL_LIMIT) {
      try {
        await this.retrying(() => {
          const [row] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
          if (row?.busy) throw Object.assign(new Error('checkpoint blocked'), { code: 'SQLITE_BUSY' });
        }, Math.min(this.busyTimeoutMs, CHECKPOINT_WAIT_MS));
      } catch {
        // The claim has committed: the next write tries again (and reports a real I/O problem).
      }
    }
    if (heldMs >= LONG_HOLD_MS) await sleep(1);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const isBusy = (err: unknown): boolean => sqliteCode(err).startsWith('SQLITE_BUSY');

/** The WAL's size past which a write empties it (see afterWrite). */
const WAL_LIMIT = 64 * 1024 * 1024;
/** How long a write waits to empty the WAL before leaving it to the next one. */
const CHECKPOINT_WAIT_MS = 2_000;
/** A write transaction this long is followed by a 1 ms pause, for the other processes. */
const LONG_HOLD_MS = 20;

function walBytes(path: string): number {
  try {
    return fs.statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

/** Creates the tables of a new file in one transaction, or checks an existing file is a dedupe index of this schema. */
function ensureSchema(db: Database, path: string): void {
  const version = (): number => Number(db.pragma('user_version', { simple: true }));
  if (version() === SQLITE_SCHEMA_VERSION) return;
  db.transaction(() => {
    const found = version(); // again, under the write lock: another process may have just created it
    if (found === SQLITE_SCHEMA_VERSION) return;
    if (found !== 0) {
      throw new IndexError(
        `${path}: index schema version ${found}, this dedupe reads version ${SQLITE_SCHEMA_VERSION}; use a new index, or the dedupe that made it`,
      );
    }
    const tables = db.prepare<[], number>("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get() ?? 0;
    if (tables > 0) throw new IndexError(`${path}: an SQLite database, but not a dedupe index`);
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
  }).immediate();
}
