/**
 * Tool-independent scoring of near-duplicate clusters against the truth of a paragraph corpus
 * (bench/make-corpus.mjs --truth), for bench/run.mjs. Same rules as scoreResult in
 * bench/corpus.mjs, but from line spans, so dedupe's JSON report and the MinHash peers'
 * outputs are scored the same way:
 *
 *  - a cluster is a list of members { startLine, endLine, keep } (1-based lines in the corpus
 *    file; the corpus is one file, so paths are not compared);
 *  - a planted pair is found when its original and its copy lie in the same cluster (each is
 *    located as the member whose line span holds the planted block's first line);
 *  - a hard negative is a false positive when it lands in its original's cluster;
 *  - precision: of the members flagged as duplicates (keep false; for the peers every member
 *    but the first in file order), the share that have a true duplicate in their cluster (a
 *    member of the same planted group, or the same text after normalizeForCompare).
 */
import { normalizeForCompare } from './corpus.mjs';

/** Clusters of dedupe's `--format json` report. */
export function clustersFromDedupeReport(report) {
  return report.clusters.map((c) => ({
    kind: c.kind,
    members: c.blocks.filter((b) => !b.indexed).map((b) => ({ startLine: b.startLine, endLine: b.endLine, keep: b.keep })),
  }));
}

/** Clusters of a bench/bench-peer-*.mjs output: `clusters: [[[startLine, endLine], ...], ...]`. */
export function clustersFromPeerOutput(output) {
  return output.clusters.map((c) => ({
    members: [...c].sort((a, b) => a[0] - b[0]).map(([startLine, endLine], i) => ({ startLine, endLine, keep: i === 0 })),
  }));
}

/** Index of the span in `spans` (sorted by start, not overlapping) that holds `line`, or -1. */
function findSpan(starts, ends, line) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (line < starts[mid]) hi = mid - 1;
    else if (line > ends[mid]) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export const SCORED_CATEGORIES = ['exact', 'retypeset', 'light', 'moderate', 'boilerplate'];

/**
 * @param {{ members: { startLine: number, endLine: number, keep: boolean }[] }[]} clusters
 * @param {object} truth the truth JSON of make-corpus.mjs
 */
export function scoreClusters(clusters, truth) {
  // result side: every member's span, sorted, with its cluster
  const spans = [];
  clusters.forEach((c, ci) => {
    for (const m of c.members) spans.push({ s: m.startLine, e: m.endLine, ci });
  });
  spans.sort((a, b) => a.s - b.s);
  const rs = spans.map((x) => x.s);
  const re = spans.map((x) => x.e);
  const clusterAt = (line) => {
    const i = findSpan(rs, re, line);
    return i === -1 ? -1 : spans[i].ci;
  };

  // truth side: blocks sorted by line, planted groups by union-find
  const tb = [...truth.blocks].sort((a, b) => a.startLine - b.startLine);
  const ts = tb.map((b) => b.startLine);
  const te = tb.map((b) => b.endLine);
  const parent = new Map();
  const find = (x) => {
    while (parent.has(x) && parent.get(x) !== x) {
      const p = parent.get(x);
      parent.set(x, parent.get(p) ?? p);
      x = p;
    }
    return x;
  };
  for (const p of truth.planted) {
    if (p.category === 'hardNegative') continue;
    const a = find(p.original.id);
    const b = find(p.copy.id);
    if (a !== b) parent.set(b, a);
  }

  const categories = {};
  for (const c of [...SCORED_CATEGORIES, 'boilerplateShort']) categories[c] = { planted: 0, found: 0, recall: 1 };
  const hardNegative = { planted: 0, falsePositives: 0 };
  for (const p of truth.planted) {
    const a = clusterAt(p.original.startLine);
    const b = clusterAt(p.copy.startLine);
    const together = a !== -1 && a === b;
    if (p.category === 'hardNegative') {
      hardNegative.planted++;
      if (together) hardNegative.falsePositives++;
      continue;
    }
    const s = (categories[p.category] ??= { planted: 0, found: 0, recall: 1 });
    s.planted++;
    if (together) s.found++;
  }
  for (const s of Object.values(categories)) s.recall = s.planted === 0 ? 1 : s.found / s.planted;

  let flagged = 0;
  let correct = 0;
  for (const c of clusters) {
    const info = c.members.map((m) => {
      const i = findSpan(ts, te, m.startLine);
      const t = i === -1 ? null : tb[i];
      return { keep: m.keep, group: t ? find(t.id) : null, norm: t ? normalizeForCompare(t.text) : null };
    });
    for (const x of info) {
      if (x.keep) continue;
      flagged++;
      if (info.some((y) => y !== x && ((x.group !== null && x.group === y.group) || (x.norm !== null && x.norm === y.norm)))) correct++;
    }
  }
  return {
    categories,
    hardNegative,
    precision: { flagged, correct, precision: flagged === 0 ? 1 : correct / flagged },
    clusters: clusters.length,
  };
}
