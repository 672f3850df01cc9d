/** Types for bench/corpus.mjs (plain ESM JavaScript), so strict TypeScript tests can import it. */

export type Category = 'exact' | 'retypeset' | 'light' | 'moderate' | 'boilerplate' | 'boilerplateShort' | 'hardNegative';
export type RecallCategory = Exclude<Category, 'hardNegative'>;
export type BlockKind = 'header' | 'original' | 'copy' | 'hardNegative' | 'boilerplate';

/** Where a placed block is: 1-based inclusive lines, 0-based ordinal among the document's blocks. */
export interface Location {
  readonly id: number;
  readonly path: string;
  readonly ordinal: number;
  readonly startLine: number;
  readonly endLine: number;
  /** The block's text exactly as written into the document. */
  readonly text: string;
}

export interface TruthBlock extends Location {
  readonly kind: BlockKind;
}

export interface Planted {
  readonly id: number;
  readonly category: Category;
  readonly original: Location;
  readonly copy: Location;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface Truth {
  readonly seed: number;
  readonly options: {
    readonly docs: number;
    readonly paragraphsPerDoc: number;
    readonly perCategory: number;
    readonly styles: Readonly<Record<string, number>>;
  };
  readonly originals: number;
  readonly synthesized: number;
  readonly styles: Readonly<Record<string, number>>;
  readonly blocks: readonly TruthBlock[];
  readonly planted: readonly Planted[];
  readonly counts: Readonly<Record<Category, number>>;
}

export interface Document {
  readonly path: string;
  readonly text: string;
}

export interface EvalCorpus {
  readonly documents: readonly Document[];
  readonly truth: Truth;
}

export interface CorpusOptions {
  seed?: number;
  docs?: number;
  /** Mean paragraphs per document (each document gets 0.5x..1.5x). */
  paragraphsPerDoc?: number;
  /** Planted copies per category; default 5% of the original paragraphs. */
  perCategory?: number;
  counts?: Partial<Record<'exact' | 'retypeset' | 'light' | 'moderate' | 'hardNegative', number>>;
  /** Layout mix, e.g. { blank: 0.45, wrapped: 0.2, lines: 0.35 }. */
  styles?: Partial<Record<'blank' | 'wrapped' | 'lines', number>>;
  footerRate?: number;
  inlineRate?: number;
  synthesize?: boolean;
  pathPrefix?: string;
}

export interface SourceParagraph {
  readonly text: string;
  readonly source: string;
  readonly sentences: readonly string[];
  readonly words: number;
}

/** The parts of a dedupe ScanResult that scoring reads (ScanResult is assignable to it). */
export interface ScoredBlock {
  readonly source: number;
  readonly index: number;
  readonly startLine: number;
  readonly endLine: number;
  readonly text: string;
}
export interface ScoredResult {
  readonly files: readonly { readonly path: string; readonly blocks: readonly ScoredBlock[] }[];
  readonly clusters: readonly {
    readonly id: number;
    readonly members: readonly { readonly block: ScoredBlock; readonly similarity: number; readonly keep: boolean }[];
  }[];
}

export interface Miss {
  readonly planted: Planted;
  readonly why: 'block not located' | 'copy in no cluster' | 'original in no cluster' | 'different clusters';
}
export interface CategoryScore {
  readonly planted: number;
  readonly found: number;
  readonly recall: number;
  readonly misses: readonly Miss[];
}
export interface SideText {
  readonly path: string;
  readonly startLine: number;
  readonly text: string;
}
export interface Score {
  readonly categories: Readonly<Record<RecallCategory, CategoryScore>>;
  readonly hardNegative: {
    readonly planted: number;
    readonly falsePositives: number;
    readonly examples: readonly { readonly planted: Planted; readonly similarity: number | null }[];
  };
  readonly precision: {
    readonly flagged: number;
    readonly correct: number;
    readonly precision: number;
    readonly falsePositives: readonly {
      readonly cluster: number;
      readonly similarity: number;
      readonly flagged: SideText;
      readonly kept: SideText;
    }[];
  };
  readonly segmentation: {
    readonly blocks: number;
    readonly mismatches: number;
    readonly examples: readonly unknown[];
  };
  readonly clusters: number;
}

export interface Targets {
  readonly exact: number;
  readonly retypeset: number;
  readonly light: number;
  readonly moderate: number;
  readonly precision: number;
  readonly hardNegatives: number;
}

export const CATEGORIES: readonly Category[];
export const TARGETS: Readonly<Targets>;

export function mulberry32(seed: number): () => number;
export function shuffle<T>(arr: T[], next: () => number): T[];
export function normalizeForCompare(s: string): string;
export function splitSentences(paragraph: string): string[];
export function wrapText(text: string, width: number): string;
export function loadSourcePool(): { readonly paragraphs: readonly SourceParagraph[]; readonly vocabulary: readonly string[] };
export function buildEvalCorpus(options?: CorpusOptions): EvalCorpus;
export function concatCorpus(corpus: EvalCorpus, outPath: string): EvalCorpus;
export function scoreResult(result: ScoredResult, truth: Truth): Score;
export function checkTargets(score: Score, targets?: Targets): string[];
export function pairStats(a: string, b: string): { words: [number, number]; lcsRatio: number; jaccard3: number };
