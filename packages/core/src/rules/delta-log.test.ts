// The delta-coded log against plain arrays: every entry reads back as pushed, in any order of
// reads, across blocks, pages and a hand-over of its state; find() agrees with a linear search.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeltaLog } from './delta-log.js';

const MAX = Number.MAX_SAFE_INTEGER;

/** A step from the previous value: as expected, a little off, far off, or anywhere. */
const step = fc.oneof(
  { weight: 6, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: -300, max: 300 }) },
  { weight: 1, arbitrary: fc.constantFrom(2 ** 27, -(2 ** 27), 2 ** 27 + 1, -(2 ** 27) - 1, 2 ** 31, 2 ** 40) },
  { weight: 1, arbitrary: fc.constantFrom('anywhere' as const) },
);

/** Entries of `width` values in [0, 2^53), each a walk from the previous by `expect` + a step. */
function walk(expectations: number[], steps: (number | 'anywhere')[][], anywhere: number[]): number[][] {
  const last = expectations.map(() => 0);
  let n = 0;
  return steps.map((row) =>
    row.map((s, k) => {
      const v = s === 'anywhere' ? anywhere[n++ % anywhere.length] : last[k] + expectations[k] + s;
      last[k] = Math.min(MAX, Math.max(0, v));
      return last[k];
    }),
  );
}

const logs = fc
  .record({
    expect: fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -1000, max: 1000 })), { minLength: 1, maxLength: 5 }),
    blockSize: fc.integer({ min: 1, max: 9 }),
    anywhere: fc.array(fc.oneof({ weight: 1, arbitrary: fc.nat() }, { weight: 3, arbitrary: fc.constantFrom(0, MAX, 2 ** 32, 2 ** 53 - 2) }), { minLength: 1, maxLength: 8 }),
    rows: fc.integer({ min: 0, max: 200 }),
    cut: fc.nat(),
  })
  .chain((c) =>
    fc.record({
      c: fc.constant(c),
      steps: fc.array(fc.array(step, { minLength: c.expect.length, maxLength: c.expect.length }), { maxLength: c.rows }),
      reads: fc.array(fc.nat(), { maxLength: 60 }),
    }),
  );

function fill(log: DeltaLog, rows: number[][]): void {
  for (const r of rows) {
    log.entry.set(r);
    log.push();
  }
}

describe('DeltaLog', () => {
  it('reads back every entry, in order and at random, across a hand-over of its state', () => {
    fc.assert(
      fc.property(logs, ({ c, steps, reads }) => {
        const rows = walk(c.expect, steps, c.anywhere);
        const cut = rows.length === 0 ? 0 : c.cut % (rows.length + 1);
        const first = new DeltaLog(c.expect, c.blockSize);
        fill(first, rows.slice(0, cut));
        const log = new DeltaLog(c.expect, c.blockSize, first.state());
        fill(log, rows.slice(cut));
        expect(log.length).toBe(rows.length);
        for (let i = 0; i < rows.length; i++) expect(Array.from(log.get(i))).toEqual(rows[i]);
        for (const r of reads) {
          if (rows.length === 0) break;
          const i = r % rows.length;
          expect(Array.from(log.get(i))).toEqual(rows[i]);
        }
        expect(() => log.get(rows.length)).toThrow(RangeError);
      }),
      { numRuns: 600 },
    );
  });

  it('finds a first value as a linear search does, when first values rise', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constantFrom(2 ** 28, 2 ** 33)), { maxLength: 150 }),
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.integer({ min: -2, max: 2 ** 34 }), { maxLength: 40 }),
        (gaps, blockSize, probes) => {
          let v = 5;
          const rows = gaps.map((g) => [(v += g), v % 7]);
          const log = new DeltaLog([1, 0], blockSize);
          fill(log, rows);
          const values = rows.map((r) => r[0]);
          // Probe every value, its neighbours and random numbers, in an order that goes back and forth.
          for (const p of [...values.flatMap((x) => [x, x - 1, x + 1]), ...probes]) {
            const i = log.find(p);
            expect(i).toBe(values.indexOf(p));
            if (i >= 0) expect(Array.from(log.get(i))).toEqual(rows[i]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds a second value as a linear search does, when second values rise', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constant(2 ** 28))), { maxLength: 150 }),
        fc.integer({ min: 1, max: 9 }),
        (pairs, blockSize) => {
          let v = 3;
          const rows = pairs.map(([first, gap]) => [first, (v += gap)]);
          const log = new DeltaLog([1, 1], blockSize);
          fill(log, rows);
          const seconds = rows.map((r) => r[1]);
          for (const p of [...seconds.flatMap((x) => [x, x - 1, x + 1])].reverse()) {
            const i = log.find(p, 1);
            expect(i).toBe(seconds.indexOf(p));
            if (i >= 0) expect(Array.from(log.get(i))).toEqual(rows[i]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads back steps of 2^53 and more from a large expected step', () => {
    // 0 -> MAX less an expected -646 is a step past 2^53, which a double cannot hold exactly.
    for (const x of [-646, 646]) {
      const log = new DeltaLog([x], 8);
      const rows = [[0], [MAX], [0], [MAX], [5]];
      fill(log, rows);
      expect(rows.map((_, i) => log.get(i)[0])).toEqual(rows.map((r) => r[0]));
    }
  });

  it('keeps ids that rise by large gaps in their blocks', () => {
    const log = new DeltaLog([1, 1], 64);
    const rows = Array.from({ length: 10_000 }, (_, i) => [i * (2 ** 28 + 7), i]);
    fill(log, rows);
    const { pages, pos, blockCount } = log.state();
    expect(blockCount).toBe(Math.ceil(rows.length / 64));
    // A head byte and a 5-byte size for each step past 2^28 (a block head took 32 bytes).
    expect(pages.slice(0, -1).reduce((n, p) => n + p.length, pos)).toBeLessThan(rows.length * 6.4);
    const misread = rows.findIndex((r, i) => log.get(i).some((v, k) => v !== r[k]));
    expect(misread).toBe(-1);
    expect(log.find(9_999 * (2 ** 28 + 7))).toBe(9_999);
  });

  it('fits blocks of the largest entries in their pages', () => {
    // Every entry far (2^52 away: 8 bytes) and irregular by 2^27 (5 bytes a value): 19 bytes.
    const log = new DeltaLog([0, 0, 0], 9);
    const rows = Array.from({ length: 20_000 }, (_, i) => [(i % 2) * 2 ** 52, i * 2 ** 27, i * 2 ** 27]);
    fill(log, rows);
    expect(log.state().pages.length).toBeGreaterThan(2);
    const misread = rows.findIndex((r, i) => log.get(i).some((v, k) => v !== r[k]));
    expect(misread).toBe(-1);
  });

  it('spreads a long log over pages and keeps it about a byte a value when entries step as expected', () => {
    const log = new DeltaLog([0, 1, 0], 64);
    const rows: number[][] = [];
    let offset = 0;
    for (let i = 0; i < 300_000; i++) {
      // Record starts 100-250 characters apart, one line each, at column 0; every 1000th off.
      offset += 100 + ((i * 7919) % 151);
      rows.push([offset, i + (i % 1000 === 0 ? 2 : 0), i % 1000 === 0 ? 3 : 0]);
    }
    fill(log, rows);
    const { pages, pos } = log.state();
    expect(pages.length).toBeGreaterThan(1);
    // Two bytes for a start 100-250 characters on; nothing else for a regular entry.
    const bytes = pages.slice(0, -1).reduce((n, p) => n + p.length, pos);
    expect(bytes).toBeLessThan(rows.length * 2.1);
    // Every entry (one compared per thousand only would miss the few at a page's end).
    const misread = rows.findIndex((r, i) => log.get(i).some((v, k) => v !== r[k]));
    expect(misread).toBe(-1);
    for (let i = rows.length - 1; i >= 0; i -= 9973) expect(Array.from(log.get(i))).toEqual(rows[i]);
  });
});
