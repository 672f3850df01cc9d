/**
 * Normalization for comparison only (never applied to output): composable pure
 * steps. The default pipeline is invisible characters dropped -> NFKC -> case
 * fold -> dashes/quotes unified -> whitespace collapsed. Invisibles go first: one
 * between a letter and a combining mark (A U+FEFF U+0301) would otherwise keep
 * NFKC from composing them, and dropping it afterwards would leave a text that a
 * second normalization changes.
 */

import { fmix32 } from '../fingerprint/hash.js';

export type NormalizeStep = (text: string) => string;

/** Unicode compatibility composition: NBSP -> space, ligatures, full-width forms, … -> ... */
export const nfkc: NormalizeStep = (t) => t.normalize('NFKC');

/**
 * Case folding (full lower-casing; ß and similar are left as they are). Lower-casing
 * can leave a text that is no longer NFKC (İ becomes i + U+0307, which must be
 * reordered before a following cedilla), so a changed non-ASCII text is composed again.
 */
export const caseFold: NormalizeStep = (t) => {
  const lower = t.toLowerCase();
  return lower === t || !NON_ASCII.test(lower) ? lower : lower.normalize('NFKC');
};
const NON_ASCII = /[^\x00-\x7f]/;

// U+2010-U+2015 hyphens and dashes, U+2212 minus, U+2E3A/B two/three-em dashes,
// U+FE58/FE63/FF0D small and full-width forms (NFKC maps U+2011 to U+2010 first).
const DASHES = /[\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]/g;
/** Every dash and hyphen variant becomes '-'. */
export const unifyDashes: NormalizeStep = (t) => t.replace(DASHES, '-');

const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u2035\u0060\u00b4\u02bc\uff07]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\u301d\u301e\uff02]/g;
/** Curly, low-9, prime and angle quotes become ' and ". */
export const unifyQuotes: NormalizeStep = (t) => t.replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"');

// Soft hyphen, zero-width space/joiners, word joiner, BOM: invisible, often injected by scrapers.
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
export const dropInvisible: NormalizeStep = (t) => t.replace(INVISIBLE, '');

// A run of white space that is not already one plain space: one that starts with
// another white-space character, or a space followed by more. Single spaces, most
// of a text's white space, are not matched, so the replace has little to do.
const UNCOLLAPSED = /[^\S ]\s*| \s+/g;

/** Every run of white space (line breaks, NBSP, tabs, …) becomes one space; ends trimmed. */
export const collapseWhitespace: NormalizeStep = (t) => {
  const c = t.replace(UNCOLLAPSED, ' ');
  return c.charCodeAt(0) === 0x20 || c.charCodeAt(c.length - 1) === 0x20 ? c.trim() : c;
};

/**
 * A run of dashes and the spaces around it become one '-': typesetters turn
 * "word -- word" into "word—word" or "word – word" (run after unifyDashes and
 * collapseWhitespace).
 */
export const joinDashes: NormalizeStep = (t) => (t.includes('-') ? t.replace(/(?: ?-)+ ?/g, '-') : t);

export const DEFAULT_STEPS: readonly NormalizeStep[] = [
  dropInvisible,
  nfkc,
  caseFold,
  unifyDashes,
  unifyQuotes,
  collapseWhitespace,
  joinDashes,
];

/** Composes steps left to right. */
export function compose(steps: readonly NormalizeStep[]): NormalizeStep {
  return (t) => steps.reduce((acc, step) => step(acc), t);
}

const composed = compose(DEFAULT_STEPS);
// Printable ASCII plus tab/CR/LF: NFKC, dashes, quotes (but the backtick) and invisibles are no-ops on it.
const PLAIN_ASCII = /^[\t\n\r\x20-\x5f\x61-\x7e]*$/;

/** The default normalization used for comparison (same result as composing DEFAULT_STEPS). */
export const normalize: NormalizeStep = (t) =>
  PLAIN_ASCII.test(t) ? joinDashes(collapseWhitespace(t.toLowerCase())) : composed(t);

// Words. One character classifier serves tokenize and scanWords, so the words that
// are compared and the words a user sees are the same.
const enum CharClass {
  Unknown = 0,
  /** A letter (\p{L}) that joins a run. */
  Letter = 1,
  /** A mark or digit (\p{M}, \p{N}) that joins a run but does not make it a word with a letter. */
  Other = 2,
  /** A Han, Hiragana or Katakana letter: a word of its own. */
  Single = 3,
  /** Not part of a word (space, punctuation, symbol). */
  None = 4,
}

const SINGLE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;
const LETTER = /^\p{L}$/u;
const MARK_OR_DIGIT = /^[\p{M}\p{N}]$/u;
// Memo of the class of every BMP code point, filled on first sight.
const bmpClass = new Uint8Array(0x10000);

function classifySlow(ch: string): CharClass {
  if (LETTER.test(ch)) return SINGLE.test(ch) ? CharClass.Single : CharClass.Letter;
  return MARK_OR_DIGIT.test(ch) ? CharClass.Other : CharClass.None;
}

/**
 * What a code point is to the word scanner: 1 a letter, 2 a mark or digit (joins
 * a word but does not make it one), 3 a letter that is a word of its own (Han,
 * Hiragana, Katakana), 4 none of these (space, punctuation, symbol).
 */
export function wordRole(cp: number): 1 | 2 | 3 | 4 {
  return classify(cp) as 1 | 2 | 3 | 4;
}

function classify(cp: number): CharClass {
  if (cp < 0x80) {
    if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a)) return CharClass.Letter;
    return cp >= 0x30 && cp <= 0x39 ? CharClass.Other : CharClass.None;
  }
  if (cp > 0xffff) return classifySlow(String.fromCodePoint(cp));
  let k = bmpClass[cp] as number;
  if (k === CharClass.Unknown) {
    k = classifySlow(String.fromCharCode(cp));
    bmpClass[cp] = k;
  }
  return k;
}

/**
 * Calls `word(start, end, hasLetter)` for every word of `text`, in order: a run of
 * letters, marks and digits, except that each Han, Hiragana or Katakana letter is a
 * word of its own. Offsets are UTF-16 indexes, end exclusive.
 */
function forEachWord(text: string, word: (start: number, end: number, hasLetter: boolean) => void): void {
  let start = -1;
  let hasLetter = false;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    const cp = c >= 0xd800 && c <= 0xdbff ? (text.codePointAt(i) as number) : c;
    const units = cp > 0xffff ? 2 : 1;
    const k = classify(cp);
    if (k === CharClass.Letter || k === CharClass.Other) {
      if (start < 0) start = i;
      if (k === CharClass.Letter) hasLetter = true;
    } else {
      if (start >= 0) word(start, i, hasLetter);
      start = -1;
      hasLetter = false;
      if (k === CharClass.Single) word(i, i + units, true);
    }
    i += units;
  }
  if (start >= 0) word(start, text.length, hasLetter);
}

/** Splits (normalized) text into words; punctuation and spaces are dropped. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  forEachWord(text, (a, b) => out.push(text.slice(a, b)));
  return out;
}

export interface WordScan {
  /** 32-bit hash of every word, in order: hashString(word) | 0 for each word of tokenize(text). */
  readonly hashes: Int32Array;
  /** How many of the words contain a letter (numbers alone do not count as words for --min-words). */
  readonly lettered: number;
}

/**
 * The words of a text as 32-bit hashes, without building the word strings: the
 * words of forEachWord, each hashed as hashRange(text, start, end) would, in the
 * same pass that finds it (the hot path of every block).
 */
export function scanWords(text: string, keyOut?: Int32Array, keyAt = 0): WordScan {
  const n = text.length;
  // The key hash's two lanes (see hashKey), when asked for: computed in the same pass.
  let k1 = KEY_LANE1;
  let k2 = KEY_LANE2;
  // Hashes are written to a scratch array (a text of n code units has at most n
  // words) and copied out once: no growing, and no closure over the loop's state
  // (which would keep it in a heap context instead of registers).
  if (wordScratch.length < n && n <= MAX_SCRATCH) wordScratch = new Int32Array(Math.max(n, wordScratch.length * 2));
  const out = n <= wordScratch.length ? wordScratch : new Int32Array(n);
  let count = 0;
  let lettered = 0;
  let inWord = false;
  let hasLetter = false;
  let h = 0;
  let len = 0;
  const withKey = keyOut !== undefined;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    // ASCII through a table; the rest through classify (surrogate pairs as one code point).
    let k: number;
    let units = 1;
    if (c < 0x80) k = ASCII_CLASS[c] as number;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const cp = text.codePointAt(i) as number;
      units = cp > 0xffff ? 2 : 1;
      k = classify(cp);
    } else k = classify(c);
    if (withKey) {
      k1 = Math.imul(k1 ^ c, 0x01000193);
      k2 = Math.imul(((k2 << 5) | (k2 >>> 27)) ^ c, 0x9e3779b1);
      if (units === 2) {
        const d = text.charCodeAt(i + 1);
        k1 = Math.imul(k1 ^ d, 0x01000193);
        k2 = Math.imul(((k2 << 5) | (k2 >>> 27)) ^ d, 0x9e3779b1);
      }
    }
    if (k === CharClass.Letter || k === CharClass.Other) {
      if (!inWord) {
        inWord = true;
        hasLetter = false;
        h = FNV_OFFSET;
        len = 0;
      }
      if (k === CharClass.Letter) hasLetter = true;
      h = Math.imul(h ^ c, FNV_PRIME);
      if (units === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), FNV_PRIME);
      len += units;
    } else {
      if (inWord) {
        out[count++] = fmix32(h ^ len) | 0;
        if (hasLetter) lettered++;
        inWord = false;
      }
      if (k === CharClass.Single) {
        h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
        if (units === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), FNV_PRIME);
        out[count++] = fmix32(h ^ units) | 0;
        lettered++;
      }
    }
    i += units;
  }
  if (inWord) {
    out[count++] = fmix32(h ^ len) | 0;
    if (hasLetter) lettered++;
  }
  if (keyOut !== undefined) finishKey(k1, k2, n, keyOut, keyAt);
  return { hashes: out.slice(0, count), lettered };
}

/**
 * Writes a 64-bit hash of `s` (two 32-bit lanes) into out[at], out[at + 1]: the
 * exact key's hash (see fingerprint/keyindex.ts). Not cryptographic: it only
 * spreads keys; equal hashes are checked by comparing the keys. scanWords
 * computes the same in its pass when given `keyOut`.
 */
export function hashKey(s: string, out: Int32Array, at: number): void {
  let k1 = KEY_LANE1;
  let k2 = KEY_LANE2;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    k1 = Math.imul(k1 ^ c, 0x01000193);
    k2 = Math.imul(((k2 << 5) | (k2 >>> 27)) ^ c, 0x9e3779b1);
  }
  finishKey(k1, k2, n, out, at);
}

/**
 * The hash of a raw key (--raw: the key is the bytes[start, end) themselves),
 * into out[at], out[at + 1]: hashKey of the string of one char per byte, made on
 * the bytes.
 */
export function hashKeyBytes(bytes: Uint8Array, start: number, end: number, out: Int32Array, at: number): void {
  let k1 = KEY_LANE1;
  let k2 = KEY_LANE2;
  for (let i = start; i < end; i++) {
    const c = bytes[i] as number;
    k1 = Math.imul(k1 ^ c, 0x01000193);
    k2 = Math.imul(((k2 << 5) | (k2 >>> 27)) ^ c, 0x9e3779b1);
  }
  finishKey(k1, k2, end - start, out, at);
}

/** The key hash's starting lanes (shared with the byte scanner in ascii.ts). */
export const KEY_LANE1 = 0x811c9dc5 | 0;
export const KEY_LANE2 = 0x2545f491;

/** Finishes the key hash of a text of `n` code units from its two lanes. */
export function finishKey(k1: number, k2: number, n: number, out: Int32Array, at: number): void {
  out[at] = fmix32(k1 ^ n) | 0;
  out[at + 1] = fmix32(k2 ^ Math.imul(n, 0x85ebca6b)) | 0;
}

let wordScratch = new Int32Array(1024);
/** Longest text (code units) whose scan reuses the scratch array; longer ones get their own. */
const MAX_SCRATCH = 1 << 20;
/** CharClass of every ASCII code unit (what classify returns for them). */
const ASCII_CLASS = Uint8Array.from({ length: 0x80 }, (_, c) => classify(c));

// hashRange's FNV-1a constants (seed 0), for word hashes (shared with ascii.ts).
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** The 32-bit hashes of the words of a text (see scanWords). */
export function wordHashes(text: string): Int32Array {
  return scanWords(text).hashes;
}
