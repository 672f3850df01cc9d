/**
 * The per-block work of a scan that needs no other block: normalize, hash the
 * words, MinHash the word bigrams. It is what worker threads take off the main
 * thread (--jobs), so it works on plain data in and flat typed arrays out, and
 * the main thread uses the very same function when it works alone: results are
 * identical whatever the number of jobs.
 */
import { DEFAULT_NUM_PERM, MinHasher, shingles } from '../fingerprint/minhash.js';
import { hashKey, normalize, scanWords } from '../normalize/index.js';

/** What the per-block work depends on (a subset of ScanOptions). */
export interface PrepareOptions {
  readonly raw: boolean;
  readonly minLength: number;
  readonly minWords: number;
  /** No near matching: no words or signatures are needed. */
  readonly exactOnly: boolean;
}

/** The prepared blocks of one batch, in the batch's order. */
export interface PreparedBlocks {
  /** Per block: 1 when it counts (at least --min-length characters), else 0: never matched. */
  readonly counted: Uint8Array;
  /** Normalized text per counted block (its exact key); null when raw (the key is its bytes), not counted, or the text itself. */
  readonly normalized: (string | null)[];
  /** 64-bit hash of each normalized text (hashKey): keyHashes[2 * i], keyHashes[2 * i + 1]; 0, 0 when raw or not counted. */
  readonly keyHashes: Int32Array;
  /** Per block: 1 when it takes part in near matching (enough words), so it has words and a signature. */
  readonly near: Uint8Array;
  /** Words of block i: words[wordStart[i] .. wordStart[i + 1]) (empty when near[i] is 0). */
  readonly wordStart: Int32Array;
  readonly words: Int32Array;
  /** Signature of the j-th near block: signatures[j * numPerm .. (j + 1) * numPerm). */
  readonly signatures: Int32Array;
}

let hasher: MinHasher | undefined;

/** Prepares a batch of block texts. */
export function prepareBlocks(texts: readonly string[], opts: PrepareOptions): PreparedBlocks {
  hasher ??= new MinHasher(DEFAULT_NUM_PERM);
  const k = DEFAULT_NUM_PERM;
  const count = texts.length;
  const normalized: (string | null)[] = new Array<string | null>(count).fill(null);
  const counted = new Uint8Array(count);
  const keyHashes = new Int32Array(2 * count);
  const near = new Uint8Array(count);
  const wordStart = new Int32Array(count + 1);
  const wordParts: Int32Array[] = [];
  const sigParts: Int32Array[] = [];
  let wordTotal = 0;
  for (let i = 0; i < count; i++) {
    wordStart[i] = wordTotal;
    const raw = texts[i] as string;
    const text = opts.raw ? raw : normalize(raw);
    if (text.length < opts.minLength) continue;
    counted[i] = 1;
    // A text that normalizing leaves as it is is not sent back: the caller has it.
    if (!opts.raw && text !== raw) normalized[i] = text;
    if (opts.exactOnly) {
      if (!opts.raw) hashKey(text, keyHashes, 2 * i);
      continue;
    }
    // The words, and the key's hash in the same pass (the raw key is hashed by the caller).
    const scanned = opts.raw ? scanWords(text) : scanWords(text, keyHashes, 2 * i);
    if (scanned.lettered < opts.minWords) continue;
    near[i] = 1;
    wordParts.push(scanned.hashes);
    wordTotal += scanned.hashes.length;
    sigParts.push(hasher.signature(shingles(scanned.hashes)));
  }
  wordStart[count] = wordTotal;
  const words = new Int32Array(wordTotal);
  let at = 0;
  for (const w of wordParts) {
    words.set(w, at);
    at += w.length;
  }
  const signatures = new Int32Array(sigParts.length * k);
  sigParts.forEach((s, j) => signatures.set(s, j * k));
  return { counted, normalized, keyHashes, near, wordStart, words, signatures };
}
