// "cdrlint: Show call status summary": a webview with the charts of summary-html.ts, following
// the active CDR file and updated as it changes.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { STATUS_NAMES } from '@cdrlint/core';
import { summaryHtml } from './summary-html.js';
import { fetchSummary } from './summary-source.js';
import type { Session } from './session.js';

export const SUMMARY_VIEW_TYPE = 'cdrlint.summary';

export class SummaryView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private doc: vscode.TextDocument | undefined;
  private generation = 0;

  constructor(private readonly session: () => Session) {}

  /** Opens (or reveals) the view for the active CDR document. */
  async open(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document ?? this.doc;
    if (!doc || !this.session().handles(doc)) {
      void vscode.window.showInformationMessage('cdrlint: open a CDR file (CSV, NDJSON or JSON) to see its call status summary.');
      return;
    }
    this.doc = doc;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(SUMMARY_VIEW_TYPE, 'Call status summary', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false, localResourceRoots: [] });
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else {
      this.panel.reveal(undefined, true);
    }
    await this.refresh();
  }

  /** Follows the active editor when it shows another CDR file. */
  follow(editor: vscode.TextEditor | undefined): void {
    if (!this.panel || !editor || !this.session().handles(editor.document)) return;
    if (editor.document !== this.doc) {
      this.doc = editor.document;
      void this.refresh();
    }
  }

  /** Redraws when the shown document changed. */
  changed(doc: vscode.TextDocument): void {
    if (this.panel && doc === this.doc) void this.refresh();
  }

  async refresh(): Promise<void> {
    const panel = this.panel;
    const doc = this.doc;
    if (!panel || !doc) return;
    const gen = ++this.generation;
    const summary = await fetchSummary(this.session().client, doc);
    if (gen !== this.generation || this.panel !== panel || summary === undefined) return;
    const fileName = vscode.workspace.asRelativePath(doc.uri);
    panel.title = `Call status summary: ${fileName.split('/').pop() ?? fileName}`;
    panel.webview.html = summaryHtml({ fileName, summary, cspSource: panel.webview.cspSource, nonce: randomBytes(16).toString('base64'), statuses: STATUS_NAMES });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
