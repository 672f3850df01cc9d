/**
 * dedupe — public library API.
 * (Being assembled: the pipeline lands in src/pipeline.ts.)
 */
export type * from './types.js';
export { DEFAULT_SCAN_OPTIONS, OptionError, resolveScanOptions } from './options.js';
export type { KeepPolicy, ScanOptions } from './options.js';
