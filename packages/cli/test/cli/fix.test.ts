// --fix and --fix-dry-run through the built binary, on copies of the fixtures in a scratch
// folder: atomic write, mode kept, only the fixed ranges change, nothing written on dry runs.
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, run, SCRATCH } from './run.js';

const base = path.join(SCRATCH, `fix-${process.pid}`);
let dir = base;
let n = 0;
const SOURCE = path.join(FIXTURES, 'fix', 'bom-crlf.csv');
const BOM = [0xef, 0xbb, 0xbf];

interface JsonFix {
  range: [number, number];
  text: string;
}

/** Applies ESLint-style fixes (offsets into the text) from the end backwards. */
function applyJsonFixes(text: string, fixes: JsonFix[]): string {
  let out = text;
  for (const f of [...fixes].sort((a, b) => b.range[0] - a.range[0])) out = out.slice(0, f.range[0]) + f.text + out.slice(f.range[1]);
  return out;
}

beforeEach(() => {
  // A fresh folder per test, so that nothing from one test can touch another's files.
  dir = path.join(base, String(n++));
  mkdirSync(dir, { recursive: true });
  // An empty config here stops the lookup from reaching configs above the scratch folder.
  writeFileSync(path.join(dir, 'cdrlint.config.json'), '{}\n');
  copyFileSync(SOURCE, path.join(dir, 'calls.csv'));
  chmodSync(path.join(dir, 'calls.csv'), 0o640);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('--fix', () => {
  it('changes exactly the reported fix ranges, keeps BOM, CRLF, other bytes and the mode', async () => {
    const file = path.join(dir, 'calls.csv');
    const original = readFileSync(file);
    // The fixes the linter offers on the untouched file (ESLint JSON: offsets in the decoded text).
    const report = await run(['--format', 'json', 'calls.csv'], { cwd: dir });
    const fixes: JsonFix[] = JSON.parse(report.stdout)[0].messages.flatMap((m: { fix?: JsonFix }) => (m.fix ? [m.fix] : []));
    expect(fixes.length).toBe(3);

    const r = await run(['--fix', 'calls.csv'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1); // ERORR has only a suggestion, never applied automatically
    expect(r.stdout).toContain('calls.csv: 3 fixes applied');
    expect(r.stdout).toContain("Unknown status 'ERORR'");

    const after = readFileSync(file);
    expect([...after.subarray(0, 3)]).toEqual(BOM);
    const expected = applyJsonFixes(original.subarray(3).toString('utf8'), fixes);
    expect(after.subarray(3).toString('utf8')).toBe(expected);
    expect(Buffer.compare(after.subarray(3), Buffer.from(expected, 'utf8'))).toBe(0);
    expect(after.toString('utf8').split('\r\n')).toHaveLength(original.toString('utf8').split('\r\n').length);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    // No temporary file left behind.
    expect(readdirSync(dir).sort()).toEqual(['calls.csv', 'cdrlint.config.json']);

    // Idempotent: a second run has nothing left to fix and writes nothing.
    const mtime = statSync(file).mtimeMs;
    const again = await run(['--fix', 'calls.csv'], { cwd: dir });
    expect(again.stdout).not.toContain('applied');
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(readFileSync(file).equals(after)).toBe(true);
  });

  it('--fix-dry-run writes nothing and reports the fixed text', async () => {
    const file = path.join(dir, 'calls.csv');
    const before = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    const stylish = await run(['--fix-dry-run', 'calls.csv'], { cwd: dir });
    expect(stylish.stdout).toContain('calls.csv: 3 fixes would be applied (--fix-dry-run, nothing written)');
    const r = await run(['--fix-dry-run', '--format', 'json', 'calls.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    const [res] = JSON.parse(r.stdout);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(res.messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(['unknown-status']);
    await run(['--fix', 'calls.csv'], { cwd: dir });
    expect(readFileSync(file).subarray(3).toString('utf8')).toBe(res.output);
  });

  it('never fixes a file with an encoding problem', async () => {
    const file = path.join(dir, 'bad.csv');
    const bytes = Buffer.concat([readFileSync(SOURCE), Buffer.from([0xff, 0x0d, 0x0a])]);
    writeFileSync(file, bytes);
    const r = await run(['--fix', '--format', 'json', 'bad.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    const ids = JSON.parse(r.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId);
    expect(ids).toContain('encoding');
    expect(ids).toContain('status-case');
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('--fix cannot be used with stdin', async () => {
    const r = await run(['--fix', '-'], { cwd: dir });
    expect(r.code).toBe(2);
  });
});
