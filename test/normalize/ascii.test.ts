import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiScan, normalizeAscii, scanAscii, scanAsciiRaw } from '../../src/normalize/ascii.js';
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

  it('turns down what is not plain ASCII: non-ASCII bytes, the backtick, other control characters', () => {
    for (const t of ['caf\u00e9', 'it\u2019s', 'a`b', 'a\u000bb', 'a\u000cb', 'a\u0000b', 'a\u007fb']) expect(viaBytes(t), JSON.stringify(t)).toBeNull();
  });
});

describe('normalizeAscii', () => {
  it('gives normalize of the text, on plain ASCII (property)', () => {
    fc.assert(
      fc.property(plainText, (t) => {
        const b = bytesOf(`\u00e9${t}\u00e9`);
        expect(normalizeAscii(b, 2, b.length - 2)).toBe(normalize(t));
      }),
      { numRuns: 1000 },
    );
    // Longer than its first scratch buffer.
    const long = 'Word - word  '.repeat(2000);
    expect(normalizeAscii(bytesOf(long), 0, long.length)).toBe(normalize(long));
  });

  it('turns down what is not plain ASCII', () => {
    for (const t of ['caf\u00e9', 'a`b', 'a\u000bb']) expect(normalizeAscii(bytesOf(t), 0, bytesOf(t).length)).toBeUndefined();
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
