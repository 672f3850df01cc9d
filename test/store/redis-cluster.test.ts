/**
 * The Redis store on a real 3-master Redis Cluster (loopback ports, started and
 * stopped here), reached through the multi-seed URL: the shared contract, and
 * what is particular to a cluster (one slot per index, redirections, seeds).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisIndexStore } from '../../src/store/redis.js';
import { IndexError, type IndexStore } from '../../src/store/types.js';
import { entry, META, storeContract } from './contract.js';
import { cli, type RedisCluster, redisStoreFactory, SKIP_REDIS, startCluster, unusedPort } from './redis-server.js';

describe.skipIf(SKIP_REDIS)('redis index store (cluster)', () => {
  let cluster: RedisCluster;
  beforeAll(async () => {
    cluster = await startCluster(3);
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  storeContract('redis-cluster', redisStoreFactory((n) => cluster.url(`cluster-${n}`)));

  /** The port of the master that serves a key. */
  async function ownerOf(key: string): Promise<number> {
    const slot = Number((await cli(cluster.nodes[0]?.port as number, 'CLUSTER', 'KEYSLOT', key)).trim());
    for (const node of cluster.nodes) {
      if (Number((await cli(node.port, 'CLUSTER', 'COUNTKEYSINSLOT', String(slot))).trim()) > 0) return node.port;
    }
    return 0;
  }

  it('keeps all keys of one index in one slot, and spreads indexes over the masters', async () => {
    const ports = new Set<number>();
    for (const prefix of ['spread-a', 'spread-b', 'spread-c', 'spread-d', 'spread-e', 'spread-f']) {
      const s = await RedisIndexStore.connect(cluster.url(prefix));
      expect(s.cluster).toBe(true);
      await s.open(META);
      await s.claim([entry(1), entry(2, { bands: entry(1).bands })]);
      const slot = (await cli(cluster.nodes[0]?.port as number, 'CLUSTER', 'KEYSLOT', `{${prefix}}:v2:meta`)).trim();
      const owner = await ownerOf(`{${prefix}}:v2:meta`);
      // meta, seq, hashes, seqs, first, last, r:1, r:2, the bands hash, 4 buckets: all in the one slot.
      expect((await cli(owner, 'CLUSTER', 'COUNTKEYSINSLOT', slot)).trim()).toBe('13');
      ports.add(owner);
      await s.close();
    }
    expect(ports.size).toBeGreaterThan(1);
  });

  it('reaches an index on any master through one seed (cluster=1), following redirections', async () => {
    for (const prefix of ['seed-a', 'seed-b', 'seed-c', 'seed-d']) {
      const writer = await RedisIndexStore.connect(cluster.url(prefix));
      await writer.open(META);
      await writer.claim([entry(5)]);
      await writer.close();
      for (const node of cluster.nodes) {
        const s = await RedisIndexStore.connect(`redis://127.0.0.1:${node.port}?prefix=${prefix}&cluster=1`);
        await s.open(META);
        expect((await s.claim([entry(5, { doc: `via-${node.port}` })]))[0]?.claimed).toBe(false);
        await s.close();
      }
      const reader = await RedisIndexStore.connect(cluster.url(prefix));
      expect((await reader.stats()).blocks).toBe(1);
      const [r] = (await reader.candidates([entry(5).bands]))[0] ?? [];
      expect(r?.docs).toBe(4);
      await reader.close();
    }
  });

  it('connects when some seeds are down, and fails with an IndexError when all are', async () => {
    const dead = await unusedPort();
    const alive = cluster.nodes[1]?.port as number;
    const s = await RedisIndexStore.connect(`redis://127.0.0.1:${dead},127.0.0.1:${alive}?prefix=seeds`);
    await s.open(META);
    expect((await s.claim([entry(1)]))[0]?.claimed).toBe(true);
    await s.close();
    const dead2 = await unusedPort();
    const t0 = Date.now();
    const err: unknown = await RedisIndexStore.connect(`redis://127.0.0.1:${dead},127.0.0.1:${dead2}?prefix=seeds`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IndexError);
    expect((err as Error).message).toMatch(new RegExp(`^redis://127\\.0\\.0\\.1:${dead},127\\.0\\.0\\.1:${dead2}\\?prefix=seeds: (connection refused|cannot reach any seed node)`));
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('a cluster node is not a single server: the plain URL of one node gives a clear error, not a wrong index', async () => {
    // Without cluster=1 the client talks to one node as to a single server; the
    // node redirects keys it does not serve, which must surface as an error.
    for (const node of cluster.nodes) {
      const s = await RedisIndexStore.connect(`redis://127.0.0.1:${node.port}?prefix=seed-a`);
      const owner = await ownerOf('{seed-a}:v2:meta');
      if (owner === node.port) {
        await s.open(META);
        expect((await s.stats()).blocks).toBe(1);
      } else await expect(s.open(META)).rejects.toThrow(/is a Redis Cluster node.*cluster=1/);
      await s.close();
    }
  });

  // Last: it takes a master down.
  it('the master of an index killed mid-use: the next calls reject with an IndexError within seconds', async () => {
    const s = await RedisIndexStore.connect(cluster.url('doomed'));
    await s.open(META);
    await s.claim([entry(1)]);
    const owner = await ownerOf('{doomed}:v2:meta');
    const node = cluster.nodes.find((n) => n.port === owner);
    await node?.kill();
    const t0 = Date.now();
    const err: unknown = await s.claim([entry(2)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IndexError);
    expect((err as Error).message).toMatch(/^redis:\/\/127\.0\.0\.1:\d+,.*\?prefix=doomed: (connection lost|connection refused|the cluster is down)/);
    await expect(s.candidates([entry(1).bands])).rejects.toBeInstanceOf(IndexError);
    expect(Date.now() - t0).toBeLessThan(5_000);
    await s.close();
  });
});
