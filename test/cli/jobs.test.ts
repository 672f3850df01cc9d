/** --jobs through the CLI: the same report whatever the number of worker threads. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEvalCorpus } from '../../bench/corpus.mjs';
import { dedupe, tempTree } from './run.js';

describe('dedupe --jobs', () => {
  let file = '';
  beforeAll(async () => {
    // About 2.5 MB in one file: more than one batch of per-block work.
    const corpus = buildEvalCorpus({ seed: 9, docs: 180, paragraphsPerDoc: 15 });
    file = path.join(await tempTree(), 'corpus.txt');
    await writeFile(file, corpus.documents.map((d) => d.text).join('\n\n'));
  });

  it('--jobs 1, --jobs 2 and the default give byte-identical JSON and exit codes', () => {
    const one = dedupe(['--jobs', '1', '--format', 'json', file]);
    expect(one.status).toBe(1);
    expect(JSON.parse(one.stdout).clusters.length).toBeGreaterThan(100);
    for (const jobs of [['--jobs', '2'], ['--jobs', '3'], []]) {
      const other = dedupe([...jobs, '--format', 'json', file]);
      expect(other.status).toBe(1);
      expect(other.stdout).toBe(one.stdout);
    }
  });

  it('--jobs 0 is a usage error', () => {
    const r = dedupe(['--jobs', '0', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^dedupe: .*jobs must be a whole number >= 1/);
  });
});
