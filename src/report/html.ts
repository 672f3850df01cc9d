/**
 * `--format html`: one self-contained page (inline CSS, no script, no external
 * reference of any kind, locked down by a Content-Security-Policy) with the
 * summary, a chart of each file's duplicate share, and every cluster with its
 * kept copy and each duplicate side by side, word differences marked with
 * <del> (only in the kept copy) and <ins> (only in the duplicate). White space
 * is collapsed in a diffed pair (wordDiff does so); other copies keep their line
 * breaks. An indexed member (--index) shows where it was first seen, and a note
 * when the index does not hold its text; a boilerplate cluster keeps no copy, so
 * it shows its text once and lists every copy. A big cluster shows MAX_PAIRS pairs
 * side by side, then the other duplicates by location (at most MAX_LISTED).
 *
 * Every piece of text from the scan (block text, paths, the version) goes
 * through escapeHtml; nothing else is interpolated into the markup.
 */
import type { Block, Cluster, ClusterMember, FileResult, ScanResult, ScanSummary } from '../types.js';
import type { Reporter } from './context.js';
import { boilerplateDocuments, fileOf, firstSeenDay } from './member.js';
import { percent, similarityRange } from './percent.js';
import { TEXT_NOT_STORED } from './pretty.js';
import { wordDiff } from './worddiff.js';
import { blockCount } from '../split/spans.js';

/** Above this many files, the chart lists only the files that have duplicates. */
export const CHART_ALL_FILES_LIMIT = 25;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export const htmlReporter: Reporter = (result, ctx) => {
  const { summary } = result;
  const title = `dedupe report: ${plural(summary.clusters, 'cluster')} in ${plural(summary.files, 'file')}`;
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CSP)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    header(summary, ctx.toolVersion),
    '<main>',
    chart(result.files),
    clusters(result),
    '</main>',
    '</body>',
    '</html>',
  ];
  return `${parts.join('\n')}\n`;
};

function header(summary: ScanSummary, version: string): string {
  const stats: ReadonlyArray<readonly [string, string, number]> = [
    ['files', 'files', summary.files],
    ['blocks', 'blocks', summary.blocks],
    ['clusters', 'clusters', summary.clusters],
    ['duplicateBlocks', 'duplicate blocks', summary.duplicateBlocks],
  ];
  const verdict =
    summary.clusters === 0
      ? `No duplicates in ${plural(summary.blocks, 'block')} across ${plural(summary.files, 'file')}.`
      : `${plural(summary.duplicateBlocks, 'duplicate block')} to remove, ` +
        `in ${plural(summary.clusters, 'cluster')}, out of ${plural(summary.blocks, 'block')}.`;
  return [
    '<header class="summary">',
    '<div class="title">',
    '<h1>dedupe report</h1>',
    `<p class="tool">dedupe <span data-stat="toolVersion">${escapeHtml(version)}</span></p>`,
    '</div>',
    `<p class="verdict">${escapeHtml(verdict)}</p>`,
    '<dl class="stats">',
    ...stats.map(
      ([key, label, n]) =>
        `<div class="stat${key === 'duplicateBlocks' && n > 0 ? ' hot' : ''}"><dt>${label}</dt><dd data-stat="${key}">${n}</dd></div>`,
    ),
    '</dl>',
    '</header>',
  ].join('\n');
}

function chart(files: readonly FileResult[]): string {
  const shown = files.length <= CHART_ALL_FILES_LIMIT ? files : files.filter((f) => f.duplicateBlocks > 0);
  const hidden = files.length - shown.length;
  const rows = shown.map((f) => {
    const count = blockCount(f);
    const share = count === 0 ? 0 : f.duplicateBlocks / count;
    const pct = formatShare(share);
    return [
      `<div class="row" role="listitem" data-path="${escapeHtml(f.path)}" data-share="${pct}">`,
      `<span class="path">${escapeHtml(safeText(f.path))}</span>`,
      `<span class="bar" aria-hidden="true"><span class="fill" style="width:${pct}%"></span></span>`,
      `<span class="figure"><b>${pct}%</b> ${f.duplicateBlocks} of ${plural(count, 'block')}</span>`,
      '</div>',
    ].join('');
  });
  return [
    '<section class="chart" aria-labelledby="chart-title">',
    '<h2 id="chart-title">Duplicate share per file</h2>',
    '<p class="hint">Blocks of each file that are duplicates to remove, out of the file’s blocks.</p>',
    '<div class="bars" role="list">',
    ...rows,
    '</div>',
    ...(hidden > 0 ? [`<p class="hint">${plural(hidden, 'file')} without duplicates not shown.</p>`] : []),
    '</section>',
  ].join('\n');
}

function clusters(result: ScanResult): string {
  if (result.clusters.length === 0) {
    return '<section class="empty"><h2>Clusters</h2><p>No duplicate or near-duplicate blocks found.</p></section>';
  }
  const index: string[] = [];
  for (const c of result.clusters.slice(0, MAX_INDEX)) {
    index.push(`<li><a href="#cluster-${c.id}" class="${c.kind}">#${c.id} <span>${c.kind} · ${c.members.length}</span></a></li>`);
  }
  if (result.clusters.length > MAX_INDEX) index.push(`<li class="more">and ${result.clusters.length - MAX_INDEX} more</li>`);
  const sections: string[] = [];
  for (const c of result.clusters) sections.push(clusterSection(result, c));
  return [
    '<section class="clusters" aria-labelledby="clusters-title">',
    '<h2 id="clusters-title">Clusters</h2>',
    '<p class="legend">Kept copy on the left, duplicate on the right. ' +
      '<del>struck through</del> only in the kept copy; <ins>underlined</ins> only in the duplicate.</p>',
    `<nav class="index" aria-label="Clusters"><ul>${index.join('')}</ul></nav>`,
    ...sections,
    '</section>',
  ].join('\n');
}

/** Side-by-side pairs shown per cluster; further duplicates are listed by location only. */
export const MAX_PAIRS = 25;
/** Members listed by location only, per cluster, after the pairs. */
export const MAX_LISTED = 500;
/** Entries in the cluster index at the top. */
const MAX_INDEX = 300;

function clusterSection(result: ScanResult, cluster: Cluster): string {
  const out = [
    `<section class="cluster" data-kind="${cluster.kind}" id="cluster-${cluster.id}">`,
    `<h3><span class="name">Cluster ${cluster.id}</span> <span class="kind ${cluster.kind}">${cluster.kind}</span> ` +
      `<span class="facts">${escapeHtml(facts(cluster).join(' · '))}</span></h3>`,
  ];
  const where = (m: ClusterMember): string => memberLocation(result, cluster, m);
  const kept = cluster.kind === 'boilerplate' ? undefined : (cluster.members.find((m) => m.keep) ?? cluster.members[0]);
  if (cluster.members.length === 0) {
    out.push('<p class="hint">This cluster has no members.</p>');
  } else if (kept === undefined) {
    // Boilerplate: no copy is kept. The text once, then every copy.
    const shown = cluster.members.find((m) => m.block.text !== '') ?? cluster.members[0];
    if (shown !== undefined) {
      out.push(`<figure class="copy boilerplate" data-role="boilerplate">${caption('text', where(shown), shown, 'removed from every document')}${body(shown, escapeHtml(safeText(shown.block.text)))}</figure>`);
    }
    out.push(memberList(cluster.members, where, (m) => (m.indexed ? 'ref' : 'drop'), 'copies'));
  } else {
    const keptWhere = where(kept);
    const duplicates = cluster.members.filter((m) => m !== kept);
    for (const dup of duplicates.slice(0, MAX_PAIRS)) out.push(pair(cluster, kept, keptWhere, dup, where(dup)));
    if (duplicates.length > MAX_PAIRS) {
      out.push(memberList(duplicates.slice(MAX_PAIRS), where, () => 'dup', 'more duplicates'));
    }
    if (duplicates.length === 0) out.push(copy('kept', keptWhere, kept, body(kept, escapeHtml(safeText(kept.block.text)))));
  }
  out.push('</section>');
  return out.join('\n');
}

/** The header facts: copies and similarity range, or for boilerplate in how many documents. */
function facts(cluster: Cluster): string[] {
  if (cluster.kind === 'boilerplate') {
    let here = 0;
    for (const m of cluster.members) if (m.indexed === undefined) here += 1;
    return [`in ${plural(boilerplateDocuments(cluster), 'document')}`, `${plural(here, 'copy', 'copies')} here`];
  }
  const out = [plural(cluster.members.length, 'copy', 'copies')];
  if (cluster.kind === 'near' && cluster.members.length > 0) {
    out.push(similarityRange(cluster.members));
  }
  return out;
}

/** Members by location only (at most MAX_LISTED), for big clusters and boilerplate. */
function memberList(
  members: readonly ClusterMember[],
  where: (m: ClusterMember) => string,
  role: (m: ClusterMember) => string,
  what: string,
): string {
  const items: string[] = [];
  for (const m of members.slice(0, MAX_LISTED)) {
    items.push(
      `<li data-role="${role(m)}"><span class="role">${role(m)}</span> <code class="where">${escapeHtml(where(m))}</code> ` +
        `<span class="sim">${percent(m.similarity)}%</span></li>`,
    );
  }
  if (members.length > MAX_LISTED) items.push(`<li class="more">and ${members.length - MAX_LISTED} more</li>`);
  return `<div class="members"><p class="hint">${plural(members.length, what.replace(/s$/, ''), what)}:</p><ul>${items.join('')}</ul></div>`;
}

function pair(cluster: Cluster, kept: ClusterMember, keptWhere: string, dup: ClusterMember, dupWhere: string): string {
  const keptText = safeText(kept.block.text);
  const dupText = safeText(dup.block.text);
  let left: string;
  let right: string;
  let note: string;
  if (kept.indexed && kept.block.text === '') {
    left = '';
    right = escapeHtml(dupText);
    note = 'kept copy not stored';
  } else if (keptText === dupText) {
    left = escapeHtml(keptText);
    right = left;
    note = 'identical text';
  } else if (cluster.kind === 'exact') {
    left = escapeHtml(keptText);
    right = escapeHtml(dupText);
    note = 'same text after normalization';
  } else {
    const marked = markDiff(keptText, dupText);
    left = marked.kept;
    right = marked.duplicate;
    note = marked.changes === 1 ? '1 change' : `${marked.changes} changes`;
  }
  return [
    `<div class="pair" data-note="${escapeHtml(note)}">`,
    copy('kept', keptWhere, kept, body(kept, left)),
    copy('duplicate', dupWhere, dup, body(dup, right), note),
    '</div>',
  ].join('\n');
}

function copy(role: 'kept' | 'duplicate', where: string, member: ClusterMember, content: string, note?: string): string {
  return `<figure class="copy ${role}" data-role="${role}">${caption(role, where, member, note)}${content}</figure>`;
}

function caption(label: string, where: string, member: ClusterMember, note?: string): string {
  return (
    `<figcaption><span class="role">${label}</span> <code class="where">${escapeHtml(where)}</code>` +
    ` <span class="sim" title="similarity to the kept copy">${percent(member.similarity)}%</span>` +
    (note === undefined ? '' : ` <span class="note">${escapeHtml(note)}</span>`) +
    '</figcaption>'
  );
}

/** The text box; for an indexed copy whose text the index does not hold, a note saying so. */
function body(member: ClusterMember, html: string): string {
  if (member.indexed && member.block.text === '') return `<p class="missing">${escapeHtml(TEXT_NOT_STORED)}</p>`;
  return `<div class="text">${html}</div>`;
}

/** `path:line`; for an indexed member `index: path:line (first seen YYYY-MM-DD)`. */
function memberLocation(result: ScanResult, cluster: Cluster, member: ClusterMember): string {
  const loc = location(fileOf(result.files, member, cluster.id).path, member.block);
  if (member.indexed === undefined) return loc;
  return `index: ${loc} (first seen ${firstSeenDay(member.indexed, cluster.id)})`;
}

/**
 * The two texts with their word differences marked: removed words in <del> on
 * the kept side, added words in <ins> on the duplicate side. Changed words
 * separated only by white space are marked as one run, and differences in
 * white space alone are not marked (dedupe ignores them). `changes` counts the
 * runs of changed words (a replacement is one change).
 */
function markDiff(kept: string, duplicate: string): { kept: string; duplicate: string; changes: number } {
  const left: Segment[] = [];
  const right: Segment[] = [];
  let changes = 0;
  let inChange = false;
  for (const part of wordDiff(kept, duplicate)) {
    const blank = part.text.trim() === '';
    if (part.kind === 'same' || blank) {
      if (part.kind !== 'added') left.push({ text: part.text, changed: false });
      if (part.kind !== 'removed') right.push({ text: part.text, changed: false });
    } else {
      // Leading and trailing white space of a changed part stays outside its mark.
      const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/u.exec(part.text) ?? [];
      const side = part.kind === 'removed' ? left : right;
      side.push({ text: lead, changed: false }, { text: core, changed: true }, { text: trail, changed: false });
    }
    if (blank) continue;
    if (part.kind === 'same') inChange = false;
    else if (!inChange) {
      inChange = true;
      changes++;
    }
  }
  return { kept: marked(left, 'del'), duplicate: marked(right, 'ins'), changes };
}

interface Segment {
  readonly text: string;
  changed: boolean;
}

/** The escaped segments, each run of changed ones (white space between them included) in one `tag`. */
function marked(segments: Segment[], tag: 'del' | 'ins'): string {
  // White space between two changed segments belongs to the run.
  for (let i = 1; i < segments.length - 1; i++) {
    const s = segments[i];
    if (s !== undefined && !s.changed && s.text.trim() === '' && segments[i - 1]?.changed === true) {
      const next = segments.slice(i + 1).find((n) => n.changed || n.text.trim() !== '');
      if (next?.changed === true) s.changed = true;
    }
  }
  let out = '';
  let open = false;
  for (const s of segments) {
    if (s.text === '') continue;
    if (s.changed && !open) out += `<${tag}>`;
    if (!s.changed && open) out += `</${tag}>`;
    open = s.changed;
    out += escapeHtml(s.text);
  }
  return open ? `${out}</${tag}>` : out;
}

/** `path:line`, or `path:start-end` for a block spanning several lines. */
function location(path: string, block: Block): string {
  const lines = block.endLine > block.startLine ? `${block.startLine}-${block.endLine}` : `${block.startLine}`;
  return `${safeText(path)}:${lines}`;
}

/** Escapes the five HTML-significant characters, so any text is safe in content and in quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Control characters other than tab and line breaks are not valid in HTML text: show them as U+FFFD. */
function safeText(text: string): string {
  return text.replace(/[^\P{Cc}\t\n\r]/gu, '\uFFFD');
}

/** A share as a percentage with at most one decimal (12.5, 100, 0). */
function formatShare(share: number): string {
  return String(Math.round(share * 1000) / 10);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const STYLE = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--accent:#0969da;
--del-bg:#ffebe9;--del-fg:#82071e;--ins-bg:#dafbe1;--ins-fg:#0f5323;--near:#9a6700;--near-bg:#fff8c5;--exact:#0550ae;--exact-bg:#ddf4ff}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--fg);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header.summary,main{max-width:1200px;margin:0 auto;padding:0 24px}
header.summary{padding-top:28px;padding-bottom:8px}
.title{display:flex;align-items:baseline;gap:12px;flex-wrap:wrap}
h1{font-size:26px;margin:0;letter-spacing:-.01em}
.tool{margin:0;color:var(--muted);font-size:13px}
.verdict{margin:6px 0 16px;color:var(--muted)}
.stats{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:12px;margin:0}
.stat{border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:var(--soft)}
.stat dt{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.stat dd{margin:0;font-size:28px;font-weight:650;font-variant-numeric:tabular-nums}
.stat.hot dd{color:var(--del-fg)}
h2{font-size:18px;margin:28px 0 4px;padding-bottom:6px;border-bottom:1px solid var(--line)}
.hint,.legend{color:var(--muted);font-size:13px;margin:6px 0 12px}
.bars{display:grid;gap:6px}
.row{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,3fr) 11em;gap:12px;align-items:center;font-size:13px}
.row .path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;overflow-wrap:anywhere}
.bar{display:block;height:14px;background:var(--soft);border:1px solid var(--line);border-radius:7px;overflow:hidden}
.fill{display:block;height:100%;background:#cf222e;min-width:0}
.figure{font-variant-numeric:tabular-nums;color:var(--muted)}
.figure b{color:var(--fg);display:inline-block;min-width:3.6em}
.index ul{list-style:none;margin:0 0 8px;padding:0;display:flex;flex-wrap:wrap;gap:6px}
.index a{display:inline-block;text-decoration:none;font-size:12px;padding:2px 8px;border-radius:999px;border:1px solid var(--line);color:var(--fg)}
.index a span{color:var(--muted)}
.index a.near{background:var(--near-bg)}
.index a.exact{background:var(--exact-bg)}
.cluster{margin:18px 0 24px;border:1px solid var(--line);border-radius:10px;overflow:hidden}
.cluster h3{margin:0;padding:8px 14px;font-size:15px;background:var(--soft);border-bottom:1px solid var(--line);display:flex;gap:10px;align-items:center}
.kind{font-size:11px;text-transform:uppercase;letter-spacing:.06em;padding:1px 8px;border-radius:999px;font-weight:600}
.kind.near{color:var(--near);background:var(--near-bg);border:1px solid #d4a72c}
.kind.exact{color:var(--exact);background:var(--exact-bg);border:1px solid #54aeff}
.facts{font-weight:400;color:var(--muted);font-size:13px}
.pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr)}
.pair+.pair{border-top:1px dashed var(--line)}
.copy{margin:0;padding:10px 14px 12px;min-width:0}
.copy.kept{border-right:1px solid var(--line)}
.cluster>.copy.kept{border-right:0}
figcaption{font-size:12px;color:var(--muted);margin-bottom:6px;display:flex;flex-wrap:wrap;gap:4px 8px;align-items:baseline}
.role{font-weight:700;text-transform:uppercase;letter-spacing:.06em;font-size:11px}
.kept .role{color:#1a7f37}
.duplicate .role{color:#cf222e}
.where{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;color:var(--fg);overflow-wrap:anywhere}
.sim{font-variant-numeric:tabular-nums;font-weight:600;color:var(--fg)}
.note{font-style:italic}
.missing{margin:0;color:var(--muted);font-style:italic;font-size:13px}
.copy.boilerplate{border-bottom:1px solid var(--line)}
.members{padding:8px 14px 12px;border-top:1px dashed var(--line)}
.members .hint{margin:0 0 4px}
.members ul{list-style:none;margin:0;padding:0;columns:2;column-gap:24px;font-size:12px}
.members li{break-inside:avoid;display:flex;gap:8px;align-items:baseline}
.members li[data-role=dup] .role,.members li[data-role=drop] .role{color:#cf222e}
.members li[data-role=ref] .role{color:var(--muted)}
.kind.boilerplate{color:#8250df;background:#fbefff;border:1px solid #c297ff}
.index a.boilerplate{background:#fbefff}
.index .more{font-size:12px;color:var(--muted);padding:2px 4px}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:14px;line-height:1.6}
del{background:var(--del-bg);color:var(--del-fg);text-decoration:line-through;text-decoration-thickness:2px;border-radius:3px;padding:0 2px;box-shadow:inset 0 0 0 1px #ff818266}
ins{background:var(--ins-bg);color:var(--ins-fg);text-decoration:underline;text-decoration-thickness:2px;text-underline-offset:2px;border-radius:3px;padding:0 2px;box-shadow:inset 0 0 0 1px #4ac26b66}
.legend del,.legend ins{font-style:normal}
@media (max-width:760px){.pair{grid-template-columns:1fr}.copy.kept{border-right:0;border-bottom:1px solid var(--line)}.stats{grid-template-columns:repeat(2,minmax(0,1fr))}.row{grid-template-columns:1fr}}
@media print{.index{display:none}.cluster{break-inside:avoid}}
`.trim();
