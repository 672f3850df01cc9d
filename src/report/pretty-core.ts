/**
 * The pretty report's text, without its dependencies: the colours (chalk, bound
 * in ./pretty.ts) and --explain's breakdown and word diff (./explain.ts, which
 * pulls in the diff package) are passed in. The CLI renders an uncoloured report
 * without --explain from this module alone, so a plain run loads neither chalk
 * nor diff; `prettyReporter` (./pretty.ts) is this with both bound.
 */
import type { Block, Cluster, ClusterMember, ScanResult, ScanSummary } from '../types.js';
import type { Reporter } from './context.js';
import { type DiffMarks, PLAIN_MARKS } from './marks.js';
import { boilerplateDocuments, fileOf, firstSeenDay } from './member.js';
import { percent, similarityRange } from './percent.js';
import { blockPreview } from './preview.js';
import { eachCluster } from '../cluster/table.js';

/** The emphasis the report uses; without colour every one returns its text unchanged. */
export interface PrettyStyle {
  readonly bold: (text: string) => string;
  readonly green: (text: string) => string;
  readonly red: (text: string) => string;
  readonly dim: (text: string) => string;
  /** How --explain marks deletions and insertions. */
  readonly marks: DiffMarks;
}

/** What --explain adds under a near-duplicate (./explain.ts). */
export interface Explainer {
  readonly breakdownLine: (kept: string, duplicate: string) => string;
  readonly diffLine: (kept: string, duplicate: string, marks: DiffMarks) => string;
}

const same = (text: string): string => text;

/** No colour: text unchanged, diff marks readable as git diff --word-diff=plain. */
export const PLAIN_STYLE: PrettyStyle = { bold: same, green: same, red: same, dim: same, marks: PLAIN_MARKS };

const SEP = ' · ';

/**
 * The pretty reporter over the given style (for ctx.color) and explainer (asked
 * for only when ctx.explain is set).
 */
export function createPrettyReporter(style: (color: boolean) => PrettyStyle, explainer: () => Explainer): Reporter {
  return (result, ctx) => {
    const c = style(ctx.color);
    const ex = ctx.explain ? explainer() : undefined;
    const lines: string[] = [];
    for (const cluster of eachCluster(result)) {
      for (const line of clusterLines(result, cluster, c, ex)) lines.push(line);
      lines.push('');
    }
    lines.push(summaryLine(result.summary, c));
    return `${lines.join('\n')}\n`;
  };
}

/** Shown, under --explain, for a duplicate of an indexed copy whose text the index does not hold. */
export const TEXT_NOT_STORED = "(the indexed copy's text is not stored: use --index-store-text)";

function clusterLines(result: ScanResult, cluster: Cluster, c: PrettyStyle, ex: Explainer | undefined): string[] {
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
    if (ex && kept && !member.keep && member.similarity < 1) {
      if (kept.indexed && kept.block.text === '') {
        lines.push(`        ${c.dim(TEXT_NOT_STORED)}`);
        continue;
      }
      lines.push(`        ${c.dim(ex.breakdownLine(kept.block.text, member.block.text))}`);
      lines.push(`        ${ex.diffLine(kept.block.text, member.block.text, c.marks)}`);
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

function header(cluster: Cluster, c: PrettyStyle): string {
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
    parts.push(similarityRange(cluster.members));
  }
  return c.bold(parts.join(SEP));
}

/**
 * The member's marker, four columns wide: `keep` the kept copy, `dup` a duplicate
 * removed; in a boilerplate cluster `drop` (every copy of this run is removed) and
 * `ref` for the index's entry, shown for reference.
 */
function marker(cluster: Cluster, member: ClusterMember, c: PrettyStyle): string {
  if (member.keep) return c.green('keep');
  if (cluster.kind !== 'boilerplate') return `${c.red('dup')} `;
  if (member.indexed) return `${c.dim('ref')} `;
  return c.red('drop');
}

function memberLine(cluster: Cluster, member: ClusterMember, paddedLocation: string, c: PrettyStyle): string {
  const similarity = `${percent(member.similarity)}%`.padStart(4);
  const text = member.indexed && member.block.text === '' ? '(text not stored)' : blockPreview(member.block);
  return `  ${marker(cluster, member, c)}  ${paddedLocation}  ${similarity}  ${c.dim(text)}`;
}

function summaryLine(summary: ScanSummary, c: PrettyStyle): string {
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
