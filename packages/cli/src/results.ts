// What the CLI knows about one checked file, independent of the output format. Formatters
// turn a list of these into text; they do no I/O.
import type { CdrFormat, Diagnostic, Severity, SeveritySetting, StatusSummary } from '@cdrlint/core';
export { compareDiagnostics } from '@cdrlint/core';

export interface FileResult {
  /** Absolute path (or the stdin name as given), as ESLint's JSON output carries it. */
  filePath: string;
  /** Path relative to the working directory, with `/` separators, for humans and SARIF. */
  displayPath: string;
  format: CdrFormat | null;
  records: number;
  summary: StatusSummary | null;
  /** Diagnostics to report, sorted by position (already filtered by --quiet). */
  diagnostics: Diagnostic[];
  /** With --fix-dry-run: the text the file would have after fixing (ESLint's `output`). */
  output?: string;
  /** Number of fixes applied (--fix) or that would be applied (--fix-dry-run). */
  fixesApplied?: number;
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

export interface Counts {
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  fixableInfoCount: number;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): Counts {
  const c: Counts = {
    errorCount: 0,
    warningCount: 0,
    infoCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    fixableInfoCount: 0,
  };
  for (const d of diagnostics) {
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
  return c;
}

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    errorCount: a.errorCount + b.errorCount,
    warningCount: a.warningCount + b.warningCount,
    infoCount: a.infoCount + b.infoCount,
    fixableErrorCount: a.fixableErrorCount + b.fixableErrorCount,
    fixableWarningCount: a.fixableWarningCount + b.fixableWarningCount,
    fixableInfoCount: a.fixableInfoCount + b.fixableInfoCount,
  };
}

export function totalCounts(results: readonly FileResult[]): Counts {
  return results.reduce((acc, r) => addCounts(acc, countDiagnostics(r.diagnostics)), countDiagnostics([]));
}

/** ESLint's numeric severities, with 0 for info (ESLint has no info level). */
export function numericSeverity(severity: Severity): 0 | 1 | 2 {
  return severity === 'error' ? 2 : severity === 'warning' ? 1 : 0;
}
