// JSON: the whole file is one value: an array of records, an envelope object that holds them
// (`{"status":"OK","data":[...]}`, or a single record under such a key), or one record.
//
// Hand-written scanner: JSON.parse needs the whole text and core has no streaming JSON parser,
// so this splits the records array into element texts (tracking strings, escapes and bracket
// nesting across chunk boundaries) and hands each element to JSON.parse. It reads on to the
// next structural character and jumps over string contents with indexOf, which keeps it far
// cheaper than JSON.parse itself. Everything before the current element is dropped.
import { positionFrom, type Anchor } from '../text/position.js';
import type { Position } from '../types.js';
import { createJsonRecord, describeSyntaxError } from './json-ranges.js';
import type { ParseSink, StreamParser } from './types.js';

/** Property names whose array (or object) value holds the records of an envelope object. */
const ENVELOPE_KEYS: ReadonlySet<string> = new Set(['data', 'cdrs', 'records', 'calls', 'items']);

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const BOM = 0xfeff;

// Parser states.
const START = 0; // before the top-level value
const ARR_BEFORE = 1; // in the records array, before an element (or the closing bracket)
const ARR_AFTER = 2; // in the records array, after an element
const ELEM = 3; // inside an element of the records array
const OBJ_FIRST = 4; // top-level object, just after `{`
const OBJ_KEY = 5; // top-level object, after a comma
const KEY_STR = 6; // inside a top-level property name
const OBJ_COLON = 7;
const OBJ_VALUE = 8;
const MEMBER = 9; // inside a top-level property value
const OBJ_AFTER = 10;
const TOP_OTHER = 11; // the top-level value is neither an array nor an object
const DONE = 12;
const STOPPED = 13;

// Kinds of value being scanned.
const K_OBJECT = 0;
const K_ARRAY = 1;
const K_STRING = 2;
const K_LITERAL = 3;

// Scan results (non-negative results are absolute end offsets).
const NEED = -1;
const FATAL = -2;

/** Retained text size from which incoming chunks are batched (see push). */
const BATCH_MIN = 1 << 16;
/** Size of the pieces a large chunk is fed in (see push). */
const PIECE = 1 << 14;

const LITERAL_END = /[ \t\n\r,:[\]{}"]/g;

/**
 * Cached indexOf: the first `ch` at or after an absolute offset, searching each part of the
 * buffer once however often it is asked (a plain indexOf per question would rescan the rest
 * of a chunk that holds no match once per record).
 */
class CharFinder {
  private from = 0;
  private found = -1;
  private to = 0;

  constructor(private readonly ch: string) {}

  /** Absolute offset of the first `ch` at or after `at` in buf (buf[0] at `base`), or -1. */
  next(buf: string, base: number, at: number): number {
    let start = at;
    if (at >= this.from) {
      if (this.found >= at) return this.found;
      if (this.found < 0) start = Math.max(at, this.to);
    }
    const i = buf.indexOf(this.ch, start - base);
    this.from = at;
    if (i >= 0) this.found = base + i;
    else {
      this.found = -1;
      this.to = base + buf.length;
    }
    return this.found;
  }
}

/** First line break (LF or CR) at or after an absolute offset, or -1. */
class BreakFinder {
  private readonly lf = new CharFinder('\n');
  private readonly cr = new CharFinder('\r');

  next(buf: string, base: number, at: number): number {
    const lf = this.lf.next(buf, base, at);
    const cr = this.cr.next(buf, base, at);
    return lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
  }
}

/** Counts lines forward through the buffer, so text can be dropped once it is counted. */
class LineTracker {
  offset = 0;
  line = 0;
  lineStart = 0;
  private readonly breaks = new BreakFinder();

  /** Count breaks before `target`; stops before a CR whose LF may still be coming. */
  advance(buf: string, base: number, target: number, ended: boolean): void {
    const limit = base + buf.length;
    while (this.offset < target) {
      const b = this.breaks.next(buf, base, this.offset);
      if (b < 0 || b >= target) {
        this.offset = target;
        return;
      }
      let next = b + 1;
      if (buf.charCodeAt(b - base) === CR) {
        if (next < limit) {
          if (buf.charCodeAt(next - base) === LF) {
            if (next === target) {
              this.offset = b;
              return;
            }
            next++;
          }
        } else if (!ended) {
          this.offset = b;
          return;
        }
      }
      this.line++;
      this.lineStart = next;
      this.offset = next;
    }
  }

  anchor(): Anchor {
    return { offset: this.offset, line: this.line, lineStart: this.lineStart };
  }
}

function startsValue(c: number): boolean {
  return c === OPEN_BRACE || c === OPEN_BRACKET || c === QUOTE || c === 45 || (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
}

function isRecordObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

class JsonParser implements StreamParser {
  readonly format = 'json' as const;
  /** Unprocessed text; buf[0] sits at absolute offset `base`; `pos` indexes buf. */
  private buf = '';
  private base = 0;
  private pos = 0;
  /** Chunks held back while a large value is pending (see push). */
  private pending: string[] = [];
  private pendingSize = 0;
  private state = START;
  private ended = false;
  private index = 0;
  private readonly lines = new LineTracker();
  private readonly breaks = new BreakFinder();

  // The records array.
  /** Absolute offset just after the bracket that opened it, or -1. */
  arrayOpenedAt = -1;
  private inEnvelope = false;
  /** Absolute offset of the last separating comma not yet followed by a value, or -1. */
  private commaAt = -1;
  /** An "expected a comma" was just reported: do not repeat it for the same gap. */
  private afterError = false;
  /** Elements read whole from their line (lineElement), and lines where that failed. */
  private lineHits = 0;
  private lineMisses = 0;
  /** The line break lineElement last looked at, and where its line's last `}` is (or -1). */
  private lineBreakAt = -1;
  private lineEndAt = -1;
  /** Elements read whole up to their closing line (indentedElement), and tries where that failed. */
  private indentHits = 0;
  private indentMisses = 0;
  /** Elements read whole up to their first `}` (flatElement), and tries where that failed. */
  private flatHits = 0;
  private flatMisses = 0;
  /** The last element's indentation, and the text that closes an element written at it. */
  private indent = '';
  private indentClose = '\n}';

  // The value being scanned (an element, or a top-level property value).
  private vStart = -1;
  private vEnd = -1;
  private vKind = K_OBJECT;
  private readonly vStack: number[] = [];
  /** A syntax error in this value was already reported. */
  private vBad = false;
  /** The property value is the envelope's single record. */
  private vIsRecord = false;

  // The string being scanned (absolute offsets).
  private strStart = -1;
  private strResume = 0;

  // The top-level object.
  private objStart = -1;
  private envelope = false;
  private key = '';

  constructor(private readonly sink: ParseSink) {}

  push(chunk: string): void {
    if (this.ended || this.state === STOPPED || chunk.length === 0) return;
    try {
      this.compact();
      // While one value grows large, appending each chunk would copy all of it every time:
      // hold chunks back until they match its size, so the copying stays linear overall.
      if (this.buf.length > BATCH_MIN && this.pendingSize + chunk.length < this.buf.length) {
        this.pending.push(chunk);
        this.pendingSize += chunk.length;
        return;
      }
      const text = this.takePending() + chunk;
      for (let i = 0; i < text.length && this.state !== STOPPED; ) {
        // Feed a big chunk in pieces, so that tail + piece stays a small string: V8 puts
        // strings over 128 KB in a space that is slow to allocate and free (measured: 64 Ki
        // UTF-16 chunks appended whole cost 10x more than 16 Ki pieces).
        const n = this.buf.length > BATCH_MIN ? text.length - i : PIECE;
        // One flat string by Array.join, not a cons string that every read goes through (see csv.ts).
        this.buf = [this.buf, text.slice(i, i + n)].join('');
        i += n;
        this.run();
        if (i < text.length) this.compact();
      }
    } catch (err) {
      this.internalError(err);
    }
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    try {
      if (this.state !== STOPPED) {
        this.readPending();
        this.finish();
      }
    } catch (err) {
      this.internalError(err);
    }
    this.buf = '';
    this.state = STOPPED;
  }

  /**
   * A part of a file (parts.ts) may end only between two elements of the records array, after
   * the comma that separates them, at a line start: then the next part, read after a prefix
   * that opens the array, goes on exactly as one pass would (unless it opens with `]`, `}` or
   * `:`, which the linter checks).
   */
  boundary(): { clean: boolean; lines: number } {
    if (this.state !== STOPPED) this.readPending();
    const end = this.base + this.buf.length;
    this.lines.advance(this.buf, this.base, end, false);
    // (run() left pos at the end of the buffer in ARR_BEFORE; a final CR may still take an LF;
    // a cut inside a line would put the next part's columns off.)
    const clean = this.state === ARR_BEFORE && this.commaAt >= 0 && this.lines.offset === end && this.lines.lineStart === end;
    return { clean, lines: this.lines.line };
  }

  settled(): number {
    // Problems and records are only ever placed in the text still kept.
    return this.state === STOPPED ? Infinity : this.keepFrom();
  }

  // --- buffer ---------------------------------------------------------------------------------

  /** Reads the chunks held back (see push) along with what is buffered. */
  private readPending(): void {
    this.buf = [this.buf, this.takePending()].join('');
    this.run();
  }

  private takePending(): string {
    if (this.pending.length === 0) return '';
    const text = this.pending.join('');
    this.pending = [];
    this.pendingSize = 0;
    return text;
  }

  /** Earliest absolute offset still needed (for a record's text or a problem's position). */
  private keepFrom(): number {
    let k = this.base + this.pos;
    const s = this.state;
    if (s === ELEM || s === MEMBER || s === TOP_OTHER) k = Math.min(k, this.vStart);
    if (this.strStart >= 0) k = Math.min(k, this.strStart);
    if (this.objStart >= 0 && !this.envelope) k = Math.min(k, this.objStart);
    if (this.commaAt >= 0) k = Math.min(k, this.commaAt);
    return k;
  }

  private compact(): void {
    const keep = this.keepFrom();
    this.lines.advance(this.buf, this.base, keep, false);
    const drop = Math.min(keep, this.lines.offset) - this.base;
    if (drop > 0) {
      this.buf = this.buf.slice(drop);
      this.base += drop;
      this.pos -= drop;
    }
  }

  private slice(start: number, end: number): string {
    return this.buf.slice(start - this.base, end - this.base);
  }

  /** Skip JSON whitespace; the code of the next character, or -1 at the end of the buffer. */
  private skipSpace(): number {
    const buf = this.buf;
    let i = this.pos;
    while (i < buf.length) {
      const c = buf.charCodeAt(i);
      if (c === SPACE || c === LF || c === CR || c === TAB || (c === BOM && this.base + i === 0)) i++;
      else {
        this.pos = i;
        return c;
      }
    }
    this.pos = i;
    return -1;
  }

  // --- states -----------------------------------------------------------------------------------

  private run(): void {
    for (;;) {
      switch (this.state) {
        case START: {
          const c = this.skipSpace();
          if (c < 0) return;
          if (c === OPEN_BRACKET) {
            this.pos++;
            this.arrayOpenedAt = this.base + this.pos;
            this.inEnvelope = false;
            this.state = ARR_BEFORE;
          } else if (c === OPEN_BRACE) {
            this.objStart = this.base + this.pos;
            this.pos++;
            this.state = OBJ_FIRST;
          } else {
            this.beginValue(c);
            this.state = TOP_OTHER;
          }
          break;
        }
        case TOP_OTHER: {
          if (this.scanValue() < 0) return;
          const text = this.slice(this.vStart, this.vEnd);
          if (this.validate(text, this.vStart)) {
            this.report('Expected a record object or an array of records', this.vStart, this.vEnd);
          }
          this.stop();
          return;
        }
        case ARR_BEFORE: {
          const c = this.skipSpace();
          if (c < 0) return;
          const at = this.base + this.pos;
          if (c === CLOSE_BRACKET) {
            if (this.commaAt >= 0) this.report('Trailing comma is not allowed', this.commaAt, this.commaAt + 1);
            this.commaAt = -1;
            this.pos++;
            this.closeArray();
          } else if (c === COMMA || c === CLOSE_BRACE || c === COLON) {
            this.report('Expected a value', at, at + 1);
            if (c === COMMA) this.commaAt = at;
            this.pos++;
          } else {
            this.commaAt = -1;
            this.afterError = false;
            if (c === OPEN_BRACE && (this.lineElement() || this.indentedElement() || this.flatElement())) {
              this.state = ARR_AFTER;
              break;
            }
            this.beginValue(c);
            this.state = ELEM;
          }
          break;
        }
        case ELEM: {
          if (this.scanValue() < 0) return;
          this.endElement();
          this.state = ARR_AFTER;
          break;
        }
        case ARR_AFTER: {
          const c = this.skipSpace();
          if (c < 0) return;
          if (c === COMMA) {
            this.commaAt = this.base + this.pos;
            this.pos++;
            this.afterError = false;
            this.state = ARR_BEFORE;
          } else if (c === CLOSE_BRACKET) {
            this.pos++;
            this.afterError = false;
            this.closeArray();
          } else {
            const at = this.base + this.pos;
            if (!this.afterError) this.report('Expected a comma or closing bracket', at, at + 1);
            this.afterError = true;
            // A value start reads as a missing comma; anything else is skipped.
            if (startsValue(c)) this.state = ARR_BEFORE;
            else this.pos++;
          }
          break;
        }
        case OBJ_FIRST:
        case OBJ_KEY: {
          const c = this.skipSpace();
          if (c < 0) return;
          const at = this.base + this.pos;
          if (c === QUOTE) {
            this.commaAt = -1;
            this.strStart = at;
            this.strResume = at + 1;
            this.state = KEY_STR;
          } else if (c === CLOSE_BRACE && this.state === OBJ_FIRST) {
            this.pos++;
            this.finishObject();
          } else if (c === CLOSE_BRACE && this.commaAt >= 0) {
            this.fatal('Trailing comma is not allowed', this.commaAt, this.commaAt + 1);
            return;
          } else {
            this.fatal('Expected a property name in double quotes', at, at + 1);
            return;
          }
          break;
        }
        case KEY_STR: {
          const keyStart = this.strStart;
          const end = this.scanString();
          if (end < 0) return;
          const text = this.slice(keyStart, end);
          this.pos = end - this.base;
          try {
            this.key = JSON.parse(text) as string;
          } catch (err) {
            this.syntaxError(text, keyStart, err);
            this.stop();
            return;
          }
          this.state = OBJ_COLON;
          break;
        }
        case OBJ_COLON: {
          const c = this.skipSpace();
          if (c < 0) return;
          if (c !== COLON) {
            const at = this.base + this.pos;
            this.fatal('Expected a colon after the property name', at, at + 1);
            return;
          }
          this.pos++;
          this.state = OBJ_VALUE;
          break;
        }
        case OBJ_VALUE: {
          const c = this.skipSpace();
          if (c < 0) return;
          const at = this.base + this.pos;
          const holdsRecords = !this.envelope && ENVELOPE_KEYS.has(this.key);
          if (holdsRecords && c === OPEN_BRACKET) {
            this.envelope = true;
            this.inEnvelope = true;
            this.objStart = -1;
            this.pos++;
            this.arrayOpenedAt = this.base + this.pos;
            this.state = ARR_BEFORE;
          } else if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === COLON) {
            this.fatal('Expected a value', at, at + 1);
            return;
          } else {
            this.vIsRecord = holdsRecords && c === OPEN_BRACE;
            if (this.vIsRecord) {
              this.envelope = true;
              this.objStart = -1;
            }
            this.beginValue(c);
            this.state = MEMBER;
          }
          break;
        }
        case MEMBER: {
          if (this.scanValue() < 0) return;
          if (this.vIsRecord) {
            this.endElement();
          } else if (this.vBad || !this.validate(this.slice(this.vStart, this.vEnd), this.vStart)) {
            this.stop();
            return;
          }
          this.state = OBJ_AFTER;
          break;
        }
        case OBJ_AFTER: {
          const c = this.skipSpace();
          if (c < 0) return;
          if (c === COMMA) {
            this.commaAt = this.base + this.pos;
            this.pos++;
            this.state = OBJ_KEY;
          } else if (c === CLOSE_BRACE) {
            this.pos++;
            this.finishObject();
          } else {
            const at = this.base + this.pos;
            this.fatal('Expected a comma or closing brace', at, at + 1);
            return;
          }
          break;
        }
        case DONE: {
          const c = this.skipSpace();
          if (c < 0) return;
          const at = this.base + this.pos;
          this.fatal('Unexpected content after the end of the JSON value', at, at + 1);
          return;
        }
        default:
          return;
      }
    }
  }

  private closeArray(): void {
    if (this.inEnvelope) {
      this.inEnvelope = false;
      this.state = OBJ_AFTER;
    } else {
      this.state = DONE;
    }
  }

  private finishObject(): void {
    this.commaAt = -1;
    if (!this.envelope) {
      const start = this.objStart;
      this.parseRecord(this.slice(start, this.base + this.pos), start);
    }
    this.objStart = -1;
    this.state = DONE;
  }

  /** At end of input: one error for whatever is left open. */
  private finish(): void {
    let what: string;
    switch (this.state) {
      case START:
      case DONE:
      case STOPPED:
        return;
      case ARR_BEFORE:
      case ARR_AFTER:
        what = "expected ']' to close the array";
        break;
      case KEY_STR:
        what = 'unterminated string';
        break;
      case ELEM:
      case MEMBER:
      case TOP_OTHER:
        if (this.strStart >= 0) what = 'unterminated string';
        else what = this.vStack[this.vStack.length - 1] === OPEN_BRACE ? "expected '}' to close the object" : "expected ']' to close the array";
        break;
      default:
        what = "expected '}' to close the object";
    }
    const end = this.base + this.buf.length;
    this.report(`Unexpected end of file: ${what}`, end, end);
  }

  // --- values -----------------------------------------------------------------------------------

  private beginValue(c: number): void {
    const at = this.base + this.pos;
    this.vStart = at;
    this.vBad = false;
    this.vStack.length = 0;
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      this.vKind = c === OPEN_BRACE ? K_OBJECT : K_ARRAY;
      this.vStack.push(c);
      this.pos++;
    } else if (c === QUOTE) {
      this.vKind = K_STRING;
      this.strStart = at;
      this.strResume = at + 1;
    } else {
      this.vKind = K_LITERAL;
    }
  }

  /** Scan on to the end of the current value: its end offset (also in vEnd), NEED or FATAL. */
  private scanValue(): number {
    const buf = this.buf;
    const base = this.base;
    if (this.vKind === K_STRING) {
      const end = this.scanString();
      if (end >= 0) {
        this.vEnd = end;
        this.pos = end - base;
      }
      return end;
    }
    if (this.vKind === K_LITERAL) {
      LITERAL_END.lastIndex = this.pos;
      let end: number;
      if (LITERAL_END.test(buf)) end = LITERAL_END.lastIndex - 1;
      else if (this.ended) end = buf.length;
      else {
        this.pos = buf.length;
        return NEED;
      }
      this.pos = end;
      this.vEnd = base + end;
      return this.vEnd;
    }
    const stack = this.vStack;
    let i = this.pos;
    if (this.strStart >= 0) {
      const end = this.scanString();
      if (end < 0) return end;
      i = end - base;
    }
    const n = buf.length;
    for (;;) {
      // The next quote, brace or bracket. A loop, not a regex: what lies between them in a
      // record is a few characters (`":`, `,`, a number), and a regex call cost more than
      // reading them (a regex test per quote was ~0.4 s of a 200k-record check, --cpu-prof).
      let j = i;
      let c = 0;
      for (; j < n; j++) {
        c = buf.charCodeAt(j);
        if (c === QUOTE || c === OPEN_BRACE || c === CLOSE_BRACE || c === OPEN_BRACKET || c === CLOSE_BRACKET) break;
      }
      if (j >= n) {
        this.pos = n;
        return NEED;
      }
      if (c === QUOTE) {
        this.strStart = base + j;
        this.strResume = base + j + 1;
        const end = this.scanString();
        if (end < 0) return end;
        i = end - base;
        continue;
      }
      i = j + 1;
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        stack.push(c);
        continue;
      }
      const open = c === CLOSE_BRACE ? OPEN_BRACE : OPEN_BRACKET;
      if (stack[stack.length - 1] === open) stack.pop();
      else this.mismatch(base + i, open);
      if (stack.length === 0) {
        this.pos = i;
        this.vEnd = base + i;
        return this.vEnd;
      }
    }
  }

  /** A closer that does not match the innermost opener: report, then close what it matches. */
  private mismatch(end: number, open: number): void {
    if (!this.vBad) {
      this.vBad = true;
      const text = this.slice(this.vStart, end);
      // Fallback wording and place, for when jsonc-parser cannot read the text (too deep).
      const expected = this.vStack[this.vStack.length - 1] === OPEN_BRACE ? 'brace' : 'bracket';
      const fallback = new SyntaxError(`Expected a comma or closing ${expected} in JSON at position ${text.length - 1}`);
      this.syntaxError(text, this.vStart, fallback);
    }
    const stack = this.vStack;
    const k = stack.lastIndexOf(open);
    if (k >= 0) stack.length = k;
    else stack.pop();
  }

  /**
   * Scan the string opened at strStart: the absolute offset after its closing quote, NEED, or
   * FATAL when a line break comes first (JSON strings cannot hold one, so the quote was never
   * closed: stopping here avoids pairing every later quote the wrong way round).
   */
  private scanString(): number {
    const buf = this.buf;
    const base = this.base;
    let k = buf.indexOf('"', this.strResume - base);
    while (k >= 0 && buf.charCodeAt(k - 1) === BACKSLASH) {
      let n = 2;
      while (buf.charCodeAt(k - n) === BACKSLASH) n++;
      if ((n & 1) === 1) break; // n - 1 backslashes: an even count escapes only each other
      k = buf.indexOf('"', k + 1);
    }
    const brk = this.breaks.next(buf, base, this.strStart);
    if (brk >= 0 && (k < 0 || brk < base + k)) {
      this.unterminated(brk);
      return FATAL;
    }
    if (k < 0) {
      this.strResume = base + buf.length;
      this.pos = buf.length;
      return NEED;
    }
    this.strStart = -1;
    return base + k + 1;
  }

  private unterminated(lineBreak: number): void {
    const s = this.state;
    if ((s === ELEM || s === MEMBER) && !this.vBad) {
      // The first error of the element may come before the string.
      const info = describeSyntaxError(this.slice(this.vStart, lineBreak), this.vStart);
      this.fatal(info.message, info.start, info.end);
    } else {
      this.fatal('Unterminated string', this.strStart, Math.max(lineBreak, this.strStart + 1));
    }
  }

  /** An element of the records array (or the envelope's single record) is complete. */
  private endElement(): void {
    if (this.vBad) return;
    const text = this.slice(this.vStart, this.vEnd);
    if (this.vKind === K_OBJECT) this.parseRecord(text, this.vStart);
    else if (this.vKind === K_ARRAY || this.validate(text, this.vStart)) {
      this.report('Expected a record object', this.vStart, this.vEnd);
    }
  }

  /**
   * An element that starts here and ends its line (`{...}` or `{...},`, as exporters write one
   * record per line) is read by one JSON.parse of that text, without scanning it first: if it
   * parses, it is exactly one object, the element. The scan cost ~20% of a check (--cpu-prof,
   * half of the 1M-record file: scanValue, scanString and their indexOf ~0.7 of 3.3 s). True
   * when the element was read; otherwise the scan reads it, as for any other layout. After 32
   * misses, once more than a fifth of its tries fail (several elements per line), it stops
   * trying for the rest of the file.
   */
  private lineElement(): boolean {
    if (this.lineMisses > 32 && this.lineMisses * 4 > this.lineHits) return false;
    const buf = this.buf;
    const start = this.base + this.pos;
    const brk = this.breaks.next(buf, this.base, start);
    if (brk < 0) return false;
    if (brk !== this.lineBreakAt) {
      // Once per line: with several elements on a line, stepping back over its trailing white
      // space for each of them would cost elements × spaces.
      let e = brk - this.base - 1;
      let c = buf.charCodeAt(e);
      while (c === SPACE || c === TAB) c = buf.charCodeAt(--e);
      if (c === COMMA) {
        c = buf.charCodeAt(--e);
        while (c === SPACE || c === TAB) c = buf.charCodeAt(--e);
      }
      this.lineBreakAt = brk;
      this.lineEndAt = c === CLOSE_BRACE ? this.base + e : -1;
    }
    const end = this.lineEndAt;
    if (end <= start) return false;
    const last = end - this.base;
    const text = buf.slice(this.pos, last + 1);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.lineMisses++;
      return false;
    }
    this.lineHits++;
    this.pos = last + 1;
    this.addRecord(text, start, value as Record<string, unknown>);
    return true;
  }

  /**
   * An element written over several lines, as pretty-printers write records (one key a line, the
   * closing brace on a line of its own at the element's indentation), is read by one JSON.parse
   * of its text up to the first line that is that indentation and `}`. A line break cannot sit
   * inside a JSON string, so that text either parses as exactly one object, the element, or
   * does not (another layout), and then the scan reads it. The scan took ~0.8 s more CPU for a
   * 200k-record file written by JSON.stringify(records, null, 2) than for the same records one
   * a line (--cpu-prof: scanValue, next, advance, scanString). The same give-up rule as
   * lineElement; a try whose closing line is not in the buffer yet counts as a miss, so that a
   * layout without such lines stops searching for them.
   */
  private indentedElement(): boolean {
    if (this.indentMisses > 32 && this.indentMisses * 4 > this.indentHits) return false;
    const buf = this.buf;
    const pos = this.pos;
    // The indentation: white space from the start of the element's line (known to be in the buffer).
    let ls = pos;
    let c = buf.charCodeAt(ls - 1);
    while (c === SPACE || c === TAB) c = buf.charCodeAt(--ls - 1);
    if (c !== LF) return false;
    if (pos - ls !== this.indent.length || !buf.startsWith(this.indent, ls)) {
      this.indent = buf.slice(ls, pos);
      this.indentClose = `\n${this.indent}}`;
    }
    const close = buf.indexOf(this.indentClose, pos);
    if (close < 0) {
      this.indentMisses++;
      return false;
    }
    if (this.readWhole(pos, close + this.indentClose.length - 1)) {
      this.indentHits++;
      return true;
    }
    this.indentMisses++;
    return false;
  }

  /**
   * A flat element (no nested object) followed by more on its line, as minified JSON is written,
   * is read by one JSON.parse of its text up to the first `}`. If that text parses, it is exactly
   * the element: the scan would read the same characters and close the object at that brace,
   * and a `}` inside a string leaves the text unterminated. Otherwise the scan reads it. The scan
   * took 1.4-1.8x as long (280k minified records in one process, two runs of 8 alternated
   * rounds). The same give-up rule as lineElement; a `}` not in the buffer yet is no miss (the
   * element crosses a chunk).
   */
  private flatElement(): boolean {
    if (this.flatMisses > 32 && this.flatMisses * 4 > this.flatHits) return false;
    const pos = this.pos;
    const close = this.buf.indexOf('}', pos);
    if (close < 0) return false;
    if (this.readWhole(pos, close)) {
      this.flatHits++;
      return true;
    }
    this.flatMisses++;
    return false;
  }

  /**
   * The element buf[pos, last] read by one JSON.parse: true, and the parser past it, if it
   * parses (indentedElement, flatElement; lineElement, the compact files' hot path, keeps its
   * own copy so that its compiled code stays as measured).
   */
  private readWhole(pos: number, last: number): boolean {
    const text = this.buf.slice(pos, last + 1);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return false;
    }
    this.pos = last + 1;
    this.addRecord(text, this.base + pos, value as Record<string, unknown>);
    return true;
  }

  /** JSON.parse a value's text; on failure report where and why, and return false. */
  private validate(text: string, start: number): boolean {
    try {
      JSON.parse(text);
      return true;
    } catch (err) {
      this.syntaxError(text, start, err);
      return false;
    }
  }

  private parseRecord(text: string, start: number): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      this.syntaxError(text, start, err);
      return;
    }
    if (!isRecordObject(value)) {
      this.report('Expected a record object', start, start + text.length);
      return;
    }
    this.addRecord(text, start, value);
  }

  private addRecord(text: string, start: number, value: Record<string, unknown>): void {
    this.lines.advance(this.buf, this.base, start, this.ended);
    const p = this.positionAt(start);
    const anchor: Anchor = { offset: start, line: p.line, lineStart: start - p.column };
    this.sink.record(createJsonRecord({ index: this.index++, text, start, anchor, value, parent: this.buf, parentAt: start - this.base }));
  }

  // --- problems ---------------------------------------------------------------------------------

  private syntaxError(text: string, start: number, err: unknown): void {
    if (!(err instanceof SyntaxError)) {
      // JSON.parse ran out of stack (engines whose parser recurses).
      this.report('Nesting too deep', start, start + 1);
      return;
    }
    const info = describeSyntaxError(text, start, err);
    this.report(info.message, info.start, info.end);
  }

  private positionAt(offset: number): Position {
    const a = this.lines;
    if (offset < a.offset) return { offset, line: a.line, column: Math.max(0, offset - a.lineStart) };
    return positionFrom(this.buf, this.base, a.anchor(), offset);
  }

  private report(message: string, start: number, end: number): void {
    const range = { start: this.positionAt(start), end: this.positionAt(end) };
    this.sink.problem({ ruleId: 'parse-error', message, range });
  }

  private fatal(message: string, start: number, end: number): void {
    this.report(message, start, end);
    this.stop();
  }

  private stop(): void {
    this.state = STOPPED;
    this.buf = '';
    this.pos = 0;
  }

  private internalError(err: unknown): void {
    const wasStopped = this.state === STOPPED;
    const at = this.base + Math.min(this.pos, this.buf.length);
    this.state = STOPPED;
    if (wasStopped) return;
    try {
      const reason = err instanceof Error ? err.message : String(err);
      this.report(`Internal error while parsing: ${reason}`, at, at);
    } catch {
      // Nothing more can be done without throwing.
    }
    this.buf = '';
  }
}

export function createJsonParser(sink: ParseSink): StreamParser {
  return new JsonParser(sink);
}

/**
 * Where the records array opens in the head of a JSON text: the offset just after its bracket
 * (a top-level array, or an envelope's array after any other properties), or -1 when the head
 * does not show one. Reads the head line by line and stops there.
 */
export function recordsArrayOpening(head: string): number {
  const parser = new JsonParser({ record: () => {}, problem: () => {} });
  for (let from = 0; parser.arrayOpenedAt < 0 && from < head.length; ) {
    const lf = head.indexOf('\n', from);
    const to = lf < 0 ? head.length : lf + 1;
    parser.push(head.slice(from, to));
    from = to;
  }
  return parser.arrayOpenedAt;
}
