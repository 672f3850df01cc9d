#!/usr/bin/env node
/**
 * Renders the HTML report of the two seed articles (../shared/seeds, data beside
 * the repository, not in it) with the BUILT library and screenshots it with
 * headless Chromium into docs/seed-report.png. Only the PNG is kept: the page
 * itself (which holds the seed text) goes to a temporary directory.
 *
 *   npm run build && node scripts/screenshot.mjs [SEEDS_DIR]
 *
 * Needs /usr/bin/chromium (Debian: apt-get install chromium) or CHROMIUM=path.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seeds = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared', 'seeds'));
const names = ['000_d33bca6689e979f3.txt', '002_dd3951aebbea523f.txt'];
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const out = path.join(root, 'docs', 'seed-report.png');

if (!names.every((n) => fs.existsSync(path.join(seeds, n)))) {
  console.error(`screenshot: no seed articles at ${seeds}`);
  process.exit(1);
}
if (!fs.existsSync(chromium)) {
  console.error(`screenshot: ${chromium} not found; install Chromium (Debian: apt-get install -y chromium) or set CHROMIUM`);
  process.exit(1);
}
if (!fs.existsSync(path.join(root, 'dist', 'report', 'html.js'))) {
  console.error('screenshot: dist/report/html.js not found; run npx tsc -p tsconfig.build.json first');
  process.exit(1);
}

const { scan } = await import('../dist/index.js');
const { htmlReporter } = await import('../dist/report/html.js');
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;

// Display paths as a user in the repository would type them.
process.chdir(root);
const scanned = await scan(names.map((n) => path.relative(root, path.join(seeds, n)).split(path.sep).join('/')));
const html = htmlReporter(scanned.result, { toolVersion: version, color: false });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dedupe-shot-'));
try {
  const page = path.join(tmp, 'seed-report.html');
  fs.writeFileSync(page, html);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${path.join(tmp, 'profile')}`,
    '--hide-scrollbars',
    '--window-size=1280,2400',
    `--screenshot=${out}`,
    `file://${page}`,
  ];
  const r = spawnSync(chromium, args, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0 || !fs.existsSync(out)) {
    console.error(`screenshot: chromium failed (status ${r.status})\n${r.stderr}`);
    process.exit(1);
  }
  console.log(`screenshot: wrote ${path.relative(root, out)} (${fs.statSync(out).size} bytes)`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
