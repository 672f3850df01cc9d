/**
 * The high-level library API: scan paths or texts, strip duplicates. The CLI is
 * a thin layer over these functions.
 */
import { type InputProblem, type LoadOptions, loadSources } from './input/index.js';
import type { ScanOptions } from './options.js';
import { type ScanHooks, scanSources, scanTexts, type TextInput, toSources } from './pipeline.js';
import { type ByteRange, stripRanges as stripRangesOf, stripSources } from './strip/index.js';
import type { ScanResult, Source } from './types.js';

export interface PathScan {
  /** The inputs that were read, in order (their bytes are what offsets refer to). */
  readonly sources: readonly Source[];
  readonly result: ScanResult;
  /** Inputs that could not be read (severity error) or were skipped (warning). */
  readonly problems: readonly InputProblem[];
  /** Binary inputs, not scanned (each has a warning in `problems`). */
  readonly binary: readonly Source[];
}

/**
 * Reads files, directories (recursively, honouring .gitignore) and glob patterns,
 * and finds duplicate blocks within and across them.
 */
export async function scan(
  paths: readonly string[],
  options: Partial<ScanOptions> & LoadOptions = {},
  hooks: ScanHooks = {},
): Promise<PathScan> {
  const loaded = await loadSources(paths, options);
  const result = await scanSources(loaded.sources, options, hooks);
  return { sources: loaded.sources, result, problems: loaded.problems, binary: loaded.binary };
}

/** The sources' bytes without their duplicate blocks (keep: false), in source order. */
export function strip(scanned: { readonly sources: readonly Source[]; readonly result: ScanResult }): Uint8Array[] {
  return stripSources(scanned.sources, scanned.result);
}

/**
 * The byte ranges each source loses to stripping, in source order (sorted,
 * merged): with eachKeptPiece (or applyRemovals), its output.
 */
export function stripRanges(scanned: { readonly sources: readonly Source[]; readonly result: ScanResult }): ByteRange[][] {
  return stripRangesOf(scanned.sources, scanned.result);
}

const decoder = new TextDecoder();

/**
 * Texts in, texts out: each input without the blocks that duplicate an earlier
 * block (in this or an earlier input). String inputs are returned as strings.
 */
export async function stripTexts(
  inputs: readonly TextInput[],
  options: Partial<ScanOptions> = {},
): Promise<(string | Uint8Array)[]> {
  const sources = toSources(inputs);
  const result = await scanSources(sources, options);
  return stripSources(sources, result).map((bytes, k) => (typeof inputs[k]?.content === 'string' ? decoder.decode(bytes) : bytes));
}

export { scanTexts };
