#!/usr/bin/env node
/**
 * Index throughput: dedupe --index over a generated corpus, with 1 worker over all
 * of it and with N workers over shards at the same time, against a Redis server it
 * starts on 127.0.0.1 (and an SQLite file for comparison). Prints wall time, MB/s,
 * blocks/s, and the number of blocks kept (which must not depend on the workers).
 *
 *   npm run build && node bench/index-throughput.mjs [--mb 10] [--workers 2] [--port 17390]
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { mb: { type: 'string', default: '10' }, workers: { type: 'string', default: '2' }, port: { type: 'string', default: '17390' } } });
const mb = Number(values.mb);
const workers = Number(values.workers);
const port = Number(values.port);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dedupe-index-bench-'));
const bin = path.join(root, 'bin', 'dedupe.js');

// A corpus of many documents (one file each), split into shards by document.
const corpus = path.join(work, 'corpus.txt');
spawnSync(process.execPath, [path.join(root, 'bench', 'make-corpus.mjs'), '--mb', String(mb), '--out', corpus, '--seed', '7'], { stdio: ['ignore', 'ignore', 'inherit'] });
const docs = fs.readFileSync(corpus, 'utf8').split(/\n{3,}/).filter((d) => d.trim() !== '');
const docsDir = path.join(work, 'docs');
fs.mkdirSync(docsDir);
docs.forEach((d, i) => fs.writeFileSync(path.join(docsDir, `d${String(i).padStart(5, '0')}.txt`), `${d}\n`));
const files = fs.readdirSync(docsDir).sort().map((f) => path.join(docsDir, f));
const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);

const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
const stop = () => server.kill('SIGTERM');
process.on('exit', stop);
for (let i = 0; i < 100; i++) {
  if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') break;
  await new Promise((r) => setTimeout(r, 50));
}

function runWorker(index, shard) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, '--index', index, '--quiet', '--format', 'json', ...shard], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && code !== 1) return reject(new Error(`worker exited ${code}`));
      const r = JSON.parse(out);
      resolve({ blocks: r.summary.blocks, kept: r.summary.blocks - r.summary.duplicateBlocks });
    });
  });
}

async function measure(label, index, n) {
  const shards = Array.from({ length: n }, (_, w) => files.filter((_, i) => i % n === w));
  const t0 = performance.now();
  const results = await Promise.all(shards.map((s) => runWorker(index, s)));
  const seconds = (performance.now() - t0) / 1000;
  const blocks = results.reduce((a, r) => a + r.blocks, 0);
  const kept = results.reduce((a, r) => a + r.kept, 0);
  return { label, workers: n, seconds, mbps: bytes / 1e6 / seconds, blocksPerSecond: blocks / seconds, blocks, kept };
}

const rows = [];
rows.push(await measure('redis', `redis://127.0.0.1:${port}?prefix=bench1`, 1));
rows.push(await measure('redis', `redis://127.0.0.1:${port}?prefix=bench${workers}`, workers));
rows.push(await measure('sqlite', path.join(work, 'one.db'), 1));
rows.push(await measure('sqlite', path.join(work, 'many.db'), workers));
stop();

console.log(`corpus: ${files.length} documents, ${(bytes / 1e6).toFixed(1)} MB, ${os.cpus().length} cores`);
console.log('| index | workers | wall s | MB/s | blocks/s | blocks | kept |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.label} | ${r.workers} | ${r.seconds.toFixed(2)} | ${r.mbps.toFixed(2)} | ${Math.round(r.blocksPerSecond)} | ${r.blocks} | ${r.kept} |`);
const same = rows.every((r) => r.kept === rows[0].kept);
console.log(same ? 'kept blocks: the same for every run' : 'kept blocks DIFFER between runs');
fs.rmSync(work, { recursive: true, force: true });
process.exitCode = same ? 0 : 1;
