/**
 * Similarity as a whole percentage, shared by the reports. Rounded, except that
 * only a similarity of exactly 1 shows as 100%, so a near copy never looks identical.
 */
export function percent(similarity: number): number {
  const rounded = Math.round(similarity * 100);
  return rounded >= 100 && similarity < 1 ? 99 : rounded;
}

/**
 * "N% similar" or "LO–HI% similar" over a cluster's members. A loop, not
 * Math.min(...): clusters can have hundreds of thousands of members.
 */
export function similarityRange(members: readonly { readonly similarity: number }[]): string {
  let lo = 100;
  let hi = 0;
  for (const m of members) {
    const p = percent(m.similarity);
    lo = Math.min(lo, p);
    hi = Math.max(hi, p);
  }
  return lo === hi ? `${hi}% similar` : `${lo}–${hi}% similar`;
}
