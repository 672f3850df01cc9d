/**
 * `--format jsonl`: one compact JSON object per line: a `cluster` line per cluster
 * (the same object as in the json report, after `"type"`), then one `summary` line.
 */
import type { Reporter } from './context.js';
import { toWireReport } from './json.js';
import type { WireClusterLine, WireSummaryLine } from './wire.js';

export const jsonlReporter: Reporter = (result, ctx) => {
  const report = toWireReport(result, ctx.toolVersion);
  const lines: string[] = report.clusters.map((cluster) => {
    const line: WireClusterLine = { type: 'cluster', ...cluster };
    return JSON.stringify(line);
  });
  const summary: WireSummaryLine = {
    type: 'summary',
    ...report.summary,
    fileStats: report.files,
  };
  lines.push(JSON.stringify(summary));
  return lines.map((line) => `${line}\n`).join('');
};
