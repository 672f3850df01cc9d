/**
 * What every reporter receives besides the scan result, and the reporter shape.
 * Reporters are pure: they return the whole report as a string and never print.
 */
import type { ScanResult } from '../types.js';

export interface ReportContext {
  /** The version of dedupe, as written into machine-readable reports. */
  readonly toolVersion: string;
  /** Whether human-readable output may use ANSI colour (resolved by the CLI). */
  readonly color: boolean;
  /** --explain: for near-duplicates, a word-level diff and the similarity broken down (pretty). */
  readonly explain?: boolean;
}

/** Renders a scan result; the returned string is the complete output, ending in a newline. */
export type Reporter = (result: ScanResult, ctx: ReportContext) => string;
