/**
 * `--format pretty`: the human report. Fully readable without colour (markers are
 * words, not only colours); colour, when ctx.color is set, only adds emphasis.
 * This is the only module that may import chalk.
 *
 * A member held by the persistent index (--index) reads
 * `keep  index: docs/a.txt:12 (first seen 2026-11-20)  100%  …` (the date in UTC).
 * A boilerplate cluster (--boilerplate N) keeps no copy: its header says in how
 * many documents the block was seen and how many copies are in this run, and
 * every copy of this run is marked `drop` (an indexed member there, `ref`).
 *
 * The text itself is built in ./pretty-core.ts; this module binds chalk and
 * --explain to it.
 */
import { Chalk } from 'chalk';
import type { Reporter } from './context.js';
import * as explain from './explain.js';
import { createPrettyReporter, PLAIN_STYLE, type PrettyStyle } from './pretty-core.js';

export { TEXT_NOT_STORED } from './pretty-core.js';

let colour: PrettyStyle | undefined;

/** The colours of the report (chalk, 16 colours). */
export function colourStyle(): PrettyStyle {
  if (colour === undefined) {
    const c = new Chalk({ level: 1 });
    colour = {
      bold: (t) => c.bold(t),
      green: (t) => c.green(t),
      red: (t) => c.red(t),
      dim: (t) => c.dim(t),
      marks: { removed: (t) => c.red.strikethrough(t), added: (t) => c.green.underline(t) },
    };
  }
  return colour;
}

export const prettyReporter: Reporter = createPrettyReporter(
  (color) => (color ? colourStyle() : PLAIN_STYLE),
  () => explain,
);
