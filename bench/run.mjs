#!/usr/bin/env node
// Benchmark suite (issue 5), entry of `npm run bench`. Every figure measures whole processes side
// by side in the same run: a warm-up pass, then N rounds interleaved over the entries, reporting
// median/min/max wall time, CPU time, MB/s, rows/s and peak RSS. Writes bench/results/latest.md
// and latest.json. Figures whose binary does not exist yet (cdrlint CLI, language server, the
// generated record schema) are skipped with a note, never failed.
//
//   node bench/run.mjs [--rows 1000000] [--rounds 3] [--quick] [--only csv,peers] [--peer-rows 100k]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { dataPath, generate, GENERATOR_VERSION } from './generate.mjs';
import { countLabel, parseArgs, parseCount } from './lib/args.mjs';
import { HAVE_GNU_TIME, median, runMeasured } from './lib/measure.mjs';
import { ROOT } from './lib/taxonomy.mjs';
import { millerArgs, millerDsl } from './peers/mlr-checks.mjs';

const BENCH = join(ROOT, 'bench');
const CLI = join(ROOT, 'packages/cli/dist/bin.js');
const LSP = join(ROOT, 'packages/lsp/dist/bin.js');
const DEFAULT_SCHEMA = join(ROOT, 'packages/core/schema/cdr-record.schema.json');
const NODE = process.execPath;
const PYTHON = '/usr/bin/python3'; // Debian's python: the python3-jsonschema packages install there
const ALL_FIGURES = ['csv', 'ndjson', 'json', 'scaling', 'parallel', 'peers', 'rss10m', 'flood', 'shapes', 'lsp'];
const ALIASES = { baseline: ['csv', 'ndjson', 'json'] };

const rel = (p) => relative(ROOT, p);
const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
const has = (cmd) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const pyHas = (mod) => {
  try {
    execFileSync(PYTHON, ['-c', `import ${mod}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

function options() {
  const a = parseArgs(process.argv.slice(2), {
    rows: 'string', rounds: 'string', quick: 'boolean', only: 'string', seed: 'string', 'peer-rows': 'string',
    timeout: 'string', schema: 'string', warmup: 'string', results: 'string', help: 'boolean',
  });
  if (a.help) {
    console.log(`usage: node bench/run.mjs [options]
  --rows N         rows of the main files (default 1000000; 10k/1m suffixes ok)
  --rounds N       measured rounds per entry after the warm-up (default 3)
  --warmup N       warm-up runs per entry (default 1)
  --quick          smoke run: 100k rows, 1 round
  --only LIST      figures, comma separated: ${ALL_FIGURES.join(', ')} (baseline = csv,ndjson,json)
  --peer-rows N    rows of the files Miller and the python validators run on (default: --rows)
  --seed N         generator seed (default 42)
  --timeout S      per-process timeout in seconds (default 600)
  --schema FILE    record schema for the python peers (default packages/core/schema/cdr-record.schema.json)
  --results DIR    where latest.md / latest.json go (default bench/results)`);
    process.exit(0);
  }
  const quick = a.quick === true;
  const rows = a.rows ? parseCount(a.rows) : quick ? 100_000 : 1_000_000;
  const only = a.only ? new Set(a.only.split(',').flatMap((f) => ALIASES[f] ?? [f])) : null;
  for (const f of only ?? []) if (!ALL_FIGURES.includes(f)) throw new Error(`unknown figure ${f} (${ALL_FIGURES.join(', ')})`);
  return {
    quick, rows, only,
    rounds: a.rounds ? parseCount(a.rounds) : quick ? 1 : 3,
    warmup: a.warmup ? parseCount(a.warmup) : 1,
    seed: Number(a.seed ?? 42),
    peerRows: a['peer-rows'] ? parseCount(a['peer-rows']) : rows,
    timeoutS: Number(a.timeout ?? 600),
    schema: a.schema ?? DEFAULT_SCHEMA,
    results: a.results ?? join(BENCH, 'results'),
    argv: process.argv.slice(2).join(' '),
  };
}

/**
 * Returns the path of a generated file, generating it (or regenerating a stale one) first.
 * `shape`: how the same records are written ({ids: 'uuid', quote: 'all', eol: 'crlf'}, see generate.mjs).
 */
async function ensureData(rows, format, seed, log, errorRate = undefined, shape = {}) {
  const { ids = 'number', quote = 'minimal', eol = 'lf' } = shape;
  const file = dataPath(rows, format, seed, { errorRate, ids, quote, eol });
  const manifestFile = file + '.manifest.json';
  if (existsSync(file) && existsSync(manifestFile)) {
    try {
      const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
      if (m.generatorVersion === GENERATOR_VERSION && m.rows === rows && m.seed === seed && m.errorRate === (errorRate ?? 0.005) && (m.ids ?? 'number') === ids && (m.quote ?? 'minimal') === quote && (m.eol ?? 'lf') === eol && !m.indent && m.bytes === statSync(file).size) {
        return { file, manifestFile, bytes: m.bytes, rows, injected: m.injectedTotal };
      }
    } catch {
      // unreadable manifest: regenerate
    }
  }
  log(`generating ${rel(file)} ...`);
  const s = await generate({ rows, format, seed, out: file, ids, quote, eol, ...(errorRate === undefined ? {} : { errorRate }) });
  log(`  ${s.rows} rows, ${(s.bytes / 1e6).toFixed(1)} MB in ${(s.ms / 1000).toFixed(1)} s`);
  return { file, manifestFile, bytes: s.bytes, rows, injected: s.injectedTotal };
}

/** Checks cdrlint's JSON output against the generator's manifest: recall per rule, messages elsewhere. */
function analyzeCdrlint(stdoutFile, manifestFile) {
  try {
    const out = JSON.parse(readFileSync(stdoutFile, 'utf8'));
    const man = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const results = Array.isArray(out) ? out : [];
    const msgs = results.flatMap((r) => r.messages ?? []);
    const at = new Set(msgs.map((m) => `${m.line}:${m.ruleId}`));
    const injectedLines = new Set(man.errorLines.map(([l]) => l));
    const missed = {};
    let caught = 0;
    for (const [line, rule] of man.errorLines) {
      if (at.has(`${line}:${rule}`)) caught++;
      else missed[rule] = (missed[rule] ?? 0) + 1;
    }
    const elsewhere = {};
    for (const m of msgs) if (!injectedLines.has(m.line)) elsewhere[m.ruleId ?? 'null'] = (elsewhere[m.ruleId ?? 'null'] ?? 0) + 1;
    return {
      messages: msgs.length,
      errorCount: results.reduce((a, r) => a + (r.errorCount ?? 0), 0),
      warningCount: results.reduce((a, r) => a + (r.warningCount ?? 0), 0),
      injected: man.errorLines.length, caught, recall: +(caught / Math.max(1, man.errorLines.length)).toFixed(3),
      missedByRule: missed,
      // Messages on rows with no injected error: false positives, or a rule reporting on the
      // first occurrence (duplicate-call-id). Worth a look either way.
      messagesOnCleanRowsByRule: elsewhere,
    };
  } catch (e) {
    return { error: `could not read cdrlint output: ${e instanceof Error ? e.message : e}` };
  }
}

function stdoutHead(file) {
  try {
    return readFileSync(file, 'utf8').slice(0, 300).trim();
  } catch {
    return '';
  }
}

/** Runs a figure: warm-up, then rounds interleaved over the entries, within the figure's deadline. */
async function runFigure(fig, opts, tmpDir, log) {
  const runnable = fig.entries.filter((e) => !e.skip);
  const deadline = Date.now() + (fig.timeoutS ?? opts.timeoutS * 4) * 1000;
  const remainingMs = () => deadline - Date.now();
  for (const e of fig.entries) {
    e.runs = [];
    e.failures = [];
    e.notes ??= [];
  }
  const once = async (e, label) => {
    if (remainingMs() <= 0) {
      e.notes.push(`figure time budget used up: ${label} not run`);
      return null;
    }
    const r = await runMeasured({
      cmd: e.cmd, tmpDir, tag: `${fig.id}-${e.id}`, ...(e.env ? { env: e.env } : {}),
      timeoutMs: Math.max(1000, Math.min(opts.timeoutS * 1000, remainingMs())),
    });
    const ok = !r.timedOut && (e.okExit ?? [0]).includes(r.exitCode ?? -1);
    log(`  ${fig.id} ${e.id} ${label}: ${r.wallS.toFixed(3)} s, ${r.rssKB ? (r.rssKB / 1024).toFixed(0) + ' MB' : '? MB'}${ok ? '' : ` FAILED (exit ${r.exitCode}${r.signal ? ' ' + r.signal : ''}${r.timedOut ? ', timeout' : ''})`}`);
    if (!ok) {
      e.failures.push({ label, exitCode: r.exitCode, signal: r.signal, timedOut: r.timedOut, stderr: r.stderrTail });
      return null;
    }
    return r;
  };
  for (const e of runnable) {
    if (e.warmup === false) continue;
    for (let w = 0; w < opts.warmup; w++) await once(e, `warm-up ${w + 1}`);
  }
  for (let round = 1; round <= (fig.rounds ?? opts.rounds); round++) {
    for (const e of runnable) {
      if (e.failures.length > 0 && e.failures.at(-1).timedOut) continue; // one timeout is enough
      const r = await once(e, `round ${round}`);
      if (r) {
        e.runs.push({ wallS: r.wallS, rssKB: r.rssKB, userS: r.userS, sysS: r.sysS, exitCode: r.exitCode });
        e.lastStdout = r.stdoutFile;
      }
    }
  }
  for (const e of runnable) {
    if (e.lastStdout) {
      e.output = stdoutHead(e.lastStdout);
      if (e.analyze) e.analysis = e.analyze(e.lastStdout);
    }
    if (e.runs.length > 0) {
      const walls = e.runs.map((r) => r.wallS);
      const rss = e.runs.map((r) => r.rssKB).filter((x) => x !== null);
      const cpu = e.runs.filter((r) => r.userS !== null).map((r) => r.userS + r.sysS);
      const med = median(walls);
      e.stats = {
        rounds: e.runs.length,
        medianS: med, minS: Math.min(...walls), maxS: Math.max(...walls),
        cpuMedianS: cpu.length ? median(cpu) : null,
        mbPerS: e.bytes ? e.bytes / 1e6 / med : null,
        rowsPerS: e.rows ? e.rows / med : null,
        usPerRow: e.rows ? (med / e.rows) * 1e6 : null,
        peakRssMB: rss.length ? Math.max(...rss) / 1024 : null,
      };
    }
  }
  for (const e of runnable) {
    const ref = fig.entries.find((x) => x.id === (e.ref ?? fig.ref));
    if (e.stats && ref?.stats && ref !== e) {
      e.stats.ratio = e.stats.medianS / ref.stats.medianS;
      e.stats.ratioTo = ref.label;
      if (e.stats.cpuMedianS && ref.stats.cpuMedianS) e.stats.cpuRatio = e.stats.cpuMedianS / ref.stats.cpuMedianS;
    }
    if (e.target && e.stats) {
      const t = e.target;
      const pass = (t.maxRatio === undefined || (e.stats.ratio !== undefined && e.stats.ratio <= t.maxRatio))
        && (t.minRatio === undefined || (e.stats.ratio !== undefined && e.stats.ratio >= t.minRatio))
        && (t.maxRssMB === undefined || (e.stats.peakRssMB !== null && e.stats.peakRssMB <= t.maxRssMB));
      e.targetMet = pass;
    }
  }
  fig.after?.(fig);
}

const cdrlintCmd = (files) => [NODE, CLI, '--format', 'json', ...files];
const node = (script, ...args) => [NODE, join(BENCH, script), ...args];
const pinned = (cmd) => (has('taskset') ? ['taskset', '-c', '0', ...cmd] : null);
const CLI_MISSING = 'skipped: packages/cli/dist/bin.js does not exist yet (build the CLI first)';
const PARSE_ONLY = { csv: ['baselines/udsv-csv.mjs', 'udsv streaming parse-only'], ndjson: ['baselines/ndjson-parse.mjs', 'JSON.parse per line'], json: ['baselines/json-parse.mjs', 'JSON.parse whole file'] };
const TARGET = { csv: 1.0, ndjson: 1.2, json: 1.5 };

async function buildFigures(opts, log) {
  const haveCli = existsSync(CLI);
  const want = (id) => !opts.only || opts.only.has(id);
  const figs = [];

  for (const fmt of ['csv', 'ndjson', 'json']) {
    if (!want(fmt)) continue;
    const d = await ensureData(opts.rows, fmt, opts.seed, log);
    const base = { file: rel(d.file), bytes: d.bytes, rows: d.rows };
    const [script, label] = PARSE_ONLY[fmt];
    const entries = [
      { id: 'floor', label: 'floor: read + count newlines', cmd: node('baselines/floor.mjs', d.file), ...base },
      { id: 'parse', label, cmd: node(script, d.file), ...base },
    ];
    if (fmt === 'csv' && pinned([])) entries.push({ id: 'parse-1core', label: `${label} (1 core)`, cmd: pinned(node(script, d.file)), ...base });
    entries.push(haveCli
      ? { id: 'cdrlint', label: 'cdrlint --format json', cmd: cdrlintCmd([d.file]), okExit: [0, 1], ...base, target: { maxRatio: TARGET[fmt], maxRssMB: 150 }, targetText: `≤ ${TARGET[fmt]}x, ≤ 150 MB`, analyze: (f) => analyzeCdrlint(f, d.manifestFile) }
      : { id: 'cdrlint', label: 'cdrlint --format json', skip: CLI_MISSING, ...base });
    if (fmt === 'csv') {
      const c = pinned(cdrlintCmd([d.file]));
      // Like for like: both pinned, so neither gets the second core for GC or compiling.
      if (haveCli && c) entries.push({ id: 'cdrlint-1core', label: 'cdrlint --format json (1 core)', cmd: c, okExit: [0, 1], ref: 'parse-1core', ...base, target: { maxRatio: 1.5 }, targetText: '≤ 1.5x udsv (1 core)' });
    }
    figs.push({
      id: fmt, title: `${fmt.toUpperCase()}: floor, parse-only baseline, cdrlint end to end (${countLabel(opts.rows)} rows)`,
      ref: 'parse', entries,
      notes: [`Ratios are to "${label}" in the same run.${fmt === 'csv' ? ' "(1 core)" entries run under `taskset -c 0` (process and all its threads on one CPU); cdrlint on one core is compared with udsv on one core.' : ''}`],
    });
  }

  if (want('scaling')) {
    const sizes = [10_000, 100_000, 1_000_000].filter((n) => n <= opts.rows);
    const entries = [];
    for (const n of sizes) {
      const d = await ensureData(n, 'csv', opts.seed, log);
      const base = { file: rel(d.file), bytes: d.bytes, rows: n };
      entries.push({ id: `udsv-${countLabel(n)}`, label: `udsv parse-only, ${countLabel(n)}`, cmd: node('baselines/udsv-csv.mjs', d.file), ...base });
      entries.push(haveCli
        ? { id: `cdrlint-${countLabel(n)}`, label: `cdrlint, ${countLabel(n)}`, cmd: cdrlintCmd([d.file]), okExit: [0, 1], ref: `udsv-${countLabel(n)}`, ...base }
        : { id: `cdrlint-${countLabel(n)}`, label: `cdrlint, ${countLabel(n)}`, skip: CLI_MISSING, ...base });
    }
    figs.push({
      id: 'scaling', title: `Scaling (CSV): ${sizes.map(countLabel).join(', ')} rows`, entries,
      notes: ['Time must grow linearly (µs/row flat) and memory must stay flat. Each cdrlint row is compared with udsv on the same file.'],
      after: (fig) => {
        for (const tool of ['udsv', 'cdrlint']) {
          const rs = fig.entries.filter((e) => e.id.startsWith(tool + '-') && e.stats);
          if (rs.length >= 2) {
            fig.notes.push(`${tool}: µs/row ${rs.map((e) => e.stats.usPerRow.toFixed(2)).join(' → ')}; peak RSS ${rs.map((e) => e.stats.peakRssMB?.toFixed(0)).join(' → ')} MB (${rs.map((e) => countLabel(e.rows)).join(' → ')}).`);
          }
        }
      },
    });
  }

  if (want('parallel')) {
    const a = await ensureData(opts.rows, 'csv', opts.seed, log);
    const b = await ensureData(opts.rows, 'csv', opts.seed + 1, log);
    const base = { file: `${rel(a.file)} + ${rel(b.file)}`, bytes: a.bytes + b.bytes, rows: a.rows + b.rows };
    const seq = (cmd1, cmd2) => ['sh', '-c', `${cmd1.map(q).join(' ')} >/dev/null && ${cmd2.map(q).join(' ')} >/dev/null`];
    const par = (cmd1, cmd2) => ['sh', '-c', `${cmd1.map(q).join(' ')} >/dev/null & p=$!; ${cmd2.map(q).join(' ')} >/dev/null; s=$?; wait $p && exit $s`];
    const u = (f) => node('baselines/udsv-csv.mjs', f);
    const c = (f) => cdrlintCmd([f]);
    // cdrlint exits 1 when it finds errors (the files have injected ones), so chain with ';' for it.
    const seqAny = (cmd1, cmd2) => ['sh', '-c', `${cmd1.map(q).join(' ')} >/dev/null; ${cmd2.map(q).join(' ')} >/dev/null; true`];
    const parAny = (cmd1, cmd2) => ['sh', '-c', `${cmd1.map(q).join(' ')} >/dev/null & ${cmd2.map(q).join(' ')} >/dev/null; wait; true`];
    const entries = [
      { id: 'udsv-seq', label: 'udsv: 2 files one after the other', cmd: seq(u(a.file), u(b.file)), ...base },
      { id: 'udsv-par', label: 'udsv: 2 processes at once (machine ceiling)', cmd: par(u(a.file), u(b.file)), ref: 'udsv-seq', ...base },
    ];
    if (haveCli) {
      entries.push(
        { id: 'cdrlint-seq', label: 'cdrlint: 2 files one after the other (2 processes)', cmd: seqAny(c(a.file), c(b.file)), ...base },
        { id: 'cdrlint-2files', label: 'cdrlint a b (one process, its own parallelism)', cmd: cdrlintCmd([a.file, b.file]), okExit: [0, 1], ref: 'cdrlint-seq', target: { maxRatio: 0.6 }, targetText: '≤ 0.6x sequential', ...base },
        { id: 'cdrlint-par', label: 'cdrlint: 2 processes at once', cmd: parAny(c(a.file), c(b.file)), ref: 'cdrlint-seq', ...base },
      );
    } else {
      entries.push({ id: 'cdrlint-2files', label: 'cdrlint a b (one process)', skip: CLI_MISSING, ...base });
    }
    figs.push({
      id: 'parallel', title: `Two files (CSV, ${countLabel(opts.rows)} rows each): at once vs one after the other`, ref: 'udsv-seq', entries,
      notes: [`Machine: ${os.availableParallelism?.() ?? os.cpus().length} CPUs. Ratios are to the sequential run of the same tool. Target: cdrlint on two files ≤ 0.6x its sequential time.`],
    });
  }

  if (want('peers')) {
    // Every peer runs on the files of the other figures ("the same files"), and is compared with
    // the reference measured on its own file. Miller and the python validators take ~100+ µs a
    // row, minutes per 1M-row file (the figure gets a longer time budget); --peer-rows puts them
    // on smaller files for a quicker run.
    const n = opts.peerRows;
    const dm = await ensureData(opts.rows, 'csv', opts.seed, log);
    const dc = await ensureData(n, 'csv', opts.seed, log);
    const dn = await ensureData(n, 'ndjson', opts.seed, log);
    const bm = { file: rel(dm.file), bytes: dm.bytes, rows: opts.rows };
    const bc = { file: rel(dc.file), bytes: dc.bytes, rows: n };
    const bn = { file: rel(dn.file), bytes: dn.bytes, rows: n };
    const entries = [];
    const sameCsv = dm.file === dc.file;
    const refs = (b, file, sfx, fmt) => {
      const [script, label] = PARSE_ONLY[fmt];
      const list = [{ id: `parse-${fmt}${sfx}`, label: `${label} (${fmt.toUpperCase()}, ${countLabel(b.rows)})`, cmd: node(script, file), ...b }];
      if (haveCli) list.push({ id: `cdrlint-${fmt}${sfx}`, label: `cdrlint --format json (${fmt.toUpperCase()}, ${countLabel(b.rows)})`, cmd: cdrlintCmd([file]), okExit: [0, 1], ...b });
      return { list, ref: haveCli ? `cdrlint-${fmt}${sfx}` : `parse-${fmt}${sfx}` };
    };
    const main = refs(bm, dm.file, '-main', 'csv');
    entries.push(...main.list);
    entries.push(has('csvclean')
      ? { id: 'csvclean', label: `csvkit csvclean -n (structure only, ${countLabel(opts.rows)})`, cmd: ['csvclean', '-n', dm.file], okExit: [0, 1], warmup: false, ref: main.ref, target: haveCli ? { minRatio: 1 } : undefined, targetText: haveCli ? 'cdrlint faster (> 1x)' : undefined, ...bm }
      : { id: 'csvclean', label: 'csvkit csvclean -n', skip: 'skipped: csvclean not installed (apt-get install csvkit)', ...bm });
    const small = sameCsv ? main : refs(bc, dc.file, '-peer', 'csv');
    if (!sameCsv) entries.push(...small.list);
    if (has('mlr')) {
      const dslFile = join(BENCH, 'data', 'tmp', 'checks.mlr');
      writeFileSync(dslFile, await millerDsl());
      entries.push({ id: 'mlr', label: `Miller DSL filter (taxonomy + format checks, ${countLabel(n)})`, cmd: millerArgs(dslFile, dc.file), warmup: false, ref: small.ref, target: haveCli ? { minRatio: 15 } : undefined, targetText: haveCli ? '≥ 15x slower' : undefined, ...bc });
    } else entries.push({ id: 'mlr', label: 'Miller DSL filter', skip: 'skipped: mlr not installed (apt-get install miller)', ...bc });
    const nd = refs(bn, dn.file, '-peer', 'ndjson');
    entries.push(...nd.list);
    const schemaOk = existsSync(opts.schema);
    const schemaNote = `skipped: record schema ${rel(opts.schema)} does not exist yet (core generates it)`;
    for (const [id, mod, script, label, minRatio] of [
      ['jsonschema', 'jsonschema', 'peers/jsonschema_ndjson.py', 'python3-jsonschema (all errors per record)', 20],
      ['fastjsonschema', 'fastjsonschema', 'peers/fastjsonschema_ndjson.py', 'python3-fastjsonschema (first error per record)', undefined],
    ]) {
      const full = `${label}, ${countLabel(n)}`;
      if (!schemaOk) entries.push({ id, label: full, skip: schemaNote, ...bn });
      else if (!pyHas(mod)) entries.push({ id, label: full, skip: `skipped: ${PYTHON} cannot import ${mod} (apt-get install python3-${mod})`, ...bn });
      else entries.push({ id, label: full, cmd: [PYTHON, join(BENCH, script), opts.schema, dn.file], warmup: false, ref: nd.ref, target: haveCli && minRatio ? { minRatio } : undefined, targetText: haveCli && minRatio ? `≥ ${minRatio}x slower` : undefined, ...bn });
    }
    figs.push({
      id: 'peers', timeoutS: opts.timeoutS * 8, title: n === opts.rows ? `Peers from Debian (${countLabel(n)} rows)` : `Peers from Debian (csvclean on ${countLabel(opts.rows)} rows, the others on ${countLabel(n)})`, entries,
      notes: [
        `Each peer is a ratio to ${haveCli ? 'cdrlint' : 'the parse-only baseline (cdrlint CLI not built yet)'} on the same file, in the same run. Peers run without warm-up (the reference before them warms the page cache).`,
        `Miller and the python validators run on ${countLabel(n)}-row files (--peer-rows): at ~100-200 µs a row, each round takes minutes on 1M rows.`,
        `Miller DSL: generated from core's taxonomy by bench/peers/mlr-checks.mjs (status/sub-status pair, result code applicability, E.164, datetimes, time order, durations, amount, hangup cause, duplicate call ids).`,
        `Schema for the python peers: ${rel(opts.schema)}${schemaOk ? '' : ' (missing)'}.`,
      ],
    });
  }

  if (want('rss10m') && !opts.quick) {
    if (!haveCli) {
      figs.push({ id: 'rss10m', title: 'Memory at 10M rows (CSV)', entries: [{ id: 'cdrlint-10m', label: 'cdrlint, 10M rows', skip: CLI_MISSING }], notes: ['The 10M-row file (~1.3 GB) is generated only once the CLI exists.'] });
    } else {
      const d = await ensureData(10_000_000, 'csv', opts.seed, log);
      figs.push({
        id: 'rss10m', title: 'Memory at 10M rows (CSV)', rounds: 1, entries: [
          { id: 'cdrlint-10m', label: 'cdrlint --format json, 10M rows', cmd: cdrlintCmd([d.file]), okExit: [0, 1], warmup: false, file: rel(d.file), bytes: d.bytes, rows: d.rows, target: { maxRssMB: 150 }, targetText: '≤ 150 MB' },
          { id: 'cdrlint-10m-1t', label: 'cdrlint --concurrency off, 10M rows', cmd: [NODE, CLI, '--concurrency', 'off', '--format', 'json', d.file], okExit: [0, 1], warmup: false, file: rel(d.file), bytes: d.bytes, rows: d.rows, target: { maxRssMB: 150 }, targetText: '≤ 150 MB' },
          { id: 'cdrlint-10m-lean', label: 'cdrlint --concurrency off, NODE_OPTIONS=--max-semi-space-size=4, 10M rows', cmd: [NODE, CLI, '--concurrency', 'off', '--format', 'json', d.file], env: { NODE_OPTIONS: '--max-semi-space-size=4' }, okExit: [0, 1], warmup: false, file: rel(d.file), bytes: d.bytes, rows: d.rows, target: { maxRssMB: 150 }, targetText: '≤ 150 MB' },
        ], notes: ['One round, no warm-up: this figure is about peak RSS (streaming, bounded memory). The last entry is the documented low-memory setting: a 4 MB young generation (semi-space) for the main thread.'],
      });
    }
  }
  if (want('flood') && haveCli) {
    // Every row (after the first 16) carries an injected error: the output is as large as the
    // input, which the CLI must write as it goes rather than hold.
    const d = await ensureData(opts.rows, 'csv', opts.seed, log, 1);
    const base = { file: rel(d.file), bytes: d.bytes, rows: d.rows, okExit: [0, 1], target: { maxRssMB: 150 }, targetText: '≤ 150 MB' };
    figs.push({
      id: 'flood', title: `Memory with a problem on every row (CSV, ${countLabel(opts.rows)} rows)`, ref: 'cdrlint-flood', entries: [
        { id: 'cdrlint-flood', label: 'cdrlint --format json', cmd: cdrlintCmd([d.file]), ...base },
        { id: 'cdrlint-flood-1t', label: 'cdrlint --format json --concurrency off', cmd: [NODE, CLI, '--concurrency', 'off', '--format', 'json', d.file], ...base },
        { id: 'cdrlint-flood-stylish', label: 'cdrlint (stylish)', cmd: [NODE, CLI, '--format', 'stylish', d.file], ...base },
      ], notes: ['The generator with an error rate of 1: about one diagnostic a row. Worker threads hold what they find, so a part gives up after 10,000 and the file is checked in one pass.'],
    });
  }
  if (want('shapes') && haveCli) {
    // The same records written as other exports write them: UUIDs for call ids (switches and
    // providers that do not number calls; the call-id table then keeps their text), every cell
    // quoted, CR LF line ends. Each cdrlint entry is compared with udsv on its own file.
    const shapes = [
      ['number', 'numeric ids (the CSV figure\'s file)', {}],
      ['uuid', 'UUID call ids', { ids: 'uuid' }],
      ['quoted', 'every cell quoted', { quote: 'all' }],
      ['crlf', 'CR LF line ends', { eol: 'crlf' }],
    ];
    const entries = [];
    for (const [id, label, shape] of shapes) {
      const d = await ensureData(opts.rows, 'csv', opts.seed, log, undefined, shape);
      const base = { file: rel(d.file), bytes: d.bytes, rows: d.rows };
      entries.push(
        { id: `udsv-${id}`, label: `udsv parse-only, ${label}`, cmd: node('baselines/udsv-csv.mjs', d.file), ...base },
        { id: `cdrlint-${id}`, label: `cdrlint --format json, ${label}`, cmd: cdrlintCmd([d.file]), okExit: [0, 1], ref: `udsv-${id}`, ...base, target: { maxRssMB: 150 }, targetText: '≤ 150 MB', analyze: (f) => analyzeCdrlint(f, d.manifestFile) },
      );
    }
    figs.push({
      id: 'shapes', title: `Export shapes (CSV, ${countLabel(opts.rows)} rows): UUID call ids, quoted cells, CR LF`, ref: 'udsv-number', entries,
      notes: ['The same records in each file (generate.mjs --ids uuid, --quote all, --eol crlf). Each cdrlint entry\'s ratio is to udsv parse-only on the same file; the udsv entries\' ratios are to udsv on the numeric-id file.'],
    });
  }
  return figs;
}

function fmtNum(x, digits = 2) {
  if (x === null || x === undefined || Number.isNaN(x)) return '';
  if (Math.abs(x) >= 1e6) return (x / 1e6).toFixed(2) + 'M';
  if (Math.abs(x) >= 1e4) return (x / 1e3).toFixed(0) + 'k';
  return x.toFixed(digits);
}

function machine() {
  const cpus = os.cpus();
  let kernel = os.release();
  let memory;
  try {
    memory = JSON.parse(execFileSync(NODE, [join(BENCH, 'lib/memory-probe.mjs')], { encoding: 'utf8', timeout: 60_000 }));
  } catch {
    // the probe is context for the reader, not a figure: a failure leaves it out
  }
  return {
    cpu: cpus[0]?.model ?? 'unknown', cpus: os.availableParallelism?.() ?? cpus.length,
    memGB: +(os.totalmem() / 2 ** 30).toFixed(1), os: `${os.type()} ${kernel}`, node: process.version,
    loadAvgAtStart: os.loadavg().map((x) => +x.toFixed(2)), memory,
  };
}

function markdown(report) {
  const m = report.machine;
  const L = [];
  L.push(`# cdrlint benchmark results`, '');
  L.push(`- Date: ${report.date}`);
  L.push(`- Machine: ${m.cpu}, ${m.cpus} CPUs, ${m.memGB} GiB RAM, ${m.os}, Node ${m.node}`);
  if (m.memory) {
    const ratio = Math.round(m.memory.freshMsPerMB / m.memory.touchedMsPerMB);
    L.push(`- Memory (bench/lib/memory-probe.mjs): writing fresh memory ${m.memory.freshMsPerMB} ms/MB, memory already touched ${m.memory.touchedMsPerMB} ms/MB (${ratio}x)${ratio >= 20 ? ': here every MB of peak RSS costs time' : ''}`);
  }
  L.push(`- Load average at start: ${m.loadAvgAtStart.join(' ')}${m.loadAvgAtStart[0] > m.cpus * 0.5 ? ' (busy machine: wall times are noisy, compare ratios and CPU time)' : ''}`);
  L.push(`- Command: \`node bench/run.mjs ${report.options.argv}\` (rows ${report.options.rows}, rounds ${report.options.rounds}, warm-up ${report.options.warmup}, seed ${report.options.seed})`);
  L.push(`- Peak RSS: ${HAVE_GNU_TIME ? 'GNU time %M of the whole process' : 'not measured (/usr/bin/time missing: apt-get install time)'}`);
  L.push('');
  for (const f of report.figures) {
    L.push(`## ${f.title}`, '');
    for (const n of f.notes ?? []) L.push(`- ${n}`);
    L.push(`- Load average after: ${f.loadAvgAfter?.join(' ') ?? ''}`, '');
    if (f.entries.length === 0) {
      if (f.extraMarkdown) L.push(f.extraMarkdown, '');
      continue;
    }
    L.push('| entry | median s | min s | max s | CPU s | MB/s | rows/s | µs/row | peak RSS MB | ratio | CPU ratio | target | note |');
    L.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|');
    for (const e of f.entries) {
      const s = e.stats;
      const note = [e.skip, ...(e.notes ?? []), ...(e.failures ?? []).map((x) => `${x.label} failed: exit ${x.exitCode}${x.timedOut ? ' (timeout)' : ''} ${String(x.stderr).trim().split('\n').pop()?.slice(0, 120) ?? ''}`)]
        .filter(Boolean).join('; ').replace(/\|/g, '\\|');
      const target = e.targetText ? `${e.targetText}${e.targetMet === undefined ? '' : e.targetMet ? ' ✅' : ' ❌'}` : '';
      if (!s) {
        L.push(`| ${e.label} |  |  |  |  |  |  |  |  |  |  | ${target} | ${note || 'no successful run'} |`);
        continue;
      }
      const isRef = f.entries.some((x) => x !== e && !x.skip && (x.ref ?? f.ref) === e.id);
      const ratio = s.ratio === undefined ? (isRef ? '1.00x (ref)' : '') : `${s.ratio.toFixed(2)}x`;
      L.push(`| ${e.label} | ${s.medianS.toFixed(3)} | ${s.minS.toFixed(3)} | ${s.maxS.toFixed(3)} | ${fmtNum(s.cpuMedianS)} | ${fmtNum(s.mbPerS, 1)} | ${fmtNum(s.rowsPerS, 0)} | ${fmtNum(s.usPerRow)} | ${fmtNum(s.peakRssMB, 0)} | ${ratio} | ${s.cpuRatio === undefined ? '' : s.cpuRatio.toFixed(2) + 'x'} | ${target} | ${note} |`);
    }
    const files = [...new Set(f.entries.map((e) => e.file).filter(Boolean))];
    if (files.length) L.push('', `Files: ${files.map((x) => '`' + x + '`').join(', ')}`);
    for (const e of f.entries) {
      if (e.analysis) L.push('', `cdrlint output check (${e.label}): \`${JSON.stringify(e.analysis)}\``);
    }
    if (f.extraMarkdown) L.push('', f.extraMarkdown);
    L.push('');
  }
  L.push('Reproduce: `npm run bench` (or `node bench/run.mjs --quick` for a smoke run). Data files are generated into `bench/data/` (git-ignored) by `bench/generate.mjs`.', '');
  return L.join('\n');
}

/** The language-server figures live in bench/lsp.mjs; run it as a bounded child process. */
async function lspFigure(opts, tmpDir, log) {
  const fig = { id: 'lsp', title: 'Language server over stdio (100k rows)', entries: [], notes: [] };
  if (!existsSync(LSP)) {
    fig.entries.push({ id: 'lsp', label: 'cdrlint-lsp --stdio', skip: 'skipped: packages/lsp/dist/bin.js does not exist yet (build the server first)' });
    return fig;
  }
  const out = join(tmpDir, 'lsp.json');
  rmSync(out, { force: true });
  const r = await runMeasured({ cmd: [NODE, join(BENCH, 'lsp.mjs'), '--rows', String(Math.min(opts.rows, 100_000)), '--json', out, '--seed', String(opts.seed), ...(opts.quick ? ['--edits', '20', '--requests', '50', '--budget', '20'] : [])], tmpDir, tag: 'lsp', timeoutMs: 2 * opts.timeoutS * 1000 }); // eight sessions: cdrlint's four and the floor's
  log(`  lsp: exit ${r.exitCode} in ${r.wallS.toFixed(1)} s`);
  if (!existsSync(out)) {
    fig.entries.push({ id: 'lsp', label: 'cdrlint-lsp --stdio', skip: `bench/lsp.mjs failed (exit ${r.exitCode}${r.timedOut ? ', timeout' : ''}): ${r.stderrTail.trim().split('\n').pop() ?? ''}` });
    return fig;
  }
  const res = JSON.parse(readFileSync(out, 'utf8'));
  fig.lsp = res;
  fig.extraMarkdown = res.markdown;
  fig.notes.push('Figures measured by bench/lsp.mjs (see the table below).');
  return fig;
}

async function main() {
  const opts = options();
  const log = (s) => process.stderr.write(s + '\n');
  const tmpDir = join(BENCH, 'data', 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  mkdirSync(opts.results, { recursive: true });
  if (!HAVE_GNU_TIME) log('warning: /usr/bin/time missing, peak RSS will not be measured (apt-get install time)');
  const report = { date: new Date().toISOString(), machine: machine(), options: { ...opts, only: opts.only ? [...opts.only] : null }, figures: [] };
  const figs = await buildFigures(opts, log);
  for (const fig of figs) {
    log(`figure ${fig.id}: ${fig.title}`);
    await runFigure(fig, opts, tmpDir, log);
    fig.loadAvgAfter = os.loadavg().map((x) => +x.toFixed(2));
    report.figures.push(fig);
  }
  if (!opts.only || opts.only.has('lsp')) {
    log('figure lsp');
    const fig = await lspFigure(opts, tmpDir, log);
    fig.loadAvgAfter = os.loadavg().map((x) => +x.toFixed(2));
    report.figures.push(fig);
  }
  const json = {
    ...report,
    figures: report.figures.map((f) => ({
      id: f.id, title: f.title, notes: f.notes, ref: f.ref, loadAvgAfter: f.loadAvgAfter, lsp: f.lsp,
      entries: f.entries.map((e) => ({
        id: e.id, label: e.label, file: e.file, bytes: e.bytes, rows: e.rows, cmd: e.cmd?.map((x) => x.replace(ROOT + '/', '')),
        skip: e.skip, stats: e.stats, runs: e.runs, failures: e.failures, notes: e.notes, target: e.targetText, targetMet: e.targetMet,
        output: e.output, analysis: e.analysis,
      })),
    })),
  };
  writeFileSync(join(opts.results, 'latest.json'), JSON.stringify(json, null, 2) + '\n');
  writeFileSync(join(opts.results, 'latest.md'), markdown(report));
  log(`wrote ${rel(join(opts.results, 'latest.md'))} and latest.json`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(2);
});
