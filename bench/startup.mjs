#!/usr/bin/env node
/**
 * Start-up time, interleaved: runs each command once per round (alternating the
 * order), so that the load of a shared machine falls on all of them alike, and
 * prints the median, quartiles and mean of each and its ratio to the first
 * command. hyperfine runs one command after another, so on a busy machine its
 * ratios drift with the load; compare with it too.
 *
 *   node bench/startup.mjs [--runs 60] ["node -e ''" "node bin/dedupe.js /tmp/small.txt" ...]
 *
 * Commands are split on spaces (no shell); the output of each is discarded.
 */
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
let runs = 60;
const i = args.indexOf('--runs');
if (i >= 0) {
  runs = Number(args[i + 1]);
  args.splice(i, 2);
}
const commands = args.length > 0 ? args : ["node -e ''", 'node bin/dedupe.js fixtures/article.txt'];
const argvs = commands.map((c) => c.split(' ').map((a) => (a === "''" ? '' : a)));
const once = (argv) => {
  const t = process.hrtime.bigint();
  spawnSync(argv[0], argv.slice(1), { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - t) / 1e6;
};
for (let w = 0; w < 3; w++) for (const a of argvs) once(a);
const times = argvs.map(() => []);
for (let r = 0; r < runs; r++) {
  const order = argvs.map((_, k) => k);
  if (r % 2 === 1) order.reverse();
  for (const k of order) times[k].push(once(argvs[k]));
}
const sorted = times.map((t) => [...t].sort((a, b) => a - b));
const at = (s, p) => s[Math.min(s.length - 1, Math.floor(s.length * p))];
const base = at(sorted[0], 0.5);
const baseMean = times[0].reduce((a, b) => a + b, 0) / runs;
commands.forEach((c, k) => {
  const s = sorted[k];
  const mean = times[k].reduce((a, b) => a + b, 0) / runs;
  console.log(
    `median ${at(s, 0.5).toFixed(1).padStart(6)} ms (q1 ${at(s, 0.25).toFixed(1)}, q3 ${at(s, 0.75).toFixed(1)}) mean ${mean.toFixed(1).padStart(6)} ms` +
      `  ratio ${(at(s, 0.5) / base).toFixed(2)} (means ${(mean / baseMean).toFixed(2)})  ${c}`,
  );
});
