/**
 * Byte-level helpers for splitting: line scanning, Unicode-aware whitespace
 * trimming on UTF-8 bytes, and a UTF-8 decoder that maps every UTF-16 code unit
 * back to its byte offset (invalid bytes become U+FFFD, WHATWG style).
 */
import { isMapped, touch } from '../input/mapped.js';

/** Byte length of the whitespace character starting at `i`, or 0. */
export function wsLenAt(b: Uint8Array, i: number, end: number): number {
  const c = b[i];
  if (c === undefined || i >= end) return 0;
  if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x0b || c === 0x0c) return 1;
  if (c === 0xc2 && i + 1 < end && (b[i + 1] === 0xa0 || b[i + 1] === 0x85)) return 2; // NBSP, NEL
  if (c === 0xef && i + 2 < end && b[i + 1] === 0xbb && b[i + 2] === 0xbf) return 3; // BOM / ZWNBSP
  if (c === 0xe2 && i + 2 < end) {
    const c1 = b[i + 1];
    const c2 = b[i + 2] ?? 0;
    // U+2000..U+200B, U+2028, U+2029, U+202F
    if (c1 === 0x80 && ((c2 >= 0x80 && c2 <= 0x8b) || c2 === 0xa8 || c2 === 0xa9 || c2 === 0xaf)) return 3;
    if (c1 === 0x81 && (c2 === 0x9f || c2 === 0xa0)) return 3; // U+205F, U+2060
  }
  if (c === 0xe3 && i + 2 < end && b[i + 1] === 0x80 && b[i + 2] === 0x80) return 3; // U+3000
  return 0;
}

/** Byte length of the whitespace character that ends at `end` (exclusive), or 0. */
export function wsLenBefore(b: Uint8Array, start: number, end: number): number {
  for (let len = 1; len <= 3 && end - len >= start; len++) {
    const n = wsLenAt(b, end - len, end);
    if (n === len) return n;
  }
  return 0;
}

/** Narrows [start, end) to exclude leading and trailing whitespace. */
export function trimRange(b: Uint8Array, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  for (let n = wsLenAt(b, s, e); n > 0; n = wsLenAt(b, s, e)) s += n;
  for (let n = wsLenBefore(b, s, e); n > 0; n = wsLenBefore(b, s, e)) e -= n;
  return [s, e];
}

/** How often a sequential pass over a mapped input tells it what it read. */
export const TOUCH_STEP = 1 << 22;

/** Tells a mapped input that [mark, pos) was read; the new mark. */
export function touchFrom(bytes: Uint8Array, mark: number, pos: number): number {
  touch(bytes, pos - mark);
  return pos;
}

/**
 * Lines of a document: starts[i]..ends[i] is line i without its line break (CR LF
 * or LF). Typed arrays sized by a first count of the line feeds: no growing
 * arrays of millions of numbers for the collector to copy.
 */
export function scanLines(bytes: Uint8Array): { starts: Uint32Array | Float64Array; ends: Uint32Array | Float64Array } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = buf.length;
  // A mapped input is told what each pass has read, so that it can give its pages back.
  const mapped = isMapped(bytes);
  let mark = 0;
  let lines = 0;
  for (let pos = 0; pos < n; lines++) {
    const nl = buf.indexOf(0x0a, pos);
    if (nl === -1) {
      lines++;
      break;
    }
    pos = nl + 1;
    if (mapped && pos - mark >= TOUCH_STEP) mark = touchFrom(bytes, mark, pos);
  }
  // Offsets in 32 bits while they fit (inputs under 4 GiB): 8 bytes a line, not 16.
  const wide = n >= 2 ** 32;
  const starts = wide ? new Float64Array(lines) : new Uint32Array(lines);
  const ends = wide ? new Float64Array(lines) : new Uint32Array(lines);
  let pos = 0;
  mark = 0;
  for (let i = 0; i < lines; i++) {
    const nl = buf.indexOf(0x0a, pos);
    const lineEnd = nl === -1 ? n : nl;
    starts[i] = pos;
    ends[i] = lineEnd > pos && buf[lineEnd - 1] === 0x0d ? lineEnd - 1 : lineEnd;
    pos = lineEnd + 1;
    if (mapped && pos - mark >= TOUCH_STEP) mark = touchFrom(bytes, mark, pos);
  }
  return { starts, ends };
}

/** bytes[start, end) as a string of one char per byte (a key for comparing bytes). */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', start, end);
}

/** True when [start, end) holds only whitespace. */
export function isBlank(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const n = wsLenAt(b, i, end);
    if (n === 0) return false;
    i += n;
  }
  return true;
}

/**
 * Decodes UTF-8 and returns, for every UTF-16 code unit of the result, the byte
 * offset it came from (offsets[text.length] === end). Each maximal invalid
 * subsequence becomes one U+FFFD, as TextDecoder does.
 */
export function decodeWithOffsets(b: Uint8Array, start: number, end: number): { text: string; offsets: Uint32Array } {
  const units: number[] = [];
  const offs: number[] = [];
  let i = start;
  while (i < end) {
    const c = b[i] as number;
    if (c < 0x80) {
      units.push(c);
      offs.push(i);
      i += 1;
      continue;
    }
    let need = 0;
    let cp = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      cp = c & 0x0f;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      cp = c & 0x07;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    }
    let j = i + 1;
    let ok = need > 0;
    for (let k = 0; k < need; k++) {
      const d = b[j];
      if (j >= end || d === undefined || d < lo || d > hi) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (d & 0x3f);
      lo = 0x80;
      hi = 0xbf;
      j++;
    }
    if (!ok) {
      units.push(0xfffd);
      offs.push(i);
      i = Math.max(j, i + 1);
      continue;
    }
    if (cp >= 0x10000) {
      const v = cp - 0x10000;
      units.push(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff));
      offs.push(i, i);
    } else {
      units.push(cp);
      offs.push(i);
    }
    i = j;
  }
  offs.push(end);
  let text = '';
  for (let k = 0; k < units.length; k += 8192) text += String.fromCharCode(...units.slice(k, k + 8192));
  return { text, offsets: Uint32Array.from(offs) };
}
