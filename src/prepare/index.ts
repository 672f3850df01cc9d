/**
 * The per-block work of a scan that needs no other block: normalize, hash the
 * words, MinHash the word bigrams. It is what worker threads take off the main
 * thread (--jobs), so it works on plain data in and flat typed arrays out, and
 * the main thread uses the very same function when it works alone: results are
 * identical whatever the number of jobs.
 */
import { DEFAULT_NUM_PERM, MinHasher } from '../fingerprint/minhash.js';
import { asciiScan, scanAscii, scanAsciiRaw, specials } from '../normalize/ascii.js';
import { hashKey, hashKeyBytes, normalize, scanWords } from '../normalize/index.js';
import { bandKeysInto, type LshParams } from '../lsh/index.js';
import type { BatchInput } from './batches.js';
import { nativeScan, ScanState } from './native.js';

/** What the per-block work depends on (a subset of ScanOptions). */
export interface PrepareOptions {
  readonly raw: boolean;
  readonly minLength: number;
  readonly minWords: number;
  /** No near matching: no words or signatures are needed. */
  readonly exactOnly: boolean;
  /** The LSH banding of the signatures, when their band keys are wanted too (bandKeys). */
  readonly lsh?: LshParams;
  /**
   * Put out the normalized texts and the words (default true); else `normalized`
   * is all null and `words` empty (`wordStart` still counts them), for a caller
   * that will not keep them.
   */
  readonly keep?: boolean;
  /** Put out the whole signatures (default true); else `signatures` is empty (the sketches are always there). */
  readonly signatures?: boolean;
}

/** The prepared blocks of one batch, in the batch's order. */
export interface PreparedBlocks {
  /** Per block: 1 when it counts (at least --min-length characters), else 0: never matched. */
  readonly counted: Uint8Array;
  /**
   * Normalized text per counted block (its exact key), when it was made: null when
   * raw (the key is its bytes), not counted, the text itself, read by the byte
   * scanner (it hashes the key without making it: the caller normalizes the
   * block's text when it needs the key, which is rare: two blocks whose key
   * hashes are equal and bytes are not), or opts.keep is false.
   */
  readonly normalized: (string | null)[];
  /**
   * 64-bit hash of each counted block's exact key: keyHashes[2 * i], keyHashes[2 * i + 1];
   * hashKey of the normalized text, or when raw of the raw key (one char per byte:
   * hashKeyBytes); 0, 0 when not counted.
   */
  readonly keyHashes: Int32Array;
  /** Length of each counted block's exact key (its normalized text, or when raw its bytes); 0 when not counted. */
  readonly lengths: Int32Array;
  /** Per block: 1 when it was read from its bytes by the byte scanner (not decoded into a string). */
  readonly ascii: Uint8Array;
  /** Per block: 1 when it takes part in near matching (enough words), so it has words and a signature. */
  readonly near: Uint8Array;
  /** False when the normalized texts and words were left out (opts.keep false). */
  readonly kept: boolean;
  /** Words of block i: words[wordStart[i] .. wordStart[i + 1]) (empty when near[i] is 0). */
  readonly wordStart: Int32Array;
  readonly words: Int32Array;
  /** Band keys of the j-th near block, with opts.lsh: bandKeys[j * bands .. (j + 1) * bands); else empty. */
  readonly bandKeys: Int32Array;
  /** Signature of the j-th near block: signatures[j * numPerm .. (j + 1) * numPerm) (empty when opts.signatures is false). */
  readonly signatures: Int32Array;
  /**
   * Sketch of the j-th near block's signature: the low 8 bits of each of its
   * values, sketches[j * numPerm .. (j + 1) * numPerm) (b-bit MinHash, b = 8:
   * a quarter of the signature's memory, for screening candidates; see sketchJaccard).
   */
  readonly sketches: Uint8Array;
}

let hasher: MinHasher | undefined;
const utf8 = new TextDecoder('utf-8');
let wordScratch = new Int32Array(1 << 16);
let signatureScratch = new Int32Array(DEFAULT_NUM_PERM * 1024);

/**
 * Prepares a batch of blocks. A block with texts null is read from its bytes:
 * when they are plain ASCII in one pass over them (normalize/ascii.ts), else
 * decoded (as the split decoded it) and normalized as a string. Either way the
 * results are the same.
 */
export function prepareBlocks(input: BatchInput, opts: PrepareOptions): PreparedBlocks {
  const minHasher = (hasher ??= new MinHasher(DEFAULT_NUM_PERM));
  const k = DEFAULT_NUM_PERM;
  const { bytes, ends, texts } = input;
  const count = ends.length;
  const normalized: (string | null)[] = new Array<string | null>(count).fill(null);
  const counted = new Uint8Array(count);
  const keyHashes = new Int32Array(2 * count);
  const lengths = new Int32Array(count);
  const near = new Uint8Array(count);
  const ascii = new Uint8Array(count);
  const wordStart = new Int32Array(count + 1);
  // Words are written in place, one block after another (a block of n bytes read
  // from its bytes has fewer than n words); signatures likewise, one per near block.
  // Both go to arrays kept from batch to batch, and are copied out at the end.
  let words = wordScratch;
  let wordTotal = 0;
  let signatures = signatureScratch;
  let signed = 0;
  const roomForWords = (n: number): void => {
    if (wordTotal + n <= words.length) return;
    const grown = new Int32Array(Math.max(wordTotal + n, 2 * words.length));
    grown.set(words.subarray(0, wordTotal));
    words = grown;
    wordScratch = grown;
  };
  const roomForSignature = (): void => {
    if ((signed + 1) * k <= signatures.length) return;
    const grown = new Int32Array(2 * signatures.length);
    grown.set(signatures.subarray(0, signed * k));
    signatures = grown;
    signatureScratch = grown;
  };
  /** Keeps the words just written at words[wordTotal, wordTotal + n) (when there are enough) and signs them. */
  const takeWords = (i: number, n: number, lettered: number): void => {
    if (lettered < opts.minWords) return;
    near[i] = 1;
    roomForSignature();
    minHasher.signWords(words, wordTotal, wordTotal + n, signatures, signed * k);
    signed++;
    wordTotal += n;
  };
  /** Block i, here: from its bytes when the byte scanner can read them, else from its text. */
  const prepareOne = (i: number): void => {
    wordStart[i] = wordTotal;
    const start = i === 0 ? 0 : (ends[i - 1] as number);
    const end = ends[i] as number;
    if (texts === null) {
      roomForWords(end - start);
      const length = opts.raw
        ? scanAsciiRaw(bytes, start, end, words, wordTotal)
        : scanAscii(bytes, start, end, words, wordTotal, keyHashes, 2 * i);
      if (length >= 0) {
        if (length < opts.minLength) {
          keyHashes[2 * i] = 0;
          keyHashes[2 * i + 1] = 0;
          return;
        }
        counted[i] = 1;
        lengths[i] = length;
        ascii[i] = 1;
        if (opts.raw) hashKeyBytes(bytes, start, end, keyHashes, 2 * i);
        if (!opts.exactOnly) takeWords(i, asciiScan.words, asciiScan.lettered);
        return;
      }
    }
    const raw = texts === null ? utf8.decode(bytes.subarray(start, end)) : (texts[i] as string);
    const text = opts.raw ? raw : normalize(raw);
    if (text.length < opts.minLength) return;
    counted[i] = 1;
    // Raw, the key is the bytes as one char per byte.
    lengths[i] = opts.raw ? end - start : text.length;
    // A text that normalizing leaves as it is is not sent back: the caller has it.
    if (!opts.raw && opts.keep !== false && text !== raw) normalized[i] = text;
    if (opts.raw) hashKeyBytes(bytes, start, end, keyHashes, 2 * i);
    if (opts.exactOnly) {
      if (!opts.raw) hashKey(text, keyHashes, 2 * i);
      return;
    }
    // The words, and the normalized key's hash in the same pass.
    const scanned = opts.raw ? scanWords(text) : scanWords(text, keyHashes, 2 * i);
    roomForWords(scanned.hashes.length);
    words.set(scanned.hashes, wordTotal);
    takeWords(i, scanned.hashes.length, scanned.lettered);
  };
  const native = opts.raw || texts !== null ? null : nativeScan();
  if (native === null) for (let i = 0; i < count; i++) prepareOne(i);
  else {
    // The native scan takes the blocks it can, in order, and stops at one it cannot (a character
    // not looked up yet, or one the string path must take) or at a full array: that block is
    // prepared here (or the array grown), and the native scan goes on from the next.
    const table = specials();
    const state = new Int32Array(ScanState.Length);
    state[ScanState.MinLength] = opts.minLength;
    state[ScanState.MinWords] = opts.minWords;
    state[ScanState.ExactOnly] = opts.exactOnly ? 1 : 0;
    if (count > 0) roomForWords(ends[count - 1] as number);
    let i = 0;
    while (i < count) {
      state[ScanState.From] = i;
      state[ScanState.WordTotal] = wordTotal;
      state[ScanState.Signed] = signed;
      state[ScanState.Entries] = table.entries;
      state[ScanState.Units] = table.unitCount;
      // prettier-ignore
      i = native.scan(bytes, ends, state, table.entry, table.kind, table.unit, table.length, table.units,
        counted, keyHashes, lengths, ascii, near, wordStart, words, signatures);
      wordTotal = state[ScanState.WordTotal] as number;
      signed = state[ScanState.Signed] as number;
      if (i >= count) break;
      const size = (ends[i] as number) - (i === 0 ? 0 : (ends[i - 1] as number));
      if (wordTotal + size > words.length || (signed + 1) * k > signatures.length) {
        roomForWords(size);
        roomForSignature();
        continue;
      }
      prepareOne(i);
      i++;
    }
  }
  wordStart[count] = wordTotal;
  const lsh = opts.lsh;
  const bandKeys = new Int32Array(lsh ? signed * lsh.bands : 0);
  if (lsh) {
    const addon = nativeScan();
    if (addon !== null) addon.bands(signatures, signed, k, lsh.bands, lsh.rows, bandKeys);
    else for (let j = 0; j < signed; j++) bandKeysInto(signatures, j * k, lsh, bandKeys, j * lsh.bands);
  }
  // Each value's low 8 bits (a typed array set converts element by element, as ToUint8 does).
  const sketches = new Uint8Array(signed * k);
  sketches.set(signatures.subarray(0, signed * k));
  return {
    counted,
    normalized,
    keyHashes,
    lengths,
    ascii,
    near,
    wordStart,
    kept: opts.keep !== false,
    words: opts.keep === false ? new Int32Array(0) : words.slice(0, wordTotal),
    bandKeys,
    signatures: opts.signatures === false ? new Int32Array(0) : signatures.slice(0, signed * k),
    sketches,
  };
}

const keyScratch = new Int32Array(2);

/**
 * The words of one block, as prepareBlocks makes them (for a scan that did not
 * keep them), into out[at, at + n); returns n. From its bytes[start, end), or
 * from `text` when the batch is given texts (sentences; null otherwise). `raw`
 * as PrepareOptions.raw. When the n words do not fit (a plain ASCII block has
 * fewer words than bytes, but normalizing can make more: NFKC turns one
 * character into several), nothing is written and -n is returned.
 */
export function blockWordsInto(bytes: Uint8Array, start: number, end: number, text: string | null, raw: boolean, out: Int32Array, at: number): number {
  const room = out.length - at;
  // The byte scanner writes as it goes: it needs room for as many words as bytes.
  if (text === null && room >= end - start) {
    const length = raw ? scanAsciiRaw(bytes, start, end, out, at) : scanAscii(bytes, start, end, out, at, keyScratch, 0);
    if (length >= 0) return asciiScan.words;
  }
  const source = text ?? utf8.decode(bytes.subarray(start, end));
  const { hashes } = scanWords(raw ? source : normalize(source));
  if (hashes.length > room) return -hashes.length;
  out.set(hashes, at);
  return hashes.length;
}

/**
 * The MinHash signature of words[0, n) into out[0, DEFAULT_NUM_PERM): the one
 * prepareBlocks gives the block (for a scan that kept only its sketch).
 */
export function signatureInto(words: Int32Array, out: Int32Array): void {
  const native = nativeScan();
  if (native !== null && DEFAULT_NUM_PERM === 128) native.sign(words, out);
  else (hasher ??= new MinHasher(DEFAULT_NUM_PERM)).signWords(words, 0, words.length, out, 0);
}
