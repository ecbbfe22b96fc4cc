// What the editor features share: the running client and which documents it handles.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export interface Session {
  readonly client: LanguageClient;
  /** Whether the document is one the client sends to the server. */
  handles(doc: vscode.TextDocument): boolean;
}

export function sessionOf(client: LanguageClient): Session {
  return {
    client,
    handles(doc) {
      const selector = client.clientOptions.documentSelector;
      return selector !== undefined && vscode.languages.match(selector as vscode.DocumentSelector, doc) > 0;
    },
  };
}
