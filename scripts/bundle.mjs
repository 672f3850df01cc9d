#!/usr/bin/env node
/**
 * Bundles the built CLI (dist/cli/main.js, from tsc) into dist/bundle/ for a
 * faster start: one file to load instead of some eighty modules. What a run does
 * not need (other reporters, the index stores, the worker pool) stays in chunks
 * that load on first use; the worker thread is an entry of its own
 * (dist/bundle/worker.js, beside the chunk that starts it). The native and
 * optional dependencies (better-sqlite3, ioredis) stay outside, resolved at run
 * time like fast-levenshtein. The library (dist/index.js) is not bundled.
 */
import { build } from 'esbuild';

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
  // The CommonJS dependencies (commander, picomatch, …) require Node's built-ins.
  banner: { js: "import { createRequire as __dedupeRequire } from 'node:module'; const require = __dedupeRequire(import.meta.url);" },
});
