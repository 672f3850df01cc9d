/**
 * Word-level differences between a kept block and its duplicate, shared by the
 * pretty reporter's --explain and the HTML report.
 */
import { diffWordsWithSpace } from 'diff';

export interface DiffPart {
  /** `same`: in both; `removed`: only in the kept copy; `added`: only in the duplicate. */
  readonly kind: 'same' | 'removed' | 'added';
  readonly text: string;
}

const collapse = (t: string): string => t.replace(/\s+/g, ' ').trim();

/**
 * The kept text against the duplicate, word by word. White space is collapsed
 * first, so re-wrapped lines are not differences.
 */
export function wordDiff(kept: string, duplicate: string): DiffPart[] {
  return diffWordsWithSpace(collapse(kept), collapse(duplicate)).map((c) => ({
    kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value,
  }));
}
