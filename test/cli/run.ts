/**
 * Helpers for the end-to-end CLI tests: spawn the real, built binary
 * (`bin/dedupe.js`, which `npm test` builds first) with a clean environment,
 * and make throw-away directories.
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { treeMaker } from '../helpers/tree.js';

export const BIN = fileURLToPath(new URL('../../bin/dedupe.js', import.meta.url));
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Absolute path of a file under fixtures/. */
export function fixturePath(name: string): string {
  return path.join(ROOT, 'fixtures', name);
}

/** The exact bytes of a fixture. */
export function fixtureBytes(name: string): Promise<Buffer> {
  return readFile(fixturePath(name));
}

export interface RunOptions {
  /** Working directory; default the repository root (so paths display as `fixtures/...`). */
  readonly cwd?: string;
  /** Bytes or text piped to standard input. Without it stdin is an empty pipe (never a TTY). */
  readonly input?: string | Uint8Array;
  /** Environment overrides on top of the clean base; `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface RunResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutBytes: Buffer;
}

/** The base environment: the parent's, without colour forcing and with NO_COLOR=1. */
export function cleanEnv(overrides: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs `node bin/dedupe.js ...args` and waits for it. */
export function dedupe(args: readonly string[], options: RunOptions = {}): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: cleanEnv(options.env),
    input: options.input ?? '',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 30_000,
  });
  if (result.error) throw result.error;
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout.toString('utf8'),
    stderr: result.stderr.toString('utf8'),
    stdoutBytes: result.stdout,
  };
}

/** Runs a bash command line (for pipelines), with the same clean environment. */
export function bash(command: string, options: Omit<RunOptions, 'input'> = {}): RunResult {
  const result = spawnSync('bash', ['-c', command], {
    cwd: options.cwd ?? ROOT,
    env: cleanEnv(options.env),
    input: '',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 30_000,
  });
  if (result.error) throw result.error;
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout.toString('utf8'),
    stderr: result.stderr.toString('utf8'),
    stdoutBytes: result.stdout,
  };
}

/** A shell-quoted word. */
export function shq(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export type { Tree } from '../helpers/tree.js';

/** A fresh temp directory holding a tree; removed after the test file. */
export const tempTree = treeMaker('cli', 'file');

/** Line `n` (1-based) of `bytes`, without its line terminator (LF or CRLF), and where it starts. */
export function lineOf(bytes: Buffer, n: number): { readonly start: number; readonly end: number; readonly bytes: Buffer } {
  let start = 0;
  for (let i = 1; i < n; i++) {
    const nl = bytes.indexOf(0x0a, start);
    if (nl < 0) throw new Error(`no line ${n}`);
    start = nl + 1;
  }
  let end = bytes.indexOf(0x0a, start);
  if (end < 0) end = bytes.length;
  if (end > start && bytes[end - 1] === 0x0d) end -= 1;
  return { start, end, bytes: bytes.subarray(start, end) };
}

/** Removes ANSI SGR sequences. */
export function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** True when the text holds an ANSI escape. */
export function hasAnsi(text: string): boolean {
  return text.includes('\x1b[');
}
