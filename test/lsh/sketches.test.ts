import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nibbleMatches, packNibbles, SketchRows } from '../../src/lsh/sketches.js';
import { sketchMatches } from '../../src/fingerprint/minhash.js';
import { RowChunks } from '../../src/lsh/rows.js';

/** Positions where two signatures' low 4 bits agree, counted one by one. */
const lowNibblesAgree = (x: readonly number[], y: readonly number[]): number => x.reduce((n, v, p) => n + ((v & 15) === ((y[p] as number) & 15) ? 1 : 0), 0);

describe('packNibbles and nibbleMatches', () => {
  it('count the positions whose low 4 bits agree (property), at least those where the values agree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 160, maxLength: 160 }), fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }), (half, values, same) => {
        const n = 2 * half;
        const x = values.slice(0, n);
        // y copies x where `same` says so: those positions must count.
        const y = values.slice(80, 80 + n).map((v, p) => (same[p] ? (x[p] as number) : v));
        const px = new Uint8Array(half + 3);
        const py = new Uint8Array(half + 1);
        packNibbles(Uint8Array.from([7, ...x]), 1, 1, n, px.subarray(3));
        packNibbles(Uint8Array.from(y), 0, 1, n, py.subarray(1));
        const got = nibbleMatches(px, 3, py, 1, n);
        expect(got).toBe(lowNibblesAgree(x, y));
        expect(got).toBeGreaterThanOrEqual(x.filter((v, p) => v === y[p]).length);
      }),
    );
  });

  it('packs the even position into the low nibble', () => {
    const out = new Uint8Array(2);
    packNibbles(Uint8Array.of(0x1a, 0x2b, 0xf3, 0x04), 0, 1, 4, out);
    expect(Array.from(out)).toEqual([0xba, 0x43]);
  });
});

describe('SketchRows', () => {
  const row = (seed: number, positions: number): Uint8Array => Uint8Array.from({ length: positions }, (_, p) => (seed * 31 + p * (seed % 7)) & 255);

  it('stays 8-bit up to narrowAt rows, then packs every row, earlier ones too, across chunks (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 12 }), fc.constantFrom(1, 2, 8), (narrowAt, batches, chunkRows) => {
        const positions = 8;
        const sketches = new SketchRows(positions, chunkRows, narrowAt);
        const rows: Uint8Array[] = [];
        for (const size of batches) {
          const batch = new Uint8Array((size + 1) * positions);
          for (let r = 0; r < size; r++) {
            const one = row(rows.length + 1, positions);
            rows.push(one);
            batch.set(one, (r + 1) * positions);
          }
          sketches.pushRows(batch, positions, size);
        }
        expect(sketches.count).toBe(rows.length);
        expect(sketches.bits).toBe(rows.length > narrowAt ? 4 : 8);
        for (let i = 0; i < rows.length; i++) {
          for (let j = 0; j < rows.length; j += 3) {
            const x = Array.from(rows[i] as Uint8Array);
            const y = Array.from(rows[j] as Uint8Array);
            const want = sketches.bits === 4 ? lowNibblesAgree(x, y) : x.filter((v, p) => v === y[p]).length;
            expect(sketches.matches(i, j)).toBe(want);
          }
        }
      }),
    );
  });

  it('packs at half the bytes a row, in chunks of the same size', () => {
    const sketches = new SketchRows(128, 4, 2);
    sketches.pushRows(new Uint8Array(3 * 128), 0, 3);
    expect(sketches.bits).toBe(4);
    expect(sketches.rows.width).toBe(64);
    expect(sketches.rows.chunkRows).toBe(8);
    expect(sketches.matches(0, 2)).toBe(128);
    sketches.clear();
    expect(sketches.count).toBe(0);
  });

  it('wraps 8-bit rows already held, as sketchMatches reads them', () => {
    const rows = new RowChunks(4, (n) => new Uint8Array(n), 2);
    rows.push(Uint8Array.of(1, 2, 3, 4), 0);
    rows.push(Uint8Array.of(1, 9, 3, 20), 0);
    const sketches = SketchRows.wide(rows);
    expect(sketches.bits).toBe(8);
    expect(sketches.matches(0, 1)).toBe(sketchMatches(rows.chunkOf(0), rows.offsetOf(0), rows.chunkOf(1), rows.offsetOf(1), 4));
    expect(sketches.matches(0, 1)).toBe(2);
  });

  it('refuses an odd or empty width', () => {
    expect(() => new SketchRows(7, 4)).toThrow(RangeError);
    expect(() => new SketchRows(0, 4)).toThrow(RangeError);
  });
});
