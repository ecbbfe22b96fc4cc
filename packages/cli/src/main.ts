// The command: parse arguments, find files and configs, check each file (streaming, or whole
// for --fix), format the results, and return the exit code. All I/O goes through `io` so that
// it can run in-process as well as from bin.ts.
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { decodeBytes, getRule, lintText, ruleDocsUrl, RULES, type Diagnostic, type LintConfig } from '@cdrlint/core';
import { HELP, parseCliArgs, type CliOptions } from './args.js';
import { ConfigFiles } from './config-files.js';
import { describeIoError, expandPatterns } from './files.js';
import { fixFile, fixText } from './fix.js';
import { FORMATTERS } from './formatters/index.js';
import { errorsOnly, lintFile, lintStream, type StreamLintOutcome } from './lint-file.js';
import { lintFilesInPool } from './pool.js';
import { lintFileInParts } from './split.js';
import { POOL_MIN_BYTES, threadCount, WorkerDied } from './threads.js';
import { Progress } from './progress.js';
import { compareDiagnostics, countDiagnostics, type FileResult, type FormatContext } from './results.js';

export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stdin: Readable;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

interface PackageInfo {
  version: string;
  homepage?: string;
}

function packageInfo(): PackageInfo {
  return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as PackageInfo;
}

function useColor(options: CliOptions, io: CliIo): boolean {
  if (options.color !== undefined) return options.color;
  const noColor = io.env['NO_COLOR'];
  return io.stdout.isTTY === true && (noColor === undefined || noColor === '') && io.env['TERM'] !== 'dumb';
}

function displayPath(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  return (rel === '' ? path.basename(abs) : rel).split(path.sep).join('/');
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(`cdrlint: ${parsed.error}\n`);
    return 2;
  }
  const options = parsed.options;
  if (options.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const pkg = packageInfo();
  if (options.version) {
    io.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const unknown = Object.keys(options.rules).filter((id) => !getRule(id));
  if (unknown.length > 0) {
    io.stderr.write(`cdrlint: unknown rule ${unknown.map((id) => `'${id}'`).join(', ')} in --rule. Known rules: ${RULES.map((r) => r.id).join(', ')}.\n`);
    return 2;
  }

  const cwd = io.cwd;
  const failures: string[] = [];
  const configs = new ConfigFiles(cwd, options.rules);
  if (options.config !== undefined && !(await configs.useExplicit(options.config))) {
    for (const e of configs.errors) io.stderr.write(`cdrlint: ${e}\n`);
    return 2;
  }

  const patterns = options.patterns.filter((p) => p !== '-');
  const expansion = await expandPatterns(patterns, cwd, async (abs, foundBy, byName) => {
    const config = await configs.configFor(abs);
    if (foundBy !== 'explicit' && config?.matchesIgnore?.(abs)) return false;
    if (foundBy === 'walk' && config?.matchesFiles) return config.matchesFiles(abs);
    return byName;
  });
  failures.push(...expansion.errors);

  const keep = options.quiet ? errorsOnly : undefined;
  const progress = new Progress(io.stderr);
  const results: FileResult[] = [];
  let warningTotal = 0;

  const addResult = (r: FileResult, all: readonly Diagnostic[]) => {
    r.diagnostics = (keep ? r.diagnostics.filter(keep) : r.diagnostics).sort(compareDiagnostics);
    warningTotal += countDiagnostics(all).warningCount;
    results.push(r);
  };

  /** Records a streamed check (which kept only the diagnostics it was asked to keep). */
  const addStreamed = (filePath: string, shown: string, out: Awaited<ReturnType<typeof lintStream>>): void => {
    warningTotal += out.warningCount;
    results.push({
      filePath,
      displayPath: shown,
      format: out.format,
      records: out.records,
      summary: out.summary,
      diagnostics: out.diagnostics.sort(compareDiagnostics),
    });
  };

  const threads = threadCount(options.concurrency);
  const quiet = options.quiet;
  // Internal knobs for tests: split small files too, and say how each file was checked.
  const splitMin = Number(io.env['CDRLINT_SPLIT_MIN_BYTES']) || undefined;
  const debug = (io.env['CDRLINT_DEBUG'] ?? '').includes('threads') ? (m: string) => io.stderr.write(`cdrlint: debug: ${m}\n`) : undefined;
  const checkOne = async (abs: string, shown: string, config: LintConfig): Promise<StreamLintOutcome> => {
    const size = (await stat(abs)).size;
    progress.start(shown, size);
    const onBytes = (n: number) => progress.update(n);
    try {
      // One large file is split over the threads; otherwise it is checked here, in the main
      // thread: one worker for one file measured no leaner since files are read in 64 KiB chunks
      // (1M rows: 115 MB either way) and slower on one core (3.54-3.73 vs 3.70-3.99 s).
      if (threads > 1) {
        try {
          const split = await lintFileInParts(abs, size, { fileName: abs, config, quiet, threads, onBytes, ...(splitMin ? { minBytes: splitMin } : {}), ...(debug ? { debug } : {}) });
          if (split) return split;
        } catch (e) {
          if (!(e instanceof WorkerDied)) throw e;
          debug?.(`${abs}: a worker thread stopped; checking in the main thread`);
        }
      }
      debug?.(`${abs}: checked in the main thread`);
      return await lintFile(abs, { fileName: abs, config, ...(keep ? { keep } : {}), onBytes });
    } finally {
      progress.done();
    }
  };
  let totalSize = 0;
  if (threads > 1 && expansion.files.length > 1) {
    for (const abs of expansion.files) totalSize += await stat(abs).then((s) => s.size, () => 0);
  }
  const pooled = !options.fix && !options.fixDryRun && expansion.files.length > 1 && threads > 1 && totalSize >= (splitMin ?? POOL_MIN_BYTES);
  const pool = pooled
    ? await (async () => {
        const files = [];
        for (const abs of expansion.files) files.push({ path: abs, fileName: abs, config: await configs.lintConfigFor(abs) });
        debug?.(`${files.length} files over ${Math.min(threads, files.length)} worker threads`);
        return lintFilesInPool(files, quiet, threads);
      })()
    : undefined;

  for (const [i, abs] of expansion.files.entries()) {
    const shown = displayPath(cwd, abs);
    try {
      // (undefined: not pooled, or its worker stopped: checked below in this thread.)
      const fromPool = pool?.[i];
      if (typeof fromPool === 'string') {
        failures.push(`${shown}: ${fromPool}`);
        continue;
      }
      if (fromPool) {
        addStreamed(abs, shown, fromPool);
        continue;
      }
      const config = await configs.lintConfigFor(abs);
      if (options.fix || options.fixDryRun) {
        const out = await fixFile(abs, { config, dryRun: options.fixDryRun });
        if (out.refused) {
          failures.push(`${shown}: ${out.refused}`);
        }
        const r: FileResult = {
          filePath: abs,
          displayPath: shown,
          format: out.result.format,
          records: out.result.records,
          summary: out.result.summary,
          diagnostics: [...out.diagnostics],
          fixesApplied: out.applied,
        };
        if (options.fixDryRun && out.output !== undefined) r.output = out.output;
        addResult(r, out.diagnostics);
      } else {
        addStreamed(abs, shown, await checkOne(abs, shown, config));
      }
    } catch (e) {
      progress.done();
      failures.push(`${shown}: ${describeIoError(e)}`);
    }
  }

  if (options.patterns.includes('-')) {
    const name = options.stdinFilename ?? '<stdin>';
    const abs = options.stdinFilename !== undefined ? path.resolve(cwd, options.stdinFilename) : path.join(cwd, '<stdin>');
    const filePath = options.stdinFilename !== undefined ? abs : '<stdin>';
    try {
      const config = await configs.lintConfigFor(abs);
      const format = options.stdinFormat;
      if (options.fixDryRun) {
        const chunks: Buffer[] = [];
        for await (const c of io.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
        const decoded = decodeBytes(Buffer.concat(chunks));
        const fixed =
          decoded.diagnostics.length > 0
            ? null
            : fixText(decoded.text, { fileName: name, config, ...(format ? { format } : {}) });
        const result = fixed?.result ?? lintText(decoded.text, { fileName: name, config, ...(format ? { format } : {}) });
        const all = [...decoded.diagnostics, ...result.diagnostics];
        const r: FileResult = {
          filePath,
          displayPath: name,
          format: result.format,
          records: result.records,
          summary: result.summary,
          diagnostics: [...all],
          fixesApplied: fixed?.applied ?? 0,
        };
        if (fixed && fixed.text !== decoded.text) r.output = fixed.text;
        addResult(r, all);
      } else {
        progress.start(name, undefined);
        const out = await lintStream(io.stdin, {
          fileName: name,
          config,
          ...(format ? { format } : {}),
          ...(keep ? { keep } : {}),
          onBytes: (n) => progress.update(n),
        });
        progress.done();
        addStreamed(filePath, name, out);
      }
    } catch (e) {
      progress.done();
      failures.push(`${name}: ${describeIoError(e)}`);
    }
  }

  const ctx: FormatContext = {
    cwd,
    color: useColor(options, io),
    showSummary: options.summary,
    toolVersion: pkg.version,
    informationUri: pkg.homepage ?? 'https://github.com/cdrlint/cdrlint',
    rules: RULES.map((r) => ({ id: r.id, description: r.description, defaultSeverity: r.defaultSeverity, docsUrl: ruleDocsUrl(r.id) })),
    fixMode: options.fix ? 'fix' : options.fixDryRun ? 'dry-run' : 'none',
  };
  const formatter = FORMATTERS[options.format]!;
  io.stdout.write(formatter(results, ctx));

  for (const e of configs.errors) io.stderr.write(`cdrlint: ${e}\n`);
  for (const f of failures) io.stderr.write(`cdrlint: ${f}\n`);
  if (configs.errors.length > 0 || failures.length > 0) return 2;

  const errors = results.reduce((n, r) => n + countDiagnostics(r.diagnostics).errorCount, 0);
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warningTotal > options.maxWarnings) {
    io.stderr.write(`cdrlint found too many warnings (maximum: ${options.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}
