/**
 * Blocks as columns of numbers rather than objects. A scan of a 2 GB input has
 * millions of blocks, and an object each (with the arrays holding it) took
 * about 100 bytes a block; here a block is four 32-bit numbers (a source of
 * 4 GiB or more: 64-bit). Block objects are made when asked for (the
 * reported duplicates, a library caller reading `files[].blocks`), once each.
 */
import { touch } from '../input/mapped.js';
import type { Block, FileResult, Unit } from '../types.js';

const utf8 = new TextDecoder('utf-8');

/** The text of bytes[start, end), decoded (a mapped input is told the bytes were read). */
function decoded(bytes: Uint8Array, start: number, end: number): string {
  touch(bytes, end - start, true);
  return utf8.decode(bytes.subarray(start, end));
}

/** The byte spans of one file's blocks, in order (what stripping reads). */
export interface SpanColumns {
  readonly length: number;
  startOf(k: number): number;
  endOf(k: number): number;
}

/** Where each block of a run is, by id: what the per-block work and the exact matching read. */
export interface BlockSpans extends SpanColumns {
  sourceOf(id: number): number;
  /** The block's text: its bytes decoded, or its own (a sentence's is cut from its paragraph's text). */
  textOf(id: number): string;
}

/** BlockSpans over Block objects (blocks[id] is block id). */
export function spansOf(blocks: readonly Block[]): BlockSpans {
  return { ...spanColumns(blocks), sourceOf: (id) => (blocks[id] as Block).source, textOf: (id) => (blocks[id] as Block).text };
}

/** Numbers per block in SplitBlocks' columns: start and end offset, start and end line. */
const STRIDE = 4;

/** The blocks one split made of one source, block k at position k (Block.index k). */
export class SplitBlocks implements SpanColumns {
  readonly bytes: Uint8Array;
  readonly source: number;
  #cols: Uint32Array | Float64Array;
  #length = 0;
  /** Each block's own text (sentences), else null: a block's text is its bytes decoded. */
  readonly #texts: string[] | null;
  /** The Block objects made so far (made: one per block, so that they are the same object each time). */
  #made: (Block | undefined)[] | undefined;
  #madeAll = false;

  constructor(bytes: Uint8Array, source: number, capacity: number, ownTexts = false) {
    this.bytes = bytes;
    this.source = source;
    this.#cols = SplitBlocks.#columns(bytes.length, Math.max(capacity, 1));
    this.#texts = ownTexts ? [] : null;
  }

  /** 32-bit columns while every offset and line number fits (sources under 4 GiB). */
  static #columns(sourceBytes: number, blocks: number): Uint32Array | Float64Array {
    return sourceBytes < 2 ** 32 ? new Uint32Array(blocks * STRIDE) : new Float64Array(blocks * STRIDE);
  }

  get length(): number {
    return this.#length;
  }

  /** Appends a block (its text only for a split with own texts). */
  push(startOffset: number, endOffset: number, startLine: number, endLine: number, text?: string): void {
    let cols = this.#cols;
    const at = this.#length * STRIDE;
    if (at + STRIDE > cols.length) {
      const grown = SplitBlocks.#columns(this.bytes.length, Math.max(1, 2 * (cols.length / STRIDE)));
      grown.set(cols);
      this.#cols = cols = grown;
    }
    cols[at] = startOffset;
    cols[at + 1] = endOffset;
    cols[at + 2] = startLine;
    cols[at + 3] = endLine;
    this.#texts?.push(text ?? '');
    this.#length++;
  }

  /** Gives back the columns' unused room (after the last push). */
  trim(): this {
    // (Only when there is much of it: the copy costs time, and a split's first guess is most often right.)
    const used = this.#length * STRIDE;
    if (used < this.#cols.length * 0.875) this.#cols = this.#cols.slice(0, used);
    return this;
  }

  startOf(k: number): number {
    return this.#cols[k * STRIDE] as number;
  }

  endOf(k: number): number {
    return this.#cols[k * STRIDE + 1] as number;
  }

  startLineOf(k: number): number {
    return this.#cols[k * STRIDE + 2] as number;
  }

  endLineOf(k: number): number {
    return this.#cols[k * STRIDE + 3] as number;
  }

  textOf(k: number): string {
    return this.#texts?.[k] ?? decoded(this.bytes, this.startOf(k), this.endOf(k));
  }

  /** Block k as an object (the same object each time). */
  at(k: number): Block {
    if (k < 0 || k >= this.#length) throw new RangeError(`block ${k} of ${this.#length}`);
    this.#made ??= new Array<Block | undefined>(this.#length);
    let block = this.#made[k];
    if (block === undefined) {
      block = this.#make(k);
      this.#made[k] = block;
    }
    return block;
  }

  /** Block k as at() gives it, without keeping a new object: the one at() made, else one made for this use. */
  peek(k: number): Block {
    if (k < 0 || k >= this.#length) throw new RangeError(`block ${k} of ${this.#length}`);
    return this.#made?.[k] ?? this.#make(k);
  }

  #make(k: number): Block {
    const [s, e, l1, l2] = [this.startOf(k), this.endOf(k), this.startLineOf(k), this.endLineOf(k)];
    const own = this.#texts?.[k];
    return own === undefined
      ? new SpanBlock(this.bytes, this.source, k, s, e, l1, l2)
      : { source: this.source, index: k, startOffset: s, endOffset: e, startLine: l1, endLine: l2, text: own };
  }

  /** Every block as an object, in order (made once). */
  all(): readonly Block[] {
    if (!this.#madeAll) {
      for (let k = 0; k < this.#length; k++) this.at(k);
      this.#made ??= [];
      this.#madeAll = true;
    }
    return this.#made as Block[];
  }
}

/** The blocks of a run's splits, by id: the first source's first, then the next source's. */
export class RunBlocks implements BlockSpans {
  readonly length: number;
  readonly #splits: readonly SplitBlocks[];
  /** Source of each block. */
  readonly #sourceOf: Uint16Array | Int32Array;
  /** Id of each source's first block. */
  readonly #first: Float64Array;

  constructor(splits: readonly SplitBlocks[]) {
    this.#splits = splits;
    let n = 0;
    this.#first = new Float64Array(splits.length);
    splits.forEach((s, i) => {
      this.#first[i] = n;
      n += s.length;
    });
    this.length = n;
    this.#sourceOf = splits.length <= 1 << 16 ? new Uint16Array(n) : new Int32Array(n);
    splits.forEach((s, i) => this.#sourceOf.fill(i, this.#first[i] as number, (this.#first[i] as number) + s.length));
  }

  sourceOf(id: number): number {
    return this.#sourceOf[id] as number;
  }

  /** The split of block id's source and id's position in it. */
  #split(id: number): SplitBlocks {
    return this.#splits[this.#sourceOf[id] as number] as SplitBlocks;
  }

  #local(id: number): number {
    return id - (this.#first[this.#sourceOf[id] as number] as number);
  }

  startOf(id: number): number {
    return this.#split(id).startOf(this.#local(id));
  }

  endOf(id: number): number {
    return this.#split(id).endOf(this.#local(id));
  }

  startLineOf(id: number): number {
    return this.#split(id).startLineOf(this.#local(id));
  }

  /** The bytes of block id's source. */
  bytesOf(id: number): Uint8Array {
    return this.#split(id).bytes;
  }

  textOf(id: number): string {
    return this.#split(id).textOf(this.#local(id));
  }

  /** Block id as an object (the same as its file's `blocks` holds). */
  block(id: number): Block {
    if (id < 0 || id >= this.length) throw new RangeError(`block ${id} of ${this.length}`);
    return this.#split(id).at(this.#local(id));
  }

  /** Block id as block() gives it, without keeping a new object (see SplitBlocks.peek). */
  peek(id: number): Block {
    if (id < 0 || id >= this.length) throw new RangeError(`block ${id} of ${this.length}`);
    return this.#split(id).peek(this.#local(id));
  }
}

/** The columns behind each FileResult made by fileResult. */
const columnsOfFile = new WeakMap<FileResult, SplitBlocks>();

/**
 * A file's result whose `blocks` are made the first time they are read (an
 * enumerable getter; set, it becomes a plain property, and stripping then reads
 * what was set). util.inspect shows the blocks, as it would a plain property.
 */
export function fileResult(path: string, unit: Unit, blocks: SplitBlocks, duplicateBlocks: number): FileResult {
  const file = {
    path,
    unit,
    get blocks(): readonly Block[] {
      return blocks.all();
    },
    set blocks(value: readonly Block[]) {
      Object.defineProperty(this, 'blocks', { value, enumerable: true, writable: true, configurable: true });
      columnsOfFile.delete(this);
    },
    duplicateBlocks,
  };
  Object.defineProperty(file, Symbol.for('nodejs.util.inspect.custom'), {
    value: (): FileResult => ({ path: file.path, unit: file.unit, blocks: file.blocks, duplicateBlocks: file.duplicateBlocks }),
  });
  columnsOfFile.set(file, blocks);
  return file;
}

/** Number of blocks of a file's result, without making its Block objects. */
export function blockCount(file: FileResult): number {
  return columnsOfFile.get(file)?.length ?? file.blocks.length;
}

/** The columns of a file's blocks, for a file of a scan's result (else undefined). */
export function scannedColumns(file: FileResult): SpanColumns | undefined {
  return columnsOfFile.get(file);
}

/** SpanColumns over spans given as objects. */
export function spanColumns(spans: readonly { readonly startOffset: number; readonly endOffset: number }[]): SpanColumns {
  return {
    length: spans.length,
    startOf: (k) => (spans[k] as { startOffset: number }).startOffset,
    endOf: (k) => (spans[k] as { endOffset: number }).endOffset,
  };
}

/**
 * A block whose text is its bytes decoded, each time it is read: most blocks'
 * text is never read (the per-block work reads the bytes; reports read the
 * duplicates'), and decoding every block would copy the whole input into strings
 * (49 MB run: 10% of the time). `text` is a getter on the prototype: `block.text`,
 * JSON.stringify (toJSON) and util.inspect show it; an object spread or
 * structuredClone does not carry it. The bytes are a private field, so deep
 * comparisons of results do not walk the input. The input's bytes must stay as
 * they are while the block is used. Setting `text` makes it a plain property.
 */
export class SpanBlock implements Block {
  readonly source: number;
  readonly index: number;
  readonly startOffset: number;
  readonly endOffset: number;
  readonly startLine: number;
  readonly endLine: number;
  readonly #bytes: Uint8Array;

  constructor(bytes: Uint8Array, source: number, index: number, startOffset: number, endOffset: number, startLine: number, endLine: number) {
    this.source = source;
    this.index = index;
    this.startOffset = startOffset;
    this.endOffset = endOffset;
    this.startLine = startLine;
    this.endLine = endLine;
    this.#bytes = bytes;
  }

  get text(): string {
    // Read through an object made with Object.create(block), the block is up its prototype chain.
    let block: object | null = this;
    while (block !== null && !(#bytes in block)) block = Object.getPrototypeOf(block) as object | null;
    if (block === null) throw new TypeError('a block\'s text cannot be read through a Proxy; read it from the block (or its JSON)');
    const b = block as SpanBlock;
    return decoded(b.#bytes, b.startOffset, b.endOffset);
  }

  /**
   * The text of the first `bytes` bytes of `block` (cut before a character, so
   * that it is what block.text starts with), when it is a block a split made
   * and has no text of its own; else undefined.
   */
  static headOf(block: Block, bytes: number): string | undefined {
    if (!(#bytes in block) || Object.hasOwn(block, 'text')) return undefined;
    const b = block.#bytes;
    let end = Math.min(block.endOffset, block.startOffset + bytes);
    // A continuation byte after the cut: the character goes on; cut before it.
    while (end > block.startOffset && end < block.endOffset && ((b[end] as number) & 0xc0) === 0x80) end--;
    return decoded(b, block.startOffset, end);
  }

  set text(value: string) {
    Object.defineProperty(this, 'text', { value, enumerable: true, writable: true, configurable: true });
  }

  toJSON(): Block {
    const { source, index, startOffset, endOffset, startLine, endLine, text } = this;
    return { source, index, startOffset, endOffset, startLine, endLine, text };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): Block {
    return this.toJSON();
  }
}

