/**
 * 32-bit hashing with Math.imul (no allocation): FNV-1a over UTF-16 code units
 * finished with the murmur3 avalanche, and a mixer for combining hashes.
 */

/** murmur3 fmix32: full avalanche of a 32-bit value (unsigned). */
export function fmix32(h: number): number {
  return mix32(h) >>> 0;
}

/** fmix32 as a signed 32-bit integer (fmix32(h) | 0), which stays a small integer in the engine. */
export function mix32(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/** Hash of the UTF-16 code units s[start, end), seeded (no substring is built). */
export function hashRange(s: string, start: number, end: number, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) | 0;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h ^ (end - start));
}

/** Hash of a string's UTF-16 code units, seeded. */
export function hashString(s: string, seed = 0): number {
  return hashRange(s, 0, s.length, seed);
}

/** Order-dependent combination of two 32-bit hashes. */
export function combine(a: number, b: number): number {
  return fmix32(Math.imul(a ^ 0x9e3779b9, 0x01000193) ^ b);
}
