import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/args.js';

function ok(argv: string[]) {
  const r = parseCliArgs(argv);
  if (!r.ok) throw new Error(r.error);
  return r.options;
}
function err(argv: string[]): string {
  const r = parseCliArgs(argv);
  if (r.ok) throw new Error('expected a usage error');
  return r.error;
}

describe('parseCliArgs', () => {
  it('has defaults', () => {
    expect(ok(['a.csv'])).toMatchObject({ patterns: ['a.csv'], format: 'stylish', fix: false, quiet: false, rules: {} });
  });
  it('reads every option', () => {
    const o = ok([
      '--format', 'json', '--fix-dry-run', '--rule', 'status-case:off', '--rule', 'blank-row:error',
      '--config', 'c.json', '--max-warnings', '3', '--summary', '--quiet', '--stdin-format', 'ndjson',
      '--stdin-filename', 'x.ndjson', '--no-color', '-', 'dir',
    ]);
    expect(o).toMatchObject({
      format: 'json', fixDryRun: true, rules: { 'status-case': 'off', 'blank-row': 'error' }, config: 'c.json',
      maxWarnings: 3, summary: true, quiet: true, stdinFormat: 'ndjson', stdinFilename: 'x.ndjson', color: false,
      patterns: ['-', 'dir'],
    });
  });
  it('rejects bad usage with a message', () => {
    expect(err([])).toMatch(/No files/);
    expect(err(['--format', 'xml', 'a'])).toMatch(/Unknown format 'xml'/);
    expect(err(['--rule', 'status-case', 'a'])).toMatch(/Invalid --rule/);
    expect(err(['--rule', 'status-case:fatal', 'a'])).toMatch(/Invalid --rule/);
    expect(err(['--max-warnings', '-1', 'a'])).toMatch(/max-warnings/);
    expect(err(['--max-warnings', 'x', 'a'])).toMatch(/max-warnings/);
    expect(err(['--bogus', 'a'])).toMatch(/bogus/);
    expect(err(['--fix', '--fix-dry-run', 'a'])).toMatch(/either/);
    expect(err(['--fix', '-'])).toMatch(/stdin/);
    expect(err(['-', '-'])).toMatch(/once/);
    expect(err(['--stdin-format', 'xml', '-'])).toMatch(/stdin-format/);
  });
  it('needs no files for --help and --version', () => {
    expect(ok(['--help']).help).toBe(true);
    expect(ok(['-v']).version).toBe(true);
  });
});
