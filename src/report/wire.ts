/**
 * Wire types of the JSON and JSONL reports (see cli-contract.md, "JSON report").
 * Kept apart from the core types so the pipeline can change without changing
 * what users parse. Field names and order are part of the contract; add, don't rename.
 */
import type { ClusterKind, Unit } from '../types.js';

export const SCHEMA_VERSION = 1;
export const TOOL_NAME = 'dedupe';

export interface WireTool {
  readonly name: typeof TOOL_NAME;
  readonly version: string;
}

export interface WireFile {
  readonly path: string;
  /** Number of blocks the file was split into. */
  readonly blocks: number;
  readonly duplicateBlocks: number;
  /** The unit the file was split into (`auto` resolved). */
  readonly unit: Unit;
}

/** A block of this run. */
export interface WireRunBlock {
  readonly path: string;
  readonly index: number;
  readonly startLine: number;
  readonly endLine: number;
  readonly startOffset: number;
  readonly endOffset: number;
  /** Similarity to the kept block, rounded to 4 decimals. */
  readonly similarity: number;
  readonly keep: boolean;
  readonly preview: string;
  /** Never written for a block of this run; lets `if (block.indexed)` tell the two apart. */
  readonly indexed?: never;
}

/**
 * A block held by the persistent index (--index), first seen in an earlier run.
 * It is not a block of this run, so it has no `index` and no byte offsets.
 * `keep` is true when it is the cluster's kept copy; false only in a boilerplate
 * cluster, where it is shown as a reference (nothing is kept there).
 */
export interface WireIndexedBlock {
  /** Where the block was first seen. */
  readonly path: string;
  readonly indexed: true;
  readonly keep: boolean;
  readonly startLine: number;
  readonly endLine: number;
  /** When it was first seen: ISO 8601, UTC (`2026-11-20T09:30:00.000Z`). */
  readonly firstSeen: string;
  /** In how many documents the index has seen it. */
  readonly documents: number;
  /** Similarity to the kept block, rounded to 4 decimals. */
  readonly similarity: number;
  /** From the stored text; "" when the index does not store text. */
  readonly preview: string;
}

export type WireBlock = WireRunBlock | WireIndexedBlock;

/** An exact or near cluster: exactly one block has keep: true. */
export interface WireDuplicateCluster {
  readonly id: number;
  readonly kind: Exclude<ClusterKind, 'boilerplate'>;
  readonly blocks: readonly WireBlock[];
}

/** A boilerplate cluster (--boilerplate N): every block has keep: false. */
export interface WireBoilerplateCluster {
  readonly id: number;
  readonly kind: 'boilerplate';
  /** In how many documents the block has been seen (this run's and the index's). */
  readonly documents: number;
  readonly blocks: readonly WireBlock[];
}

export type WireCluster = WireDuplicateCluster | WireBoilerplateCluster;

export interface WireSummary {
  readonly files: number;
  readonly blocks: number;
  readonly clusters: number;
  readonly duplicateBlocks: number;
}

/** The whole `--format json` document. */
export interface WireReport {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly tool: WireTool;
  readonly files: readonly WireFile[];
  readonly clusters: readonly WireCluster[];
  readonly summary: WireSummary;
}

/** A `--format jsonl` line for one cluster. */
export type WireClusterLine = { readonly type: 'cluster' } & WireCluster;

/** The last jsonl line: the summary's counts as in the json report, plus the per-file figures. */
export interface WireSummaryLine extends WireSummary {
  readonly type: 'summary';
  readonly fileStats: readonly WireFile[];
}
