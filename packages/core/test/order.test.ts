// DiagnosticOrder against the obvious implementation: hold everything, and at each release
// sort it stably and hand on what starts before the offset.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDiagnostics, DiagnosticOrder, type Diagnostic } from '../src/index.js';

function diag(start: number, length: number, ruleId: string, message: string): Diagnostic {
  const at = (offset: number) => ({ offset, line: 0, column: offset });
  return { ruleId, severity: 'error', message, range: { start: at(start), end: at(start + length) } };
}

type Op = { add: [number, number, string] } | { release: number };

const ops = fc.array(
  fc.oneof(
    fc.record({ add: fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3 }), fc.constantFrom('a', 'b', 'c')) }),
    fc.record({ release: fc.integer({ min: 0, max: 45 }) }),
  ),
  { maxLength: 300 },
);

describe('DiagnosticOrder', () => {
  it('hands on what a stable sort of everything held would, at every release', () => {
    fc.assert(
      fc.property(ops, (list: Op[]) => {
        const got: string[] = [];
        const order = new DiagnosticOrder((d) => got.push(d.message));
        let held: Diagnostic[] = [];
        const want: string[] = [];
        list.forEach((op, i) => {
          if ('add' in op) {
            const d = diag(op.add[0], op.add[1], op.add[2], `#${i}`);
            order.add(d);
            held.push(d);
          } else {
            order.release(op.release);
            held = held.sort(compareDiagnostics);
            want.push(...held.filter((d) => d.range.start.offset < op.release).map((d) => d.message));
            held = held.filter((d) => d.range.start.offset >= op.release);
          }
          expect(got).toEqual(want);
        });
        order.flush();
        want.push(...held.sort(compareDiagnostics).map((d) => d.message));
        expect(got).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });
});
