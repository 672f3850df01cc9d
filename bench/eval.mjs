#!/usr/bin/env node
/**
 * Accuracy evaluation of the built library on the deterministic corpus of bench/corpus.mjs.
 *
 *   npm run build && node bench/eval.mjs [--seed 1] [--docs 200] [--paras 15]
 *       [--per-category N] [--threshold T] [--examples 3] [--full] [--json FILE] [--no-fail]
 *
 * Prints per-category recall, hard-negative false positives, precision and timings; exits 1
 * when a target (corpus.mjs TARGETS) is missed, 2 on bad usage.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { buildEvalCorpus, checkTargets, pairStats, scoreResult, TARGETS } from './corpus.mjs';

let args;
try {
  args = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      docs: { type: 'string', default: '200' },
      paras: { type: 'string', default: '15' },
      'per-category': { type: 'string' },
      threshold: { type: 'string' },
      examples: { type: 'string', default: '3' },
      full: { type: 'boolean', default: false },
      json: { type: 'string' },
      'no-fail': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (e) {
  console.error(`eval: ${e.message}`);
  process.exit(2);
}
if (args.help) {
  console.log('usage: node bench/eval.mjs [--seed S] [--docs N] [--paras N] [--per-category N] [--threshold T] [--examples N] [--full] [--json FILE] [--no-fail]');
  process.exit(0);
}
const int = (name, v, min) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    console.error(`eval: --${name} must be a whole number >= ${min}, got ${v}`);
    process.exit(2);
  }
  return n;
};
const seed = int('seed', args.seed, 0);
const docs = int('docs', args.docs, 1);
const paras = int('paras', args.paras, 1);
const perCategory = args['per-category'] === undefined ? undefined : int('per-category', args['per-category'], 0);
const examples = int('examples', args.examples, 0);
const options = {};
if (args.threshold !== undefined) {
  const t = Number(args.threshold);
  if (!(t >= 0 && t <= 1)) {
    console.error(`eval: --threshold must be a number from 0 to 1, got ${args.threshold}`);
    process.exit(2);
  }
  options.threshold = t;
}

let lib;
try {
  lib = await import('../dist/index.js');
} catch (e) {
  console.error(`eval: cannot load ../dist/index.js (run npm run build first): ${e.message}`);
  process.exit(2);
}

const t0 = performance.now();
let corpus;
try {
  corpus = buildEvalCorpus({ seed, docs, paragraphsPerDoc: paras, perCategory });
} catch (e) {
  console.error(`eval: ${e.message}`);
  process.exit(2);
}
const t1 = performance.now();
const bytes = corpus.documents.reduce((a, d) => a + Buffer.byteLength(d.text), 0);
const result = await lib.scanTexts(
  corpus.documents.map((d) => ({ path: d.path, content: d.text })),
  options,
);
const t2 = performance.now();
const score = scoreResult(result, corpus.truth);
const fails = checkTargets(score);

const pct = (x) => `${(x * 100).toFixed(2)}%`;
const tr = corpus.truth;
console.log(
  `corpus: seed ${seed}, ${docs} docs (${Object.entries(tr.styles).map(([k, v]) => `${v} ${k}`).join(', ')}), ` +
    `${tr.originals} original paragraphs, ${tr.blocks.length} blocks, ${(bytes / 1e6).toFixed(2)} MB`,
);
console.log(`options: ${JSON.stringify(options)}  (library defaults otherwise)`);
console.log(`generate ${(t1 - t0).toFixed(0)} ms, scan ${(t2 - t1).toFixed(0)} ms (${((bytes / 1e6) / ((t2 - t1) / 1000)).toFixed(2)} MB/s)\n`);

const rows = [['category', 'planted', 'found', 'recall', 'target', '']];
for (const [c, s] of Object.entries(score.categories)) {
  const target = TARGETS[c];
  const ok = target === undefined ? '' : s.recall >= target ? 'ok' : 'MISS';
  rows.push([c, String(s.planted), String(s.found), pct(s.recall), target === undefined ? '-' : pct(target), ok]);
}
const hn = score.hardNegative;
rows.push(['hardNegative FP', String(hn.planted), String(hn.falsePositives), '-', '0', hn.falsePositives === 0 ? 'ok' : 'MISS']);
const pr = score.precision;
rows.push(['precision', String(pr.flagged), String(pr.correct), pct(pr.precision), pct(TARGETS.precision), pr.precision >= TARGETS.precision ? 'ok' : 'MISS']);
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const [i, r] of rows.entries()) {
  console.log(r.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log(
  `\nclusters ${score.clusters}; segmentation: ${score.segmentation.mismatches} of ${score.segmentation.blocks} planted/placed blocks ` +
    `have no result block with the same line span`,
);

const clip = (s) => (args.full || s.length <= 400 ? s : `${s.slice(0, 400)}…`);
const showPair = (label, a, b, extra) => {
  const st = pairStats(a.text, b.text);
  console.log(
    `  ${label} ${extra ?? ''} words ${st.words.join('/')}, word-LCS ${st.lcsRatio.toFixed(3)}, 3-gram Jaccard ${st.jaccard3.toFixed(3)}`,
  );
  console.log(`    A ${a.path}:${a.startLine}: ${clip(a.text).replace(/\n/g, '⏎')}`);
  console.log(`    B ${b.path}:${b.startLine}: ${clip(b.text).replace(/\n/g, '⏎')}`);
};
if (examples > 0) {
  for (const [c, s] of Object.entries(score.categories)) {
    if (s.misses.length === 0 || c === 'boilerplateShort') continue;
    console.log(`\nmissed ${c} (${s.misses.length}):`);
    for (const m of s.misses.slice(0, examples)) {
      showPair(`[${m.why}]`, m.planted.original, m.planted.copy, JSON.stringify(m.planted.detail));
    }
  }
  if (hn.examples.length) {
    console.log(`\nhard negatives clustered with their original (${hn.examples.length}):`);
    for (const e of hn.examples.slice(0, examples)) {
      showPair(`[similarity ${e.similarity}]`, e.planted.original, e.planted.copy, JSON.stringify(e.planted.detail));
    }
  }
  if (pr.falsePositives.length) {
    console.log(`\nfalse positives (flagged, no true duplicate in the cluster) (${pr.falsePositives.length}):`);
    for (const f of pr.falsePositives.slice(0, examples)) {
      showPair(`[cluster ${f.cluster}, similarity ${f.similarity}]`, f.kept, f.flagged);
    }
  }
  if (score.segmentation.mismatches) {
    console.log(`\nsegmentation examples: ${JSON.stringify(score.segmentation.examples)}`);
  }
}

if (args.json) {
  fs.writeFileSync(
    args.json,
    JSON.stringify({ seed, docs, paras, options, bytes, generateMs: t1 - t0, scanMs: t2 - t1, truthCounts: tr.counts, score, fails }, null, 2),
  );
}
console.log(fails.length ? `\nTARGETS MISSED:\n  ${fails.join('\n  ')}` : '\nall targets met');
process.exit(fails.length && !args['no-fail'] ? 1 : 0);
