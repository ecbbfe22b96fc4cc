// Starts the bundled language server (dist/server.js) and connects vscode-languageclient to it.

import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { DIAGNOSTIC_SOURCE, PARSE_ERROR_RULE, SERVER_SHOW_SUMMARY_COMMAND } from './protocol.js';
import { documentSelector, type SelectorSettings } from './selector.js';

export function readSelectorSettings(): SelectorSettings {
  const config = vscode.workspace.getConfiguration('cdrlint');
  return {
    files: config.get<string[]>('files', []),
    detectByContent: config.get<boolean>('detectByContent', true),
  };
}

/**
 * VS Code's JSON support already reports JSON syntax errors; ours would show each twice. Dropped
 * only for `json` documents and only while VS Code's JSON validation is on.
 */
function dropDuplicateJsonErrors(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (doc?.languageId !== 'json') return diagnostics;
  if (!vscode.workspace.getConfiguration('json', doc).get<boolean>('validate.enable', true)) return diagnostics;
  return diagnostics.filter((d) => !(d.source === DIAGNOSTIC_SOURCE && ruleId(d) === PARSE_ERROR_RULE));
}

/** The rule id: a diagnostic with a documentation link carries its code as `{ value, target }`. */
function ruleId(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

const middleware = (hooks: ClientHooks): Middleware => ({
  // The summary CodeLens runs the server's command, which only returns data: VS Code shows the view.
  async executeCommand(command, args, next) {
    if (command === SERVER_SHOW_SUMMARY_COMMAND) return hooks.showSummary();
    return next(command, args);
  },
  handleDiagnostics(uri, diagnostics, next) {
    next(uri, dropDuplicateJsonErrors(uri, diagnostics));
  },
  async provideDiagnostics(document, previousResultId, token, next) {
    const report = await next(document, previousResultId, token);
    if (report && report.kind === 'full') {
      const uri = document instanceof vscode.Uri ? document : document.uri;
      return { ...report, items: dropDuplicateJsonErrors(uri, report.items) };
    }
    return report;
  },
});

export interface ClientHooks {
  showSummary(): Promise<void>;
  /** Watches cdrlint.config.json files; owned by the extension, so restarts reuse it. */
  configWatcher: vscode.FileSystemWatcher;
}

export function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, hooks: ClientHooks): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(readSelectorSettings()),
    outputChannel: output,
    // The server reads `cdrlint.*` with workspace/configuration; this also tells it when they change.
    synchronize: {
      configurationSection: 'cdrlint',
      fileEvents: hooks.configWatcher,
    },
    middleware: middleware(hooks),
  };
  // The id 'cdrlint' makes the client read `cdrlint.trace.server` for its message trace.
  return new LanguageClient('cdrlint', 'cdrlint', serverOptions, clientOptions);
}
