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
  /** Every value (for CSV rows cut from the text on first use: rules read `value(i)` or `valueText`). */
  readonly values: readonly unknown[];
  /** The i-th value; undefined past the last. */
  value(i: number): unknown;
  /** Set on a TextValuesRecord (hasValueText). */
  readonly valueText?: string;
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
 * A record whose values are all text, laid out in one string: value i is
 * valueText[valueSpans[2i] - valueTextBase, valueSpans[2i + 1] - valueTextBase). For a CSV row
 * without quotes that string is the parser's buffer itself, so value readers parse values in
 * place instead of making a substring per cell (see RecordContext.at); for a quoted row, it is
 * the row's unquoted cells put end to end. Every CSV row has one, so that the rules' code takes
 * one path: a path first taken deep into a file throws away the optimized code of every
 * function it runs through. A second path for quoted rows cost 10 such deoptimizations of the
 * largest rule functions on the benchmark file, each followed by a new compile (one core: 2.87
 * against 2.76 s).
 */
export interface TextValuesRecord extends SourceRecord {
  readonly valueText: string;
  /** The absolute offset valueText[0] stands for. */
  readonly valueTextBase: number;
  /** Each value's start and end in valueText, plus valueTextBase. */
  readonly valueSpans: readonly number[];
}

export function hasValueText(r: SourceRecord): r is TextValuesRecord {
  return r.valueText !== undefined;
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
