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

  /** stamp[id] === entry id + 1 marks an id already collected for this entry (no Set, no 2^24 Map limit). */
  private stamp = new Int32Array(1024);

  private addOne(entry: BandEntry): number[] {
    const found: number[] = [];
    if (entry.id >= this.stamp.length) {
      const grown = new Int32Array(Math.max(entry.id + 1, this.stamp.length * 2));
      grown.set(this.stamp);
      this.stamp = grown;
    }
    const stamp = this.stamp;
    const mark = entry.id + 1;
    for (let band = 0; band < this.maps.length; band++) {
      const map = this.maps[band] as Map<number, number[]>;
      const key = entry.keys[band] as number;
      const bucket = map.get(key);
      if (bucket === undefined) {
        map.set(key, [entry.id]);
        continue;
      }
      for (const id of bucket) {
        if (stamp[id] === mark) continue;
        stamp[id] = mark;
        found.push(id);
      }
      if (bucket.length < this.maxPerBucket) bucket.push(entry.id);
    }
    return found.length < 2 ? found : found.sort((a, b) => a - b);
  }
}
