/**
 * The in-memory index store: the reference implementation of the contract, for
 * tests and for library users who keep an index alive in one process.
 */
import { type ClaimEntry, type ClaimResult, type IndexMeta, type IndexRecord, type IndexStats, type IndexStore, IndexError } from './types.js';

interface Held {
  seq: number;
  hash: string;
  path: string;
  line: number;
  firstSeen: number;
  lastSeen: number;
  docs: number;
  words: Int32Array;
  bands: Int32Array;
  text?: string;
}

const snapshot = (h: Held): IndexRecord => ({
  seq: h.seq,
  hash: h.hash,
  path: h.path,
  line: h.line,
  firstSeen: h.firstSeen,
  lastSeen: h.lastSeen,
  docs: h.docs,
  words: h.words,
  ...(h.text !== undefined ? { text: h.text } : {}),
});

/** Checks `meta` against what an index holds; the message names what differs. */
export function checkMeta(held: IndexMeta, wanted: IndexMeta, where: string): void {
  for (const key of Object.keys(wanted) as (keyof IndexMeta)[]) {
    if (held[key] !== wanted[key]) {
      // A format no setting of this version gives: only a new index will do.
      const remedy = key === 'formatVersion' || key === 'minhashVersion' ? 'use a new index (this version cannot read or extend it)' : 'use a new index, or the same settings';
      throw new IndexError(`${where}: the index was built with ${key} ${String(held[key])}, this run uses ${String(wanted[key])}; ${remedy}`);
    }
  }
}

export class MemoryIndexStore implements IndexStore {
  readonly kind = 'memory';
  private meta: IndexMeta | undefined;
  private seq = 0;
  private readonly byHash = new Map<string, Held>();
  private readonly bySeq = new Map<number, Held>();
  private bandMaps: Map<number, number[]>[] = [];

  async open(meta: IndexMeta): Promise<void> {
    if (this.meta) checkMeta(this.meta, meta, 'memory index');
    else {
      this.meta = meta;
      this.bandMaps = Array.from({ length: meta.bands }, () => new Map<number, number[]>());
    }
  }

  claim(entries: readonly ClaimEntry[]): Promise<ClaimResult[]> {
    const counted = new Set<string>();
    const results = entries.map((e): ClaimResult => {
      const docKey = `${e.hash}\u0000${e.doc}`;
      const held = this.byHash.get(e.hash);
      if (held) {
        held.lastSeen = Math.max(held.lastSeen, e.time);
        if (!counted.has(docKey)) held.docs++;
        counted.add(docKey);
        return { claimed: false, record: snapshot(held) };
      }
      counted.add(docKey);
      const h: Held = {
        seq: ++this.seq,
        hash: e.hash,
        path: e.doc,
        line: e.line,
        firstSeen: e.time,
        lastSeen: e.time,
        docs: 1,
        words: Int32Array.from(e.words),
        bands: Int32Array.from(e.bands),
        ...(e.text !== undefined ? { text: e.text } : {}),
      };
      this.byHash.set(h.hash, h);
      this.bySeq.set(h.seq, h);
      h.bands.forEach((key, band) => {
        const map = this.bandMaps[band];
        if (!map) return;
        const bucket = map.get(key);
        if (bucket) bucket.push(h.seq);
        else map.set(key, [h.seq]);
      });
      return { claimed: true, record: snapshot(h) };
    });
    return Promise.resolve(results);
  }

  candidates(queries: readonly Int32Array[], maxPerBand = 32): Promise<IndexRecord[][]> {
    return Promise.resolve(
      queries.map((q) => {
        const seqs = new Set<number>();
        q.forEach((key, band) => {
          const bucket = this.bandMaps[band]?.get(key);
          if (!bucket) return;
          for (const s of bucket.slice(0, maxPerBand)) seqs.add(s);
        });
        return [...seqs].sort((a, b) => a - b).map((s) => snapshot(this.bySeq.get(s) as Held));
      }),
    );
  }

  stats(): Promise<IndexStats> {
    let oldest: number | null = null;
    let newest: number | null = null;
    let bytes = 0;
    for (const h of this.byHash.values()) {
      oldest = oldest === null ? h.firstSeen : Math.min(oldest, h.firstSeen);
      newest = newest === null ? h.lastSeen : Math.max(newest, h.lastSeen);
      bytes += 64 + h.path.length * 2 + h.words.byteLength + h.bands.byteLength + (h.text?.length ?? 0) * 2;
    }
    return Promise.resolve({ blocks: this.byHash.size, bytes, oldest, newest, meta: this.meta ?? null });
  }

  prune(before: number): Promise<number> {
    let removed = 0;
    for (const h of [...this.byHash.values()]) {
      if (h.lastSeen >= before) continue;
      this.byHash.delete(h.hash);
      this.bySeq.delete(h.seq);
      h.bands.forEach((key, band) => {
        const map = this.bandMaps[band];
        const bucket = map?.get(key);
        if (!map || !bucket) return;
        const kept = bucket.filter((s) => s !== h.seq);
        if (kept.length > 0) map.set(key, kept);
        else map.delete(key);
      });
      removed++;
    }
    return Promise.resolve(removed);
  }

  async *records(): AsyncIterable<IndexRecord> {
    for (const s of [...this.bySeq.keys()].sort((a, b) => a - b)) yield snapshot(this.bySeq.get(s) as Held);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
