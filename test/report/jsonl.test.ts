import { describe, expect, it } from 'vitest';
import { toWireReport } from '../../src/report/json.js';
import { jsonlReporter } from '../../src/report/jsonl.js';
import { CTX, cleanResult, indexedSampleResult, sampleResult } from './helpers.js';

describe('jsonl reporter', () => {
  it('renders one compact line per cluster, then the summary line', () => {
    expect(jsonlReporter(sampleResult(), CTX)).toBe(
      '{"type":"cluster","id":1,"kind":"exact","blocks":[' +
        '{"path":"a.txt","index":1,"startLine":3,"endLine":3,"startOffset":36,"endOffset":94,"similarity":1,"keep":true,"preview":"U.S. and Iranian officials held talks in Oman on Saturday."},' +
        '{"path":"a.txt","index":3,"startLine":7,"endLine":7,"startOffset":113,"endOffset":171,"similarity":1,"keep":false,"preview":"U.S. and Iranian officials held talks in Oman on Saturday."},' +
        '{"path":"b.md","index":1,"startLine":2,"endLine":2,"startOffset":8,"endOffset":66,"similarity":1,"keep":false,"preview":"U.S. and Iranian officials held talks in Oman on Saturday."}]}\n' +
        '{"type":"cluster","id":2,"kind":"near","blocks":[' +
        '{"path":"a.txt","index":4,"startLine":9,"endLine":10,"startOffset":173,"endOffset":259,"similarity":1,"keep":true,"preview":"The talks were described as constructive by both sides, and…"},' +
        '{"path":"b.md","index":2,"startLine":3,"endLine":3,"startOffset":67,"endOffset":147,"similarity":0.8735,"keep":false,"preview":"The talks were called constructive by both sides, and a sec…"}]}\n' +
        '{"type":"summary","files":2,"blocks":8,"clusters":2,"duplicateBlocks":3,"fileStats":[' +
        '{"path":"a.txt","blocks":5,"duplicateBlocks":1,"unit":"paragraph"},' +
        '{"path":"b.md","blocks":3,"duplicateBlocks":2,"unit":"line"}]}\n',
    );
  });

  it('renders only the summary line when there are no clusters', () => {
    expect(jsonlReporter(cleanResult(), CTX)).toBe(
      '{"type":"summary","files":1,"blocks":2,"clusters":0,"duplicateBlocks":0,' +
        '"fileStats":[{"path":"a.txt","blocks":2,"duplicateBlocks":0,"unit":"paragraph"}]}\n',
    );
  });

  it('carries the same cluster objects as the json report', () => {
    const lines = jsonlReporter(sampleResult(), CTX).split('\n');
    expect(lines.at(-1)).toBe('');
    const parsed = lines.slice(0, -1).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.map((o) => o['type'])).toEqual(['cluster', 'cluster', 'summary']);
    const wire = toWireReport(sampleResult(), CTX.toolVersion);
    const clusters = parsed.slice(0, 2).map(({ type: _type, ...cluster }) => cluster);
    expect(clusters).toEqual(wire.clusters);
    expect(parsed[2]?.['fileStats']).toEqual(wire.files);
    expect(parsed[2]?.['files']).toBe(wire.summary.files);
  });

  it('renders indexed members and a boilerplate cluster as the json report does', () => {
    expect(jsonlReporter(indexedSampleResult(), CTX)).toBe(
      '{"type":"cluster","id":1,"kind":"exact","blocks":[' +
        '{"path":"docs/a.txt","indexed":true,"keep":true,"startLine":12,"endLine":12,"firstSeen":"2026-11-20T09:30:00.000Z","documents":3,"similarity":1,"preview":"U.S. and Iranian officials held talks in Oman on Saturday."},' +
        '{"path":"new.txt","index":0,"startLine":1,"endLine":1,"startOffset":0,"endOffset":58,"similarity":1,"keep":false,"preview":"U.S. and Iranian officials held talks in Oman on Saturday."},' +
        '{"path":"more.md","index":1,"startLine":2,"endLine":2,"startOffset":7,"endOffset":65,"similarity":1,"keep":false,"preview":"U.S. and Iranian officials held talks in Oman on Saturday."}]}\n' +
        '{"type":"cluster","id":2,"kind":"near","blocks":[' +
        '{"path":"docs/a.txt","indexed":true,"keep":true,"startLine":14,"endLine":14,"firstSeen":"2026-11-20T09:30:00.000Z","documents":1,"similarity":1,"preview":""},' +
        '{"path":"new.txt","index":1,"startLine":3,"endLine":3,"startOffset":60,"endOffset":140,"similarity":0.8735,"keep":false,"preview":"The talks were called constructive by both sides, and a sec…"}]}\n' +
        '{"type":"cluster","id":3,"kind":"boilerplate","documents":14,"blocks":[' +
        '{"path":"docs/legal.txt","indexed":true,"keep":false,"startLine":40,"endLine":40,"firstSeen":"2026-01-05T00:00:00.000Z","documents":12,"similarity":1,"preview":"All rights reserved. Reprinted with permission."},' +
        '{"path":"new.txt","index":2,"startLine":5,"endLine":5,"startOffset":142,"endOffset":189,"similarity":1,"keep":false,"preview":"All rights reserved. Reprinted with permission."},' +
        '{"path":"more.md","index":2,"startLine":3,"endLine":3,"startOffset":66,"endOffset":113,"similarity":1,"keep":false,"preview":"All rights reserved. Reprinted with permission."}]}\n' +
        '{"type":"summary","files":2,"blocks":6,"clusters":3,"duplicateBlocks":5,"fileStats":[' +
        '{"path":"new.txt","blocks":3,"duplicateBlocks":3,"unit":"paragraph"},' +
        '{"path":"more.md","blocks":3,"duplicateBlocks":2,"unit":"line"}]}\n',
    );
  });

  it('carries the same indexed and boilerplate cluster objects as the json report', () => {
    const lines = jsonlReporter(indexedSampleResult(), CTX).trimEnd().split('\n');
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const wire = toWireReport(indexedSampleResult(), CTX.toolVersion);
    expect(parsed.slice(0, 3).map(({ type: _type, ...cluster }) => cluster)).toEqual(wire.clusters);
    expect(parsed.map((o) => Object.keys(o).slice(0, 4))).toEqual([
      ['type', 'id', 'kind', 'blocks'],
      ['type', 'id', 'kind', 'blocks'],
      ['type', 'id', 'kind', 'documents'],
      ['type', 'files', 'blocks', 'clusters'],
    ]);
  });
});
