// --concurrency: one large file checked in parts over worker threads, several files over a
// pool of them. Whatever the threads, the output must be byte for byte what one thread gives.
// CDRLINT_SPLIT_MIN_BYTES=1 makes small files split too; CDRLINT_DEBUG=threads says how each
// file was checked, so that a test cannot pass by quietly not using threads.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, run, SCRATCH } from './run.js';

const dir = path.join(SCRATCH, `threads-${process.pid}`);
const CORE_RULES = path.resolve(FIXTURES, '..', '..', '..', 'core', 'test', 'fixtures', 'rules');
const SPLIT = { CDRLINT_SPLIT_MIN_BYTES: '1', CDRLINT_DEBUG: 'threads' };

const HEADER = 'callid,number,start,answer,hangup,hangupsource,hangupcause,dialstatus,duration,duration_answered,duration_billed,billing_customer_debit_eur,status,sub_status,result_code,note';

/** A CSV with what crosses part boundaries: repeated and conflicting ids far apart, a late notation change, non-ASCII text and quoted line breaks. */
function bigCsv(rows: number, bom: boolean): string {
  const out: string[] = [HEADER];
  for (let i = 0; i < rows; i++) {
    const id = i % 997 === 5 ? 100 + (i % 7) : 300000 + i; // ids 100..106 recur through the file
    const sub = i % 997 === 5 && i > rows / 2 ? 'BUSY' : 'COMPLETE';
    const status = sub === 'BUSY' ? 'ABSENT' : i === rows - 3 ? 'answered' : 'ANSWERED';
    const note = i % 1201 === 0 ? '"réunion ""Q3""\nsuite"' : i % 613 === 0 ? 'Zoë' : '';
    out.push(`${id},+33612345678,2024-03-12 09:15:02,2024-03-12 09:15:09,2024-03-12 09:15:41,CALLEE,16,ANSWER,39,32,60,2.40,${status},${sub},${sub === 'BUSY' ? '' : 'HANGUP'},${note}`);
  }
  return `${bom ? '\uFEFF' : ''}${out.join('\r\n')}\r\n`;
}

function bigNdjson(rows: number): string {
  const out: string[] = [];
  for (let i = 0; i < rows; i++) {
    const combined = i > rows / 2 && i % 500 === 1 ? 'ABSENT_BUSY' : 'ABSENT/BUSY';
    out.push(JSON.stringify({ call_id: i % 800 === 3 ? 42 : 1000 + i, status: combined, note: i % 333 === 0 ? 'çà' : undefined }));
    if (i % 2500 === 7) out.push('{"call_id": 5, "status": "ANSWERED/COMPLETE"'); // a parse error
  }
  return `${out.join('\n')}\n`;
}

/**
 * The NDJSON file's records as a JSON array, one per line, with an element JSON cannot read now
 * and then; or pretty-printed in an envelope (BOM, CRLF, non-ASCII text before the records),
 * records holding arrays of objects.
 */
function bigJson(rows: number, pretty: boolean): string {
  const records = bigNdjson(rows)
    .split('\n')
    .filter((l) => l.startsWith('{') && l.endsWith('}'));
  if (!pretty) return `[\n${records.map((l, i) => (i % 2500 === 9 ? '{"call_id": 7, "status": "ABSENT/BUSY",}' : l)).join(',\n')}\n]\n`;
  const data = records.map((l, i) => ({ ...(JSON.parse(l) as object), legs: [{ leg: 1, at: i }, { leg: 2 }] }));
  return `\uFEFF${JSON.stringify({ opérateur: 'Zoë', status: 'OK', data }, null, 2).replace(/\n/g, '\r\n')}\r\n`;
}

beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'cdrlint.config.json'), JSON.stringify({ rules: { 'mixed-notation': 'warning' } }));
  writeFileSync(path.join(dir, 'big.csv'), bigCsv(20_000, false));
  writeFileSync(path.join(dir, 'big-bom.csv'), bigCsv(9_000, true));
  writeFileSync(path.join(dir, 'big.ndjson'), bigNdjson(20_000));
  writeFileSync(path.join(dir, 'big.json'), bigJson(20_000, false));
  writeFileSync(path.join(dir, 'pretty.json'), bigJson(3_000, true));
  // The middle of this file is inside one quoted field: the cut lands in it.
  const lines = Array.from({ length: 4000 }, (_, i) => `line ${i}`).join('\n');
  writeFileSync(path.join(dir, 'quoted.csv'), `call_id,status,sub_status,note\n1,ANSWERED,COMPLETE,"${lines}"\n2,ABSENT,BUSY,x\n2,ABSENT,NO_ANSWER,y\n`);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${dir}-many`, { recursive: true, force: true });
});

async function same(args: string[], cwd: string, expectDebug: RegExp, threads = '3', env: Record<string, string> = SPLIT): Promise<void> {
  const one = await run(['--concurrency', 'off', ...args], { cwd });
  const many = await run(['--concurrency', threads, ...args], { cwd, env });
  expect(many.stderr).toMatch(expectDebug);
  expect(many.code).toBe(one.code);
  expect(many.stdout).toBe(one.stdout);
  expect(many.stderr.replace(/^cdrlint: debug: .*\n/gm, '')).toBe(one.stderr);
}

describe('--concurrency', () => {
  it('a large CSV in parts: same output as one thread, in every format', async () => {
    for (const format of ['json', 'sarif', 'stylish']) {
      await same(['--format', format, '--summary', 'big.csv'], dir, /big\.csv: checked in 3 parts/);
    }
    await same(['--format', 'json', 'big-bom.csv'], dir, /big-bom\.csv: checked in 3 parts/);
    await same(['--quiet', '--max-warnings', '0', 'big.csv'], dir, /checked in 3 parts/);
  }, 120_000);

  it('--concurrency 1: a large file is checked in the main thread, not split', async () => {
    await same(['--format', 'json', '--summary', 'big.csv'], dir, /big\.csv: checked in the main thread/, '1');
  }, 60_000);

  it('a large NDJSON file in parts: same output as one thread', async () => {
    await same(['--format', 'json', '--summary', 'big.ndjson'], dir, /big\.ndjson: checked in 3 parts/);
  }, 60_000);

  it('a large JSON array in parts, one record per line or pretty-printed in an envelope: same output as one thread', async () => {
    await same(['--format', 'json', '--summary', 'big.json'], dir, /big\.json: checked in 3 parts/);
    await same(['--format', 'json', 'pretty.json'], dir, /pretty\.json: checked in 3 parts/);
  }, 60_000);

  it('a cut inside a quoted field: the file is checked again in one pass, same output', async () => {
    await same(['--format', 'json', 'quoted.csv'], dir, /quoted\.csv: a cut fell inside a record; checking in one pass/);
  }, 60_000);

  it('every fixture of the CLI and of core\'s rules, each in parts: same output as one thread', async () => {
    const files: string[] = [];
    for (const sub of ['valid', 'invalid', 'warnings', 'edge']) {
      for (const f of readdirSync(path.join(FIXTURES, sub))) if (/\.(csv|ndjson|json)$/.test(f)) files.push(path.join(FIXTURES, sub, f));
    }
    for (const rule of readdirSync(CORE_RULES)) {
      for (const f of readdirSync(path.join(CORE_RULES, rule))) if (/^invalid\.(csv|tsv|ndjson|json)$/.test(f)) files.push(path.join(CORE_RULES, rule, f));
    }
    let split = 0;
    for (const f of files) {
      const one = await run(['--concurrency', 'off', '--format', 'json', f]);
      const many = await run(['--concurrency', '2', '--format', 'json', f], { env: SPLIT });
      expect(many.stdout, f).toBe(one.stdout);
      expect(many.code, f).toBe(one.code);
      const parts = /checked in 2 parts/.test(many.stderr);
      if (parts) split++;
      // From four lines on, a fixture has a place to cut past the first part's larger share.
      if (readFileSync(f, 'utf8').split('\n').length > 4) expect(parts, f).toBe(true);
    }
    expect(split).toBeGreaterThan(15);
  }, 180_000);

  it('several files over a pool of threads: same output and exit code as one thread', async () => {
    await same(['--format', 'json', '--summary', '.'], dir, /6 files over 3 worker threads/);
    await same(['--format', 'stylish', 'valid', 'invalid', 'warnings'], FIXTURES, /files over 3 worker threads/);
  }, 120_000);

  it('a worker thread that stops: the file is checked in the main thread, same output', async () => {
    const crash = { ...SPLIT, CDRLINT_DEBUG: 'threads,worker-exit' };
    await same(['--format', 'json', 'big.csv'], dir, /big\.csv: a worker thread stopped; checking in the main thread/, '3', crash);
    const one = await run(['--concurrency', 'off', '--format', 'json', '.'], { cwd: dir });
    const many = await run(['--concurrency', '2', '--format', 'json', '.'], { cwd: dir, env: crash });
    expect(many.stdout).toBe(one.stdout);
    expect(many.code).toBe(one.code);
  }, 120_000);

  it('a part or a pooled file with more diagnostics than a worker may hold: checked again in one pass, same output', async () => {
    const few = { ...SPLIT, CDRLINT_MAX_HELD: '20' };
    await same(['--format', 'json', 'big.csv'], dir, /big\.csv: a part found \d+ diagnostics in the first [\d.]+ MB, too many to hold; checking in one pass/, '3', few);
    const one = await run(['--concurrency', 'off', '--format', 'json', '.'], { cwd: dir });
    const many = await run(['--concurrency', '2', '--format', 'json', '.'], { cwd: dir, env: few });
    expect(many.stderr).toMatch(/6 files over 2 worker threads/);
    expect(many.stderr).toMatch(/big\.csv: checked in the main thread/);
    expect(many.stdout).toBe(one.stdout);
    expect(many.code).toBe(one.code);
  }, 120_000);

  it('more files than the pool may hold ahead of the output: same output, in order', async () => {
    const many = `${dir}-many`;
    mkdirSync(many, { recursive: true });
    const rows = bigCsv(300, false).split('\r\n');
    for (let i = 0; i < 11; i++) writeFileSync(path.join(many, `f${String(i).padStart(2, '0')}.csv`), [rows[0], ...rows.slice(1 + i * 20, 21 + i * 20 + i * i)].join('\n'));
    await same(['--format', 'json', '--summary', '.'], many, /11 files over 2 worker threads/, '2');
    await same(['--format', 'stylish', '.'], many, /11 files over 2 worker threads/, '2');
  }, 120_000);

  it('rejects a bad --concurrency value with exit 2', async () => {
    const r = await run(['--concurrency', 'many', 'valid']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Invalid --concurrency 'many'");
  });
});
