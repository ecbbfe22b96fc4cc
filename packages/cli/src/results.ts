// What the CLI knows about one checked file, independent of the output format. Formatters
// turn them into text, written through the function they are given; they do no I/O.
import type { CdrFormat, Diagnostic, Severity, SeveritySetting, StatusSummary } from '@cdrlint/core';
export { compareDiagnostics } from '@cdrlint/core';

/** A checked file as the formatters see it once it is done, apart from its diagnostics. */
export interface FileInfo {
  /** Absolute path (or the stdin name as given), as ESLint's JSON output carries it. */
  filePath: string;
  /** Path relative to the working directory, with `/` separators, for humans and SARIF. */
  displayPath: string;
  format: CdrFormat | null;
  records: number;
  summary: StatusSummary | null;
  /** With --fix-dry-run: the text the file would have after fixing (ESLint's `output`). */
  output?: string;
  /** Number of fixes applied (--fix) or that would be applied (--fix-dry-run). */
  fixesApplied?: number;
}

/** A checked file with all its diagnostics (tests, and the whole-output `format` functions). */
export interface FileResult extends FileInfo {
  /** Diagnostics to report, sorted by position (already filtered by --quiet). */
  diagnostics: Diagnostic[];
}

/** The part of core's RuleMeta that formatters need (SARIF rule descriptors). */
export interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: SeveritySetting;
  docsUrl: string;
}

export interface FormatContext {
  cwd: string;
  color: boolean;
  /** --summary: print the per-file status summary (json always carries it). */
  showSummary: boolean;
  toolVersion: string;
  /** Where users learn about the tool (SARIF tool.driver.informationUri). */
  informationUri: string;
  rules: readonly RuleInfo[];
  fixMode: 'none' | 'fix' | 'dry-run';
}

export type Formatter = (results: readonly FileResult[], ctx: FormatContext) => string;

/**
 * A formatter that writes as the check goes, so that a file's diagnostics are never all held:
 * for each file in order, `beginFile`, its diagnostics in source order, `endFile` with its
 * counts; then `end`. Output text goes to the `write` it was made with.
 */
export interface OutputWriter {
  beginFile(file: Pick<FileInfo, 'filePath' | 'displayPath'>): void;
  message(d: Diagnostic): void;
  endFile(file: FileInfo, counts: Counts): void;
  end(): void;
}

export type WriterFactory = (ctx: FormatContext, write: (text: string) => void) => OutputWriter;

/** The whole output for results held in memory, through a writer. */
export function formatWith(make: WriterFactory, results: readonly FileResult[], ctx: FormatContext): string {
  let out = '';
  const w = make(ctx, (text) => (out += text));
  for (const r of results) {
    w.beginFile(r);
    for (const d of r.diagnostics) w.message(d);
    w.endFile(r, countDiagnostics(r.diagnostics));
  }
  w.end();
  return out;
}

export interface Counts {
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  fixableInfoCount: number;
}

export function noCounts(): Counts {
  return { errorCount: 0, warningCount: 0, infoCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, fixableInfoCount: 0 };
}

/** Adds one diagnostic to `c`. */
export function count(c: Counts, d: Diagnostic): void {
  const fixable = d.fix !== undefined && d.fix.edits.length > 0;
  if (d.severity === 'error') {
    c.errorCount++;
    if (fixable) c.fixableErrorCount++;
  } else if (d.severity === 'warning') {
    c.warningCount++;
    if (fixable) c.fixableWarningCount++;
  } else {
    c.infoCount++;
    if (fixable) c.fixableInfoCount++;
  }
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): Counts {
  const c = noCounts();
  for (const d of diagnostics) count(c, d);
  return c;
}

/** Adds `b` into `a`. */
export function addCounts(a: Counts, b: Counts): void {
  a.errorCount += b.errorCount;
  a.warningCount += b.warningCount;
  a.infoCount += b.infoCount;
  a.fixableErrorCount += b.fixableErrorCount;
  a.fixableWarningCount += b.fixableWarningCount;
  a.fixableInfoCount += b.fixableInfoCount;
}

/** ESLint's numeric severities, with 0 for info (ESLint has no info level). */
export function numericSeverity(severity: Severity): 0 | 1 | 2 {
  return severity === 'error' ? 2 : severity === 'warning' ? 1 : 0;
}
