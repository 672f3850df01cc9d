/**
 * True similarity of a candidate pair. LSH only proposes candidates; every pair
 * is confirmed here before it joins a cluster.
 *
 * The similarity is word-level: 2·LCS(A, B) / (|A| + |B|) over the blocks' words
 * (the longest common subsequence of words, as difflib's ratio but on words).
 * Measured on edited real paragraphs (bench/measures.mjs) it separates edits
 * from "same opening, different continuation" as well as shingle Jaccard and
 * better than a Levenshtein ratio, and its value reads directly as the share of
 * words in common, in order.
 *
 * LCS uses the bit-parallel algorithm of Allison & Dix / Hyyrö (n·⌈m/32⌉ word
 * operations): written here, not taken from a package, because it is the hot
 * path of verification and works on 32-bit word hashes, not strings.
 */
import { createRequire } from 'node:module';
import { nativeScan } from '../prepare/native.js';

// fast-levenshtein (CommonJS) is loaded on first use: most runs never need it.
const requireCjs = createRequire(import.meta.url);
let levenshtein: { get(a: string, b: string): number } | undefined;

// Scratch space for lcsLength, reused across calls: an open-addressing table from
// symbol to its match mask (no Map: word hashes are mostly not small integers, and
// Map lookups of heap numbers were most of the cost).
let tableKeys = new Int32Array(256);
/** Generation of each slot's entry: a slot is in use when it holds the current one. */
let tableGen = new Int32Array(256);
let tableMasks = new Uint32Array(256);
let generation = 0;
let v = new Uint32Array(8);

let tableLeft = new Int32Array(256);

/** The longest shorter sequence the native lcs takes (native/scan.c: LCS_MAX_SHORTER). */
const NATIVE_LCS_MAX = 4096;

/** Length of the longest common subsequence of two sequences of 32-bit symbols. */
export function lcsLength(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return lcsAtLeast(x, y, 0);
}

/**
 * The LCS length, or, when the words the two sequences have in common (as
 * multisets, an upper bound of the LCS) are fewer than `atLeast`, that smaller
 * bound instead: most LSH candidates fail this cheap test and skip the bit-parallel pass.
 */
function lcsAtLeast(x: ArrayLike<number>, y: ArrayLike<number>, atLeast: number): number {
  // Bits for the shorter sequence; iterate over the longer one.
  const [a, b] = x.length <= y.length ? [x, y] : [y, x];
  const m = a.length;
  // Word hashes (Int32Array), as a scan has them: in C where it is built (the same length).
  if (m <= NATIVE_LCS_MAX && x instanceof Int32Array && y instanceof Int32Array) {
    const native = nativeScan();
    if (native !== null) return native.lcs(x, y, atLeast);
  }
  if (m === 0) return 0;
  const words = (m + 31) >>> 5;
  let size = 256;
  while (size < 2 * m) size *= 2;
  if (tableKeys.length < size) {
    tableKeys = new Int32Array(size);
    tableGen = new Int32Array(size);
    tableLeft = new Int32Array(size);
    generation = 0;
  }
  if (tableMasks.length < size * words) tableMasks = new Uint32Array(size * words);
  if (v.length < words) v = new Uint32Array(words);
  const mask = size - 1;
  const gen = ++generation;
  const keys = tableKeys;
  const gens = tableGen;
  const masks = tableMasks;
  for (let i = 0; i < m; i++) {
    const c = (a[i] as number) | 0;
    let s = mix(c) & mask;
    while (gens[s] === gen && keys[s] !== c) s = (s + 1) & mask;
    const base = s * words;
    if (gens[s] !== gen) {
      gens[s] = gen;
      keys[s] = c;
      tableLeft[s] = 0;
      masks.fill(0, base, base + words);
    }
    tableLeft[s] = (tableLeft[s] as number) + 1;
    masks[base + (i >>> 5)] = ((masks[base + (i >>> 5)] as number) | (1 << (i & 31))) >>> 0;
  }
  if (atLeast > 0) {
    // Words in common, with multiplicity: an upper bound of the LCS.
    let common = 0;
    for (let j = 0; j < b.length; j++) {
      const c = (b[j] as number) | 0;
      let s = mix(c) & mask;
      while (gens[s] === gen && keys[s] !== c) s = (s + 1) & mask;
      if (gens[s] === gen && (tableLeft[s] as number) > 0) {
        tableLeft[s] = (tableLeft[s] as number) - 1;
        common++;
      }
    }
    if (common < atLeast) return common;
  }
  v.fill(0xffffffff, 0, words);
  for (let j = 0; j < b.length; j++) {
    const c = (b[j] as number) | 0;
    let s = mix(c) & mask;
    while (gens[s] === gen && keys[s] !== c) s = (s + 1) & mask;
    if (gens[s] !== gen) continue;
    const base = s * words;
    let carry = 0;
    for (let k = 0; k < words; k++) {
      const vk = v[k] as number;
      const u = (vk & (masks[base + k] as number)) >>> 0;
      const sum = vk + u + carry;
      carry = sum > 0xffffffff ? 1 : 0;
      v[k] = ((sum >>> 0) | (vk & ~u)) >>> 0;
    }
  }
  let zeros = 0;
  for (let k = 0; k < words; k++) {
    const valid = k === words - 1 && m % 32 !== 0 ? (1 << m % 32) - 1 : 0xffffffff;
    zeros += popcount(~(v[k] as number) & valid);
  }
  if (generation > 0x3fffffff) {
    gens.fill(0);
    generation = 0;
  }
  return zeros;
}

function mix(c: number): number {
  const h = Math.imul(c ^ (c >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}

function popcount(x: number): number {
  let n = x >>> 0;
  n = n - ((n >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (Math.imul((n + (n >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * Above this many word pairs (|A|·|B|, about two blocks of 30,000 words) the LCS
 * would cost seconds; such giant blocks are compared by their word bigrams instead.
 */
export const LCS_MAX_CELLS = 1e9;

/**
 * Word-level similarity 2·LCS/(|A|+|B|), 0..1 (two empty sequences are identical).
 * With `atLeast`, a pair that cannot reach it may get an upper bound below
 * `atLeast` instead of its exact similarity (cheap tests first). For giant blocks (see LCS_MAX_CELLS) it is the same ratio over the sets of word
 * bigrams, 2·|A∩B|/(|A|+|B|), which is linear in their size.
 */
export function wordSimilarity(a: ArrayLike<number>, b: ArrayLike<number>, atLeast = 0): number {
  const total = a.length + b.length;
  if (total === 0) return 1;
  // The ratio can be no higher than 2·min/(|A|+|B|), nor than the share of words in common.
  const lengthBound = (2 * Math.min(a.length, b.length)) / total;
  if (lengthBound < atLeast) return lengthBound;
  if (a.length * b.length > LCS_MAX_CELLS) return bigramDice(a, b);
  return (2 * lcsAtLeast(a, b, Math.ceil((atLeast * total) / 2 - 1e-9))) / total;
}

function bigramSet(x: ArrayLike<number>): Set<number> {
  const set = new Set<number>();
  for (let i = 0; i + 1 < x.length; i++) set.add(Math.imul((x[i] as number) ^ 0x9e3779b9, 0x01000193) ^ (x[i + 1] as number));
  return set;
}

function bigramDice(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const sa = bigramSet(a);
  const sb = bigramSet(b);
  let common = 0;
  for (const x of sa) if (sb.has(x)) common++;
  return sa.size + sb.size === 0 ? 1 : (2 * common) / (sa.size + sb.size);
}

/** Jaccard similarity of two sets of 32-bit shingle hashes. */
export function jaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const sa = new Set<number>(Array.from(a));
  const sb = new Set<number>(Array.from(b));
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  const union = sa.size + sb.size - inter;
  return union === 0 ? 1 : inter / union;
}

/** Character-level Levenshtein ratio 1 - d/max(|a|,|b|) of two normalized texts (fast-levenshtein). */
export function levenshteinRatio(a: string, b: string): number {
  const max = Math.max(a.length, b.length);
  if (max === 0) return 1;
  levenshtein ??= requireCjs('fast-levenshtein') as { get(a: string, b: string): number };
  return 1 - levenshtein.get(a, b) / max;
}

/** Longest text, in characters, for which a Levenshtein ratio is computed. */
export const LEVENSHTEIN_MAX_CHARS = 2000;

/**
 * The similarity reported for a cluster member: the word-level similarity, except
 * that two different texts with the same words in the same order (they differ only
 * in punctuation or spacing) are not shown as identical: for short blocks their
 * character Levenshtein ratio (fast-levenshtein) is used, capped below 1; for long
 * ones 0.9999. Decisions never depend on this refinement.
 */
export function reportedSimilarity(
  a: { words: ArrayLike<number>; normalized: string },
  b: { words: ArrayLike<number>; normalized: string },
  /** The word similarity of this pair when it is already known (verified). */
  known?: number,
): number {
  if (a.normalized === b.normalized) return 1;
  const s = known ?? wordSimilarity(a.words, b.words);
  if (s < 1) return s;
  if (a.normalized.length > LEVENSHTEIN_MAX_CHARS || b.normalized.length > LEVENSHTEIN_MAX_CHARS) return 0.9999;
  return Math.min(0.9999, levenshteinRatio(a.normalized, b.normalized));
}

export interface SimilarityBreakdown {
  /** The word-level similarity used for the decision. */
  readonly similarity: number;
  /** Jaccard of the word-bigram shingle sets. */
  readonly shingleJaccard: number;
  /** Character Levenshtein ratio; null when either text is longer than LEVENSHTEIN_MAX_CHARS. */
  readonly levenshtein: number | null;
}

/** Every measure for one pair, for explaining a decision (not used on the hot path). */
export function explainSimilarity(
  a: { words: ArrayLike<number>; shingles: ArrayLike<number>; normalized: string },
  b: { words: ArrayLike<number>; shingles: ArrayLike<number>; normalized: string },
): SimilarityBreakdown {
  const short = a.normalized.length <= LEVENSHTEIN_MAX_CHARS && b.normalized.length <= LEVENSHTEIN_MAX_CHARS;
  return {
    similarity: wordSimilarity(a.words, b.words),
    shingleJaccard: jaccard(a.shingles, b.shingles),
    levenshtein: short ? levenshteinRatio(a.normalized, b.normalized) : null,
  };
}
