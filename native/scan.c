/*
 * scan: the per-block hot path of src/prepare/index.ts (prepareBlocks) in C,
 * for the blocks the byte scanner reads (src/normalize/ascii.ts): normalize +
 * word hashes + exact-key hash in one pass over a block's bytes, then the
 * one-permutation MinHash of its word bigrams (src/fingerprint/minhash.ts) and
 * the LSH band keys (src/lsh/index.ts). The same integers as the TypeScript
 * code, which stays the reference and the fallback: every step here mirrors a
 * function there, and test/prepare/native.test.ts holds them equal.
 *
 *   scan(bytes, ends, state, table..., outputs...) -> next
 *     prepares blocks state[0] .. ends.length - 1 of a batch and stops at the
 *     first block it cannot take (a character it has no entry for yet, one it
 *     can never take, or not enough room in words/signatures): it returns that
 *     block's index (ends.length when all are done), and the caller prepares
 *     that block itself and calls again from the next.
 *   bands(signatures, count, numPerm, bands, rows, out)
 *     the band keys of `count` signatures.
 *   sign(words, out)
 *     the signature of all of `words` into out[0, 128) (MinHasher.signWords).
 *   scanAsync(bytes, starts, ends, table..., params) -> Promise
 *     scan's work on a batch of blocks anywhere in `bytes`, on a thread of
 *     libuv's pool (no copy of the blocks, no worker thread); the blocks it
 *     cannot take are handed back as `pending`.
 *   keysEqual(a, aStart, aEnd, b, bStart, bEnd, table..., counts)
 *     whether two blocks' exact keys (normalized texts) are equal, as the scan
 *     reads them (no strings); -1 when it cannot read one.
 *   lines(bytes) -> { starts, ends, blank }
 *     the lines of an input (split/bytes.ts scanLines) and which are blank.
 *   lcs(x, y, atLeast)
 *     src/verify/index.ts's lcsAtLeast of two Int32Arrays (the shorter at most
 *     LCS_MAX_SHORTER long).
 *   bandPairs(column, state, tables..., sketches, chunkRows, least, out)
 *     one band of src/lsh/candidates.ts's hashBandPairs, with the sketch screen:
 *     the pairs whose sketches agree at `least` positions or more go to `out`.
 *
 * Why C: the byte scanner is three multiply chains a byte; as TypeScript it
 * ran at about 75 MB/s a thread (bounds checks, small-integer tagging), and
 * it was most of a near-duplicate run's time. Optional like native/mapfile.c:
 * without the addon the TypeScript path does the same work.
 */
#include <pthread.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <node_api.h>

/* Byte classes: src/normalize/ascii.ts's Byte enum. */
enum { OTHER = 0, SPACE = 1, DASH = 2, PUNCT = 3, PUNCT_RUN = 4, DIGIT = 6, LOWER = 7, UPPER = 9 };
/* Entry kind of a dropped character; entry markers (Specials.entry). */
enum { SKIP = 0xff, NOT_LOOKED_AT = 0, NOT_SPECIAL = 1 };

#define FNV_OFFSET 0x811c9dc5u
#define FNV_PRIME 0x01000193u
#define KEY_LANE1 0x811c9dc5u
#define KEY_LANE2 0x2545f491u
#define SEED 0x5eedd0deu
#define NUM_PERM 128
#define BITS 7
#define PROBES 32

static uint8_t normalized_class[256];
static uint16_t probes[NUM_PERM * PROBES];

static inline uint32_t mix32(uint32_t h) {
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  return h ^ (h >> 16);
}

static inline uint32_t rotl5(uint32_t x) { return (x << 5) | (x >> 27); }

/* The special characters' table, as src/normalize/ascii.ts keeps it (Specials). */
typedef struct {
  const uint16_t* entry;
  const uint8_t* kind;
  const int32_t* unit;
  const int32_t* length;
  const uint16_t* units;
  size_t entries;
  size_t unit_count;
} table_t;

/* What one block's scan found (asciiScan, and the length scanAscii returns). */
typedef struct {
  int32_t words;
  int32_t lettered;
} scanned_t;

/* The key's two lanes take one code unit (and units_out, when given, gets it). */
#define KEY(c)                                      \
  do {                                              \
    k1 = (k1 ^ (uint32_t)(c)) * 0x01000193u;        \
    k2 = (rotl5(k2) ^ (uint32_t)(c)) * 0x9e3779b1u; \
    if (units_out != NULL && emitted < units_room) units_out[emitted++] = (uint16_t)(c); \
  } while (0)

/* A run of white space and dashes ends: '-' if it held a dash, else one space (none before the first character). */
#define END_RUN()                          \
  do {                                     \
    if (in_run) {                          \
      if (run_dash || n > 0) {             \
        KEY(run_dash ? 0x2d : 0x20);       \
        n++;                               \
      }                                    \
      in_run = 0;                          \
      run_dash = 0;                        \
    }                                      \
  } while (0)

#define END_WORD()                                           \
  do {                                                       \
    if (in_word) {                                           \
      n += len;                                              \
      if (words != NULL) words[count] = (int32_t)mix32(h ^ (uint32_t)len); \
      count++;                                               \
      lettered += classes & 1;                               \
      in_word = 0;                                           \
    }                                                        \
  } while (0)

/*
 * scanAscii + scanRest of bytes[start, end): the normalized text's length, its
 * words into `words` (room for end - start), its key hash into key[0], key[1],
 * and when units_out is not NULL the normalized text's code units into it (room
 * for 2 * (end - start) + 4, never written past: a special character of 3 bytes
 * is at most 4 units, U+2057);
 * -1 when a character can never be taken (the string path), -2 when one has no
 * entry yet (the TypeScript scan looks it up).
 */
static int64_t scan_block(const uint8_t* bytes, size_t start, size_t end, const table_t* t, int32_t* words, int32_t* key, scanned_t* out,
                          uint16_t* units_out) {
  uint32_t k1 = KEY_LANE1, k2 = KEY_LANE2;
  size_t emitted = 0;
  const size_t units_room = 2 * (end - start) + 4;
  int64_t n = 0;
  int in_run = 0, run_dash = 0, in_word = 0;
  uint32_t h = 0;
  int classes = 0;
  int64_t len = 0;
  int32_t count = 0, lettered = 0;
  size_t i = start;
  while (i < end) {
    uint32_t c = bytes[i];
    int k = normalized_class[c];
    size_t step = 0;
    size_t entry = 0;
    if (k == OTHER) {
      /* resolve: the special character at i, after any dropped ones. */
      for (;;) {
        uint32_t b0 = bytes[i], cp;
        size_t s;
        if (b0 < 0x80) {
          cp = b0;
          s = 1;
        } else if (b0 >= 0xc2 && b0 <= 0xdf) {
          uint32_t b1 = i + 1 < end ? bytes[i + 1] : 0;
          if ((b1 & 0xc0) != 0x80) return -1;
          cp = ((b0 & 0x1f) << 6) | (b1 & 0x3f);
          s = 2;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
          uint32_t b1 = i + 1 < end ? bytes[i + 1] : 0;
          uint32_t b2 = i + 2 < end ? bytes[i + 2] : 0;
          if ((b1 & 0xc0) != 0x80 || (b2 & 0xc0) != 0x80) return -1;
          cp = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
          if (cp < 0x800) return -1;
          s = 3;
        } else
          return -1;
        uint32_t e = t->entry[cp];
        if (e == NOT_LOOKED_AT) return -2;
        if (e == NOT_SPECIAL || e >= t->entries) return -1;
        int kind = t->kind[e];
        if (kind == SKIP) {
          i += s;
          if (i >= end) goto done;
          c = bytes[i];
          k = normalized_class[c];
          if (k != OTHER) break; /* a plain ASCII byte: step 0 */
          continue;
        }
        c = (uint32_t)t->unit[e];
        k = kind;
        step = s;
        entry = e;
        break;
      }
    }
    if (k >= DIGIT) {
      if (!in_word) {
        END_RUN();
        in_word = 1;
        h = FNV_OFFSET;
        classes = 0;
        len = 0;
      }
      if (step != 0) {
        /* A special character: one lower-case code unit. */
        classes |= k;
        h = (h ^ c) * FNV_PRIME;
        KEY(c);
        len++;
        i += step;
        continue;
      }
      /* The word's plain ASCII bytes. */
      size_t from = i;
      for (;;) {
        uint32_t l = c | (uint32_t)((k & 8) << 2);
        classes |= k;
        h = (h ^ l) * FNV_PRIME;
        KEY(l);
        if (++i >= end) break;
        c = bytes[i];
        k = normalized_class[c];
        if (k < DIGIT) break;
      }
      len += (int64_t)(i - from);
      continue;
    }
    END_WORD();
    if (step == 0) step = 1;
    if (k <= DASH) {
      in_run = 1;
      if (k == DASH) run_dash = 1;
      i += step;
      continue;
    }
    END_RUN();
    if (k == PUNCT) {
      KEY(c);
      n++;
      i += step;
      continue;
    }
    /* Several punctuation code units (PUNCT_RUN). */
    {
      size_t from = (size_t)t->unit[entry];
      size_t to = from + (size_t)t->length[entry];
      if (to > t->unit_count) return -1;
      for (size_t u = from; u < to; u++) KEY(t->units[u]);
      n += (int64_t)(to - from);
      i += step;
    }
  }
done:
  END_WORD();
  if (in_run && run_dash) {
    KEY(0x2d);
    n++;
  }
  /* (Never true: no character is more than 2 units a byte; but then the units are not all there.) */
  if (units_out != NULL && (int64_t)emitted != n) return -1;
  out->words = count;
  out->lettered = lettered;
  /* finishKey */
  key[0] = (int32_t)mix32(k1 ^ (uint32_t)n);
  key[1] = (int32_t)mix32(k2 ^ ((uint32_t)n * 0x85ebca6bu));
  return n;
}

static uint32_t probe(uint32_t i, uint32_t attempt) {
  return mix32(((i + 1) * 0x9e3779b9u + attempt * 0x85ebca6bu) ^ SEED) & (NUM_PERM - 1);
}

/* MinHasher.signWords of words[0, n) into out[0, NUM_PERM). */
static void sign_words(const int32_t* words, int32_t n, int32_t* out) {
  const uint32_t shift = 32 - BITS;
  const uint32_t mask = (1u << shift) - 1;
  /* An empty bin holds EMPTY, above every value (values are below 2^(32 - BITS)): the minimum
   * needs no test of whether a bin is filled, and no branch (bins come in at random). */
  const int32_t EMPTY = 0x7fffffff;
  for (int b = 0; b < NUM_PERM; b++) out[b] = EMPTY;
#define ADD(x)                              \
  do {                                      \
    uint32_t hh = mix32((x) ^ SEED);        \
    uint32_t bin = hh >> shift;             \
    int32_t v = (int32_t)(hh & mask);       \
    int32_t o = out[bin];                   \
    out[bin] = v < o ? v : o;               \
  } while (0)
  if (n < 2) {
    for (int32_t i = 0; i < n; i++) ADD((uint32_t)words[i]);
  } else {
    for (int32_t i = 0; i + 1 < n; i++) ADD((((uint32_t)words[i] ^ 0x9e3779b9u) * 0x01000193u) ^ (uint32_t)words[i + 1]);
  }
#undef ADD
  uint8_t filled[NUM_PERM];
  int count = 0;
  for (int b = 0; b < NUM_PERM; b++) {
    filled[b] = out[b] != EMPTY;
    count += filled[b];
  }
  /* No shingle at all: every bin stays EMPTY (MinHasher's empty signature). */
  if (count == 0 || count == NUM_PERM) return;
  for (uint32_t b = 0; b < NUM_PERM; b++) {
    if (filled[b]) continue;
    for (uint32_t attempt = 1;; attempt++) {
      uint32_t j = attempt <= PROBES ? probes[b * PROBES + attempt - 1] : probe(b, attempt);
      if (filled[j]) {
        out[b] = out[j];
        break;
      }
    }
  }
}

/* What prepare_block works with: the options and the per-block outputs of one batch. */
typedef struct {
  const table_t* t;
  int64_t min_length;
  int32_t min_words;
  int exact_only;
  uint8_t* counted;
  int32_t* key_hashes;
  int32_t* lengths;
  uint8_t* ascii;
  uint8_t* near;
} batch_t;

enum { TAKEN, SIGNED, NOT_TAKEN };

/*
 * prepareBlocks' work on block i, bytes[start, end): its words at `words`
 * (room for end - start), its signature at `signature` when it is near
 * (SIGNED: *n_words words kept; TAKEN: counted or not, no words kept), or
 * NOT_TAKEN when the scan cannot read it (nothing useful written).
 */
static int prepare_block(const batch_t* b, size_t i, const uint8_t* bytes, size_t start, size_t end, int32_t* words, int32_t* signature, int32_t* n_words) {
  scanned_t s;
  /* Counts and offsets are int32 on the way out: a block of 2 GiB or more is left to the caller. */
  if (end - start >= (size_t)INT32_MAX) return NOT_TAKEN;
  int64_t length = scan_block(bytes, start, end, b->t, words, b->key_hashes + 2 * i, &s, NULL);
  if (length < 0) return NOT_TAKEN;
  if (length < b->min_length) {
    b->key_hashes[2 * i] = 0;
    b->key_hashes[2 * i + 1] = 0;
    return TAKEN;
  }
  b->counted[i] = 1;
  b->lengths[i] = (int32_t)length;
  b->ascii[i] = 1;
  if (b->exact_only || s.lettered < b->min_words) return TAKEN;
  b->near[i] = 1;
  sign_words(words, s.words, signature);
  *n_words = s.words;
  return SIGNED;
}

/* band_keys of signature `sig` into out[0, bands). */
static void band_keys(const int32_t* sig, int32_t n_bands, int32_t rows, int32_t* out) {
  for (int32_t band = 0; band < n_bands; band++) {
    uint32_t h = mix32((uint32_t)band + 1);
    const int32_t* row = sig + (size_t)band * (size_t)rows;
    for (int32_t r = 0; r < rows; r++) h = mix32(((h ^ 0x9e3779b9u) * 0x01000193u) ^ (uint32_t)row[r]);
    out[band] = (int32_t)(h & 0x3fffffffu);
  }
}

static napi_value fail(napi_env env, const char* message) {
  napi_throw_error(env, NULL, message);
  return NULL;
}

/* The data and element count of typed array `v` of the given type; 0 when it is not one. */
static int typed(napi_env env, napi_value v, napi_typedarray_type want, void** data, size_t* length) {
  napi_typedarray_type type;
  napi_value buffer;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &type, length, data, &buffer, &offset) != napi_ok) return 0;
  return type == want;
}

enum { S_FROM, S_MIN_LENGTH, S_MIN_WORDS, S_EXACT_ONLY, S_WORD_TOTAL, S_SIGNED, S_ENTRIES, S_UNITS, S_LENGTH };

/*
 * scan(bytes, ends, state, entry, kind, unit, length, units,
 *      counted, keyHashes, lengths, ascii, near, wordStart, words, signatures)
 * state (Int32Array): from, minLength, minWords, exactOnly, wordTotal, signed,
 * entries (of the table), units (of table.units); wordTotal and signed are
 * updated. Returns the index of the first block not prepared.
 */
static napi_value scan(napi_env env, napi_callback_info info) {
  size_t argc = 16;
  napi_value argv[16];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 16) return fail(env, "scan: 16 arguments");
  uint8_t *bytes, *kind, *counted, *ascii, *near;
  int32_t *ends, *state, *unit, *lengthOf, *key_hashes, *lengths, *word_start, *words, *signatures;
  uint16_t *entry, *units;
  size_t n_bytes, n_ends, n_state, n_entry, n_kind, n_unit, n_length, n_units, n_counted, n_keys, n_lengths, n_ascii, n_near,
      n_word_start, n_words, n_signatures;
  if (!typed(env, argv[0], napi_uint8_array, (void**)&bytes, &n_bytes) || !typed(env, argv[1], napi_int32_array, (void**)&ends, &n_ends) ||
      !typed(env, argv[2], napi_int32_array, (void**)&state, &n_state) || !typed(env, argv[3], napi_uint16_array, (void**)&entry, &n_entry) ||
      !typed(env, argv[4], napi_uint8_array, (void**)&kind, &n_kind) || !typed(env, argv[5], napi_int32_array, (void**)&unit, &n_unit) ||
      !typed(env, argv[6], napi_int32_array, (void**)&lengthOf, &n_length) || !typed(env, argv[7], napi_uint16_array, (void**)&units, &n_units) ||
      !typed(env, argv[8], napi_uint8_array, (void**)&counted, &n_counted) ||
      !typed(env, argv[9], napi_int32_array, (void**)&key_hashes, &n_keys) ||
      !typed(env, argv[10], napi_int32_array, (void**)&lengths, &n_lengths) ||
      !typed(env, argv[11], napi_uint8_array, (void**)&ascii, &n_ascii) ||
      !typed(env, argv[12], napi_uint8_array, (void**)&near, &n_near) ||
      !typed(env, argv[13], napi_int32_array, (void**)&word_start, &n_word_start) ||
      !typed(env, argv[14], napi_int32_array, (void**)&words, &n_words) ||
      !typed(env, argv[15], napi_int32_array, (void**)&signatures, &n_signatures))
    return fail(env, "scan: an argument is not the typed array it should be");
  size_t count = n_ends;
  if (n_state < S_LENGTH || n_entry < 0x10000 || n_counted < count || n_keys < 2 * count || n_lengths < count || n_ascii < count ||
      n_near < count || n_word_start < count + 1)
    return fail(env, "scan: an array is too short");
  table_t t = {entry, kind, unit, lengthOf, units, (size_t)state[S_ENTRIES], (size_t)state[S_UNITS]};
  if (t.entries > n_kind || t.entries > n_unit || t.entries > n_length || t.unit_count > n_units) return fail(env, "scan: the table is too short");
  batch_t b = {&t, state[S_MIN_LENGTH], state[S_MIN_WORDS], state[S_EXACT_ONLY] != 0, counted, key_hashes, lengths, ascii, near};
  if (state[S_WORD_TOTAL] < 0 || state[S_SIGNED] < 0 || (size_t)state[S_WORD_TOTAL] > n_words ||
      (size_t)state[S_SIGNED] * NUM_PERM > n_signatures)
    return fail(env, "scan: the words or signatures written so far are out of range");
  size_t word_total = (size_t)state[S_WORD_TOTAL];
  size_t signed_count = (size_t)state[S_SIGNED];
  size_t i = state[S_FROM] < 0 ? 0 : (size_t)state[S_FROM];
  for (; i < count; i++) {
    size_t start = i == 0 ? 0 : (size_t)ends[i - 1];
    size_t end = (size_t)ends[i];
    if (end < start || end > n_bytes) return fail(env, "scan: block ends out of order or past the bytes");
    /* Room for as many words as bytes, and for one more signature; else the caller grows them. */
    if (word_total + (end - start) > n_words || (signed_count + 1) * NUM_PERM > n_signatures) break;
    word_start[i] = (int32_t)word_total;
    int32_t kept = 0;
    int r = prepare_block(&b, i, bytes, start, end, words + word_total, signatures + signed_count * NUM_PERM, &kept);
    if (r == NOT_TAKEN) break;
    if (r == SIGNED) {
      signed_count++;
      word_total += (size_t)kept;
    }
  }
  state[S_WORD_TOTAL] = (int32_t)word_total;
  state[S_SIGNED] = (int32_t)signed_count;
  napi_value next;
  napi_create_int64(env, (int64_t)i, &next);
  return next;
}

/* bands(signatures, count, numPerm, bands, rows, out): bandKeysInto of each of `count` signatures. */
static napi_value bands(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 6) return fail(env, "bands: 6 arguments");
  int32_t *signatures, *out;
  size_t n_signatures, n_out;
  int32_t count, num_perm, n_bands, rows;
  if (!typed(env, argv[0], napi_int32_array, (void**)&signatures, &n_signatures) || !typed(env, argv[5], napi_int32_array, (void**)&out, &n_out) ||
      napi_get_value_int32(env, argv[1], &count) != napi_ok || napi_get_value_int32(env, argv[2], &num_perm) != napi_ok ||
      napi_get_value_int32(env, argv[3], &n_bands) != napi_ok || napi_get_value_int32(env, argv[4], &rows) != napi_ok)
    return fail(env, "bands: bad arguments");
  if (count < 0 || num_perm < 1 || n_bands < 0 || rows < 0 || (int64_t)n_bands * rows > num_perm || (size_t)count * (size_t)num_perm > n_signatures ||
      (size_t)count * (size_t)n_bands > n_out)
    return fail(env, "bands: arrays too short");
  for (int32_t j = 0; j < count; j++) band_keys(signatures + (size_t)j * (size_t)num_perm, n_bands, rows, out + (size_t)j * (size_t)n_bands);
  return NULL;
}

/* sign(words, out): sign_words of all of words into out[0, NUM_PERM). */
static napi_value sign(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2) return fail(env, "sign: 2 arguments");
  int32_t *words, *out;
  size_t n_words, n_out;
  if (!typed(env, argv[0], napi_int32_array, (void**)&words, &n_words) || !typed(env, argv[1], napi_int32_array, (void**)&out, &n_out))
    return fail(env, "sign: bad arguments");
  if (n_out < NUM_PERM || n_words > INT32_MAX) return fail(env, "sign: the signature array is too short");
  sign_words(words, (int32_t)n_words, out);
  return NULL;
}

/* The longest blocks keysEqual compares (16 MB: 64 MB of scratch at most); longer, the caller makes the keys. */
#define KEYS_EQUAL_MAX ((size_t)16 << 20)

/*
 * keysEqual(a, aStart, aEnd, b, bStart, bEnd, entry, kind, unit, length, units, counts)
 * Whether two blocks have the same exact key (their normalized texts), compared
 * as the scan reads them, without making strings: 1 or 0; -1 when the scan cannot
 * read one of them (the caller compares their keys). counts: the table's entries and units.
 */
static napi_value keys_equal(napi_env env, napi_callback_info info) {
  size_t argc = 12;
  napi_value argv[12];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 12) return fail(env, "keysEqual: 12 arguments");
  uint8_t *a, *b, *kind;
  uint16_t *entry, *units;
  int32_t *unit, *lengthOf, *counts;
  size_t na, nb, n_entry, n_kind, n_unit, n_length, n_units, n_counts;
  double as, ae, bs, be;
  if (!typed(env, argv[0], napi_uint8_array, (void**)&a, &na) || napi_get_value_double(env, argv[1], &as) != napi_ok ||
      napi_get_value_double(env, argv[2], &ae) != napi_ok || !typed(env, argv[3], napi_uint8_array, (void**)&b, &nb) ||
      napi_get_value_double(env, argv[4], &bs) != napi_ok || napi_get_value_double(env, argv[5], &be) != napi_ok ||
      !typed(env, argv[6], napi_uint16_array, (void**)&entry, &n_entry) || !typed(env, argv[7], napi_uint8_array, (void**)&kind, &n_kind) ||
      !typed(env, argv[8], napi_int32_array, (void**)&unit, &n_unit) || !typed(env, argv[9], napi_int32_array, (void**)&lengthOf, &n_length) ||
      !typed(env, argv[10], napi_uint16_array, (void**)&units, &n_units) || !typed(env, argv[11], napi_int32_array, (void**)&counts, &n_counts))
    return fail(env, "keysEqual: bad arguments");
  if (!(as >= 0 && as <= ae && ae <= (double)na && bs >= 0 && bs <= be && be <= (double)nb)) return fail(env, "keysEqual: a block is past its bytes");
  if (n_entry < 0x10000 || n_counts < 2 || (size_t)counts[0] > n_kind || (size_t)counts[0] > n_unit || (size_t)counts[0] > n_length ||
      (size_t)counts[1] > n_units)
    return fail(env, "keysEqual: the table is too short");
  table_t t = {entry, kind, unit, lengthOf, units, (size_t)counts[0], (size_t)counts[1]};
  size_t la = (size_t)ae - (size_t)as, lb = (size_t)be - (size_t)bs;
  napi_value r;
  /* Blocks past KEYS_EQUAL_MAX bytes, or no memory: the caller compares their keys. */
  void* heap = la > KEYS_EQUAL_MAX || lb > KEYS_EQUAL_MAX ? NULL : malloc((2 * la + 4 + 2 * lb + 4) * sizeof(uint16_t));
  if (heap == NULL) {
    napi_create_int32(env, -1, &r);
    return r;
  }
  /* The units of both blocks (room for 2 a byte + 4 each); their words are not needed. */
  uint16_t* ua = (uint16_t*)heap;
  uint16_t* ub = ua + 2 * la + 4;
  int32_t key[2];
  scanned_t s;
  int64_t na_units = scan_block(a, (size_t)as, (size_t)ae, &t, NULL, key, &s, ua);
  int64_t nb_units = na_units < 0 ? -1 : scan_block(b, (size_t)bs, (size_t)be, &t, NULL, key, &s, ub);
  int32_t result = na_units < 0 || nb_units < 0 ? -1 : na_units == nb_units && memcmp(ua, ub, (size_t)na_units * sizeof(uint16_t)) == 0;
  free(heap);
  napi_create_int32(env, result, &r);
  return r;
}

/* The longest sequence lcs takes as the shorter of its two (longer: the TypeScript code). */
#define LCS_MAX_SHORTER 4096

static inline uint32_t lcs_mix(uint32_t c) {
  uint32_t h = (c ^ (c >> 16)) * 0x45d9f3bu;
  return h ^ (h >> 16);
}

/*
 * lcs(x, y, atLeast): lcsAtLeast of src/verify/index.ts: the length of the
 * longest common subsequence of x and y (bit-parallel, Allison-Dix / Hyyrö, on
 * 64-bit words: the same length as on 32-bit ones), or, when atLeast > 0 and the
 * symbols they have in common (as multisets) are fewer, that count.
 */
static napi_value lcs(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 3) return fail(env, "lcs: 3 arguments");
  int32_t *x, *y;
  size_t nx, ny;
  double at_least;
  if (!typed(env, argv[0], napi_int32_array, (void**)&x, &nx) || !typed(env, argv[1], napi_int32_array, (void**)&y, &ny) ||
      napi_get_value_double(env, argv[2], &at_least) != napi_ok)
    return fail(env, "lcs: bad arguments");
  const int32_t* a = nx <= ny ? x : y;
  const int32_t* b = nx <= ny ? y : x;
  size_t m = nx <= ny ? nx : ny;
  size_t nb = nx <= ny ? ny : nx;
  if (m > LCS_MAX_SHORTER) return fail(env, "lcs: the shorter sequence is too long");
  napi_value result;
  if (m == 0) {
    napi_create_int32(env, 0, &result);
    return result;
  }
  size_t words = (m + 63) / 64;
  size_t size = 256;
  while (size < 2 * m) size *= 2;
  const size_t mask = size - 1;
  /* Per slot: its symbol's index among the distinct symbols of a (+1; 0 for an empty slot). */
  int32_t slot_key_stack[512];
  uint16_t slot_index_stack[512];
  uint16_t left_stack[256];
  uint64_t masks_stack[256 * 2];
  uint64_t v_stack[4];
  int32_t* slot_key = slot_key_stack;
  uint16_t* slot_index = slot_index_stack;
  uint16_t* left = left_stack;
  uint64_t* masks = masks_stack;
  uint64_t* v = v_stack;
  void* heap = NULL;
  if (size > 512 || m > 256 || m * words > 256 * 2) {
    heap = malloc(size * (sizeof *slot_key + sizeof *slot_index) + m * sizeof *left + m * words * sizeof *masks + words * sizeof *v + 64);
    if (heap == NULL) return fail(env, "lcs: out of memory");
    uint64_t* base = (uint64_t*)heap;
    masks = base;
    v = masks + m * words;
    slot_key = (int32_t*)(v + words);
    slot_index = (uint16_t*)(slot_key + size);
    left = slot_index + size;
  }
  memset(slot_index, 0, size * sizeof *slot_index);
  size_t distinct = 0;
  for (size_t i = 0; i < m; i++) {
    int32_t c = a[i];
    size_t s = lcs_mix((uint32_t)c) & mask;
    while (slot_index[s] != 0 && slot_key[s] != c) s = (s + 1) & mask;
    if (slot_index[s] == 0) {
      slot_key[s] = c;
      slot_index[s] = (uint16_t)(++distinct);
      left[distinct - 1] = 0;
      memset(masks + (distinct - 1) * words, 0, words * sizeof *masks);
    }
    size_t d = slot_index[s] - 1u;
    left[d]++;
    masks[d * words + (i >> 6)] |= (uint64_t)1 << (i & 63);
  }
  if (at_least > 0) {
    int64_t common = 0;
    for (size_t j = 0; j < nb; j++) {
      int32_t c = b[j];
      size_t s = lcs_mix((uint32_t)c) & mask;
      while (slot_index[s] != 0 && slot_key[s] != c) s = (s + 1) & mask;
      if (slot_index[s] != 0 && left[slot_index[s] - 1u] > 0) {
        left[slot_index[s] - 1u]--;
        common++;
      }
    }
    if ((double)common < at_least) {
      free(heap);
      napi_create_int64(env, common, &result);
      return result;
    }
  }
  for (size_t k = 0; k < words; k++) v[k] = ~(uint64_t)0;
  for (size_t j = 0; j < nb; j++) {
    int32_t c = b[j];
    size_t s = lcs_mix((uint32_t)c) & mask;
    while (slot_index[s] != 0 && slot_key[s] != c) s = (s + 1) & mask;
    if (slot_index[s] == 0) continue;
    const uint64_t* row = masks + (slot_index[s] - 1u) * words;
    uint64_t carry = 0;
    for (size_t k = 0; k < words; k++) {
      uint64_t vk = v[k];
      uint64_t u = vk & row[k];
      uint64_t sum = vk + u;
      uint64_t c1 = sum < vk;
      uint64_t sum2 = sum + carry;
      uint64_t c2 = sum2 < sum;
      carry = c1 | c2;
      v[k] = sum2 | (vk & ~u);
    }
  }
  int64_t zeros = 0;
  for (size_t k = 0; k < words; k++) {
    uint64_t valid = k == words - 1 && m % 64 != 0 ? (((uint64_t)1 << (m % 64)) - 1) : ~(uint64_t)0;
    zeros += __builtin_popcountll(~v[k] & valid);
  }
  free(heap);
  napi_create_int64(env, zeros, &result);
  return result;
}

/* scanAsync's parameters (an Int32Array). */
enum { A_MIN_LENGTH, A_MIN_WORDS, A_EXACT_ONLY, A_ENTRIES, A_UNITS, A_BANDS, A_ROWS, A_SIGNATURES, A_WORDS, A_LENGTH };
/* The JavaScript values a job reads while it runs: held by references until it is done. */
enum { R_BYTES, R_STARTS, R_ENDS, R_ENTRY, R_KIND, R_UNIT, R_LENGTH, R_UNITS, R_COUNT };

typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  napi_ref refs[R_COUNT];
  const uint8_t* bytes;
  const double* starts;
  const double* ends;
  size_t count;
  table_t t;
  int32_t params[A_LENGTH];
  /* Outputs, made by the job (malloc); NULL after an allocation failed. */
  uint8_t *counted, *ascii, *near;
  int32_t *key_hashes, *lengths, *word_start, *words, *signatures, *band_keys, *pending;
  uint8_t* sketches;
  size_t n_words_cap, n_sig_cap, word_total, signed_count, n_pending;
  int failed;
} job_t;

static int grow(void** p, size_t* cap, size_t need, size_t unit) {
  if (need <= *cap) return 1;
  size_t n = *cap * 2 > need ? *cap * 2 : need;
  void* q = realloc(*p, n * unit);
  if (q == NULL) return 0;
  *p = q;
  *cap = n;
  return 1;
}

/* On a thread of the pool: the batch's blocks, as prepareBlocks' would be; the ones it cannot take go to `pending`. */
static void job_execute(napi_env env, void* data) {
  (void)env;
  job_t* j = (job_t*)data;
  size_t n = j->count;
  j->counted = calloc(n + 1, 1);
  j->ascii = calloc(n + 1, 1);
  j->near = calloc(n + 1, 1);
  j->key_hashes = calloc(2 * n + 1, sizeof(int32_t));
  j->lengths = calloc(n + 1, sizeof(int32_t));
  j->word_start = calloc(n + 1, sizeof(int32_t));
  j->pending = malloc((n + 1) * sizeof(int32_t));
  j->n_words_cap = 1 << 16;
  j->words = malloc(j->n_words_cap * sizeof(int32_t));
  j->n_sig_cap = 64 * NUM_PERM;
  j->signatures = malloc(j->n_sig_cap * sizeof(int32_t));
  if (!j->counted || !j->ascii || !j->near || !j->key_hashes || !j->lengths || !j->word_start || !j->pending || !j->words || !j->signatures) {
    j->failed = 1;
    return;
  }
  batch_t b = {&j->t, j->params[A_MIN_LENGTH], j->params[A_MIN_WORDS], j->params[A_EXACT_ONLY] != 0, j->counted, j->key_hashes, j->lengths, j->ascii, j->near};
  for (size_t i = 0; i < n; i++) {
    size_t start = (size_t)j->starts[i];
    size_t end = (size_t)j->ends[i];
    j->word_start[i] = (int32_t)j->word_total;
    if (!grow((void**)&j->words, &j->n_words_cap, j->word_total + (end - start), sizeof(int32_t)) ||
        !grow((void**)&j->signatures, &j->n_sig_cap, (j->signed_count + 1) * NUM_PERM, sizeof(int32_t))) {
      j->failed = 1;
      return;
    }
    int32_t kept = 0;
    int r = prepare_block(&b, i, j->bytes, start, end, j->words + j->word_total, j->signatures + j->signed_count * NUM_PERM, &kept);
    if (r == NOT_TAKEN) {
      j->key_hashes[2 * i] = 0;
      j->key_hashes[2 * i + 1] = 0;
      j->pending[j->n_pending++] = (int32_t)i;
    } else if (r == SIGNED) {
      j->signed_count++;
      j->word_total += (size_t)kept;
    }
  }
  j->word_start[n] = (int32_t)j->word_total;
  int32_t n_bands = j->params[A_BANDS];
  size_t sc = j->signed_count;
  j->band_keys = malloc((sc * (size_t)(n_bands > 0 ? n_bands : 0) + 1) * sizeof(int32_t));
  j->sketches = malloc(sc * NUM_PERM + 1);
  if (!j->band_keys || !j->sketches) {
    j->failed = 1;
    return;
  }
  for (size_t k = 0; k < sc; k++) {
    const int32_t* sig = j->signatures + k * NUM_PERM;
    if (n_bands > 0) band_keys(sig, n_bands, j->params[A_ROWS], j->band_keys + k * (size_t)n_bands);
    for (int x = 0; x < NUM_PERM; x++) j->sketches[k * NUM_PERM + (size_t)x] = (uint8_t)sig[x];
  }
}

/* Bytes from which job_complete hands a result over (give) rather than copy it. */
#define GIVE_AT_LEAST 16384

/* A typed array of `length` elements of `size` bytes copied from data, set as property `name` of obj. */
static int put(napi_env env, napi_value obj, const char* name, napi_typedarray_type type, const void* data, size_t length, size_t size) {
  napi_value buffer, array;
  void* to;
  if (napi_create_arraybuffer(env, length * size, &to, &buffer) != napi_ok) return 0;
  if (length > 0) memcpy(to, data, length * size);
  if (napi_create_typedarray(env, type, length, buffer, 0, &array) != napi_ok) return 0;
  return napi_set_named_property(env, obj, name, array) == napi_ok;
}

static void free_data(napi_env env, void* data, void* hint) {
  (void)env;
  (void)hint;
  free(data);
}

/*
 * put, without the copy: the typed array is made over *owned (shrunk to its
 * length first), which it takes (freed when collected; *owned is set to NULL,
 * also when the buffer could not be made: Node may have freed it then). Small
 * arrays are copied (an external buffer costs more than a copy of a few KB).
 */
static int give(napi_env env, napi_value obj, const char* name, napi_typedarray_type type, void** owned, size_t length, size_t size) {
  if (length * size < GIVE_AT_LEAST || *owned == NULL) return put(env, obj, name, type, *owned, length, size);
  /* Without the room a growing array kept: the buffer is no larger than what it holds. */
  void* exact = realloc(*owned, length * size);
  if (exact != NULL) *owned = exact;
  napi_value buffer, array;
  napi_status made = napi_create_external_arraybuffer(env, *owned, length * size, free_data, NULL, &buffer);
  /* Where external buffers are not allowed, the data is still ours: copied. Any other failure may have freed it already. */
  if (made == napi_no_external_buffers_allowed) return put(env, obj, name, type, *owned, length, size);
  *owned = NULL;
  if (made != napi_ok) return 0;
  if (napi_create_typedarray(env, type, length, buffer, 0, &array) != napi_ok) return 0;
  return napi_set_named_property(env, obj, name, array) == napi_ok;
}

static void job_free(napi_env env, job_t* j) {
  for (int r = 0; r < R_COUNT; r++)
    if (j->refs[r] != NULL) napi_delete_reference(env, j->refs[r]);
  free(j->counted);
  free(j->ascii);
  free(j->near);
  free(j->key_hashes);
  free(j->lengths);
  free(j->word_start);
  free(j->words);
  free(j->signatures);
  free(j->band_keys);
  free(j->pending);
  free(j->sketches);
  free(j);
}

/* On the main thread: the outputs as typed arrays, and the promise settled. */
static void job_complete(napi_env env, napi_status status, void* data) {
  job_t* j = (job_t*)data;
  napi_value obj, error = NULL, message;
  int ok = status == napi_ok && !j->failed && napi_create_object(env, &obj) == napi_ok;
  size_t n = j->count, sc = j->signed_count;
  int32_t n_bands = j->params[A_BANDS] > 0 ? j->params[A_BANDS] : 0;
  ok = ok && put(env, obj, "counted", napi_uint8_array, j->counted, n, 1) && put(env, obj, "keyHashes", napi_int32_array, j->key_hashes, 2 * n, 4) &&
       put(env, obj, "lengths", napi_int32_array, j->lengths, n, 4) && put(env, obj, "ascii", napi_uint8_array, j->ascii, n, 1) &&
       put(env, obj, "near", napi_uint8_array, j->near, n, 1) && put(env, obj, "wordStart", napi_int32_array, j->word_start, n + 1, 4) &&
       give(env, obj, "words", napi_int32_array, (void**)&j->words, j->params[A_WORDS] ? j->word_total : 0, 4) &&
       give(env, obj, "bandKeys", napi_int32_array, (void**)&j->band_keys, sc * (size_t)n_bands, 4) &&
       give(env, obj, "signatures", napi_int32_array, (void**)&j->signatures, j->params[A_SIGNATURES] ? sc * NUM_PERM : 0, 4) &&
       give(env, obj, "sketches", napi_uint8_array, (void**)&j->sketches, sc * NUM_PERM, 1) && put(env, obj, "pending", napi_int32_array, j->pending, j->n_pending, 4);
  if (ok) napi_resolve_deferred(env, j->deferred, obj);
  else {
    napi_create_string_utf8(env, j->failed ? "scanAsync: out of memory" : "scanAsync: the job did not run, or its arrays could not be made", NAPI_AUTO_LENGTH, &message);
    napi_create_error(env, NULL, message, &error);
    napi_reject_deferred(env, j->deferred, error);
  }
  napi_delete_async_work(env, j->work);
  job_free(env, j);
}

/*
 * scanAsync(bytes, starts, ends, entry, kind, unit, length, units, params) -> Promise
 * The blocks bytes[starts[i], ends[i]) of a batch prepared on a thread of libuv's
 * pool, as prepareBlocks would (params: minLength, minWords, exactOnly, the
 * table's entries and units, bands, rows, whether to give the signatures and the
 * words); resolves to its arrays (counted, keyHashes, lengths, ascii, near,
 * wordStart, words, bandKeys, signatures, sketches) and `pending`: the blocks it
 * could not take (left uncounted, without words), for the caller to prepare.
 * The inputs must not change until it settles; the table may gain entries (it
 * reads only the first `entries`).
 */
static napi_value scan_async(napi_env env, napi_callback_info info) {
  size_t argc = 9;
  napi_value argv[9];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 9) return fail(env, "scanAsync: 9 arguments");
  job_t* j = calloc(1, sizeof *j);
  if (j == NULL) return fail(env, "scanAsync: out of memory");
  uint8_t *bytes, *kind;
  double *starts, *ends;
  uint16_t *entry, *units;
  int32_t *unit, *lengthOf, *params;
  size_t n_bytes, n_starts, n_ends, n_entry, n_kind, n_unit, n_length, n_units, n_params;
  const char* bad = NULL;
  if (!typed(env, argv[0], napi_uint8_array, (void**)&bytes, &n_bytes) || !typed(env, argv[1], napi_float64_array, (void**)&starts, &n_starts) ||
      !typed(env, argv[2], napi_float64_array, (void**)&ends, &n_ends) || !typed(env, argv[3], napi_uint16_array, (void**)&entry, &n_entry) ||
      !typed(env, argv[4], napi_uint8_array, (void**)&kind, &n_kind) || !typed(env, argv[5], napi_int32_array, (void**)&unit, &n_unit) ||
      !typed(env, argv[6], napi_int32_array, (void**)&lengthOf, &n_length) || !typed(env, argv[7], napi_uint16_array, (void**)&units, &n_units) ||
      !typed(env, argv[8], napi_int32_array, (void**)&params, &n_params))
    bad = "scanAsync: an argument is not the typed array it should be";
  else if (n_starts != n_ends || n_entry < 0x10000 || n_params < A_LENGTH)
    bad = "scanAsync: an array is too short";
  else if ((size_t)params[A_ENTRIES] > n_kind || (size_t)params[A_ENTRIES] > n_unit || (size_t)params[A_ENTRIES] > n_length ||
           (size_t)params[A_UNITS] > n_units || params[A_BANDS] < 0 || params[A_ROWS] < 0 || (int64_t)params[A_BANDS] * params[A_ROWS] > NUM_PERM)
    bad = "scanAsync: the table or the banding is out of range";
  else
    for (size_t i = 0; i < n_starts; i++) {
      double a = starts[i], z = ends[i];
      if (!(a >= 0 && a <= z && z <= (double)n_bytes) || a != (double)(size_t)a || z != (double)(size_t)z) {
        bad = "scanAsync: a block is out of order or past the bytes";
        break;
      }
    }
  if (bad != NULL) {
    free(j);
    return fail(env, bad);
  }
  j->bytes = bytes;
  j->starts = starts;
  j->ends = ends;
  j->count = n_starts;
  memcpy(j->params, params, sizeof j->params);
  j->t = (table_t){entry, kind, unit, lengthOf, units, (size_t)params[A_ENTRIES], (size_t)params[A_UNITS]};
  napi_value promise, name;
  int ok = 1;
  for (int r = 0; r < R_COUNT && ok; r++) ok = napi_create_reference(env, argv[r], 1, &j->refs[r]) == napi_ok;
  ok = ok && napi_create_promise(env, &j->deferred, &promise) == napi_ok &&
       napi_create_string_utf8(env, "dedupe:scan", NAPI_AUTO_LENGTH, &name) == napi_ok &&
       napi_create_async_work(env, NULL, name, job_execute, job_complete, j, &j->work) == napi_ok;
  if (ok && napi_queue_async_work(env, j->work) != napi_ok) {
    napi_delete_async_work(env, j->work);
    ok = 0;
  }
  if (!ok) {
    /* A promise made and not handed out is settled anyway (nothing waits on it). */
    if (j->deferred != NULL) {
      napi_value e, m;
      napi_create_string_utf8(env, "scanAsync: the job cannot be queued", NAPI_AUTO_LENGTH, &m);
      napi_create_error(env, NULL, m, &e);
      napi_reject_deferred(env, j->deferred, e);
    }
    job_free(env, j);
    return fail(env, "scanAsync: the job cannot be queued");
  }
  return promise;
}

enum { P_FROM, P_MARK, P_MAX_PER_BUCKET, P_WRITTEN, P_LENGTH };
/* A slot of bandPairs' table: the band it holds a bucket of (+1), the key, the first and latest chained member, the bucket's size. */
enum { S_BAND, S_KEY, S_HEAD, S_TAIL, S_SIZE, SLOT_INTS };

/*
 * bandPairs(column, state, slots, next, sketches, chunkRows, least, out)
 * One band (state: from, mark = band + 1, maxPerBucket, written) of
 * hashBandPairs (src/lsh/candidates.ts) over entries state[0] .. column.length - 1,
 * the tables kept from band to band: `slots` a power of two of SLOT_INTS ints
 * each (one cache line a probe, not five arrays), `next` one per entry. Of the pairs it would visit, those whose sketches (row
 * r in sketches[r / chunkRows] at (r % chunkRows) * 128) agree at `least`
 * positions or more go to out as (earlier, later), in the order visited;
 * state[3] says how many pairs. Stops before an entry whose pairs might not fit
 * and returns it (column.length when the band is done).
 */
static napi_value band_pairs(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value argv[8];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 8) return fail(env, "bandPairs: 8 arguments");
  int32_t *column, *state, *slots, *next, *out;
  size_t n_column, n_state, n_slot_ints, n_next, n_out;
  int32_t chunk_rows;
  double least;
  if (!typed(env, argv[0], napi_int32_array, (void**)&column, &n_column) || !typed(env, argv[1], napi_int32_array, (void**)&state, &n_state) ||
      !typed(env, argv[2], napi_int32_array, (void**)&slots, &n_slot_ints) || !typed(env, argv[3], napi_int32_array, (void**)&next, &n_next) ||
      napi_get_value_int32(env, argv[5], &chunk_rows) != napi_ok || napi_get_value_double(env, argv[6], &least) != napi_ok ||
      !typed(env, argv[7], napi_int32_array, (void**)&out, &n_out))
    return fail(env, "bandPairs: bad arguments");
  size_t count = n_column;
  size_t n_slots = n_slot_ints / SLOT_INTS;
  if (n_state < P_LENGTH || n_slots == 0 || (n_slots & (n_slots - 1)) != 0 || n_slot_ints != n_slots * SLOT_INTS || n_slots <= count || n_next < count ||
      chunk_rows < 1 || (chunk_rows & (chunk_rows - 1)) != 0)
    return fail(env, "bandPairs: arrays too short");
  int32_t max_per_bucket = state[P_MAX_PER_BUCKET];
  if (max_per_bucket < 1 || n_out < 2 * (size_t)max_per_bucket) return fail(env, "bandPairs: no room for a bucket's pairs");
  /* The sketch chunks. */
  uint32_t n_chunks;
  if (napi_get_array_length(env, argv[4], &n_chunks) != napi_ok) return fail(env, "bandPairs: sketches must be an array");
  const uint8_t* chunks_stack[64];
  const uint8_t** chunks = chunks_stack;
  if (n_chunks > 64) {
    chunks = (const uint8_t**)malloc(sizeof *chunks * n_chunks);
    if (chunks == NULL) return fail(env, "bandPairs: out of memory");
  }
  size_t rows_held = 0;
  for (uint32_t c = 0; c < n_chunks; c++) {
    napi_value v;
    void* data;
    size_t length;
    if (napi_get_element(env, argv[4], c, &v) != napi_ok || !typed(env, v, napi_uint8_array, &data, &length) || length < (size_t)chunk_rows * NUM_PERM) {
      if (chunks != chunks_stack) free((void*)chunks);
      return fail(env, "bandPairs: a sketch chunk is not a Uint8Array of chunkRows rows");
    }
    chunks[c] = (const uint8_t*)data;
    rows_held += (size_t)chunk_rows;
  }
  if (rows_held < count) {
    if (chunks != chunks_stack) free((void*)chunks);
    return fail(env, "bandPairs: fewer sketches than entries");
  }
  unsigned shift_rows = 0;
  while ((1 << shift_rows) < chunk_rows) shift_rows++;
  const uint32_t mask = (uint32_t)n_slots - 1;
  unsigned bits = 0;
  while ((1u << bits) < n_slots) bits++;
  const unsigned shift = 32 - bits;
  const int32_t mark = state[P_MARK];
  size_t written = 0;
  const size_t room = n_out / 2;
  size_t j = state[P_FROM] < 0 ? 0 : (size_t)state[P_FROM];
  for (; j < count; j++) {
    if (written + (size_t)max_per_bucket > room) break;
    int32_t key = column[j];
    uint32_t slot = bits == 0 ? 0 : ((uint32_t)key * 0x9e3779b1u) >> shift;
    int32_t* sl = slots + (size_t)slot * SLOT_INTS;
    while (sl[S_BAND] == mark && sl[S_KEY] != key) {
      slot = (slot + 1) & mask;
      sl = slots + (size_t)slot * SLOT_INTS;
    }
    if (sl[S_BAND] != mark) {
      sl[S_BAND] = mark;
      sl[S_KEY] = key;
      sl[S_HEAD] = (int32_t)j;
      sl[S_TAIL] = (int32_t)j;
      sl[S_SIZE] = 1;
      continue;
    }
    int32_t members = sl[S_SIZE];
    int32_t first = members < max_per_bucket ? members : max_per_bucket;
    const uint8_t* sj = chunks[j >> shift_rows] + (j & (size_t)(chunk_rows - 1)) * NUM_PERM;
    for (int32_t c = 0, m = sl[S_HEAD]; c < first; c++, m = next[m]) {
      if (m < 0 || (size_t)m >= j) break; /* (a table not made by this function) */
      const uint8_t* sm = chunks[(size_t)m >> shift_rows] + ((size_t)m & (size_t)(chunk_rows - 1)) * NUM_PERM;
      int eq = 0;
      for (int x = 0; x < NUM_PERM; x++) eq += sm[x] == sj[x];
      if ((double)eq >= least) {
        out[2 * written] = m;
        out[2 * written + 1] = (int32_t)j;
        written++;
      }
    }
    if (members < max_per_bucket) {
      next[sl[S_TAIL]] = (int32_t)j;
      sl[S_TAIL] = (int32_t)j;
    }
    sl[S_SIZE] = members + 1;
  }
  if (chunks != chunks_stack) free((void*)chunks);
  state[P_WRITTEN] = (int32_t)written;
  napi_value r;
  napi_create_int64(env, (int64_t)j, &r);
  return r;
}

/* split/bytes.ts wsLenAt: the byte length of the white space character at b[i] (i < end), or 0. */
static size_t ws_len_at(const uint8_t* b, size_t i, size_t end) {
  uint8_t c = b[i];
  if (c == 0x20 || c == 0x09 || c == 0x0d || c == 0x0a || c == 0x0b || c == 0x0c) return 1;
  if (c == 0xc2 && i + 1 < end && (b[i + 1] == 0xa0 || b[i + 1] == 0x85)) return 2;
  if (c == 0xef && i + 2 < end && b[i + 1] == 0xbb && b[i + 2] == 0xbf) return 3;
  if (c == 0xe2 && i + 2 < end) {
    uint8_t c1 = b[i + 1], c2 = b[i + 2];
    if (c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8b) || c2 == 0xa8 || c2 == 0xa9 || c2 == 0xaf)) return 3;
    if (c1 == 0x81 && (c2 == 0x9f || c2 == 0xa0)) return 3;
  }
  if (c == 0xe3 && i + 2 < end && b[i + 1] == 0x80 && b[i + 2] == 0x80) return 3;
  return 0;
}

/*
 * lines(bytes) -> { starts, ends, blank }: split/bytes.ts scanLines (line i is
 * bytes[starts[i], ends[i]), without its LF or CR LF) and, per line, whether it
 * holds only white space (isBlank), in one call.
 */
static napi_value lines(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1) return fail(env, "lines: 1 argument");
  uint8_t* b;
  size_t n;
  if (!typed(env, argv[0], napi_uint8_array, (void**)&b, &n)) return fail(env, "lines: not a Uint8Array");
  size_t count = 0;
  for (size_t pos = 0; pos < n; count++) {
    const uint8_t* nl = memchr(b + pos, 0x0a, n - pos);
    if (nl == NULL) {
      count++;
      break;
    }
    pos = (size_t)(nl - b) + 1;
  }
  napi_value starts_buffer, ends_buffer, blank_buffer, starts, ends, blank, out;
  double *s_data, *e_data;
  uint8_t* k_data;
  if (napi_create_arraybuffer(env, count * sizeof(double), (void**)&s_data, &starts_buffer) != napi_ok ||
      napi_create_arraybuffer(env, count * sizeof(double), (void**)&e_data, &ends_buffer) != napi_ok ||
      napi_create_arraybuffer(env, count, (void**)&k_data, &blank_buffer) != napi_ok)
    return fail(env, "lines: out of memory");
  size_t pos = 0;
  for (size_t i = 0; i < count; i++) {
    const uint8_t* nl = pos < n ? memchr(b + pos, 0x0a, n - pos) : NULL;
    size_t line_end = nl == NULL ? n : (size_t)(nl - b);
    size_t end = line_end > pos && b[line_end - 1] == 0x0d ? line_end - 1 : line_end;
    s_data[i] = (double)pos;
    e_data[i] = (double)end;
    size_t j = pos;
    while (j < end) {
      size_t w = ws_len_at(b, j, end);
      if (w == 0) break;
      j += w;
    }
    k_data[i] = j >= end;
    pos = line_end + 1;
  }
  if (napi_create_typedarray(env, napi_float64_array, count, starts_buffer, 0, &starts) != napi_ok ||
      napi_create_typedarray(env, napi_float64_array, count, ends_buffer, 0, &ends) != napi_ok ||
      napi_create_typedarray(env, napi_uint8_array, count, blank_buffer, 0, &blank) != napi_ok || napi_create_object(env, &out) != napi_ok ||
      napi_set_named_property(env, out, "starts", starts) != napi_ok || napi_set_named_property(env, out, "ends", ends) != napi_ok ||
      napi_set_named_property(env, out, "blank", blank) != napi_ok)
    return fail(env, "lines: the arrays cannot be made");
  return out;
}

/*
 * trim(): gives the C library's free memory back to the system (glibc's
 * malloc_trim: the batches the threads made and JavaScript let go stay resident
 * in their arenas otherwise); nothing elsewhere.
 */
static napi_value trim(napi_env env, napi_callback_info info) {
  (void)env;
  (void)info;
#ifdef __GLIBC__
  malloc_trim(0);
#endif
  return NULL;
}

/* The static tables, made once for all the environments (threads) that load the addon. */
static void make_tables(void) {
  for (int c = 0; c < 256; c++) {
    int k = OTHER;
    if (c >= 0x61 && c <= 0x7a) k = LOWER;
    else if (c >= 0x41 && c <= 0x5a) k = UPPER;
    else if (c >= 0x30 && c <= 0x39) k = DIGIT;
    else if (c == 0x2d) k = DASH;
    else if (c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d) k = SPACE;
    else if (c > 0x20 && c < 0x7f && c != 0x60) k = PUNCT;
    normalized_class[c] = (uint8_t)k;
  }
  for (uint32_t i = 0; i < NUM_PERM; i++)
    for (uint32_t a = 1; a <= PROBES; a++) probes[i * PROBES + a - 1] = (uint16_t)probe(i, a);
}

static pthread_once_t tables_made = PTHREAD_ONCE_INIT;

NAPI_MODULE_INIT() {
  /* Sizes are computed in size_t: on a 32-bit build the addon gives nothing (the TypeScript path runs). */
  if (sizeof(size_t) < 8) return exports;
  pthread_once(&tables_made, make_tables);
  napi_value f;
  napi_create_function(env, "scan", NAPI_AUTO_LENGTH, scan, NULL, &f);
  napi_set_named_property(env, exports, "scan", f);
  napi_create_function(env, "bands", NAPI_AUTO_LENGTH, bands, NULL, &f);
  napi_set_named_property(env, exports, "bands", f);
  napi_create_function(env, "sign", NAPI_AUTO_LENGTH, sign, NULL, &f);
  napi_set_named_property(env, exports, "sign", f);
  napi_create_function(env, "scanAsync", NAPI_AUTO_LENGTH, scan_async, NULL, &f);
  napi_set_named_property(env, exports, "scanAsync", f);
  napi_create_function(env, "keysEqual", NAPI_AUTO_LENGTH, keys_equal, NULL, &f);
  napi_set_named_property(env, exports, "keysEqual", f);
  napi_create_function(env, "lcs", NAPI_AUTO_LENGTH, lcs, NULL, &f);
  napi_set_named_property(env, exports, "lcs", f);
  napi_create_function(env, "lines", NAPI_AUTO_LENGTH, lines, NULL, &f);
  napi_set_named_property(env, exports, "lines", f);
  napi_create_function(env, "bandPairs", NAPI_AUTO_LENGTH, band_pairs, NULL, &f);
  napi_set_named_property(env, exports, "bandPairs", f);
  napi_create_function(env, "trim", NAPI_AUTO_LENGTH, trim, NULL, &f);
  napi_set_named_property(env, exports, "trim", f);
  return exports;
}
