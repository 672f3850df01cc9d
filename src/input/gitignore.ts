/**
 * `.gitignore` handling.
 *
 * Every `.gitignore` below a "top" directory (the git root, or the walked root
 * outside a repository) is folded into ONE `ignore` instance, its patterns
 * rebased onto the top: `*.log` in `docs/.gitignore` becomes `docs/**\/*.log`,
 * `/build` becomes `docs/build`, negations keep their `!`. Files are added
 * ancestors first, so a deeper file's rules come later and win, exactly as in
 * git, where the deepest `.gitignore` with a matching rule decides. Because the
 * walk never enters an ignored directory and `ignore` refuses to re-include a
 * path below an ignored directory, "a file cannot be re-included when its
 * parent directory is excluded" holds too, while a deeper `!dir/` can still
 * re-include a directory that a shallower file excluded.
 *
 * Not read: `.git/info/exclude` and the global `core.excludesFile`.
 * Matching is case-sensitive on every platform (git's default on Linux), so a
 * tree yields the same files on every machine.
 */
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import ignore from 'ignore';
import { isInside, relPosix } from './fsutil.js';

export function createIgnore(): ignore.Ignore {
  return ignore({ ignorecase: false });
}

/** Escapes a literal path so gitignore pattern syntax treats every character literally. */
function escapeLiteral(text: string): string {
  return text.replace(/[\\*?[\]!#]/g, '\\$&');
}

/**
 * Rewrites the lines of a `.gitignore` found in `relDir` (POSIX, relative to the
 * top; `''` for the top itself) into patterns relative to the top.
 */
export function rebaseGitignore(text: string, relDir: string): string[] {
  const out: string[] = [];
  const prefix = escapeLiteral(relDir);
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    // Trailing spaces are dropped unless escaped with a backslash.
    let line = raw.replace(/(?<!\\) +$/, '');
    if (line === '' || line.startsWith('#')) continue;
    if (prefix === '') {
      out.push(line);
      continue;
    }
    let negative = false;
    if (line.startsWith('!')) {
      negative = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
      // Only special at the start of a line; in the middle they are literal.
      line = line.slice(1);
    }
    const body = line.endsWith('/') ? line.slice(0, -1) : line;
    if (body === '' || /^\/+$/.test(body)) continue;
    // A slash at the beginning or in the middle anchors the pattern to its directory;
    // otherwise it matches at any depth below that directory.
    const rebased = body.includes('/') ? `${prefix}/${line.replace(/^\/+/, '')}` : `${prefix}/**/${line}`;
    out.push(negative ? `!${rebased}` : rebased);
  }
  return out;
}

/** The `.gitignore` rules of one top directory and everything below it that has been visited. */
export class GitignoreTree {
  private readonly rules = createIgnore();
  private readonly loaded = new Map<string, Promise<void>>();

  constructor(readonly top: string) {}

  /**
   * Loads the `.gitignore` of `dir` and of every directory between the top and
   * it, ancestors first. `present: false` records that `dir` has none (known
   * from a directory listing), saving a failed open.
   */
  load(dir: string, present?: boolean): Promise<void> {
    let pending = this.loaded.get(dir);
    if (pending === undefined) {
      pending = this.doLoad(dir, present);
      this.loaded.set(dir, pending);
    }
    return pending;
  }

  private async doLoad(dir: string, present: boolean | undefined): Promise<void> {
    const rel = relPosix(this.top, dir);
    if (!isInside(rel)) return;
    if (rel !== '') await this.load(path.dirname(dir));
    if (present === false) return;
    let text: string;
    try {
      text = await readFile(path.join(dir, '.gitignore'), 'utf8');
    } catch {
      // Missing or unreadable (or a directory): like git, carry on without it.
      return;
    }
    const patterns = rebaseGitignore(text, rel);
    if (patterns.length > 0) this.rules.add(patterns);
  }

  /** Whether `rel` (POSIX, relative to the top, non-empty) is ignored; its parent directories must be loaded. */
  ignores(rel: string, isDir: boolean): boolean {
    return this.rules.ignores(isDir ? `${rel}/` : rel);
  }
}

/** The nearest directory at or above `dir` that has a `.git` entry (directory or file), or null. */
export async function findGitRoot(dir: string): Promise<string | null> {
  for (let current = dir; ; ) {
    try {
      await lstat(path.join(current, '.git'));
      return current;
    } catch {
      // keep climbing
    }
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}
