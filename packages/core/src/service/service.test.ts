// Data-driven checks of the editor features over real parsers: the cursor is written as `|`
// in the input (as vscode-json-languageservice's tests do).
import { describe, expect, it } from 'vitest';
import { DIAL_STATUSES, HANGUP_CAUSES, getField } from '../fields.js';
import { createCsvParser } from '../parse/csv.js';
import { createJsonParser } from '../parse/json.js';
import { createNdjsonParser } from '../parse/ndjson.js';
import type { CsvHeader, SourceRecord } from '../parse/types.js';
import { COMBINED_PAIRS, STATUS_NAMES, getResultCode, getStatus, getSubStatus } from '../taxonomy.js';
import { completeAt } from './completion.js';
import { contextAt, resolverFor, type DocumentView } from './context.js';
import { hoverAt } from './hover.js';
import { documentSymbols } from './symbols.js';

function parse(text: string, format: 'csv' | 'ndjson' | 'json'): DocumentView {
  const records: SourceRecord[] = [];
  let header: CsvHeader | undefined;
  const sink = { header: (h: CsvHeader) => (header = h), record: (r: SourceRecord) => records.push(r), problem: () => undefined };
  const p = format === 'csv' ? createCsvParser(sink) : format === 'ndjson' ? createNdjsonParser(sink) : createJsonParser(sink);
  p.push(text);
  p.end();
  return { header, records };
}

/** Parses `input` without its `|` and returns the cursor offset. */
function at(input: string, format: 'csv' | 'ndjson' | 'json' = 'csv'): { text: string; offset: number; doc: DocumentView } {
  const offset = input.indexOf('|');
  const text = input.slice(0, offset) + input.slice(offset + 1);
  return { text, offset, doc: parse(text, format) };
}

const CSV_HEAD = 'callid,status,sub_status,result_code,hangupcause,dialstatus\n';

function hover(input: string, format: 'csv' | 'ndjson' | 'json' = 'csv'): string {
  const { text, offset, doc } = at(input, format);
  return hoverAt(doc, text, offset)?.markdown ?? '';
}
function complete(input: string, format: 'csv' | 'ndjson' | 'json' = 'csv'): string[] {
  const { text, offset, doc } = at(input, format);
  return completeAt(doc, text, offset)?.items.map((i) => i.label) ?? [];
}

describe('hoverAt', () => {
  it.each([
    [CSV_HEAD + '1,ANS|WERED,COMPLETE,HANGUP,16,ANSWER\n', getStatus('ANSWERED')!.doc],
    [CSV_HEAD + '1,answered|,COMPLETE,HANGUP,16,ANSWER\n', getStatus('ANSWERED')!.doc],
    [CSV_HEAD + '1,ANSWERED,COMP|LETE,HANGUP,16,ANSWER\n', getSubStatus('ANSWERED', 'COMPLETE')!.doc],
    [CSV_HEAD + '1,ABSENT,|BUSY,,17,BUSY\n', getSubStatus('ABSENT', 'BUSY')!.doc],
    [CSV_HEAD + '1,ANSWERED,COMPLETE,HANG|UP,16,ANSWER\n', getResultCode('HANGUP')!.doc],
    [CSV_HEAD + '1,ANSWERED,COMPLETE,HANGUP,1|6,ANSWER\n', HANGUP_CAUSES.get(16)!.doc],
    [CSV_HEAD + '1,ABSENT,BUSY,,17,BU|SY\n', DIAL_STATUSES.find((d) => d.name === 'BUSY')!.doc],
    ['callid,call_status\n1,"ABSENT/VOICEMAIL|_DETECTED"\n', getSubStatus('ABSENT', 'VOICEMAIL_DETECTED')!.doc],
    ['callid,call_status\n1,ERROR_OTH|ER\n', getStatus('ERROR')!.doc],
    ['callid,hangup|cause,status\n', getField('hangup_cause')!.doc],
  ])('CSV %#', (input, expected) => {
    expect(hover(input)).toContain(expected);
  });

  it('explains a sub-status against the record’s own status, and a mismatch', () => {
    expect(hover(CSV_HEAD + '1,ANSWERED,COMPLETE,HANGUP,16,ANSWER\n'.replace('COMPLETE', 'COMP|LETE'))).toMatch(/A result code applies: `HANGUP`/);
    expect(hover(CSV_HEAD + '1,ABSENT,|BUSY,,17,BUSY\n')).toMatch(/No result code applies/);
    expect(hover(CSV_HEAD + '1,ERROR,|BUSY,,17,BUSY\n')).toBe('**BUSY** is a sub-status of `ABSENT`, not of `ERROR`.');
  });

  it('works on JSON keys and values (NDJSON and JSON arrays)', () => {
    expect(hover('{"status": "ABS|ENT", "sub_status": "BUSY"}\n', 'ndjson')).toContain(getStatus('ABSENT')!.doc);
    expect(hover('{"stat|us": "ABSENT"}\n', 'ndjson')).toContain(getField('status')!.doc);
    expect(hover('[{"status": "ABSENT", "hangupCause": 1|9}]', 'json')).toContain(HANGUP_CAUSES.get(19)!.doc);
    expect(hover('[{"status": "ANSWERED", "result": "VOICEMAIL_COMPLETE|"}]', 'json')).toContain(getResultCode('VOICEMAIL_COMPLETE')!.doc);
  });

  it('says nothing about unknown values, unknown columns or outside any value', () => {
    expect(hover(CSV_HEAD + '1,ANSW|ERD,COMPLETE,HANGUP,16,ANSWER\n')).toBe('');
    expect(hover('foo,st|uff\n1,2\n')).toBe('');
    expect(hover('{"status": "ABSENT"}\n|\n', 'ndjson')).toBe('');
  });

  it('follows the configured column mapping', () => {
    const { text, offset, doc } = at('id,Outcome\n1,ABS|ENT\n');
    expect(hoverAt(doc, text, offset)).toBeUndefined();
    expect(hoverAt(doc, text, offset, resolverFor({ status: 'Outcome' }))?.markdown).toContain(getStatus('ABSENT')!.doc);
  });
});

describe('completeAt', () => {
  it('offers statuses, with combined pairs only where no sub-status column exists', () => {
    expect(complete(CSV_HEAD + '1,|,COMPLETE,HANGUP,16,ANSWER\n')).toEqual(STATUS_NAMES);
    expect(complete('callid,call_status\n1,AB|\n')).toEqual([...STATUS_NAMES, ...COMBINED_PAIRS]);
  });
  it('filters sub-statuses by the record’s status, and offers all when it is unknown', () => {
    expect(complete(CSV_HEAD + '1,ERROR,|,,21,CONGESTION\n')).toEqual(getStatus('ERROR')!.subStatuses.map((s) => s.name));
    expect(complete(CSV_HEAD + '1,,|,,21,CONGESTION\n')).toHaveLength(9);
  });
  it('offers result codes only where they apply', () => {
    expect(complete(CSV_HEAD + '1,ANSWERED,INCOMPLETE,|,16,ANSWER\n')).toEqual(['HANGUP']);
    expect(complete(CSV_HEAD + '1,ABSENT,VOICEMAIL_DETECTED,|,16,ANSWER\n')).toEqual(['VOICEMAIL_COMPLETE', 'VOICEMAIL_INCOMPLETE']);
    expect(complete(CSV_HEAD + '1,ABSENT,BUSY,|,17,BUSY\n')).toEqual([]);
    expect(complete(CSV_HEAD + '1,ERROR,BLACKLISTED,|,,\n')).toEqual([]);
  });
  it('replaces the string content in JSON, or the whole non-string token with a quoted value', () => {
    const a = at('{"status": "AB|"}\n', 'ndjson');
    const r = completeAt(a.doc, a.text, a.offset)!;
    expect(a.text.slice(r.range.start, r.range.end)).toBe('AB');
    expect(r.items[0].insertText).toBe('ANSWERED');
    const b = at('{"status": "ANSWERED", "sub_status": nu|ll}\n', 'ndjson');
    const s = completeAt(b.doc, b.text, b.offset)!;
    expect(b.text.slice(s.range.start, s.range.end)).toBe('null');
    expect(s.items.map((i) => i.insertText)).toEqual(['"COMPLETE"', '"INCOMPLETE"']);
  });
  it('completes enum fields from fields.ts and nothing elsewhere', () => {
    expect(complete(CSV_HEAD + '1,ANSWERED,COMPLETE,HANGUP,16,|\n')).toEqual(DIAL_STATUSES.map((d) => d.name));
    expect(complete(CSV_HEAD + '|1,ANSWERED,COMPLETE,HANGUP,16,ANSWER\n')).toEqual([]);
  });
});

describe('contextAt', () => {
  it('tells keys from values and finds the cell of a quoted CSV value', () => {
    const { text, offset, doc } = at('callid,status\n1,"AB|SENT"\n');
    const ctx = contextAt(doc, text, offset)!;
    expect(ctx.kind).toBe('value');
    if (ctx.kind !== 'value') return;
    expect(ctx.quoted).toBe(true);
    expect(text.slice(ctx.contentRange.start, ctx.contentRange.end)).toBe('ABSENT');
    expect(ctx.field?.name).toBe('status');
  });
  it('keeps UTF-16 offsets after accented names and emoji', () => {
    const { text, offset, doc } = at('name,status\nZoë 😀,ABS|ENT\n');
    const ctx = contextAt(doc, text, offset)!;
    expect(ctx.kind === 'value' && text.slice(ctx.range.start, ctx.range.end)).toBe('ABSENT');
  });
});

describe('documentSymbols', () => {
  it('lists CSV columns with their fields', () => {
    const doc = parse('callid,Status,foo\n1,ABSENT,x\n', 'csv');
    expect(documentSymbols(doc).map((s) => [s.name, s.detail])).toEqual([
      ['callid', 'call_id'],
      ['Status', 'status'],
      ['foo', 'unknown field'],
    ]);
  });
  it('lists JSON records by call id with their status, capped', () => {
    const text = '{"callid": 7, "status": "ABSENT", "sub_status": "BUSY"}\n{"status": "ERROR"}\n';
    const s = documentSymbols(parse(text, 'ndjson'));
    expect(s.map((x) => [x.name, x.detail])).toEqual([
      ['call 7', 'ABSENT/BUSY'],
      ['record 2', 'ERROR'],
    ]);
    expect(s[0].children?.map((c) => c.name)).toEqual(['callid', 'status', 'sub_status']);
    expect(documentSymbols(parse(text, 'ndjson'), { maxItems: 1 })).toHaveLength(1);
  });
  it('caps records with their fields counted, and lists fields only when asked', () => {
    const text = '{"callid": 7, "status": "ABSENT", "sub_status": "BUSY"}\n{"status": "ERROR"}\n{"callid": 9}\n';
    // 4 + 2 symbols fit in 6; the third record's 2 would not. The first is listed whatever the cap.
    expect(documentSymbols(parse(text, 'ndjson'), { maxSymbols: 6 }).map((x) => x.name)).toEqual(['call 7', 'record 2']);
    expect(documentSymbols(parse(text, 'ndjson'), { maxSymbols: 7 })).toHaveLength(2);
    expect(documentSymbols(parse(text, 'ndjson'), { maxSymbols: 8 })).toHaveLength(3);
    expect(documentSymbols(parse(text, 'ndjson'), { maxSymbols: 1 }).map((x) => x.name)).toEqual(['call 7']);
    const bare = documentSymbols(parse(text, 'ndjson'), { fields: false, maxSymbols: 3 });
    expect(bare.map((x) => [x.name, x.children?.length])).toEqual([
      ['call 7', 0],
      ['record 2', 0],
      ['call 9', 0],
    ]);
  });
});
