/**
 * Cross-run matching against the persistent index (--index): claims this run's
 * distinct blocks, finds those already held (exact: same hash; near: a held
 * block with a lower claim number that shares an LSH band and verifies), and
 * counts in how many documents each block has been seen (for --boilerplate).
 */
import { createHash } from 'node:crypto';
import { DEFAULT_NUM_PERM, MINHASH_FORMAT_VERSION } from '../fingerprint/minhash.js';
import { bandKeys, candidateLevel, chooseParams, type LshParams } from '../lsh/index.js';
import { DEFAULT_SCAN_OPTIONS } from '../options.js';
import type { Source } from '../types.js';
import { wordSimilarity } from '../verify/index.js';
import { type ClaimEntry, INDEX_FORMAT_VERSION, type IndexMeta, type IndexRecord, type IndexStore } from './types.js';

/**
 * The index bands signatures one fixed way, whatever a run's --threshold, so that
 * runs with different thresholds can share it; the threshold still decides the
 * verification. (42 bands of 3 rows: the banding of the default threshold.)
 */
export const INDEX_LSH: LshParams = chooseParams(candidateLevel(DEFAULT_SCAN_OPTIONS.threshold), DEFAULT_NUM_PERM);

/** Blocks per claim call (one transaction or pipeline): larger batches amortise the index's per-call cost (SQLite: 5,000 halves the time of a 240k-block run against 1,000). */
const CLAIM_BATCH = 5000;

export function indexMeta(raw: boolean): IndexMeta {
  return {
    formatVersion: INDEX_FORMAT_VERSION,
    minhashVersion: MINHASH_FORMAT_VERSION,
    numPerm: DEFAULT_NUM_PERM,
    bands: INDEX_LSH.bands,
    rows: INDEX_LSH.rows,
    raw,
  };
}

/** 128-bit hash (32 hex digits) of a block's exact key. */
export function keyHash(key: string, raw: boolean): string {
  return createHash('md5')
    .update(key, raw ? 'latin1' : 'utf8')
    .digest('hex');
}

/** What the pipeline knows of this run's blocks. */
export interface RunBlocks {
  readonly sources: readonly Source[];
  /** Where block id is. */
  readonly all: { sourceOf(id: number): number; startLineOf(id: number): number; textOf(id: number): string };
  /** Exact key of each eligible block (undefined: too short, ignored). */
  readonly keyOf: readonly (string | undefined)[];
  readonly words: readonly (Int32Array | undefined)[];
  /** Exact key -> the first block with it. */
  readonly firstWithKey: ReadonlyMap<string, number>;
  /** MinHash signature of every block that takes part in near matching (first of its key). */
  readonly signatures: ReadonlyMap<number, Int32Array>;
  readonly eligible: Int32Array;
}

export interface IndexMatch {
  readonly record: IndexRecord;
  /** Word-level similarity to the held block (1 for the same hash). */
  readonly similarity: number;
}

export interface IndexOutcome {
  /** First block of a key -> the held block it duplicates (an earlier claim). */
  readonly matches: Map<number, IndexMatch>;
  /** Exact key -> in how many documents the index has now seen it. */
  readonly documents: Map<string, number>;
  /** Exact key -> its 128-bit hash (as the index holds it). */
  readonly hashOf: ReadonlyMap<string, string>;
}

export interface MatchOptions {
  readonly threshold: number;
  readonly raw: boolean;
  /** Near matching on (false with --exact or threshold 1). */
  readonly near: boolean;
  readonly storeText: boolean;
  /** The run's time, ms since the epoch. */
  readonly now: number;
}

export async function matchIndex(store: IndexStore, run: RunBlocks, opts: MatchOptions): Promise<IndexOutcome> {
  await store.open(indexMeta(opts.raw));
  // One entry per (key, document), in input order: the first claims, the others count documents.
  const entries: { id: number; key: string; entry: ClaimEntry }[] = [];
  const hashOf = new Map<string, string>();
  const lastSource = new Map<string, number>();
  for (const id of run.eligible) {
    const key = run.keyOf[id] as string;
    const source = run.all.sourceOf(id);
    if (lastSource.get(key) === source) continue;
    lastSource.set(key, source);
    let hash = hashOf.get(key);
    if (hash === undefined) {
      hash = keyHash(key, opts.raw);
      hashOf.set(key, hash);
    }
    const first = run.firstWithKey.get(key) as number;
    const signature = run.signatures.get(first);
    entries.push({
      id,
      key,
      entry: {
        hash,
        doc: (run.sources[source] as Source).path,
        line: run.all.startLineOf(id),
        time: opts.now,
        words: run.words[first] ?? new Int32Array(),
        bands: signature ? bandKeys(signature, INDEX_LSH) : new Int32Array(),
        ...(opts.storeText ? { text: run.all.textOf(id) } : {}),
      },
    });
  }

  const matches = new Map<number, IndexMatch>();
  const documents = new Map<string, number>();
  /** Claim numbers this run took, by the first block of the key. */
  const own = new Map<number, number>();
  for (let i = 0; i < entries.length; i += CLAIM_BATCH) {
    const batch = entries.slice(i, i + CLAIM_BATCH);
    const results = await store.claim(batch.map((b) => b.entry));
    batch.forEach((b, k) => {
      const r = results[k];
      if (!r) return;
      documents.set(b.key, Math.max(documents.get(b.key) ?? 0, r.record.docs));
      const first = run.firstWithKey.get(b.key) as number;
      if (b.id !== first) return; // later documents only count
      if (r.claimed) own.set(first, r.record.seq);
      else matches.set(first, { record: r.record, similarity: 1 });
    });
  }

  if (opts.near) {
    const ownSeqs = new Set(own.values());
    const queries = [...own.keys()].filter((id) => run.signatures.has(id));
    for (let i = 0; i < queries.length; i += CLAIM_BATCH) {
      const batch = queries.slice(i, i + CLAIM_BATCH);
      const found = await store.candidates(batch.map((id) => bandKeys(run.signatures.get(id) as Int32Array, INDEX_LSH)));
      batch.forEach((id, k) => {
        const mine = own.get(id) as number;
        for (const record of found[k] ?? []) {
          // Only earlier claims count, and this run's own blocks are matched in memory.
          if (record.seq >= mine || ownSeqs.has(record.seq)) continue;
          const similarity = wordSimilarity(run.words[id] as Int32Array, record.words, opts.threshold);
          if (similarity >= opts.threshold) {
            matches.set(id, { record, similarity });
            break; // candidates come in claim order: the first that verifies is the earliest
          }
        }
      });
    }
  }
  return { matches, documents, hashOf };
}
