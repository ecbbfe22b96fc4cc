// A test client that starts the BUILT server (`node dist/bin.js --stdio`) as a child process and
// speaks LSP to it. Waits are event-driven with timeouts, never fixed sleeps.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node.js';
import { WorkDoneProgress } from 'vscode-languageserver-protocol';
import type {
  ClientCapabilities,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';

const here = dirname(fileURLToPath(import.meta.url));
export const PACKAGE_DIR = resolve(here, '../..');
export const SERVER_BIN = join(PACKAGE_DIR, 'dist/bin.js');
export const FIXTURES = join(PACKAGE_DIR, 'test/fixtures');

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}
export function fixtureUri(name: string): string {
  return pathToFileURL(fixturePath(name)).href;
}
export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** Capabilities of a modern client (like VS Code) without pull diagnostics unless asked. */
export function clientCapabilities(overrides: { pull?: boolean; utf8?: boolean; configuration?: boolean } = {}): ClientCapabilities {
  return {
    general: { positionEncodings: overrides.utf8 ? ['utf-8', 'utf-16'] : ['utf-16'] },
    workspace: {
      configuration: overrides.configuration ?? true,
      didChangeConfiguration: { dynamicRegistration: false },
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
      workspaceFolders: true,
      diagnostics: overrides.pull ? { refreshSupport: true } : undefined,
    },
    window: { workDoneProgress: true },
    textDocument: {
      synchronization: { didSave: true },
      publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown'] } },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      diagnostic: overrides.pull ? { dynamicRegistration: false, relatedDocumentSupport: false } : undefined,
    },
  };
}

type Waiter = { uri: string; pred: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void };

export class TestClient {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  /** $/progress values received, for tokens the server created or watchProgress() named. */
  readonly progress: { token: string | number; value: { kind: string; percentage?: number; message?: string } }[] = [];
  /** What workspace/configuration answers for section `cdrlint`. */
  settings: Record<string, unknown> = {};
  private waiters: Waiter[] = [];
  private versions = new Map<string, number>();
  private exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.exited = new Promise((r) => child.on('exit', (code) => r(code)));
    child.stderr?.on('data', (b: Buffer) => this.logs.push(b.toString()));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || !w.pred(p.diagnostics)) return true;
        w.resolve(p.diagnostics);
        return false;
      });
    });
    this.connection.onNotification('window/showMessage', (p: { type: number; message: string }) => this.messages.push(p));
    this.connection.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === 'cdrlint' ? this.settings : null)),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      this.watchProgress(p.token);
      return null;
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.listen();
  }

  /** Records $/progress for a token the client handed to the server (workDoneToken). */
  watchProgress(token: string | number): void {
    // vscode-jsonrpc routes $/progress to per-token handlers only.
    this.connection.onProgress(WorkDoneProgress.type, token, (value) => this.progress.push({ token, value }));
  }

  /** Starts the server; `command` replaces it (used to prove the tests fail on a broken server). */
  static start(command: string[] = [process.execPath, SERVER_BIN, '--stdio']): TestClient {
    const child = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    return new TestClient(child);
  }

  async initialize(caps: ClientCapabilities = clientCapabilities(), rootUri = pathToFileURL(FIXTURES).href): Promise<InitializeResult> {
    const result = await withTimeout(
      this.connection.sendRequest<InitializeResult>('initialize', {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'fixtures' }],
        capabilities: caps,
      }),
      10_000,
      'initialize',
    );
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(uri: string, text: string, languageId = 'csv'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Applies edits (LSP ranges) as one didChange; returns the new version. */
  async change(uri: string, changes: { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Resolves with the first published diagnostics for `uri` that satisfy `pred` (default: any). */
  waitForDiagnostics(uri: string, pred: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const p = new Promise<Diagnostic[]>((resolve) => this.waiters.push({ uri, pred, resolve }));
    return withTimeout(p, timeoutMs, `diagnostics for ${uri}`);
  }

  /** Opens a document and waits for its first diagnostics. */
  async openAndWait(uri: string, text: string, languageId = 'csv'): Promise<Diagnostic[]> {
    const wait = this.waitForDiagnostics(uri);
    await this.open(uri, text, languageId);
    return wait;
  }

  request<R>(method: string, params: unknown, timeoutMs = 10_000): Promise<R> {
    return withTimeout(this.connection.sendRequest<R>(method, params), timeoutMs, method);
  }

  /** Sends shutdown + exit and resolves with the exit code. */
  async stop(timeoutMs = 5_000): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    try {
      await this.request('shutdown', null, timeoutMs);
      await this.connection.sendNotification('exit');
      return await withTimeout(this.exited, timeoutMs, 'exit');
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null) this.child.kill();
    }
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** Position of the first `needle` in `text` (UTF-16 columns), plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in text`);
  const o = i + delta;
  const before = text.slice(0, o);
  const line = before.split('\n').length - 1;
  return { line, character: o - (before.lastIndexOf('\n') + 1) };
}
