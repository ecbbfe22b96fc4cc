// Shared by the NDJSON and JSON parsers: the SourceRecord built from one record's text (with key
// and value ranges found lazily), and the exact place and wording of a JSON syntax error.
import { createScanner, visit } from 'jsonc-parser';
import { PositionCursor, type Anchor } from '../text/position.js';
import type { Position } from '../types.js';
import type { OffsetRange, SourceRecord } from './types.js';
import { hashIn, textHash } from '../text/hash.js';

// jsonc-parser's SyntaxKind / ParseErrorCode are ambient const enums, which isolatedModules
// cannot read: the values they stand for are restated here.
const T_OPEN_BRACE = 1;
const T_CLOSE_BRACE = 2;
const T_OPEN_BRACKET = 3;
const T_CLOSE_BRACKET = 4;
const T_COMMA = 5;
const T_COLON = 6;
const T_STRING = 10;
const T_EOF = 17;

interface MemberRanges {
  key: OffsetRange;
  value: OffsetRange;
}

/**
 * Ranges of the top-level members of the object in `text` (a record's own text, starting at
 * absolute offset `base`). A repeated key maps to its last occurrence, whose value JSON.parse
 * keeps. Uses jsonc-parser's scanner and counts depth itself rather than calling parseTree,
 * which recurses and would overflow the stack on deeply nested values.
 */
export function findMemberRanges(text: string, base: number): Map<string, MemberRanges> {
  const members = new Map<string, MemberRanges>();
  const scanner = createScanner(text, true);
  if (scanner.scan() !== T_OPEN_BRACE) return members;
  let token: number = scanner.scan();
  while (token === T_STRING) {
    const key = scanner.getTokenValue();
    const keyStart = scanner.getTokenOffset();
    const keyEnd = keyStart + scanner.getTokenLength();
    if (scanner.scan() !== T_COLON) break;
    token = scanner.scan();
    if (token === T_EOF) break;
    const valueStart = scanner.getTokenOffset();
    if (token === T_OPEN_BRACE || token === T_OPEN_BRACKET) {
      let depth = 1;
      while (depth > 0) {
        token = scanner.scan();
        if (token === T_EOF) return members;
        if (token === T_OPEN_BRACE || token === T_OPEN_BRACKET) depth++;
        else if (token === T_CLOSE_BRACE || token === T_CLOSE_BRACKET) depth--;
      }
    }
    const valueEnd = scanner.getTokenOffset() + scanner.getTokenLength();
    members.set(key, {
      key: { start: base + keyStart, end: base + keyEnd },
      value: { start: base + valueStart, end: base + valueEnd },
    });
    if (scanner.scan() !== T_COMMA) break;
    token = scanner.scan();
  }
  return members;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

// The key last looked for, as JSON writes it, and that text without its opening quote (see
// onlyOccurrence): the same key is asked of every record (a later part asks each for its call
// id; JSON.stringify per record was ~150 ms of a 500k-record part).
let lastKey = { key: '', written: '""', tail: '"' };

function writtenKey(key: string): { written: string; tail: string } {
  if (key !== lastKey.key) {
    const written = JSON.stringify(key);
    lastKey = { key, written, tail: written.slice(1) };
  }
  return lastKey;
}

/**
 * Where a written key occurs in `text` if it occurs exactly once; -1 otherwise. `tail` is the
 * key without its opening quote, which is checked by hand: searched whole, a pattern starting
 * with `"` has a candidate at each quote of the record (until V8 changes its search), and the
 * two searches took 3x longer (300k NDJSON records: 197 against 68 ms; all of findOneMember,
 * 227 against 113 ms).
 */
function onlyOccurrence(text: string, tail: string): number {
  let found = -1;
  for (let i = text.indexOf(tail, 1); i >= 0; i = text.indexOf(tail, i + 1)) {
    if (text.charCodeAt(i - 1) !== 34) continue;
    if (found >= 0) return -1;
    found = i - 1;
  }
  return found;
}

/**
 * The ranges of one top-level member, found without scanning the whole record: when the key,
 * written the usual way, occurs exactly once in the text (so it is the top-level key, not a
 * nested one or a string value) and its value is a string or a scalar. Undefined otherwise, and
 * the caller scans (findMemberRanges). Checking a later part of a file needs the call-id range
 * of every record (parts.ts); the full scan there doubled the time of an NDJSON part.
 */
export function findOneMember(text: string, base: number, key: string): MemberRanges | undefined {
  const { written, tail } = writtenKey(key);
  const at = onlyOccurrence(text, tail);
  if (at < 0) return undefined;
  let i = at + written.length;
  while (isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 58) return undefined; // ':' (a string value is never followed by one)
  i++;
  while (isSpace(text.charCodeAt(i))) i++;
  const valueStart = i;
  const c = text.charCodeAt(i);
  if (c === 34) {
    for (i++; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === 92) i++;
      else if (d === 34) break;
    }
    if (i >= text.length) return undefined;
    i++;
  } else if (c === 123 || c === 91 || i >= text.length) {
    return undefined; // nested values: the full scan counts their depth
  } else {
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (d === 44 || d === 125 || d === 93 || isSpace(d)) break;
      i++;
    }
  }
  return { key: { start: base + at, end: base + at + written.length }, value: { start: base + valueStart, end: base + i } };
}

export interface JsonRecordInit {
  index: number;
  /** The record's own text, from its opening brace to its closing brace. */
  text: string;
  /** Absolute offset of text[0]. */
  start: number;
  /** Line facts at `start` (anchor.offset === start). */
  anchor: Anchor;
  /** What JSON.parse gave for `text`. */
  value: Record<string, unknown>;
  /**
   * The string `text` was cut from, when `text` is a slice of it, and where it starts there:
   * hash() then reads the parent in place, not through the slice (with the NDJSON parser's flat
   * buffer, a one-core 1M-row check went from 4.18 to 3.93 s).
   */
  parent?: string;
  parentAt?: number;
  /** The text holds no line break (an NDJSON line): positions need no scan. */
  oneLine?: boolean;
}

class JsonRecord implements SourceRecord {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly keys: readonly string[];
  readonly values: readonly unknown[];
  private readonly source: string;
  private readonly anchor: Anchor;
  private readonly parent: string | undefined;
  private readonly parentAt: number;
  private readonly oneLine: boolean;
  private members: Map<string, MemberRanges> | undefined;

  constructor(init: JsonRecordInit) {
    this.index = init.index;
    this.source = init.text;
    this.start = init.start;
    this.end = init.start + init.text.length;
    this.anchor = init.anchor;
    this.parent = init.parent;
    this.parentAt = init.parentAt ?? 0;
    this.oneLine = init.oneLine ?? false;
    this.line = init.anchor.line;
    // Object.values lists in Object.keys' order; it took 2.5x less time than reading each key
    // (200k NDJSON records: 55 against 140 ms).
    this.keys = Object.keys(init.value);
    this.values = Object.values(init.value);
  }

  value(i: number): unknown {
    return this.values[i];
  }

  private member(i: number): MemberRanges | undefined {
    if (i < 0 || i >= this.keys.length) return undefined;
    if (!this.members) {
      const quick = findOneMember(this.source, this.start, this.keys[i]);
      if (quick) return quick;
    }
    this.members ??= findMemberRanges(this.source, this.start);
    return this.members.get(this.keys[i]);
  }

  valueRange(i: number): OffsetRange {
    const m = this.member(i);
    return m ? { ...m.value } : { start: this.start, end: this.end };
  }

  keyRange(i: number): OffsetRange | undefined {
    const m = this.member(i);
    return m ? { ...m.key } : undefined;
  }

  private cursor: PositionCursor | undefined;

  position(offset: number): Position {
    const target = Math.max(this.start, Math.min(offset, this.end));
    // The record's start (the call-id table asks it of every JSON record) and any offset of a
    // one-line record are on the anchor's line: no cursor to make.
    if (target === this.start || this.oneLine) return { offset: target, line: this.line, column: target - this.anchor.lineStart };
    this.cursor ??= new PositionCursor(this.source, this.start, this.anchor);
    return this.cursor.position(target);
  }

  text(): string {
    return this.source;
  }

  hash(): number {
    const p = this.parent;
    return p !== undefined ? hashIn(p, this.parentAt, this.parentAt + this.source.length) : textHash(this.source, 0, this.source.length);
  }
}

export function createJsonRecord(init: JsonRecordInit): SourceRecord {
  return new JsonRecord(init);
}

/** A syntax error located in absolute offsets; end > start unless the text is empty. */
export interface SyntaxErrorInfo {
  start: number;
  end: number;
  message: string;
}

const P_INVALID_SYMBOL = 1;
const P_PROPERTY_NAME_EXPECTED = 3;
const P_VALUE_EXPECTED = 4;
const P_COMMA_EXPECTED = 6;
const P_UNEXPECTED_END_OF_STRING = 12;
const P_INVALID_UNICODE = 14;
const P_INVALID_ESCAPE = 15;
const P_INVALID_CHARACTER = 16;

const MESSAGES: Record<number, string> = {
  2: 'Invalid number',
  3: 'Expected a property name in double quotes',
  4: 'Expected a value',
  5: 'Expected a colon after the property name',
  7: 'Expected a comma or closing brace',
  8: 'Expected a comma or closing bracket',
  9: 'Unexpected content after the end of the JSON value',
  10: 'Comments are not allowed in JSON',
  11: 'Comments are not allowed in JSON',
  12: 'Unterminated string',
  13: 'Invalid number',
  14: 'Invalid unicode escape sequence',
  15: 'Invalid escape sequence in string',
  16: 'Control characters in strings must be escaped',
};

const ABORT = Symbol('abort');

interface FirstError {
  code: number;
  offset: number;
  length: number;
  inArray: boolean;
}

function firstJsoncError(text: string): FirstError | undefined {
  // Stack of containers, to word "Expected a comma" for an object or an array.
  const stack: boolean[] = [];
  let found: FirstError | undefined;
  try {
    visit(
      text,
      {
        onObjectBegin: () => {
          stack.push(false);
        },
        onObjectEnd: () => {
          stack.pop();
        },
        onArrayBegin: () => {
          stack.push(true);
        },
        onArrayEnd: () => {
          stack.pop();
        },
        onError: (code, offset, length) => {
          found = { code, offset, length, inArray: stack[stack.length - 1] === true };
          throw ABORT; // the first error is the one to show; skip the rest of the text
        },
      },
      { disallowComments: true, allowTrailingComma: false },
    );
  } catch {
    // ABORT, or a RangeError from jsonc-parser's recursion on deeply nested text.
  }
  return found;
}

function quoteToken(token: string): string {
  return JSON.stringify(token.length > 24 ? `${token.slice(0, 24)}…` : token);
}

/** Narrow an error inside a string token to the character or escape at fault. */
function narrowInString(text: string, e: FirstError): { offset: number; length: number } {
  const token = text.slice(e.offset, e.offset + e.length);
  if (e.code === P_INVALID_CHARACTER) {
    const m = /[\u0000-\u001f]/.exec(token.slice(1));
    if (m) return { offset: e.offset + 1 + m.index, length: 1 };
  } else {
    // Walk the escapes in order so that `\\` is not mistaken for the start of another one.
    const escape = /\\(["\\/bfnrt]|u[0-9a-fA-F]{4})?/g;
    for (let m = escape.exec(token); m; m = escape.exec(token)) {
      if (m[1] === undefined) {
        const hex = /^u[0-9a-fA-F]{0,3}/.exec(token.slice(m.index + 1));
        const length = Math.min(token.length - m.index, hex ? 1 + hex[0].length : 2);
        return { offset: e.offset + m.index, length: Math.max(1, length) };
      }
    }
  }
  return { offset: e.offset, length: e.length };
}

function previousNonSpace(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i;
}

/**
 * Where and why `text` (which JSON.parse rejected, starting at absolute offset `base`) is not
 * JSON. jsonc-parser finds the first error with its token; JSON.parse's own message (which
 * names a position) is the fallback when jsonc-parser finds nothing or overflows.
 */
export function describeSyntaxError(text: string, base: number, parseError?: unknown): SyntaxErrorInfo {
  const e = firstJsoncError(text);
  if (e) {
    let { offset, length } = e;
    let message = MESSAGES[e.code] ?? 'Invalid JSON';
    if (e.code === P_COMMA_EXPECTED) {
      message = e.inArray ? 'Expected a comma or closing bracket' : 'Expected a comma or closing brace';
    } else if (e.code === P_INVALID_SYMBOL) {
      message = `Unexpected ${quoteToken(text.slice(offset, offset + Math.max(1, length)))}`;
    } else if (e.code === P_PROPERTY_NAME_EXPECTED || e.code === P_VALUE_EXPECTED) {
      const c = text[offset];
      const before = previousNonSpace(text, offset);
      if ((c === '}' || c === ']') && text[before] === ',') {
        message = 'Trailing comma is not allowed';
        offset = before;
        length = 1;
      }
    } else if (e.code === P_INVALID_CHARACTER || e.code === P_INVALID_ESCAPE || e.code === P_INVALID_UNICODE) {
      ({ offset, length } = narrowInString(text, e));
    } else if (e.code === P_UNEXPECTED_END_OF_STRING) {
      // The token runs to the line break: keep it on the string's line.
      const lineEnd = text.slice(offset).search(/[\r\n]/);
      if (lineEnd >= 0) length = Math.min(length, lineEnd);
    }
    return clampError(text, base, offset, length, message);
  }
  const raw = parseError instanceof Error ? parseError.message : '';
  const at = /position (\d+)/.exec(raw);
  const offset = at ? Number(at[1]) : 0;
  // Cut at the marker with indexOf: a regex with a leading \s* is quadratic on long blank runs.
  const cut = raw.indexOf(' in JSON at position ');
  const message = (cut >= 0 ? raw.slice(0, cut) : raw).trimEnd().replace(/^JSON\.parse: /, '') || 'Invalid JSON';
  return clampError(text, base, offset, 1, message);
}

function clampError(text: string, base: number, offset: number, length: number, message: string): SyntaxErrorInfo {
  let start = Math.max(0, Math.min(offset, text.length));
  let end = Math.min(text.length, start + Math.max(1, length));
  if (start === text.length && start > 0) {
    // At the end of the text: show the last character rather than an empty range.
    start = text.length - 1;
    end = text.length;
  }
  return { start: base + start, end: base + end, message };
}
