#!/usr/bin/env node
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { constants, totalmem } from 'node:os';

const argv = process.argv.slice(2);

// A scan holds its blocks in V8's heap, whose default limit (about 4 GB) a big
// input of tens of millions of short blocks can pass (20 M tiny lines: 177 MB of
// text, over 4 GB of heap). For inputs over this many bytes (the files named on
// the command line and in the directories named), dedupe runs again in a child
// Node with a heap limit of three quarters of the machine's memory.
const BIG_INPUT = Number(process.env.DEDUPE_BIG_INPUT_BYTES ?? 64 * 1024 * 1024);

/** More input than BIG_INPUT bytes? Directories are walked until the answer is known (at most MAX_ENTRIES entries). */
function bigInput() {
  const MAX_ENTRIES = 20000;
  let total = 0;
  let entries = 0;
  const pending = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    try {
      const s = statSync(arg);
      if (s.isFile()) total += s.size;
      else if (s.isDirectory()) pending.push(arg);
    } catch {
      // not a path (an option's value, a glob, a missing file): the run reports it
    }
  }
  while (total <= BIG_INPUT && pending.length > 0 && entries < MAX_ENTRIES) {
    const dir = pending.pop();
    try {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (++entries > MAX_ENTRIES) break;
        const full = join(dir, e.name);
        if (e.isDirectory()) pending.push(full);
        else if (e.isFile()) total += statSync(full).size;
      }
    } catch {
      // unreadable: the run reports it
    }
  }
  return total > BIG_INPUT;
}

// A heap limit the user set (flag or NODE_OPTIONS) is theirs to keep.
const HEAP_FLAG = /--max[-_]old[-_]space[-_]size/;
const heapSet =
  process.env.DEDUPE_HEAP_SET === '1' || process.execArgv.some((a) => HEAP_FLAG.test(a)) || HEAP_FLAG.test(process.env.NODE_OPTIONS ?? '');
/** Three quarters of the memory this process may use (a container's limit when there is one), in MB. */
function heapMb() {
  const constrained = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
  return Math.floor((Math.min(totalmem(), constrained > 0 ? constrained : Infinity) / 1048576) * 0.75);
}

// Checked only for a big input, so that a small run does no more at start-up than stat its files.
const largerHeap = !heapSet && bigInput() ? heapMb() : 0;
if (largerHeap > 0 && largerHeap > (await import('node:v8')).getHeapStatistics().heap_size_limit / 1048576) {
  const { spawn } = await import('node:child_process');
  // With a heap limit this large V8 lets the heap grow up to about 4x its live size before a full
  // collection when the run allocates fast; a growth of 30% keeps big runs near their live memory.
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${largerHeap}`, '--heap-growing-percent=30', process.argv[1], ...argv], {
    stdio: 'inherit',
    env: { ...process.env, DEDUPE_HEAP_SET: '1' },
  });
  // Signals sent to this process go on to the child, which decides what they do.
  const forward = (signal) => child.kill(signal);
  const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of SIGNALS) process.on(signal, forward);
  child.on('error', (e) => {
    process.stderr.write(`dedupe: cannot start node with a larger heap: ${e.message}\n`);
    process.exitCode = 2;
  });
  child.on('exit', (code, signal) => {
    for (const s of SIGNALS) process.off(s, forward);
    if (signal) {
      // Die of the same signal, so that a caller sees the same wait status.
      process.kill(process.pid, signal);
      process.exitCode = 128 + (constants.signals[signal] ?? 0);
    } else process.exitCode = code ?? 2;
  });
} else {
  const { main } = await import('../dist/bundle/main.js');
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`dedupe: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
