/**
 * The band store: where LSH band keys live. Async and batched from the start, so
 * that an on-disk or networked store fits the same interface as the in-memory one.
 */

/** One block's band keys: keys[i] is the 32-bit key of band i. */
export interface BandEntry {
  readonly id: number;
  readonly keys: Int32Array;
}

export interface BandStore {
  /**
   * For each entry in order, returns the ids stored earlier (including earlier
   * entries of the same batch) that share at least one band key with it, at most
   * `maxPerBucket` per band bucket, ascending and without repeats; then stores it.
   */
  addAndQuery(entries: readonly BandEntry[]): Promise<number[][]>;
}
