// Status values coloured by family (ANSWERED / ABSENT / ERROR) with theme colours contributed in
// package.json (light, dark and high-contrast defaults). The ranges come from the server's
// `cdrlint/statusRanges` request for the visible part of the editor only, so a 100,000-row file
// costs what a screenful costs.

import * as vscode from 'vscode';
import { STATUS_NAMES } from '@cdrlint/core';
import { ResponseError } from 'vscode-languageclient/node';
import { statusColorId } from './colors.js';
import { STATUS_RANGES_METHOD, type StatusRange } from './protocol.js';
import type { Session } from './session.js';

const METHOD_NOT_FOUND = -32601;
/** Lines above and below the visible ones that are coloured too, so scrolling looks finished. */
const MARGIN_LINES = 100;

export class StatusDecorations implements vscode.Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>(
    STATUS_NAMES.map((s) => [s, vscode.window.createTextEditorDecorationType({ backgroundColor: new vscode.ThemeColor(statusColorId(s)), borderRadius: '2px' })]),
  );
  private unsupported = false;

  constructor(private readonly session: () => Session) {}

  private enabled(): boolean {
    return !this.unsupported && vscode.workspace.getConfiguration('cdrlint').get<boolean>('colorizeStatuses', true);
  }

  clear(editor: vscode.TextEditor): void {
    for (const type of this.types.values()) editor.setDecorations(type, []);
  }

  async update(editor: vscode.TextEditor): Promise<void> {
    const session = this.session();
    if (!this.enabled() || !session.handles(editor.document) || !session.client.isRunning()) {
      this.clear(editor);
      return;
    }
    const version = editor.document.version;
    const visible = editor.visibleRanges;
    const first = Math.max(0, (visible[0]?.start.line ?? 0) - MARGIN_LINES);
    const last = (visible[visible.length - 1]?.end.line ?? 0) + MARGIN_LINES;
    let ranges: StatusRange[] | null;
    try {
      ranges = await session.client.sendRequest<StatusRange[] | null>(STATUS_RANGES_METHOD, {
        uri: session.client.code2ProtocolConverter.asUri(editor.document.uri),
        range: { start: { line: first, character: 0 }, end: { line: last, character: 0 } },
      });
    } catch (e) {
      if (e instanceof ResponseError && e.code === METHOD_NOT_FOUND) {
        this.unsupported = true;
        session.client.info('The server does not offer cdrlint/statusRanges: status values are not coloured.');
      } else {
        session.client.warn('cdrlint/statusRanges failed', e, false);
      }
      this.clear(editor);
      return;
    }
    if (editor.document.version !== version) return; // stale: a newer update follows the edit
    const byStatus = new Map<string, vscode.Range[]>();
    for (const r of ranges ?? []) {
      const list = byStatus.get(r.status) ?? [];
      list.push(session.client.protocol2CodeConverter.asRange(r.range));
      byStatus.set(r.status, list);
    }
    for (const [status, type] of this.types) editor.setDecorations(type, byStatus.get(status) ?? []);
  }

  dispose(): void {
    for (const type of this.types.values()) type.dispose();
  }
}
