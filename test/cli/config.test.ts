/**
 * Config files through the CLI: found from the working directory upward, flags
 * override them, --config and --no-config, and bad configs are one-line errors.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dedupe, tempTree } from './run.js';

const P = 'The harbour ferry will stop running on Sundays from March, the operator said on Friday afternoon.';
const P2 = 'The harbour ferry will stop running on Sundays from April, the operator said on Friday afternoon.';
const DOC = `${P}\n\n${P2}\n`; // one near-duplicate pair, no exact one

describe('config file (CLI)', () => {
  it('is found from a nested working directory and applied', async () => {
    const dir = await tempTree({ '.dedupe.json': '{ "threshold": 1 }', 'a/b/d.txt': DOC });
    expect(dedupe(['--format', 'json', 'd.txt'], { cwd: `${dir}/a/b` }).status).toBe(0); // exact only: no cluster
    expect(dedupe(['--no-config', '--format', 'json', 'd.txt'], { cwd: `${dir}/a/b` }).status).toBe(1);
  });

  it('a flag on the command line wins over the config', async () => {
    const dir = await tempTree({ 'package.json': '{ "name": "x", "dedupe": { "threshold": 1, "format": "json" } }', 'd.txt': DOC });
    const r = dedupe(['--threshold', '0.7', 'd.txt'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ summary: { clusters: 1 } }); // format from the config
    expect(dedupe(['--format', 'jsonl', 'd.txt'], { cwd: dir }).stdout.startsWith('{"type":"summary"')).toBe(true);
  });

  it('gates and ignore globs come from the config; --ignore adds to them', async () => {
    const dir = await tempTree({
      'dedupe.config.json': '{ "fail": false, "ignore": ["drafts/"] }',
      'docs/d.txt': DOC,
      'docs/drafts/x.txt': DOC,
      'docs/old/y.txt': DOC,
    });
    const r = dedupe(['--format', 'json', '--ignore', 'old/', 'docs'], { cwd: dir });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => f.path)).toEqual(['docs/d.txt']);
  });

  it('--config FILE reads that file (a .mjs default export)', async () => {
    const dir = await tempTree({ 'conf/my.mjs': 'export default { threshold: 1 };\n', 'd.txt': DOC });
    expect(dedupe(['--config', 'conf/my.mjs', '--format', 'json', 'd.txt'], { cwd: dir }).status).toBe(0);
  });

  it('a bad config is a one-line error naming the file and the key, exit 2', async () => {
    const dir = await tempTree({ '.dedupe.json': '{ "treshold": 0.8 }', 'd.txt': DOC });
    const r = dedupe(['d.txt'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^dedupe: \.dedupe\.json: unknown key "treshold" \(allowed: [a-zA-Z, ]+\); did you mean "threshold"\?\n$/);
    fs.writeFileSync(`${dir}/.dedupe.json`, '{ "keep": "best" }');
    expect(dedupe(['d.txt'], { cwd: dir }).stderr).toBe(
      'dedupe: .dedupe.json: "keep" must be one of first, last, longest, got "best"\n',
    );
    const missing = dedupe(['--config', 'nope.json', 'd.txt'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('dedupe: nope.json: cannot read: no such file\n');
  });
});
