/** `--format json`: one pretty-printed JSON document (cli-contract.md, "JSON report"). */
import type { Cluster, ClusterMember, FileResult, ScanResult } from '../types.js';
import type { ReportContext, Reporter } from './context.js';
import { boilerplateDocuments, fileOf, firstSeenIso } from './member.js';
import { blockPreview, previewText } from './preview.js';
import { blockCount } from '../split/spans.js';
import {
  SCHEMA_VERSION,
  TOOL_NAME,
  type WireBlock,
  type WireCluster,
  type WireFile,
  type WireReport,
} from './wire.js';
import { eachCluster } from '../cluster/table.js';

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
    blocks: blockCount(file),
    duplicateBlocks: file.duplicateBlocks,
    unit: file.unit,
  }));
  const clusters: WireCluster[] = [];
  for (const cluster of eachCluster(result)) clusters.push(toWireCluster(result, cluster));
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
    preview: blockPreview(block),
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
  const head = toWireReport({ files: result.files, clusters: [], summary: result.summary }, ctx.toolVersion);
  // The report's keys in order: schemaVersion, tool, files, clusters, summary; JSON.stringify's layout.
  const before = JSON.stringify({ schemaVersion: head.schemaVersion, tool: head.tool, files: head.files }, null, 2);
  const summary = JSON.stringify(head.summary, null, 2).replaceAll('\n', '\n  ');
  let chunk = `${before.slice(0, -2)},\n  "clusters": [`;
  // Clusters go a few at a time through one JSON.stringify, nested as they are in the report
  // ({ "clusters": [...] }), so that they come out indented as the whole report's would.
  let written = 0;
  let batch: WireCluster[] = [];
  let blocks = 0;
  const flush = (): void => {
    const nested = JSON.stringify({ clusters: batch }, null, 2);
    chunk += `${written === 0 ? '' : ','}${nested.slice(NESTED_HEAD.length, nested.length - NESTED_TAIL.length)}`;
    written += batch.length;
    batch = [];
    blocks = 0;
  };
  for (const cluster of eachCluster(result)) {
    batch.push(toWireCluster(result, cluster));
    blocks += cluster.members.length + 1;
    if (blocks < BATCH_BLOCKS) continue;
    flush();
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (batch.length > 0) flush();
  chunk += written === 0 ? ']' : '\n  ]';
  yield `${chunk},\n  "summary": ${summary}\n}\n`;
}

/**
 * Blocks (and clusters) per JSON.stringify of jsonChunks: few enough that the
 * string stays small, in the young generation. At 256, a batch with a preview
 * past Latin-1 (two bytes a character) made a string of about 230 KB, which V8
 * puts in its large-object space, freed only by a full collection.
 */
const BATCH_BLOCKS = 32;
/** What JSON.stringify({ clusters: [...] }, null, 2) puts around the clusters. */
const NESTED_HEAD = '{\n  "clusters": [';
const NESTED_TAIL = '\n  ]\n}';
