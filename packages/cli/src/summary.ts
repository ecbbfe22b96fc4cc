// The per-file status summary (--summary): counts per status and sub-status, result codes and
// answer rate, as plain text lines, plus a total over several files.
import { mergeSummaries, RESULT_CODES, STATUSES, type StatusSummary } from '@cdrlint/core';
import type { FileInfo } from './results.js';

/** Taxonomy order (ANSWERED, ABSENT, ERROR and their sub-statuses), then anything else by name. */
const TAXONOMY_ORDER = new Map<string, number>(
  [
    ...STATUSES.flatMap((s) => [s.name, ...s.subStatuses.map((sub) => `${s.name}/${sub.name}`)]),
    ...RESULT_CODES.map((r) => r.name),
  ].map((key, i) => [key, i]),
);

function ordered(counts: Record<string, number>): [string, number][] {
  const rank = (key: string) => TAXONOMY_ORDER.get(key) ?? Number.MAX_SAFE_INTEGER;
  return Object.entries(counts).sort((a, b) => rank(a[0]) - rank(b[0]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export function formatRate(rate: number | null): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`;
}

/** Lines describing one summary, indented by two spaces. */
export function summaryLines(s: StatusSummary): string[] {
  const lines: string[] = [];
  const unclassified = s.records - s.classified;
  lines.push(
    `  ${s.records} record${s.records === 1 ? '' : 's'}, ${s.classified} classified` +
      (unclassified > 0 ? `, ${unclassified} without a valid status` : '') +
      `, answer rate ${formatRate(s.answerRate)}`,
  );
  for (const [status, n] of ordered(s.statuses)) {
    const subs = ordered(s.subStatuses)
      .filter(([key]) => key.startsWith(`${status}/`))
      .map(([key, m]) => `${key.slice(status.length + 1)} ${m}`);
    lines.push(`  ${status} ${n}${subs.length > 0 ? ` (${subs.join(', ')})` : ''}`);
  }
  const codes = ordered(s.resultCodes);
  if (codes.length > 0) lines.push(`  result codes: ${codes.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  return lines;
}

/** The whole --summary block for human-readable formats. */
export function summaryBlock(results: readonly FileInfo[]): string {
  const withSummary = results.filter((r): r is FileInfo & { summary: StatusSummary } => r.summary !== null);
  if (withSummary.length === 0) return '';
  let out = 'Status summary\n';
  for (const r of withSummary) {
    out += `${r.displayPath} (${r.format ?? 'unknown'})\n${summaryLines(r.summary).join('\n')}\n`;
  }
  if (withSummary.length > 1) {
    const total = mergeSummaries(withSummary.map((r) => r.summary));
    out += `Total (${withSummary.length} files)\n${summaryLines(total).join('\n')}\n`;
  }
  return out;
}
