/** The report formats (a module of its own, so naming them loads no reporter). */
export type ReportFormat = 'pretty' | 'json' | 'jsonl' | 'sarif' | 'github' | 'html';

/** Every format, in the order help text should list them. */
export const REPORT_FORMATS: readonly ReportFormat[] = Object.freeze(['pretty', 'json', 'jsonl', 'sarif', 'github', 'html']);
