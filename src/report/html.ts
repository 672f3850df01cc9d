/**
 * `--format html`: one self-contained page (inline CSS, no script, no external
 * reference of any kind, locked down by a Content-Security-Policy) with the
 * summary, a chart of each file's duplicate share, and every cluster with its
 * kept copy and each duplicate side by side, word differences marked with
 * <del> (only in the kept copy) and <ins> (only in the duplicate).
 *
 * Every piece of text from the scan (block text, paths, the version) goes
 * through escapeHtml; nothing else is interpolated into the markup.
 */
import type { Block, Cluster, ClusterMember, FileResult, ScanResult, ScanSummary } from '../types.js';
import type { Reporter } from './context.js';
import { fileOf } from './member.js';
import { percent } from './pretty.js';
import { wordDiff } from './worddiff.js';

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
    const share = f.blocks.length === 0 ? 0 : f.duplicateBlocks / f.blocks.length;
    const pct = formatShare(share);
    return [
      `<div class="row" role="listitem" data-path="${escapeHtml(f.path)}" data-share="${pct}">`,
      `<span class="path">${escapeHtml(safeText(f.path))}</span>`,
      `<span class="bar" aria-hidden="true"><span class="fill" style="width:${pct}%"></span></span>`,
      `<span class="figure"><b>${pct}%</b> ${f.duplicateBlocks} of ${plural(f.blocks.length, 'block')}</span>`,
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
  const index = result.clusters.map(
    (c) =>
      `<li><a href="#cluster-${c.id}" class="${c.kind}">#${c.id} <span>${c.kind} · ${c.members.length}</span></a></li>`,
  );
  return [
    '<section class="clusters" aria-labelledby="clusters-title">',
    '<h2 id="clusters-title">Clusters</h2>',
    '<p class="legend">Kept copy on the left, duplicate on the right. ' +
      '<del>struck through</del> only in the kept copy; <ins>underlined</ins> only in the duplicate.</p>',
    `<nav class="index" aria-label="Clusters"><ul>${index.join('')}</ul></nav>`,
    ...result.clusters.map((c) => clusterSection(result, c)),
    '</section>',
  ].join('\n');
}

function clusterSection(result: ScanResult, cluster: Cluster): string {
  const kept = cluster.members.find((m) => m.keep) ?? cluster.members[0];
  const facts = [plural(cluster.members.length, 'copy', 'copies')];
  if (cluster.kind === 'near' && cluster.members.length > 0) {
    const percents = cluster.members.map((m) => percent(m.similarity));
    const lo = Math.min(...percents);
    const hi = Math.max(...percents);
    facts.push(lo === hi ? `${hi}% similar` : `${lo}–${hi}% similar`);
  }
  const out = [
    `<section class="cluster" data-kind="${cluster.kind}" id="cluster-${cluster.id}">`,
    `<h3><span class="name">Cluster ${cluster.id}</span> <span class="kind ${cluster.kind}">${cluster.kind}</span> ` +
      `<span class="facts">${escapeHtml(facts.join(' · '))}</span></h3>`,
  ];
  if (kept === undefined) {
    out.push('<p class="hint">This cluster has no members.</p>');
  } else {
    const keptLocation = location(fileOf(result.files, kept, cluster.id).path, kept.block);
    const duplicates = cluster.members.filter((m) => m !== kept);
    for (const dup of duplicates) {
      out.push(pair(cluster, kept, keptLocation, dup, location(fileOf(result.files, dup, cluster.id).path, dup.block)));
    }
    if (duplicates.length === 0) out.push(copy('kept', keptLocation, kept, escapeHtml(safeText(kept.block.text))));
  }
  out.push('</section>');
  return out.join('\n');
}

function pair(cluster: Cluster, kept: ClusterMember, keptLocation: string, dup: ClusterMember, dupLocation: string): string {
  const keptText = safeText(kept.block.text);
  const dupText = safeText(dup.block.text);
  let left: string;
  let right: string;
  let note: string;
  if (keptText === dupText) {
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
    copy('kept', keptLocation, kept, left),
    copy('duplicate', dupLocation, dup, right, note),
    '</div>',
  ].join('\n');
}

function copy(role: 'kept' | 'duplicate', where: string, member: ClusterMember, body: string, note?: string): string {
  const label = role === 'kept' ? 'kept' : 'duplicate';
  const similarity = `${percent(member.similarity)}%`;
  return [
    `<figure class="copy ${role}" data-role="${role}">`,
    `<figcaption><span class="role">${label}</span> <code class="where">${escapeHtml(where)}</code>` +
      ` <span class="sim" title="similarity to the kept copy">${similarity}</span>` +
      (note === undefined ? '' : ` <span class="note">${escapeHtml(note)}</span>`) +
      '</figcaption>',
    `<div class="text">${body}</div>`,
    '</figure>',
  ].join('');
}

/**
 * The two texts with their word differences marked: removed words in <del> on
 * the kept side, added words in <ins> on the duplicate side. Differences in
 * white space alone are not marked (dedupe ignores them).
 */
function markDiff(kept: string, duplicate: string): { kept: string; duplicate: string; changes: number } {
  let left = '';
  let right = '';
  let changes = 0;
  let previous: 'same' | 'removed' | 'added' = 'same';
  for (const part of wordDiff(kept, duplicate)) {
    const text = escapeHtml(part.text);
    const blank = part.text.trim() === '';
    if (part.kind === 'same') {
      left += text;
      right += text;
    } else if (part.kind === 'removed') {
      left += blank ? text : `<del>${text}</del>`;
    } else {
      right += blank ? text : `<ins>${text}</ins>`;
    }
    // A removal directly followed by an addition is one replacement, one change.
    if (!blank && part.kind !== 'same' && !(part.kind === 'added' && previous === 'removed')) changes++;
    if (!blank) previous = part.kind;
  }
  return { kept: left, duplicate: right, changes };
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
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:14px;line-height:1.6}
del{background:var(--del-bg);color:var(--del-fg);text-decoration:line-through;text-decoration-thickness:2px;border-radius:3px;padding:0 1px}
ins{background:var(--ins-bg);color:var(--ins-fg);text-decoration:underline;text-decoration-thickness:2px;text-underline-offset:2px;border-radius:3px;padding:0 1px}
.legend del,.legend ins{font-style:normal}
@media (max-width:760px){.pair{grid-template-columns:1fr}.copy.kept{border-right:0;border-bottom:1px solid var(--line)}.stats{grid-template-columns:repeat(2,minmax(0,1fr))}.row{grid-template-columns:1fr}}
@media print{.index{display:none}.cluster{break-inside:avoid}}
`.trim();
