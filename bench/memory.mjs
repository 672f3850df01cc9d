#!/usr/bin/env node
/**
 * Issue 3's memory bound: a 2 GB input must complete in under 1.5 GB of RSS.
 *
 *   node bench/memory.mjs [--dir DIR] [--gb 2] [--limit-mb 1500] [--keep]
 *
 * Builds (or reuses, in DIR, default bench/out) two inputs of about `--gb` GB
 * from the 50 MB paragraph corpus of `npm run bench` (bench/make-corpus.mjs):
 * - copies: the corpus again and again (nearly every block an exact duplicate);
 * - distinct: copy k with every word of three or more letters relabelled
 *   through a word permutation of its own (k > 0), so that no two copies share
 *   a paragraph but each has the corpus's structure, lengths and planted near
 *   copies (most blocks distinct: the index holds them all).
 * Then runs the built CLI on each (the report as json, and --strip), under GNU
 * time, and prints wall time and peak RSS against the limit. Exits 1 when a run
 * goes over it or fails, 0 otherwise; 0 with a note when the disk has no room
 * for the inputs (about 2 x --gb GB) or GNU time is missing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { paragraphCorpus } from './bench-corpora.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: path.join(root, 'bench', 'out') },
    gb: { type: 'string', default: '2' },
    'limit-mb': { type: 'string', default: '1500' },
    keep: { type: 'boolean', default: false },
  },
});
const gb = Number(args.gb);
const limitMb = Number(args['limit-mb']);
if (!(gb > 0) || !(limitMb > 0)) {
  console.error('memory: --gb and --limit-mb must be positive numbers');
  process.exit(2);
}
const TIME = '/usr/bin/time';
if (!fs.existsSync(TIME)) {
  console.log('memory: GNU time (/usr/bin/time) is not installed; nothing measured');
  process.exit(0);
}
fs.mkdirSync(args.dir, { recursive: true });
const free = fs.statfsSync(args.dir);
const freeBytes = free.bavail * free.bsize;
if (freeBytes < 2.5 * gb * 1e9) {
  console.log(`memory: ${(freeBytes / 1e9).toFixed(1)} GB free in ${args.dir}, ${(2.5 * gb).toFixed(1)} GB needed; nothing measured`);
  process.exit(0);
}

const base = paragraphCorpus(args.dir, 50, 1, (m) => console.log(m));
const source = fs.readFileSync(base.file);
const copies = Math.max(1, Math.round((gb * 1e9) / source.length));

/** Writes `file` (unless it is there with the expected size) from the corpus, copy by copy. */
function build(file, relabel) {
  const expected = relabel ? undefined : source.length * copies;
  if (fs.existsSync(file) && fs.existsSync(`${file}.done`) && (expected === undefined || fs.statSync(file).size === expected)) return;
  console.log(`memory: writing ${path.basename(file)} (${copies} copies of the 50 MB corpus${relabel ? ', words relabelled' : ''})…`);
  const text = source.toString('utf8');
  const vocabulary = relabel ? [...new Set(text.match(/[a-z]{3,}/g))] : [];
  const index = new Map(vocabulary.map((w, i) => [w, i]));
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    for (let k = 0; k < copies; k++) {
      const copy =
        !relabel || k === 0
          ? source
          : Buffer.from(
              text.replace(/[a-z]{3,}/g, (w) => vocabulary[(Math.imul(((index.get(w) ?? 0) + 1) ^ Math.imul(k, 0x9e3779b9), 0x85ebca6b) >>> 0) % vocabulary.length]),
            );
      fs.writeSync(fd, copy);
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fs.writeFileSync(`${file}.done`, '');
}

const inputs = [
  { name: 'copies', file: path.join(args.dir, `memory-copies-${copies}.txt`), relabel: false },
  { name: 'distinct', file: path.join(args.dir, `memory-distinct-${copies}.txt`), relabel: true },
];
let over = false;
const rows = [];
for (const input of inputs) {
  build(input.file, input.relabel);
  const bytes = fs.statSync(input.file).size;
  for (const job of [
    { name: 'json report', args: ['--format', 'json'] },
    { name: '--strip', args: ['--strip'] },
  ]) {
    const run = spawnSync(TIME, ['-f', '%e %M', process.execPath, path.join(root, 'bin', 'dedupe.js'), ...job.args, input.file], {
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    const last = run.stderr.trim().split('\n').pop() ?? '';
    const [wall, kb] = last.split(' ').map(Number);
    // 0: nothing found, 1: duplicates found; anything else is a failure.
    const ok = run.status === 0 || run.status === 1;
    const rssMb = (kb ?? 0) / 1024;
    const within = ok && rssMb <= limitMb;
    over ||= !within;
    rows.push([input.name, (bytes / 1e9).toFixed(2) + ' GB', job.name, ok ? `${wall?.toFixed(1)} s` : `failed (exit ${run.status})`, `${rssMb.toFixed(0)} MB`, within ? 'within' : 'OVER']);
    if (!ok) console.log(run.stderr.trim().split('\n').slice(-3).join('\n'));
  }
  if (!args.keep) {
    fs.rmSync(input.file, { force: true });
    fs.rmSync(`${input.file}.done`, { force: true });
  }
}
console.log(`\npeak RSS against ${limitMb} MB (${new Date().toISOString()}):`);
console.log('| input | size | job | wall | peak RSS | bound |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
process.exit(over ? 1 : 0);
