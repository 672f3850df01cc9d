#!/usr/bin/env node
/**
 * Bundles the built CLI (dist/cli/main.js, from tsc) into dist/bundle/ for a
 * faster start: one file to load instead of some eighty modules. What a run does
 * not need (other reporters, the index stores, the worker pool) stays in chunks
 * that load on first use; the worker thread is a bundle of its own
 * (dist/bundle/worker.js, beside the chunk that starts it). The native and
 * optional dependencies (better-sqlite3, ioredis) stay outside, resolved at run
 * time. The library (dist/index.js) is not bundled.
 *
 * Two passes. esbuild's code splitting puts every module that main.js shares
 * with a chunk it loads on demand into a chunk of its own, so a plain run loaded
 * a dozen small files besides main.js (about 0.8 ms each here). The second pass
 * bundles main.js again with the chunks it imports statically (their banners
 * dropped: one createRequire), and leaves in their place one-line modules that
 * re-export from main.js what the on-demand chunks import: still one instance
 * of each module, and one file to load.
 *
 * Start-up also saves: the version is written in (no package.json read at run
 * time), and commander's node:child_process (only for executable subcommands,
 * which dedupe has none of; it pulls in net, dgram and streams) is required on
 * first use instead of when commander loads.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const OUT = 'dist/bundle';
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

// The CommonJS dependencies (commander, picomatch, …) require Node's built-ins; the require
// function is made on first use (createRequire costs about 1 ms, and a plain run needs none).
const BANNER =
  "import { createRequire as __dedupeRequire } from 'node:module'; let __dedupeRequireFn; const require = (id) => (__dedupeRequireFn ??= __dedupeRequire(import.meta.url))(id);";

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', 'ioredis'],
  logLevel: 'warning',
  legalComments: 'none',
  define: { __DEDUPE_VERSION__: JSON.stringify(version) },
  plugins: [lazyChildProcess],
  banner: { js: BANNER },
};

rmSync(OUT, { recursive: true, force: true });

// Pass 1: main.js and its chunks.
const first = await build({ ...common, entryPoints: { main: 'dist/cli/main.js' }, outdir: OUT, splitting: true, chunkNames: 'chunk-[hash]', metafile: true });
const outputs = first.metafile.outputs;
const mainOut = Object.keys(outputs).find((f) => path.basename(f) === 'main.js');

// The chunks main.js loads before it runs: its static imports, transitively.
const eager = new Set();
const visit = (file) => {
  for (const imp of outputs[file].imports) {
    if (imp.kind === 'import-statement' && !imp.external && !eager.has(imp.path)) {
      eager.add(imp.path);
      visit(imp.path);
    }
  }
};
visit(mainOut);

if (eager.size > 0) {
  // main.js exports each eager chunk's names under an alias of its own, and the chunk
  // becomes a module that re-exports them, for the on-demand chunks that import it.
  const chunks = [...eager].map((file, k) => ({
    file,
    names: outputs[file].exports.map((name) => ({ name, alias: `__chunk${k}_${name}` })),
  }));
  for (const { names } of chunks) {
    for (const { alias } of names) if (outputs[mainOut].exports.includes(alias)) throw new Error(`bundle: main.js already exports ${alias}`);
  }
  // Pass 2: main.js with its eager chunks; everything else (on-demand chunks, built-ins) stays outside.
  const mainAbs = path.resolve(mainOut);
  const inside = new Set([mainAbs, ...[...eager].map((f) => path.resolve(f))]);
  const merged = path.join(OUT, 'main.merged.js');
  const list = (names, from, to) => names.map((n) => `${n[from]} as ${n[to]}`).join(', ');
  const entry = [`export * from './main.js';`, ...chunks.map((c) => `export { ${list(c.names, 'name', 'alias')} } from './${path.basename(c.file)}';`)];
  await build({
    stdin: { contents: entry.join('\n'), resolveDir: path.resolve(OUT), sourcefile: 'main-merged.js', loader: 'js' },
    outfile: merged,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    legalComments: 'none',
    // Once for the merged file, not once per chunk.
    banner: { js: BANNER },
    plugins: [
      {
        name: 'eager-chunks-only',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            const abs = args.path.startsWith('.') ? path.resolve(args.resolveDir, args.path) : undefined;
            return abs !== undefined && inside.has(abs) ? { path: abs } : { path: args.path, external: true };
          });
          b.onLoad({ filter: /\.js$/ }, (args) => {
            const text = readFileSync(args.path, 'utf8');
            if (!text.startsWith(BANNER)) throw new Error(`bundle: ${args.path} does not start with the banner`);
            return { contents: text.slice(BANNER.length), loader: 'js', resolveDir: path.dirname(args.path) };
          });
        },
      },
    ],
  });
  renameSync(merged, mainAbs);
  for (const c of chunks) writeFileSync(c.file, `export { ${list(c.names, 'alias', 'name')} } from './main.js';\n`);
}

// The worker thread: a bundle of its own, so it does not load main.js.
await build({ ...common, entryPoints: { worker: 'dist/prepare/worker.js' }, outdir: OUT, splitting: false });
