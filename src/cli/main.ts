/**
 * The command-line layer: parses flags, loads inputs, runs the library, writes
 * the report or the stripped text, and decides the exit status. The only module
 * that touches process streams and exit codes.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { type PathScan, scan, stripRanges } from '../api.js';
import { touch } from '../input/mapped.js';
import { type ByteRange, eachKeptPiece } from '../strip/index.js';
import { OptionError, type ScanOptions } from '../options.js';
import { loadChunkedReporter } from '../report/load.js';
import type { ParsedFlags } from './flags.js';
import { DEFAULT_GATE, type Gate, gateFails } from './gates.js';
import { findConfig, loadConfigFile } from '../config/index.js';
import type { ProgressEvent } from '../pipeline.js';
import { openIndex } from '../store/open.js';
import { IndexError } from '../store/types.js';
import { EXIT } from './exit.js';
import { operandsOnly } from './operands.js';
import { ProgressBar } from './progress.js';
import { StreamUsageError, streamsLines, stripLinesStreaming } from './stream-lines.js';

/** The package version, written into the bundle by scripts/bundle.mjs (esbuild `define`). */
declare const __DEDUPE_VERSION__: string | undefined;

/** The package version: inlined in the bundle, so a run does not read package.json; read from it otherwise. */
export const VERSION: string =
  typeof __DEDUPE_VERSION__ === 'string' ? __DEDUPE_VERSION__ : (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

type Out = NodeJS.WritableStream & { isTTY?: boolean };

export interface CliIo {
  readonly stdout: Out;
  readonly stderr: Out;
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // Created on first use: a run over named files never touches standard input.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

/** A usage or input error: one line on stderr, exit 2. */
class UsageError extends Error {}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const err = (line: string): void => {
    io.stderr.write(`dedupe: ${line}\n`);
  };
  let brokenPipe = false;
  let writeFailed = false;
  io.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') brokenPipe = true;
    else if (!writeFailed) {
      writeFailed = true;
      err(`cannot write to standard output: ${e.code ?? e.message}`);
    }
  });
  const write = (data: string | Uint8Array): Promise<void> =>
    new Promise((resolve) => {
      if (brokenPipe || writeFailed) return resolve();
      io.stdout.write(data, () => resolve());
    });

  if (argv[0] === 'index') return runIndexCommand(argv.slice(1), io, err, write);
  // Operands only (the usual run): no commander. Otherwise it parses, or has handled the line (--help, errors).
  const line =
    operandsOnly(argv) ??
    (await import('./program.js')).parseCommandLine(VERSION, argv, {
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  if (typeof line === 'number') return line;
  const { flags: parsed, args, fromCli } = line;
  const wanted = parsed.completion;
  if (wanted !== undefined) {
    const { completionScript, SHELLS } = await import('./completion.js');
    const shell = SHELLS.find((s) => s === wanted);
    if (shell === undefined) {
      err(`--completion takes one of ${SHELLS.join(', ')}, got ${wanted}`);
      return EXIT.error;
    }
    await write(completionScript(shell));
    return EXIT.ok;
  }
  try {
    const flags = await withConfig(parsed, fromCli, io.cwd);
    const status = await run(args, flags, fromCli, io, err, write, () => brokenPipe || writeFailed);
    // Output that could not be written (a full disk, a closed file) is an error, not a success.
    return writeFailed ? EXIT.error : status;
  } catch (e) {
    // Usage, option, config and index errors, and file errors that name their path: one line, exit 2.
    if (e instanceof UsageError || e instanceof StreamUsageError || e instanceof OptionError || e instanceof IndexError || (e instanceof Error && 'path' in e)) {
      err(e.message);
      return EXIT.error;
    }
    throw e;
  }
}

async function run(
  args: string[],
  flags: ParsedFlags,
  fromCli: (key: string) => boolean,
  io: CliIo,
  err: (line: string) => void,
  write: (data: string | Uint8Array) => Promise<void>,
  stdoutGone: () => boolean,
): Promise<number> {
  const stripMode = flags.strip === true || flags.outDir !== undefined;
  if (flags.write && stripMode) throw new UsageError('--write rewrites files in place; it cannot be combined with --strip or --out-dir');
  if (flags.check && !stripMode && !flags.write) throw new UsageError('--check goes with --strip, --out-dir or --write (a report already exits 1 when it finds duplicates)');
  // Report options from a config file are simply unused when stripping; on the command line they are a mistake.
  if (fromCli('format') && (stripMode || flags.write)) throw new UsageError('--format chooses a report format; it does not apply to --strip or --write');
  if (fromCli('explain') && (stripMode || flags.write)) throw new UsageError('--explain belongs to the report; it does not apply to --strip or --write');

  let paths = args;
  if (paths.length === 0) {
    if (io.stdin.isTTY) throw new UsageError("no input: give files, directories or glob patterns, or '-' to read standard input (see --help)");
    paths = ['-'];
  }
  if (flags.write && paths.includes('-')) throw new UsageError('--write cannot rewrite standard input; use --strip');

  const options: Partial<ScanOptions> = {
    unit: flags.unit,
    threshold: flags.threshold,
    exact: flags.exact,
    raw: flags.raw,
    minLength: flags.minLength,
    minWords: flags.minWords,
    keep: flags.keep,
    boilerplate: flags.boilerplate,
  };
  if (flags.indexStoreText && flags.index === undefined) throw new UsageError('--index-store-text goes with --index');
  const bar = io.stderr.isTTY && !flags.quiet ? new ProgressBar(io.stderr) : undefined;
  if (streamsLines(flags, options)) {
    try {
      return await stripLinesStreaming(paths, flags, {
        get stdin() {
          return io.stdin;
        },
        cwd: io.cwd,
        err: (line) => {
          bar?.done();
          err(line);
        },
        write,
        stopped: stdoutGone,
        quiet: flags.quiet === true,
        ...(bar ? { onProgress: (e: ProgressEvent) => bar.update(e) } : {}),
      });
    } finally {
      bar?.done();
    }
  }
  const index = flags.index !== undefined ? await openIndex(flags.index) : undefined;
  let scanned: PathScan;
  try {
    scanned = await scan(
      paths,
      {
        ...options,
        cwd: io.cwd,
        ignore: flags.ignore ?? [],
        gitignore: flags.gitignore,
        hidden: flags.hidden === true,
        readStdin: () => readAll(io.stdin),
        mapAtLeast: mapAtLeast(io.env),
      },
      {
        ...(bar ? { onProgress: (e: ProgressEvent) => bar.update(e) } : {}),
        ...(index ? { index, storeText: flags.indexStoreText === true } : {}),
        jobs: flags.jobs ?? availableParallelism(),
      },
    );
  } finally {
    bar?.done();
    await index?.close();
  }
  let failed = false;
  const passesThrough = new Set(stripMode ? scanned.binary.map((b) => b.path) : []);
  for (const p of scanned.problems) {
    if (p.severity === 'error') failed = true;
    else if (flags.quiet) continue;
    // Stripping copies a binary input unchanged rather than dropping it.
    err(`${p.path}: ${passesThrough.has(p.path) ? 'binary file, copied unchanged' : p.message}`);
  }
  const { sources, result, binary } = scanned;
  if (stripMode && flags.outDir === undefined && sources.length + binary.length > 1) {
    const count = sources.length + binary.length;
    throw new UsageError(`--strip writes one input to stdout, but ${count} files were given: add --out-dir DIR, or use --write`);
  }
  const failStatus = failed ? EXIT.error : undefined;

  const gate: Gate = {
    failOn: flags.failOn ?? DEFAULT_GATE.failOn,
    maxDuplicates: flags.maxDuplicates ?? DEFAULT_GATE.maxDuplicates,
    fail: flags.fail,
  };
  if (!stripMode && !flags.write) {
    const color = useColor(flags, io);
    const ctx = { toolVersion: VERSION, color, explain: flags.explain === true };
    const reporter = await loadChunkedReporter(flags.format ?? 'pretty', ctx);
    for (const piece of reporter(result, ctx)) {
      await write(piece);
      if (stdoutGone()) break;
    }
    return failStatus ?? (gateFails(result, gate) ? EXIT.found : EXIT.ok);
  }

  // What each input loses; its output is written piece by piece (views of its bytes: a big input's output is not copied).
  const removals = stripRanges(scanned);
  // Every input with its output bytes: scanned ones stripped, binary ones unchanged.
  const outputs: { path: string; changed: boolean; data: Iterable<Uint8Array> }[] = [
    ...sources.map((s, i) => {
      const ranges = removals[i] as ByteRange[];
      return { path: s.path, changed: ranges.length > 0, data: { [Symbol.iterator]: () => eachKeptPiece(s.bytes, ranges) } };
    }),
    ...(flags.write ? [] : binary.map((b) => ({ path: b.path, changed: false, data: { [Symbol.iterator]: () => eachKeptPiece(b.bytes, []) } }))),
  ];
  if (flags.write) {
    const changed = outputs.filter((o) => o.changed);
    await writeNamingInputs(changed.map((o) => ({ display: o.path, path: path.resolve(io.cwd, o.path), data: o.data })));
  } else if (flags.outDir !== undefined) {
    const outDir = path.resolve(io.cwd, flags.outDir);
    const targets = new Map<string, string>();
    for (const o of outputs) {
      const name = outDirName(o.path);
      const first = targets.get(name);
      if (first !== undefined) throw new UsageError(`--out-dir: ${first} and ${o.path} would both be written to ${path.join(flags.outDir, name)}`);
      targets.set(name, o.path);
    }
    const { writeFilesAtomicMkdir } = await import('../output/atomic.js');
    await writeFilesAtomicMkdir(outputs.map((o) => ({ path: path.join(outDir, outDirName(o.path)), data: o.data })));
  } else if (outputs.length === 1) {
    for (const piece of (outputs[0] as { data: Iterable<Uint8Array> }).data) {
      await write(piece);
      touch(piece, piece.length);
      if (stdoutGone()) break;
    }
  }
  return failStatus ?? (flags.check && gateFails(result, gate) ? EXIT.found : EXIT.ok);
}

/** `dedupe index …`: one-line errors and exit 2 as for the main command. */
async function runIndexCommand(
  argv: readonly string[],
  io: CliIo,
  err: (line: string) => void,
  write: (data: string | Uint8Array) => Promise<void>,
): Promise<number> {
  const [{ indexCommand }, { CommanderError }] = await Promise.all([import('./index-command.js'), import('commander')]);
  try {
    return await indexCommand(argv, { write, writeErr: (s) => io.stderr.write(s), now: () => Date.now() });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.error;
    if (e instanceof IndexError) {
      err(e.message);
      return EXIT.error;
    }
    throw e;
  }
}

/** Writes files in place; an error names the input as the user wrote it, not its absolute path. */
async function writeNamingInputs(writes: readonly { display: string; path: string; data: Iterable<Uint8Array> }[]): Promise<void> {
  // Loaded here (with node:crypto, for the temporary names): only --write and --out-dir need it.
  const { FileWriteError, writeFilesAtomic } = await import('../output/atomic.js');
  try {
    await writeFilesAtomic(writes);
  } catch (e) {
    const hit = e instanceof FileWriteError ? writes.find((w) => w.path === e.path) : undefined;
    if (e instanceof FileWriteError && hit) throw new UsageError(`${hit.display}${e.message.slice(e.path.length)}`);
    throw e;
  }
}

/**
 * Fills in options from the config file (searched from cwd upward, or --config
 * FILE, or none with --no-config); a flag given on the command line wins, and
 * --ignore globs add to the config's.
 */
async function withConfig(flags: ParsedFlags, fromCli: (key: string) => boolean, cwd: string): Promise<ParsedFlags> {
  if (flags.config === false) return flags;
  const loaded = typeof flags.config === 'string' ? await loadConfigFile(path.resolve(cwd, flags.config), cwd) : await findConfig(cwd);
  if (loaded === undefined) return flags;
  const o = loaded.options;
  const merged: ParsedFlags = { ...flags, ignore: [...(o.ignore ?? []), ...(flags.ignore ?? [])] };
  const take = <K extends keyof ParsedFlags>(key: K, value: ParsedFlags[K] | undefined): void => {
    if (value !== undefined && !fromCli(key)) merged[key] = value;
  };
  take('unit', o.unit);
  take('threshold', o.threshold);
  take('exact', o.exact);
  take('raw', o.raw);
  take('minLength', o.minLength);
  take('minWords', o.minWords);
  take('keep', o.keep);
  take('format', o.format);
  take('gitignore', o.gitignore);
  take('hidden', o.hidden);
  take('maxDuplicates', o.maxDuplicates);
  take('failOn', o.failOn);
  take('fail', o.fail);
  take('explain', o.explain);
  take('color', o.color);
  return merged;
}

/** Where a display path goes under --out-dir: its relative form, with root and '..' parts dropped. */
export function outDirName(displayPath: string): string {
  if (displayPath === '<stdin>') return 'stdin.txt';
  const parts = displayPath.split(/[\\/]+/).filter((p) => p !== '' && p !== '.' && p !== '..' && !/^[A-Za-z]:$/.test(p));
  return parts.length > 0 ? parts.join('/') : 'stdin.txt';
}

function useColor(flags: ParsedFlags, io: CliIo): boolean {
  if (flags.color === true) return true;
  if (flags.color === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.stdout.isTTY === true;
}

/**
 * Files this big or bigger are mapped into memory, not read into it (where the
 * native addon is built): a scan of a 2 GB file then holds only the pages it is
 * reading. DEDUPE_MAP_BYTES sets the size, in bytes or with K, M or G (0 maps
 * every non-empty file); a value it cannot read leaves the default.
 */
const MAP_AT_LEAST = 64 << 20;

function mapAtLeast(env: Readonly<Record<string, string | undefined>>): number {
  const set = /^\s*(\d+)\s*([kmg]?)b?\s*$/i.exec(env.DEDUPE_MAP_BYTES ?? '');
  if (set === null) return MAP_AT_LEAST;
  const unit = { '': 1, k: 1 << 10, m: 1 << 20, g: 1 << 30 }[(set[2] as string).toLowerCase()] ?? 1;
  return Number(set[1]) * unit;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
