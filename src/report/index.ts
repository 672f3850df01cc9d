/**
 * Reporters: one module per format, and this plain registry of format -> function.
 * Reporters return the whole output as a string; only the CLI writes it.
 */
import type { Reporter } from './context.js';
import { jsonReporter } from './json.js';
import { jsonlReporter } from './jsonl.js';
import { githubReporter } from './github.js';
import { htmlReporter } from './html.js';
import { prettyReporter } from './pretty.js';
import { sarifReporter } from './sarif.js';

export type { ReportContext, Reporter } from './context.js';
export { previewText } from './preview.js';

import { REPORT_FORMATS, type ReportFormat } from './formats.js';

export { REPORT_FORMATS } from './formats.js';
export type { ReportFormat } from './formats.js';

const REPORTERS: Readonly<Record<ReportFormat, Reporter>> = {
  pretty: prettyReporter,
  json: jsonReporter,
  jsonl: jsonlReporter,
  sarif: sarifReporter,
  github: githubReporter,
  html: htmlReporter,
};

/** The reporter for `format`; throws a RangeError naming the formats for an unknown one. */
export function getReporter(format: ReportFormat): Reporter {
  if (!Object.hasOwn(REPORTERS, format)) {
    throw new RangeError(`unknown report format ${JSON.stringify(format)}; use one of ${REPORT_FORMATS.join(', ')}`);
  }
  return REPORTERS[format];
}
