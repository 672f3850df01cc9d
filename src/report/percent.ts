/**
 * Similarity as a whole percentage, shared by the reports. Rounded, except that
 * only a similarity of exactly 1 shows as 100%, so a near copy never looks identical.
 */
export function percent(similarity: number): number {
  const rounded = Math.round(similarity * 100);
  return rounded >= 100 && similarity < 1 ? 99 : rounded;
}
