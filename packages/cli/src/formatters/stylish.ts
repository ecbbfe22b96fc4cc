// ESLint's "stylish" layout: problems grouped per file, aligned columns, a totals line and the
// count of problems --fix could repair. Colour only when the caller says so (TTY, no NO_COLOR).
import pc from 'picocolors';
import type { Severity } from '@cdrlint/core';
import { summaryBlock } from '../summary.js';
import { addCounts, formatWith, noCounts, type Counts, type FileInfo, type FileResult, type FormatContext, type WriterFactory } from '../results.js';

type Colors = ReturnType<typeof pc.createColors>;

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

/**
 * Rows aligned together. ESLint aligns a file's whole list; a file with more problems than this
 * is aligned a block at a time, so that its rows need not all be held. (Blocks of 10,000 rows
 * outlived the young generation and raised the peak memory of a 1M-problem file by 35 MB.)
 */
const BLOCK_ROWS = 1000;

export const createWriter: WriterFactory = (ctx, write) => {
  const c = pc.createColors(ctx.color);
  const total = noCounts();
  const files: FileInfo[] = [];
  let rows: string[][] = [];
  let severities: Severity[] = [];
  let header = '';

  const flush = () => {
    if (rows.length === 0) return;
    let out = header;
    header = '';
    alignRows(rows, new Set([0])).forEach((cells, i) => {
      const [line, col, sev, msg, rule] = cells as [string, string, string, string, string];
      const text = `  ${c.dim(`${line}:${col}`)}  ${c[SEVERITY_COLOR[severities[i]!]](sev)}  ${msg}  ${c.dim(rule)}`;
      // trimEnd, not a /\s+$/ replace: the regex retries at every run of padding spaces, and
      // took 38% of a check with a problem on every row.
      out += `${text.trimEnd()}\n`;
    });
    rows = [];
    severities = [];
    write(out);
  };

  return {
    beginFile(file) {
      header = `\n${c.underline(file.displayPath)}\n`;
    },
    message(d) {
      rows.push([
        String(d.range.start.line + 1),
        String(d.range.start.column + 1),
        d.severity,
        // ESLint drops a final period from messages in this layout.
        d.message.replace(/([^ ])\.$/u, '$1').replace(/\r?\n/gu, ' '),
        d.ruleId,
      ]);
      severities.push(d.severity);
      if (rows.length >= BLOCK_ROWS) flush();
    },
    endFile(file, counts) {
      flush();
      header = '';
      addCounts(total, counts);
      files.push(file);
    },
    end() {
      write(totals(c, total, ctx) + fixesApplied(files, ctx) + (ctx.showSummary ? summarySection(files) : ''));
    },
  };
};

function totals(c: Colors, t: Counts, ctx: FormatContext): string {
  const problems = t.errorCount + t.warningCount + t.infoCount;
  if (problems === 0) return '';
  const color = t.errorCount > 0 ? c.red : t.warningCount > 0 ? c.yellow : c.blue;
  let out =
    '\n' +
    color(
      c.bold(
        `\u2716 ${plural('problem', problems)} (${plural('error', t.errorCount)}, ` +
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
  return out;
}

function fixesApplied(files: readonly FileInfo[], ctx: FormatContext): string {
  const fixed = files.filter((r) => (r.fixesApplied ?? 0) > 0);
  if (fixed.length === 0) return '';
  let out = '\n';
  for (const r of fixed) {
    const n = r.fixesApplied ?? 0;
    out += ctx.fixMode === 'dry-run'
      ? `${r.displayPath}: ${plural('fix', n, 'fixes')} would be applied (--fix-dry-run, nothing written)\n`
      : `${r.displayPath}: ${plural('fix', n, 'fixes')} applied\n`;
  }
  return out;
}

function summarySection(files: readonly FileInfo[]): string {
  const block = summaryBlock(files);
  return block ? `\n${block}` : '';
}

export function format(results: readonly FileResult[], ctx: FormatContext): string {
  return formatWith(createWriter, results, ctx);
}
