// What the server announces, given what the client can do.

import {
  CodeActionKind,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type InitializeResult,
} from 'vscode-languageserver';
import { COMMANDS } from './commands.js';
import { TRIGGER_CHARACTERS } from './completion.js';
import type { PositionEncoding } from './positions.js';
import { FIX_ALL_KIND } from './protocol.js';

export const SERVER_NAME = 'cdrlint-lsp';
export const SERVER_VERSION = '0.1.0';

/** Pull diagnostics when the client supports textDocument/diagnostic (then nothing is pushed). */
export function clientPullsDiagnostics(caps: ClientCapabilities): boolean {
  return caps.textDocument?.diagnostic !== undefined;
}

export function serverCapabilities(caps: ClientCapabilities, encoding: PositionEncoding): InitializeResult {
  return {
    capabilities: {
      positionEncoding: encoding,
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      codeLensProvider: { resolveProvider: false },
      documentSymbolProvider: true,
      executeCommandProvider: { commands: COMMANDS },
      diagnosticProvider: clientPullsDiagnostics(caps)
        ? { identifier: 'cdrlint', interFileDependencies: false, workspaceDiagnostics: false }
        : undefined,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
  };
}
