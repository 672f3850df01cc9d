/** Test paragraphs for the pipeline tests (word counts by hand, tokens as the pipeline sees them). */

/** 43 words. */
export const BUDGET =
  'The town council met on Tuesday evening to review the proposed budget for the coming year, and after a long discussion about road repairs, school funding and the new library wing, the members agreed to postpone the final vote until the March meeting.';

/** BUDGET with one word changed (Tuesday -> Wednesday): 43 words, LCS 42, similarity 84/86. */
export const BUDGET_WED = BUDGET.replace('Tuesday', 'Wednesday');

/** BUDGET plus a five-word sentence: 48 words, LCS with BUDGET 43, similarity 86/91. */
export const BUDGET_LONGER = `${BUDGET} Residents were invited to comment.`;

/** BUDGET hard-wrapped at other places. */
export const BUDGET_REWRAPPED =
  'The town council met on Tuesday evening to review the proposed\nbudget for the coming year, and after a long discussion about road\nrepairs, school funding and the new library wing, the members agreed\nto postpone the final vote until the March meeting.';

export const RIVER =
  'Heavy rain fell through the night across the northern valleys, and by morning the river had risen over its banks, flooding several farms and closing the only road to the village for almost two days while crews cleared the debris.';

export const BAKERY =
  'Nobody expected the small bakery on the corner of Elm Street to become famous, but within a year its sourdough bread was drawing long queues around the block every weekend and food critics from the capital were writing about it.';

const OPENING = 'The research team published its findings on Monday morning after years of careful work.';
/** Same opening sentence as OPEN_B, different rest. */
export const OPEN_A = `${OPENING} Their study followed two thousand patients over ten years and found that regular walking reduced the risk of heart disease by nearly a third.`;
/** Same opening sentence as OPEN_A, a different and longer rest. */
export const OPEN_B = `${OPENING} Critics quickly pointed out that the sample was drawn from one wealthy region, that the money came from a sportswear company, and that several earlier studies had reached very different conclusions about exercise and long term health.`;

/** Straight quotes and an ASCII hyphen. */
export const FESTIVAL =
  'The mayor said, "We will open the 12-day festival on Friday," and the crowd cheered loudly as she cut the ribbon in front of the old town hall.';
/** FESTIVAL re-typeset: curly quotes, U+2011 non-breaking hyphen, NBSP, re-wrapped with CRLF. */
export const FESTIVAL_TYPESET =
  'The mayor said, \u201cWe will open the 12\u2011day festival\r\non Friday,\u201d and the crowd cheered loudly as\u00a0she cut\r\nthe ribbon in front of the old town hall.';
/** FESTIVAL with curly quotes only (same bytes otherwise). */
export const FESTIVAL_CURLY = FESTIVAL.replace('"We', '\u201cWe').replace('Friday,"', 'Friday,\u201d');

/** Eight words, 30+ characters: below the default minWords (12). */
export const SHORT_CAT = 'The grey cat slept on the warm windowsill.';
export const SHORT_DOG = 'The grey dog slept on the warm windowsill.';

/** Shorter than the default minLength (20). */
export const TINY = 'Hi there.';
