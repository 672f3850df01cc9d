/** `--format json`: one pretty-printed JSON document (cli-contract.md, "JSON report"). */
import type { Cluster, ClusterMember, FileResult, ScanResult } from '../types.js';
import type { ReportContext, Reporter } from './context.js';
import { boilerplateDocuments, fileOf, firstSeenIso } from './member.js';
import { previewText } from './preview.js';
import {
  SCHEMA_VERSION,
  TOOL_NAME,
  type WireBlock,
  type WireCluster,
  type WireFile,
  type WireReport,
} from './wire.js';

/** Similarity as written on the wire: rounded to 4 decimals. */
export function roundSimilarity(similarity: number): number {
  const rounded = Math.round(similarity * 10_000) / 10_000;
  // A copy that is not identical never reads as 1.
  return rounded >= 1 && similarity < 1 ? 0.9999 : rounded;
}

/** Builds the wire form of a scan result; the json and jsonl reporters share it. */
export function toWireReport(result: ScanResult, toolVersion: string): WireReport {
  const files: WireFile[] = result.files.map((file) => ({
    path: file.path,
    blocks: file.blocks.length,
    duplicateBlocks: file.duplicateBlocks,
    unit: file.unit,
  }));
  const clusters: WireCluster[] = result.clusters.map((cluster) => toWireCluster(result, cluster));
  const { summary } = result;
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: toolVersion },
    files,
    clusters,
    summary: {
      files: summary.files,
      blocks: summary.blocks,
      clusters: summary.clusters,
      duplicateBlocks: summary.duplicateBlocks,
    },
  };
}

export function toWireCluster(result: ScanResult, cluster: Cluster): WireCluster {
  const blocks = cluster.members.map((member) => toWireBlock(member, fileOf(result.files, member, cluster.id), cluster.id));
  if (cluster.kind === 'boilerplate') {
    return { id: cluster.id, kind: cluster.kind, documents: boilerplateDocuments(cluster), blocks };
  }
  return { id: cluster.id, kind: cluster.kind, blocks };
}

function toWireBlock(member: ClusterMember, file: FileResult, clusterId: number): WireBlock {
  const { block, indexed } = member;
  if (indexed) {
    return {
      path: indexed.path,
      indexed: true,
      keep: member.keep,
      startLine: block.startLine,
      endLine: block.endLine,
      firstSeen: firstSeenIso(indexed, clusterId),
      documents: indexed.documents,
      similarity: roundSimilarity(member.similarity),
      preview: previewText(block.text),
    };
  }
  return {
    path: file.path,
    index: block.index,
    startLine: block.startLine,
    endLine: block.endLine,
    startOffset: block.startOffset,
    endOffset: block.endOffset,
    similarity: roundSimilarity(member.similarity),
    keep: member.keep,
    preview: previewText(block.text),
  };
}

export const jsonReporter: Reporter = (result, ctx) => [...jsonChunks(result, ctx)].join('');

/** Text per chunk of jsonChunks (about): large enough that writing costs little. */
export const CHUNK_CHARS = 1 << 16;

/**
 * The json report in pieces, the same text as jsonReporter: JSON.stringify of
 * the whole report, built one cluster at a time, so that a report of millions of
 * blocks never needs its whole wire form, nor one string longer than V8 allows.
 */
export function* jsonChunks(result: ScanResult, ctx: ReportContext): Generator<string> {
  const head = toWireReport({ ...result, clusters: [] }, ctx.toolVersion);
  // The report's keys in order: schemaVersion, tool, files, clusters, summary; JSON.stringify's layout.
  const before = JSON.stringify({ schemaVersion: head.schemaVersion, tool: head.tool, files: head.files }, null, 2);
  const summary = JSON.stringify(head.summary, null, 2).replaceAll('\n', '\n  ');
  let chunk = `${before.slice(0, -2)},\n  "clusters": [`;
  if (result.clusters.length === 0) chunk += ']';
  else {
    for (let i = 0; i < result.clusters.length; i++) {
      const wire = JSON.stringify(toWireCluster(result, result.clusters[i] as Cluster), null, 2);
      chunk += `${i === 0 ? '' : ','}\n    ${wire.replaceAll('\n', '\n    ')}`;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    chunk += '\n  ]';
  }
  yield `${chunk},\n  "summary": ${summary}\n}\n`;
}
