// Asks the server for a document's status summary and problem counts; shared by the status bar
// and the summary view.

import * as vscode from 'vscode';
import { ErrorCodes, LSPErrorCodes, ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import { DIAGNOSTIC_SOURCE, SUMMARY_METHOD, type StatusSummary } from './protocol.js';
import type { ProblemCounts } from './status-bar-text.js';

/** The summary, null when the document is not a CDR file, undefined when the answer was
 * overtaken by an edit (keep what is shown: a newer update follows). */
export async function fetchSummary(client: LanguageClient, doc: vscode.TextDocument): Promise<StatusSummary | null | undefined> {
  if (!client.isRunning()) return null;
  try {
    return await client.sendRequest<StatusSummary | null>(SUMMARY_METHOD, { uri: client.code2ProtocolConverter.asUri(doc.uri) });
  } catch (e) {
    if (e instanceof ResponseError && (e.code === LSPErrorCodes.ContentModified || e.code === LSPErrorCodes.RequestCancelled || e.code === ErrorCodes.PendingResponseRejected)) {
      return undefined;
    }
    client.warn(`cdrlint/summary failed for ${doc.uri.toString()}`, e, false);
    return null;
  }
}

export function problemCounts(uri: vscode.Uri): ProblemCounts {
  let errors = 0;
  let warnings = 0;
  for (const d of vscode.languages.getDiagnostics(uri)) {
    if (d.source !== DIAGNOSTIC_SOURCE) continue;
    if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
  }
  return { errors, warnings };
}

/** Calls `fn` once `ms` after the last call (typing must not flood the server with requests). */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wrapped = (...args: A): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
  wrapped.cancel = () => {
    if (timer) clearTimeout(timer);
  };
  return wrapped;
}
