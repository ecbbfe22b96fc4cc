// Checking one large file in parts (CSV, NDJSON, a JSON array), for callers that have several
// cores: the caller cuts the file after line breaks (partLayout says where it may), lints each
// part with `createLinter({ part })` (in worker threads, say), then joins the outcomes here.
// The join reproduces what one pass over the whole file reports; where it cannot (a cut inside
// a record, such as a quoted CSV field or a JSON element), it says so (`valid: false`) and the
// caller checks the file in one pass instead. Core holds no threads: this module is plain data
// in, plain data out.
import { ANSWERED_STATUS } from './taxonomy.js';
import type { LintConfig } from './config.js';
import { createCsvParser } from './parse/csv.js';
import { recordsArrayOpening } from './parse/json.js';
import type { CsvHeader } from './parse/types.js';
import { DuplicateCallIds, duplicateStateArrays, type DuplicateState } from './rules/duplicates.js';
import type { Notation } from './rules/taxonomy-rules.js';
import type { CdrFormat, Diagnostic, Position, Range, Severity, StatusSummary } from './types.js';

/**
 * Missing-status diagnostics held back until the file shows a status at all. Past this many,
 * only a count is kept: a file whose first status comes after them loses those messages.
 */
export const PENDING_LIMIT = 1000;

/** What a part needs besides its text (pass it as `createLinter({ part })`). */
export interface PartOptions {
  /**
   * Text the linter reads before the part's own text, for context only: the CSV header for a
   * later CSV part, a line break for a later NDJSON part (so that its first character is not
   * the file's first), the opening of the records array for a later JSON part. It ends with a
   * line break. Its diagnostics belong to the first part and are dropped (partLayout).
   */
  prefix: string;
  /** True for every part but the first: call-id repeats are decided by joinParts. */
  later: boolean;
  /**
   * The file's first status notation (R15), shared by all parts: the first part writes it,
   * later parts read it. Parts run in order in one thread can share a plain object; threads
   * need an object whose getter waits for the earlier parts (the CLI uses a SharedArrayBuffer).
   */
  notation: { first?: Notation };
}

/** What linting a part leaves for the join (structured-cloneable, for worker threads). */
export interface PartOutcome {
  format: CdrFormat;
  prefixChars: number;
  prefixLines: number;
  /** Length of the whole text read, prefix included, and its number of line breaks. */
  chars: number;
  lines: number;
  /** Whether the text ended between two records, at a line start (false: the cut was inside a record). */
  clean: boolean;
  /**
   * Whether the part's own text began where a record may: not so for a JSON part that opens
   * with `]`, `}` or `:`, where one pass still knows the comma before the cut (see lint.ts).
   * Always true for CSV and NDJSON.
   */
  cleanStart: boolean;
  records: number;
  summary: StatusSummary;
  isCdr: boolean;
  duplicates?: DuplicateState;
  /**
   * What the part's end found after its text ended cleanly between records, which holds only
   * if the file ends there too (JSON: the records array left open). Reported for the last part.
   */
  endOfFile: Diagnostic[];
  /** JSON-like formats: missing-status diagnostics held while no record of the part had a status. */
  pending: Diagnostic[];
  pendingDropped: number;
  /** JSON-like formats: how many held missing-status diagnostics the part reported at its first status. */
  released: number;
}

/** How to move a part's diagnostics to their place in the file. */
export interface PartShift {
  prefixChars: number;
  prefixLines: number;
  /** Characters, line breaks and records of the file before the part. */
  chars: number;
  lines: number;
  records: number;
}

export interface JoinedParts {
  /** False when only one pass can give the result (a cut inside a record; see joinParts): check the file in one pass instead. */
  valid: boolean;
  shifts: PartShift[];
  /** Diagnostics only the join can decide (call ids repeated across parts, file-level ones). */
  diagnostics: Diagnostic[];
  summary: StatusSummary;
  records: number;
  isCdr: boolean;
}

/** How a file may be cut into parts, read from its head (see partLayout). */
export interface PartLayout {
  /** PartOptions.prefix of every later part. */
  prefix: string;
  /** Characters of the head before which no cut may fall (the header, the opening of the records array). */
  bodyStart: number;
  /**
   * The offset just after the first line feed in `text`, at or after `from`, where a part may
   * start; -1 if there is none. For CSV and NDJSON any line feed will do; a JSON part must
   * start at an element of the records array, after a line that ends with a comma (which
   * must lie at or after `from` too). Only ASCII is read, so the text may be bytes
   * decoded as latin1, and then the offset is a byte offset.
   */
  cut(text: string, from?: number): number;
}

/**
 * How a file may be cut into parts, from its head; undefined when it may not be (CSV: the head
 * does not hold a whole header; JSON: the records array does not open at the head, or its
 * elements do not start lines).
 */
export function partLayout(format: CdrFormat, head: string, delimiter?: string): PartLayout | undefined {
  const afterLineFeed = (text: string, from = 0) => {
    const lf = text.indexOf('\n', from);
    return lf < 0 ? -1 : lf + 1;
  };
  if (format === 'ndjson') return { prefix: '\n', bodyStart: 0, cut: afterLineFeed };
  if (format === 'json') return jsonLayout(head);
  const prefix = csvPrefix(head, delimiter);
  return prefix === undefined ? undefined : { prefix, bodyStart: prefix.length, cut: afterLineFeed };
}

/** The CSV header record with its line break. */
function csvPrefix(head: string, delimiter?: string): string | undefined {
  let header: CsvHeader | undefined;
  const parser = createCsvParser({ header: (h) => (header = h), record: () => {}, problem: () => {} }, delimiter ? { delimiter } : {});
  // Line by line until the header is reported (its line break read; no end()): the whole
  // head would have parsed ~7,000 rows more, 33 ms of a split's start-up.
  for (let from = 0; !header && from < head.length; ) {
    const lf = head.indexOf('\n', from);
    const to = lf < 0 ? head.length : lf + 1;
    parser.push(head.slice(from, to));
    from = to;
  }
  if (!header || header.ranges.length === 0) return undefined;
  const end = header.ranges[header.ranges.length - 1].end;
  const c = head.charCodeAt(end);
  if (c === 13 && head.charCodeAt(end + 1) === 10) return head.slice(0, end + 2);
  if (c === 10) return head.slice(0, end + 1);
  // A lone CR would join a part's leading LF into one CRLF break: an LF counts the same.
  if (c === 13 && end + 1 < head.length) return `${head.slice(0, end)}\n`;
  return undefined;
}

/** A comma that ends a line, then the next line's indentation and an opening brace. */
const JSON_ELEMENT_LINE = /,[ \t]*\r?\n([ \t]*)\{/g;

/**
 * JSON: a later part reads the head up to the bracket that opens the records array (a
 * top-level array, or an envelope object's), then starts at an element.
 * A line that starts an element follows a line ending with a comma and has the elements'
 * indentation: the least among such lines of the head, since a record's nested objects are
 * indented deeper. The join still checks every cut (parts.ts joinParts).
 */
function jsonLayout(head: string): PartLayout | undefined {
  const bodyStart = recordsArrayOpening(head);
  if (bodyStart < 0) return undefined;
  let indent: string | undefined;
  JSON_ELEMENT_LINE.lastIndex = bodyStart;
  for (let m = JSON_ELEMENT_LINE.exec(head); m; m = JSON_ELEMENT_LINE.exec(head)) {
    if (indent === undefined || m[1].length < indent.length) indent = m[1];
  }
  if (indent === undefined) return undefined;
  const elementIndent = indent;
  return {
    prefix: `${head.slice(0, bodyStart)}\n`,
    bodyStart,
    cut(text: string, from = 0): number {
      JSON_ELEMENT_LINE.lastIndex = from;
      for (let m = JSON_ELEMENT_LINE.exec(text); m; m = JSON_ELEMENT_LINE.exec(text)) {
        if (m[1] === elementIndent) return m.index + m[0].length - 1 - elementIndent.length;
      }
      return -1;
    },
  };
}

function shiftPosition(p: Position, s: PartShift): Position {
  return { offset: p.offset - s.prefixChars + s.chars, line: p.line - s.prefixLines + s.lines, column: p.column };
}

function shiftRange(r: Range, s: PartShift): Range {
  return { start: shiftPosition(r.start, s), end: shiftPosition(r.end, s) };
}

/** The buffers of a part's outcome that can move to another thread instead of being copied. */
export function partTransferables(outcome: PartOutcome): ArrayBuffer[] {
  const arrays = outcome.duplicates ? duplicateStateArrays(outcome.duplicates) : [];
  return arrays.flatMap((a) => (a.buffer instanceof ArrayBuffer ? [a.buffer] : []));
}

/** A part's diagnostic, placed in the whole file (a new object; the input is not changed). */
export function shiftDiagnostic(d: Diagnostic, s: PartShift): Diagnostic {
  if (s.chars === s.prefixChars && s.lines === s.prefixLines && s.records === 0) return d;
  const out: Diagnostic = { ...d, range: shiftRange(d.range, s) };
  if (d.record !== undefined) out.record = d.record + s.records;
  const delta = s.chars - s.prefixChars;
  const moveFix = (f: NonNullable<Diagnostic['fix']>) => ({ ...f, edits: f.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta })) });
  if (d.fix) out.fix = moveFix(d.fix);
  if (d.suggestions) out.suggestions = d.suggestions.map(moveFix);
  if (d.related) out.related = d.related.map((r) => ({ ...r, range: shiftRange(r.range, s) }));
  return out;
}

/**
 * Joins the outcomes of a file's parts, in file order. Part 0's duplicate table is taken over
 * (and grown): do not use it afterwards.
 */
export function joinParts(parts: readonly PartOutcome[], config: LintConfig): JoinedParts {
  const shifts: PartShift[] = [];
  const diagnostics: Diagnostic[] = [];
  const isCdr = parts.some((p) => p.isCdr);
  // Every part but the last must end between records, and every later part open where a record
  // may. A later part that held more missing-status messages than it keeps lost some that one
  // pass over a file with statuses reports; and one pass keeps at most PENDING_LIMIT before the
  // file's first status in all, which parts that each kept their own may exceed. Only one pass
  // can give those.
  const valid =
    parts.every((p, i) => (p.clean || i === parts.length - 1) && (i === 0 || (p.cleanStart && (!isCdr || p.pendingDropped === 0)))) &&
    heldBeforeFirstStatus(parts) <= PENDING_LIMIT;
  let base = { chars: 0, lines: 0, records: 0 };
  for (const p of parts) {
    shifts.push({ prefixChars: p.prefixChars, prefixLines: p.prefixLines, ...base });
    base = { chars: base.chars + p.chars - p.prefixChars, lines: base.lines + p.lines - p.prefixLines, records: base.records + p.records };
  }
  const format = parts[0]?.format ?? 'csv';
  // (A part without records has no table.)
  if (valid && parts.some((p) => p.duplicates)) {
    const table = new DuplicateCallIds(false, parts[0]?.duplicates);
    const severity = config.rules['duplicate-call-id'] as Severity;
    for (let i = 1; i < parts.length; i++) {
      const s = shifts[i];
      const state = parts[i].duplicates;
      const delta = { chars: s.chars - s.prefixChars, lines: s.lines - s.prefixLines, records: s.records };
      if (state) table.absorb(state, delta, severity, (d) => diagnostics.push(d), i === parts.length - 1);
    }
  }
  const last = parts.at(-1);
  if (last) diagnostics.push(...last.endOfFile.map((d) => shiftDiagnostic(d, shifts[parts.length - 1])));
  if (format !== 'csv') {
    // Held missing-status messages: reported once some record of the file has a status,
    // otherwise replaced by one file-level message (as one pass does).
    const held = parts.flatMap((p, i) => p.pending.map((d) => shiftDiagnostic(d, shifts[i])));
    const dropped = parts.reduce((n, p) => n + p.pendingDropped, 0);
    const severity = config.rules['missing-column'];
    if (isCdr) diagnostics.push(...held);
    else if (held.length > 0 && severity !== undefined && severity !== 'off') {
      const n = held.length + dropped;
      diagnostics.push({
        ruleId: 'missing-column',
        severity,
        message: noStatusMessage(n),
        range: held[0].range,
      });
    }
  }
  return { valid, shifts, diagnostics, summary: mergeSummaries(parts.map((p) => p.summary)), records: base.records, isCdr };
}

/**
 * Missing-status messages one pass would hold before the file's first status, when that status
 * is in a later part (0 otherwise: the first part holds exactly what one pass holds).
 */
function heldBeforeFirstStatus(parts: readonly PartOutcome[]): number {
  const k = parts.findIndex((p) => p.isCdr);
  if (k <= 0) return 0;
  let n = parts[k].released + parts[k].pendingDropped;
  for (let i = 0; i < k; i++) n += parts[i].pending.length + parts[i].pendingDropped;
  return n;
}

/** The file-level message of a JSON-like file in which no record has a status. */
export function noStatusMessage(records: number): string {
  return `No record has a status field (${records} record${records === 1 ? '' : 's'} checked): expected a key such as status or call_status.`;
}

/** Sums status summaries; keys keep their first-seen order, as one pass would. */
export function mergeSummaries(all: readonly StatusSummary[]): StatusSummary {
  const out: StatusSummary = { records: 0, classified: 0, statuses: {}, subStatuses: {}, resultCodes: {}, answerRate: null };
  const add = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
  };
  for (const s of all) {
    out.records += s.records;
    out.classified += s.classified;
    add(out.statuses, s.statuses);
    add(out.subStatuses, s.subStatuses);
    add(out.resultCodes, s.resultCodes);
  }
  if (out.classified > 0) out.answerRate = (out.statuses[ANSWERED_STATUS] ?? 0) / out.classified;
  return out;
}
