// Plain data types shared by every part of core and by its consumers (CLI, language server).
// No editor or protocol types here: positions are offsets plus 0-based line/column in UTF-16
// code units (the units of a JavaScript string), which the adapters convert as they need.

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export type CdrFormat = 'csv' | 'ndjson' | 'json';

/** A place in the document. `offset` counts UTF-16 code units from the start of the text. */
export interface Position {
  offset: number;
  /** 0-based line. Lines end at LF, CRLF or a lone CR. */
  line: number;
  /** 0-based column in UTF-16 code units. */
  column: number;
}

export interface Range {
  start: Position;
  /** Exclusive. */
  end: Position;
}

/** An edit of the text: replace [start, end) (offsets) with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  /** What the fix does, for a menu ("Change to 'ANSWERED'"). */
  title: string;
  edits: TextEdit[];
}

export interface RelatedInformation {
  message: string;
  range: Range;
}

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  /** 0-based index of the record the diagnostic is about, if any. */
  record?: number;
  /** A safe fix that `--fix` and "fix all" may apply without asking. */
  fix?: Fix;
  /** Alternatives the user may pick (did-you-mean); never applied automatically. */
  suggestions?: Fix[];
  related?: RelatedInformation[];
}

/** Counts of one file's statuses. */
export interface StatusSummary {
  records: number;
  /** Records whose status could be read as one of the taxonomy's statuses. */
  classified: number;
  statuses: Record<string, number>;
  /** Keyed `STATUS/SUB_STATUS`. */
  subStatuses: Record<string, number>;
  resultCodes: Record<string, number>;
  /** ANSWERED / classified, or null when nothing was classified. */
  answerRate: number | null;
}
