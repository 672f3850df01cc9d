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

// fast-levenshtein (CommonJS) is loaded on first use: most runs never need it.
const requireCjs = createRequire(import.meta.url);
let levenshtein: { get(a: string, b: string): number } | undefined;

/** Length of the longest common subsequence of two sequences of 32-bit symbols. */
export function lcsLength(x: ArrayLike<number>, y: ArrayLike<number>): number {
  // Bits for the shorter sequence; iterate over the longer one.
  const [a, b] = x.length <= y.length ? [x, y] : [y, x];
  const m = a.length;
  if (m === 0) return 0;
  const words = (m + 31) >>> 5;
  const pm = new Map<number, Uint32Array>();
  for (let i = 0; i < m; i++) {
    const c = a[i] as number;
    let mask = pm.get(c);
    if (mask === undefined) {
      mask = new Uint32Array(words);
      pm.set(c, mask);
    }
    mask[i >>> 5] = ((mask[i >>> 5] as number) | (1 << (i & 31))) >>> 0;
  }
  const v = new Uint32Array(words).fill(0xffffffff);
  for (let j = 0; j < b.length; j++) {
    const mask = pm.get(b[j] as number);
    if (mask === undefined) continue;
    let carry = 0;
    for (let k = 0; k < words; k++) {
      const vk = v[k] as number;
      const u = (vk & (mask[k] as number)) >>> 0;
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
  return zeros;
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
 * For giant blocks (see LCS_MAX_CELLS) it is the same ratio over the sets of word
 * bigrams, 2·|A∩B|/(|A|+|B|), which is linear in their size.
 */
export function wordSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const total = a.length + b.length;
  if (total === 0) return 1;
  if (a.length * b.length > LCS_MAX_CELLS) return bigramDice(a, b);
  return (2 * lcsLength(a, b)) / total;
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
