/**
 * Small file-system helpers for the input loader: a concurrency limiter,
 * one-line error reasons, and path spelling (display paths, POSIX relatives).
 */
import { readFile } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';

/** Runs async jobs with at most `max` of them in flight (a slot is handed straight to the next waiter). */
export type Limit = <T>(job: () => Promise<T>) => Promise<T>;

const noop = (): void => {};

export function createLimit(max: number): Limit {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency must be a positive integer, got ${max}`);
  let active = 0;
  // A FIFO with a moving head: Array#shift is O(n), and thousands of reads queue up at once.
  let waiting: Array<() => void> = [];
  let head = 0;
  const release = (): void => {
    const next = waiting[head];
    if (next === undefined) {
      active--;
      return;
    }
    waiting[head++] = noop;
    if (head === waiting.length) {
      waiting = [];
      head = 0;
    }
    next();
  };
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (active < max) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await job();
    } finally {
      release();
    }
  };
}

export { errorCode, reasonOf } from '../fs-errors.js';

/** Whether a path is a file-system path (as opposed to `\` being a filename character). */
const WINDOWS = path.sep === '\\';

/** The user's spelling of a path with POSIX separators (`\` -> `/` on Windows only). */
export function displayOf(input: string): string {
  return WINDOWS ? input.replace(/\\/g, '/') : input;
}

/** Display path of `rel` (POSIX, relative) below a directory written as `base`. */
export function childDisplay(base: string, rel: string): string {
  if (base === '' || base === '.' || base === './') return rel;
  return base.endsWith('/') ? base + rel : `${base}/${rel}`;
}

/** `path.relative` with POSIX separators. */
export function relPosix(from: string, to: string): string {
  const rel = path.relative(from, to);
  return WINDOWS ? rel.replace(/\\/g, '/') : rel;
}

/** True when a `relPosix` result stays inside its base (the base itself counts as inside). */
export function isInside(rel: string): boolean {
  return rel !== '..' && !rel.startsWith('../') && !path.isAbsolute(rel);
}

/** Joins POSIX relative paths, either of which may be empty. */
export function joinRel(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  return `${a}/${b}`;
}

/** The real path, or the absolute path itself when it cannot be resolved (pipes like /dev/fd/N). */
export async function realpathOr(abs: string): Promise<string> {
  try {
    return await realpath(abs);
  } catch {
    return abs;
  }
}

/**
 * Reads a whole file. The callback API is used on purpose: `fs/promises.readFile`
 * goes through a FileHandle (open, fstat, read, close as separate round trips)
 * and was about three times slower over thousands of small files.
 */
export function readBytes(abs: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    readFile(abs, (err, bytes) => (err ? reject(err) : resolve(bytes)));
  });
}
