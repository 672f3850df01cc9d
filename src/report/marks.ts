/** How --explain's word diff marks deletions and insertions (a module of its own, so naming them loads no diff code). */
export interface DiffMarks {
  readonly removed: (text: string) => string;
  readonly added: (text: string) => string;
}

/** Marks readable without colour, as git diff --word-diff=plain. */
export const PLAIN_MARKS: DiffMarks = { removed: (t) => `[-${t}-]`, added: (t) => `{+${t}+}` };
