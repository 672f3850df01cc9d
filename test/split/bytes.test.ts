import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWithOffsets, isBlank, scanLines, trimRange, wsLenAt, wsLenBefore } from '../../src/split/bytes.js';

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { ignoreBOM: true });
const b = (s: string): Uint8Array => enc.encode(s);
const bytes = (...parts: (string | number[])[]): Uint8Array => {
  const out: number[] = [];
  for (const p of parts) out.push(...(typeof p === 'string' ? enc.encode(p) : p));
  return Uint8Array.from(out);
};

describe('wsLenAt / wsLenBefore', () => {
  it('recognises ASCII, NBSP, NEL, BOM, U+2000..U+200B, U+2028/9, U+202F, U+205F, U+2060, U+3000', () => {
    for (const [s, n] of [
      [' ', 1],
      ['\t', 1],
      ['\r', 1],
      ['\n', 1],
      ['\v', 1],
      ['\f', 1],
      ['\u00a0', 2],
      ['\u0085', 2],
      ['\ufeff', 3],
      ['\u2000', 3],
      ['\u200a', 3],
      ['\u200b', 3],
      ['\u2028', 3],
      ['\u2029', 3],
      ['\u202f', 3],
      ['\u205f', 3],
      ['\u2060', 3],
      ['\u3000', 3],
    ] as const) {
      const x = b(`${s}x`);
      expect(wsLenAt(x, 0, x.length), JSON.stringify(s)).toBe(n);
      const y = b(`x${s}`);
      expect(wsLenBefore(y, 0, y.length), JSON.stringify(s)).toBe(n);
    }
  });

  it('does not take letters, U+200C/U+200D or truncated sequences for whitespace', () => {
    for (const s of ['a', '\u00e9', '\u200c', '\u200d', '\u2010', '\u3001', '\u{1F600}']) {
      const x = b(s);
      expect(wsLenAt(x, 0, x.length), JSON.stringify(s)).toBe(0);
    }
    const nbsp = b('\u00a0');
    expect(wsLenAt(nbsp, 0, 1)).toBe(0); // end cuts the sequence
    expect(wsLenAt(b('a'), 1, 1)).toBe(0);
  });
});

describe('trimRange / isBlank', () => {
  it('trims Unicode whitespace on both ends, in bytes', () => {
    const x = b('\ufeff \u00a0Hello\u3000world\u2003\r\n');
    // BOM 3 + space 1 + NBSP 2 = 6; "Hello" 5 + U+3000 3 + "world" 5 = 13
    expect(trimRange(x, 0, x.length)).toEqual([6, 19]);
    expect(dec.decode(x.subarray(6, 19))).toBe('Hello\u3000world');
  });

  it('gives an empty range for whitespace only', () => {
    const x = b(' \u00a0\t ');
    const [s, e] = trimRange(x, 0, x.length);
    expect(s).toBe(e);
    expect(isBlank(x, 0, x.length)).toBe(true);
    expect(isBlank(b(' a '), 0, 3)).toBe(false);
    expect(isBlank(b(''), 0, 0)).toBe(true);
  });

  it('leaves invalid bytes in place', () => {
    const x = bytes(' ', [0xff], 'a', [0xc2], ' ');
    expect(trimRange(x, 0, x.length)).toEqual([1, 4]);
  });
});

/** scanLines with plain arrays, for comparing. */
const lines = (bytes: Uint8Array): { starts: number[]; ends: number[] } => {
  const { starts, ends } = scanLines(bytes);
  return { starts: Array.from(starts), ends: Array.from(ends) };
};

describe('scanLines', () => {
  it('finds LF and CRLF lines without their breaks', () => {
    expect(lines(b('ab\r\ncd\n\ne'))).toEqual({ starts: [0, 4, 7, 8], ends: [2, 6, 7, 9] });
  });

  it('keeps offsets in 32-bit columns for an input under 4 GiB (8 bytes a line)', () => {
    const { starts, ends } = scanLines(b('ab\ncd\n'));
    expect(starts).toBeInstanceOf(Uint32Array);
    expect(ends).toBeInstanceOf(Uint32Array);
  });

  it('has no empty last line after a final newline', () => {
    expect(lines(b('a\n'))).toEqual({ starts: [0], ends: [1] });
    expect(lines(b('a\n\nb'))).toEqual({ starts: [0, 2, 3], ends: [1, 2, 4] });
    expect(lines(b('\n'))).toEqual({ starts: [0], ends: [0] });
    expect(lines(b(''))).toEqual({ starts: [], ends: [] });
  });

  it('works on a subarray with a byteOffset', () => {
    const whole = b('xxxa\nb');
    expect(lines(whole.subarray(3))).toEqual({ starts: [0, 2], ends: [1, 3] });
  });
});

describe('decodeWithOffsets', () => {
  it('maps every code unit to its byte offset (multi-byte and astral)', () => {
    const x = b('aé€\u{1F600}z');
    const { text, offsets } = decodeWithOffsets(x, 0, x.length);
    expect(text).toBe('aé€\u{1F600}z');
    // a@0, é@1 (2 bytes), €@3 (3 bytes), 😀@6 (4 bytes, two code units), z@10, end 11
    expect(Array.from(offsets)).toEqual([0, 1, 3, 6, 6, 10, 11]);
  });

  it('replaces each maximal invalid subsequence by one U+FFFD, like TextDecoder', () => {
    // ff: invalid lead; e2 82: truncated 3-byte; e0 80: overlong (2 x FFFD); ed a0 80: surrogate (3 x FFFD)
    const x = bytes('a', [0xff], 'b', [0xe2, 0x82], 'c', [0xe0, 0x80], 'd', [0xed, 0xa0, 0x80], 'e');
    const { text, offsets } = decodeWithOffsets(x, 0, x.length);
    expect(text).toBe(dec.decode(x));
    expect(text).toBe('a\ufffdb\ufffdc\ufffd\ufffdd\ufffd\ufffd\ufffde');
    expect(Array.from(offsets)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('decodes only [start, end) and ends the offsets with end', () => {
    const x = b('héllo');
    const { text, offsets } = decodeWithOffsets(x, 1, 4);
    expect(text).toBe('él');
    expect(Array.from(offsets)).toEqual([1, 3, 4]);
    // a range that cuts a character in two
    const cut = decodeWithOffsets(x, 0, 2);
    expect(cut.text).toBe('h\ufffd');
    expect(Array.from(cut.offsets)).toEqual([0, 1, 2]);
  });

  it('keeps a BOM as U+FEFF', () => {
    const x = b('\ufeffa');
    expect(decodeWithOffsets(x, 0, x.length).text).toBe('\ufeffa');
  });

  it('decodes long input (more than one chunk of code units)', () => {
    const s = 'ab€'.repeat(10_000);
    const x = b(s);
    const { text, offsets } = decodeWithOffsets(x, 0, x.length);
    expect(text).toBe(s);
    expect(offsets[text.length]).toBe(x.length);
  });

  // Bytes biased towards UTF-8 structure so that valid and broken sequences both occur.
  const utf8ish = fc.array(
    fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom(0x80, 0xbf, 0xa0, 0x8f, 0x90, 0x9f, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xc0, 0xc1),
      fc.string({ unit: 'grapheme', maxLength: 3 }).map((s) => Array.from(enc.encode(s))),
    ),
    { maxLength: 60 },
  ).map((parts) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'number' ? [p] : p))));

  it('agrees with TextDecoder on any bytes, and every code point maps back to its own bytes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 60 }), utf8ish), fc.nat(), fc.nat(), (x, p, q) => {
        const start = x.length === 0 ? 0 : p % (x.length + 1);
        const end = start + (x.length === 0 ? 0 : q % (x.length - start + 1));
        const { text, offsets } = decodeWithOffsets(x, start, end);
        expect(text).toBe(dec.decode(x.subarray(start, end)));
        expect(offsets.length).toBe(text.length + 1);
        expect(offsets[text.length]).toBe(end);
        if (text.length > 0) expect(offsets[0]).toBe(start);
        for (let k = 0; k < text.length; ) {
          const cp = text.codePointAt(k) as number;
          const len = cp > 0xffff ? 2 : 1;
          const from = offsets[k] as number;
          const to = offsets[k + len] as number;
          expect(to).toBeGreaterThan(from);
          if (len === 2) expect(offsets[k + 1]).toBe(from);
          expect(dec.decode(x.subarray(from, to))).toBe(text.slice(k, k + len));
          k += len;
        }
      }),
      { numRuns: 300 },
    );
  });
});
