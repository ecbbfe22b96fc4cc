// Wiring only: creates the stores on initialize and binds each LSP message to a feature
// function, every one wrapped by runSafe (see runner.ts).

import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ExecuteCommandRequest,
  LSPErrorCodes,
  ResponseError,
  type DiagnosticServerCancellationData,
  type Connection,
  type DocumentDiagnosticReport,
  type InitializeParams,
} from 'vscode-languageserver';
import { Analyzer, Stale, type ProgressFactory } from './analysis.js';
import { clientPullsDiagnostics, serverCapabilities } from './capabilities.js';
import { codeActions } from './code-actions.js';
import { codeLenses } from './code-lens.js';
import { COMMANDS, checkWorkspace, showSummary } from './commands.js';
import { completion } from './completion.js';
import { ConfigFiles, isConfigUri } from './config-files.js';
import type { ServerContext } from './context.js';
import { diagnosticOptions, diagnosticsOf } from './diagnostics.js';
import { DocumentStore } from './documents.js';
import { hover } from './hover.js';
import { negotiateEncoding } from './positions.js';
import { Commands, StatusRangesRequest, SummaryRequest } from './protocol.js';
import { statusRanges } from './status-ranges.js';
import { runSafe, runSafeNotification } from './runner.js';
import { SettingsStore } from './settings.js';
import { symbols } from './symbols.js';
import { Validator } from './validation.js';
import { reportConfigErrors } from './config-report.js';

export function startServer(connection: Connection): void {
  const log = (m: string): void => connection.console.error(m);
  let ctx: ServerContext | undefined;
  let validator: Validator | undefined;

  connection.onInitialize((params: InitializeParams) => {
    const caps = params.capabilities;
    const encoding = negotiateEncoding(caps.general?.positionEncodings);
    const docs = new DocumentStore(() => encoding);
    const settings = new SettingsStore(connection, caps.workspace?.configuration === true);
    const configs = new ConfigFiles((uri) => docs.get(uri)?.getText());
    const progress: ProgressFactory = async (title) => {
      if (!caps.window?.workDoneProgress) return undefined;
      const r = await connection.window.createWorkDoneProgress().catch(() => undefined);
      if (!r) return undefined;
      r.begin(title, 0, undefined, false);
      return { report: (p, m) => (m === undefined ? r.report(Math.min(100, p)) : r.report(Math.min(100, p), m)), done: () => r.done() };
    };
    const folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders.push(params.rootUri);
    ctx = {
      connection,
      caps,
      encoding,
      docs,
      settings,
      configs,
      analyzer: new Analyzer(docs, settings, configs, progress),
      folders,
      pullDiagnostics: clientPullsDiagnostics(caps),
      log,
    };
    validator = new Validator(ctx);
    return serverCapabilities(caps, encoding);
  });

  connection.onInitialized(() =>
    runSafeNotification(log, 'initialized', async () => {
      if (!ctx) return;
      if (ctx.caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'cdrlint' });
      }
      if (ctx.caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/cdrlint.config.json' }] });
      }
      if (ctx.caps.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders((e) => {
          if (!ctx) return;
          ctx.folders = ctx.folders.filter((f) => !e.removed.some((r) => r.uri === f)).concat(e.added.map((a) => a.uri));
        });
      }
    }),
  );

  /** Settings or config files changed: re-check every open document. */
  const recheckAll = (): void => {
    if (!ctx) return;
    if (ctx.pullDiagnostics) {
      if (ctx.caps.workspace?.diagnostics?.refreshSupport) void Promise.resolve(connection.languages.diagnostics.refresh()).catch(() => undefined);
    } else validator?.scheduleAll();
    if (ctx.caps.workspace?.codeLens?.refreshSupport) void connection.sendRequest('workspace/codeLens/refresh').then(undefined, () => undefined);
  };

  connection.onDidOpenTextDocument((p) =>
    runSafeNotification(log, 'didOpen', () => {
      if (!ctx) return;
      ctx.docs.open(p);
      if (isConfigUri(p.textDocument.uri)) {
        ctx.configs.invalidate();
        recheckAll();
      }
      validator?.schedule(p.textDocument.uri, 0);
    }),
  );
  connection.onDidChangeTextDocument((p) =>
    runSafeNotification(log, 'didChange', () => {
      if (!ctx || !ctx.docs.change(p)) return;
      if (isConfigUri(p.textDocument.uri)) {
        ctx.configs.invalidate();
        recheckAll();
      }
      validator?.schedule(p.textDocument.uri);
    }),
  );
  connection.onDidCloseTextDocument((p) =>
    runSafeNotification(log, 'didClose', () => {
      if (!ctx) return;
      const uri = p.textDocument.uri;
      ctx.docs.close(p);
      ctx.analyzer.forget(uri);
      ctx.settings.forget(uri);
      validator?.cancel(uri);
      if (!ctx.pullDiagnostics) connection.sendDiagnostics({ uri, diagnostics: [] });
    }),
  );
  connection.onDidChangeConfiguration((p) =>
    runSafeNotification(log, 'didChangeConfiguration', () => {
      ctx?.settings.changed(p.settings);
      recheckAll();
    }),
  );
  connection.onDidChangeWatchedFiles((p) =>
    runSafeNotification(log, 'didChangeWatchedFiles', () => {
      if (!ctx || !p.changes.some((c) => isConfigUri(c.uri))) return;
      ctx.configs.invalidate();
      recheckAll();
    }),
  );

  // Features. Each reads the analysis of the document's current version.
  const withAnalysis = <T>(name: string, fallback: T, uri: string, token: Parameters<typeof runSafe>[3], fn: (a: Awaited<ReturnType<Analyzer['analyze']>>) => T | Promise<T>) =>
    runSafe(log, name, fallback, token, async () => {
      // An edit during the analysis makes it stale: answer for the newest version instead (an
      // empty answer would, e.g., leave the CodeLens blank until the next edit).
      for (let attempt = 0; ; attempt++) {
        if (!ctx || !ctx.docs.get(uri) || token?.isCancellationRequested) return fallback;
        try {
          return await fn(await ctx.analyzer.analyze(uri, token));
        } catch (e) {
          if (!(e instanceof Stale) || attempt >= 3) throw e;
        }
      }
    });

  connection.languages.diagnostics.on((p, token) =>
    runSafe<DocumentDiagnosticReport>(log, 'diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] }, token, async () => {
      const doc = ctx?.docs.get(p.textDocument.uri);
      if (!ctx || !doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const a = await ctx.analyzer.analyze(doc.uri, token).catch((e: unknown) => {
        // The document moved on: ask the client to pull again (LSP 3.17 DiagnosticServerCancellationData).
        if (e instanceof Stale && !token.isCancellationRequested) {
          throw new ResponseError<DiagnosticServerCancellationData>(LSPErrorCodes.ServerCancelled, 'Content modified', { retriggerRequest: true });
        }
        throw e;
      });
      reportConfigErrors(ctx, a);
      // The same opening, version and effective settings as the report the client holds: the
      // same items (a refresh after a settings change for other files, a pull on save), so they
      // are not sent again.
      if (p.previousResultId === a.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: a.resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: a.resultId, items: diagnosticsOf(a, ctx.docs.positions(doc), diagnosticOptions(ctx.caps)) };
    }),
  );
  // Malformed params (null, missing textDocument) get the empty answer, not an internal error.
  const uriOf = (p: unknown): string => {
    const uri = (p as { textDocument?: { uri?: unknown } } | null)?.textDocument?.uri;
    return typeof uri === 'string' ? uri : '';
  };
  connection.onHover((p, token) => withAnalysis('hover', null, uriOf(p), token, (a) => hover(ctx!, a, p)));
  connection.onCompletion((p, token) => withAnalysis('completion', null, uriOf(p), token, (a) => completion(ctx!, a, p)));
  connection.onCodeAction((p, token) => withAnalysis('codeAction', [], uriOf(p), token, (a) => codeActions(ctx!, a, p)));
  connection.onCodeLens((p, token) => withAnalysis('codeLens', [], uriOf(p), token, (a) => codeLenses(a)));
  connection.onDocumentSymbol((p, token) => withAnalysis('documentSymbol', [], uriOf(p), token, (a) => symbols(ctx!, a)));
  const summary = async (uri: string) => {
    if (!ctx || !ctx.docs.get(uri)) return null;
    const a = await ctx.analyzer.analyze(uri);
    return a.settings.enable && a.result.isCdr ? a.result.summary : null;
  };
  connection.onRequest(SummaryRequest, (p, token) =>
    runSafe(log, 'cdrlint/summary', null, token, () => (p && typeof p.uri === 'string' ? summary(p.uri) : null)),
  );
  connection.onRequest(StatusRangesRequest, (p, token) =>
    withAnalysis('cdrlint/statusRanges', null, typeof p?.uri === 'string' ? p.uri : '', token, (a) => {
      const doc = ctx!.docs.get(a.uri);
      return doc ? statusRanges(a, ctx!.docs.positions(doc), p.range) : null;
    }),
  );
  // onRequest, not onExecuteCommand: the latter strips params.workDoneToken before the handler sees it.
  connection.onRequest(ExecuteCommandRequest.type, (p, token) =>
    runSafe<unknown>(log, 'executeCommand', null, token, () => {
      if (!ctx || !COMMANDS.includes(p.command as (typeof COMMANDS)[number])) return null;
      if (p.command === Commands.checkWorkspace) return checkWorkspace(ctx, p, token);
      return showSummary(ctx, p.arguments?.[0], summary);
    }),
  );

  connection.onShutdown(() => {
    for (const d of ctx?.docs.all() ?? []) validator?.cancel(d.uri);
  });
  connection.listen();
}
