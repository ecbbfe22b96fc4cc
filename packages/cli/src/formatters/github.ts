// GitHub Actions workflow commands: one `::error|warning|notice file=…::message` line per
// diagnostic, so problems show as annotations on the pull request.
import type { Severity } from '@cdrlint/core';
import { summaryBlock } from '../summary.js';
import { formatWith, type FileInfo, type FileResult, type FormatContext, type WriterFactory } from '../results.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escaping of a command's message, as GitHub's toolkit (escapeData) does it. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a property value (escapeProperty): also `:` and `,`, which separate properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const createWriter: WriterFactory = (ctx, write) => {
  const files: FileInfo[] = [];
  let file = '';
  return {
    beginFile(f) {
      file = escapeProperty(f.displayPath);
    },
    message(d) {
      const props = [
        `file=${file}`,
        `line=${d.range.start.line + 1}`,
        `col=${d.range.start.column + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `endColumn=${d.range.end.column + 1}`,
        `title=${escapeProperty(d.ruleId)}`,
      ];
      write(`::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(d.message)}\n`);
    },
    endFile(f) {
      files.push(f);
    },
    end() {
      // The summary is plain log text: GitHub prints lines that are not commands as they are.
      if (ctx.showSummary) write(summaryBlock(files));
    },
  };
};

export function format(results: readonly FileResult[], ctx: FormatContext): string {
  return formatWith(createWriter, results, ctx);
}
