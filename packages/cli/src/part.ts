// Lints one byte range of a file as a part of it (core's parts.ts). Runs in a worker thread
// (worker.ts); the SharedNotation below is how the parts agree on the file's first notation.
import {
  createDecoder,
  createLinter,
  type CdrFormat,
  type Diagnostic,
  type LintConfig,
  type Notation,
  type PartOutcome,
} from '@cdrlint/core';
import { ascii, errorsOnly, fileChunks, Kept, pump, type HoldLimit } from './lint-file.js';

export interface PartJob {
  path: string;
  fileName: string;
  format: CdrFormat;
  config: LintConfig;
  /** Byte range [start, end) of the file. */
  start: number;
  end: number;
  index: number;
  /** Context text read before the part's own (core PartOptions.prefix). */
  prefix: string;
  /** Keep errors only (--quiet). */
  quiet: boolean;
  /** One Int32 cell per part: the first notation each part saw (see SharedNotation). */
  notationCells: SharedArrayBuffer;
  /** How many diagnostics the part may hold (TooManyDiagnostics past it). */
  hold: HoldLimit;
}

export interface PartResult {
  outcome: PartOutcome;
  /** Kept diagnostics, in the part's own coordinates. */
  diagnostics: Diagnostic[];
  /** `encoding` problems, in the coordinates of the part's bytes (prefix excluded). */
  encoding: Diagnostic[];
  /** Every warning found, kept or not (--max-warnings under --quiet). */
  warningCount: number;
}

const NOTATIONS: readonly Notation[] = ['split', 'slash', 'underscore'];
const UNKNOWN = 0;
const NONE = 1;

/**
 * The file's first notation as one part sees it: the first earlier part that saw one decides;
 * a part waits (Atomics.wait, worker threads only) until every earlier part has either seen
 * one or ended. Part 0 never waits, so the chain always moves.
 */
export class SharedNotation {
  private local: Notation | undefined;
  private readonly cells: Int32Array;

  constructor(buffer: SharedArrayBuffer, private readonly index: number) {
    this.cells = new Int32Array(buffer);
  }

  get first(): Notation | undefined {
    if (this.local !== undefined) return this.local;
    for (let j = 0; j < this.index; j++) {
      let v = Atomics.load(this.cells, j);
      while (v === UNKNOWN) {
        Atomics.wait(this.cells, j, UNKNOWN);
        v = Atomics.load(this.cells, j);
      }
      if (v !== NONE) return (this.local = NOTATIONS[v - 2]);
    }
    return undefined;
  }

  set first(n: Notation | undefined) {
    if (n === undefined) return;
    this.local = n;
    this.publish(NOTATIONS.indexOf(n) + 2);
  }

  /** At the end of the part: later parts stop waiting for this one. */
  finish(): void {
    if (Atomics.load(this.cells, this.index) === UNKNOWN) this.publish(NONE);
  }

  private publish(v: number): void {
    if (Atomics.load(this.cells, this.index) !== UNKNOWN) return;
    Atomics.store(this.cells, this.index, v);
    Atomics.notify(this.cells, this.index);
  }
}

export async function lintPart(job: PartJob, onBytes?: (bytesRead: number) => void): Promise<PartResult> {
  const notation = new SharedNotation(job.notationCells, job.index);
  const kept = new Kept(job.quiet ? errorsOnly : undefined);
  try {
    // A later part's bytes continue the file: no byte-order mark to look for at their start.
    const decoder = createDecoder({ continues: job.index > 0, ascii });
    const linter = createLinter({
      fileName: job.fileName,
      format: job.format,
      config: job.config,
      part: { prefix: job.prefix, later: job.index > 0, notation },
      onDiagnostic: kept.add,
    });
    const r = await pump(fileChunks(job.path, job.start, job.end), decoder, linter, onBytes, (bytesRead) => {
      kept.checkHold(job.hold, bytesRead);
      return undefined;
    });
    return { outcome: r.part!, diagnostics: kept.diagnostics, encoding: decoder.problems(), warningCount: kept.warningCount };
  } finally {
    notation.finish();
  }
}
