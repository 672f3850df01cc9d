/**
 * The per-block hot path for plain ASCII text, on the block's bytes: in one pass,
 * what normalize + scanWords (+ hashKey) compute from its string, without building
 * the normalized string or reading a string at all. Reading a byte array costs a
 * fraction of String.prototype.charCodeAt per character, and most blocks of most
 * text are plain ASCII. A block with any other byte is left to the string path
 * (the caller decodes it): scanAscii says so by returning -1.
 *
 * For plain ASCII (tab, CR, LF and printable ASCII but the backtick) normalize is
 * lower-case -> white-space runs to one space, ends trimmed -> a run of dashes and
 * the spaces around it to one '-'. Put together: every maximal run of white space
 * and '-' becomes '-' when it holds a dash, else one space (nothing at either end).
 */

import { fmix32 } from '../fingerprint/hash.js';
import { finishKey, FNV_OFFSET, FNV_PRIME, KEY_LANE1, KEY_LANE2 } from './index.js';

const enum Byte {
  /** Not plain ASCII: the string path must take the block. */
  Other = 0,
  Space = 1,
  Dash = 2,
  /** Punctuation and symbols: kept, and not part of a word. */
  Punct = 3,
  // Word characters from here; bit 0 is set for letters only.
  Digit = 4,
  Lower = 5,
  Upper = 7,
}

/** Each byte lower-cased (A-Z to a-z, the rest as it is). */
const LOWER = Uint8Array.from({ length: 256 }, (_, c) => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c));

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

/** What the last scan found besides the text's length: words written, and how many have a letter. */
export const asciiScan = { words: 0, lettered: 0 };

/**
 * Scans bytes[start, end) of a plain ASCII block as normalize + scanWords would
 * its text. Writes the hash of every word of the normalized text into `wordsOut`
 * from `wordsAt` (it must have room for end - start there), sets asciiScan.words and .lettered,
 * and writes the normalized text's hashKey into keyOut[keyAt], keyOut[keyAt + 1].
 * Returns the normalized text's length, or -1 when a byte is not plain ASCII
 * (nothing useful is written then).
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
      if (k === Byte.Other) return -1;
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
      const l = LOWER[c] as number;
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

/**
 * The normalized text of a plain ASCII block (what normalize gives for its text,
 * as scanAscii reads it), as a string; undefined when a byte is not plain ASCII.
 * For the few blocks whose key is compared or shown.
 */
export function normalizeAscii(bytes: Uint8Array, start: number, end: number): string | undefined {
  if (keyScratch.length < end - start) keyScratch = Buffer.allocUnsafe(Math.max(end - start, 2 * keyScratch.length));
  const out = keyScratch;
  let n = 0;
  let inRun = false;
  let runDash = false;
  for (let i = start; i < end; i++) {
    const c = bytes[i] as number;
    const k = NORMALIZED[c] as number;
    if (k === Byte.Other) return undefined;
    if (k <= Byte.Dash) {
      inRun = true;
      if (k === Byte.Dash) runDash = true;
      continue;
    }
    if (inRun) {
      if (runDash) out[n++] = 0x2d;
      else if (n > 0) out[n++] = 0x20;
      inRun = false;
      runDash = false;
    }
    out[n++] = k === Byte.Upper ? c | 0x20 : c;
  }
  if (inRun && runDash) out[n++] = 0x2d;
  return out.toString('latin1', 0, n);
}
let keyScratch = Buffer.allocUnsafe(1 << 12);
