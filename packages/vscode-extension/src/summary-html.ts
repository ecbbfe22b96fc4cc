// The summary view's page: bar charts of statuses, sub-statuses and result codes, drawn as SVG
// rectangles (no script, so the webview runs with scripts off and a strict CSP). Pure: unit-tested.

import type { StatusSummary } from './protocol.js';
import { percent } from './status-bar-text.js';

export interface SummaryPage {
  fileName: string;
  summary: StatusSummary | null;
  /** The webview's CSP source and a nonce for the one style block. */
  cspSource: string;
  nonce: string;
  /** Status names of the taxonomy, in order; they pick the bar colours. */
  statuses: readonly string[];
}

const BAR_WIDTH = 240;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** CSS class of a status family: its index in the taxonomy, so no status name is restated. */
function familyClass(key: string, statuses: readonly string[]): string {
  const i = statuses.indexOf(key.split('/')[0] ?? '');
  return i < 0 ? 'other' : `family-${i}`;
}

function table(title: string, counts: Record<string, number>, total: number, statuses: readonly string[]): string {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (rows.length === 0) return `<section><h2>${escapeHtml(title)}</h2><p class="empty">None.</p></section>`;
  const max = Math.max(...rows.map(([, n]) => n));
  const body = rows
    .map(([key, n]) => {
      const w = max === 0 ? 0 : Math.max(1, Math.round((n / max) * BAR_WIDTH));
      const share = total === 0 ? '' : ` (${percent(n / total)})`;
      return `<tr data-key="${escapeHtml(key)}"><th scope="row">${escapeHtml(key)}</th><td><svg width="${BAR_WIDTH}" height="14" role="img" aria-label="${escapeHtml(`${key}: ${n}`)}"><rect class="${familyClass(key, statuses)}" width="${w}" height="14" rx="2"></rect></svg></td><td class="count">${n}${share}</td></tr>`;
    })
    .join('');
  return `<section><h2>${escapeHtml(title)}</h2><table>${body}</table></section>`;
}

export function summaryHtml(page: SummaryPage): string {
  const { summary, statuses } = page;
  const csp = `default-src 'none'; img-src ${page.cspSource} data:; style-src 'nonce-${page.nonce}';`;
  // The first three taxonomy statuses take the chart colours green, yellow and red in that order.
  const chartVars = ['--vscode-charts-green', '--vscode-charts-yellow', '--vscode-charts-red'];
  const familyCss = statuses.map((_, i) => `.family-${i} { fill: var(${chartVars[i] ?? '--vscode-charts-blue'}); }`).join('\n');
  const content =
    summary === null
      ? '<p class="empty">This file is not a CDR file: it has no call status field.</p>'
      : [
          `<p class="totals"><span id="records">${summary.records}</span> records, <span id="classified">${summary.classified}</span> with a known status, answer rate <strong id="answer-rate">${percent(summary.answerRate)}</strong></p>`,
          table('Statuses', summary.statuses, summary.classified, statuses),
          table('Sub-statuses', summary.subStatuses, summary.classified, statuses),
          table('Result codes', summary.resultCodes, summary.classified, statuses),
        ].join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Call status summary</title>
<style nonce="${page.nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 16px; }
h1 { font-size: 1.3em; } h2 { font-size: 1.05em; margin-top: 1.4em; }
table { border-collapse: collapse; } th { text-align: left; font-weight: normal; padding-right: 12px; font-family: var(--vscode-editor-font-family); }
td { padding: 2px 8px 2px 0; } .count { color: var(--vscode-descriptionForeground); white-space: nowrap; }
.empty { color: var(--vscode-descriptionForeground); }
.other { fill: var(--vscode-charts-blue); }
${familyCss}
</style>
</head>
<body>
<h1>Call status summary: ${escapeHtml(page.fileName)}</h1>
${content}
</body>
</html>`;
}
