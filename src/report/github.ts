/**
 * `--format github`: GitHub Actions workflow commands, so duplicates show up as
 * annotations on the pull request / run without uploading anything.
 *
 * One `::warning` line per duplicate block (every member of this run with keep: false), in
 * cluster order then member order:
 *
 *     ::warning file=b.md,line=2,endLine=2,title=dedupe%3A exact duplicate (cluster 1)::Duplicate of a.txt:3 (100% similar, exact): "U.S. and…"
 *
 * A boilerplate block (--boilerplate N: removed from every document, no copy kept):
 *
 *     ::warning file=b.md,line=2,endLine=2,title=dedupe%3A boilerplate (cluster 3)::Boilerplate seen in 14 documents: "All rights…"
 *
 * A kept copy held by the persistent index (--index, first seen in an earlier run)
 * is named `path:line (indexed)`; it gets no annotation of its own (it is not a
 * block of this run).
 *
 * then exactly one summary line:
 * - duplicates found: `::notice::dedupe: 3 duplicate blocks in 2 clusters` (one notice annotation);
 * - none: a plain log line `dedupe: no duplicates in 2 blocks across 1 file`: not a
 *   workflow command, so a clean run adds no annotation to the checks summary.
 *
 * `file` is the display path as given (a leading `./` dropped): GitHub expects a
 * path relative to the repository root, so run dedupe from the checkout root with
 * relative paths. Standard input (`<stdin>`) has no file: its annotations carry no
 * `file`/`line`/`endLine` and the message still names `<stdin>:line`.
 *
 * Escaping is exactly that of the Actions toolkit (@actions/core `command.ts`):
 * see {@link escapeData} and {@link escapeProperty}.
 */
import type { Block, Cluster, ClusterMember, ScanResult } from '../types.js';
import type { Reporter } from './context.js';
import { boilerplateDocuments, fileOf, isRemoved } from './member.js';
import { percent } from './percent.js';
import { blockPreview } from './preview.js';
import { clusterCount, eachCluster } from '../cluster/table.js';

/** Display path of standard input (same value as STDIN_PATH in src/input). */
export const STDIN_DISPLAY_PATH = '<stdin>';

/**
 * Escapes a workflow command's data (the message after `::`), as the toolkit's
 * `escapeData`: `%` first (so escapes are not escaped twice), then CR and LF.
 */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Escapes a workflow command's property value (`file=`, `title=`...), as the
 * toolkit's `escapeProperty`: as {@link escapeData}, plus `:` and `,`, which
 * would otherwise end the property list or the value.
 */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One workflow command line, as the toolkit's `Command.toString()`: properties
 * with an undefined value are left out, the rest joined with `,` in the given order.
 */
export function workflowCommand(
  command: string,
  properties: Readonly<Record<string, string | number | undefined>>,
  message: string,
): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  return `::${command}${props.length > 0 ? ` ${props.join(',')}` : ''}::${escapeData(message)}`;
}

/**
 * The cluster's kept member; undefined for a boilerplate cluster, which keeps
 * none. An exact or near cluster without one is a pipeline bug.
 */
export function keptMember(cluster: Cluster): ClusterMember | undefined {
  if (cluster.kind === 'boilerplate') return undefined;
  const kept = cluster.members.find((m) => m.keep);
  if (kept === undefined) throw new RangeError(`cluster ${cluster.id} has no kept member`);
  return kept;
}

/** `path:line`, or `path:start-end` for a block spanning several lines (as the pretty report). */
export function blockLocation(path: string, block: Block): string {
  const lines = block.endLine > block.startLine ? `${block.startLine}-${block.endLine}` : `${block.startLine}`;
  return `${path}:${lines}`;
}

/**
 * What a duplicate block duplicates and how closely, with a preview of its own text:
 * `Duplicate of a.txt:3 (87% similar, near): "The talks were called…"`; a kept
 * copy from the index reads `Duplicate of docs/a.txt:12 (indexed) (100% similar, exact): …`;
 * a boilerplate block `Boilerplate seen in 14 documents: "All rights reserved."`.
 * Shared by the github and sarif reports. Not escaped for any format. `kept` is
 * the cluster's {@link keptMember}, passed in so a large cluster is not searched
 * once per member.
 */
export function duplicateMessage(
  result: ScanResult,
  cluster: Cluster,
  member: ClusterMember,
  kept: ClusterMember | undefined = keptMember(cluster),
): string {
  const preview = `"${blockPreview(member.block)}"`;
  if (kept === undefined) {
    const documents = boilerplateDocuments(cluster);
    return `Boilerplate seen in ${plural(documents, 'document')}: ${preview}`;
  }
  const keptPath = fileOf(result.files, kept, cluster.id).path;
  const keptName = `${blockLocation(keptPath, kept.block)}${kept.indexed ? ' (indexed)' : ''}`;
  return `Duplicate of ${keptName} (${percent(member.similarity)}% similar, ${cluster.kind}): ${preview}`;
}

const TITLES: Readonly<Record<Cluster['kind'], string>> = {
  exact: 'exact duplicate',
  near: 'near-duplicate',
  boilerplate: 'boilerplate',
};

/** The `title` of a duplicate's annotation. */
export function annotationTitle(cluster: Cluster): string {
  return `dedupe: ${TITLES[cluster.kind]} (cluster ${cluster.id})`;
}

/** Drops leading `./` segments: GitHub matches annotation paths against repository paths. */
function repoPath(path: string): string {
  return path.replace(/^(?:\.\/+)+/, '');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const githubReporter: Reporter = (result) => {
  const lines: string[] = [];
  let duplicates = 0;
  for (const cluster of eachCluster(result)) {
    const kept = keptMember(cluster);
    for (const member of cluster.members) {
      if (!isRemoved(member)) continue;
      duplicates += 1;
      const path = fileOf(result.files, member, cluster.id).path;
      const { block } = member;
      const located = path !== STDIN_DISPLAY_PATH;
      lines.push(
        workflowCommand(
          'warning',
          {
            file: located ? repoPath(path) : undefined,
            line: located ? block.startLine : undefined,
            endLine: located ? block.endLine : undefined,
            title: annotationTitle(cluster),
          },
          duplicateMessage(result, cluster, member, kept),
        ),
      );
    }
  }
  const { summary } = result;
  if (duplicates === 0) {
    lines.push(`dedupe: no duplicates in ${plural(summary.blocks, 'block')} across ${plural(summary.files, 'file')}`);
  } else {
    lines.push(
      workflowCommand(
        'notice',
        {},
        `dedupe: ${plural(duplicates, 'duplicate block')} in ${plural(clusterCount(result), 'cluster')}`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
};
