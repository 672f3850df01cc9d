/**
 * Small file-system helpers for the input loader: a concurrency limiter,
 * one-line error reasons, and path spelling (display paths, POSIX relatives).
 */
import { readFile } from 'node:fs';
import { constants as bufferConstants } from 'node:buffer';
import { open, realpath } from 'node:fs/promises';
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
  return new Promise<Buffer>((resolve, reject) => {
    readFile(abs, (err, bytes) => (err ? reject(err) : resolve(bytes)));
  }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ERR_FS_FILE_TOO_LARGE') return readLarge(abs);
    throw e;
  });
}

/** Bytes read per call by readLarge. */
const LARGE_CHUNK = 64 << 20;

/**
 * A file past readFile's 2 GiB limit, read in chunks into one Buffer (up to
 * Buffer's own limit, 4 GiB; past that the error stays "file too large").
 */
export async function readLarge(abs: string, chunk = LARGE_CHUNK): Promise<Buffer> {
  const handle = await open(abs, 'r');
  try {
    const { size } = await handle.stat();
    if (size > bufferConstants.MAX_LENGTH) throw Object.assign(new RangeError(`${abs}: file too large`), { code: 'ERR_FS_FILE_TOO_LARGE' });
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(out, at, Math.min(chunk, size - at), at);
      if (bytesRead === 0) break; // the file shrank while being read
      at += bytesRead;
    }
    return at === size ? out : out.subarray(0, at);
  } finally {
    await handle.close();
  }
}
