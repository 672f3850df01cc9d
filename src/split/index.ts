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

/** Share of lines followed by a lower-case continuation from which a text without blank lines reads as wrapped prose. */
const PROSE_SHARE = 0.5;
/** Mean length (bytes) of the lines of wrapped prose: text is wrapped at 40 columns or more. */
const PROSE_MIN_MEAN = 40;

/** What `auto` needs to know of a document's lines. */
export interface LineFacts {
  /** Byte length of line i. */
  length(i: number): number;
  /** True when line i starts (after white space) with a lower-case letter. */
  startsLower(i: number): boolean;
}

/**
 * Decides `auto`:
 * - line, when lines are whole paragraphs: a quarter or more of the lines that
 *   have another line right after them are longer than LONG_LINE_BYTES;
 * - paragraph, when blank lines give the text a structure (two or more groups);
 * - for a text without blank lines: paragraph when it reads as wrapped prose (at
 *   least half of its lines continue on a line that starts in lower case, and the
 *   lines are 40 bytes long on average), else line (a log, a list, verse). `blankLineStructureOnly` (the sentence unit)
 *   skips this last test: sentences are found inside paragraphs either way.
 */
export function resolveAuto(groups: readonly Group[], lines: LineFacts, blankLineStructureOnly = false): 'paragraph' | 'line' {
  let inner = 0;
  let longInner = 0;
  let lowerNext = 0;
  let total = 0;
  for (const g of groups) {
    for (let i = g.first; i < g.last; i++) {
      inner++;
      const len = lines.length(i);
      total += len;
      if (len > LONG_LINE_BYTES) longInner++;
      if (lines.startsLower(i + 1)) lowerNext++;
    }
  }
  if (inner === 0) return 'paragraph';
  if (longInner >= inner * LONG_LINE_SHARE) return 'line';
  if (groups.length > 1 || blankLineStructureOnly) return 'paragraph';
  const prose = lowerNext >= inner * PROSE_SHARE && total >= inner * PROSE_MIN_MEAN;
  return prose ? 'paragraph' : 'line';
}

const LOWER = /^\p{Ll}/u;

function startsLower(bytes: Uint8Array, start: number, end: number): boolean {
  const [s] = trimRange(bytes, start, end);
  const c = bytes[s];
  if (s >= end || c === undefined) return false;
  if (c < 0x80) return c >= 0x61 && c <= 0x7a;
  return LOWER.test(utf8.decode(bytes.subarray(s, Math.min(end, s + 4))));
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
      : resolveAuto(
          groups,
          {
            length: (i) => (ends[i] as number) - (starts[i] as number),
            startsLower: (i) => startsLower(bytes, starts[i] as number, ends[i] as number),
          },
          unit === 'sentence',
        );

  // Coarse pieces: [startLineIdx, endLineIdx] ranges.
  const pieces: Group[] = [];
  if (structure === 'line') {
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
