// GitHub Actions workflow commands: one `::error|warning|notice file=…::message` line per
// diagnostic, so problems show as annotations on the pull request.
import type { Severity } from '@cdrlint/core';
import { summaryBlock } from '../summary.js';
import type { FileResult, FormatContext } from '../results.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escaping of a command's message, as GitHub's toolkit (escapeData) does it. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a property value (escapeProperty): also `:` and `,`, which separate properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function format(results: readonly FileResult[], ctx: FormatContext): string {
  let out = '';
  for (const r of results) {
    for (const d of r.diagnostics) {
      const props = [
        `file=${escapeProperty(r.displayPath)}`,
        `line=${d.range.start.line + 1}`,
        `col=${d.range.start.column + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `endColumn=${d.range.end.column + 1}`,
        `title=${escapeProperty(d.ruleId)}`,
      ];
      out += `::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(d.message)}\n`;
    }
  }
  // The summary is plain log text: GitHub prints lines that are not commands as they are.
  if (ctx.showSummary) out += summaryBlock(results);
  return out;
}
