// Custom protocol of the cdrlint language server: settings, commands and requests. Clients (the
// VS Code extension) import these from '@cdrlint/lsp' so both sides share one definition.

import { RequestType, type Range } from 'vscode-languageserver';
import type { SeveritySetting, StatusSummary } from '@cdrlint/core';

/** Settings read with workspace/configuration, section `cdrlint`, per document. */
export interface CdrlintSettings {
  /** Turn cdrlint off for the resource. */
  enable: boolean;
  /** Rule severities; win over cdrlint.config.json. */
  rules: Record<string, SeveritySetting>;
  /** Canonical field name -> column name; wins over cdrlint.config.json. */
  columns: Record<string, string>;
  /** Diagnostics per file; past it, one summary diagnostic says to run the CLI. */
  maxProblems: number;
}

export const DEFAULT_SETTINGS: CdrlintSettings = Object.freeze({
  enable: true,
  rules: {},
  columns: {},
  maxProblems: 1000,
});

export const SETTINGS_SECTION = 'cdrlint';

export const Commands = {
  /** Check every CDR file of the workspace folders; publishes diagnostics, reports progress. */
  checkWorkspace: 'cdrlint.checkWorkspace',
  /** Show a document's status summary (arguments: [uri]); returns the StatusSummary. */
  showSummary: 'cdrlint.showSummary',
} as const;

export interface CheckWorkspaceResult {
  /** Files read. */
  files: number;
  /** Files that turned out to be CDR files. */
  cdrFiles: number;
  errors: number;
  warnings: number;
}

export interface SummaryParams {
  uri: string;
}

/** `cdrlint/summary`: the status summary of an open document (null when it is not a CDR file). */
export const SummaryRequest = new RequestType<SummaryParams, StatusSummary | null, void>('cdrlint/summary');

export interface StatusRangesParams {
  uri: string;
  /** Only status values in this range (e.g. the visible lines); the whole document when absent. */
  range?: Range;
}

export interface StatusRange {
  range: Range;
  /** The taxonomy status the value reads as. */
  status: string;
}

/** `cdrlint/statusRanges`: status values and their family, for the editor's status colours. */
export const StatusRangesRequest = new RequestType<StatusRangesParams, StatusRange[] | null, void>('cdrlint/statusRanges');

/** The code action kind of "fix all cdrlint problems". */
export const FIX_ALL_KIND = 'source.fixAll.cdrlint';

/** What a published diagnostic carries in `data`, so code actions never parse message text. */
export interface DiagnosticData {
  /** Document version the offsets refer to. */
  version: number;
  fix?: { title: string; edits: { start: number; end: number; text: string }[] };
  suggestions?: { title: string; edits: { start: number; end: number; text: string }[] }[];
}
