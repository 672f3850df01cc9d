import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FirstKeyIndex, hashKey } from '../../src/fingerprint/keyindex.js';

/** Adds keys in order and returns, for each, the first index with the same key. */
function firsts(keys: readonly string[], hash: (s: string) => [number, number], expected = 0): number[] {
  const index = new FirstKeyIndex((a, b) => keys[a] === keys[b], expected);
  return keys.map((k, id) => {
    const [h1, h2] = hash(k);
    return index.firstOf(h1, h2, id);
  });
}

const viaMap = (keys: readonly string[]): number[] => {
  const m = new Map<string, number>();
  return keys.map((k, id) => {
    if (!m.has(k)) m.set(k, id);
    return m.get(k) as number;
  });
};

const realHash = (s: string): [number, number] => {
  const out = new Int32Array(2);
  hashKey(s, out, 0);
  return [out[0] as number, out[1] as number];
};

describe('FirstKeyIndex', () => {
  it('gives the first id of each key, growing past its first capacity (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 }), { maxLength: 3000 }), (keys) => {
        expect(firsts(keys, realHash)).toEqual(viaMap(keys));
      }),
      { numRuns: 30 },
    );
  });

  it('never merges different keys whose hashes collide', () => {
    const keys = ['a', 'b', 'a', 'c', 'b', 'c', 'd'];
    // Every key has the same hash: only the string comparison tells them apart.
    expect(firsts(keys, () => [7, -7])).toEqual(viaMap(keys));
    expect(firsts(keys, () => [0, 0])).toEqual([0, 1, 0, 3, 1, 3, 6]);
  });

  it('counts distinct keys', () => {
    const keyOf = ['x', 'y', 'x'];
    const index = new FirstKeyIndex((a, b) => keyOf[a] === keyOf[b]);
    keyOf.forEach((k, id) => index.firstOf(...realHash(k), id));
    expect(index.size).toBe(2);
  });
});

describe('hashKey', () => {
  it('is deterministic and tells close keys apart', () => {
    expect(realHash('the same text')).toEqual(realHash('the same text'));
    expect(realHash('ab')).not.toEqual(realHash('ba'));
    expect(realHash('a')).not.toEqual(realHash('a\u0000'));
    const out = new Int32Array(4);
    hashKey('x', out, 2);
    expect([out[2], out[3]]).toEqual(realHash('x'));
    expect([out[0], out[1]]).toEqual([0, 0]);
  });
});
