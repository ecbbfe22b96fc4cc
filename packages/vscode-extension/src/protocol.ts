// The client's side of the server's custom protocol. Types come from @cdrlint/lsp and
// @cdrlint/core (type-only: nothing of the server is bundled into the client); the method names
// are plain strings so that the client does not bundle vscode-languageserver, and
// test/protocol.test.ts checks them against @cdrlint/lsp's definitions.

import type { StatusSummary } from '@cdrlint/core';

export type { StatusSummary };

/** `cdrlint/summary` {uri} -> StatusSummary | null (null: not a CDR file). */
export const SUMMARY_METHOD = 'cdrlint/summary';

/**
 * `cdrlint/statusRanges` {uri} -> StatusRange[] | null: where each record's status value is and
 * which taxonomy status it reads as, for the status colours. Proposed to the server; when it does
 * not know the method the client simply shows no colours.
 */
export const STATUS_RANGES_METHOD = 'cdrlint/statusRanges';

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

export interface StatusRange {
  range: LspRange;
  /** A status of the taxonomy (ANSWERED, ABSENT, ERROR). */
  status: string;
}

/** The source of every diagnostic of the server. */
export const DIAGNOSTIC_SOURCE = 'cdrlint';
/** Code action kind of "fix all cdrlint problems". */
export const FIX_ALL_KIND = 'source.fixAll.cdrlint';
/** Rule id of JSON syntax errors, which VS Code's own JSON support already reports. */
export const PARSE_ERROR_RULE = 'parse-error';
/** The server's command behind its summary CodeLens; in VS Code it opens the summary view. */
export const SERVER_SHOW_SUMMARY_COMMAND = 'cdrlint.showSummary';
