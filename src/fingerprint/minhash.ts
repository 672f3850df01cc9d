/**
 * Shingles and MinHash signatures (fixed seed; the format is versioned so that a
 * persistent index can tell when signatures stop being comparable).
 *
 * Shingles are word bigrams, hashed to 32 bits from the words' hashes: no
 * per-shingle strings. Signatures are one-permutation MinHash with optimal
 * densification (format 2; format 1 took 128 separate permutations, 128 times
 * the work per shingle for the same candidate probabilities: measured in
 * test/lsh/bands.test.ts and the README).
 */
import { combine, fmix32, hashString } from './hash.js';

export { wordHashes } from '../normalize/index.js';

export const MINHASH_FORMAT_VERSION = 2;
export const DEFAULT_NUM_PERM = 128;
const SEED = 0x5eed_d0de;
/** Densification probes per bin kept in a table (a bin rarely needs more: a block fills few bins only when it is short). */
const PROBES = 32;

/** 32-bit hash of every word, as signed 32-bit integers (the form used throughout). */
export function hashTokens(tokens: readonly string[]): Int32Array {
  const out = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) out[i] = hashString(tokens[i] as string) | 0;
  return out;
}

/** Word-bigram shingle hashes (a single word is its own shingle). */
export function shingles(wordHashes: Int32Array): Int32Array {
  if (wordHashes.length < 2) return Int32Array.from(wordHashes);
  const out = new Int32Array(wordHashes.length - 1);
  for (let i = 0; i + 1 < wordHashes.length; i++) out[i] = combine(wordHashes[i] as number, wordHashes[i + 1] as number) | 0;
  return out;
}

/** Share of equal positions: the MinHash estimate of Jaccard similarity. */
export function estimateJaccard(x: Int32Array, y: Int32Array): number {
  let eq = 0;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] === y[i]) eq++;
  return n === 0 ? 0 : eq / n;
}

/**
 * One-permutation hashing with optimal densification (Shrivastava, ICML 2017):
 * every shingle is hashed once into one of `numPerm` bins, each bin keeps its
 * minimum, and an empty bin borrows the value of the first non-empty bin along a
 * fixed probe sequence of its own. Two signatures agree at a position with
 * probability equal to the sets' Jaccard similarity, as with `numPerm`
 * permutations, at O(shingles + bins) cost instead of O(shingles × bins).
 */
export class MinHasher {
  readonly numPerm: number;
  private readonly bits: number;
  private readonly seed: number;
  private readonly filled: Uint8Array;
  /** The first PROBES bins of each bin's probe sequence, computed once. */
  private readonly probes: Uint16Array;

  constructor(numPerm = DEFAULT_NUM_PERM, seed = SEED) {
    if (!Number.isInteger(Math.log2(numPerm)) || numPerm < 2 || numPerm > 1 << 16) {
      throw new RangeError(`numPerm must be a power of two from 2 to 65536, got ${numPerm}`);
    }
    this.numPerm = numPerm;
    this.bits = Math.log2(numPerm);
    this.seed = seed | 0;
    this.filled = new Uint8Array(numPerm);
    this.probes = new Uint16Array(numPerm * PROBES);
    for (let i = 0; i < numPerm; i++) for (let a = 1; a <= PROBES; a++) this.probes[i * PROBES + a - 1] = this.probe(i, a);
  }

  /** The bin an empty bin `i` borrows from at its `attempt`-th probe (a fixed sequence per bin). */
  private probe(i: number, attempt: number): number {
    return fmix32((Math.imul(i + 1, 0x9e3779b9) + Math.imul(attempt, 0x85ebca6b)) ^ this.seed) & (this.numPerm - 1);
  }

  signature(shingleHashes: Int32Array): Int32Array {
    const k = this.numPerm;
    const shift = 32 - this.bits;
    const sig = new Int32Array(k).fill(0x7fffffff);
    const filled = this.filled.fill(0);
    const seed = this.seed;
    let count = 0;
    for (let j = 0; j < shingleHashes.length; j++) {
      const x = shingleHashes[j] as number;
      const bin = fmix32(x ^ seed) >>> shift;
      const v = fmix32((x + 0x6a09e667) ^ seed) | 0;
      if (filled[bin] === 0) {
        filled[bin] = 1;
        count++;
        sig[bin] = v;
      } else if (v < (sig[bin] as number)) sig[bin] = v;
    }
    if (count === 0 || count === k) return sig;
    const probes = this.probes;
    for (let i = 0; i < k; i++) {
      if (filled[i] === 1) continue;
      for (let attempt = 1; ; attempt++) {
        const j = attempt <= PROBES ? (probes[i * PROBES + attempt - 1] as number) : this.probe(i, attempt);
        if (filled[j] === 1) {
          sig[i] = sig[j] as number;
          break;
        }
      }
    }
    return sig;
  }
}
