#!/usr/bin/env node
/**
 * The benchmark of issue 3: dedupe against awk and sort for exact line dedup, and against npm
 * MinHash packages for near-duplicate paragraphs, on the same inputs in one run.
 *
 *   npm run bench                       # build, then the issue's sizes: 500 MB lines + 50 MB paragraphs
 *   npm run bench -- --quick            # 100 MB + 5 MB, about a minute (CI)
 *   node bench/run.mjs [--quick] [--dir DIR] [--only line|near] [--runs N] [--json FILE]
 *                      [--strict] [--seed S] [--line-mb N] [--para-mb N]
 *
 * Corpora (bench/bench-corpora.mjs): deterministic, from real public text (Spam Assassin mail,
 * Moby Dick, State of the Union addresses), built in DIR (default: $TMPDIR/dedupe-bench) and
 * reused on later runs. The line corpus has no blank lines and about 45-50% repeated lines;
 * the paragraph corpus is bench/make-corpus.mjs's (planted exact / retypeset / light / moderate
 * copies, boilerplate and hard negatives, with a truth file).
 *
 * Line corpus, each command's stdout to a file:
 *   node bin/dedupe.js --unit line --exact --raw --strip FILE
 *   mawk '!seen[$0]++' FILE        gawk '!seen[$0]++' FILE (skipped when not installed)
 *   LC_ALL=C sort -u FILE          (order lost: a reference only)
 * and dedupe's output is compared byte for byte with mawk's (SHA-256; first difference shown).
 * Paragraph corpus:
 *   node bin/dedupe.js --format json FILE      (also with --jobs 1 and --jobs 2: same output?)
 *   node bench/bench-peer-minhash.mjs FILE     (npm `minhash`: Minhash + LshIndex)
 *   node bench/bench-peer-bloom-filters.mjs FILE (npm `bloom-filters`: MinHash, banding as datasketch)
 * each scored on the planted copies by bench/bench-score.mjs.
 * datasketch (Python) and onion (C) cannot be installed here: the issue's figures for this
 * machine class are printed as references, labelled as not measured in this run.
 *
 * Before any timing the corpora just written are flushed to disk (`sync`), so that their
 * writeback does not slow the first rows, and each input is read once into the page cache.
 * Before each benchmark's rows, one run of dedupe is made and discarded (a warm-up: the
 * native addon, the bundle and the code paths are then in the page cache for every row).
 * Every command runs alone (never two at once); wall time is measured around the process,
 * peak RSS by GNU time (/usr/bin/time -f '%e %M', Debian package `time`), else by polling
 * /proc. With --runs N each figure is the median of N runs. Ratios compare figures of the same
 * run. Exit status: 0 after the report even when a target is missed (it is a measurement),
 * 1 with --strict when a target is missed, 2 on bad usage or when the benchmark cannot run
 * (a tool that fails is reported in its row and fails its targets; the run goes on).
 * Line outputs (as large as the corpus) are deleted once compared; the paragraph outputs stay
 * in DIR/out. DEDUPE_BENCH_NO_GNU_TIME=1 forces the /proc fallback (to test it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { lineCorpus, paragraphCorpus } from './bench-corpora.mjs';
import { countLines, firstDifference, hasGnuTime, measure, median, sha256File, which } from './bench-measure.mjs';
import { clustersFromDedupeReport, clustersFromPeerOutput, scoreClusters } from './bench-score.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEDUPE = path.join(root, 'bin', 'dedupe.js');

/** The issue's figures for this machine class (not measured by this script). */
const REFERENCES = {
  datasketch: { tool: 'datasketch MinHash+LSH (Python)', mbps: 3.2, why: 'PyPI is not reachable here' },
  onion: { tool: 'onion (C)', mbps: 20.6, rssMB: 90, why: 'not packaged in Debian' },
  mawk: { tool: 'mawk', mbps: 121, rssMB: 386 },
  gawk: { tool: 'gawk', mbps: 160, rssMB: 592 },
};
const TARGET = { lineSpeed: 2, lineMemory: 0.5, nearMBps: 10 * REFERENCES.datasketch.mbps, nearOnion: 2 };

const USAGE = `usage: node bench/run.mjs [options]   (npm run bench -- [options] builds first)

  --quick          small corpora (100 MB lines, 5 MB paragraphs): the whole run in about a minute
  --dir DIR        work directory for corpora and outputs (default: ${path.join(os.tmpdir(), 'dedupe-bench')})
  --only line|near run only the line benchmark or only the near-duplicate one
  --runs N         repeat each measurement N times and report the median (default 1)
  --json FILE      also write the results as JSON
  --strict         exit 1 when a target is missed (default: exit 0 after the report)
  --seed S         corpus seed (default 1)
  --line-mb N      line corpus size in MB (default 500, --quick 100)
  --para-mb N      paragraph corpus size in MB (default 50, --quick 5)
  -h, --help       this help`;

function die(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/* ------------------------------------------------------------------ options */

let args;
try {
  args = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      dir: { type: 'string' },
      only: { type: 'string' },
      runs: { type: 'string', default: '1' },
      json: { type: 'string' },
      strict: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      'line-mb': { type: 'string' },
      'para-mb': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (e) {
  die(e.message);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const whole = (name, v, min) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) die(`--${name} must be a whole number >= ${min}, got ${v}`);
  return n;
};
const positive = (name, v) => {
  const n = Number(v);
  if (!(n > 0) || !Number.isFinite(n)) die(`--${name} must be a number > 0, got ${v}`);
  return n;
};
if (args.only !== undefined && args.only !== 'line' && args.only !== 'near') die(`--only must be line or near, got ${args.only}`);
const runs = whole('runs', args.runs, 1);
const seed = whole('seed', args.seed, 0);
const lineMB = args['line-mb'] !== undefined ? positive('line-mb', args['line-mb']) : args.quick ? 100 : 500;
const paraMB = args['para-mb'] !== undefined ? positive('para-mb', args['para-mb']) : args.quick ? 5 : 50;
const doLine = args.only !== 'near';
const doNear = args.only !== 'line';
const dir = path.resolve(args.dir ?? path.join(os.tmpdir(), 'dedupe-bench'));
const outDir = path.join(dir, 'out');
try {
  fs.mkdirSync(outDir, { recursive: true });
} catch (e) {
  die(`cannot create ${dir}: ${e.message}`);
}
if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.js'))) die('dist/ is missing: run npm run build first (npm run bench does)');

/* ------------------------------------------------------------------ helpers */

const fmtMBps = (x) => (x == null ? '-' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const fmtRate = (x) => (x == null ? '-' : x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(0));
const fmtMB = (x) => (x == null ? '-' : x >= 10 ? x.toFixed(0) : x.toFixed(1));
const fmtRatio = (x) => (x == null || !Number.isFinite(x) ? '-' : x >= 10 ? `${x.toFixed(0)}x` : `${x.toFixed(2)}x`);
const pct = (x) => `${(x * 100).toFixed(1)}%`;
const int = (n) => n.toLocaleString('en-US');

/** A plain-text table: text columns (by default the first and the last) left-aligned, figures right-aligned. */
function table(header, rows, leftColumns = [0, header.length - 1]) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i] ?? '').length)));
  const left = (i) => leftColumns.includes(i);
  const line = (r) =>
    r
      .map((c, i) => (left(i) ? String(c ?? '').padEnd(widths[i]) : String(c ?? '').padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function firstLine(cmd, argv) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  return ((r.stdout || '') + (r.stderr || '')).trim().split('\n')[0] || '?';
}

function warm(file) {
  // flush what was just written (a corpus built by this run), then read the file once so that
  // every tool starts with it in the page cache and no writeback runs under the timed rows
  spawnSync('sync', [], { stdio: 'ignore' });
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 22);
  while (fs.readSync(fd, buf, 0, buf.length, null) > 0);
  fs.closeSync(fd);
}

/** One run of dedupe whose figures are discarded (a warm-up before a benchmark's rows). */
async function warmUp(argv, out) {
  try {
    const r = await measure({ cmd: process.execPath, args: argv, stdoutFile: out, cwd: root });
    log(`warm-up (discarded): ${r.wall.toFixed(2)} s`);
  } catch (e) {
    log(`warm-up failed: ${e.message}`);
  }
  fs.rmSync(out, { force: true });
  fs.rmSync(`${out}.time`, { force: true });
}

/**
 * Measures one tool `runs` times. `ok(code)` says which exit statuses are success.
 * @returns {Promise<object>} a row: name, command, wall (median), rssMB (median), all runs, error
 */
async function run(name, cmd, argv, { env, out, ok = (c) => c === 0, bytes, blocks }) {
  const walls = [];
  const rsss = [];
  let error = null;
  let method = '';
  for (let i = 0; i < runs; i++) {
    let r;
    try {
      r = await measure({ cmd, args: argv, env, stdoutFile: out, cwd: root });
    } catch (e) {
      error = e.message;
      break;
    }
    method = r.method;
    if (r.signal || !ok(r.code)) {
      const tail = r.stderrTail.split('\n').filter(Boolean).slice(-2).join(' | ');
      error = `${r.signal ? `killed by ${r.signal}` : `exit ${r.code}`}${tail ? `: ${tail.slice(0, 300)}` : ''}`;
      break;
    }
    walls.push(r.wall);
    rsss.push(r.rssMB);
    log(`${name}: ${r.wall.toFixed(2)} s, ${r.rssMB.toFixed(0)} MB peak${runs > 1 ? ` (run ${i + 1}/${runs})` : ''}`);
  }
  if (error) log(`${name}: FAILED (${error})`);
  const wall = walls.length ? median(walls) : null;
  const rssMB = rsss.length ? median(rsss) : null;
  return {
    name,
    command: [env?.LC_ALL ? `LC_ALL=${env.LC_ALL}` : null, cmd === process.execPath ? 'node' : path.basename(cmd), ...argv.map((a) => (/[\s$!'*]/.test(a) ? `'${a}'` : a))]
      .filter(Boolean)
      .join(' ')
      .replaceAll(root + path.sep, ''),
    out,
    wall,
    rssMB,
    mbps: wall ? bytes / 1e6 / wall : null,
    blocksPerSec: wall ? blocks / wall : null,
    walls,
    rsss,
    method,
    error,
  };
}

/* ------------------------------------------------------------------ setup */

const mawk = which('mawk');
const gawk = which('gawk');
const sort = which('sort');
const machine = {
  node: process.version,
  cpu: os.cpus()[0]?.model ?? '?',
  cores: os.cpus().length,
  memoryGB: Math.round(os.totalmem() / 2 ** 30),
  rss: hasGnuTime() ? 'GNU time (%M)' : '/proc VmHWM polling (approximate; for exact peaks install GNU time: apt-get install time)',
};
const versions = {
  mawk: mawk ? firstLine(mawk, ['-W', 'version']) : null,
  gawk: gawk ? firstLine(gawk, ['--version']) : null,
  sort: sort ? firstLine(sort, ['--version']) : null,
  minhash: require('minhash/package.json').version,
  'bloom-filters': require('bloom-filters/package.json').version,
  dedupe: JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version,
};

const report = { machine, versions, options: { quick: args.quick, runs, seed, lineMB, paraMB, only: args.only ?? 'both', dir }, references: REFERENCES };
const say = (s = '') => console.log(s);

/* ------------------------------------------------------------------ corpora */

let lines = null;
let paras = null;
try {
  if (doLine) lines = lineCorpus(dir, lineMB, seed, log);
  if (doNear) paras = paragraphCorpus(dir, paraMB, seed, log);
} catch (e) {
  die(`cannot build the corpora: ${e.message}`);
}

/* ------------------------------------------------------------------ line benchmark */

let line = null;
if (doLine) {
  warm(lines.file);
  const input = { bytes: lines.bytes, blocks: lines.lines };
  const o = (n) => path.join(outDir, `lines-${n}.out`);
  const rows = [];
  const skipped = [];
  await warmUp([DEDUPE, '--unit', 'line', '--exact', '--raw', '--strip', lines.file], o('warm-up'));
  rows.push(await run('dedupe', process.execPath, [DEDUPE, '--unit', 'line', '--exact', '--raw', '--strip', lines.file], { ...input, out: o('dedupe'), ok: (c) => c === 0 || c === 1 }));
  if (mawk) rows.push(await run('mawk', mawk, ['!seen[$0]++', lines.file], { ...input, out: o('mawk') }));
  else skipped.push('mawk: not installed (Debian package mawk: apt-get install mawk)');
  if (gawk) rows.push(await run('gawk', gawk, ['!seen[$0]++', lines.file], { ...input, out: o('gawk') }));
  else skipped.push('gawk: not installed, skipped (Debian package gawk: apt-get install gawk)');
  if (sort) rows.push(await run('sort -u', sort, ['-u', lines.file], { ...input, out: o('sort'), env: { LC_ALL: 'C' } }));
  else skipped.push('sort: not installed (Debian package coreutils)');

  const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
  const ref = byName.mawk && !byName.mawk.error ? byName.mawk : null;
  const d = byName.dedupe;
  for (const r of rows) {
    if (r.error) continue;
    r.outLines = countLines(r.out);
    r.sha256 = sha256File(r.out);
  }
  let identical = null;
  if (ref && !d.error) {
    identical = d.sha256 === ref.sha256;
    d.identical = identical;
    if (!identical) d.difference = firstDifference(d.out, ref.out);
  }
  if (ref && byName.gawk && !byName.gawk.error) byName.gawk.identical = byName.gawk.sha256 === ref.sha256;
  const dupShare = ref ? 1 - ref.outLines / lines.lines : null;
  // the outputs are as large as the corpus: keep only their figures
  for (const r of rows) fs.rmSync(r.out, { force: true });
  line = { corpus: lines, dupShare, rows, skipped, identical };
}

/* ------------------------------------------------------------------ near-duplicate benchmark */

let near = null;
if (doNear) {
  warm(paras.file);
  const truth = JSON.parse(fs.readFileSync(paras.truthFile, 'utf8'));
  const input = { bytes: paras.bytes, blocks: paras.paragraphs };
  const o = (n) => path.join(outDir, `paragraphs-${n}.json`);
  const dedupeOk = (c) => c === 0 || c === 1;
  const rows = [];
  await warmUp([DEDUPE, '--format', 'json', paras.file], o('warm-up'));
  rows.push(await run('dedupe', process.execPath, [DEDUPE, '--format', 'json', paras.file], { ...input, out: o('dedupe'), ok: dedupeOk }));
  rows.push(await run('dedupe --jobs 1', process.execPath, [DEDUPE, '--format', 'json', '--jobs', '1', paras.file], { ...input, out: o('dedupe-jobs1'), ok: dedupeOk }));
  rows.push(await run('dedupe --jobs 2', process.execPath, [DEDUPE, '--format', 'json', '--jobs', '2', paras.file], { ...input, out: o('dedupe-jobs2'), ok: dedupeOk }));
  for (const peer of ['minhash', 'bloom-filters']) {
    rows.push(await run(peer, process.execPath, [path.join(root, 'bench', `bench-peer-${peer}.mjs`), paras.file], { ...input, out: o(peer) }));
  }
  for (const r of rows) {
    if (r.error) continue;
    try {
      const doc = JSON.parse(fs.readFileSync(r.out, 'utf8'));
      if (r.name.startsWith('dedupe')) {
        r.score = scoreClusters(clustersFromDedupeReport(doc), truth);
      } else {
        r.score = scoreClusters(clustersFromPeerOutput(doc), truth);
        r.settings = doc.settings;
        r.candidatePairs = doc.candidatePairs;
      }
      r.sha256 = sha256File(r.out);
    } catch (e) {
      r.error = `unreadable output: ${e.message}`;
    }
  }
  const [d, j1, j2] = rows;
  const jobsIdentical = !j1.error && !j2.error ? j1.sha256 === j2.sha256 : null;
  const jobsSameAsDefault = jobsIdentical && !d.error ? j1.sha256 === d.sha256 : null;
  near = { corpus: paras, rows, jobsIdentical, jobsSameAsDefault };
}

/* ------------------------------------------------------------------ report */

const vs = (d, r, key) => (d && r && d[key] != null && r[key] != null && !d.error && !r.error ? d[key] / r[key] : null);
/** A row's MB/s, blocks/s, wall seconds and peak RSS cells. */
const measureCells = (r) => [fmtMBps(r.mbps), fmtRate(r.blocksPerSec), r.wall == null ? '-' : r.wall.toFixed(2), fmtMB(r.rssMB)];
/** dedupe's speed and memory ratios to a peer's row (`other`), or '-' for dedupe's own rows. */
const ratioCells = (d, r, other) =>
  ['mbps', 'rssMB'].map((key) => (other && vs(d, r, key) != null ? `dedupe ${fmtRatio(vs(d, r, key))} ${r.name}` : '-'));

say(`dedupe benchmark (issue 3) — ${new Date().toISOString()}`);
say(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB; node ${machine.node}; peak RSS by ${machine.rss}`);
say(`runs per measurement: ${runs}${runs > 1 ? ' (medians)' : ''}; tools run one at a time; MB = 10^6 bytes; work dir ${dir}`);
if (args.quick) {
  say("quick mode: small corpora; the issue's sizes are 500 MB (lines) and 50 MB (paragraphs). On inputs this small node's");
  say('start-up (tens of milliseconds, 40-60 MB) weighs on dedupe against awk: judge the targets on a full run');
}

if (line) {
  const c = line.corpus;
  say('');
  say(
    `LINE corpus ${path.basename(c.file)}: ${(c.bytes / 1e6).toFixed(1)} MB, ${int(c.lines)} lines` +
      (line.dupShare != null ? `, ${pct(line.dupShare)} repeat an earlier line` : '') +
      ` (real mail, Moby Dick, SOTU lines; ${c.rounds} round${c.rounds > 1 ? 's' : ''}${c.rounds > 1 ? ', later rounds word-relabelled' : ''}; ${c.reused ? 'reused' : `built in ${(c.ms / 1000).toFixed(1)} s`})`,
  );
  const d = line.rows.find((r) => r.name === 'dedupe');
  const body = line.rows.map((r) => {
    let note;
    if (r.error) note = `FAILED: ${r.error}`;
    else if (r.name === 'dedupe') note = r.identical == null ? 'identical to mawk: n/a' : r.identical ? 'identical to mawk: yes' : `identical to mawk: NO (first difference at line ${int(r.difference.line)})`;
    else if (r.name === 'mawk') note = 'reference output';
    else if (r.name === 'gawk') note = r.identical == null ? '' : r.identical ? 'identical to mawk: yes' : 'identical to mawk: NO';
    else note = 'order lost (sorted)';
    const [speed, memory] = ratioCells(d, r, r.name !== 'dedupe');
    return [
      r.name,
      ...measureCells(r),
      r.error ? '-' : int(r.outLines),
      speed,
      memory,
      note,
    ];
  });
  say(table(['tool', 'MB/s', 'lines/s', 'wall s', 'peak RSS MB', 'lines out', 'speed ratio', 'memory ratio', 'output'], body));
  for (const r of line.rows) say(`  ${r.name}: ${r.command}`);
  for (const s of line.skipped) say(`  ${s}`);
  if (d && d.difference) {
    const clip = (s) => (s.length > 100 ? `${s.slice(0, 100)}…` : s);
    say(`  first difference from mawk's output, line ${int(d.difference.line)} (byte ${int(d.difference.offset)}):`);
    say(`    dedupe: ${JSON.stringify(clip(d.difference.a))} (${d.difference.a.length} chars)`);
    say(`    mawk:   ${JSON.stringify(clip(d.difference.b))} (${d.difference.b.length} chars)`);
    if (d.difference.a.length < 20 && d.outLines > line.rows.find((r) => r.name === 'mawk').outLines) {
      say("    (dedupe kept a line that mawk dropped as a repeat; it is shorter than dedupe's default --min-length of 20 characters)");
    }
  }
  const sortRow = line.rows.find((r) => r.name === 'sort -u');
  const mawkRow = line.rows.find((r) => r.name === 'mawk');
  if (sortRow && mawkRow && !sortRow.error && !mawkRow.error) {
    say(`  sort -u kept ${int(sortRow.outLines)} distinct lines, mawk ${int(mawkRow.outLines)}${sortRow.outLines === mawkRow.outLines ? ' (same count)' : ' (COUNTS DIFFER)'}`);
  }
  say(`  issue's figures for this machine class (NOT from this run, 500 MB corpus): mawk ${REFERENCES.mawk.mbps} MB/s ${REFERENCES.mawk.rssMB} MB; gawk ${REFERENCES.gawk.mbps} MB/s ${REFERENCES.gawk.rssMB} MB`);
}

if (near) {
  const c = near.corpus;
  say('');
  say(
    `PARAGRAPH corpus ${path.basename(c.file)}: ${(c.bytes / 1e6).toFixed(1)} MB, ${int(c.paragraphs)} paragraphs; planted ` +
      Object.entries(c.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') +
      ` (bench/make-corpus.mjs; ${c.reused ? 'reused' : `built in ${(c.ms / 1000).toFixed(1)} s`})`,
  );
  const d = near.rows[0];
  const lightOf = (r) => (r.score ? `${pct(r.score.categories.light.recall)} (${r.score.categories.light.found}/${r.score.categories.light.planted})` : '-');
  const body = near.rows.map((r) => {
    return [
      r.name,
      ...measureCells(r),
      ...ratioCells(d, r, !r.name.startsWith('dedupe')),
      r.error ? `FAILED: ${r.error}` : lightOf(r),
    ];
  });
  const ds = REFERENCES.datasketch;
  const on = REFERENCES.onion;
  body.push([`${ds.tool} *`, fmtMBps(ds.mbps), '-', '-', '-', d.mbps ? `dedupe ${fmtRatio(d.mbps / ds.mbps)} datasketch` : '-', '-', 'not measured here']);
  body.push([`${on.tool} *`, fmtMBps(on.mbps), '-', '-', fmtMB(on.rssMB), d.mbps ? `dedupe ${fmtRatio(d.mbps / on.mbps)} onion` : '-', d.rssMB ? `dedupe ${fmtRatio(d.rssMB / on.rssMB)} onion` : '-', 'not measured here']);
  say(table(['tool', 'MB/s', 'paragraphs/s', 'wall s', 'peak RSS MB', 'speed ratio', 'memory ratio', 'light edits found'], body));
  say(`  * not measured in this run (${ds.tool}: ${ds.why}; ${on.tool}: ${on.why}): the issue's figures for this machine class, for reference only`);
  for (const r of near.rows) say(`  ${r.name}: ${r.command}`);
  for (const r of near.rows) if (r.settings) say(`  ${r.name} settings: ${r.settings}`);
  say('  dedupe settings: its defaults (per the README: --threshold 0.7 word-LCS ratio, 128-value MinHash of word bigrams, LSH 42 bands x 3 rows)');
  say(
    `  --jobs 1 and --jobs 2 outputs byte-identical: ${near.jobsIdentical == null ? 'n/a' : near.jobsIdentical ? 'yes' : 'NO'}` +
      (near.jobsSameAsDefault == null ? '' : `; same as the default --jobs: ${near.jobsSameAsDefault ? 'yes' : 'NO'}`),
  );
  say('');
  say('recall on planted copies (original and copy in one cluster), hard-negative false positives, precision of flagged copies:');
  const cat = (r, k) => (r.score ? `${pct(r.score.categories[k].recall)}` : '-');
  say(
    table(
      ['tool', 'exact', 'retypeset', 'light', 'moderate', 'boilerplate', 'hard neg. FP', 'precision', 'clusters'],
      near.rows
        .filter((r) => r.name !== 'dedupe --jobs 1' && r.name !== 'dedupe --jobs 2')
        .map((r) => [
          r.name,
          cat(r, 'exact'),
          cat(r, 'retypeset'),
          cat(r, 'light'),
          cat(r, 'moderate'),
          cat(r, 'boilerplate'),
          r.score ? `${r.score.hardNegative.falsePositives}/${r.score.hardNegative.planted}` : '-',
          r.score ? `${pct(r.score.precision.precision)} of ${int(r.score.precision.flagged)}` : '-',
          r.score ? int(r.score.clusters) : '-',
        ]),
    ),
  );
}

/* ------------------------------------------------------------------ targets */

const targets = [];
const target = (name, measured, pass) => targets.push({ name, measured, result: pass === null ? 'n/a' : pass ? 'PASS' : 'FAIL' });
if (line) {
  const d = line.rows.find((r) => r.name === 'dedupe');
  const m = line.rows.find((r) => r.name === 'mawk');
  const both = d && m && !d.error && !m.error;
  const why = !m ? 'mawk not installed' : m.error ? 'mawk failed' : 'dedupe failed';
  target(
    `line: dedupe throughput >= ${TARGET.lineSpeed}x mawk`,
    both ? `dedupe ${fmtRatio(d.mbps / m.mbps)} mawk (${fmtMBps(d.mbps)} vs ${fmtMBps(m.mbps)} MB/s)` : why,
    both ? d.mbps >= TARGET.lineSpeed * m.mbps : m && !m.error ? false : null,
  );
  target(
    `line: dedupe peak RSS <= ${TARGET.lineMemory}x mawk`,
    both ? `dedupe ${fmtRatio(d.rssMB / m.rssMB)} mawk (${fmtMB(d.rssMB)} vs ${fmtMB(m.rssMB)} MB)` : why,
    both ? d.rssMB <= TARGET.lineMemory * m.rssMB : m && !m.error ? false : null,
  );
  target(
    'line: dedupe output byte-identical to mawk',
    both ? (line.identical ? 'identical' : `differs from line ${int(d.difference.line)}`) : why,
    both ? line.identical : m && !m.error ? false : null,
  );
}
if (near) {
  const d = near.rows[0];
  target(
    `near: dedupe >= ${TARGET.nearMBps} MB/s (10x datasketch's ${REFERENCES.datasketch.mbps} MB/s, issue figure)`,
    d.error ? 'dedupe failed' : `${fmtMBps(d.mbps)} MB/s (${fmtRatio(d.mbps / REFERENCES.datasketch.mbps)} datasketch)`,
    d.error ? false : d.mbps >= TARGET.nearMBps,
  );
  target(
    `near: dedupe >= ${fmtMBps(TARGET.nearOnion * REFERENCES.onion.mbps)} MB/s (${TARGET.nearOnion}x onion's ${REFERENCES.onion.mbps} MB/s, issue figure)`,
    d.error ? 'dedupe failed' : `${fmtMBps(d.mbps)} MB/s (${fmtRatio(d.mbps / REFERENCES.onion.mbps)} onion)`,
    d.error ? false : d.mbps >= TARGET.nearOnion * REFERENCES.onion.mbps,
  );
  for (const p of near.rows.filter((r) => !r.name.startsWith('dedupe'))) {
    const dl = d.score?.categories.light;
    const pl = p.score?.categories.light;
    if (!dl || !pl) {
      target(`near: more light edits found than ${p.name}`, d.error ? 'dedupe failed' : `${p.name} failed`, d.error ? false : null);
      continue;
    }
    // all found is the most anyone can find: a tie at 100% counts as a pass, and says so
    const allFound = dl.found === dl.planted;
    const pass = dl.found > pl.found || allFound;
    const tie = dl.found === pl.found;
    target(
      `near: more light edits found than ${p.name}`,
      `${dl.found}/${dl.planted} vs ${pl.found}/${pl.planted}${tie ? (allFound ? ' (tie: both found all)' : ' (tie)') : ''}`,
      pass,
    );
  }
  target(
    'near: --jobs 1 and --jobs 2 outputs byte-identical',
    near.jobsIdentical == null ? 'a run failed' : near.jobsIdentical ? 'identical' : 'differ',
    near.jobsIdentical === null ? false : near.jobsIdentical,
  );
}
say('');
say(`targets (issue 3)${args.quick ? ' — measured on the quick corpora' : ''}:`);
say(table(['target', 'measured', 'result'], targets.map((t) => [t.name, t.measured, t.result]), [0, 1, 2]));
const failed = targets.filter((t) => t.result === 'FAIL').length;
say(failed ? `${failed} of ${targets.length} targets missed` : `all ${targets.filter((t) => t.result === 'PASS').length} targets met`);

if (args.json) {
  const strip = (rows) => rows.map(({ out, ...r }) => r);
  const json = {
    ...report,
    line: line && { ...line, rows: strip(line.rows) },
    near: near && { ...near, rows: strip(near.rows) },
    targets,
  };
  try {
    fs.writeFileSync(args.json, JSON.stringify(json, null, 2) + '\n');
  } catch (e) {
    die(`cannot write ${args.json}: ${e.message}`);
  }
}
process.exit(failed && args.strict ? 1 : 0);
