/**
 * Wall time and peak RSS of one command, for bench/run.mjs.
 *
 * Peak RSS comes from GNU time (`/usr/bin/time -f '%e %M' -o FILE`, Debian package `time`),
 * which reads the child's rusage when it exits: exact, and it covers the child's own waited-for
 * children. Without GNU time the child is spawned directly and /proc/PID/status (VmHWM) is
 * polled every 10 ms: the last reading before exit, so growth in the final few milliseconds can
 * be missed (the report says which method was used). Wall time is measured here with a
 * high-resolution clock around the child (fork and exec included, well under a millisecond).
 * Commands run one at a time; stdout goes to a file, stderr is kept (its tail) for errors.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const GNU_TIME = '/usr/bin/time';

let gnuTime;
/** True when /usr/bin/time is GNU time (accepts -f and -o). */
export function hasGnuTime() {
  if (gnuTime === undefined) {
    gnuTime = false;
    // DEDUPE_BENCH_NO_GNU_TIME=1 forces the /proc fallback (to test it)
    if (fs.existsSync(GNU_TIME) && !process.env.DEDUPE_BENCH_NO_GNU_TIME) {
      const probe = path.join(os.tmpdir(), `dedupe-bench-time-probe-${process.pid}`);
      const r = spawnSync(GNU_TIME, ['-f', '%e %M', '-o', probe, 'true'], { stdio: 'ignore' });
      try {
        gnuTime = r.status === 0 && /^\d+(\.\d+)? \d+\s*$/.test(fs.readFileSync(probe, 'utf8'));
      } catch {
        gnuTime = false;
      }
      fs.rmSync(probe, { force: true });
    }
  }
  return gnuTime;
}

/** Absolute path of an executable on PATH, or null. */
export function which(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {}
  }
  return null;
}

function vmHWM(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs `cmd args` with stdout to `stdoutFile`.
 * @returns {Promise<{ wall: number, rssMB: number, code: number|null, signal: string|null, stderrTail: string, method: string }>}
 */
export function measure({ cmd, args, env, stdoutFile, cwd }) {
  const useTime = hasGnuTime();
  const timeFile = `${stdoutFile}.time`;
  fs.rmSync(timeFile, { force: true });
  const out = fs.openSync(stdoutFile, 'w');
  const file = useTime ? GNU_TIME : cmd;
  const argv = useTime ? ['-f', '%e %M', '-o', timeFile, cmd, ...args] : args;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let child;
    try {
      child = spawn(file, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', out, 'pipe'] });
    } catch (e) {
      fs.closeSync(out);
      reject(e);
      return;
    }
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-8192);
    });
    let peakKB = 0;
    const timer = useTime ? null : setInterval(() => (peakKB = Math.max(peakKB, vmHWM(child.pid))), 10);
    child.on('error', (e) => {
      if (timer) clearInterval(timer);
      fs.closeSync(out);
      reject(e);
    });
    child.on('close', (code, signal) => {
      const wall = (performance.now() - t0) / 1000;
      if (timer) clearInterval(timer);
      fs.closeSync(out);
      let timeWall = null;
      let sig = signal;
      if (useTime) {
        try {
          // GNU time writes "Command exited with non-zero status N" or "Command terminated by
          // signal N" before the figures (and exits 128+N for a killed child)
          const text = fs.readFileSync(timeFile, 'utf8').trim();
          const killed = /Command terminated by signal (\d+)/.exec(text);
          if (killed) sig = `signal ${killed[1]}`;
          const [e, m] = text.split('\n').pop().split(' ').map(Number);
          timeWall = e;
          peakKB = m;
        } catch {}
        fs.rmSync(timeFile, { force: true });
      }
      resolve({
        wall,
        timeWall,
        rssMB: peakKB / 1024,
        code,
        signal: sig,
        stderrTail: stderr.trim(),
        method: useTime ? 'GNU time' : '/proc VmHWM polling',
      });
    });
  });
}

/** SHA-256 (hex) of a file, streamed. */
export function sha256File(file) {
  const h = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(n === buf.length ? buf : buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

/** Number of LF bytes in a file, streamed. */
export function countLines(file) {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let lines = 0;
  let last = 0x0a;
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const view = buf.subarray(0, n);
      for (let i = view.indexOf(0x0a); i !== -1; i = view.indexOf(0x0a, i + 1)) lines++;
      last = view[n - 1];
    }
  } finally {
    fs.closeSync(fd);
  }
  return last === 0x0a ? lines : lines + 1;
}

/**
 * Streams two files and finds the first difference.
 * @returns {null | { line: number, offset: number, a: string, b: string }} null when byte-identical
 */
export function firstDifference(fileA, fileB) {
  const fa = fs.openSync(fileA, 'r');
  const fb = fs.openSync(fileB, 'r');
  const size = 1 << 20;
  const ba = Buffer.allocUnsafe(size);
  const bb = Buffer.allocUnsafe(size);
  let offset = 0;
  let line = 1;
  let lineStart = 0;
  try {
    for (;;) {
      const na = fs.readSync(fa, ba, 0, size, offset);
      const nb = fs.readSync(fb, bb, 0, size, offset);
      const n = Math.min(na, nb);
      let i = 0;
      while (i < n && ba[i] === bb[i]) {
        if (ba[i] === 0x0a) {
          line++;
          lineStart = offset + i + 1;
        }
        i++;
      }
      if (i < n || na !== nb) {
        const at = offset + i;
        const lineOf = (fd) => {
          const b = Buffer.allocUnsafe(4096);
          const k = fs.readSync(fd, b, 0, b.length, lineStart);
          const s = b.subarray(0, k).toString('utf8');
          const nl = s.indexOf('\n');
          return nl === -1 ? (k === 0 ? '<end of file>' : s) : s.slice(0, nl);
        };
        return { line, offset: at, a: lineOf(fa), b: lineOf(fb) };
      }
      if (na === 0) return null;
      offset += n;
    }
  } finally {
    fs.closeSync(fa);
    fs.closeSync(fb);
  }
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
