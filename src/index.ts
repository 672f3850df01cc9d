/**
 * dedupe — public library API.
 *
 *   import { scanTexts, stripSources } from 'dedupe-text';
 *   const result = await scanTexts([{ path: 'a.txt', content: text }]);
 */
export type * from './types.js';
export { DEFAULT_SCAN_OPTIONS, OptionError, resolveScanOptions } from './options.js';
export type { KeepPolicy, ScanOptions } from './options.js';
export { scanSources, scanTexts } from './pipeline.js';
export type { TextInput } from './pipeline.js';
export { normalize, tokenize } from './normalize/index.js';
export { explainSimilarity, wordSimilarity } from './verify/index.js';
export type { SimilarityBreakdown } from './verify/index.js';
