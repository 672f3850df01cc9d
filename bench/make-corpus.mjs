#!/usr/bin/env node
/**
 * Writes one large deterministic text file for timing runs:
 *
 *   node bench/make-corpus.mjs --mb N --out FILE [--seed S] [--truth FILE.json]
 *
 * About N MB of documents from bench/corpus.mjs, concatenated with blank lines between
 * (blank-line paragraphs, some hard-wrapped), with the same planted copies as the eval corpus
 * (exact, retypeset, light, moderate, boilerplate, hard negatives). Planted counts go to
 * stderr; --truth also writes the ground truth (locations in FILE). Above what the source
 * pool holds (~10 MB of distinct paragraphs) extra paragraphs are synthesized by relabelling
 * the words of pool paragraphs through a seeded word permutation, one per round (reported on
 * stderr): realistic lengths and punctuation, gibberish words, no unplanned overlaps.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { buildEvalCorpus, concatCorpus, loadSourcePool } from './corpus.mjs';

let args;
try {
  args = parseArgs({
    options: {
      mb: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      truth: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (e) {
  console.error(`make-corpus: ${e.message}`);
  process.exit(2);
}
if (args.help) {
  console.log('usage: node bench/make-corpus.mjs --mb N --out FILE [--seed S] [--truth FILE.json]');
  process.exit(0);
}
const mb = Number(args.mb);
const seed = Number(args.seed);
if (!(mb > 0) || !args.out || !Number.isInteger(seed) || seed < 0) {
  console.error('make-corpus: --mb N (> 0) and --out FILE are required; --seed must be a whole number >= 0');
  process.exit(2);
}

const pool = loadSourcePool();
const avgParaBytes = pool.paragraphs.reduce((a, p) => a + Buffer.byteLength(p.text) + 2, 0) / pool.paragraphs.length;
const paragraphsPerDoc = 15;
const t0 = Date.now();
const build = (n) =>
  concatCorpus(
    buildEvalCorpus({ seed, docs: n, paragraphsPerDoc, styles: { blank: 0.7, wrapped: 0.3 }, synthesize: true }),
    args.out,
  );
// originals plus ~5% per planted category, footers: about 1.4x the originals' bytes
let docs = Math.max(1, Math.round((mb * 1e6) / (avgParaBytes * paragraphsPerDoc * 1.4)));
let one = build(docs);
const size = Buffer.byteLength(one.documents[0].text);
if (Math.abs(size - mb * 1e6) > 0.05 * mb * 1e6 && docs > 1) {
  // synthetic text is longer per paragraph than the real text: rescale once
  docs = Math.max(1, Math.round((docs * mb * 1e6) / size));
  one = build(docs);
}
const corpus = one;
fs.writeFileSync(args.out, one.documents[0].text);
if (args.truth) fs.writeFileSync(args.truth, JSON.stringify(one.truth));
const bytes = Buffer.byteLength(one.documents[0].text);
const c = corpus.truth.counts;
console.error(
  `make-corpus: wrote ${args.out}: ${(bytes / 1e6).toFixed(2)} MB, ${docs} documents, ${corpus.truth.originals} original paragraphs` +
    (corpus.truth.synthesized ? ` (${corpus.truth.synthesized} synthesized by word relabelling)` : '') +
    `, ${corpus.truth.blocks.length} blocks, ${Date.now() - t0} ms`,
);
console.error(`planted: ${Object.entries(c).map(([k, v]) => `${k} ${v}`).join(', ')}`);
