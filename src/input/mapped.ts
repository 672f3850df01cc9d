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
 * the pages read since the last release may pass RESIDENT_BUDGET every mapping
 * is released: the process holds at most about that much of its big inputs,
 * however large. A read of a few bytes somewhere in a file counts as
 * FAULT_AROUND (the kernel maps in more than the page read).
 *
 * The addon is optional (scripts/build-native.mjs builds it at install when it
 * can): without it `mapFile` answers undefined and inputs are read into memory.
 * A mapped file must not change while it is scanned: a write by another
 * process shows through the mapping, and reading past the end of a file cut
 * short ends the process (SIGBUS); one that grows is read as it was when
 * mapped. (Read into memory, a file is its bytes when it was read.)
 */
import { constants as bufferConstants } from 'node:buffer';
import { closeSync, fstatSync, openSync } from 'node:fs';
import { loadAddon } from './addon.js';

interface MapFileAddon {
  map(fd: number, length: number): ArrayBuffer;
  release(buffer: ArrayBuffer, from: number, to: number): void;
}

/** Bytes of the mapped inputs read since the last release after which they are all released. */
export const RESIDENT_BUDGET = 64 << 20;
/**
 * What a scattered read counts for at least: the kernel maps in more than the
 * page read (64 KB around it, or a whole large folio of the page cache, up to
 * 2 MB). Measured on ext4 under Linux 6.18: a random read maps 239 KB on
 * average after a sequential pass, but counting 256 KB a read still let the
 * mapped pages reach 370 MB during a 2 GB scan's verification; at 2 MB they
 * stay near the budget (44 MB at the peak), for no measurable time.
 */
export const FAULT_AROUND = 2 << 20;

let addon: MapFileAddon | null | undefined;

function mapFileAddon(): MapFileAddon | null {
  if (addon === undefined) addon = loadAddon<MapFileAddon>('mapfile');
  return addon;
}

/** True when big inputs can be mapped (the addon is built and loads). */
export function canMap(): boolean {
  return mapFileAddon() !== null;
}

interface Mapping {
  readonly buffer: ArrayBuffer;
  readonly release: MapFileAddon['release'];
}

const mappings = new WeakMap<ArrayBufferLike, Mapping>();
/** The mappings not yet collected: all are released together. */
const live = new Set<WeakRef<Mapping>>();
/** Bytes of any mapped input counted since the last release (one budget for all of them). */
let read = 0;

/**
 * The file at `abs` mapped read-only, as a Buffer of its bytes; undefined when
 * mapping is not available here (no addon) or the file is empty. Errors of
 * opening or mapping are thrown as the fs module would (code ENOENT, EACCES, …).
 */
export function mapFile(abs: string): Buffer | undefined {
  const native = mapFileAddon();
  if (native === null) return undefined;
  const fd = openSync(abs, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size === 0) return undefined;
    // A Buffer cannot be longer: the file is read (and refused) as before.
    if (size > bufferConstants.MAX_LENGTH) return undefined;
    const buffer = native.map(fd, size);
    const mapping: Mapping = { buffer, release: native.release };
    mappings.set(buffer, mapping);
    live.add(new WeakRef(mapping));
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
  if (!mappings.has(bytes.buffer)) return;
  read += scattered ? Math.max(n, FAULT_AROUND) : n;
  if (read >= RESIDENT_BUDGET) releaseAll();
}

/** Releases every page of a mapped input (nothing for other bytes). */
export function release(bytes: Uint8Array): void {
  const m = mappings.get(bytes.buffer);
  if (m !== undefined) m.release(m.buffer, 0, m.buffer.byteLength);
}

/** Releases every page of every mapped input. */
function releaseAll(): void {
  for (const ref of live) {
    const m = ref.deref();
    if (m === undefined) live.delete(ref);
    else m.release(m.buffer, 0, m.buffer.byteLength);
  }
  read = 0;
}
