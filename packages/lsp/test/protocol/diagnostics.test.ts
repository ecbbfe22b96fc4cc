import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleDocsUrl } from '@cdrlint/core';
import type { Diagnostic, DocumentDiagnosticReport, InitializeResult } from 'vscode-languageserver-protocol';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { clientCapabilities, fixtureText, fixtureUri, positionOf, TestClient } from '../helpers/lsp-client.js';

const clients: TestClient[] = [];
async function start(caps = clientCapabilities()): Promise<{ client: TestClient; init: InitializeResult }> {
  const client = TestClient.start();
  clients.push(client);
  const init = await client.initialize(caps);
  return { client, init };
}
afterEach(async () => {
  for (const c of clients.splice(0)) await c.stop().catch(() => undefined);
});

const byCode = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);

describe('initialize', () => {
  it('announces incremental sync, the features and UTF-16 by default', async () => {
    const { init } = await start();
    const c = init.capabilities;
    expect(c.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(c.positionEncoding).toBe('utf-16');
    expect(c.hoverProvider).toBe(true);
    expect(c.completionProvider).toBeDefined();
    expect(c.codeActionProvider).toMatchObject({ codeActionKinds: expect.arrayContaining(['quickfix', 'source.fixAll.cdrlint']) });
    expect(c.executeCommandProvider?.commands).toContain('cdrlint.checkWorkspace');
    expect(c.diagnosticProvider).toBeUndefined();
    expect(init.serverInfo?.name).toBe('cdrlint-lsp');
  });
  it('negotiates UTF-8 when the client offers it, and pull diagnostics when it supports them', async () => {
    const { init } = await start(clientCapabilities({ utf8: true, pull: true }));
    expect(init.capabilities.positionEncoding).toBe('utf-8');
    expect(init.capabilities.diagnosticProvider).toMatchObject({ interFileDependencies: false });
  });
});

describe('push diagnostics', () => {
  it('reports every problem of calls.csv with rule ids, doc links, data and exact ranges', async () => {
    const { client } = await start();
    const text = fixtureText('calls.csv');
    const uri = fixtureUri('calls.csv');
    const ds = await client.openAndWait(uri, text);
    expect(ds.map((d) => d.code)).toEqual([
      'unknown-status',
      'status-case',
      'sub-status-mismatch',
      'result-code-not-applicable',
      'duplicate-call-id',
    ]);
    for (const d of ds) {
      expect(d.source).toBe('cdrlint');
      expect(d.codeDescription?.href).toBe(ruleDocsUrl(String(d.code)));
      expect(d.data).toMatchObject({ version: 1 });
    }
    // UTF-16 columns: the emoji in 'Émile 🎉' counts 2 before the bad status.
    const unknown = byCode(ds, 'unknown-status')[0];
    expect(unknown.range).toEqual({ start: positionOf(text, 'ANSWERD'), end: positionOf(text, 'ANSWERD', 7) });
    expect(unknown.severity).toBe(1);
    expect(byCode(ds, 'status-case')[0].severity).toBe(2);
    const dup = byCode(ds, 'duplicate-call-id')[0];
    expect(dup.relatedInformation?.[0].location.range.start.line).toBe(positionOf(text, '1002,Ana').line);
  });

  it('converts columns to UTF-8 bytes when UTF-8 was negotiated', async () => {
    const { client } = await start(clientCapabilities({ utf8: true }));
    const text = fixtureText('calls.csv');
    const ds = await client.openAndWait(fixtureUri('calls.csv'), text);
    const unknown = byCode(ds, 'unknown-status')[0];
    const p = positionOf(text, 'ANSWERD');
    const lineText = text.split('\n')[p.line];
    const bytes = Buffer.byteLength(lineText.slice(0, p.character), 'utf8');
    expect(bytes).toBeGreaterThan(p.character); // É and 🎉 take more bytes than UTF-16 units
    expect(unknown.range.start).toEqual({ line: p.line, character: bytes });
    expect(unknown.range.end).toEqual({ line: p.line, character: bytes + 7 });
  });

  it('gives a valid file and a file that is not a CDR file no diagnostics', async () => {
    const { client } = await start();
    expect(await client.openAndWait(fixtureUri('valid.csv'), fixtureText('valid.csv'))).toEqual([]);
    expect(await client.openAndWait(fixtureUri('people.csv'), fixtureText('people.csv'))).toEqual([]);
    expect(await client.openAndWait(fixtureUri('combined.csv'), fixtureText('combined.csv'))).toEqual([]);
  });

  it('checks NDJSON and envelope JSON documents', async () => {
    const { client } = await start();
    const nd = fixtureText('calls.ndjson');
    const ds = await client.openAndWait(fixtureUri('calls.ndjson'), nd, 'json');
    expect(ds.map((d) => d.code)).toEqual(['unknown-status']);
    expect(ds[0].range.start).toEqual(positionOf(nd, '"EROR"'));
    expect(await client.openAndWait(fixtureUri('calls.json'), fixtureText('calls.json'), 'json')).toEqual([]);
  });

  it('re-checks after incremental edits and drops nothing but stale versions', async () => {
    const { client } = await start();
    const uri = fixtureUri('editor.csv');
    const text = fixtureText('editor.csv');
    const ds = await client.openAndWait(uri, text);
    expect(ds.map((d) => d.code)).toEqual(['unknown-status']);
    const bad = positionOf(text, 'ABSNT');
    // Two quick edits: fix the status, then break the first row's status. Only the newest counts.
    const fixed = client.waitForDiagnostics(uri, (d) => d.length === 1 && d[0].code === 'unknown-status' && d[0].range.start.line === 1);
    await client.change(uri, [{ range: { start: bad, end: { line: bad.line, character: bad.character + 5 } }, text: 'ABSENT' }]);
    const good = positionOf(text, 'ANSWERED');
    await client.change(uri, [{ range: { start: good, end: { line: good.line, character: good.character + 8 } }, text: 'ANSWERX' }]);
    const after = await fixed;
    expect(after[0].range.start).toEqual(good);
    expect(client.diagnostics.get(uri)?.version).toBe(3);
  });

  it('clears diagnostics on close', async () => {
    const { client } = await start();
    const uri = fixtureUri('editor.csv');
    await client.openAndWait(uri, fixtureText('editor.csv'));
    const cleared = client.waitForDiagnostics(uri, (d) => d.length === 0);
    await client.close(uri);
    expect(await cleared).toEqual([]);
  });

  it('caps the list at maxProblems and says how many more there are', async () => {
    const { client } = await start();
    client.settings = { maxProblems: 2 };
    const ds = await client.openAndWait(fixtureUri('calls.csv'), fixtureText('calls.csv'));
    expect(ds).toHaveLength(3);
    expect(ds[2].code).toBe('max-problems');
    expect(ds[2].message).toMatch(/^3 more problems not shown.*cdrlint/);
  });

  it('follows configuration changes (rule severities, enable)', async () => {
    const { client } = await start();
    const uri = fixtureUri('calls.csv');
    const ds = await client.openAndWait(uri, fixtureText('calls.csv'));
    expect(byCode(ds, 'status-case')).toHaveLength(1);
    client.settings = { rules: { 'status-case': 'off', 'unknown-status': 'warning' } };
    const next = client.waitForDiagnostics(uri, (d) => byCode(d, 'status-case').length === 0);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const after = await next;
    expect(after).toHaveLength(ds.length - 1);
    expect(byCode(after, 'unknown-status')[0].severity).toBe(2);
    client.settings = { enable: false };
    const off = client.waitForDiagnostics(uri, (d) => d.length === 0);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    expect(await off).toEqual([]);
  });

  it('reads settings pushed with didChangeConfiguration from clients without workspace/configuration', async () => {
    const { client } = await start(clientCapabilities({ configuration: false }));
    const uri = fixtureUri('calls.csv');
    await client.openAndWait(uri, fixtureText('calls.csv'));
    const next = client.waitForDiagnostics(uri, (d) => d.length === 0);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { cdrlint: { enable: false } } });
    expect(await next).toEqual([]);
  });
});

describe('cdrlint.config.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdrlint-lsp-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is found upward from the document, watched, and a broken one falls back to defaults with a message', async () => {
    const sub = join(dir, 'exports', '2025');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(sub, { recursive: true });
    const configPath = join(dir, 'cdrlint.config.json');
    writeFileSync(configPath, JSON.stringify({ rules: { 'status-case': 'off' } }));
    const file = join(sub, 'calls.csv');
    writeFileSync(file, fixtureText('calls.csv'));
    const { client } = await start();
    await client.connection.sendRequest('initialized', undefined).catch(() => undefined);
    const uri = pathToFileURL(file).href;
    const ds = await client.openAndWait(uri, fixtureText('calls.csv'));
    expect(byCode(ds, 'status-case')).toHaveLength(0);
    expect(ds.length).toBeGreaterThan(0);

    // Broken config: defaults come back (status-case reported again), the server says why, keeps running.
    writeFileSync(configPath, '{ "rules": { "status-case": "off", } ');
    const next = client.waitForDiagnostics(uri, (d) => byCode(d, 'status-case').length === 1);
    const configDiags = client.waitForDiagnostics(pathToFileURL(configPath).href, (d) => d.length > 0);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(configPath).href, type: 2 }] });
    await next;
    const cd = await configDiags;
    expect(cd[0].source).toBe('cdrlint');
    expect(client.messages.some((m) => m.type === 2 && m.message.includes('cdrlint.config.json'))).toBe(true);
    expect(client.alive).toBe(true);
  });
});

describe('pull diagnostics', () => {
  it('answers textDocument/diagnostic and pushes nothing', async () => {
    const { client } = await start(clientCapabilities({ pull: true }));
    const uri = fixtureUri('calls.csv');
    await client.open(uri, fixtureText('calls.csv'));
    const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    expect(report.kind).toBe('full');
    const items = (report as { items: Diagnostic[] }).items;
    expect(items.map((d) => d.code)).toContain('unknown-status');
    const none = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: fixtureUri('people.csv') } });
    expect((none as { items: Diagnostic[] }).items).toEqual([]);
    // Nothing was pushed for the document.
    await client.request('shutdown', null);
    expect(client.diagnostics.has(uri)).toBe(false);
  });

  it('answers "unchanged" to a re-pull of the same opening, version and effective settings (resultId)', async () => {
    const { client } = await start(clientCapabilities({ pull: true }));
    const uri = fixtureUri('calls.csv');
    const text = fixtureText('calls.csv');
    await client.open(uri, text);
    const pull = (previousResultId?: string) =>
      client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId === undefined ? {} : { previousResultId }) });
    const items = (r: DocumentDiagnosticReport) => (r.kind === 'full' ? r.items : []);

    const first = await pull();
    expect(first.kind).toBe('full');
    expect(items(first).map((d) => d.code)).toContain('unknown-status');
    const id1 = first.resultId ?? '';
    expect(id1).not.toBe('');
    expect(await pull(id1)).toEqual({ kind: 'unchanged', resultId: id1 });
    // Without the id, or with another one, the client gets the whole report again.
    expect(await pull()).toEqual(first);
    expect(await pull(`${id1}x`)).toEqual(first);

    // A new version: a new id and the new items, whatever id the client sends.
    const bad = positionOf(text, 'ANSWERD');
    await client.change(uri, [{ range: { start: bad, end: { line: bad.line, character: bad.character + 7 } }, text: 'ANSWERED' }]);
    const edited = await pull(id1);
    expect(edited.kind).toBe('full');
    expect(edited.resultId).not.toBe(id1);
    expect(byCode(items(edited), 'unknown-status')).toHaveLength(byCode(items(first), 'unknown-status').length - 1);
    const id2 = edited.resultId ?? '';
    expect(await pull(id2)).toEqual({ kind: 'unchanged', resultId: id2 });

    // Settings that change: the report changes, so it comes in full, same version or not.
    client.settings = { rules: { 'status-case': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const reconfigured = await pull(id2);
    expect(reconfigured.kind).toBe('full');
    expect(reconfigured.resultId).not.toBe(id2);
    expect(byCode(items(reconfigured), 'status-case')).toEqual([]);
    expect(byCode(items(edited), 'status-case')).toHaveLength(1);
    // Settings sent again as they are (a change elsewhere): this document's report stands.
    const id3 = reconfigured.resultId ?? '';
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    expect(await pull(id3)).toEqual({ kind: 'unchanged', resultId: id3 });

    // Closed and opened again at version 1, with another text, under the first settings again:
    // a new report, though the version and settings are those of the first.
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.close(uri);
    await client.open(uri, text.replace('ANSWERD', 'ANSWERED'));
    const reopened = await pull(id1);
    expect(reopened.kind).toBe('full');
    expect(reopened.resultId).not.toBe(id1);

    // Another server process never takes this one's ids for its own.
    const { client: other } = await start(clientCapabilities({ pull: true }));
    await other.open(uri, text);
    const fresh = await other.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: id1 });
    expect(fresh.kind).toBe('full');
    expect(fresh.resultId).not.toBe(id1);
  });

  type Change = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };

  /** Opens `text`, sends each change, and after each pulls what a fresh document of that text gives. */
  async function followsAsFresh(text: string, name: string, languageId: string, changes: Change[]): Promise<Set<number>> {
    const { client } = await start(clientCapabilities({ pull: true }));
    const uri = fixtureUri(name);
    await client.open(uri, text, languageId);
    // Each item names the document version it was made for (data.version), and its related
    // records the document: all but those.
    const pull = async (u: string) => {
      const r = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: u } });
      return (r.kind === 'full' ? r.items : []).map((d) => ({
        ...d,
        data: { ...(d.data as object), version: undefined },
        relatedInformation: d.relatedInformation?.map((x) => ({ ...x, location: { ...x.location, uri: '' } })),
      }));
    };
    const counts = new Set<number>();
    let current = text;
    for (const [n, c] of changes.entries()) {
      await client.change(uri, [c]);
      const lines = current.split('\n');
      const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((k, l) => k + l.length + 1, 0) + p.character;
      current = current.slice(0, offset(c.range.start)) + c.text + current.slice(offset(c.range.end));
      const fresh = fixtureUri(`fresh-${n}-${name}`);
      await client.open(fresh, current, languageId);
      const items = await pull(uri);
      expect(items).toEqual(await pull(fresh));
      counts.add(items.length);
      await client.close(fresh);
    }
    expect(current).toBe(text);
    return counts;
  }

  it('follows typing in a JSON record a keystroke at a time as a fresh check of each text does', async () => {
    // A field typed with its quotes closed as they open, then erased from its end: on the way the
    // record is not valid JSON, then holds a string left open where the parser stops.
    const envelope = JSON.parse(fixtureText('calls.json')) as { data: Record<string, unknown>[] };
    const records = [0, 1, 2].flatMap((copy) => envelope.data.map((r) => ({ ...r, callid: Number(r.callid) + 100 * copy })));
    records[5] = { ...records[5], status: 'ANSWERD' };
    const text = `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
    const line = 2;
    const at = (character: number) => ({ line, character });
    let c = text.split('\n')[line].lastIndexOf('}');
    const changes: Change[] = [];
    for (const k of [',', '""', 'n', 'o', 't', 'e', null, ':', '""', 'o', 'k', null]) {
      if (k !== null) changes.push({ range: { start: at(c), end: at(c) }, text: k });
      c += k === null || k === '""' ? 1 : k.length;
    }
    for (let e = c; e > c - ',"note":"ok"'.length; e--) changes.push({ range: { start: at(e - 1), end: at(e) }, text: '' });
    // The last record's unknown status goes while the parser stops before it, and comes back.
    expect((await followsAsFresh(text, 'typing.json', 'json', changes)).size).toBeGreaterThan(1);
  });

  it('follows rows added and removed in a CSV file as a fresh check of each text does', async () => {
    // After the first row: the later repeat of call id 1002 names its first record's line.
    const text = fixtureText('calls.csv');
    const row = text.split('\n')[1];
    const copy = (k: number) => row.replace(/\d+/, (id) => `9${k}${id}`);
    const at = (line: number, character: number) => ({ line, character });
    const changes: Change[] = [
      { range: { start: at(1, row.length), end: at(1, row.length) }, text: '\n' },
      { range: { start: at(2, 0), end: at(2, 0) }, text: `${copy(1)}\n${copy(2)}` },
      { range: { start: at(1, row.length), end: at(3, copy(2).length) }, text: '' },
    ];
    expect((await followsAsFresh(text, 'rows.csv', 'csv', changes)).size).toBeGreaterThan(1);
  });

  it('follows records added, typed and removed in a JSON file as a fresh check of each text does', async () => {
    // A record a line, the last with a call id repeated from the first: its message names the
    // first record's line. A line break after the first record's comma, a record begun there
    // (`{}`, a comma missing before the next one), a copy of the first record pasted over it,
    // then the new line removed.
    const envelope = JSON.parse(fixtureText('calls.json')) as { data: Record<string, unknown>[] };
    const records = [0, 1, 2].flatMap((copy) => envelope.data.map((r) => ({ ...r, callid: Number(r.callid) + 100 * copy })));
    records.push({ ...records[2], status: 'ABSENT', sub_status: 'BUSY', answer: null });
    const text = `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
    const first = text.split('\n')[1];
    const copy = first.replace(/\d+/, (id) => `9${id}`);
    const at = (line: number, character: number) => ({ line, character });
    const changes: Change[] = [
      { range: { start: at(1, first.length), end: at(1, first.length) }, text: '\n' },
      { range: { start: at(2, 0), end: at(2, 0) }, text: '{}' },
      { range: { start: at(2, 0), end: at(2, 2) }, text: copy },
      { range: { start: at(1, first.length), end: at(2, copy.length) }, text: '' },
    ];
    expect((await followsAsFresh(text, 'rows.json', 'json', changes)).size).toBeGreaterThan(1);
  });
});
