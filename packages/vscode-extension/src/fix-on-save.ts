// `cdrlint.fixAllOnSave`: on save, the server's "fix all" code action (source.fixAll.cdrlint)
// is asked for and its edits are applied as part of the save.

import * as vscode from 'vscode';
import { CodeActionRequest, type CodeAction, type Command } from 'vscode-languageclient/node';
import { FIX_ALL_KIND } from './protocol.js';
import type { Session } from './session.js';

/**
 * Asked of the server itself, not through vscode.executeCodeActionProvider: VS Code drops the
 * answers of that command when the document or its set of code action providers changes
 * meanwhile. In both CI failures of the VS Code test, TypeScript's extension started during the
 * save, and the save went without its fixes and without an error. One request to the server
 * also skips the round trips through the workbench, within VS Code's 1.5 s budget for the
 * extensions' save participants.
 */
async function fixAllEdits(session: Session, doc: vscode.TextDocument): Promise<vscode.TextEdit[]> {
  const { client } = session;
  if (!client.isRunning()) return [];
  let actions: (CodeAction | Command)[] | null;
  try {
    actions = await client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: client.code2ProtocolConverter.asUri(doc.uri) },
      range: client.code2ProtocolConverter.asRange(new vscode.Range(new vscode.Position(0, 0), doc.lineAt(doc.lineCount - 1).range.end)),
      context: { diagnostics: [], only: [FIX_ALL_KIND] },
    });
  } catch (e) {
    client.warn('fix all on save: the code action request failed', e, false);
    return [];
  }
  for (const action of actions ?? []) {
    // Commands carry no edit; of the code actions, only our fix-all one is applied.
    if (!('kind' in action) || action.kind !== FIX_ALL_KIND || !action.edit) continue;
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(action.edit);
    return edit.get(doc.uri);
  }
  return [];
}

export function registerFixAllOnSave(session: () => Session): vscode.Disposable {
  return vscode.workspace.onWillSaveTextDocument((e) => {
    if (e.reason !== vscode.TextDocumentSaveReason.Manual) return;
    if (!vscode.workspace.getConfiguration('cdrlint', e.document).get<boolean>('fixAllOnSave', false)) return;
    const s = session();
    if (!s.handles(e.document)) return;
    e.waitUntil(fixAllEdits(s, e.document));
  });
}
