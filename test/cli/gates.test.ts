/**
 * Exit-status gates: every combination of --fail-on, --max-duplicates, --no-fail
 * and --check that the README's table documents, on an input with exactly two
 * exact duplicate blocks and one near-duplicate block, and on empty input.
 */
import { describe, expect, it } from 'vitest';
import { countedDuplicates, DEFAULT_GATE, gateFails } from '../../src/cli/gates.js';
import { scanTexts } from '../../src/index.js';
import { dedupe, tempTree } from './run.js';

const A = 'The harbour ferry will stop running on Sundays from March, the operator said on Friday afternoon.';
const B = 'Volunteers planted four hundred trees along the river path over the long weekend, the council said.';
const B2 = 'Volunteers planted four hundred trees along the river path over the long holiday weekend, the council said.';
// A three times (2 exact duplicate blocks), B and a near copy (1 near duplicate block).
const DOC = `${A}\n\n${B}\n\n${A}\n\n${B2}\n\n${A}\n`;

describe('gates (unit)', () => {
  it('counts duplicate blocks by cluster kind', async () => {
    const r = await scanTexts([{ path: 'd.txt', content: DOC }]);
    expect(r.clusters.map((c) => c.kind)).toEqual(['exact', 'near']);
    expect(countedDuplicates(r, 'any')).toBe(3);
    expect(countedDuplicates(r, 'exact')).toBe(2);
    expect(countedDuplicates(r, 'near')).toBe(1);
    expect(gateFails(r, DEFAULT_GATE)).toBe(true);
    expect(gateFails(r, { ...DEFAULT_GATE, maxDuplicates: 3 })).toBe(false);
    expect(gateFails(r, { ...DEFAULT_GATE, fail: false })).toBe(false);
  });
});

// [flags, exit status on DOC, exit status on empty input]
const TABLE: [string[], number, number][] = [
  [[], 1, 0],
  [['--fail-on', 'any'], 1, 0],
  [['--fail-on', 'exact'], 1, 0],
  [['--fail-on', 'near'], 1, 0],
  [['--max-duplicates', '0'], 1, 0],
  [['--max-duplicates', '2'], 1, 0],
  [['--max-duplicates', '3'], 0, 0],
  [['--fail-on', 'exact', '--max-duplicates', '1'], 1, 0],
  [['--fail-on', 'exact', '--max-duplicates', '2'], 0, 0],
  [['--fail-on', 'near', '--max-duplicates', '1'], 0, 0],
  [['--no-fail'], 0, 0],
  [['--no-fail', '--fail-on', 'exact'], 0, 0],
  [['--strip'], 0, 0],
  [['--strip', '--check'], 1, 0],
  [['--strip', '--check', '--max-duplicates', '3'], 0, 0],
  [['--strip', '--check', '--fail-on', 'near'], 1, 0],
  [['--strip', '--check', '--no-fail'], 0, 0],
];

describe('gates (CLI): every documented combination', () => {
  for (const [flags, onDoc, onEmpty] of TABLE) {
    it(`${flags.join(' ') || '(no flags)'} -> ${onDoc} with duplicates, ${onEmpty} on empty input`, async () => {
      const dir = await tempTree({ 'd.txt': DOC, 'empty.txt': '' });
      const format = flags.includes('--strip') ? [] : ['--format', 'json'];
      expect(dedupe([...flags, ...format, 'd.txt'], { cwd: dir }).status).toBe(onDoc);
      expect(dedupe([...flags, ...format, 'empty.txt'], { cwd: dir }).status).toBe(onEmpty);
    });
  }

  it('an unreadable input exits 2 whatever the gates say', async () => {
    const dir = await tempTree({ 'd.txt': DOC });
    for (const flags of [[], ['--no-fail'], ['--max-duplicates', '99']]) {
      expect(dedupe([...flags, '--format', 'json', 'd.txt', 'missing.txt'], { cwd: dir }).status).toBe(2);
    }
  });

  it('bad gate values are usage errors', () => {
    expect(dedupe(['--fail-on', 'some', 'fixtures/article.txt']).stderr).toBe(
      "dedupe: option '--fail-on <kind>' argument 'some' is invalid. fail-on must be one of exact, near, any.\n",
    );
    expect(dedupe(['--max-duplicates', '-1', 'fixtures/article.txt']).status).toBe(2);
  });
});

describe('--explain', () => {
  it('adds the breakdown and a word diff under each near duplicate, readable without colour', async () => {
    const dir = await tempTree({ 'd.txt': DOC });
    const r = dedupe(['--explain', 'd.txt'], { cwd: dir });
    expect(r.stdout).toContain(
      // 16 and 17 words, 16 in common: 32/33; bigrams 14 of 17; 8 characters inserted in 107.
      '        words 97.0% · bigram Jaccard 82.4% · Levenshtein 92.5%\n' +
        '        … along the river path over the long {+holiday +}weekend, the council said.\n',
    );
    expect(r.stdout.match(/\{\+|\[-/g)).toHaveLength(1); // exact duplicates get no diff
  });
  it('colours deletions and insertions when colour is on', () => {
    const r = dedupe(['--explain', '--color', 'fixtures/article.txt', 'fixtures/article-v2.txt']);
    expect(r.stdout).toContain('\u001b[31m\u001b[9minitially\u001b[29m\u001b[39m\u001b[32m\u001b[4moriginally\u001b[24m\u001b[39m');
  });
  it('is refused with --strip', () => {
    expect(dedupe(['--explain', '--strip', 'fixtures/article.txt']).status).toBe(2);
  });
});
