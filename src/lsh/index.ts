/**
 * Banding: a MinHash signature -> one 32-bit key per band.
 */
import { combine, fmix32 } from '../fingerprint/hash.js';
import type { LshParams } from './params.js';

export { candidateLevel, candidateProbability, chooseParams } from './params.js';
export type { LshParams } from './params.js';
export type { BandEntry, BandStore } from './store.js';

/** The band keys of a signature; rows beyond bands*rows are unused. */
export function bandKeys(signature: Uint32Array, params: LshParams): Uint32Array {
  const keys = new Uint32Array(params.bands);
  for (let band = 0; band < params.bands; band++) {
    let h = fmix32(band + 1);
    const base = band * params.rows;
    for (let r = 0; r < params.rows; r++) h = combine(h, signature[base + r] as number);
    keys[band] = h;
  }
  return keys;
}
