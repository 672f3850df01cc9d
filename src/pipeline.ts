/**
 * Wires the stages: split -> normalize -> fingerprint -> LSH candidates -> verify
 * -> cluster. Pure: no I/O, never prints.
 */
import { chooseKept, eachComponent, UnionFind } from './cluster/index.js';
import { ClusterTable, tableResult } from './cluster/table.js';
import { FirstKeyIndex } from './fingerprint/keyindex.js';
import { DEFAULT_NUM_PERM, estimateJaccard } from './fingerprint/minhash.js';
import { allSpecials, type Specials } from './normalize/ascii.js';
import { nativeScan } from './prepare/native.js';
import { prepareOnThreads } from './prepare/threads.js';
import { blockWordsInto, signatureInto, type PrepareOptions, type PreparedBlocks, prepareBlocks } from './prepare/index.js';
import { BATCH_CHARS, type BatchInput, batchBounds, batchInput } from './prepare/batches.js';
import { touch } from './input/mapped.js';
import { normalize } from './normalize/index.js';
import { candidateLevel, chooseParams } from './lsh/index.js';
import { forEachScreenedPair, HASH_AT_MOST } from './lsh/candidates.js';
import { SketchRows } from './lsh/sketches.js';
import { PairSet } from './cluster/pairset.js';
import { BandKeys } from './lsh/spill.js';
import { WordCache } from './prepare/wordcache.js';
import { resolveScanOptions, type ScanOptions } from './options.js';
import { latin1 } from './split/bytes.js';
import { type SplitSpans, splitSpans } from './split/index.js';
import { fileResult, RunBlocks } from './split/spans.js';
import type { IndexMatch } from './store/match.js';
import type { IndexRecord, IndexStore } from './store/types.js';
import type { Cluster, ClusterKind, ClusterMember, FileResult, ScanResult, Source } from './types.js';
import { reportedSimilarity, wordSimilarity } from './verify/index.js';


const NO_WORDS = new Int32Array(0);

/** Verified pairs' similarities kept at most (a Map holds at most 2^24 entries). */
const VERIFIED_KEPT = 1 << 23;
/** Pairs kept as rejected at most (a cache: a pair proposed again is screened again). */
const REJECTED_KEPT = 1 << 20;
/** Of an LSH bucket, the members every later member is paired with (the rest only with later ones). */
const MAX_PER_BUCKET = 32;
/**
 * Where a scan is: emitted after each file is split, after each batch of
 * blocks is prepared and matched exactly, and as near candidates are verified;
 * `stream` is the streamed line job (--unit line --exact --raw --strip), by
 * bytes read.
 */
export interface ProgressEvent {
  readonly phase: 'split' | 'match' | 'stream';
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  /**
   * Blocks split so far (split), or blocks matched so far (match). With near
   * matching, the prepared batches count for the first half of the blocks and
   * the verification of their candidates for the second.
   */
  readonly blocksDone: number;
  /** Blocks to match (0 during split, when it is not known yet). */
  readonly blocksTotal: number;
}

/** What a scan works with besides its options: progress, and the persistent index. */
export interface ScanHooks {
  /** Called synchronously as the scan advances; must not throw. */
  readonly onProgress?: (event: ProgressEvent) => void;
  /** The persistent index (--index): also match blocks from earlier runs, and record this run's. */
  readonly index?: IndexStore;
  /** Store the blocks' text in the index (--index-store-text); fingerprints only otherwise. */
  readonly storeText?: boolean;
  /** The run's time for the index, ms since the epoch (default: now). */
  readonly now?: number;
  /**
   * Worker threads for the per-block work (normalize, words, MinHash); default 1,
   * all on the calling thread. Results are the same for any number.
   */
  readonly jobs?: number;
  /**
   * Near-matching blocks from which their LSH band keys go to a temporary file
   * rather than stay in memory (default 262,144: 44 MB of keys). Results are the
   * same for any value.
   */
  readonly spillBandKeysAt?: number;
  /**
   * Near-matching blocks past which their signature sketches are kept at 4
   * bits a position rather than 8 (default 131,072, where the band grouping
   * turns from hashing to sorting; see lsh/sketches.ts). Results are the same
   * for any value.
   */
  readonly narrowSketchesAt?: number;
  /**
   * Memory for the blocks' exact keys and words kept from the per-block work
   * for later (default 64 MB); past it they are made again from the blocks
   * when needed. Results are the same for any value.
   */
  readonly keepBytes?: number;
}

/** Default of ScanHooks.keepBytes. */
const KEEP_BYTES = 64 << 20;

/** Default of ScanHooks.spillBandKeysAt. */
const SPILL_BAND_KEYS_AT = 1 << 18;

/** Keys made again, kept for reuse: the first block of a key is read again for each later copy (see keyOf). */
const KEY_CACHE = 4096;
/** Rows of sketches per chunk at most: 32 MB of 128-byte sketches (see where they are made). */
const SKETCH_CHUNK_ROWS = 1 << 18;
/** Batches taken in between two calls of trimNative. */
const TRIM_EVERY = 32;

/**
 * Gives back what the C buffers of the batches left free: glibc keeps what is freed in a
 * thread's arena resident (the buffers the threads made and JavaScript let go), about
 * 110 MB of a 2 GB scan, until malloc_trim returns it (a few microseconds a call; 25 ms
 * over a 490 MB scan). Called every TRIM_EVERY batches taken in and at each band.
 */
function trimNative(): void {
  nativeScan()?.trim();
}
/** Signatures made again during near matching, kept in a direct-mapped cache of this many (a power of two). */
const SIGNATURE_SLOTS = 1 << 10;

/** Finds duplicate blocks within and across the given sources. */
export async function scanSources(
  sources: readonly Source[],
  options: Partial<ScanOptions> = {},
  hooks: ScanHooks = {},
): Promise<ScanResult> {
  const opts = resolveScanOptions(options);
  const progress = hooks.onProgress;
  const bytesTotal = sources.reduce((n, s) => n + s.bytes.length, 0);
  // Worker threads (--jobs) boot while the inputs are split; only when there is more than a batch of text.
  // With the native scan built, blocks read from their bytes are prepared on libuv's threads
  // instead (prepare/threads.ts), and workers start only if that scan leaves them too much.
  const jobs = hooks.jobs ?? 1;
  const several = jobs > 1 && bytesTotal > BATCH_CHARS;
  const native = several && !opts.raw && opts.unit !== 'sentence' ? nativeScan() : null;
  const pool = several ? await import('./prepare/pool.js') : undefined;
  const workers = native === null ? pool?.startWorkers(jobs - 1) : undefined;
  let bytesDone = 0;
  let blocksSplit = 0;
  let splits: SplitSpans[];
  try {
    splits = sources.map((s, i) => {
      const split = splitSpans(s.bytes, opts.unit, i, opts.raw);
      bytesDone += s.bytes.length;
      blocksSplit += split.blocks.length;
      progress?.({ phase: 'split', filesDone: i + 1, filesTotal: sources.length, bytesDone, bytesTotal, blocksDone: blocksSplit, blocksTotal: 0 });
      return split;
    });
  } catch (e) {
    // The started workers would keep the process alive.
    for (const w of workers ?? []) void w.terminate();
    throw e;
  }
  /** Every block, by id: the first source's, then the next's (columns: Block objects are made for the clusters only). */
  const all = new RunBlocks(splits.map((s) => s.blocks));
  const n = all.length;

  const uf = new UnionFind(n);
  /**
   * An index run keeps every block's exact key and every near block's words and
   * signature (the index matches and stores them all). Otherwise the batches'
   * keys and words are kept while they take less than keepBytes (a key takes
   * one or two bytes a character, words four bytes a word: more than the block's
   * own bytes); past that they are made again from the block when needed (on an
   * exact hash match, for the pairs verified and the blocks reported). Of each
   * signature only a sketch is kept, for screening.
   */
  const indexRun = hooks.index !== undefined;
  const keepBytes = indexRun ? Infinity : (hooks.keepBytes ?? KEEP_BYTES);
  /** Bytes of keys and words kept so far. */
  let keptBytes = 0;
  /** Exact keys, where kept (those of the first blocks, while the budget lasts: no slot for the others). */
  const keys: (string | undefined)[] = [];
  /** The last keys made again (keyOf). */
  const keyCache = new Map<number, string>();
  /** Length of each counted block's exact key (for --keep longest/shortest). */
  const keyLength = new Int32Array(n);
  const keyOf = (id: number): string => {
    let key = keys[id] ?? keyCache.get(id);
    if (key === undefined) {
      if (opts.raw) {
        // Raw: the bytes, one char per byte (equal keys mean equal bytes).
        const bytes = all.bytesOf(id);
        const start = all.startOf(id);
        const end = all.endOf(id);
        touch(bytes, end - start, true);
        key = latin1(bytes, start, end);
      } else key = normalize(all.textOf(id)); // (what the byte scanner read too: the same key, tested)
      if (indexRun) setAt(keys, id, key);
      else {
        if (keyCache.size >= KEY_CACHE) keyCache.clear();
        keyCache.set(id, key);
      }
    }
    return key;
  };
  /** Words of the near blocks, where kept (a copy's are its first block's; an index run has them for each). */
  const words: (Int32Array | undefined)[] = [];
  /** 1 for the blocks that take part in near matching (enough words: they have words and a signature). */
  const nearBlock = new Uint8Array(n);
  /** The first block with the same exact key as each counted block (itself for the first); -1 when not counted. */
  const firstOf = new Int32Array(n).fill(-1);
  // Views of the inputs as Buffers, to compare blocks' bytes without copying them.
  const sourceBuffers = sources.map((s) => Buffer.from(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength));
  /**
   * With the native scan, keys of blocks read from their bytes are compared without being made
   * (not raw: then bytes are keys). Only past a batch of text: the scan needs the whole table of
   * special characters (6-9 ms to fill), which a small run does not make up for.
   */
  const keyScan = opts.raw || opts.unit === 'sentence' || bytesTotal <= BATCH_CHARS ? null : nativeScan();
  /** The table keyScan reads (filled on first use) and its entries and units. */
  let keyTable: Specials | undefined;
  const keyCounts = new Int32Array(2);
  /** Blocks with the same bytes have the same key; others are compared by their keys (made then). */
  const sameKey = (a: number, b: number): boolean => {
    const bytesA = sourceBuffers[all.sourceOf(a)] as Buffer;
    const bytesB = sourceBuffers[all.sourceOf(b)] as Buffer;
    const [startA, endA, startB, endB] = [all.startOf(a), all.endOf(a), all.startOf(b), all.endOf(b)];
    // The earlier block is read again (the later one was just read for its batch).
    touch(bytesA, endA - startA, true);
    if (bytesA.compare(bytesB, startB, endB, startA, endA) === 0) return true;
    if (keyScan !== null) {
      // Keys compared as the byte scanner reads them, without making them (curly quotes against straight).
      if (keyTable === undefined) {
        keyTable = allSpecials();
        keyCounts[0] = keyTable.entries;
        keyCounts[1] = keyTable.unitCount;
      }
      const t = keyTable;
      // prettier-ignore
      const same = keyScan.keysEqual(bytesA, startA, endA, bytesB, startB, endB,
        t.entry, t.kind, t.unit, t.length, t.units, keyCounts);
      if (same >= 0) return same === 1;
    }
    return keyOf(a) === keyOf(b);
  };
  /** Only while the batches are taken in (then let go: it holds a slot for every distinct block). */
  let exactIndex: FirstKeyIndex | undefined = new FirstKeyIndex(sameKey, n);
  const exactOnly = opts.exact || opts.threshold >= 1;
  /** Word similarity of the pairs that joined clusters, keyed by earlier id * n + later id. */
  const verified = new Map<number, number>();
  /** MinHash signatures of the near-matching blocks, kept only when an index needs them. */
  const signatures = new Map<number, Int32Array>();

  // Per-block work (normalize, words, signatures): on worker threads with --jobs, else here; the same either way.
  const k = DEFAULT_NUM_PERM;
  const params = chooseParams(candidateLevel(opts.threshold), k);
  const prepareOpts: PrepareOptions = {
    raw: opts.raw,
    minLength: opts.minLength,
    minWords: opts.minWords,
    exactOnly,
    lsh: params,
    signatures: indexRun,
  };
  const bounds = batchBounds(n, (i) => all.endOf(i) - all.startOf(i));
  const batchCount = bounds.length - 1;
  // Sentences are cut from their paragraph's text; other blocks are their bytes decoded.
  // Once the budget of kept keys and words is spent, batches leave them out (they would not be kept).
  const leanOpts: PrepareOptions = { ...prepareOpts, keep: false };
  const optsOf = (_batch: number): PrepareOptions => (keptBytes < keepBytes ? prepareOpts : leanOpts);
  const inputOf = (b: number): BatchInput => batchInput(all, sources, bounds[b] as number, bounds[b + 1] as number, opts.unit === 'sentence');
  if (workers && batchCount < 2) for (const w of workers) void w.terminate();
  const prepared: Iterable<PreparedBlocks> | AsyncIterable<PreparedBlocks> =
    native !== null && pool && batchCount > 1
      ? prepareOnThreads(
          native,
          { blocks: all, sources, bounds, optsOf, inputOf },
          (from) => pool.prepareInWorkers(batchCount - from, (b) => inputOf(from + b), (b) => optsOf(from + b), pool.startWorkers(jobs - 1)),
          jobs + 1,
        )
      : pool && workers && batchCount > 1
      ? pool.prepareInWorkers(batchCount, inputOf, optsOf, workers)
      : (function* () {
          for (let b = 0; b < batchCount; b++) yield prepareBlocks(inputOf(b), optsOf(b));
        })();
  // Candidates are screened by their signatures' Jaccard estimate before the LCS.
  const screen = screenLevel(opts.threshold);
  /** Band keys and signature sketches of the near-matching representatives, in block order (row j for the j-th). */
  const repKeys = new BandKeys(params.bands, hooks.spillBandKeysAt ?? SPILL_BAND_KEYS_AT);
  // In chunks of 32 MB: the C library maps buffers this large on their own (smaller ones come from its
  // heap, where what is freed stays resident among what is not), so the sketches' memory is given
  // back once they are let go after near matching; pages not yet written take none.
  // (No more rows a chunk than there are blocks: a small scan does not take 32 MB for them.)
  let sketchRows = 1 << 10;
  while (sketchRows < SKETCH_CHUNK_ROWS && sketchRows < n) sketchRows *= 2;
  // 8-bit sketches while the native hash grouping screens the pairs, 4-bit past that (see SketchRows).
  const sketches = new SketchRows(k, sketchRows, hooks.narrowSketchesAt ?? HASH_AT_MOST);

  // Batch by batch, in block order (with workers, while they prepare the next ones).
  let base = 0;
  let taken = 0;
  const matched = (blocksDone: number): void =>
    progress?.({ phase: 'match', filesDone: sources.length, filesTotal: sources.length, bytesDone: bytesTotal, bytesTotal, blocksDone, blocksTotal: n });
  try {
    for await (const p of prepared) {
      const count = p.counted.length;
      const hashes = p.keyHashes;
      // This batch's keys and words are kept while the budget lasts.
      const keepBatch = p.kept && keptBytes < keepBytes;
      if (keepBatch) keptBytes += p.words.byteLength;
      let nearOrdinal = 0;
      /** The representatives of this batch not yet copied: near blocks runFrom .. runFrom + runLength. */
      let runFrom = 0;
      let runLength = 0;
      const flushRun = (): void => {
        if (runLength === 0) return;
        repKeys.pushRows(p.bandKeys, runFrom * params.bands, runLength);
        sketches.pushRows(p.sketches, runFrom * k, runLength);
        runLength = 0;
      };
      for (let i = 0; i < count; i++) {
        const id = base + i;
        const isNear = p.near[i] === 1;
        const ordinal = isNear ? nearOrdinal++ : -1;
        if (p.counted[i] === 0) continue;
        const normalized = p.normalized[i];
        if (keepBatch && normalized !== null && normalized !== undefined) {
          setAt(keys, id, normalized);
          keptBytes += 2 * normalized.length;
        }
        keyLength[id] = p.lengths[i] as number;
        nearBlock[id] = isNear ? 1 : 0;
        const first = exactIndex.firstOf(hashes[2 * i] as number, hashes[2 * i + 1] as number, id);
        firstOf[id] = first;
        if (first !== id) {
          uf.union(first, id);
          // (The index reads each block's words; wordsOf finds a copy's from its first block.)
          const firstWords = indexRun ? words[first] : undefined;
          if (firstWords !== undefined) setAt(words, id, firstWords);
          continue;
        }
        if (!isNear) continue;
        if (keepBatch) setAt(words, id, p.words.subarray(p.wordStart[i] as number, p.wordStart[i + 1] as number));
        if (indexRun) signatures.set(id, p.signatures.subarray(ordinal * k, (ordinal + 1) * k)); // the index bands it its own way
        // The batch's band keys and sketches of consecutive representatives are copied in one go.
        if (ordinal !== runFrom + runLength) {
          flushRun();
          runFrom = ordinal;
        }
        runLength++;
      }
      flushRun();
      base += count;
      if (++taken % TRIM_EVERY === 0) trimNative();
      // With near matching still to come, the batches count for the first half of the blocks.
      matched(exactOnly ? base : Math.floor(base / 2));
    }
  } catch (e) {
    // The temporary file of band keys, if they went to one (closed below otherwise).
    repKeys.close();
    throw e;
  }
  exactIndex = undefined;
  /** The counted blocks, in order (firstOf is -1 for the others). */
  const eligible = idsWhere(n, (id) => (firstOf[id] as number) !== -1);
  /** The near-matching representatives (the first block of each key, with enough words), in order: reps[j] is row j. */
  const reps = idsWhere(n, (id) => firstOf[id] === id && nearBlock[id] === 1);

  /** Words made again (wordsOf), for reuse: most verified pairs and reported members share a block. */
  const wordCache = new WordCache(
    (id, out, at) => {
      const bytes = all.bytesOf(id);
      const start = all.startOf(id);
      const end = all.endOf(id);
      touch(bytes, end - start, true);
      // Sentences are cut from their paragraph's text: their words come from it, as in their batch.
      return blockWordsInto(bytes, start, end, opts.unit === 'sentence' ? all.textOf(id) : null, opts.raw, out, at);
    },
    (id) => all.endOf(id) - all.startOf(id),
  );
  /**
   * Block id's words (none when it has too few for near matching): kept, or
   * made again from the block as its batch made them (valid until the next call
   * but one: see WordCache).
   */
  const wordsOf = (id: number): Int32Array => {
    const kept = words[id] ?? words[firstOf[id] as number];
    if (kept !== undefined) return kept;
    if (nearBlock[id] === 0) return NO_WORDS;
    return wordCache.get(id);
  };

  // Near matching: the representatives sharing an LSH bucket, band by band, screened by
  // their signatures (their sketches first) and verified by word similarity. The clusters do not
  // depend on the order the pairs come in: a pair joins whenever it is verified.
  try {
    if (!exactOnly && reps.length > 1) {
      /**
       * Pairs that failed the screen's signatures or verification (another band may
       * propose them again): only a cache, emptied when it holds REJECTED_KEPT.
       */
      const rejected = new PairSet(REJECTED_KEPT);
      const reject = (pair: number): void => rejected.add(pair);
      /**
       * Signatures made again, in a direct-mapped cache of SIGNATURE_SLOTS (a block is in
       * several pairs in a row: an entry and its bucket's members, band after band).
       */
      const cachedSignatures = new Int32Array(SIGNATURE_SLOTS * k);
      const cachedIds = new Int32Array(SIGNATURE_SLOTS).fill(-1);
      const spare = new Int32Array(k);
      /**
       * Block id's signature: kept (index runs), else made again from its words, into its
       * cache slot (valid until another id of that slot is asked for), or into `into`.
       */
      const signatureOf = (id: number, w: Int32Array, into?: Int32Array): Int32Array => {
        const kept = signatures.get(id);
        if (kept !== undefined) return kept;
        if (into !== undefined) {
          signatureInto(w, into);
          return into;
        }
        const slot = id & (SIGNATURE_SLOTS - 1);
        const out = cachedSignatures.subarray(slot * k, (slot + 1) * k);
        if (cachedIds[slot] !== id) {
          signatureInto(w, out);
          cachedIds[slot] = id;
        }
        return out;
      };
      const half = Math.floor(n / 2);
      forEachScreenedPair(
        repKeys,
        reps.length,
        params.bands,
        sketches,
        // The screen: the signatures' estimate. Their sketches agree at least wherever they do,
        // so too few agreeing sketch positions rule the pair out; else the signatures decide.
        screen * k,
        (c, j) => {
          const other = reps[c] as number;
          const id = reps[j] as number;
          if (uf.find(other) === uf.find(id)) return;
          const pair = other * n + id;
          if (rejected.has(pair)) return;
          const w1 = wordsOf(other);
          const w2 = wordsOf(id);
          const s1 = signatureOf(other, w1);
          // Two ids of one slot: the second is made beside the cache, not over the first.
          const s2 = ((other ^ id) & (SIGNATURE_SLOTS - 1)) === 0 ? signatureOf(id, w2, spare) : signatureOf(id, w2);
          if (estimateJaccard(s1, s2) < screen) {
            reject(pair);
            return;
          }
          const similarity = wordSimilarity(w1, w2, opts.threshold);
          if (similarity >= opts.threshold) {
            uf.union(other, id);
            // A cache for the report (similarityTo computes what is not in it): bounded below Map's limit.
            if (verified.size < VERIFIED_KEPT) verified.set(pair, similarity);
          } else reject(pair);
        },
        MAX_PER_BUCKET,
        (band) => {
          trimNative();
          matched(half + Math.floor((band / params.bands) * (n - half)));
        },
      );
    }
  } finally {
    // The temporary file of band keys, if they went to one; the band keys and sketches held are let go.
    repKeys.close();
    sketches.clear();
  }

  if (!exactOnly) matched(n);
  // The kept keys served the exact matching; from here on a key is made again when needed (rarely: see
  // similarityTo), and the strings are let go before the clusters are made. An index run reads them all.
  if (!indexRun) keys.length = 0;

  // The index code (and node:crypto) loads only when an index is used.
  const matching = hooks.index ? await import('./store/match.js') : undefined;
  // The index works with every key.
  if (matching) for (const id of eligible) keyOf(id);
  const outcome = hooks.index && matching
    ? await matching.matchIndex(hooks.index, { sources, all, keyOf: keys, words, firstWithKey: firstWithKeyMap(eligible, firstOf, keys), signatures, eligible }, {
        threshold: opts.threshold,
        raw: opts.raw,
        near: !exactOnly,
        storeText: hooks.storeText === true,
        now: hooks.now ?? Date.now(),
      })
    : undefined;
  const docsInRun = opts.boilerplate > 0 ? documentsPerKey(eligible, firstOf, all) : undefined;

  /**
   * The similarity shown for block id against the cluster's reference: 1 for the
   * same exact key; else the word similarity, refined on the keys (made only
   * then) when the words are the same (see reportedSimilarity).
   */
  const similarityTo = (id: number, reference: number): number => {
    if (firstOf[id] === firstOf[reference]) return 1;
    const w1 = wordsOf(id);
    const w2 = wordsOf(reference);
    const s = verified.get(Math.min(id, reference) * n + Math.max(id, reference)) ?? wordSimilarity(w1, w2);
    return s < 1 ? s : reportedSimilarity({ words: w1, normalized: keyOf(id) }, { words: w2, normalized: keyOf(reference) }, s);
  };
  /**
   * The clusters: as columns (a result's objects are made when its clusters are read, see
   * cluster/table.ts), or, with an index, as objects (an indexed member is not a block of this run).
   */
  const table = outcome ? undefined : new ClusterTable();
  const clusters: Cluster[] = [];
  /** Blocks removed per source (keep: false, and not the index's). */
  const removed = new Array<number>(sources.length).fill(0);
  const countRemoved = (id: number): void => {
    removed[all.sourceOf(id)] = (removed[all.sourceOf(id)] ?? 0) + 1;
  };
  /** A cluster of this run's blocks: `kept` is the member kept (-1: none), similarities are to `reference`. */
  const addCluster = (kind: ClusterKind, documents: number | undefined, group: readonly number[], kept: number, reference: number): void => {
    for (const id of group) if (id !== kept) countRemoved(id);
    if (table) {
      table.open(kind, documents);
      for (const id of group) table.member(id, id === kept, similarityTo(id, reference));
      return;
    }
    const members = group.map((id): ClusterMember => ({ block: all.block(id), keep: id === kept, similarity: similarityTo(id, reference) }));
    const id = clusters.length + 1;
    clusters.push(documents === undefined ? { id, kind, members } : { id, kind, documents, members });
  };
  // Lone blocks matter only when the index may hold their match.
  for (const group of eachComponent(uf, eligible, n, outcome ? 1 : 2)) {
    /** The first block of each exact key in the group. */
    const firsts = new Set(group.map((id) => firstOf[id] as number));
    // Boilerplate: a block seen in enough documents goes everywhere, the first copy included.
    if (opts.boilerplate > 0) {
      let documents = 0;
      for (const first of firsts) {
        documents = Math.max(documents, (outcome ? outcome.documents.get(keyOf(first)) : undefined) ?? docsInRun?.[first] ?? 0);
      }
      if (documents >= opts.boilerplate) {
        addCluster('boilerplate', documents, group, -1, group[0] as number);
        continue;
      }
    }
    // A block the index already holds (an earlier claim) is kept there; every copy of this run goes.
    let match: IndexMatch | undefined;
    for (const first of firsts) {
      const m = outcome?.matches.get(first);
      if (m && (!match || m.record.seq < match.record.seq)) match = m;
    }
    if (match) {
      const held = match.record;
      const members: ClusterMember[] = [indexedMember(held)];
      let exact = true;
      for (const id of group) {
        const same = outcome?.hashOf.get(keyOf(id)) === held.hash;
        exact &&= same;
        const similarity = same ? 1 : Math.min(0.9999, wordSimilarity(wordsOf(id), held.words));
        members.push({ block: all.block(id), keep: false, similarity });
        countRemoved(id);
      }
      clusters.push({ id: clusters.length + 1, kind: exact ? 'exact' : 'near', members });
      continue;
    }
    if (group.length < 2) continue;
    const kept = chooseKept(group, opts.keep, (id) => keyLength[id] as number);
    const kind = firsts.size === 1 ? 'exact' : 'near';
    addCluster(kind, undefined, group, kept, kept);
  }

  const files: FileResult[] = splits.map((s, i) => fileResult((sources[i] as Source).path, s.unit, s.blocks, removed[i] ?? 0));
  const duplicateBlocks = removed.reduce((a, b) => a + b, 0);
  const summary = { files: files.length, blocks: n, clusters: table ? table.length : clusters.length, duplicateBlocks };
  return table ? tableResult(files, table, all, summary) : { files, clusters, summary };
}

/**
 * Candidates whose signatures estimate a bigram Jaccard below this are dropped
 * before the LCS: a quarter of the candidate level. At the default threshold
 * (0.114) no verified pair of the 49 MB bench corpus came near it (the lowest
 * estimate among them was 0.375), while about 99.6% of the candidates that failed
 * verification were below it; a pair at Jaccard 0.25 (about the lowest that word
 * similarity 0.7 allows) falls under it with probability ~1e-5.
 */
export function screenLevel(threshold: number): number {
  return candidateLevel(threshold) / 4;
}

/** An input given as text or bytes rather than as a path. */
export interface TextInput {
  readonly path: string;
  readonly content: string | Uint8Array;
}

const encoder = new TextEncoder();

/**
 * Sources for inputs given as strings (encoded as UTF-8) or bytes (copied: the
 * blocks of a result read their text from them, so the caller may reuse its own).
 */
export function toSources(inputs: readonly TextInput[]): Source[] {
  return inputs.map((i) => ({ path: i.path, bytes: typeof i.content === 'string' ? encoder.encode(i.content) : i.content.slice() }));
}

/** Like scanSources, for inputs given as strings (encoded as UTF-8) or bytes. */
export function scanTexts(
  inputs: readonly TextInput[],
  options: Partial<ScanOptions> = {},
  hooks: ScanHooks = {},
): Promise<ScanResult> {
  return scanSources(toSources(inputs), options, hooks);
}

/** The ids 0 .. n - 1 that pass `test`, in order. */
function idsWhere(n: number, test: (id: number) => boolean): Int32Array {
  let count = 0;
  for (let id = 0; id < n; id++) if (test(id)) count++;
  const ids = new Int32Array(count);
  for (let id = 0, k = 0; k < count; id++) if (test(id)) ids[k++] = id;
  return ids;
}

/**
 * array[id] = value, the slots before it filled with undefined rather than left
 * holes (V8 keeps an array with a gap of more than about 1,024 slots as a slow
 * dictionary).
 */
function setAt<T>(array: (T | undefined)[], id: number, value: T): void {
  while (array.length < id) array.push(undefined);
  array[id] = value;
}

/** Exact key -> the first block with it (what the index matching works with). */
function firstWithKeyMap(eligible: Int32Array, firstOf: Int32Array, keyOf: readonly (string | undefined)[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const id of eligible) if (firstOf[id] === id) map.set(keyOf[id] as string, id);
  return map;
}

/** In how many of this run's documents each exact key occurs, by the key's first block. */
function documentsPerKey(ids: Int32Array, firstOf: Int32Array, all: RunBlocks): Int32Array {
  const count = new Int32Array(firstOf.length);
  const lastSource = new Int32Array(firstOf.length).fill(-1);
  for (const id of ids) {
    const first = firstOf[id] as number;
    const source = all.sourceOf(id);
    if (lastSource[first] === source) continue;
    lastSource[first] = source;
    count[first] = (count[first] as number) + 1;
  }
  return count;
}

/** The stand-in member for a block the index holds (first seen in an earlier run, or by another worker). */
function indexedMember(held: IndexRecord): ClusterMember {
  return {
    block: { source: -1, index: -1, startOffset: 0, endOffset: 0, startLine: held.line, endLine: held.line, text: held.text ?? '' },
    keep: true,
    similarity: 1,
    indexed: { path: held.path, line: held.line, firstSeen: held.firstSeen, seq: held.seq, documents: held.docs },
  };
}
