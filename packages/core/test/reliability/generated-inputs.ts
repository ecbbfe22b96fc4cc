// Adversarial inputs too big to commit, generated at run time. expected.json (fixtures/adversarial)
// says what each must give; corpus.test.ts checks it.

const MB = 1 << 20;

/** Distinct keys that all normalise to `status` (case, and `_`, `-`, ` ` anywhere): n of them. */
export function statusKeyVariants(n: number): string[] {
  const seps = ['', '_', '-', ' '];
  const letters = 'status';
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    let k = i;
    let s = '';
    for (let j = 0; j < letters.length; j++) {
      s += seps[k & 3];
      k >>= 2;
      s += k & 1 ? letters[j].toUpperCase() : letters[j];
      k >>= 1;
    }
    s += seps[k & 3];
    out.push(s);
  }
  return out;
}

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

/** A generated document: its text and the name it is linted under (which implies the format). */
export interface Generated {
  fileName: string;
  text: string;
}

function duplicateColumns(n: number): Generated {
  return { fileName: 'x.csv', text: `${Array(n).fill('status').join(',')}\n${Array(n).fill('ANSWERED').join(',')}\n` };
}

function duplicateKeys(n: number): Generated {
  const keys = statusKeyVariants(n);
  return { fileName: 'x.json', text: `[{${keys.map((k, i) => `${JSON.stringify(k)}:${i === 0 ? '"ANSWERED"' : i}`).join(',')},"sub_status":"COMPLETE"}]` };
}

/**
 * Smaller versions of the generated inputs whose cost grows with a count (columns, keys): timed
 * at n and 4n before the full size runs, so that a quadratic path fails in seconds, not hangs.
 */
export const PRECHECKS: Record<string, (n: number) => Generated> = {
  'duplicate-columns-100k.csv': duplicateColumns,
  'duplicate-keys-100k.json': duplicateKeys,
};

export const GENERATORS: Record<string, () => Generated> = {
  'single-line-50mb.csv': () => ({ fileName: 'x.csv', text: `call_id,status,${'x'.repeat(50 * MB)}` }),
  'single-line-50mb.ndjson': () => ({
    fileName: 'x.ndjson',
    text: `{"call_id":"c1","status":"ANSWERED","sub_status":"COMPLETE","customer_field":"${'x'.repeat(50 * MB)}"}`,
  }),
  'single-line-50mb.json': () => {
    // Minified: ~50,000 records of 1 KiB on one line.
    const rec = (i: number) => `{"call_id":"c${i}","status":"ABSENT","sub_status":"BUSY","customer_field":"${'y'.repeat(950)}"}`;
    const n = Math.floor((50 * MB) / rec(0).length);
    return { fileName: 'x.json', text: `[${Array.from({ length: n }, (_, i) => rec(i)).join(',')}]` };
  },
  'unclosed-quote-20mb.csv': () => ({ fileName: 'x.csv', text: `status,sub_status\nANSWERED,"${'z'.repeat(20 * MB)}` }),
  'columns-100k.csv': () => {
    const names = Array.from({ length: 100_000 }, (_, i) => `c${i}`);
    const cells = Array.from({ length: 100_000 }, (_, i) => `${i}`);
    return { fileName: 'x.csv', text: `status,sub_status,${names.join(',')}\nANSWERED,COMPLETE,${cells.join(',')}\nABSENT,BUSY,1,2\n` };
  },
  'duplicate-columns-100k.csv': () => duplicateColumns(100_000),
  'duplicate-keys-100k.json': () => duplicateKeys(100_000),
  'nested-100k-array.json': () => ({ fileName: 'x.json', text: deep(100_000) }),
  'nested-100k-unclosed.json': () => ({ fileName: 'x.json', text: `[{"status":"ANSWERED","x":${'['.repeat(100_000)}` }),
  'nested-100k-objects.json': () => ({ fileName: 'x.json', text: `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}` }),
  'nested-100k-in-record.json': () => ({
    fileName: 'x.json',
    text: `[{"call_id":"c1","status":"ANSWERED","sub_status":"COMPLETE","extra":${deep(100_000)}},\n{"call_id":"c2","status":"ABSENT","sub_status":"BUSY"}]`,
  }),
  'nested-100k-in-record.ndjson': () => ({
    fileName: 'x.ndjson',
    text: `{"call_id":"c1","status":"ANSWERED","sub_status":"COMPLETE","extra":${deep(100_000)}}\n{"call_id":"c2","status":"ABSENT","sub_status":"BUSY"}\n`,
  }),
  'nested-100k-values.ndjson': () => ({
    fileName: 'x.ndjson',
    text: `{"call_id":${deep(100_000)},"status":"ANSWERED","sub_status":"COMPLETE","duration":${deep(100_000)},"billing_customer_debit_eur":${deep(100_000)},"hangup_cause":${deep(100_000)}}\n{"call_id":"c2","status":${deep(100_000)}}\n`,
  }),
  'status-10k.csv': () => ({ fileName: 'x.csv', text: `status,sub_status\n${'A'.repeat(10_000)},COMPLETE\n` }),
  'status-10k-list.csv': () => ({ fileName: 'x.csv', text: `status,sub_status\n"${'ANSWERED,'.repeat(1112)}",COMPLETE\n` }),
  'status-10k.json': () => ({ fileName: 'x.json', text: `[{"status":"${'é'.repeat(10_000)}","sub_status":"COMPLETE"}]` }),
  'sub-status-10k.ndjson': () => ({ fileName: 'x.ndjson', text: `{"status":"ANSWERED","sub_status":"${'COMPLETE_'.repeat(1112)}"}\n` }),
  'ndjson-long-first-line.json': () => ({
    fileName: 'x.json',
    text: `{"call_id":"c1","status":"ANSWERED","sub_status":"COMPLETE","customer_field":"${'x'.repeat(10_000)}"}\n{"call_id":"c2","status":"ABSENT","sub_status":"BUSY"}\n`,
  }),
  'blank-lines-100k.csv': () => ({ fileName: 'x.csv', text: `status,sub_status\n${'\r\n'.repeat(100_000)}ANSWERED,COMPLETE\n` }),
};

/** Families of pathological documents of size ~n for the linearity checks (lintText and streaming). */
export const SCALABLE: Record<string, { fileName: string; make: (n: number) => string }> = {
  'csv: quotes': { fileName: 'x.csv', make: (n) => `status\n${'"'.repeat(n)}` },
  'csv: escaped quotes in one cell': { fileName: 'x.csv', make: (n) => `status\n"${'""'.repeat(n >> 1)}` },
  'csv: empty cells': { fileName: 'x.csv', make: (n) => `status,sub_status\n${','.repeat(n >> 1)}\n` },
  'csv: lone CRs': { fileName: 'x.csv', make: (n) => `status\r${'\r'.repeat(n >> 2)}` },
  'csv: text after closing quotes': { fileName: 'x.csv', make: (n) => `status\n${'"a"b,'.repeat(n >> 3)}` },
  'csv: one long line': { fileName: 'x.csv', make: (n) => `status,${'x'.repeat(n)}` },
  'csv: duplicate columns': { fileName: 'x.csv', make: (n) => `${Array(Math.max(1, n >> 4)).fill('Status_').join(',')}\n` },
  'csv: many short rows with errors': { fileName: 'x.csv', make: (n) => `status,sub_status,duration\n${'answered,COMPLETE,-1\n'.repeat(Math.max(1, n >> 6))}` },
  'ndjson: open braces': { fileName: 'x.ndjson', make: (n) => '{'.repeat(n) },
  'ndjson: backslashes in a string': { fileName: 'x.ndjson', make: (n) => `{"status":"${'\\'.repeat(n)}` },
  'ndjson: many keys mapping to status': { fileName: 'x.ndjson', make: (n) => `{${statusKeyVariants(Math.max(1, n >> 6)).map((k) => `${JSON.stringify(k)}:1`).join(',')}}\n` },
  'json: open brackets': { fileName: 'x.json', make: (n) => '['.repeat(n) },
  'json: nested objects': { fileName: 'x.json', make: (n) => '{"a":'.repeat(Math.max(1, n / 5)) },
  'json: escaped quotes': { fileName: 'x.json', make: (n) => `[{"status":"${'\\"'.repeat(n >> 1)}` },
  'json: empty objects': { fileName: 'x.json', make: (n) => `[${'{},'.repeat(Math.max(1, n / 6))}` },
  'json: unterminated strings': { fileName: 'x.json', make: (n) => `[${'"a\n'.repeat(Math.max(1, n / 3))}` },
  'json: long status': { fileName: 'x.json', make: (n) => `[{"status":"${'ANSWERED;'.repeat(Math.max(1, n / 9))}"}]` },
};
