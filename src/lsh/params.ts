/**
 * LSH banding parameters. A pair with shingle Jaccard s becomes a candidate with
 * probability P(s) = 1 - (1 - s^r)^b. We want recall first: among the (b, r)
 * with b*r <= numPerm for which P(candidate level) >= `recall`, the one with the
 * most rows per band (fewest chance candidates) and then the most bands.
 *
 * (datasketch's weighted-area optimum picks b=32, r=4 at our default level 0.455,
 * which makes only 87% of pairs at Jaccard 0.5 candidates: too few for recall.)
 */

export interface LshParams {
  readonly bands: number;
  readonly rows: number;
}

/** Probability that a pair with Jaccard `s` shares at least one band. */
export function candidateProbability(s: number, p: LshParams): number {
  return 1 - (1 - s ** p.rows) ** p.bands;
}

export function chooseParams(level: number, numPerm: number, recall = 0.98): LshParams {
  for (let rows = numPerm; rows >= 1; rows--) {
    const bands = Math.floor(numPerm / rows);
    if (bands < 1) continue;
    const p = { bands, rows };
    if (candidateProbability(level, p) >= recall) return p;
  }
  return { bands: numPerm, rows: 1 };
}

/**
 * The shingle-Jaccard level at which candidates are wanted for a given word-level
 * similarity threshold. Word-bigram Jaccard falls faster than the word-level
 * similarity (one changed word breaks two bigrams), so candidates are sought well
 * below the verification threshold: measured on edited real paragraphs, pairs at
 * word similarity 0.7 from a dropped sentence have bigram Jaccard near 0.5, and
 * 15% word edits near 0.55.
 */
export function candidateLevel(threshold: number): number {
  return Math.min(0.95, Math.max(0.05, threshold * 0.65));
}
