/**
 * Starts and stops real Redis servers for the Redis store tests: single servers
 * and a 3-master Redis Cluster, on 127.0.0.1 only, on free ports in 17000-17999
 * (a cluster node also uses its port + 10000 for the cluster bus), each with its
 * own temporary directory, no snapshots and (unless asked) no append-only file.
 *
 * Nothing is left running: every server runs under a small shell that kills it
 * when the test process's end of its stdin pipe closes, which happens on stop(),
 * on exit, and also when the test process is killed outright.
 *
 * redis-server (Debian: apt-get install -y redis-server) is required: without
 * it the suites fail, saying so, unless DEDUPE_SKIP_REDIS=1 is set (then, and
 * only when the binary is absent, they are skipped).
 */
import { type ChildProcessByStdio, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { RedisIndexStore } from '../../src/store/redis.js';
import type { IndexStore } from '../../src/store/types.js';
import type { StoreFactory } from './contract.js';

export const REDIS_SERVER = process.env.DEDUPE_REDIS_SERVER ?? '/usr/bin/redis-server';
export const REDIS_CLI = process.env.DEDUPE_REDIS_CLI ?? '/usr/bin/redis-cli';
const HOST = '127.0.0.1';
const PORT_LOW = 17_000;
const PORT_HIGH = 17_999;

const present = fs.existsSync(REDIS_SERVER);

/** True only when redis-server is absent and DEDUPE_SKIP_REDIS=1: the Redis suites are skipped. */
export const SKIP_REDIS = !present && process.env.DEDUPE_SKIP_REDIS === '1';
if (SKIP_REDIS) console.warn(`Redis store tests skipped: ${REDIS_SERVER} is absent and DEDUPE_SKIP_REDIS=1`);

/** Throws, with what to do, when redis-server is missing. */
export function requireRedis(): void {
  if (!present || !fs.existsSync(REDIS_CLI)) {
    throw new Error(
      `${present ? REDIS_CLI : REDIS_SERVER} not found: the Redis store tests need a real Redis server. Install it (apt-get install -y redis-server), point DEDUPE_REDIS_SERVER / DEDUPE_REDIS_CLI at the binaries, or set DEDUPE_SKIP_REDIS=1 to skip these tests`,
    );
  }
}

const run = promisify(execFile);

/** redis-cli against one server; its reply as text. */
export async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run(REDIS_CLI, ['-h', HOST, '-p', String(port), ...args], { timeout: 10_000 });
  return stdout;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether nothing listens on the port (nor, for a cluster node, on its bus port). */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

/** A port in 17000-17999 where nothing listens, not used by this process yet. */
async function freePort(bus: boolean): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const port = PORT_LOW + Math.floor(Math.random() * (PORT_HIGH - PORT_LOW + 1));
    if (taken.has(port)) continue;
    if ((await portFree(port)) && (!bus || (await portFree(port + 10_000)))) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${PORT_LOW}-${PORT_HIGH}`);
}

/** A port nothing listens on (for the refused-connection test); it is not kept free. */
export const unusedPort = (): Promise<number> => freePort(false);

const taken = new Set<number>();
const live = new Set<RedisServer>();

// The shell starts the server, prints its pid, and kills it (SIGKILL: nothing to
// save) when its stdin reaches end of file: when stop() closes it, or when this
// process is gone, however it ended.
const WRAPPER = `"$0" "$@" & pid=$!
echo "pid $pid"
cat >/dev/null
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
exit 0`;

export interface StartOptions {
  /** Append-only file on, fsync on every write (for durability tests). */
  readonly appendonly?: boolean;
  /** A cluster node (cluster-enabled). */
  readonly cluster?: boolean;
  /** Reuse a directory (a restart); a new temporary one by default. */
  readonly dir?: string;
  /** Reuse a port (a restart); a free one by default. */
  readonly port?: number;
  /** Extra server arguments, e.g. ['--requirepass', 'secret']. */
  readonly args?: readonly string[];
}

export interface RedisServer {
  readonly port: number;
  readonly dir: string;
  /** The redis-server process id. */
  readonly pid: number;
  /** `redis://127.0.0.1:PORT` plus `?prefix=…` when given. */
  url(prefix?: string): string;
  /** kill -9 the server (as a crash would); stop() is still needed to clean up. */
  kill(): Promise<void>;
  /** Stops the server and waits until it is gone; removes its directory unless `keepDir`. */
  stop(keepDir?: boolean): Promise<void>;
}

/** Starts a redis-server on 127.0.0.1 and waits until it answers PING. */
export async function startRedis(options: StartOptions = {}): Promise<RedisServer> {
  requireRedis();
  let lastFailure = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = options.port ?? (await freePort(options.cluster === true));
    const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), `dedupe-redis-${port}-`));
    const args = [
      '--port', String(port),
      '--bind', HOST,
      '--dir', dir,
      '--save', '',
      '--appendonly', options.appendonly ? 'yes' : 'no',
      ...(options.appendonly ? ['--appendfsync', 'always'] : []),
      '--daemonize', 'no',
      '--logfile', '',
      '--loglevel', 'warning',
      ...(options.cluster ? ['--cluster-enabled', 'yes', '--cluster-config-file', path.join(dir, `nodes-${port}.conf`), '--cluster-node-timeout', '2000'] : []),
      ...(options.args ?? []),
    ];
    const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn('/bin/sh', ['-c', WRAPPER, REDIS_SERVER, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (d: Buffer): void => {
      output = (output + d.toString()).slice(-4_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let exited = false;
    const gone = new Promise<void>((resolve) =>
      child.once('close', () => {
        exited = true;
        resolve();
      }),
    );

    const deadline = Date.now() + 10_000;
    let pid = 0;
    let ready = false;
    while (!exited && Date.now() < deadline) {
      pid ||= Number(/^pid (\d+)$/m.exec(output)?.[1] ?? 0);
      if (pid) {
        try {
          // Up: PONG, or NOAUTH when it wants a password.
          if (/^PONG$|NOAUTH/m.test(await cli(port, 'PING'))) {
            ready = true;
            break;
          }
        } catch {
          // not listening yet
        }
      }
      await sleep(20);
    }
    if (!ready) {
      lastFailure = output.trim().split('\n').slice(-3).join(' | ');
      child.stdin.end();
      await gone;
      if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
      taken.delete(port);
      if (options.port !== undefined || !/in use|bind/i.test(lastFailure)) break;
      continue; // someone took the port meanwhile: another one
    }

    let stopped = false;
    const server: RedisServer = {
      port,
      dir,
      pid,
      url: (prefix) => `redis://${HOST}:${port}${prefix !== undefined ? `?prefix=${encodeURIComponent(prefix)}` : ''}`,
      kill: async () => {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
        for (let i = 0; i < 250 && alive(pid); i++) await sleep(20);
      },
      stop: async (keepDir = false) => {
        if (!stopped) {
          stopped = true;
          child.stdin.end();
          await gone;
          live.delete(server);
          taken.delete(port);
        }
        if (!keepDir && !options.dir) fs.rmSync(dir, { recursive: true, force: true });
      },
    };
    live.add(server);
    return server;
  }
  throw new Error(`redis-server did not start: ${lastFailure || 'no output'}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface RedisCluster {
  readonly nodes: readonly RedisServer[];
  /** `redis://127.0.0.1:A,127.0.0.1:B,127.0.0.1:C?prefix=…&cluster=1`. */
  url(prefix?: string): string;
  stop(): Promise<void>;
}

/** Starts `masters` cluster-enabled servers, joins them into one cluster (no replicas) and waits until it is ok. */
export async function startCluster(masters = 3): Promise<RedisCluster> {
  const nodes: RedisServer[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((n) => n.stop()));
  };
  try {
    for (const n of await Promise.all(Array.from({ length: masters }, () => startRedis({ cluster: true })))) nodes.push(n);
    await run(REDIS_CLI, ['--cluster', 'create', ...nodes.map((n) => `${HOST}:${n.port}`), '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 });
    const deadline = Date.now() + 20_000;
    for (;;) {
      const infos = await Promise.all(nodes.map((n) => cli(n.port, 'CLUSTER', 'INFO')));
      if (infos.every((i) => /cluster_state:ok/.test(i) && new RegExp(`cluster_known_nodes:${masters}\\b`).test(i))) break;
      if (Date.now() > deadline) throw new Error(`the cluster did not become ok: ${infos[0] ?? ''}`);
      await sleep(50);
    }
    return {
      nodes,
      url: (prefix) => `redis://${nodes.map((n) => `${HOST}:${n.port}`).join(',')}?${prefix !== undefined ? `prefix=${encodeURIComponent(prefix)}&` : ''}cluster=1`,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Stops every server this process started (for afterAll; exit does it anyway). */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((s) => s.stop()));
}

process.once('exit', () => {
  for (const s of live) {
    try {
      process.kill(s.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * The contract suite's factory for Redis stores: `make` connects to a fresh
 * prefix (`urlFor(n)` for n = 1, 2, …), `reopen` closes and connects again to the
 * same URL, `second` opens another connection to it.
 */
export function redisStoreFactory(urlFor: (n: number) => string): StoreFactory {
  let n = 0;
  const urls = new WeakMap<IndexStore, string>();
  const connect = async (url: string): Promise<IndexStore> => {
    const s = await RedisIndexStore.connect(url);
    urls.set(s, url);
    return s;
  };
  const urlOf = (s: IndexStore): string => urls.get(s) as string;
  return {
    make: () => connect(urlFor(++n)),
    reopen: async (s) => {
      await s.close();
      return connect(urlOf(s));
    },
    second: (s) => connect(urlOf(s)),
  };
}
