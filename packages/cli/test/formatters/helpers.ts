// Hand-built diagnostics and results for formatter tests (no core needed).
import type { Diagnostic, Severity } from '@cdrlint/core';
import type { FileResult, FormatContext } from '../../src/results.js';

export function diag(
  ruleId: string,
  severity: Severity,
  message: string,
  [line, column, offset]: [number, number, number],
  length: number,
  fixText?: string,
): Diagnostic {
  const d: Diagnostic = {
    ruleId,
    severity,
    message,
    range: {
      start: { offset, line, column },
      end: { offset: offset + length, line, column: column + length },
    },
  };
  if (fixText !== undefined) {
    d.fix = { title: `Change to '${fixText}'`, edits: [{ start: offset, end: offset + length, text: fixText }] };
  }
  return d;
}

export function result(displayPath: string, diagnostics: Diagnostic[], extra: Partial<FileResult> = {}): FileResult {
  return {
    filePath: `/work/project/${displayPath}`,
    displayPath,
    format: 'csv',
    records: 4,
    summary: {
      records: 4,
      classified: 4,
      statuses: { ANSWERED: 2, ABSENT: 1, ERROR: 1 },
      subStatuses: { 'ANSWERED/COMPLETE': 1, 'ANSWERED/INCOMPLETE': 1, 'ABSENT/NO_ANSWER': 1, 'ERROR/BLACKLISTED': 1 },
      resultCodes: { HANGUP: 2 },
      answerRate: 0.5,
    },
    diagnostics,
    ...extra,
  };
}

export const ctx: FormatContext = {
  cwd: '/work/project',
  color: false,
  showSummary: false,
  toolVersion: '0.1.0',
  informationUri: 'https://example.invalid/cdrlint',
  rules: [
    { id: 'unknown-status', description: 'Status not in the taxonomy.', defaultSeverity: 'error', docsUrl: 'https://example.invalid/rules#unknown-status' },
    { id: 'status-case', description: 'Right value, wrong case.', defaultSeverity: 'warning', docsUrl: 'https://example.invalid/rules#status-case' },
    { id: 'mixed-notation', description: 'Mixed notations.', defaultSeverity: 'off', docsUrl: 'https://example.invalid/rules#mixed-notation' },
    { id: 'duration-mismatch', description: 'Duration differs.', defaultSeverity: 'info', docsUrl: 'https://example.invalid/rules#duration-mismatch' },
  ],
  fixMode: 'none',
};

/** A file with an error, a fixable warning and an info, over two lines. */
export const sample: FileResult[] = [
  result('calls/a.csv', [
    diag('unknown-status', 'error', "Unknown status 'ANSWERD'. Did you mean 'ANSWERED'?", [1, 150, 300], 7),
    diag('status-case', 'warning', "Status 'answered' should be written 'ANSWERED'.", [12, 4, 2100], 8, 'ANSWERED'),
    diag('duration-mismatch', 'info', 'duration 30 differs from hangup - start (32 s).', [12, 60, 2156], 2),
  ]),
  result('calls/clean.csv', []),
];
