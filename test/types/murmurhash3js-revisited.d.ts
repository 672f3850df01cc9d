/** The reference port the tests compare hash128 with (the package ships no types). */
declare module 'murmurhash3js-revisited' {
  const murmur: {
    x86: {
      /** 128-bit hash as 32 hex digits: h1 h2 h3 h4, each 8 digits. */
      hash128(bytes: Uint8Array, seed?: number): string;
    };
  };
  export default murmur;
}
