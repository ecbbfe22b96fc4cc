// The parsed records that hover, completion and the outline read. A request needs only the
// record under the cursor: `viewAt` parses the CSV header plus that one line, the NDJSON line, or
// the JSON record alone (so a hover right after an edit in a 100k-row file costs one record, not
// the file); where the index shows no JSON record, there is none to read. Other cases (a CSV line
// inside a quoted cell over several lines) parse the whole document once per version
// (`parseView`, core's parseDocument).

import { parseDocument, type CdrFormat } from '@cdrlint/core';
import type { Analysis } from './analysis.js';
import type { DocumentView } from './core-service.js';
import { firstRecordFrom, type Offsets } from './record-index.js';
import type { LineText } from './line-text.js';

export interface ParsedDocument extends DocumentView {
  format: CdrFormat;
}

export function parseView(text: string, fileName: string | undefined, format?: CdrFormat): ParsedDocument {
  return parseDocument(text, { fileName, format });
}

/** A view to run a feature on: `offset` and every range in `doc` are in `text`; add `shift` to map back. */
export interface FeatureView {
  doc: DocumentView;
  text: string;
  offset: number;
  shift: number;
}

/** The record (by the snapshot's index) whose [start, end] holds `offset`, or -1. */
function recordAtOffset(starts: Offsets, ends: Offsets, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < starts.at(mid)) hi = mid - 1;
    else if (offset > ends.at(mid)) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export function viewAt(a: Analysis, offset: number): FeatureView {
  return recordView(a.text, a.result.format, a.fileName, a.snapshot.index, offset) ?? { doc: a.document(), text: a.text.toString(), offset, shift: 0 };
}

/**
 * The view of the CSV header, or of the one record under `offset` parsed alone, when that gives
 * what the whole document would; undefined otherwise.
 */
export function recordView(
  text: LineText,
  format: CdrFormat,
  fileName: string | undefined,
  index: { starts: Offsets; ends: Offsets },
  offset: number,
): FeatureView | undefined {
  const { starts, ends } = index;
  if (format === 'csv' || format === 'ndjson') {
    const head = format === 'csv' ? text.slice(0, starts.length > 0 ? starts.at(0) : text.length) : '';
    if (format === 'csv' && offset < head.length) {
      return { doc: parseView(head, fileName, format), text: head, offset, shift: 0 };
    }
    const line = text.lineAround(offset);
    const i = recordAtOffset(starts, ends, offset);
    // Only a record that fills its own line can be parsed alone (a quoted CSV field may span
    // lines). Every NDJSON line is read alone, a record or not (a line being typed is often not
    // JSON yet), except one that starts with a BOM, which is white space only at the file's start.
    const ndjsonLine = format === 'ndjson' && (line.start === 0 || text.slice(line.start, line.start + 1) !== '\ufeff');
    if (ndjsonLine || (i >= 0 && starts.at(i) >= line.start && ends.at(i) <= line.end && starts.at(i) === line.start)) {
      const sub = head + text.slice(line.start, line.end);
      const shift = line.start - head.length;
      return { doc: parseView(sub, fileName, format), text: sub, offset: offset - shift, shift };
    }
  }
  if (format === 'json') {
    // A JSON record is one whole value, from its { to its }: parsed alone, in an array of one.
    const i = recordAtOffset(starts, ends, offset);
    if (i >= 0) {
      const start = starts.at(i);
      const sub = `[${text.slice(start, ends.at(i))}]`;
      const shift = start - 1;
      return { doc: parseView(sub, fileName, format), text: sub, offset: offset - shift, shift };
    }
    // No record holds the offset (between records, in one being typed, after where the parser
    // stopped): the index holds every record core reads, so the whole document has none there
    // either, and hover and completion read nothing but the record under the cursor.
    return { doc: { records: [] }, text: '', offset: 0, shift: offset };
  }
  return undefined;
}

/**
 * The records overlapping [from, to], parsed alone (after the CSV header; JSON ones in an array),
 * and what to add to their offsets; undefined when the document's records are not indexed.
 */
export function recordsIn(
  text: LineText,
  format: CdrFormat,
  fileName: string | undefined,
  index: { starts: Offsets; ends: Offsets },
  from: number,
  to: number,
): { doc: ParsedDocument; shift: number } | undefined {
  const { starts, ends } = index;
  if (starts.length === 0 || (format !== 'csv' && format !== 'ndjson' && format !== 'json')) return undefined;
  // First and last record overlapping [from, to].
  const lo = firstRecordFrom(index, from);
  let last = lo;
  while (last < starts.length && starts.at(last) <= to) last++;
  // JSON records of one array are separated by commas and white space only: [ + them + ] parses.
  const head = format === 'csv' ? text.slice(0, starts.at(0)) : format === 'json' ? '[' : '';
  const tail = format === 'json' ? ']' : '';
  const body = lo < last ? text.slice(starts.at(lo), ends.at(last - 1)) : '';
  const shift = lo < last ? starts.at(lo) - head.length : 0;
  return { doc: parseView(head + body + tail, fileName, format), shift };
}

/** The outline's view: the CSV header, or the first `max` records, parsed alone (see recordsIn). */
export function outlineView(text: LineText, format: CdrFormat, fileName: string | undefined, index: { starts: Offsets; ends: Offsets }, max: number): { doc: ParsedDocument; shift: number } | undefined {
  const n = Math.min(index.starts.length, max);
  return n > 0 ? recordsIn(text, format, fileName, index, 0, index.starts.at(n - 1)) : undefined;
}
