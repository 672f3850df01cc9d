/**
 * Input loading: turns the paths given on the command line into `Source`s.
 *
 * - A file is read as exact bytes (never decoded). A directory is walked
 *   recursively in sorted, depth-first order (see walk.ts). A path that does not
 *   exist but contains glob magic (`*?[]{}`) is expanded. `-` is standard input,
 *   read through `options.readStdin`, at most once.
 * - Results keep the order of `paths`; inside a directory or a glob, the walk
 *   order. The same real file reached twice is loaded once, at its first position.
 * - Explicitly named files are never filtered by ignore rules; what a walk or a
 *   glob finds is (`.gitignore`, see gitignore.ts, and `options.ignore`).
 * - Bad inputs become `problems` (errors; binary files are warnings); nothing
 *   here throws for a bad path, prints, or touches the process.
 *
 * Where the brief leaves room, this module chooses:
 * - `options.ignore` globs have gitignore semantics and are matched against the
 *   path relative to `cwd` (so `--ignore docs/drafts` works for `dedupe .` and for
 *   `dedupe docs`; a pattern without a slash, like `*.bak` or `drafts/`, matches
 *   at any depth). Below a walked root that lies outside `cwd` they are matched
 *   against the path relative to that root.
 * - An explicitly given directory (or a glob's literal base directory) is never
 *   ignored itself: when it matches the ignore rules, its contents are judged
 *   only by rules relative to it (`.gitignore` files inside it; `--ignore`
 *   relative to it), like ripgrep. `dedupe node_modules/pkg` therefore works.
 * - Globs are matched by walking their literal base directory (`docs` for
 *   `docs/**\/*.md`) with the same walker as directories: files only, same
 *   sorted order, symbolic links to directories not followed, `.gitignore` and
 *   `--ignore` honoured, ignored directories never entered. `*` and `**` do not
 *   match names that start with a dot (as in a shell); a leading `!` is literal.
 * - Directory walks skip hidden files and directories (names starting with '.',
 *   `.gitignore` itself among them), as ripgrep does, unless `hidden` is set;
 *   `.git` is always skipped. Explicitly named dot files are read.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Source } from '../types.js';
import {
  childDisplay,
  createLimit,
  displayOf,
  errorCode,
  isInside,
  readBytes,
  realpathOr,
  reasonOf,
  relPosix,
  type Limit,
} from './fsutil.js';
import type { GitignoreTree } from './gitignore.js';

// Ignore rules and glob matching load on first use: a run over named files needs neither.
const gitignoreModule = (): Promise<typeof import('./gitignore.js')> => import('./gitignore.js');
import { walk, type WalkOptions } from './walk.js';

export interface LoadOptions {
  /** Base for relative paths; default `process.cwd()`. */
  cwd?: string;
  /** Extra gitignore-style globs (the --ignore flag), matched relative to `cwd`. */
  ignore?: readonly string[];
  /** Honour `.gitignore` files; default true. */
  gitignore?: boolean;
  /** Also read hidden files and directories (names starting with '.') found by walking a directory; default false, as ripgrep. */
  hidden?: boolean;
  /** How to read `-`; if absent and `-` is given, an error problem is reported. */
  readStdin?: () => Promise<Uint8Array>;
  /**
   * Files of at least this many bytes are mapped into memory (read-only) rather
   * than read into it, where the native addon is built (src/input/mapped.ts):
   * the scan then holds only the pages it is reading. Default: none (a mapped
   * Source's bytes cannot be written to; writing to them ends the process).
   */
  mapAtLeast?: number;
}

export interface InputProblem {
  /** The input as the user wrote it (or the display path of a file found below it). */
  readonly path: string;
  /** One line, lower case, e.g. `no such file or directory`. */
  readonly message: string;
  readonly severity: 'warning' | 'error';
}

export interface LoadResult {
  readonly sources: Source[];
  readonly problems: InputProblem[];
  /** Binary inputs (each also has a warning in `problems`): not scanned, but kept so that stripping can pass them through unchanged. */
  readonly binary: Source[];
}

/** Display path of standard input. */
export const STDIN_PATH = '<stdin>';
/** Bytes looked at for a NUL byte when deciding that a file is binary. */
export const BINARY_SNIFF_BYTES = 8000;
export const MESSAGE_BINARY = 'binary file skipped';
export const MESSAGE_NO_MATCH = 'no files match this pattern';
export const MESSAGE_NO_STDIN = 'standard input is not available';

const GLOB_MAGIC = /[*?[\]{}]/;
const CONCURRENCY = 64;

/** True when the first `BINARY_SNIFF_BYTES` bytes contain a NUL byte. */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}

type Planned =
  | { readonly kind: 'file'; readonly display: string; readonly abs: string; readonly key: string }
  | { readonly kind: 'stdin' }
  | { readonly kind: 'problem'; readonly problem: InputProblem };

interface Context {
  readonly cwd: string;
  readonly limit: Limit;
  readonly gitignore: boolean;
  readonly hidden: boolean;
  readonly extra: { ignores(path: string): boolean } | undefined;
  readonly trees: Map<string, GitignoreTree>;
  readonly gitRoots: Map<string, Promise<string | null>>;
}

function error(display: string, message: string): Planned {
  return { kind: 'problem', problem: { path: display, message, severity: 'error' } };
}

async function treeFor(ctx: Context, top: string): Promise<GitignoreTree> {
  let tree = ctx.trees.get(top);
  if (tree === undefined) {
    tree = new (await gitignoreModule()).GitignoreTree(top);
    ctx.trees.set(top, tree);
  }
  return tree;
}

function gitRootOf(ctx: Context, dir: string): Promise<string | null> {
  let root = ctx.gitRoots.get(dir);
  if (root === undefined) {
    root = gitignoreModule().then((m) => m.findGitRoot(dir));
    ctx.gitRoots.set(dir, root);
  }
  return root;
}

/** Ignore settings for a walk of the directory at `abs` (real path `real`). */
async function ignoreSettings(ctx: Context, abs: string, real: string): Promise<Pick<WalkOptions, 'gitignore' | 'extra'>> {
  let gitignore: WalkOptions['gitignore'];
  if (ctx.gitignore) {
    const top = (await gitRootOf(ctx, real)) ?? real;
    if (top !== real) {
      const tree = await treeFor(ctx, top);
      await tree.load(path.dirname(real));
      const prefix = relPosix(top, real);
      if (!tree.ignores(prefix, true)) gitignore = { tree, prefix };
    }
    // At the top itself, or an explicitly named directory that the rules above it ignore.
    gitignore ??= { tree: await treeFor(ctx, real), prefix: '' };
  }
  let extra: WalkOptions['extra'];
  if (ctx.extra) {
    const rel = relPosix(ctx.cwd, abs);
    const prefix = isInside(rel) && (rel === '' || !ctx.extra.ignores(`${rel}/`)) ? rel : '';
    extra = { rules: ctx.extra, prefix };
  }
  return { gitignore, extra };
}

/** Walks a directory (or a glob's base) and plans its files. */
async function planWalk(
  ctx: Context,
  abs: string,
  base: string,
  filter?: Pick<WalkOptions, 'match' | 'maxDepth'>,
): Promise<Planned[]> {
  const real = await realpathOr(abs);
  const entries = await walk(real, {
    limit: ctx.limit,
    // Globs decide on dot names themselves (a pattern that names the dot matches them).
    hidden: ctx.hidden || filter?.match !== undefined,
    ...(await ignoreSettings(ctx, abs, real)),
    ...filter,
  });
  return Promise.all(
    entries.map(async (entry): Promise<Planned> => {
      const display = entry.rel === '' ? base || '.' : childDisplay(base, entry.rel);
      if (entry.kind === 'error') return error(display, entry.message);
      // Walks never pass through a symlinked directory, so only a link itself needs resolving.
      const key = entry.symlink ? await ctx.limit(() => realpathOr(entry.abs)) : entry.abs;
      return { kind: 'file', display, abs: entry.abs, key };
    }),
  );
}

async function planGlob(ctx: Context, pattern: string, fallback: unknown): Promise<Planned[]> {
  const { default: picomatch } = await import('picomatch');
  const scan = picomatch.scan(pattern, { nonegate: true });
  if (!scan.isGlob) return [error(pattern, reasonOf(fallback))];
  const base = scan.prefix + scan.base;
  const abs = path.resolve(ctx.cwd, base === '' ? '.' : base);
  try {
    const info = await ctx.limit(() => stat(abs));
    if (!info.isDirectory()) return [error(pattern, MESSAGE_NO_MATCH)];
  } catch {
    return [error(pattern, MESSAGE_NO_MATCH)];
  }
  const isMatch = picomatch(scan.glob, { dot: false, nonegate: true });
  // An upper bound on the depth a match can have (`{a,b/c}` only adds slashes).
  const maxDepth = scan.glob.includes('**') ? Number.POSITIVE_INFINITY : scan.glob.split('/').length;
  const planned = await planWalk(ctx, abs, base, { match: (rel) => isMatch(rel), maxDepth });
  if (!planned.some((p) => p.kind === 'file')) planned.push(error(pattern, MESSAGE_NO_MATCH));
  return planned;
}

async function plan(ctx: Context, input: string): Promise<Planned[]> {
  if (input === '-') return [{ kind: 'stdin' }];
  const display = displayOf(input);
  // path.resolve drops a trailing separator, which would let `file.txt/` read the file.
  const resolved = path.resolve(ctx.cwd, input);
  const trailing = input.endsWith('/') || (path.sep === '\\' && input.endsWith('\\'));
  const abs = trailing && !resolved.endsWith(path.sep) ? resolved + path.sep : resolved;
  let isDirectory: boolean;
  try {
    isDirectory = (await ctx.limit(() => stat(abs))).isDirectory();
  } catch (err) {
    const code = errorCode(err);
    if ((code === 'ENOENT' || code === 'ENOTDIR') && GLOB_MAGIC.test(display)) return planGlob(ctx, display, err);
    return [error(display, reasonOf(err))];
  }
  if (isDirectory) return planWalk(ctx, abs, display);
  return [{ kind: 'file', display, abs, key: await realpathOr(abs) }];
}

type Outcome =
  | { readonly source: Source }
  | { readonly problem: InputProblem; readonly binary?: Source };

function sourceOrBinary(display: string, bytes: Uint8Array): Outcome {
  if (isBinary(bytes)) {
    return { problem: { path: display, message: MESSAGE_BINARY, severity: 'warning' }, binary: { path: display, bytes } };
  }
  return { source: { path: display, bytes } };
}

/** The file's bytes: mapped when it has at least `mapAtLeast` bytes and mapping is available, else read. */
async function readOrMap(abs: string, mapAtLeast: number | undefined): Promise<Uint8Array> {
  if (mapAtLeast !== undefined && mapAtLeast >= 0 && Number.isFinite(mapAtLeast)) {
    const info = await stat(abs);
    // Regular files only (a FIFO or a device is read as a stream).
    if (info.isFile() && info.size >= mapAtLeast) {
      const { mapFile } = await import('./mapped.js');
      try {
        const mapped = mapFile(abs);
        if (mapped !== undefined) return mapped;
      } catch {
        // Not mappable (some network and FUSE file systems, no address space): read it.
      }
    }
  }
  return readBytes(abs);
}

/** One input to read, or a problem in its place, as planInputs finds them. */
export type InputStep =
  | { readonly kind: 'file'; readonly display: string; readonly abs: string }
  | { readonly kind: 'stdin' }
  | { readonly kind: 'problem'; readonly problem: InputProblem };

/**
 * What `paths` name (files, directories, globs, `-`), in order, without reading
 * them: each real file once, at its first position, and standard input once.
 * Never throws for a bad input: it becomes a problem step.
 */
export async function planInputs(paths: readonly string[], options: LoadOptions = {}): Promise<InputStep[]> {
  if (!Array.isArray(paths)) throw new TypeError('loadSources: paths must be an array of strings');
  for (const p of paths) {
    if (typeof p !== 'string') throw new TypeError(`loadSources: path must be a string, got ${typeof p}`);
  }
  const extraPatterns = options.ignore ?? [];
  const ctx: Context = {
    cwd: path.resolve(options.cwd ?? process.cwd()),
    limit: createLimit(CONCURRENCY),
    gitignore: options.gitignore !== false,
    hidden: options.hidden === true,
    extra: extraPatterns.length > 0 ? (await gitignoreModule()).createIgnore().add(extraPatterns) : undefined,
    trees: new Map(),
    gitRoots: new Map(),
  };

  const planned = (await Promise.all(paths.map((input) => plan(ctx, input)))).flat();

  // Keep the first occurrence of every real file (and of stdin).
  const seen = new Set<string>();
  let stdinSeen = false;
  const steps = planned.filter((step) => {
    if (step.kind === 'stdin') {
      if (stdinSeen) return false;
      stdinSeen = true;
    } else if (step.kind === 'file') {
      if (seen.has(step.key)) return false;
      seen.add(step.key);
    }
    return true;
  });
  return steps.map((step): InputStep => (step.kind === 'file' ? { kind: 'file', display: step.display, abs: step.abs } : step));
}

/**
 * Loads the inputs named by `paths` (files, directories, globs, `-`), in order.
 * Never throws for a bad input: unreadable, missing and binary inputs are
 * reported in `problems` and the rest are still loaded.
 */
export async function loadSources(paths: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const steps = await planInputs(paths, options);
  const limit = createLimit(CONCURRENCY);
  const outcomes = await Promise.all(
    steps.map(async (step): Promise<Outcome> => {
      switch (step.kind) {
        case 'problem':
          return { problem: step.problem };
        case 'stdin': {
          if (!options.readStdin) return { problem: { path: STDIN_PATH, message: MESSAGE_NO_STDIN, severity: 'error' } };
          try {
            return sourceOrBinary(STDIN_PATH, await options.readStdin());
          } catch (err) {
            return { problem: { path: STDIN_PATH, message: reasonOf(err), severity: 'error' } };
          }
        }
        case 'file': {
          try {
            return sourceOrBinary(step.display, await limit(() => readOrMap(step.abs, options.mapAtLeast)));
          } catch (err) {
            return { problem: { path: step.display, message: reasonOf(err), severity: 'error' } };
          }
        }
      }
    }),
  );

  const sources: Source[] = [];
  const problems: InputProblem[] = [];
  const binary: Source[] = [];
  for (const outcome of outcomes) {
    if ('source' in outcome) sources.push(outcome.source);
    else {
      problems.push(outcome.problem);
      if (outcome.binary) binary.push(outcome.binary);
    }
  }
  return { sources, problems, binary };
}
