// Scenario tests: the built binary on real fixture files, stdout against golden files
// (UPDATE_GOLDEN=1 rewrites them), exit codes and stderr.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { expectGolden, FIXTURES, prettyJson, run, SCRATCH } from './run.js';

const sarifSchema = JSON.parse(
  readFileSync(path.join(FIXTURES, '..', 'formatters', 'sarif-subset.schema.json'), 'utf8'),
);
const validateSarif = new Ajv({ allErrors: true, strict: false }).compile(sarifSchema);

const INVALID = ['invalid/calls.csv', 'invalid/calls.ndjson'];

describe('output formats on invalid files', () => {
  it('stylish', async () => {
    const r = await run(INVALID);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expectGolden('invalid.stylish.txt', r.stdout);
  });

  it('json (ESLint shape)', async () => {
    const r = await run(['--format', 'json', ...INVALID]);
    expect(r.code).toBe(1);
    const parsed = JSON.parse(r.stdout);
    expect(parsed).toHaveLength(2);
    for (const file of parsed) {
      expect(Object.keys(file)).toEqual(
        expect.arrayContaining(['filePath', 'messages', 'errorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount', 'format', 'records', 'summary']),
      );
      expect(path.isAbsolute(file.filePath)).toBe(true);
      for (const m of file.messages) {
        expect(Object.keys(m)).toEqual(expect.arrayContaining(['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']));
        expect(m.line).toBeGreaterThanOrEqual(1);
        expect(m.column).toBeGreaterThanOrEqual(1);
      }
    }
    expectGolden('invalid.json', prettyJson(r.stdout));
  });

  it('sarif (valid SARIF 2.1.0 structure)', async () => {
    const r = await run(['--format', 'sarif', ...INVALID]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const uris = log.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri);
    expect(new Set(uris)).toEqual(new Set(INVALID));
    expectGolden('invalid.sarif.json', r.stdout);
  });

  it('github annotations', async () => {
    const r = await run(['--format', 'github', ...INVALID]);
    expect(r.code).toBe(1);
    for (const line of r.stdout.trimEnd().split('\n')) expect(line).toMatch(/^::(error|warning|notice) file=invalid\/calls\.(csv|ndjson),line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::/);
    expectGolden('invalid.github.txt', r.stdout);
  });

  it('line numbers stay right after a multi-line quoted CSV field', async () => {
    const r = await run(['--format', 'json', 'invalid/calls.csv']);
    const phone = JSON.parse(r.stdout)[0].messages.find((m: { ruleId: string }) => m.ruleId === 'invalid-phone-number');
    // The record with the bad number follows a cell that spans lines 6-7.
    expect(phone).toMatchObject({ line: 8, column: 11, endLine: 8, endColumn: 21 });
  });
});

describe('valid files', () => {
  it.each(['stylish', 'json', 'sarif', 'github'])('exit 0 and no problems in %s', async (format) => {
    const r = await run(['--format', format, 'valid']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    if (format === 'stylish' || format === 'github') expect(r.stdout).toBe('');
    if (format === 'json') {
      const parsed = JSON.parse(r.stdout);
      expect(parsed.map((f: { messages: unknown[] }) => f.messages.length)).toEqual([0, 0, 0]);
      expect(parsed.map((f: { format: string }) => f.format)).toEqual(['csv', 'ndjson', 'json']);
      expect(parsed.map((f: { records: number }) => f.records)).toEqual([4, 7, 2]);
    }
    if (format === 'sarif') expect(validateSarif(JSON.parse(r.stdout))).toBe(true);
  });

  it('--summary prints the status summary per file and a total', async () => {
    const r = await run(['--summary', 'valid']);
    expect(r.code).toBe(0);
    expectGolden('valid.summary.txt', r.stdout);
  });

  it('json always carries the summary', async () => {
    const r = await run(['--format', 'json', 'valid/calls.csv']);
    expect(JSON.parse(r.stdout)[0].summary).toEqual({
      records: 4,
      classified: 4,
      statuses: { ANSWERED: 1, ABSENT: 2, ERROR: 1 },
      subStatuses: { 'ANSWERED/COMPLETE': 1, 'ABSENT/NO_ANSWER': 1, 'ABSENT/VOICEMAIL_DETECTED': 1, 'ERROR/BLACKLISTED': 1 },
      resultCodes: { HANGUP: 1, VOICEMAIL_COMPLETE: 1 },
      answerRate: 0.25,
    });
  });

  it('globs are expanded', async () => {
    const r = await run(['--format', 'json', 'valid/*.csv']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((f: { filePath: string }) => path.relative(FIXTURES, f.filePath))).toEqual(['valid/calls.csv']);
  });
});

describe('warnings, --quiet and --max-warnings', () => {
  it('warnings alone exit 0', async () => {
    const r = await run(['warnings/calls.csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 problems (0 errors, 2 warnings, 0 infos)');
  });

  it('--max-warnings exits 1 only above the limit', async () => {
    expect((await run(['--max-warnings', '2', 'warnings/calls.csv'])).code).toBe(0);
    const over = await run(['--max-warnings', '1', 'warnings/calls.csv']);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('cdrlint found too many warnings (maximum: 1).\n');
  });

  it('--quiet reports errors only, but warnings still count for --max-warnings', async () => {
    const r = await run(['--quiet', ...INVALID]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/warning {2}/);
    expectGolden('invalid.quiet.txt', r.stdout);
    const q = await run(['--quiet', 'warnings/calls.csv']);
    expect(q).toMatchObject({ code: 0, stdout: '' });
    expect((await run(['--quiet', '--max-warnings', '0', 'warnings/calls.csv'])).code).toBe(1);
  });

  it('--rule changes severities', async () => {
    const off = await run(['--rule', 'status-case:off', 'warnings/calls.csv']);
    expect(off).toMatchObject({ code: 0, stdout: '' });
    const err = await run(['--rule', 'status-case:error', '--format', 'json', 'warnings/calls.csv']);
    expect(err.code).toBe(1);
    expect(JSON.parse(err.stdout)[0].errorCount).toBe(2);
  });
});

describe('stdin', () => {
  const csv = readFileSync(path.join(FIXTURES, 'invalid/calls.csv'));

  it('reads - with --stdin-format and --stdin-filename', async () => {
    const r = await run(['--stdin-format', 'csv', '--stdin-filename', 'piped.csv', '-'], { input: csv });
    expect(r.code).toBe(1);
    expectGolden('stdin.stylish.txt', r.stdout);
    const file = await run(['invalid/calls.csv']);
    expect(r.stdout.replace('piped.csv', 'invalid/calls.csv')).toBe(file.stdout);
  });

  it('detects the format of stdin when not given', async () => {
    const nd = readFileSync(path.join(FIXTURES, 'valid/calls.ndjson'));
    const r = await run(['--format', 'json', '-'], { input: nd });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ filePath: '<stdin>', format: 'ndjson', records: 7 });
  });

  it('reads a named pipe given as a path (cannot seek: `cdrlint <(cmd)`), as it reads a file', async () => {
    mkdirSync(SCRATCH, { recursive: true });
    const fifo = path.join(SCRATCH, 'pipe.csv');
    rmSync(fifo, { force: true });
    execFileSync('mkfifo', [fifo]);
    // Opening a FIFO for writing waits for its reader: the CLI started below.
    const writing = writeFile(fifo, csv);
    const piped = await run(['--format', 'json', fifo]);
    await writing;
    rmSync(fifo);
    expect(piped.stderr).toBe('');
    const file = await run(['--format', 'json', 'invalid/calls.csv']);
    const [a] = JSON.parse(piped.stdout);
    const [b] = JSON.parse(file.stdout);
    expect(a.records).toBeGreaterThan(0);
    expect(a.messages).toEqual(b.messages);
  });

  it('--fix-dry-run on stdin returns the fixed text in json output', async () => {
    const r = await run(['--fix-dry-run', '--format', 'json', '--stdin-filename', 'w.csv', '-'], {
      input: readFileSync(path.join(FIXTURES, 'warnings/calls.csv')),
    });
    expect(r.code).toBe(0);
    const [res] = JSON.parse(r.stdout);
    expect(res.messages).toEqual([]);
    expect(res.output).toContain(',ANSWERED,COMPLETE,');
    expect(res.output).toContain(',ABSENT,NO_ANSWER,');
  });
});

describe('configuration', () => {
  it('is looked up from the file: config/ turns status-case off and phone numbers into warnings', async () => {
    const r = await run(['--format', 'json', 'config/calls.csv', 'invalid/calls.csv']);
    const [configured, plain] = JSON.parse(r.stdout);
    const ids = (f: { messages: { ruleId: string }[] }) => f.messages.map((m) => m.ruleId);
    expect(ids(plain)).toContain('status-case');
    expect(ids(configured)).not.toContain('status-case');
    const phone = configured.messages.find((m: { ruleId: string }) => m.ruleId === 'invalid-phone-number');
    expect(phone.severity).toBe(1);
  });

  it('--config replaces the lookup', async () => {
    const r = await run(['--config', 'config/cdrlint.config.json', '--format', 'json', 'invalid/calls.csv']);
    const ids = JSON.parse(r.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId);
    expect(ids).not.toContain('status-case');
    const missing = await run(['--config', 'nope.json', 'valid']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('cdrlint: nope.json: cannot read configuration: no such file or directory\n');
  });

  it('a broken config is reported with file:line:column, the files are still checked, exit 2', async () => {
    const r = await run(['broken-config/calls.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cdrlint: broken-config/cdrlint.config.json:4:5: Unknown rule 'no-such-rule'.");
    expect(r.stdout).toBe('');
    const j = await run(['broken-json-config']);
    expect(j.code).toBe(2);
    expect(j.stderr).toMatch(/^cdrlint: broken-json-config\/cdrlint\.config\.json:4:3: Invalid JSON/m);
  });
});

describe('exit codes for I/O and usage', () => {
  it('a missing path is reported, the rest is checked, exit 2', async () => {
    const r = await run(['--format', 'json', 'nope.csv', 'invalid/calls.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('cdrlint: nope.csv: no such file or directory\n');
    expect(JSON.parse(r.stdout)).toHaveLength(1);
  });

  it('a glob matching nothing is an error', async () => {
    const r = await run(['nothing/*.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('cdrlint: nothing/*.csv: no files match this pattern\n');
  });

  it('usage errors exit 2', async () => {
    for (const args of [[], ['--rule', 'no-such-rule:error', 'valid'], ['--format', 'xml', 'valid'], ['--bogus', 'valid']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^cdrlint: /);
    }
  });

  it('--help and --version exit 0', async () => {
    const h = await run(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^Usage: cdrlint/);
    const v = await run(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('bad content is never exit 2', () => {
  it('empty and header-only files have no records and exit 0', async () => {
    const r = await run(['--format', 'json', 'edge/empty.csv', 'edge/header-only.csv']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((f: { records: number; messages: unknown[] }) => [f.records, f.messages.length])).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('an undecodable file gets an encoding diagnostic and exits 1', async () => {
    const r = await run(['--format', 'json', 'edge/corrupt.csv']);
    expect(r.code).toBe(1);
    const ids = JSON.parse(r.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId);
    expect(ids).toContain('encoding');
  });
});
