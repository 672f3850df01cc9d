/**
 * Shingles and MinHash signatures (fixed seed; the format is versioned so that a
 * persistent index can tell when signatures stop being comparable).
 *
 * Shingles are word bigrams, hashed to 32 bits from the words' hashes: no
 * per-shingle strings. Each permutation is x -> (a*x + b) mod 2^32 followed by an
 * xor-shift (a bijection), on shingle hashes that are already avalanche-mixed.
 */
import { combine, fmix32, hashString } from './hash.js';

export { wordHashes } from '../normalize/index.js';

export const MINHASH_FORMAT_VERSION = 1;
export const DEFAULT_NUM_PERM = 128;
const SEED = 0x5eed_d0de;

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

export class MinHasher {
  readonly numPerm: number;
  private readonly a: Int32Array;
  private readonly b: Int32Array;

  constructor(numPerm = DEFAULT_NUM_PERM, seed = SEED) {
    this.numPerm = numPerm;
    this.a = new Int32Array(numPerm);
    this.b = new Int32Array(numPerm);
    let s = seed >>> 0;
    for (let i = 0; i < numPerm; i++) {
      s = fmix32(s + 0x9e3779b9);
      this.a[i] = s | 1; // odd multiplier: a bijection mod 2^32
      s = fmix32(s + 0x9e3779b9);
      this.b[i] = s;
    }
  }

  /**
   * MinHash signature of a set of 32-bit shingle hashes (duplicates are harmless).
   * All arithmetic stays in signed 32-bit integers (the minimum is taken in signed
   * order, which is just another fixed order), so V8 never boxes a value.
   */
  signature(shingleHashes: Int32Array): Int32Array {
    const k = this.numPerm;
    const sig = new Int32Array(k).fill(0x7fffffff);
    const { a, b } = this;
    for (let j = 0; j < shingleHashes.length; j++) {
      const x = shingleHashes[j] as number;
      for (let i = 0; i < k; i++) {
        let v = (Math.imul(x, a[i] as number) + (b[i] as number)) | 0;
        v ^= v >>> 15;
        if (v < (sig[i] as number)) sig[i] = v;
      }
    }
    return sig;
  }
}

/** Share of equal positions: the MinHash estimate of Jaccard similarity. */
export function estimateJaccard(x: Int32Array, y: Int32Array): number {
  let eq = 0;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] === y[i]) eq++;
  return n === 0 ? 0 : eq / n;
}
