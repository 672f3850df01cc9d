/**
 * Normalization for comparison only (never applied to output): composable pure
 * steps. The default pipeline is NFKC -> case fold -> dashes/quotes unified ->
 * invisible characters dropped -> whitespace collapsed.
 */

import { fmix32 } from '../fingerprint/hash.js';

export type NormalizeStep = (text: string) => string;

/** Unicode compatibility composition: NBSP -> space, ligatures, full-width forms, … -> ... */
export const nfkc: NormalizeStep = (t) => t.normalize('NFKC');

/** Case folding (full lower-casing; ß and similar are left as they are). */
export const caseFold: NormalizeStep = (t) => t.toLowerCase();

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

/** Every run of white space (line breaks, NBSP, tabs, …) becomes one space; ends trimmed. */
export const collapseWhitespace: NormalizeStep = (t) => t.replace(/\s+/g, ' ').trim();

/**
 * A run of dashes and the spaces around it become one '-': typesetters turn
 * "word -- word" into "word—word" or "word – word" (run after unifyDashes and
 * collapseWhitespace).
 */
export const joinDashes: NormalizeStep = (t) => (t.includes('-') ? t.replace(/ ?-+ ?/g, '-') : t);

export const DEFAULT_STEPS: readonly NormalizeStep[] = [
  nfkc,
  caseFold,
  unifyDashes,
  unifyQuotes,
  dropInvisible,
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

// Words: runs of letters, marks and digits; each CJK ideograph or kana is a word of its own.
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{M}\p{N}]+/gu;

/** Splits (normalized) text into words; punctuation and spaces are dropped. */
export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

const LETTER_OR_DIGIT = /[\p{L}\p{M}\p{N}]/u;
// Memo of LETTER_OR_DIGIT for the BMP: 0 unknown, 1 word character, 2 not.
const bmpClass = new Uint8Array(0x10000);

function isWordChar(cp: number): boolean {
  if (cp > 0xffff) return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
  let k = bmpClass[cp] as number;
  if (k === 0) {
    k = LETTER_OR_DIGIT.test(String.fromCharCode(cp)) ? 1 : 2;
    bmpClass[cp] = k;
  }
  return k === 1;
}

/** Code points that are a word each (CJK ideographs, kana), as in tokenize. */
function isSingleCharWord(cp: number): boolean {
  return (
    (cp >= 0x3040 && cp <= 0x30ff) || // hiragana, katakana
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3134f)
  );
}

export interface WordScan {
  /** 32-bit hash of every word, in order. */
  readonly hashes: Int32Array;
  /** How many of the words contain a letter (numbers alone do not count as words for --min-words). */
  readonly lettered: number;
}

/**
 * The words of a text as 32-bit hashes, equal to hashing each word of
 * tokenize(text) with hashString, without building the word strings: one pass
 * over the code units, ASCII letters and digits decided without a regex.
 */
export function scanWords(text: string): WordScan {
  let out = new Int32Array(Math.max(8, text.length >>> 2));
  let count = 0;
  let lettered = 0;
  let h = 0x811c9dc5 | 0;
  let len = 0;
  let hasLetter = false;
  const emit = (): void => {
    if (count === out.length) {
      const bigger = new Int32Array(out.length * 2);
      bigger.set(out);
      out = bigger;
    }
    out[count++] = fmix32(h ^ len) | 0;
    if (hasLetter) lettered++;
    h = 0x811c9dc5 | 0;
    len = 0;
    hasLetter = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let word: boolean;
    let single = false;
    let units = 1;
    if (c < 0x80) {
      const letter = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
      word = letter || (c >= 0x30 && c <= 0x39);
      if (letter) hasLetter = true;
    } else {
      const cp = text.codePointAt(i) as number;
      units = cp > 0xffff ? 2 : 1;
      single = isSingleCharWord(cp);
      word = single || isWordChar(cp);
      if (word) hasLetter = true;
    }
    if (!word || single) {
      if (len > 0) emit();
      if (!single) continue;
      hasLetter = true;
    }
    for (let u = 0; u < units; u++) {
      h ^= text.charCodeAt(i + u);
      h = Math.imul(h, 0x01000193);
      len++;
    }
    i += units - 1;
    if (single) emit();
  }
  if (len > 0) emit();
  return { hashes: out.subarray(0, count), lettered };
}

/** The 32-bit hashes of the words of a text (see scanWords). */
export function wordHashes(text: string): Int32Array {
  return scanWords(text).hashes;
}
