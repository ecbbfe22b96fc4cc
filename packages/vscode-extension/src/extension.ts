// cdrlint for VS Code: a thin client of the cdrlint language server (bundled as dist/server.js)
// plus the editor-only parts: status colours, status bar item, summary view, fix all on save.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client.js';
import { StatusDecorations } from './decorations.js';
import { registerFixAllOnSave } from './fix-on-save.js';
import { CDR_LANGUAGES } from './selector.js';
import { sessionOf, type Session } from './session.js';
import { StatusBar } from './status-bar.js';
import { debounce } from './summary-source.js';
import { SummaryView } from './summary-view.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('cdrlint');
  context.subscriptions.push(output);
  void vscode.commands.executeCommand('setContext', 'cdrlint.languages', CDR_LANGUAGES);

  let session: Session;
  const current = (): Session => session;
  const summaryView = new SummaryView(current);
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/cdrlint.config.json');
  context.subscriptions.push(configWatcher);

  const start = async (): Promise<void> => {
    client = createClient(context, output, { showSummary: () => summaryView.open(), configWatcher });
    session = sessionOf(client);
    try {
      await client.start();
    } catch (e) {
      output.appendLine(`cdrlint: the language server did not start: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage('cdrlint: the language server did not start. See the cdrlint output.', 'Show output').then((pick) => pick && output.show());
    }
  };
  await start();

  const statusBar = new StatusBar(current);
  const decorations = new StatusDecorations(current);
  context.subscriptions.push(statusBar, decorations, summaryView, registerFixAllOnSave(current));

  const refreshEditors = (): void => {
    for (const editor of vscode.window.visibleTextEditors) void decorations.update(editor);
    void statusBar.update();
  };
  const onChange = debounce(refreshEditors, 250);
  const onScroll = debounce((editor: vscode.TextEditor) => void decorations.update(editor), 100);

  const restart = async (): Promise<void> => {
    await client?.stop().catch(() => undefined);
    await start();
    refreshEditors();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('cdrlint.openSummary', () => summaryView.open()),
    vscode.commands.registerCommand('cdrlint.restartServer', restart),
    vscode.commands.registerCommand('cdrlint.showOutput', () => output.show()),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      summaryView.follow(editor);
      onChange();
    }),
    vscode.window.onDidChangeTextEditorVisibleRanges((e) => onScroll(e.textEditor)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length === 0) return;
      summaryView.changed(e.document);
      onChange();
    }),
    // Diagnostics arrive after each validation: the moment the server's view of the file is new.
    vscode.languages.onDidChangeDiagnostics(() => onChange()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('cdrlint.files') || e.affectsConfiguration('cdrlint.detectByContent')) void restart();
      else if (e.affectsConfiguration('cdrlint')) refreshEditors();
    }),
    { dispose: () => onChange.cancel() },
  );
  refreshEditors();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
