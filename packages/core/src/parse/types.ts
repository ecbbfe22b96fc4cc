import type { CdrFormat, Fix, Position, Range } from '../types.js';

/** [start, end) in absolute offsets (UTF-16 code units from the start of the document). */
export interface OffsetRange {
  start: number;
  end: number;
}

/**
 * One record as the parser found it. Values keep their source form: CSV cells are strings
 * (unquoted, `""` unescaped); JSON values are what JSON.parse gives. Ranges are computed on
 * request (only where a diagnostic lands), so parsing a large file stays cheap.
 */
export interface SourceRecord {
  /** 0-based among the data records of the file. */
  readonly index: number;
  /** Absolute offsets of the record's own text (CSV: without the line break; JSON: the braces). */
  readonly start: number;
  readonly end: number;
  /** 0-based line where the record starts. */
  readonly line: number;
  /** Field names in order. For CSV, the header row's cells (shared by every record). */
  readonly keys: readonly string[];
  /** Every value (for CSV rows cut from the text on first use: rules read `value(i)` or `verbatim`). */
  readonly values: readonly unknown[];
  /** The i-th value; undefined past the last. */
  value(i: number): unknown;
  /** Set on a VerbatimRecord (isVerbatim). */
  readonly verbatim?: string;
  /** Range of the i-th value (CSV: the whole cell, quotes included; JSON: the value token). */
  valueRange(i: number): OffsetRange;
  /** Range of the i-th key in this record (JSON keys); undefined for CSV (see the header). */
  keyRange(i: number): OffsetRange | undefined;
  /** Line/column of an absolute offset inside this record. */
  position(offset: number): Position;
  /** The record's source text. */
  text(): string;
  /** A 32-bit hash of the record's text, computed in place where the parser can (optional). */
  hash?(): number;
}

/**
 * A record whose values are written verbatim in `verbatim` (a CSV row without quotes): value i
 * is verbatim[spans[2i] - verbatimBase, spans[2i + 1] - verbatimBase). Value readers parse it
 * there in place instead of making a substring per cell (see RecordContext.at).
 */
export interface VerbatimRecord extends SourceRecord {
  /** The text the record lies in (a parser's buffer, not only the row); undefined when not verbatim. */
  readonly verbatim: string | undefined;
  /** Absolute offset of verbatim[0]. */
  readonly verbatimBase: number;
  /** Each value's start and end, absolute offsets. */
  readonly spans: readonly number[];
}

export function isVerbatim(r: SourceRecord): r is VerbatimRecord & { readonly verbatim: string } {
  return r.verbatim !== undefined;
}

/** A CSV header row. */
export interface CsvHeader {
  readonly cells: readonly string[];
  readonly ranges: readonly OffsetRange[];
  readonly delimiter: string;
  position(offset: number): Position;
}

/** A problem found while reading the text (parse-error, csv-field-count, blank-row, encoding). */
export interface ParseProblem {
  ruleId: string;
  message: string;
  range: Range;
  record?: number;
  fix?: Fix;
}

export interface ParseSink {
  header?(header: CsvHeader): void;
  record(record: SourceRecord): void;
  problem(problem: ParseProblem): void;
}

/**
 * Push-based parser: feed chunks of text in order, then call end(). Records and problems are
 * handed to the sink as soon as they are complete; the parser keeps only the unfinished tail.
 * Parsers never throw on any input.
 */
export interface StreamParser {
  readonly format: CdrFormat;
  push(chunk: string): void;
  end(): void;
  /**
   * Reads everything pushed that makes complete records, then tells whether nothing is left
   * (the text ended between records) and how many line breaks were read. Call before end().
   */
  boundary?(): { clean: boolean; lines: number };
  /**
   * The offset where the text not yet made into records starts: every record and problem still
   * to come starts there or after it (see DiagnosticOrder).
   */
  settled(): number;
}
