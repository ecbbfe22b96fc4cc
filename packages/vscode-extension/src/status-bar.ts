// Status bar item for the active CDR file: calls, answer rate, problems. Click: summary view.

import * as vscode from 'vscode';
import { fetchSummary, problemCounts } from './summary-source.js';
import { statusBarText, statusBarTooltip } from './status-bar-text.js';
import type { Session } from './session.js';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cdrlint.status', vscode.StatusBarAlignment.Right, 100);
  private generation = 0;

  constructor(private readonly session: () => Session) {
    this.item.name = 'cdrlint';
    this.item.command = 'cdrlint.openSummary';
  }

  /** Shows the active editor's figures, or hides the item when it is not a CDR file. */
  async update(): Promise<void> {
    const gen = ++this.generation;
    const doc = vscode.window.activeTextEditor?.document;
    const enabled = vscode.workspace.getConfiguration('cdrlint').get<boolean>('statusBar', true);
    const summary = enabled && doc && this.session().handles(doc) ? await fetchSummary(this.session().client, doc) : null;
    if (gen !== this.generation || summary === undefined) return; // a newer update is under way
    void vscode.commands.executeCommand('setContext', 'cdrlint.activeIsCdr', summary !== null);
    if (!doc || summary === null) {
      this.item.hide();
      return;
    }
    const problems = problemCounts(doc.uri);
    this.item.text = statusBarText(summary, problems);
    this.item.tooltip = statusBarTooltip(summary, problems);
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
