// Source order for diagnostics found while streaming, so that a caller can write them out as
// they come instead of holding a whole file's worth to sort at the end.
import type { Diagnostic } from './types.js';

/** Orders diagnostics by position, then rule id, so output is stable whatever order rules ran in. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.offset - b.range.start.offset ||
    a.range.end.offset - b.range.end.offset ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/**
 * Holds diagnostics until nothing can come before them, then hands them on sorted. Diagnostics
 * arrive almost in order: the rules report a record's problems in rule order, and a few come
 * late (missing-status messages held until the file shows a status, the decoder's). A
 * linter's `settled()` offset says where anything still to come starts, so what lies before it
 * is final. What is held is the current record's problems and the late ones: a few, whatever
 * the size of the file.
 */
export class DiagnosticOrder {
  private held: Diagnostic[] = [];

  constructor(private readonly out: (d: Diagnostic) => void) {}

  readonly add = (d: Diagnostic): void => {
    this.held.push(d);
  };

  /** Hands on, sorted, everything that starts before `settled`. */
  release(settled: number): void {
    const held = this.held;
    if (held.length === 0) return;
    // (Array.prototype.sort is stable: equal diagnostics keep the order they were found in,
    // as sorting the whole file at the end would.)
    if (held.length > 1) held.sort(compareDiagnostics);
    let n = 0;
    while (n < held.length && held[n].range.start.offset < settled) this.out(held[n++]);
    if (n > 0) this.held = n === held.length ? [] : held.slice(n);
  }

  /** At the end of the input: hands on everything. */
  flush(): void {
    this.release(Infinity);
  }
}
