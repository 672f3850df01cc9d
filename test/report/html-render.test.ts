/**
 * The HTML report as a browser sees it: each page is rendered by headless
 * Chromium (`--dump-dom`) and the serialized DOM is parsed and checked.
 *
 * Needs /usr/bin/chromium (Debian: apt-get install -y chromium). Without it these
 * tests FAIL, saying so; set DEDUPE_SKIP_BROWSER=1 to skip them instead.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/index.js';
import { htmlReporter } from '../../src/report/html.js';
import type { ScanResult } from '../../src/types.js';
import { blocksOf, cluster, CTX, file, result } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const SKIP = process.env.DEDUPE_SKIP_BROWSER === '1';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SEEDS = path.resolve(ROOT, '..', 'shared', 'seeds');
const SEED_FILES = ['000_d33bca6689e979f3.txt', '002_dd3951aebbea523f.txt'].map((n) => path.join(SEEDS, n));
const TIMEOUT = 120_000;

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dedupe-html-render-'));
let pages = 0;

/** Renders `html` as a file:// page in headless Chromium and returns the serialized DOM. */
async function dumpDom(html: string): Promise<string> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: install Chromium to run the HTML render tests ` +
        '(Debian: apt-get install -y chromium), or set DEDUPE_SKIP_BROWSER=1 to skip them',
    );
  }
  pages += 1;
  const page = path.join(tmp, `page-${pages}.html`);
  fs.writeFileSync(page, html);
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${path.join(tmp, `profile-${pages}`)}`,
    '--dump-dom',
    pathToFileURL(page).href,
  ];
  const { stdout } = await run(CHROMIUM, args, { timeout: TIMEOUT - 10_000, maxBuffer: 1 << 28, encoding: 'utf8' });
  if (!stdout.includes('</html>')) throw new Error(`chromium printed no document for ${page}`);
  return stdout;
}

// --- a tiny parser for Chromium's serialized DOM (well-formed: every element closed, attributes in double quotes) ---

interface El {
  readonly tag: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: Array<El | string>;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW = new Set(['script', 'style', 'textarea', 'title']);

function decode(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|nbsp|apos));/gi, (_, dec: string, hex: string, name: string) => {
    if (dec !== undefined) return String.fromCodePoint(Number(dec));
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    return { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: '\u00a0', apos: "'" }[name.toLowerCase()] ?? '';
  });
}

function parse(html: string): El {
  const root: El = { tag: '#document', attrs: new Map(), children: [] };
  const stack: El[] = [root];
  const top = (): El => stack[stack.length - 1] ?? root;
  const token = /<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<\/([a-zA-Z][a-zA-Z0-9-]*)\s*>|<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>|[^<]+|</g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(html)) !== null) {
    const [whole, close, open, attrText] = m;
    if (whole.startsWith('<!')) continue;
    if (close !== undefined) {
      const name = close.toLowerCase();
      const at = stack.map((e) => e.tag).lastIndexOf(name);
      if (at > 0) stack.length = at;
    } else if (open !== undefined) {
      const tag = open.toLowerCase();
      const attrs = new Map<string, string>();
      for (const a of (attrText ?? '').matchAll(/([^\s=>/]+)(?:="([^"]*)")?/g)) attrs.set((a[1] ?? '').toLowerCase(), decode(a[2] ?? ''));
      const el: El = { tag, attrs, children: [] };
      top().children.push(el);
      if (RAW.has(tag)) {
        const end = html.toLowerCase().indexOf(`</${tag}`, token.lastIndex);
        const stop = end < 0 ? html.length : end;
        const raw = html.slice(token.lastIndex, stop);
        el.children.push(tag === 'title' || tag === 'textarea' ? decode(raw) : raw);
        token.lastIndex = stop;
      } else if (!VOID.has(tag)) stack.push(el);
    } else {
      top().children.push(decode(whole));
    }
  }
  return root;
}

function all(el: El, match: (e: El) => boolean, out: El[] = []): El[] {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (match(c)) out.push(c);
    all(c, match, out);
  }
  return out;
}

const hasClass = (e: El, name: string): boolean => (e.attrs.get('class') ?? '').split(/\s+/).includes(name);
const byTag = (el: El, tag: string): El[] => all(el, (e) => e.tag === tag);
const byClass = (el: El, name: string): El[] => all(el, (e) => hasClass(e, name));
const text = (el: El): string => el.children.map((c) => (typeof c === 'string' ? c : text(c))).join('');

interface Rendered {
  readonly doc: El;
  readonly clusters: ReadonlyArray<{ readonly el: El; readonly kind: string; readonly id: string; readonly del: string[]; readonly ins: string[] }>;
}

async function render(r: ScanResult): Promise<Rendered> {
  const doc = parse(await dumpDom(htmlReporter(r, CTX)));
  const clusters = all(doc, (e) => e.tag === 'section' && hasClass(e, 'cluster')).map((el) => ({
    el,
    kind: el.attrs.get('data-kind') ?? '',
    id: el.attrs.get('id') ?? '',
    del: byTag(el, 'del').map(text),
    ins: byTag(el, 'ins').map(text),
  }));
  return { doc, clusters };
}

/** The rendered summary numbers, by data-stat key. */
function stats(doc: El): Record<string, string> {
  return Object.fromEntries(all(doc, (e) => e.attrs.has('data-stat')).map((e) => [e.attrs.get('data-stat') ?? '', text(e)]));
}

/** Checks every rendered page shares: the document shape, no script, no external reference. */
function expectSafePage(doc: El, r: ScanResult): void {
  expect(byTag(doc, 'html')).toHaveLength(1);
  expect(byTag(doc, 'script')).toEqual([]);
  expect(all(doc, (e) => ['img', 'iframe', 'object', 'embed', 'link'].includes(e.tag))).toEqual([]);
  for (const e of all(doc, (x) => x.attrs.has('href') || x.attrs.has('src'))) {
    expect(e.attrs.get('href') ?? e.attrs.get('src')).toMatch(/^#/);
  }
  const s = stats(doc);
  expect(s).toEqual({
    toolVersion: CTX.toolVersion,
    files: String(r.summary.files),
    blocks: String(r.summary.blocks),
    clusters: String(r.summary.clusters),
    duplicateBlocks: String(r.summary.duplicateBlocks),
  });
  expect(byClass(doc, 'row')).toHaveLength(r.files.length);
}

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(SKIP)('html report rendered in headless Chromium', () => {
  it(
    `renders the fixture pair (fixtures/article.txt + article-v2.txt): 7 clusters, differences marked in the near ones`,
    async () => {
      const scanned = await scan([path.join(ROOT, 'fixtures', 'article.txt'), path.join(ROOT, 'fixtures', 'article-v2.txt')]);
      const r = scanned.result;
      const { doc, clusters } = await render(r);
      expectSafePage(doc, r);
      expect(clusters.map((c) => c.kind)).toEqual(r.clusters.map((c) => c.kind));
      expect(clusters.map((c) => c.kind)).toEqual(['exact', 'near', 'exact', 'exact', 'near', 'exact', 'near']);
      expect(clusters.map((c) => c.id)).toEqual(r.clusters.map((c) => `cluster-${c.id}`));
      for (const c of clusters.filter((x) => x.kind === 'exact')) {
        expect(c.del, c.id).toEqual([]);
        expect(c.ins, c.id).toEqual([]);
      }
      const [, second, , , fifth, , seventh] = clusters;
      // `initially` -> `originally`, and the leading `But` dropped (`But council` -> `Council`).
      expect(second?.del).toEqual(['initially', 'But council']);
      expect(second?.ins).toEqual(['originally', 'Council']);
      expect(fifth?.del).toEqual(['result']);
      expect(fifth?.ins).toEqual(['decision']);
      expect(seventh?.del.length).toBeGreaterThan(0);
      // del only in the kept column, ins only in the duplicate column.
      for (const c of clusters) {
        for (const fig of byTag(c.el, 'figure')) {
          const role = fig.attrs.get('data-role');
          if (role === 'kept') expect(byTag(fig, 'ins')).toEqual([]);
          if (role === 'duplicate') expect(byTag(fig, 'del')).toEqual([]);
        }
      }
      // Side by side: each pair holds the kept copy then the duplicate, with locations.
      const pair = byClass(second?.el ?? doc, 'pair')[1];
      const roles = byTag(pair ?? doc, 'figure').map((f) => f.attrs.get('data-role'));
      expect(roles).toEqual(['kept', 'duplicate']);
      expect(byClass(pair ?? doc, 'where').map(text).map((w) => w.replace(/^.*\//, ''))).toEqual(['article.txt:10', 'article-v2.txt:12']);
    },
    TIMEOUT,
  );

  it(
    'renders the seed articles (../shared/seeds): exactly six clusters, with highlighted differences',
    async (ctx) => {
      if (!SEED_FILES.every((f) => fs.existsSync(f))) {
        ctx.skip(`the seed articles are not at ${SEEDS} (data kept beside the repository, not in it)`);
      }
      const scanned = await scan(SEED_FILES);
      const r = scanned.result;
      const { doc, clusters } = await render(r);
      expectSafePage(doc, r);
      expect(clusters).toHaveLength(6);
      expect(clusters.map((c) => c.kind)).toEqual(r.clusters.map((c) => c.kind));
      const near = clusters.filter((c) => c.kind === 'near');
      expect(near.length).toBeGreaterThan(0);
      expect(near.some((c) => c.del.length > 0 && c.ins.length > 0)).toBe(true);
      for (const c of clusters.filter((x) => x.kind === 'exact')) expect([...c.del, ...c.ins], c.id).toEqual([]);
      const dels = clusters.flatMap((c) => c.del);
      const inss = clusters.flatMap((c) => c.ins);
      // The rewording the seeds are known for, marked word by word.
      expect(dels.join(' ')).toMatch(/initially/);
      expect(inss.join(' ')).toMatch(/originally/);
      for (const mark of [...dels, ...inss]) expect(mark.trim()).not.toBe('');
      // The block's full text is on the page, not a preview.
      const longest = Math.max(...clusters.flatMap((c) => byClass(c.el, 'text').map((t) => text(t).length)));
      expect(longest).toBeGreaterThan(300);
    },
    TIMEOUT,
  );

  it(
    'shows hostile block text as text: no script runs, no element is injected',
    async () => {
      const evil = `<script>document.title = "pwned"</script> <img src=x onerror="document.title='img'"> Tom & Jerry's talks "resumed" on Saturday in Oman.`;
      const evil2 = `<script>document.title = "pwned"</script> <img src=x onerror="document.title='img'"> Tom & Jerry's talks "resumed" on Sunday in Oman.`;
      const [a, b] = blocksOf(0, `${evil}\n\n${evil2}\n`, [evil, evil2]);
      if (!a || !b) throw new Error('fixture');
      const r = result([file('<b>evil</b>&.txt', 'paragraph', [a, b], 1)], [cluster(1, 'near', a, [[b, 0.9]])]);
      const { doc, clusters } = await render(r);
      expectSafePage(doc, r);
      expect(text(byTag(doc, 'title')[0] ?? doc)).toBe('dedupe report: 1 cluster in 1 file');
      expect(all(doc, (e) => e.tag === 'b' && text(e) === 'evil')).toEqual([]);
      const [c] = clusters;
      const kept = byTag(c?.el ?? doc, 'figure').find((f) => f.attrs.get('data-role') === 'kept');
      expect(text(byClass(kept ?? doc, 'text')[0] ?? doc)).toBe(evil);
      expect(text(byClass(kept ?? doc, 'where')[0] ?? doc)).toBe('<b>evil</b>&.txt:1');
      expect(c?.del).toEqual(['Saturday']);
      expect(c?.ins).toEqual(['Sunday']);
    },
    TIMEOUT,
  );
});
