import { describe, expect, it } from 'vitest';
import { STATUS_NAMES, type StatusSummary } from '@cdrlint/core';
import { escapeHtml, summaryHtml } from '../src/summary-html.js';

const [answered, absent, error] = STATUS_NAMES;
const summary: StatusSummary = {
  records: 10,
  classified: 8,
  statuses: { [answered]: 4, [absent]: 3, [error]: 1 },
  subStatuses: { [`${absent}/<b>odd</b>`]: 3 },
  resultCodes: {},
  answerRate: 0.5,
};
const page = (s: StatusSummary | null): string => summaryHtml({ fileName: 'a&b.csv', summary: s, cspSource: 'vscode-resource:', nonce: 'n0nce', statuses: STATUS_NAMES });

describe('summary view page', () => {
  it('draws one bar per status, longest for the largest count, coloured by family', () => {
    const html = page(summary);
    const widths = [...html.matchAll(/<tr data-key="([^"]+)">.*?<rect class="([^"]+)" width="(\d+)"/g)].map((m) => [m[1], m[2], Number(m[3])]);
    expect(widths.slice(0, 3)).toEqual([
      [answered, 'family-0', 240],
      [absent, 'family-1', 180],
      [error, 'family-2', 60],
    ]);
    expect(html).toContain('<span id="records">10</span>');
    expect(html).toContain('<strong id="answer-rate">50%</strong>');
    expect(html).toContain('Result codes</h2><p class="empty">None.</p>');
  });

  it('escapes what comes from the file and allows no script', () => {
    const html = page(summary);
    expect(html).not.toContain('<b>odd</b>');
    expect(html).toContain(escapeHtml(`${absent}/<b>odd</b>`));
    expect(html).toContain('Call status summary: a&#38;b.csv');
    expect(html).toMatch(/default-src 'none'; img-src vscode-resource: data:; style-src 'nonce-n0nce';/);
    expect(html).not.toMatch(/<script/i);
  });

  it('says when the file is not a CDR file', () => {
    expect(page(null)).toContain('not a CDR file');
  });
});
