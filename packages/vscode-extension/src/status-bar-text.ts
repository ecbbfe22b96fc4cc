// Text of the status bar item. Pure, unit-tested.

import type { StatusSummary } from './protocol.js';

export interface ProblemCounts {
  errors: number;
  warnings: number;
}

export function percent(rate: number | null): string {
  return rate === null ? 'n/a' : `${Math.round(rate * 1000) / 10}%`;
}

export function statusBarText(summary: StatusSummary, problems: ProblemCounts): string {
  const calls = `${summary.records} ${summary.records === 1 ? 'call' : 'calls'}`;
  const rate = summary.answerRate === null ? '' : ` · ${percent(summary.answerRate)} answered`;
  return `$(graph) ${calls}${rate} · $(error) ${problems.errors} $(warning) ${problems.warnings}`;
}

export function statusBarTooltip(summary: StatusSummary, problems: ProblemCounts): string {
  return [
    `cdrlint: ${summary.records} records, ${summary.classified} with a known status`,
    `Answer rate: ${percent(summary.answerRate)}`,
    `Problems: ${problems.errors} errors, ${problems.warnings} warnings`,
    'Click for the call status summary',
  ].join('\n');
}
