/**
 * A scan's clusters as columns: per cluster its kind, documents and first
 * member; per member its block id, similarity and keep flag (13 bytes a member,
 * 9 a cluster). A result's Cluster and ClusterMember objects (about 150 bytes a
 * reported block, with the block's object) are made from them only when
 * `result.clusters` is read; the CLI's reports, stripping and gates read the
 * columns through eachCluster instead, one cluster's objects at a time, so that
 * a run reporting millions of blocks never holds them all.
 */
import type { Block, Cluster, ClusterKind, ClusterMember, FileResult, ScanResult, ScanSummary } from '../types.js';

/** Values per chunk of a Column (a power of two). */
const CHUNK_SHIFT = 16;
const CHUNK = 1 << CHUNK_SHIFT;
const MASK = CHUNK - 1;

/** Numbers appended one by one, in chunks: growing never copies what is held. */
class Column<A extends Int32Array | Float64Array | Uint8Array> {
  readonly #chunks: A[] = [];
  #count = 0;
  readonly #make: (length: number) => A;

  constructor(make: (length: number) => A) {
    this.#make = make;
  }

  get count(): number {
    return this.#count;
  }

  push(value: number): void {
    const slot = this.#count & MASK;
    if (slot === 0) this.#chunks.push(this.#make(CHUNK));
    (this.#chunks[this.#count >>> CHUNK_SHIFT] as A)[slot] = value;
    this.#count++;
  }

  at(i: number): number {
    return (this.#chunks[i >>> CHUNK_SHIFT] as A)[i & MASK] as number;
  }
}

const KINDS: readonly ClusterKind[] = ['exact', 'near', 'boilerplate'];

/** Clusters appended one by one: `open` a cluster, then `member` for each of its members in order. */
export class ClusterTable {
  readonly #kind = new Column((n) => new Uint8Array(n));
  /** -1: none (the cluster is not boilerplate). */
  readonly #documents = new Column((n) => new Int32Array(n));
  readonly #first = new Column((n) => new Int32Array(n));
  readonly #id = new Column((n) => new Int32Array(n));
  readonly #similarity = new Column((n) => new Float64Array(n));
  readonly #keep = new Column((n) => new Uint8Array(n));

  /** Clusters held. */
  get length(): number {
    return this.#kind.count;
  }

  /** Member slots held, in all clusters. */
  get members(): number {
    return this.#id.count;
  }

  /** Starts a cluster; `documents` is given for a boilerplate cluster only. */
  open(kind: ClusterKind, documents?: number): void {
    if ((kind === 'boilerplate') !== (documents !== undefined)) throw new RangeError(`ClusterTable: documents are given for boilerplate clusters only (${kind})`);
    this.#kind.push(KINDS.indexOf(kind));
    this.#documents.push(documents ?? -1);
    this.#first.push(this.#id.count);
  }

  /** Appends a member (block id) to the cluster opened last. */
  member(id: number, keep: boolean, similarity: number): void {
    if (this.length === 0) throw new RangeError('ClusterTable: a member before any cluster');
    this.#id.push(id);
    this.#similarity.push(similarity);
    this.#keep.push(keep ? 1 : 0);
  }

  /** Cluster c (0-based; its id is c + 1) as objects, with its members' blocks from `blockOf`. */
  cluster(c: number, blockOf: (id: number) => Block): Cluster {
    if (!Number.isInteger(c) || c < 0 || c >= this.length) throw new RangeError(`ClusterTable: cluster ${c} of ${this.length}`);
    const end = c + 1 < this.length ? this.#first.at(c + 1) : this.#id.count;
    const members: ClusterMember[] = [];
    for (let m = this.#first.at(c); m < end; m++) {
      members.push({ block: blockOf(this.#id.at(m)), keep: this.#keep.at(m) === 1, similarity: this.#similarity.at(m) });
    }
    const kind = KINDS[this.#kind.at(c)] as ClusterKind;
    const documents = this.#documents.at(c);
    return documents < 0 ? { id: c + 1, kind, members } : { id: c + 1, kind, documents, members };
  }
}

/** How a result's blocks are found, for its clusters: once made (the file's) or made for one use. */
export interface TableBlocks {
  /** The block's object, the same as its file's `blocks` holds (made and kept). */
  block(id: number): Block;
  /** The block as block() gives it, without keeping a new object (one made already is given). */
  peek(id: number): Block;
}

interface Entry {
  readonly table: ClusterTable;
  readonly blocks: TableBlocks;
}

/** The columns behind each ScanResult made by tableResult, until its clusters are made or set. */
const tables = new WeakMap<ScanResult, Entry>();

/**
 * A scan's result whose `clusters` are made from `table` the first time they
 * are read (an enumerable getter, as FileResult's blocks; set, it becomes a
 * plain property). util.inspect shows them, as it would a plain property.
 */
export function tableResult(files: readonly FileResult[], table: ClusterTable, blocks: TableBlocks, summary: ScanSummary): ScanResult {
  const result = {
    files,
    get clusters(): readonly Cluster[] {
      const made: Cluster[] = [];
      for (let c = 0; c < table.length; c++) made.push(table.cluster(c, (id) => blocks.block(id)));
      setClusters(this, made);
      return made;
    },
    set clusters(value: readonly Cluster[]) {
      setClusters(this, value);
    },
    summary,
  };
  Object.defineProperty(result, Symbol.for('nodejs.util.inspect.custom'), {
    value: (): ScanResult => ({ files: result.files, clusters: result.clusters, summary: result.summary }),
  });
  tables.set(result, { table, blocks });
  return result;
}

function setClusters(result: object, value: readonly Cluster[]): void {
  Object.defineProperty(result, 'clusters', { value, enumerable: true, writable: true, configurable: true });
  tables.delete(result as ScanResult);
}

/**
 * The clusters of a result, in order: its `clusters` once they are made (or for
 * a result not made by tableResult), else made from its columns one at a time
 * (each cluster's objects are let go when the next is asked for; its blocks are
 * the files' objects where those were made, else made for this use).
 */
export function* eachCluster(result: ScanResult): Generator<Cluster> {
  const entry = tables.get(result);
  if (entry === undefined) {
    yield* result.clusters;
    return;
  }
  const blockOf = (id: number): Block => entry.blocks.peek(id);
  for (let c = 0; c < entry.table.length; c++) yield entry.table.cluster(c, blockOf);
}

/** Number of clusters of a result, without making them. */
export function clusterCount(result: ScanResult): number {
  return tables.get(result)?.table.length ?? result.clusters.length;
}
