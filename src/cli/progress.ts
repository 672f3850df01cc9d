/**
 * The progress bar on stderr: files and bytes done, blocks per second and an
 * estimated time left. Drawn only when stderr is a terminal (the CLI decides),
 * redrawn at most every 100 ms on one line, and erased when the scan ends, so
 * nothing of it is left in the terminal or mixed into stdout.
 */
import type { ProgressEvent } from '../pipeline.js';

const WIDTH = 24;
const INTERVAL_MS = 100;

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The share of the work done: splitting is the first 30% (by bytes), matching the
 * rest (by blocks); a streamed run goes by bytes alone.
 */
export function fractionDone(e: ProgressEvent): number {
  if (e.phase === 'stream') return e.bytesTotal === 0 ? 0 : e.bytesDone / e.bytesTotal;
  if (e.phase === 'split') return e.bytesTotal === 0 ? 0.3 : 0.3 * (e.bytesDone / e.bytesTotal);
  return 0.3 + 0.7 * (e.blocksTotal === 0 ? 1 : e.blocksDone / e.blocksTotal);
}

/** One line of progress, given the event and the seconds since the start. */
export function progressLine(e: ProgressEvent, elapsed: number, blocksPerSecond: number): string {
  const f = Math.min(1, fractionDone(e));
  const filled = Math.round(f * WIDTH);
  const bar = `[${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? '>' : ''}${' '.repeat(WIDTH - filled)}]`;
  const eta = f > 0.02 && elapsed > 0.5 ? ` · ETA ${clock((elapsed * (1 - f)) / f)}` : '';
  return (
    `${bar} ${String(Math.floor(f * 100 + 1e-9)).padStart(3)}% · ${e.filesDone}/${e.filesTotal} files · ` +
    `${mb(e.bytesDone)}/${mb(e.bytesTotal)} · ${Math.round(blocksPerSecond).toLocaleString('en-US')} blocks/s${eta}`
  );
}

export class ProgressBar {
  private readonly start: number;
  private last = Number.NEGATIVE_INFINITY;
  private drawn = false;
  private phase: ProgressEvent['phase'] | undefined;
  private phaseStart = 0;

  constructor(
    private readonly out: { write(s: string): unknown },
    private readonly now: () => number = () => performance.now(),
  ) {
    this.start = now();
  }

  update(e: ProgressEvent): void {
    const t = this.now();
    if (e.phase !== this.phase) {
      // Blocks per second is measured within a phase: blocks split, then blocks matched.
      this.phase = e.phase;
      this.phaseStart = e.phase === 'split' ? this.start : t;
    }
    if (t - this.last < INTERVAL_MS) return;
    this.last = t;
    const inPhase = (t - this.phaseStart) / 1000;
    const rate = inPhase > 0 ? e.blocksDone / inPhase : 0;
    this.out.write(`\r${progressLine(e, (t - this.start) / 1000, rate)}\u001b[K`);
    this.drawn = true;
  }

  /** Erases the bar. */
  done(): void {
    if (this.drawn) this.out.write('\r\u001b[K');
    this.drawn = false;
  }
}
