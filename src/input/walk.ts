/**
 * Deterministic recursive directory walk.
 *
 * Entries are sorted by name with a plain code-unit compare and visited depth
 * first, so `a/`, `a-b.txt`, `a.txt` come out as `a/...`, `a-b.txt`, `a.txt` on
 * every machine. Directories are listed concurrently (bounded by the shared
 * limiter) and the results are stitched back together in sorted order.
 *
 * Skipped silently: `.git` entries, symbolic links to directories (never
 * followed, so link loops cannot hang the walk), dangling links, and anything
 * that is neither a file nor a directory (sockets, FIFOs, devices: reading a
 * FIFO would block). Symbolic links to files are returned.
 */
import type { Dirent } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Limit } from './fsutil.js';
import { joinRel, reasonOf } from './fsutil.js';
import type { GitignoreTree } from './gitignore.js';

export interface WalkOptions {
  readonly limit: Limit;
  /** `.gitignore` rules, and the walked root's path relative to their top (`''` when it is the top). */
  readonly gitignore?: { readonly tree: GitignoreTree; readonly prefix: string } | undefined;
  /** Extra ignore rules, and the walked root's path relative to their base. */
  readonly extra?: { readonly rules: { ignores(path: string): boolean }; readonly prefix: string } | undefined;
  /** Only files whose root-relative path matches are returned (glob expansion). */
  readonly match?: ((rel: string) => boolean) | undefined;
  /** Deepest level to return files from (1 = the root's own entries). */
  readonly maxDepth?: number | undefined;
  /** Enter hidden directories and return hidden files (names starting with '.'); `.git` never. */
  readonly hidden?: boolean | undefined;
}

export type WalkEntry =
  | { readonly kind: 'file'; readonly rel: string; readonly abs: string; readonly symlink: boolean }
  | { readonly kind: 'error'; readonly rel: string; readonly message: string };

type EntryKind = 'file' | 'dir' | 'link-file' | 'skip';

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Walks `root` (an absolute, real directory path) and returns its files in walk order. */
export function walk(root: string, options: WalkOptions): Promise<WalkEntry[]> {
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;

  const isIgnored = (rel: string, isDir: boolean): boolean => {
    const suffix = isDir ? '/' : '';
    if (options.extra && options.extra.rules.ignores(joinRel(options.extra.prefix, rel) + suffix)) return true;
    if (options.gitignore && options.gitignore.tree.ignores(joinRel(options.gitignore.prefix, rel), isDir)) return true;
    return false;
  };

  const kindOf = async (dirent: Dirent, abs: string): Promise<EntryKind> => {
    if (dirent.isFile()) return 'file';
    if (dirent.isDirectory()) return 'dir';
    let isLink = dirent.isSymbolicLink();
    if (!isLink && !dirent.isFIFO() && !dirent.isSocket() && !dirent.isBlockDevice() && !dirent.isCharacterDevice()) {
      // Type unknown (some file systems do not report it): ask.
      try {
        const info = await options.limit(() => lstat(abs));
        if (info.isFile()) return 'file';
        if (info.isDirectory()) return 'dir';
        isLink = info.isSymbolicLink();
      } catch {
        return 'skip';
      }
    }
    if (!isLink) return 'skip';
    try {
      const target = await options.limit(() => stat(abs));
      return target.isFile() ? 'link-file' : 'skip';
    } catch {
      return 'skip';
    }
  };

  const visit = async (dir: string, relDir: string, depth: number): Promise<WalkEntry[]> => {
    let dirents: Dirent[];
    try {
      dirents = await options.limit(() => readdir(dir, { withFileTypes: true }));
    } catch (err) {
      return [{ kind: 'error', rel: relDir, message: reasonOf(err) }];
    }
    if (options.gitignore) {
      const present = dirents.some((d) => d.name === '.gitignore' && !d.isDirectory());
      await options.gitignore.tree.load(dir, present);
    }
    dirents.sort((a, b) => compareNames(a.name, b.name));
    const parts = await Promise.all(
      dirents.map(async (dirent): Promise<WalkEntry[]> => {
        if (dirent.name === '.git') return [];
        if (!options.hidden && dirent.name.startsWith('.')) return [];
        const abs = path.join(dir, dirent.name);
        const rel = joinRel(relDir, dirent.name);
        const kind = await kindOf(dirent, abs);
        if (kind === 'skip') return [];
        if (kind === 'dir') {
          if (depth >= maxDepth || isIgnored(rel, true)) return [];
          return visit(abs, rel, depth + 1);
        }
        if (isIgnored(rel, false)) return [];
        if (options.match && !options.match(rel)) return [];
        return [{ kind: 'file', rel, abs, symlink: kind === 'link-file' }];
      }),
    );
    return parts.flat();
  };

  return visit(root, '', 1);
}
