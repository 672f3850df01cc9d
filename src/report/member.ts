/** Helpers about cluster members shared by the reporters. */
import type { Cluster, ClusterMember, FileResult, IndexedOrigin } from '../types.js';

/**
 * The file a cluster member's block belongs to; for an indexed member (first seen
 * in an earlier run) a stand-in with the path it was first seen at. A dangling
 * source index is a pipeline bug.
 */
export function fileOf(files: readonly FileResult[], member: ClusterMember, clusterId: number): FileResult {
  if (member.indexed) return { path: member.indexed.path, unit: 'paragraph', blocks: [], duplicateBlocks: 0 };
  const file = files[member.block.source];
  if (file === undefined) {
    throw new RangeError(
      `cluster ${clusterId}: block ${member.block.index} refers to source ${member.block.source}, ` +
        `but the result has ${files.length} file(s)`,
    );
  }
  return file;
}

/**
 * A block of this run that the report flags for removal: keep is false and it is
 * not an indexed member (an indexed member stands for a block of an earlier run:
 * nothing of this run is removed there). These are the summary's duplicate blocks.
 */
export function isRemoved(member: ClusterMember): boolean {
  return !member.keep && member.indexed === undefined;
}

/**
 * When an indexed block was first seen, as an ISO 8601 UTC timestamp
 * (`2026-11-20T09:30:00.000Z`). A time that is not a valid date is an index bug,
 * reported with the cluster instead of a bare "Invalid time value".
 */
export function firstSeenIso(origin: IndexedOrigin, clusterId: number): string {
  const date = new Date(origin.firstSeen);
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(
      `cluster ${clusterId}: the indexed block from ${origin.path}:${origin.line} has an invalid firstSeen time ${String(origin.firstSeen)}`,
    );
  }
  return date.toISOString();
}

/** The UTC day an indexed block was first seen, `YYYY-MM-DD` (for human-readable reports). */
export function firstSeenDay(origin: IndexedOrigin, clusterId: number): string {
  return firstSeenIso(origin, clusterId).slice(0, 10);
}

/**
 * In how many documents a boilerplate cluster's block has been seen: the cluster's
 * own count, or, should the pipeline leave it out, the distinct sources of this
 * run's members plus the documents the index counts.
 */
export function boilerplateDocuments(cluster: Cluster): number {
  if (cluster.documents !== undefined) return cluster.documents;
  const sources = new Set<number>();
  let indexed = 0;
  for (const m of cluster.members) {
    if (m.indexed) indexed = Math.max(indexed, m.indexed.documents);
    else sources.add(m.block.source);
  }
  return sources.size + indexed;
}
