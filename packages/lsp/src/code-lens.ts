// textDocument/codeLens: the status summary on the first line (calls, answer rate, problems).

import { summaryLine } from './core-service.js';
import type { CodeLens } from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import { Commands } from './protocol.js';

export function codeLenses(a: Analysis): CodeLens[] {
  if (!a.settings.enable || !a.result.isCdr) return [];
  let errors = 0;
  let warnings = 0;
  for (const d of a.result.diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  const title = summaryLine(a.result.summary, { errors, warnings });
  return [
    {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      command: { title, command: Commands.showSummary, arguments: [a.uri] },
    },
  ];
}
