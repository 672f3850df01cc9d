/** One-line previews of block text, shared by every reporter. */

/** Default preview length, in code points (ellipsis included). */
export const PREVIEW_LENGTH = 60;

// JS `\s` covers ASCII whitespace, NBSP, U+2028/9, U+3000, BOM and friends, but not NEL.
const WHITESPACE = /[\s\u0085]+/gu;
// Remaining control characters (ESC, NUL, DEL, C1...) would act on a terminal: show them as U+FFFD.
const CONTROL = /\p{Cc}/gu;

/**
 * A one-line preview of `text`: every run of whitespace (newlines, tabs, NBSP...)
 * becomes one space, the ends are trimmed, other control characters become U+FFFD,
 * and a result longer than `max` code points is cut to `max - 1` code points
 * (trailing space dropped) plus `…`, so a preview is never longer than `max`
 * code points and never splits a surrogate pair.
 */
export function previewText(text: string, max: number = PREVIEW_LENGTH): string {
  if (!Number.isInteger(max) || max < 1) {
    throw new RangeError(`preview length must be a whole number >= 1, got ${String(max)}`);
  }
  const line = text.replace(WHITESPACE, ' ').trim().replace(CONTROL, '\uFFFD');
  const codePoints = Array.from(line);
  if (codePoints.length <= max) return line;
  return `${codePoints.slice(0, max - 1).join('').trimEnd()}…`;
}
