/**
 * `--explain` for the pretty report: why a near-duplicate was called one. For a
 * duplicate and its kept copy: the similarity broken down (the word-level
 * similarity that decided, the word-bigram shingle Jaccard, the character
 * Levenshtein ratio), and a word-level diff with long unchanged runs shortened.
 * Deletions and insertions are coloured when colour is on, and marked [-…-] and
 * {+…+} when it is off (as git diff --word-diff=plain).
 */
import { shingles } from '../fingerprint/minhash.js';
import { normalize, scanWords } from '../normalize/index.js';
import { explainSimilarity } from '../verify/index.js';
import { type DiffMarks, PLAIN_MARKS } from './marks.js';
import { wordDiff } from './worddiff.js';

export { type DiffMarks, PLAIN_MARKS } from './marks.js';

/** Unchanged text longer than this is shortened to its ends around an ellipsis. */
const CONTEXT = 40;

function features(text: string): { words: Int32Array; shingles: Int32Array; normalized: string } {
  const normalized = normalize(text);
  const words = scanWords(normalized).hashes;
  return { words, shingles: shingles(words), normalized };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** One line: the measures for a pair. */
export function breakdownLine(kept: string, duplicate: string): string {
  const b = explainSimilarity(features(kept), features(duplicate));
  const lev = b.levenshtein === null ? 'Levenshtein n/a (long blocks)' : `Levenshtein ${pct(b.levenshtein)}`;
  return `words ${pct(b.similarity)} · bigram Jaccard ${pct(b.shingleJaccard)} · ${lev}`;
}

/** Shortens an unchanged run: only its end at the start, only its start at the end, both ends inside. */
function shorten(text: string, first: boolean, last: boolean): string {
  const flat = text.replace(/\s+/g, ' ');
  if (flat.length <= (first || last ? CONTEXT : 2 * CONTEXT)) return flat;
  const head = flat.slice(0, CONTEXT).replace(/\S*$/, '');
  const tail = flat.slice(-CONTEXT).replace(/^\S*/, '');
  if (first) return `…${tail}`;
  if (last) return `${head}…`;
  return `${head}…${tail}`;
}

/** The word diff of kept -> duplicate on one line (wrapped by the terminal). */
export function diffLine(kept: string, duplicate: string, marks: DiffMarks = PLAIN_MARKS): string {
  const parts = wordDiff(kept, duplicate);
  return parts
    .map((p, i) => {
      if (p.kind === 'same') return shorten(p.text, i === 0, i === parts.length - 1);
      const text = p.text.replace(/\s+/g, ' ');
      return p.kind === 'removed' ? marks.removed(text) : marks.added(text);
    })
    .join('');
}
