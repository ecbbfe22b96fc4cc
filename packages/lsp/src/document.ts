// The parsed records that hover, completion and the outline read. For CSV and NDJSON a request
// needs only the record under the cursor: `viewAt` parses the header plus that one line (so a
// hover right after an edit in a 100k-row file costs one line, not the file). Other cases parse
// the whole document once per version (`parseView`, core's parseDocument).

import { parseDocument, type CdrFormat } from '@cdrlint/core';
import type { Analysis } from './analysis.js';
import type { DocumentView } from './core-service.js';
import type { Offsets } from './incremental.js';
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

function lineAround(text: LineText, at: number): { start: number; end: number } {
  const { line } = text.positionAt(at);
  return { start: text.lineStart(line), end: text.offsetAt({ line, character: text.length }) };
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
  const format = a.result.format;
  const text = a.text;
  const { starts, ends } = a.snapshot.index;
  if (format === 'csv' || format === 'ndjson') {
    const head = format === 'csv' ? text.slice(0, starts.length > 0 ? starts.at(0) : text.length) : '';
    if (format === 'csv' && offset < head.length) {
      return { doc: parseView(head, a.fileName, format), text: head, offset, shift: 0 };
    }
    const line = lineAround(text, offset);
    const i = recordAtOffset(starts, ends, offset);
    // Only a record that fills its own line can be parsed alone (a quoted CSV field may span lines).
    if (i >= 0 && starts.at(i) >= line.start && ends.at(i) <= line.end && (format === 'ndjson' || starts.at(i) === line.start)) {
      const sub = head + text.slice(line.start, line.end);
      const shift = line.start - head.length;
      return { doc: parseView(sub, a.fileName, format), text: sub, offset: offset - shift, shift };
    }
  }
  return { doc: a.document(), text: text.toString(), offset, shift: 0 };
}
