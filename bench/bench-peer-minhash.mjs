#!/usr/bin/env node
/**
 * Near-duplicate paragraphs with the npm package `minhash` (Minhash + LshIndex), for
 * bench/run.mjs:
 *
 *   node bench/bench-peer-minhash.mjs CORPUS [--ngram 3] [--perm 128] [--threshold 0.5] > result.json
 *
 * Used as its README shows: one `new Minhash()` per paragraph (numPerm 128, its default; seed 1,
 * its default, so all signatures share permutations), `update(shingle)` for each word 3-gram
 * shingle, `LshIndex` at its default bandSize 4 (32 bands of 4 rows, S-curve midpoint about
 * 0.42), `insert` every paragraph, then `query` each one. The README's query means "Jaccard
 * similarity >= 0.5"; LSH only proposes candidates, so each candidate pair is kept when
 * `jaccard()` (the estimate from the signatures) is >= 0.5, and kept pairs are joined into
 * clusters (union-find; a pair already in one cluster is not compared again).
 * Output: see writeResult in bench/bench-peer-common.mjs.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { peerArgs, readParagraphs, shingles, unionFind, writeResult } from './bench-peer-common.mjs';

const require = createRequire(import.meta.url);
const { Minhash, LshIndex } = require('minhash');

const t0 = performance.now();
const { file, ngram, perm, threshold } = peerArgs('minhash');
const paragraphs = readParagraphs(file);
const index = new LshIndex();
const sigs = new Array(paragraphs.length);
for (let i = 0; i < paragraphs.length; i++) {
  const m = new Minhash({ numPerm: perm });
  for (const s of shingles(paragraphs[i].text, ngram)) m.update(s);
  sigs[i] = m;
  index.insert(i, m);
}
const { find, union } = unionFind(paragraphs.length);
let candidatePairs = 0;
let verifiedPairs = 0;
for (let i = 0; i < paragraphs.length; i++) {
  for (const key of index.query(sigs[i])) {
    const j = Number(key);
    if (j <= i) continue;
    candidatePairs++;
    if (find(i) === find(j)) continue;
    if (sigs[i].jaccard(sigs[j]) >= threshold) {
      verifiedPairs++;
      union(i, j);
    }
  }
}
writeResult({
  tool: 'minhash',
  settings: `minhash ${require('minhash/package.json').version}: Minhash numPerm ${perm}, word ${ngram}-gram shingles, LshIndex bandSize ${index.bandSize} (default: ${Math.ceil(perm / index.bandSize)} bands x ${index.bandSize} rows), candidates kept at estimated Jaccard >= ${threshold}`,
  paragraphs,
  find,
  candidatePairs,
  verifiedPairs,
  ms: performance.now() - t0,
});
