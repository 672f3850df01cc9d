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
  for (let band = 0; band < params.bands; band++) {
    let h = fmix32(band + 1);
    const base = band * params.rows;
    for (let r = 0; r < params.rows; r++) h = combine(h, signature[base + r] as number);
    keys[band] = h & 0x3fffffff;
  }
  return keys;
}
