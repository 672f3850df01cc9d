/**
 * Big inputs mapped into memory instead of read into it.
 *
 * A scan reads its inputs as byte arrays (Source.bytes) many times: the split,
 * the per-block work, exact-key checks, the reports' texts, the stripped output.
 * Read into memory, a 2 GB input is 2 GB of the process's memory from start to
 * end. Mapped (mmap, read-only: the native addon of native/mapfile.c), the same
 * bytes are the file's pages in the kernel's page cache, and a page counts in
 * the process's memory only while it is mapped in; `release` gives pages back
 * (madvise MADV_DONTNEED) and the next read maps them in again, unchanged.
 *
 * So every reader of a mapped input says how much it read (`touch`), and once
 * the pages read since the last release may pass RESIDENT_BUDGET the whole
 * mapping is released: the process holds at most about that much of each big
 * input, however large. A read of a few bytes somewhere in the file counts as
 * FAULT_AROUND (the kernel maps in up to 64 KB around a page it faults in).
 *
 * The addon is optional (scripts/build-native.mjs builds it at install when it
 * can): without it `mapFile` answers undefined and inputs are read into memory.
 * A mapped file must not shrink while it is scanned (reading past its new end
 * would fault); one that grows is read as it was when mapped.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';

interface MapFileAddon {
  map(fd: number, length: number): ArrayBuffer;
  release(buffer: ArrayBuffer, from: number, to: number): void;
}

/** Bytes of a mapped input read since its last release after which it is released. */
export const RESIDENT_BUDGET = 64 << 20;
/** What a scattered read counts for at least: the kernel maps pages in by 64 KB around a fault. */
export const FAULT_AROUND = 256 << 10;

let addon: MapFileAddon | null | undefined;

function loadAddon(): MapFileAddon | null {
  if (addon !== undefined) return addon;
  try {
    // Two levels below the package root both as dist/input/mapped.js and in dist/bundle/.
    const require = createRequire(import.meta.url);
    addon = require(new URL('../../build/Release/mapfile.node', import.meta.url).pathname) as MapFileAddon;
  } catch {
    addon = null;
  }
  return addon;
}

/** True when big inputs can be mapped (the addon is built and loads). */
export function canMap(): boolean {
  return loadAddon() !== null;
}

interface Mapping {
  readonly buffer: ArrayBuffer;
  readonly release: MapFileAddon['release'];
  /** Bytes counted since the last release. */
  read: number;
}

const mappings = new WeakMap<ArrayBufferLike, Mapping>();

/**
 * The file at `abs` mapped read-only, as a Buffer of its bytes; undefined when
 * mapping is not available here (no addon) or the file is empty. Errors of
 * opening or mapping are thrown as the fs module would (code ENOENT, EACCES, …).
 */
export function mapFile(abs: string): Buffer | undefined {
  const native = loadAddon();
  if (native === null) return undefined;
  const fd = openSync(abs, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size === 0) return undefined;
    const buffer = native.map(fd, size);
    mappings.set(buffer, { buffer, release: native.release, read: 0 });
    return Buffer.from(buffer, 0, size);
  } finally {
    // The mapping holds the file; the descriptor is not needed any more.
    closeSync(fd);
  }
}

/** True when `bytes` are (a view of) a mapped file. */
export function isMapped(bytes: Uint8Array): boolean {
  return mappings.has(bytes.buffer);
}

/**
 * Counts `n` bytes just read of `bytes` (sequentially: as read; FAULT_AROUND
 * at least when `scattered`), and releases the mapping's pages once the
 * budget is passed. Nothing for bytes that are not mapped.
 */
export function touch(bytes: Uint8Array, n: number, scattered = false): void {
  const m = mappings.get(bytes.buffer);
  if (m === undefined) return;
  m.read += scattered ? Math.max(n, FAULT_AROUND) : n;
  if (m.read >= RESIDENT_BUDGET) releaseMapping(m);
}

/** Releases every page of a mapped input (nothing for other bytes). */
export function release(bytes: Uint8Array): void {
  const m = mappings.get(bytes.buffer);
  if (m !== undefined) releaseMapping(m);
}

function releaseMapping(m: Mapping): void {
  m.release(m.buffer, 0, m.buffer.byteLength);
  m.read = 0;
}
