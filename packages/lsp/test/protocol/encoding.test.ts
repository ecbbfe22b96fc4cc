// Position encodings and big documents: UTF-8 negotiation for incoming edits and outgoing ranges,
// emoji and accents never shifting ranges, progress for long validations.
import { getStatus } from '@cdrlint/core';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { clientCapabilities, fixtureText, fixtureUri, positionOf, TestClient } from '../helpers/lsp-client.js';

const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.stop().catch(() => undefined);
});
async function start(utf8: boolean): Promise<TestClient> {
  const c = TestClient.start();
  clients.push(c);
  await c.initialize(clientCapabilities({ utf8 }));
  return c;
}

/** UTF-8 column of a UTF-16 position on its line. */
function utf8Pos(text: string, p: { line: number; character: number }): { line: number; character: number } {
  return { line: p.line, character: Buffer.byteLength(text.split('\n')[p.line].slice(0, p.character), 'utf8') };
}

describe('UTF-8 position encoding', () => {
  it('applies incremental edits given in UTF-8 columns and answers hovers in them', async () => {
    const client = await start(true);
    const uri = fixtureUri('calls.csv');
    const text = fixtureText('calls.csv');
    await client.openAndWait(uri, text);
    const p = positionOf(text, 'ANSWERD');
    const from = utf8Pos(text, p);
    const fixed = client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'unknown-status'));
    await client.change(uri, [{ range: { start: from, end: { line: from.line, character: from.character + 7 } }, text: 'ANSWERED' }]);
    const after = await fixed;
    // The record is now ANSWERED/COMPLETE without an answer time: the edit landed on the right cell.
    expect(after.filter((d) => d.range.start.line === p.line).map((d) => d.code)).toContain('answer-time-missing');
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: from.line, character: from.character + 3 } });
    expect(JSON.stringify(h.contents)).toContain(JSON.stringify(getStatus('ANSWERED')!.doc).slice(1, -1));
    expect(h.range).toEqual({ start: from, end: { line: from.line, character: from.character + 8 } });
  });
});

describe('UTF-16 (default) with accents and emoji', () => {
  it('keeps hover and diagnostic ranges on the right cells after emoji', async () => {
    const client = await start(false);
    const uri = fixtureUri('calls.csv');
    const text = fixtureText('calls.csv');
    const ds = await client.openAndWait(uri, text);
    const caseDiag = ds.find((d: Diagnostic) => d.code === 'status-case')!;
    expect(caseDiag.range).toEqual({ start: positionOf(text, ',answered,', 1), end: positionOf(text, ',answered,', 9) });
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, ',answered,', 4) });
    expect(h.range).toEqual(caseDiag.range);
  });
});

describe('long validations', () => {
  it('report $/progress and still publish the result', async () => {
    const client = await start(false);
    const [head, ...rows] = fixtureText('valid.csv').trimEnd().split('\n');
    const body = Array.from({ length: 15_000 }, (_, i) => rows[i % rows.length].replace(/^\d+/, String(200000 + i)));
    body[7000] = body[7000].replace(/ANSWERED|ABSENT|ERROR/, 'ABSNT');
    const text = [head, ...body].join('\n') + '\n';
    expect(text.length).toBeGreaterThan(1 << 20);
    const uri = 'file:///tmp/cdrlint-big-progress.csv';
    const ds = await client.openAndWait(uri, text);
    expect(ds.map((d) => [d.code, d.range.start.line])).toEqual([['unknown-status', 7001]]);
    const kinds = client.progress.map((p) => p.value.kind);
    expect(kinds[0]).toBe('begin');
    expect(kinds).toContain('report');
    expect(kinds.at(-1)).toBe('end');
  });
});
