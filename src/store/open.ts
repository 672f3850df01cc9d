/**
 * Opens the index a `--index` value names: `redis://…` / `rediss://…` is a Redis
 * (or Redis Cluster) index, anything else a path to an SQLite file. The stores'
 * modules, and their client libraries, are loaded only when an index is used.
 */
import type { IndexStore } from './types.js';

export function isRedisSpec(spec: string): boolean {
  return /^rediss?:\/\//i.test(spec);
}

export async function openIndex(spec: string): Promise<IndexStore> {
  if (isRedisSpec(spec)) {
    const { RedisIndexStore } = await import('./redis.js');
    return RedisIndexStore.connect(spec);
  }
  const { SqliteIndexStore } = await import('./sqlite.js');
  return SqliteIndexStore.openFile(spec);
}
