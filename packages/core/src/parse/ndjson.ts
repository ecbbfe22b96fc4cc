// NDJSON: one JSON value per line, each line handed to JSON.parse. Only the unfinished last
// line is kept between chunks.
import type { Position } from '../types.js';
import { createJsonRecord, describeSyntaxError } from './json-ranges.js';
import type { ParseSink, StreamParser } from './types.js';

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const BOM = 0xfeff;
/** Size of an unfinished line from which incoming chunks are batched (see push). */
const BATCH_MIN = 1 << 16;
/** Size of the pieces a large chunk is fed in (see push). */
const PIECE = 1 << 14;

class NdjsonParser implements StreamParser {
  readonly format = 'ndjson' as const;
  /** Unprocessed text; buf[0] sits at absolute offset `base`. */
  private buf = '';
  private base = 0;
  /** Start (in buf) of the line being read, and where the search for its end resumes. */
  private lineStart = 0;
  private scanFrom = 0;
  private line = 0;
  private index = 0;
  /** The previous chunk ended with CR: an LF opening the next chunk belongs to that break. */
  private pendingLF = false;
  private ended = false;
  /** Chunks held back while a long line is pending (see push). */
  private pending: string[] = [];
  private pendingSize = 0;

  constructor(private readonly sink: ParseSink) {}

  push(chunk: string): void {
    if (this.ended || chunk.length === 0) return;
    // A very long line would be copied whole at every chunk: hold chunks back until they
    // match its size, so the copying stays linear overall.
    const held = this.buf.length - this.lineStart;
    if (held > BATCH_MIN && this.pendingSize + chunk.length < held) {
      this.pending.push(chunk);
      this.pendingSize += chunk.length;
      return;
    }
    const text = this.takePending() + chunk;
    for (let i = 0; i < text.length; ) {
      // Feed a big chunk in pieces, so that tail + piece stays a small string: V8 puts
      // strings over 128 KB in a space that is slow to allocate and free (measured: 64 Ki
      // UTF-16 chunks appended whole cost 10x more than 16 Ki pieces).
      const n = this.buf.length - this.lineStart > BATCH_MIN ? text.length - i : PIECE;
      this.feed(text.slice(i, i + n));
      i += n;
    }
  }

  end(): void {
    if (this.ended) return;
    if (this.pending.length > 0) this.feed(this.takePending());
    this.ended = true;
    if (this.lineStart < this.buf.length) this.handleLine(this.lineStart, this.buf.length);
    this.buf = '';
  }

  boundary(): { clean: boolean; lines: number } {
    if (this.pending.length > 0) this.feed(this.takePending());
    return { clean: this.lineStart === this.buf.length && !this.pendingLF, lines: this.line };
  }

  settled(): number {
    return this.base + this.lineStart;
  }

  private feed(chunk: string): void {
    // One flat string by Array.join, not a cons string that every read goes through (see csv.ts).
    this.buf = [this.buf.slice(this.lineStart), chunk].join('');
    this.base += this.lineStart;
    this.scanFrom -= this.lineStart;
    this.lineStart = 0;
    if (this.pendingLF) {
      this.pendingLF = false;
      if (this.buf.charCodeAt(0) === LF) {
        this.buf = this.buf.slice(1);
        this.base += 1;
        this.scanFrom = Math.max(0, this.scanFrom - 1);
      }
    }
    const buf = this.buf;
    // Line breaks by indexOf (native), the next CR remembered: a regex test per line measured
    // 5% of a 1M-line check.
    let cr = buf.indexOf('\r', this.scanFrom);
    for (;;) {
      if (cr >= 0 && cr < this.scanFrom) cr = buf.indexOf('\r', this.scanFrom);
      const lf = buf.indexOf('\n', this.scanFrom);
      const brk = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (brk < 0) {
        this.scanFrom = buf.length;
        return;
      }
      let next = brk + 1;
      if (buf.charCodeAt(brk) === CR) {
        if (next === buf.length) this.pendingLF = true;
        else if (buf.charCodeAt(next) === LF) next++;
      }
      this.handleLine(this.lineStart, brk);
      this.line++;
      this.lineStart = next;
      this.scanFrom = next;
    }
  }

  private takePending(): string {
    if (this.pending.length === 0) return '';
    const text = this.pending.join('');
    this.pending = [];
    this.pendingSize = 0;
    return text;
  }

  /** Handle the line buf[start, end) (line break excluded). Never throws. */
  private handleLine(start: number, end: number): void {
    const buf = this.buf;
    let s = start;
    let e = end;
    while (s < e && isSpace(buf.charCodeAt(s), this.base + s)) s++;
    while (e > s && isSpace(buf.charCodeAt(e - 1), -1)) e--;
    if (s === e) return;
    const absStart = this.base + s;
    const absLineStart = this.base + start;
    try {
      const text = buf.slice(s, e);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        if (!(err instanceof SyntaxError)) {
          this.problem('Nesting too deep', absStart, absStart + 1, absLineStart);
          return;
        }
        const info = describeSyntaxError(text, absStart, err);
        this.problem(info.message, info.start, info.end, absLineStart);
        return;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        this.problem('Expected a record object', absStart, this.base + e, absLineStart);
        return;
      }
      const anchor = { offset: absStart, line: this.line, lineStart: absLineStart };
      this.sink.record(
        createJsonRecord({ index: this.index++, text, start: absStart, anchor, value: value as Record<string, unknown>, parent: buf, parentAt: s, oneLine: true }),
      );
    } catch (err) {
      // Not reachable from the input alone (a failing sink, an engine limit): report, go on.
      const reason = err instanceof Error ? err.message : String(err);
      this.problem(`Internal error while reading this line: ${reason}`, absStart, absStart + 1, absLineStart);
    }
  }

  private problem(message: string, start: number, end: number, lineStart: number): void {
    const at = (offset: number): Position => ({ offset, line: this.line, column: offset - lineStart });
    try {
      this.sink.problem({ ruleId: 'parse-error', message, range: { start: at(start), end: at(end) } });
    } catch {
      // A sink that throws must not stop the parse.
    }
  }
}

/** JSON whitespace inside a line (CR and LF end lines), plus a BOM at the very start. */
function isSpace(c: number, absOffset: number): boolean {
  return c === SPACE || c === TAB || (c === BOM && absOffset === 0);
}

export function createNdjsonParser(sink: ParseSink): StreamParser {
  return new NdjsonParser(sink);
}
