import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyFixes, createLinter, DiagnosticOrder, decodeBytes, detectFormat, encodeText, lintText, type Diagnostic } from '../src/index.js';

const examples = join(import.meta.dirname, '..', '..', '..', 'examples');
const strip = (ds: Diagnostic[]) => ds.map((d) => `${d.ruleId}@${d.range.start.offset}-${d.range.end.offset}:${d.range.start.line}:${d.range.start.column}`);

describe('lintText on the examples', () => {
  for (const name of readdirSync(examples)) {
    const text = readFileSync(join(examples, name), 'utf8');
    it(`${name}: chunked streaming gives the same result as one push`, () => {
      const whole = lintText(text, { fileName: name });
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 30 }), (sizes) => {
          const linter = createLinter({ fileName: name });
          let at = 0;
          for (const n of sizes) {
            linter.push(text.slice(at, at + n));
            at += n;
          }
          linter.push(text.slice(at));
          const r = linter.end();
          expect(strip(r.diagnostics)).toEqual(strip(whole.diagnostics));
          expect(r.summary).toEqual(whole.summary);
        }),
        { numRuns: 50 },
      );
    });
  }

  it('valid examples are clean CDR files', () => {
    for (const name of ['campaign-ok.cdr.csv', 'campaign-combined.ndjson', 'campaign-v2.json']) {
      const r = lintText(readFileSync(join(examples, name), 'utf8'), { fileName: name });
      expect(r.isCdr).toBe(true);
      expect(r.diagnostics).toEqual([]);
    }
  });

  it('summarises statuses', () => {
    const r = lintText(readFileSync(join(examples, 'campaign-ok.cdr.csv'), 'utf8'), { fileName: 'x.csv' });
    expect(r.summary.records).toBe(10);
    expect(r.summary.statuses).toEqual({ ANSWERED: 2, ABSENT: 4, ERROR: 4 });
    expect(r.summary.subStatuses['ABSENT/VOICEMAIL_DETECTED']).toBe(2);
    expect(r.summary.resultCodes).toEqual({ HANGUP: 2, VOICEMAIL_COMPLETE: 1, VOICEMAIL_INCOMPLETE: 1 });
    expect(r.summary.answerRate).toBeCloseTo(0.2);
  });

  it('reads the v2 envelope: envelope fields are not a record', () => {
    const r = lintText(readFileSync(join(examples, 'campaign-v2.json'), 'utf8'), { fileName: 'x.json' });
    expect(r.records).toBe(2);
  });
});

describe('files that are not campaign CDRs', () => {
  it('a JSON file without any status gives one missing-column and isCdr false', () => {
    const r = lintText('[{"name":"a"},{"name":"b"}]', { fileName: 'x.json' });
    expect(r.isCdr).toBe(false);
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['missing-column']);
  });
  it('a CSV without a status column gives one missing-column', () => {
    const r = lintText('a,b\n1,2\n3,4\n', { fileName: 'x.csv' });
    expect(r.isCdr).toBe(false);
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['missing-column']);
  });
  it('empty and header-only files have no records and no problems', () => {
    expect(lintText('', { fileName: 'x.csv' })).toMatchObject({ records: 0, diagnostics: [] });
    expect(lintText('status,sub_status\n', { fileName: 'x.csv' })).toMatchObject({ records: 0, diagnostics: [] });
    expect(lintText('', { fileName: 'x.json' })).toMatchObject({ records: 0, diagnostics: [] });
  });
});

describe('diagnostics in source order while streaming', () => {
  /** Lines pushed one at a time, with what came out of a DiagnosticOrder after each. */
  function stream(lines: string[], fileName: string): { out: string[][]; settled: number[] } {
    const got: string[] = [];
    const order = new DiagnosticOrder((d) => got.push(`${d.ruleId}@${d.range.start.line}`));
    const linter = createLinter({ fileName, onDiagnostic: order.add });
    const out: string[][] = [];
    const settled: number[] = [];
    for (const line of lines) {
      linter.push(line);
      settled.push(linter.settled());
      order.release(linter.settled());
      out.push(got.splice(0));
    }
    linter.end();
    order.flush();
    out.push(got.splice(0));
    return { out, settled };
  }

  it('releases a record once the next one has begun, its problems sorted by column', () => {
    const header = 'callid,number,start,answer,hangup,status,sub_status\n';
    // Status rules run before format rules; the bad number (column 2) is reported after the
    // sub-status (column 7) and must still come out first.
    const row = '1,12,2024-03-12 08:00:02,,2024-03-12 08:00:25,ABSENT,BUZY\n';
    const { out, settled } = stream([header, row, '2,+447526592542'], 'x.csv');
    // (Nothing is settled before the format is known: detection reads two lines.)
    expect(settled).toEqual([0, header.length + row.length, header.length + row.length]);
    expect(out[1]).toEqual(['invalid-phone-number@1', 'unknown-sub-status@1']);
    expect(out[2]).toEqual([]);
    expect(out[3].length).toBeGreaterThan(0); // the unfinished last row, at the end
  });

  it('never settles past the text given, even once a JSON parse error stopped the parser', () => {
    const linter = createLinter({ fileName: 'x.json', format: 'json' });
    linter.push('{"a" 1}\n');
    // (The decoder may still report a problem in the bytes after this text.)
    expect(linter.settled()).toBe(8);
    linter.push('2\n');
    expect(linter.settled()).toBe(10);
  });

  it('holds NDJSON missing-status messages until a record shows a status, then releases them first', () => {
    const lines = ['{"callid":"1"}\n', '{"callid":"2"}\n', '{"callid":"3","status":"ANSWERD"}\n'];
    const { out, settled } = stream(lines, 'x.ndjson');
    expect(settled).toEqual([0, 0, lines.join('').length]);
    expect(out.slice(0, 2)).toEqual([[], []]);
    expect(out[2]).toEqual(['missing-status@0', 'missing-status@1', 'unknown-status@2']);
  });
});

describe('format detection', () => {
  it('uses the extension, then the content', () => {
    expect(detectFormat('a.csv', '{"x":1}')).toBe('csv');
    expect(detectFormat('a.jsonl', '')).toBe('ndjson');
    expect(detectFormat('a.json', '{"a":1}\n{"a":2}\n')).toBe('ndjson');
    expect(detectFormat('a.json', '{\n  "a": 1\n}')).toBe('json');
    expect(detectFormat(undefined, '[{}]')).toBe('json');
    expect(detectFormat(undefined, 'status\nANSWERED')).toBe('csv');
  });
  it('reads .tsv with tabs', () => {
    const r = lintText('status\tsub_status\nANSWERED\tCOMPLETE\nABSENT\tBUSYY\n', { fileName: 'a.tsv' });
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['unknown-sub-status']);
  });
  it('understands quoted multi-line cells when reporting lines', () => {
    const text = 'note,status,sub_status\n"two\nlines",ANSWERED,COMPLETE\nx,ABSENT,BUSYY\n';
    const [d] = lintText(text, { fileName: 'a.csv' }).diagnostics;
    expect(d.range.start.line).toBe(3);
    expect(text.slice(d.range.start.offset, d.range.end.offset)).toBe('BUSYY');
  });
});

describe('fixes', () => {
  it('apply only the reported ranges and are idempotent', () => {
    const text = 'status,sub_status,result_code\r\nanswered,complete,hangup\r\n\r\n ABSENT ,BUSY,\r\n';
    const first = lintText(text, { fileName: 'a.csv' });
    const { text: fixed, applied } = applyFixes(text, first.diagnostics);
    expect(applied).toBe(5);
    expect(fixed).toBe('status,sub_status,result_code\r\nANSWERED,COMPLETE,HANGUP\r\nABSENT,BUSY,\r\n');
    const second = lintText(fixed, { fileName: 'a.csv' });
    expect(second.diagnostics).toEqual([]);
    expect(applyFixes(fixed, second.diagnostics)).toEqual({ text: fixed, applied: 0 });
  });
  it('rewrite JSON strings as JSON', () => {
    const text = '{"status":"answered","sub_status":"COMPLETE"}\n';
    const { text: fixed } = applyFixes(text, lintText(text, { fileName: 'a.ndjson' }).diagnostics);
    expect(fixed).toBe('{"status":"ANSWERED","sub_status":"COMPLETE"}\n');
  });
});

describe('decoding', () => {
  it('strips and restores a UTF-8 BOM', () => {
    const bytes = encodeText('status,sub_status\nABSENT,BUSY\n', 'utf-8');
    const d = decodeBytes(bytes);
    expect(d.bom).toBe('utf-8');
    expect(d.text.startsWith('status')).toBe(true);
    expect(encodeText(d.text, d.bom)).toEqual(bytes);
  });
  it('reads UTF-16 LE and BE with a BOM', () => {
    for (const bom of ['utf-16le', 'utf-16be'] as const) {
      const d = decodeBytes(encodeText('status\nANSWERED_COMPLETE\n', bom));
      expect(d).toMatchObject({ bom, text: 'status\nANSWERED_COMPLETE\n', diagnostics: [] });
    }
  });
  it('points at the first invalid UTF-8 byte', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('a,b\n1,'), 0xe9, 0x0a]);
    const d = decodeBytes(bytes);
    expect(d.diagnostics).toHaveLength(1);
    expect(d.diagnostics[0].range.start).toMatchObject({ line: 1, column: 2 });
  });
  it('does not mistake a real U+FFFD for an invalid byte', () => {
    expect(decodeBytes(new TextEncoder().encode('a\uFFFDb')).diagnostics).toEqual([]);
  });
});

describe('duplicate call ids', () => {
  it('treats 0123 and 123 as different ids, and JSON numbers like their digits', () => {
    const csv = lintText('callid,status,sub_status\n0123,ANSWERED,COMPLETE\n123,ABSENT,BUSY\n123,ERROR,OTHER\n', { fileName: 'a.csv' });
    expect(csv.diagnostics.map((d) => [d.ruleId, d.range.start.line, d.related?.[0].range.start.line])).toEqual([['duplicate-call-id', 3, 2]]);
    const nd = lintText('{"callid":7,"status":"ABSENT","sub_status":"BUSY"}\n{"callid":"7","status":"ERROR","sub_status":"OTHER"}\n{"callid":7,"status":"ABSENT","sub_status":"BUSY"}\n', { fileName: 'a.ndjson' });
    expect(nd.diagnostics.map((d) => [d.ruleId, d.message])).toEqual([['duplicate-call-id', 'Call id 7 already appears on line 1 with different content.']]);
  });
});
