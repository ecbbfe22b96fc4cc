// Incremental re-check of line-based documents (CSV without quotes on the edited line, NDJSON):
// after an edit inside one record's line, only that record is linted again (as a small document:
// the CSV header plus the line), its diagnostics replace the old ones, later positions shift, and
// the summary is updated by the difference. Cross-record rules stay exact: the edit is taken only
// when the record's call id is unique before and after (duplicate-call-id cannot change) and
// mixed-notation is off; otherwise the caller lints the whole text. Built on core's public API
// only (lintText, createLinter with onRecord, bindFields); see the report for the per-record API
// that would let core do this itself.

import {
  bindFields,
  sameKeys,
  createLinter,
  type Diagnostic,
  type Fix,
  type LintConfig,
  type LintResult,
  type CdrFormat,
  type Range,
  type SourceRecord,
  type StatusSummary,
} from '@cdrlint/core';

/** Where each record is, and each record's call id key, for the version a result belongs to. */
export interface RecordIndex {
  starts: number[];
  ends: number[];
  lines: number[];
  /** Normalised call id per record ('' when none). */
  ids: string[];
  /** How many records carry each call id. */
  idCounts: Map<string, number>;
}

/** Collects a RecordIndex from the linter's onRecord callback. */
export class RecordIndexBuilder {
  readonly index: RecordIndex = { starts: [], ends: [], lines: [], ids: [], idCounts: new Map() };
  private lastKeys: readonly string[] | undefined;
  private idAt: number | undefined;

  constructor(private readonly columns: Readonly<Record<string, string>>) {}

  add(r: SourceRecord): void {
    // JSON records each have their own key array, usually with the same keys: compare, do not rebind.
    if (!sameKeys(r.keys, this.lastKeys)) {
      this.lastKeys = r.keys;
      this.idAt = bindFields(r.keys, this.columns).index.get('call_id');
    }
    const ix = this.index;
    ix.starts.push(r.start);
    ix.ends.push(r.end);
    ix.lines.push(r.line);
    const id = this.idAt === undefined ? '' : idKey(r.values[this.idAt]);
    ix.ids.push(id);
    if (id !== '') ix.idCounts.set(id, (ix.idCounts.get(id) ?? 0) + 1);
  }
}

/**
 * A conservative call-id key: any two ids that core might treat as the same get the same key
 * (so a doubtful case falls back to a full lint, never to a wrong result).
 */
export function idKey(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v).trim().replace(/^"+|"+$/g, '').trim().toLowerCase();
  return /^\d+$/.test(s) ? s.replace(/^0+(?=\d)/, '') : s;
}

export interface Snapshot {
  text: string;
  result: LintResult;
  index: RecordIndex;
  config: LintConfig;
  fileName: string | undefined;
}

/** Lints the whole text, keeping the record index that later incremental steps need. */
export function fullSnapshot(text: string, config: LintConfig, fileName: string | undefined, format?: CdrFormat, onRecord?: (r: SourceRecord) => void): Snapshot {
  const b = new RecordIndexBuilder(config.columns);
  const linter = createLinter({
    fileName,
    format,
    config,
    onRecord: (r) => {
      b.add(r);
      onRecord?.(r);
    },
  });
  linter.push(text);
  return { text, result: linter.end(), index: b.index, config, fileName };
}

/** One edit of the old text: [start, endOld) became new text [start, endNew). */
export interface CombinedEdit {
  start: number;
  endOld: number;
  endNew: number;
}

function lineBounds(text: string, at: number): { start: number; end: number } {
  let s = at;
  while (s > 0 && text.charCodeAt(s - 1) !== 10 && text.charCodeAt(s - 1) !== 13) s--;
  let e = at;
  while (e < text.length && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
  return { start: s, end: e };
}

function findRecord(ix: RecordIndex, lineStart: number, lineEnd: number): number {
  let lo = 0;
  let hi = ix.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ix.ends[mid] < lineStart) lo = mid + 1;
    else if (ix.starts[mid] > lineEnd) hi = mid - 1;
    else return ix.starts[mid] >= lineStart && ix.ends[mid] <= lineEnd ? mid : -1;
  }
  return -1;
}

/** Shifts a position by `offset`/`line` when it lies at or after `from` (old coordinates). */
function shiftRange(r: Range, offset: number, line: number, from = -Infinity): Range {
  if (r.start.offset < from) return r;
  return {
    start: { offset: r.start.offset + offset, line: r.start.line + line, column: r.start.column },
    end: { offset: r.end.offset + offset, line: r.end.line + line, column: r.end.column },
  };
}
function shiftFix(f: Fix, offset: number, from: number): Fix {
  return { title: f.title, edits: f.edits.map((e) => (e.start < from ? e : { start: e.start + offset, end: e.end + offset, text: e.text })) };
}
/** Moves every range of `d` that lies at or after `from` (a related range may point before it). */
function shiftDiagnostic(d: Diagnostic, offset: number, line: number, record?: number, from = -Infinity): Diagnostic {
  const out: Diagnostic = { ...d, range: shiftRange(d.range, offset, line, from) };
  if (record !== undefined) out.record = record;
  if (d.fix) out.fix = shiftFix(d.fix, offset, from);
  if (d.suggestions) out.suggestions = d.suggestions.map((s) => shiftFix(s, offset, from));
  if (d.related) out.related = d.related.map((r) => ({ message: r.message, range: shiftRange(r.range, offset, line, from) }));
  return out;
}

function addCounts(into: Record<string, number>, from: Record<string, number>, sign: 1 | -1): void {
  for (const [k, v] of Object.entries(from)) {
    const n = (into[k] ?? 0) + sign * v;
    if (n === 0) delete into[k];
    else into[k] = n;
  }
}

/** old summary - the old record's + the new record's (what SummaryBuilder would have counted). */
function updateSummary(s: StatusSummary, before: StatusSummary, after: StatusSummary): StatusSummary {
  const statuses = { ...s.statuses };
  const subStatuses = { ...s.subStatuses };
  const resultCodes = { ...s.resultCodes };
  addCounts(statuses, before.statuses, -1);
  addCounts(statuses, after.statuses, 1);
  addCounts(subStatuses, before.subStatuses, -1);
  addCounts(subStatuses, after.subStatuses, 1);
  addCounts(resultCodes, before.resultCodes, -1);
  addCounts(resultCodes, after.resultCodes, 1);
  const classified = s.classified - before.classified + after.classified;
  // Same definition as core's StatusSummary.answerRate: ANSWERED / classified.
  return { records: s.records, classified, statuses, subStatuses, resultCodes, answerRate: classified === 0 ? null : (statuses.ANSWERED ?? 0) / classified };
}

/**
 * The new snapshot after `edit`, or undefined when the edit is not one this path can take
 * exactly (the caller then lints the whole text).
 */
export function relintEdit(old: Snapshot, newText: string, edit: CombinedEdit): Snapshot | undefined {
  const { result, index: ix, text } = old;
  const format = result.format;
  if (format !== 'csv' && format !== 'ndjson') return undefined;
  if (!result.isCdr || ix.starts.length === 0) return undefined;
  if ((old.config.rules['mixed-notation'] ?? 'off') !== 'off') return undefined;
  const removed = text.slice(edit.start, edit.endOld);
  const inserted = newText.slice(edit.start, edit.endNew);
  const breaks = format === 'csv' ? /[\r\n"]/ : /[\r\n]/;
  if (breaks.test(removed) || breaks.test(inserted)) return undefined;
  const oldLine = lineBounds(text, edit.start);
  if (edit.endOld > oldLine.end) return undefined;
  const idx = findRecord(ix, oldLine.start, oldLine.end);
  if (idx < 0) return undefined;
  const delta = edit.endNew - edit.endOld;
  const newLine = { start: oldLine.start, end: oldLine.end + delta };
  const oldLineText = text.slice(oldLine.start, oldLine.end);
  const newLineText = newText.slice(newLine.start, newLine.end);
  if (oldLineText.trim() === '' || newLineText.trim() === '') return undefined;
  if (format === 'csv' && (oldLineText.includes('"') || newLineText.includes('"'))) return undefined;

  // Lint the record alone: after the CSV header (same text, so same lines), or as a one-line NDJSON.
  const head = format === 'csv' ? text.slice(0, ix.starts[0]) : '';
  if (format === 'csv' && ix.starts[0] !== lineBounds(text, ix.starts[0]).start) return undefined;
  const lint = (line: string) => fullSnapshot(head + line, old.config, old.fileName, format);
  const before = lint(oldLineText);
  const after = lint(newLineText);
  if (before.index.starts.length !== 1 || after.index.starts.length !== 1) return undefined;
  if (!after.result.isCdr) return undefined;

  // duplicate-call-id cannot change when the id is unique before and after.
  const oldId = ix.ids[idx];
  const newId = after.index.ids[0];
  if (oldId !== '' && (ix.idCounts.get(oldId) ?? 0) !== 1) return undefined;
  if (newId !== '' && newId !== oldId && ix.idCounts.has(newId)) return undefined;

  const subBase = head.length;
  const subLine = format === 'csv' ? ix.lines[0] : 0;
  const recLine = ix.lines[idx];
  const fresh = after.result.diagnostics
    .filter((d) => d.range.start.offset >= subBase)
    .map((d) => shiftDiagnostic(d, newLine.start - subBase, recLine - subLine, d.record === undefined ? undefined : idx));
  const diagnostics: Diagnostic[] = [];
  let freshAdded = false;
  const insertFresh = () => {
    if (!freshAdded) diagnostics.push(...fresh);
    freshAdded = true;
  };
  for (const d of result.diagnostics) {
    const s = d.range.start.offset;
    const inLine = s >= oldLine.start && s <= oldLine.end;
    if (d.record === idx || (d.record === undefined && inLine && s >= (format === 'csv' ? ix.starts[0] : 0))) continue;
    if (s > oldLine.end) {
      insertFresh();
      diagnostics.push(delta === 0 ? d : shiftDiagnostic(d, delta, 0, undefined, oldLine.end));
    } else diagnostics.push(d);
  }
  insertFresh();
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);

  const index: RecordIndex = {
    starts: delta === 0 ? ix.starts : ix.starts.map((v, i) => (i > idx ? v + delta : v)),
    ends: ix.ends.map((v, i) => (i > idx ? v + delta : i === idx ? after.index.ends[0] - subBase + newLine.start : v)),
    lines: ix.lines,
    ids: ix.ids,
    idCounts: ix.idCounts,
  };
  if (newId !== oldId) {
    index.ids = ix.ids.slice();
    index.ids[idx] = newId;
    index.idCounts = new Map(ix.idCounts);
    if (oldId !== '') index.idCounts.delete(oldId);
    if (newId !== '') index.idCounts.set(newId, 1);
  }
  if (delta === 0) index.ends[idx] = after.index.ends[0] - subBase + newLine.start;
  return {
    text: newText,
    result: { ...result, diagnostics, summary: updateSummary(result.summary, before.result.summary, after.result.summary) },
    index,
    config: old.config,
    fileName: old.fileName,
  };
}
