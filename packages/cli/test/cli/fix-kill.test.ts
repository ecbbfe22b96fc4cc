// A --fix killed while writing never leaves a half-written file: the target is either the
// original or the complete fixed text (the write goes to a temporary file, then a rename).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, run, SCRATCH } from './run.js';

const dir = path.join(SCRATCH, `fix-kill-${process.pid}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bigCsv(rows: number): string {
  const header = 'callid,number,start,answer,hangup,hangupsource,hangupcause,dialstatus,duration,duration_answered,duration_billed,billing_customer_debit_eur,status,sub_status,result_code\n';
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    lines.push(`${200000000 + i},+33612345678,2024-03-12 09:15:02,2024-03-12 09:15:09,2024-03-12 09:15:41,CALLEE,16,ANSWER,39,32,60,2.40,answered,COMPLETE,HANGUP`);
  }
  return `${header}${lines.join('\n')}\n`;
}

describe('--fix killed mid-write', () => {
  it('leaves the original or the fully fixed file, never a partial one', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'cdrlint.config.json'), '{}');
    const file = path.join(dir, 'big.csv');
    const original = bigCsv(50_000);
    writeFileSync(file, original);
    const fixed = original.replace(/,answered,/g, ',ANSWERED,');

    const child = spawn(process.execPath, [BIN, '--fix', 'big.csv'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Kill as soon as the temporary file appears, i.e. while the fixed text is being written.
    const watcher = watch(dir, (_event, name) => {
      if (name && String(name).endsWith('.cdrlint-tmp')) child.kill('SIGKILL');
    });
    await exited;
    watcher.close();

    const after = readFileSync(file, 'utf8');
    expect(after === original || after === fixed).toBe(true);
    // A later run still works on whatever is there.
    const r = await run(['--fix', 'big.csv'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(fixed);
  });
});
