import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { previewText } from '../../src/report/index.js';
import type { Block } from '../../src/types.js';
import { concat } from '../strip/doc.js';

const cps = (s: string): number => Array.from(s).length;
/** No lone surrogate (String#isWellFormed is not in the ES2023 lib). */
const wellFormed = (s: string): boolean => !/\p{Cs}/u.test(s);

describe('previewText', () => {
  it('collapses newlines, CRLF, tabs and NBSP into single spaces and trims', () => {
    expect(previewText('  First line,\r\n\tsecond\u00a0\u00a0line.\n\n  third  ')).toBe('First line, second line. third');
  });

  it('treats the other Unicode spaces, line separators and NEL as whitespace', () => {
    expect(previewText('\ufeffa\u2028b\u2029c\u3000d\u202fe\u0085f\u2003')).toBe('a b c d e f');
  });

  it('shows other control characters as U+FFFD so a terminal never sees them', () => {
    expect(previewText('red \u001b[31mtext\u0000\u007f\u009b')).toBe('red \ufffd[31mtext\ufffd\ufffd\ufffd');
  });

  it('keeps text of exactly max code points whole', () => {
    const sixty = 'x'.repeat(60);
    expect(previewText(sixty)).toBe(sixty);
    expect(previewText('abcde', 5)).toBe('abcde');
  });

  it('cuts longer text to max code points, ellipsis included', () => {
    expect(previewText('x'.repeat(61))).toBe(`${'x'.repeat(59)}…`);
    expect(previewText('abcdef', 5)).toBe('abcd…');
  });

  it('measures length after collapsing whitespace', () => {
    expect(previewText('ab   \n\n   cd', 5)).toBe('ab cd');
  });

  it('drops a space that would stand before the ellipsis', () => {
    expect(previewText('abc defgh', 5)).toBe('abc…');
  });

  it('counts astral characters as one and never splits a surrogate pair', () => {
    const text = '😀'.repeat(10);
    expect(previewText(text, 10)).toBe(text);
    const cut = previewText(text, 4);
    expect(cut).toBe('😀😀😀…');
    expect(wellFormed(cut)).toBe(true);
    expect(previewText('a😀b𝔘c', 4)).toBe('a😀b…');
    expect(previewText('ab😀c', 3)).toBe('ab…');
    expect(previewText('a😀cd', 3)).toBe('a😀…');
  });

  it('never returns more than max code points', () => {
    const text = 'The quick brown 🦊 jumps over the lazy 🐶 again and again.';
    for (let max = 1; max <= cps(text) + 2; max++) {
      const p = previewText(text, max);
      expect(cps(p)).toBeLessThanOrEqual(max);
      expect(wellFormed(p)).toBe(true);
    }
  });

  it('the well-formedness check itself catches a split pair', () => {
    expect(wellFormed('😀'.slice(0, 1))).toBe(false);
    expect(wellFormed('😀')).toBe(true);
  });

  it('returns an empty string for whitespace-only text', () => {
    expect(previewText(' \n\t\u00a0')).toBe('');
  });

  it('returns just the ellipsis at max 1 for longer text', () => {
    expect(previewText('ab', 1)).toBe('…');
    expect(previewText('a', 1)).toBe('a');
  });

  it.each([0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects max %s', (max) => {
    expect(() => previewText('abc', max)).toThrow(RangeError);
  });
});

describe('previewText agrees with its definition', () => {
  // The definition, on the whole text: collapse white space, trim, replace controls, cut.
  function reference(text: string, max: number): string {
    const line = text.replace(/[\s\u0085]+/gu, ' ').trim().replace(/\p{Cc}/gu, '\uFFFD');
    const codePoints = Array.from(line);
    if (codePoints.length <= max) return line;
    return `${codePoints.slice(0, max - 1).join('').trimEnd()}…`;
  }

  it('property: the same preview as the definition, for any text and length', () => {
    const unit = fc.constantFrom('a', 'é', ' ', '  ', '\n', '\t', '\u0085', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u0000', '\u001b', '\u009b', '😀', '日', '…', '.');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (text, max) => {
        expect(previewText(text, max)).toBe(reference(text, max));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: the same on mostly plain ASCII (the quick path for printable text with single spaces)', () => {
    const unit = fc.constantFrom('a', 'B', '7', ' ', ' ', '  ', '.', '~', '\n', '\t', '\u007f', 'é');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), fc.integer({ min: 1, max: 20 }), (text, max) => {
        expect(previewText(text, max)).toBe(reference(text, max));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('blockPreview', () => {
  // Long blocks (only their head is read) of words, runs of white space, multi-byte characters and bytes that are not UTF-8.
  const PARTS = ['word ', 'Word', ' ', '\n', '   ', '\t', '\u00a0', 'caf\u00e9 ', '\u6771\u4eac', '\u{1f600}', '\u2014', '\u0007', '\u2026'];
  const piece = fc.oneof(
    fc.constantFrom(...PARTS).map((t) => new TextEncoder().encode(t)),
    fc.constantFrom([0x80], [0xe2, 0x80], [0xff], [0xc3]).map((b) => Uint8Array.from(b)),
    fc.integer({ min: 1, max: 600 }).map((n) => new TextEncoder().encode(' '.repeat(n))),
  );

  it('is previewText of the block text, for blocks of any length (property)', async () => {
    const { splitSource } = await import('../../src/split/index.js');
    const { blockPreview } = await import('../../src/report/preview.js');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 400 }), fc.integer({ min: 1, max: 80 }), (parts, max) => {
        // One line: a single block, whatever it holds.
        const bytes = concat(parts.map((p) => p.map((b) => (b === 0x0a ? 0x20 : b))));
        for (const block of splitSource(bytes, 'line', 0).blocks) expect(blockPreview(block, max)).toBe(previewText(block.text, max));
      }),
      { numRuns: 500 },
    );
    // The same check of the length as previewText.
    const long = splitSource(new TextEncoder().encode('word '.repeat(400)), 'line', 0).blocks[0] as Block;
    expect(() => blockPreview(long, 0)).toThrow(RangeError);
    // A block that is not a split's: its text as it is.
    expect(blockPreview({ source: 0, index: 0, startOffset: 0, endOffset: 5000, startLine: 1, endLine: 1, text: 'x '.repeat(2500) })).toBe(previewText('x '.repeat(2500)));
  });
});
