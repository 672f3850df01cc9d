/**
 * The HTML report's markup, checked as text on hand-made results. The rendered
 * page (headless Chromium) is checked in html-render.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CHART_ALL_FILES_LIMIT, escapeHtml, htmlReporter, MAX_LISTED, MAX_PAIRS } from '../../src/report/html.js';
import { TEXT_NOT_STORED } from '../../src/report/pretty.js';
import type { ScanResult } from '../../src/types.js';
import { blocksOf, cleanResult, cluster, CTX, file, indexedSampleResult, result, sampleResult, TALKS } from './helpers.js';

/** The markup of each `<section class="cluster">`, in order. */
function sections(html: string): string[] {
  return [...html.matchAll(/<section class="cluster"[\s\S]*?<\/section>/g)].map((m) => m[0]);
}

/** The value of every src / href / action / srcset / poster / data attribute and every CSS url(...) and @import. */
function references(html: string): string[] {
  const attrs = [...html.matchAll(/\s(?:src|href|action|formaction|srcset|poster|data|xlink:href|background)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi)].map(
    (m) => (m[1] ?? '').replace(/^["']|["']$/g, ''),
  );
  const urls = [...html.matchAll(/url\(\s*([^)]*)\)/gi)].map((m) => (m[1] ?? '').trim().replace(/^["']|["']$/g, ''));
  const imports = [...html.matchAll(/@import\s+([^;]+)/gi)].map((m) => (m[1] ?? '').trim());
  return [...attrs, ...urls, ...imports];
}

/** A pair of blocks in one file, the second a near (or exact) copy of the first. */
function twoBlocks(keptText: string, dupText: string, kind: 'exact' | 'near', similarity: number, path = 'a.txt'): ScanResult {
  const [kept, dup] = blocksOf(0, `${keptText}\n\n${dupText}\n`, [keptText, dupText]);
  if (!kept || !dup) throw new Error('fixture');
  return result([file(path, 'paragraph', [kept, dup], 1)], [cluster(1, kind, kept, [[dup, similarity]])]);
}

const HOSTILE = `<script>alert("x")</script> Tom & Jerry's <b>bold</b> talks were held in Oman on Saturday`;
const HOSTILE_V2 = `<script>alert("y")</script> Tom & Jerry's <i>bold</i> talks were held in Oman on Sunday`;

describe('html reporter', () => {
  const html = htmlReporter(sampleResult(), CTX);

  it('is one complete document ending in a newline', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.endsWith('</html>\n')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html.match(/<body>/g)).toHaveLength(1);
  });

  it('shows the summary numbers and the tool version', () => {
    const stat = (key: string): string | undefined => html.match(new RegExp(`<dd data-stat="${key}">(\\d+)</dd>`))?.[1];
    expect(stat('files')).toBe('2');
    expect(stat('blocks')).toBe('8');
    expect(stat('clusters')).toBe('2');
    expect(stat('duplicateBlocks')).toBe('3');
    expect(html).toContain('<span data-stat="toolVersion">0.1.0</span>');
    expect(html).toContain('<title>dedupe report: 2 clusters in 2 files</title>');
  });

  it('charts the duplicate share of every file', () => {
    const rows = [...html.matchAll(/<div class="row" role="listitem" data-path="([^"]*)" data-share="([^"]*)">([\s\S]*?)<\/div>/g)];
    expect(rows.map((r) => [r[1], r[2]])).toEqual([
      ['a.txt', '20'],
      ['b.md', '66.7'],
    ]);
    expect(rows[0]?.[3]).toContain('style="width:20%"');
    expect(rows[0]?.[3]).toContain('<b>20%</b> 1 of 5 blocks');
    expect(rows[1]?.[3]).toContain('<b>66.7%</b> 2 of 3 blocks');
  });

  it('has one section per cluster, with its kind and id', () => {
    const s = sections(html);
    expect(s).toHaveLength(2);
    expect(s[0]).toMatch(/^<section class="cluster" data-kind="exact" id="cluster-1">/);
    expect(s[1]).toMatch(/^<section class="cluster" data-kind="near" id="cluster-2">/);
    expect(s[0]).toContain('<span class="facts">3 copies</span>');
    expect(s[1]).toContain('<span class="facts">2 copies · 87–100% similar</span>');
    expect(html).toContain('<a href="#cluster-1" class="exact">');
    expect(html).toContain('<a href="#cluster-2" class="near">');
  });

  it('shows the kept copy and each duplicate side by side, with path:line and similarity', () => {
    const [exact, near] = sections(html);
    // Exact cluster: kept a.txt:3, duplicates a.txt:7 and b.md:2, one pair each.
    expect(exact?.match(/<div class="pair"/g)).toHaveLength(2);
    const captions = (s: string | undefined): string[] =>
      [...(s ?? '').matchAll(/<figure class="copy (kept|duplicate)"[^>]*><figcaption>[\s\S]*?<code class="where">([^<]*)<\/code> <span class="sim"[^>]*>(\d+%)<\/span>/g)].map(
        (m) => `${m[1]} ${m[2]} ${m[3]}`,
      );
    expect(captions(exact)).toEqual(['kept a.txt:3 100%', 'duplicate a.txt:7 100%', 'kept a.txt:3 100%', 'duplicate b.md:2 100%']);
    expect(captions(near)).toEqual(['kept a.txt:9-10 100%', 'duplicate b.md:3 87%']);
    // The kept copy comes first (left column), the duplicate second.
    expect(near?.indexOf('data-role="kept"')).toBeLessThan(near?.indexOf('data-role="duplicate"') ?? -1);
  });

  it('uses the full block text: line breaks kept where nothing is marked, white space collapsed in a diff', () => {
    const out = htmlReporter(twoBlocks(`${TALKS}\nSecond line of it.`, `${TALKS}\nSecond line of it.`, 'exact', 1), CTX);
    expect(sections(out)[0]).toContain(`<div class="text">${TALKS}\nSecond line of it.</div>`);
    const near = sections(html)[1] ?? '';
    expect(near).toContain('<div class="text">The talks were <del>described as</del> constructive by both sides, and a second round is planned.</div>');
    expect(near).toContain('<div class="text">The talks were <ins>called</ins> constructive by both sides, and a second round is planned.</div>');
  });

  it('marks word differences with del/ins in a near cluster, and none in an exact one', () => {
    const [exact, near] = sections(html);
    expect(near).toMatch(/<del>described as<\/del>/);
    expect(near).toMatch(/<ins>called<\/ins>/);
    expect(near).toContain('<span class="note">1 change</span>');
    expect(exact).not.toMatch(/<del|<ins/);
    expect(exact).toContain('<span class="note">identical text</span>');
  });

  it('puts removed words only in the kept column and added words only in the duplicate column', () => {
    const near = sections(html)[1] ?? '';
    const kept = near.match(/<figure class="copy kept"[\s\S]*?<\/figure>/)?.[0] ?? '';
    const dup = near.match(/<figure class="copy duplicate"[\s\S]*?<\/figure>/)?.[0] ?? '';
    expect(kept).toContain('<del>');
    expect(kept).not.toContain('<ins>');
    expect(dup).toContain('<ins>');
    expect(dup).not.toContain('<del>');
  });

  it('marks a run of changed words as one, and never white space alone', () => {
    const out = htmlReporter(
      twoBlocks(
        'The meeting was initially planned to be held in Turkey, with ministers from\nthree countries set to attend.',
        'The talks were originally planned to be held in Turkey, with ministers from three countries set to attend.',
        'near',
        0.9,
      ),
      CTX,
    );
    const s = sections(out)[0] ?? '';
    expect(s).toContain('The <del>meeting was initially</del> planned');
    expect(s).toContain('The <ins>talks were originally</ins> planned');
    expect(s).toContain('ministers from three countries'); // line break vs space: not marked
    expect(s.match(/<del>/g)).toHaveLength(1);
    expect(s.match(/<ins>/g)).toHaveLength(1);
    expect(s).toContain('<span class="note">1 change</span>');
  });

  it('shows an exact copy whose raw text differs without marks, noted as the same after normalization', () => {
    const out = htmlReporter(twoBlocks(`He said “far from dead” today. ${TALKS}`, `He said "far from dead" today. ${TALKS}`, 'exact', 1), CTX);
    const s = sections(out)[0] ?? '';
    expect(s).not.toMatch(/<del|<ins/);
    expect(s).toContain('same text after normalization');
    expect(s).toContain('He said &quot;far from dead&quot; today.');
  });

  it('escapes every piece of text: a <script> block is text, & and quotes are entities', () => {
    const out = htmlReporter(twoBlocks(HOSTILE, HOSTILE_V2, 'near', 0.8, `<img src=x onerror="alert(1)">&'.txt`), {
      ...CTX,
      toolVersion: '1.0.0<script>',
    });
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/<img/i);
    expect(out).not.toMatch(/<b>bold|<i>bold/);
    expect(out).toContain('&lt;script&gt;alert(&quot;');
    expect(out).toContain('Tom &amp; Jerry&#39;s');
    expect(out).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;.txt:1');
    expect(out).toContain('data-path="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;.txt"');
    expect(out).toContain('1.0.0&lt;script&gt;');
    // Changed words are escaped inside their marks too.
    expect(out).toContain('Jerry&#39;s &lt;<del>b</del>&gt;bold&lt;/<del>b</del>&gt;');
    expect(out).toContain('Jerry&#39;s &lt;<ins>i</ins>&gt;bold&lt;/<ins>i</ins>&gt;');
    // Only the reporter's own tags remain: every "<" starts a known tag.
    const tags = new Set([...out.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]?.toLowerCase()));
    expect([...tags].sort()).toEqual(
      ['a', 'b', 'body', 'code', 'dd', 'del', 'div', 'dl', 'dt', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'head', 'header', 'html', 'ins', 'li', 'main', 'meta', 'nav', 'p', 'section', 'span', 'style', 'title', 'ul'].sort(),
    );
  });

  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;');
    expect(escapeHtml('plain text')).toBe('plain text');
  });

  it('shows control characters in text as U+FFFD', () => {
    const out = htmlReporter(twoBlocks(`bell\u0007 and escape\u001b[31m ${TALKS}`, `bell\u0007 and escape\u001b[31m ${TALKS}`, 'exact', 1), CTX);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    expect(out).toContain('bell\uFFFD and escape\uFFFD[31m');
  });

  it('refers to nothing outside the page and forbids it with a Content-Security-Policy', () => {
    const hostile = htmlReporter(twoBlocks(`See https://example.com/x and //cdn.example/y.js ${TALKS}`, `See https://example.com/x and //cdn.example/y.js too. ${TALKS}`, 'near', 0.9), CTX);
    for (const page of [html, hostile, htmlReporter(cleanResult(), CTX)]) {
      const refs = references(page);
      for (const ref of refs) expect(ref).not.toMatch(/^(?:[a-z][a-z0-9+.-]*:|\/\/|\\\\)/i);
      expect(refs.filter((r) => !r.startsWith('#'))).toEqual([]);
      expect(page).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:;`,
      );
      expect(page).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|@font-face/i);
    }
    expect(html).not.toMatch(/https?:/i);
    // The URLs in block text are shown as text, never made into links.
    expect(hostile).toContain('See https://example.com/x');
    expect(hostile).not.toMatch(/href="[^#]/);
  });

  it('is deterministic', () => {
    expect(htmlReporter(sampleResult(), CTX)).toBe(html);
    expect(htmlReporter(sampleResult(), { ...CTX, color: true })).toBe(html);
  });

  it('says when there are no duplicates', () => {
    const out = htmlReporter(cleanResult(), CTX);
    expect(sections(out)).toEqual([]);
    expect(out).toContain('No duplicates in 2 blocks across 1 file.');
    expect(out).toContain('No duplicate or near-duplicate blocks found.');
    expect(out).toContain('data-share="0"');
  });

  it('shows a near copy just below 1 as 99%, never 100%', () => {
    const out = htmlReporter(twoBlocks(TALKS, `${TALKS}!`, 'near', 0.996), CTX);
    expect(out).toContain('<span class="sim" title="similarity to the kept copy">99%</span>');
    expect(out).toContain('99–100% similar');
  });

  it('shows a cluster whose kept copy is not its first member on the left', () => {
    const [first, second] = blocksOf(0, `${TALKS}\n\n${TALKS} Again.\n`, [TALKS, `${TALKS} Again.`]);
    if (!first || !second) throw new Error('fixture');
    const r = result(
      [file('a.txt', 'paragraph', [first, second], 1)],
      [{ id: 1, kind: 'near', members: [{ block: first, similarity: 0.95, keep: false }, { block: second, similarity: 1, keep: true }] }],
    );
    const s = sections(htmlReporter(r, CTX))[0] ?? '';
    expect(s).toMatch(/<figure class="copy kept"[^>]*><figcaption>.*?a\.txt:3<.*? <del>Again\.<\/del>/s);
    expect(s).toMatch(/<figure class="copy duplicate"[^>]*><figcaption>.*?a\.txt:1<.*?95%/s);
  });

  it('lists only the files with duplicates in the chart when there are many files', () => {
    const n = CHART_ALL_FILES_LIMIT + 5;
    const files = Array.from({ length: n }, (_, k) => {
      const blocks = blocksOf(k, `${TALKS}\n`, [TALKS]);
      return file(`f${k}.txt`, 'paragraph', blocks, k === 3 || k === 7 ? 1 : 0);
    });
    const out = htmlReporter(result(files, []), CTX);
    expect([...out.matchAll(/data-path="([^"]*)"/g)].map((m) => m[1])).toEqual(['f3.txt', 'f7.txt']);
    expect(out).toContain(`${n - 2} files without duplicates not shown.`);
  });

  it('shows indexed kept copies with where they were first seen, and a note when their text is not stored', () => {
    const [exact, near, boiler] = sections(htmlReporter(indexedSampleResult(), CTX));
    expect(exact).toContain('<code class="where">index: docs/a.txt:12 (first seen 2026-11-20)</code>');
    expect(exact?.match(/<div class="pair"/g)).toHaveLength(2);
    expect(near).toContain('<code class="where">index: docs/a.txt:14 (first seen 2026-11-20)</code>');
    expect(near).toContain(`<p class="missing">${escapeHtml(TEXT_NOT_STORED)}</p>`);
    expect(near).toContain('<span class="note">kept copy not stored</span>');
    expect(near).not.toMatch(/<del|<ins/);
    expect(near).toContain('The talks were called constructive by both sides');
    expect(boiler).toMatch(/^<section class="cluster" data-kind="boilerplate" id="cluster-3">/);
    expect(boiler).toContain('<span class="facts">in 14 documents · 2 copies here</span>');
  });

  it('shows a boilerplate cluster as its text once and every copy, none kept', () => {
    const boiler = sections(htmlReporter(indexedSampleResult(), CTX))[2] ?? '';
    expect(boiler).not.toContain('data-role="kept"');
    expect(boiler.match(/<div class="text">/g)).toHaveLength(1);
    expect(boiler).toContain('All rights reserved. Reprinted with permission.');
    const roles = [...boiler.matchAll(/<li data-role="(\w+)"><span class="role">\w+<\/span> <code class="where">([^<]*)<\/code>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(roles).toEqual(['ref index: docs/legal.txt:40 (first seen 2026-01-05)', 'drop new.txt:5', 'drop more.md:3']);
  });

  it('keeps a huge cluster tidy: the first pairs side by side, then locations only, capped', () => {
    const n = MAX_PAIRS + MAX_LISTED + 10;
    const doc = Array.from({ length: n + 1 }, () => TALKS).join('\n');
    const blocks = blocksOf(0, doc, Array.from({ length: n + 1 }, () => TALKS));
    const [kept, ...rest] = blocks;
    if (!kept) throw new Error('fixture');
    const r = result([file('big.txt', 'line', blocks, n)], [cluster(1, 'exact', kept, rest.map((b) => [b, 1] as const))]);
    const s = sections(htmlReporter(r, CTX))[0] ?? '';
    expect(s.match(/<div class="pair"/g)).toHaveLength(MAX_PAIRS);
    expect(s).toContain(`<p class="hint">${n - MAX_PAIRS} more duplicates:</p>`);
    expect(s.match(/<li data-role="dup">/g)).toHaveLength(MAX_LISTED);
    expect(s).toContain('<li class="more">and 10 more</li>');
    expect(s).toContain(`<span class="facts">${n + 1} copies</span>`);
  });
});
