/**
 * The per-block hot path, on the block's bytes: in one pass, what normalize +
 * scanWords (+ hashKey) compute from its string, without building the
 * normalized string or reading a string at all. Reading a byte array costs a
 * fraction of String.prototype.charCodeAt per character, and most blocks of most
 * text are plain ASCII with a few typographic characters. A block with any other
 * character is left to the string path (the caller decodes it): scanAscii says
 * so by returning -1.
 *
 * For plain ASCII (tab, CR, LF and printable ASCII but the backtick) normalize is
 * lower-case -> white-space runs to one space, ends trimmed -> a run of dashes and
 * the spaces around it to one '-'. Put together: every maximal run of white space
 * and '-' becomes '-' when it holds a dash, else one space (nothing at either end).
 *
 * Besides plain ASCII, the scan reads the characters whose normalization does not
 * depend on their neighbours (SPECIAL_RANGES: the rest of ASCII, Latin-1 and
 * Latin Extended-A/B, general punctuation, currency signs, a few spaces): each
 * is taken as what normalize makes of it alone (made once, from normalize's own
 * steps, the first time one is met): dropped (soft hyphen, zero-width space,
 * BOM), white space (NBSP, thin space), a dash (U+2011, em dash, minus), one
 * punctuation character or several (curly quotes, ellipsis), or one lower-case
 * letter or digit (É, ª). A character that normalizes to a combining mark, to a
 * letter or digit among other characters, or to something that a second
 * normalization changes is left to the string path with its block.
 */

import { fmix32 } from '../fingerprint/hash.js';
import { caseFold, dropInvisible, finishKey, FNV_OFFSET, FNV_PRIME, KEY_LANE1, KEY_LANE2, nfkc, unifyDashes, unifyQuotes, wordRole } from './index.js';

const enum Byte {
  /** Not plain ASCII: a special character (resolve), or the string path must take the block. */
  Other = 0,
  Space = 1,
  Dash = 2,
  /** Punctuation and symbols: kept, and not part of a word. */
  Punct = 3,
  /** (Special characters only) several punctuation code units: an ellipsis becomes "...". */
  PunctRun = 4,
  // Word characters from here; bit 0 is set for letters only, bit 3 for upper case
  // only (a word's byte is lower-cased as c | ((k & 8) << 2), with no table).
  Digit = 6,
  Lower = 7,
  Upper = 9,
}

/** Byte class for normalized scanning (printable ASCII but the backtick, plus tab, CR, LF). */
const NORMALIZED = new Uint8Array(256);
for (let c = 0; c < 0x80; c++) {
  let k: Byte;
  if (c >= 0x61 && c <= 0x7a) k = Byte.Lower;
  else if (c >= 0x41 && c <= 0x5a) k = Byte.Upper;
  else if (c >= 0x30 && c <= 0x39) k = Byte.Digit;
  else if (c === 0x2d) k = Byte.Dash;
  else if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) k = Byte.Space;
  else if (c > 0x20 && c < 0x7f && c !== 0x60) k = Byte.Punct;
  else k = Byte.Other;
  NORMALIZED[c] = k;
}

/**
 * The code points read as special characters (each range inclusive), where they
 * normalize alone as they do in any text: ASCII (for the backtick and the control
 * characters: NORMALIZED takes the rest), Latin-1, Latin Extended-A and -B,
 * general punctuation, currency signs, the minus sign, the ideographic space and
 * the BOM.
 */
export const SPECIAL_RANGES: readonly (readonly [number, number])[] = [
  [0x00, 0x7f],
  [0xa0, 0x24f],
  [0x2000, 0x206f],
  [0x20a0, 0x20c0],
  [0x2212, 0x2212],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];

/** Entry kind of a special character that normalize drops. */
const SKIP = 0xff;

/**
 * The special characters met so far: each is looked at the first time it is met
 * (specialOf), so a run reads only the few it has (a whole table took 6 ms to
 * make, a tenth of a small file's run).
 */
export interface Specials {
  /** Code point -> entry: 0 not looked at yet, NOT_SPECIAL (the string path takes the block), else an entry. */
  readonly entry: Uint16Array;
  /** Per entry: its Byte class, or SKIP. */
  readonly kind: Uint8Array;
  /** Per entry: its one code unit (Punct, Space, Dash, Digit, Lower), or for PunctRun where its units start in `units`. */
  readonly unit: Int32Array;
  /** Per entry (PunctRun): how many code units. */
  readonly length: Int32Array;
  readonly units: Uint16Array;
  /** Entries made (the markers 0 and 1 included), and code units in `units`. */
  entries: number;
  unitCount: number;
}

/**
 * Room in the table: every code point of SPECIAL_RANGES (708) can have an entry,
 * and the few that normalize to several punctuation characters (… ‼ ‴) have
 * their units in `units`; one that would not fit is left to the string path.
 */
const MAX_ENTRIES = 1024;
const MAX_UNITS = 4096;

/** Specials.entry of a code point the scan cannot take. */
const NOT_SPECIAL = 1;

let specialTable: Specials | undefined;

/** The steps of normalize that apply to each character alone (white space and dashes are folded by the scan). */
const alone = (t: string): string => unifyQuotes(unifyDashes(caseFold(nfkc(dropInvisible(t)))));
const WHITE = /^\s$/;
const MARK = /\p{M}/u;

/** What normalize makes of code point `cp` alone, as the scan reads it; undefined when the scan cannot take it. */
export function specialOf(cp: number): { kind: 'skip' | 'space' | 'dash' | 'punct' | 'word' | 'letter'; units: string } | undefined {
  if (!SPECIAL_RANGES.some(([from, to]) => cp >= from && cp <= to)) return undefined;
  const out = alone(String.fromCharCode(cp));
  if (out === '') return { kind: 'skip', units: out };
  if (WHITE.test(out)) return { kind: 'space', units: ' ' };
  if (out === '-') return { kind: 'dash', units: out };
  // What a second normalization would change, or composes with its neighbours, is not taken.
  if (MARK.test(out) || alone(out) !== out || out.includes('-') || /\s/.test(out)) return undefined;
  const roles = Array.from(out, (ch) => (ch.length === 1 ? wordRole(ch.charCodeAt(0)) : 3));
  if (out.length === 1) {
    const role = roles[0] as number;
    if (role === 1) return { kind: 'letter', units: out };
    if (role === 2) return { kind: 'word', units: out };
    if (role === 4) return { kind: 'punct', units: out };
    return undefined;
  }
  return roles.every((r) => r === 4) && out.length < 256 ? { kind: 'punct', units: out } : undefined;
}

export function specials(): Specials {
  // Entries 0 and 1 are the markers.
  return (specialTable ??= {
    entry: new Uint16Array(0x10000),
    kind: new Uint8Array(MAX_ENTRIES),
    unit: new Int32Array(MAX_ENTRIES),
    length: new Int32Array(MAX_ENTRIES),
    units: new Uint16Array(MAX_UNITS),
    entries: 2,
    unitCount: 0,
  });
}

/**
 * The table with every code point of SPECIAL_RANGES looked at (about 6 ms): for
 * a scan that reads its blocks where the table cannot be filled as it goes (the
 * native scan on other threads, which leaves a block with a character not
 * looked at yet to the calling thread).
 */
export function allSpecials(): Specials {
  const table = specials();
  if (!allLookedAt) for (const [from, to] of SPECIAL_RANGES) for (let cp = from; cp <= to; cp++) entryOf(table, cp);
  allLookedAt = true;
  return table;
}

let allLookedAt = false;

/** The entry of code point cp (at most 0xffff), looked at now if it was not yet. */
function entryOf(table: Specials, cp: number): number {
  const known = table.entry[cp] as number;
  if (known !== 0) return known;
  // Plain ASCII is read through NORMALIZED.
  const s = cp < 0x80 && NORMALIZED[cp] !== Byte.Other ? undefined : specialOf(cp);
  if (s === undefined || table.entries >= MAX_ENTRIES || table.unitCount + s.units.length > MAX_UNITS) {
    table.entry[cp] = NOT_SPECIAL;
    return NOT_SPECIAL;
  }
  const e = table.entries++;
  if (s.units.length > 1) {
    table.kind[e] = Byte.PunctRun;
    table.unit[e] = table.unitCount;
    table.length[e] = s.units.length;
    for (let i = 0; i < s.units.length; i++) table.units[table.unitCount++] = s.units.charCodeAt(i);
  } else {
    table.kind[e] = { skip: SKIP, space: Byte.Space, dash: Byte.Dash, punct: Byte.Punct, word: Byte.Digit, letter: Byte.Lower }[s.kind];
    table.unit[e] = s.units.length === 1 ? s.units.charCodeAt(0) : 0;
    table.length[e] = s.units.length;
  }
  // The entry is complete before the code point points at it (the native scan reads the table too).
  table.entry[cp] = e;
  return e;
}

/**
 * What resolve found: the character at `at`, of `step` bytes, read as code unit
 * `unit` of class `kind` (entry: its special entry); step 0 for a plain ASCII
 * byte (unit the byte, kind its NORMALIZED class).
 */
const found = { at: 0, step: 1, unit: 0, kind: 0, entry: 0 };

/**
 * Reads the character at bytes[i] (i < end), whose byte is not plain ASCII,
 * into `found`, after any dropped characters: 1 when there is one, 0 when only
 * dropped characters are left before `end`, -1 when the scan cannot take it
 * (not a special character, or not well-formed UTF-8).
 */
function resolve(bytes: Uint8Array, i: number, end: number): number {
  const table = specials();
  for (;;) {
    const b0 = bytes[i] as number;
    let cp: number;
    let step: number;
    if (b0 < 0x80) {
      cp = b0;
      step = 1;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      const b1 = i + 1 < end ? (bytes[i + 1] as number) : 0;
      if ((b1 & 0xc0) !== 0x80) return -1;
      cp = ((b0 & 0x1f) << 6) | (b1 & 0x3f);
      step = 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      const b1 = i + 1 < end ? (bytes[i + 1] as number) : 0;
      const b2 = i + 2 < end ? (bytes[i + 2] as number) : 0;
      if ((b1 & 0xc0) !== 0x80 || (b2 & 0xc0) !== 0x80) return -1;
      cp = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
      // Overlong forms are not UTF-8 (surrogates have no entry).
      if (cp < 0x800) return -1;
      step = 3;
    } else return -1;
    const e = entryOf(table, cp);
    if (e === NOT_SPECIAL) return -1;
    const kind = table.kind[e] as number;
    if (kind === SKIP) {
      i += step;
      if (i >= end) return 0;
      const c = bytes[i] as number;
      const k = NORMALIZED[c] as number;
      if (k !== Byte.Other) {
        // A plain ASCII byte (step 0 says so: the caller reads it as it reads any).
        found.at = i;
        found.step = 0;
        found.unit = c;
        found.kind = k;
        found.entry = 0;
        return 1;
      }
      continue;
    }
    found.at = i;
    found.step = step;
    found.unit = table.unit[e] as number;
    found.kind = kind;
    found.entry = e;
    return 1;
  }
}

/** What the last scan found besides the text's length: words written, and how many have a letter. */
export const asciiScan = { words: 0, lettered: 0 };

/**
 * Scans bytes[start, end) of a block as normalize + scanWords would its text.
 * Writes the hash of every word of the normalized text into `wordsOut`
 * from `wordsAt` (it must have room for end - start there), sets asciiScan.words and .lettered,
 * and writes the normalized text's hashKey into keyOut[keyAt], keyOut[keyAt + 1].
 * Returns the normalized text's length, or -1 when a character is neither plain
 * ASCII nor special (nothing useful is written then).
 */
export function scanAscii(
  bytes: Uint8Array,
  start: number,
  end: number,
  wordsOut: Int32Array,
  wordsAt: number,
  keyOut: Int32Array,
  keyAt: number,
): number {
  let k1 = KEY_LANE1;
  let k2 = KEY_LANE2;
  let n = 0;
  /** Inside a run of white space and dashes; whether it holds a dash. */
  let inRun = false;
  let runDash = false;
  let count = wordsAt;
  let lettered = 0;
  let i = start;
  while (i < end) {
    let c = bytes[i] as number;
    let k = NORMALIZED[c] as number;
    if (k <= Byte.Dash) {
      // Not plain ASCII: the rest of the block goes the slower way, which reads special characters.
      if (k === Byte.Other) return scanRest(bytes, i, end, wordsOut, wordsAt, count, keyOut, keyAt, k1, k2, n, inRun, runDash, lettered, false, 0, 0, 0);
      inRun = true;
      if (k === Byte.Dash) runDash = true;
      i++;
      continue;
    }
    if (inRun) {
      // The run ends: '-' if it held a dash, else one space (none before the first character).
      if (runDash || n > 0) {
        const r = runDash ? 0x2d : 0x20;
        k1 = Math.imul(k1 ^ r, 0x01000193);
        k2 = Math.imul(((k2 << 5) | (k2 >>> 27)) ^ r, 0x9e3779b1);
        n++;
      }
      inRun = false;
      runDash = false;
    }
    if (k === Byte.Punct) {
      // Kept as it is, and not part of a word.
      k1 = Math.imul(k1 ^ c, 0x01000193);
      k2 = Math.imul(((k2 << 5) | (k2 >>> 27)) ^ c, 0x9e3779b1);
      n++;
      i++;
      continue;
    }
    // A whole word in this inner loop: its hash, and the key's.
    const from = i;
    let h = FNV_OFFSET;
    let classes = 0;
    for (;;) {
      // Upper case (class 9, bit 3) gains 0x20; digits (6) and lower case (7) do not.
      const l = c | ((k & 8) << 2);
      classes |= k;
      h = Math.imul(h ^ l, FNV_PRIME);
      k1 = Math.imul(k1 ^ l, 0x01000193);
      k2 = Math.imul(((k2 << 5) | (k2 >>> 27)) ^ l, 0x9e3779b1);
      if (++i >= end) break;
      c = bytes[i] as number;
      k = NORMALIZED[c] as number;
      if (k < Byte.Digit) break;
    }
    const len = i - from;
    // A special character may go on with the word.
    if (k === Byte.Other && i < end) return scanRest(bytes, i, end, wordsOut, wordsAt, count, keyOut, keyAt, k1, k2, n, false, false, lettered, true, h, classes, len);
    n += len;
    wordsOut[count++] = fmix32(h ^ len) | 0;
    lettered += classes & 1;
  }
  if (inRun && runDash) {
    k1 = Math.imul(k1 ^ 0x2d, 0x01000193);
    k2 = Math.imul(((k2 << 5) | (k2 >>> 27)) ^ 0x2d, 0x9e3779b1);
    n++;
  }
  asciiScan.words = count - wordsAt;
  asciiScan.lettered = lettered;
  finishKey(k1, k2, n, keyOut, keyAt);
  return n;
}

/**
 * scanAscii from bytes[i] on, in the state the scan was in there (the words
 * written so far, the key's lanes, the run or word it was in): the same
 * scan, which also reads special characters (slower, so the plain ASCII of
 * most blocks does not go through it). Its steps for runs and punctuation
 * repeat scanAscii's on purpose: shared, they would put the special cases in
 * the hot loop or a call per character in it.
 */
function scanRest(
  bytes: Uint8Array,
  i: number,
  end: number,
  wordsOut: Int32Array,
  wordsAt: number,
  count: number,
  keyOut: Int32Array,
  keyAt: number,
  k1: number,
  k2: number,
  n: number,
  inRun: boolean,
  runDash: boolean,
  lettered: number,
  inWord: boolean,
  h: number,
  classes: number,
  len: number,
): number {
  while (i < end) {
    let c = bytes[i] as number;
    let k = NORMALIZED[c] as number;
    let step = 0;
    if (k === Byte.Other) {
      const r = resolve(bytes, i, end);
      if (r < 0) return -1;
      if (r === 0) break;
      i = found.at;
      c = found.unit;
      k = found.kind;
      step = found.step;
    }
    if (k >= Byte.Digit) {
      if (!inWord) {
        if (inRun) {
          // The run ends: '-' if it held a dash, else one space (none before the first character).
          if (runDash || n > 0) {
            const r = runDash ? 0x2d : 0x20;
            k1 = Math.imul(k1 ^ r, 0x01000193);
            k2 = Math.imul(((k2 << 5) | (k2 >>> 27)) ^ r, 0x9e3779b1);
            n++;
          }
          inRun = false;
          runDash = false;
        }
        inWord = true;
        h = FNV_OFFSET;
        classes = 0;
        len = 0;
      }
      if (step !== 0) {
        // A special character: one lower-case code unit.
        classes |= k;
        h = Math.imul(h ^ c, FNV_PRIME);
        k1 = Math.imul(k1 ^ c, 0x01000193);
        k2 = Math.imul(((k2 << 5) | (k2 >>> 27)) ^ c, 0x9e3779b1);
        len++;
        i += step;
        continue;
      }
      // The word's plain ASCII bytes in this inner loop: its hash, and the key's.
      const from = i;
      for (;;) {
        const l = c | ((k & 8) << 2);
        classes |= k;
        h = Math.imul(h ^ l, FNV_PRIME);
        k1 = Math.imul(k1 ^ l, 0x01000193);
        k2 = Math.imul(((k2 << 5) | (k2 >>> 27)) ^ l, 0x9e3779b1);
        if (++i >= end) break;
        c = bytes[i] as number;
        k = NORMALIZED[c] as number;
        if (k < Byte.Digit) break;
      }
      len += i - from;
      continue;
    }
    if (inWord) {
      n += len;
      wordsOut[count++] = fmix32(h ^ len) | 0;
      lettered += classes & 1;
      inWord = false;
    }
    if (step === 0) step = 1;
    if (k <= Byte.Dash) {
      inRun = true;
      if (k === Byte.Dash) runDash = true;
      i += step;
      continue;
    }
    if (inRun) {
      // The run ends: '-' if it held a dash, else one space (none before the first character).
      if (runDash || n > 0) {
        const r = runDash ? 0x2d : 0x20;
        k1 = Math.imul(k1 ^ r, 0x01000193);
        k2 = Math.imul(((k2 << 5) | (k2 >>> 27)) ^ r, 0x9e3779b1);
        n++;
      }
      inRun = false;
      runDash = false;
    }
    if (k === Byte.Punct) {
      // Kept as it is, and not part of a word.
      k1 = Math.imul(k1 ^ c, 0x01000193);
      k2 = Math.imul(((k2 << 5) | (k2 >>> 27)) ^ c, 0x9e3779b1);
      n++;
      i += step;
      continue;
    }
    // Several punctuation code units (PunctRun).
    const table = specials();
    const from = table.unit[found.entry] as number;
    const to = from + (table.length[found.entry] as number);
    for (let u = from; u < to; u++) {
      const p = table.units[u] as number;
      k1 = Math.imul(k1 ^ p, 0x01000193);
      k2 = Math.imul(((k2 << 5) | (k2 >>> 27)) ^ p, 0x9e3779b1);
    }
    n += to - from;
    i += step;
  }
  if (inWord) {
    n += len;
    wordsOut[count++] = fmix32(h ^ len) | 0;
    lettered += classes & 1;
  }
  if (inRun && runDash) {
    k1 = Math.imul(k1 ^ 0x2d, 0x01000193);
    k2 = Math.imul(((k2 << 5) | (k2 >>> 27)) ^ 0x2d, 0x9e3779b1);
    n++;
  }
  asciiScan.words = count - wordsAt;
  asciiScan.lettered = lettered;
  finishKey(k1, k2, n, keyOut, keyAt);
  return n;
}

/**
 * scanWords of an ASCII block's text taken as it is (--raw), on its bytes: the
 * word hashes go into `wordsOut` from `wordsAt` (room for end - start), asciiScan is set. Returns the text's
 * length (end - start), or -1 when a byte is not ASCII.
 */
export function scanAsciiRaw(bytes: Uint8Array, start: number, end: number, wordsOut: Int32Array, wordsAt: number): number {
  let count = wordsAt;
  let lettered = 0;
  let i = start;
  while (i < end) {
    let c = bytes[i] as number;
    if (c >= 0x80) return -1;
    let k = NORMALIZED[c] as number;
    if (k < Byte.Digit) {
      i++;
      continue;
    }
    const from = i;
    let h = FNV_OFFSET;
    let classes = 0;
    for (;;) {
      classes |= k;
      h = Math.imul(h ^ c, FNV_PRIME);
      if (++i >= end) break;
      c = bytes[i] as number;
      k = NORMALIZED[c] as number;
      if (k < Byte.Digit) break;
    }
    wordsOut[count++] = fmix32(h ^ (i - from)) | 0;
    lettered += classes & 1;
  }
  asciiScan.words = count - wordsAt;
  asciiScan.lettered = lettered;
  return end - start;
}
