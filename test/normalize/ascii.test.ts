import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiScan, SPECIAL_RANGES, scanAscii, scanAsciiRaw, specialOf } from '../../src/normalize/ascii.js';
import { hashKey, normalize, scanWords } from '../../src/normalize/index.js';

const bytesOf = (t: string): Uint8Array => new TextEncoder().encode(t);

/** What scanAscii finds in `t`, or null when it turns the text down. */
function viaBytes(t: string, raw = false): { length: number; words: number[]; lettered: number; key: number[] } | null {
  // Leading and trailing bytes that are not the block's: the scan must stay in its range.
  const b = bytesOf(`\u00e9${t}\u00e9`);
  // Words go after what the array already holds (from 3 here).
  const out = new Int32Array(b.length + 3);
  const key = new Int32Array(4);
  const length = raw ? scanAsciiRaw(b, 2, b.length - 2, out, 3) : scanAscii(b, 2, b.length - 2, out, 3, key, 1);
  if (length < 0) return null;
  return { length, words: Array.from(out.subarray(3, 3 + asciiScan.words)), lettered: asciiScan.lettered, key: raw ? [] : [key[1] as number, key[2] as number] };
}

/** The same from the string path: normalize, scanWords, hashKey. */
function viaString(t: string, raw = false): { length: number; words: number[]; lettered: number; key: number[] } {
  const text = raw ? t : normalize(t);
  const scanned = scanWords(text);
  const key = new Int32Array(2);
  hashKey(text, key, 0);
  return { length: text.length, words: Array.from(scanned.hashes), lettered: scanned.lettered, key: raw ? [] : Array.from(key) };
}

// What plain ASCII text holds, with the cases the one-pass rules must get right: runs of
// white space and dashes (with and without a dash, at either end), upper case, digits.
const PLAIN = [' ', ' ', '  ', '\t', '\n', '\r\n', '-', '--', ' - ', 'a', 'Z', 'word', 'Word', 'WORD', '42', '3rd', '.', ',', "'", '"', '(', '~', '_', '^'];
const plainText = fc.array(fc.constantFrom(...PLAIN), { maxLength: 40 }).map((parts) => parts.join(''));

describe('scanAscii', () => {
  it('gives what normalize + scanWords + hashKey give, on plain ASCII (property)', () => {
    fc.assert(
      fc.property(plainText, (t) => {
        expect(viaBytes(t)).toEqual(viaString(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('folds the runs of white space and dashes as normalize does', () => {
    for (const t of ['  Leading and trailing  ', 'a - b', 'a -- b', 'a - - b', '- starts', 'ends -', ' - ', 'x\t\r\n y', 'co-op', '--']) {
      expect(viaBytes(t), JSON.stringify(t)).toEqual(viaString(t));
    }
    expect(viaBytes('A  -  B')?.length).toBe(normalize('A  -  B').length);
  });

  it('turns down what is neither plain ASCII nor a special character, and bytes that are not UTF-8', () => {
    // Combining marks, Greek (final sigma), Han, an emoji, fractions and ligatures (several letters), U+FFFD.
    for (const t of ['cafe\u0301', '\u03a3\u03b1\u03c3', '\u6f22\u5b57', 'a \u{1f600}', 'one \u00bd', '\ufb01ne', 'tm\u2122', 'x\ufffd']) {
      expect(viaBytes(t), JSON.stringify(t)).toBeNull();
    }
    const k = new Int32Array(2);
    const out = new Int32Array(16);
    // A lone continuation byte, a cut sequence, an overlong NBSP (E0 82 A0), a surrogate (ED A0 80), a four-byte form.
    for (const b of [[0x61, 0x80], [0x61, 0xe2, 0x80], [0xe0, 0x82, 0xa0], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98, 0x80], [0xc0, 0xa0]]) {
      expect(scanAscii(Uint8Array.from(b), 0, b.length, out, 0, k, 0), JSON.stringify(b)).toBe(-1);
    }
  });
});

/** Every code point the scan reads beyond plain ASCII. */
const SPECIALS: string[] = [];
for (const [from, to] of SPECIAL_RANGES) for (let cp = from; cp <= to; cp++) if (specialOf(cp) !== undefined) SPECIALS.push(String.fromCharCode(cp));

const READ = new Set(SPECIALS);
/** Whether `t` holds a character that is neither plain ASCII nor special. */
const unread = (t: string): boolean => Array.from(t).some((ch) => !READ.has(ch) && !/^[\t\n\r\x20-\x5f\x61-\x7e]$/.test(ch));

describe('scanAscii on special characters', () => {
  it('takes the typographic characters of scraped text', () => {
    for (const ch of ['\u2018', '\u2019', '\u201c', '\u201d', '\u2010', '\u2011', '\u2013', '\u2014', '\u00a0', '\u2026', '\u00ad', '\u200b', '\ufeff', '`', '\u00e9', '\u00c9', '\u00a9', '\u20ac']) {
      expect(SPECIALS, `U+${ch.charCodeAt(0).toString(16)}`).toContain(ch);
    }
    expect(SPECIALS.length).toBeGreaterThan(500);
  });

  // Text with special characters between and inside words, runs and ends.
  const MIXED = [...PLAIN, '\u2019', '\u201c', '\u201d', '\u2011', '\u2014', ' \u2013 ', '\u00a0', '\u2026', '\u00ad', '\u200b', '\ufeff', '`', 'caf\u00e9', '\u00c9T\u00c9', '\u00df', '\u00a9', '\u2009', '\u3000', '\u00aa', '\u00b2', '\u2033', '\u0131', '\u017f', '\u01c4', '\u000b', '\u0000', '\u007f'];
  const mixedText = fc.array(fc.oneof(fc.constantFrom(...MIXED), fc.constantFrom(...SPECIALS)), { maxLength: 30 }).map((parts) => parts.join(''));

  it('gives what normalize + scanWords + hashKey give, and turns down only what it cannot read (property)', () => {
    fc.assert(
      fc.property(mixedText, (t) => {
        const got = viaBytes(t);
        if (got === null) expect(unread(t), JSON.stringify(t)).toBe(true);
        else expect(got).toEqual(viaString(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads every special character as normalize does, alone and beside every other and plain ASCII', () => {
    const same = (t: string): void => {
      const got = viaBytes(t);
      // Compared as text first (fast); a failure names the text.
      if (JSON.stringify(got) !== JSON.stringify(viaString(t))) expect(got, JSON.stringify(t)).toEqual(viaString(t));
    };
    for (const a of SPECIALS) {
      same(a);
      // Every ordered pair of special characters, and plain ASCII on either side.
      for (const b of SPECIALS) same(a + b);
      for (const b of ['a', 'Z', '1', ' ', '-', '.', "'"]) {
        same(a + b);
        same(b + a);
      }
    }
  });
});

describe('scanAsciiRaw', () => {
  const ascii = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 60 });
  it('gives scanWords of the text as it is, on any ASCII (property)', () => {
    fc.assert(
      fc.property(ascii, (t) => {
        expect(viaBytes(t, true)).toEqual(viaString(t, true));
      }),
      { numRuns: 1000 },
    );
  });

  it('turns down non-ASCII bytes', () => {
    expect(viaBytes('na\u00efve', true)).toBeNull();
  });
});
