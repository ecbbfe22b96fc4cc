// One large file over several cores: cut it after line feeds into one part per thread (where
// core's partLayout says a part may start), lint the first part in the main thread and the
// others in worker threads, and join them with core's joinParts (same diagnostics as one
// pass). When a cut falls inside a record (a quoted CSV field, a JSON element), or anything
// about the file does not suit splitting, the caller checks it in one pass.
import { open } from 'node:fs/promises';
import {
  compareDiagnostics,
  createDecoder,
  detectFormat,
  formatFromName,
  headDecidesFormat,
  joinParts,
  partLayout,
  shiftDiagnostic,
  type CdrFormat,
  type LintConfig,
} from '@cdrlint/core';
import { errorsOnly, Kept, TooManyDiagnostics, type HoldLimit, type StreamLintOutcome } from './lint-file.js';
import { lintPart, type PartJob, type PartResult } from './part.js';
import { WorkerThread } from './threads.js';

/**
 * Below this size, by format, a file is checked in one thread. Measured on 2 cores
 * (`--concurrency off` vs `auto`): CSV 52 MB in parts 10% slower (each part's isolate compiles
 * the checker cold), 130 MB 12% faster. JSON gains from less: 50 MB 15% faster in parts (1.87
 * → 1.59 s, medians of 10 alternated runs), 25 MB 8% (6 runs); NDJSON at 50 MB no faster (6
 * runs), at 100 MB 21% faster.
 */
const SPLIT_MIN_BYTES: Record<CdrFormat, number> = { csv: 96 << 20, ndjson: 96 << 20, json: 32 << 20 };
/** The smallest of them: below it no file is looked at for splitting. */
const SPLIT_MIN_ANY = Math.min(...Object.values(SPLIT_MIN_BYTES));
/**
 * How much more a later part costs per byte than the first, by format: it keeps where each call
 * id is, for the join (in a JSON-like record, found by searching the record's text). CSV:
 * measured in one process on half of the 1M-row file, 5-7% (`part.later`). NDJSON and JSON:
 * from when each part of the 1M-record files was done (`CDRLINT_DEBUG=threads`, 4 runs each;
 * with 5%, part 1 was done 4-24% after part 0), the worker's start-up folded in: 17% and 26%.
 * The last part done then came ~7% sooner (medians of 5 alternated runs); 21% for NDJSON
 * measured no better than 17%.
 */
const LATER_PART_COST: Record<CdrFormat, number> = { csv: 0.05, ndjson: 0.17, json: 0.26 };
/**
 * Part 0 runs in the main thread, which starts on it ~100 ms before a worker can start on
 * its part. On the 1M-row file part 1 still finished ~50 ms after part 0 (8 runs); 1 MiB more
 * for part 0 is about half that head start at ~45 MB/s.
 */
const HEAD_START_BYTES = 1 << 20;
const HEAD_BYTES = 1 << 20;
/** How far past a cut's target a place where a part may start is looked for (one read). */
const CUT_SEARCH_BYTES = 1 << 20;

export interface SplitOptions {
  fileName: string;
  config: LintConfig;
  format?: CdrFormat;
  quiet: boolean;
  threads: number;
  /** Tests: split smaller files too. */
  minBytes?: number;
  /** Bytes read so far over all parts (progress display). */
  onBytes?: (bytesRead: number) => void;
  /** Tests: told how the file was checked. */
  debug?: (message: string) => void;
  /** How many diagnostics each part may hold; past it the file is checked in one pass. */
  hold: HoldLimit;
}

interface Plan {
  format: CdrFormat;
  prefix: string;
  cuts: number[];
}

async function plan(path: string, size: number, options: SplitOptions): Promise<Plan | undefined> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    const decoder = createDecoder();
    const text = decoder.push(bytes);
    if (decoder.bom === 'utf-16le' || decoder.bom === 'utf-16be') return undefined; // cuts after 0x0A bytes would split UTF-16 units
    if (!options.format && !headDecidesFormat(text)) return undefined;
    const format = options.format ?? detectFormat(options.fileName, text);
    if (options.minBytes === undefined && size < SPLIT_MIN_BYTES[format]) return undefined;
    const layout = partLayout(format, text, formatFromName(options.fileName).delimiter);
    if (layout === undefined) return undefined;
    // The head's bytes must decode cleanly for the byte length of its body start to be known.
    if (decoder.problems().some((d) => d.range.start.offset < layout.bodyStart)) return undefined;
    const bodyStart = layout.bodyStart > 0 ? (decoder.bom === 'utf-8' ? 3 : 0) + Buffer.byteLength(text.slice(0, layout.bodyStart)) : 0;
    const cuts: number[] = [];
    const window = Buffer.alloc(Math.min(CUT_SEARCH_BYTES, size));
    // Part 0 gets a larger share: it starts first and a later part does more per row (see
    // HEAD_START_BYTES and LATER_PART_COST).
    const firstWeight = 1 + LATER_PART_COST[format];
    // (Files split for tests are small: 1 MiB would leave their later parts nothing.)
    const headStart = size >= SPLIT_MIN_BYTES[format] ? HEAD_START_BYTES : 0;
    const rest = size - bodyStart - headStart;
    for (let k = 1; k < options.threads; k++) {
      const target = bodyStart + Math.floor(headStart + (rest * (firstWeight + k - 1)) / (firstWeight + options.threads - 1));
      const at = Math.max(target, cuts.at(-1) ?? 0);
      const { bytesRead: n } = await fh.read(window, 0, window.length, at);
      // (latin1: one character per byte, so the layout's offsets are byte offsets.)
      const found = layout.cut(window.toString('latin1', 0, n));
      const cut = found < 0 ? -1 : at + found;
      if (cut > 0 && cut < size && cut > (cuts.at(-1) ?? bodyStart)) cuts.push(cut);
    }
    return cuts.length > 0 ? { format, prefix: layout.prefix, cuts } : undefined;
  } finally {
    await fh.close();
  }
}

/** A part found more diagnostics than it may hold (see HoldLimit). */
class PartGaveUp extends Error {}

/** Checks a file in parts; undefined when it should be checked in one pass instead. */
export async function lintFileInParts(path: string, size: number, options: SplitOptions): Promise<StreamLintOutcome | undefined> {
  if (options.threads < 2 || size < (options.minBytes ?? SPLIT_MIN_ANY)) return undefined;
  const p = await plan(path, size, options);
  if (!p) return undefined;
  const bounds = [0, ...p.cuts, size];
  const cells = new SharedArrayBuffer(4 * (bounds.length - 1));
  const job = (index: number): PartJob => ({
    path,
    fileName: options.fileName,
    format: p.format,
    config: options.config,
    start: bounds[index],
    end: bounds[index + 1],
    index,
    prefix: index === 0 ? '' : p.prefix,
    quiet: options.quiet,
    notationCells: cells,
    hold: options.hold,
  });
  // Part 0 in the main thread, which would otherwise only wait; the others in workers (with a
  // small young generation, threads.ts). The main thread starts at once, a worker only after
  // its boot (~100 ms with its bundle), and one isolate fewer keeps the process's memory down.
  const workers = bounds.slice(2).map(() => new WorkerThread());
  const read = new Array<number>(bounds.length - 1).fill(0);
  const report = options.onBytes;
  const progress = (i: number) => (n: number) => {
    read[i] = n;
    report?.(read.reduce((a, b) => a + b, 0));
  };
  let parts: PartResult[];
  const started = performance.now();
  const took: number[] = [];
  try {
    // The workers get their jobs first: part 0 keeps this thread busy until it is done.
    const later = workers.map(async (w, k) => {
      const i = k + 1;
      if (report) w.onBytes = progress(i);
      const reply = await w.run({ kind: 'part', job: job(i) });
      if (!reply.ok && reply.tooMany) throw new PartGaveUp(reply.error);
      if (!reply.ok) throw new Error(reply.error);
      if (reply.kind !== 'part') throw new Error('unexpected reply');
      took[i] = performance.now() - started;
      return reply.result;
    });
    const first = (async () => {
      try {
        const r = await lintPart(job(0), report ? progress(0) : undefined);
        took[0] = performance.now() - started;
        return r;
      } catch (e) {
        throw e instanceof TooManyDiagnostics ? new PartGaveUp(e.message) : e;
      }
    })();
    parts = await Promise.all([first, ...later]);
  } catch (e) {
    if (!(e instanceof PartGaveUp)) throw e;
    // The parts must hold their diagnostics until they are joined; one pass writes them as
    // they come. (The other parts stop when their workers are closed.)
    options.debug?.(`${options.fileName}: a part found ${e.message}; checking in one pass`);
    return undefined;
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }

  const joinStart = performance.now();
  const joined = joinParts(
    parts.map((r) => r.outcome),
    options.config,
  );
  const ms = (n: number) => `${Math.round(n)} ms`;
  options.debug?.(`${options.fileName}: parts done after ${took.map(ms).join(', ')}; join ${ms(performance.now() - joinStart)}`);
  if (!joined.valid) {
    options.debug?.(`${options.fileName}: a cut fell inside a record; checking in one pass`);
    return undefined;
  }
  options.debug?.(`${options.fileName}: checked in ${parts.length} parts`);
  // The parts kept and counted their own; what the join adds is kept and counted here.
  const kept = new Kept(options.quiet ? errorsOnly : undefined);
  parts.forEach((r, i) => {
    kept.warningCount += r.warningCount;
    for (const d of r.diagnostics) kept.diagnostics.push(shiftDiagnostic(d, joined.shifts[i]));
  });
  for (const d of joined.diagnostics) kept.add(d);
  // The decoder reports the first invalid sequence and the first NUL of the file: keep the
  // earliest of each kind over the parts.
  const encoding = parts
    .flatMap((r, i) => r.encoding.map((d) => shiftDiagnostic(d, { ...joined.shifts[i], prefixChars: 0, prefixLines: 0, records: 0 })))
    .sort((a, b) => a.range.start.offset - b.range.start.offset);
  const kinds = new Set<string>();
  for (const d of encoding) {
    if (kinds.has(d.message)) continue;
    kinds.add(d.message);
    kept.add(d);
  }
  kept.diagnostics.sort(compareDiagnostics);
  return {
    format: p.format,
    records: joined.records,
    summary: joined.summary,
    isCdr: joined.isCdr,
    diagnostics: kept.diagnostics,
    warningCount: kept.warningCount,
  };
}
