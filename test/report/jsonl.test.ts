import { describe, expect, it } from 'vitest';
import { toWireReport } from '../../src/report/json.js';
import { jsonlReporter } from '../../src/report/jsonl.js';
import { CTX, cleanResult, sampleResult } from './helpers.js';

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
});
