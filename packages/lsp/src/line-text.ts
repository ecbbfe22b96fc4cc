// An open document's text as an immutable list of chunks of whole lines (about 64K chars each),
// with each chunk's line starts. An edit replaces the one or two chunks it touches and shares the
// rest with the previous version, so a keystroke in a 35 MB file copies kilobytes, not the file
// (a JS string edit copies the whole string, 50 ms per 13 MB here), and an analysis keeps its
// version for free. Line semantics are vscode-languageserver-textdocument's (\n, \r\n, \r).
// Hand-written: TextDocument keeps one flat string and a number[] of line offsets.

const TARGET = 1 << 16;

interface Chunk {
  readonly text: string;
  /** Start offsets (relative) of the lines that begin in this chunk; the first is 0. */
  readonly lines: Uint32Array;
}

const isEol = (c: number): boolean => c === 10 || c === 13;

function lineStartsOf(text: string): Uint32Array {
  const out: number[] = [0];
  if (text.indexOf('\r') < 0) {
    // Common case: only \n, found with the engine's fast search.
    for (let i = text.indexOf('\n'); i >= 0 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (!isEol(c)) continue;
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (i + 1 < text.length) out.push(i + 1);
    }
  }
  return Uint32Array.from(out);
}

/** Cuts `text` into chunks that end after a \n (never inside \r\n); one chunk when it has none. */
function split(text: string, into: Chunk[]): void {
  let pos = 0;
  while (pos < text.length) {
    let end = text.length;
    if (text.length - pos > TARGET * 1.5) {
      const nl = text.indexOf('\n', pos + TARGET - 1);
      if (nl >= 0 && nl + 1 < text.length) end = nl + 1;
    }
    const t = pos === 0 && end === text.length ? text : text.slice(pos, end);
    into.push({ text: t, lines: lineStartsOf(t) });
    pos = end;
  }
}

export interface TextPosition {
  line: number;
  character: number;
}

export class LineText {
  /** chunk k covers [starts[k], starts[k + 1]); its first line is lineBase[k]. */
  private readonly starts: Float64Array;
  private readonly lineBase: Float64Array;
  private joined: string | undefined;
  readonly length: number;
  /** Number of lines (a final line break starts one more, empty line). */
  readonly lineCount: number;

  private constructor(private readonly chunks: readonly Chunk[]) {
    const n = chunks.length;
    this.starts = new Float64Array(n + 1);
    this.lineBase = new Float64Array(n + 1);
    for (let k = 0; k < n; k++) {
      this.starts[k + 1] = this.starts[k] + chunks[k].text.length;
      this.lineBase[k + 1] = this.lineBase[k] + chunks[k].lines.length;
    }
    this.length = this.starts[n];
    this.lineCount = n === 0 ? 1 : this.lineBase[n] + (this.endsWithBreak() ? 1 : 0);
    if (n === 1) this.joined = chunks[0].text;
    if (n === 0) this.joined = '';
  }

  static from(text: string): LineText {
    const chunks: Chunk[] = [];
    split(text, chunks);
    return new LineText(chunks);
  }

  private endsWithBreak(): boolean {
    const last = this.chunks[this.chunks.length - 1]?.text;
    return last !== undefined && last.length > 0 && isEol(last.charCodeAt(last.length - 1));
  }

  /** The chunk holding `offset` (the last one for offset = length). */
  private chunkAt(offset: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The whole text (joined once per version; avoid on hot paths). */
  toString(): string {
    return (this.joined ??= this.chunks.map((c) => c.text).join(''));
  }

  /** The chunks in order: push them into a streaming linter instead of joining. */
  pieces(): readonly string[] {
    return this.chunks.map((c) => c.text);
  }

  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    const k = this.chunkAt(offset);
    return this.chunks[k].text.charCodeAt(offset - this.starts[k]);
  }

  slice(start = 0, end = this.length): string {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    if (start === end) return '';
    if (this.joined !== undefined) return this.joined.slice(start, end);
    const k = this.chunkAt(start);
    if (end <= this.starts[k + 1]) return this.chunks[k].text.slice(start - this.starts[k], end - this.starts[k]);
    const parts: string[] = [];
    for (let j = k; j < this.chunks.length && this.starts[j] < end; j++) {
      parts.push(this.chunks[j].text.slice(Math.max(0, start - this.starts[j]), end - this.starts[j]));
    }
    return parts.join('');
  }

  /** Offset where `line` starts (length past the last line). */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    const n = this.chunks.length;
    if (n === 0 || line >= this.lineBase[n]) return this.length;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineBase[mid] <= line) lo = mid;
      else hi = mid - 1;
    }
    return this.starts[lo] + this.chunks[lo].lines[line - this.lineBase[lo]];
  }

  private beforeEol(offset: number, lineStart: number): number {
    while (offset > lineStart && isEol(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  /** Line and UTF-16 column of an offset (TextDocument.positionAt). */
  positionAt(offset: number): TextPosition {
    offset = Math.max(0, Math.min(offset, this.length));
    const n = this.chunks.length;
    if (n === 0) return { line: 0, character: offset };
    if (offset === this.length && this.endsWithBreak()) return { line: this.lineCount - 1, character: 0 };
    const k = this.chunkAt(offset);
    const lines = this.chunks[k].lines;
    const rel = offset - this.starts[k];
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid] <= rel) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = this.starts[k] + lines[lo];
    return { line: this.lineBase[k] + lo, character: this.beforeEol(offset, lineStart) - lineStart };
  }

  /** The line holding `offset`: where it starts, and where it ends before its line break. */
  lineAround(offset: number): { start: number; end: number } {
    const { line } = this.positionAt(offset);
    return { start: this.lineStart(line), end: this.offsetAt({ line, character: this.length }) };
  }

  /** Offset of a position, clamped to its line (TextDocument.offsetAt). */
  offsetAt(pos: TextPosition): number {
    if (pos.line >= this.lineCount) return this.length;
    if (pos.line < 0) return 0;
    const lineStart = this.lineStart(pos.line);
    if (pos.character <= 0) return lineStart;
    const next = pos.line + 1 < this.lineCount ? this.lineStart(pos.line + 1) : this.length;
    return this.beforeEol(Math.min(lineStart + pos.character, next), lineStart);
  }

  /** The text with [start, end) replaced by `insert`; unchanged chunks are shared. */
  replace(start: number, end: number, insert: string): LineText {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    const n = this.chunks.length;
    if (n === 0) return LineText.from(insert);
    // Re-cut the touched chunks plus a neighbour at a touched boundary (a \r\n may form there).
    let ks = this.chunkAt(start);
    if (ks > 0 && start === this.starts[ks]) ks--;
    // chunkAt(end) is the chunk starting at `end` when the edit stops at a boundary.
    const ke = this.chunkAt(end);
    const from = this.starts[ks];
    const old = ke === ks ? this.chunks[ks].text : this.chunks.slice(ks, ke + 1).map((c) => c.text).join('');
    const text = old.slice(0, start - from) + insert + old.slice(end - from);
    const fresh: Chunk[] = [];
    split(text, fresh);
    return new LineText([...this.chunks.slice(0, ks), ...fresh, ...this.chunks.slice(ke + 1)]);
  }
}
