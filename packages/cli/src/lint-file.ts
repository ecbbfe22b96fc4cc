// Streams one input (file or stdin) through core in bounded memory: 1 MiB byte chunks ->
// createDecoder -> createLinter. Only the diagnostics are kept, not the records.
import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  createDecoder,
  createLinter,
  type CdrFormat,
  type Diagnostic,
  type LintConfig,
  type StatusSummary,
} from '@cdrlint/core';

export const CHUNK_BYTES = 1 << 20;

/** Node's native ASCII check and one-byte decoding, core's decoder's fast path for ASCII chunks. */
export const ascii = (b: Uint8Array): string | undefined =>
  isAscii(b) ? Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1') : undefined;

export interface StreamLintOptions {
  /** Name for format detection (extension) and messages. */
  fileName: string;
  config: LintConfig;
  /** Skip detection (--stdin-format). */
  format?: CdrFormat;
  /** Which diagnostics to keep (--quiet keeps errors only, so memory stays small). */
  keep?: (d: Diagnostic) => boolean;
  /** Called with the bytes read so far (progress display). */
  onBytes?: (bytesRead: number) => void;
  /** The input's size in bytes, if known (lets core size its tables once). */
  sizeHint?: number;
}

export interface StreamLintOutcome {
  format: CdrFormat;
  records: number;
  summary: StatusSummary;
  isCdr: boolean;
  diagnostics: Diagnostic[];
  /** Every diagnostic found, kept or not, by severity (for --max-warnings under --quiet). */
  warningCount: number;
}

export async function lintStream(input: Readable, options: StreamLintOptions): Promise<StreamLintOutcome> {
  const decoder = createDecoder({ ascii });
  const diagnostics: Diagnostic[] = [];
  let warningCount = 0;
  const onDiagnostic = (d: Diagnostic) => {
    if (d.severity === 'warning') warningCount++;
    if (!options.keep || options.keep(d)) diagnostics.push(d);
  };
  // Core detects the format from the name and the first characters unless it is forced.
  const linter = createLinter({
    fileName: options.fileName,
    config: options.config,
    ...(options.format ? { format: options.format } : {}),
    ...(options.sizeHint !== undefined ? { sizeHint: options.sizeHint } : {}),
    onDiagnostic,
  });

  let bytesRead = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    bytesRead += bytes.length;
    const text = decoder.push(bytes);
    if (text) linter.push(text);
    options.onBytes?.(bytesRead);
  }
  const tail = decoder.end();
  if (tail) linter.push(tail);
  const result = linter.end();
  // With onDiagnostic set, core hands every diagnostic over as found and keeps none in `result`.
  for (const d of decoder.problems()) onDiagnostic(d);
  return {
    format: result.format,
    records: result.records,
    summary: result.summary,
    isCdr: result.isCdr,
    diagnostics,
    warningCount,
  };
}

export async function lintFile(absPath: string, options: StreamLintOptions): Promise<StreamLintOutcome> {
  const sizeHint = options.sizeHint ?? (await stat(absPath)).size;
  return lintStream(createReadStream(absPath, { highWaterMark: CHUNK_BYTES }), { ...options, sizeHint });
}
