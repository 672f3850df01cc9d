/**
 * The native per-block scan (native/scan.c), when it is built: the same work as
 * the TypeScript byte scanner and MinHash, several times faster. Optional, as
 * the file mapping is (scripts/build-native.mjs builds both at install): without
 * it, or with DEDUPE_NATIVE=0 in the environment, prepareBlocks does all of its
 * work in TypeScript, with the same results.
 */
import { loadAddon } from '../input/addon.js';

export interface ScanAddon {
  /** See native/scan.c: prepares blocks state[0].. of a batch; returns the first block it did not prepare. */
  scan(
    bytes: Uint8Array,
    ends: Int32Array,
    state: Int32Array,
    entry: Uint16Array,
    kind: Uint8Array,
    unit: Int32Array,
    length: Int32Array,
    units: Uint16Array,
    counted: Uint8Array,
    keyHashes: Int32Array,
    lengths: Int32Array,
    ascii: Uint8Array,
    near: Uint8Array,
    wordStart: Int32Array,
    words: Int32Array,
    signatures: Int32Array,
  ): number;
  /**
   * scan's work on the blocks bytes[starts[i], ends[i]) of a batch, on a thread of
   * libuv's pool (native/scan.c); the table must not lose entries meanwhile.
   */
  scanAsync(
    bytes: Uint8Array,
    starts: Float64Array,
    ends: Float64Array,
    entry: Uint16Array,
    kind: Uint8Array,
    unit: Int32Array,
    length: Int32Array,
    units: Uint16Array,
    params: Int32Array,
  ): Promise<AsyncScanned>;
  /** The signature of all of `words` into out[0, 128) (MinHasher.signWords with 128 bins). */
  sign(words: Int32Array, out: Int32Array): void;
  /**
   * One band of hashBandPairs with the sketch screen (native/scan.c): state is
   * [from, band + 1, maxPerBucket, pairs written]; returns the entry it stopped before.
   */
  bandPairs(
    column: Int32Array,
    state: Int32Array,
    slots: Int32Array,
    next: Int32Array,
    sketches: readonly Uint8Array[],
    chunkRows: number,
    least: number,
    out: Int32Array,
  ): number;
  /**
   * Whether blocks a[aStart, aEnd) and b[bStart, bEnd) have the same exact key, as the
   * byte scanner reads them: 1 or 0; -1 when it cannot read one (counts: the table's entries and units).
   */
  keysEqual(
    a: Uint8Array,
    aStart: number,
    aEnd: number,
    b: Uint8Array,
    bStart: number,
    bEnd: number,
    entry: Uint16Array,
    kind: Uint8Array,
    unit: Int32Array,
    length: Int32Array,
    units: Uint16Array,
    counts: Int32Array,
  ): number;
  /** split/bytes.ts scanLines of `bytes`, and per line whether it is blank (isBlank). */
  lines(bytes: Uint8Array): { starts: Float64Array; ends: Float64Array; blank: Uint8Array };
  /** lcsAtLeast of src/verify/index.ts (the shorter sequence at most 4096 long). */
  lcs(x: Int32Array, y: Int32Array, atLeast: number): number;
  /** Gives the C library's free memory back to the system (glibc malloc_trim; nothing elsewhere). */
  trim(): void;
  /** bandKeysInto of `count` signatures of numPerm values, into out (count * bands). */
  bands(signatures: Int32Array, count: number, numPerm: number, bands: number, rows: number, out: Int32Array): void;
}

/** Indices into the scan's state array (native/scan.c). */
export const enum ScanState {
  From = 0,
  MinLength = 1,
  MinWords = 2,
  ExactOnly = 3,
  WordTotal = 4,
  Signed = 5,
  Entries = 6,
  Units = 7,
  Length = 8,
}

let addon: ScanAddon | null | undefined;
let enabled = process.env.DEDUPE_NATIVE !== '0';

/** The native scan, or null when it is not built, does not load, or is turned off. */
export function nativeScan(): ScanAddon | null {
  if (!enabled) return null;
  if (addon === undefined) {
    const loaded = loadAddon<Partial<ScanAddon>>('scan');
    // A 32-bit build exports nothing (native/scan.c): the TypeScript path runs.
    addon = loaded !== null && typeof loaded.scanAsync === 'function' ? (loaded as ScanAddon) : null;
  }
  return addon;
}

/** Turns the native scan on or off in this thread (for tests that compare both paths); returns whether it was on. */
export function useNativeScan(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

/** What scanAsync resolves to: a batch's arrays (PreparedBlocks' own) and the blocks it left to the caller. */
export interface AsyncScanned {
  readonly counted: Uint8Array;
  readonly keyHashes: Int32Array;
  readonly lengths: Int32Array;
  readonly ascii: Uint8Array;
  readonly near: Uint8Array;
  readonly wordStart: Int32Array;
  readonly words: Int32Array;
  readonly bandKeys: Int32Array;
  readonly signatures: Int32Array;
  readonly sketches: Uint8Array;
  /** Blocks it could not take (a character not looked up yet, or one for the string path). */
  readonly pending: Int32Array;
}

/** Indices into scanAsync's parameters (native/scan.c). */
export const enum AsyncParam {
  MinLength = 0,
  MinWords = 1,
  ExactOnly = 2,
  Entries = 3,
  Units = 4,
  Bands = 5,
  Rows = 6,
  Signatures = 7,
  Words = 8,
  Length = 9,
}
