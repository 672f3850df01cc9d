import fc from 'fast-check';
import murmur from 'murmurhash3js-revisited';
import { describe, expect, it } from 'vitest';
import { hash128 } from '../../src/fingerprint/hash128.js';
import { HashSet128 } from '../../src/fingerprint/hashset128.js';

function hex(bytes: Uint8Array, seed = 0): string {
  const out = new Int32Array(4);
  hash128(bytes, 0, bytes.length, out, seed);
  return Array.from(out, (w) => (w >>> 0).toString(16).padStart(8, '0')).join('');
}

describe('hash128 (MurmurHash3 x86_128)', () => {
  it('matches the reference port on every length from 0 to 64 and on random bytes and seeds', () => {
    for (let n = 0; n <= 64; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(hex(bytes), `length ${n}`).toBe(murmur.x86.hash128(bytes));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(), (bytes, seed) => {
        expect(hex(bytes, seed)).toBe(murmur.x86.hash128(bytes, seed));
      }),
      { numRuns: 300 },
    );
  });

  it('hashes a range: the same bytes give the same hash at any offset', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 7 }), (bytes, before) => {
        const padded = new Uint8Array(before.length + bytes.length + 3);
        padded.set(before);
        padded.set(bytes, before.length);
        const a = new Int32Array(4);
        const b = new Int32Array(4);
        hash128(bytes, 0, bytes.length, a);
        hash128(padded, before.length, before.length + bytes.length, b);
        expect(Array.from(b)).toEqual(Array.from(a));
      }),
    );
  });
});

describe('HashSet128', () => {
  const h = (a: number, b: number, c: number, d: number): Int32Array => Int32Array.of(a, b, c, d);

  it('adds once: true for a new hash, false for one it holds', () => {
    const set = new HashSet128();
    expect(set.add(h(1, 2, 3, 4))).toBe(true);
    expect(set.add(h(1, 2, 3, 4))).toBe(false);
    expect(set.add(h(1, 2, 3, 5))).toBe(true); // the same first words do not make it the same hash
    expect(set.has(h(1, 2, 3, 5))).toBe(true);
    expect(set.has(h(9, 2, 3, 5))).toBe(false);
    expect(set.size).toBe(2);
  });

  it('holds the all-zero hash (the empty-slot marker) apart', () => {
    const set = new HashSet128();
    expect(set.has(h(0, 0, 0, 0))).toBe(false);
    expect(set.add(h(0, 0, 0, 0))).toBe(true);
    expect(set.add(h(0, 0, 0, 0))).toBe(false);
    expect(set.add(h(0, 0, 0, 1))).toBe(true);
    expect(set.size).toBe(2);
  });

  // Regression: add() took an empty slot for a mismatch when the first word was 0, and probed forever.
  it('adds hashes whose first word is 0', () => {
    const set = new HashSet128();
    expect(set.add(h(0, 5, 0, 0))).toBe(true);
    expect(set.add(h(0, 6, 1, 0))).toBe(true);
    expect(set.add(h(0, 5, 0, 0))).toBe(false);
    expect(set.size).toBe(2);
  });

  it('answers like a Set of the hashes through many resizes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer(), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 })), { maxLength: 3000 }), (hashes) => {
        const set = new HashSet128();
        const reference = new Set<string>();
        for (const [a, b, c, d] of hashes) {
          const key = `${a},${b},${c},${d}`;
          expect(set.add(h(a, b, c, d))).toBe(!reference.has(key));
          reference.add(key);
        }
        expect(set.size).toBe(reference.size);
        for (const [a, b, c, d] of hashes) expect(set.has(h(a, b, c, d))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('takes 200,000 hashes, growing from its smallest size, and keeps every one', () => {
    const set = new HashSet128();
    const out = new Int32Array(4);
    const bytes = new Uint8Array(4);
    const view = new DataView(bytes.buffer);
    let added = 0;
    for (let i = 0; i < 200_000; i++) {
      view.setUint32(0, i);
      hash128(bytes, 0, 4, out);
      if (set.add(out)) added++;
    }
    expect(added).toBe(200_000);
    expect(set.size).toBe(200_000);
    let again = 0;
    for (let i = 0; i < 200_000; i += 997) {
      view.setUint32(0, i);
      hash128(bytes, 0, 4, out);
      if (set.add(out)) again++;
    }
    expect(again).toBe(0);
    expect(set.byteLength).toBeLessThan(200_000 * 40);
  });
});
