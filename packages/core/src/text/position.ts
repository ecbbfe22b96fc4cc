import type { Position, Range } from '../types.js';

// Line breaks follow LSP: LF, CRLF and a lone CR each end a line.
const LF = 10;
const CR = 13;

/**
 * A known place in a text buffer: the absolute offset `offset`, its 0-based `line`, and the
 * absolute offset where that line starts. Positions after it are found by scanning forward,
 * so a record needs only its own anchor, never a whole-file line table.
 */
export interface Anchor {
  offset: number;
  line: number;
  lineStart: number;
}

/**
 * Position of absolute offset `target` (>= anchor.offset) in `text`, where `text[0]` sits at
 * absolute offset `base`. Scans only the text between the anchor and the target.
 */
export function positionFrom(text: string, base: number, anchor: Anchor, target: number): Position {
  let line = anchor.line;
  let lineStart = anchor.lineStart;
  const end = Math.min(target - base, text.length);
  for (let i = anchor.offset - base; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) {
      line++;
      lineStart = base + i + 1;
    } else if (c === CR) {
      if (text.charCodeAt(i + 1) === LF) {
        // The break ends after the LF; a target between CR and LF stays on the line.
        if (i + 1 < end) i++;
        else break;
      }
      line++;
      lineStart = base + i + 1;
    }
  }
  return { offset: target, line, column: target - lineStart };
}

/** Offsets where each line starts, for whole-document conversions (tests, LSP documents). */
export class LineIndex {
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === CR) {
        if (text.charCodeAt(i + 1) === LF) i++;
        starts.push(i + 1);
      } else if (c === LF) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { offset: o, line: lo, column: o - this.lineStarts[lo] };
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  offsetAt(line: number, column: number): number {
    if (line < 0) return 0;
    if (line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[line];
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    return Math.min(start + Math.max(0, column), next);
  }
}

/**
 * Positions inside one record or header, computed on request. Remembers the last position it
 * computed and scans on from there when asked for a later offset, so many diagnostics in one
 * long record cost one pass, not one pass each.
 */
export class PositionCursor {
  private last: Anchor;

  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly anchor: Anchor,
  ) {
    this.last = anchor;
  }

  position(target: number): Position {
    const from = target >= this.last.offset ? this.last : this.anchor;
    const p = positionFrom(this.text, this.base, from, target);
    this.last = { offset: target, line: p.line, lineStart: target - p.column };
    return p;
  }
}
