// A broken cdrlint.config.json is reported where the user can act on it: diagnostics on the
// config file itself (with positions) and one warning message per change; checking goes on with
// the usable parts and defaults.

import { DiagnosticSeverity, MessageType } from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import type { ServerContext } from './context.js';
import { SOURCE } from './diagnostics.js';

const reported = new WeakMap<ServerContext, Map<string, { key: string; errors: number }>>();

export function reportConfigErrors(ctx: ServerContext, a: Analysis): void {
  const uri = a.config.uri;
  if (!uri) return;
  let seen = reported.get(ctx);
  if (!seen) reported.set(ctx, (seen = new Map()));
  const key = `${ctx.configs.generation}:${a.config.errors.map((e) => `${e.offset}:${e.message}`).join('|')}`;
  const before = seen.get(uri);
  if (before?.key === key) return;
  seen.set(uri, { key, errors: a.config.errors.length });
  if (a.config.errors.length === 0) {
    if (before && before.errors > 0) ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
    return;
  }
  const open = ctx.docs.get(uri);
  const diagnostics = a.config.errors.map((e) => {
    const start = open ? ctx.docs.positions(open).position(e.offset) : { line: e.line, character: e.column };
    return { range: { start, end: start }, severity: DiagnosticSeverity.Error, source: SOURCE, code: 'config', message: e.message };
  });
  ctx.connection.sendDiagnostics({ uri, diagnostics });
  const first = a.config.errors[0];
  ctx.connection.sendNotification('window/showMessage', {
    type: MessageType.Warning,
    message: `cdrlint: ${uri.slice(uri.lastIndexOf('/') + 1)} has ${a.config.errors.length} problem(s) (first at line ${first.line + 1}, column ${first.column + 1}: ${first.message}); using defaults for the broken parts.`,
  });
}
