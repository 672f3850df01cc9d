/**
 * What the MinHash peer runners (bench/bench-peer-*.mjs) share: reading the corpus into
 * blank-line paragraphs, word shingles, union-find, the banding datasketch would choose, and
 * the output format that bench/bench-score.mjs scores.
 *
 * The preprocessing is the usual one for MinHash near-duplicate detection (as in datasketch's
 * and text-dedup's examples): lower case, split on anything that is not a letter or digit,
 * word n-gram shingles (n = 3 here; a paragraph of fewer than n words is one shingle), each
 * shingle counted once. Every non-blank paragraph is indexed (no length filter).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

/** Command line of a peer runner: `node bench/bench-peer-X.mjs CORPUS [--ngram 3] [--perm 128] [--threshold 0.5]`. */
export function peerArgs(name) {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        ngram: { type: 'string', default: '3' },
        perm: { type: 'string', default: '128' },
        threshold: { type: 'string', default: '0.5' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    fail(name, e.message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(`usage: node bench/bench-peer-${name}.mjs CORPUS [--ngram N] [--perm N] [--threshold J] > result.json`);
    process.exit(0);
  }
  if (positionals.length !== 1) fail(name, 'one corpus file expected');
  const ngram = Number(values.ngram);
  const perm = Number(values.perm);
  const threshold = Number(values.threshold);
  if (!Number.isInteger(ngram) || ngram < 1) fail(name, `--ngram must be a whole number >= 1, got ${values.ngram}`);
  if (!Number.isInteger(perm) || perm < 1) fail(name, `--perm must be a whole number >= 1, got ${values.perm}`);
  if (!(threshold > 0 && threshold <= 1)) fail(name, `--threshold must be a number in (0, 1], got ${values.threshold}`);
  return { file: positionals[0], ngram, perm, threshold };
}

export function fail(name, message) {
  process.stderr.write(`bench-peer-${name}: ${message}\n`);
  process.exit(2);
}

/** Blank-line separated paragraphs of a file: { startLine, endLine, text } (1-based lines). */
export function readParagraphs(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const out = [];
  let start = -1;
  for (let i = 0; i <= lines.length; i++) {
    const blank = i === lines.length || /^\s*$/.test(lines[i]);
    if (!blank && start === -1) start = i;
    else if (blank && start !== -1) {
      out.push({ startLine: start + 1, endLine: i, text: lines.slice(start, i).join('\n') });
      start = -1;
    }
  }
  return out;
}

/** Distinct word n-gram shingles of a paragraph (strings). */
export function shingles(text, n) {
  const w = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (w.length === 0) return [];
  if (w.length < n) return [w.join(' ')];
  const set = new Set();
  for (let i = 0; i + n <= w.length; i++) set.add(w.slice(i, i + n).join(' '));
  return [...set];
}

/** 32-bit FNV-1a of a string (UTF-16 code units). */
export function fnv1a(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function unionFind(n) {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x) => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const union = (a, b) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  return { find, union };
}

/**
 * The (bands, rows) datasketch's MinHashLSH picks for a threshold and number of permutations
 * (its _optimal_param with equal false positive / false negative weights): the banding that
 * minimises the area under the S-curve below the threshold plus the area above it missed.
 */
export function datasketchBanding(threshold, numPerm) {
  const integrate = (f, a, b) => {
    const n = 200; // Simpson's rule; the integrands are smooth
    const h = (b - a) / n;
    let s = f(a) + f(b);
    for (let i = 1; i < n; i++) s += f(a + i * h) * (i % 2 ? 4 : 2);
    return (s * h) / 3;
  };
  let best = [0, 0];
  let min = Infinity;
  for (let b = 1; b <= numPerm; b++) {
    for (let r = 1; r <= Math.floor(numPerm / b); r++) {
      const fp = integrate((s) => 1 - (1 - s ** r) ** b, 0, threshold);
      const fn = integrate((s) => (1 - s ** r) ** b, threshold, 1);
      const err = 0.5 * fp + 0.5 * fn;
      if (err < min) {
        min = err;
        best = [b, r];
      }
    }
  }
  return { bands: best[0], rows: best[1] };
}

/**
 * Clusters (connected groups of >= 2 paragraphs) from the union-find, written to stdout as
 * JSON with the settings and counts: { tool, settings, paragraphs, candidatePairs, verifiedPairs,
 * clusters: [[[startLine, endLine], ...], ...] }.
 */
export function writeResult({ tool, settings, paragraphs, find, candidatePairs, verifiedPairs, ms }) {
  const groups = new Map();
  for (let i = 0; i < paragraphs.length; i++) {
    const r = find(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r).push(i);
  }
  const clusters = [];
  for (const g of groups.values()) if (g.length > 1) clusters.push(g.map((i) => [paragraphs[i].startLine, paragraphs[i].endLine]));
  const out = JSON.stringify({ tool, settings, paragraphs: paragraphs.length, candidatePairs, verifiedPairs, ms, clusters });
  const buf = Buffer.from(out + '\n');
  for (let off = 0; off < buf.length; ) off += fs.writeSync(1, buf, off);
}
