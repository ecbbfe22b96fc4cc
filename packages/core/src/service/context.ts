// Where the cursor is in a parsed CDR document: on a key (CSV header cell, JSON key) or on a
// value, which field that is, and what the record around it says. Hover and completion share this.
// Pure: offsets in, plain data out (no editor types).

import { bindFields } from '../binding.js';
import { fieldForKey, type FieldInfo } from '../fields.js';
import type { CsvHeader, OffsetRange, SourceRecord } from '../parse/types.js';

/** The parts of a parsed document that editor features read (a subset of core's CdrDocument). */
export interface DocumentView {
  readonly header?: CsvHeader;
  readonly records: readonly SourceRecord[];
}

/** Maps a column or key name to its field; defaults to the alias table (`fieldForKey`). */
export type FieldResolver = (key: string) => FieldInfo | undefined;

/** A resolver honouring the configuration's `columns` (canonical field -> column name), as the rules do. */
export function resolverFor(columns: Readonly<Record<string, string>> | undefined): FieldResolver {
  if (!columns || Object.keys(columns).length === 0) return fieldForKey;
  const cache = new Map<string, FieldInfo | undefined>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, bindFields([key], columns).fieldOfKey[0]);
    return cache.get(key);
  };
}

export interface KeyContext {
  kind: 'key';
  key: string;
  field: FieldInfo | undefined;
  /** The key's source range (CSV header cell with quotes; JSON key token with quotes). */
  range: OffsetRange;
}

export interface ValueContext {
  kind: 'value';
  key: string;
  field: FieldInfo | undefined;
  record: SourceRecord;
  /** Index of the value in `record.values`. */
  index: number;
  value: unknown;
  /** The value token's source range (CSV cell with quotes; JSON token with quotes). */
  range: OffsetRange;
  /** The range of the text a completion replaces: the token without its quotes. */
  contentRange: OffsetRange;
  /** Whether the source token is a quoted string (a completion keeps or adds the quotes). */
  quoted: boolean;
}

export type CursorContext = KeyContext | ValueContext;

/** The record whose text contains `offset` (end inclusive, so a cursor after the last cell counts). */
export function recordAt(records: readonly SourceRecord[], offset: number): SourceRecord | undefined {
  let lo = 0;
  let hi = records.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = records[mid];
    if (offset < r.start) hi = mid - 1;
    else if (offset > r.end) lo = mid + 1;
    else return r;
  }
  return undefined;
}

function contains(r: OffsetRange, offset: number): boolean {
  return offset >= r.start && offset <= r.end;
}

/** Find the cursor's context at `offset`, or undefined when it is on no key or value. */
export function contextAt(
  doc: DocumentView,
  text: string,
  offset: number,
  resolve: FieldResolver = fieldForKey,
): CursorContext | undefined {
  const header = doc.header;
  if (header) {
    for (let i = 0; i < header.ranges.length; i++) {
      if (contains(header.ranges[i], offset)) {
        const key = header.cells[i];
        return { kind: 'key', key, field: resolve(key), range: header.ranges[i] };
      }
    }
  }
  const record = recordAt(doc.records, offset);
  if (!record) return undefined;
  for (let i = 0; i < record.values.length; i++) {
    const kr = record.keyRange(i);
    if (kr && contains(kr, offset)) {
      const key = record.keys[i];
      return { kind: 'key', key, field: resolve(key), range: kr };
    }
    const range = record.valueRange(i);
    if (!contains(range, offset)) continue;
    const key = record.keys[i] ?? '';
    const quoted = range.end - range.start >= 2 && text.charCodeAt(range.start) === 34 && text.charCodeAt(range.end - 1) === 34;
    const contentRange = quoted ? { start: range.start + 1, end: range.end - 1 } : range;
    return { kind: 'value', key, field: resolve(key), record, index: i, value: record.values[i], range, contentRange, quoted };
  }
  return undefined;
}

/** The value of the first field of kind `kind` in the record, as trimmed text ('' when absent). */
export function fieldValue(record: SourceRecord, kind: FieldInfo['kind'], resolve: FieldResolver = fieldForKey): string {
  for (let i = 0; i < record.keys.length; i++) {
    if (resolve(record.keys[i])?.kind === kind) return valueText(record.values[i]).trim();
  }
  return '';
}

/** Whether the record has a field of this kind at all. */
export function hasField(record: SourceRecord, kind: FieldInfo['kind'], resolve: FieldResolver = fieldForKey): boolean {
  return record.keys.some((k) => resolve(k)?.kind === kind);
}

/** A value as text: strings as they are, numbers and booleans printed, null/objects as ''. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return '';
}
