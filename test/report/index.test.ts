import { describe, expect, it } from 'vitest';
import { getReporter, REPORT_FORMATS, type ReportFormat } from '../../src/report/index.js';
import { jsonReporter } from '../../src/report/json.js';
import { githubReporter } from '../../src/report/github.js';
import { sarifReporter } from '../../src/report/sarif.js';
import { htmlReporter } from '../../src/report/html.js';
import { jsonlReporter } from '../../src/report/jsonl.js';
import { prettyReporter } from '../../src/report/pretty.js';

describe('reporter registry', () => {
  it('lists the formats, pretty first', () => {
    expect(REPORT_FORMATS).toEqual(['pretty', 'json', 'jsonl', 'sarif', 'github', 'html']);
    expect(Object.isFrozen(REPORT_FORMATS)).toBe(true);
  });

  it('maps each format to its reporter', () => {
    expect(getReporter('pretty')).toBe(prettyReporter);
    expect(getReporter('json')).toBe(jsonReporter);
    expect(getReporter('jsonl')).toBe(jsonlReporter);
    expect(getReporter('sarif')).toBe(sarifReporter);
    expect(getReporter('github')).toBe(githubReporter);
    expect(getReporter('html')).toBe(htmlReporter);
  });

  it.each(['xml', 'toString', 'constructor', '__proto__', ''])('rejects unknown format %j naming the valid ones', (name) => {
    expect(() => getReporter(name as ReportFormat)).toThrow(/unknown report format .*; use one of pretty, json, jsonl/);
  });
});
