/**
 * `--strip` for the awk job, streamed: `--unit line --exact --raw` (keep first,
 * every line counts) to standard output never holds the input, so a file of any
 * size strips in memory bounded by its distinct lines. The bytes are those the
 * general path gives (ExactLineStripper is tested against it); what it leaves
 * out is the report, which --strip does not print.
 */
import { statSync } from 'node:fs';
import { resolveScanOptions, type ScanOptions } from '../options.js';
import type { ProgressEvent } from '../pipeline.js';
import { type InputStep, planInputs, STDIN_PATH } from '../input/index.js';
import { fileChunks, sniff } from '../input/chunks.js';
import { reasonOf } from '../fs-errors.js';
import { ExactLineStripper } from '../strip/lines.js';
import type { ParsedFlags } from './flags.js';
import { countFails, DEFAULT_GATE, type Gate } from './gates.js';
import { EXIT } from './exit.js';

/** True when this --strip run can be streamed: one output (stdout), exact raw lines, keep first, every line a block. */
export function streamsLines(flags: ParsedFlags, options: Partial<ScanOptions>): boolean {
  if (flags.strip !== true || flags.outDir !== undefined || flags.write === true) return false;
  if (flags.index !== undefined || (flags.boilerplate ?? 0) > 0) return false;
  const o = resolveScanOptions(options);
  return o.unit === 'line' && o.raw && (o.exact || o.threshold >= 1) && o.keep === 'first' && o.minLength === 0;
}

export interface StreamIo {
  readonly stdin: AsyncIterable<Uint8Array | string>;
  readonly cwd: string;
  /** One line on stderr (the caller adds the program name). */
  readonly err: (line: string) => void;
  /** Writes bytes to stdout; resolves when they are written (or cannot be). */
  readonly write: (bytes: Uint8Array) => Promise<void>;
  /** True once stdout is gone (a closed pipe): reading stops. */
  readonly stopped: () => boolean;
  readonly quiet: boolean;
  /** Progress of a file input (by bytes read); standard input has no known size and reports none. */
  readonly onProgress?: (e: ProgressEvent) => void;
}

/** Thrown for usage errors found while planning (the caller prints it as one line, exit 2). */
export class StreamUsageError extends Error {}

/** Strips one input to stdout; returns the exit status. */
export async function stripLinesStreaming(paths: readonly string[], flags: ParsedFlags, io: StreamIo): Promise<number> {
  const steps = await planInputs(paths, {
    cwd: io.cwd,
    ignore: flags.ignore ?? [],
    gitignore: flags.gitignore,
    hidden: flags.hidden === true,
  });
  let failed = false;
  const inputs: Exclude<InputStep, { kind: 'problem' }>[] = [];
  for (const step of steps) {
    if (step.kind === 'problem') {
      failed = true;
      io.err(`${step.problem.path}: ${step.problem.message}`);
    } else inputs.push(step);
  }
  if (inputs.length > 1) {
    throw new StreamUsageError(`--strip writes one input to stdout, but ${inputs.length} files were given: add --out-dir DIR, or use --write`);
  }
  const input = inputs[0];
  let removed = 0;
  if (input !== undefined) {
    const display = input.kind === 'stdin' ? STDIN_PATH : input.display;
    try {
      const sniffed = await sniff(input.kind === 'stdin' ? bytesOf(io.stdin) : fileChunks(input.abs));
      const stripper = new ExactLineStripper();
      const total = input.kind === 'file' && io.onProgress ? statSync(input.abs).size : 0;
      const report = total > 0 ? io.onProgress : undefined;
      let bytesDone = 0;
      const chunks = untilStopped(sniffed.chunks, io.stopped, (n) => {
        bytesDone += n;
        report?.({ phase: 'stream', filesDone: 0, filesTotal: 1, bytesDone, bytesTotal: total, blocksDone: stripper.linesRead, blocksTotal: 0 });
      });
      if (sniffed.binary) {
        if (!io.quiet) io.err(`${display}: binary file, copied unchanged`);
        for await (const chunk of chunks) await io.write(chunk);
      } else {
        removed = (await stripper.strip(chunks, io.write)).removed;
      }
    } catch (e) {
      io.err(`${display}: ${reasonOf(e)}`);
      return EXIT.error;
    }
  }
  if (failed) return EXIT.error;
  const gate: Gate = {
    failOn: flags.failOn ?? DEFAULT_GATE.failOn,
    maxDuplicates: flags.maxDuplicates ?? DEFAULT_GATE.maxDuplicates,
    fail: flags.fail,
  };
  // Every removed line is an exact duplicate: --fail-on near counts none.
  return flags.check === true && countFails(gate.failOn === 'near' ? 0 : removed, gate) ? EXIT.found : EXIT.ok;
}

async function* bytesOf(stream: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

async function* untilStopped(chunks: AsyncIterable<Uint8Array>, stopped: () => boolean, read: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    if (stopped()) return;
    read(chunk.length);
    yield chunk;
  }
}
