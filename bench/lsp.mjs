#!/usr/bin/env node
// Language-server figures (issue 5, figure 6): the built server `packages/lsp/dist/bin.js --stdio`
// driven over stdio with vscode-jsonrpc, on a 100k-row CSV and NDJSON file (and JSON: --formats):
//   - time to first diagnostics after didOpen (push: publishDiagnostics; pull: textDocument/diagnostic)
//   - re-check after a one-line edit in the middle, p50/p95 over N edits: push latency (what the
//     user sees, includes the server's debounce) and pull latency (the re-check itself)
//   - typing and erasing in a row, a change a keystroke (in JSON many states are not valid JSON),
//     and rows added and removed
//   - hover and completion latency p50/p95 on a status / sub-status cell, and the code actions at
//     that cursor (what VS Code asks at every cursor move)
//   - after each of 40 more edits: the outline (VS Code's breadcrumbs) and the status colours of
//     the lines in view (this extension's request), p50/p95
//   - the server's memory (VmRSS, VmHWM) against the document size
// Each session is followed by the same session against bench/lib/null-server.mjs, a server that
// keeps the document and checks nothing: the floor that stdio JSON-RPC in Node sets, measured in
// the same spell of the machine (--no-floor to skip it).
// Skips cleanly when the server is not built. Every wait has a timeout.
//
//   node bench/lsp.mjs [--rows 100000] [--edits 200] [--requests 200] [--formats csv,ndjson] [--json OUT]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { dataPath, generate, GENERATOR_VERSION, HEADER } from './generate.mjs';
import { countLabel, parseArgs, parseCount } from './lib/args.mjs';
import { median, percentile } from './lib/measure.mjs';
import { ROOT } from './lib/taxonomy.mjs';

const DEFAULT_SERVER = join(ROOT, 'packages/lsp/dist/bin.js');
const NULL_SERVER = join(ROOT, 'bench/lib/null-server.mjs');
const LANGUAGE = { csv: 'csv', ndjson: 'jsonl', json: 'json' };
const STATUS_COL = HEADER.indexOf('status');
const SUB_COL = HEADER.indexOf('sub_status');

class Timeout extends Error {}
const withTimeout = (p, ms, what) => {
  let t;
  return Promise.race([p, new Promise((_, rej) => (t = setTimeout(() => rej(new Timeout(`timeout after ${ms} ms: ${what}`)), ms)))]).finally(() => clearTimeout(t));
};
const now = () => performance.now();

function procMem(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
    return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
  } catch {
    return { rssMB: NaN, hwmMB: NaN };
  }
}

async function ensureFile(rows, format, seed, shape) {
  const file = dataPath(rows, format, seed, shape);
  try {
    const m = JSON.parse(readFileSync(file + '.manifest.json', 'utf8'));
    if (m.generatorVersion === GENERATOR_VERSION && m.rows === rows && existsSync(file)) return file;
  } catch {
    // missing or stale: generate
  }
  await generate({ rows, format, seed, out: file, ...shape });
  return file;
}

/** The [start, end) character ranges of the status and sub-status values on one line. */
function cellsOf(s, format) {
  if (format === 'csv') {
    const cells = s.split(','); // a row whose cells hold commas has the wrong count and is skipped
    if (cells.length !== HEADER.length) return null;
    const startOf = (i) => cells.slice(0, i).reduce((a, c) => a + c.length + 1, 0);
    // The value inside a quoted cell (--quote all), so that an edit changes the value, not the quoting.
    const valueOf = (i) => {
      const a = startOf(i);
      const c = cells[i];
      return c.length >= 2 && c.startsWith('"') && c.endsWith('"') ? [a + 1, a + c.length - 1] : [a, a + c.length];
    };
    return { status: valueOf(STATUS_COL), sub: valueOf(SUB_COL) };
  }
  const find = (key) => {
    const k = s.indexOf(`"${key}":"`);
    if (k < 0) return null;
    const a = k + key.length + 4;
    return [a, s.indexOf('"', a)];
  };
  const st = find('status');
  const sub = find('sub_status');
  return st && sub ? { status: st, sub } : null;
}

/** Clean rows (no injected error) from the middle of the file on, for edits and requests. */
function middleRows(text, format, manifest, count) {
  const bad = new Set(manifest.errorLines.map(([l]) => l - 1));
  let line = Math.floor((manifest.rows + (format === 'csv' ? 1 : 0)) / 2);
  let off = 0;
  for (let l = 0; l < line; l++) off = text.indexOf('\n', off) + 1;
  const out = [];
  while (out.length < count && off > 0 && off < text.length) {
    const end = text.indexOf('\n', off);
    const s = text.slice(off, end === -1 ? text.length : end);
    const c = bad.has(line) ? null : cellsOf(s, format);
    if (c) out.push({ line, text: s, ...c });
    if (end === -1) break;
    off = end + 1;
    line++;
  }
  return out;
}

/**
 * Edit k of a sequence on these rows: even edits break a status value (ANSWERED -> ANSWERE:
 * unknown-status), odd edits restore it, two edits a row.
 */
function statusEdit(rows, k) {
  const r = rows[(k >> 1) % rows.length];
  const original = r.text.slice(r.status[0], r.status[1]);
  const broken = original.slice(0, -1);
  const [from, to] = k % 2 === 0 ? [original, broken] : [broken, original];
  return { range: { start: { line: r.line, character: r.status[0] }, end: { line: r.line, character: r.status[0] + from.length } }, text: to };
}

/**
 * Typing in one row, a change a keystroke, as VS Code sends them: in JSON and NDJSON a field
 * `,"note":"ok"` typed before the record's closing brace, with quotes closed as they are opened
 * (VS Code's auto-closing pairs: `"` inserts `""`, and typing the closing quote only moves the
 * cursor), then erased with backspace from its end (which leaves a string open on the way); in
 * CSV the status value erased with backspace, then typed again. Each row ends as it began.
 */
function typingEdits(row, format) {
  const at = (character) => ({ line: row.line, character });
  const insert = (c, text) => ({ range: { start: at(c), end: at(c) }, text });
  const backspace = (c) => ({ range: { start: at(c - 1), end: at(c) }, text: '' });
  if (format === 'csv') {
    const [a, b] = row.status;
    const value = row.text.slice(a, b);
    const erasing = [];
    for (let e = b; e > a; e--) erasing.push(backspace(e));
    return { erasing, typing: [...value].map((ch, i) => insert(a + i, ch)) };
  }
  const brace = row.text.lastIndexOf('}');
  // '""': a quote typed with its closing one, the cursor between them; null: the closing quote
  // typed over (the cursor moves, the text does not change).
  const keys = [',', '""', 'n', 'o', 't', 'e', null, ':', '""', 'o', 'k', null];
  const typing = [];
  let c = brace;
  for (const k of keys) {
    if (k !== null) typing.push(insert(c, k));
    c += k === null || k === '""' ? 1 : k.length;
  }
  const field = ',"note":"ok"';
  const erasing = [];
  for (let e = brace + field.length; e > brace; e--) erasing.push(backspace(e));
  return { typing, erasing };
}

/**
 * Rows added and removed after a row, as an editor sends them: a line break at its end, a copy of
 * the row pasted on the new line, three more pasted after it, then those three and that one
 * removed with their line breaks (each copy with a call id of its own). In JSON a row is a
 * record's line, its comma included.
 */
function rowEdits(row) {
  const at = (character, line = row.line) => ({ line, character });
  const copy = (k) => row.text.replace(/\d+/, (id) => `9${k}${id}`);
  const end = row.text.length;
  const three = [copy(2), copy(3), copy(4)].join('\n');
  return [
    { range: { start: at(end), end: at(end) }, text: '\n' },
    { range: { start: at(0, row.line + 1), end: at(0, row.line + 1) }, text: copy(1) },
    { range: { start: at(copy(1).length, row.line + 1), end: at(copy(1).length, row.line + 1) }, text: `\n${three}` },
    { range: { start: at(copy(1).length, row.line + 1), end: at(copy(4).length, row.line + 4) }, text: '' },
    { range: { start: at(end), end: at(copy(1).length, row.line + 1) }, text: '' },
  ];
}

async function session({ server, nodeArgs, file, format, mode, edits, requests, timeoutMs, budgetMs }) {
  const text = readFileSync(file, 'utf8');
  const manifest = JSON.parse(readFileSync(file + '.manifest.json', 'utf8'));
  const uri = pathToFileURL(file).href;
  const child = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const killTimer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  // A server that dies fails the session at once instead of running into every timeout.
  let expectExit = false;
  const died = exited.then(({ code, signal }) => {
    if (!expectExit) throw new Error(`server exited (code ${code}, signal ${signal}); stderr: ${stderr.trim().split('\n').slice(-3).join(' / ')}`);
  });
  died.catch(() => {});
  // A wait fails at once when the server dies. Not by Promise.race with a promise that stays
  // pending all session: every race stayed subscribed to it and kept its result alive, so this
  // client held every response (~330 KB each on the NDJSON file) and its own scavenges, up to
  // 60 ms, showed up as edit latency.
  let deadError;
  const failOnDeath = new Set();
  died.catch((e) => {
    deadError = e;
    for (const fail of failOnDeath) fail(e);
  });
  const wait = (p, ms, what) =>
    new Promise((resolve, reject) => {
      if (deadError) return reject(deadError);
      failOnDeath.add(reject);
      withTimeout(p, ms, what).then(resolve, reject).finally(() => failOnDeath.delete(reject));
    });
  const res = { format, mode, file: relative(ROOT, file), docMB: Buffer.byteLength(text) / 1e6, rows: manifest.rows };
  // Every publishDiagnostics resolves the waiter registered for its version (or any version).
  const waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri !== uri) return;
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w.version === undefined || p.version === undefined || p.version >= w.version) {
        waiters.splice(i, 1);
        w.resolve(p);
      }
    }
  });
  const nextPublish = (version) => new Promise((resolve) => waiters.push({ version, resolve }));
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('client/unregisterCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.onRequest('workspace/semanticTokens/refresh', () => null);
  conn.onNotification(() => {}); // logs, progress, telemetry: ignored
  conn.listen();
  try {
    const init = await wait(conn.sendRequest('initialize', {
      processId: process.pid, rootUri: pathToFileURL(ROOT).href, workspaceFolders: null,
      capabilities: {
        general: { positionEncodings: ['utf-16'] },
        window: { workDoneProgress: true },
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } },
          // As VS Code asks for the outline: a tree (records, and their fields under them).
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          ...(mode === 'pull' ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
      },
    }), 30_000, 'initialize');
    if (mode === 'pull' && !init.capabilities?.diagnosticProvider) {
      res.skip = 'server does not offer pull diagnostics';
      return res;
    }
    conn.sendNotification('initialized', {});
    const memBefore = procMem(child.pid);
    let version = 1;
    const pull = () => conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });

    // Time to first diagnostics.
    const t0 = now();
    const first = mode === 'push' ? nextPublish(version) : null;
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: LANGUAGE[format], version, text } });
    const firstDiags = mode === 'push' ? await wait(first, timeoutMs, 'first publishDiagnostics') : await wait(pull(), timeoutMs, 'first pull');
    res.firstDiagnosticsMs = now() - t0;
    res.firstDiagnosticsCount = (mode === 'push' ? firstDiags.diagnostics : firstDiags.items ?? []).length;
    // What every re-check sends again (the whole list), in KB of JSON.
    res.reportKB = JSON.stringify(mode === 'push' ? firstDiags.diagnostics : firstDiags.items ?? []).length / 1024;
    let resultId = mode === 'pull' ? firstDiags.resultId : undefined;
    res.memAfterOpen = procMem(child.pid);

    // One-line edits in the middle: even edits break a status value, odd edits restore it.
    const rowsToEdit = middleRows(text, format, manifest, Math.max(1, Math.ceil(edits / 2)));
    const lat = [];
    let counts = [];
    const editDeadline = now() + budgetMs; // a slow server gets fewer edits, never an endless run
    for (let k = 0; k < edits && rowsToEdit.length > 0 && now() < editDeadline; k++) {
      const change = statusEdit(rowsToEdit, k);
      version++;
      const t = now();
      const pending = mode === 'push' ? nextPublish(version) : null;
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      const d = mode === 'push' ? await wait(pending, 10_000, `publish after edit ${k}`) : await wait(pull(), 10_000, `pull after edit ${k}`);
      lat.push(now() - t);
      if (mode === 'pull') resultId = d.resultId;
      if (k < 4) counts.push((mode === 'push' ? d.diagnostics : d.items ?? []).length);
    }
    res.editMs = { n: lat.length, p50: percentile(lat, 50), p95: percentile(lat, 95), max: Math.max(...lat) };
    res.editSamplesMs = lat.map((x) => Math.round(x * 10) / 10); // in order, to see GC pauses and load spikes
    res.diagnosticCountsFirstEdits = counts; // must alternate: +1 error, back
    res.memAfterEdits = procMem(child.pid);

    // One change sent, timed to its diagnostics (pushed, or pulled at once).
    const timedChange = async (change, what) => {
      version++;
      const t = now();
      const pending = mode === 'push' ? nextPublish(version) : null;
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      const d = mode === 'push' ? await wait(pending, 30_000, `publish after ${what}`) : await wait(pull(), 30_000, `pull after ${what}`);
      if (mode === 'pull') resultId = d.resultId;
      return now() - t;
    };

    // Typing in a middle row, a change a keystroke (typingEdits), on two rows that the edits
    // above left alone.
    const typing = [];
    const erasing = [];
    const typeDeadline = now() + budgetMs;
    for (const row of middleRows(text, format, manifest, rowsToEdit.length + 2).slice(rowsToEdit.length)) {
      const keys = typingEdits(row, format);
      const phases = format === 'csv' ? [[keys.erasing, erasing], [keys.typing, typing]] : [[keys.typing, typing], [keys.erasing, erasing]];
      for (const [changes, into] of phases) {
        for (const change of changes) if (now() < typeDeadline) into.push(await timedChange(change, 'a keystroke'));
      }
    }
    const stats = (xs) => ({ n: xs.length, p50: percentile(xs, 50), p95: percentile(xs, 95), max: Math.max(...xs) });
    if (typing.length > 0) res.typingMs = stats(typing);
    if (erasing.length > 0) res.erasingMs = stats(erasing);

    // Rows added and removed (rowEdits) after four rows that the edits above left alone.
    const rowChanges = [];
    for (const row of middleRows(text, format, manifest, rowsToEdit.length + 6).slice(rowsToEdit.length + 2)) {
      for (const change of rowEdits(row)) if (now() < typeDeadline + budgetMs) rowChanges.push(await timedChange(change, 'a row edit'));
    }
    if (rowChanges.length > 0) res.rowsMs = stats(rowChanges);

    // Hover on a status cell and completion on a sub-status cell of middle rows.
    const spots = middleRows(text, format, manifest, 20);
    const hov = [];
    const comp = [];
    const act = [];
    // Pull: the document pulled again without a change (as after a refresh or on save), with the
    // resultId of the last report; a server that keeps no ids sends the whole list again.
    const repull = [];
    const repullKinds = new Set();
    let hoverSample = null;
    let completionCount = null;
    const reqDeadline = now() + budgetMs;
    for (let k = 0; k < requests && spots.length > 0 && now() < reqDeadline; k++) {
      const s = spots[k % spots.length];
      let t = now();
      const h = await wait(conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: s.line, character: s.status[0] + 1 } }), 10_000, 'hover');
      hov.push(now() - t);
      hoverSample ??= h ? JSON.stringify(h.contents).slice(0, 120) : null;
      t = now();
      const c = await wait(conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: s.line, character: s.sub[0] + 1 } }), 10_000, 'completion');
      comp.push(now() - t);
      completionCount ??= Array.isArray(c) ? c.length : c?.items?.length ?? 0;
      // What VS Code asks at every cursor move, for the light bulb: the actions at the cursor
      // (the null server has none).
      if (server !== NULL_SERVER) {
        t = now();
        const cursor = { line: s.line, character: s.status[0] + 1 };
        await wait(conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: cursor, end: cursor }, context: { diagnostics: [], triggerKind: 2 } }), 10_000, 'codeAction');
        act.push(now() - t);
      }
      if (mode === 'pull') {
        t = now();
        const r = await wait(conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, ...(resultId === undefined ? {} : { previousResultId: resultId }) }), 10_000, 're-pull');
        repull.push(now() - t);
        repullKinds.add(r?.kind);
      }
    }
    // What an editor asks after each edit besides the diagnostics: the outline (VS Code's
    // breadcrumbs) and the status colours of the visible lines (this extension). One edit, then
    // both requests; the null server answers neither.
    if (server !== NULL_SERVER) {
      const outline = [];
      const colours = [];
      for (let k = 0; k < Math.min(40, requests) && rowsToEdit.length > 0 && now() < reqDeadline + budgetMs; k++) {
        const change = statusEdit(rowsToEdit, k);
        const line = change.range.start.line;
        version++;
        conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
        let t = now();
        await wait(conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), 10_000, 'documentSymbol');
        outline.push(now() - t);
        t = now();
        await wait(conn.sendRequest('cdrlint/statusRanges', { uri, range: { start: { line: Math.max(0, line - 30), character: 0 }, end: { line: line + 30, character: 0 } } }), 10_000, 'statusRanges');
        colours.push(now() - t);
      }
      if (outline.length > 0) {
        res.outlineAfterEditMs = { n: outline.length, p50: percentile(outline, 50), p95: percentile(outline, 95), max: Math.max(...outline) };
        res.coloursAfterEditMs = { n: colours.length, p50: percentile(colours, 50), p95: percentile(colours, 95), max: Math.max(...colours) };
      }
    }
    res.hoverMs = { n: hov.length, p50: percentile(hov, 50), p95: percentile(hov, 95), max: Math.max(...hov) };
    res.completionMs = { n: comp.length, p50: percentile(comp, 50), p95: percentile(comp, 95), max: Math.max(...comp) };
    if (act.length > 0) res.codeActionMs = { n: act.length, p50: percentile(act, 50), p95: percentile(act, 95), max: Math.max(...act) };
    if (repull.length > 0) res.repullMs = { n: repull.length, p50: percentile(repull, 50), p95: percentile(repull, 95), max: Math.max(...repull), kinds: [...repullKinds] };
    res.hoverSample = hoverSample;
    res.completionItems = completionCount;
    res.memEnd = procMem(child.pid);
    res.memBaseline = memBefore;
    const docMiB = res.docMB / 1.048576; // memory is read in MiB, the document's size in MB
    res.openOverDoc = res.memAfterOpen.hwmMB / docMiB;
    res.rssOverDoc = res.memEnd.hwmMB / docMiB;
    // Growth over the idle server (measured after initialize): what the document itself costs.
    res.growthOverDoc = (res.memEnd.hwmMB - memBefore.rssMB) / docMiB;

    await wait(conn.sendRequest('shutdown'), 10_000, 'shutdown');
    expectExit = true;
    conn.sendNotification('exit');
    res.exit = await withTimeout(exited, 10_000, 'exit after shutdown');
  } catch (e) {
    res.error = e instanceof Error ? e.message : String(e);
    res.serverStderr = stderr.slice(-800);
    child.kill('SIGKILL');
  } finally {
    clearTimeout(killTimer);
    conn.dispose();
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  return res;
}

const ms = (x) => (x === undefined || Number.isNaN(x) ? '' : x.toFixed(1));

function markdown(out) {
  const L = [];
  L.push(`Server: \`${out.server}\`; up to ${out.edits} edits and ${out.requests} hover + completion requests per session (n below; fewer when the time budget runs out). Push latency includes the server's debounce; pull latency is the re-check itself.`, '');
  if (out.sessions.some((r) => r.floor)) L.push("Floor rows: the same session against `bench/lib/null-server.mjs`, a server that keeps the document and checks nothing (vscode-languageserver, as the real server). Its first diagnostics and its peak after open are what receiving and keeping the document over stdio JSON-RPC cost, the client's side included; \"over floor\" is what cdrlint's server adds to the first. Its edit, hover and completion latencies are in the JSON only, and its peak at end is no floor either: its document store (vscode-languageserver-textdocument) is slower on edits and leaves more garbage than cdrlint's.", '');
  L.push('| file | server | mode | doc MB | first diagnostics ms | over floor ms | edit→diagnostics p50 / p95 ms | hover p50 / p95 ms | completion p50 / p95 ms | server idle / peak after open / peak at end MB | peak after open / doc | peak at end / doc | (peak − idle) / doc | note |');
  L.push('|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|');
  for (const r of out.sessions) {
    const floor = r.floor ? undefined : out.sessions.find((f) => f.floor && f.file === r.file && f.mode === r.mode);
    const over = floor && r.firstDiagnosticsMs !== undefined && floor.firstDiagnosticsMs !== undefined ? ms(r.firstDiagnosticsMs - floor.firstDiagnosticsMs) : '';
    const counts = r.diagnosticCountsFirstEdits && !r.floor ? `diagnostics after first edits: ${r.diagnosticCountsFirstEdits.join(', ')} (first: ${r.firstDiagnosticsCount})` : '';
    const report = r.reportKB !== undefined && !r.floor ? `report ${r.reportKB.toFixed(0)} KB` : '';
    const repull = r.repullMs && !r.floor ? `re-pull without a change (${r.repullMs.kinds.join(', ')}) p50 / p95 ${ms(r.repullMs.p50)} / ${ms(r.repullMs.p95)} ms` : '';
    const afterEdit = r.outlineAfterEditMs && !r.floor ? `after an edit, outline p50 / p95 ${ms(r.outlineAfterEditMs.p50)} / ${ms(r.outlineAfterEditMs.p95)} ms, status colours ${ms(r.coloursAfterEditMs.p50)} / ${ms(r.coloursAfterEditMs.p95)} ms` : '';
    const typing = r.typingMs && !r.floor ? `a keystroke at a time: typing p50 / p95 ${ms(r.typingMs.p50)} / ${ms(r.typingMs.p95)} ms (n=${r.typingMs.n})${r.erasingMs ? `, erasing ${ms(r.erasingMs.p50)} / ${ms(r.erasingMs.p95)} ms (n=${r.erasingMs.n})` : ''}` : '';
    const rowsNote = r.rowsMs && !r.floor ? `rows added and removed p50 / p95 ${ms(r.rowsMs.p50)} / ${ms(r.rowsMs.p95)} ms (n=${r.rowsMs.n})` : '';
    const action = r.codeActionMs && !r.floor ? `code actions at the cursor p50 / p95 ${ms(r.codeActionMs.p50)} / ${ms(r.codeActionMs.p95)} ms` : '';
    const note = [r.skip, r.error, report, repull, typing, rowsNote, action, afterEdit, counts].filter(Boolean).join('; ').replace(/\|/g, '\\|');
    // A floor row's latencies are in the JSON only: its document store (vscode-languageserver-textdocument) is no floor for an edit.
    const edit = r.editMs && !r.floor ? `${ms(r.editMs.p50)} / ${ms(r.editMs.p95)} (n=${r.editMs.n})` : '';
    const hover = r.hoverMs && !r.floor ? `${ms(r.hoverMs.p50)} / ${ms(r.hoverMs.p95)} (n=${r.hoverMs.n})` : '';
    const completion = r.completionMs && !r.floor ? `${ms(r.completionMs.p50)} / ${ms(r.completionMs.p95)}` : '';
    L.push(`| ${r.file} | ${r.floor ? 'floor' : 'cdrlint'} | ${r.mode} | ${r.docMB.toFixed(1)} | ${ms(r.firstDiagnosticsMs)} | ${over} | ${edit} | ${hover} | ${completion} | ${r.memEnd ? `${r.memBaseline.rssMB.toFixed(0)} / ${r.memAfterOpen.hwmMB.toFixed(0)} / ${r.memEnd.hwmMB.toFixed(0)}` : ''} | ${r.openOverDoc ? r.openOverDoc.toFixed(1) + 'x' : ''} | ${r.rssOverDoc ? r.rssOverDoc.toFixed(1) + 'x' : ''} | ${r.growthOverDoc ? r.growthOverDoc.toFixed(1) + 'x' : ''} | ${note} |`);
  }
  L.push('', 'Targets (cdrlint rows): first diagnostics ≤ 1000 ms on 100k rows; re-check after a one-line edit ≤ 20 ms p95; hover and completion ≤ 5 ms p95; memory ≤ 4x the document size.');
  return L.join('\n');
}

async function main() {
  const a = parseArgs(process.argv.slice(2), { budget: 'string', rows: 'string', edits: 'string', requests: 'string', formats: 'string', modes: 'string', json: 'string', seed: 'string', server: 'string', 'node-args': 'string', timeout: 'string', ids: 'string', quote: 'string', eol: 'string', 'no-floor': 'boolean', help: 'boolean' });
  if (a.help) {
    console.log('usage: node bench/lsp.mjs [--rows 100000] [--edits 200] [--requests 200] [--formats csv,ndjson] [--modes push,pull] [--server FILE] [--node-args "--cpu-prof ..."] [--json OUT] [--timeout S] [--budget S] [--no-floor] [--ids uuid] [--quote all] [--eol crlf]\n  --budget S: time budget per session for the edits and for the requests (default 60); fewer are made when the server is slow\n  --no-floor: skip the sessions against bench/lib/null-server.mjs\n  --ids, --quote, --eol: the shape of the file, as in bench/generate.mjs (--quote and --eol: CSV only)');
    return;
  }
  const server = a.server ?? DEFAULT_SERVER;
  const rows = parseCount(a.rows ?? '100000');
  const seed = Number(a.seed ?? 42);
  const shape = { ids: a.ids, quote: a.quote, eol: a.eol };
  const out = {
    date: new Date().toISOString(), server: relative(ROOT, server), rows, machine: `${os.cpus()[0]?.model}, ${os.cpus().length} CPUs, Node ${process.version}`,
    edits: parseCount(a.edits ?? '200'), requests: parseCount(a.requests ?? '200'), sessions: [],
  };
  if (!existsSync(server)) {
    out.skip = `${relative(ROOT, server)} does not exist yet (build the language server first)`;
    console.error(`skipped: ${out.skip}`);
  } else {
    for (const format of (a.formats ?? 'csv,ndjson').split(',')) {
      const file = await ensureFile(rows, format, seed, format === 'csv' ? shape : { ids: shape.ids });
      for (const mode of (a.modes ?? 'push,pull').split(',')) {
        for (const floor of a['no-floor'] ? [false] : [false, true]) {
          console.error(`lsp: ${format} ${mode}${floor ? ' (floor: null server)' : ''} ...`);
          const r = await session({ server: floor ? NULL_SERVER : server, nodeArgs: floor ? [] : (a['node-args'] ?? '').split(' ').filter(Boolean), file, format, mode, edits: out.edits, requests: out.requests, timeoutMs: Number(a.timeout ?? 300) * 1000, budgetMs: Number(a.budget ?? 60) * 1000 });
          if (floor) r.floor = true;
          console.error(`  ${JSON.stringify({ first: r.firstDiagnosticsMs, edit: r.editMs, hover: r.hoverMs, completion: r.completionMs, codeAction: r.codeActionMs, typing: r.typingMs, erasing: r.erasingMs, rows: r.rowsMs, outlineAfterEdit: r.outlineAfterEditMs, coloursAfterEdit: r.coloursAfterEditMs, mem: r.memEnd, error: r.error, skip: r.skip })}`);
          out.sessions.push(r);
        }
      }
    }
  }
  out.markdown = out.skip ? `Skipped: ${out.skip}.` : markdown(out);
  if (a.json) {
    writeFileSync(a.json, JSON.stringify(out, null, 2) + '\n');
  } else {
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'lsp-latest.json'), JSON.stringify(out, null, 2) + '\n');
    writeFileSync(join(dir, 'lsp-latest.md'), `# cdrlint language server benchmark (${countLabel(rows)} rows)\n\n- Date: ${out.date}\n- Machine: ${out.machine}\n\n${out.markdown}\n`);
    console.error('wrote bench/results/lsp-latest.md and lsp-latest.json');
  }
  // Nothing may keep the process alive (a stuck server was killed above).
  process.exit(0);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(2);
});
