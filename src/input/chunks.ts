/**
 * Inputs as chunks of bytes, for the streaming paths: a file read in place
 * through one reused buffer, and a look at an input's first bytes (is it
 * binary?) that gives every byte back.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { BINARY_SNIFF_BYTES, isBinary } from './index.js';

/** Chunk size for reading files. */
export const CHUNK_BYTES = 1 << 22;

/**
 * A file's bytes in chunks. The same buffer is refilled for every chunk: a
 * consumer must be done with one before it asks for the next. Errors from open
 * and read (ENOENT, EISDIR, EIO) are thrown as they are.
 */
export function* fileChunks(abs: string, size = CHUNK_BYTES): Generator<Uint8Array> {
  const fd = openSync(abs, 'r');
  try {
    const buf = Buffer.allocUnsafe(size);
    for (;;) {
      const n = readSync(fd, buf, 0, size, null);
      if (n === 0) return;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** An input whose first bytes were looked at: `binary` when they hold a NUL byte; `chunks` gives every byte. */
export interface Sniffed {
  readonly binary: boolean;
  readonly chunks: AsyncIterable<Uint8Array>;
}

/** Reads up to BINARY_SNIFF_BYTES of `source` (copying them: the producer may reuse its buffers) to tell whether it is binary. */
export async function sniff(source: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<Sniffed> {
  const it: Iterator<Uint8Array> | AsyncIterator<Uint8Array> =
    Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  const head: Uint8Array[] = [];
  let seen = 0;
  let done = false;
  while (seen < BINARY_SNIFF_BYTES) {
    const next = await it.next();
    if (next.done === true) {
      done = true;
      break;
    }
    head.push(Uint8Array.from(next.value));
    seen += next.value.length;
  }
  const first = Buffer.concat(head);
  async function* all(): AsyncGenerator<Uint8Array> {
    if (first.length > 0) yield first;
    if (done) return;
    try {
      for (;;) {
        const next = await it.next();
        if (next.done === true) return;
        yield next.value;
      }
    } finally {
      await it.return?.(); // a consumer that stops early still closes the file
    }
  }
  return { binary: isBinary(first), chunks: all() };
}
