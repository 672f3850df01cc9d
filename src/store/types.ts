/**
 * The persistent index (--index): what it stores, and the one store interface
 * that the memory, SQLite and Redis stores implement alike (one contract test
 * suite runs against all of them).
 *
 * Per distinct block (exact key) it keeps a fingerprint, never the text unless
 * asked: a 128-bit hash of the normalized text, the block's LSH band keys, its
 * word hashes (to verify near-duplicates against it), where and when it was
 * first seen, when it was last seen, and in how many documents.
 *
 * Concurrency: every claim gets a number from one sequence per index. A block is
 * a duplicate of an indexed block only if that block's number is lower. So when
 * several processes index shards of a corpus at once, the earliest claim wins
 * for exact copies (the claim is atomic: SQL INSERT OR IGNORE in a transaction,
 * SET NX or a script in Redis) and for near copies (both claim first, then look
 * for lower-numbered candidates), and they keep what one process would.
 */

/** Bumped when what is stored changes meaning; an index of another version is refused. */
export const INDEX_FORMAT_VERSION = 1;

/** What must match between the runs that share an index. */
export interface IndexMeta {
  readonly formatVersion: number;
  /** MinHash format version and permutations: band keys are only comparable under the same. */
  readonly minhashVersion: number;
  readonly numPerm: number;
  readonly bands: number;
  readonly rows: number;
  /** Blocks compared raw (--raw) or normalized: their hashes are not comparable. */
  readonly raw: boolean;
}

/** One block (by exact key) to claim, as seen in one document of this run. */
export interface ClaimEntry {
  /** 32 lower-case hex digits: 128-bit hash of the exact key. */
  readonly hash: string;
  /** The document (display path) it was seen in, for counting documents. */
  readonly doc: string;
  /** 1-based line where it starts in that document. */
  readonly line: number;
  /** Time of the run, ms since the epoch. */
  readonly time: number;
  /** Word hashes, for verifying near-duplicates against it later. */
  readonly words: Int32Array;
  /** LSH band keys (empty when the block is too short for near matching). */
  readonly bands: Int32Array;
  /** The block's text, only with --index-store-text. */
  readonly text?: string;
}

/** A block the index holds. */
export interface IndexRecord {
  /** Claim order in this index: lower is earlier. */
  readonly seq: number;
  readonly hash: string;
  /** Where it was first seen. */
  readonly path: string;
  readonly line: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** In how many documents it has been seen (one count per document per run). */
  readonly docs: number;
  readonly words: Int32Array;
  readonly text?: string;
}

/** The outcome of one claim. */
export interface ClaimResult {
  /** True when this entry claimed the hash (first seen anywhere); false when it was already held. */
  readonly claimed: boolean;
  /** The record as it is now (this entry's own when claimed), docs and lastSeen updated. */
  readonly record: IndexRecord;
}

export interface IndexStats {
  readonly blocks: number;
  /** Bytes the index takes (file size, or memory reported by the server). */
  readonly bytes: number;
  /** Oldest firstSeen and newest lastSeen, ms since the epoch (null when empty). */
  readonly oldest: number | null;
  readonly newest: number | null;
  readonly meta: IndexMeta | null;
}

export interface IndexStore {
  /** `memory`, `sqlite` or `redis`. */
  readonly kind: string;
  /**
   * Opens (creating when new) and records `meta`, or checks it against what the
   * index holds; throws IndexError when they differ.
   */
  open(meta: IndexMeta): Promise<void>;
  /**
   * Claims each entry in order, atomically per entry and durably per call (one
   * transaction / one pipeline): a hash not yet held is stored with the next
   * sequence number and its band keys; a hash already held gets lastSeen = time
   * and, when `doc` is a document it has not been counted for in this call,
   * docs + 1. Entries of one call with the same hash: the first claims, the rest
   * count documents.
   */
  claim(entries: readonly ClaimEntry[]): Promise<ClaimResult[]>;
  /**
   * For each query (a block's band keys), the held records that share at least
   * one band key with it, at most `maxPerBand` per band, without repeats,
   * ordered by seq.
   */
  candidates(queries: readonly Int32Array[], maxPerBand?: number): Promise<IndexRecord[][]>;
  stats(): Promise<IndexStats>;
  /** Removes records last seen before `time` (ms); returns how many. */
  prune(before: number): Promise<number>;
  /** Every record, ordered by seq. */
  records(): AsyncIterable<IndexRecord>;
  close(): Promise<void>;
}

/** The index cannot be used: unreachable, corrupt, or built with other settings. One line for the user. */
export class IndexError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IndexError';
  }
}
