/**
 * The native scan (native/scan.c) against the TypeScript path it replaces:
 * prepareBlocks gives the same arrays with it on and off, whatever the text
 * (plain ASCII, special characters, characters only the string path reads,
 * bytes that are not UTF-8) and the options. CI builds the addon (.ci/run
 * checks for it); elsewhere these tests are skipped when it is not built.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { allSpecials, specialOf, SPECIAL_RANGES } from '../../src/normalize/ascii.js';
import { normalize } from '../../src/normalize/index.js';
import { isBlank, scanLines } from '../../src/split/bytes.js';
import { type BatchInput, textsInput } from '../../src/prepare/batches.js';
import { type PrepareOptions, type PreparedBlocks, prepareBlocks } from '../../src/prepare/index.js';
import { nativeScan, useNativeScan } from '../../src/prepare/native.js';

const built = nativeScan() !== null;

/** prepareBlocks with the native scan on or off. */
function prepared(input: BatchInput, opts: PrepareOptions, native: boolean): PreparedBlocks {
  const was = useNativeScan(native);
  try {
    return prepareBlocks(input, opts);
  } finally {
    useNativeScan(was);
  }
}

/** Every array of a PreparedBlocks as plain arrays, to compare. */
const plain = (p: PreparedBlocks): Record<string, unknown> => ({
  counted: Array.from(p.counted),
  normalized: p.normalized,
  keyHashes: Array.from(p.keyHashes),
  lengths: Array.from(p.lengths),
  ascii: Array.from(p.ascii),
  near: Array.from(p.near),
  kept: p.kept,
  wordStart: Array.from(p.wordStart),
  words: Array.from(p.words),
  bandKeys: Array.from(p.bandKeys),
  signatures: Array.from(p.signatures),
  sketches: Array.from(p.sketches),
});

const sameBothWays = (input: BatchInput, opts: PrepareOptions): void => {
  const js = plain(prepared(input, opts, false));
  const native = plain(prepared(input, opts, true));
  // Compared as text first (fast); a failure shows the difference.
  if (JSON.stringify(native) !== JSON.stringify(js)) expect(native).toEqual(js);
};

const SPECIALS: string[] = [];
for (const [from, to] of SPECIAL_RANGES) for (let cp = from; cp <= to; cp++) if (specialOf(cp) !== undefined) SPECIALS.push(String.fromCharCode(cp));
// Plain ASCII with the cases the rules must get right, special characters, and characters only the
// string path takes (Greek, CJK, an emoji, a combining accent, ½, ™, a ligature).
const PARTS = [' ', '  ', '\t', '\n', '\r\n', '-', '--', ' - ', 'a', 'Z', 'word', 'Word', 'WORD', '42', '3rd', '.', ',', "'", '(', '_', ' the ', ' quick brown ', ' fox '];
const OTHERS = ['\u03a9', '\u65e5\u672c', '\u{1f600}', 'e\u0301', '\u00bd', '\u2122', '\ufb01', '\u0130'];
const text = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PARTS) }, { weight: 3, arbitrary: fc.constantFrom(...SPECIALS) }, { weight: 1, arbitrary: fc.constantFrom(...OTHERS) }), { maxLength: 60 })
  .map((p) => p.join(''));
const options = fc.record({
  raw: fc.constant(false),
  minLength: fc.constantFrom(0, 5, 20),
  minWords: fc.constantFrom(0, 1, 3, 12),
  exactOnly: fc.boolean(),
  keep: fc.boolean(),
  signatures: fc.boolean(),
  lsh: fc.constantFrom(undefined, { bands: 42, rows: 3 }, { bands: 20, rows: 5 }),
});

describe.runIf(built)('the native scan', () => {
  afterEach(() => {
    useNativeScan(true);
  });

  it('gives what the TypeScript path gives, on any text and options (property)', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 12 }), options, (texts, opts) => sameBothWays(textsInput(texts), opts)),
      { numRuns: 1500 },
    );
  });

  it('gives what the TypeScript path gives on bytes that are not UTF-8 (property)', () => {
    // Lead and continuation bytes, overlong forms, surrogates, and plain ASCII between them.
    const byte = fc.oneof(fc.constantFrom(0x20, 0x61, 0x41, 0x2d, 0x2e, 0x0a), fc.integer({ min: 0x80, max: 0xff }), fc.integer({ min: 0, max: 0x7f }));
    const block = fc.array(byte, { maxLength: 40 });
    fc.assert(
      fc.property(fc.array(block, { maxLength: 8 }), options, (blocks, opts) => {
        const bytes = Uint8Array.from(blocks.flat());
        const ends = new Int32Array(blocks.length);
        let at = 0;
        blocks.forEach((b, i) => {
          at += b.length;
          ends[i] = at;
        });
        sameBothWays({ bytes, ends, texts: null }, opts);
      }),
      { numRuns: 1500 },
    );
  });

  it('grows its arrays when a batch has more signatures or words than they hold', () => {
    // Two thousand short blocks that each get a signature (the arrays start with room for 1024).
    const texts = Array.from({ length: 2000 }, (_, i) => `w${i} and ${i % 7} more \u2019words\u2019 of block ${i}`);
    const opts = { raw: false, minLength: 0, minWords: 1, exactOnly: false, lsh: { bands: 42, rows: 3 } };
    sameBothWays(textsInput(texts), opts);
    // One block of more words than the word array held before (65,536).
    sameBothWays(textsInput([Array.from({ length: 70_000 }, (_, i) => `w${i % 977}`).join(' ')]), opts);
  });

  it('is turned off by useNativeScan(false), and the texts given as strings (sentences) never go to it', () => {
    expect(useNativeScan(false)).toBe(true);
    expect(nativeScan()).toBeNull();
    expect(useNativeScan(true)).toBe(false);
    expect(nativeScan()).not.toBeNull();
    sameBothWays(textsInput(['A sentence \u2019quoted\u2019 here.', 'Another one, with enough words to count.'], true), { raw: false, minLength: 0, minWords: 1, exactOnly: false });
  });

  it('keysEqual: the blocks\' keys are equal exactly when their normalized texts are, or it cannot read one (property)', () => {
    const addon = nativeScan();
    if (addon === null) throw new Error('unreachable');
    const table = allSpecials();
    const counts = Int32Array.of(table.entries, table.unitCount);
    const keysEqual = (x: string, y: string): number => {
      // Each block between other bytes: the compare stays in its range.
      const a = new TextEncoder().encode(`\u00e9${x}-`);
      const b = new TextEncoder().encode(`\u201c${y}\u00e9`);
      return addon.keysEqual(a, 2, a.length - 1, b, 3, b.length - 2, table.entry, table.kind, table.unit, table.length, table.units, counts);
    };
    // Typographic twins: the same key from other bytes.
    const twin = (t: string): string => t.replace(/'/g, '\u2019').replace(/-/g, '\u2011').replace(/ /g, '\u00a0').replace(/W/g, 'w');
    fc.assert(
      fc.property(text, text, fc.boolean(), (x, y0, twins) => {
        const y = twins ? twin(x) : y0;
        const got = keysEqual(x, y);
        const readable = (t: string): boolean => Array.from(t).every((ch) => !OTHERS.some((o) => o.includes(ch)) || /^[\x00-\x7f]$/.test(ch));
        if (got === -1) expect(readable(x) && readable(y), JSON.stringify([x, y])).toBe(false);
        else expect(got === 1, JSON.stringify([x, y])).toBe(normalize(x) === normalize(y));
      }),
      { numRuns: 2000 },
    );
    expect(keysEqual("It's a re-run -- ok", 'it\u2019s\u00a0a re\u2011run \u2014 ok')).toBe(normalize("It's a re-run -- ok") === normalize('it\u2019s\u00a0a re\u2011run \u2014 ok') ? 1 : 0);
    expect(keysEqual('same words', 'same  words ')).toBe(1);
    expect(keysEqual('same words', 'same word')).toBe(0);
    // Past 16 MB a block is left to the caller (which makes the keys).
    const big = 'word '.repeat(3_400_000);
    expect(keysEqual(big, big)).toBe(-1);
    expect(keysEqual(big.slice(0, 1000), big.slice(0, 1000))).toBe(1);
  });

  it('trim gives the free memory back and leaves what is held as it was', () => {
    const addon = nativeScan();
    if (addon === null) throw new Error('unreachable');
    const texts = Array.from({ length: 300 }, (_, i) => `block ${i} of words that repeat ${i % 11} times over`);
    const opts = { raw: false, minLength: 0, minWords: 1, exactOnly: false };
    const before = prepareBlocks(textsInput(texts), opts);
    expect(addon.trim()).toBeUndefined();
    expect(prepareBlocks(textsInput(texts), opts)).toEqual(before);
  });

  it('lines: the lines of scanLines and the blank ones of isBlank (property)', () => {
    const addon = nativeScan();
    if (addon === null) throw new Error('unreachable');
    // Line breaks, every kind of white space split/bytes.ts knows (and near misses), and text.
    const PIECES = ['\n', '\r\n', '\r', ' ', '\t', '\u000b', '\f', '\u00a0', '\u0085', '\ufeff', '\u2000', '\u200b', '\u200c', '\u2028', '\u2029', '\u202f', '\u205f', '\u2060', '\u3000', '\u3001', '\u2030', 'a', 'word', '\u00e9'];
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), fc.integer({ min: 0, max: 3 }), (parts, cut) => {
        const whole = encoder.encode(parts.join(''));
        // Cut a few bytes off the end: characters split in the middle.
        const bytes = whole.subarray(0, Math.max(0, whole.length - cut));
        const want = scanLines(bytes);
        const got = addon.lines(bytes);
        expect(Array.from(got.starts)).toEqual(Array.from(want.starts));
        expect(Array.from(got.ends)).toEqual(Array.from(want.ends));
        expect(Array.from(got.blank)).toEqual(Array.from(want.starts, (st, i) => (isBlank(bytes, st, want.ends[i] as number) ? 1 : 0)));
      }),
      { numRuns: 2000 },
    );
    expect(addon.lines(new Uint8Array(0)).starts).toHaveLength(0);
  });

  it('turns down arguments that are not what it needs, with an error', () => {
    const addon = nativeScan();
    if (addon === null) throw new Error('unreachable');
    const bad = (): number =>
      addon.scan(new Uint8Array(4), new Int32Array([8]), new Int32Array(8), new Uint16Array(0x10000), new Uint8Array(4), new Int32Array(4), new Int32Array(4), new Uint16Array(4), new Uint8Array(1), new Int32Array(2), new Int32Array(1), new Uint8Array(1), new Uint8Array(1), new Int32Array(2), new Int32Array(16), new Int32Array(256));
    expect(bad).toThrow(/past the bytes/);
    expect(() => addon.bands(new Int32Array(128), 2, 128, 42, 3, new Int32Array(84))).toThrow(/too short/);
  });
});
