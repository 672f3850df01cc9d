/**
 * `--format pretty`: the human report. Fully readable without colour (markers are
 * words, not only colours); colour, when ctx.color is set, only adds emphasis.
 * This is the only module that may import chalk.
 *
 * A member held by the persistent index (--index) reads
 * `keep  index: docs/a.txt:12 (first seen 2026-11-20)  100%  …` (the date in UTC).
 * A boilerplate cluster (--boilerplate N) keeps no copy: its header says in how
 * many documents the block was seen and how many copies are in this run, and
 * every copy of this run is marked `drop` (an indexed member there, `ref`).
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Block, Cluster, ClusterMember, ScanResult, ScanSummary } from '../types.js';
import type { ReportContext, Reporter } from './context.js';
import { breakdownLine, diffLine, PLAIN_MARKS } from './explain.js';
import { boilerplateDocuments, fileOf, firstSeenDay } from './member.js';
import { percent } from './percent.js';
import { previewText } from './preview.js';

const SEP = ' · ';

export const prettyReporter: Reporter = (result, ctx) => {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const lines: string[] = [];
  for (const cluster of result.clusters) {
    for (const line of clusterLines(result, cluster, c, ctx)) lines.push(line);
    lines.push('');
  }
  lines.push(summaryLine(result.summary, c));
  return `${lines.join('\n')}\n`;
};

/** Shown, under --explain, for a duplicate of an indexed copy whose text the index does not hold. */
export const TEXT_NOT_STORED = "(the indexed copy's text is not stored: use --index-store-text)";

function clusterLines(result: ScanResult, cluster: Cluster, c: ChalkInstance, ctx: ReportContext): string[] {
  const rows = cluster.members.map((member) => ({
    member,
    location: memberLocation(result, cluster, member),
  }));
  let width = 0; // a loop, not Math.max(...): clusters can have hundreds of thousands of members
  for (const row of rows) width = Math.max(width, row.location.length);
  // A boilerplate cluster keeps no copy, so it has nothing to explain against.
  const kept = cluster.kind === 'boilerplate' ? undefined : cluster.members.find((m) => m.keep);
  const lines = [header(cluster, c)];
  for (const { member, location: loc } of rows) {
    lines.push(memberLine(cluster, member, loc.padEnd(width), c));
    if (ctx.explain && kept && !member.keep && member.similarity < 1) {
      if (kept.indexed && kept.block.text === '') {
        lines.push(`        ${c.dim(TEXT_NOT_STORED)}`);
        continue;
      }
      lines.push(`        ${c.dim(breakdownLine(kept.block.text, member.block.text))}`);
      const marks = ctx.color ? { removed: (t: string) => c.red.strikethrough(t), added: (t: string) => c.green.underline(t) } : PLAIN_MARKS;
      lines.push(`        ${diffLine(kept.block.text, member.block.text, marks)}`);
    }
  }
  return lines;
}

/** `path:line`; for an indexed member `index: path:line (first seen YYYY-MM-DD)`. */
function memberLocation(result: ScanResult, cluster: Cluster, member: ClusterMember): string {
  const loc = location(fileOf(result.files, member, cluster.id).path, member.block);
  if (member.indexed === undefined) return loc;
  return `index: ${loc} (first seen ${firstSeenDay(member.indexed, cluster.id)})`;
}

function header(cluster: Cluster, c: ChalkInstance): string {
  if (cluster.kind === 'boilerplate') {
    let here = 0;
    for (const m of cluster.members) if (m.indexed === undefined) here += 1;
    const parts = [
      `Cluster ${cluster.id}`,
      cluster.kind,
      `in ${plural(boilerplateDocuments(cluster), 'document')}`,
      `${plural(here, 'copy', 'copies')} here`,
    ];
    return c.bold(parts.join(SEP));
  }
  const parts = [`Cluster ${cluster.id}`, cluster.kind, plural(cluster.members.length, 'copy', 'copies')];
  if (cluster.kind === 'near' && cluster.members.length > 0) {
    let lo = 100;
    let hi = 0;
    for (const m of cluster.members) {
      const p = percent(m.similarity);
      lo = Math.min(lo, p);
      hi = Math.max(hi, p);
    }
    parts.push(lo === hi ? `${hi}% similar` : `${lo}–${hi}% similar`);
  }
  return c.bold(parts.join(SEP));
}

/**
 * The member's marker, four columns wide: `keep` the kept copy, `dup` a duplicate
 * removed; in a boilerplate cluster `drop` (every copy of this run is removed) and
 * `ref` for the index's entry, shown for reference.
 */
function marker(cluster: Cluster, member: ClusterMember, c: ChalkInstance): string {
  if (member.keep) return c.green('keep');
  if (cluster.kind !== 'boilerplate') return `${c.red('dup')} `;
  if (member.indexed) return `${c.dim('ref')} `;
  return c.red('drop');
}

function memberLine(cluster: Cluster, member: ClusterMember, paddedLocation: string, c: ChalkInstance): string {
  const similarity = `${percent(member.similarity)}%`.padStart(4);
  const text = member.indexed && member.block.text === '' ? '(text not stored)' : previewText(member.block.text);
  return `  ${marker(cluster, member, c)}  ${paddedLocation}  ${similarity}  ${c.dim(text)}`;
}

function summaryLine(summary: ScanSummary, c: ChalkInstance): string {
  const blocks = plural(summary.blocks, 'block');
  const files = plural(summary.files, 'file');
  if (summary.clusters === 0) return c.green(`No duplicates in ${blocks} across ${files}.`);
  return c.bold(
    `${plural(summary.clusters, 'cluster')}${SEP}` +
      `${plural(summary.duplicateBlocks, 'duplicate block')} of ${blocks} in ${files}`,
  );
}

/** `path:line`, or `path:start-end` for a block spanning several lines. */
function location(path: string, block: Block): string {
  const lines = block.endLine > block.startLine ? `${block.startLine}-${block.endLine}` : `${block.startLine}`;
  return `${terminalSafe(path)}:${lines}`;
}


function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Paths may contain control characters (ESC, newline...); never send them to a terminal raw. */
function terminalSafe(text: string): string {
  return text.replace(/\p{Cc}/gu, '\uFFFD');
}
