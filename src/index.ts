/**
 * dedupe — public library API.
 *
 *   import { scan, strip, scanTexts, stripTexts } from 'dedupe-text';
 *   const { result } = await scan(['docs/']);            // files, directories, globs
 *   const [clean] = await stripTexts([{ path: 'page', content: html2text }]);
 *
 * The library never prints and never exits; the CLI (src/cli) is a thin layer over it.
 */
export type * from './types.js';
export { scan, strip, stripRanges, stripTexts, scanTexts } from './api.js';
export type { PathScan } from './api.js';
export { scanSources } from './pipeline.js';
export type { ProgressEvent, ScanHooks, TextInput } from './pipeline.js';
export { DEFAULT_SCAN_OPTIONS, OptionError, resolveScanOptions } from './options.js';
export type { KeepPolicy, ScanOptions } from './options.js';
export { loadSources } from './input/index.js';
export type { InputProblem, LoadOptions, LoadResult } from './input/index.js';
export { stripSources, removalRanges, applyRemovals, keptPieces, eachKeptPiece } from './strip/index.js';
export type { ByteRange } from './strip/index.js';
export { ExactLineStripper } from './strip/lines.js';
export type { ByteSink, LineStripStats } from './strip/lines.js';
export { getReporter, previewText, REPORT_FORMATS } from './report/index.js';
export type { ReportContext, ReportFormat, Reporter } from './report/index.js';
export { normalize, tokenize } from './normalize/index.js';
export { explainSimilarity, wordSimilarity } from './verify/index.js';
export type { SimilarityBreakdown } from './verify/index.js';
