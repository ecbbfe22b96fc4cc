// Differential test: the incremental re-check equals a fresh full lint after every step of long
// random edit sequences on CSV and NDJSON documents (fast-check, fixed seed; a failure prints the
// seed and the shrunk edit sequence to replay it).
import { DEFAULT_CONFIG, resolveConfig, STATUS_NAMES, SUB_STATUS_NAMES } from '@cdrlint/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullSnapshot, relintEdit, type Snapshot } from '../../src/incremental.js';
import { fixtureText } from '../helpers/lsp-client.js';

const SEED = Number(process.env.CDRLINT_SEED ?? 20251127);
const RUNS = Number(process.env.CDRLINT_RUNS ?? 150);

/** An edit: on line `line` (modulo), at column `col` (modulo), delete `del` chars and insert `ins`. */
const editArb = fc.record({
  line: fc.nat(),
  col: fc.nat(),
  del: fc.nat({ max: 10 }),
  ins: fc.oneof(
    fc.constantFrom(...STATUS_NAMES, ...SUB_STATUS_NAMES, 'answered', 'HANGUP', 'VOICEMAIL_COMPLETE', '1002', '4001', '', ',', 'X', '"', '\n', ' ', '16', '2025-13-01'),
    fc.string({ maxLength: 4 }),
  ),
});

function run(base: string, fileName: string, ops: { line: number; col: number; del: number; ins: string }[], stats: { incremental: number; full: number }): void {
  const config = resolveConfig(DEFAULT_CONFIG);
  let snap: Snapshot = fullSnapshot(base, config, fileName);
  for (const op of ops) {
    const text = snap.text;
    const lines = text.split('\n');
    const li = op.line % lines.length;
    const lineStart = lines.slice(0, li).reduce((n, l) => n + l.length + 1, 0);
    const start = lineStart + (op.col % (lines[li].length + 1));
    const end = Math.min(text.length, start + op.del);
    const next = text.slice(0, start) + op.ins + text.slice(end);
    const inc = relintEdit(snap, next, { start, endOld: end, endNew: start + op.ins.length });
    const full = fullSnapshot(next, config, fileName);
    if (inc) {
      stats.incremental++;
      expect(inc.result.diagnostics).toEqual(full.result.diagnostics);
      expect(inc.result.summary).toEqual(full.result.summary);
      expect(inc.index.starts).toEqual(full.index.starts);
      expect(inc.index.ends).toEqual(full.index.ends);
      snap = inc;
    } else {
      stats.full++;
      snap = full;
    }
  }
}

describe('incremental re-check equals a full lint', () => {
  for (const [name, fixture] of [
    ['CSV', 'calls.csv'],
    ['CSV (valid)', 'valid.csv'],
    ['NDJSON', 'calls.ndjson'],
  ] as const) {
    it(`${name}: ${RUNS} random edit sequences`, () => {
      const stats = { incremental: 0, full: 0 };
      fc.assert(
        fc.property(fc.array(editArb, { minLength: 1, maxLength: 30 }), (ops) => run(fixtureText(fixture), fixture, ops, stats)),
        { seed: SEED, numRuns: RUNS },
      );
      // The fast path must actually be exercised, or this test proves nothing. Random edits often
      // break a JSON line (then the full lint runs), so NDJSON takes it less often than CSV.
      expect(stats.incremental).toBeGreaterThan((stats.incremental + stats.full) / 8);
      console.log(`[incremental] ${name}: ${stats.incremental} incremental steps, ${stats.full} full re-lints (seed ${SEED})`);
    }, 120_000);
  }
});
