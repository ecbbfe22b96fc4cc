#!/usr/bin/env node
// The floor of the language-server figures: a server that keeps each document, as any server
// must, and checks nothing. bench/lsp.mjs drives it with the same client, file and edits as
// cdrlint's server, so its times and memory are what stdio JSON-RPC in Node costs before a
// single rule runs. Built on vscode-languageserver, as the real server is.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let pull = false;

// One fixed diagnostic: the client waits for a message with diagnostics, not for their content.
const diagnostics = () => [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, message: 'floor', severity: 1, source: 'null-server' }];

connection.onInitialize((params) => {
  pull = params.capabilities.textDocument?.diagnostic !== undefined;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: {},
      ...(pull ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
    },
  };
});
documents.onDidChangeContent(({ document }) => {
  if (!pull) connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: diagnostics() });
});
connection.languages.diagnostics.on(() => ({ kind: 'full', items: diagnostics() }));
connection.onHover(() => ({ contents: { kind: 'markdown', value: 'floor' } }));
connection.onCompletion(() => [{ label: 'floor' }]);
documents.listen(connection);
connection.listen();
