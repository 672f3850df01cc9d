#!/usr/bin/env node
/**
 * Near-duplicate paragraphs with the npm package `bloom-filters` (MinHashFactory / MinHash),
 * for bench/run.mjs:
 *
 *   node bench/bench-peer-bloom-filters.mjs CORPUS [--ngram 3] [--perm 128] [--threshold 0.5] > result.json
 *
 * bloom-filters has MinHash but no LSH index, so the banding is done here the way datasketch's
 * MinHashLSH does it: for threshold 0.5 and 128 permutations datasketch picks 25 bands of 5 rows
 * (its _optimal_param, recomputed in bench-peer-common.mjs), each band's values are a key in a
 * Map of buckets, and the paragraphs sharing a bucket are candidates. As datasketch's query
 * only returns candidates, each candidate pair is kept when `compareWith()` (the estimated
 * Jaccard) is >= 0.5; kept pairs are joined into clusters (union-find).
 * MinHash takes numbers: each word 3-gram shingle is hashed to 26 bits (FNV-1a), and the
 * factory is made with maxValue 2^26 so that its hash functions (a*x + b) mod c stay exact in
 * doubles. The factory draws its hash functions with Math.random (lodash/random, which keeps
 * the Math.random it sees when it loads): a seeded one is in place while bloom-filters loads and
 * the factory is built, so runs are reproducible. The signature is read
 * from the sketch's `_signature` field (the class has no public accessor for it).
 * Output: see writeResult in bench/bench-peer-common.mjs.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { mulberry32 } from './corpus.mjs';
import { datasketchBanding, fnv1a, peerArgs, readParagraphs, shingles, unionFind, writeResult } from './bench-peer-common.mjs';

const require = createRequire(import.meta.url);
const t0 = performance.now();
const { file, ngram, perm, threshold } = peerArgs('bloom-filters');
// lodash keeps the Math.random it finds when it loads: seed it before bloom-filters loads lodash
const random = Math.random;
Math.random = mulberry32(42);
const { MinHashFactory } = require('bloom-filters');
const MAX = 2 ** 26;
const factory = new MinHashFactory(perm, MAX);
Math.random = random;
const { bands, rows } = datasketchBanding(threshold, perm);

const paragraphs = readParagraphs(file);
const sigs = new Array(paragraphs.length);
const buckets = new Map();
for (let i = 0; i < paragraphs.length; i++) {
  const m = factory.create();
  const values = [...new Set(shingles(paragraphs[i].text, ngram).map((s) => fnv1a(s) % MAX))];
  if (values.length > 0) {
    m.bulkLoad(values);
    const sig = m._signature;
    for (let b = 0; b < bands; b++) {
      const key = `${b}:${sig.slice(b * rows, (b + 1) * rows).join(',')}`;
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    }
  }
  sigs[i] = m;
}
const { find, union } = unionFind(paragraphs.length);
let candidatePairs = 0;
let verifiedPairs = 0;
for (const bucket of buckets.values()) {
  for (let x = 0; x < bucket.length; x++) {
    for (let y = x + 1; y < bucket.length; y++) {
      const i = bucket[x];
      const j = bucket[y];
      candidatePairs++;
      if (find(i) === find(j)) continue;
      if (sigs[i].compareWith(sigs[j]) >= threshold) {
        verifiedPairs++;
        union(i, j);
      }
    }
  }
}
writeResult({
  tool: 'bloom-filters',
  settings: `bloom-filters ${require('bloom-filters/package.json').version}: MinHashFactory(${perm}, 2^26), word ${ngram}-gram shingles, banding ${bands} bands x ${rows} rows (datasketch's choice for threshold ${threshold}), candidates kept at estimated Jaccard >= ${threshold}`,
  paragraphs,
  find,
  candidatePairs,
  verifiedPairs,
  ms: performance.now() - t0,
});
