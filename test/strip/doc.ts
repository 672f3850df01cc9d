/** Test helper: build a document from gaps and blocks and compute the blocks' spans. */
import type { Span } from '../../src/types.js';

export type Piece = string | Uint8Array;

export interface Doc {
  readonly bytes: Uint8Array;
  readonly spans: Span[];
  /** Byte content of each gap: gaps[0] = gap0, gaps[k] = gap after block k-1, last = gapEnd. */
  readonly gaps: Uint8Array[];
  readonly blocks: Uint8Array[];
}

const encoder = new TextEncoder();

export function toBytes(p: Piece): Uint8Array {
  return typeof p === 'string' ? encoder.encode(p) : p;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function linesBefore(bytes: Uint8Array, end: number): number {
  let lf = 0;
  for (let k = 0; k < end; k++) if (bytes[k] === 0x0a) lf++;
  return lf;
}

/**
 * `gap0 B0 sep0 B1 sep1 … Bn gapEnd`: `seps` has one entry fewer than `blocks`.
 * Lines are computed by counting LF bytes.
 */
export function makeDoc(
  gap0: Piece,
  blocks: readonly Piece[],
  seps: readonly Piece[],
  gapEnd: Piece,
): Doc {
  if (blocks.length > 0 && seps.length !== blocks.length - 1) {
    throw new Error('seps must have blocks.length - 1 entries');
  }
  const gaps = [toBytes(gap0), ...seps.map(toBytes), toBytes(gapEnd)];
  const blockBytes = blocks.map(toBytes);
  const parts: Uint8Array[] = [gaps[0]!];
  blockBytes.forEach((b, k) => {
    parts.push(b);
    parts.push(gaps[k + 1]!);
  });
  if (blocks.length === 0) parts.push(gaps[gaps.length - 1]!);
  const bytes = concat(parts);
  const spans: Span[] = [];
  let at = gaps[0]!.length;
  blockBytes.forEach((b, k) => {
    const startOffset = at;
    const endOffset = at + b.length;
    const startLine = 1 + linesBefore(bytes, startOffset);
    const endLine = b.length === 0 ? startLine : 1 + linesBefore(bytes, endOffset - 1);
    spans.push({ startOffset, endOffset, startLine, endLine });
    at = endOffset + gaps[k + 1]!.length;
  });
  return { bytes, spans, gaps, blocks: blockBytes };
}

/** Paragraph document: blocks joined by `sep`, with `gapEnd` after the last one. */
export function paragraphs(blocks: readonly Piece[], sep: Piece = '\n\n', gapEnd: Piece = '\n', gap0: Piece = ''): Doc {
  return makeDoc(gap0, blocks, blocks.slice(1).map(() => sep), gapEnd);
}

export function text(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}
