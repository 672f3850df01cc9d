/**
 * `--format jsonl`: one compact JSON object per line: a `cluster` line per cluster
 * (the same object as in the json report, after `"type"`), then one `summary` line.
 */
import type { ScanResult } from '../types.js';
import type { ReportContext, Reporter } from './context.js';
import { CHUNK_CHARS, toWireCluster, toWireReport } from './json.js';
import type { WireClusterLine, WireSummaryLine } from './wire.js';
import { eachCluster } from '../cluster/table.js';

export const jsonlReporter: Reporter = (result, ctx) => [...jsonlChunks(result, ctx)].join('');

/** The jsonl report in pieces (the same text as jsonlReporter), a cluster at a time: see jsonChunks. */
export function* jsonlChunks(result: ScanResult, ctx: ReportContext): Generator<string> {
  const head = toWireReport({ files: result.files, clusters: [], summary: result.summary }, ctx.toolVersion);
  let chunk = '';
  for (const cluster of eachCluster(result)) {
    const line: WireClusterLine = { type: 'cluster', ...toWireCluster(result, cluster) };
    chunk += `${JSON.stringify(line)}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  const summary: WireSummaryLine = {
    type: 'summary',
    ...head.summary,
    fileStats: head.files,
  };
  yield `${chunk}${JSON.stringify(summary)}\n`;
}
