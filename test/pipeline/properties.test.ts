/**
 * Properties of scan + strip on generated documents: paragraphs drawn with
 * repetition from a small pool of sentences (so exact and near duplicates
 * happen), joined by varied blank-line separators, with an optional BOM.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanSources } from '../../src/pipeline.js';
import { splitSource } from '../../src/split/index.js';
import { wsLenAt } from '../../src/split/bytes.js';
import { stripSources } from '../../src/strip/index.js';
import type { ScanResult, Source, UnitOption } from '../../src/types.js';

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { ignoreBOM: true });

const POOL = [
  'The town council met on Tuesday evening to review the proposed budget for the coming year.',
  'The town council met on Wednesday evening to review the proposed budget for the coming year.',
  'Heavy rain fell through the night and by morning the river had risen over its banks near the farms.',
  'Nobody expected the small bakery on the corner to become famous for its sourdough bread and cakes.',
  'Nobody expected the small bakery on the corner to become famous for its rye bread and cakes.',
  'She said, \u201cWe will open the 12\u2011day festival on Friday,\u201d and the crowd cheered loudly.',
  'She said, "We will open the 12-day festival on Friday," and the crowd cheered loudly.',
  'Short line with few words.',
  'Ok.',
  'Caf\u00e9 owners in M\u00fcnchen and Z\u00fcrich reported that tourists came back early this year after the long winter.',
];

/** A paragraph: one to three pool sentences joined by a space or a hard wrap. */
const paragraphArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: POOL.length - 1 }), fc.constantFrom(' ', '\n', '\r\n')), {
    minLength: 1,
    maxLength: 3,
  })
  .map((parts) => parts.map(([k, join], i) => (i === 0 ? '' : join) + (POOL[k] as string)).join(''));

interface GeneratedDoc {
  readonly text: string;
  readonly bytes: Uint8Array;
}

const docArb: fc.Arbitrary<GeneratedDoc> = fc
  .record({
    bom: fc.boolean(),
    first: paragraphArb,
    rest: fc.array(fc.tuple(fc.constantFrom('\n\n', '\r\n\r\n', '\n \n'), paragraphArb), { maxLength: 7 }),
    end: fc.constantFrom('', '\n', '\r\n', '\n\n'),
  })
  .map(({ bom, first, rest, end }) => {
    const text = (bom ? '\ufeff' : '') + first + rest.map(([sep, p]) => sep + p).join('') + end;
    return { text, bytes: enc.encode(text) };
  });

/** One to three documents; the last may repeat paragraphs of the first. */
const sourcesArb: fc.Arbitrary<Source[]> = fc
  .array(docArb, { minLength: 1, maxLength: 3 })
  .map((docs) => docs.map((d, i) => ({ path: `doc${i}.txt`, bytes: d.bytes })));

const UNITS: readonly UnitOption[] = ['paragraph', 'line', 'auto'];
const RUNS = 60;

function lfCount(b: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (b[i] === 0x0a) n++;
  return n;
}

function keptTexts(result: ScanResult, source: number): string[] {
  const removed = new Set<number>();
  for (const c of result.clusters) for (const m of c.members) if (!m.keep && m.block.source === source) removed.add(m.block.index);
  return (result.files[source]?.blocks ?? []).filter((b) => !removed.has(b.index)).map((b) => b.text);
}

/** Asserts `out` is whitespace, kept block 1, whitespace, kept block 2, …, whitespace. */
function expectOnlyKeptBlocks(out: Uint8Array, kept: readonly string[]): void {
  let pos = 0;
  const skipWs = (): void => {
    for (let n = wsLenAt(out, pos, out.length); n > 0; n = wsLenAt(out, pos, out.length)) pos += n;
  };
  for (const t of kept) {
    skipWs();
    const b = enc.encode(t);
    expect(dec.decode(out.subarray(pos, pos + b.length))).toBe(t);
    pos += b.length;
  }
  skipWs();
  expect(pos).toBe(out.length);
}

describe.each(UNITS)('scan + strip properties, unit %s', (unit) => {
  it('(1) every block re-slices the input exactly: bytes decode to its text, lines match', async () => {
    await fc.assert(
      fc.asyncProperty(sourcesArb, async (sources) => {
        const r = await scanSources(sources, { unit });
        expect(r.files).toHaveLength(sources.length);
        r.files.forEach((f, i) => {
          const bytes = (sources[i] as Source).bytes;
          let prevEnd = 0;
          f.blocks.forEach((b, k) => {
            expect(b.source).toBe(i);
            expect(b.index).toBe(k);
            expect(b.startOffset).toBeGreaterThanOrEqual(prevEnd);
            expect(b.endOffset).toBeGreaterThan(b.startOffset);
            expect(dec.decode(bytes.subarray(b.startOffset, b.endOffset))).toBe(b.text);
            expect(b.text).toBe(b.text.trim());
            expect(b.text.startsWith('\ufeff')).toBe(false);
            expect(b.startLine).toBe(lfCount(bytes, b.startOffset) + 1);
            expect(b.endLine).toBe(lfCount(bytes, b.endOffset - 1) + 1);
            if (f.unit === 'line') expect(b.startLine).toBe(b.endLine);
            prevEnd = b.endOffset;
          });
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('(2) strip removes whole duplicate blocks only: the kept blocks remain, in order, and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(sourcesArb, async (sources) => {
        const r = await scanSources(sources, { unit });
        const out = stripSources(sources, r);
        out.forEach((o, i) => {
          const kept = keptTexts(r, i);
          const file = r.files[i];
          expect(kept.length).toBe((file?.blocks.length ?? 0) - (file?.duplicateBlocks ?? 0));
          expectOnlyKeptBlocks(o, kept);
          if (unit !== 'auto') {
            // split again: exactly the kept blocks
            expect(splitSource(o, unit, i).blocks.map((b) => b.text)).toEqual(kept);
          }
          // a leading BOM survives
          const bytes = (sources[i] as Source).bytes;
          if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) expect(Array.from(o.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
          if ((file?.duplicateBlocks ?? 0) === 0) expect(o).toBe(bytes);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('(3) stripping twice equals stripping once', async () => {
    await fc.assert(
      fc.asyncProperty(sourcesArb, async (sources) => {
        const once = stripSources(sources, await scanSources(sources, { unit }));
        const again: Source[] = sources.map((s, i) => ({ path: s.path, bytes: once[i] as Uint8Array }));
        const r2 = await scanSources(again, { unit });
        if (unit === 'auto') {
          // `auto` decides per document; when stripping changes that decision the rescan may
          // legitimately see other blocks (see the failing regression test below).
          const r1 = await scanSources(sources, { unit });
          fc.pre(r2.files.every((f, i) => f.unit === r1.files[i]?.unit));
        }
        expect(r2.clusters).toEqual([]);
        const twice = stripSources(again, r2);
        twice.forEach((t, i) => expect(Array.from(t)).toEqual(Array.from(once[i] as Uint8Array)));
      }),
      { numRuns: RUNS },
    );
  });

  it('(4) deterministic: two scans give deep-equal results and identical JSON', async () => {
    await fc.assert(
      fc.asyncProperty(sourcesArb, async (sources) => {
        const a = await scanSources(sources, { unit });
        const copy = sources.map((s) => ({ path: s.path, bytes: Uint8Array.from(s.bytes) }));
        const b = await scanSources(copy, { unit });
        expect(b).toEqual(a);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('strip idempotence with unit auto', () => {
  // Known limitation, kept on purpose (src/split/index.ts resolveAuto): with `--unit auto` stripping is not
  // idempotent. Input (LF only):
  //   'We will sing the chorus line again\nThen comes a verse of the song\nWe will sing the chorus line again\n\n'
  //   + the same three lines + '\n'
  // has two blank-line groups of short lines, so auto picks paragraph; the second paragraph is an
  // exact duplicate and is stripped. The output has a single group, which resolveAuto turns into
  // 'line' (a text without blank lines that does not read as wrapped prose is read line by line), so a second scan finds the repeated chorus
  // line and a second strip removes it: strip(strip(x)) !== strip(x). The architecture lists
  // "strip is idempotent" as an invariant.
  it.fails('stripping twice equals stripping once when the stripped document loses its blank lines', async () => {
    const para = 'We will sing the chorus line again\nThen comes a verse of the song\nWe will sing the chorus line again';
    const sources: Source[] = [{ path: 'song.txt', bytes: enc.encode(`${para}\n\n${para}\n`) }];
    const r1 = await scanSources(sources, { unit: 'auto' });
    expect(r1.files[0]?.unit).toBe('paragraph');
    const once = stripSources(sources, r1);
    expect(dec.decode(once[0])).toBe(`${para}\n`);
    const again: Source[] = [{ path: 'song.txt', bytes: once[0] as Uint8Array }];
    const twice = stripSources(again, await scanSources(again, { unit: 'auto' }));
    expect(dec.decode(twice[0])).toBe(`${para}\n`);
  });
});

describe('scan properties: every unit', () => {
  it('sentence blocks re-slice the input exactly too', async () => {
    await fc.assert(
      fc.asyncProperty(sourcesArb, async (sources) => {
        const r = await scanSources(sources, { unit: 'sentence' });
        r.files.forEach((f, i) => {
          const bytes = (sources[i] as Source).bytes;
          for (const b of f.blocks) {
            expect(dec.decode(bytes.subarray(b.startOffset, b.endOffset))).toBe(b.text);
            expect(b.startLine).toBe(lfCount(bytes, b.startOffset) + 1);
            expect(b.endLine).toBe(lfCount(bytes, b.endOffset - 1) + 1);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('clusters: one keep each, ordered by first member, summary matches (all options)', async () => {
    await fc.assert(
      fc.asyncProperty(
        sourcesArb,
        fc.record({
          unit: fc.constantFrom<UnitOption>('auto', 'paragraph', 'line', 'sentence'),
          keep: fc.constantFrom('first' as const, 'last' as const, 'longest' as const),
          exact: fc.boolean(),
          raw: fc.boolean(),
          threshold: fc.constantFrom(0.5, 0.7, 0.9, 1),
        }),
        async (sources, options) => {
          const r = await scanSources(sources, options);
          let prev = -1;
          const base = r.files.map((_, i) => r.files.slice(0, i).reduce((n, f) => n + f.blocks.length, 0));
          for (const c of r.clusters) {
            expect(c.members.filter((m) => m.keep)).toHaveLength(1);
            const ids = c.members.map((m) => (base[m.block.source] as number) + m.block.index);
            expect(ids).toEqual([...ids].sort((x, y) => x - y));
            expect(ids[0] as number).toBeGreaterThan(prev);
            prev = ids[0] as number;
            if (options.exact || options.threshold === 1) expect(c.kind).toBe('exact');
            const keptMember = c.members.find((m) => m.keep);
            if (options.keep === 'first') expect(keptMember).toBe(c.members[0]);
            if (options.keep === 'last') expect(keptMember).toBe(c.members[c.members.length - 1]);
          }
          const dup = r.clusters.reduce((n, c) => n + c.members.length - 1, 0);
          expect(r.summary.duplicateBlocks).toBe(dup);
          expect(r.files.reduce((n, f) => n + f.duplicateBlocks, 0)).toBe(dup);
          expect(r.summary.blocks).toBe(r.files.reduce((n, f) => n + f.blocks.length, 0));
        },
      ),
      { numRuns: RUNS },
    );
  });
});
