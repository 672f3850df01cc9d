/**
 * The Redis store on a real redis-server (started here on 127.0.0.1, stopped
 * afterwards): the shared contract, the URL syntax, the key layout, and what
 * happens when the server is unreachable or goes away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRedisUrl, RedisIndexStore } from '../../src/store/redis.js';
import { IndexError, type IndexStore } from '../../src/store/types.js';
import { entry, META, storeContract } from './contract.js';
import { cli, type RedisServer, redisStoreFactory, SKIP_REDIS, startRedis, stopAll, unusedPort } from './redis-server.js';

describe('redis URL syntax', () => {
  it('reads host, port, database, prefix; defaults port 6379, database 0, prefix dedupe', () => {
    expect(parseRedisUrl('redis://localhost')).toMatchObject({
      tls: false,
      nodes: [{ host: 'localhost', port: 6379 }],
      db: 0,
      prefix: 'dedupe',
      cluster: false,
      where: 'redis://localhost:6379',
    });
    const t = parseRedisUrl('redis://10.0.0.5:7000/3?prefix=crawl-2026');
    expect(t).toMatchObject({ nodes: [{ host: '10.0.0.5', port: 7000 }], db: 3, prefix: 'crawl-2026', where: 'redis://10.0.0.5:7000/3?prefix=crawl-2026' });
    expect(t.username).toBeUndefined();
    expect(t.password).toBeUndefined();
    expect(parseRedisUrl('redis://h:1/').db).toBe(0);
  });

  it('reads user and password (percent-encoded), or a password alone, and never shows them', () => {
    const t = parseRedisUrl('redis://crawler:p%40ss%3Aw0rd@db.example:6380/1');
    expect(t).toMatchObject({ username: 'crawler', password: 'p@ss:w0rd', db: 1, where: 'redis://db.example:6380/1' });
    const p = parseRedisUrl('redis://:secret@h');
    expect(p.username).toBeUndefined();
    expect(p.password).toBe('secret');
    expect(() => parseRedisUrl('redis://justuser@h')).toThrow(IndexError);
    try {
      parseRedisUrl('redis://u:secret@h?oops=1');
      expect.unreachable();
    } catch (err) {
      expect(String(err)).not.toContain('secret');
      expect(String(err)).toMatch(/unknown parameter "oops"/);
    }
  });

  it('rediss:// is TLS; IPv6 hosts go in brackets', () => {
    expect(parseRedisUrl('rediss://cache.example:6380?prefix=x')).toMatchObject({ tls: true, nodes: [{ host: 'cache.example', port: 6380 }], where: 'rediss://cache.example:6380?prefix=x' });
    expect(parseRedisUrl('redis://[::1]:7001')).toMatchObject({ nodes: [{ host: '::1', port: 7001 }], where: 'redis://[::1]:7001' });
    expect(parseRedisUrl('REDIS://h').tls).toBe(false);
  });

  it('several seed nodes are a cluster; cluster=1 makes one seed a cluster', () => {
    const c = parseRedisUrl('redis://a:7000,b:7001,[::1]:7002?prefix=p&cluster=1');
    expect(c).toMatchObject({ cluster: true, prefix: 'p', nodes: [{ host: 'a', port: 7000 }, { host: 'b', port: 7001 }, { host: '::1', port: 7002 }] });
    expect(c.where).toBe('redis://a:7000,b:7001,[::1]:7002?prefix=p');
    expect(parseRedisUrl('redis://a:7000,b:7001').cluster).toBe(true);
    expect(parseRedisUrl('redis://a:7000?cluster=1')).toMatchObject({ cluster: true, where: 'redis://a:7000?cluster=1' });
    expect(parseRedisUrl('redis://a:7000?cluster=0').cluster).toBe(false);
    expect(parseRedisUrl('rediss://u:p@a:7000,b:7001')).toMatchObject({ tls: true, cluster: true, username: 'u', password: 'p' });
  });

  it('refuses what it cannot read, saying why', () => {
    const bad: [string, RegExp][] = [
      ['http://h', /starts with redis:\/\//],
      ['redis://', /host is missing/],
      ['redis://h:0', /out of range/],
      ['redis://h:99999', /out of range/],
      ['redis://h:port', /not HOST or HOST:PORT/],
      ['redis://a:1,,b:2', /host is missing/],
      ['redis://h/x', /not a database number/],
      ['redis://h?prefix=', /prefix/],
      ['redis://h?prefix=a{b}', /prefix/],
      ['redis://h?prefix=a&prefix=b', /twice/],
      ['redis://h?cluster=maybe', /cluster=1 or cluster=0/],
      ['redis://a:1,b:2?cluster=0', /cluster=0/],
      ['redis://a:1,b:2/2', /only database 0/],
      ['redis://u:%zz@h', /percent-encoding/],
    ];
    for (const [spec, why] of bad) expect(() => parseRedisUrl(spec), spec).toThrow(why);
    for (const [spec] of bad) expect(() => parseRedisUrl(spec)).toThrow(IndexError);
  });
});

describe.skipIf(SKIP_REDIS)('redis index store (single server)', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(() => stopAll());

  storeContract('redis', redisStoreFactory((n) => server.url(`contract-${n}`)));

  it('is kind redis; keys are prefixed, versioned and hash-tagged; nothing outside the prefix', async () => {
    const s = await RedisIndexStore.connect(server.url('layout'));
    await s.open(META);
    await s.claim([entry(7, { text: 'seven' }), entry(8, { bands: Int32Array.from([70, 1, 2, 3]) })]);
    expect(s.kind).toBe('redis');
    expect(s.cluster).toBe(false);
    const keys = (await cli(server.port, '--scan', '--pattern', '{layout}*')).trim().split('\n').sort();
    expect(keys).toEqual(
      [
        'bands', 'bucket:0:70', 'first', 'hashes', 'last', 'meta', 'r:1', 'r:2', 'seq', 'seqs',
      ].map((k) => `{layout}:v2:${k}`).sort(),
    );
    // Band key 70 of band 0 is shared: a bucket, in seq order; the others are singletons.
    expect((await cli(server.port, 'HGET', '{layout}:v2:bands', '0:70')).trim()).toBe('*');
    expect((await cli(server.port, 'ZRANGE', '{layout}:v2:bucket:0:70', '0', '-1')).trim().split('\n')).toEqual(['1', '2']);
    expect((await cli(server.port, 'HGET', '{layout}:v2:bands', '1:71')).trim()).toBe('1');
    expect((await cli(server.port, 'HGET', '{layout}:v2:meta', 'bands')).trim()).toBe('4');
    expect((await cli(server.port, 'HGET', '{layout}:v2:r:1', 't')).trim()).toBe('seven');
    expect((await cli(server.port, 'HGET', '{layout}:v2:r:2', 't')).trim()).toBe('');
    // Word hashes: the Int32Array's bytes, little-endian.
    const second = "return struct.unpack('<i4', redis.call('HGET', KEYS[1], 'w'), 5)";
    expect((await cli(server.port, 'EVAL', second, '1', '{layout}:v2:r:1')).trim()).toBe('-7');
    // Prune folds a bucket back to a singleton, and removes all trace of the block.
    expect(await s.prune(1_008)).toBe(1); // entry 7 (time 1007)
    expect((await cli(server.port, 'HGET', '{layout}:v2:bands', '0:70')).trim()).toBe('2');
    expect((await cli(server.port, 'EXISTS', '{layout}:v2:bucket:0:70', '{layout}:v2:r:1')).trim()).toBe('0');
    // Left: entry 8's four buckets (0:70 folded back to it, 1:1, 2:2, 3:3).
    expect((await cli(server.port, 'HLEN', '{layout}:v2:bands')).trim()).toBe('4');
    expect(await s.prune(2_000)).toBe(1);
    const left = (await cli(server.port, '--scan', '--pattern', '{layout}*')).trim().split('\n').sort();
    expect(left).toEqual(['{layout}:v2:meta', '{layout}:v2:seq']);
    await s.close();
  });

  it('uses the database the URL names, and keeps indexes under different prefixes apart', async () => {
    const a = await RedisIndexStore.connect(`redis://127.0.0.1:${server.port}/2?prefix=apart`);
    const b = await RedisIndexStore.connect(server.url('apart'));
    await a.open(META);
    await b.open(META);
    await a.claim([entry(1)]);
    expect((await b.claim([entry(1)]))[0]?.claimed).toBe(true);
    expect((await cli(server.port, '-n', '2', 'EXISTS', '{apart}:v2:r:1')).trim()).toBe('1');
    const other = await RedisIndexStore.connect(server.url('apart-2'));
    await other.open(META);
    expect((await other.stats()).blocks).toBe(0);
    await Promise.all([a.close(), b.close(), other.close()]);
  });

  it('sends a large claim as a few scripts in one pipeline, in order, and pages records()', async () => {
    const s = await RedisIndexStore.connect(server.url('large'));
    await s.open(META);
    const many = Array.from({ length: 1_234 }, (_, i) => entry(10_000 + i, { doc: `d${i % 7}` }));
    const first = await s.claim([...many, many[0] as (typeof many)[number]]);
    expect(first.filter((r) => r.claimed).length).toBe(1_234);
    expect(first.slice(0, 1_234).map((r) => r.record.seq)).toEqual(Array.from({ length: 1_234 }, (_, i) => i + 1));
    expect(first[1_234]).toMatchObject({ claimed: false, record: { seq: 1, docs: 1 } }); // same hash and doc: not counted twice
    const seqs: number[] = [];
    for await (const r of s.records()) seqs.push(r.seq);
    expect(seqs).toEqual(Array.from({ length: 1_234 }, (_, i) => i + 1));
    const found = await s.candidates(many.map((e) => e.bands));
    expect(found.map((c) => c.map((r) => r.hash))).toEqual(many.map((e) => [e.hash]));
    const st = await s.stats();
    expect(st.blocks).toBe(1_234);
    // An estimate of this index's own memory: some hundreds of bytes per block, far below the server's total.
    expect(st.bytes).toBeGreaterThan(1_234 * 100);
    expect(st.bytes).toBeLessThan(1_234 * 5_000);
    expect(await s.prune(Infinity)).toBe(1_234);
    expect((await s.stats()).blocks).toBe(0);
    await s.close();
  });

  it('stats() without MEMORY USAGE (disabled, as on some managed services): the server\'s used_memory', async () => {
    const bare = await startRedis({ args: ['--rename-command', 'MEMORY', ''] });
    try {
      const s = await RedisIndexStore.connect(bare.url('bare'));
      await s.open(META);
      await s.claim([entry(1), entry(2)]);
      const used = Number(/used_memory:(\d+)/.exec(await cli(bare.port, 'INFO', 'memory'))?.[1]);
      const st = await s.stats();
      expect(st.blocks).toBe(2);
      expect(Math.abs(st.bytes - used) / used).toBeLessThan(0.2);
      await s.close();
    } finally {
      await bare.stop();
    }
  });

  it('handles sequence numbers past 10^14 (formatting in Lua)', async () => {
    const s = await RedisIndexStore.connect(server.url('bigseq'));
    await s.open(META);
    await cli(server.port, 'SET', '{bigseq}:v2:seq', '99999999999999');
    const [a, b] = await s.claim([entry(1), entry(2, { bands: entry(1).bands })]);
    expect([a?.record.seq, b?.record.seq]).toEqual([100_000_000_000_000, 100_000_000_000_001]);
    expect((await s.candidates([entry(1).bands]))[0]?.map((r) => r.seq)).toEqual([100_000_000_000_000, 100_000_000_000_001]);
    expect((await s.claim([entry(2)]))[0]?.record.seq).toBe(100_000_000_000_001);
    expect(await s.prune(Infinity)).toBe(2);
    expect((await cli(server.port, 'EXISTS', '{bigseq}:v2:bands', '{bigseq}:v2:bucket:0:10')).trim()).toBe('0');
    await s.close();
  });

  it('runs after the server lost its scripts (SCRIPT FLUSH: NOSCRIPT, then EVAL)', async () => {
    const s = await RedisIndexStore.connect(server.url('noscript'));
    await s.open(META);
    await cli(server.port, 'SCRIPT', 'FLUSH');
    expect((await s.claim(Array.from({ length: 450 }, (_, i) => entry(i + 1)))).every((r) => r.claimed)).toBe(true);
    await cli(server.port, 'SCRIPT', 'FLUSH');
    expect((await s.candidates([entry(3).bands]))[0]?.map((r) => r.hash)).toEqual([entry(3).hash]);
    await s.close();
  });

  it('refuses keys under the prefix that are not an index of this layout', async () => {
    await cli(server.port, 'SET', '{squatted}:v2:meta', 'not a hash');
    const s = await RedisIndexStore.connect(server.url('squatted'));
    await expect(s.open(META)).rejects.toThrow(/squatted.*not a dedupe index/);
    await s.close();
  });

  it('a closed store refuses calls; close twice is harmless', async () => {
    const s = await RedisIndexStore.connect(server.url('closed'));
    await s.close();
    await s.close();
    await expect(s.claim([entry(1)])).rejects.toThrow(/closed/);
  });

  it('a refused connection is an IndexError, at once', async () => {
    const port = await unusedPort();
    const t0 = Date.now();
    const err: unknown = await RedisIndexStore.connect(`redis://127.0.0.1:${port}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IndexError);
    expect((err as Error).message).toBe(`redis://127.0.0.1:${port}: connection refused`);
    expect(Date.now() - t0).toBeLessThan(3_000);
  });

  it('a database the server has not got, or cluster=1 on a single server, is an IndexError', async () => {
    await expect(RedisIndexStore.connect(`redis://127.0.0.1:${server.port}/99`)).rejects.toThrow(
      new IndexError(`redis://127.0.0.1:${server.port}/99: no such database number`),
    );
    await expect(RedisIndexStore.connect(`redis://127.0.0.1:${server.port}?cluster=1`)).rejects.toThrow(/not a Redis Cluster node/);
  });

  it('wrong credentials are an IndexError naming the cause, without the password', async () => {
    const locked = await startRedis({ args: ['--requirepass', 'right-one'] });
    try {
      const err: unknown = await RedisIndexStore.connect(`redis://:wrong-one@127.0.0.1:${locked.port}`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IndexError);
      expect((err as Error).message).toMatch(new RegExp(`^redis://127\\.0\\.0\\.1:${locked.port}: authentication failed`));
      expect((err as Error).message).not.toContain('wrong-one');
      const ok = await RedisIndexStore.connect(`redis://default:right-one@127.0.0.1:${locked.port}?prefix=auth`);
      await ok.open(META);
      expect((await ok.claim([entry(1)]))[0]?.claimed).toBe(true);
      await ok.close();
    } finally {
      await locked.stop();
    }
  });

  it('a server killed mid-use: the next calls reject with an IndexError within seconds, never hang', async () => {
    const doomed = await startRedis();
    try {
      const s = await RedisIndexStore.connect(doomed.url('doomed'));
      await s.open(META);
      await s.claim([entry(1)]);
      await doomed.kill();
      const t0 = Date.now();
      const err: unknown = await s.claim([entry(2)]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IndexError);
      expect((err as Error).message).toMatch(new RegExp(`^redis://127\\.0\\.0\\.1:${doomed.port}\\?prefix=doomed: connection (lost|refused)`));
      await expect(s.candidates([entry(1).bands])).rejects.toBeInstanceOf(IndexError);
      await expect(s.stats()).rejects.toBeInstanceOf(IndexError);
      expect(Date.now() - t0).toBeLessThan(5_000);
      await s.close();
    } finally {
      await doomed.stop();
    }
  });

  it('a call in flight when the server dies rejects too', async () => {
    const doomed = await startRedis({ args: ['--enable-debug-command', 'local'] });
    try {
      const s = await RedisIndexStore.connect(doomed.url('inflight'));
      await s.open(META);
      // DEBUG SLEEP holds the server; the claim waits behind it, then the server dies.
      void cli(doomed.port, 'DEBUG', 'SLEEP', '5').catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
      const pending = s.claim([entry(3)]).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 100));
      const t0 = Date.now();
      await doomed.kill();
      const err = await pending;
      expect(err).toBeInstanceOf(IndexError);
      expect(Date.now() - t0).toBeLessThan(3_000);
      await s.close();
    } finally {
      await doomed.stop();
    }
  });

  it('with appendonly (fsync always), a claimed block survives kill -9 of the server', async () => {
    const first = await startRedis({ appendonly: true });
    let again: RedisServer | undefined;
    try {
      const s = await RedisIndexStore.connect(first.url('durable'));
      await s.open(META);
      await s.claim(Array.from({ length: 300 }, (_, i) => entry(i + 1)));
      await first.kill();
      await s.close();
      again = await startRedis({ appendonly: true, dir: first.dir, port: first.port });
      const t = await RedisIndexStore.connect(again.url('durable'));
      await t.open(META);
      expect((await t.stats()).blocks).toBe(300);
      const [held, fresh] = await t.claim([entry(300), entry(301)]);
      expect(held).toMatchObject({ claimed: false, record: { seq: 300 } });
      expect(fresh).toMatchObject({ claimed: true, record: { seq: 301 } });
      await t.close();
    } finally {
      await again?.stop(true);
      await first.stop();
    }
  });
});
