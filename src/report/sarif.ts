/**
 * `--format sarif`: a SARIF 2.1.0 log (OASIS standard) for code-scanning tools
 * (GitHub code scanning, IDE viewers). One run; one result per duplicate block
 * (every member of this run with keep: false), in cluster order then member
 * order; the kept copy is the result's related location 1.
 *
 * Rules: `dedupe/exact` (ruleIndex 0), `dedupe/near` (1), `dedupe/boilerplate` (2,
 * --boilerplate N: the block is removed from every document, so its results have
 * no related location and the message says in how many documents it was seen).
 *
 * A kept copy held by the persistent index (--index, first seen in an earlier run)
 * is not an artifact of this run: its related location has the URI of the path it
 * was first seen at (no artifact `index`) and a region with only its `startLine`;
 * its message says when it was first seen. Indexed members get no result.
 *
 * Artifacts and URIs: `run.artifacts` lists every scanned file in input order, so
 * an artifact's index is the block's source index. A file's URI is its display
 * path as a RFC 3986 URI reference (see {@link pathToSarifUri}):
 * - relative path: each segment percent-encoded (only unreserved characters
 *   A-Z a-z 0-9 - . _ ~ are kept; UTF-8), `.` segments and repeated slashes
 *   dropped, with `uriBaseId: "%SRCROOT%"`, the directory dedupe ran in (left
 *   without a `uri` in `originalUriBaseIds`: the reporter does not know it, and
 *   code-scanning uploads resolve it to the checkout root);
 * - absolute path (`/…`, or a drive `C:/…`): a `file:///…` URI, no uriBaseId;
 * - standard input (`<stdin>`): the relative URI `stdin` with no uriBaseId (so it
 *   is not mistaken for a file `stdin` in the source root), and the artifact's
 *   description says "standard input".
 *
 * partialFingerprints: `normalizedTextHash/v1` = the first 32 hex digits of the
 * SHA-256 of the duplicate's normalized text (the normalization used to compare),
 * then `:n`, its occurrence among this run's results with the same hash in the
 * same file. Stable when lines move or the kept copy changes; deterministic.
 */
import { createHash } from 'node:crypto';
import { normalize } from '../normalize/index.js';
import type { Block, Cluster, ClusterKind, ClusterMember, ScanResult } from '../types.js';
import type { Reporter } from './context.js';
import { duplicateMessage, keptMember, STDIN_DISPLAY_PATH } from './github.js';
import { roundSimilarity } from './json.js';
import { fileOf, firstSeenIso, isRemoved } from './member.js';
import {
  SARIF_SCHEMA_URI,
  SARIF_VERSION,
  type SarifArtifact,
  type SarifArtifactLocation,
  type SarifBlockRegion,
  type SarifLocation,
  type SarifLog,
  type SarifPhysicalLocation,
  type SarifReportingDescriptor,
  type SarifResult,
} from './sarif-wire.js';
import { TOOL_NAME } from './wire.js';
import { eachCluster } from '../cluster/table.js';

export const INFORMATION_URI = 'https://www.npmjs.com/package/dedupe-text';
/** The uriBaseId of relative paths: the directory dedupe was run in. */
export const SRCROOT = '%SRCROOT%';
/** URI of standard input's artifact. */
export const STDIN_URI = 'stdin';
export const FINGERPRINT_KEY = 'normalizedTextHash/v1';

const HELP =
  'Remove the repeated block, or keep it deliberately. `dedupe --write` removes every ' +
  'duplicate block and keeps one copy of each (choose which with --keep first|last|longest); ' +
  '`dedupe --strip` prints the result without touching the file.';

/** The rules, in ruleIndex order. */
export const SARIF_RULES: readonly SarifReportingDescriptor[] = [
  {
    id: 'dedupe/exact',
    name: 'ExactDuplicate',
    shortDescription: { text: 'Exact duplicate block' },
    fullDescription: {
      text:
        'A block of text (paragraph, line or sentence) that is the same as another block, ' +
        'after normalization of case, Unicode forms, quotes, dashes and white space (unless --raw).',
    },
    help: { text: HELP },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['duplicate', 'text'] },
  },
  {
    id: 'dedupe/near',
    name: 'NearDuplicate',
    shortDescription: { text: 'Near-duplicate block' },
    fullDescription: {
      text:
        'A block of text (paragraph, line or sentence) that is not the same as another block ' +
        'but nearly so: its similarity to the kept copy is at or above the --threshold.',
    },
    help: { text: HELP },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['duplicate', 'text'] },
  },
  {
    id: 'dedupe/boilerplate',
    name: 'Boilerplate',
    shortDescription: { text: 'Boilerplate block' },
    fullDescription: {
      text:
        'A block of text (paragraph, line or sentence) found in at least as many documents as ' +
        '--boilerplate N asks, counting this run and, with --index, earlier runs. ' +
        'It is removed from every document: no copy is kept.',
    },
    help: {
      text:
        'Remove the repeated block from every document, or keep it deliberately (raise N or drop ' +
        '--boilerplate). `dedupe --boilerplate N --write` removes it everywhere; ' +
        '`dedupe --boilerplate N --strip` prints the result without touching the file.',
    },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['duplicate', 'boilerplate', 'text'] },
  },
];

/** Each kind's rule in SARIF_RULES; stable, as ruleIndex is written into results. */
const RULE_INDEX: Readonly<Record<ClusterKind, number>> = { exact: 0, near: 1, boilerplate: 2 };

// Lone surrogates cannot be UTF-8 encoded (encodeURIComponent throws): show them as U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Percent-encodes one path segment: every character but the RFC 3986 unreserved
 * ones (A-Z a-z 0-9 - . _ ~) becomes %XX of its UTF-8 bytes, upper-case hex.
 * Stricter than encodeURIComponent, which keeps ! ' ( ) *.
 */
export function encodePathSegment(segment: string): string {
  return encodeURIComponent(segment.replace(LONE_SURROGATE, '\uFFFD')).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

const encodeSegments = (segments: readonly string[]): string => segments.map(encodePathSegment).join('/');

/**
 * The SARIF artifact location (uri and uriBaseId) of a display path; see the
 * module comment. Display paths use POSIX separators.
 */
export function pathToSarifUri(path: string): SarifArtifactLocation {
  if (path === STDIN_DISPLAY_PATH) return { uri: STDIN_URI };
  const drive = /^([A-Za-z]):\//.exec(path);
  if (drive !== null) {
    const rest = path.slice(3).split('/').filter((s) => s !== '' && s !== '.');
    return { uri: `file:///${drive[1] ?? ''}:/${encodeSegments(rest)}` };
  }
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (path.startsWith('/')) return { uri: `file:///${encodeSegments(segments)}` };
  return { uri: encodeSegments(segments), uriBaseId: SRCROOT };
}

/**
 * Makes plain text safe as a SARIF message: `[text](n)` is an embedded link
 * (SARIF 3.11.6), so a `]` directly followed by `(` is escaped as `\]` (and the
 * backslashes before it doubled). Other brackets are left alone.
 */
export function escapeSarifText(text: string): string {
  return text.replace(/(\\*)\]\(/g, (_match, slashes: string) => `${slashes}${slashes}\\](`);
}

function physicalLocation(result: ScanResult, member: ClusterMember, clusterId: number): SarifPhysicalLocation {
  const path = fileOf(result.files, member, clusterId).path;
  const { block } = member;
  if (member.indexed) {
    return { artifactLocation: pathToSarifUri(path), region: { startLine: block.startLine } };
  }
  return {
    artifactLocation: { ...pathToSarifUri(path), index: block.source },
    region: region(block),
  };
}

function region(block: Block): SarifBlockRegion {
  return {
    startLine: block.startLine,
    endLine: block.endLine,
    byteOffset: block.startOffset,
    byteLength: block.endOffset - block.startOffset,
  };
}

/** Related location 1 of a duplicate: its kept copy, in this run or in the index. */
function keptLocation(result: ScanResult, kept: ClusterMember, clusterId: number): SarifLocation {
  const text = kept.indexed
    ? `kept copy (first seen ${firstSeenIso(kept.indexed, clusterId)}, from the index)`
    : 'kept copy';
  return { id: 1, physicalLocation: physicalLocation(result, kept, clusterId), message: { text: escapeSarifText(text) } };
}

function textHash(text: string): string {
  return createHash('sha256').update(normalize(text), 'utf8').digest('hex').slice(0, 32);
}

/** Builds the SARIF log of a scan result (the object `sarifReporter` serializes). */
export function toSarifLog(result: ScanResult, toolVersion: string): SarifLog {
  const artifacts: SarifArtifact[] = result.files.map((file) =>
    file.path === STDIN_DISPLAY_PATH
      ? { location: pathToSarifUri(file.path), roles: ['analysisTarget'], description: { text: 'standard input' } }
      : { location: pathToSarifUri(file.path), roles: ['analysisTarget'] },
  );
  const occurrences = new Map<string, number>();
  const results: SarifResult[] = [];
  for (const cluster of eachCluster(result)) {
    const kept = keptMember(cluster);
    for (const member of cluster.members) {
      if (!isRemoved(member)) continue;
      const hash = textHash(member.block.text);
      const key = `${member.block.source}\0${hash}`;
      const occurrence = (occurrences.get(key) ?? 0) + 1;
      occurrences.set(key, occurrence);
      results.push(sarifResult(result, cluster, member, kept, `${hash}:${occurrence}`));
    }
  }
  return {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: { name: TOOL_NAME, version: toolVersion, informationUri: INFORMATION_URI, rules: SARIF_RULES },
        },
        originalUriBaseIds: {
          [SRCROOT]: { description: { text: 'The directory dedupe was run in; relative paths are relative to it.' } },
        },
        artifacts,
        results,
      },
    ],
  };
}

function sarifResult(
  result: ScanResult,
  cluster: Cluster,
  member: ClusterMember,
  kept: ClusterMember | undefined,
  fingerprint: string,
): SarifResult {
  return {
    ruleId: `dedupe/${cluster.kind}`,
    ruleIndex: RULE_INDEX[cluster.kind],
    level: 'warning',
    message: { text: escapeSarifText(duplicateMessage(result, cluster, member, kept)) },
    locations: [{ physicalLocation: physicalLocation(result, member, cluster.id) }],
    // A boilerplate block has no kept copy to point at.
    ...(kept === undefined ? {} : { relatedLocations: [keptLocation(result, kept, cluster.id)] }),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    properties: { similarity: roundSimilarity(member.similarity), clusterId: cluster.id },
  };
}

export const sarifReporter: Reporter = (result, ctx) => `${JSON.stringify(toSarifLog(result, ctx.toolVersion), null, 2)}\n`;
