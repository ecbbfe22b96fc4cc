// One-line text of a file's status summary (CodeLens, status bars). Pure.

import type { StatusSummary } from '../types.js';

export interface ProblemCounts {
  errors: number;
  warnings: number;
}

/** "1,234 calls · answer rate 61.2% · 3 errors, 1 warning" */
export function summaryLine(summary: StatusSummary, problems?: ProblemCounts): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  const plural = (x: number, word: string): string => `${n(x)} ${word}${x === 1 ? '' : 's'}`;
  const parts = [plural(summary.records, 'call')];
  parts.push(summary.answerRate === null ? 'answer rate n/a' : `answer rate ${(summary.answerRate * 100).toFixed(1)}%`);
  if (problems) {
    parts.push(problems.errors === 0 && problems.warnings === 0 ? 'no problems' : `${plural(problems.errors, 'error')}, ${plural(problems.warnings, 'warning')}`);
  }
  return parts.join(' · ');
}
