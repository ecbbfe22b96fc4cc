// Code actions (quick fixes, fix all, disable rule), commands, cancellation, robustness, exit.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyFixes, CONFIG_FILE_NAME, lintText } from '@cdrlint/core';
import { CancellationTokenSource } from 'vscode-jsonrpc/node.js';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { clientCapabilities, fixtureText, fixtureUri, positionOf, SERVER_BIN, TestClient, withTimeout } from '../helpers/lsp-client.js';

const clients: TestClient[] = [];
async function start(caps = clientCapabilities(), rootUri?: string): Promise<TestClient> {
  const c = TestClient.start();
  clients.push(c);
  await c.initialize(caps, rootUri);
  return c;
}
afterEach(async () => {
  for (const c of clients.splice(0)) await c.stop().catch(() => undefined);
});
const dir = mkdtempSync(join(tmpdir(), 'cdrlint-lsp-actions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Applies LSP edits (UTF-16 positions) to a text. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start)
    .reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}
const editsOf = (a: CodeAction): TextEdit[] => (a.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];

async function actionsFor(client: TestClient, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
}

describe('code actions', () => {
  it('offers the safe fix as preferred quick fix, driven by data, and applying it clears the problem', async () => {
    const client = await start();
    const uri = fixtureUri('calls.csv');
    const text = fixtureText('calls.csv');
    const ds = await client.openAndWait(uri, text);
    const caseDiag = ds.find((d) => d.code === 'status-case')!;
    // The message is irrelevant: actions come from `data`, never from message text.
    const actions = await actionsFor(client, uri, [{ ...caseDiag, message: 'whatever' }]);
    const fix = actions.find((a) => a.isPreferred)!;
    expect(fix.kind).toBe('quickfix');
    const fixed = applyEdits(text, editsOf(fix));
    expect(fixed).toBe(text.replace(',answered,', ',ANSWERED,'));
    const next = client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'status-case'));
    await client.change(uri, [{ text: fixed }]);
    expect((await next).length).toBe(ds.length - 1);
  });

  it('offers did-you-mean suggestions as (not preferred) quick fixes', async () => {
    const client = await start();
    const uri = fixtureUri('calls.csv');
    const text = fixtureText('calls.csv');
    const ds = await client.openAndWait(uri, text);
    const actions = await actionsFor(client, uri, [ds.find((d) => d.code === 'unknown-status')!]);
    const suggestion = actions.find((a) => a.title.includes("'ANSWERED'"))!;
    expect(suggestion.isPreferred).toBe(false);
    expect(applyEdits(text, editsOf(suggestion))).toBe(text.replace('ANSWERD', 'ANSWERED'));
  });

  it('fixes everything at once with source.fixAll.cdrlint', async () => {
    const client = await start();
    const uri = fixtureUri('calls.csv');
    const text = fixtureText('calls.csv');
    await client.openAndWait(uri, text);
    const actions = await actionsFor(client, uri, [], ['source.fixAll.cdrlint']);
    expect(actions).toHaveLength(1);
    expect(actions[0].kind).toBe('source.fixAll.cdrlint');
    expect(applyEdits(text, editsOf(actions[0]))).toBe(text.replace(',answered,', ',ANSWERED,'));
  });

  it('fix all makes an edit per fix, and together they give what the CLI writes', async () => {
    const client = await start();
    const uri = pathToFileURL(join(dir, 'many-fixes.csv')).href;
    // Fixes at the top, in the middle and at the end, with untouched rows between them.
    const [header, ...rows] = fixtureText('valid.csv').trimEnd().split('\n');
    const lower = (row: string) => row.replace(/,(ANSWERED|ABSENT|ERROR),/, (m) => m.toLowerCase());
    const text = [header, lower(rows[0]), ...rows.slice(1, -1), '', lower(rows[rows.length - 1])].join('\n') + '\n';
    await client.openAndWait(uri, text);
    const [action] = await actionsFor(client, uri, [], ['source.fixAll.cdrlint']);
    const expected = applyFixes(text, lintText(text, { fileName: 'many-fixes.csv' }).diagnostics);
    expect(expected.applied).toBeGreaterThanOrEqual(3);
    expect(action.title).toBe(`Fix all cdrlint problems (${expected.applied})`);
    expect(editsOf(action).length).toBe(expected.applied);
    expect(applyEdits(text, editsOf(action))).toBe(expected.text);
  });

  it('disables a rule by editing cdrlint.config.json (existing file: a text edit keeping the rest)', async () => {
    const ws = join(dir, 'ws1');
    mkdirSync(ws, { recursive: true });
    const configPath = join(ws, CONFIG_FILE_NAME);
    const configText = '{\n  "ignore": ["old/**"],\n  "rules": { "blank-row": "warning" }\n}\n';
    writeFileSync(configPath, configText);
    writeFileSync(join(ws, 'calls.csv'), fixtureText('calls.csv'));
    const client = await start(clientCapabilities(), pathToFileURL(ws).href);
    const uri = pathToFileURL(join(ws, 'calls.csv')).href;
    const ds = await client.openAndWait(uri, fixtureText('calls.csv'));
    const actions = await actionsFor(client, uri, [ds.find((d) => d.code === 'status-case')!]);
    const disable = actions.find((a) => a.title === `Disable rule status-case in ${CONFIG_FILE_NAME}`)!;
    const change = disable.edit!.documentChanges![0] as TextDocumentEdit;
    expect(change.textDocument.uri).toBe(pathToFileURL(configPath).href);
    const after = applyEdits(configText, change.edits as TextEdit[]);
    expect(JSON.parse(after)).toEqual({ ignore: ['old/**'], rules: { 'blank-row': 'warning', 'status-case': 'off' } });
    expect(after.startsWith('{\n  "ignore": ["old/**"],\n')).toBe(true);
    // Saved, the watched file turns the rule off.
    writeFileSync(configPath, after);
    const next = client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'status-case'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: change.textDocument.uri, type: 2 }] });
    expect((await next).length).toBe(ds.length - 1);
  });

  it('disables a rule for this file only through an override', async () => {
    const ws = join(dir, 'ws1b');
    mkdirSync(join(ws, 'sub'), { recursive: true });
    const configPath = join(ws, CONFIG_FILE_NAME);
    writeFileSync(configPath, '{}\n');
    writeFileSync(join(ws, 'sub', 'calls.csv'), fixtureText('calls.csv'));
    const client = await start(clientCapabilities(), pathToFileURL(ws).href);
    const uri = pathToFileURL(join(ws, 'sub', 'calls.csv')).href;
    const ds = await client.openAndWait(uri, fixtureText('calls.csv'));
    const actions = await actionsFor(client, uri, [ds.find((d) => d.code === 'status-case')!]);
    const disable = actions.find((a) => a.title === `Disable rule status-case for this file (${CONFIG_FILE_NAME})`)!;
    const change = disable.edit!.documentChanges![0] as TextDocumentEdit;
    const after = applyEdits('{}\n', change.edits as TextEdit[]);
    expect(JSON.parse(after)).toEqual({ overrides: [{ files: ['sub/calls.csv'], rules: { 'status-case': 'off' } }] });
    writeFileSync(configPath, after);
    const next = client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'status-case'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: change.textDocument.uri, type: 2 }] });
    expect((await next).length).toBe(ds.length - ds.filter((d) => d.code === 'status-case').length);
  });

  it('creates cdrlint.config.json in the workspace folder when there is none', async () => {
    const ws = join(dir, 'ws2');
    mkdirSync(join(ws, 'sub'), { recursive: true });
    writeFileSync(join(ws, 'sub', 'calls.csv'), fixtureText('calls.csv'));
    const client = await start(clientCapabilities(), pathToFileURL(ws).href);
    const uri = pathToFileURL(join(ws, 'sub', 'calls.csv')).href;
    const ds = await client.openAndWait(uri, fixtureText('calls.csv'));
    const actions = await actionsFor(client, uri, [ds.find((d) => d.code === 'unknown-status')!]);
    const disable = actions.find((a) => a.title === `Disable rule unknown-status in ${CONFIG_FILE_NAME}`)!;
    const [create, edit] = disable.edit!.documentChanges!;
    expect(create).toMatchObject({ kind: 'create', uri: pathToFileURL(join(ws, CONFIG_FILE_NAME)).href });
    expect(JSON.parse((edit as TextDocumentEdit).edits[0].newText)).toEqual({ rules: { 'unknown-status': 'off' } });
  });
});

describe('commands', () => {
  it('cdrlint.checkWorkspace checks every CDR file of the folders, with progress', async () => {
    const ws = join(dir, 'ws3');
    mkdirSync(join(ws, 'deep', 'er'), { recursive: true });
    mkdirSync(join(ws, 'node_modules'), { recursive: true });
    writeFileSync(join(ws, 'calls.csv'), fixtureText('calls.csv'));
    writeFileSync(join(ws, 'deep', 'er', 'calls.ndjson'), fixtureText('calls.ndjson'));
    writeFileSync(join(ws, 'deep', 'people.csv'), fixtureText('people.csv'));
    writeFileSync(join(ws, 'node_modules', 'x.csv'), fixtureText('calls.csv'));
    const client = await start(clientCapabilities(), pathToFileURL(ws).href);
    const nd = client.waitForDiagnostics(pathToFileURL(join(ws, 'deep', 'er', 'calls.ndjson')).href);
    client.watchProgress('check-1');
    const result = await client.request('workspace/executeCommand', { command: 'cdrlint.checkWorkspace', arguments: [], workDoneToken: 'check-1' });
    expect(result).toEqual({ files: 3, cdrFiles: 2, errors: 5, warnings: 1 });
    expect((await nd).map((d) => d.code)).toEqual(['unknown-status']);
    const kinds = client.progress.filter((p) => p.token === 'check-1').map((p) => p.value.kind);
    expect(kinds[0]).toBe('begin');
    expect(kinds.at(-1)).toBe('end');
  });
});

describe('cancellation and robustness', () => {
  it('answers a cancelled request with RequestCancelled and keeps serving', async () => {
    const client = await start(clientCapabilities({ pull: true }));
    const uri = pathToFileURL(join(dir, 'big.csv')).href;
    const [head, ...rows] = fixtureText('valid.csv').trimEnd().split('\n');
    const big = [head, ...Array.from({ length: 40_000 }, (_, i) => rows[i % rows.length].replace(/^\d+/, String(100000 + i)))].join('\n') + '\n';
    await client.open(uri, big);
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token);
    source.cancel();
    await expect(pending).rejects.toMatchObject({ code: -32800 });
    const report = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } }, 60_000);
    expect(report.items).toEqual([]);
  });

  it('survives malformed parameters, unknown methods and requests for closed documents', async () => {
    const client = await start();
    await expect(client.request('cdrlint/nope', {})).rejects.toMatchObject({ code: -32601 });
    expect(await client.request('textDocument/hover', { textDocument: { uri: 'file:///closed.csv' }, position: { line: 0, character: 0 } })).toBeNull();
    await client.request('textDocument/hover', {}).catch(() => undefined);
    await client.request('textDocument/completion', { textDocument: null, position: 'x' }).catch(() => undefined);
    await client.request('textDocument/codeAction', { textDocument: { uri: 'file:///closed.csv' } }).catch(() => undefined);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///closed.csv', version: 9 }, contentChanges: [{ text: 'x' }] });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: null });
    await client.request('workspace/executeCommand', { command: 'cdrlint.showSummary', arguments: [42] });
    const uri = fixtureUri('editor.csv');
    const ds = await client.openAndWait(uri, fixtureText('editor.csv'));
    expect(ds.map((d) => d.code)).toEqual(['unknown-status']);
    expect(client.alive).toBe(true);
  });

  it('exits with 0 after shutdown + exit', async () => {
    const client = TestClient.start();
    await client.initialize();
    expect(await client.stop()).toBe(0);
  });

  it('exits when the client closes its stdin: 0 after a shutdown request, 1 without', async () => {
    for (const shutdown of [true, false]) {
      const client = TestClient.start();
      await client.initialize();
      if (shutdown) await client.request('shutdown', null);
      const exited = new Promise<number | null>((r) => client.child.on('exit', (code) => r(code)));
      client.child.stdin!.end();
      expect(await withTimeout(exited, 10_000, 'exit')).toBe(shutdown ? 0 : 1);
      client.connection.dispose();
    }
  });

  it("sends console output to the client's log, not into the protocol on stdout", async () => {
    // Preloaded: logs once the server has redirected the console (so never before).
    const preloadDir = mkdtempSync(join(tmpdir(), 'cdrlint-console-'));
    const preload = join(preloadDir, 'preload.cjs');
    writeFileSync(preload, "const o = console.log; const t = setInterval(() => { if (console.log !== o) { clearInterval(t); console.log('from %s', 'console.log', 42); console.error('from console.error'); console.dir({ from: 'console.dir' }); } }, 10);");
    const client = TestClient.start([process.execPath, '--require', preload, SERVER_BIN, '--stdio']);
    try {
      await client.initialize();
      const expected = ['from console.log 42', 'from console.error', "{ from: 'console.dir' }"];
      await withTimeout(
        (async () => {
          while (!expected.every((m) => client.logs.includes(m))) await new Promise((r) => setTimeout(r, 20));
        })(),
        10_000,
        'console output in the log',
      );
      // The protocol went on undisturbed.
      expect(await client.request('textDocument/hover', { textDocument: { uri: fixtureUri('calls.csv') }, position: { line: 0, character: 0 } })).toBeNull();
    } finally {
      await client.stop();
      rmSync(preloadDir, { recursive: true, force: true });
    }
  });
});
