/** One-line previews of block text, shared by every reporter. */
import { textHead } from '../split/index.js';
import type { Block } from '../types.js';

/** Default preview length, in code points (ellipsis included). */
export const PREVIEW_LENGTH = 60;

/** JS `\s` (ASCII whitespace, NBSP, U+1680, U+2000-U+200A, U+2028/9, U+202F, U+205F, U+3000, BOM) and NEL. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Control characters (\p{Cc}): they would act on a terminal. */
function isControl(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/**
 * How many of the first `limit` chars of `text` are printable ASCII with no space
 * at the start and none right after another (so that they are their own one-line
 * form, char for code point).
 */
function simplePrefix(text: string, limit: number): number {
  const n = Math.min(text.length, limit);
  let prev = 0x20;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7e || c < 0x20 || (c === 0x20 && prev === 0x20)) return i;
    prev = c;
  }
  return n;
}

/**
 * A one-line preview of `text`: every run of whitespace (newlines, tabs, NBSP...)
 * becomes one space, the ends are trimmed, other control characters become U+FFFD,
 * and a result longer than `max` code points is cut to `max - 1` code points
 * (trailing space dropped) plus `…`, so a preview is never longer than `max`
 * code points and never splits a surrogate pair. Reads only as much of the text
 * as the preview needs.
 */
export function previewText(text: string, max: number = PREVIEW_LENGTH): string {
  checkMax(max);
  return preview(text, max, false) as string;
}

function checkMax(max: number): void {
  if (!Number.isInteger(max) || max < 1) {
    throw new RangeError(`preview length must be a whole number >= 1, got ${String(max)}`);
  }
}

/**
 * previewText of a block's text. Of a long block only its head is decoded when
 * that is enough: when the head's one-line form is already longer than `max`
 * (it starts the text's one-line form, so the preview is the same).
 */
export function blockPreview(block: Block, max: number = PREVIEW_LENGTH): string {
  checkMax(max);
  // A short head first (enough for most text: a byte a character and few spaces), then a longer one.
  for (const enough of [2 * max + 16, 4 * max + 256]) {
    if (block.endOffset - block.startOffset <= enough) break;
    const head = textHead(block, enough);
    if (head === undefined) break;
    const cut = preview(head, max, true);
    if (cut !== undefined) return cut;
  }
  return previewText(block.text, max);
}

/** previewText; with `onlyCut`, undefined when the one-line form is not longer than max (nothing is cut). */
function preview(text: string, max: number, onlyCut: boolean): string | undefined {
  // Most previews: printable ASCII with single spaces inside is its own one-line form.
  const simple = simplePrefix(text, max + 1);
  // (max + 1 of them, the last not a space: the one-line form is longer than max.)
  if (simple > max && text.charCodeAt(max) !== 0x20) return `${text.slice(0, text.charCodeAt(max - 2) === 0x20 ? max - 2 : max - 1)}…`;
  if (simple === text.length && text.charCodeAt(simple - 1) !== 0x20) return onlyCut ? undefined : text;
  // The first max + 1 code points of the one-line form tell whether it must be cut.
  const cps: string[] = [];
  let space = false;
  for (let i = 0; i < text.length && cps.length <= max; ) {
    const c = text.codePointAt(i) as number;
    const units = c > 0xffff ? 2 : 1;
    if (isSpace(c)) space = cps.length > 0;
    else {
      if (space) {
        cps.push(' ');
        space = false;
        if (cps.length > max) break;
      }
      cps.push(isControl(c) ? '\uFFFD' : text.slice(i, i + units));
    }
    i += units;
  }
  if (cps.length <= max) return onlyCut ? undefined : cps.join('');
  const head = cps.slice(0, max - 1);
  if (head[head.length - 1] === ' ') head.pop();
  return `${head.join('')}…`;
}
