#!/usr/bin/env node
/**
 * Builds the optional native addons with node-gyp, at install: native/mapfile.c
 * (big inputs are mapped into memory instead of read into it; see
 * src/input/mapped.ts) and native/scan.c (the per-block scan in C; see
 * src/prepare/native.ts). Optional: when they cannot be built (no compiler,
 * Windows, DEDUPE_SKIP_NATIVE=1) the install goes on, dedupe reads every input
 * into memory and does the per-block work in TypeScript, with the same results;
 * it says so in one line and exits 0.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const skip = (why) => {
  process.stderr.write(`dedupe: the native addons are not built (${why}); big inputs are read into memory and the per-block scan runs in TypeScript instead\n`);
  process.exit(0);
};
if (process.env.DEDUPE_SKIP_NATIVE === '1') skip('DEDUPE_SKIP_NATIVE=1');
if (process.platform === 'win32') skip('not on Windows');
if (!existsSync(new URL('../binding.gyp', import.meta.url))) skip('no binding.gyp');

// npm tells its lifecycle scripts where its own node-gyp is; else one on the PATH.
const gyp = process.env.npm_config_node_gyp;
const [command, args] = gyp ? [process.execPath, [gyp, 'rebuild']] : ['node-gyp', ['rebuild']];
// A build that stalls (say, node-gyp fetching headers with no network) is given up after 5 minutes.
const run = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 300_000 });
if (run.error) skip(run.error.message);
if (run.status !== 0) {
  // The first line of node-gyp's error that says something (its last ones are "not ok" and versions).
  const said = (run.stderr ?? '')
    .split('\n')
    .filter((l) => /ERR!/.test(l))
    .map((l) => l.replace(/^gyp ERR!\s*(stack\s*)?/, '').trim())
    .find((l) => l !== '' && !/^(not ok|cwd|node -v|node-gyp -v|System|command)\b/.test(l));
  skip(said ?? `node-gyp exited with ${run.status ?? run.signal}`);
}
