#!/usr/bin/env node
/**
 * Bundles the built CLI (dist/cli/main.js, from tsc) into dist/bundle/ for a
 * faster start: one file to load instead of some eighty modules. What a run does
 * not need (other reporters, the index stores, the worker pool) stays in chunks
 * that load on first use; the worker thread is an entry of its own
 * (dist/bundle/worker.js, beside the chunk that starts it). The native and
 * optional dependencies (better-sqlite3, ioredis) stay outside, resolved at run
 * time like fast-levenshtein. The library (dist/index.js) is not bundled.
 *
 * Start-up also saves: the version is written in (no package.json read at run
 * time), and commander's node:child_process (only for executable subcommands,
 * which dedupe has none of; it pulls in net, dgram and streams) is required on
 * first use instead of when commander loads.
 */
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** commander's `require('node:child_process')`, as an object that requires it when a property is first read. */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      loader: 'js',
      contents: `let cp;
module.exports = new Proxy({}, { get: (_, key) => (cp ??= require('node:child_process'))[key] });`,
    }));
  },
};

rmSync('dist/bundle', { recursive: true, force: true });
await build({
  entryPoints: { main: 'dist/cli/main.js', worker: 'dist/prepare/worker.js' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', 'ioredis'],
  chunkNames: 'chunk-[hash]',
  logLevel: 'warning',
  legalComments: 'none',
  define: { __DEDUPE_VERSION__: JSON.stringify(version) },
  plugins: [lazyChildProcess],
  // The CommonJS dependencies (commander, picomatch, …) require Node's built-ins.
  banner: { js: "import { createRequire as __dedupeRequire } from 'node:module'; const require = __dedupeRequire(import.meta.url);" },
});
