/** Helpers about cluster members shared by the reporters. */
import type { ClusterMember, FileResult } from '../types.js';

/** The file a cluster member's block belongs to; a dangling source index is a pipeline bug. */
export function fileOf(files: readonly FileResult[], member: ClusterMember, clusterId: number): FileResult {
  const file = files[member.block.source];
  if (file === undefined) {
    throw new RangeError(
      `cluster ${clusterId}: block ${member.block.index} refers to source ${member.block.source}, ` +
        `but the result has ${files.length} file(s)`,
    );
  }
  return file;
}
