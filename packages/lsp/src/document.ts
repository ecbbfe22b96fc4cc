// The parsed records that hover, completion and the outline read. For CSV and NDJSON a request
// needs only the record under the cursor: `viewAt` parses the header plus that one line (so a
// hover right after an edit in a 100k-row file costs one line, not the file). Other cases parse
// the whole document once per version (`parseView`, core's parseDocument).

import { parseDocument, type CdrFormat } from '@cdrlint/core';
import type { Analysis } from './analysis.js';
import type { DocumentView } from './core-service.js';

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

function lineAround(text: string, at: number): { start: number; end: number } {
  let s = Math.min(at, text.length);
  while (s > 0 && text.charCodeAt(s - 1) !== 10 && text.charCodeAt(s - 1) !== 13) s--;
  let e = Math.min(at, text.length);
  while (e < text.length && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
  return { start: s, end: e };
}

/** The record (by the snapshot's index) whose [start, end] holds `offset`, or -1. */
function recordAtOffset(starts: readonly number[], ends: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < starts[mid]) hi = mid - 1;
    else if (offset > ends[mid]) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export function viewAt(a: Analysis, offset: number): FeatureView {
  const format = a.result.format;
  const text = a.text;
  const { starts, ends } = a.snapshot.index;
  if (format === 'csv' || format === 'ndjson') {
    const head = format === 'csv' ? text.slice(0, starts[0] ?? text.length) : '';
    if (format === 'csv' && offset < head.length) {
      return { doc: parseView(head, a.fileName, format), text: head, offset, shift: 0 };
    }
    const line = lineAround(text, offset);
    const i = recordAtOffset(starts, ends, offset);
    // Only a record that fills its own line can be parsed alone (a quoted CSV field may span lines).
    if (i >= 0 && starts[i] >= line.start && ends[i] <= line.end && (format === 'ndjson' || starts[i] === line.start)) {
      const sub = head + text.slice(line.start, line.end);
      const shift = line.start - head.length;
      return { doc: parseView(sub, a.fileName, format), text: sub, offset: offset - shift, shift };
    }
  }
  return { doc: a.document(), text, offset, shift: 0 };
}
