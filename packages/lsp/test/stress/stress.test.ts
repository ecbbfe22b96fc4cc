// Stress: 10,000 random requests and notifications (valid and malformed) against the built server.
// The server must answer every request (a result or a JSON-RPC error with a numeric code), never
// exit, still work afterwards, and not grow its memory without bound.
// Replay a failure with CDRLINT_STRESS_SEED=<seed printed in the failure> npx vitest run test/stress.

import { readFileSync } from 'node:fs';
import { getStatus } from '@cdrlint/core';
import { CancellationTokenSource } from 'vscode-jsonrpc/node.js';
import type { Hover } from 'vscode-languageserver-protocol';
import { afterAll, expect, it } from 'vitest';
import { fixtureText, positionOf, TestClient, withTimeout } from '../helpers/lsp-client.js';
import { DOC_URIS, generateOperations, type Operation } from './operations.js';

const SEED = Number(process.env.CDRLINT_STRESS_SEED ?? 20261127);
const OPERATIONS = 10_000;
const MAX_IN_FLIGHT = 50;
/** Per request: generous for a loaded 2-core machine; a passing run never waits for it. */
const REQUEST_TIMEOUT_MS = 20_000;
const RSS_GROWTH_LIMIT_KB = 150 * 1024;

/** Resident memory of a process, from /proc (Linux); undefined elsewhere. */
function rssKb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

let client: TestClient | undefined;
afterAll(async () => {
  await client?.stop().catch(() => undefined);
});

it(`survives ${OPERATIONS} random requests and notifications (seed ${SEED})`, { timeout: 110_000 }, async () => {
  const ops = generateOperations(SEED, OPERATIONS);
  // CDRLINT_STRESS_SERVER: another built bin.js (e.g. a patched copy), to check a fix before building it.
  const c = process.env.CDRLINT_STRESS_SERVER ? TestClient.start([process.execPath, process.env.CDRLINT_STRESS_SERVER, '--stdio']) : TestClient.start();
  client = c;
  let exit: string | undefined;
  c.child.on('exit', (code, signal) => (exit = `code ${code} signal ${signal}`));
  const conn = c.connection;
  await c.initialize();

  // Baseline memory: after initialize and one open/analysis/close.
  const probe = 'file:///stress/probe.csv';
  await c.openAndWait(probe, fixtureText('calls.csv'));
  await c.close(probe);
  await c.request('textDocument/hover', { textDocument: { uri: probe }, position: { line: 0, character: 0 } });
  const pid = c.child.pid!;
  const baselineKb = rssKb(pid);

  const stats = { notifications: 0, requests: 0, cancelled: 0, results: 0, errors: new Map<number, number>() };
  const failures: string[] = [];
  const slowest = { ms: 0, what: '' };
  const started = Date.now();

  const send = async (i: number, op: Extract<Operation, { kind: 'request' }>): Promise<void> => {
    const source = op.cancel ? new CancellationTokenSource() : undefined;
    const t0 = Date.now();
    try {
      // sendRequest throws (not rejects) once the connection is closed.
      const pending = source ? conn.sendRequest(op.method, op.params, source.token) : conn.sendRequest(op.method, op.params);
      if (source) {
        stats.cancelled++;
        // Cancel once the request is on the wire: the server sees $/cancelRequest right behind it.
        setImmediate(() => source.cancel());
      }
      await withTimeout(pending, REQUEST_TIMEOUT_MS, `op #${i} ${op.method}`);
      stats.results++;
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'number' && Number.isInteger(code)) stats.errors.set(code, (stats.errors.get(code) ?? 0) + 1);
      else failures.push(`op #${i} ${op.method} ${JSON.stringify(op.params)?.slice(0, 200)}: ${String(e)}`);
    } finally {
      source?.dispose();
      const ms = Date.now() - t0;
      if (ms > slowest.ms) Object.assign(slowest, { ms, what: `op #${i} ${op.method}` });
    }
  };

  const inFlight = new Set<Promise<void>>();
  let lastOp = -1;
  for (const [i, op] of ops.entries()) {
    if (exit) break;
    lastOp = i;
    if (op.kind === 'notify') {
      await conn.sendNotification(op.method, op.params);
      stats.notifications++;
      continue;
    }
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    stats.requests++;
    const p: Promise<void> = send(i, op).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  const runMs = Date.now() - started;
  expect(exit, `server exited (${exit}) after op #${lastOp} ${JSON.stringify(ops[lastOp])?.slice(0, 300)}, seed ${SEED}; logs:\n${c.logs.filter((l) => !/ failed: /.test(l)).slice(-10).join('\n')}`).toBeUndefined();

  // Close every document of the run, then check a fresh document still gets diagnostics and a hover.
  for (const uri of DOC_URIS) await c.close(uri);
  const fresh = 'file:///stress/fresh.csv';
  const valid = fixtureText('valid.csv');
  const diagnostics = await c.openAndWait(fresh, valid);
  const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: fresh }, position: positionOf(valid, ',ANSWERED,', 3) });
  await c.close(fresh);
  await c.request('textDocument/hover', { textDocument: { uri: fresh }, position: { line: 0, character: 0 } });
  const afterKb = rssKb(pid);

  const failedHandlers = c.logs.filter((l) => / failed: /.test(l));
  const report = {
    seed: SEED,
    operations: ops.length,
    notifications: stats.notifications,
    requests: stats.requests,
    cancelledByClient: stats.cancelled,
    results: stats.results,
    errorsByCode: Object.fromEntries([...stats.errors].sort((a, b) => a[0] - b[0])),
    failures: failures.length,
    runMs,
    slowestRequest: slowest,
    rssBaselineMb: baselineKb === undefined ? undefined : +(baselineKb / 1024).toFixed(1),
    rssAfterMb: afterKb === undefined ? undefined : +(afterKb / 1024).toFixed(1),
    handlerFailuresLogged: failedHandlers.length,
  };
  console.log(`lsp stress: ${JSON.stringify(report)}`);
  for (const l of [...new Set(failedHandlers.map((l) => l.split('\n').slice(0, 3).join(' | ')))].slice(0, 10)) console.log(`  server log: ${l}`);

  const ctx = `seed ${SEED} (replay: CDRLINT_STRESS_SEED=${SEED})`;
  expect(exit, `server exited during the run, ${ctx}; stderr/logs:\n${c.logs.slice(-20).join('\n')}`).toBeUndefined();
  expect(failures, `requests without a proper answer, ${ctx}`).toEqual([]);
  expect(stats.requests + stats.notifications, ctx).toBe(OPERATIONS);
  expect(stats.results + [...stats.errors.values()].reduce((a, b) => a + b, 0), ctx).toBe(stats.requests);
  expect(c.alive, ctx).toBe(true);
  expect(diagnostics, ctx).toEqual([]);
  expect(hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '', ctx).toContain(getStatus('ANSWERED')!.doc);
  if (baselineKb !== undefined && afterKb !== undefined) expect(afterKb, `RSS after the run (kB), ${ctx}`).toBeLessThan(baselineKb + RSS_GROWTH_LIMIT_KB);
});
