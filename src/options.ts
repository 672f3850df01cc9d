/**
 * Scan options: their types, defaults and validation.
 * Validation errors say which option is wrong and what is allowed.
 */
import type { UnitOption } from './types.js';

export type KeepPolicy = 'first' | 'last' | 'longest';

export interface ScanOptions {
  /** Block unit; `auto` picks paragraph or line per document. */
  readonly unit: UnitOption;
  /** Near-duplicate similarity threshold, 0..1; 1 means exact only. */
  readonly threshold: number;
  /** Only exact (normalized) duplicates. */
  readonly exact: boolean;
  /** Compare bytes as they are: no normalization. */
  readonly raw: boolean;
  /** Blocks shorter than this many characters (after normalization) are ignored. Default 20, or 0 with `raw` (every block counts, as in awk). */
  readonly minLength: number;
  /** Blocks with fewer words (counting only words with a letter) are only matched exactly, never as near-duplicates. */
  readonly minWords: number;
  /** Which member of a cluster is kept. */
  readonly keep: KeepPolicy;
  /**
   * Blocks seen in this many documents or more (this run's and the index's) are
   * boilerplate: removed from every document, the first included. 0 = off.
   */
  readonly boilerplate: number;
}

export const UNITS: readonly UnitOption[] = ['auto', 'paragraph', 'line', 'sentence'];
export const KEEP_POLICIES: readonly KeepPolicy[] = ['first', 'last', 'longest'];

export const DEFAULT_SCAN_OPTIONS: ScanOptions = Object.freeze({
  unit: 'auto',
  threshold: 0.7,
  exact: false,
  raw: false,
  minLength: 20,
  minWords: 12,
  keep: 'first',
  boilerplate: 0,
});

/** An option has a value that is not allowed. `option` names it as the user wrote it. */
export class OptionError extends Error {
  readonly option: string;
  constructor(option: string, message: string) {
    super(message);
    this.name = 'OptionError';
    this.option = option;
  }
}

function checkInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new OptionError(name, `${name} must be a whole number >= ${min}, got ${String(value)}`);
  }
}

/** Fills in defaults and validates; throws OptionError on a bad value. */
export function resolveScanOptions(partial: Partial<ScanOptions> = {}): ScanOptions {
  const given = stripUndefined(partial);
  const o: ScanOptions = { ...DEFAULT_SCAN_OPTIONS, ...(given.raw === true ? { minLength: 0 } : {}), ...given };
  if (!UNITS.includes(o.unit)) {
    throw new OptionError('unit', `unit must be one of ${UNITS.join(', ')}, got ${String(o.unit)}`);
  }
  if (!KEEP_POLICIES.includes(o.keep)) {
    throw new OptionError('keep', `keep must be one of ${KEEP_POLICIES.join(', ')}, got ${String(o.keep)}`);
  }
  if (typeof o.threshold !== 'number' || !(o.threshold >= 0 && o.threshold <= 1)) {
    throw new OptionError('threshold', `threshold must be a number from 0 to 1, got ${String(o.threshold)}`);
  }
  checkInteger('min-length', o.minLength, 0);
  checkInteger('min-words', o.minWords, 1);
  checkInteger('boilerplate', o.boilerplate, 0);
  if (o.boilerplate === 1) {
    throw new OptionError('boilerplate', 'boilerplate must be 0 (off) or a number of documents >= 2, got 1');
  }
  return Object.freeze(o);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
