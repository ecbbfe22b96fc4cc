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
import { WRITERS } from './formatters/index.js';
import { errorsOnly, lintFile, lintStream, type StreamLintOutcome } from './lint-file.js';
import { lintFilesInPool } from './pool.js';
import { lintFileInParts } from './split.js';
import { PART_HOLD, POOL_HOLD, POOL_MIN_BYTES, threadCount, WorkerDied } from './threads.js';
import { Progress } from './progress.js';
import { compareDiagnostics, count, noCounts, type FileInfo, type FormatContext, type OutputWriter } from './results.js';

export interface CliIo {
  /**
   * `write` returning false asks for a wait until 'drain' (Node's stream backpressure); an
   * EPIPE 'error' says the reader is gone (`cdrlint ... | head`).
   */
  stdout: {
    write(s: string): unknown;
    isTTY?: boolean;
    once?(event: 'drain', listener: () => void): unknown;
    on?(event: 'error', listener: (e: NodeJS.ErrnoException) => void): unknown;
  };
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
  // On a terminal that also shows the output, progress is drawn only between whole lines of it.
  const progress = new Progress(io.stderr, Date.now, () => !io.stdout.isTTY || output.atLineStart);
  const ctx: FormatContext = {
    cwd,
    color: useColor(options, io),
    showSummary: options.summary,
    toolVersion: pkg.version,
    informationUri: pkg.homepage ?? 'https://github.com/cdrlint/cdrlint',
    rules: RULES.map((r) => ({ id: r.id, description: r.description, defaultSeverity: r.defaultSeverity, docsUrl: ruleDocsUrl(r.id) })),
    fixMode: options.fix ? 'fix' : options.fixDryRun ? 'dry-run' : 'none',
  };
  // The output is written as the files are checked: a file's diagnostics are never all held.
  const output = new Output(io.stdout, () => {
    if (io.stdout.isTTY) progress.done();
  });
  const writer = WRITERS[options.format]!(ctx, output.write);
  let errorTotal = 0;
  let warningTotal = 0;
  /**
   * Before reading on: once the reader of the output is gone and an error has been found, the
   * exit code is known (1) and the check stops; until then it goes on unwritten, for its code.
   */
  const readyFor = (out: FileOutput) => (): Promise<void> | undefined => {
    if (output.closed && errorTotal + out.counts.errorCount > 0) throw new OutputClosed();
    return output.ready();
  };
  let closedEarly = false;
  const fileOutput = (filePath: string, displayPath: string) => new FileOutput(writer, filePath, displayPath);
  const finish = (out: FileOutput, info: Omit<FileInfo, 'filePath' | 'displayPath'>, warnings: number) => {
    out.end(info);
    errorTotal += out.counts.errorCount;
    warningTotal += warnings;
  };
  /** Writes a check whose diagnostics were held (worker threads, --fix), sorted by position. */
  const writeHeld = (out: FileOutput, info: Omit<FileInfo, 'filePath' | 'displayPath'>, diagnostics: Diagnostic[]) => {
    let warnings = 0;
    for (const d of diagnostics.sort(compareDiagnostics)) {
      if (d.severity === 'warning') warnings++;
      if (!keep || keep(d)) out.add(d);
    }
    finish(out, info, warnings);
  };
  /** Writes a check's outcome: diagnostics it held (none when it wrote them as it went), its end. */
  const writeOutcome = (out: FileOutput, o: StreamLintOutcome) => {
    // (Kept diagnostics only: the check filtered them and counted every warning.)
    for (const d of o.diagnostics) out.add(d);
    finish(out, { format: o.format, records: o.records, summary: o.summary }, o.warningCount);
  };

  const threads = threadCount(options.concurrency);
  const quiet = options.quiet;
  // Internal knobs for tests: split small files too, hold fewer diagnostics in worker threads,
  // and say how each file was checked.
  const splitMin = Number(io.env['CDRLINT_SPLIT_MIN_BYTES']) || undefined;
  const heldMax = Number(io.env['CDRLINT_MAX_HELD']) || undefined;
  const testHold = heldMax ? { some: heldMax, most: heldMax, bytesEach: 0 } : undefined;
  const debug = (io.env['CDRLINT_DEBUG'] ?? '').includes('threads') ? (m: string) => io.stderr.write(`cdrlint: debug: ${m}\n`) : undefined;
  /** Checks one file, into `out` as it goes, or held in parts over the threads. */
  const checkOne = async (abs: string, shown: string, config: LintConfig, out: FileOutput): Promise<void> => {
    const size = (await stat(abs)).size;
    progress.start(shown, size);
    const onBytes = (n: number) => progress.update(n);
    try {
      // One large file is split over the threads; otherwise it is checked here, in the main
      // thread: one worker for one file measured no leaner since files are read in 64 KiB chunks
      // (1M rows: 115 MB either way) and slower on one core (3.54-3.73 vs 3.70-3.99 s).
      if (threads > 1) {
        try {
          const hold = testHold ?? PART_HOLD;
          const split = await lintFileInParts(abs, size, { fileName: abs, config, quiet, threads, onBytes, hold, ...(splitMin ? { minBytes: splitMin } : {}), ...(debug ? { debug } : {}) });
          if (split) return writeOutcome(out, split);
        } catch (e) {
          if (!(e instanceof WorkerDied)) throw e;
          debug?.(`${abs}: a worker thread stopped; checking in the main thread`);
        }
      }
      debug?.(`${abs}: checked in the main thread`);
      writeOutcome(out, await lintFile(abs, { fileName: abs, config, ...(keep ? { keep } : {}), onBytes, onDiagnostic: out.add, ready: readyFor(out) }));
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
        return lintFilesInPool(files, quiet, threads, testHold ?? POOL_HOLD);
      })()
    : undefined;

  try {
    for (const abs of expansion.files) {
      const shown = displayPath(cwd, abs);
      const out = fileOutput(abs, shown);
      try {
        // (undefined: not pooled, or to be checked in this thread: its worker stopped, or it
        // found more diagnostics than a worker may hold.)
        const fromPool = pool ? (await pool.next()).value : undefined;
        if (typeof fromPool === 'string') {
          failures.push(`${shown}: ${fromPool}`);
        } else if (fromPool) {
          writeOutcome(out, fromPool);
        } else if (options.fix || options.fixDryRun) {
          const config = await configs.lintConfigFor(abs);
          const fixed = await fixFile(abs, { config, dryRun: options.fixDryRun });
          if (fixed.refused) failures.push(`${shown}: ${fixed.refused}`);
          const info = { format: fixed.result.format, records: fixed.result.records, summary: fixed.result.summary, fixesApplied: fixed.applied };
          writeHeld(out, options.fixDryRun && fixed.output !== undefined ? { ...info, output: fixed.output } : info, [...fixed.diagnostics]);
        } else {
          await checkOne(abs, shown, await configs.lintConfigFor(abs), out);
        }
        // (A file written at once, from a worker or --fix, may have outrun the reader.)
        await readyFor(out)();
      } catch (e) {
        progress.done();
        if (e instanceof OutputClosed) {
          closedEarly = true;
          break;
        }
        out.abandon();
        failures.push(`${shown}: ${describeIoError(e)}`);
      }
    }
  } finally {
    await pool?.return(undefined);
  }

  if (!closedEarly && options.patterns.includes('-')) {
    const name = options.stdinFilename ?? '<stdin>';
    const abs = options.stdinFilename !== undefined ? path.resolve(cwd, options.stdinFilename) : path.join(cwd, '<stdin>');
    const filePath = options.stdinFilename !== undefined ? abs : '<stdin>';
    const out = fileOutput(filePath, name);
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
        const info: Omit<FileInfo, 'filePath' | 'displayPath'> = { format: result.format, records: result.records, summary: result.summary, fixesApplied: fixed?.applied ?? 0 };
        if (fixed && fixed.text !== decoded.text) info.output = fixed.text;
        writeHeld(out, info, [...decoded.diagnostics, ...result.diagnostics]);
      } else {
        progress.start(name, undefined);
        const o = await lintStream(io.stdin, {
          fileName: name,
          config,
          ...(format ? { format } : {}),
          ...(keep ? { keep } : {}),
          onBytes: (n) => progress.update(n),
          onDiagnostic: out.add,
          ready: readyFor(out),
        });
        progress.done();
        writeOutcome(out, o);
      }
    } catch (e) {
      progress.done();
      if (e instanceof OutputClosed) {
        closedEarly = true;
      } else {
        out.abandon();
        failures.push(`${name}: ${describeIoError(e)}`);
      }
    }
  }
  // Errors were found and nobody reads on: that is the whole answer.
  if (closedEarly) return 1;

  writer.end();
  output.flush();

  for (const e of configs.errors) io.stderr.write(`cdrlint: ${e}\n`);
  for (const f of failures) io.stderr.write(`cdrlint: ${f}\n`);
  if (configs.errors.length > 0 || failures.length > 0) return 2;

  if (errorTotal > 0) return 1;
  if (options.maxWarnings !== undefined && warningTotal > options.maxWarnings) {
    io.stderr.write(`cdrlint found too many warnings (maximum: ${options.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

/**
 * Output text, handed to stdout in pieces of about 64 KiB rather than a write per diagnostic.
 * Node queues what a pipe cannot take yet: a check writing faster than its reader would hold
 * all of its output there (2.3 GB for 3M diagnostics piped to md5sum), so reading waits for
 * the queue to drain (`ready`).
 */
class Output {
  private text = '';
  private drained: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private lastChar = '';
  /** The reader is gone (EPIPE): nothing more is written. */
  closed = false;

  constructor(
    private readonly stdout: CliIo['stdout'],
    private readonly beforeWrite: () => void,
  ) {
    stdout.on?.('error', (e) => {
      if (e.code !== 'EPIPE') throw e;
      this.closed = true;
      this.text = '';
      this.wake?.();
    });
  }

  /** Whether what was handed to stdout ends a line. */
  get atLineStart(): boolean {
    return this.lastChar === '' || this.lastChar === '\n';
  }

  readonly write = (text: string): void => {
    if (this.closed) return;
    this.text += text;
    if (this.text.length >= OUTPUT_CHARS) this.flush();
  };

  flush(): void {
    if (this.text === '' || this.closed) return;
    this.beforeWrite();
    const taken = this.stdout.write(this.text);
    this.lastChar = this.text.slice(-1);
    this.text = '';
    const once = this.stdout.once?.bind(this.stdout);
    if (taken === false && once && !this.drained) {
      this.drained = new Promise<void>((resolve) => {
        this.wake = resolve;
        once('drain', () => resolve());
      }).then(() => {
        this.drained = this.wake = undefined;
      });
    }
  }

  /** A promise while stdout has more queued than it wants. */
  readonly ready = (): Promise<void> | undefined => this.drained;
}

const OUTPUT_CHARS = 1 << 16;

/** The reader of the output went away after errors were found: stop checking. */
class OutputClosed extends Error {}

/**
 * One file's part of the output: begun at its first diagnostic (a file that cannot be read
 * leaves no trace), its kept diagnostics counted as they are written.
 */
class FileOutput {
  readonly counts = noCounts();
  private begun = false;

  constructor(
    private readonly writer: OutputWriter,
    private readonly filePath: string,
    private readonly displayPath: string,
  ) {}

  readonly add = (d: Diagnostic): void => {
    this.begin();
    this.writer.message(d);
    count(this.counts, d);
  };

  end(info: Omit<FileInfo, 'filePath' | 'displayPath'>): void {
    this.begin();
    this.writer.endFile({ filePath: this.filePath, displayPath: this.displayPath, ...info }, this.counts);
  }

  /**
   * The check failed: a file already begun is ended (as unknown, with what was written) so that
   * the output stays well-formed; the failure goes to stderr.
   */
  abandon(): void {
    if (this.begun) this.writer.endFile({ filePath: this.filePath, displayPath: this.displayPath, format: null, records: 0, summary: null }, this.counts);
  }

  private begin(): void {
    if (this.begun) return;
    this.begun = true;
    this.writer.beginFile({ filePath: this.filePath, displayPath: this.displayPath });
  }
}
