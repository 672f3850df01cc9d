/**
 * Banding: a MinHash signature -> one 32-bit key per band.
 */
import { combine, fmix32 } from '../fingerprint/hash.js';
import type { LshParams } from './params.js';

export { candidateLevel, candidateProbability, chooseParams } from './params.js';
export type { LshParams } from './params.js';

/**
 * The band keys of a signature; rows beyond bands*rows are unused. Keys are cut
 * to 30 bits so that they stay small integers (unboxed) as Map keys; a chance
 * collision only adds a candidate, which verification rejects.
 */
export function bandKeys(signature: Int32Array, params: LshParams): Int32Array {
  const keys = new Int32Array(params.bands);
  bandKeysInto(signature, 0, params, keys, 0);
  return keys;
}

/** bandKeys of the signature at signatures[from ..], written to out[at, at + bands). */
export function bandKeysInto(signatures: Int32Array, from: number, params: LshParams, out: Int32Array, at: number): void {
  for (let band = 0; band < params.bands; band++) {
    let h = fmix32(band + 1);
    const base = from + band * params.rows;
    for (let r = 0; r < params.rows; r++) h = combine(h, signatures[base + r] as number);
    out[at + band] = h & 0x3fffffff;
  }
}
