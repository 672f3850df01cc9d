/**
 * Accuracy on the deterministic planted-copy corpus (bench/corpus.mjs): the same targets as
 * bench/eval.mjs, on a smaller corpus (a different seed from eval's default).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { scanTexts } from '../../src/index.js';
import {
  buildEvalCorpus,
  checkTargets,
  scoreResult,
  TARGETS,
  type CategoryScore,
  type EvalCorpus,
  type RecallCategory,
  type Score,
} from '../../bench/corpus.mjs';

const PER_CATEGORY = 120;

let corpus: EvalCorpus;
let score: Score;

beforeAll(async () => {
  corpus = buildEvalCorpus({ seed: 2, docs: 80, paragraphsPerDoc: 12, perCategory: PER_CATEGORY });
  const result = await scanTexts(corpus.documents.map((d) => ({ path: d.path, content: d.text })));
  score = scoreResult(result, corpus.truth);
});

const clip = (s: string): string => (s.length > 300 ? `${s.slice(0, 300)}…` : s);

function describeMisses(s: CategoryScore): string {
  return s.misses
    .slice(0, 3)
    .map(
      (m) =>
        `[${m.why}] ${JSON.stringify(m.planted.detail)}\n  A ${m.planted.original.path}:${m.planted.original.startLine}: ${clip(m.planted.original.text)}` +
        `\n  B ${m.planted.copy.path}:${m.planted.copy.startLine}: ${clip(m.planted.copy.text)}`,
    )
    .join('\n');
}

describe('accuracy on the planted-copy corpus', () => {
  it('plants at least 100 copies in every scored category', () => {
    for (const c of ['exact', 'retypeset', 'light', 'moderate', 'hardNegative'] as const) {
      expect(corpus.truth.counts[c], c).toBeGreaterThanOrEqual(100);
    }
  });

  it('splits the documents where the corpus placed its blocks', () => {
    expect(score.segmentation.mismatches, JSON.stringify(score.segmentation.examples)).toBe(0);
  });

  const recallCases: [RecallCategory, number][] = [
    ['exact', TARGETS.exact],
    ['retypeset', TARGETS.retypeset],
    ['light', TARGETS.light],
    ['moderate', TARGETS.moderate],
  ];
  it.each(recallCases)('%s copies: recall >= %s', (category, target) => {
    const s = score.categories[category];
    expect(s.recall, describeMisses(s)).toBeGreaterThanOrEqual(target);
  });

  it('never clusters a hard negative with the paragraph whose opening it shares', () => {
    const ex = score.hardNegative.examples
      .slice(0, 3)
      .map((e) => `${clip(e.planted.original.text)}\n  vs ${clip(e.planted.copy.text)}`)
      .join('\n');
    expect(score.hardNegative.falsePositives, ex).toBe(TARGETS.hardNegatives);
  });

  it(`precision of removed blocks >= ${TARGETS.precision}`, () => {
    const ex = score.precision.falsePositives
      .slice(0, 3)
      .map((f) => `kept ${f.kept.path}:${f.kept.startLine}: ${clip(f.kept.text)}\n  flagged ${f.flagged.path}:${f.flagged.startLine}: ${clip(f.flagged.text)}`)
      .join('\n');
    expect(score.precision.precision, ex).toBeGreaterThanOrEqual(TARGETS.precision);
  });

  it('meets every target (same check as bench/eval.mjs)', () => {
    expect(checkTargets(score)).toEqual([]);
  });
});
