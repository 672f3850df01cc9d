/**
 * Core data types shared by every stage of the pipeline.
 *
 * Offsets are 0-based UTF-8 byte offsets into the source's bytes (end exclusive);
 * lines are 1-based and inclusive. Nothing here is a wire format: the JSON
 * reporter has its own wire types in src/report/wire.ts.
 */

/** One input document: a display path and its exact bytes. */
export interface Source {
  /** Display path: as given by the user, POSIX separators; `<stdin>` for standard input. */
  readonly path: string;
  /**
   * The exact bytes of the document (never modified by dedupe). A scan's blocks
   * read their text from them: keep them unchanged while you use its result.
   */
  readonly bytes: Uint8Array;
}

/** A byte and line span inside a source. */
export interface Span {
  /** 0-based UTF-8 byte offset of the first byte (inclusive). */
  readonly startOffset: number;
  /** 0-based UTF-8 byte offset one past the last byte (exclusive). */
  readonly endOffset: number;
  /** 1-based line of the first byte. */
  readonly startLine: number;
  /** 1-based line of the last byte (inclusive). */
  readonly endLine: number;
}

/** The unit a document was split into. */
export type Unit = 'paragraph' | 'line' | 'sentence';
/** The unit requested by the user; `auto` resolves per document to paragraph or line. */
export type UnitOption = Unit | 'auto';

/** One block of text: a paragraph, line or sentence, with its exact span. */
export interface Block extends Span {
  /** Index of the source in the scan's inputs. */
  readonly source: number;
  /** 0-based position of the block in its source. */
  readonly index: number;
  /**
   * The block's text, decoded from its bytes (invalid UTF-8 shows as U+FFFD).
   * On the blocks a scan returns this is a getter that decodes the bytes when
   * read (most blocks' text is never needed): `block.text`, JSON.stringify and
   * util.inspect show it; an object spread or structuredClone does not carry it,
   * and it cannot be read through a Proxy.
   */
  readonly text: string;
}

/**
 * `exact`: every member normalizes to the same text; `near`: some member is
 * reworded; `boilerplate` (--boilerplate N): the same block in N or more
 * documents (this run's and the index's), removed everywhere, so no member is kept.
 */
export type ClusterKind = 'exact' | 'near' | 'boilerplate';

/** Where a block held by the persistent index (--index) was first seen, in an earlier run. */
export interface IndexedOrigin {
  readonly path: string;
  readonly line: number;
  /** ms since the epoch. */
  readonly firstSeen: number;
  /** The index's claim number. */
  readonly seq: number;
  /** In how many documents the index has seen it. */
  readonly documents: number;
}

/** A member of a duplicate cluster. */
export interface ClusterMember {
  /**
   * The block. For an indexed member (from an earlier run) it is a stand-in:
   * source and index -1, offsets 0, both lines the line it was first seen at,
   * text the stored text or ''.
   */
  readonly block: Block;
  /** Similarity to the kept member, 0..1 (1 for the kept member itself). */
  readonly similarity: number;
  /** True for exactly one member per exact/near cluster: the copy that is kept. None in a boilerplate cluster. */
  readonly keep: boolean;
  /** Set for the member that stands for a block held by the index (then keep is true). */
  readonly indexed?: IndexedOrigin;
}

/** A group of blocks that duplicate each other. Members are in input order (an indexed member first). */
export interface Cluster {
  /** 1-based, in order of the cluster's first member in input order. */
  readonly id: number;
  readonly kind: ClusterKind;
  readonly members: readonly ClusterMember[];
  /** boilerplate: in how many documents the block has been seen (this run and the index). */
  readonly documents?: number;
}

/** What was found in one source. */
export interface FileResult {
  readonly path: string;
  /** The unit the document was split into (auto resolved). */
  readonly unit: Unit;
  readonly blocks: readonly Block[];
  /** Number of this file's blocks that are duplicates to be removed (keep: false). */
  readonly duplicateBlocks: number;
}

export interface ScanSummary {
  readonly files: number;
  readonly blocks: number;
  readonly clusters: number;
  readonly duplicateBlocks: number;
}

/** The result of a scan: every file's blocks and the duplicate clusters. */
export interface ScanResult {
  readonly files: readonly FileResult[];
  readonly clusters: readonly Cluster[];
  readonly summary: ScanSummary;
}
