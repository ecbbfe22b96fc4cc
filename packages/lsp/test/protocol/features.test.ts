// Hover, completion, outline, CodeLens and the summary request against the built server.
import {
  COMBINED_PAIRS,
  DIAL_STATUSES,
  HANGUP_CAUSES,
  STATUS_NAMES,
  getField,
  getResultCode,
  getStatus,
  getSubStatus,
  lintText,
} from '@cdrlint/core';
import type { CodeLens, CompletionList, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureText, fixtureUri, positionOf, TestClient } from '../helpers/lsp-client.js';

let client: TestClient;
const docs = ['calls.csv', 'combined.csv', 'calls.ndjson', 'calls.json', 'people.csv', 'valid.csv'];

beforeAll(async () => {
  client = TestClient.start();
  await client.initialize();
  for (const name of docs) await client.openAndWait(fixtureUri(name), fixtureText(name), name.endsWith('csv') ? 'csv' : 'json');
});
afterAll(async () => {
  await client.stop();
});

async function hoverOn(name: string, needle: string, delta = 1): Promise<Hover | null> {
  return client.request<Hover | null>('textDocument/hover', { textDocument: { uri: fixtureUri(name) }, position: positionOf(fixtureText(name), needle, delta) });
}
const md = (h: Hover | null): string => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

describe('hover', () => {
  it('explains a status, with the range of its cell', async () => {
    const text = fixtureText('calls.csv');
    const h = await hoverOn('calls.csv', ',ANSWERED,', 3);
    expect(md(h)).toContain(getStatus('ANSWERED')!.doc);
    expect(h!.range).toEqual({ start: positionOf(text, ',ANSWERED,', 1), end: positionOf(text, ',ANSWERED,', 9) });
  });
  it('explains a sub-status: its family and whether a result code applies', async () => {
    const h = md(await hoverOn('calls.csv', ',COMPLETE,'));
    expect(h).toContain(getSubStatus('ANSWERED', 'COMPLETE')!.doc);
    expect(h).toContain('ANSWERED/COMPLETE');
    expect(h).toMatch(/A result code applies/);
    const busy = md(await hoverOn('calls.csv', ',BUSY,'));
    expect(busy).toContain(getSubStatus('ABSENT', 'BUSY')!.doc);
    expect(busy).toMatch(/No result code applies/);
  });
  it('explains a result code and a combined value (both parts)', async () => {
    expect(md(await hoverOn('calls.csv', ',HANGUP,'))).toContain(getResultCode('HANGUP')!.doc);
    const both = md(await hoverOn('combined.csv', 'ABSENT_BUSY'));
    expect(both).toContain(getStatus('ABSENT')!.doc);
    expect(both).toContain(getSubStatus('ABSENT', 'BUSY')!.doc);
  });
  it('documents CSV header cells and JSON keys', async () => {
    expect(md(await hoverOn('calls.csv', 'hangupcause'))).toContain(getField('hangup_cause')!.doc);
    expect(md(await hoverOn('calls.json', '"dialstatus"'))).toContain(getField('dial_status')!.doc);
    expect(md(await hoverOn('calls.ndjson', '"duration_answered"'))).toContain(getField('duration_answered')!.format!);
  });
  it('explains hang-up cause numbers and dial statuses by field, not by token', async () => {
    expect(md(await hoverOn('calls.csv', ',16,'))).toContain(HANGUP_CAUSES.get(16)!.doc);
    expect(md(await hoverOn('calls.json', '17,', 0))).toContain(HANGUP_CAUSES.get(17)!.doc);
    expect(md(await hoverOn('calls.csv', 'CONGESTION'))).toContain(DIAL_STATUSES.find((d) => d.name === 'CONGESTION')!.doc);
    // BUSY in the dial-status column is the dial status, not the ABSENT sub-status.
    const text = fixtureText('calls.csv');
    const line = text.split('\n')[2];
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: fixtureUri('calls.csv') }, position: { line: 2, character: line.lastIndexOf('BUSY') + 1 } });
    expect(md(h)).toContain(DIAL_STATUSES.find((d) => d.name === 'BUSY')!.doc);
  });
  it('explains JSON string values', async () => {
    expect(md(await hoverOn('calls.json', '"INCOMPLETE"'))).toContain(getSubStatus('ANSWERED', 'INCOMPLETE')!.doc);
  });
  it('says nothing on files that are not CDR files', async () => {
    expect(await hoverOn('people.csv', 'name')).toBeNull();
  });
});

async function completeOn(name: string, pos: { line: number; character: number }): Promise<CompletionList | null> {
  return client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: fixtureUri(name) }, position: pos });
}
const labels = (l: CompletionList | null): string[] => (l ? l.items.map((i) => i.label) : []);

describe('completion', () => {
  it('offers the statuses in a status cell (combined pairs only without a sub-status column)', async () => {
    const split = await completeOn('calls.csv', positionOf(fixtureText('calls.csv'), ',ANSWERED,', 2));
    expect(labels(split)).toEqual([...STATUS_NAMES]);
    expect(split!.items[0].documentation).toMatchObject({ kind: 'markdown', value: expect.stringContaining(getStatus('ANSWERED')!.doc) });
    const text = fixtureText('calls.csv');
    expect(split!.items[0].textEdit).toMatchObject({ range: { start: positionOf(text, ',ANSWERED,', 1), end: positionOf(text, ',ANSWERED,', 9) } });
    const combined = await completeOn('combined.csv', positionOf(fixtureText('combined.csv'), 'ERROR/REJECTED', 2));
    expect(labels(combined)).toEqual([...STATUS_NAMES, ...COMBINED_PAIRS]);
  });
  it("filters sub-statuses by the record's status", async () => {
    const l = await completeOn('calls.csv', positionOf(fixtureText('calls.csv'), ',BUSY,', 2));
    expect(labels(l)).toEqual(getStatus('ABSENT')!.subStatuses.map((s) => s.name));
  });
  it('offers result codes only where they apply', async () => {
    const answered = await completeOn('calls.csv', positionOf(fixtureText('calls.csv'), ',HANGUP,', 2));
    expect(labels(answered)).toEqual(['HANGUP']);
    // ABSENT/BUSY takes no result code: its empty cell gets nothing.
    const busyRow = fixtureText('calls.csv').split('\n')[2];
    const l = await completeOn('calls.csv', { line: 2, character: busyRow.indexOf('BUSY,,') + 5 });
    expect(labels(l)).toEqual([]);
    // ABSENT/VOICEMAIL_DETECTED in JSON: the voicemail codes, quoted, replacing `null`.
    const nd = fixtureText('calls.ndjson');
    const line = nd.split('\n')[1];
    const vm = await completeOn('calls.ndjson', { line: 1, character: line.indexOf('"result_code": null') + 16 });
    expect(labels(vm)).toEqual(['VOICEMAIL_COMPLETE', 'VOICEMAIL_INCOMPLETE']);
    expect(vm!.items[0].textEdit).toMatchObject({ newText: '"VOICEMAIL_COMPLETE"' });
  });
  it('completes inside JSON strings without touching the quotes', async () => {
    const nd = fixtureText('calls.ndjson');
    const l = await completeOn('calls.ndjson', positionOf(nd, '"EROR"', 2));
    expect(labels(l)).toEqual([...STATUS_NAMES, ...[]]);
    expect(l!.items[2].textEdit).toMatchObject({ newText: 'ERROR', range: { start: positionOf(nd, '"EROR"', 1), end: positionOf(nd, '"EROR"', 5) } });
  });
  it('offers nothing in fields without a value list', async () => {
    expect(labels(await completeOn('calls.csv', positionOf(fixtureText('calls.csv'), '+33612345678', 2)))).toEqual([]);
  });
});

describe('outline, CodeLens, summary', () => {
  it('lists CSV columns and JSON records', async () => {
    const cols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: fixtureUri('calls.csv') } });
    expect(cols.map((s) => s.name)).toEqual(fixtureText('calls.csv').split('\n')[0].split(','));
    expect(cols.find((s) => s.name === 'hangupcause')?.detail).toBe('hangup_cause');
    const recs = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: fixtureUri('calls.ndjson') } });
    expect(recs.map((s) => s.name)).toEqual(['call 4001', 'call 4002', 'call 4003']);
    expect(recs[0].detail).toBe('ANSWERED/COMPLETE');
  });
  it('caps a big outline at 5,000 symbols, and follows edits before and after the records it lists', async () => {
    // 1,200 records of 9 fields: 500 fit in 5,000 symbols, fields included.
    const record = (i: number, status = 'ABSENT') =>
      JSON.stringify({ callid: 10_000 + i, number: '+33612345678', start: '2025-03-01 10:00:00', answer: null, hangup: '2025-03-01 10:00:20', duration: 20, status, sub_status: 'BUSY', dialstatus: 'BUSY' });
    const lines = Array.from({ length: 1200 }, (_, i) => record(i));
    const uri = fixtureUri('big-outline.ndjson');
    await client.openAndWait(uri, `${lines.join('\n')}\n`, 'json');
    const outline = () => client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const fresh = async (text: string) => {
      const other = fixtureUri(`fresh-${Math.random()}.ndjson`);
      await client.openAndWait(other, text, 'json');
      const got = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: other } });
      await client.close(other);
      return got;
    };
    const first = await outline();
    expect(first).toHaveLength(500);
    expect(first.reduce((n, s) => n + 1 + (s.children?.length ?? 0), 0)).toBe(5000);
    // After the 1,000th record: the same outline. In the third: that record's status changes.
    const edits: [line: number, status: string][] = [[1100, 'ERROR'], [2, 'ERROR']];
    for (const [line, status] of edits) {
      const at = lines[line].indexOf('ABSENT');
      await client.change(uri, [{ range: { start: { line, character: at }, end: { line, character: at + 'ABSENT'.length } }, text: status }]);
      lines[line] = record(line, status);
      const now = await outline();
      expect(now).toEqual(await fresh(`${lines.join('\n')}\n`));
      expect(now[2].detail).toBe(line === 2 ? 'ERROR/BUSY' : 'ABSENT/BUSY');
    }
    await client.close(uri);
  });
  it('shows the status summary on the first line', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: fixtureUri('calls.csv') } });
    expect(lenses).toHaveLength(1);
    expect(lenses[0].range.start.line).toBe(0);
    expect(lenses[0].command?.title).toMatch(/^7 calls · answer rate \d+\.\d% · 4 errors, 1 warning$/);
    expect(await client.request('textDocument/codeLens', { textDocument: { uri: fixtureUri('people.csv') } })).toEqual([]);
  });
  it('answers cdrlint/statusRanges for the requested lines only, in UTF-16 columns', async () => {
    type SR = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; status: string };
    const all = (await client.request('cdrlint/statusRanges', { uri: fixtureUri('calls.csv') })) as SR[];
    expect(all.map((r) => [r.range.start.line, r.status])).toEqual([
      [1, 'ANSWERED'], [2, 'ABSENT'], [4, 'ANSWERED'], [5, 'ABSENT'], [6, 'ABSENT'], [7, 'ANSWERED'],
    ]);
    const lines = fixtureText('calls.csv').split('\n');
    for (const r of all) {
      const cell = lines[r.range.start.line].slice(r.range.start.character, r.range.end.character);
      expect(cell.toUpperCase()).toBe(r.status);
    }
    const some = (await client.request('cdrlint/statusRanges', {
      uri: fixtureUri('calls.csv'),
      range: { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } },
    })) as SR[];
    expect(some.map((r) => r.range.start.line)).toEqual([4, 5]);
    expect(await client.request('cdrlint/statusRanges', { uri: fixtureUri('people.csv') })).toBeNull();
  });

  it('answers cdrlint/summary with core’s summary', async () => {
    const s = await client.request('cdrlint/summary', { uri: fixtureUri('calls.csv') });
    expect(s).toEqual(lintText(fixtureText('calls.csv'), { fileName: 'calls.csv' }).summary);
    expect(await client.request('cdrlint/summary', { uri: fixtureUri('people.csv') })).toBeNull();
    expect(await client.request('cdrlint/summary', { uri: 'file:///not/open.csv' })).toBeNull();
  });
});
