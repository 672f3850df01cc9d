/**
 * Word hashes (and band keys) as stored by the persistent stores: the Int32Array's
 * bytes, little-endian, whatever the machine.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The little-endian bytes of an Int32Array (a view, no copy, on little-endian machines). */
export function encodeInt32s(words: Int32Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(words.buffer, words.byteOffset, words.byteLength);
  const out = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => out.writeInt32LE(w, i * 4));
  return out;
}

/** A fresh Int32Array (its own buffer, whatever the bytes' alignment) from little-endian bytes. */
export function decodeInt32s(bytes: Uint8Array): Int32Array {
  const n = bytes.byteLength >> 2;
  const out = new Int32Array(n);
  if (LITTLE_ENDIAN) new Uint8Array(out.buffer).set(bytes.subarray(0, n * 4));
  else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < n; i++) out[i] = view.getInt32(i * 4, true);
  }
  return out;
}
