#!/usr/bin/env node
/**
 * Builds the optional native addon (native/mapfile.c: big inputs are mapped
 * into memory instead of read into it; see src/input/mapped.ts) with node-gyp,
 * at install. Optional: when it cannot be built (no compiler, Windows,
 * DEDUPE_SKIP_NATIVE=1) the install goes on and dedupe reads every input into
 * memory, as it always did; it says so in one line and exits 0.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const skip = (why) => {
  process.stderr.write(`dedupe: the native file mapping is not built (${why}); big inputs are read into memory instead\n`);
  process.exit(0);
};
if (process.env.DEDUPE_SKIP_NATIVE === '1') skip('DEDUPE_SKIP_NATIVE=1');
if (process.platform === 'win32') skip('not on Windows');
if (!existsSync(new URL('../binding.gyp', import.meta.url))) skip('no binding.gyp');

// npm tells its lifecycle scripts where its own node-gyp is; else one on the PATH.
const gyp = process.env.npm_config_node_gyp;
const [command, args] = gyp ? [process.execPath, [gyp, 'rebuild']] : ['node-gyp', ['rebuild']];
const run = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (run.error) skip(run.error.message);
if (run.status !== 0) {
  const last = (run.stderr ?? '').trim().split('\n').filter((l) => /ERR!/.test(l)).slice(-1)[0] ?? `node-gyp exited with ${run.status}`;
  skip(last.replace(/^gyp ERR!\s*/, '').trim());
}
