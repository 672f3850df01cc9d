/** Helpers about cluster members shared by the reporters. */
import type { ClusterMember, FileResult } from '../types.js';

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
