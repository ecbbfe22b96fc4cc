import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, format } from '../../src/formatters/github.js';
import { ctx, diag, result, sample } from './helpers.js';

describe('github formatter', () => {
  it('writes one workflow command per diagnostic', () => {
    expect(format(sample, ctx).split('\n')).toEqual([
      "::error file=calls/a.csv,line=2,col=151,endLine=2,endColumn=158,title=unknown-status::Unknown status 'ANSWERD'. Did you mean 'ANSWERED'?",
      "::warning file=calls/a.csv,line=13,col=5,endLine=13,endColumn=13,title=status-case::Status 'answered' should be written 'ANSWERED'.",
      '::notice file=calls/a.csv,line=13,col=61,endLine=13,endColumn=63,title=duration-mismatch::duration 30 differs from hangup - start (32 s).',
      '',
    ]);
  });

  it('escapes data and properties as GitHub requires', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
    const out = format([result('we,ird:name.csv', [diag('unknown-status', 'error', 'line1\nline2 100%', [0, 0, 0], 1)])], ctx);
    expect(out).toBe(
      '::error file=we%2Cird%3Aname.csv,line=1,col=1,endLine=1,endColumn=2,title=unknown-status::line1%0Aline2 100%25\n',
    );
  });

  it('adds the summary as plain log lines with --summary', () => {
    expect(format(sample, { ...ctx, showSummary: true })).toContain('Status summary\ncalls/a.csv (csv)\n');
  });
});
