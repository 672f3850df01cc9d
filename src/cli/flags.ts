/**
 * The one table that maps command-line flags to options: each row declares a
 * flag, its help text and how its value is parsed and checked. program.ts builds
 * the commander program from it; main.ts reads the parsed values through it.
 */
import { InvalidArgumentError } from 'commander';
import { DEFAULT_SCAN_OPTIONS, KEEP_POLICIES, UNITS } from '../options.js';
import { REPORT_FORMATS } from '../report/formats.js';
import { FAIL_ON, type FailOn } from './gates.js';

export interface FlagSpec {
  /** commander flag syntax, e.g. '--threshold <T>'. */
  readonly flags: string;
  readonly help: string;
  readonly parse?: (value: string, previous: unknown) => unknown;
}

function oneOf(name: string, allowed: readonly string[]) {
  return (value: string): string => {
    if (!allowed.includes(value)) throw new InvalidArgumentError(`${name} must be one of ${allowed.join(', ')}.`);
    return value;
  };
}

function wholeNumber(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`${name} must be a whole number >= ${min}.`);
    }
    return n;
  };
}

function fraction(value: string): number {
  const n = Number(value);
  if (!/^\s*(?:\d+(?:\.\d*)?|\.\d+)\s*$/.test(value) || n < 0 || n > 1) {
    throw new InvalidArgumentError('threshold must be a number from 0 to 1 (1 = exact duplicates only).');
  }
  return n;
}

function collect(value: string, previous: unknown): string[] {
  return [...(Array.isArray(previous) ? (previous as string[]) : []), value];
}

export const FLAGS: readonly FlagSpec[] = [
  {
    flags: '-u, --unit <unit>',
    help: `block unit: ${UNITS.join('|')}; auto = blank-line paragraphs, or one block per line where lines are whole paragraphs`,
    parse: oneOf('unit', UNITS),
  },
  {
    flags: '-t, --threshold <T>',
    help: `near-duplicate similarity 0..1 (word-level); 1 = exact only (default: ${DEFAULT_SCAN_OPTIONS.threshold})`,
    parse: fraction,
  },
  { flags: '--exact', help: 'exact (normalized) duplicates only' },
  { flags: '--raw', help: "compare blocks byte for byte, without normalization; with --unit line, whole lines as awk '!seen[$0]++' sees them" },
  {
    flags: '--min-length <N>',
    help: `ignore blocks shorter than N characters (default: ${DEFAULT_SCAN_OPTIONS.minLength}, or 0 with --raw)`,
    parse: wholeNumber('min-length', 0),
  },
  {
    flags: '--min-words <N>',
    help: `blocks with fewer words are matched only exactly, never as near-duplicates (default: ${DEFAULT_SCAN_OPTIONS.minWords})`,
    parse: wholeNumber('min-words', 1),
  },
  {
    flags: '-k, --keep <policy>',
    help: `which copy of a cluster is kept: ${KEEP_POLICIES.join('|')} (default: first)`,
    parse: oneOf('keep', KEEP_POLICIES),
  },
  {
    flags: '-j, --jobs <N>',
    help: 'worker threads for normalizing and fingerprinting blocks; the result is the same for any N (default: the number of cores)',
    parse: wholeNumber('jobs', 1),
  },
  {
    flags: '-f, --format <format>',
    help: `report format: ${REPORT_FORMATS.join('|')} (default: pretty)`,
    parse: oneOf('format', REPORT_FORMATS),
  },
  {
    flags: '--index <spec>',
    help: 'persistent index: an SQLite file, or redis://[user:pass@]host:port[/db]?prefix=NAME; also finds blocks seen in earlier runs and remembers this run\'s',
  },
  { flags: '--index-store-text', help: 'keep the blocks\' text in the index (by default only fingerprints)' },
  {
    flags: '--boilerplate <N>',
    help: 'blocks seen in N or more documents (this run and the index) are boilerplate: reported, and stripped from every document, the first included',
    parse: wholeNumber('boilerplate', 2),
  },
  { flags: '--explain', help: 'pretty report: for each near-duplicate, a word diff against the kept copy and the similarity broken down' },
  {
    flags: '--fail-on <kind>',
    help: `which duplicates fail the run (exit 1): ${FAIL_ON.join('|')} (default: any)`,
    parse: oneOf('fail-on', FAIL_ON),
  },
  {
    flags: '--max-duplicates <N>',
    help: 'exit 1 only when more than N duplicate blocks are found (default: 0)',
    parse: wholeNumber('max-duplicates', 0),
  },
  { flags: '--no-fail', help: 'report only: exit 0 even when duplicates are found (errors still exit 2)' },
  { flags: '-s, --strip', help: 'write the input without its duplicate blocks to stdout' },
  { flags: '-o, --out-dir <dir>', help: 'with several inputs: write each stripped file under DIR (implies --strip)' },
  { flags: '-w, --write', help: 'rewrite each file in place without its duplicate blocks (atomic)' },
  { flags: '--check', help: 'with --strip/--write: exit 1 when something was removed (the gates above apply)' },
  {
    flags: '--ignore <glob>',
    help: 'skip files matching a gitignore-style glob (repeatable)',
    parse: collect,
  },
  { flags: '--no-gitignore', help: 'do not honour .gitignore files' },
  { flags: '--hidden', help: "also read hidden files and folders (names starting with '.') inside directories" },
  { flags: '-c, --config <file>', help: 'read options from this file instead of searching for .dedupe.json, dedupe.config.{json,mjs,js} or a "dedupe" key in package.json' },
  { flags: '--no-config', help: 'do not read a config file' },
  { flags: '-q, --quiet', help: 'no progress bar and no warnings on stderr (errors are still shown)' },
  { flags: '--color', help: 'force colour in the pretty report (also FORCE_COLOR)' },
  { flags: '--completion <shell>', help: 'print a completion script for bash|zsh and exit' },
  { flags: '--no-color', help: 'no colour (also NO_COLOR)' },
];

/** The parsed values, as commander stores them (camelCase of the long flag). */
export interface ParsedFlags {
  unit?: (typeof UNITS)[number];
  threshold?: number;
  exact?: boolean;
  raw?: boolean;
  minLength?: number;
  minWords?: number;
  keep?: (typeof KEEP_POLICIES)[number];
  jobs?: number;
  format?: (typeof REPORT_FORMATS)[number];
  explain?: boolean;
  index?: string;
  indexStoreText?: boolean;
  boilerplate?: number;
  failOn?: FailOn;
  maxDuplicates?: number;
  fail: boolean;
  strip?: boolean;
  outDir?: string;
  write?: boolean;
  check?: boolean;
  ignore?: string[];
  gitignore: boolean;
  hidden?: boolean;
  quiet?: boolean;
  color?: boolean;
  completion?: string;
  /** A path (--config), false (--no-config) or true (search; the default). */
  config: string | boolean;
}
