// Incremental re-check: after an edit, only the records it touches are linted again as a small
// document (the CSV header plus the edit's lines; the NDJSON lines; a flat JSON element in an
// array of one; or, for JSON records added or removed and line breaks, the text between the
// records around the edit, read between those two), their diagnostics replace the old ones, later
// positions shift (by lines too when rows are added or removed), and the summary is updated by
// the difference. A record being typed is often not valid JSON: an NDJSON line or a JSON element
// may stop or start being a record (later records are renumbered), and a JSON element may hold a
// string left open, where core's parser stops reading the file (stoppedSnapshot). Cross-record rules stay exact: the edit is taken only
// when each call id it touches is unique before and after (duplicate-call-id cannot change) and
// mixed-notation is off; otherwise the caller lints the whole text. Built on core's public API only
// (createLinter with onRecord, createCsvParser, namingFirstLine; the index in record-index.ts);
// see the report for the per-record API that would let core do this itself.

import {
  namingFirstLine,
  createCsvParser,
  createLinter,
  formatFromName,
  type Diagnostic,
  type Fix,
  type LintConfig,
  type LintResult,
  type CdrFormat,
  type Position,
  type Range,
  type SourceRecord,
  type StatusSummary,
} from '@cdrlint/core';
import { arrayOpenBefore, elementBetween, elementsEnd, inArray, isFlatElement, stopsAt } from './json-element.js';
import { LineText } from './line-text.js';
import { ClassTable, firstAtOrAfter, firstRecordFrom, idHash, RecordIndexBuilder, type RecordIndex } from './record-index.js';

export interface Snapshot {
  text: LineText;
  result: LintResult;
  index: RecordIndex;
  config: LintConfig;
  fileName: string | undefined;
  /**
   * Set when core's JSON parser stops inside an element that an edit left open (stoppedSnapshot):
   * the snapshot before that edit, and the edit from it to this text. The next edit starts from
   * there, so that the records after the element come back when it closes again.
   */
  resume?: { base: Snapshot; edit: CombinedEdit };
}

/** Lints the whole text, keeping the record index that later incremental steps need. */
export function fullSnapshot(text: LineText | string, config: LintConfig, fileName: string | undefined, format?: CdrFormat, onRecord?: (r: SourceRecord) => void): Snapshot {
  const lt = typeof text === 'string' ? LineText.from(text) : text;
  const b = new RecordIndexBuilder(config.columns);
  const linter = createLinter({
    fileName,
    format,
    config,
    onRecord: (r, c) => {
      b.add(r, c);
      onRecord?.(r);
    },
  });
  for (const piece of lt.pieces()) linter.push(piece);
  return { text: lt, result: linter.end(), index: b.index, config, fileName };
}

/**
 * The config for linting one record alone: duplicate-call-id off (one record has no duplicate, and
 * the rule's id table costs more than the rest of a one-record lint), everything else unchanged.
 */
const aloneConfigs = new WeakMap<LintConfig, LintConfig>();
function aloneConfig(config: LintConfig): LintConfig {
  let c = aloneConfigs.get(config);
  if (!c) {
    c = { ...config, rules: { ...config.rules, 'duplicate-call-id': 'off' } };
    aloneConfigs.set(config, c);
  }
  return c;
}

/** A record of a small document: where it is, its call id key and classification code. */
interface SmallRecord {
  start: number;
  end: number;
  line: number;
  id: string;
  cls: number;
}

/** Lints one small text (the records of a unit alone): its result and records. */
function lintSmall(text: string, fullConfig: LintConfig, fileName: string | undefined, format: CdrFormat, table: ClassTable): { result: LintResult; records: SmallRecord[] } {
  const config = aloneConfig(fullConfig);
  const b = new RecordIndexBuilder(config.columns, table);
  const records: SmallRecord[] = [];
  const linter = createLinter({
    fileName,
    format,
    config,
    onRecord: (r, c) => {
      const cls = b.add(r, c);
      records.push({ start: r.start, end: r.end, line: r.line, id: b.lastId, cls });
    },
  });
  linter.push(text);
  return { result: linter.end(), records };
}

/**
 * Whether the CSV rows `lines`, read after the header `head`, end at their last line break, so
 * that the lines after them read as they did. The CSV parser itself says so (a hand-written quote
 * scan would have to copy its handling of stray quotes): given the rows and one more line, it
 * must start its last record at that line.
 */
function endsOnItsLine(head: string, lines: string, fileName: string | undefined): boolean {
  let lastStart = -1;
  const parser = createCsvParser(
    {
      record: (r) => {
        lastStart = r.start;
      },
      problem: () => {},
    },
    { delimiter: formatFromName(fileName).delimiter },
  );
  parser.push(`${head}${lines}\nx`);
  parser.end();
  return lastStart === head.length + lines.length + 1;
}

/** One edit of the old text: [start, endOld) became new text [start, endNew). */
export interface CombinedEdit {
  start: number;
  endOld: number;
  endNew: number;
}

/** The edit `first` followed by `then` (whose offsets are in the text after `first`), as one span. */
export function mergeEdits(first: CombinedEdit, then: CombinedEdit): CombinedEdit {
  // Text before first.start and after first.endNew is still the old text (shifted after).
  return {
    start: Math.min(first.start, then.start),
    endOld: first.endOld + Math.max(0, then.endOld - first.endNew),
    endNew: Math.max(first.endNew, then.endOld) + then.endNew - then.endOld,
  };
}

/**
 * How positions move: by `offset` characters and `line` lines, and on line `colLine` (before the
 * move) by `column` columns too. Only ranges that start at or after `from` move.
 */
interface Shift {
  offset: number;
  line: number;
  colLine: number;
  column: number;
  from: number;
}

function shiftPosition(p: Position, by: Shift): Position {
  return { offset: p.offset + by.offset, line: p.line + by.line, column: p.line === by.colLine ? p.column + by.column : p.column };
}
function shiftRange(r: Range, by: Shift): Range {
  if (r.start.offset < by.from) return r;
  return { start: shiftPosition(r.start, by), end: shiftPosition(r.end, by) };
}
function shiftFix(f: Fix, by: Shift): Fix {
  return { title: f.title, edits: f.edits.map((e) => (e.start < by.from ? e : { start: e.start + by.offset, end: e.end + by.offset, text: e.text })) };
}
/** Moves every range of `d` that lies at or after `by.from` (a related range may point before it). */
function shiftDiagnostic(d: Diagnostic, by: Shift, record?: number): Diagnostic {
  const out: Diagnostic = { ...d, range: shiftRange(d.range, by) };
  if (record !== undefined) out.record = record;
  if (d.fix) out.fix = shiftFix(d.fix, by);
  if (d.suggestions) out.suggestions = d.suggestions.map((s) => shiftFix(s, by));
  if (d.related) out.related = d.related.map((r) => ({ message: r.message, range: shiftRange(r.range, by) }));
  return out;
}

/** `into` plus `after` minus `before`, key by key (a key whose count does not change keeps its place). */
function addCounts(into: Record<string, number>, before: Record<string, number>, after: Record<string, number>): void {
  const change = new Map<string, number>();
  for (const [k, v] of Object.entries(before)) change.set(k, -v);
  for (const [k, v] of Object.entries(after)) change.set(k, (change.get(k) ?? 0) + v);
  for (const [k, v] of change) {
    if (v === 0) continue;
    const n = (into[k] ?? 0) + v;
    if (n === 0) delete into[k];
    else into[k] = n;
  }
}

/** old summary - the old record's + the new record's (what SummaryBuilder would have counted). */
function updateSummary(s: StatusSummary, before: StatusSummary, after: StatusSummary): StatusSummary {
  const statuses = { ...s.statuses };
  const subStatuses = { ...s.subStatuses };
  const resultCodes = { ...s.resultCodes };
  addCounts(statuses, before.statuses, after.statuses);
  addCounts(subStatuses, before.subStatuses, after.subStatuses);
  addCounts(resultCodes, before.resultCodes, after.resultCodes);
  const classified = s.classified - before.classified + after.classified;
  // Same definition as core's StatusSummary.answerRate: ANSWERED / classified.
  return { records: s.records - before.records + after.records, classified, statuses, subStatuses, resultCodes, answerRate: classified === 0 ? null : (statuses.ANSWERED ?? 0) / classified };
}

/**
 * The text an edit re-checks, in the old text: the whole CSV or NDJSON lines it touches, or a JSON
 * element from its `{` to its `}`; and the small document it is linted in.
 */
interface Unit {
  /** The first record on the unit, or when it holds none, the index a new one takes. */
  record: number;
  /** How many records the unit holds in the old text. */
  count: number;
  /** The 0-based line the unit starts on. */
  line: number;
  start: number;
  end: number;
  /** A diagnostic with no record that starts at `end` belongs to the unit (a line's end). */
  ownsEnd: boolean;
  /** The small document: `head` + the unit's text + `tail`. */
  head: string;
  tail: string;
  /** The line the unit starts on in the small document, and its column in the document. */
  headLine: number;
  column: number;
  /** Where core's JSON parser stops in the new text, when it stops in this element (stopsAt). */
  stop?: number;
  /** The small document's head ends with the record before the unit (jsonSpanUnit). */
  leading?: boolean;
  /** The small document's tail starts with the record after the unit. */
  trailing?: boolean;
}

/**
 * The same edit written after the line break it starts with, when the text after it starts with
 * that break too: a line added after a row (Enter at its end) or removed with the break before it
 * then touches none of that row's line, which stays out of the re-check.
 */
function pastLineBreak(text: LineText, newText: LineText, edit: CombinedEdit): CombinedEdit {
  const removed = edit.endOld - edit.start;
  const inserted = edit.endNew - edit.start;
  if ((removed === 0) === (inserted === 0)) return edit;
  const moved = removed > 0 ? text.slice(edit.start, edit.start + 2) : newText.slice(edit.start, edit.start + 2);
  const brk = moved.startsWith('\r\n') ? '\r\n' : moved[0] === '\n' || moved[0] === '\r' ? moved[0] : '';
  if (brk === '' || Math.max(removed, inserted) < brk.length) return edit;
  const after = removed > 0 ? text.slice(edit.endOld, edit.endOld + brk.length) : text.slice(edit.start, edit.start + brk.length);
  if (after !== brk) return edit;
  const k = brk.length;
  return { start: edit.start + k, endOld: edit.endOld + k, endNew: edit.endNew + k };
}

/** How many characters and records an edit's lines may hold to be re-checked alone. */
const MAX_SPAN_CHARS = 1 << 20;
const MAX_SPAN_RECORDS = 1000;

/**
 * The CSV or NDJSON lines an edit touches, with the records that lie in them (none may run into
 * them or out of them): a record being typed, rows added, pasted or deleted. An edit of whole
 * lines (at a line start, each side empty or ending with a line break) is its own span; any other
 * takes its lines whole, without their last line break. Each NDJSON line is read alone, so one
 * that stops or starts being a record as the user types is re-checked alone too; CSV lines are
 * read after the header.
 */
function linesUnit(old: Snapshot, newText: LineText, edit: CombinedEdit): Unit | undefined {
  const { index: ix, text } = old;
  const delta = edit.endNew - edit.endOld;
  const endsLine = (t: string) => t === '' || t.endsWith('\n');
  const lineStart = text.lineAround(edit.start).start;
  const whole = lineStart === edit.start && endsLine(text.slice(edit.start, edit.endOld)) && endsLine(newText.slice(edit.start, edit.endNew));
  const start = whole ? edit.start : lineStart;
  const end = whole ? edit.endOld : text.lineAround(edit.endOld).end;
  // (An edit that ends between a CR and its LF ends past its line's end: not read here.)
  if (end < edit.endOld) return undefined;
  if (end - start > MAX_SPAN_CHARS || end + delta - start > MAX_SPAN_CHARS) return undefined;
  const n = ix.starts.length;
  const record = firstRecordFrom(ix, start);
  if (record < n && ix.starts.at(record) < start) return undefined;
  // The records that start in the span (at its end too, unless it ends after a line break).
  let lo = record;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const at = ix.starts.at(mid);
    if (at < end || (at === end && !whole)) lo = mid + 1;
    else hi = mid;
  }
  const count = lo - record;
  if (count > MAX_SPAN_RECORDS || (count > 0 && ix.ends.at(lo - 1) > end)) return undefined;
  const line = text.positionAt(start).line;
  const unit: Unit = { record, count, line, start, end, ownsEnd: !whole, head: '', tail: '', headLine: 0, column: 0 };
  if (old.result.format === 'ndjson') {
    // A BOM is white space only at the file's start: alone, the first line would read it as one.
    const bom = (t: LineText) => start > 0 && t.slice(start, start + 1) === '\ufeff';
    return bom(text) || bom(newText) ? undefined : unit;
  }
  // After the CSV header (the same text, so the same lines and delimiter): the first line when it
  // holds no quote, or else everything before the first record.
  const firstLine = text.slice(0, text.lineAround(0).end);
  const headEnd = firstLine.trim() !== '' && !firstLine.includes('"') ? text.lineStart(1) : ix.starts.at(0);
  if (start < headEnd || headEnd !== text.lineAround(headEnd).start) return undefined;
  const head = text.slice(0, headEnd);
  // And before the line break that ends the last line, with which a blank last line is reported.
  const next = text.slice(end, end + 2);
  const tail = whole ? '' : next.startsWith('\r\n') ? next : next.slice(0, 1);
  const newLines = newText.slice(start, end + delta);
  // A lone CR decides whether a blank row's fix may remove it by what follows it: not read here.
  if (tail === '\r' || /\r(?!\n)/.test(newLines) || /\r(?!\n)/.test(text.slice(start, end))) return undefined;
  // The old rows ended in the span. A quote in the new lines may open a cell that runs on into
  // the next lines, and then every later record changes.
  if (newLines.includes('"') && !endsOnItsLine(head, newLines, old.fileName)) return undefined;
  return { ...unit, head, tail, headLine: text.positionAt(headEnd).line };
}

/** What a JSON unit's small document opens with: an array, its first element on the next line. */
const ARRAY_HEAD = '[\n';

/** How far an element's text is read for where core's parser stops in it (jsonUnit). */
const MAX_STOP_SCAN = 1 << 16;

/**
 * A JSON element of an array with the edit strictly inside its braces, flat (no nested object or
 * array, so that no depth limit can differ in the small document) before and after, and read by
 * core's scanner to the same closing brace (isFlatElement): a record, or an element that is not
 * valid JSON (a record being typed), which core reports and goes past. Then the parser reads it,
 * and everything around it, as it would alone.
 */
function jsonUnit(old: Snapshot, newText: LineText, edit: CombinedEdit): Unit | undefined {
  const { index: ix, text } = old;
  const delta = edit.endNew - edit.endOld;
  const unit = (record: number, present: boolean, line: number, start: number, end: number): Unit | undefined => {
    const column = start - text.lineAround(start).start;
    const found: Unit = { record, count: present ? 1 : 0, line, start, end, ownsEnd: false, head: ARRAY_HEAD, tail: '\n]', headLine: 1, column };
    if (isFlatElement(newText.slice(start, end + delta))) return found;
    // Or a string left open runs into the end of a line of the element, or of its last line
    // (on a line of many records, as minified JSON has, it runs on into the next: not this path).
    const lastLine = newText.lineAround(end + delta - 1);
    if (lastLine.end - start > MAX_STOP_SCAN) return undefined;
    const stop = stopsAt(newText.slice(start, lastLine.end + 1));
    return stop >= 0 ? { ...found, stop: start + stop } : undefined;
  };
  let lo = 0;
  let hi = ix.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ix.starts.at(mid) < edit.start) lo = mid;
    else hi = mid - 1;
  }
  const start = ix.starts.at(lo);
  const end = ix.ends.at(lo);
  if (start < edit.start && edit.endOld < end) {
    if (!isFlatElement(text.slice(start, end))) return undefined;
    // An element of an array (a record that is the whole document is read as one, not in an array).
    if (!inArray(text, start)) return undefined;
    return unit(lo, true, ix.lines.at(lo), start, end);
  }
  const element = elementBetween(text, ix, edit.start, edit.endOld);
  return element && unit(element.next, false, text.positionAt(element.start).line, element.start, element.end);
}

/** How far after the last record the array's `]` is looked for (jsonSpanUnit). */
const MAX_ARRAY_END_SCAN = 1 << 16;

/**
 * A JSON edit from the end of a record P to the start of the next record Q, or to the array's `]`
 * when no record follows: records added, pasted or removed, a record typed between two others, a
 * line break typed in a record. The text there must hold, before and after the edit, only white
 * space, commas and flat elements (elementsEnd), which core's parser reads without leaving the
 * array. The small document holds that text between P and Q themselves, in an array: the parser
 * enters it after P as in the file, reports a comma missing before Q at Q's start as in the file,
 * and P's and Q's own records are left out (leading, trailing). P must be flat and be the file's
 * first record with a status field or come after it, so that no missing-status message is held
 * back here.
 * With no record before the edit, the text starts just after the array's `[`, the small
 * document's own; then the file's first record must have a status field before and after the
 * edit (keepsFirstStatus).
 */
function jsonSpanUnit(old: Snapshot, newText: LineText, edit: CombinedEdit): Unit | undefined {
  const { index: ix, text } = old;
  const n = ix.starts.length;
  const delta = edit.endNew - edit.endOld;
  // P: the last record that ends at or before the edit's start; Q: the first at or after its end.
  const p = firstRecordFrom(ix, edit.start + 1) - 1;
  const q = firstAtOrAfter(ix.starts, edit.endOld);
  // With no record before the edit, from just after the array's `[` (the file's first record then
  // must have a status field before and after: keepsFirstStatus).
  if (p >= 0 && (ix.firstStatus < 0 || ix.firstStatus > p)) return undefined;
  const start = p >= 0 ? ix.ends.at(p) : arrayOpenBefore(text, ix.starts.at(0));
  if (start < 0 || edit.start < start) return undefined;
  let end: number;
  if (q < n) end = ix.starts.at(q);
  else {
    const rest = text.slice(start, start + MAX_ARRAY_END_SCAN);
    const close = elementsEnd(rest);
    if (close < 0 || close === rest.length) return undefined;
    end = start + close;
  }
  if (edit.endOld > end || end - start > MAX_SPAN_CHARS || end + delta - start > MAX_SPAN_CHARS) return undefined;
  const was = text.slice(start, end);
  const now = newText.slice(start, end + delta);
  if (elementsEnd(was) !== was.length || elementsEnd(now) !== now.length) return undefined;
  const line = text.positionAt(start).line;
  const lineStart = text.lineAround(start).start;
  const unit: Unit = {
    record: p + 1,
    count: q - p - 1,
    line,
    start,
    end,
    // A comma missing before Q is reported at Q's start, which is the unit's end.
    ownsEnd: q < n,
    // After the array's `[` alone: the unit starts on the small document's first line, a column in.
    head: '[',
    tail: `${q < n ? text.slice(end, ix.ends.at(q)) : ''}\n]`,
    headLine: 0,
    column: start - lineStart - 1,
    trailing: q < n,
  };
  if (p < 0) return unit;
  const pStart = ix.starts.at(p);
  const before = text.slice(pStart, start);
  if (!isFlatElement(before) || !inArray(text, pStart)) return undefined;
  return {
    ...unit,
    head: ARRAY_HEAD + before,
    headLine: 1 + line - ix.lines.at(p),
    // Columns on the small document's line where the unit starts: P's column when it starts there.
    column: lineStart <= pStart ? pStart - lineStart : 0,
    leading: true,
  };
}

/**
 * The snapshot of a text in which core's JSON parser stops inside the edited element, at `stop`:
 * what precedes the element as before, the element's error, and nothing after it (core reads no
 * further, so the records after it are neither checked nor counted). It keeps `old` to resume
 * from (Snapshot.resume).
 */
function stoppedSnapshot(old: Snapshot, newText: LineText, edit: CombinedEdit, unit: Unit, stop: number): Snapshot | undefined {
  const { result, index: ix } = old;
  const idx = unit.record;
  // The records before the element must hold no missing-status messages back (see relintEdit).
  if (!(ix.firstStatus >= 0 && ix.firstStatus < idx)) return undefined;
  const small = lintSmall(unit.head + newText.slice(unit.start, stop) + unit.tail, old.config, old.fileName, result.format, ix.table);
  if (small.records.length !== 0) return undefined;
  const subBase = unit.head.length;
  const toDocument: Shift = { offset: unit.start - subBase, line: unit.line - unit.headLine, colLine: unit.headLine, column: unit.column, from: -Infinity };
  const diagnostics: Diagnostic[] = [];
  for (const d of result.diagnostics) {
    if (d.range.start.offset >= unit.start) break;
    if (d.range.end.offset > unit.start) return undefined;
    diagnostics.push(d);
  }
  for (const d of small.result.diagnostics) if (d.range.start.offset >= subBase) diagnostics.push(shiftDiagnostic(d, toDocument));
  const n = ix.starts.length;
  const index: RecordIndex = {
    starts: ix.starts.spliced(idx, n - idx, [], 0),
    ends: ix.ends.spliced(idx, n - idx, [], 0),
    lines: ix.lines.spliced(idx, n - idx, [], 0),
    classes: ix.classes.spliced(idx, n - idx, []),
    table: ix.table,
    // Still the ids of every record: never read, as the next edit starts from `old`.
    ids: ix.ids,
    firstStatus: ix.firstStatus,
  };
  return { ...successor(old, newText, diagnostics, ix.table.summary(ix.classes, idx), index), resume: { base: old, edit } };
}

/** The snapshot after `old` with this text, these diagnostics, summary and index. */
function successor(old: Snapshot, text: LineText, diagnostics: Diagnostic[], summary: StatusSummary, index: RecordIndex): Snapshot {
  return { text, result: { ...old.result, diagnostics, summary, records: summary.records }, index, config: old.config, fileName: old.fileName };
}

/**
 * Whether the records before the file's first record with a status field, whose missing-status
 * messages core holds in JSON and NDJSON, stay the same and as many: that first record comes
 * before the unit, or the file's first record has a status field before and after the edit, so
 * that none is held.
 */
function keepsFirstStatus(ix: RecordIndex, idx: number, count: number, now: readonly SmallRecord[]): boolean {
  if (ix.firstStatus >= 0 && ix.firstStatus < idx) return true;
  if (ix.firstStatus !== 0 || idx !== 0) return false;
  const first = now.length > 0 ? now[0].cls : count < ix.classes.length ? ix.classes.at(count) : undefined;
  return first !== undefined && ClassTable.hasStatusField(first);
}

/**
 * The new snapshot after `edit`, or undefined when the edit is not one this path can take
 * exactly (the caller then lints the whole text).
 */
export function relintEdit(old: Snapshot, newText: LineText, edit: CombinedEdit): Snapshot | undefined {
  if (old.resume) return relintEdit(old.resume.base, newText, mergeEdits(old.resume.edit, edit));
  const { result, index: ix, text } = old;
  const format = result.format;
  if (!result.isCdr || ix.starts.length === 0) return undefined;
  if ((old.config.rules['mixed-notation'] ?? 'off') !== 'off') return undefined;
  // Lines change with a line break removed or added, or with an edit right after a CR (which may
  // split a CR LF in two lines, or join a CR and an LF in one break).
  const multiLine = /[\r\n]/.test(text.slice(edit.start, edit.endOld)) || /[\r\n]/.test(newText.slice(edit.start, edit.endNew)) || text.charCodeAt(edit.start - 1) === 13;
  if (format !== 'json') {
    if (multiLine) edit = pastLineBreak(text, newText, edit);
    const unit = linesUnit(old, newText, edit);
    return unit && relintUnit(old, newText, edit, unit, multiLine);
  }
  // In JSON, white space added or removed after the document's last character that is not white
  // space (a line break at the end of the file) changes nothing when nothing is reported there:
  // a value left unfinished is reported at the end of the text.
  if (trailingSpace(text, newText, edit) && result.diagnostics.every((d) => d.range.end.offset <= edit.start && d.range.start.offset < edit.start)) {
    return successor(old, newText, result.diagnostics, result.summary, ix);
  }
  // Else the edited element alone (it may stop the parser, or start doing so); or else, or when
  // that fails (a record without a status field alone is no CDR), the text from the record
  // before it to the record after it.
  const element = multiLine ? undefined : jsonUnit(old, newText, edit);
  if (element?.stop !== undefined) return stoppedSnapshot(old, newText, edit, element, element.stop);
  const alone = element && relintUnit(old, newText, edit, element, multiLine);
  if (alone) return alone;
  const span = jsonSpanUnit(old, newText, edit);
  return span && relintUnit(old, newText, edit, span, multiLine);
}

/** Whether the edit removes and inserts only JSON white space, with only white space after it. */
function trailingSpace(text: LineText, newText: LineText, edit: CombinedEdit): boolean {
  const space = /^[ \t\r\n]*$/;
  return text.length - edit.start <= MAX_TRAILING_SPACE && space.test(text.slice(edit.start)) && space.test(newText.slice(edit.start, edit.endNew));
}

/** How much white space after an edit is read for trailingSpace. */
const MAX_TRAILING_SPACE = 1 << 12;

/** The new snapshot after `edit`, re-checking `unit`; undefined when that cannot be exact. */
function relintUnit(old: Snapshot, newText: LineText, edit: CombinedEdit, unit: Unit, multiLine: boolean): Snapshot | undefined {
  const { result, index: ix, text } = old;
  const format = result.format;
  const idx = unit.record;
  const delta = edit.endNew - edit.endOld;
  const oldUnitText = text.slice(unit.start, unit.end);
  const newUnitText = newText.slice(unit.start, unit.end + delta);
  const lineDelta = multiLine ? newText.positionAt(unit.end + delta).line - text.positionAt(unit.end).line : 0;

  // Lint the unit alone, as it was and as it is.
  const before = lintSmall(unit.head + oldUnitText + unit.tail, old.config, old.fileName, format, ix.table);
  const after = lintSmall(unit.head + newUnitText + unit.tail, old.config, old.fileName, format, ix.table);
  const subBase = unit.head.length;
  // The records around the unit in its small document (jsonSpanUnit) must be read where they are,
  // and are not the unit's.
  const lead = unit.leading ? 1 : 0;
  const around = (small: typeof before, unitText: string) =>
    (!unit.leading || small.records[0]?.start === ARRAY_HEAD.length) && (!unit.trailing || small.records.at(-1)?.start === subBase + unitText.length);
  if (!around(before, oldUnitText) || !around(after, newUnitText)) return undefined;
  const was = before.records.slice(lead, unit.trailing ? -1 : undefined);
  const now = after.records.slice(lead, unit.trailing ? -1 : undefined);
  if (was.length !== unit.count || now.length > MAX_SPAN_RECORDS) return undefined;
  // A JSON record with no status field holds back its missing-status message until the file's
  // first record with one (core keeps at most PENDING_LIMIT), and in a unit without statuses it
  // would be reported as a file without statuses: such a unit is re-checked with the whole file.
  // So is a unit whose records appear, disappear or are more than one, unless no held message can
  // change (keepsFirstStatus; CSV holds none, and its records all have the header's fields).
  if ((was.length > 0 && !before.result.isCdr) || (now.length > 0 && !after.result.isCdr)) return undefined;
  const added = now.length - was.length;
  const span = unit.leading === true || unit.trailing === true;
  if ((added !== 0 || was.length > 1 || now.length > 1 || span) && !keepsFirstStatus(ix, idx, was.length, now)) return undefined;

  // duplicate-call-id cannot change when each id is unique before and after.
  const oldIds = was.map((r) => r.id).filter((id) => id !== '');
  const newIds = now.map((r) => r.id).filter((id) => id !== '');
  const gone = new Set(oldIds);
  if (gone.size !== oldIds.length || new Set(newIds).size !== newIds.length) return undefined;
  if (oldIds.some((id) => ix.ids.count(idHash(id)) !== 1)) return undefined;
  if (newIds.some((id) => ix.ids.count(idHash(id)) !== (gone.has(id) ? 1 : 0))) return undefined;

  const subEnd = subBase + newUnitText.length;
  const toDocument: Shift = { offset: unit.start - subBase, line: unit.line - unit.headLine, colLine: unit.headLine, column: unit.column, from: -Infinity };
  const fresh = after.result.diagnostics
    .filter((d) => d.range.start.offset >= subBase && d.range.start.offset <= subEnd && (d.record === undefined || (d.record >= lead && d.record < lead + now.length)))
    .map((d) => shiftDiagnostic(d, toDocument, d.record === undefined ? undefined : idx + d.record - lead));
  // What follows the unit moves by delta and by the lines added, and on the line where the edit
  // ends by the columns its end moved (a JSON file can hold several records on one line); its
  // records' numbers move by the records added.
  const endWas = text.positionAt(edit.endOld);
  const later: Shift = { offset: delta, line: lineDelta, colLine: endWas.line, column: newText.positionAt(edit.endNew).character - endWas.character, from: unit.end };
  const diagnostics: Diagnostic[] = [];
  let freshAdded = false;
  const insertFresh = () => {
    if (!freshAdded) diagnostics.push(...fresh);
    freshAdded = true;
  };
  for (const d of result.diagnostics) {
    const s = d.range.start.offset;
    // A message over the unit and what precedes it would need both moved: not this path's.
    if (s < unit.start && d.range.end.offset > unit.start) return undefined;
    const inUnit = s >= unit.start && (s < unit.end || (unit.ownsEnd && s === unit.end));
    if (d.record === undefined ? inUnit : d.record >= idx && d.record < idx + was.length) continue;
    if (s >= unit.end) {
      insertFresh();
      const renumber = added !== 0 && d.record !== undefined;
      if (delta === 0 && lineDelta === 0 && !renumber) diagnostics.push(d);
      else {
        const moved = shiftDiagnostic(d, later, renumber ? d.record! + added : d.record);
        // A repeated call id's message names the line of the id's first record, which may have moved.
        diagnostics.push(lineDelta === 0 ? moved : namingFirstLine(moved));
      }
    } else diagnostics.push(d);
  }
  insertFresh();
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);

  let ids = ix.ids;
  for (const id of oldIds) ids = ids.with(idHash(id), 0);
  for (const id of newIds) ids = ids.with(idHash(id), 1);
  const inDocument = (r: SmallRecord) => ({ start: r.start - subBase + unit.start, end: r.end - subBase + unit.start, line: r.line - unit.headLine + unit.line });
  let index: RecordIndex;
  if (was.length === 1 && now.length === 1) {
    // The edited record's own start, end and line move by what its re-lint says; later records by
    // the whole edit's (no copy of the columns).
    const r = inDocument(now[0]);
    const startDelta = r.start - ix.starts.at(idx);
    const endDelta = r.end - ix.ends.at(idx);
    const lineOwn = r.line - ix.lines.at(idx);
    index = {
      starts: ix.starts.shifted(idx, startDelta).shifted(idx + 1, delta - startDelta),
      ends: ix.ends.shifted(idx, endDelta).shifted(idx + 1, delta - endDelta),
      lines: ix.lines.shifted(idx, lineOwn).shifted(idx + 1, lineDelta - lineOwn),
      classes: ix.classes.with(idx, now[0].cls),
      table: ix.table,
      ids,
      firstStatus: ix.firstStatus,
    };
  } else {
    // Records that appear or disappear are spliced in or out, and later records move.
    const rs = now.map(inDocument);
    index = {
      starts: ix.starts.spliced(idx, was.length, rs.map((r) => r.start), delta),
      ends: ix.ends.spliced(idx, was.length, rs.map((r) => r.end), delta),
      lines: ix.lines.spliced(idx, was.length, rs.map((r) => r.line), lineDelta),
      classes: ix.classes.spliced(idx, was.length, now.map((r) => r.cls)),
      table: ix.table,
      ids,
      firstStatus: ix.firstStatus,
    };
  }
  return successor(old, newText, diagnostics, updateSummary(result.summary, before.result.summary, after.result.summary), index);
}
