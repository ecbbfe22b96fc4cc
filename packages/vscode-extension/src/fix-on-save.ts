// `cdrlint.fixAllOnSave`: on save, the server's "fix all" code action (source.fixAll.cdrlint)
// is asked for and its edits are applied as part of the save.

import * as vscode from 'vscode';
import { FIX_ALL_KIND } from './protocol.js';
import type { Session } from './session.js';

async function fixAllEdits(doc: vscode.TextDocument): Promise<vscode.TextEdit[]> {
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, whole, FIX_ALL_KIND);
  for (const action of actions ?? []) {
    // Commands carry no edit; of the code actions, only our fix-all one is applied.
    if (!('kind' in action) || action.kind?.value !== FIX_ALL_KIND || !action.edit) continue;
    return action.edit.get(doc.uri);
  }
  return [];
}

export function registerFixAllOnSave(session: () => Session): vscode.Disposable {
  return vscode.workspace.onWillSaveTextDocument((e) => {
    if (e.reason !== vscode.TextDocumentSaveReason.Manual) return;
    if (!vscode.workspace.getConfiguration('cdrlint', e.document).get<boolean>('fixAllOnSave', false)) return;
    if (!session().handles(e.document)) return;
    e.waitUntil(fixAllEdits(e.document));
  });
}
