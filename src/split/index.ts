/**
 * Splitting: a document's bytes -> blocks (paragraphs, lines or sentences),
 * each with its exact byte span (whitespace trimmed) and 1-based line span.
 */
import type { Block, Unit, UnitOption } from '../types.js';
import { nativeScan } from '../prepare/native.js';
import { decodeWithOffsets, isBlank, latin1, scanLines, TOUCH_STEP, touchFrom, trimRange } from './bytes.js';
import { isMapped } from '../input/mapped.js';
import { SpanBlock, SplitBlocks } from './spans.js';

/** A line longer than this (in characters) inside a paragraph is taken as a whole paragraph, not a wrapped line. */
const LONG_LINE_CHARS = 150;
/** Share of long inner lines from which a document counts as one paragraph per line. */
const LONG_LINE_SHARE = 0.25;

const utf8 = new TextDecoder('utf-8');

export interface SplitResult {
  readonly unit: Unit;
  readonly blocks: Block[];
}

/** A split whose blocks are columns (see spans.ts). */
export interface SplitSpans {
  readonly unit: Unit;
  readonly blocks: SplitBlocks;
}

interface Group {
  /** Index of the first and last line of a run of non-blank lines. */
  readonly first: number;
  readonly last: number;
}

/** Runs of non-blank lines, group g from line first(g) to line last(g). */
export interface GroupList {
  readonly length: number;
  first(g: number): number;
  last(g: number): number;
}

/**
 * The runs of non-blank lines of a document, as one typed column (first and last
 * line of each, in 32 bits while they fit): a file can have millions of them,
 * which as objects took about 40 bytes each.
 */
class LineGroups implements GroupList {
  readonly length: number;
  readonly #cols: Uint32Array | Float64Array;

  constructor(blank: Uint8Array) {
    const n = blank.length;
    let count = 0;
    for (let i = 0; i < n; i++) if (blank[i] === 0 && (i === 0 || blank[i - 1] === 1)) count++;
    this.length = count;
    this.#cols = n < 2 ** 32 ? new Uint32Array(2 * count) : new Float64Array(2 * count);
    for (let i = 0, g = 0; i < n; i++) {
      if (blank[i] === 1) continue;
      let j = i;
      while (j + 1 < n && blank[j + 1] === 0) j++;
      this.#cols[2 * g] = i;
      this.#cols[2 * g + 1] = j;
      g++;
      i = j;
    }
  }

  first(g: number): number {
    return this.#cols[2 * g] as number;
  }

  last(g: number): number {
    return this.#cols[2 * g + 1] as number;
  }
}

/** Groups given as objects (as tests write them) as a GroupList. */
function groupList(groups: readonly Group[] | GroupList): GroupList {
  if (!Array.isArray(groups)) return groups as GroupList;
  const list = groups as readonly Group[];
  return { length: list.length, first: (g) => (list[g] as Group).first, last: (g) => (list[g] as Group).last };
}

/** Share of lines followed by a lower-case continuation from which a text without blank lines reads as wrapped prose. */
const PROSE_SHARE = 0.5;
/** Mean length (characters) of the lines of wrapped prose: text is wrapped at 40 columns or more. */
const PROSE_MIN_MEAN = 40;

/** What `auto` needs to know of a document's lines. */
export interface LineFacts {
  /** Length of line i in characters (code points). */
  length(i: number): number;
  /** Whether line i is longer than `chars` characters (as length(i) > chars, maybe cheaper). */
  longerThan?(i: number, chars: number): boolean;
  /** True when line i starts (after white space) with a lower-case letter. */
  startsLower(i: number): boolean;
  /** Line i's bytes as a string key (for telling repeated lines apart). */
  key(i: number): string;
}

/** Share of distinct lines below which a text is not wrapped prose (prose does not repeat its lines). */
const PROSE_MIN_DISTINCT = 0.9;

/**
 * Decides `auto`:
 * - line, when lines are whole paragraphs: a quarter or more of the lines that
 *   have another line right after them are longer than LONG_LINE_CHARS;
 * - paragraph, when blank lines give the text a structure (two or more groups);
 * - for a text without blank lines: paragraph when it reads as wrapped prose (at
 *   least half of its lines continue on a line that starts in lower case, the
 *   lines are 40 characters long on average, and 90% of them are distinct), else
 *   line (a log, a list, verse). `blankLineStructureOnly` (the sentence unit)
 *   skips this last test: sentences are found inside paragraphs either way.
 */
export function resolveAuto(given: readonly Group[] | GroupList, lines: LineFacts, blankLineStructureOnly = false): 'paragraph' | 'line' {
  const groups = groupList(given);
  let inner = 0;
  let longInner = 0;
  let lowerNext = 0;
  let total = 0;
  // The total length and the lower-case starts matter only for a text of one group (the prose tests below).
  const oneGroup = groups.length <= 1 && !blankLineStructureOnly;
  // With more groups only the share of long lines decides: the count stops once it reaches it.
  let innerTotal = 0;
  for (let g = 0; g < groups.length; g++) innerTotal += groups.last(g) - groups.first(g);
  const enoughLong = innerTotal * LONG_LINE_SHARE;
  for (let g = 0; g < groups.length; g++) {
    for (let i = groups.first(g), last = groups.last(g); i < last; i++) {
      inner++;
      if (oneGroup || lines.longerThan === undefined) {
        const len = lines.length(i);
        total += len;
        if (len > LONG_LINE_CHARS) longInner++;
      } else if (lines.longerThan(i, LONG_LINE_CHARS)) longInner++;
      if (oneGroup && lines.startsLower(i + 1)) lowerNext++;
    }
    if (!oneGroup && innerTotal > 0 && longInner >= enoughLong) return 'line';
  }
  if (inner === 0) return 'paragraph';
  if (longInner >= inner * LONG_LINE_SHARE) return 'line';
  if (groups.length > 1 || blankLineStructureOnly) return 'paragraph';
  if (lowerNext < inner * PROSE_SHARE || total < inner * PROSE_MIN_MEAN) return 'line';
  const first = groups.first(0);
  const last = groups.last(0);
  const distinct = new Set<string>();
  for (let i = first; i <= last; i++) distinct.add(lines.key(i));
  return distinct.size >= (last - first + 1) * PROSE_MIN_DISTINCT ? 'paragraph' : 'line';
}

const LOWER = /^\p{Ll}/u;

/** Code points in bytes[start, end): every byte that is not a UTF-8 continuation byte. */
function codePoints(bytes: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (((bytes[i] as number) & 0xc0) !== 0x80) n++;
  return n;
}

function startsLower(bytes: Uint8Array, start: number, end: number): boolean {
  const [s] = trimRange(bytes, start, end);
  const c = bytes[s];
  if (s >= end || c === undefined) return false;
  if (c < 0x80) return c >= 0x61 && c <= 0x7a;
  return LOWER.test(utf8.decode(bytes.subarray(s, Math.min(end, s + 4))));
}

/**
 * Splits one source. `source` is its index in the scan's inputs. `wholeLines`
 * (--raw): where the unit is line, every line is a block exactly as it is, blank
 * lines and the white space around the text included (what `awk '!seen[$0]++'`
 * compares); only a leading byte-order mark and the line terminator stay out.
 */
export function splitSource(bytes: Uint8Array, unit: UnitOption, source: number, wholeLines = false): SplitResult {
  const split = splitSpans(bytes, unit, source, wholeLines);
  return { unit: split.unit, blocks: [...split.blocks.all()] };
}

/** splitSource with the blocks as columns (what a scan keeps). */
export function splitSpans(bytes: Uint8Array, unit: UnitOption, source: number, wholeLines = false): SplitSpans {
  // Each pass below reads the input in order: a mapped input is told how far (touchFrom).
  const mapped = isMapped(bytes);
  // The lines and which are blank in one native pass, for an input in memory (a mapped one is
  // read a few MB at a time, so that its pages can be given back as it goes).
  const native = mapped ? null : nativeScan();
  const nativeLines = native === null ? undefined : native.lines(bytes);
  const { starts, ends } = nativeLines ?? scanLines(bytes);
  const n = starts.length;
  if (wholeLines && unit === 'line') return { unit: 'line', blocks: splitWholeLines(bytes, starts, ends, source) };
  let mark = 0;
  /** The new mark for a pass that has read up to `pos` (a pass starts again from 0). */
  const readTo = (pos: number): number => (pos < mark ? pos : pos - mark >= TOUCH_STEP ? touchFrom(bytes, mark, pos) : mark);
  let blank: Uint8Array;
  if (nativeLines !== undefined) blank = nativeLines.blank;
  else {
    blank = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      blank[i] = isBlank(bytes, starts[i] as number, ends[i] as number) ? 1 : 0;
      if (mapped) mark = readTo(ends[i] as number);
    }
  }
  const groups = new LineGroups(blank);
  const structure: 'paragraph' | 'line' =
    unit === 'paragraph' || unit === 'line'
      ? unit
      : resolveAuto(
          groups,
          {
            length: (i) => {
              if (mapped) mark = readTo(ends[i] as number);
              return codePoints(bytes, starts[i] as number, ends[i] as number);
            },
            // No more bytes than the limit: no more characters either, and no count is needed.
            // (What this pass reads of a mapped input is counted here too: with several groups
            // startsLower is not asked, and it was what counted the pass before.)
            longerThan: (i, chars) => {
              if (mapped) mark = readTo(ends[i] as number);
              return (ends[i] as number) - (starts[i] as number) > chars && codePoints(bytes, starts[i] as number, ends[i] as number) > chars;
            },
            key: (i) => {
              if (mapped) mark = readTo(ends[i] as number);
              return latin1(bytes, starts[i] as number, ends[i] as number);
            },
            startsLower: (i) => {
              if (mapped) mark = readTo(ends[i] as number);
              return startsLower(bytes, starts[i] as number, ends[i] as number);
            },
          },
          unit === 'sentence',
        );

  // Coarse pieces, from line first to line last: the groups, or each non-blank line.
  if (structure === 'line' && wholeLines) return { unit: 'line', blocks: splitWholeLines(bytes, starts, ends, source) };
  const byLine = structure === 'line';
  let pieces = groups.length;
  if (byLine) {
    pieces = 0;
    for (let i = 0; i < n; i++) pieces += 1 - (blank[i] as number);
  }

  const blocks = new SplitBlocks(bytes, source, unit === 'sentence' ? pieces * 2 : pieces, unit === 'sentence');
  // Line numbers are found by walking lines forward (blocks are in order).
  const lineOf = (offset: number, from: number): number => {
    let i = from;
    while (i + 1 < n && (starts[i + 1] as number) <= offset) i++;
    return i;
  };
  // (By line: g runs over the lines, the blank ones skipped.)
  for (let g = 0; g < (byLine ? n : groups.length); g++) {
    if (byLine && blank[g] === 1) continue;
    const first = byLine ? g : groups.first(g);
    const last = byLine ? g : groups.last(g);
    const [s, e] = trimRange(bytes, starts[first] as number, ends[last] as number);
    if (mapped) mark = readTo(e);
    if (s >= e) continue;
    if (unit !== 'sentence') {
      blocks.push(s, e, lineOf(s, first) + 1, lineOf(e - 1, first) + 1);
      continue;
    }
    const { text, offsets } = decodeWithOffsets(bytes, s, e);
    // Line breaks would end sentences early in re-wrapped text: segment with spaces instead.
    const flat = text.replace(/[\r\n]/g, ' ');
    const segmenter = sentenceSegmenter();
    // Cursors only move forward, so a long paragraph costs linear time.
    let line = first;
    for (const seg of segmenter.segment(flat)) {
      const segEnd = seg.index + seg.segment.length;
      const [ss, se] = trimRange(bytes, offsets[seg.index] as number, offsets[segEnd] as number);
      if (ss >= se) continue;
      let a = seg.index;
      while ((offsets[a] as number) < ss) a++;
      let z = segEnd;
      while ((offsets[z] as number) > se) z--;
      line = lineOf(ss, line);
      const startLine = line + 1;
      line = lineOf(se - 1, line);
      blocks.push(ss, se, startLine, line + 1, text.slice(a, z));
    }
  }
  return { unit: unit === 'sentence' ? 'sentence' : structure, blocks: blocks.trim() };
}

/** Every line a block, untrimmed (a leading BOM excluded); an empty last line without a terminator is none. */
function splitWholeLines(bytes: Uint8Array, starts: ArrayLike<number>, ends: ArrayLike<number>, source: number): SplitBlocks {
  const blocks = new SplitBlocks(bytes, source, starts.length);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = 0; i < starts.length; i++) {
    const s = i === 0 ? Math.min(bom, ends[0] as number) : (starts[i] as number);
    const e = ends[i] as number;
    if (s === e && e === bytes.length) break; // nothing left after a BOM, no terminator: no line
    blocks.push(s, e, i + 1, i + 1);
  }
  return blocks.trim();
}

/**
 * The text `block` starts with, of about its first `bytes` bytes (a prefix of
 * block.text): decoded from the bytes without the rest of the block, for a
 * block of a scan; undefined for another block.
 */
export function textHead(block: Block, bytes: number): string | undefined {
  return SpanBlock.headOf(block, bytes);
}

let cachedSegmenter: Intl.Segmenter | undefined;
function sentenceSegmenter(): Intl.Segmenter {
  cachedSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'sentence' });
  return cachedSegmenter;
}
