/**
 * `--format pretty`: the human report. Fully readable without colour (markers are
 * words, not only colours); colour, when ctx.color is set, only adds emphasis.
 * This is the only module that may import chalk.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Block, Cluster, ClusterMember, ScanResult, ScanSummary } from '../types.js';
import type { ReportContext, Reporter } from './context.js';
import { breakdownLine, diffLine, PLAIN_MARKS } from './explain.js';
import { fileOf } from './member.js';
import { percent } from './percent.js';

/** Re-exported for modules that have not moved to ./percent.js yet. */
export { percent } from './percent.js';
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

function clusterLines(result: ScanResult, cluster: Cluster, c: ChalkInstance, ctx: ReportContext): string[] {
  const rows = cluster.members.map((member) => ({
    member,
    location: location(fileOf(result.files, member, cluster.id).path, member.block),
  }));
  let width = 0; // a loop, not Math.max(...): clusters can have hundreds of thousands of members
  for (const row of rows) width = Math.max(width, row.location.length);
  const kept = cluster.members.find((m) => m.keep);
  const lines = [header(cluster, c)];
  for (const { member, location: loc } of rows) {
    lines.push(memberLine(member, loc.padEnd(width), c));
    if (ctx.explain && kept && !member.keep && member.similarity < 1) {
      lines.push(`        ${c.dim(breakdownLine(kept.block.text, member.block.text))}`);
      const marks = ctx.color ? { removed: (t: string) => c.red.strikethrough(t), added: (t: string) => c.green.underline(t) } : PLAIN_MARKS;
      lines.push(`        ${diffLine(kept.block.text, member.block.text, marks)}`);
    }
  }
  return lines;
}

function header(cluster: Cluster, c: ChalkInstance): string {
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

function memberLine(member: ClusterMember, paddedLocation: string, c: ChalkInstance): string {
  const marker = member.keep ? c.green('keep') : `${c.red('dup')} `;
  const similarity = `${percent(member.similarity)}%`.padStart(4);
  return `  ${marker}  ${paddedLocation}  ${similarity}  ${c.dim(previewText(member.block.text))}`;
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
