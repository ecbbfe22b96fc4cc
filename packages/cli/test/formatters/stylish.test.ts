import { describe, expect, it } from 'vitest';
import { format } from '../../src/formatters/stylish.js';
import { ctx, diag, result, sample } from './helpers.js';

describe('stylish formatter', () => {
  it('groups per file, aligns columns, totals and fixable counts like ESLint', () => {
    expect(format(sample, ctx)).toBe(
      [
        '',
        'calls/a.csv',
        "   2:151  error    Unknown status 'ANSWERD'. Did you mean 'ANSWERED'?  unknown-status",
        "  13:5    warning  Status 'answered' should be written 'ANSWERED'      status-case",
        '  13:61   info     duration 30 differs from hangup - start (32 s)      duration-mismatch',
        '',
        '\u2716 3 problems (1 error, 1 warning, 1 info)',
        '  0 errors and 1 warning potentially fixable with the `--fix` option.',
        '',
      ].join('\n'),
    );
  });

  it('aligns a file of more than 1,000 problems a block of 1,000 at a time', () => {
    const ds = Array.from({ length: 1001 }, (_, i) => diag('status-case', 'warning', i === 1000 ? `m${'x'.repeat(40)}` : 'm', [i, 0, i * 10], 1));
    const lines = format([result('big.csv', ds)], ctx).split('\n');
    expect(lines.slice(0, 3)).toEqual(['', 'big.csv', '     1:1  warning  m  status-case']);
    expect(lines[1001]).toBe('  1000:1  warning  m  status-case');
    // The last row is a block of its own: aligned on its own widths, not the first block's.
    expect(lines[1002]).toBe(`  1001:1  warning  m${'x'.repeat(40)}  status-case`);
    expect(lines.filter((l) => l === 'big.csv')).toHaveLength(1);
  });

  it('prints nothing for clean files', () => {
    expect(format([result('x.csv', [])], ctx)).toBe('');
  });

  it('colours only when asked', () => {
    const plain = format(sample, ctx);
    expect(plain).not.toMatch(/\u001b\[/);
    const coloured = format(sample, { ...ctx, color: true });
    expect(coloured).toMatch(/\u001b\[31merror/);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('uses singular words for one problem and hides the fixable line when nothing is fixable', () => {
    const out = format([result('b.csv', [diag('unknown-status', 'error', 'Bad.', [0, 0, 0], 3)])], ctx);
    expect(out).toContain('\u2716 1 problem (1 error, 0 warnings, 0 infos)');
    expect(out).not.toContain('potentially fixable');
  });

  it('prints the status summary with --summary, with a total over several files', () => {
    const out = format(sample, { ...ctx, showSummary: true });
    expect(out).toContain(
      [
        'Status summary',
        'calls/a.csv (csv)',
        '  4 records, 4 classified, answer rate 50.0%',
        '  ANSWERED 2 (COMPLETE 1, INCOMPLETE 1)',
        '  ABSENT 1 (NO_ANSWER 1)',
        '  ERROR 1 (BLACKLISTED 1)',
        '  result codes: HANGUP 2',
      ].join('\n'),
    );
    expect(out).toContain('Total (2 files)\n  8 records, 8 classified, answer rate 50.0%\n  ANSWERED 4');
  });

  it('reports fixes applied or that would be applied', () => {
    const fixed = [result('a.csv', [], { fixesApplied: 2 })];
    expect(format(fixed, { ...ctx, fixMode: 'fix' })).toBe('\na.csv: 2 fixes applied\n');
    expect(format(fixed, { ...ctx, fixMode: 'dry-run' })).toBe(
      '\na.csv: 2 fixes would be applied (--fix-dry-run, nothing written)\n',
    );
  });
});
