/**
 * `dedupe index stats|prune|export --index SPEC`: look after a persistent index.
 *   stats               blocks, size, oldest and newest, the settings it was built with
 *   prune --older-than DAYS | --before DATE
 *                       forget blocks not seen since then
 *   export              every block as JSON Lines (fingerprints; text when stored)
 */
import { Command, InvalidArgumentError } from 'commander';
import { openIndex } from '../store/open.js';
import type { IndexRecord, IndexStats } from '../store/types.js';

export interface IndexCommandIo {
  readonly write: (s: string) => Promise<void>;
  readonly writeErr: (s: string) => void;
  readonly now: () => number;
}

const DAY_MS = 86_400_000;

function iso(ms: number | null): string {
  return ms === null ? '-' : new Date(ms).toISOString();
}

export function statsText(spec: string, st: IndexStats): string {
  const m = st.meta;
  return [
    `index:    ${spec}`,
    `blocks:   ${st.blocks}`,
    `size:     ${(st.bytes / 1e6).toFixed(2)} MB`,
    `oldest:   ${iso(st.oldest)}`,
    `newest:   ${iso(st.newest)}`,
    m ? `settings: format ${m.formatVersion}, minhash ${m.minhashVersion}/${m.numPerm}, ${m.bands} bands x ${m.rows} rows, ${m.raw ? 'raw' : 'normalized'}` : 'settings: (new index)',
  ].join('\n');
}

export function exportLine(r: IndexRecord): string {
  return JSON.stringify({
    seq: r.seq,
    hash: r.hash,
    path: r.path,
    line: r.line,
    firstSeen: iso(r.firstSeen),
    lastSeen: iso(r.lastSeen),
    documents: r.docs,
    words: r.words.length,
    ...(r.text !== undefined ? { text: r.text } : {}),
  });
}

function days(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(n)) throw new InvalidArgumentError('older-than takes a number of days.');
  return n;
}

function date(value: string): number {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new InvalidArgumentError('before takes a date such as 2026-11-01 or 2026-11-01T12:00:00Z.');
  return t;
}

/** Runs `dedupe index …` (argv without the leading 'index'); returns the exit status. */
export async function indexCommand(argv: readonly string[], io: IndexCommandIo): Promise<number> {
  let status = 0;
  const program = new Command('dedupe index')
    .description('Look after a persistent index (see --index).')
    .configureOutput({
      writeOut: (s) => void io.write(s),
      writeErr: io.writeErr,
      outputError: (s, write) => write(`dedupe: ${s.replace(/^error: /, '')}`),
    })
    .exitOverride();
  const withIndex = (c: Command): Command => c.requiredOption('--index <spec>', 'the index: an SQLite file path or redis://host:port?prefix=NAME');
  withIndex(program.command('stats').description('blocks, size, oldest and newest, settings')).action(async (o: { index: string }) => {
    const store = await openIndex(o.index);
    try {
      await io.write(`${statsText(o.index, await store.stats())}\n`);
    } finally {
      await store.close();
    }
  });
  withIndex(program.command('prune').description('forget blocks not seen since a time'))
    .option('--older-than <days>', 'not seen in this many days', days)
    .option('--before <date>', 'last seen before this date (ISO 8601)', date)
    .action(async (o: { index: string; olderThan?: number; before?: number }) => {
      if ((o.olderThan === undefined) === (o.before === undefined)) {
        io.writeErr('dedupe: index prune needs exactly one of --older-than DAYS or --before DATE\n');
        status = 2;
        return;
      }
      const before = o.before ?? io.now() - (o.olderThan as number) * DAY_MS;
      const store = await openIndex(o.index);
      try {
        const n = await store.prune(before);
        await io.write(`pruned ${n} block${n === 1 ? '' : 's'} last seen before ${iso(before)}\n`);
      } finally {
        await store.close();
      }
    });
  withIndex(program.command('export').description('every block as JSON Lines, oldest claim first')).action(async (o: { index: string }) => {
    const store = await openIndex(o.index);
    try {
      for await (const r of store.records()) await io.write(`${exportLine(r)}\n`);
    } finally {
      await store.close();
    }
  });
  await program.parseAsync([...argv], { from: 'user' });
  return status;
}
