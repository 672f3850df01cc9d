/**
 * The commander program, built from the flag table. Parsing only: no I/O here
 * beyond what commander writes through the output functions it is given.
 */
import { Command, CommanderError, Option } from 'commander';
import { EXIT } from './exit.js';
import { FLAGS, type ParsedFlags } from './flags.js';
import type { CommandLine } from './operands.js';

export { EXIT } from './exit.js';

const EPILOG = `
Exit status: 0 no duplicates (or nothing removed), 1 duplicates found (with
--strip/--write: only with --check, when something was removed), 2 bad usage or
an unreadable input (the other inputs are still processed).

Examples:
  dedupe article.txt                      which paragraphs repeat, and where
  dedupe docs/ --format json              a JSON report for a whole folder
  curl -s URL | dedupe --strip - > clean.txt
  dedupe --write --unit line notes/*.txt  remove repeated lines in place`;

export function buildProgram(version: string, out: { writeOut: (s: string) => void; writeErr: (s: string) => void }): Command {
  const program = new Command('dedupe')
    .description('Find repeated and near-duplicate paragraphs, lines or sentences in text, and report or remove them.')
    .argument('[paths...]', "files, directories or glob patterns; '-' (or no path with piped input) reads stdin")
    .version(version, '-V, --version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EPILOG)
    .configureOutput({ writeOut: out.writeOut, writeErr: out.writeErr, outputError: (s, write) => write(`dedupe: ${s.replace(/^error: /, '')}`) })
    .exitOverride()
    .allowExcessArguments(false);
  for (const f of FLAGS) {
    const opt = new Option(f.flags, f.help);
    if (f.parse) opt.argParser(f.parse);
    program.addOption(opt);
  }
  return program;
}

/**
 * Parses a command line with the program. A number is the exit status when
 * commander has dealt with it already (--help, --version, a usage error, written
 * through `out`).
 */
export function parseCommandLine(version: string, argv: readonly string[], out: { writeOut: (s: string) => void; writeErr: (s: string) => void }): CommandLine | number {
  const program = buildProgram(version, out);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.error;
    throw e;
  }
  return { flags: program.opts<ParsedFlags>(), args: program.args, fromCli: (key) => program.getOptionValueSource(key) === 'cli' };
}
