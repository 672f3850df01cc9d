/**
 * The Redis index store (--index redis://…): one index on a Redis server or a
 * Redis Cluster, shared by any number of processes on any number of machines.
 * ioredis is loaded only when an index is opened (connect()).
 *
 * Where the index is (the `--index` value):
 *
 *   redis://[USER:PASSWORD@]HOST[:PORT][/DB][?prefix=NAME]
 *   rediss://…                             the same over TLS
 *   redis://[USER:PASSWORD@]HOST1:PORT1,HOST2:PORT2,…[?prefix=NAME][&cluster=1]
 *                                          Redis Cluster, through these seed nodes
 *
 * - USER and PASSWORD are percent-encoded (`/ ? %` in a password must be: %2F %3F
 *   %25); `:PASSWORD@` alone (no user) is the password of the
 *   default user. A USER with no `:PASSWORD` is refused.
 * - PORT defaults to 6379; an IPv6 HOST goes in brackets: `[::1]:6379`.
 * - DB (0-…) is the database number, single server only (a cluster has only 0).
 * - prefix (default `dedupe`): several indexes can share a server under
 *   different prefixes. 1-100 characters, none of `{}`, spaces or control characters.
 * - Several seed nodes mean a cluster; `cluster=1` (or true/yes) asks for one
 *   through a single seed; `cluster=0` with several seeds is refused.
 * - Any other query parameter is refused (a typo must not silently make a new index).
 *
 * Keys, all under `{PREFIX}:v2:` (`v2`: the key layout's version; v1 kept a hash per band). The braces are
 * a Redis Cluster hash tag: every key of one index hashes to one slot, so a
 * script can touch any of them atomically. It also means that one index lives on
 * one shard (master) of a cluster: its size and write rate are bounded by that
 * node's; a cluster spreads several indexes (prefixes), not one. Single servers
 * use the same names, so that an index can be moved between the two as it is.
 *
 *   meta              HASH   the IndexMeta fields, values as JSON
 *   seq               STRING the claim sequence (INCR); never reused, even after a prune
 *   hashes            HASH   block hash (32 hex digits) -> seq
 *   r:SEQ             HASH   the record: h hash, p path, l line, f firstSeen,
 *                            s lastSeen, d docs, w word hashes (the Int32Array's
 *                            bytes, little-endian), b band keys (likewise), t text
 *   seqs              ZSET   seq by seq: records() in order, the block count
 *   first / last      ZSET   seq by firstSeen / lastSeen: stats(), prune()
 *   bands             HASH   `B:KEY` (band, key in decimal) -> the seq of the one
 *                            block that has KEY in band B, or `*` when several do, then:
 *   bucket:B:KEY      ZSET   the seqs (by seq) of the blocks with KEY in band B
 *
 * (Most band keys belong to one block: a hash field costs about half of what a
 * key of its own costs, and with 42 bands the band keys are most of an index.)
 *
 * Measured with layout v1 (Redis 7.0 on loopback, 42 bands, 60 words a block, claims of 1,000):
 * about 3.6-4.4 KB of server memory per block, 2.5 KB of it the band keys; one
 * claimed block costs the server about 125-165 µs of script time, so one index
 * takes about 5,000 new blocks/s from one worker and 8,000 from two or more
 * (the server's one thread is then the limit); candidates() about 8,000-10,000
 * queries/s.
 *
 * Every operation is a Lua script (EVALSHA, falling back to EVAL when the
 * server has not got the script), so each is atomic on the server: a claim
 * cannot interleave with another process's claim of the same hash, and the
 * sequence numbers follow the order in which the claims ran. The entries of one
 * claim() go in scripts of CLAIM_CHUNK entries, all in one pipeline (one round
 * trip); each script runs atomically, the call as a whole is not a transaction.
 *
 * Durability is the server's: with the default snapshotting a server crash may
 * lose the last writes; run Redis with `appendonly yes` (and `appendfsync
 * always` to lose nothing) when that matters. (A cluster failover to a replica
 * may likewise lose the last writes acknowledged by the old master.)
 *
 * Connection loss: commands are never queued while the connection is down and
 * never resent after a reconnection (a claim resent after its reply was lost
 * would find its own block held), so a call fails at once with an IndexError
 * naming the server, and the run exits non-zero. A refused or timed-out
 * connection fails connect() the same way.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { Cluster, ClusterOptions, Redis, RedisOptions } from 'ioredis';
import { checkMeta } from './memory.js';
import { type ClaimEntry, type ClaimResult, type IndexMeta, type IndexRecord, type IndexStats, type IndexStore, IndexError } from './types.js';
import { decodeInt32s, encodeInt32s } from './words.js';

export const DEFAULT_REDIS_PREFIX = 'dedupe';
export const DEFAULT_REDIS_PORT = 6379;
/** The key layout's version, in every key name. */
const LAYOUT = 'v2';

/** Entries per claim script: each script runs atomically, blocking the server meanwhile (about 1-3 ms). */
const CLAIM_CHUNK = 200;
/** Queries per candidates script. */
const QUERY_CHUNK = 100;
/** Records per page of records(), and per prune script. */
const PAGE = 500;
/** Blocks sampled by stats() to estimate the size of the records and band buckets. */
const STATS_SAMPLES = 24;

export interface RedisNode {
  readonly host: string;
  readonly port: number;
}

/** What a `redis://` / `rediss://` index value says. */
export interface RedisTarget {
  readonly tls: boolean;
  readonly nodes: readonly RedisNode[];
  readonly username?: string;
  readonly password?: string;
  readonly db: number;
  readonly prefix: string;
  readonly cluster: boolean;
  /** The value without the credentials, for messages: `redis://127.0.0.1:6379`, plus `/DB` and `?prefix=…` when not the defaults. */
  readonly where: string;
}

export interface RedisConnectOptions {
  /** How long to wait for the connection (each node), in ms (default 5 s). */
  readonly connectTimeoutMs?: number;
  /** How long a command may wait for its reply, in ms (default 30 s); then the call fails. */
  readonly commandTimeoutMs?: number;
  /** TLS settings for `rediss://` (a CA, a client certificate, …). */
  readonly tls?: ConnectionOptions;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;

const hostPort = (n: RedisNode): string => `${n.host.includes(':') ? `[${n.host}]` : n.host}:${n.port}`;

function badUrl(spec: string, why: string): IndexError {
  // Never echo a password back (whatever it holds: up to the last @).
  const shown = spec.replace(/^(rediss?:\/\/).*@/i, '$1***@');
  return new IndexError(`${shown}: ${why}`);
}

function decode(part: string, spec: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw badUrl(spec, `the ${what} is not valid percent-encoding`);
  }
}

function parseNode(text: string, spec: string): RedisNode {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+))(?::(\d+))?$/.exec(text);
  if (!m) throw badUrl(spec, text === '' ? 'a host is missing' : `"${text}" is not HOST or HOST:PORT`);
  const port = m[3] === undefined ? DEFAULT_REDIS_PORT : Number(m[3]);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw badUrl(spec, `port ${m[3] ?? ''} is out of range`);
  return { host: (m[1] ?? m[2]) as string, port };
}

function flag(value: string, spec: string, name: string): boolean {
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw badUrl(spec, `${name}=${value}: use ${name}=1 or ${name}=0`);
}

/** Parses a `redis://` / `rediss://` index value (syntax at the top of this file); throws IndexError. */
export function parseRedisUrl(spec: string): RedisTarget {
  const scheme = /^(rediss?):\/\//i.exec(spec);
  if (!scheme) throw badUrl(spec, 'a Redis index starts with redis:// or rediss://');
  const tls = (scheme[1] as string).toLowerCase() === 'rediss';
  let rest = spec.slice(scheme[0].length);
  let query = '';
  const q = rest.indexOf('?');
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  const slash = rest.indexOf('/');
  const path = slash >= 0 ? rest.slice(slash + 1) : '';
  let authority = slash >= 0 ? rest.slice(0, slash) : rest;

  let username: string | undefined;
  let password: string | undefined;
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    authority = authority.slice(at + 1);
    const colon = userinfo.indexOf(':');
    if (colon < 0) throw badUrl(spec, 'give the credentials as USER:PASSWORD@ or :PASSWORD@');
    const user = decode(userinfo.slice(0, colon), spec, 'user name');
    password = decode(userinfo.slice(colon + 1), spec, 'password');
    if (user !== '') username = user;
  }

  const nodes = authority.split(',').map((n) => parseNode(n, spec));

  let db = 0;
  if (path !== '') {
    if (!/^\d{1,5}$/.test(path)) throw badUrl(spec, `"/${path}" is not a database number`);
    db = Number(path);
  }

  let prefix = DEFAULT_REDIS_PREFIX;
  let clusterFlag: boolean | undefined;
  const seen = new Set<string>();
  for (const [name, value] of new URLSearchParams(query)) {
    if (seen.has(name)) throw badUrl(spec, `${name} is given twice`);
    seen.add(name);
    if (name === 'prefix') {
      if (!/^[^{}\s\u0000-\u001f\u007f]{1,100}$/u.test(value)) throw badUrl(spec, `prefix "${value}": 1 to 100 characters, no braces, spaces or control characters`);
      prefix = value;
    } else if (name === 'cluster') clusterFlag = flag(value, spec, 'cluster');
    else throw badUrl(spec, `unknown parameter "${name}" (known: prefix, cluster)`);
  }
  if (clusterFlag === false && nodes.length > 1) throw badUrl(spec, 'several hosts are the seed nodes of a cluster: drop cluster=0');
  const cluster = clusterFlag ?? nodes.length > 1;
  if (cluster && db !== 0) throw badUrl(spec, 'Redis Cluster has only database 0');

  const params = [prefix !== DEFAULT_REDIS_PREFIX ? `prefix=${encodeURIComponent(prefix)}` : '', cluster && nodes.length === 1 ? 'cluster=1' : ''].filter(Boolean);
  const where = `${tls ? 'rediss' : 'redis'}://${nodes.map(hostPort).join(',')}${db !== 0 ? `/${db}` : ''}${params.length > 0 ? `?${params.join('&')}` : ''}`;
  return {
    tls,
    nodes,
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    db,
    prefix,
    cluster,
    where,
  };
}

// ---------------------------------------------------------------------------
// Lua. KEYS[1] is always the index's meta key (it routes the script to the
// index's slot in a cluster); ARGV[1] the key prefix `{PREFIX}:v2:`. Every key a
// script touches has that prefix, so it is in KEYS[1]'s slot.

/**
 * rec(p, seq): a record as {seq, h, p, l, f, s, d, w, t} (t false when no text), or false.
 * keys(bytes): band keys given as Int32 little-endian bytes, as decimal strings.
 */
const LUA_REC = `
local function keys(bytes)
  local out = {}
  for pos = 1, #bytes - 3, 4 do out[#out + 1] = tostring((struct.unpack('<i4', bytes, pos))) end
  return out
end
-- The fields of a block's band buckets in the bands hash: 'BAND:KEY'.
local function bandFields(bytes)
  local out = {}
  for b, key in ipairs(keys(bytes)) do out[b] = (b - 1) .. ':' .. key end
  return out
end
local function rec(p, seq)
  if type(seq) == 'number' then seq = string.format('%d', seq) end
  local r = redis.call('HMGET', p .. 'r:' .. seq, 'h', 'p', 'l', 'f', 's', 'd', 'w', 't')
  if not r[1] then return false end
  return {tonumber(seq), r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]}
end
`;

/** ARGV[2..]: the meta fields and values. Returns the meta held (HGETALL), or {} when it has just been written. */
const LUA_OPEN = `
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('HGETALL', KEYS[1]) end
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
return {}
`;

/**
 * ARGV[2..]: 9 per entry: hash, doc, line, time, count (1: first time this call
 * sees this doc for this hash), words, band keys (both Int32 little-endian
 * bytes), has text (1/0), text.
 * Returns per entry {1, seq} when claimed, {0, record} when held.
 */
const LUA_CLAIM = `${LUA_REC}
local p = ARGV[1]
local out = {}
for i = 2, #ARGV, 9 do
  local hash, doc, line, time, count, words, bands = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5], ARGV[i + 6]
  local seq = redis.call('HGET', p .. 'hashes', hash)
  if not seq then
    seq = string.format('%d', redis.call('INCR', p .. 'seq'))
    redis.call('HSET', p .. 'hashes', hash, seq)
    local rk = p .. 'r:' .. seq
    redis.call('HSET', rk, 'h', hash, 'p', doc, 'l', line, 'f', time, 's', time, 'd', '1', 'w', words, 'b', bands)
    if ARGV[i + 7] == '1' then redis.call('HSET', rk, 't', ARGV[i + 8]) end
    redis.call('ZADD', p .. 'seqs', seq, seq)
    redis.call('ZADD', p .. 'first', time, seq)
    redis.call('ZADD', p .. 'last', time, seq)
    -- All of the block's band buckets in two commands: read them, then write the new and the shared ones.
    local fields = bandFields(bands)
    if #fields > 0 then
      local held = redis.call('HMGET', p .. 'bands', unpack(fields))
      local set = {}
      for b, f in ipairs(fields) do
        local h = held[b]
        if not h then
          set[#set + 1] = f
          set[#set + 1] = seq
        else
          local bk = p .. 'bucket:' .. f
          if h ~= '*' then
            redis.call('ZADD', bk, h, h)
            set[#set + 1] = f
            set[#set + 1] = '*'
          end
          redis.call('ZADD', bk, seq, seq)
        end
      end
      if #set > 0 then redis.call('HSET', p .. 'bands', unpack(set)) end
    end
    out[#out + 1] = {1, tonumber(seq)}
  else
    local rk = p .. 'r:' .. seq
    if tonumber(time) > tonumber(redis.call('HGET', rk, 's')) then
      redis.call('HSET', rk, 's', time)
      redis.call('ZADD', p .. 'last', time, seq)
    end
    if count == '1' then redis.call('HINCRBY', rk, 'd', 1) end
    out[#out + 1] = {0, rec(p, seq)}
  end
end
return out
`;

/**
 * ARGV[2]: at most this many seqs per band key (-1: all); ARGV[3..]: one query
 * each (band keys as Int32 little-endian bytes). Returns {per query: its seqs in order}, {the records}.
 */
const LUA_CANDIDATES = `${LUA_REC}
local p = ARGV[1]
local cap = tonumber(ARGV[2])
local lists, recs, fetched = {}, {}, {}
for q = 3, #ARGV do
  local seen, seqs = {}, {}
  if cap ~= 0 then
    local fields = bandFields(ARGV[q])
    local helds = #fields > 0 and redis.call('HMGET', p .. 'bands', unpack(fields)) or {}
    for b, f in ipairs(fields) do
      local held = helds[b]
      local found
      if held == '*' then found = redis.call('ZRANGE', p .. 'bucket:' .. f, 0, cap - 1)
      elseif held then found = {held}
      else found = {} end
      for _, s in ipairs(found) do
        if not seen[s] then
          seen[s] = true
          seqs[#seqs + 1] = tonumber(s)
        end
      end
    end
  end
  table.sort(seqs)
  local list = {}
  for _, s in ipairs(seqs) do
    if fetched[s] == nil then
      local r = rec(p, s)
      fetched[s] = r and true or false
      if r then recs[#recs + 1] = r end
    end
    if fetched[s] then list[#list + 1] = s end
  end
  lists[#lists + 1] = list
end
return {lists, recs}
`;

/** ARGV[2]: after this seq; ARGV[3]: at most this many. Returns the records. */
const LUA_PAGE = `${LUA_REC}
local p = ARGV[1]
local out = {}
for _, s in ipairs(redis.call('ZRANGEBYSCORE', p .. 'seqs', '(' .. ARGV[2], '+inf', 'LIMIT', 0, tonumber(ARGV[3]))) do
  local r = rec(p, s)
  if r then out[#out + 1] = r end
end
return out
`;

/** ARGV[2]: remove records last seen before this time; ARGV[3]: at most this many. Returns how many. */
const LUA_PRUNE = `${LUA_REC}
local p = ARGV[1]
local seqs = redis.call('ZRANGEBYSCORE', p .. 'last', '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
for _, seq in ipairs(seqs) do
  local rk = p .. 'r:' .. seq
  local r = redis.call('HMGET', rk, 'h', 'b')
  if r[1] then redis.call('HDEL', p .. 'hashes', r[1]) end
  local bh = p .. 'bands'
  for _, f in ipairs(bandFields(r[2] or '')) do
    local held = redis.call('HGET', bh, f)
    if held == seq then
      redis.call('HDEL', bh, f)
    elseif held == '*' then
      local bk = p .. 'bucket:' .. f
      redis.call('ZREM', bk, seq)
      local left = redis.call('ZRANGE', bk, 0, 1)
      if #left == 0 then
        redis.call('HDEL', bh, f)
      elseif #left == 1 then
        redis.call('HSET', bh, f, left[1])
        redis.call('DEL', bk)
      end
    end
  end
  redis.call('DEL', rk)
  redis.call('ZREM', p .. 'seqs', seq)
  redis.call('ZREM', p .. 'first', seq)
  redis.call('ZREM', p .. 'last', seq)
end
return #seqs
`;

/**
 * ARGV[2..]: fractions in [0, 1), the blocks to sample by rank. Returns {count,
 * oldest, newest, meta (HGETALL), bytes}: bytes is MEMORY USAGE of the shared
 * keys, plus the mean over the sampled blocks of their record's MEMORY USAGE and
 * their share of the band buckets they are in, times the count.
 */
const LUA_STATS = `${LUA_REC}
local p = ARGV[1]
local count = redis.call('ZCARD', p .. 'seqs')
local oldest = redis.call('ZRANGE', p .. 'first', 0, 0, 'WITHSCORES')[2] or false
local newest = redis.call('ZREVRANGE', p .. 'last', 0, 0, 'WITHSCORES')[2] or false
local meta = redis.call('HGETALL', KEYS[1])
local allowed = true
local function mem(k)
  if not allowed then return 0 end
  local used = redis.pcall('MEMORY', 'USAGE', k)
  if type(used) == 'table' and used.err then
    allowed = false
    return 0
  end
  return used or 0
end
local bytes = 0
for _, k in ipairs({'meta', 'seq', 'hashes', 'seqs', 'first', 'last'}) do bytes = bytes + mem(p .. k) end
bytes = bytes + mem(p .. 'bands')
local sum, n = 0, 0
if count > 0 then
  for i = 2, #ARGV do
    local rank = math.floor(tonumber(ARGV[i]) * count)
    local s = redis.call('ZRANGE', p .. 'seqs', rank, rank)[1]
    if s then
      local rk = p .. 'r:' .. s
      local one = mem(rk)
      for _, f in ipairs(bandFields(redis.call('HGET', rk, 'b') or '')) do
        if redis.call('HGET', p .. 'bands', f) == '*' then
          local bk = p .. 'bucket:' .. f
          local members = redis.call('ZCARD', bk)
          if members > 0 then one = one + mem(bk) / members end
        end
      end
      sum, n = sum + one, n + 1
    end
  end
end
if n > 0 then bytes = bytes + sum / n * count end
if not allowed then
  -- MEMORY USAGE is not allowed here (some managed services): the server's whole used_memory.
  bytes = tonumber(string.match(redis.call('INFO', 'memory'), 'used_memory:(%d+)')) or 0
end
return {count, oldest, newest, meta, math.floor(bytes)}
`;

interface Script {
  readonly lua: string;
  readonly sha: string;
}

const script = (lua: string): Script => ({ lua, sha: createHash('sha1').update(lua).digest('hex') });

const SCRIPTS = {
  open: script(LUA_OPEN),
  claim: script(LUA_CLAIM),
  candidates: script(LUA_CANDIDATES),
  page: script(LUA_PAGE),
  prune: script(LUA_PRUNE),
  stats: script(LUA_STATS),
} as const;

// ---------------------------------------------------------------------------
// Encoding.




/** A number for Redis: integers without an exponent, whatever their size. */
const num = (n: number): string => (Number.isInteger(n) ? BigInt(n).toString() : String(n));

class BadReply extends Error {}

function asArray(x: unknown): unknown[] {
  if (!Array.isArray(x)) throw new BadReply(`expected an array, got ${typeof x}`);
  return x;
}

function asText(x: unknown): string {
  if (Buffer.isBuffer(x)) return x.toString('utf8');
  if (typeof x === 'string') return x;
  if (typeof x === 'number') return String(x);
  throw new BadReply(`expected a string, got ${x === null ? 'nil' : typeof x}`);
}

function asNumber(x: unknown): number {
  const n = typeof x === 'number' ? x : Number(asText(x));
  if (!Number.isFinite(n)) throw new BadReply(`expected a number, got ${String(x)}`);
  return n;
}

function toRecord(x: unknown): IndexRecord {
  const [seq, hash, path, line, first, last, docs, words, text] = asArray(x);
  if (!Buffer.isBuffer(words)) throw new BadReply('expected the word hashes as bytes');
  return {
    seq: asNumber(seq),
    hash: asText(hash),
    path: asText(path),
    line: asNumber(line),
    firstSeen: asNumber(first),
    lastSeen: asNumber(last),
    docs: asNumber(docs),
    words: decodeInt32s(words),
    ...(text !== null && text !== undefined ? { text: asText(text) } : {}),
  };
}

function parseMeta(flat: unknown[]): IndexMeta | null {
  if (flat.length === 0) return null;
  const meta: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) meta[asText(flat[i])] = JSON.parse(asText(flat[i + 1])) as unknown;
  return meta as unknown as IndexMeta;
}

// ---------------------------------------------------------------------------
// Errors.

const errCode = (err: unknown): string =>
  typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : '';

function firstLine(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  return raw.split('\n')[0] ?? raw;
}

/** The error behind a cluster's "failed to refresh slots cache", when there is one. */
function innermost(err: unknown): unknown {
  if (typeof err === 'object' && err !== null && 'lastNodeError' in err && err.lastNodeError) return err.lastNodeError;
  return err;
}

/** One line for the user, naming the index, from whatever ioredis or the server said. */
export function redisError(where: string, err: unknown, timeouts?: { connectMs: number; commandMs: number }): IndexError {
  if (err instanceof IndexError) return err;
  if (err instanceof BadReply) return new IndexError(`${where}: unexpected reply from the server (${err.message}); is this a dedupe index?`, { cause: err });
  const inner = innermost(err);
  const code = errCode(inner);
  const message = firstLine(inner);
  let what: string;
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) what = 'connection refused';
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') what = `host not found (${message})`;
  else if (code === 'ETIMEDOUT' || /ETIMEDOUT|connect timed out/i.test(message))
    what = `connection timed out${timeouts ? ` after ${timeouts.connectMs} ms` : ''}`;
  else if (code === 'ECONNRESET' || code === 'EPIPE') what = 'connection lost (reset by the server)';
  else if (/Command timed out/i.test(message)) what = `no reply${timeouts ? ` within ${timeouts.commandMs} ms` : ''}; the server is not responding`;
  else if (/Connection is closed|Stream isn't writeable|enableOfflineQueue|MaxRetriesPerRequest|Cluster is ended|Cluster isn't ready/i.test(message))
    what = 'connection lost';
  else if (/Failed to refresh slots cache|None of startup nodes is available/i.test(message)) what = 'cannot reach any seed node of the cluster';
  else if (/^(WRONGPASS|NOAUTH)|invalid (username|password)|AUTH.*without any password/i.test(message)) what = `authentication failed (${message})`;
  else if (/^NOPERM/.test(message)) what = `permission denied (${message})`;
  else if (/^(MOVED|ASK) /.test(message)) what = `the server is a Redis Cluster node: list the cluster's nodes, or add cluster=1 (${message})`;
  else if (/^CLUSTERDOWN/.test(message)) what = `the cluster is down (${message})`;
  else if (/^OOM/.test(message)) what = `the server is out of memory (maxmemory reached): ${message}`;
  else if (/^READONLY/.test(message)) what = `the server is a read-only replica (${message})`;
  else if (/^LOADING/.test(message)) what = 'the server is loading its data set; try again shortly';
  else if (/Unknown RESP type|Protocol error/i.test(message)) what = `the server does not speak the Redis protocol (${message})`;
  else if (/^(ERR|WRONGTYPE)/.test(message) && /DB index is out of range/i.test(message)) what = 'no such database number';
  else if (/^WRONGTYPE/.test(message)) what = `the keys under this prefix are not a dedupe index (${message})`;
  else if (/^ERR.*(unknown command|EVALSHA|EVAL)/i.test(message)) what = `the server cannot run Lua scripts (${message})`;
  else what = message;
  return new IndexError(`${where}: ${what}`, { cause: err });
}

const isNoScript = (err: unknown): boolean => /NOSCRIPT/.test(firstLine(err));

/** Why a TCP connection to a node fails ('' when it succeeds), for the errors where ioredis only says "Connection is closed". */
function probe(node: RedisNode, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: node.host, port: node.port });
    const done = (why: string): void => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(timeoutMs, () => done(`connection timed out after ${timeoutMs} ms`));
    socket.once('connect', () => done(''));
    socket.once('error', (e) => done(redisError('', e).message.slice(2)));
  });
}

const vague = (err: unknown): boolean => /Connection is closed|enableOfflineQueue|None of startup nodes|Failed to refresh slots cache/i.test(firstLine(innermost(err)));

/** The IndexError for a failed connect(): the most specific reason there is. */
async function connectFailure(
  target: RedisTarget,
  err: unknown,
  lastError: unknown,
  nodeErrors: readonly unknown[],
  timeouts: { connectMs: number; commandMs: number },
): Promise<IndexError> {
  const reasons = [err, lastError, ...[...nodeErrors].reverse()].filter((e) => e !== undefined);
  const specific = reasons.find((e) => !vague(e));
  let why = specific !== undefined ? redisError('', specific, timeouts).message.slice(2) : '';
  if (why === '') {
    // Nothing said why: find out whether the nodes can be reached at all.
    const probed = await Promise.all(target.nodes.map((n) => probe(n, timeouts.connectMs)));
    const distinct = [...new Set(probed.filter(Boolean))];
    if (probed.every(Boolean) && distinct.length === 1) why = distinct[0] as string;
    else if (probed.every(Boolean)) why = target.nodes.map((n, i) => `${hostPort(n)} ${probed[i] ?? ''}`).join('; ');
    else why = `the server closed the connection (is it a Redis server${target.tls ? '' : ', or one that wants TLS: rediss://'}?)`;
  }
  if (/cluster support disabled/i.test(why)) why = 'the server is not a Redis Cluster node: give one host without cluster=1';
  const message = target.cluster && !/^cannot reach any seed node/.test(why) && target.nodes.length > 1 ? `cannot reach any seed node of the cluster (${why})` : why;
  return new IndexError(`${target.where}: ${message}`, { cause: err });
}

// ---------------------------------------------------------------------------

type Client = Redis | Cluster;
type Pipeline = ReturnType<Client['pipeline']>;

export class RedisIndexStore implements IndexStore {
  readonly kind = 'redis';
  private closed = false;
  /** The key prefix: `{PREFIX}:v2:`. */
  private readonly p: string;
  private readonly metaKey: string;

  private constructor(
    private readonly client: Client,
    private readonly target: RedisTarget,
    private readonly timeouts: { connectMs: number; commandMs: number },
  ) {
    this.p = `{${target.prefix}}:${LAYOUT}:`;
    this.metaKey = `${this.p}meta`;
  }

  /** The index, for messages: the URL without credentials. */
  get where(): string {
    return this.target.where;
  }

  /** Whether the index is on a Redis Cluster. */
  get cluster(): boolean {
    return this.target.cluster;
  }

  /**
   * Connects to the server (or the cluster, through its seed nodes) that `url`
   * names. Throws IndexError when the value is malformed, or the server is
   * unreachable, refuses the credentials, or has no such database.
   */
  static async connect(url: string, options: RedisConnectOptions = {}): Promise<RedisIndexStore> {
    const target = parseRedisUrl(url);
    const timeouts = {
      connectMs: Math.max(1, Math.round(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS)),
      commandMs: Math.max(1, Math.round(options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS)),
    };
    const mod = await import('ioredis').catch((err: unknown) => {
      throw new IndexError(`${target.where}: the Redis client (ioredis) is not available (${firstLine(err)}); reinstall dedupe-text`, { cause: err });
    });
    const tls: ConnectionOptions | undefined = target.tls
      ? { ...(target.nodes.length === 1 && !/^[\d.:]+$/.test(target.nodes[0]?.host ?? '') ? { servername: target.nodes[0]?.host } : {}), ...options.tls }
      : undefined;
    const common = {
      ...(target.username !== undefined ? { username: target.username } : {}),
      ...(target.password !== undefined ? { password: target.password } : {}),
      ...(tls ? { tls } : {}),
      connectTimeout: timeouts.connectMs,
      commandTimeout: timeouts.commandMs,
      // A command in flight when the connection drops fails; it is never resent.
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      protocol: 2 as const,
      connectionName: `dedupe:${target.prefix}`,
      disableClientInfo: true,
    } satisfies RedisOptions;

    let client: Client;
    let lastError: unknown;
    if (target.cluster) {
      const clusterOptions: ClusterOptions = {
        lazyConnect: true,
        enableOfflineQueue: false,
        enableReadyCheck: true,
        scaleReads: 'master',
        slotsRefreshTimeout: timeouts.connectMs,
        // A command whose connection closed may have run: fail it, never resend it
        // (redirections and CLUSTERDOWN, where it did not run, are still retried).
        retryDelayOnFailover: 0,
        // Reconnect a few times when every node is lost (a failover); calls meanwhile fail.
        clusterRetryStrategy: (times: number) => (times > 3 ? null : 200 * times),
        redisOptions: common,
      };
      client = new mod.Cluster(
        target.nodes.map((n) => ({ host: n.host, port: n.port })),
        clusterOptions,
      );
    } else {
      let connecting = true;
      client = new mod.Redis({
        ...common,
        host: target.nodes[0]?.host ?? '127.0.0.1',
        port: target.nodes[0]?.port ?? DEFAULT_REDIS_PORT,
        db: target.db,
        lazyConnect: true,
        enableOfflineQueue: false,
        // No retry while connecting (connect() fails with the reason); afterwards a
        // few quick reconnections, during which calls fail rather than wait.
        retryStrategy: (times: number) => (connecting || times > 5 ? null : Math.min(100 * times, 1_000)),
      });
      client.once('ready', () => (connecting = false));
    }
    client.on('error', (err: unknown) => (lastError = err));
    // A cluster reports why a node failed (WRONGPASS, not a cluster node, …) only here.
    const nodeErrors: unknown[] = [];
    if (target.cluster) client.on('node error', (err: unknown) => nodeErrors.push(err));

    try {
      await client.connect();
      // ioredis reports a failed SELECT only as an error event, and carries on in database 0.
      if (target.db !== 0) await (client as Redis).select(target.db);
      const store = new RedisIndexStore(client, target, timeouts);
      await store.loadScripts();
      return store;
    } catch (err) {
      client.disconnect();
      throw await connectFailure(target, err, lastError, nodeErrors, timeouts);
    }
  }

  async open(meta: IndexMeta): Promise<void> {
    await this.guard(async () => {
      const args: string[] = [];
      for (const [key, value] of Object.entries(meta)) args.push(key, JSON.stringify(value));
      const held = parseMeta(asArray(await this.run(SCRIPTS.open, args)));
      if (held) checkMeta(held, meta, this.where);
    });
  }

  async claim(entries: readonly ClaimEntry[]): Promise<ClaimResult[]> {
    if (entries.length === 0) return [];
    return this.guard(async () => {
      const counted = new Set<string>();
      const chunks: (string | Buffer)[][] = [];
      for (let i = 0; i < entries.length; i += CLAIM_CHUNK) {
        const args: (string | Buffer)[] = [];
        for (const e of entries.slice(i, i + CLAIM_CHUNK)) {
          const docKey = `${e.hash}\u0000${e.doc}`;
          const count = counted.has(docKey) ? '0' : '1';
          counted.add(docKey);
          args.push(e.hash, e.doc, num(e.line), num(e.time), count, encodeInt32s(e.words), encodeInt32s(e.bands), e.text !== undefined ? '1' : '0', e.text ?? '');
        }
        chunks.push(args);
      }
      const replies = await this.runMany(SCRIPTS.claim, chunks);
      const results: ClaimResult[] = [];
      replies.forEach((reply, c) => {
        asArray(reply).forEach((one, k) => {
          const e = entries[c * CLAIM_CHUNK + k];
          if (!e) throw new BadReply('more claim results than entries');
          const [claimed, body] = asArray(one);
          if (asNumber(claimed) === 1) {
            const record: IndexRecord = {
              seq: asNumber(body),
              hash: e.hash,
              path: e.doc,
              line: e.line,
              firstSeen: e.time,
              lastSeen: e.time,
              docs: 1,
              words: Int32Array.from(e.words),
              ...(e.text !== undefined ? { text: e.text } : {}),
            };
            results.push({ claimed: true, record });
          } else results.push({ claimed: false, record: toRecord(body) });
        });
      });
      if (results.length !== entries.length) throw new BadReply(`${results.length} claim results for ${entries.length} entries`);
      return results;
    });
  }

  async candidates(queries: readonly Int32Array[], maxPerBand = 32): Promise<IndexRecord[][]> {
    if (queries.length === 0) return [];
    const cap = Number.isFinite(maxPerBand) ? Math.max(0, Math.floor(maxPerBand)) : -1;
    return this.guard(async () => {
      const chunks: (string | Buffer)[][] = [];
      for (let i = 0; i < queries.length; i += QUERY_CHUNK) chunks.push([String(cap), ...queries.slice(i, i + QUERY_CHUNK).map((q) => encodeInt32s(q))]);
      const replies = await this.runMany(SCRIPTS.candidates, chunks);
      const out: IndexRecord[][] = [];
      for (const reply of replies) {
        const [lists, recs] = asArray(reply);
        const bySeq = new Map<number, IndexRecord>();
        for (const r of asArray(recs)) {
          const record = toRecord(r);
          bySeq.set(record.seq, record);
        }
        for (const list of asArray(lists)) {
          out.push(
            asArray(list)
              .map((s) => bySeq.get(asNumber(s)))
              .filter((r): r is IndexRecord => r !== undefined),
          );
        }
      }
      if (out.length !== queries.length) throw new BadReply(`${out.length} candidate lists for ${queries.length} queries`);
      return out;
    });
  }

  /**
   * Blocks, oldest and newest are exact. `bytes` is an estimate of what this
   * index takes in the server's memory (not the server's whole used_memory):
   * MEMORY USAGE of its shared keys, plus the block count times the mean, over a
   * random sample of blocks, of a block's record and its share of the band
   * buckets it is in. Where MEMORY USAGE is not allowed, it is the server's
   * (the cluster node's) whole used_memory instead.
   */
  async stats(): Promise<IndexStats> {
    return this.guard(async () => {
      const fractions = Array.from({ length: STATS_SAMPLES }, () => Math.random().toFixed(6));
      const [count, oldest, newest, meta, bytes] = asArray(await this.run(SCRIPTS.stats, fractions));
      return {
        blocks: asNumber(count),
        bytes: asNumber(bytes),
        oldest: oldest === null || oldest === undefined ? null : asNumber(oldest),
        newest: newest === null || newest === undefined ? null : asNumber(newest),
        meta: parseMeta(asArray(meta)),
      };
    });
  }

  /** In scripts of PAGE records each, so the server is never blocked for long; other processes may claim in between. */
  async prune(before: number): Promise<number> {
    if (Number.isNaN(before)) return 0;
    const bound = before === Infinity ? '+inf' : before === -Infinity ? '-inf' : num(before);
    return this.guard(async () => {
      let total = 0;
      for (;;) {
        const removed = asNumber(await this.run(SCRIPTS.prune, [bound, String(PAGE)]));
        total += removed;
        if (removed < PAGE) return total;
      }
    });
  }

  /** In pages of PAGE records, each read atomically: other processes may write in between. */
  async *records(): AsyncIterable<IndexRecord> {
    let after = 0;
    for (;;) {
      const page = await this.guard(async () => asArray(await this.run(SCRIPTS.page, [String(after), String(PAGE)])).map(toRecord));
      for (const r of page) yield r;
      const last = page[page.length - 1];
      if (!last || page.length < PAGE) return;
      after = last.seq;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.client.status === 'ready') {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([this.client.quit(), new Promise((resolve) => (timer = setTimeout(resolve, 2_000)))]).finally(() => clearTimeout(timer));
      }
    } catch {
      // the connection is gone already: nothing is left to flush
    } finally {
      this.client.disconnect();
    }
  }

  // -------------------------------------------------------------------------

  private async guard<T>(body: () => Promise<T>): Promise<T> {
    if (this.closed) throw new IndexError(`${this.where}: the index is closed`);
    try {
      return await body();
    } catch (err) {
      throw redisError(this.where, err, this.timeouts);
    }
  }

  /** Loads the scripts into the server (every master of a cluster), so that EVALSHA finds them. */
  private async loadScripts(): Promise<void> {
    const nodes: Redis[] = this.target.cluster ? (this.client as Cluster).nodes('master') : [this.client as Redis];
    await Promise.all(
      nodes.map(async (node) => {
        for (const s of Object.values(SCRIPTS)) await node.script('LOAD', s.lua);
      }),
    );
  }

  private evalArgs(args: readonly (string | Buffer)[]): (string | Buffer)[] {
    return ['1', this.metaKey, this.p, ...args];
  }

  /** One script call: EVALSHA, then EVAL if the server has not got the script (restarted, flushed, failed over). */
  private async run(script: Script, args: readonly (string | Buffer)[]): Promise<unknown> {
    try {
      return await this.client.callBuffer('EVALSHA', script.sha, ...this.evalArgs(args));
    } catch (err) {
      if (!isNoScript(err)) throw err;
      return this.client.callBuffer('EVAL', script.lua, ...this.evalArgs(args));
    }
  }

  /**
   * Several calls of one script in one pipeline (one round trip), in order; a
   * call that found no script (NOSCRIPT: it did not run) is made again with EVAL.
   */
  private async runMany(script: Script, calls: readonly (readonly (string | Buffer)[])[]): Promise<unknown[]> {
    if (calls.length === 1) return [await this.run(script, calls[0] as readonly (string | Buffer)[])];
    const pipe: Pipeline = this.client.pipeline();
    for (const args of calls) pipe.callBuffer('EVALSHA', script.sha, ...this.evalArgs(args));
    const replies = await pipe.exec();
    if (!replies) throw new Error('Connection is closed.');
    const out: unknown[] = [];
    for (const [i, [err, value]] of replies.entries()) {
      if (!err) out.push(value);
      else if (isNoScript(err)) out.push(await this.client.callBuffer('EVAL', script.lua, ...this.evalArgs(calls[i] as readonly (string | Buffer)[])));
      else throw err;
    }
    return out;
  }
}
