// Core diagnostics -> LSP diagnostics, and when to compute them: pushed (debounced after each
// change, stale versions dropped) or pulled (textDocument/diagnostic) when the client can.

import { ruleDocsUrl, type Diagnostic as CoreDiagnostic } from '@cdrlint/core';
import {
  DiagnosticSeverity,
  type ClientCapabilities,
  type Diagnostic,
} from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import type { Positions } from './positions.js';
import type { DiagnosticData } from './protocol.js';

export const SOURCE = 'cdrlint';
export const MAX_PROBLEMS_CODE = 'max-problems';

const SEVERITY: Record<CoreDiagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export interface ConvertOptions {
  relatedInformation: boolean;
}

export function diagnosticOptions(caps: ClientCapabilities): ConvertOptions {
  return {
    relatedInformation:
      caps.textDocument?.publishDiagnostics?.relatedInformation === true || caps.textDocument?.diagnostic !== undefined,
  };
}

export function toLspDiagnostic(d: CoreDiagnostic, uri: string, version: number, pos: Positions, opts: ConvertOptions): Diagnostic {
  const data: DiagnosticData = { version };
  if (d.fix) data.fix = d.fix;
  if (d.suggestions && d.suggestions.length > 0) data.suggestions = d.suggestions;
  const out: Diagnostic = {
    range: pos.coreRange(d.range),
    severity: SEVERITY[d.severity] ?? DiagnosticSeverity.Error,
    code: d.ruleId,
    codeDescription: { href: ruleDocsUrl(d.ruleId) },
    source: SOURCE,
    message: d.message,
    data,
  };
  if (opts.relatedInformation && d.related && d.related.length > 0) {
    out.relatedInformation = d.related.map((r) => ({
      location: { uri, range: pos.coreRange(r.range) },
      message: r.message,
    }));
  }
  return out;
}

/** The LSP diagnostics of an analysis: none for non-CDR files, at most maxProblems plus a note. */
export function diagnosticsOf(a: Analysis, pos: Positions, opts: ConvertOptions): Diagnostic[] {
  if (!a.settings.enable || !a.result.isCdr) return [];
  const all = a.result.diagnostics;
  const max = a.settings.maxProblems;
  const shown = all.length > max ? all.slice(0, max) : all;
  const out = shown.map((d) => toLspDiagnostic(d, a.uri, a.version, pos, opts));
  if (all.length > max) {
    out.push({
      range: pos.range(0, 0),
      severity: DiagnosticSeverity.Information,
      code: MAX_PROBLEMS_CODE,
      source: SOURCE,
      message: `${all.length - max} more problems not shown (cdrlint.maxProblems is ${max}). Run the CLI for the full list: npx cdrlint <file>`,
    });
  }
  return out;
}
