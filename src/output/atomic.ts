/**
 * Atomic file writing for `--write` and `--strip --out-dir`.
 *
 * Two phases: first every new content goes to a hidden temp file next to its
 * target (written, fsynced, mode copied, closed); only when all of them are
 * ready is each renamed over its target, and the directories are fsynced.
 * A failure in the first phase removes every temp and leaves every original
 * untouched.
 */
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat, mkdir, open, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { errorCode, reasonOf } from '../fs-errors.js';
import { touch } from '../input/mapped.js';

export interface FileWrite {
  readonly path: string;
  /** The content: one array, or pieces written one after another (iterated once per write). */
  readonly data: Uint8Array | Iterable<Uint8Array>;
}

/** A write's content as pieces. */
export function piecesOf(data: Uint8Array | Iterable<Uint8Array>): Iterable<Uint8Array> {
  return data instanceof Uint8Array ? [data] : data;
}

/** An I/O failure, with the path it concerns; `message` is `<path>: <reason>`. */
export class FileWriteError extends Error {
  /** The path as given by the caller (the target, or a directory being created). */
  readonly path: string;
  /** The errno code (`ENOENT`, `EACCES`, …) when there was one. */
  readonly code: string | undefined;

  constructor(filePath: string, reason: string, code?: string, options?: { cause?: unknown }) {
    super(`${filePath}: ${reason}`, options);
    this.name = 'FileWriteError';
    this.path = filePath;
    this.code = code;
  }
}

function wrap(filePath: string, err: unknown): FileWriteError {
  if (err instanceof FileWriteError) return err;
  return new FileWriteError(filePath, reasonOf(err), errorCode(err), { cause: err });
}

/** A prepared write: the temp holds the new content and waits to be renamed. */
interface Prepared {
  readonly write: FileWrite;
  /** Where the content goes (the target, or the file a symlink target points to). */
  readonly target: string;
  readonly temp: string;
}

/** Most writes prepared at once: bounds open file descriptors, overlaps fsyncs. */
const CONCURRENCY = 8;

async function statOrUndefined(p: string): Promise<Stats | undefined> {
  try {
    return await stat(p);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return undefined;
    throw err;
  }
}

/** The file to replace: a symlink is followed so the link itself stays a link. */
async function resolveTarget(p: string): Promise<string> {
  try {
    const st = await lstat(p);
    if (!st.isSymbolicLink()) return p;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return p;
    throw err;
  }
  try {
    return await realpath(p);
  } catch (err) {
    // A dangling link: replace the link itself.
    if (errorCode(err) === 'ENOENT') return p;
    throw err;
  }
}

function tempName(target: string): string {
  const dir = path.dirname(target);
  const base = path.basename(target);
  const suffix = randomBytes(6).toString('hex');
  return path.join(dir, `.${base}.${process.pid}.${suffix}.tmp`);
}

/** Writes one temp file. On failure the temp (if created) is removed before the error is thrown. */
async function prepare(write: FileWrite): Promise<Prepared> {
  const target = await resolveTarget(write.path);
  const original = await statOrUndefined(target);
  if (original !== undefined && !original.isFile()) {
    const code = original.isDirectory() ? 'EISDIR' : undefined;
    throw new FileWriteError(write.path, code ? 'is a directory' : 'not a regular file', code);
  }
  const temp = tempName(target);
  // An existing file's temp starts private and gets the original's mode below;
  // a new file gets the usual 0o666 minus the umask.
  const handle = await open(temp, 'wx', original !== undefined ? 0o600 : 0o666);
  try {
    for (const piece of piecesOf(write.data)) {
      let offset = 0;
      while (offset < piece.length) {
        const { bytesWritten } = await handle.write(piece, offset, piece.length - offset);
        offset += bytesWritten;
      }
      // A piece of a mapped input (stripped output) may give its pages back now.
      touch(piece, piece.length);
    }
    if (original !== undefined) {
      // Keep the owner/group when allowed (root, or a group we belong to).
      try {
        await handle.chown(original.uid, original.gid);
      } catch {
        // best effort
      }
      // After chown, which may clear setuid/setgid bits.
      await handle.chmod(original.mode & 0o7777);
    }
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  try {
    await handle.close();
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  return { write, target, temp };
}

async function fsyncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort: not every platform or file system can fsync a directory
  }
}

/**
 * Write every file atomically: for each, a temp file in the same directory
 * (hidden name with pid + random suffix), write, fsync, copy the original's
 * mode (if it exists), close; only when ALL temps are written, rename each over
 * its target, then fsync the directories (best effort). If anything fails
 * before the renames, every temp is removed and every original is left
 * untouched; the error is rethrown with the path it concerns (a
 * FileWriteError whose message is `<path>: <reason>`).
 *
 * A target that is a symlink is written through (the link stays a link).
 * The same file given twice is an error (nothing is written). If a rename
 * fails, the files renamed before it stay replaced and the other temps are
 * removed.
 */
export async function writeFilesAtomic(writes: readonly FileWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const seen = new Set<string>();
  for (const w of writes) {
    const key = path.resolve(w.path);
    if (seen.has(key)) throw new FileWriteError(w.path, 'given more than once');
    seen.add(key);
  }

  // Phase 1: all temps, CONCURRENCY at a time.
  const prepared: (Prepared | undefined)[] = new Array<Prepared | undefined>(writes.length);
  const failures: { index: number; error: FileWriteError }[] = [];
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (failures.length === 0 && nextIndex < writes.length) {
      const index = nextIndex++;
      const write = writes[index]!;
      try {
        prepared[index] = await prepare(write);
      } catch (err) {
        failures.push({ index, error: wrap(write.path, err) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, writes.length) }, worker));

  if (failures.length > 0) {
    await Promise.all(
      prepared.map((p) => (p ? rm(p.temp, { force: true }).catch(() => undefined) : undefined)),
    );
    // Deterministic: report the failure that comes first in the caller's order.
    failures.sort((a, b) => a.index - b.index);
    throw failures[0]!.error;
  }

  // Phase 2: renames, in order.
  const ready = prepared as Prepared[];
  const dirs = new Set<string>();
  for (let k = 0; k < ready.length; k++) {
    const p = ready[k]!;
    try {
      await rename(p.temp, p.target);
    } catch (err) {
      await Promise.all(
        ready.slice(k).map((q) => rm(q.temp, { force: true }).catch(() => undefined)),
      );
      await Promise.all([...dirs].map(fsyncDirectory));
      throw wrap(p.write.path, err);
    }
    dirs.add(path.dirname(p.target));
  }
  await Promise.all([...dirs].map(fsyncDirectory));
}

/** mkdir -p each target's directory first (used by --out-dir), then writeFilesAtomic. */
export async function writeFilesAtomicMkdir(writes: readonly FileWrite[]): Promise<void> {
  const dirs = new Set<string>();
  for (const w of writes) dirs.add(path.dirname(w.path));
  for (const dir of dirs) {
    try {
      await mkdir(dir, { recursive: true });
    } catch (err) {
      throw wrap(dir, err);
    }
  }
  await writeFilesAtomic(writes);
}
