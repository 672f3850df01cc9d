import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveAuto, splitSource } from '../../src/split/index.js';
import type { Block, UnitOption } from '../../src/types.js';

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { ignoreBOM: true });

function bytesOf(...parts: (string | number[])[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) out.push(...(typeof p === 'string' ? enc.encode(p) : p));
  return Uint8Array.from(out);
}

type Shape = Pick<Block, 'startOffset' | 'endOffset' | 'startLine' | 'endLine' | 'text'>;

function shapes(input: string | Uint8Array, unit: UnitOption): Shape[] {
  const x = typeof input === 'string' ? enc.encode(input) : input;
  return splitSource(x, unit, 0).blocks.map(({ startOffset, endOffset, startLine, endLine, text }) => ({
    startOffset,
    endOffset,
    startLine,
    endLine,
    text,
  }));
}

function texts(input: string | Uint8Array, unit: UnitOption): string[] {
  const x = typeof input === 'string' ? enc.encode(input) : input;
  return splitSource(x, unit, 0).blocks.map((bl) => bl.text);
}

/** Every block re-sliced from the bytes decodes to its text; lines counted by LF match. */
function expectSpansExact(x: Uint8Array, blocks: readonly Block[]): void {
  let prevEnd = 0;
  blocks.forEach((bl, k) => {
    expect(bl.index).toBe(k);
    expect(bl.startOffset).toBeGreaterThanOrEqual(prevEnd);
    expect(bl.endOffset).toBeGreaterThan(bl.startOffset);
    expect(dec.decode(x.subarray(bl.startOffset, bl.endOffset))).toBe(bl.text);
    let lf = 0;
    for (let i = 0; i < bl.startOffset; i++) if (x[i] === 0x0a) lf++;
    expect(bl.startLine).toBe(lf + 1);
    for (let i = bl.startOffset; i < bl.endOffset - 1; i++) if (x[i] === 0x0a) lf++;
    expect(bl.endLine).toBe(lf + 1);
    prevEnd = bl.endOffset;
  });
}

describe('splitSource: paragraph', () => {
  it('splits on blank lines with exact byte and line spans', () => {
    const s = 'Alpha beta.\nGamma.\n\nDelta.\n';
    expect(shapes(s, 'paragraph')).toEqual([
      { startOffset: 0, endOffset: 18, startLine: 1, endLine: 2, text: 'Alpha beta.\nGamma.' },
      { startOffset: 20, endOffset: 26, startLine: 4, endLine: 4, text: 'Delta.' },
    ]);
  });

  it('sets source and index', () => {
    const { unit, blocks } = splitSource(enc.encode('a\n\nb\n\nc'), 'paragraph', 7);
    expect(unit).toBe('paragraph');
    expect(blocks.map((bl) => [bl.source, bl.index])).toEqual([
      [7, 0],
      [7, 1],
      [7, 2],
    ]);
  });

  it('treats whitespace-only and NBSP-only lines as blank', () => {
    const s = 'one\n \t \ntwo\n\u00a0\nthree\n\u3000\u00a0 \nfour';
    expect(texts(s, 'paragraph')).toEqual(['one', 'two', 'three', 'four']);
    expect(shapes(s, 'paragraph')[2]).toEqual({ startOffset: 15, endOffset: 20, startLine: 5, endLine: 5, text: 'three' });
  });

  it('handles CRLF: the CR is part of neither block nor text', () => {
    const s = 'First line\r\nsecond line\r\n\r\nNext\r\n';
    expect(shapes(s, 'paragraph')).toEqual([
      { startOffset: 0, endOffset: 23, startLine: 1, endLine: 2, text: 'First line\r\nsecond line' },
      { startOffset: 27, endOffset: 31, startLine: 4, endLine: 4, text: 'Next' },
    ]);
  });

  it('trims leading and trailing whitespace of a paragraph, including NBSP and indentation', () => {
    const s = '\n\n   Indented start\nend.\u00a0 \t\n\n\tTabbed\n';
    expect(shapes(s, 'paragraph')).toEqual([
      { startOffset: 5, endOffset: 24, startLine: 3, endLine: 4, text: 'Indented start\nend.' },
      { startOffset: 31, endOffset: 37, startLine: 6, endLine: 6, text: 'Tabbed' },
    ]);
  });

  it('does not put a BOM into the first block', () => {
    const x = bytesOf([0xef, 0xbb, 0xbf], 'Hello there\n\nWorld\n');
    const bl = shapes(x, 'paragraph');
    expect(bl[0]).toEqual({ startOffset: 3, endOffset: 14, startLine: 1, endLine: 1, text: 'Hello there' });
    expect(bl[1]).toEqual({ startOffset: 16, endOffset: 21, startLine: 3, endLine: 3, text: 'World' });
  });

  it('keeps byte offsets right after invalid UTF-8 and multi-byte characters', () => {
    const x = bytesOf([0xff, 0xfe], 'ab\u00e9\n\n', [0xc3], 'x \u20ac\n');
    // block 1: ff fe a b c3 a9 -> [0, 6); block 2 starts at 8: c3 x space e2 82 ac -> [8, 14)
    expect(shapes(x, 'paragraph')).toEqual([
      { startOffset: 0, endOffset: 6, startLine: 1, endLine: 1, text: '\ufffd\ufffdab\u00e9' },
      { startOffset: 8, endOffset: 14, startLine: 3, endLine: 3, text: '\ufffdx \u20ac' },
    ]);
    expectSpansExact(x, splitSource(x, 'paragraph', 0).blocks);
  });

  it('gives no blocks for empty or blank input', () => {
    expect(splitSource(enc.encode(''), 'auto', 0).blocks).toEqual([]);
    expect(splitSource(enc.encode(' \n\n\u00a0\r\n'), 'paragraph', 0).blocks).toEqual([]);
    expect(splitSource(enc.encode(' \n\n\u00a0\r\n'), 'line', 0).blocks).toEqual([]);
    expect(splitSource(enc.encode(' \n\n\u00a0\r\n'), 'sentence', 0).blocks).toEqual([]);
  });

  it('handles a missing final newline', () => {
    expect(shapes('a\n\nbb', 'paragraph')[1]).toEqual({ startOffset: 3, endOffset: 5, startLine: 3, endLine: 3, text: 'bb' });
  });
});

describe('splitSource: line', () => {
  it('makes one block per non-blank line, trimmed', () => {
    const s = 'one\r\n  two  \n\n\u00a0\nthree';
    expect(splitSource(enc.encode(s), 'line', 0).unit).toBe('line');
    expect(shapes(s, 'line')).toEqual([
      { startOffset: 0, endOffset: 3, startLine: 1, endLine: 1, text: 'one' },
      { startOffset: 7, endOffset: 10, startLine: 2, endLine: 2, text: 'two' },
      { startOffset: 17, endOffset: 22, startLine: 5, endLine: 5, text: 'three' },
    ]);
  });

  it('splits paragraphs into their lines', () => {
    expect(texts('a b\nc d\n\ne f\n', 'line')).toEqual(['a b', 'c d', 'e f']);
  });
});

const WRAPPED_PARAGRAPHS = [
  'The committee met on Tuesday to review the proposed budget for the',
  'coming year, and after a long discussion the members agreed to',
  'postpone the vote.',
  '',
  'Rain fell through the night and by morning the river had risen',
  'over its banks, closing the road to the village for two days.',
  '',
  'Nobody expected the small bakery on the corner to become famous,',
  'but its bread drew queues around the block every weekend.',
  '',
].join('\n');

const LONG = (k: number): string =>
  `Paragraph ${k} of a scraped page is written on one single long line without any hard wrapping at all, ` +
  `as web pages usually are when their text is copied out of the browser window into a file.`;

describe('splitSource: auto', () => {
  it('picks paragraph for hard-wrapped text', () => {
    const r = splitSource(enc.encode(WRAPPED_PARAGRAPHS), 'auto', 0);
    expect(r.unit).toBe('paragraph');
    expect(r.blocks).toHaveLength(3);
    expect(r.blocks[1]?.startLine).toBe(5);
    expect(r.blocks[1]?.endLine).toBe(6);
  });

  it('picks paragraph for one-line paragraphs separated by blank lines', () => {
    const s = [LONG(1), LONG(2), 'Short one.', LONG(3)].join('\n\n');
    const r = splitSource(enc.encode(s), 'auto', 0);
    expect(r.unit).toBe('paragraph');
    expect(r.blocks.map((bl) => bl.text)).toEqual([LONG(1), LONG(2), 'Short one.', LONG(3)]);
  });

  it('picks line for a scraped page: long unwrapped lines, few blank lines', () => {
    const s = ['Site title', '', ...[1, 2, 3, 4, 5, 6].map(LONG), '', 'Footer links'].join('\n');
    const r = splitSource(enc.encode(s), 'auto', 0);
    expect(r.unit).toBe('line');
    expect(r.blocks.map((bl) => bl.text)).toEqual(['Site title', ...[1, 2, 3, 4, 5, 6].map(LONG), 'Footer links']);
    expect(r.blocks.map((bl) => bl.startLine)).toEqual([1, 3, 4, 5, 6, 7, 8, 10]);
  });

  it('picks line for a file with no blank lines at all', () => {
    const s = 'apples\nbananas\ncherries\napples\n';
    const r = splitSource(enc.encode(s), 'auto', 0);
    expect(r.unit).toBe('line');
    expect(r.blocks.map((bl) => bl.text)).toEqual(['apples', 'bananas', 'cherries', 'apples']);
  });

  it('a single line is a single block', () => {
    const r = splitSource(enc.encode('just one line\n'), 'auto', 0);
    expect(r.blocks.map((bl) => bl.text)).toEqual(['just one line']);
  });

  it('picks paragraph for a single block of wrapped prose, line for a log or a list', () => {
    const prose =
      'The committee met on Tuesday to discuss the budget for the coming\nyear, and after a long debate it agreed to postpone the vote until\nthe next session in the spring, when the figures are final.\n';
    expect(splitSource(enc.encode(prose), 'auto', 0).unit).toBe('paragraph');
    const log = '2025-03-11 INFO worker started and connected to queue\n2025-03-11 WARN cache miss for key session:8841 again\n';
    expect(splitSource(enc.encode(log), 'auto', 0).unit).toBe('line');
  });

  it('reads repeated lower-case lines as lines, not as one wrapped paragraph (regression: a log of 200,000 identical lines was one block)', () => {
    const log = 'the same log line repeated many many times over\n'.repeat(50);
    const r = splitSource(enc.encode(log), 'auto', 0);
    expect(r.unit).toBe('line');
    expect(r.blocks).toHaveLength(50);
  });

  it('measures line length in characters, not bytes (hard-wrapped CJK text is paragraphs)', () => {
    const line = '東京の天気は晴れで、午後から気温が上がる見込みです。'.repeat(2); // 52 chars, 156 bytes
    const text = `${line}\n${line}\n${line}\n\n${line}\n${line}\n`;
    expect(splitSource(enc.encode(text), 'auto', 0).unit).toBe('paragraph');
  });

  it('resolveAuto: the share of long inner lines decides', () => {
    const len = (lens: number[]) => ({ length: (i: number) => lens[i] as number, startsLower: () => false, key: (i: number) => String(i) });
    // two groups, inner lines 0 and 2: one long of two = 50% >= 25% -> line
    expect(resolveAuto([{ first: 0, last: 1 }, { first: 2, last: 3 }], len([200, 10, 10, 10]))).toBe('line');
    // two groups, 1 long of 5 inner lines = 20% -> paragraph
    expect(
      resolveAuto(
        [
          { first: 0, last: 3 },
          { first: 4, last: 6 },
        ],
        len([200, 10, 10, 10, 10, 10, 10]),
      ),
    ).toBe('paragraph');
    // a line of exactly 150 bytes is not long
    expect(resolveAuto([{ first: 0, last: 1 }, { first: 2, last: 2 }], len([150, 10, 10]))).toBe('paragraph');
    expect(resolveAuto([{ first: 0, last: 1 }, { first: 2, last: 2 }], len([151, 10, 10]))).toBe('line');
    // no inner lines at all -> paragraph; one group with inner lines -> line
    expect(resolveAuto([{ first: 0, last: 0 }], len([500]))).toBe('paragraph');
    expect(resolveAuto([{ first: 0, last: 1 }], len([5, 5]))).toBe('line');
    expect(resolveAuto([], len([]))).toBe('paragraph');
  });

  it('resolveAuto decides the same with the cheaper longerThan as with length alone (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.boolean(), fc.boolean()), { maxLength: 30 }),
        fc.boolean(),
        (lines, sentence) => {
          // Groups: runs of lines not marked as the end of a group.
          const groups: { first: number; last: number }[] = [];
          let first = 0;
          lines.forEach(([, , ends], i) => {
            if (ends || i === lines.length - 1) {
              groups.push({ first, last: i });
              first = i + 1;
            }
          });
          const plain = { length: (i: number) => lines[i]?.[0] ?? 0, startsLower: (i: number) => lines[i]?.[1] ?? false, key: (i: number) => String(lines[i]?.[0]) };
          const cheap = { ...plain, longerThan: (i: number, chars: number) => plain.length(i) > chars };
          expect(resolveAuto(groups, cheap, sentence)).toBe(resolveAuto(groups, plain, sentence));
          // The rules as documented, every line counted (resolveAuto stops early and skips what cannot matter).
          expect(resolveAuto(groups, cheap, sentence)).toBe(autoByTheRules(groups, plain, sentence));
        },
      ),
    );
  });
});

/** resolveAuto's rules, read off its documentation, counting every inner line. */
function autoByTheRules(
  groups: { first: number; last: number }[],
  lines: { length(i: number): number; startsLower(i: number): boolean; key(i: number): string },
  sentence: boolean,
): 'paragraph' | 'line' {
  const inner = groups.flatMap((g) => Array.from({ length: g.last - g.first }, (_, k) => g.first + k));
  if (inner.length === 0) return 'paragraph';
  if (inner.filter((i) => lines.length(i) > 150).length >= inner.length / 4) return 'line';
  if (groups.length > 1 || sentence) return 'paragraph';
  const lowerNext = inner.filter((i) => lines.startsLower(i + 1)).length;
  const total = inner.reduce((n, i) => n + lines.length(i), 0);
  if (lowerNext < inner.length / 2 || total < inner.length * 40) return 'line';
  const g = groups[0] as { first: number; last: number };
  const distinct = new Set(Array.from({ length: g.last - g.first + 1 }, (_, k) => lines.key(g.first + k)));
  return distinct.size >= (g.last - g.first + 1) * 0.9 ? 'paragraph' : 'line';
}

describe('splitSource: sentence', () => {
  it('splits sentences and keeps a sentence that spans a line break as one block', () => {
    const s = 'The cat sat on\nthe mat. The dog\nran away! Did it?\n\nA new paragraph here.\n';
    const r = splitSource(enc.encode(s), 'sentence', 0);
    expect(r.unit).toBe('sentence');
    expect(shapes(s, 'sentence')).toEqual([
      { startOffset: 0, endOffset: 23, startLine: 1, endLine: 2, text: 'The cat sat on\nthe mat.' },
      { startOffset: 24, endOffset: 41, startLine: 2, endLine: 3, text: 'The dog\nran away!' },
      { startOffset: 42, endOffset: 49, startLine: 3, endLine: 3, text: 'Did it?' },
      { startOffset: 51, endOffset: 72, startLine: 5, endLine: 5, text: 'A new paragraph here.' },
    ]);
  });

  it('never lets a sentence run across a paragraph break', () => {
    expect(texts('No full stop here\n\nNext paragraph.', 'sentence')).toEqual(['No full stop here', 'Next paragraph.']);
  });

  it('keeps CRLF inside a wrapped sentence', () => {
    const s = 'One two\r\nthree. Four.\r\n\r\nFive.\r\n';
    expect(shapes(s, 'sentence')).toEqual([
      { startOffset: 0, endOffset: 15, startLine: 1, endLine: 2, text: 'One two\r\nthree.' },
      { startOffset: 16, endOffset: 21, startLine: 2, endLine: 2, text: 'Four.' },
      { startOffset: 25, endOffset: 30, startLine: 4, endLine: 4, text: 'Five.' },
    ]);
  });

  it('has exact byte offsets with multi-byte characters', () => {
    const s = 'Café au lait. Über\nalles — wirklich. Fin.\n\nTail.\n';
    // "Café au lait." = 14 bytes; "Über\nalles — wirklich." starts at 15: Ü 2 + ber 3 + \n + alles 5 + sp + — 3 + sp + wirklich. 9 = 25 bytes
    expect(shapes(s, 'sentence')).toEqual([
      { startOffset: 0, endOffset: 14, startLine: 1, endLine: 1, text: 'Café au lait.' },
      { startOffset: 15, endOffset: 40, startLine: 1, endLine: 2, text: 'Über\nalles — wirklich.' },
      { startOffset: 41, endOffset: 45, startLine: 2, endLine: 2, text: 'Fin.' },
      { startOffset: 47, endOffset: 52, startLine: 4, endLine: 4, text: 'Tail.' },
    ]);
  });

  it('has exact byte offsets with astral characters and invalid bytes', () => {
    const x = bytesOf('Smile \u{1F600} now. Bad ', [0xff, 0xe2, 0x82], ' bytes\nhere. End.\n\nTail.');
    // "Smile 😀 now." = 6 + 4 + 5 = 15 bytes; "Bad " at 16, ff e2 82 at 20..23, " bytes\nhere." to 35
    expect(shapes(x, 'sentence')).toEqual([
      { startOffset: 0, endOffset: 15, startLine: 1, endLine: 1, text: 'Smile \u{1F600} now.' },
      { startOffset: 16, endOffset: 35, startLine: 1, endLine: 2, text: 'Bad \ufffd\ufffd bytes\nhere.' },
      { startOffset: 36, endOffset: 40, startLine: 2, endLine: 2, text: 'End.' },
      { startOffset: 42, endOffset: 47, startLine: 4, endLine: 4, text: 'Tail.' },
    ]);
    expectSpansExact(x, splitSource(x, 'sentence', 0).blocks);
  });

  it('keeps the sentences of a scraped page (one paragraph per long line) apart per line', () => {
    const s = ['Site title', '', LONG(1), LONG(2), '', 'Footer'].join('\n');
    const got = texts(s, 'sentence');
    expect(got).toContain('Site title');
    expect(got).toContain('Footer');
    // no sentence spans two of the long lines
    for (const t of got) expect(t.includes('\n')).toBe(false);
  });

  // Regression, fixed (src/split/index.ts, splitSource): for unit 'sentence' the coarse pieces come from
  // resolveAuto(), which answers 'line' for any document with a single blank-line group
  // (`if (groups.length === 1) return 'line'`), so in a hard-wrapped paragraph with no blank
  // line around it every line break ends a "sentence": here 'The cat sat on' and 'the mat.'.
  it('keeps a wrapped sentence whole in a document without blank lines', () => {
    const s = 'The cat sat on\nthe mat. The dog ran.\n';
    expect(texts(s, 'sentence')).toEqual(['The cat sat on\nthe mat.', 'The dog ran.']);
  });

  it('splits CJK sentences on the ideographic full stop', () => {
    const s = '今日は晴れです。明日は雨です。';
    expect(shapes(s, 'sentence')).toEqual([
      { startOffset: 0, endOffset: 24, startLine: 1, endLine: 1, text: '今日は晴れです。' },
      { startOffset: 24, endOffset: 45, startLine: 1, endLine: 1, text: '明日は雨です。' },
    ]);
  });

  it('a BOM is not part of the first sentence', () => {
    const x = bytesOf([0xef, 0xbb, 0xbf], 'One. Two.');
    expect(shapes(x, 'sentence')[0]).toEqual({ startOffset: 3, endOffset: 7, startLine: 1, endLine: 1, text: 'One.' });
  });
});

describe('splitSource: spans re-slice the input for every unit', () => {
  const x = bytesOf(
    [0xef, 0xbb, 0xbf],
    '  Héllo wörld. Second\r\nsentence here.\r\n \r\n',
    [0xc0, 0xaf],
    ' odd bytes. \u{1F600} emoji line\n\u00a0\nlast \u2028 one.',
  );
  for (const unit of ['auto', 'paragraph', 'line', 'sentence'] as const) {
    it(unit, () => {
      const blocks = splitSource(x, unit, 0).blocks;
      expect(blocks.length).toBeGreaterThan(1);
      expectSpansExact(x, blocks);
    });
  }
});

describe('splitSource: block texts', () => {
  it('are the blocks\' bytes decoded, read and serialized like plain properties', () => {
    const bytes = enc.encode('Caf\u00e9 au lait, \u2018quoted\u2019.\n\nSecond \xff paragraph\r\nwrapped.\n');
    for (const unit of ['paragraph', 'line', 'sentence'] as UnitOption[]) {
      for (const raw of [false, true]) {
        const { blocks } = splitSource(bytes, unit, 0, raw);
        for (const b of blocks) {
          expect(b.text).toBe(new TextDecoder().decode(bytes.subarray(b.startOffset, b.endOffset)));
          // Read twice: the same string.
          expect(b.text).toBe(b.text);
          const plain = JSON.parse(JSON.stringify(b)) as Block;
          expect(plain).toEqual({ source: 0, index: b.index, startOffset: b.startOffset, endOffset: b.endOffset, startLine: b.startLine, endLine: b.endLine, text: b.text });
          // Through a prototype, inspected, or set, it still reads; through a Proxy, a clear error (split blocks only).
          expect((Object.create(b) as Block).text).toBe(b.text);
          if (Object.getOwnPropertyDescriptor(b, 'text') === undefined) expect(() => new Proxy(b, {}).text).toThrow(/Proxy/);
          expect(inspect(b)).toBe(inspect(plain));
          const copy = splitSource(bytes, unit, 0, raw).blocks[b.index] as { text: string };
          copy.text = 'changed';
          expect(copy.text).toBe('changed');
          expect(Object.keys(copy)).toContain('text');
        }
      }
    }
  });
});
