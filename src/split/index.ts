/**
 * Splitting: a document's bytes -> blocks (paragraphs, lines or sentences),
 * each with its exact byte span (whitespace trimmed) and 1-based line span.
 */
import type { Block, Unit, UnitOption } from '../types.js';
import { decodeWithOffsets, isBlank, scanLines, trimRange } from './bytes.js';

/** A line longer than this (in bytes) inside a paragraph is taken as a whole paragraph, not a wrapped line. */
const LONG_LINE_BYTES = 150;
/** Share of long inner lines from which a document counts as one paragraph per line. */
const LONG_LINE_SHARE = 0.25;

const utf8 = new TextDecoder('utf-8');

export interface SplitResult {
  readonly unit: Unit;
  readonly blocks: Block[];
}

interface Group {
  /** Index of the first and last line of a run of non-blank lines. */
  readonly first: number;
  readonly last: number;
}

/**
 * Decides `auto`: paragraph when the text is blank-line structured and hard-wrapped
 * (or every paragraph is one line anyway); line when lines are whole paragraphs
 * (many long lines directly after each other) or there is no blank-line structure.
 */
export function resolveAuto(groups: readonly Group[], lineLen: (i: number) => number): 'paragraph' | 'line' {
  let inner = 0;
  let longInner = 0;
  for (const g of groups) {
    for (let i = g.first; i < g.last; i++) {
      inner++;
      if (lineLen(i) > LONG_LINE_BYTES) longInner++;
    }
  }
  if (inner === 0) return 'paragraph';
  if (groups.length === 1) return 'line';
  return longInner >= inner * LONG_LINE_SHARE ? 'line' : 'paragraph';
}

/** Splits one source. `source` is its index in the scan's inputs. */
export function splitSource(bytes: Uint8Array, unit: UnitOption, source: number): SplitResult {
  const { starts, ends } = scanLines(bytes);
  const n = starts.length;
  const blank: boolean[] = new Array<boolean>(n);
  for (let i = 0; i < n; i++) blank[i] = isBlank(bytes, starts[i] as number, ends[i] as number);
  const groups: Group[] = [];
  for (let i = 0; i < n; i++) {
    if (blank[i]) continue;
    let j = i;
    while (j + 1 < n && !blank[j + 1]) j++;
    groups.push({ first: i, last: j });
    i = j;
  }
  const structure: 'paragraph' | 'line' =
    unit === 'paragraph' || unit === 'line'
      ? unit
      : resolveAuto(groups, (i) => (ends[i] as number) - (starts[i] as number));

  // Coarse pieces: [startLineIdx, endLineIdx] ranges.
  const pieces: Group[] = [];
  if (structure === 'line' || (unit === 'line')) {
    for (let i = 0; i < n; i++) if (!blank[i]) pieces.push({ first: i, last: i });
  } else {
    pieces.push(...groups);
  }

  const blocks: Block[] = [];
  // Line numbers are found by walking lines forward (blocks are in order).
  const lineOf = (offset: number, from: number): number => {
    let i = from;
    while (i + 1 < n && (starts[i + 1] as number) <= offset) i++;
    return i;
  };
  for (const p of pieces) {
    const [s, e] = trimRange(bytes, starts[p.first] as number, ends[p.last] as number);
    if (s >= e) continue;
    if (unit !== 'sentence') {
      blocks.push({
        source,
        index: blocks.length,
        startOffset: s,
        endOffset: e,
        startLine: lineOf(s, p.first) + 1,
        endLine: lineOf(e - 1, p.first) + 1,
        text: utf8.decode(bytes.subarray(s, e)),
      });
      continue;
    }
    const { text, offsets } = decodeWithOffsets(bytes, s, e);
    // Line breaks would end sentences early in re-wrapped text: segment with spaces instead.
    const flat = text.replace(/[\r\n]/g, ' ');
    const segmenter = sentenceSegmenter();
    for (const seg of segmenter.segment(flat)) {
      const from = offsets[seg.index] as number;
      const to = offsets[seg.index + seg.segment.length] as number;
      const [ss, se] = trimRange(bytes, from, to);
      if (ss >= se) continue;
      const a = offsets.indexOf(ss);
      const z = offsets.indexOf(se, a);
      blocks.push({
        source,
        index: blocks.length,
        startOffset: ss,
        endOffset: se,
        startLine: lineOf(ss, p.first) + 1,
        endLine: lineOf(se - 1, p.first) + 1,
        text: text.slice(a, z === -1 ? text.length : z),
      });
    }
  }
  return { unit: unit === 'sentence' ? 'sentence' : structure, blocks };
}

let cachedSegmenter: Intl.Segmenter | undefined;
function sentenceSegmenter(): Intl.Segmenter {
  cachedSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'sentence' });
  return cachedSegmenter;
}
