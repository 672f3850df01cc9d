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

export interface WireBlock {
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
}

export interface WireCluster {
  readonly id: number;
  readonly kind: ClusterKind;
  readonly blocks: readonly WireBlock[];
}

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
export interface WireClusterLine extends WireCluster {
  readonly type: 'cluster';
}

/** The last jsonl line: the summary's counts as in the json report, plus the per-file figures. */
export interface WireSummaryLine extends WireSummary {
  readonly type: 'summary';
  readonly fileStats: readonly WireFile[];
}
