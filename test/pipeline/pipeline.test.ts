import { describe, expect, it } from 'vitest';
import { scanSources, scanTexts } from '../../src/pipeline.js';
import type { Cluster, ScanResult } from '../../src/types.js';
import { stripSources } from '../../src/strip/index.js';
import {
  BAKERY,
  BUDGET,
  BUDGET_LONGER,
  BUDGET_REWRAPPED,
  BUDGET_WED,
  FESTIVAL,
  FESTIVAL_CURLY,
  FESTIVAL_TYPESET,
  OPEN_A,
  OPEN_B,
  RIVER,
  SHORT_CAT,
  SHORT_DOG,
  TINY,
} from './texts.js';

const doc = (...paras: string[]): string => `${paras.join('\n\n')}\n`;

/** Clusters as [file path, block index] lists. */
function members(r: ScanResult): [string, number][][] {
  return r.clusters.map((c) => c.members.map((m) => [r.files[m.block.source]?.path ?? '?', m.block.index]));
}

/** Invariants every result must satisfy. */
function checkResult(r: ScanResult): void {
  r.clusters.forEach((c, k) => {
    expect(c.id).toBe(k + 1);
    expect(c.members.length).toBeGreaterThanOrEqual(2);
    expect(c.members.filter((m) => m.keep)).toHaveLength(1);
    const kept = c.members.find((m) => m.keep);
    expect(kept?.similarity).toBe(1);
    for (const m of c.members) {
      expect(m.similarity).toBeGreaterThanOrEqual(0);
      expect(m.similarity).toBeLessThanOrEqual(1);
    }
    // members in input order
    const order = c.members.map((m) => [m.block.source, m.block.index] as const);
    const sorted = [...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(order).toEqual(sorted);
    if (c.kind === 'exact') for (const m of c.members) expect(m.similarity).toBe(1);
  });
  // clusters ordered by first member
  const firsts = r.clusters.map((c) => c.members[0]?.block).map((b) => [b?.source ?? -1, b?.index ?? -1] as const);
  expect(firsts).toEqual([...firsts].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  // a block is in at most one cluster
  const seen = new Set<string>();
  for (const c of r.clusters) {
    for (const m of c.members) {
      const key = `${m.block.source}:${m.block.index}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  }
  // summary consistent with the files
  const removedPerFile = r.files.map((_, i) => r.clusters.flatMap((c) => c.members).filter((m) => !m.keep && m.block.source === i).length);
  expect(r.files.map((f) => f.duplicateBlocks)).toEqual(removedPerFile);
  expect(r.summary).toEqual({
    files: r.files.length,
    blocks: r.files.reduce((n, f) => n + f.blocks.length, 0),
    clusters: r.clusters.length,
    duplicateBlocks: removedPerFile.reduce((a, b) => a + b, 0),
  });
}

async function scan(files: Record<string, string>, options: Parameters<typeof scanTexts>[1] = {}): Promise<ScanResult> {
  const r = await scanTexts(
    Object.entries(files).map(([path, content]) => ({ path, content })),
    options,
  );
  checkResult(r);
  return r;
}

const only = (r: ScanResult): Cluster => {
  expect(r.clusters).toHaveLength(1);
  return r.clusters[0] as Cluster;
};

describe('scanTexts: exact duplicates', () => {
  it('finds an exact duplicate within a file', async () => {
    const r = await scan({ 'a.txt': doc(BUDGET, RIVER, BUDGET, BAKERY) }, { unit: 'paragraph' });
    const c = only(r);
    expect(c.kind).toBe('exact');
    expect(members(r)).toEqual([
      [
        ['a.txt', 0],
        ['a.txt', 2],
      ],
    ]);
    expect(c.members.map((m) => [m.keep, m.similarity])).toEqual([
      [true, 1],
      [false, 1],
    ]);
    expect(r.files[0]?.duplicateBlocks).toBe(1);
    expect(r.summary).toEqual({ files: 1, blocks: 4, clusters: 1, duplicateBlocks: 1 });
  });

  it('finds exact duplicates across files; the first file keeps', async () => {
    const r = await scan({ 'a.txt': doc(RIVER, BUDGET), 'b.txt': doc(BAKERY, BUDGET, RIVER) }, { unit: 'paragraph' });
    expect(members(r)).toEqual([
      [
        ['a.txt', 0],
        ['b.txt', 2],
      ],
      [
        ['a.txt', 1],
        ['b.txt', 1],
      ],
    ]);
    expect(r.clusters.map((c) => c.kind)).toEqual(['exact', 'exact']);
    expect(r.clusters.map((c) => c.members.map((m) => m.keep))).toEqual([
      [true, false],
      [true, false],
    ]);
    expect(r.files.map((f) => [f.path, f.blocks.length, f.duplicateBlocks])).toEqual([
      ['a.txt', 2, 0],
      ['b.txt', 3, 2],
    ]);
    expect(r.summary).toEqual({ files: 2, blocks: 5, clusters: 2, duplicateBlocks: 2 });
  });

  it('a re-typeset copy (curly quotes, U+2011, NBSP, re-wrapped CRLF lines) is exact', async () => {
    const r = await scan({ 'a.txt': doc(FESTIVAL, RIVER), 'b.txt': doc(BAKERY, FESTIVAL_TYPESET) });
    const c = only(r);
    expect(c.kind).toBe('exact');
    expect(members(r)).toEqual([
      [
        ['a.txt', 0],
        ['b.txt', 1],
      ],
    ]);
    expect(c.members[1]?.block.text).toBe(FESTIVAL_TYPESET);
    expect(c.members[1]?.block.startLine).toBe(3);
    expect(c.members[1]?.block.endLine).toBe(5);
  });

  it('a re-wrapped copy is exact', async () => {
    const r = await scan({ 'a.txt': doc(BUDGET, RIVER, BUDGET_REWRAPPED) });
    expect(r.files[0]?.unit).toBe('paragraph');
    expect(only(r).kind).toBe('exact');
  });

  it('three copies make one cluster', async () => {
    const r = await scan({ 'a.txt': doc(BUDGET, BUDGET, RIVER, BUDGET) }, { unit: 'paragraph' });
    expect(members(r)).toEqual([
      [
        ['a.txt', 0],
        ['a.txt', 1],
        ['a.txt', 3],
      ],
    ]);
    expect(r.summary.duplicateBlocks).toBe(2);
  });

  it('scanSources takes bytes; a BOM and CRLF do not matter', async () => {
    const enc = new TextEncoder();
    const r = await scanSources([
      { path: 'a.txt', bytes: enc.encode(`\ufeff${BUDGET}\r\n\r\n${RIVER}\r\n`) },
      { path: 'b.txt', bytes: enc.encode(`${BUDGET}\n`) },
    ]);
    checkResult(r);
    expect(members(r)).toEqual([
      [
        ['a.txt', 0],
        ['b.txt', 0],
      ],
    ]);
    expect(r.clusters[0]?.members[0]?.block.startOffset).toBe(3);
  });

  it('no input, or no duplicates, gives no clusters', async () => {
    expect((await scan({})).summary).toEqual({ files: 0, blocks: 0, clusters: 0, duplicateBlocks: 0 });
    const r = await scan({ 'a.txt': doc(BUDGET, RIVER, BAKERY, OPEN_A) });
    expect(r.clusters).toEqual([]);
    expect(r.summary).toEqual({ files: 1, blocks: 4, clusters: 0, duplicateBlocks: 0 });
  });
});

describe('scanTexts: near duplicates', () => {
  it('a paragraph with one word changed in 43 is near, similarity 84/86', async () => {
    const r = await scan({ 'a.txt': doc(BUDGET, RIVER, BUDGET_WED) });
    const c = only(r);
    expect(c.kind).toBe('near');
    expect(members(r)).toEqual([
      [
        ['a.txt', 0],
        ['a.txt', 2],
      ],
    ]);
    const s = c.members[1]?.similarity ?? 0;
    expect(s).toBeCloseTo(84 / 86, 12);
    expect(s).toBeGreaterThan(0.9);
    expect(s).toBeLessThan(1);
    expect(c.members[0]).toMatchObject({ keep: true, similarity: 1 });
  });

  it('only the reworded pair is clustered: unrelated paragraphs and a short fragment are not', async () => {
    const r = await scan({ 'a.txt': doc(BUDGET, RIVER, BAKERY), 'b.txt': doc(BAKERY.replace('Elm', 'Oak'), RIVER.slice(0, 60)) });
    expect(members(r)).toEqual([
      [
        ['a.txt', 2],
        ['b.txt', 0],
      ],
    ]);
  });

  it('paragraphs sharing only their opening sentence are not clustered', async () => {
    const r = await scan({ 'a.txt': doc(OPEN_A, RIVER, OPEN_B) });
    expect(r.clusters).toEqual([]);
  });

  it('a near duplicate joins an exact cluster; the cluster is near', async () => {
    const r = await scan({ 'a.txt': doc(BUDGET, BUDGET_WED, BUDGET) });
    const c = only(r);
    expect(c.kind).toBe('near');
    expect(c.members.map((m) => m.similarity)).toEqual([1, c.members[1]?.similarity, 1]);
    expect(c.members[1]?.similarity).toBeCloseTo(84 / 86, 12);
  });

  it('lowering the threshold does not merge unrelated text; raising it above the similarity splits', async () => {
    const high = await scan({ 'a.txt': doc(BUDGET, BUDGET_WED) }, { threshold: 0.99 });
    expect(high.clusters).toEqual([]);
    const at = await scan({ 'a.txt': doc(BUDGET, BUDGET_WED) }, { threshold: 84 / 86 });
    expect(at.clusters).toHaveLength(1);
  });
});

describe('scanTexts: short blocks', () => {
  it('blocks shorter than minLength are ignored', async () => {
    const r = await scan({ 'a.txt': doc(TINY, RIVER, TINY) });
    expect(r.clusters).toEqual([]);
    expect(r.summary.blocks).toBe(3);
    const r0 = await scan({ 'a.txt': doc(TINY, RIVER, TINY) }, { minLength: 0 });
    expect(members(r0)).toEqual([
      [
        ['a.txt', 0],
        ['a.txt', 2],
      ],
    ]);
  });

  it('minLength counts normalized characters', async () => {
    // 'A  b  c  d  e' is 13 characters, 'a b c d e' after normalization is 9
    const r = await scan({ 'a.txt': doc('A  b  c  d  e', 'a b c d e') }, { minLength: 10 });
    expect(r.clusters).toEqual([]);
    const r2 = await scan({ 'a.txt': doc('A  b  c  d  e', 'a b c d e') }, { minLength: 9 });
    expect(only(r2).kind).toBe('exact');
  });

  it('blocks with fewer than minWords words match only exactly', async () => {
    const r = await scan({ 'a.txt': doc(SHORT_CAT, RIVER, SHORT_DOG, SHORT_CAT) });
    expect(members(r)).toEqual([
      [
        ['a.txt', 0],
        ['a.txt', 3],
      ],
    ]);
    expect(only(r).kind).toBe('exact');
    // with minWords 5 the eight-word blocks are compared as near duplicates (similarity 14/16)
    const r5 = await scan({ 'a.txt': doc(SHORT_CAT, RIVER, SHORT_DOG, SHORT_CAT) }, { minWords: 5, threshold: 0.8 });
    expect(members(r5)).toEqual([
      [
        ['a.txt', 0],
        ['a.txt', 2],
        ['a.txt', 3],
      ],
    ]);
    expect(only(r5).kind).toBe('near');
    expect(only(r5).members[1]?.similarity).toBe(14 / 16);
  });
});

describe('scanTexts: keep policy', () => {
  const files = { 'a.txt': doc(BUDGET, RIVER, BUDGET_LONGER, BUDGET_WED) };

  it('first', async () => {
    const c = only(await scan(files, { keep: 'first' }));
    expect(c.members.map((m) => m.block.index)).toEqual([0, 2, 3]);
    expect(c.members.map((m) => m.keep)).toEqual([true, false, false]);
    const [s0, s1, s2] = c.members.map((m) => m.similarity);
    expect(s0).toBe(1);
    expect(s1).toBeCloseTo(86 / 91, 12);
    expect(s2).toBeCloseTo(84 / 86, 12);
  });

  it('last', async () => {
    const c = only(await scan(files, { keep: 'last' }));
    expect(c.members.map((m) => m.keep)).toEqual([false, false, true]);
    const [s0, s1, s2] = c.members.map((m) => m.similarity);
    expect(s0).toBeCloseTo(84 / 86, 12);
    expect(s1).toBeCloseTo(84 / 91, 12);
    expect(s2).toBe(1);
  });

  it('longest', async () => {
    const c = only(await scan(files, { keep: 'longest' }));
    expect(c.members.map((m) => m.keep)).toEqual([false, true, false]);
    const [s0, s1, s2] = c.members.map((m) => m.similarity);
    expect(s0).toBeCloseTo(86 / 91, 12);
    expect(s1).toBe(1);
    expect(s2).toBeCloseTo(84 / 91, 12);
  });

  it('longest with equal lengths keeps the first', async () => {
    const c = only(await scan({ 'a.txt': doc(RIVER, BUDGET, BUDGET) }, { keep: 'longest' }));
    expect(c.members.map((m) => [m.block.index, m.keep])).toEqual([
      [1, true],
      [2, false],
    ]);
  });

  it('keep decides across files too', async () => {
    const r = await scan({ 'a.txt': doc(BUDGET), 'b.txt': doc(BUDGET) }, { keep: 'last' });
    expect(r.files.map((f) => f.duplicateBlocks)).toEqual([1, 0]);
  });
});

describe('scanTexts: exact mode, threshold 1, raw mode', () => {
  const files = { 'a.txt': doc(BUDGET, BUDGET_WED, RIVER, FESTIVAL, FESTIVAL_TYPESET) };

  it('exact mode gives only the exact cluster', async () => {
    const r = await scan(files, { exact: true });
    expect(members(r)).toEqual([
      [
        ['a.txt', 3],
        ['a.txt', 4],
      ],
    ]);
    expect(only(r).kind).toBe('exact');
  });

  it('threshold 1 is exact only', async () => {
    const r = await scan(files, { threshold: 1 });
    expect(members(r)).toEqual([
      [
        ['a.txt', 3],
        ['a.txt', 4],
      ],
    ]);
  });

  it('the default finds both', async () => {
    const r = await scan(files);
    expect(r.clusters.map((c) => c.kind)).toEqual(['near', 'exact']);
  });

  it('raw mode: byte-identical blocks are exact, quote variants are not', async () => {
    const raw = { 'a.txt': doc(FESTIVAL, RIVER, FESTIVAL_CURLY, FESTIVAL) };
    const r = await scan(raw, { raw: true, exact: true });
    expect(members(r)).toEqual([
      [
        ['a.txt', 0],
        ['a.txt', 3],
      ],
    ]);
    // without --raw all three are one exact cluster
    const n = await scan(raw, { exact: true });
    expect(members(n)).toEqual([
      [
        ['a.txt', 0],
        ['a.txt', 2],
        ['a.txt', 3],
      ],
    ]);
  });

  it('raw mode tells apart bytes that decode alike (invalid UTF-8) and keeps ASCII and non-ASCII apart', async () => {
    // 0x80 and 0x81 alone both decode to U+FFFD; 'caf\xe9' (Latin-1) and 'café' (UTF-8) differ in bytes.
    const bytes = Uint8Array.from([
      ...Buffer.from('line '), 0x80, 0x0a, ...Buffer.from('line '), 0x81, 0x0a, ...Buffer.from('line '), 0x80, 0x0a,
      ...Buffer.from('plain ascii line\n'), ...Buffer.from('plain ascii line\n'), ...Buffer.from('caf'), 0xe9, 0x0a, ...Buffer.from('café\n'),
    ]);
    const r = await scanSources([{ path: 'a.txt', bytes }], { unit: 'line', raw: true, exact: true });
    const lines = r.clusters.map((c) => c.members.map((m) => m.block.startLine));
    expect(lines).toEqual([[1, 3], [4, 5]]);
  });

  it('raw mode never puts blocks that differ in quotes into an exact cluster', async () => {
    const r = await scan({ 'a.txt': doc(FESTIVAL, RIVER, FESTIVAL_CURLY) }, { raw: true });
    for (const c of r.clusters) expect(c.kind).toBe('near');
  });

  it('raw mode is case- and whitespace-sensitive for exact keys', async () => {
    const r = await scan({ 'a.txt': doc(BUDGET, BUDGET.toUpperCase(), BUDGET_REWRAPPED) }, { raw: true, exact: true });
    expect(r.clusters).toEqual([]);
  });
});

describe('scanTexts: units', () => {
  it('line unit finds repeated lines', async () => {
    const text = `${RIVER}\n${BAKERY}\n${RIVER}\n`;
    const r = await scan({ 'a.txt': text }, { unit: 'line' });
    expect(r.files[0]?.unit).toBe('line');
    expect(members(r)).toEqual([
      [
        ['a.txt', 0],
        ['a.txt', 2],
      ],
    ]);
    expect(r.clusters[0]?.members[1]?.block.startLine).toBe(3);
  });

  it('sentence unit finds a repeated sentence inside different paragraphs', async () => {
    const s = 'The council will publish the full minutes of the meeting on its website next week.';
    const r = await scan({ 'a.txt': doc(`${s} Nothing else was said.`, RIVER, `Other business came first. ${s}`) }, { unit: 'sentence' });
    expect(r.files[0]?.unit).toBe('sentence');
    const c = only(r);
    expect(c.members.map((m) => m.block.text)).toEqual([s, s]);
  });
});

describe('stripSources on a scan result', () => {
  it('removes the non-kept members with their separators', async () => {
    const enc = new TextEncoder();
    const sources = [{ path: 'a.txt', bytes: enc.encode(doc(BUDGET, RIVER, BUDGET_WED, BAKERY, FESTIVAL_TYPESET)) }, { path: 'b.txt', bytes: enc.encode(doc(FESTIVAL)) }];
    const r = await scanSources(sources);
    const out = stripSources(sources, r).map((b) => new TextDecoder().decode(b));
    expect(out).toEqual([doc(BUDGET, RIVER, BAKERY, FESTIVAL_TYPESET), doc()]);
  });
});

describe('progress events', () => {
  it('match events never go back, end at every block, and go on through near verification', async () => {
    // Over 1,024 near-matching representatives, so that verification reports progress too.
    const paragraphs = Array.from({ length: 1500 }, (_, i) => `Paragraph number ${i} tells of the river ${i % 7} and the old mill by the bridge, with some words.`);
    const events: { phase: string; blocksDone: number; blocksTotal: number }[] = [];
    const r = await scanTexts([{ path: 'p.txt', content: paragraphs.join('\n\n') }], {}, { onProgress: (e) => events.push(e) });
    const match = events.filter((e) => e.phase === 'match');
    const done = match.map((e) => e.blocksDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(r.summary.blocks);
    for (const e of match) expect(e.blocksTotal).toBe(r.summary.blocks);
    // Some events fall strictly between the prepared half and the end: verification's.
    expect(done.some((d) => d > Math.floor(r.summary.blocks / 2) && d < r.summary.blocks)).toBe(true);
  });
});

describe('scanTexts: the result owns its bytes', () => {
  it('keeps its blocks\' texts when the caller reuses the bytes it passed', async () => {
    const content = new TextEncoder().encode('Hello there my friend, how are you.\n\nHello there my friend, how are you.\n');
    const r = await scanTexts([{ path: 'a.txt', content }], { exact: true });
    content.fill(0x41, 0, 5);
    expect(r.clusters[0]?.members.map((m) => m.block.text)).toEqual(['Hello there my friend, how are you.', 'Hello there my friend, how are you.']);
    expect(r.files[0]?.blocks[0]?.text).toBe('Hello there my friend, how are you.');
  });
});
