/**
 * Normalization for comparison only (never applied to output): composable pure
 * steps. The default pipeline is NFKC -> case fold -> dashes/quotes unified ->
 * invisible characters dropped -> whitespace collapsed.
 */

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

export const DEFAULT_STEPS: readonly NormalizeStep[] = [nfkc, caseFold, unifyDashes, unifyQuotes, dropInvisible, collapseWhitespace];

/** Composes steps left to right. */
export function compose(steps: readonly NormalizeStep[]): NormalizeStep {
  return (t) => steps.reduce((acc, step) => step(acc), t);
}

/** The default normalization used for comparison. */
export const normalize: NormalizeStep = compose(DEFAULT_STEPS);

// Words: runs of letters, marks and digits; each CJK ideograph or kana is a word of its own.
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{M}\p{N}]+/gu;

/** Splits (normalized) text into words; punctuation and spaces are dropped. */
export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}
