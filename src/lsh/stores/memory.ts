/**
 * In-memory band store: one Map per band from 32-bit band key to the ids stored
 * under it. A bucket answers at most `maxPerBucket` ids (its first ones): a key
 * shared by thousands of near-identical blocks is matched against its earliest
 * members instead of every pair, which keeps the cost linear.
 */
import type { BandEntry, BandStore } from '../store.js';

export class MemoryBandStore implements BandStore {
  private readonly maps: Map<number, number[]>[];
  private readonly maxPerBucket: number;

  constructor(bands: number, maxPerBucket = 32) {
    this.maps = Array.from({ length: bands }, () => new Map<number, number[]>());
    this.maxPerBucket = maxPerBucket;
  }

  addAndQuery(entries: readonly BandEntry[]): Promise<number[][]> {
    return Promise.resolve(entries.map((e) => this.addOne(e)));
  }

  private addOne(entry: BandEntry): number[] {
    const found: number[] = [];
    for (let band = 0; band < this.maps.length; band++) {
      const map = this.maps[band] as Map<number, number[]>;
      const key = entry.keys[band] as number;
      const bucket = map.get(key);
      if (bucket === undefined) {
        map.set(key, [entry.id]);
        continue;
      }
      for (const id of bucket) found.push(id);
      if (bucket.length < this.maxPerBucket) bucket.push(entry.id);
    }
    if (found.length < 2) return found;
    found.sort((a, b) => a - b);
    let w = 1;
    for (let r = 1; r < found.length; r++) if (found[r] !== found[w - 1]) found[w++] = found[r] as number;
    found.length = w;
    return found;
  }
}
