// ESLint's "stylish" layout: problems grouped per file, aligned columns, a totals line and the
// count of problems --fix could repair. Colour only when the caller says so (TTY, no NO_COLOR).
import pc from 'picocolors';
import type { Severity } from '@cdrlint/core';
import { summaryBlock } from '../summary.js';
import { totalCounts, type FileResult, type FormatContext } from '../results.js';

function plural(word: string, n: number, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

const SEVERITY_COLOR: Record<Severity, 'red' | 'yellow' | 'blue'> = {
  error: 'red',
  warning: 'yellow',
  info: 'blue',
};

/**
 * Pads cells to column widths like ESLint's text-table (right-aligned line, left-aligned rest,
 * two spaces between, trailing blanks trimmed). Written here because it is a few lines and the
 * widths must be measured before colour codes are added.
 */
function alignRows(rows: string[][], rightAligned: ReadonlySet<number>): string[][] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row.map((cell, i) =>
      rightAligned.has(i) ? cell.padStart(widths[i]!) : i === row.length - 1 ? cell : cell.padEnd(widths[i]!),
    ),
  );
}

export function format(results: readonly FileResult[], ctx: FormatContext): string {
  const c = pc.createColors(ctx.color);
  let out = '';
  for (const result of results) {
    if (result.diagnostics.length === 0) continue;
    const raw = result.diagnostics.map((d) => [
      String(d.range.start.line + 1),
      String(d.range.start.column + 1),
      d.severity,
      // ESLint drops a final period from messages in this layout.
      d.message.replace(/([^ ])\.$/u, '$1').replace(/\r?\n/gu, ' '),
      d.ruleId,
    ]);
    const aligned = alignRows(raw, new Set([0]));
    out += `\n${c.underline(result.displayPath)}\n`;
    aligned.forEach((cells, i) => {
      const severity = result.diagnostics[i]!.severity;
      const [line, col, sev, msg, rule] = cells as [string, string, string, string, string];
      const text = `  ${c.dim(`${line}:${col}`)}  ${c[SEVERITY_COLOR[severity]](sev)}  ${msg}  ${c.dim(rule)}`;
      out += `${text.replace(/\s+$/u, '')}\n`;
    });
  }

  const t = totalCounts(results);
  const total = t.errorCount + t.warningCount + t.infoCount;
  if (total > 0) {
    const color = t.errorCount > 0 ? c.red : t.warningCount > 0 ? c.yellow : c.blue;
    out +=
      '\n' +
      color(
        c.bold(
          `\u2716 ${plural('problem', total)} (${plural('error', t.errorCount)}, ` +
            `${plural('warning', t.warningCount)}, ${plural('info', t.infoCount)})`,
        ),
      ) +
      '\n';
    if (ctx.fixMode === 'none' && (t.fixableErrorCount > 0 || t.fixableWarningCount > 0)) {
      out +=
        color(
          c.bold(
            `  ${plural('error', t.fixableErrorCount)} and ${plural('warning', t.fixableWarningCount)} ` +
              'potentially fixable with the `--fix` option.',
          ),
        ) + '\n';
    }
  }

  const fixed = results.filter((r) => (r.fixesApplied ?? 0) > 0);
  if (fixed.length > 0) {
    out += '\n';
    for (const r of fixed) {
      const n = r.fixesApplied ?? 0;
      out += ctx.fixMode === 'dry-run'
        ? `${r.displayPath}: ${plural('fix', n, 'fixes')} would be applied (--fix-dry-run, nothing written)\n`
        : `${r.displayPath}: ${plural('fix', n, 'fixes')} applied\n`;
    }
  }

  if (ctx.showSummary) {
    const block = summaryBlock(results);
    if (block) out += `\n${block}`;
  }
  return out;
}
