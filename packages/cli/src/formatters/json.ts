// ESLint's JSON formatter shape (an array of per-file results), plus cdrlint's `format`,
// `records` and `summary` per file. Lines and columns are 1-based, columns in UTF-16 code
// units, end exclusive; `fix.range` holds offsets into the decoded text, as in ESLint.
import type { Diagnostic, Fix, StatusSummary } from '@cdrlint/core';
import { formatWith, numericSeverity, type Counts, type FileInfo, type FileResult, type FormatContext, type WriterFactory } from '../results.js';

export interface JsonFix {
  range: [number, number];
  text: string;
}

export interface JsonMessage {
  ruleId: string;
  severity: 0 | 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: JsonFix;
  suggestions?: { desc: string; fix: JsonFix }[];
}

export interface JsonFileResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: never[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  fixableInfoCount: number;
  format: string | null;
  records: number;
  summary: StatusSummary | null;
  output?: string;
}

/**
 * ESLint's fix is one replacement. A core Fix may hold several edits; they can be expressed as
 * one only when they touch each other, since the text between them is not kept while streaming.
 */
function toJsonFix(fix: Fix | undefined): JsonFix | undefined {
  if (!fix || fix.edits.length === 0) return undefined;
  const edits = [...fix.edits].sort((a, b) => a.start - b.start);
  for (let i = 1; i < edits.length; i++) if (edits[i]!.start !== edits[i - 1]!.end) return undefined;
  return { range: [edits[0]!.start, edits[edits.length - 1]!.end], text: edits.map((e) => e.text).join('') };
}

export function toJsonMessage(d: Diagnostic): JsonMessage {
  const m: JsonMessage = {
    ruleId: d.ruleId,
    severity: numericSeverity(d.severity),
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.column + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.column + 1,
  };
  const fix = toJsonFix(d.fix);
  if (fix) m.fix = fix;
  const suggestions = (d.suggestions ?? []).flatMap((s) => {
    const f = toJsonFix(s);
    return f ? [{ desc: s.title, fix: f }] : [];
  });
  if (suggestions.length > 0) m.suggestions = suggestions;
  return m;
}

/** The file's fields after `messages`, in ESLint's order. */
function fileTail(r: FileInfo, c: Counts): Omit<JsonFileResult, 'filePath' | 'messages'> {
  const out: Omit<JsonFileResult, 'filePath' | 'messages'> = {
    suppressedMessages: [],
    errorCount: c.errorCount,
    fatalErrorCount: 0,
    warningCount: c.warningCount,
    infoCount: c.infoCount,
    fixableErrorCount: c.fixableErrorCount,
    fixableWarningCount: c.fixableWarningCount,
    fixableInfoCount: c.fixableInfoCount,
    format: r.format,
    records: r.records,
    summary: r.summary,
  };
  if (r.output !== undefined) out.output = r.output;
  return out;
}

/**
 * Writes what `JSON.stringify(results)` would, a message at a time: the file's counts come after
 * its messages, so nothing has to be held.
 */
export const createWriter: WriterFactory = (_ctx, write) => {
  let files = 0;
  let messages = 0;
  return {
    beginFile(file) {
      write(`${files++ === 0 ? '[' : ','}{"filePath":${JSON.stringify(file.filePath)},"messages":[`);
      messages = 0;
    },
    message(d) {
      write((messages++ === 0 ? '' : ',') + JSON.stringify(toJsonMessage(d)));
    },
    endFile(file, counts) {
      write(`],${JSON.stringify(fileTail(file, counts)).slice(1)}`);
    },
    end() {
      write(files === 0 ? '[]\n' : ']\n');
    },
  };
};

export function format(results: readonly FileResult[], ctx: FormatContext): string {
  return formatWith(createWriter, results, ctx);
}
