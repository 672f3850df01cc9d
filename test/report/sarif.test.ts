import { readFileSync } from 'node:fs';
import AjvModule, { type AnySchemaObject, type ErrorObject } from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { scanTexts } from '../../src/pipeline.js';
import {
  encodePathSegment,
  escapeSarifText,
  pathToSarifUri,
  SARIF_RULES,
  sarifReporter,
  toSarifLog,
} from '../../src/report/sarif.js';
import type { SarifLog, SarifResult } from '../../src/report/sarif-wire.js';
import { STDIN_PATH } from '../../src/input/index.js';
import type { ScanResult } from '../../src/types.js';
import {
  blocksOf,
  boilerplateCluster,
  cleanResult,
  cluster,
  CTX,
  file,
  FOOTER,
  indexedCluster,
  indexedMember,
  indexedSampleResult,
  result,
  sampleResult,
  TALKS,
} from './helpers.js';

// ajv-draft-04 is CommonJS: under NodeNext its default import is module.exports,
// whose `default` is the Ajv class (the same object at run time).
const Ajv = AjvModule.default;

const SCHEMA_URL = new URL('../fixtures/schemas/sarif-schema-2.1.0.json', import.meta.url);
const schema: AnySchemaObject = JSON.parse(readFileSync(SCHEMA_URL, 'utf8'));

// Ajv has no string formats built in (ajv-formats is not a dependency): check the
// three the SARIF schema uses, so that a URI that is not RFC 3986 fails validation.
const URI_REFERENCE = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
// strict: false because the official schema uses `required` inside anyOf branches
// without the property there, which Ajv's strict mode rejects (strictRequired).
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('uri-reference', (s: string) => URI_REFERENCE.test(s));
ajv.addFormat('uri', (s: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && URI_REFERENCE.test(s));
ajv.addFormat(
  'date-time',
  (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i.test(s) && !Number.isNaN(Date.parse(s)),
);
const validate = ajv.compile(schema);

/** Schema errors of `doc`, as short strings (empty when it validates). */
function schemaErrors(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message ?? ''}`);
}

function parse(text: string): SarifLog {
  expect(text.endsWith('}\n')).toBe(true);
  return JSON.parse(text) as SarifLog;
}

function resultsOf(log: SarifLog): readonly SarifResult[] {
  const run = log.runs[0];
  if (run === undefined) throw new Error('no run');
  return run.results;
}

/** A deep, mutable copy of a log, for breaking it. */
function mutableCopy(log: SarifLog): { runs: Array<Record<string, unknown> & { results: Array<Record<string, unknown>> }> } & Record<string, unknown> {
  return JSON.parse(JSON.stringify(log));
}

const SHARED = 'The same paragraph, copied into every file.';

/** One exact cluster: the block kept in the first path, a copy in each of the others. */
function oneClusterAcross(paths: readonly string[]): ScanResult {
  const doc = `Intro.\n\n${SHARED}\n`;
  const blocks = paths.map((_, source) => blocksOf(source, doc, ['Intro.', SHARED]));
  const copies = blocks.map((b) => b[1]).filter((b) => b !== undefined);
  const [kept, ...others] = copies;
  if (kept === undefined) throw new Error('test fixture: no paths');
  return result(
    paths.map((p, i) => file(p, 'paragraph', blocks[i] ?? [], i === 0 ? 0 : 1)),
    [cluster(1, 'exact', kept, others.map((b) => [b, 1] as const))],
  );
}

describe('sarif reporter: schema', () => {
  it('the sample result validates against the OASIS SARIF 2.1.0 schema', () => {
    const log = parse(sarifReporter(sampleResult(), CTX));
    expect(schemaErrors(log)).toEqual([]);
  });

  it('zero clusters: a valid log with an empty results array and the files as artifacts', () => {
    const log = parse(sarifReporter(cleanResult(), CTX));
    expect(schemaErrors(log)).toEqual([]);
    expect(resultsOf(log)).toEqual([]);
    expect(log.runs[0]?.artifacts).toEqual([{ location: { uri: 'a.txt', uriBaseId: '%SRCROOT%' }, roles: ['analysisTarget'] }]);
  });

  it('no files at all is still a valid log', () => {
    const log = parse(sarifReporter(result([], []), CTX));
    expect(schemaErrors(log)).toEqual([]);
    expect(log.runs[0]?.artifacts).toEqual([]);
  });

  it('awkward file names, an absolute path and stdin validate (URIs checked as RFC 3986)', () => {
    const log = parse(sarifReporter(oneClusterAcross(['a,b:c%.txt', 'dir/my file.txt', 'café.txt', '/srv/x y/ü.txt', STDIN_PATH]), CTX));
    expect(schemaErrors(log)).toEqual([]);
  });

  it('the validator is live: broken documents do not validate', () => {
    const good = toSarifLog(sampleResult(), '0.1.0');
    expect(schemaErrors(good)).toEqual([]);

    const wrongVersion = mutableCopy(good);
    wrongVersion.version = '2.0.0';
    expect(schemaErrors(wrongVersion)).not.toEqual([]);

    const { runs: _runs, ...noRuns } = mutableCopy(good);
    expect(schemaErrors(noRuns)).not.toEqual([]);

    const badLevel = mutableCopy(good);
    const r0 = badLevel.runs[0]?.results[0];
    if (r0 === undefined) throw new Error('no result');
    r0.level = 'warn';
    expect(schemaErrors(badLevel)).not.toEqual([]);

    const unknownProperty = mutableCopy(good);
    const r1 = unknownProperty.runs[0]?.results[0];
    if (r1 === undefined) throw new Error('no result');
    r1.similarity = 1; // belongs in the property bag
    expect(schemaErrors(unknownProperty)).toEqual(['/runs/0/results/0 must NOT have additional properties']);

    const badUri = mutableCopy(good);
    const run = badUri.runs[0];
    if (run === undefined) throw new Error('no run');
    run.artifacts = [{ location: { uri: 'my file.txt', uriBaseId: '%SRCROOT%' } }];
    expect(schemaErrors(badUri)).toEqual(['/runs/0/artifacts/0/location/uri must match format "uri-reference"']);
  });

  it('a real scan of the seed articles validates, one result per duplicate block', async () => {
    const root = new URL('../../fixtures/', import.meta.url);
    const scanned = await scanTexts(
      ['article.txt', 'article-v2.txt'].map((name) => ({ path: `fixtures/${name}`, content: readFileSync(new URL(name, root)) })),
    );
    expect(scanned.summary.duplicateBlocks).toBeGreaterThan(0);
    const log = parse(sarifReporter(scanned, CTX));
    expect(schemaErrors(log)).toEqual([]);
    const results = resultsOf(log);
    expect(results).toHaveLength(scanned.summary.duplicateBlocks);
    expect(results[0]?.message.text).toMatch(/^Duplicate of fixtures\/article\.txt:8 \(100% similar, exact\): "Port Ellery’s .*…"$/);
    expect(results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: 'fixtures/article.txt', uriBaseId: '%SRCROOT%', index: 0 });
  });
});

describe('sarif reporter: content', () => {
  const log = parse(sarifReporter(sampleResult(), CTX));
  const run = log.runs[0];

  it('is one run of the dedupe driver with the three rules', () => {
    expect(log.$schema).toBe('https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = run?.tool.driver;
    expect(driver?.name).toBe('dedupe');
    expect(driver?.version).toBe('0.1.0');
    expect(driver?.informationUri).toBe('https://www.npmjs.com/package/dedupe-text');
    expect(driver?.rules.map((r) => r.id)).toEqual(['dedupe/exact', 'dedupe/near', 'dedupe/boilerplate']);
    for (const rule of driver?.rules ?? []) {
      expect(rule.defaultConfiguration).toEqual({ level: 'warning' });
      expect(rule.shortDescription.text).not.toBe('');
      expect(rule.fullDescription.text).not.toBe('');
      expect(rule.help.text).not.toBe('');
    }
    expect(run?.originalUriBaseIds['%SRCROOT%']?.description?.text).toMatch(/directory dedupe was run in/);
    expect(run?.artifacts.map((a) => a.location)).toEqual([
      { uri: 'a.txt', uriBaseId: '%SRCROOT%' },
      { uri: 'b.md', uriBaseId: '%SRCROOT%' },
    ]);
  });

  it('one result per duplicate block (keep: false), in cluster then member order; ruleIndex points at ruleId', () => {
    const results = run?.results ?? [];
    expect(results.map((r) => [r.ruleId, r.properties.clusterId, r.locations[0]?.physicalLocation.artifactLocation.uri])).toEqual([
      ['dedupe/exact', 1, 'a.txt'],
      ['dedupe/exact', 1, 'b.md'],
      ['dedupe/near', 2, 'b.md'],
    ]);
    for (const r of results) expect(run?.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
  });

  it('an exact duplicate, field by field', () => {
    expect(run?.results[1]).toEqual({
      ruleId: 'dedupe/exact',
      ruleIndex: 0,
      level: 'warning',
      message: { text: 'Duplicate of a.txt:3 (100% similar, exact): "U.S. and Iranian officials held talks in Oman on Saturday."' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'b.md', uriBaseId: '%SRCROOT%', index: 1 },
            region: { startLine: 2, endLine: 2, byteOffset: 8, byteLength: 58 },
          },
        },
      ],
      relatedLocations: [
        {
          id: 1,
          physicalLocation: {
            artifactLocation: { uri: 'a.txt', uriBaseId: '%SRCROOT%', index: 0 },
            region: { startLine: 3, endLine: 3, byteOffset: 36, byteLength: 58 },
          },
          message: { text: 'kept copy' },
        },
      ],
      // sha256("u.s. and iranian officials held talks in oman on saturday.") — pinned:
      // changing it would make code scanning reopen every alert.
      partialFingerprints: { 'normalizedTextHash/v1': 'fff0430ac8460e920c3698093cc68ce0:1' },
      properties: { similarity: 1, clusterId: 1 },
    });
  });

  it('a near duplicate of a multi-line kept block, field by field', () => {
    expect(run?.results[2]).toEqual({
      ruleId: 'dedupe/near',
      ruleIndex: 1,
      level: 'warning',
      message: { text: 'Duplicate of a.txt:9-10 (87% similar, near): "The talks were called constructive by both sides, and a sec…"' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'b.md', uriBaseId: '%SRCROOT%', index: 1 },
            region: { startLine: 3, endLine: 3, byteOffset: 67, byteLength: 80 },
          },
        },
      ],
      relatedLocations: [
        {
          id: 1,
          physicalLocation: {
            artifactLocation: { uri: 'a.txt', uriBaseId: '%SRCROOT%', index: 0 },
            region: { startLine: 9, endLine: 10, byteOffset: 173, byteLength: 86 },
          },
          message: { text: 'kept copy' },
        },
      ],
      partialFingerprints: { 'normalizedTextHash/v1': '00334f71c1bcc3074a7d1b320076d754:1' },
      properties: { similarity: 0.8735, clusterId: 2 },
    });
  });

  it('fingerprints: same text in another file shares the hash; repeats in one file count up', () => {
    expect(run?.results.map((r) => r.partialFingerprints['normalizedTextHash/v1'])).toEqual([
      'fff0430ac8460e920c3698093cc68ce0:1',
      'fff0430ac8460e920c3698093cc68ce0:1',
      '00334f71c1bcc3074a7d1b320076d754:1',
    ]);
    const doc = `${SHARED}\n\n${SHARED}\n\n${SHARED.toUpperCase()}\n`;
    const [kept, d1, d2] = blocksOf(0, doc, [SHARED, SHARED, SHARED.toUpperCase()]);
    if (!kept || !d1 || !d2) throw new Error('test fixture');
    const three = result([file('x.txt', 'paragraph', [kept, d1, d2], 2)], [cluster(1, 'exact', kept, [[d1, 1], [d2, 1]])]);
    const prints = resultsOf(toSarifLog(three, '0')).map((r) => r.partialFingerprints['normalizedTextHash/v1']);
    expect(prints.map((p) => p?.slice(-2))).toEqual([':1', ':2']);
    expect(prints[0]?.slice(0, -2)).toBe(prints[1]?.slice(0, -2));
  });

  it('is deterministic and ends with one newline', () => {
    const a = sarifReporter(sampleResult(), CTX);
    expect(sarifReporter(sampleResult(), CTX)).toBe(a);
    expect(a).toBe(`${JSON.stringify(toSarifLog(sampleResult(), '0.1.0'), null, 2)}\n`);
    expect(a.endsWith('}\n') && !a.endsWith('\n\n')).toBe(true);
  });

  it('a cluster without a kept member is reported as a pipeline bug', () => {
    const bad = sampleResult();
    const first = bad.clusters[0];
    if (first === undefined) throw new Error('test fixture');
    const broken: ScanResult = { ...bad, clusters: [{ ...first, members: first.members.map((m) => ({ ...m, keep: false })) }] };
    expect(() => sarifReporter(broken, CTX)).toThrow(/cluster 1 has no kept member/);
  });
});

describe('sarif reporter: indexed kept copies and boilerplate', () => {
  const log = parse(sarifReporter(indexedSampleResult(), CTX));
  const results = resultsOf(log);

  it('validates against the OASIS SARIF 2.1.0 schema', () => {
    expect(schemaErrors(log)).toEqual([]);
  });

  it('rule indexes are stable: exact 0, near 1, boilerplate 2, each with descriptions', () => {
    expect(SARIF_RULES.map((r) => [r.id, r.name])).toEqual([
      ['dedupe/exact', 'ExactDuplicate'],
      ['dedupe/near', 'NearDuplicate'],
      ['dedupe/boilerplate', 'Boilerplate'],
    ]);
    expect(SARIF_RULES[2]?.fullDescription.text).toMatch(/--boilerplate N.*no copy is kept/);
    expect(SARIF_RULES[2]?.help.text).toMatch(/--boilerplate/);
    expect(results.map((r) => [r.ruleId, r.ruleIndex])).toEqual([
      ['dedupe/exact', 0],
      ['dedupe/exact', 0],
      ['dedupe/near', 1],
      ['dedupe/boilerplate', 2],
      ['dedupe/boilerplate', 2],
    ]);
  });

  it('one result per removed block of this run; the index entries get none and are no artifacts', () => {
    expect(results).toHaveLength(indexedSampleResult().summary.duplicateBlocks);
    expect(results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri)).toEqual([
      'new.txt',
      'more.md',
      'new.txt',
      'new.txt',
      'more.md',
    ]);
    expect(log.runs[0]?.artifacts.map((a) => a.location.uri)).toEqual(['new.txt', 'more.md']);
  });

  it('a duplicate of an indexed copy, field by field: the kept copy by URI and start line only', () => {
    expect(results[0]).toEqual({
      ruleId: 'dedupe/exact',
      ruleIndex: 0,
      level: 'warning',
      message: { text: 'Duplicate of docs/a.txt:12 (indexed) (100% similar, exact): "U.S. and Iranian officials held talks in Oman on Saturday."' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'new.txt', uriBaseId: '%SRCROOT%', index: 0 },
            region: { startLine: 1, endLine: 1, byteOffset: 0, byteLength: 58 },
          },
        },
      ],
      relatedLocations: [
        {
          id: 1,
          physicalLocation: {
            artifactLocation: { uri: 'docs/a.txt', uriBaseId: '%SRCROOT%' },
            region: { startLine: 12 },
          },
          message: { text: 'kept copy (first seen 2026-11-20T09:30:00.000Z, from the index)' },
        },
      ],
      partialFingerprints: { 'normalizedTextHash/v1': 'fff0430ac8460e920c3698093cc68ce0:1' },
      properties: { similarity: 1, clusterId: 1 },
    });
    expect(results[2]?.message.text).toBe(
      'Duplicate of docs/a.txt:14 (indexed) (87% similar, near): "The talks were called constructive by both sides, and a sec…"',
    );
    expect(results[2]?.relatedLocations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'docs/a.txt', uriBaseId: '%SRCROOT%' },
      region: { startLine: 14 },
    });
  });

  it('a boilerplate block, field by field: no related kept copy, the documents in the message', () => {
    expect(results[3]).toEqual({
      ruleId: 'dedupe/boilerplate',
      ruleIndex: 2,
      level: 'warning',
      message: { text: 'Boilerplate seen in 14 documents: "All rights reserved. Reprinted with permission."' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'new.txt', uriBaseId: '%SRCROOT%', index: 0 },
            region: { startLine: 5, endLine: 5, byteOffset: 142, byteLength: 47 },
          },
        },
      ],
      partialFingerprints: { 'normalizedTextHash/v1': '3f7b5b065b2e2d206b6cb0f2e1e9fd31:1' },
      properties: { similarity: 1, clusterId: 3 },
    });
    expect(results[3]).not.toHaveProperty('relatedLocations');
    expect(results[4]?.partialFingerprints).toEqual(results[3]?.partialFingerprints);
  });

  it('a boilerplate cluster without index entries, and indexed kept copies at an absolute path and on stdin, validate', () => {
    const doc = `${TALKS}\n\n${FOOTER}\n`;
    const a = blocksOf(0, doc, [TALKS, FOOTER]);
    const b = blocksOf(1, doc, [TALKS, FOOTER]);
    const [a0, a1] = a;
    const [b0, b1] = b;
    if (!a0 || !a1 || !b0 || !b1) throw new Error('test fixture');
    const r = result(
      [file('x y.txt', 'paragraph', a, 2), file(STDIN_PATH, 'paragraph', b, 2)],
      [
        indexedCluster(1, 'exact', indexedMember('/srv/old files/ü.txt', 3, { text: TALKS }), [[a0, 1]]),
        indexedCluster(2, 'exact', indexedMember(STDIN_PATH, 5), [[b0, 1]]),
        boilerplateCluster(3, 2, [[a1, 1], [b1, 1]]),
      ],
    );
    const sarif = parse(sarifReporter(r, CTX));
    expect(schemaErrors(sarif)).toEqual([]);
    const rs = resultsOf(sarif);
    expect(rs.map((x) => x.relatedLocations?.[0]?.physicalLocation.artifactLocation)).toEqual([
      { uri: 'file:///srv/old%20files/%C3%BC.txt' },
      { uri: 'stdin' },
      undefined,
      undefined,
    ]);
    expect(rs.map((x) => x.message.text)).toEqual([
      `Duplicate of /srv/old files/ü.txt:3 (indexed) (100% similar, exact): "${TALKS}"`,
      `Duplicate of <stdin>:5 (indexed) (100% similar, exact): "${TALKS}"`,
      `Boilerplate seen in 2 documents: "${FOOTER}"`,
      `Boilerplate seen in 2 documents: "${FOOTER}"`,
    ]);
  });

  it('the validator is live for the start-line-only region: line 0 does not validate', () => {
    const broken = mutableCopy(toSarifLog(indexedSampleResult(), '0'));
    const r0 = broken.runs[0]?.results[0] as { relatedLocations: Array<{ physicalLocation: { region: Record<string, unknown> } }> } | undefined;
    const region = r0?.relatedLocations[0]?.physicalLocation.region;
    if (region === undefined) throw new Error('no region');
    region['startLine'] = 0; // lines are 1-based
    expect(schemaErrors(broken)).not.toEqual([]);
  });
});

describe('sarif URIs', () => {
  it.each([
    ['a.txt', 'a.txt'],
    ['a,b:c%.txt', 'a%2Cb%3Ac%25.txt'],
    ['dir/my file.txt', 'dir/my%20file.txt'],
    ['café.txt', 'caf%C3%A9.txt'],
    ["it's (1)!*.txt", 'it%27s%20%281%29%21%2A.txt'],
    ['a~b-c_d.e', 'a~b-c_d.e'],
    ['#?[x]&=+;@$.txt', '%23%3F%5Bx%5D%26%3D%2B%3B%40%24.txt'],
    ['./sub//x.txt', 'sub/x.txt'],
    ['../up/x.txt', '../up/x.txt'],
    ['back\\slash.txt', 'back%5Cslash.txt'],
    ['日本/文.md', '%E6%97%A5%E6%9C%AC/%E6%96%87.md'],
  ])('relative %j -> %j under %%SRCROOT%%', (path, uri) => {
    expect(pathToSarifUri(path)).toEqual({ uri, uriBaseId: '%SRCROOT%' });
  });

  it.each([
    ['/home/user/a b/café.txt', 'file:///home/user/a%20b/caf%C3%A9.txt'],
    ['/tmp/a,b:c%.txt', 'file:///tmp/a%2Cb%3Ac%25.txt'],
    ['C:/Users/Zoë/notes.txt', 'file:///C:/Users/Zo%C3%AB/notes.txt'],
  ])('absolute %j -> %j (no uriBaseId)', (path, uri) => {
    expect(pathToSarifUri(path)).toEqual({ uri });
  });

  it('standard input is the relative uri "stdin" with no base, described as standard input', () => {
    expect(pathToSarifUri(STDIN_PATH)).toEqual({ uri: 'stdin' });
    const log = toSarifLog(oneClusterAcross(['a.txt', STDIN_PATH]), '0');
    expect(log.runs[0]?.artifacts[1]).toEqual({ location: { uri: 'stdin' }, roles: ['analysisTarget'], description: { text: 'standard input' } });
    expect(resultsOf(log)[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: 'stdin', index: 1 });
    expect(resultsOf(log)[0]?.message.text).toBe(`Duplicate of a.txt:3 (100% similar, exact): "${SHARED}"`);
  });

  it('the whole report uses the encoded URIs, and the message keeps the display path', () => {
    const paths = ['a,b:c%.txt', 'dir/my file.txt', 'café.txt', '/srv/x y/ü.txt'];
    const log = toSarifLog(oneClusterAcross(paths), '0');
    expect(log.runs[0]?.artifacts.map((a) => a.location)).toEqual([
      { uri: 'a%2Cb%3Ac%25.txt', uriBaseId: '%SRCROOT%' },
      { uri: 'dir/my%20file.txt', uriBaseId: '%SRCROOT%' },
      { uri: 'caf%C3%A9.txt', uriBaseId: '%SRCROOT%' },
      { uri: 'file:///srv/x%20y/%C3%BC.txt' },
    ]);
    const results = resultsOf(log);
    expect(results.map((r) => r.locations[0]?.physicalLocation.artifactLocation)).toEqual([
      { uri: 'dir/my%20file.txt', uriBaseId: '%SRCROOT%', index: 1 },
      { uri: 'caf%C3%A9.txt', uriBaseId: '%SRCROOT%', index: 2 },
      { uri: 'file:///srv/x%20y/%C3%BC.txt', index: 3 },
    ]);
    expect(results[0]?.relatedLocations?.[0]?.physicalLocation.artifactLocation).toEqual({ uri: 'a%2Cb%3Ac%25.txt', uriBaseId: '%SRCROOT%', index: 0 });
    expect(results[0]?.message.text).toBe(`Duplicate of a,b:c%.txt:3 (100% similar, exact): "${SHARED}"`);
  });

  it('a lone surrogate is encoded as U+FFFD instead of throwing', () => {
    expect(encodePathSegment('a\uD800b')).toBe('a%EF%BF%BDb');
    expect(encodePathSegment('\uDC00')).toBe('%EF%BF%BD');
    expect(encodePathSegment('😀')).toBe('%F0%9F%98%80');
  });
});

describe('escapeSarifText', () => {
  it('breaks what would read as an embedded link, [text](n)', () => {
    expect(escapeSarifText('see [1](2) here')).toBe('see [1\\](2) here');
    expect(escapeSarifText('odd [a\\](b)')).toBe('odd [a\\\\\\](b)');
  });
  it('leaves other brackets and text alone', () => {
    expect(escapeSarifText('footnote [1] and (2) and ]x(')).toBe('footnote [1] and (2) and ]x(');
  });
  it('applies to the message', () => {
    const doc = 'See [the report](1) now.\n\nSee [the report](1) now.\n';
    const [a, b] = blocksOf(0, doc, ['See [the report](1) now.', 'See [the report](1) now.']);
    if (!a || !b) throw new Error('test fixture');
    const log = toSarifLog(result([file('x.md', 'paragraph', [a, b], 1)], [cluster(1, 'exact', a, [[b, 1]])]), '0');
    expect(resultsOf(log)[0]?.message.text).toBe('Duplicate of x.md:1 (100% similar, exact): "See [the report\\](1) now."');
  });
});
