/**
 * The common command line, `dedupe FILE…` without any option, read without
 * commander: commander (about half of main.js) is loaded, and the program of
 * some thirty options built, only when there is an option to parse. An argument
 * is an operand here only if commander would take it for one whatever the
 * options (not starting with '-', or '-' alone); anything else goes to
 * commander. test/cli/operands.test.ts checks the result against commander's.
 */
import type { ParsedFlags } from './flags.js';

/** A parsed command line: the flags, the operands, and whether a flag was given on it (not defaulted). */
export interface CommandLine {
  readonly flags: ParsedFlags;
  readonly args: string[];
  readonly fromCli: (key: string) => boolean;
}

/** commander's values for a command line without options: the defaults of the --no-… flags. */
const NO_OPTIONS = { fail: true, gitignore: true } as const;

/** The command line when it holds operands only; undefined when commander must parse it. */
export function operandsOnly(argv: readonly string[]): CommandLine | undefined {
  for (const arg of argv) if (arg.length > 1 && arg.startsWith('-')) return undefined;
  // As commander leaves it: no `config` key (undefined: search for a config file).
  return { flags: { ...NO_OPTIONS } as ParsedFlags, args: [...argv], fromCli: () => false };
}
