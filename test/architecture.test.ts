/**
 * Architecture checks: the library never prints or touches the process (only
 * src/cli does), chalk is used only by the pretty reporter, commander only by the
 * CLI, and no module imports the CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

const files = sourceFiles(SRC).map((abs) => ({ rel: path.relative(SRC, abs).split(path.sep).join('/'), text: fs.readFileSync(abs, 'utf8') }));

function offenders(pattern: RegExp, allowed: (rel: string) => boolean, code = false): string[] {
  return files.filter((f) => !allowed(f.rel) && pattern.test(code ? withoutStrings(f.text) : f.text)).map((f) => f.rel);
}

/** The text with the contents of string and template literals blanked (help texts may say "any"). */
function withoutStrings(text: string): string {
  return text.replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, '""');
}

describe('architecture', () => {
  it('finds the sources', () => {
    expect(files.map((f) => f.rel)).toContain('pipeline.ts');
  });
  it('only the CLI prints or touches process streams and exit codes', () => {
    expect(offenders(/\bconsole\.|process\.(?:exit|exitCode|stdout|stderr|stdin|argv)\b/, (rel) => rel.startsWith('cli/'))).toEqual([]);
  });
  it('chalk only in the pretty reporter', () => {
    expect(offenders(/from 'chalk'/, (rel) => rel === 'report/pretty.ts')).toEqual([]);
  });
  it('commander only in the CLI', () => {
    expect(offenders(/from 'commander'/, (rel) => rel.startsWith('cli/'))).toEqual([]);
  });
  it('nothing outside the CLI imports it', () => {
    expect(offenders(/from '(?:\.\.?\/)+cli\//, (rel) => rel.startsWith('cli/'))).toEqual([]);
  });
  it('no explicit any in the sources', () => {
    expect(offenders(/:\s*any\b|as any\b|<any>/, () => false, true)).toEqual([]);
  });
});
