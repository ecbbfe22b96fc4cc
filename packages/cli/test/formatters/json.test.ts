import { describe, expect, it } from 'vitest';
import { format } from '../../src/formatters/json.js';
import { ctx, diag, result, sample } from './helpers.js';

describe('json formatter', () => {
  it('has the ESLint JSON shape plus format, records and summary', () => {
    const parsed = JSON.parse(format(sample, ctx));
    expect(parsed).toHaveLength(2);
    const [a, clean] = parsed;
    expect(a).toMatchObject({
      filePath: '/work/project/calls/a.csv',
      errorCount: 1,
      warningCount: 1,
      infoCount: 1,
      fixableErrorCount: 0,
      fixableWarningCount: 1,
      format: 'csv',
      records: 4,
      summary: { records: 4, answerRate: 0.5 },
    });
    expect(a.messages[0]).toEqual({
      ruleId: 'unknown-status',
      severity: 2,
      message: "Unknown status 'ANSWERD'. Did you mean 'ANSWERED'?",
      line: 2,
      column: 151,
      endLine: 2,
      endColumn: 158,
    });
    expect(a.messages[1]).toMatchObject({ severity: 1, fix: { range: [2100, 2108], text: 'ANSWERED' } });
    expect(a.messages[2].severity).toBe(0);
    expect(clean).toMatchObject({ messages: [], errorCount: 0, warningCount: 0 });
  });

  it('no files: an empty array', () => {
    expect(format([], ctx)).toBe('[]\n');
    expect(format([result('a.csv', []), result('b.csv', [])], ctx)).toMatch(/^\[\{"filePath":"\/work\/project\/a\.csv","messages":\[\],"suppressedMessages":\[\],"errorCount":0,.*\},\{"filePath":"\/work\/project\/b\.csv",.*\}\]\n$/);
  });

  it('merges touching edits into one ESLint fix and drops fixes it cannot express', () => {
    const d = diag('status-case', 'warning', 'x', [0, 0, 10], 4);
    d.fix = { title: 't', edits: [{ start: 14, end: 16, text: 'B' }, { start: 10, end: 14, text: 'A' }] };
    const gap = diag('status-case', 'warning', 'y', [0, 0, 10], 4);
    gap.fix = { title: 't', edits: [{ start: 10, end: 11, text: 'A' }, { start: 20, end: 21, text: 'B' }] };
    const [r] = JSON.parse(format([result('a.csv', [d, gap])], ctx));
    expect(r.messages[0].fix).toEqual({ range: [10, 16], text: 'AB' });
    expect(r.messages[1].fix).toBeUndefined();
    expect(r.fixableWarningCount).toBe(2);
  });

  it('maps suggestions to ESLint suggestions and carries the dry-run output', () => {
    const d = diag('unknown-status', 'error', 'x', [0, 0, 0], 7);
    d.suggestions = [{ title: "Change to 'ANSWERED'", edits: [{ start: 0, end: 7, text: 'ANSWERED' }] }];
    const [r] = JSON.parse(format([result('a.csv', [d], { output: 'fixed' })], ctx));
    expect(r.messages[0].suggestions).toEqual([{ desc: "Change to 'ANSWERED'", fix: { range: [0, 7], text: 'ANSWERED' } }]);
    expect(r.output).toBe('fixed');
  });
});
