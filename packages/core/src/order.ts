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
 * is final. Usually what is held is the current record's problems. A JSON or NDJSON file
 * without any status holds everything to its end (its first record may yet get the file's
 * message), hence a heap: each diagnostic costs O(log held), never a sort of all that is held.
 */
export class DiagnosticOrder {
  // A binary heap by position, then by arrival: equal diagnostics keep the order they were
  // found in, as a stable sort of the whole file would.
  private readonly heap: Diagnostic[] = [];
  private readonly seqs: number[] = [];
  private seq = 0;

  constructor(private readonly out: (d: Diagnostic) => void) {}

  readonly add = (d: Diagnostic): void => {
    const heap = this.heap;
    const seqs = this.seqs;
    const seq = this.seq++;
    let i = heap.length;
    heap.push(d);
    seqs.push(seq);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (before(heap[parent], seqs[parent], d, seq)) break;
      heap[i] = heap[parent];
      seqs[i] = seqs[parent];
      i = parent;
    }
    heap[i] = d;
    seqs[i] = seq;
  };

  /** Hands on, sorted, everything that starts before `settled`. */
  release(settled: number): void {
    const heap = this.heap;
    while (heap.length > 0 && heap[0].range.start.offset < settled) this.out(this.pop());
  }

  /** At the end of the input: hands on everything. */
  flush(): void {
    this.release(Infinity);
  }

  private pop(): Diagnostic {
    const heap = this.heap;
    const seqs = this.seqs;
    const top = heap[0];
    const d = heap.pop()!;
    const seq = seqs.pop()!;
    const n = heap.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(heap[child + 1], seqs[child + 1], heap[child], seqs[child])) child++;
      if (before(d, seq, heap[child], seqs[child])) break;
      heap[i] = heap[child];
      seqs[i] = seqs[child];
      i = child;
    }
    heap[i] = d;
    seqs[i] = seq;
    return top;
  }
}

function before(a: Diagnostic, aSeq: number, b: Diagnostic, bSeq: number): boolean {
  return (compareDiagnostics(a, b) || aSeq - bSeq) < 0;
}
