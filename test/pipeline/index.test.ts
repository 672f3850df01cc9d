/**
 * Scanning with a persistent index (here the in-memory store; the SQLite and
 * Redis stores pass the same contract): runs remember each other.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanTexts } from '../../src/index.js';
import { stripSources } from '../../src/strip/index.js';
import { MemoryIndexStore } from '../../src/store/memory.js';
import type { ScanResult } from '../../src/types.js';

const A = fs.readFileSync(new URL('../../fixtures/article.txt', import.meta.url), 'utf8');
const B = fs.readFileSync(new URL('../../fixtures/article-v2.txt', import.meta.url), 'utf8');

/** For each cluster, its members as `path:line` (indexed members as `index:path:line`), kept first. */
function shape(r: ScanResult, paths: string[]): string[] {
  return r.clusters.map((c) =>
    c.members
      .filter((m) => m.keep || paths.includes(r.files[m.block.source]?.path ?? ''))
      .map((m) => `${m.keep ? 'keep ' : ''}${m.indexed ? m.indexed.path : r.files[m.block.source]?.path}:${m.block.startLine}`)
      .join(' '),
  );
}

describe('scan with an index', () => {
  it('a second run reports the same cross-file clusters as one run over both files (b side)', async () => {
    const index = new MemoryIndexStore();
    const first = await scanTexts([{ path: 'a.txt', content: A }], {}, { index, now: 1 });
    expect(first.clusters.every((c) => c.members.every((m) => !m.indexed))).toBe(true);
    const second = await scanTexts([{ path: 'b.txt', content: B }], {}, { index, now: 2 });
    const both = await scanTexts([{ path: 'a.txt', content: A }, { path: 'b.txt', content: B }]);
    const bSide = shape(both, ['b.txt']).filter((s) => s.includes('b.txt'));
    expect(shape(second, ['b.txt'])).toEqual(bSide);
    expect(second.clusters.length).toBe(7);
    for (const c of second.clusters) {
      expect(c.members[0]?.indexed).toMatchObject({ path: 'a.txt', firstSeen: 1 });
      expect(c.members.filter((m) => m.keep)).toHaveLength(1);
    }
    expect(second.summary.duplicateBlocks).toBe(7);
  });

  it('the same kinds as one run: exact for re-typeset copies, near for reworded ones', async () => {
    const index = new MemoryIndexStore();
    await scanTexts([{ path: 'a.txt', content: A }], {}, { index });
    const second = await scanTexts([{ path: 'b.txt', content: B }], {}, { index });
    const both = await scanTexts([{ path: 'a.txt', content: A }, { path: 'b.txt', content: B }]);
    expect(second.clusters.map((c) => c.kind)).toEqual(both.clusters.map((c) => c.kind));
  });

  it('stripping with the index removes what earlier runs saw', async () => {
    const index = new MemoryIndexStore();
    await scanTexts([{ path: 'a.txt', content: A }], {}, { index });
    const bytes = new TextEncoder().encode(B);
    const second = await scanTexts([{ path: 'b.txt', content: bytes }], {}, { index });
    const [out] = stripSources([{ path: 'b.txt', bytes }], second);
    const text = new TextDecoder().decode(out);
    expect(text).not.toContain('city council voted 7‑4 on Tuesday night'); // P1, seen in a.txt
    expect(text).toContain('Dana Whitfield'); // the byline, new
  });

  it('stores fingerprints, not text, unless asked', async () => {
    const plain = new MemoryIndexStore();
    await scanTexts([{ path: 'a.txt', content: A }], {}, { index: plain });
    for await (const r of plain.records()) expect(r.text).toBeUndefined();
    const withText = new MemoryIndexStore();
    await scanTexts([{ path: 'a.txt', content: A }], {}, { index: withText, storeText: true });
    const texts: string[] = [];
    for await (const r of withText.records()) texts.push(r.text ?? '');
    expect(texts.some((t) => t.startsWith('Port Ellery'))).toBe(true);
  });

  it('workers over shards keep as many blocks as one process over the whole corpus', async () => {
    const docs = Array.from({ length: 8 }, (_, d) => ({
      path: `d${d}.txt`,
      content: [A.split('\n\n')[2 + (d % 3)], `Only in document ${d}: a paragraph of its own, long enough to count as one.`, B.split('\n')[10 + (d % 4)]].join('\n\n'),
    }));
    const kept = (results: ScanResult[]) =>
      results.reduce((n, r) => n + r.summary.blocks - r.summary.duplicateBlocks, 0);
    const one = await scanTexts(docs, {}, { index: new MemoryIndexStore() });
    const shared = new MemoryIndexStore();
    const shards = await Promise.all([0, 1, 2, 3].map((w) => scanTexts(docs.filter((_, i) => i % 4 === w), {}, { index: shared })));
    expect(kept(shards)).toBe(kept([one]));
  });

  it('--boilerplate: a block in N or more documents is removed from all of them, across runs too', async () => {
    const footer = 'Source link and share this story with your friends today';
    const openings = [
      'The ferry schedule changes on Monday, with fewer sailings on weekday evenings.',
      'A new bakery opened on Harbor Avenue, selling rye bread from an old family recipe.',
      'Council members argued for an hour about the colour of the new street signs.',
    ];
    const page = (n: number) => `${openings[n - 1]}\n\n${footer}\n`;
    const run = await scanTexts([1, 2, 3].map((n) => ({ path: `p${n}.txt`, content: page(n) })), { boilerplate: 3 });
    const bp = run.clusters.find((c) => c.kind === 'boilerplate');
    expect(bp?.documents).toBe(3);
    expect(bp?.members.map((m) => m.keep)).toEqual([false, false, false]);
    expect(run.summary.duplicateBlocks).toBe(3);
    // Below the bar it is an ordinary exact duplicate.
    const two = await scanTexts([1, 2].map((n) => ({ path: `p${n}.txt`, content: page(n) })), { boilerplate: 3 });
    expect(two.clusters.map((c) => c.kind)).toEqual(['exact']);
    // With an index, documents add up over runs: the third page alone reaches the bar.
    const index = new MemoryIndexStore();
    await scanTexts([1, 2].map((n) => ({ path: `p${n}.txt`, content: page(n) })), { boilerplate: 3 }, { index });
    const third = await scanTexts([{ path: 'p3.txt', content: page(3) }], { boilerplate: 3 }, { index });
    expect(third.clusters.map((c) => [c.kind, c.documents])).toEqual([['boilerplate', 3]]);
    expect(third.summary.duplicateBlocks).toBe(1);
  });
});
