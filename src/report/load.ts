/**
 * The reporter for one format, loaded on demand: a run loads only the module of
 * the format it prints (the CLI uses this; `getReporter` in ./index.ts loads all).
 * The pretty report without colour and without --explain needs neither chalk nor
 * the diff package: for such a context it is built from ./pretty-core.ts alone,
 * which is loaded with this module (it is the default report).
 */
import type { ScanResult } from '../types.js';
import type { ReportContext, Reporter } from './context.js';
import type { ReportFormat } from './formats.js';
import { createPrettyReporter, type Explainer, PLAIN_STYLE } from './pretty-core.js';

/** What a reporter will be called with: pretty loads colours and --explain's code only when asked to. */
export type ReportNeeds = Pick<ReportContext, 'color' | 'explain'>;

async function pretty(needs: ReportNeeds): Promise<Reporter> {
  if (needs.color) return (await import('./pretty.js')).prettyReporter;
  const explain: Explainer | undefined = needs.explain ? await import('./explain.js') : undefined;
  return createPrettyReporter(
    (color) => {
      if (color) throw new Error('pretty reporter loaded without colour');
      return PLAIN_STYLE;
    },
    () => {
      if (explain === undefined) throw new Error('pretty reporter loaded without --explain');
      return explain;
    },
  );
}

const LOADERS: Readonly<Record<ReportFormat, (needs: ReportNeeds) => Promise<Reporter>>> = {
  pretty,
  json: async () => (await import('./json.js')).jsonReporter,
  jsonl: async () => (await import('./jsonl.js')).jsonlReporter,
  sarif: async () => (await import('./sarif.js')).sarifReporter,
  github: async () => (await import('./github.js')).githubReporter,
  html: async () => (await import('./html.js')).htmlReporter,
};

/** The reporter for `format`, to be called with a context that asks for no more than `needs`. */
export function loadReporter(format: ReportFormat, needs: ReportNeeds = { color: true, explain: true }): Promise<Reporter> {
  const load = LOADERS[format];
  if (load === undefined) return Promise.reject(new RangeError(`unknown report format ${JSON.stringify(format)}`));
  return load(needs);
}

/**
 * The report for one format as an iterable of text pieces: the json and jsonl
 * reports are built a cluster at a time (a report of millions of blocks fits no
 * single string); the others are one piece.
 */
export async function loadChunkedReporter(
  format: ReportFormat,
  needs: ReportNeeds = { color: true, explain: true },
): Promise<(result: ScanResult, ctx: ReportContext) => Iterable<string>> {
  if (format === 'json') return (await import('./json.js')).jsonChunks;
  if (format === 'jsonl') return (await import('./jsonl.js')).jsonlChunks;
  const reporter = await loadReporter(format, needs);
  return (result, ctx) => [reporter(result, ctx)];
}
