/**
 * Shingles and MinHash signatures (fixed seed; the format is versioned so that a
 * persistent index can tell when signatures stop being comparable).
 *
 * Shingles are word bigrams, hashed to 32 bits from the words' hashes: no
 * per-shingle strings. Signatures are one-permutation MinHash with optimal
 * densification (format 1 took 128 separate permutations, 128 times the work per
 * shingle for the same candidate probabilities: measured in test/lsh/bands.test.ts
 * and the README). Format 3 hashes each shingle once, for both its bin and its
 * value (format 2 hashed a bigram three times).
 */
import { fmix32, hashString, mix32 as mix } from './hash.js';

export { wordHashes } from '../normalize/index.js';

export const MINHASH_FORMAT_VERSION = 3;
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

/**
 * The shingle of two consecutive words' hashes: not mixed again, as the words'
 * hashes are mixed already and the signature mixes each shingle once; a bijection
 * of the second word for each first word, and order-dependent.
 */
function bigram(a: number, b: number): number {
  return Math.imul(a ^ 0x9e3779b9, 0x01000193) ^ b;
}

/** Word-bigram shingle hashes (a single word is its own shingle). */
export function shingles(wordHashes: Int32Array): Int32Array {
  if (wordHashes.length < 2) return Int32Array.from(wordHashes);
  const out = new Int32Array(wordHashes.length - 1);
  for (let i = 0; i + 1 < wordHashes.length; i++) out[i] = bigram(wordHashes[i] as number, wordHashes[i + 1] as number);
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
 * Positions at which two 8-bit sketches of signatures agree (each value's low 8
 * bits, x[xAt, xAt + n) and y[yAt, yAt + n)). The sketches agree wherever the
 * signatures do (and by chance at about 1/256 of the other positions), so this
 * is an upper bound of the positions where the signatures agree: a pair whose
 * sketches agree at fewer than s·n positions has an estimate below s.
 */
export function sketchMatches(x: Uint8Array, xAt: number, y: Uint8Array, yAt: number, n: number): number {
  let eq = 0;
  for (let i = 0; i < n; i++) if (x[xAt + i] === y[yAt + i]) eq++;
  return eq;
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
  /** The bits of a shingle's hash below its bin's: its value in the bin. */
  private readonly valueMask: number;
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
    this.valueMask = (1 << (32 - this.bits)) - 1;
    this.probes = new Uint16Array(numPerm * PROBES);
    for (let i = 0; i < numPerm; i++) for (let a = 1; a <= PROBES; a++) this.probes[i * PROBES + a - 1] = this.probe(i, a);
  }

  /** The bin an empty bin `i` borrows from at its `attempt`-th probe (a fixed sequence per bin). */
  private probe(i: number, attempt: number): number {
    return fmix32((Math.imul(i + 1, 0x9e3779b9) + Math.imul(attempt, 0x85ebca6b)) ^ this.seed) & (this.numPerm - 1);
  }

  signature(shingleHashes: Int32Array): Int32Array {
    const sig = new Int32Array(this.numPerm);
    this.begin();
    for (let j = 0; j < shingleHashes.length; j++) this.add(shingleHashes[j] as number, sig, 0);
    this.finish(sig, 0);
    return sig;
  }

  /**
   * The signature of the word bigrams of words[from, to) (what
   * signature(shingles(words.subarray(from, to))) gives) into out[at, at + numPerm):
   * no shingle array, no allocation.
   */
  signWords(words: Int32Array, from: number, to: number, out: Int32Array, at: number): void {
    this.begin();
    if (to - from < 2) {
      for (let i = from; i < to; i++) this.add(words[i] as number, out, at);
      this.finish(out, at);
      return;
    }
    // add(), inlined for the hot path.
    const filled = this.filled;
    const seed = this.seed;
    const shift = 32 - this.bits;
    let count = 0;
    const valueMask = this.valueMask;
    for (let i = from; i + 1 < to; i++) {
      // bigram(words[i], words[i + 1]), inlined.
      const h = mix((Math.imul((words[i] as number) ^ 0x9e3779b9, 0x01000193) ^ (words[i + 1] as number)) ^ seed);
      const bin = h >>> shift;
      const v = h & valueMask;
      if (filled[bin] === 0) {
        filled[bin] = 1;
        count++;
        out[at + bin] = v;
      } else if (v < (out[at + bin] as number)) out[at + bin] = v;
    }
    this.count = count;
    this.finish(out, at);
  }

  private count = 0;

  private begin(): void {
    this.filled.fill(0);
    this.count = 0;
  }

  /** Puts one shingle hash into the signature being made at out[at, at + numPerm). */
  private add(x: number, out: Int32Array, at: number): void {
    // One hash per shingle: its top bits pick the bin, the rest is its value there.
    const h = mix(x ^ this.seed);
    const bin = h >>> (32 - this.bits);
    const v = h & this.valueMask;
    if (this.filled[bin] === 0) {
      this.filled[bin] = 1;
      this.count++;
      out[at + bin] = v;
    } else if (v < (out[at + bin] as number)) out[at + bin] = v;
  }

  /** Empty bins: 0x7fffffff when no shingle came, else borrowed along their probe sequences. */
  private finish(out: Int32Array, at: number): void {
    const k = this.numPerm;
    const filled = this.filled;
    if (this.count === 0) {
      out.fill(0x7fffffff, at, at + k);
      return;
    }
    if (this.count === k) return;
    const probes = this.probes;
    for (let i = 0; i < k; i++) {
      if (filled[i] === 1) continue;
      for (let attempt = 1; ; attempt++) {
        const j = attempt <= PROBES ? (probes[i * PROBES + attempt - 1] as number) : this.probe(i, attempt);
        if (filled[j] === 1) {
          out[at + i] = out[at + j] as number;
          break;
        }
      }
    }
  }
}
