/**
 * Exit-status gates for pipelines: which duplicates count (--fail-on), how many
 * are tolerated (--max-duplicates), or never fail (--no-fail).
 */
import type { ScanResult } from '../types.js';
import { eachCluster } from '../cluster/table.js';

export type FailOn = 'exact' | 'near' | 'any';
export const FAIL_ON: readonly FailOn[] = ['exact', 'near', 'any'];

export interface Gate {
  /** Which clusters' duplicates count. */
  readonly failOn: FailOn;
  /** Fail only when more duplicate blocks than this count. */
  readonly maxDuplicates: number;
  /** false: never fail on duplicates (report only). */
  readonly fail: boolean;
}

export const DEFAULT_GATE: Gate = { failOn: 'any', maxDuplicates: 0, fail: true };

/** Duplicate blocks (keep: false) in the clusters the gate counts. */
export function countedDuplicates(result: ScanResult, failOn: FailOn): number {
  let n = 0;
  for (const c of eachCluster(result)) {
    if (failOn !== 'any' && c.kind !== failOn) continue;
    for (const m of c.members) if (!m.keep) n++;
  }
  return n;
}

/** True when the result should fail the pipeline (exit status 1). */
export function gateFails(result: ScanResult, gate: Gate): boolean {
  return countFails(countedDuplicates(result, gate.failOn), gate);
}

/** True when this many counted duplicate blocks fail the pipeline. */
export function countFails(counted: number, gate: Gate): boolean {
  return gate.fail && counted > gate.maxDuplicates;
}
