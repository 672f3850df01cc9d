/**
 * The reporter for one format, loaded on demand: a run loads only the module of
 * the format it prints (the CLI uses this; `getReporter` in ./index.ts loads all).
 */
import type { ScanResult } from '../types.js';
import type { ReportContext, Reporter } from './context.js';
import type { ReportFormat } from './formats.js';

const LOADERS: Readonly<Record<ReportFormat, () => Promise<Reporter>>> = {
  pretty: async () => (await import('./pretty.js')).prettyReporter,
  json: async () => (await import('./json.js')).jsonReporter,
  jsonl: async () => (await import('./jsonl.js')).jsonlReporter,
  sarif: async () => (await import('./sarif.js')).sarifReporter,
  github: async () => (await import('./github.js')).githubReporter,
  html: async () => (await import('./html.js')).htmlReporter,
};

export function loadReporter(format: ReportFormat): Promise<Reporter> {
  const load = LOADERS[format];
  if (load === undefined) return Promise.reject(new RangeError(`unknown report format ${JSON.stringify(format)}`));
  return load();
}

/**
 * The report for one format as an iterable of text pieces: the json and jsonl
 * reports are built a cluster at a time (a report of millions of blocks fits no
 * single string); the others are one piece.
 */
export async function loadChunkedReporter(format: ReportFormat): Promise<(result: ScanResult, ctx: ReportContext) => Iterable<string>> {
  if (format === 'json') return (await import('./json.js')).jsonChunks;
  if (format === 'jsonl') return (await import('./jsonl.js')).jsonlChunks;
  const reporter = await loadReporter(format);
  return (result, ctx) => [reporter(result, ctx)];
}
