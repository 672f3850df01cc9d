#!/usr/bin/env node
/**
 * Acceptance check on the two real scraped seed articles (../shared/seeds, data
 * that lives beside the repository, not in it). Runs the built CLI the way a user
 * would and checks what issue 2 asks for. Exits 0 when every check holds, 1 when
 * one fails, and 0 with a note when the seeds are not there.
 *
 *   npm run build && node scripts/check-seeds.mjs [SEEDS_DIR]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seeds = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared', 'seeds'));
const A = path.join(seeds, '000_d33bca6689e979f3.txt');
const B = path.join(seeds, '002_dd3951aebbea523f.txt');
if (!fs.existsSync(A) || !fs.existsSync(B)) {
  console.log(`check-seeds: no seed articles at ${seeds}; skipped`);
  process.exit(0);
}
const bin = path.join(root, 'bin', 'dedupe.js');
const run = (args, input) => {
  const r = spawnSync(process.execPath, [bin, ...args], { input, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 26 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
};
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};

const bytesA = fs.readFileSync(A);
const textA = bytesA.toString('utf8');
const paras = textA.split('\n\n');
const P1 = paras.find((p) => p.startsWith('U.S. and Iranian officials held'));
const P2 = paras.find((p) => p.startsWith('The meeting was initially planned'));

// 1. The first article alone: exactly the two doubled paragraphs, each with its first copy.
const r1 = run(['--format', 'json', A]);
const rep1 = JSON.parse(r1.stdout.toString());
check(r1.status === 1, `000 alone exits 1 (got ${r1.status})`);
check(rep1.clusters.length === 2 && rep1.clusters.every((c) => c.kind === 'exact' && c.blocks.length === 2), '000 alone: two exact clusters of two');
const slice = (b) => bytesA.subarray(b.startOffset, b.endOffset).toString('utf8');
const c1 = rep1.clusters.map((c) => c.blocks.map(slice));
check(c1[0]?.every((t) => t === P1) && c1[1]?.every((t) => t === P2), '000 alone: the clusters are the two doubled paragraphs');
check(rep1.clusters.every((c) => c.blocks[0].keep && !c.blocks[1].keep), '000 alone: the first copy is kept');

// 2. --strip: the input minus the two second copies and their separating blank lines.
const second = textA.indexOf(P1, textA.indexOf(P1) + 1);
const expected = Buffer.from(textA.slice(0, second) + textA.slice(second + P1.length + 2 + P2.length + 2), 'utf8');
const s1 = run(['--strip', A]);
check(s1.status === 0 && Buffer.compare(s1.stdout, expected) === 0, '--strip 000 prints the input minus the two doubled paragraphs, byte for byte');
const s2 = run(['--strip', '-'], bytesA);
check(s2.status === 0 && Buffer.compare(s2.stdout, s1.stdout) === 0, "cat 000 | dedupe --strip - gives the same bytes");

// 3. Both articles: six clusters pairing each paragraph with its twin; first article's copies kept.
const r3 = run(['--format', 'json', A, B]);
const rep3 = JSON.parse(r3.stdout.toString());
const bytesB = fs.readFileSync(B);
const linesB = bytesB.toString('utf8').split('\n');
check(r3.status === 1, `000 002 exits 1 (got ${r3.status})`);
check(rep3.clusters.length === 6, `000 002: six clusters (got ${rep3.clusters.length})`);
check(
  rep3.clusters.every((c) => c.blocks.some((b) => b.path.endsWith('000_d33bca6689e979f3.txt')) && c.blocks.some((b) => b.path.endsWith('002_dd3951aebbea523f.txt'))),
  '000 002: every cluster pairs the first article with the second',
);
check(
  rep3.clusters.every((c) => c.blocks.find((b) => b.keep)?.path.endsWith('000_d33bca6689e979f3.txt')),
  "000 002: the first article's copies are kept",
);
const inCluster = (prefix) => rep3.clusters.some((c) => c.blocks.some((b) => b.path.endsWith('002_dd3951aebbea523f.txt') && linesB[b.startLine - 1]?.startsWith(prefix)));
check(inCluster('The talks were originally planned'), "'originally planned' is paired with 'initially planned'");
check(inCluster('U.S. and Iranian officials held') && linesB.some((l) => l.includes('12\u2011day')), "the U+2011 '12‑day' paragraph is paired");
const summaryLines = linesB.slice(0, 4);
check(!summaryLines.some((l) => inCluster(l.slice(0, 40))), "the second article's rewritten summary paragraphs are not pulled in");
check(!inCluster('By Alexandra Sharp') && !inCluster('Alexandra Sharp is'), 'the short byline and bio lines are not pulled in');
const footer = ['Source link', 'RELATED ARTICLES', 'LEAVE A REPLY', 'Comments', 'Want to join', 'Loading comments'];
check(!rep3.clusters.some((c) => c.blocks.some((b) => footer.some((f) => b.preview.startsWith(f)))), 'no footer line is pulled in');

// 4. SARIF of the two articles validates against the official 2.1.0 schema (copy in test/fixtures/schemas).
const AjvModule = (await import('ajv-draft-04')).default;
const Ajv = AjvModule.default ?? AjvModule;
const ajv = new Ajv({ strict: false, validateFormats: false });
const schema = JSON.parse(fs.readFileSync(path.join(root, 'test', 'fixtures', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
const validate = ajv.compile(schema);
const sarif = JSON.parse(run(['--format', 'sarif', A, B]).stdout.toString());
const valid = validate(sarif);
check(valid === true, `SARIF of 000 002 validates against the SARIF 2.1.0 schema${valid ? '' : `: ${ajv.errorsText(validate.errors)}`}`);
check(sarif.runs[0].results.length === rep3.summary.duplicateBlocks, `SARIF has one result per duplicate block (${rep3.summary.duplicateBlocks})`);

console.log(failures === 0 ? 'check-seeds: all checks hold' : `check-seeds: ${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
