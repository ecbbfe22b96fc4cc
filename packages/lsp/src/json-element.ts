// A record of a JSON array as core's scanner reads it, valid JSON or not. A record being typed is
// often not valid JSON (`{..., "note"}`): core then reports the element's syntax error and goes
// on with the next one, as long as the scanner finds the element's end where the text shows it.
// For a flat element (no `{` after the first character, no `[`) that holds when every string in
// it closes before a line break and its first `}` or `]` outside strings is its last character.
// Such an element reads the same alone, in an array of one, as in its file: the incremental
// re-check and the record view use that (see incremental.ts, document.ts). Text between two
// records that holds only white space, commas and such elements leaves the parser in the array
// (elementsEnd): it reads the same between those two records alone.
import { firstRecordFrom, type Offsets } from './record-index.js';
import type { LineText } from './line-text.js';

const QUOTE = 34;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const COMMA = 44;

/**
 * How core's scanner ends the flat element that starts at `s[from]`: at a `}` or `]` outside
 * strings (its index), or at the line break that a string runs into first (`stop`: core reports
 * the unterminated string there and reads no further); undefined for a `{` or `[` outside strings
 * (not flat) or when `s` ends first.
 */
function scanFlat(s: string, from = 0): { close: number } | { stop: number } | undefined {
  if (s.charCodeAt(from) !== OPEN_BRACE) return undefined;
  for (let i = from + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) return undefined;
    if (c === CLOSE_BRACE || c === CLOSE_BRACKET) return { close: i };
    if (c !== QUOTE) continue;
    const end = stringEnd(s, i);
    if (end < 0) {
      const lf = s.indexOf('\n', i);
      const cr = s.indexOf('\r', i);
      const stop = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      return stop < 0 ? undefined : { stop };
    }
    i = end;
  }
  return undefined;
}

/** Whether `s` is one flat element that core's scanner ends at its last character, the `}`. */
export function isFlatElement(s: string): boolean {
  const last = s.length - 1;
  if (s.charCodeAt(last) !== CLOSE_BRACE || s.indexOf('{', 1) >= 0 || s.indexOf('[') >= 0) return false;
  const end = scanFlat(s);
  return end !== undefined && 'close' in end && end.close === last;
}

/**
 * Where core's scanner stops in `s`, an element's text from its `{` through the end of its last
 * line: the index of the line break that a string runs into before any `}` or `]` closes the
 * element (erasing a field's closing quote does this), or -1.
 */
export function stopsAt(s: string): number {
  const end = scanFlat(s);
  return end !== undefined && 'stop' in end ? end.stop : -1;
}

/**
 * The index of the quote that closes the string opened at `open`, or -1 when a line break or the
 * end of `s` comes first (core's scanString: a quote after an even number of backslashes closes).
 */
function stringEnd(s: string, open: number): number {
  let k = s.indexOf('"', open + 1);
  for (;;) {
    if (k < 0) return -1;
    let slashes = 0;
    while (s.charCodeAt(k - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) break;
    k = s.indexOf('"', k + 1);
  }
  for (let i = open + 1; i < k; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13) return -1;
  }
  return k;
}

/**
 * Whether the text before `at` ends with `[` or `,` and JSON white space (looked for over 64
 * characters): a record there is an element of the records array, not the whole document or an
 * envelope's one record.
 */
export function inArray(text: LineText, at: number): boolean {
  const c = lastNonSpace(text, at).code;
  return c === OPEN_BRACKET || c === COMMA;
}

/** Just after the `[` that only JSON white space separates from `at` (the array's first element), or -1. */
export function arrayOpenBefore(text: LineText, at: number): number {
  const last = lastNonSpace(text, at);
  return last.code === OPEN_BRACKET ? last.offset + 1 : -1;
}

/** The last character before `at` that is not JSON white space, over 64 characters: its code and offset (NaN, -1 when none). */
function lastNonSpace(text: LineText, at: number): { code: number; offset: number } {
  const from = Math.max(0, at - 64);
  const before = text.slice(from, at);
  let i = before.length - 1;
  while (i >= 0 && isJsonSpace(before.charCodeAt(i))) i--;
  return i < 0 ? { code: NaN, offset: -1 } : { code: before.charCodeAt(i), offset: from + i };
}

const isJsonSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** How far from the records around it an element that is no record is looked for. */
const MAX_GAP = 1 << 14;

/**
 * The flat element that is no record and holds [from, to] strictly inside its braces, between two
 * records of the same array: its [start, end) and the index the record it may become takes.
 * Undefined when the text there is anything else, or when the records around it are not known.
 */
export function elementBetween(text: LineText, ix: { starts: Offsets; ends: Offsets }, from: number, to: number): { start: number; end: number; next: number } | undefined {
  const next = firstRecordFrom(ix, from);
  const n = ix.starts.length;
  // After the first record, which is an element of an array ([ or , before it).
  if (next === 0 || (next < n && ix.starts.at(next) <= to)) return undefined;
  const prevStart = ix.starts.at(next - 1);
  if (!inArray(text, prevStart)) return undefined;
  const lo = ix.ends.at(next - 1);
  const hi = next < n ? ix.starts.at(next) : Math.min(text.length, to + MAX_GAP);
  if (from - lo > MAX_GAP || hi - to > MAX_GAP) return undefined;
  const before = text.slice(lo, from);
  const open = before.lastIndexOf('{');
  const after = text.slice(to, hi);
  const close = after.indexOf('}');
  if (open < 0 || close < 0) return undefined;
  const start = lo + open;
  const end = to + close + 1;
  if (!(start < from && to < end)) return undefined;
  // Exactly one comma from the record before; one to the next record, or the array's end.
  if (!/^[ \t\n\r]*,[ \t\n\r]*$/.test(before.slice(0, open))) return undefined;
  if (!(next < n ? /^[ \t\n\r]*,[ \t\n\r]*$/ : /^[ \t\n\r]*\]/).test(after.slice(close + 1))) return undefined;
  return isFlatElement(text.slice(start, end)) ? { start, end, next } : undefined;
}

/**
 * Reads `s`, text between elements of an array (after one, up to the next or to the array's `]`),
 * as core's parser does: when it holds only white space, commas and flat elements (isFlatElement;
 * valid JSON or not), the parser reports what it finds there and stays in the array. The index
 * of the `]` that ends it, `s.length` when none comes, or -1 when it holds anything else (a nested
 * or other value, a string left open, where core would stop).
 */
export function elementsEnd(s: string): number {
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (isJsonSpace(c) || c === COMMA) i++;
    else if (c === CLOSE_BRACKET) return i;
    else {
      const end = scanFlat(s, i);
      if (end === undefined || !('close' in end) || !isFlatElement(s.slice(i, end.close + 1))) return -1;
      i = end.close + 1;
    }
  }
  return s.length;
}
