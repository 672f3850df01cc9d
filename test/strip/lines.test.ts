import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripTexts } from '../../src/api.js';
import { ExactLineStripper } from '../../src/strip/lines.js';

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { ignoreBOM: true });

/** Runs the streaming stripper over inputs, each cut into chunks at the given sizes (cycled). */
async function streamed(inputs: readonly Uint8Array[], cuts: readonly number[] = [1 << 16]): Promise<Uint8Array[]> {
  const stripper = new ExactLineStripper();
  const outputs: Uint8Array[] = [];
  for (const input of inputs) {
    const chunks: Uint8Array[] = [];
    for (let at = 0, k = 0; at < input.length; k++) {
      const size = Math.max(1, cuts[k % cuts.length] as number);
      chunks.push(input.slice(at, at + size));
      at += size;
    }
    const parts: Uint8Array[] = [];
    await stripper.strip(chunks, (b) => {
      parts.push(b.slice());
    });
    outputs.push(Buffer.concat(parts));
  }
  return outputs;
}

/** The general path: split into whole lines, match exactly on bytes, strip by spans. */
async function general(inputs: readonly Uint8Array[]): Promise<Uint8Array[]> {
  const out = await stripTexts(
    inputs.map((content, i) => ({ path: `in${i}.txt`, content })),
    { unit: 'line', exact: true, raw: true },
  );
  return out.map((o) => (typeof o === 'string' ? enc.encode(o) : o));
}

const text = async (s: string, cuts?: number[]): Promise<string> => dec.decode((await streamed([enc.encode(s)], cuts))[0]);

describe('ExactLineStripper', () => {
  it('keeps the first copy of every line, in order', async () => {
    expect(await text('b\na\nb\nc\na\n')).toBe('b\na\nc\n');
  });

  it('compares whole lines: white space and case count, blank lines are lines', async () => {
    expect(await text('a\n a\na \nA\na\n\n\nx\n')).toBe('a\n a\na \nA\n\nx\n');
  });

  it('keeps CRLF line endings, and a CRLF line equals the same line with LF', async () => {
    expect(await text('one\r\ntwo\r\none\r\nthree\r\n')).toBe('one\r\ntwo\r\nthree\r\n');
    // The last kept line ends as the input does.
    expect(await text('one\r\none\n')).toBe('one\n');
  });

  it('a lone CR at the end is not compared, and stays or goes with its line', async () => {
    expect(await text('a\nb\r')).toBe('a\nb\r');
    expect(await text('a\na\r')).toBe('a');
  });

  it('keeps a missing final newline: the output ends as the input does', async () => {
    expect(await text('a\nb\na')).toBe('a\nb');
    expect(await text('a\nb\nc')).toBe('a\nb\nc');
    expect(await text('a\nb\na\n')).toBe('a\nb\n');
  });

  it('keeps a byte-order mark out of the first line', async () => {
    expect(await text('\ufeffa\nb\na\n')).toBe('\ufeffa\nb\n');
    expect(await text('\ufeff')).toBe('\ufeff');
    expect(await text('')).toBe('');
  });

  it('removes a line seen in an earlier input; an input of nothing but copies keeps its end', async () => {
    const [first, second, third] = (await streamed([enc.encode('a\nb\n'), enc.encode('b\nc\na\n'), enc.encode('a\nb')])).map((b) => dec.decode(b));
    expect(first).toBe('a\nb\n');
    expect(second).toBe('c\n');
    expect(third).toBe('');
  });

  it('gives the same bytes whatever the chunk sizes, lines longer than any chunk included', async () => {
    const long = 'x'.repeat(300_000);
    const input = `${long}\nshort\n${long}\nshort\r\nend`;
    const expected = `${long}\nshort\nend`;
    expect(await text(input)).toBe(expected);
    expect(await text(input, [1])).toBe(expected);
    expect(await text(input, [7, 1, 65_536, 3])).toBe(expected);
  });

  it('counts lines and removed lines', async () => {
    const stripper = new ExactLineStripper();
    const stats = await stripper.strip([enc.encode('a\na\nb\n\n\n')], () => undefined);
    expect(stats).toEqual({ lines: 5, removed: 2 });
    expect(stripper.distinct).toBe(3);
  });

  it('property: the same bytes as the general path (split, match, strip by spans), for any chunking', async () => {
    const piece = fc.constantFrom('a', 'b', 'ab', ' ', '\n', '\n', '\r', '\r\n', '\ufeff', 'é', '\t', '\xff');
    const doc = fc.array(piece, { maxLength: 30 }).map((p) => {
      const s = p.join('');
      // '\xff' stands for an invalid UTF-8 byte.
      const bytes = enc.encode(s.replace(/\xff/g, '\u0001'));
      return bytes.map((b) => (b === 1 ? 0xff : b));
    });
    await fc.assert(
      fc.asyncProperty(fc.array(doc, { minLength: 1, maxLength: 3 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }), async (docs, cuts) => {
        const a = await streamed(docs, cuts);
        const b = await general(docs);
        expect(a.map((x) => Buffer.from(x).toString('latin1'))).toEqual(b.map((x) => Buffer.from(x).toString('latin1')));
      }),
      { numRuns: 300 },
    );
  });

  it('property: stripping twice equals stripping once', async () => {
    const doc = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r\n'), { maxLength: 30 }).map((p) => enc.encode(p.join('')));
    await fc.assert(
      fc.asyncProperty(doc, async (d) => {
        const once = (await streamed([d]))[0] as Uint8Array;
        const twice = (await streamed([once]))[0] as Uint8Array;
        expect(Buffer.from(twice).equals(Buffer.from(once))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  const hasMawk = spawnSync('mawk', ['-W', 'version']).status === 0;
  it.skipIf(!hasMawk)("gives awk '!seen[$0]++' output on LF text that ends with a newline", async () => {
    const doc = fc.array(fc.constantFrom('a', 'b', 'ab', ' ', 'é', '\n', '\n'), { maxLength: 40 }).map((p) => `${p.join('')}\n`);
    await fc.assert(
      fc.asyncProperty(doc, async (d) => {
        const awk = spawnSync('mawk', ['!seen[$0]++'], { input: Buffer.from(d, 'utf8'), encoding: 'latin1' }).stdout;
        expect(Buffer.from((await streamed([enc.encode(d)]))[0] as Uint8Array).toString('latin1')).toBe(awk);
      }),
      { numRuns: 50 },
    );
  });
});
